package protobuf_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/protobuf"
	"github.com/orcaproj/orca/apiobj/resource"
)

var (
	timeType        = reflect.TypeFor[apiobj.Time]()
	microTimeType   = reflect.TypeFor[apiobj.MicroTime]()
	durationType    = reflect.TypeFor[apiobj.Duration]()
	intOrStringType = reflect.TypeFor[apiobj.IntOrString]()
	quantityType    = reflect.TypeFor[resource.Quantity]()
	rawJSONType     = reflect.TypeFor[apiobj.RawJSON]()
	typeMetaType    = reflect.TypeFor[apiobj.TypeMeta]()
)

// filler populates every reachable field with random data, bounding
// recursion, so that round trips exercise every protobuf tag.
type filler struct {
	r        *rand.Rand
	maxDepth int
}

func newFiller(seed uint64) *filler {
	return &filler{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), maxDepth: 4}
}

var quantities = []string{"0", "1", "250m", "64Mi", "1Gi", "1.5", "2e3", "100k", "12345", "1n", "5Ti"}

func (f *filler) str() string {
	const letters = "abcdefghijklmnopqrstuvwxyz0123456789-"
	var b strings.Builder
	for range 1 + f.r.IntN(8) {
		b.WriteByte(letters[f.r.IntN(len(letters))])
	}
	return b.String()
}

func (f *filler) fill(v reflect.Value, depth int) {
	t := v.Type()
	switch t {
	case timeType:
		v.Set(reflect.ValueOf(apiobj.NewTime(time.Unix(1_600_000_000+f.r.Int64N(100_000_000), 0))))
		return
	case microTimeType:
		v.Set(reflect.ValueOf(apiobj.NewMicroTime(time.Unix(1_600_000_000+f.r.Int64N(100_000_000), f.r.Int64N(1e9)))))
		return
	case durationType:
		v.Set(reflect.ValueOf(apiobj.Duration{Duration: time.Duration(f.r.Int64N(1e12))}))
		return
	case intOrStringType:
		if f.r.IntN(2) == 0 {
			v.Set(reflect.ValueOf(apiobj.FromInt32(f.r.Int32N(70000) - 100)))
		} else {
			v.Set(reflect.ValueOf(apiobj.FromString(f.str())))
		}
		return
	case quantityType:
		v.Set(reflect.ValueOf(resource.MustParse(quantities[f.r.IntN(len(quantities))])))
		return
	case rawJSONType:
		v.Set(reflect.ValueOf(apiobj.RawJSON(fmt.Sprintf(`{"k":%d,"s":"%s"}`, f.r.IntN(100), f.str()))))
		return
	}
	switch t.Kind() {
	case reflect.String:
		v.SetString(f.str())
	case reflect.Bool:
		v.SetBool(f.r.IntN(2) == 0)
	case reflect.Int, reflect.Int32, reflect.Int64:
		v.SetInt(f.r.Int64N(2000) - 1000)
	case reflect.Uint32, reflect.Uint64:
		v.SetUint(f.r.Uint64N(200) + 1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(f.r.IntN(1000)) / 4)
	case reflect.Pointer:
		if depth > f.maxDepth {
			return
		}
		p := reflect.New(t.Elem())
		f.fill(p.Elem(), depth+1)
		v.Set(p)
	case reflect.Slice:
		if depth > f.maxDepth {
			return
		}
		n := 1 + f.r.IntN(2)
		s := reflect.MakeSlice(t, n, n)
		for i := range n {
			f.fill(s.Index(i), depth+1)
		}
		v.Set(s)
	case reflect.Map:
		if depth > f.maxDepth {
			return
		}
		m := reflect.MakeMap(t)
		for range 1 + f.r.IntN(2) {
			k := reflect.New(t.Key()).Elem()
			f.fill(k, depth+1)
			e := reflect.New(t.Elem()).Elem()
			f.fill(e, depth+1)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Struct:
		if depth > f.maxDepth+2 {
			return
		}
		for i := range t.NumField() {
			sf := t.Field(i)
			if !sf.IsExported() || sf.Type == typeMetaType || sf.Tag.Get("protobuf") == "" {
				continue
			}
			f.fill(v.Field(i), depth+1)
		}
	}
}

var cmpOpts = cmp.Options{cmpopts.EquateEmpty()}

// TestEveryKindRoundTrips checks Unmarshal(Marshal(x)) == x, and that the
// encoding is stable, for random objects and lists of every built-in kind.
func TestEveryKindRoundTrips(t *testing.T) {
	t.Parallel()
	s := apiobj.NewScheme()
	for _, k := range s.Kinds() {
		if k.New == nil {
			continue
		}
		t.Run(k.Kind, func(t *testing.T) {
			t.Parallel()
			for seed := range uint64(10) {
				obj := k.New()
				newFiller(seed).fill(reflect.ValueOf(obj).Elem(), 0)
				roundTrip(t, obj, func() apiobj.Typed { return k.New() })
				if k.NewList != nil {
					l := k.NewList()
					newFiller(seed).fill(reflect.ValueOf(l).Elem(), 0)
					roundTrip(t, l, func() apiobj.Typed { return k.NewList() })
				}
			}
		})
	}
}

func roundTrip(t *testing.T, obj apiobj.Typed, newObj func() apiobj.Typed) {
	t.Helper()
	b1, err := protobuf.Marshal(obj)
	require.NoError(t, err)
	back := newObj()
	require.NoError(t, protobuf.Unmarshal(b1, back))
	if diff := cmp.Diff(obj, back, cmpOpts); diff != "" {
		t.Fatalf("%T: Unmarshal(Marshal(x)) != x (-x +back):\n%s", obj, diff)
	}
	b2, err := protobuf.Marshal(back)
	require.NoError(t, err)
	require.Equal(t, b1, b2, "encoding is not stable")
}

// TestEveryFieldIsTagged walks every struct reachable from the built-in
// kinds and checks that each field (but TypeMeta) carries a protobuf tag
// with a valid, unique number and that the decoder can carry its type.
func TestEveryFieldIsTagged(t *testing.T) {
	t.Parallel()
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice || typ.Kind() == reflect.Map {
			if typ.Kind() == reflect.Map {
				walk(typ.Key())
			}
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || seen[typ] {
			return
		}
		seen[typ] = true
		switch typ {
		case timeType, microTimeType, durationType, intOrStringType, quantityType:
			return
		}
		nums := map[string]string{}
		for i := range typ.NumField() {
			sf := typ.Field(i)
			if !sf.IsExported() || sf.Type == typeMetaType {
				continue
			}
			tag := sf.Tag.Get("protobuf")
			parts := strings.Split(tag, ",")
			if len(parts) < 3 {
				t.Errorf("%v.%s: protobuf tag %q", typ, sf.Name, tag)
				continue
			}
			if other, dup := nums[parts[1]]; dup {
				t.Errorf("%v.%s: field number %s also used by %s", typ, sf.Name, parts[1], other)
			}
			nums[parts[1]] = sf.Name
			walk(sf.Type)
		}
		if got := protobuf.CarriedFields(typ); got != len(nums) {
			t.Errorf("%v: the codec carries %d of its %d tagged fields", typ, got, len(nums))
		}
	}
	s := apiobj.NewScheme()
	for _, k := range s.Kinds() {
		if k.New != nil {
			walk(reflect.TypeOf(k.New()))
		}
		if k.NewList != nil {
			walk(reflect.TypeOf(k.NewList()))
		}
	}
	require.Greater(t, len(seen), 100)
}
