package protobuf

import (
	"fmt"
	"math"
	"reflect"
	"time"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/resource"
	"github.com/orcaproj/orca/errdefs"
)

// maxDepth bounds message nesting. The deepest built-in trees (a CRD's
// OpenAPI schema) need far less; hostile input must not exhaust the stack.
const maxDepth = 200

// Unmarshal decodes raw, the protobuf message of one object without the
// runtime.Unknown envelope, into into, which must be a pointer to a struct
// of package apiobj. Fields already set in into are overwritten when raw
// carries them and appended to when they are repeated; callers normally
// pass a fresh object. Unknown field numbers are skipped. Errors wrap
// errdefs.ErrBadRequest.
func Unmarshal(raw []byte, into apiobj.Typed) error {
	v := reflect.ValueOf(into)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("protobuf: cannot decode into %T: %w", into, errdefs.ErrBadRequest)
	}
	if err := decodeMessage(raw, v.Elem(), 0); err != nil {
		return fmt.Errorf("protobuf: decoding %T: %w", into, err)
	}
	return nil
}

// decodeError is a malformed-input error; it wraps errdefs.ErrBadRequest.
type decodeError struct{ msg string }

func (e *decodeError) Error() string { return e.msg }
func (e *decodeError) Unwrap() error { return errdefs.ErrBadRequest }

func errorf(format string, args ...any) error {
	return &decodeError{msg: fmt.Sprintf(format, args...)}
}

func consumeErr(n int) error { return errorf("%v", protowire.ParseError(n)) }

// decodeMessage merges the fields in b into the struct v.
func decodeMessage(b []byte, v reflect.Value, depth int) error {
	if depth > maxDepth {
		return errorf("message nesting deeper than %d", maxDepth)
	}
	mi := messageFor(v.Type())
	for len(b) > 0 {
		num, wt, n := protowire.ConsumeTag(b)
		if n < 0 {
			return consumeErr(n)
		}
		b = b[n:]
		fi := mi.byNum[num]
		if fi == nil {
			n = protowire.ConsumeFieldValue(num, wt, b)
			if n < 0 {
				return consumeErr(n)
			}
			b = b[n:]
			continue
		}
		n, err := decodeField(fi, v.Field(fi.index), wt, b, depth)
		if err != nil {
			return fmt.Errorf("%s: %w", fi.name, err)
		}
		b = b[n:]
	}
	return nil
}

// decodeField decodes one occurrence of field fi from b into fv and
// returns the number of bytes used.
func decodeField(fi *fieldInfo, fv reflect.Value, wt protowire.Type, b []byte, depth int) (int, error) {
	switch {
	case fi.isMap:
		if wt != protowire.BytesType {
			return 0, errorf("map entry has wire type %d", wt)
		}
		entry, n := protowire.ConsumeBytes(b)
		if n < 0 {
			return 0, consumeErr(n)
		}
		if err := decodeMapEntry(fi, fv, entry, depth); err != nil {
			return 0, err
		}
		return n, nil
	case fi.repeated:
		if wt == protowire.BytesType && fi.elem.kind.packable() && !fi.elem.ptr {
			packed, n := protowire.ConsumeBytes(b)
			if n < 0 {
				return 0, consumeErr(n)
			}
			for len(packed) > 0 {
				ev := reflect.New(fi.elem.typ).Elem()
				m, err := decodeValue(fi.elem, ev, fi.elem.kind.wireType(), packed, depth)
				if err != nil {
					return 0, err
				}
				packed = packed[m:]
				fv.Set(reflect.Append(fv, ev))
			}
			return n, nil
		}
		ev := reflect.New(fv.Type().Elem()).Elem()
		n, err := decodeValue(fi.elem, ev, wt, b, depth)
		if err != nil {
			return 0, err
		}
		fv.Set(reflect.Append(fv, ev))
		return n, nil
	}
	return decodeValue(fi.elem, fv, wt, b, depth)
}

