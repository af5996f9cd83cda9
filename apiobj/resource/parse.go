package resource

import (
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"github.com/orcaproj/orca/errdefs"
)

// parseError is the type of the parse sentinels. Each unwraps to
// errdefs.ErrInvalid, so errors.Is(err, errdefs.ErrInvalid) holds for every
// error ParseQuantity returns.
type parseError string

func (e parseError) Error() string { return string(e) }
func (e parseError) Unwrap() error { return errdefs.ErrInvalid }

// Errors returned by ParseQuantity. The first three carry the same text as
// their Kubernetes namesakes.
var (
	// ErrFormatWrong: the text does not have the shape <signedNumber><suffix>.
	ErrFormatWrong error = parseError("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
	// ErrNumeric: the number has no digits where Kubernetes requires some
	// (for example "Pi" or "e-10").
	ErrNumeric error = parseError("unable to parse numeric part of quantity")
	// ErrSuffix: the suffix is not one of the known ones.
	ErrSuffix error = parseError("unable to parse quantity's suffix")
	// ErrTooLarge: the magnitude is 10^1000 or more.
	ErrTooLarge error = parseError("quantity is too large: its magnitude must be below 1e1000")
)

// maxMagnitude bounds what ParseQuantity accepts: |q| < 10^maxMagnitude.
// Exact arithmetic aligns scales by multiplying by powers of ten, so an
// unbounded exponent would let one input cost unbounded memory.
const maxMagnitude = 1000

// expClamp bounds a suffix exponent before any sum is taken with it. Every
// exponent beyond it is already decided (too large, or rounded up to 1n),
// and clamping keeps the scale arithmetic inside int64.
const expClamp = 1 << 62

// MustParse is ParseQuantity for strings known to be valid, such as
// constants and test data. It panics if s does not parse.
func MustParse(s string) Quantity {
	q, err := ParseQuantity(s)
	if err != nil {
		panic(fmt.Errorf("resource: cannot parse %q: %w", s, err))
	}
	return q
}

// ParseQuantity parses s with the Kubernetes grammar:
//
//	<quantity>        ::= <signedNumber><suffix>
//	<signedNumber>    ::= <number> | "+" <number> | "-" <number>
//	<number>          ::= <digits> | <digits>.<digits> | <digits>. | .<digits>
//	<suffix>          ::= <binarySI> | <decimalExponent> | <decimalSI>
//	<binarySI>        ::= Ki | Mi | Gi | Ti | Pi | Ei
//	<decimalSI>       ::= n | u | m | "" | k | M | G | T | P | E
//	<decimalExponent> ::= "e" <signedDigits> | "E" <signedDigits>
//	<signedDigits>    ::= <digits> | "+" <digits> | "-" <digits>
//
// The suffix picks the Format. Surrounding white space is an error. Like
// Kubernetes, ParseQuantity
//   - rounds a value with digits below 10^-9 away from zero to a whole
//     number of nano units, so "0.1n" and "1e-12" become 1n;
//   - caps a BinarySI magnitude at 2^63-1 ("9Ei" becomes 9223372036854775807);
//   - turns a BinarySI value strictly between -1 and 1 into DecimalSI;
//   - reads a number without digits ("-", ".", "m", "Ki") as zero, except
//     where Kubernetes reports ErrNumeric ("Pi", "Ei", "e-10").
//
// Unlike Kubernetes it rejects a magnitude of 10^1000 or more with
// ErrTooLarge, and reads an exponent beyond the int32 range by its value
// instead of truncating it. Every error wraps errdefs.ErrInvalid.
func ParseQuantity(s string) (Quantity, error) {
	if s == "" {
		return Quantity{}, ErrFormatWrong
	}
	neg, num, frac, suffix, ok := split(s)
	if !ok {
		return Quantity{}, ErrFormatWrong
	}
	binary, exp, format, ok := parseSuffix(suffix)
	if !ok {
		return Quantity{}, ErrSuffix
	}
	if num == "" && frac == "" {
		// Kubernetes reads a digitless number as zero on its int64 path and
		// fails on its decimal path; these are the inputs that take the latter.
		if (!binary && exp < int64(Nano)) || (binary && exp > 40) {
			return Quantity{}, ErrNumeric
		}
		return Quantity{Format: format}, nil
	}
	if binary {
		return parseBinary(neg, num, frac, uint(exp)), nil
	}
	return parseDecimal(neg, num, frac, exp, format)
}

// split scans s into sign, integer digits, fraction digits and suffix, the way
// the Kubernetes scanner does. ok is false when s is not of that shape.
func split(s string) (neg bool, num, frac, suffix string, ok bool) {
	i := 0
	switch s[0] {
	case '-':
		neg = true
		i++
	case '+':
		i++
	}
	j := skipDigits(s, i)
	num = s[i:j]
	if j < len(s) && s[j] == '.' {
		k := skipDigits(s, j+1)
		frac = s[j+1 : k]
		j = k
	}
	k := j
	for k < len(s) && isSuffixLetter(s[k]) {
		k++
	}
	if k < len(s) && (s[k] == '+' || s[k] == '-') {
		k++
	}
	k = skipDigits(s, k)
	if k != len(s) {
		return false, "", "", "", false
	}
	return neg, num, frac, s[j:], true
}

func skipDigits(s string, i int) int {
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return i
}

func isSuffixLetter(c byte) bool {
	switch c {
	case 'e', 'E', 'i', 'n', 'u', 'm', 'k', 'K', 'M', 'G', 'T', 'P':
		return true
	}
	return false
}

// parseSuffix returns what a suffix means: a power of two (binary) or of ten,
// its exponent, and the Format it selects.
func parseSuffix(s string) (binary bool, exp int64, format Format, ok bool) {
	switch s {
	case "":
		return false, 0, DecimalSI, true
	case "n":
		return false, -9, DecimalSI, true
	case "u":
		return false, -6, DecimalSI, true
	case "m":
		return false, -3, DecimalSI, true
	case "k":
		return false, 3, DecimalSI, true
	case "M":
		return false, 6, DecimalSI, true
	case "G":
		return false, 9, DecimalSI, true
	case "T":
		return false, 12, DecimalSI, true
	case "P":
		return false, 15, DecimalSI, true
	case "E":
		return false, 18, DecimalSI, true
	case "Ki":
		return true, 10, BinarySI, true
	case "Mi":
		return true, 20, BinarySI, true
	case "Gi":
		return true, 30, BinarySI, true
	case "Ti":
		return true, 40, BinarySI, true
	case "Pi":
		return true, 50, BinarySI, true
	case "Ei":
		return true, 60, BinarySI, true
	}
	if len(s) > 1 && (s[0] == 'e' || s[0] == 'E') {
		e, err := strconv.ParseInt(s[1:], 10, 64)
		if err != nil {
			return false, 0, "", false
		}
		return false, e, DecimalExponent, true
	}
	return false, 0, "", false
}

// significant trims num and frac to the significant digits hi∥lo of the
// number num.frac, so that num.frac == hi∥lo × 10^shift.
func significant(num, frac string) (hi, lo string, shift int64) {
	hi, lo = strings.TrimLeft(num, "0"), frac
	if hi == "" {
		lo = strings.TrimLeft(lo, "0")
	}
	shift = -int64(len(frac))
	t := strings.TrimRight(lo, "0")
	shift += int64(len(lo) - len(t))
	lo = t
	if lo == "" {
		t = strings.TrimRight(hi, "0")
		shift += int64(len(hi) - len(t))
		hi = t
	}
	return hi, lo, shift
}

// digitsUint returns the first n (at most 19) digits of hi∥lo as a number.
func digitsUint(hi, lo string, n int) uint64 {
	var u uint64
	for i := 0; i < n; i++ {
		var c byte
		if i < len(hi) {
			c = hi[i]
		} else {
			c = lo[i-len(hi)]
		}
		u = u*10 + uint64(c-'0')
	}
	return u
}

// digitsBig returns the first n digits of hi∥lo as a new big.Int.
func digitsBig(hi, lo string, n int) *big.Int {
	buf := make([]byte, 0, n)
	buf = append(buf, hi[:min(n, len(hi))]...)
	if n > len(hi) {
		buf = append(buf, lo[:n-len(hi)]...)
	}
	z, _ := new(big.Int).SetString(string(buf), 10)
	return z
}

func parseDecimal(neg bool, num, frac string, exp int64, format Format) (Quantity, error) {
	hi, lo, shift := significant(num, frac)
	n := len(hi) + len(lo)
	if n == 0 {
		return Quantity{Format: format}, nil
	}
	exp = max(-expClamp, min(exp, expClamp))
	scale := exp + shift
	// The value lies in [10^(top-1), 10^top).
	if top := int64(n) + scale; top > maxMagnitude {
		return Quantity{}, ErrTooLarge
	}
	keep, roundUp := n, false
	if scale < int64(Nano) {
		// Digits below nano: round away from zero. The last significant digit
		// is not zero, so any digit cut off makes the value inexact.
		cut := int64(Nano) - scale
		scale = int64(Nano)
		if cut >= int64(n) {
			return fromInt(signed(1, neg), scale, format), nil
		}
		keep, roundUp = n-int(cut), true
	}
	if keep <= 19 {
		u := digitsUint(hi, lo, keep)
		if roundUp {
			u++
		}
		return fromUint(u, neg, scale, format), nil
	}
	m := digitsBig(hi, lo, keep)
	if roundUp {
		m.Add(m, bigOne)
	}
	if neg {
		m.Neg(m)
	}
	return fromBig(m, scale, format), nil
}

// parseBinary computes num.frac × 2^p, rounded away from zero to nano and
// capped in magnitude at 2^63-1, as Kubernetes does.
func parseBinary(neg bool, num, frac string, p uint) Quantity {
	hi, lo, shift := significant(num, frac)
	n := len(hi) + len(lo)
	if n == 0 {
		return Quantity{Format: BinarySI}
	}
	top := int64(n) + shift // num.frac lies in [10^(top-1), 10^top)
	switch {
	case top >= 20:
		// At least 10^19 × 1024, far above the cap.
		return fromInt(signed(math.MaxInt64, neg), 0, BinarySI)
	case top+19 <= int64(Nano):
		// Below 10^top × 2^60 < 10^(top+19) <= 1n: rounds up to 1n.
		return fromInt(signed(1, neg), int64(Nano), DecimalSI)
	}
	if shift >= 0 {
		// An integer below 10^19.
		v := digitsUint(hi, lo, n) * pow10u[shift]
		if v > math.MaxInt64>>p {
			return fromInt(signed(math.MaxInt64, neg), 0, BinarySI)
		}
		return fromInt(signed(int64(v<<p), neg), 0, BinarySI)
	}
	k := -shift // fraction digits
	if n <= 19 {
		// Fast path for values such as "1.5Gi": a 128-bit product.
		ph, pl := bits.Mul64(digitsUint(hi, lo, n), 1<<p)
		scale := -k
		if k > 9 && k-9 <= 19 && ph < pow10u[k-9] {
			var r uint64
			pl, r = bits.Div64(ph, pl, pow10u[k-9])
			ph = 0
			if r != 0 && pl < math.MaxInt64 {
				pl++
			} else if r != 0 {
				ph = 1 // too large for this path; leave it to the big one
			}
			scale = int64(Nano)
		}
		if ph == 0 && scale >= int64(Nano) && pl <= math.MaxInt64 {
			// The mantissa fits an int64 and the scale is negative, so the
			// value is below the cap.
			return binaryFormat(fromUint(pl, neg, scale, BinarySI))
		}
	}
	var m *big.Int
	scale := -k
	if k <= 9 {
		// Exact; n = top + k <= 28 digits.
		m = digitsBig(hi, lo, n)
		m.Lsh(m, p)
	} else {
		m = binaryNano(hi, lo, p, k-9)
		scale = int64(Nano)
	}
	q := fromBig(m, scale, BinarySI)
	if q.Cmp(Quantity{i: math.MaxInt64}) > 0 {
		q = fromInt(math.MaxInt64, 0, BinarySI)
	}
	if neg {
		q.Neg()
	}
	return binaryFormat(q)
}

// binaryNano returns ceil(hi∥lo × 2^p / 10^cut) for cut > 0: the magnitude
// of a binary quantity in nano units. It multiplies the digit string by 2^p
// digit by digit, from the last, keeping only the product digits at or above
// position cut and whether any below it is non-zero, so its cost is linear
// in the number of digits (big.Int's decimal parsing is quadratic).
func binaryNano(hi, lo string, p uint, cut int64) *big.Int {
	var high []byte // product digits at or above cut, least significant first
	sticky := false
	var carry uint64 // stays below 2^p, so d<<p + carry < 10 × 2^60 fits
	pos := int64(0)
	emit := func(d byte) {
		if pos < cut {
			sticky = sticky || d != 0
		} else {
			high = append(high, '0'+d)
		}
		pos++
	}
	for i := len(hi) + len(lo) - 1; i >= 0; i-- {
		var c byte
		if i < len(hi) {
			c = hi[i]
		} else {
			c = lo[i-len(hi)]
		}
		v := uint64(c-'0')<<p + carry
		emit(byte(v % 10))
		carry = v / 10
	}
	for carry > 0 {
		emit(byte(carry % 10))
		carry /= 10
	}
	m := new(big.Int)
	if len(high) > 0 {
		slices.Reverse(high)
		m.SetString(string(high), 10)
	}
	if sticky {
		m.Add(m, bigOne)
	}
	return m
}

// binaryFormat switches a BinarySI value strictly between -1 and 1 to
// DecimalSI, as Kubernetes does when parsing.
func binaryFormat(q Quantity) Quantity {
	if q.d == nil && q.i != 0 && q.scale < 0 && q.CmpInt64(1) < 0 && q.CmpInt64(-1) > 0 {
		q.Format = DecimalSI
	}
	return q
}

func signed(v int64, neg bool) int64 {
	if neg {
		return -v
	}
	return v
}
