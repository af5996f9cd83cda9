package crdschema

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/field"
)

// props decodes a JSON schema.
func props(t testing.TB, schemaJSON string) *apiobj.JSONSchemaProps {
	t.Helper()
	p := &apiobj.JSONSchemaProps{}
	require.NoError(t, json.Unmarshal([]byte(schemaJSON), p), schemaJSON)
	return p
}

// compile compiles a JSON schema that must compile.
func compile(t testing.TB, schemaJSON string) *Schema {
	t.Helper()
	s, err := Compile(props(t, schemaJSON))
	require.NoError(t, err)
	return s
}

// object decodes a JSON object as apiobj.Unstructured does.
func object(t testing.TB, objJSON string) map[string]any {
	t.Helper()
	u := &apiobj.Unstructured{}
	require.NoError(t, u.UnmarshalJSON([]byte(objJSON)), objJSON)
	return u.Object
}

// fieldSchema wraps the schema of one field, spec.x.
func fieldSchema(x string) string {
	return `{"type":"object","properties":{"spec":{"type":"object","properties":{"x":` + x + `}}}}`
}

func fieldObject(x string) string {
	return `{"apiVersion":"example.com/v1","kind":"Thing","metadata":{"name":"a"},"spec":{"x":` + x + `}}`
}

func errStrings(errs field.ErrorList) []string {
	out := make([]string, 0, len(errs))
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}
