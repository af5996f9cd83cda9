package resource

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"
)

// Format is how a Quantity is written: which family of suffixes String uses.
// An unknown or empty Format is written as DecimalExponent.
type Format string

// The three formats. ParseQuantity picks one from the suffix it reads.
const (
	DecimalExponent Format = "DecimalExponent" // e.g. 12e6
	BinarySI        Format = "BinarySI"        // e.g. 12Mi (12 × 2^20)
	DecimalSI       Format = "DecimalSI"       // e.g. 12M (12 × 10^6)
)

// Scale is a power-of-ten exponent: a Quantity of 3 at Scale Milli is 0.003.
type Scale int32

// Common scales.
const (
	Nano  Scale = -9
	Micro Scale = -6
	Milli Scale = -3
	Kilo  Scale = 3
	Mega  Scale = 6
	Giga  Scale = 9
	Tera  Scale = 12
	Peta  Scale = 15
	Exa   Scale = 18
)

// Quantity is an exact decimal number with a preferred Format, the
// Kubernetes resource.Quantity: "500m" of CPU, "128Mi" of memory. Its zero
// value is 0. It is never held as a float.
//
// Quantity is a value type. Copies may be used from several goroutines at
// once; the methods with pointer receivers (Add, Sub, Neg, UnmarshalJSON,
// UnmarshalText, DeepCopyInto) change only the Quantity they are called on.
// Compare with Cmp or Equal, not ==: "1" and "1000m" are equal quantities.
// The representation is normalised, so reflect.DeepEqual holds for two
// quantities exactly when they have the same value and Format.
//
// Most quantities are held as an int64 mantissa and a base-10 scale, on
// which Cmp, Value, MilliValue and ScaledValue do not allocate. Larger
// mantissas fall back to math/big.
type Quantity struct {
	// The value is i × 10^scale when d is nil, and d × 10^scale otherwise.
	// The representation is normal: the mantissa has no trailing zero
	// digits, zero has scale 0, and d is set only for a mantissa outside the
	// int64 range. d is never modified once stored in a Quantity.
	i     int64
	d     *big.Int
	scale int64

	// Format is the preferred way to write the value; String may fall back
	// to another where Format cannot express the value exactly.
	Format Format
}

var (
	bigOne  = big.NewInt(1)
	bigTen  = big.NewInt(10)
	pow10u  = [20]uint64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19}
	pow10f  = [23]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}
	big2p63 = new(big.Int).SetUint64(1 << 63) // -math.MinInt64
)

// NewQuantity returns value in the given format.
func NewQuantity(value int64, format Format) Quantity {
	return fromInt(value, 0, format)
}

// NewMilliQuantity returns value/1000 in the given format.
func NewMilliQuantity(value int64, format Format) Quantity {
	return fromInt(value, int64(Milli), format)
}

// NewScaledQuantity returns value × 10^scale in DecimalSI format.
func NewScaledQuantity(value int64, scale Scale) Quantity {
	return fromInt(value, int64(scale), DecimalSI)
}

// fromInt returns v × 10^scale in normal form.
func fromInt(v int64, scale int64, f Format) Quantity {
	if v == 0 {
		return Quantity{Format: f}
	}
	for v%10 == 0 {
		v /= 10
		scale++
	}
	return Quantity{i: v, scale: scale, Format: f}
}

// fromUint returns ±u × 10^scale in normal form.
func fromUint(u uint64, neg bool, scale int64, f Format) Quantity {
	switch {
	case u <= math.MaxInt64:
		return fromInt(signed(int64(u), neg), scale, f)
	case neg && u == 1<<63:
		return fromInt(math.MinInt64, scale, f)
	}
	m := new(big.Int).SetUint64(u)
	if neg {
		m.Neg(m)
	}
	return fromBig(m, scale, f)
}

