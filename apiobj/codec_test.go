package apiobj

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/yaml"

	"github.com/orcaproj/orca/errdefs"
)

var update = flag.Bool("update", false, "rewrite golden files")

func fixtureFiles(t testing.TB) []string {
	files, err := filepath.Glob("testdata/manifests/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	return files
}

// TestFixturesRoundTrip decodes each documentation manifest, encodes it again
// and checks that (1) every field survives with the same name and shape, (2)
// a second decode gives an equal object, (3) encoding is byte-stable, and (4)
// the JSON matches the checked-in golden file.
func TestFixturesRoundTrip(t *testing.T) {
	t.Parallel()
	c := NewCodec(NewScheme())
	for _, file := range fixtureFiles(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			docs, err := SplitDocuments(data)
			require.NoError(t, err)
			objs, err := c.DecodeAll(data, Strict())
			require.NoError(t, err, "fixtures must decode strictly: every field is known")
			require.Len(t, objs, len(docs))
			var golden bytes.Buffer
			for i, obj := range objs {
				if !strings.Contains(file, "crontab.yaml") {
					_, isU := obj.(*Unstructured)
					require.False(t, isU, "built-in kind %v decoded as Unstructured", obj.GroupVersionKind())
				}
				out, err := c.Encode(obj)
				require.NoError(t, err)

				// (1) Same fields, same shape: the input YAML as JSON equals the output.
				inJSON, err := yaml.YAMLToJSON(docs[i])
				require.NoError(t, err)
				var want, got any
				require.NoError(t, json.Unmarshal(inJSON, &want))
				require.NoError(t, json.Unmarshal(out, &got))
				if msg := jsonSubset(want, got, ""); msg != "" {
					t.Fatalf("document %d changed on the way through: %s\nin:  %s\nout: %s", i, msg, inJSON, out)
				}

				// (2) decode again: equal; (3) encode again: same bytes.
				again, err := c.Decode(out, Strict())
				require.NoError(t, err)
				if diff := cmp.Diff(obj, again); diff != "" {
					t.Fatalf("document %d differs after a second decode:\n%s", i, diff)
				}
				out2, err := c.Encode(again)
				require.NoError(t, err)
				require.Equal(t, string(out), string(out2), "encoding is not byte-stable")

				var pretty bytes.Buffer
				require.NoError(t, json.Indent(&pretty, out, "", "  "))
				golden.Write(pretty.Bytes())
				golden.WriteByte('\n')
			}
			// (4) golden JSON.
			gfile := filepath.Join("testdata", "golden", strings.TrimSuffix(filepath.Base(file), ".yaml")+".json")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(gfile), 0o755))
				require.NoError(t, os.WriteFile(gfile, golden.Bytes(), 0o644))
			}
			wantGolden, err := os.ReadFile(gfile)
			require.NoError(t, err, "run go test ./apiobj -run TestFixturesRoundTrip -update to create it")
			if diff := cmp.Diff(string(wantGolden), golden.String()); diff != "" {
				t.Fatalf("golden %s (-want +got):\n%s", gfile, diff)
			}
		})
	}
}

// TestEveryKindRoundTrips fills every field of every built-in kind with
// random data and checks encode → decode equality, byte-stable encoding, and
// that DeepCopy is equal and shares nothing with the original.
func TestEveryKindRoundTrips(t *testing.T) {
	t.Parallel()
	s := NewScheme()
	c := NewCodec(s)
	for _, k := range s.Kinds() {
		if k.New == nil {
			continue
		}
		t.Run(k.Kind, func(t *testing.T) {
			t.Parallel()
			for seed := range uint64(20) {
				checkRoundTrip(t, c, k, seed)
			}
		})
	}
}

