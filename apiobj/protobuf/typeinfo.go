package protobuf

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/resource"
)

// kind says how one Go type travels on the wire.
type kind uint8

const (
	kindInvalid   kind = iota
	kindString         // bytes: UTF-8 text (string and named string types)
	kindBytes          // bytes: []byte
	kindBool           // varint
	kindInt            // varint, two's complement (int, int32, int64)
	kindUint           // varint (uint32, uint64)
	kindDouble         // fixed64
	kindFloat          // fixed32
	kindMessage        // bytes: a struct with protobuf tags
	kindTime           // bytes: {int64 seconds = 1; int32 nanos = 2}
	kindMicroTime      // bytes: as kindTime
	kindDuration       // bytes: {int64 duration = 1} in nanoseconds
	kindQuantity       // bytes: {string string = 1}
	kindIntOrStr       // bytes: {int64 type = 1; int32 intVal = 2; string strVal = 3}
	kindRaw            // bytes: {bytes raw = 1} (RawExtension, JSON, FieldsV1)
	kindStrings        // bytes: {repeated string items = 1} (map values such as ExtraValue)
)

var (
	timeType        = reflect.TypeFor[apiobj.Time]()
	microTimeType   = reflect.TypeFor[apiobj.MicroTime]()
	durationType    = reflect.TypeFor[apiobj.Duration]()
	quantityType    = reflect.TypeFor[resource.Quantity]()
	intOrStringType = reflect.TypeFor[apiobj.IntOrString]()
	rawJSONType     = reflect.TypeFor[apiobj.RawJSON]()
	stdTimeType     = reflect.TypeFor[time.Time]()
)

// scalarKind classifies a non-pointer, non-repeated type; kindInvalid means
// the type cannot be encoded.
func scalarKind(t reflect.Type) kind {
	switch t {
	case timeType:
		return kindTime
	case microTimeType:
		return kindMicroTime
	case durationType:
		return kindDuration
	case quantityType:
		return kindQuantity
	case intOrStringType:
		return kindIntOrStr
	case rawJSONType:
		return kindRaw
	case stdTimeType:
		return kindInvalid
	}
	switch t.Kind() {
	case reflect.String:
		return kindString
	case reflect.Bool:
		return kindBool
	case reflect.Int, reflect.Int32, reflect.Int64:
		return kindInt
	case reflect.Uint32, reflect.Uint64:
		return kindUint
	case reflect.Float64:
		return kindDouble
	case reflect.Float32:
		return kindFloat
	case reflect.Struct:
		return kindMessage
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return kindBytes
		}
	}
	return kindInvalid
}

// wireType is the wire type of one value of kind k.
func (k kind) wireType() protowire.Type {
	switch k {
	case kindBool, kindInt, kindUint:
		return protowire.VarintType
	case kindDouble:
		return protowire.Fixed64Type
	case kindFloat:
		return protowire.Fixed32Type
	}
	return protowire.BytesType
}

// packable reports whether repeated values of kind k may be packed.
func (k kind) packable() bool { return k.wireType() != protowire.BytesType }

// valueInfo describes one value: a field, a repeated element or a map
// key or value.
type valueInfo struct {
	typ  reflect.Type // after dereferencing ptr
	kind kind
	ptr  bool // the Go value is a pointer to typ
}

func newValueInfo(t reflect.Type) (valueInfo, bool) {
	vi := valueInfo{typ: t}
	if t.Kind() == reflect.Pointer {
		vi.ptr, vi.typ = true, t.Elem()
	}
	vi.kind = scalarKind(vi.typ)
	return vi, vi.kind != kindInvalid
}

// fieldInfo is one tagged struct field.
type fieldInfo struct {
	num   protowire.Number
	index int
	name  string
	// Exactly one of the shapes below applies.
	repeated bool      // a slice of elem
	isMap    bool      // a map of key to elem
	key      valueInfo // map key
	elem     valueInfo // the value, the slice element or the map value
}

// messageInfo is the field table of one struct type, sorted by number.
type messageInfo struct {
	fields []fieldInfo
	byNum  map[protowire.Number]*fieldInfo
}

var messages sync.Map // reflect.Type -> *messageInfo

// messageFor returns the cached field table of struct type t.
func messageFor(t reflect.Type) *messageInfo {
	if mi, ok := messages.Load(t); ok {
		return mi.(*messageInfo)
	}
	mi := buildMessage(t)
	actual, _ := messages.LoadOrStore(t, mi)
	return actual.(*messageInfo)
}

// buildMessage reads the protobuf tags of t. Fields without a tag, or with
// a Go type the codec cannot carry, are left out; this includes embedded
// structs without a tag (TypeMeta), which Kubernetes does not encode.
func buildMessage(t reflect.Type) *messageInfo {
	mi := &messageInfo{byNum: map[protowire.Number]*fieldInfo{}}
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		num, ok := tagNumber(sf.Tag.Get("protobuf"))
		if !ok {
			continue
		}
		fi := fieldInfo{num: num, index: i, name: sf.Name}
		ft := sf.Type
		switch {
		case ft.Kind() == reflect.Map:
			k, okk := newValueInfo(ft.Key())
			v, okv := mapValueInfo(ft.Elem())
			if !okk || !okv || k.ptr || k.kind == kindMessage {
				continue
			}
			fi.isMap, fi.key, fi.elem = true, k, v
		case ft.Kind() == reflect.Slice && scalarKind(ft) == kindInvalid:
			e, ok := newValueInfo(ft.Elem())
			if !ok {
				continue
			}
			fi.repeated, fi.elem = true, e
		default:
			e, ok := newValueInfo(ft)
			if !ok {
				continue
			}
			fi.elem = e
		}
		mi.fields = append(mi.fields, fi)
	}
	slices.SortStableFunc(mi.fields, func(a, b fieldInfo) int { return int(a.num) - int(b.num) })
	for i := range mi.fields {
		if _, dup := mi.byNum[mi.fields[i].num]; !dup {
			mi.byNum[mi.fields[i].num] = &mi.fields[i]
		}
	}
	return mi
}

// mapValueInfo is newValueInfo for map values, where a list of strings
// (ExtraValue) travels wrapped in a message.
func mapValueInfo(t reflect.Type) (valueInfo, bool) {
	if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String {
		return valueInfo{typ: t, kind: kindStrings}, true
	}
	return newValueInfo(t)
}

// tagNumber parses the field number out of `protobuf:"bytes,3,opt,name=x"`.
func tagNumber(tag string) (protowire.Number, bool) {
	if tag == "" {
		return 0, false
	}
	parts := strings.Split(tag, ",")
	if len(parts) < 2 {
		return 0, false
	}
	n, err := strconv.Atoi(parts[1])
	if err != nil || n < int(protowire.MinValidNumber) || n > int(protowire.MaxValidNumber) {
		return 0, false
	}
	return protowire.Number(n), true
}