// decodeMapEntry decodes one {key = 1; value = 2} entry into the map fv.
func decodeMapEntry(fi *fieldInfo, fv reflect.Value, b []byte, depth int) error {
	if depth+1 > maxDepth {
		return errorf("message nesting deeper than %d", maxDepth)
	}
	kv := reflect.New(fi.key.typ).Elem()
	vv := reflect.New(fv.Type().Elem()).Elem()
	for len(b) > 0 {
		num, wt, n := protowire.ConsumeTag(b)
		if n < 0 {
			return consumeErr(n)
		}
		b = b[n:]
		var err error
		switch num {
		case 1:
			n, err = decodeValue(fi.key, kv, wt, b, depth+1)
		case 2:
			n, err = decodeValue(fi.elem, vv, wt, b, depth+1)
		default:
			n = protowire.ConsumeFieldValue(num, wt, b)
			if n < 0 {
				err = consumeErr(n)
			}
		}
		if err != nil {
			return err
		}
		b = b[n:]
	}
	if fv.IsNil() {
		fv.Set(reflect.MakeMap(fv.Type()))
	}
	fv.SetMapIndex(kv, vv)
	return nil
}

// decodeValue decodes one value described by vi from b into v (of vi's
// Go type, pointer or not) and returns the number of bytes used.
func decodeValue(vi valueInfo, v reflect.Value, wt protowire.Type, b []byte, depth int) (int, error) {
	if want := vi.kind.wireType(); wt != want {
		return 0, errorf("wire type %d, want %d", wt, want)
	}
	if vi.ptr {
		if v.IsNil() {
			v.Set(reflect.New(vi.typ))
		}
		v = v.Elem()
	}
	switch wt {
	case protowire.VarintType:
		x, n := protowire.ConsumeVarint(b)
		if n < 0 {
			return 0, consumeErr(n)
		}
		switch vi.kind {
		case kindBool:
			v.SetBool(x != 0)
		case kindInt:
			v.SetInt(int64(x))
		case kindUint:
			v.SetUint(x)
		}
		return n, nil
	case protowire.Fixed64Type:
		x, n := protowire.ConsumeFixed64(b)
		if n < 0 {
			return 0, consumeErr(n)
		}
		v.SetFloat(math.Float64frombits(x))
		return n, nil
	case protowire.Fixed32Type:
		x, n := protowire.ConsumeFixed32(b)
		if n < 0 {
			return 0, consumeErr(n)
		}
		v.SetFloat(float64(math.Float32frombits(x)))
		return n, nil
	}
	p, n := protowire.ConsumeBytes(b)
	if n < 0 {
		return 0, consumeErr(n)
	}
	var err error
	switch vi.kind {
	case kindString:
		v.SetString(string(p))
	case kindBytes:
		v.SetBytes(append([]byte{}, p...))
	case kindMessage:
		err = decodeMessage(p, v, depth+1)
	case kindTime, kindMicroTime:
		var t time.Time
		if vi.kind == kindTime {
			t, err = decodeTime(p, time.Second)
			v.Set(reflect.ValueOf(apiobj.Time{Time: t}))
		} else {
			t, err = decodeTime(p, time.Microsecond)
			v.Set(reflect.ValueOf(apiobj.MicroTime{Time: t}))
		}
	case kindDuration:
		var d int64
		d, err = decodeInt64Field(p)
		v.Set(reflect.ValueOf(apiobj.Duration{Duration: time.Duration(d)}))
	case kindQuantity:
		var q resource.Quantity
		q, err = decodeQuantity(p)
		v.Set(reflect.ValueOf(q))
	case kindIntOrStr:
		var ios apiobj.IntOrString
		ios, err = decodeIntOrString(p)
		v.Set(reflect.ValueOf(ios))
	case kindRaw:
		var raw []byte
		raw, err = decodeRaw(p)
		v.SetBytes(raw)
	case kindStrings:
		err = decodeStrings(p, v)
	}
	return n, err
}

// fields calls fn for every field of message b; fn returns the bytes used
// by the value, or -1 to have it skipped.
func fields(b []byte, fn func(num protowire.Number, wt protowire.Type, b []byte) (int, error)) error {
	for len(b) > 0 {
		num, wt, n := protowire.ConsumeTag(b)
		if n < 0 {
			return consumeErr(n)
		}
		b = b[n:]
		m, err := fn(num, wt, b)
		if err != nil {
			return err
		}
		if m < 0 {
			m = protowire.ConsumeFieldValue(num, wt, b)
			if m < 0 {
				return consumeErr(m)
			}
		}
		b = b[m:]
	}
	return nil
}

func consumeVarintAs(wt protowire.Type, b []byte) (uint64, int, error) {
	if wt != protowire.VarintType {
		return 0, 0, errorf("wire type %d, want varint", wt)
	}
	x, n := protowire.ConsumeVarint(b)
	if n < 0 {
		return 0, 0, consumeErr(n)
	}
	return x, n, nil
}

