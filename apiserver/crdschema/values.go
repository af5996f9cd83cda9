package crdschema

import (
	"encoding/json"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// JSON type names as validation messages use them.
const (
	typeObject  = "object"
	typeArray   = "array"
	typeString  = "string"
	typeInteger = "integer"
	typeNumber  = "number"
	typeBoolean = "boolean"
	typeNull    = "null"
)

// kindOf names the JSON type of a decoded value. Integral float64s are
// "number"; typeMatches lets them through where an integer is wanted.
func kindOf(v any) string {
	switch t := v.(type) {
	case nil:
		return typeNull
	case map[string]any:
		return typeObject
	case []any:
		return typeArray
	case string:
		return typeString
	case bool:
		return typeBoolean
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return typeInteger
	case float32, float64:
		return typeNumber
	case json.Number:
		if _, err := strconv.ParseInt(string(t), 10, 64); err == nil {
			return typeInteger
		}
		return typeNumber
	}
	return reflect.TypeOf(v).String()
}

// typeMatches reports whether v is of schema type typ: integers are
// numbers, and integral floats are integers.
func typeMatches(typ string, v any) bool {
	k := kindOf(v)
	switch typ {
	case typeInteger:
		if k == typeNumber {
			f, _ := toFloat(v)
			return isIntegral(f)
		}
		return k == typeInteger
	case typeNumber:
		return k == typeNumber || k == typeInteger
	}
	return k == typ
}

func isIntegral(f float64) bool {
	return !math.IsInf(f, 0) && !math.IsNaN(f) && f == math.Trunc(f)
}

// toFloat returns a numeric value as a float64.
func toFloat(v any) (float64, bool) {
	switch t := v.(type) {
	case int:
		return float64(t), true
	case int8:
		return float64(t), true
	case int16:
		return float64(t), true
	case int32:
		return float64(t), true
	case int64:
		return float64(t), true
	case uint:
		return float64(t), true
	case uint8:
		return float64(t), true
	case uint16:
		return float64(t), true
	case uint32:
		return float64(t), true
	case uint64:
		return float64(t), true
	case float32:
		return float64(t), true
	case float64:
		return t, true
	case json.Number:
		f, err := t.Float64()
		return f, err == nil
	}
	return 0, false
}

// toInt returns an integral numeric value as an int64.
func toInt(v any) (int64, bool) {
	switch t := v.(type) {
	case int:
		return int64(t), true
	case int8:
		return int64(t), true
	case int16:
		return int64(t), true
	case int32:
		return int64(t), true
	case int64:
		return t, true
	case uint:
		return int64(t), t <= math.MaxInt64
	case uint8:
		return int64(t), true
	case uint16:
		return int64(t), true
	case uint32:
		return int64(t), true
	case uint64:
		return int64(t), t <= math.MaxInt64
	case json.Number:
		i, err := strconv.ParseInt(string(t), 10, 64)
		return i, err == nil
	}
	return 0, false
}

// jsonEqual compares two decoded JSON values; numbers compare by value, so
// int64(1) equals float64(1).
func jsonEqual(a, b any) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case string:
		y, ok := b.(string)
		return ok && x == y
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, xv := range x {
			yv, ok := y[k]
			if !ok || !jsonEqual(xv, yv) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !jsonEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	}
	if xn, ok := numberOf(a); ok {
		yn, ok := numberOf(b)
		return ok && xn == yn
	}
	return reflect.DeepEqual(a, b)
}

// canonical writes a key for v such that two values have the same key
// exactly when jsonEqual says they are equal. It lets uniqueness checks run
// in linear time.
func canonical(b *strings.Builder, v any) {
	switch t := v.(type) {
	case nil:
		b.WriteString("null")
	case string:
		b.WriteString(strconv.Quote(t))
	case bool:
		b.WriteString(strconv.FormatBool(t))
	case map[string]any:
		b.WriteByte('{')
		for i, k := range slices.Sorted(maps.Keys(t)) {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Quote(k))
			b.WriteByte(':')
			canonical(b, t[k])
		}
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		for i, e := range t {
			if i > 0 {
				b.WriteByte(',')
			}
			canonical(b, e)
		}
		b.WriteByte(']')
	default:
		if n, ok := numberOf(v); ok {
			if n.isInt {
				b.WriteString(strconv.FormatInt(n.i, 10))
			} else {
				b.WriteString(strconv.FormatFloat(n.f, 'g', -1, 64))
			}
			return
		}
		b.WriteString("?")
		b.WriteString(reflect.TypeOf(v).String())
	}
}

func canonicalKey(v any) string {
	var b strings.Builder
	canonical(&b, v)
	return b.String()
}

// number is a numeric value normalized for comparison: integral values
// that fit an int64 are held as one, whatever their Go type.
type number struct {
	isInt bool
	i     int64
	f     float64
}

func numberOf(v any) (number, bool) {
	if i, ok := toInt(v); ok {
		return number{isInt: true, i: i}, true
	}
	f, ok := toFloat(v)
	if !ok {
		return number{}, false
	}
	if isIntegral(f) && f >= -(1<<63) && f < 1<<63 {
		return number{isInt: true, i: int64(f)}, true
	}
	return number{f: f}, true
}

// isScalar reports whether v is neither an object nor an array.
func isScalar(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return false
	}
	return true
}
