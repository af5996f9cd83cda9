package crdschema_test

import (
	"encoding/json"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/field"
	"github.com/orcaproj/orca/apiserver/crdschema"
	"github.com/orcaproj/orca/apiserver/registry"
)

var _ registry.CRSchemaValidator = (*crdschema.Validator)(nil)

func unstructured(t *testing.T, s string) *apiobj.Unstructured {
	t.Helper()
	u := &apiobj.Unstructured{}
	require.NoError(t, u.UnmarshalJSON([]byte(s)))
	return u
}

func schemaProps(t *testing.T, s string) *apiobj.JSONSchemaProps {
	t.Helper()
	p := &apiobj.JSONSchemaProps{}
	require.NoError(t, json.Unmarshal([]byte(s), p))
	return p
}

func TestValidatorValidateCustomResource(t *testing.T) {
	t.Parallel()
	props := schemaProps(t, `{"type":"object","properties":{"spec":{"type":"object","properties":{
		"replicas":{"type":"integer","maximum":10},
		"name":{"type":"string","pattern":"^(?!bad)"}}}}}`)
	v := crdschema.NewValidator()

	s1, err1 := v.Schema(props)
	s2, err2 := v.Schema(props)
	require.NotNil(t, s1)
	assert.Same(t, s1, s2, "a schema is compiled once")
	require.Error(t, err1)
	assert.Equal(t, err1, err2)
	assert.Contains(t, err1.Error(), "properties[spec].properties[name].pattern")

	tests := []struct {
		name string
		obj  string
		old  string
		want []string
	}{
		{name: "valid create", obj: `{"spec":{"replicas":3}}`},
		{name: "invalid create", obj: `{"spec":{"replicas":11}}`,
			want: []string{`spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10`}},
		{name: "ratcheted update", obj: `{"metadata":{"resourceVersion":"2"},"spec":{"replicas":11}}`, old: `{"spec":{"replicas":11}}`},
		{name: "a field the schema cannot evaluate is an internal error",
			obj:  `{"spec":{"replicas":1,"name":"x"}}`,
			want: []string{`spec.name: Internal error: the schema cannot be evaluated here: openAPIV3Schema.properties[spec].properties[name].pattern: Invalid value: "^(?!bad)": must be a valid Go regular expression: error parsing regexp: invalid or unsupported Perl syntax: ` + "`(?!`"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var old *apiobj.Unstructured
			if tt.old != "" {
				old = unstructured(t, tt.old)
			}
			got := v.ValidateCustomResource(props, unstructured(t, tt.obj), old)
			var s []string
			for _, e := range got {
				s = append(s, e.Error())
			}
			assert.Equal(t, tt.want, s)
		})
	}
}

func TestValidatorNilArguments(t *testing.T) {
	t.Parallel()
	v := crdschema.NewValidator()
	assert.Empty(t, v.ValidateCustomResource(nil, &apiobj.Unstructured{}, nil))
	_, err := v.Schema(nil)
	assert.Error(t, err)
	assert.Empty(t, v.ValidateCustomResource(schemaProps(t, `{"type":"object"}`), nil, nil))
	assert.Empty(t, v.ValidateCustomResource(schemaProps(t, `{"type":"object"}`), &apiobj.Unstructured{}, &apiobj.Unstructured{}))
}

func TestValidatorConcurrentUse(t *testing.T) {
	t.Parallel()
	v := crdschema.NewValidator()
	schemas := []*apiobj.JSONSchemaProps{
		schemaProps(t, `{"type":"object","properties":{"spec":{"type":"object","required":["b"]}}}`),
		schemaProps(t, `{"type":"object","properties":{"spec":{"type":"object","properties":{"a":{"type":"integer"}}}}}`),
	}
	obj := unstructured(t, `{"spec":{"a":"x"}}`)
	want := [][]string{{"spec.b: Required value"}, {`spec.a: Invalid value: "string": spec.a in body must be of type integer: "string"`}}
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			for j := range 50 {
				k := (i + j) % 2
				got := v.ValidateCustomResource(schemas[k], obj, nil)
				if assert.Len(t, got, 1) {
					assert.Equal(t, want[k][0], got[0].Error())
				}
			}
		})
	}
	wg.Wait()
}

func TestValidatorDoesNotModifyObjects(t *testing.T) {
	t.Parallel()
	v := crdschema.NewValidator()
	props := schemaProps(t, `{"type":"object","properties":{"spec":{"type":"object","properties":{"a":{"type":"string","default":"x"}}}}}`)
	obj := unstructured(t, `{"spec":{"b":null}}`)
	before := obj.DeepCopy()
	_ = v.ValidateCustomResource(props, obj, nil)
	assert.Equal(t, before, obj)
	var errs field.ErrorList = v.ValidateCustomResource(props, obj, before)
	assert.Empty(t, errs)
}
