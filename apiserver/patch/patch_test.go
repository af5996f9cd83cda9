package patch

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/errdefs"
)

const simplePod = `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"a":"1"}},
	"spec":{"containers":[{"name":"c","image":"nginx"}],"tolerations":[{"key":"k"}]}}`

func TestJSONPatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		patch    string
		want     string
		wantPath []string
	}{
		{
			name:     "replace an image",
			patch:    `[{"op":"replace","path":"/spec/containers/0/image","value":"redis"}]`,
			wantPath: []string{"spec", "containers", "0", "image"}, want: `"redis"`,
		},
		{
			name:     "add a label, escaped path",
			patch:    `[{"op":"add","path":"/metadata/labels/example.com~1team","value":"x"}]`,
			wantPath: []string{"metadata", "labels"}, want: `{"a":"1","example.com/team":"x"}`,
		},
		{
			name:     "append to a list",
			patch:    `[{"op":"add","path":"/spec/tolerations/-","value":{"key":"k2"}}]`,
			wantPath: []string{"spec", "tolerations"}, want: `[{"key":"k"},{"key":"k2"}]`,
		},
		{
			name:     "remove",
			patch:    `[{"op":"remove","path":"/metadata/labels"}]`,
			wantPath: []string{"metadata"}, want: `{"name":"p"}`,
		},
		{
			name:     "test then replace",
			patch:    `[{"op":"test","path":"/metadata/name","value":"p"},{"op":"replace","path":"/metadata/name","value":"q"}]`,
			wantPath: []string{"metadata", "name"}, want: `"q"`,
		},
		{
			name:     "move and copy",
			patch:    `[{"op":"copy","from":"/metadata/labels","path":"/metadata/annotations"},{"op":"move","from":"/metadata/labels/a","path":"/metadata/labels/b"}]`,
			wantPath: []string{"metadata"}, want: `{"name":"p","labels":{"b":"1"},"annotations":{"a":"1"}}`,
		},
		{
			name: "empty patch", patch: `[]`,
			wantPath: []string{"metadata", "name"}, want: `"p"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, err := Apply(JSONPatch, []byte(simplePod), []byte(tt.patch), podType)
			require.NoError(t, err)
			require.JSONEq(t, tt.want, string(at(t, out, tt.wantPath...)))
		})
	}
}

func TestJSONPatchErrors(t *testing.T) {
	t.Parallel()
	tooMany := "[" + strings.TrimSuffix(strings.Repeat(`{"op":"test","path":"/kind","value":"Pod"},`, MaxJSONPatchOperations+1), ",") + "]"
	// Each copy doubles the list; twenty of them would reach megabytes.
	var amp strings.Builder
	amp.WriteString(`[{"op":"add","path":"/x","value":["` + strings.Repeat("a", 1024) + `"]}`)
	for range 20 {
		amp.WriteString(`,{"op":"copy","from":"/x","path":"/x/-"}`)
	}
	amp.WriteString("]")

	tests := []struct {
		name  string
		patch string
		want  error
	}{
		{"not json", `[{"op":`, errdefs.ErrBadRequest},
		{"not a list", `{"op":"add"}`, errdefs.ErrBadRequest},
		{"missing op fields", `[{"op":"add"}]`, errdefs.ErrInvalid},
		{"unknown op", `[{"op":"frobnicate","path":"/a"}]`, errdefs.ErrInvalid},
		{"test fails", `[{"op":"test","path":"/metadata/name","value":"other"}]`, errdefs.ErrInvalid},
		{"missing path", `[{"op":"replace","path":"/nope/deeper","value":1}]`, errdefs.ErrInvalid},
		{"remove missing", `[{"op":"remove","path":"/nope"}]`, errdefs.ErrInvalid},
		{"index out of range", `[{"op":"add","path":"/spec/tolerations/9","value":{}}]`, errdefs.ErrInvalid},
		{"too many operations", tooMany, errdefs.ErrRequestEntityTooLarge},
		{"copy amplification", amp.String(), errdefs.ErrInvalid},
		{"replace the root with a scalar", `[{"op":"replace","path":"","value":5}]`, errdefs.ErrInvalid},
		{"replace the root with a list", `[{"op":"replace","path":"","value":[]}]`, errdefs.ErrBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, err := Apply(JSONPatch, []byte(simplePod), []byte(tt.patch), podType)
			require.Error(t, err, "result %s", out)
			require.ErrorIs(t, err, tt.want)
		})
	}
}

func TestJSONPatchTooManyOperationsMessage(t *testing.T) {
	t.Parallel()
	p := "[" + strings.TrimSuffix(strings.Repeat(`{"op":"test","path":"/kind","value":"Pod"},`, MaxJSONPatchOperations+1), ",") + "]"
	_, err := Apply(JSONPatch, []byte(simplePod), []byte(p), nil)
	require.EqualError(t, err, fmt.Sprintf("The allowed maximum operations in a JSON patch is %d, got %d", MaxJSONPatchOperations, MaxJSONPatchOperations+1))
}

func TestMergePatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		schema   reflect.Type
		patch    string
		want     string
		wantPath []string
	}{
		{
			// Kubernetes docs: a merge patch replaces the containers list.
			name: "docs: lists are replaced", schema: podType,
			patch:    `{"spec":{"containers":[{"name":"patch-demo-ctr-3","image":"gcr.io/google-samples/node-hello:1.0"}]}}`,
			wantPath: []string{"spec", "containers"},
			want:     `[{"name":"patch-demo-ctr-3","image":"gcr.io/google-samples/node-hello:1.0"}]`,
		},
		{
			name: "null deletes, maps merge", schema: podType,
			patch:    `{"metadata":{"labels":{"a":null,"b":"2"}}}`,
			wantPath: []string{"metadata", "labels"}, want: `{"b":"2"}`,
		},
		{
			name: "custom kinds take merge patch", schema: nil,
			patch:    `{"spec":{"replicas":3,"new":{"x":null,"y":1}}}`,
			wantPath: []string{"spec"},
			want:     `{"containers":[{"name":"c","image":"nginx"}],"tolerations":[{"key":"k"}],"replicas":3,"new":{"y":1}}`,
		},
		{
			name: "directives are plain keys", schema: podType,
			patch:    `{"metadata":{"labels":{"$patch":"delete"}}}`,
			wantPath: []string{"metadata", "labels"}, want: `{"a":"1","$patch":"delete"}`,
		},
		{
			name: "empty object", schema: podType, patch: `{}`,
			wantPath: []string{"metadata", "name"}, want: `"p"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, err := Apply(MergePatch, []byte(simplePod), []byte(tt.patch), tt.schema)
			require.NoError(t, err)
			require.JSONEq(t, tt.want, string(at(t, out, tt.wantPath...)))
		})
	}
}

func TestMergePatchErrors(t *testing.T) {
	t.Parallel()
	for _, p := range []string{`{"a":`, `null`, `[1,2]`, `"x"`, `5`, ``} {
		t.Run(p, func(t *testing.T) {
			t.Parallel()
			_, err := Apply(MergePatch, []byte(simplePod), []byte(p), podType)
			require.ErrorIs(t, err, errdefs.ErrBadRequest)
		})
	}
}

func TestApplyTypes(t *testing.T) {
	t.Parallel()
	t.Run("server-side apply is not supported yet", func(t *testing.T) {
		t.Parallel()
		_, err := Apply(ApplyPatch, []byte(simplePod), []byte("metadata: {}"), podType)
		require.ErrorIs(t, err, errdefs.ErrUnsupportedMediaType)
		require.Contains(t, err.Error(), "not supported yet")
	})
	t.Run("unknown type", func(t *testing.T) {
		t.Parallel()
		_, err := Apply(Type("text/plain"), []byte(simplePod), []byte("{}"), podType)
		require.ErrorIs(t, err, errdefs.ErrUnsupportedMediaType)
		require.EqualError(t, err, "the body of the request was in an unknown format - accepted media types include: "+
			"application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml")
		_, err = Apply(Type("text/plain"), []byte(simplePod), []byte("{}"), nil)
		require.ErrorIs(t, err, errdefs.ErrUnsupportedMediaType)
		require.NotContains(t, err.Error(), "strategic")
	})
	t.Run("original not an object", func(t *testing.T) {
		t.Parallel()
		for _, typ := range []Type{JSONPatch, MergePatch, StrategicMergePatch} {
			for _, orig := range []string{``, `[]`, `null`, `{`, `{} x`} {
				_, err := Apply(typ, []byte(orig), []byte(`{}`), podType)
				require.ErrorIs(t, err, errdefs.ErrInternal, "%s %q", typ, orig)
			}
		}
	})
}

func TestApplyLeavesInputsAlone(t *testing.T) {
	t.Parallel()
	cases := []struct {
		typ   Type
		patch string
	}{
		{JSONPatch, `[{"op":"add","path":"/metadata/labels/b","value":"2"},{"op":"remove","path":"/spec/tolerations/0"}]`},
		{MergePatch, `{"metadata":{"labels":{"a":null}},"spec":{"containers":[]}}`},
		{StrategicMergePatch, `{"metadata":{"labels":{"a":null}},"spec":{"containers":[{"name":"d"},{"name":"c","image":"x"}],"$setElementOrder/containers":[{"name":"d"},{"name":"c"}]}}`},
	}
	for _, c := range cases {
		orig := []byte(simplePod)
		patch := []byte(c.patch)
		origCopy, patchCopy := bytes.Clone(orig), bytes.Clone(patch)
		out, err := Apply(c.typ, orig, patch, podType)
		require.NoError(t, err, c.typ)
		require.NotEqual(t, string(origCopy), string(out), c.typ)
		require.Equal(t, origCopy, orig, c.typ)
		require.Equal(t, patchCopy, patch, c.typ)
	}
}

func TestParseType(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want Type
	}{
		{"application/json-patch+json", JSONPatch},
		{"application/merge-patch+json; charset=utf-8", MergePatch},
		{"Application/Strategic-Merge-Patch+JSON", StrategicMergePatch},
		{"application/apply-patch+yaml", ApplyPatch},
	}
	for _, tt := range tests {
		got, err := ParseType(tt.in)
		require.NoError(t, err, tt.in)
		require.Equal(t, tt.want, got)
	}
	for _, bad := range []string{"", "application/json", "text/plain", ";;"} {
		_, err := ParseType(bad)
		require.ErrorIs(t, err, errdefs.ErrUnsupportedMediaType, bad)
	}
}

func TestAccepted(t *testing.T) {
	t.Parallel()
	require.Equal(t, []Type{JSONPatch, MergePatch, ApplyPatch}, Accepted(nil))
	require.Equal(t, []Type{JSONPatch, MergePatch, StrategicMergePatch, ApplyPatch}, Accepted(podType))
	a := Accepted(nil)
	a[0] = "changed"
	require.Equal(t, JSONPatch, Accepted(nil)[0], "Accepted returns a copy")
}