func consumeBytesAs(wt protowire.Type, b []byte) ([]byte, int, error) {
	if wt != protowire.BytesType {
		return nil, 0, errorf("wire type %d, want bytes", wt)
	}
	p, n := protowire.ConsumeBytes(b)
	if n < 0 {
		return nil, 0, consumeErr(n)
	}
	return p, n, nil
}

// decodeTime decodes {int64 seconds = 1; int32 nanos = 2}, truncated to
// precision as Kubernetes reads Time and MicroTime. An empty message is the
// zero time.
func decodeTime(b []byte, precision time.Duration) (time.Time, error) {
	if len(b) == 0 {
		return time.Time{}, nil
	}
	var secs, nanos int64
	err := fields(b, func(num protowire.Number, wt protowire.Type, b []byte) (int, error) {
		switch num {
		case 1, 2:
			x, n, err := consumeVarintAs(wt, b)
			if num == 1 {
				secs = int64(x)
			} else {
				nanos = int64(int32(x))
			}
			return n, err
		}
		return -1, nil
	})
	if err != nil {
		return time.Time{}, err
	}
	if nanos < 0 || nanos >= 1e9 {
		return time.Time{}, errorf("time nanos %d out of range", nanos)
	}
	return time.Unix(secs, nanos).UTC().Truncate(precision), nil
}

// decodeInt64Field decodes a message whose field 1 is an int64 (Duration).
func decodeInt64Field(b []byte) (int64, error) {
	var out int64
	err := fields(b, func(num protowire.Number, wt protowire.Type, b []byte) (int, error) {
		if num != 1 {
			return -1, nil
		}
		x, n, err := consumeVarintAs(wt, b)
		out = int64(x)
		return n, err
	})
	return out, err
}

// decodeBytesField decodes a message whose field 1 is a string or bytes.
func decodeBytesField(b []byte) ([]byte, bool, error) {
	var out []byte
	var seen bool
	err := fields(b, func(num protowire.Number, wt protowire.Type, b []byte) (int, error) {
		if num != 1 {
			return -1, nil
		}
		p, n, err := consumeBytesAs(wt, b)
		out, seen = p, true
		return n, err
	})
	return out, seen, err
}

// decodeQuantity decodes {optional string string = 1}; an empty message
// is the zero quantity.
func decodeQuantity(b []byte) (resource.Quantity, error) {
	s, _, err := decodeBytesField(b)
	if err != nil || len(s) == 0 {
		return resource.Quantity{}, err
	}
	q, err := resource.ParseQuantity(string(s))
	if err != nil {
		return resource.Quantity{}, errorf("quantity %.40q: %v", s, err)
	}
	return q, nil
}

// decodeRaw decodes {bytes raw = 1}. A missing raw field is nil.
func decodeRaw(b []byte) ([]byte, error) {
	p, seen, err := decodeBytesField(b)
	if err != nil || !seen {
		return nil, err
	}
	return append([]byte{}, p...), nil
}

// decodeIntOrString decodes {int64 type = 1; int32 intVal = 2; string strVal = 3}.
func decodeIntOrString(b []byte) (apiobj.IntOrString, error) {
	var out apiobj.IntOrString
	err := fields(b, func(num protowire.Number, wt protowire.Type, b []byte) (int, error) {
		switch num {
		case 1:
			x, n, err := consumeVarintAs(wt, b)
			out.Type = apiobj.IntOrStringType(int64(x))
			return n, err
		case 2:
			x, n, err := consumeVarintAs(wt, b)
			out.IntVal = int32(x)
			return n, err
		case 3:
			p, n, err := consumeBytesAs(wt, b)
			out.StrVal = string(p)
			return n, err
		}
		return -1, nil
	})
	if err == nil && out.Type != apiobj.Int && out.Type != apiobj.String {
		err = errorf("intOrString type %d", out.Type)
	}
	return out, err
}

// decodeStrings decodes {repeated string items = 1} into the string slice v.
func decodeStrings(b []byte, v reflect.Value) error {
	return fields(b, func(num protowire.Number, wt protowire.Type, b []byte) (int, error) {
		if num != 1 {
			return -1, nil
		}
		p, n, err := consumeBytesAs(wt, b)
		if err == nil {
			ev := reflect.New(v.Type().Elem()).Elem()
			ev.SetString(string(p))
			v.Set(reflect.Append(v, ev))
		}
		return n, err
	})
}
