package crdschema

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/orcaproj/orca/apiobj/field"
)

func TestValidateStructural(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		schema string
		want   []string
	}{
		{name: "structural schema",
			schema: `{"type":"object","properties":{
				"metadata":{"type":"object","properties":{"name":{"type":"string","maxLength":20}}},
				"spec":{"type":"object","required":["a"],"properties":{
					"a":{"type":"string","default":"x","enum":["x","y"]},
					"port":{"x-kubernetes-int-or-string":true,"anyOf":[{"type":"integer"},{"type":"string"}]},
					"any":{"x-kubernetes-preserve-unknown-fields":true},
					"list":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],
						"items":{"type":"object","required":["name"],"properties":{"name":{"type":"string"}}}},
					"set":{"type":"array","x-kubernetes-list-type":"set","items":{"type":"string"}},
					"tpl":{"type":"object","x-kubernetes-embedded-resource":true,"x-kubernetes-preserve-unknown-fields":true},
					"m":{"type":"object","x-kubernetes-map-type":"atomic","additionalProperties":{"type":"string"}}},
					"oneOf":[{"required":["a"]},{"properties":{"a":{"minLength":1}}}]}}}`},
		{name: "root type missing",
			schema: `{"properties":{"a":{"type":"string"}}}`,
			want:   []string{`type: Required value: must not be empty at the root`}},
		{name: "root type not object",
			schema: `{"type":"string"}`,
			want:   []string{`type: Invalid value: "string": must be object at the root`}},
		{name: "property type missing",
			schema: fieldSchema(`{"description":"no type"}`),
			want:   []string{`properties[spec].properties[x].type: Required value: must not be empty for specified object fields`}},
		{name: "items type missing",
			schema: fieldSchema(`{"type":"array","items":{}}`),
			want:   []string{`properties[spec].properties[x].items.type: Required value: must not be empty for specified array items`}},
		{name: "array without items",
			schema: fieldSchema(`{"type":"array"}`),
			want:   []string{`properties[spec].properties[x].items: Required value: must be specified`}},
		{name: "additionalProperties with properties",
			schema: fieldSchema(`{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":{"type":"string"}}`),
			want:   []string{`properties[spec].properties[x].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive`}},
		{name: "preserve-unknown-fields false",
			schema: fieldSchema(`{"type":"object","x-kubernetes-preserve-unknown-fields":false}`),
			want:   []string{`properties[spec].properties[x].x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined`}},
		{name: "int-or-string with type",
			schema: fieldSchema(`{"type":"string","x-kubernetes-int-or-string":true}`),
			want:   []string{`properties[spec].properties[x].type: Invalid value: "string": must be empty if x-kubernetes-int-or-string is true`}},
		{name: "embedded resource without properties",
			schema: fieldSchema(`{"type":"object","x-kubernetes-embedded-resource":true}`),
			want:   []string{`properties[spec].properties[x].properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields`}},
		{name: "uniqueItems",
			schema: fieldSchema(`{"type":"array","uniqueItems":true,"items":{"type":"string"}}`),
			want:   []string{`properties[spec].properties[x].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic`}},
		{name: "negative bound",
			schema: fieldSchema(`{"type":"string","maxLength":-1}`),
			want:   []string{`properties[spec].properties[x].maxLength: Invalid value: -1: must be greater than or equal to 0`}},
		{name: "type inside junctor",
			schema: fieldSchema(`{"type":"string","anyOf":[{"type":"string","description":"d","nullable":true}]}`),
			want: []string{
				`properties[spec].properties[x].anyOf[0].type: Forbidden: must be empty to be structural`,
				`properties[spec].properties[x].anyOf[0].description: Forbidden: must be empty to be structural`,
				`properties[spec].properties[x].anyOf[0].nullable: Forbidden: must be false to be structural`}},
		{name: "default inside junctor",
			schema: fieldSchema(`{"type":"string","allOf":[{"default":"a"}]}`),
			want:   []string{`properties[spec].properties[x].allOf[0].default: Forbidden: must be undefined to be structural`}},
		{name: "junctor property not in the structure",
			schema: fieldSchema(`{"type":"object","properties":{"a":{"type":"string"}},"oneOf":[{"properties":{"b":{"minLength":1}}}]}`),
			want:   []string{`properties[spec].properties[x].properties[b]: Required value: because it is defined in properties[spec].properties[x].oneOf[0].properties[b]`}},
		{name: "junctor items not in the structure",
			schema: fieldSchema(`{"type":"object","not":{"items":{"minLength":1}}}`),
			want:   []string{`properties[spec].properties[x].items: Required value: because it is defined in properties[spec].properties[x].not.items`}},
		{name: "metadata restricts more than name",
			schema: `{"type":"object","properties":{"metadata":{"type":"object","properties":{"labels":{"type":"object"}}}}}`,
			want:   []string{`properties[metadata].properties[labels]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified`}},
		{name: "metadata with other keywords",
			schema: `{"type":"object","properties":{"metadata":{"type":"object","required":["name"]}}}`,
			want:   []string{`properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified`}},
		{name: "unknown list type",
			schema: fieldSchema(`{"type":"array","x-kubernetes-list-type":"bag","items":{"type":"string"}}`),
			want:   []string{`properties[spec].properties[x].x-kubernetes-list-type: Unsupported value: "bag": supported values: "atomic", "set", "map"`}},
		{name: "list type on a non-array",
			schema: fieldSchema(`{"type":"string","x-kubernetes-list-type":"set"}`),
			want:   []string{`properties[spec].properties[x].x-kubernetes-list-type: Invalid value: "set": must only be used if type is array`}},
		{name: "set of granular objects",
			schema: fieldSchema(`{"type":"array","x-kubernetes-list-type":"set","items":{"type":"object","properties":{"a":{"type":"string"}}}}`),
			want:   []string{`properties[spec].properties[x].items.x-kubernetes-map-type: Invalid value: null: must be atomic as item of a list with x-kubernetes-list-type=set`}},
		{name: "map list without keys",
			schema: fieldSchema(`{"type":"array","x-kubernetes-list-type":"map","items":{"type":"object","properties":{"a":{"type":"string"}}}}`),
			want:   []string{`properties[spec].properties[x].x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map`}},
		{name: "map list key neither required nor defaulted",
			schema: fieldSchema(`{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["a"],"items":{"type":"object","properties":{"a":{"type":"string"}}}}`),
			want:   []string{`properties[spec].properties[x].items.properties[a].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property`}},
		{name: "map list key not a property",
			schema: fieldSchema(`{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["b"],"items":{"type":"object","properties":{"a":{"type":"string"}}}}`),
			want:   []string{`properties[spec].properties[x].x-kubernetes-list-map-keys: Invalid value: []string{"b"}: entries must all be names of item properties`}},
		{name: "map list key not scalar",
			schema: fieldSchema(`{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["a"],"items":{"type":"object","required":["a"],"properties":{"a":{"type":"object"}}}}`),
			want:   []string{`properties[spec].properties[x].items.properties[a].type: Invalid value: "object": must be a scalar type if parent array's x-kubernetes-list-type is map`}},
		{name: "map list of scalars",
			schema: fieldSchema(`{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["a"],"items":{"type":"string"}}`),
			want:   []string{`properties[spec].properties[x].items.type: Invalid value: "string": must be object if parent array's x-kubernetes-list-type is map`}},
		{name: "list-map-keys without map list",
			schema: fieldSchema(`{"type":"array","x-kubernetes-list-map-keys":["a"],"items":{"type":"string"}}`),
			want:   []string{`properties[spec].properties[x].x-kubernetes-list-map-keys: Forbidden: must not be set if x-kubernetes-list-type is not map`}},
		{name: "map type on a non-object",
			schema: fieldSchema(`{"type":"string","x-kubernetes-map-type":"atomic"}`),
			want:   []string{`properties[spec].properties[x].x-kubernetes-map-type: Invalid value: "atomic": must only be used if type is object`}},
		{name: "invalid default",
			schema: fieldSchema(`{"type":"integer","maximum":10,"default":20}`),
			want:   []string{`properties[spec].properties[x].default: Invalid value: 20: properties[spec].properties[x].default in body should be less than or equal to 10`}},
		{name: "default of the wrong type",
			schema: fieldSchema(`{"type":"integer","default":"one"}`),
			want:   []string{`properties[spec].properties[x].default: Invalid value: "string": properties[spec].properties[x].default in body must be of type integer: "string"`}},
		{name: "default with unknown fields",
			schema: fieldSchema(`{"type":"object","properties":{"a":{"type":"string"}},"default":{"a":"x","b":"y"}}`),
			want:   []string{`properties[spec].properties[x].default: Invalid value: must not have unknown fields: properties[spec].properties[x].default.b`}},
		{name: "default checked after its own defaulting",
			schema: fieldSchema(`{"type":"object","required":["a"],"properties":{"a":{"type":"string","default":"x"}},"default":{}}`)},
		{name: "uncompilable pattern",
			schema: fieldSchema(`{"type":"string","pattern":"(?=a)b"}`),
			want:   []string{`properties[spec].properties[x].pattern: Invalid value: "(?=a)b": must be a valid Go regular expression: error parsing regexp: invalid or unsupported Perl syntax: ` + "`(?=`"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := ValidateStructural(props(t, tt.schema), nil)
			assert.Equal(t, tt.want, nilIfEmpty(errStrings(got)))
		})
	}
}

func TestValidateStructuralPath(t *testing.T) {
	t.Parallel()
	got := ValidateStructural(props(t, `{"type":"object","properties":{"a":{}}}`), field.NewPath("spec", "validation", "openAPIV3Schema"))
	assert.Equal(t, []string{`spec.validation.openAPIV3Schema.properties[a].type: Required value: must not be empty for specified object fields`}, errStrings(got))
	assert.Equal(t, []string{`<nil>: Required value: a schema is required`}, errStrings(ValidateStructural(nil, nil)))
}

func TestValidateDefinition(t *testing.T) {
	t.Parallel()
	crd := crdWith(t, `{"type":"object","properties":{"spec":{"type":"object","properties":{"a":{"type":"array"}}}}}`)
	assert.Equal(t, []string{`spec.versions[1].schema.openAPIV3Schema.properties[spec].properties[a].items: Required value: must be specified`},
		errStrings(ValidateDefinition(crd)))
}
