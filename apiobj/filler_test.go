package apiobj

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"time"

	"github.com/orcaproj/orca/apiobj/resource"
)

// filler populates every reachable field of a value with random, wire-valid
// data, so that round-trip tests exercise every JSON tag. It never makes empty
// maps or slices (omitempty would turn them into nil) and bounds recursion.
type filler struct {
	r        *rand.Rand
	maxDepth int
}

func newFiller(seed uint64) *filler {
	return &filler{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), maxDepth: 4}
}

var (
	timeType        = reflect.TypeOf(Time{})
	microTimeType   = reflect.TypeOf(MicroTime{})
	durationType    = reflect.TypeOf(Duration{})
	intOrStringType = reflect.TypeOf(IntOrString{})
	quantityType    = reflect.TypeOf(resource.Quantity{})
	rawJSONType     = reflect.TypeOf(RawJSON(nil))
	typeMetaType    = reflect.TypeOf(TypeMeta{})
)

var quantities = []string{"0", "1", "250m", "64Mi", "1Gi", "1.5", "2e3", "100k", "12345", "1n", "5Ti"}

func (f *filler) str() string {
	const letters = "abcdefghijklmnopqrstuvwxyz0123456789-"
	n := 1 + f.r.IntN(8)
	var b strings.Builder
	for range n {
		b.WriteByte(letters[f.r.IntN(len(letters))])
	}
	return b.String()
}

// fill sets v (settable) to random content. depth counts nested structs.
func (f *filler) fill(v reflect.Value, depth int) {
	t := v.Type()
	switch t {
	case timeType:
		v.Set(reflect.ValueOf(NewTime(time.Unix(1_600_000_000+f.r.Int64N(100_000_000), 0))))
		return
	case microTimeType:
		v.Set(reflect.ValueOf(NewMicroTime(time.Unix(1_600_000_000+f.r.Int64N(100_000_000), f.r.Int64N(1e9)))))
		return
	case durationType:
		v.Set(reflect.ValueOf(Duration{time.Duration(f.r.IntN(100000)) * time.Second}))
		return
	case intOrStringType:
		if f.r.IntN(2) == 0 {
			v.Set(reflect.ValueOf(FromInt32(f.r.Int32N(70000))))
		} else {
			v.Set(reflect.ValueOf(FromString(f.str())))
		}
		return
	case quantityType:
		v.Set(reflect.ValueOf(resource.MustParse(quantities[f.r.IntN(len(quantities))])))
		return
	case rawJSONType:
		v.Set(reflect.ValueOf(RawJSON(fmt.Sprintf(`{"k":%d,"s":"%s"}`, f.r.IntN(100), f.str()))))
		return
	}
	if special := f.fillSpecial(v, depth); special {
		return
	}
	switch t.Kind() {
	case reflect.String:
		v.SetString(f.str())
	case reflect.Bool:
		v.SetBool(f.r.IntN(2) == 0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(f.r.Int64N(1000) + 1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
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
			if !sf.IsExported() || sf.Type == typeMetaType || sf.Tag.Get("json") == "-" {
				continue
			}
			f.fill(v.Field(i), depth+1)
		}
	case reflect.Interface:
		// Only Unstructured content has interfaces; leave them empty.
	}
}

// fillSpecial handles types whose JSON form is one of several shapes.
func (f *filler) fillSpecial(v reflect.Value, depth int) bool {
	switch v.Type().Name() {
	case "JSONSchemaPropsOrArray":
		if depth > f.maxDepth {
			return true
		}
		s := reflect.New(reflect.TypeOf(JSONSchemaProps{}))
		s.Elem().FieldByName("Type").SetString("string")
		v.FieldByName("Schema").Set(s)
		return true
	case "JSONSchemaPropsOrBool":
		v.FieldByName("Allows").SetBool(true)
		return true
	case "JSONSchemaPropsOrStringArray":
		v.FieldByName("Property").Set(reflect.ValueOf([]string{f.str()}))
		return true
	}
	return false
}

// mutate changes every reachable mutable value of v in place. Applied to a
// DeepCopy, it must leave the original untouched.
func mutate(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			mutate(v.Elem())
		}
	case reflect.Struct:
		if v.Type() == quantityType && v.CanSet() {
			q := v.Interface().(resource.Quantity)
			q.Add(resource.MustParse("1"))
			v.Set(reflect.ValueOf(q))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				mutate(v.Field(i))
			}
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			for i := range v.Len() {
				v.Index(i).SetUint(v.Index(i).Uint() + 1)
			}
			return
		}
		for i := range v.Len() {
			mutate(v.Index(i))
		}
	case reflect.Map:
		if v.IsNil() {
			return
		}
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			mutate(e)
			v.SetMapIndex(k, e)
		}
		k := reflect.New(v.Type().Key()).Elem()
		if k.Kind() == reflect.String {
			k.SetString("mutated-key")
			v.SetMapIndex(k, reflect.New(v.Type().Elem()).Elem())
		}
	case reflect.String:
		if v.CanSet() {
			v.SetString(v.String() + "~")
		}
	case reflect.Bool:
		if v.CanSet() {
			v.SetBool(!v.Bool())
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if v.CanSet() {
			v.SetInt(v.Int() + 1)
		}
	case reflect.Float32, reflect.Float64:
		if v.CanSet() {
			v.SetFloat(v.Float() + 1)
		}
	}
}
