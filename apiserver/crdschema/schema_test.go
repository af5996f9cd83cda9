package crdschema

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
)

func crdWith(t *testing.T, schemaJSON string) *apiobj.CustomResourceDefinition {
	t.Helper()
	crd := &apiobj.CustomResourceDefinition{
		ObjectMeta: apiobj.ObjectMeta{Name: "things.example.com"},
		Spec: apiobj.CustomResourceDefinitionSpec{
			Group: "example.com",
			Versions: []apiobj.CustomResourceDefinitionVersion{
				{Name: "v1alpha1", Served: true},
				{Name: "v1", Served: true, Storage: true},
			},
		},
	}
	if schemaJSON != "" {
		crd.Spec.Versions[1].Schema = &apiobj.CustomResourceValidation{OpenAPIV3Schema: props(t, schemaJSON)}
	}
	return crd
}

func TestNew(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		schema  string
		version string
		wantErr error
		errText string
	}{
		{name: "compiles", schema: fieldSchema(`{"type":"string","pattern":"^a"}`), version: "v1"},
		{name: "unknown version", schema: `{"type":"object"}`, version: "v2", wantErr: errdefs.ErrNotFound, errText: `has no version "v2"`},
		{name: "no schema", version: "v1", wantErr: errdefs.ErrInvalid, errText: "has no openAPIV3Schema"},
		{name: "lookahead pattern", schema: fieldSchema(`{"type":"string","pattern":"^(?!x)"}`), version: "v1", wantErr: errdefs.ErrInvalid,
			errText: `spec.versions[1].schema.openAPIV3Schema.properties[spec].properties[x].pattern: Invalid value: "^(?!x)": must be a valid Go regular expression`},
		{name: "backreference pattern", schema: fieldSchema(`{"type":"string","pattern":"(a)\\1"}`), version: "v1", wantErr: errdefs.ErrInvalid, errText: "pattern"},
		{name: "$ref", schema: fieldSchema(`{"$ref":"#/definitions/a"}`), version: "v1", wantErr: errdefs.ErrInvalid, errText: "$ref is not supported"},
		{name: "patternProperties", schema: fieldSchema(`{"type":"object","patternProperties":{"^a":{"type":"string"}}}`), version: "v1", wantErr: errdefs.ErrInvalid, errText: "patternProperties are not supported"},
		{name: "items array", schema: fieldSchema(`{"type":"array","items":[{"type":"string"}]}`), version: "v1", wantErr: errdefs.ErrInvalid, errText: "items must be a schema object and not an array"},
		{name: "unknown type", schema: fieldSchema(`{"type":"date"}`), version: "v1", wantErr: errdefs.ErrInvalid, errText: `Unsupported value: "date"`},
		{name: "multipleOf zero", schema: fieldSchema(`{"type":"number","multipleOf":0}`), version: "v1", wantErr: errdefs.ErrInvalid, errText: "must be greater than zero"},
		{name: "dependencies", schema: fieldSchema(`{"type":"object","dependencies":{"a":["b"]}}`), version: "v1", wantErr: errdefs.ErrInvalid, errText: "dependencies are not supported"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := New(crdWith(t, tt.schema), tt.version)
			if tt.wantErr == nil {
				require.NoError(t, err)
				require.NotNil(t, s)
				return
			}
			require.Error(t, err)
			assert.True(t, errors.Is(err, tt.wantErr), "%v should wrap %v", err, tt.wantErr)
			assert.Contains(t, err.Error(), tt.errText)
		})
	}
}

func TestCompileNil(t *testing.T) {
	t.Parallel()
	_, err := Compile(nil)
	assert.ErrorIs(t, err, errdefs.ErrInvalid)
}

func TestCronTabManifest(t *testing.T) {
	t.Parallel()
	crd := loadCRDFile(t, "../../apiobj/testdata/manifests/crd.yaml")
	assert.Empty(t, ValidateDefinition(crd))
	s, err := New(crd, "v1")
	require.NoError(t, err)

	obj := loadObjectFile(t, "../../apiobj/testdata/manifests/crontab.yaml")
	assert.Equal(t, []string{"spec.ratio"}, s.Prune(obj))
	s.Default(obj)
	assert.Empty(t, s.Validate(obj))
	assert.Equal(t, map[string]any{"nested": map[string]any{"list": []any{int64(1), 2.5, "x", true, nil}}},
		obj["spec"].(map[string]any)["anything"], "preserved fields survive")

	tests := []struct {
		name string
		spec string
		want []string
	}{
		{name: "valid", spec: `{"cronSpec":"*/5 * * * *","replicas":10,"mode":"slow","tags":["a"],"extra":{"k":"v"}}`},
		{name: "bad cronSpec", spec: `{"cronSpec":"every minute"}`,
			want: []string{`spec.cronSpec: Invalid value: "every minute": spec.cronSpec in body should match '^(\d+|\*)(/\d+)?(\s+(\d+|\*)(/\d+)?){4}$'`}},
		{name: "replicas out of range", spec: `{"cronSpec":"* * * * *","replicas":0}`,
			want: []string{`spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1`}},
		{name: "replicas not an integer", spec: `{"cronSpec":"* * * * *","replicas":"string"}`,
			want: []string{`spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"`}},
		{name: "tag too long", spec: `{"cronSpec":"* * * * *","tags":["aaaaaaaaaaaaaaaaaaaaa"]}`,
			want: []string{`spec.tags[0]: Too long: may not be more than 20 bytes`}},
		{name: "extra values are strings", spec: `{"cronSpec":"* * * * *","extra":{"k":1}}`,
			want: []string{`spec.extra.k: Invalid value: "integer": spec.extra.k in body must be of type string: "integer"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			obj := object(t, `{"apiVersion":"stable.example.com/v1","kind":"CronTab","metadata":{"name":"c"},"spec":`+tt.spec+`}`)
			s.Default(obj)
			assert.Equal(t, tt.want, nilIfEmpty(errStrings(s.Validate(obj))))
		})
	}
}
