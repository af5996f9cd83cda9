package patch

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
)

var fuzzOriginals = []struct {
	doc    string
	schema reflect.Type
}{
	{richPod, podType},
	{patchDemo, deploymentType},
	{twoContainerPod, podType},
	{retainKeysDemo, deploymentType},
	{`{"apiVersion":"v1","kind":"Node","metadata":{"name":"n"},"spec":{"podCIDRs":["10.0.0.0/24"],"taints":[{"key":"a","effect":"NoSchedule"}]},
		"status":{"addresses":[{"type":"InternalIP","address":"10.0.0.1"}],"capacity":{"cpu":"4"}}}`, nodeType},
	{`{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"ports":[{"port":80,"targetPort":"http"}],"selector":{"a":"b"}}}`, serviceType},
	{`{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"a":[1,2,{"b":null}],"m":{"x":"y"}}}`, nil},
	{`{}`, reflect.TypeOf(apiobj.ConfigMap{})},
}

var fuzzTypes = []Type{JSONPatch, MergePatch, StrategicMergePatch, ApplyPatch, "application/bogus"}

var sentinels = []error{
	errdefs.ErrBadRequest, errdefs.ErrInvalid, errdefs.ErrRequestEntityTooLarge,
	errdefs.ErrUnsupportedMediaType,
}

// FuzzApply feeds arbitrary patches of every type to valid objects: Apply
// must not panic, must not touch its inputs, must answer a JSON object or
// an error wrapping one of the expected sentinels, and a strategic merge
// patch computed back from a result must apply cleanly.
func FuzzApply(f *testing.F) {
	seeds := []struct {
		typ   uint8
		patch string
	}{
		{0, `[{"op":"add","path":"/metadata/labels/x","value":"y"}]`},
		{0, `[{"op":"copy","from":"/spec","path":"/spec2"},{"op":"move","from":"/spec2","path":"/x"}]`},
		{0, `[{"op":"test","path":"/metadata/name","value":"nope"}]`},
		{0, `[{"op":"replace","path":"","value":[]}]`},
		{1, `{"metadata":{"labels":{"a":null}},"spec":{"containers":[]}}`},
		{1, `null`},
		{2, `{"spec":{"containers":[{"name":"web","image":"x"},{"name":"new","$patch":"delete"}]}}`},
		{2, `{"spec":{"$setElementOrder/containers":[{"name":"side"},{"name":"web"}],"containers":[{"name":"web","env":[{"name":"A","$patch":"replace"}]}]}}`},
		{2, `{"metadata":{"$deleteFromPrimitiveList/finalizers":["f1"],"$setElementOrder/finalizers":["f3","x"],"finalizers":["x"]}}`},
		{2, `{"spec":{"volumes":[{"name":"data","$retainKeys":["name","secret"],"secret":{"secretName":"s"}}]}}`},
		{2, `{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"},"$patch":"replace"}}`},
		{2, `{"spec":{"containers":[{"$patch":"replace"},{"name":"only"}]},"status":{"conditions":[[1]]}}`},
		{2, `{"$patch":"delete"}`},
		{3, `{}`},
		{4, `{}`},
	}
	for i, s := range seeds {
		f.Add(s.typ, uint8(i), []byte(s.patch))
	}
	f.Fuzz(func(t *testing.T, typ, which uint8, patch []byte) {
		o := fuzzOriginals[int(which)%len(fuzzOriginals)]
		pt := fuzzTypes[int(typ)%len(fuzzTypes)]
		orig := []byte(o.doc)
		origCopy, patchCopy := bytes.Clone(orig), bytes.Clone(patch)

		out, err := Apply(pt, orig, patch, o.schema)
		if !bytes.Equal(orig, origCopy) || !bytes.Equal(patch, patchCopy) {
			t.Fatalf("Apply modified its inputs")
		}
		if err != nil {
			requireSentinel(t, err)
			return
		}
		var m map[string]any
		if jerr := json.Unmarshal(out, &m); jerr != nil || m == nil {
			t.Fatalf("%s success is not a JSON object: %q (%v)", pt, out, jerr)
		}
		if o.schema == nil {
			return
		}
		back, err := CreateTwoWayMergePatch(orig, out, o.schema)
		if err != nil {
			requireSentinel(t, err)
			return
		}
		if _, err := Apply(StrategicMergePatch, orig, back, o.schema); err != nil {
			requireSentinel(t, err)
		}
	})
}

func requireSentinel(t *testing.T, err error) {
	t.Helper()
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return
		}
	}
	t.Fatalf("error does not wrap an expected sentinel: %v", err)
}

// FuzzTwoWayRoundTrip makes random well-formed edits to a Pod, seeded by
// the fuzzer, and checks that both computed patches reproduce the edit.
func FuzzTwoWayRoundTrip(f *testing.F) {
	for _, s := range []uint64{0, 1, 42, 1 << 40} {
		f.Add(s, uint8(3))
	}
	f.Fuzz(func(t *testing.T, seed uint64, edits uint8) {
		rng := rand.New(rand.NewPCG(seed, seed>>7))
		orig, mod := decodeMap(t, richPod), decodeMap(t, richPod)
		for range rng.IntN(3) {
			mutatePod(rng, orig)
		}
		for range 1 + int(edits)%8 {
			mutatePod(rng, mod)
		}
		ob, mb := mustJSON(t, orig), mustJSON(t, mod)
		p, err := CreateTwoWayMergePatch(ob, mb, podType)
		if err != nil {
			t.Fatalf("CreateTwoWayMergePatch: %v", err)
		}
		requireRoundTrip(t, StrategicMergePatch, string(ob), string(mb), p, podType)
		mp, err := CreateMergePatch(ob, mb)
		if err != nil {
			t.Fatalf("CreateMergePatch: %v", err)
		}
		requireRoundTrip(t, MergePatch, string(ob), string(mb), mp, podType)
	})
}