func checkRoundTrip(t testing.TB, c *Codec, k *KindInfo, seed uint64) {
	obj := k.New()
	newFiller(seed).fill(reflect.ValueOf(obj).Elem(), 0)
	obj.SetGroupVersionKind(k.GroupVersionKind)
	b1, err := c.Encode(obj)
	require.NoError(t, err)
	back, err := c.Decode(b1, Strict())
	require.NoError(t, err, "%s", b1)
	if diff := cmp.Diff(obj, back); diff != "" {
		t.Fatalf("%s seed %d: decode(encode(x)) != x (-x +back):\n%s", k.Kind, seed, diff)
	}
	b2, err := c.Encode(back)
	require.NoError(t, err)
	require.Equal(t, string(b1), string(b2), "encoding is not byte-stable")

	cp := obj.DeepCopyObject()
	if diff := cmp.Diff(obj, cp); diff != "" {
		t.Fatalf("%s: DeepCopy differs:\n%s", k.Kind, diff)
	}
	mutate(reflect.ValueOf(cp))
	b3, err := c.Encode(obj)
	require.NoError(t, err)
	require.Equal(t, string(b1), string(b3), "%s: mutating the DeepCopy changed the original", k.Kind)

	if k.NewList != nil {
		l := k.NewList()
		require.NoError(t, l.SetItems([]Object{obj, back}))
		lc := l.DeepCopyList()
		require.Len(t, lc.GetItems(), 2)
		if diff := cmp.Diff(l, lc); diff != "" {
			t.Fatalf("%s: list DeepCopy differs:\n%s", k.Kind, diff)
		}
	}
}

// jsonSubset reports where in differs from out: every value of in must be in
// out unchanged. out may add only zero values ({}, null, 0, "", false, "0"),
// which Kubernetes' own encoding adds too (for example "status":{} and the
// status counters that have no omitempty).
func jsonSubset(in, out any, path string) string {
	switch iv := in.(type) {
	case map[string]any:
		om, ok := out.(map[string]any)
		if !ok {
			return path + ": not an object in output"
		}
		for k, v := range iv {
			ov, ok := om[k]
			if !ok {
				return path + "." + k + ": missing in output"
			}
			if msg := jsonSubset(v, ov, path+"."+k); msg != "" {
				return msg
			}
		}
		for k, v := range om {
			if _, ok := iv[k]; !ok && !emptyJSON(v) {
				return path + "." + k + ": added in output"
			}
		}
		return ""
	case []any:
		ol, ok := out.([]any)
		if !ok || len(ol) != len(iv) {
			return path + ": list differs in output"
		}
		for i := range iv {
			if msg := jsonSubset(iv[i], ol[i], fmt.Sprintf("%s[%d]", path, i)); msg != "" {
				return msg
			}
		}
		return ""
	}
	if !reflect.DeepEqual(in, out) {
		return fmt.Sprintf("%s: %v became %v", path, in, out)
	}
	return ""
}

func emptyJSON(v any) bool {
	switch t := v.(type) {
	case nil:
		return true
	case string:
		return t == "0" || t == ""
	case float64:
		return t == 0
	case bool:
		return !t
	case map[string]any:
		for _, e := range t {
			if !emptyJSON(e) {
				return false
			}
		}
		return true
	}
	return false
}