// fromBig returns m × 10^scale in normal form. It takes ownership of m.
func fromBig(m *big.Int, scale int64, f Format) Quantity {
	if m.IsInt64() {
		return fromInt(m.Int64(), scale, f)
	}
	q, r := new(big.Int), new(big.Int)
	for {
		// m is outside the int64 range here, so it is not zero.
		q.QuoRem(m, bigTen, r)
		if r.Sign() != 0 {
			break
		}
		m, q = q, m
		scale++
		if m.IsInt64() {
			return fromInt(m.Int64(), scale, f)
		}
	}
	return Quantity{d: m, scale: scale, Format: f}
}

// mantissa returns a new big.Int holding q's mantissa.
func (q Quantity) mantissa() *big.Int {
	if q.d != nil {
		return new(big.Int).Set(q.d)
	}
	return big.NewInt(q.i)
}

func pow10Big(n int64) *big.Int {
	if n < int64(len(pow10u)) {
		return new(big.Int).SetUint64(pow10u[n])
	}
	return new(big.Int).Exp(bigTen, big.NewInt(n), nil)
}

func abs64(v int64) uint64 {
	if v < 0 {
		return uint64(-v) // also right for math.MinInt64
	}
	return uint64(v)
}

// mulPow10 returns v × 10^n for 0 <= n, or false if that overflows int64.
func mulPow10(v int64, n int64) (int64, bool) {
	if v == 0 || n == 0 {
		return v, true
	}
	if n >= int64(len(pow10u)) {
		return 0, false
	}
	hi, lo := bits.Mul64(abs64(v), pow10u[n])
	switch {
	case hi != 0:
		return 0, false
	case v > 0 && lo <= math.MaxInt64:
		return int64(lo), true
	case v < 0 && lo <= 1<<63:
		return int64(-lo), true
	}
	return 0, false
}

// IsZero reports whether q is zero, whatever its Format. It lets
// encoding/json's omitzero option leave zero quantities out.
func (q Quantity) IsZero() bool {
	return q.d == nil && q.i == 0
}

// Sign returns -1, 0 or +1 as q is negative, zero or positive.
func (q Quantity) Sign() int {
	if q.d != nil {
		return q.d.Sign()
	}
	switch {
	case q.i < 0:
		return -1
	case q.i > 0:
		return 1
	}
	return 0
}

// Cmp returns -1, 0 or +1 as q is less than, equal to or greater than y.
// It ignores Format.
func (q Quantity) Cmp(y Quantity) int {
	if q.d == nil && y.d == nil {
		return cmpInt(q.i, q.scale, y.i, y.scale)
	}
	return cmpSlow(q, y)
}

// CmpInt64 returns -1, 0 or +1 as q is less than, equal to or greater than y.
func (q Quantity) CmpInt64(y int64) int {
	return q.Cmp(Quantity{i: y})
}

// Equal reports whether q and y are the same number, whatever their
// Formats: "1Gi" equals "1024Mi" and "1" equals "1000m". go-cmp uses it.
func (q Quantity) Equal(y Quantity) bool {
	return q.Cmp(y) == 0
}

func cmpInt(a, as, b, bs int64) int {
	if as == bs || a == 0 || b == 0 || (a < 0) != (b < 0) {
		if as != bs {
			// Only the signs matter.
			a, b = int64(sign64(a)), int64(sign64(b))
		}
		switch {
		case a < b:
			return -1
		case a > b:
			return 1
		}
		return 0
	}
	// Same sign, both non-zero: compare magnitudes as 128-bit products.
	ua, ub := abs64(a), abs64(b)
	c := 0
	if as > bs {
		c = cmpScaledMag(ua, as-bs, ub)
	} else {
		c = -cmpScaledMag(ub, bs-as, ua)
	}
	if a < 0 {
		return -c
	}
	return c
}

