package protobuf

import (
	"cmp"
	"fmt"
	"math"
	"reflect"
	"slices"
	"time"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/resource"
	"github.com/orcaproj/orca/errdefs"
)

// Marshal encodes obj, a pointer to a struct of package apiobj, as its
// protobuf message (without the runtime.Unknown envelope; see Wrap).
// Like Kubernetes' generated code it writes fields in number order, always
// writes non-pointer fields, writes pointers only when set, and writes map
// entries sorted by key, so equal objects encode to equal bytes.
func Marshal(obj apiobj.Typed) ([]byte, error) {
	v := reflect.ValueOf(obj)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil, fmt.Errorf("protobuf: cannot encode %T: %w", obj, errdefs.ErrBadRequest)
	}
	return appendMessage(nil, v.Elem()), nil
}

// appendMessage appends the fields of struct v.
func appendMessage(b []byte, v reflect.Value) []byte {
	mi := messageFor(v.Type())
	for i := range mi.fields {
		fi := &mi.fields[i]
		fv := v.Field(fi.index)
		switch {
		case fi.isMap:
			b = appendMap(b, fi, fv)
		case fi.repeated:
			for j := range fv.Len() {
				ev := fv.Index(j)
				if fi.elem.ptr && ev.IsNil() {
					continue
				}
				b = appendField(b, fi.num, fi.elem, ev)
			}
		default:
			if fi.elem.ptr && fv.IsNil() {
				continue
			}
			if fi.elem.kind == kindBytes && fv.IsNil() {
				continue
			}
			b = appendField(b, fi.num, fi.elem, fv)
		}
	}
	return b
}

func appendMap(b []byte, fi *fieldInfo, fv reflect.Value) []byte {
	if fv.Len() == 0 {
		return b
	}
	keys := fv.MapKeys()
	slices.SortFunc(keys, func(x, y reflect.Value) int {
		if fi.key.kind == kindString {
			return cmp.Compare(x.String(), y.String())
		}
		switch fi.key.kind {
		case kindInt:
			return cmp.Compare(x.Int(), y.Int())
		case kindUint:
			return cmp.Compare(x.Uint(), y.Uint())
		case kindBool:
			return cmp.Compare(boolInt(x.Bool()), boolInt(y.Bool()))
		}
		return 0
	})
	var entry []byte
	for _, k := range keys {
		entry = appendField(entry[:0], 1, fi.key, k)
		vv := fv.MapIndex(k)
		if !(fi.elem.ptr && vv.IsNil()) {
			entry = appendField(entry, 2, fi.elem, vv)
		}
		b = protowire.AppendTag(b, fi.num, protowire.BytesType)
		b = protowire.AppendBytes(b, entry)
	}
	return b
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// appendField appends tag and value of one value described by vi.
func appendField(b []byte, num protowire.Number, vi valueInfo, v reflect.Value) []byte {
	if vi.ptr {
		v = v.Elem()
	}
	b = protowire.AppendTag(b, num, vi.kind.wireType())
	switch vi.kind {
	case kindBool:
		return protowire.AppendVarint(b, protowire.EncodeBool(v.Bool()))
	case kindInt:
		return protowire.AppendVarint(b, uint64(v.Int()))
	case kindUint:
		return protowire.AppendVarint(b, v.Uint())
	case kindDouble:
		return protowire.AppendFixed64(b, math.Float64bits(v.Float()))
	case kindFloat:
		return protowire.AppendFixed32(b, math.Float32bits(float32(v.Float())))
	case kindString:
		return protowire.AppendString(b, v.String())
	case kindBytes:
		return protowire.AppendBytes(b, v.Bytes())
	}
	// Messages: encode into a scratch buffer to learn the length.
	var m []byte
	switch vi.kind {
	case kindMessage:
		m = appendMessage(nil, v)
	case kindTime:
		m = appendTime(nil, v.Interface().(apiobj.Time).Time, time.Second)
	case kindMicroTime:
		m = appendTime(nil, v.Interface().(apiobj.MicroTime).Time, time.Microsecond)
	case kindDuration:
		m = protowire.AppendTag(m, 1, protowire.VarintType)
		m = protowire.AppendVarint(m, uint64(int64(v.Interface().(apiobj.Duration).Duration)))
	case kindQuantity:
		q := v.Interface().(resource.Quantity)
		m = protowire.AppendTag(m, 1, protowire.BytesType)
		m = protowire.AppendString(m, q.String())
	case kindIntOrStr:
		ios := v.Interface().(apiobj.IntOrString)
		m = protowire.AppendTag(m, 1, protowire.VarintType)
		m = protowire.AppendVarint(m, uint64(int64(ios.Type)))
		m = protowire.AppendTag(m, 2, protowire.VarintType)
		m = protowire.AppendVarint(m, uint64(int64(ios.IntVal)))
		m = protowire.AppendTag(m, 3, protowire.BytesType)
		m = protowire.AppendString(m, ios.StrVal)
	case kindRaw:
		if !v.IsNil() {
			m = protowire.AppendTag(m, 1, protowire.BytesType)
			m = protowire.AppendBytes(m, v.Bytes())
		}
	case kindStrings:
		for i := range v.Len() {
			m = protowire.AppendTag(m, 1, protowire.BytesType)
			m = protowire.AppendString(m, v.Index(i).String())
		}
	}
	return protowire.AppendBytes(b, m)
}

// appendTime appends {int64 seconds = 1; int32 nanos = 2} with t truncated
// to precision, as Kubernetes writes Time (seconds) and MicroTime
// (microseconds); the zero time is the empty message.
func appendTime(b []byte, t time.Time, precision time.Duration) []byte {
	if t.IsZero() {
		return b
	}
	t = t.Truncate(precision)
	b = protowire.AppendTag(b, 1, protowire.VarintType)
	b = protowire.AppendVarint(b, uint64(t.Unix()))
	b = protowire.AppendTag(b, 2, protowire.VarintType)
	return protowire.AppendVarint(b, uint64(int64(t.Nanosecond())))
}