func TestStrictDecoding(t *testing.T) {
	t.Parallel()
	c := NewCodec(NewScheme())
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{
			name: "unknown field in json",
			in:   `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"replicas":1,"foo":2}}`,
			want: []string{`unknown field "spec.foo"`},
		},
		{
			name: "duplicate field in json",
			in:   `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"replicas":1,"replicas":2}}`,
			want: []string{`duplicate field "spec.replicas"`},
		},
		{
			name: "field names are case-sensitive",
			in:   `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"Data":{"a":"b"}}`,
			want: []string{`unknown field "Data"`},
		},
		{
			name: "unknown field in yaml",
			in:   "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: i\n    imagePullPolcy: Always\n",
			want: []string{`unknown field "spec.containers[0].imagePullPolcy"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			obj, err := c.Decode([]byte(tt.in), Strict())
			require.NotNil(t, obj, "a strict error still returns the decoded object")
			se, ok := IsStrictDecodingError(err)
			require.True(t, ok, "want a StrictDecodingError, got %v", err)
			require.Equal(t, tt.want, se.Errors)
			require.ErrorIs(t, err, errdefs.ErrBadRequest)
			// Without Strict the same input decodes quietly.
			_, err = c.Decode([]byte(tt.in))
			require.NoError(t, err)
		})
	}
	// Duplicate keys in YAML are reported too.
	_, err := c.Decode([]byte("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: one\n  a: two\n"), Strict())
	_, ok := IsStrictDecodingError(err)
	require.True(t, ok, "duplicate yaml key: %v", err)
}

func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	c := NewCodec(NewScheme())
	for _, in := range []string{
		``,
		`{`,
		`{"kind":"Pod"}`,
		`{"apiVersion":"v1"}`,
		`[1,2]`,
		`{"apiVersion":"v1","kind":"Pod","spec":{"containers":"nope"}}`,
		`{"apiVersion":"v1","kind":"Pod","metadata":{"creationTimestamp":"yesterday"}}`,
		"apiVersion: v1\nkind: Pod\nspec: [\n",
	} {
		_, err := c.Decode([]byte(in))
		require.Error(t, err, "input %q", in)
		require.True(t, errors.Is(err, errdefs.ErrBadRequest), "input %q: %v", in, err)
	}
}

func TestDecodeUnknownKindIsUnstructured(t *testing.T) {
	t.Parallel()
	c := NewCodec(NewScheme())
	obj, err := c.Decode([]byte(`{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w","namespace":"ns","labels":{"a":"b"},"generation":3},"spec":{"size":3,"ratio":0.5}}`))
	require.NoError(t, err)
	u, ok := obj.(*Unstructured)
	require.True(t, ok)
	require.Equal(t, "w", u.GetName())
	require.Equal(t, "ns", u.GetNamespace())
	require.Equal(t, int64(3), u.GetGeneration())
	require.Equal(t, map[string]string{"a": "b"}, u.GetLabels())
	size, ok := NestedInt64(u.Object, "spec", "size")
	require.True(t, ok)
	require.Equal(t, int64(3), size)
	ratio, _ := NestedField(u.Object, "spec", "ratio")
	require.Equal(t, 0.5, ratio)

	l, err := c.DecodeAny([]byte(`{"apiVersion":"example.com/v1","kind":"WidgetList","metadata":{"resourceVersion":"7"},"items":[{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"a"}}]}`))
	require.NoError(t, err)
	ul, ok := l.(*UnstructuredList)
	require.True(t, ok)
	require.Equal(t, "7", ul.GetResourceVersion())
	require.Len(t, ul.GetItems(), 1)
	require.Equal(t, "a", ul.GetItems()[0].GetName())
}

func TestDecodeAllFlattensLists(t *testing.T) {
	t.Parallel()
	c := NewCodec(NewScheme())
	in := `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: a}
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: b}
---
# only a comment
---
apiVersion: v1
kind: PodList
items:
- metadata: {name: p}
`
	objs, err := c.DecodeAll([]byte(in))
	require.NoError(t, err)
	require.Len(t, objs, 3)
	require.IsType(t, &ConfigMap{}, objs[0])
	require.IsType(t, &Deployment{}, objs[1])
	require.IsType(t, &Pod{}, objs[2])
	require.Equal(t, "p", objs[2].GetName())
}

func TestSplitDocuments(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want int
	}{
		{"single", "a: 1\n", 1},
		{"leading separator", "---\na: 1\n---\nb: 2\n", 2},
		{"separator with comment", "a: 1\n--- # next\nb: 2\n", 2},
		{"string containing dashes stays", "a: |\n  ---x\nb: 2\n", 1},
		{"empty docs dropped", "---\n---\n# c\n---\na: 1\n...\n", 1},
		{"json stream", `{"a":1} {"b":2}`, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			docs, err := SplitDocuments([]byte(tt.in))
			require.NoError(t, err)
			require.Len(t, docs, tt.want)
		})
	}
}

func TestEncodeFillsKindWithoutMutating(t *testing.T) {
	t.Parallel()
	c := NewCodec(NewScheme())
	d := &Deployment{ObjectMeta: ObjectMeta{Name: "d"}}
	b, err := c.Encode(d)
	require.NoError(t, err)
	require.Contains(t, string(b), `"apiVersion":"apps/v1"`)
	require.Contains(t, string(b), `"kind":"Deployment"`)
	require.True(t, d.GroupVersionKind().Empty(), "Encode must not change its argument")
	y, err := c.EncodeYAML(d)
	require.NoError(t, err)
	require.Contains(t, string(y), "kind: Deployment\n")
}

func TestSchemeLookups(t *testing.T) {
	t.Parallel()
	s := NewScheme()
	k, ok := s.KindForResource(GroupVersionResource{Group: "apps", Version: "v1", Resource: "deployments"})
	require.True(t, ok)
	require.Equal(t, "Deployment", k.Kind)
	require.Equal(t, []string{"deploy"}, k.ShortNames)
	require.True(t, k.HasSubresource("scale"))
	require.True(t, k.Namespaced)

	gvk, err := s.ObjectKind(&PodList{})
	require.NoError(t, err)
	require.Equal(t, "PodList", gvk.Kind)
	o, err := s.New(CoreV1.WithKind("Node"))
	require.NoError(t, err)
	require.IsType(t, &Node{}, o)
	_, err = s.New(GroupVersionKind{Group: "nope", Version: "v1", Kind: "Nope"})
	require.ErrorIs(t, err, errdefs.ErrNotFound)

	// A custom kind registered at run time is handled as Unstructured.
	widget := GroupVersionKind{Group: "example.com", Version: "v1", Kind: "Widget"}
	require.NoError(t, s.AddKind(KindInfo{GroupVersionKind: widget, Resource: "widgets", Namespaced: true, Subresources: []string{"status"}}))
	o, err = s.New(widget)
	require.NoError(t, err)
	require.IsType(t, &Unstructured{}, o)
	l, err := s.NewList(widget)
	require.NoError(t, err)
	require.Equal(t, "WidgetList", l.GroupVersionKind().Kind)
	require.Error(t, s.AddKind(KindInfo{GroupVersionKind: widget, Resource: "gadgets"}), "a kind cannot move resources")
	s.RemoveKind(widget)
	_, ok = s.Kind(widget)
	require.False(t, ok)

	fl := s.FieldLabels(&Pod{ObjectMeta: ObjectMeta{Name: "p", Namespace: "ns"}})
	require.Equal(t, "p", fl["metadata.name"])
	require.Equal(t, "ns", fl["metadata.namespace"])
	nl := s.FieldLabels(&Node{ObjectMeta: ObjectMeta{Name: "n"}})
	_, has := nl["metadata.namespace"]
	require.False(t, has, "cluster-scoped kinds have no namespace field")

	// Each NewScheme is independent.
	require.NotSame(t, s, NewScheme())
}

func TestUnstructuredAccessors(t *testing.T) {
	t.Parallel()
	u := NewUnstructured(GroupVersionKind{Group: "example.com", Version: "v1", Kind: "Widget"})
	u.SetName("w")
	u.SetNamespace("ns")
	u.SetUID("uid-1")
	u.SetResourceVersion("12")
	u.SetGeneration(2)
	u.SetLabels(map[string]string{"a": "b"})
	u.SetAnnotations(map[string]string{"x": "y"})
	u.SetFinalizers([]string{"example.com/f"})
	now := Now()
	u.SetCreationTimestamp(now)
	u.SetDeletionTimestamp(&now)
	u.SetDeletionGracePeriodSeconds(Int64(30))
	owner := &ObjectMeta{Name: "o", UID: "uid-0"}
	require.NoError(t, Adopt(u, owner, GroupVersionKind{Version: "v1", Kind: "ConfigMap"}))

	b, err := u.MarshalJSON()
	require.NoError(t, err)
	var back Unstructured
	require.NoError(t, back.UnmarshalJSON(b))
	require.Equal(t, "w", back.GetName())
	require.Equal(t, UID("uid-1"), back.GetUID())
	require.Equal(t, "12", back.GetResourceVersion())
	require.Equal(t, int64(2), back.GetGeneration())
	require.Equal(t, []string{"example.com/f"}, back.GetFinalizers())
	require.True(t, back.GetCreationTimestamp().Equal(now))
	require.True(t, back.GetDeletionTimestamp().Equal(now))
	require.Equal(t, int64(30), *back.GetDeletionGracePeriodSeconds())
	require.True(t, IsControlledBy(&back, owner))

	cp := back.DeepCopy()
	cp.SetLabels(map[string]string{"changed": "yes"})
	SetNestedField(cp.Object, "z", "metadata", "annotations", "x")
	require.Equal(t, map[string]string{"a": "b"}, back.GetLabels())
	require.Equal(t, "y", back.GetAnnotations()["x"])

	u.SetLabels(nil)
	require.Nil(t, u.GetLabels())
	u.SetDeletionTimestamp(nil)
	require.Nil(t, u.GetDeletionTimestamp())
}