// cmpScaledMag compares u × 10^n with v, for n > 0 and u > 0.
func cmpScaledMag(u uint64, n int64, v uint64) int {
	if n >= int64(len(pow10u)) {
		return 1 // u × 10^20 exceeds every uint64
	}
	hi, lo := bits.Mul64(u, pow10u[n])
	switch {
	case hi != 0 || lo > v:
		return 1
	case lo < v:
		return -1
	}
	return 0
}

func sign64(v int64) int {
	switch {
	case v < 0:
		return -1
	case v > 0:
		return 1
	}
	return 0
}

// digitBounds returns lower and upper bounds on the number of decimal digits
// of a non-zero m, from its bit length.
func digitBounds(m *big.Int) (lo, hi int64) {
	b := int64(m.BitLen())
	// log10(2) = 0.30102999566...; the constants err low and high.
	return (b-1)*30102999/100000000 + 1, b*30103000/100000000 + 1
}

func cmpSlow(x, y Quantity) int {
	sx, sy := x.Sign(), y.Sign()
	if sx != sy || sx == 0 {
		switch {
		case sx < sy:
			return -1
		case sx > sy:
			return 1
		}
		return 0
	}
	mx, my := x.mantissa(), y.mantissa()
	mx.Abs(mx)
	my.Abs(my)
	// Settle what the magnitudes decide before aligning scales, which costs
	// one digit per unit of scale difference.
	xlo, xhi := digitBounds(mx)
	ylo, yhi := digitBounds(my)
	c := 0
	switch {
	case xlo+x.scale > yhi+y.scale:
		c = 1
	case xhi+x.scale < ylo+y.scale:
		c = -1
	case x.scale > y.scale:
		mx.Mul(mx, pow10Big(x.scale-y.scale))
		c = mx.Cmp(my)
	default:
		my.Mul(my, pow10Big(y.scale-x.scale))
		c = mx.Cmp(my)
	}
	return c * sx
}

// Add sets q to q + y. If q is zero, q takes y's Format as well; otherwise q
// keeps its own. The sum is exact; its cost grows with the difference between
// the operands' scales, which is small for parsed quantities.
func (q *Quantity) Add(y Quantity) {
	switch {
	case q.IsZero():
		*q = y
		return
	case y.IsZero():
		return
	}
	if q.d == nil && y.d == nil {
		if v, s, ok := addInt(q.i, q.scale, y.i, y.scale); ok {
			*q = fromInt(v, s, q.Format)
			return
		}
	}
	mq, my := q.mantissa(), y.mantissa()
	scale := q.scale
	switch {
	case q.scale > y.scale:
		mq.Mul(mq, pow10Big(q.scale-y.scale))
		scale = y.scale
	case q.scale < y.scale:
		my.Mul(my, pow10Big(y.scale-q.scale))
	}
	*q = fromBig(mq.Add(mq, my), scale, q.Format)
}

// addInt returns a×10^as + b×10^bs as v×10^s, or false if v would overflow.
func addInt(a, as, b, bs int64) (v, s int64, ok bool) {
	s = min(as, bs)
	if a, ok = mulPow10(a, as-s); !ok {
		return 0, 0, false
	}
	if b, ok = mulPow10(b, bs-s); !ok {
		return 0, 0, false
	}
	v = a + b
	if (a >= 0) == (b >= 0) && (v >= 0) != (a >= 0) {
		return 0, 0, false
	}
	return v, s, true
}

// Sub sets q to q - y. If q is zero, q takes y's Format as well; otherwise q
// keeps its own.
func (q *Quantity) Sub(y Quantity) {
	y.Neg()
	q.Add(y)
}

// Neg sets q to -q.
func (q *Quantity) Neg() {
	switch {
	case q.d != nil:
		*q = fromBig(new(big.Int).Neg(q.d), q.scale, q.Format)
	case q.i == math.MinInt64:
		q.d = new(big.Int).Set(big2p63)
		q.i = 0
	default:
		q.i = -q.i
	}
}

