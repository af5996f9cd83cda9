package resource

import (
	"bytes"
	"encoding/json"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
)

// decimalSuffixes maps (exponent+9)/3 to the DecimalSI suffix.
var decimalSuffixes = [...]string{"n", "u", "m", "", "k", "M", "G", "T", "P", "E"}

// binarySuffixes maps a power of 1024 to the BinarySI suffix.
var binarySuffixes = [...]string{"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"}

// String returns q in canonical form, the form Kubernetes writes:
//   - no fraction digits, and the largest suffix that keeps the value exact,
//     with a decimal exponent that is a multiple of three: "0.5" is "500m",
//     "1.5Gi" is "1536Mi", "1000k" is "1M", "1.5e3" is "1500";
//   - for a BinarySI value, a binary suffix where one divides it exactly,
//     and the DecimalSI form otherwise: "0.5Ki" is "512", "1.5Ki" is
//     "1536", "62.5Ki" is "64k";
//   - a DecimalSI value with no suffix for its exponent (beyond E, below n)
//     in "e" notation: "1000E" is "1e21";
//   - "0" for zero, and a leading "-" only for a negative value.
//
// ParseQuantity(q.String()) equals q, and its String is q.String().
//
// Kubernetes writes differently in three corners. It writes a BinarySI
// integer that no binary suffix divides as a bare integer ("64000" for
// "62.5Ki", which it prints as "64k" once parsed again). It repeats some
// spellings it parsed as they were ("+1", "01", "1.", "1E3", "1e+3", "1e0"),
// where String writes "1", "1", "1", "1e3", "1e3", "1". And it drops the
// suffix of a BinarySI value past 1024Ei, where String keeps Ei.
func (q Quantity) String() string {
	var buf [32]byte
	return string(q.appendCanonical(buf[:0]))
}

// appendCanonical appends the canonical form of q to b.
func (q Quantity) appendCanonical(b []byte) []byte {
	if q.IsZero() {
		return append(b, '0')
	}
	format := q.Format
	switch format {
	case DecimalSI, DecimalExponent:
	case BinarySI:
		if !q.multipleOf1024() {
			// Kubernetes writes an integer of 1Ki or more that no binary
			// suffix divides as a bare integer, which parses back as
			// DecimalSI: "62.5Ki" is "64000", then "64k". Writing the
			// DecimalSI form at once makes String a fixed point.
			format = DecimalSI
		}
	default:
		format = DecimalExponent
	}
	if q.Sign() < 0 {
		b = append(b, '-')
	}
	if format == BinarySI {
		return q.appendBinary(b)
	}

	// The mantissa has no trailing zeros; lower the exponent to a multiple of
	// three by writing one or two zeros.
	exp := q.scale
	pad := ((exp % 3) + 3) % 3
	exp -= pad
	if q.d != nil {
		b = new(big.Int).Abs(q.d).Append(b, 10)
	} else {
		b = strconv.AppendUint(b, abs64(q.i), 10)
	}
	b = append(b, "00"[:pad]...)
	if format == DecimalSI && exp >= int64(Nano) && exp <= int64(Exa) {
		return append(b, decimalSuffixes[(exp+9)/3]...)
	}
	if exp == 0 {
		return b
	}
	b = append(b, 'e')
	return strconv.AppendInt(b, exp, 10)
}

// multipleOf1024 reports whether q is a non-zero integer multiple of 1024.
func (q Quantity) multipleOf1024() bool {
	if q.scale < 0 || q.IsZero() {
		return false // a normal mantissa has no trailing zeros: a fraction
	}
	// q = m × 2^scale × 5^scale
	if q.d != nil {
		return int64(q.d.TrailingZeroBits())+q.scale >= 10
	}
	return int64(bits.TrailingZeros64(uint64(q.i)))+q.scale >= 10
}

// appendBinary appends |q| with the largest binary suffix that divides it
// exactly. q is a non-zero multiple of 1024.
func (q Quantity) appendBinary(b []byte) []byte {
	if q.d == nil && q.scale < int64(len(pow10u)) {
		hi, u := bits.Mul64(abs64(q.i), pow10u[q.scale])
		if hi == 0 {
			e := 0
			for e < len(binarySuffixes)-1 && u&1023 == 0 {
				u >>= 10
				e++
			}
			b = strconv.AppendUint(b, u, 10)
			return append(b, binarySuffixes[e]...)
		}
	}
	m := q.mantissa()
	m.Abs(m)
	m.Mul(m, pow10Big(q.scale))
	e := min(int(m.TrailingZeroBits())/10, len(binarySuffixes)-1)
	m.Rsh(m, uint(10*e))
	b = m.Append(b, 10)
	return append(b, binarySuffixes[e]...)
}

// MarshalJSON writes q as a JSON string in canonical form.
func (q Quantity) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 24)
	b = append(b, '"')
	b = q.appendCanonical(b)
	return append(b, '"'), nil
}

// UnmarshalJSON reads a JSON string or number, as Kubernetes does: white
// space around the quantity is ignored, and null sets q to zero.
func (q *Quantity) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		*q = Quantity{Format: q.Format}
		return nil
	}
	var s string
	switch n := len(data); {
	case n >= 2 && data[0] == '"' && data[n-1] == '"' && bytes.IndexByte(data, '\\') < 0:
		s = string(data[1 : n-1])
	case n >= 2 && data[0] == '"':
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
	default:
		s = string(data)
	}
	parsed, err := ParseQuantity(strings.TrimSpace(s))
	if err != nil {
		return err
	}
	*q = parsed
	return nil
}

// MarshalText returns q in canonical form.
func (q Quantity) MarshalText() ([]byte, error) {
	return q.appendCanonical(nil), nil
}

// UnmarshalText sets q to ParseQuantity(string(text)).
func (q *Quantity) UnmarshalText(text []byte) error {
	parsed, err := ParseQuantity(string(text))
	if err != nil {
		return err
	}
	*q = parsed
	return nil
}
