package apiobj

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// IntOrStringType says which member of an IntOrString is set.
type IntOrStringType int

const (
	// Int: IntVal is set.
	Int IntOrStringType = iota
	// String: StrVal is set.
	String
)

// IntOrString holds an int32 or a string, and encodes as a bare JSON number
// or string. Ports ("http" or 8080) and percentages ("25%" or 1) use it.
type IntOrString struct {
	Type   IntOrStringType
	IntVal int32
	StrVal string
}

// FromInt32 returns an IntOrString holding i.
func FromInt32(i int32) IntOrString { return IntOrString{Type: Int, IntVal: i} }

// FromInt returns an IntOrString holding i, clamped to int32.
func FromInt(i int) IntOrString {
	if i > math.MaxInt32 {
		i = math.MaxInt32
	} else if i < math.MinInt32 {
		i = math.MinInt32
	}
	return FromInt32(int32(i))
}

// FromString returns an IntOrString holding s.
func FromString(s string) IntOrString { return IntOrString{Type: String, StrVal: s} }

// ParseIntOrString returns an Int if s is a decimal int32, else a String.
func ParseIntOrString(s string) IntOrString {
	if i, err := strconv.ParseInt(s, 10, 32); err == nil {
		return FromInt32(int32(i))
	}
	return FromString(s)
}

// String returns the value as text.
func (v IntOrString) String() string {
	if v.Type == String {
		return v.StrVal
	}
	return strconv.Itoa(int(v.IntVal))
}

// IntValue returns IntVal, or StrVal parsed as an int (0 if it is not one).
func (v IntOrString) IntValue() int {
	if v.Type == String {
		i, _ := strconv.Atoi(v.StrVal)
		return i
	}
	return int(v.IntVal)
}

// IsZero reports whether v is the int 0 (the zero value).
func (v IntOrString) IsZero() bool { return v == IntOrString{} }

// MarshalJSON implements json.Marshaler.
func (v IntOrString) MarshalJSON() ([]byte, error) {
	if v.Type == String {
		return json.Marshal(v.StrVal)
	}
	return strconv.AppendInt(nil, int64(v.IntVal), 10), nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (v *IntOrString) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		v.Type, v.IntVal = String, 0
		return json.Unmarshal(b, &v.StrVal)
	}
	v.Type, v.StrVal = Int, ""
	if err := json.Unmarshal(b, &v.IntVal); err != nil {
		return fmt.Errorf("intOrString: %w", err)
	}
	return nil
}

// ScaledValueFromIntOrPercent resolves v against total: an int is returned as
// is, and "N%" becomes N% of total, rounded up or down.
func ScaledValueFromIntOrPercent(v *IntOrString, total int, roundUp bool) (int, error) {
	if v == nil {
		return 0, fmt.Errorf("nil value for IntOrString")
	}
	if v.Type == Int {
		return int(v.IntVal), nil
	}
	s, ok := strings.CutSuffix(v.StrVal, "%")
	if !ok {
		return 0, fmt.Errorf("invalid value for IntOrString: invalid type: string is not a percentage")
	}
	p, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("invalid value %q: %w", v.StrVal, err)
	}
	if roundUp {
		return int(math.Ceil(float64(p) * float64(total) / 100)), nil
	}
	return int(math.Floor(float64(p) * float64(total) / 100)), nil
}