// Value returns q rounded away from zero to an integer: "1500m" gives 2 and
// "-1500m" gives -2. A value outside the int64 range gives math.MaxInt64 or
// math.MinInt64.
func (q Quantity) Value() int64 {
	return q.ScaledValue(0)
}

// MilliValue returns q in thousandths, rounded away from zero: "100u" gives
// 1 and "2" gives 2000. It saturates like Value. The scheduler's hot path
// calls it; it does not allocate for int64-backed quantities.
func (q Quantity) MilliValue() int64 {
	return q.ScaledValue(Milli)
}

// ScaledValue returns q / 10^scale rounded away from zero: "1" at Milli gives
// 1000, "1500" at Kilo gives 2. It saturates like Value.
func (q Quantity) ScaledValue(scale Scale) int64 {
	delta := q.scale - int64(scale)
	if q.d == nil {
		return scaledInt(q.i, delta)
	}
	// d is outside the int64 range, so any delta >= 0 overflows.
	if delta >= 0 {
		return saturate(q.d.Sign())
	}
	m := new(big.Int).Abs(q.d)
	if _, hi := digitBounds(m); -delta > hi {
		return int64(q.d.Sign()) // |q| / 10^-delta < 1: rounds to ±1
	}
	var r big.Int
	m.QuoRem(m, pow10Big(-delta), &r)
	if r.Sign() != 0 {
		m.Add(m, bigOne)
	}
	if q.d.Sign() < 0 {
		m.Neg(m)
	}
	if !m.IsInt64() {
		return saturate(q.d.Sign())
	}
	return m.Int64()
}

// scaledInt returns v × 10^delta rounded away from zero, saturating.
func scaledInt(v, delta int64) int64 {
	switch {
	case v == 0 || delta == 0:
		return v
	case delta > 0:
		if r, ok := mulPow10(v, delta); ok {
			return r
		}
		return saturate(sign64(v))
	case delta < -18:
		// |v| < 10^19 <= 10^-delta
		return int64(sign64(v))
	}
	p := int64(pow10u[-delta])
	r := v / p
	if v%p != 0 {
		r += int64(sign64(v))
	}
	return r
}

func saturate(sign int) int64 {
	if sign < 0 {
		return math.MinInt64
	}
	return math.MaxInt64
}

// AsInt64 returns q as an int64 if q is an integer in the int64 range.
func (q Quantity) AsInt64() (int64, bool) {
	if q.d != nil || q.scale < 0 {
		// A normal mantissa has no trailing zeros, so a negative scale
		// means a fraction.
		return 0, false
	}
	return mulPow10(q.i, q.scale)
}

// AsApproximateFloat64 returns the float64 nearest to q, or ±Inf where q is
// beyond the float64 range.
func (q Quantity) AsApproximateFloat64() float64 {
	if q.d == nil {
		switch {
		case q.scale == 0:
			return float64(q.i)
		case abs64(q.i) <= 1<<53 && q.scale > 0 && q.scale < int64(len(pow10f)):
			// Both factors are exact, so the product is correctly rounded.
			return float64(q.i) * pow10f[q.scale]
		case abs64(q.i) <= 1<<53 && q.scale < 0 && -q.scale < int64(len(pow10f)):
			return float64(q.i) / pow10f[-q.scale]
		}
	}
	var buf [48]byte
	b := q.mantissa().Append(buf[:0], 10)
	b = append(b, 'e')
	b = strconv.AppendInt(b, q.scale, 10)
	f, _ := strconv.ParseFloat(string(b), 64) // ±Inf on overflow
	return f
}

// DeepCopy returns a copy of q that shares no memory with it.
func (q Quantity) DeepCopy() Quantity {
	if q.d != nil {
		q.d = new(big.Int).Set(q.d)
	}
	return q
}

// DeepCopyInto sets *out to a copy of q that shares no memory with it.
func (q Quantity) DeepCopyInto(out *Quantity) {
	*out = q.DeepCopy()
}
