package crdschema

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj/field"
)

func TestValidateKeywords(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		schema string // the schema of spec.x
		value  string // the JSON value of spec.x
		want   []string
	}{
		// type
		{name: "integer accepts int64", schema: `{"type":"integer"}`, value: `3`},
		{name: "integer accepts integral float", schema: `{"type":"integer"}`, value: `3.0`},
		{name: "integer rejects fraction", schema: `{"type":"integer"}`, value: `3.5`,
			want: []string{`spec.x: Invalid value: "number": spec.x in body must be of type integer: "number"`}},
		{name: "integer rejects string", schema: `{"type":"integer"}`, value: `"3"`,
			want: []string{`spec.x: Invalid value: "string": spec.x in body must be of type integer: "string"`}},
		{name: "number accepts integer", schema: `{"type":"number"}`, value: `3`},
		{name: "number rejects boolean", schema: `{"type":"number"}`, value: `true`,
			want: []string{`spec.x: Invalid value: "boolean": spec.x in body must be of type number: "boolean"`}},
		{name: "string rejects integer", schema: `{"type":"string"}`, value: `1`,
			want: []string{`spec.x: Invalid value: "integer": spec.x in body must be of type string: "integer"`}},
		{name: "boolean rejects string", schema: `{"type":"boolean"}`, value: `"true"`,
			want: []string{`spec.x: Invalid value: "string": spec.x in body must be of type boolean: "string"`}},
		{name: "object rejects array", schema: `{"type":"object"}`, value: `[]`,
			want: []string{`spec.x: Invalid value: "array": spec.x in body must be of type object: "array"`}},
		{name: "array rejects object", schema: `{"type":"array","items":{"type":"string"}}`, value: `{}`,
			want: []string{`spec.x: Invalid value: "object": spec.x in body must be of type array: "object"`}},
		{name: "type error stops further checks", schema: `{"type":"string","minLength":3,"enum":["a"]}`, value: `1`,
			want: []string{`spec.x: Invalid value: "integer": spec.x in body must be of type string: "integer"`}},

		// nullable
		{name: "null rejected when not nullable", schema: `{"type":"string"}`, value: `null`,
			want: []string{`spec.x: Invalid value: "null": spec.x in body must be of type string: "null"`}},
		{name: "null accepted when nullable", schema: `{"type":"string","nullable":true,"minLength":2}`, value: `null`},
		{name: "untyped null accepted", schema: `{"x-kubernetes-preserve-unknown-fields":true}`, value: `null`},

		// enum
		{name: "enum accepts member", schema: `{"type":"string","enum":["fast","slow"]}`, value: `"fast"`},
		{name: "enum rejects other", schema: `{"type":"string","enum":["fast","slow"]}`, value: `"x"`,
			want: []string{`spec.x: Unsupported value: "x": supported values: "fast", "slow"`}},
		{name: "enum compares numbers by value", schema: `{"type":"number","enum":[1,2.5]}`, value: `1.0`},
		{name: "enum lists non-strings as JSON", schema: `{"type":"integer","enum":[1,2]}`, value: `3`,
			want: []string{`spec.x: Unsupported value: 3: supported values: "1", "2"`}},
		{name: "enum of objects", schema: `{"type":"object","x-kubernetes-preserve-unknown-fields":true,"enum":[{"a":1}]}`, value: `{"a":1.0}`},

		// minimum, maximum
		{name: "maximum inclusive ok", schema: `{"type":"integer","maximum":10}`, value: `10`},
		{name: "maximum", schema: `{"type":"integer","maximum":10}`, value: `11`,
			want: []string{`spec.x: Invalid value: 11: spec.x in body should be less than or equal to 10`}},
		{name: "exclusiveMaximum", schema: `{"type":"integer","maximum":10,"exclusiveMaximum":true}`, value: `10`,
			want: []string{`spec.x: Invalid value: 10: spec.x in body should be less than 10`}},
		{name: "minimum", schema: `{"type":"number","minimum":1.5}`, value: `1`,
			want: []string{`spec.x: Invalid value: 1: spec.x in body should be greater than or equal to 1.5`}},
		{name: "exclusiveMinimum", schema: `{"type":"number","minimum":0,"exclusiveMinimum":true}`, value: `0`,
			want: []string{`spec.x: Invalid value: 0: spec.x in body should be greater than 0`}},
		{name: "minimum ok", schema: `{"type":"number","minimum":0,"exclusiveMinimum":true}`, value: `0.001`},

		// multipleOf
		{name: "multipleOf integer ok", schema: `{"type":"integer","multipleOf":5}`, value: `15`},
		{name: "multipleOf integer", schema: `{"type":"integer","multipleOf":5}`, value: `12`,
			want: []string{`spec.x: Invalid value: 12: spec.x in body should be a multiple of 5`}},
		{name: "multipleOf float within rounding", schema: `{"type":"number","multipleOf":0.1}`, value: `0.3`},
		{name: "multipleOf float", schema: `{"type":"number","multipleOf":0.1}`, value: `0.25`,
			want: []string{`spec.x: Invalid value: 0.25: spec.x in body should be a multiple of 0.1`}},

		// minLength, maxLength (characters, not bytes)
		{name: "maxLength counts runes", schema: `{"type":"string","maxLength":5}`, value: `"héllo"`},
		{name: "maxLength", schema: `{"type":"string","maxLength":5}`, value: `"héllo!"`,
			want: []string{`spec.x: Too long: may not be more than 5 bytes`}},
		{name: "minLength", schema: `{"type":"string","minLength":3}`, value: `"ab"`,
			want: []string{`spec.x: Invalid value: "ab": spec.x in body should be at least 3 chars long`}},

		// pattern
		{name: "pattern ok", schema: `{"type":"string","pattern":"^[a-z]+$"}`, value: `"abc"`},
		{name: "pattern unanchored", schema: `{"type":"string","pattern":"b"}`, value: `"abc"`},
		{name: "pattern", schema: `{"type":"string","pattern":"^[a-z]+$"}`, value: `"aB"`,
			want: []string{`spec.x: Invalid value: "aB": spec.x in body should match '^[a-z]+$'`}},

		// format (see also TestFormats)
		{name: "format", schema: `{"type":"string","format":"email"}`, value: `"nope"`,
			want: []string{`spec.x: Invalid value: "nope": spec.x in body must be of type email: "nope"`}},
		{name: "unknown format ignored", schema: `{"type":"string","format":"k8s-whatever"}`, value: `"anything"`},
		{name: "numeric format not checked", schema: `{"type":"integer","format":"int32"}`, value: `4294967296`},

		// items, minItems, maxItems, uniqueItems
		{name: "items", schema: `{"type":"array","items":{"type":"string"}}`, value: `["a",1]`,
			want: []string{`spec.x[1]: Invalid value: "integer": spec.x[1] in body must be of type string: "integer"`}},
		{name: "maxItems", schema: `{"type":"array","items":{"type":"string"},"maxItems":1}`, value: `["a","b"]`,
			want: []string{`spec.x: Too many: 2: must have at most 1 items`}},
		{name: "minItems", schema: `{"type":"array","items":{"type":"string"},"minItems":2}`, value: `["a"]`,
			want: []string{`spec.x: Invalid value: 1: spec.x in body should have at least 2 items`}},
		{name: "uniqueItems ok", schema: `{"type":"array","items":{"type":"integer"},"uniqueItems":true}`, value: `[1,2]`},
		{name: "uniqueItems", schema: `{"type":"array","items":{"type":"integer"},"uniqueItems":true}`, value: `[1,2,1.0]`,
			want: []string{`spec.x[2]: Invalid value: 1: spec.x in body shouldn't contain duplicates`}},

		// properties, required, additionalProperties, min/maxProperties
		{name: "nested property", schema: `{"type":"object","properties":{"a":{"type":"integer"}}}`, value: `{"a":"s"}`,
			want: []string{`spec.x.a: Invalid value: "string": spec.x.a in body must be of type integer: "string"`}},
		{name: "required", schema: `{"type":"object","required":["a","b"],"properties":{"a":{"type":"string"},"b":{"type":"string"}}}`, value: `{"b":"s"}`,
			want: []string{`spec.x.a: Required value`}},
		{name: "required satisfied by null (then type-checked)", schema: `{"type":"object","required":["a"],"properties":{"a":{"type":"string","nullable":true}}}`, value: `{"a":null}`},
		{name: "additionalProperties schema", schema: `{"type":"object","additionalProperties":{"type":"string"}}`, value: `{"a":"s","b":2}`,
			want: []string{`spec.x.b: Invalid value: "integer": spec.x.b in body must be of type string: "integer"`}},
		{name: "additionalProperties false", schema: `{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":false}`, value: `{"a":"s","b":2}`,
			want: []string{`spec.x: Invalid value: "b": spec.x.b in body is a forbidden property`}},
		{name: "unknown fields pass validation", schema: `{"type":"object","properties":{"a":{"type":"string"}}}`, value: `{"b":2}`},
		{name: "maxProperties", schema: `{"type":"object","additionalProperties":{"type":"string"},"maxProperties":1}`, value: `{"a":"1","b":"2"}`,
			want: []string{`spec.x: Too many: 2: must have at most 1 items`}},
		{name: "minProperties", schema: `{"type":"object","additionalProperties":{"type":"string"},"minProperties":2}`, value: `{"a":"1"}`,
			want: []string{`spec.x: Invalid value: 1: spec.x in body should have at least 2 properties`}},

		// allOf, anyOf, oneOf, not
		{name: "allOf", schema: `{"type":"integer","allOf":[{"minimum":1},{"maximum":5}]}`, value: `7`,
			want: []string{`spec.x: Invalid value: 7: spec.x in body should be less than or equal to 5`}},
		{name: "anyOf ok", schema: `{"type":"string","anyOf":[{"pattern":"^a"},{"pattern":"^b"}]}`, value: `"bc"`},
		{name: "anyOf", schema: `{"type":"string","anyOf":[{"pattern":"^a"},{"pattern":"^b"}]}`, value: `"c"`,
			want: []string{`spec.x: Invalid value: "c": "spec.x" must validate at least one schema (anyOf)`}},
		{name: "oneOf ok", schema: `{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}},"oneOf":[{"required":["a"]},{"required":["b"]}]}`, value: `{"a":"1"}`},
		{name: "oneOf none", schema: `{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}},"oneOf":[{"required":["a"]},{"required":["b"]}]}`, value: `{}`,
			want: []string{`spec.x: Invalid value: "spec.x" must validate one and only one schema (oneOf). Found none valid`}},
		{name: "oneOf both", schema: `{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}},"oneOf":[{"required":["a"]},{"required":["b"]}]}`, value: `{"a":"1","b":"2"}`,
			want: []string{`spec.x: Invalid value: "spec.x" must validate one and only one schema (oneOf). Found 2 valid alternatives`}},
		{name: "not", schema: `{"type":"string","not":{"enum":["forbidden"]}}`, value: `"forbidden"`,
			want: []string{`spec.x: Invalid value: "forbidden": "spec.x" must not validate the schema (not)`}},
		{name: "junctor properties validate values", schema: `{"type":"object","properties":{"a":{"type":"integer"}},"allOf":[{"properties":{"a":{"maximum":3}}}]}`, value: `{"a":4}`,
			want: []string{`spec.x.a: Invalid value: 4: spec.x.a in body should be less than or equal to 3`}},

		// x-kubernetes-int-or-string
		{name: "int-or-string integer", schema: `{"x-kubernetes-int-or-string":true}`, value: `8080`},
		{name: "int-or-string string", schema: `{"x-kubernetes-int-or-string":true}`, value: `"http"`},
		{name: "int-or-string rejects boolean", schema: `{"x-kubernetes-int-or-string":true}`, value: `true`,
			want: []string{`spec.x: Invalid value: "boolean": spec.x in body must be of type integer,string: "boolean"`}},
		{name: "int-or-string with anyOf pattern", schema: `{"x-kubernetes-int-or-string":true,"anyOf":[{"type":"integer"},{"type":"string","pattern":"^[0-9]+%$"}]}`, value: `"50%"`},
		{name: "int-or-string anyOf rejects", schema: `{"x-kubernetes-int-or-string":true,"anyOf":[{"type":"integer"},{"type":"string","pattern":"^[0-9]+%$"}]}`, value: `"half"`,
			want: []string{`spec.x: Invalid value: "half": "spec.x" must validate at least one schema (anyOf)`}},

		// x-kubernetes-preserve-unknown-fields
		{name: "preserve accepts anything", schema: `{"type":"object","x-kubernetes-preserve-unknown-fields":true}`, value: `{"a":{"b":[1,"x",null]}}`},
		{name: "preserve still validates known", schema: `{"type":"object","x-kubernetes-preserve-unknown-fields":true,"properties":{"a":{"type":"string"}}}`, value: `{"a":1,"b":2}`,
			want: []string{`spec.x.a: Invalid value: "integer": spec.x.a in body must be of type string: "integer"`}},

		// x-kubernetes-embedded-resource
		{name: "embedded ok", schema: `{"type":"object","x-kubernetes-embedded-resource":true,"x-kubernetes-preserve-unknown-fields":true}`,
			value: `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{}}`},
		{name: "embedded requires apiVersion and kind", schema: `{"type":"object","x-kubernetes-embedded-resource":true,"x-kubernetes-preserve-unknown-fields":true}`,
			value: `{"metadata":{}}`,
			want:  []string{`spec.x.apiVersion: Required value: must not be empty`, `spec.x.kind: Required value: must not be empty`}},
		{name: "embedded metadata", schema: `{"type":"object","x-kubernetes-embedded-resource":true,"x-kubernetes-preserve-unknown-fields":true}`,
			value: `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"Bad_Name"}}`,
			want:  []string{`spec.x.metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`}},
		{name: "embedded metadata must be an object", schema: `{"type":"object","x-kubernetes-embedded-resource":true,"x-kubernetes-preserve-unknown-fields":true}`,
			value: `{"apiVersion":"v1","kind":"Pod","metadata":"x"}`,
			want:  []string{`spec.x.metadata: Invalid value: "string": spec.x.metadata in body must be of type object: "string"`}},

		// x-kubernetes-list-type
		{name: "set ok", schema: `{"type":"array","x-kubernetes-list-type":"set","items":{"type":"string"}}`, value: `["a","b"]`},
		{name: "set duplicate", schema: `{"type":"array","x-kubernetes-list-type":"set","items":{"type":"string"}}`, value: `["a","b","a"]`,
			want: []string{`spec.x[2]: Duplicate value: "a"`}},
		{name: "map ok", schema: `{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name","proto"],
			"items":{"type":"object","required":["name","proto"],"properties":{"name":{"type":"string"},"proto":{"type":"string"}}}}`,
			value: `[{"name":"a","proto":"TCP"},{"name":"a","proto":"UDP"}]`},
		{name: "map duplicate", schema: `{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name","proto"],
			"items":{"type":"object","required":["name","proto"],"properties":{"name":{"type":"string"},"proto":{"type":"string"},"port":{"type":"integer"}}}}`,
			value: `[{"name":"a","proto":"TCP","port":1},{"name":"a","proto":"TCP","port":2}]`,
			want:  []string{`spec.x[1]: Duplicate value: map[string]interface {}{"name":"a", "proto":"TCP"}`}},
		{name: "atomic allows duplicates", schema: `{"type":"array","x-kubernetes-list-type":"atomic","items":{"type":"string"}}`, value: `["a","a"]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := compile(t, fieldSchema(tt.schema))
			errs := s.Validate(object(t, fieldObject(tt.value)))
			assert.Equal(t, tt.want, nilIfEmpty(errStrings(errs)))
		})
	}
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

func TestValidateErrorTypes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		schema string
		value  string
		want   field.ErrorType
	}{
		{name: "type", schema: `{"type":"integer"}`, value: `"a"`, want: field.ErrorTypeTypeInvalid},
		{name: "format", schema: `{"type":"string","format":"uuid"}`, value: `"a"`, want: field.ErrorTypeTypeInvalid},
		{name: "enum", schema: `{"type":"string","enum":["b"]}`, value: `"a"`, want: field.ErrorTypeNotSupported},
		{name: "maximum", schema: `{"type":"integer","maximum":1}`, value: `2`, want: field.ErrorTypeInvalid},
		{name: "maxLength", schema: `{"type":"string","maxLength":1}`, value: `"ab"`, want: field.ErrorTypeTooLong},
		{name: "maxItems", schema: `{"type":"array","items":{"type":"string"},"maxItems":0}`, value: `["a"]`, want: field.ErrorTypeTooMany},
		{name: "required", schema: `{"type":"object","required":["a"]}`, value: `{}`, want: field.ErrorTypeRequired},
		{name: "set", schema: `{"type":"array","x-kubernetes-list-type":"set","items":{"type":"string"}}`, value: `["a","a"]`, want: field.ErrorTypeDuplicate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			errs := compile(t, fieldSchema(tt.schema)).Validate(object(t, fieldObject(tt.value)))
			require.Len(t, errs, 1)
			assert.Equal(t, tt.want, errs[0].Type)
		})
	}
}

func TestFormats(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		format string
		good   []string
		bad    []string
	}{
		{name: "byte", format: "byte", good: []string{"aGVsbG8=", ""}, bad: []string{"hello!"}},
		{name: "date", format: "date", good: []string{"2024-02-29"}, bad: []string{"2023-02-29", "2024-1-1", "2024-01-01T00:00:00Z"}},
		{name: "date-time", format: "date-time", good: []string{"2024-01-01T10:00:00Z", "2024-01-01T10:00:00.123+02:00", "2024-01-01t10:00:00z"}, bad: []string{"2024-01-01", "2024-01-01 10:00:00"}},
		{name: "uri", format: "uri", good: []string{"https://example.com/a?b=c", "/relative/path"}, bad: []string{"not a uri", ""}},
		{name: "email", format: "email", good: []string{"a@example.com", "Name <a@example.com>"}, bad: []string{"a.example.com"}},
		{name: "hostname", format: "hostname", good: []string{"example.com", "a-b.c", "localhost"}, bad: []string{"-a.com", "a..b", "a_b.com", ""}},
		{name: "ipv4", format: "ipv4", good: []string{"10.0.0.1"}, bad: []string{"::1", "10.0.0", "10.0.0.256"}},
		{name: "ipv6", format: "ipv6", good: []string{"::1", "fe80::1"}, bad: []string{"10.0.0.1", "fe80:::1"}},
		{name: "cidr", format: "cidr", good: []string{"10.0.0.0/8", "fd00::/64"}, bad: []string{"10.0.0.0", "10.0.0.0/33"}},
		{name: "mac", format: "mac", good: []string{"00:1a:2b:3c:4d:5e"}, bad: []string{"00:1a:2b"}},
		{name: "uuid", format: "uuid", good: []string{"123e4567-e89b-12d3-a456-426614174000", "123E4567E89B12D3A456426614174000"}, bad: []string{"123e4567-e89b-12d3-a456"}},
		{name: "uuid4", format: "uuid4", good: []string{"123e4567-e89b-42d3-a456-426614174000"}, bad: []string{"123e4567-e89b-12d3-a456-426614174000"}},
		{name: "duration", format: "duration", good: []string{"1h30m", "22 ns", "3d", "2 weeks", "1.5h"}, bad: []string{"soon", "3 fortnights", ""}},
		{name: "password", format: "password", good: []string{"", "anything at all"}},
		{name: "bsonobjectid", format: "bsonobjectid", good: []string{"507f1f77bcf86cd799439011"}, bad: []string{"507f1f77"}},
		{name: "hexcolor", format: "hexcolor", good: []string{"#fff", "A0B1C2"}, bad: []string{"#ffff"}},
		{name: "int32 is not a string format", format: "int32", good: []string{"anything"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, s := range tt.good {
				assert.True(t, checkFormat(tt.format, s), "%s should accept %q", tt.format, s)
			}
			for _, s := range tt.bad {
				assert.False(t, checkFormat(tt.format, s), "%s should reject %q", tt.format, s)
			}
		})
	}
}

func TestValidateRoot(t *testing.T) {
	t.Parallel()
	const schema = `{"type":"object","required":["spec"],"properties":{
		"metadata":{"type":"object","properties":{"name":{"type":"string","maxLength":5}}},
		"spec":{"type":"object"}}}`
	tests := []struct {
		name string
		obj  string
		want []string
	}{
		{name: "apiVersion and kind are not checked", obj: `{"apiVersion":1,"kind":[],"metadata":{"name":"a"},"spec":{}}`},
		{name: "metadata must be an object", obj: `{"metadata":"x","spec":{}}`,
			want: []string{`metadata: Invalid value: "string": metadata in body must be of type object: "string"`}},
		{name: "metadata name restriction", obj: `{"metadata":{"name":"toolong"},"spec":{}}`,
			want: []string{`metadata.name: Too long: may not be more than 5 bytes`}},
		{name: "other metadata is left alone", obj: `{"metadata":{"name":"a","labels":{"a":"b"},"whatever":1},"spec":{}}`},
		{name: "required at the root", obj: `{"metadata":{"name":"a"}}`, want: []string{`spec: Required value`}},
	}
	s := compile(t, schema)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, nilIfEmpty(errStrings(s.Validate(object(t, tt.obj)))))
		})
	}
}

func TestValidateDoesNotModify(t *testing.T) {
	t.Parallel()
	s := compile(t, fieldSchema(`{"type":"object","properties":{"a":{"type":"string","default":"d"}},"required":["b"]}`))
	obj := object(t, fieldObject(`{"c":null}`))
	want := object(t, fieldObject(`{"c":null}`))
	_ = s.Validate(obj)
	assert.Equal(t, want, obj)
}

func TestValidateUpdateRatcheting(t *testing.T) {
	t.Parallel()
	const schema = `{"type":"object","properties":{"spec":{"type":"object","required":["r"],"properties":{
		"r":{"type":"string"},
		"max":{"type":"integer","maximum":10},
		"name":{"type":"string","pattern":"^[a-z]+$"},
		"ports":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],
			"items":{"type":"object","required":["name"],"properties":{"name":{"type":"string"},"port":{"type":"integer","maximum":100}}}},
		"tags":{"type":"array","items":{"type":"string","maxLength":3}}}}}}`
	tests := []struct {
		name string
		old  string
		obj  string
		want []string
	}{
		{name: "unchanged invalid value is allowed",
			old: `{"spec":{"r":"x","max":11,"name":"A"}}`, obj: `{"spec":{"r":"y","max":11,"name":"A"}}`},
		{name: "changed invalid value is reported",
			old: `{"spec":{"r":"x","max":11}}`, obj: `{"spec":{"r":"x","max":12}}`,
			want: []string{`spec.max: Invalid value: 12: spec.max in body should be less than or equal to 10`}},
		{name: "new invalid value is reported",
			old: `{"spec":{"r":"x"}}`, obj: `{"spec":{"r":"x","name":"A"}}`,
			want: []string{`spec.name: Invalid value: "A": spec.name in body should match '^[a-z]+$'`}},
		{name: "required is never ratcheted",
			old: `{"spec":{"max":1}}`, obj: `{"spec":{"max":1}}`,
			want: []string{`spec.r: Required value`}},
		{name: "map list items are matched by key",
			old: `{"spec":{"r":"x","ports":[{"name":"a","port":200},{"name":"b","port":1}]}}`,
			obj: `{"spec":{"r":"x","ports":[{"name":"b","port":2},{"name":"a","port":200}]}}`},
		{name: "changed map list item is reported",
			old:  `{"spec":{"r":"x","ports":[{"name":"a","port":200}]}}`,
			obj:  `{"spec":{"r":"x","ports":[{"name":"a","port":300}]}}`,
			want: []string{`spec.ports[0].port: Invalid value: 300: spec.ports[0].port in body should be less than or equal to 100`}},
		{name: "atomic list items are not matched by index",
			old:  `{"spec":{"r":"x","tags":["toolong","a"]}}`,
			obj:  `{"spec":{"r":"x","tags":["toolong","b"]}}`,
			want: []string{`spec.tags[0]: Too long: may not be more than 3 bytes`}},
		{name: "unchanged atomic list is allowed",
			old: `{"spec":{"r":"x","tags":["toolong"]}}`,
			obj: `{"spec":{"r":"y","tags":["toolong"]}}`},
	}
	s := compile(t, schema)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := s.ValidateUpdate(object(t, tt.obj), object(t, tt.old))
			assert.Equal(t, tt.want, nilIfEmpty(errStrings(got)))
		})
	}
}

func TestUnevaluatedRules(t *testing.T) {
	t.Parallel()
	s := compile(t, `{"type":"object","x-kubernetes-validations":[{"rule":"has(self.spec)"}],"properties":{"spec":{"type":"object",
		"properties":{
			"min":{"type":"integer"},
			"max":{"type":"integer"},
			"tags":{"type":"array","items":{"type":"string","x-kubernetes-validations":[{"rule":"self != 'x'","message":"no x"}]}},
			"extra":{"type":"object","additionalProperties":{"type":"string","x-kubernetes-validations":[{"rule":"size(self) < 5"}]}}},
		"x-kubernetes-validations":[{"rule":"self.min <= self.max","message":"min must not exceed max"}]}}}`)
	got := s.UnevaluatedRules()
	var paths, rules []string
	for _, r := range got {
		paths = append(paths, r.Path)
		rules = append(rules, r.Rule)
	}
	assert.Equal(t, []string{"", "spec", "spec.extra.*", "spec.tags[*]"}, paths)
	assert.Equal(t, []string{"has(self.spec)", "self.min <= self.max", "size(self) < 5", "self != 'x'"}, rules)
	assert.Equal(t, "min must not exceed max", got[1].Message)

	// The rules are neither run nor reported as failures.
	assert.Empty(t, s.Validate(object(t, `{"spec":{"min":5,"max":1,"tags":["x"]}}`)))

	// The returned slice is a copy.
	got[0].Rule = "changed"
	assert.Equal(t, "has(self.spec)", s.UnevaluatedRules()[0].Rule)
}
