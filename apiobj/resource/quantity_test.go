package resource

import (
	"math"
	"math/big"
	"reflect"
	"strings"
	"testing"
)

func TestConstructors(t *testing.T) {
	t.Parallel()
	// TestNewSet, TestMilliNewSet and TestNewScaledSet of Kubernetes.
	tests := []struct {
		name string
		q    Quantity
		want string
	}{
		{"new 1", NewQuantity(1, DecimalSI), "1"},
		{"new 1000", NewQuantity(1000, DecimalSI), "1k"},
		{"new 1234000", NewQuantity(1234000, DecimalSI), "1234k"},
		{"new 1024 binary", NewQuantity(1024, BinarySI), "1Ki"},
		{"new unknown format", NewQuantity(1000000, "invalidFormatDefaultsToExponent"), "1e6"},
		{"new 1Mi", NewQuantity(1024*1024, BinarySI), "1Mi"},
		{"new zero", NewQuantity(0, BinarySI), "0"},
		{"new min int64", NewQuantity(math.MinInt64, BinarySI), "-8Ei"},
		{"milli 1", NewMilliQuantity(1, DecimalSI), "1m"},
		{"milli 1000", NewMilliQuantity(1000, DecimalSI), "1"},
		{"milli 1234000", NewMilliQuantity(1234000, DecimalSI), "1234"},
		{"milli 1024 binary", NewMilliQuantity(1024, BinarySI), "1024m"},
		{"milli unknown format", NewMilliQuantity(1000000, "invalidFormatDefaultsToExponent"), "1e3"},
		{"milli 1Mi binary", NewMilliQuantity(1024*1024, BinarySI), "1048576m"},
		{"scaled 1n", NewScaledQuantity(1, Nano), "1n"},
		{"scaled 1000n", NewScaledQuantity(1000, Nano), "1u"},
		{"scaled 1u", NewScaledQuantity(1, Micro), "1u"},
		{"scaled 1000u", NewScaledQuantity(1000, Micro), "1m"},
		{"scaled 1m", NewScaledQuantity(1, Milli), "1m"},
		{"scaled 1000m", NewScaledQuantity(1000, Milli), "1"},
		{"scaled 0n", NewScaledQuantity(0, Nano), "0"},
		{"scaled below nano", NewScaledQuantity(1, -12), "1e-12"},
		{"scaled beyond E", NewScaledQuantity(3, 21), "3e21"},
		{"zero value", Quantity{}, "0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := tc.q.String(); got != tc.want {
				t.Errorf("String() = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestNormalForm checks that equal values built different ways are
// identical structs, so reflect.DeepEqual on objects holding them works.
func TestNormalForm(t *testing.T) {
	t.Parallel()
	pairs := [][2]Quantity{
		{MustParse("1"), MustParse("1000m")},
		{MustParse("1Gi"), MustParse("1024Mi")},
		{MustParse("1k"), NewScaledQuantity(1000, 0)},
		{MustParse("0"), MustParse("0.000")},
		{MustParse("100000000000000000000"), MustParse("100E")},
		{MustParse("12345678901234567890000"), MustParse("12345678901234567890k")},
	}
	for _, p := range pairs {
		if !reflect.DeepEqual(p[0], p[1]) {
			t.Errorf("%#v and %#v are not DeepEqual", p[0], p[1])
		}
	}
}

func TestCmp(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want int
	}{
		{"0", "0", 0},
		{"100m", "50m", 1},
		{"50m", "100m", -1},
		{"10000T", "100Gi", 1},
		{"1Gi", "1024Mi", 0},
		{"1", "1000m", 0},
		{"1", "1001m", -1},
		{"-1", "1m", -1},
		{"-1", "-1001m", 1},
		{"0", "-1n", 1},
		{"1n", "0", 1},
		{"9223372036854775807", "9223372036854775808", -1},
		{"-9223372036854775808", "-9223372036854775809", 1},
		{"9223372036854775808", "9223372036854775808000m", 0},
		{"1e999", "1n", 1},
		{"-1e999", "-1n", -1},
		{"1e999", "9999999999999999999e980", 1},
		{"1e999", "99999999999999999999e980", -1},
		{"1e30", "1000000000000000000000000000000", 0},
		{"1e30", "1000000000000000000000000000001", -1},
		{"123456789012345678901234567890", "123456789012345678901234567891n", 1},
		{"4Ei", "4611686018427387904", 0},
		{"9", "10", -1},
		{"9e18", "8Ei", -1},
	}
	for _, tc := range tests {
		t.Run(tc.a+" vs "+tc.b, func(t *testing.T) {
			t.Parallel()
			a, b := MustParse(tc.a), MustParse(tc.b)
			if got := a.Cmp(b); got != tc.want {
				t.Errorf("Cmp(%s, %s) = %d, want %d", tc.a, tc.b, got, tc.want)
			}
			if got := b.Cmp(a); got != -tc.want {
				t.Errorf("Cmp(%s, %s) = %d, want %d", tc.b, tc.a, got, -tc.want)
			}
			if got := a.Equal(b); got != (tc.want == 0) {
				t.Errorf("Equal(%s, %s) = %t", tc.a, tc.b, got)
			}
		})
	}
}

// TestCmpScaled is TestQuantityCmpInt64AndDec of Kubernetes, on
// quantities built from an int64 and a scale.
func TestCmpScaled(t *testing.T) {
	t.Parallel()
	const mostPositive, mostNegative = math.MaxInt64, math.MinInt64
	tests := []struct {
		a, b Quantity
		want int
	}{
		{dec(901, -2, DecimalSI), dec(901, -2, DecimalSI), 0},
		{dec(90, -1, DecimalSI), dec(901, -2, DecimalSI), -1},
		{dec(901, -2, DecimalSI), dec(900, -2, DecimalSI), 1},
		{dec(0, 1, DecimalSI), dec(0, -1, DecimalSI), 0},
		{dec(800, -3, DecimalSI), dec(1, 0, DecimalSI), -1},
		{dec(800, -3, DecimalSI), dec(79, -2, DecimalSI), 1},
		{dec(mostPositive, 0, DecimalSI), dec(1, -1, DecimalSI), 1},
		{dec(mostPositive, 1, DecimalSI), dec(1, 0, DecimalSI), 1},
		{dec(mostPositive, 1, DecimalSI), dec(1, 1, DecimalSI), 1},
		{dec(mostPositive, -16, DecimalSI), dec(1, 3, DecimalSI), -1},
		{dec(mostNegative, 0, DecimalSI), dec(0, 0, DecimalSI), -1},
		{dec(mostNegative, -18, DecimalSI), dec(-1, 0, DecimalSI), -1},
		{dec(mostNegative, -19, DecimalSI), dec(-1, 0, DecimalSI), 1},
		{dec(1e18, -17, DecimalSI), dec(1, 1, DecimalSI), 0},
		{dec(1e18, -17, DecimalSI), dec(-10, 0, DecimalSI), 1},
		{dec(-1e18, -17, DecimalSI), dec(-10, 0, DecimalSI), 0},
		{dec(1e18, -17, DecimalSI), dec(1, 0, DecimalSI), 1},
		{dec(1e18+1, -17, DecimalSI), dec(1, 1, DecimalSI), 1},
		{dec(1e18-1, -17, DecimalSI), dec(1, 1, DecimalSI), -1},
		{dec(1, math.MaxInt32, DecimalSI), dec(mostPositive, math.MinInt32, DecimalSI), 1},
	}
	for i, tc := range tests {
		if got := tc.a.Cmp(tc.b); got != tc.want {
			t.Errorf("%d: Cmp(%v, %v) = %d, want %d", i, tc.a, tc.b, got, tc.want)
		}
		if got := tc.b.Cmp(tc.a); got != -tc.want {
			t.Errorf("%d: Cmp(%v, %v) = %d, want %d", i, tc.b, tc.a, got, -tc.want)
		}
	}
}

func TestCmpInt64(t *testing.T) {
	t.Parallel()
	tests := []struct {
		q    string
		y    int64
		want int
	}{
		{"0", 0, 0},
		{"1Ki", 1024, 0},
		{"1023", 1024, -1},
		{"1025m", 1, 1},
		{"-1", -1, 0},
		{"9223372036854775808", math.MaxInt64, 1},
		{"-9223372036854775808", math.MinInt64, 0},
		{"-9223372036854775809", math.MinInt64, -1},
	}
	for _, tc := range tests {
		if got := MustParse(tc.q).CmpInt64(tc.y); got != tc.want {
			t.Errorf("CmpInt64(%s, %d) = %d, want %d", tc.q, tc.y, got, tc.want)
		}
	}
}

func TestAddSub(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		a, b    Quantity
		sum     string
		diff    string
		sumFmt  Format
		diffFmt Format
	}{
		// TestAdd and TestSub of Kubernetes.
		{"10 and 10", dec(10, 0, DecimalSI), dec(1, 1, DecimalSI), "20", "0", DecimalSI, DecimalSI},
		{"decimal and binary", dec(10, 0, DecimalSI), dec(1, 0, BinarySI), "11", "9", DecimalSI, DecimalSI},
		{"binary and decimal", dec(10, 0, BinarySI), dec(1, 0, DecimalSI), "11", "9", BinarySI, BinarySI},
		{"zero and 50", Quantity{Format: DecimalSI}, dec(50, 0, DecimalSI), "50", "-50", DecimalSI, DecimalSI},
		{"50 and zero", dec(50, 0, DecimalSI), Quantity{Format: DecimalSI}, "50", "50", DecimalSI, DecimalSI},
		{"zero takes format", Quantity{}, MustParse("1Gi"), "1Gi", "-1Gi", BinarySI, BinarySI},
		{"zero milli keeps suffix", MustParse("0"), MustParse("100m"), "100m", "-100m", DecimalSI, DecimalSI},
		{"across scales", MustParse("1"), MustParse("1n"), "1000000001n", "999999999n", DecimalSI, DecimalSI},
		{"overflow to big", NewQuantity(math.MaxInt64, DecimalSI), NewQuantity(1, DecimalSI), "9223372036854775808", "9223372036854775806", DecimalSI, DecimalSI},
		{"min int64", NewQuantity(math.MinInt64, DecimalSI), NewQuantity(math.MinInt64, DecimalSI), "-18446744073709551616", "0", DecimalSI, DecimalSI},
		{"scale overflow to big", NewQuantity(math.MaxInt64, DecimalSI), MustParse("1m"), "9223372036854775807001m", "9223372036854775806999m", DecimalSI, DecimalSI},
		{"big back to int64", MustParse("9223372036854775808"), MustParse("1"), "9223372036854775809", "9223372036854775807", DecimalSI, DecimalSI},
		{"binary sum", MustParse("1Gi"), MustParse("512Mi"), "1536Mi", "512Mi", BinarySI, BinarySI},
		{"large exponents", MustParse("1e999"), MustParse("1n"), "1" + strings.Repeat("0", 1007) + "1e-9", strings.Repeat("9", 1008) + "e-9", DecimalExponent, DecimalExponent},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a, b := tc.a.DeepCopy(), tc.b.DeepCopy()
			sum := a
			sum.Add(b)
			if got := sum.String(); got != tc.sum {
				t.Errorf("Add: got %s, want %s", got, tc.sum)
			}
			if sum.Format != tc.sumFmt {
				t.Errorf("Add: format %s, want %s", sum.Format, tc.sumFmt)
			}
			diff := a
			diff.Sub(b)
			if got := diff.String(); got != tc.diff {
				t.Errorf("Sub: got %s, want %s", got, tc.diff)
			}
			if diff.Format != tc.diffFmt {
				t.Errorf("Sub: format %s, want %s", diff.Format, tc.diffFmt)
			}
			// Neither operand changed.
			if !reflect.DeepEqual(a, tc.a) || !reflect.DeepEqual(b, tc.b) {
				t.Errorf("operands changed: %v %v", a, b)
			}
			// The sum minus b is a again.
			sum.Sub(b)
			if sum.Cmp(a) != 0 {
				t.Errorf("(a+b)-b = %v, want %v", sum, a)
			}
		})
	}
}

func TestAddSubCancel(t *testing.T) {
	t.Parallel()
	// TestAddSubRoundTripAcrossScales of Kubernetes, with fixed inputs.
	q := Quantity{Format: DecimalSI}
	var values []Quantity
	for i := int64(0); i < 200; i++ {
		v := NewScaledQuantity(math.MaxInt64-i*7919, Scale(i%21-10))
		values = append(values, v)
		q.Add(v)
	}
	for _, v := range values {
		q.Sub(v)
	}
	if !q.IsZero() {
		t.Errorf("sum minus its terms = %v, want 0", q)
	}
}

func TestNeg(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   Quantity
		want string
	}{
		{Quantity{}, "0"},
		{dec(901, -2, DecimalSI), "-9010m"},
		{dec(10, 0, BinarySI), "-10"},
		{dec(-10, 0, BinarySI), "10"},
		{NewQuantity(math.MinInt64, DecimalSI), "9223372036854775808"},
		{MustParse("9223372036854775808"), "-9223372036854775808"},
		{MustParse("-1e999"), "1e999"},
	}
	for _, tc := range tests {
		q := tc.in
		q.Neg()
		if got := q.String(); got != tc.want {
			t.Errorf("Neg(%v) = %s, want %s", tc.in, got, tc.want)
		}
		q.Neg()
		if !q.Equal(tc.in) || !reflect.DeepEqual(q, tc.in) {
			t.Errorf("Neg(Neg(%v)) = %#v", tc.in, q)
		}
	}
}

func TestScaledValue(t *testing.T) {
	t.Parallel()
	tests := []struct {
		q     string
		scale Scale
		want  int64
	}{
		// TestScaledValue of Kubernetes.
		{"1n", Nano, 1},
		{"1n", Micro, 1},
		{"1n", Milli, 1},
		{"1n", 0, 1},
		{"1u", Nano, 1000},
		{"1u", Micro, 1},
		{"1u", Milli, 1},
		{"1u", 0, 1},
		{"1m", Nano, 1000 * 1000},
		{"1m", Micro, 1000},
		{"1m", Milli, 1},
		{"1m", 0, 1},
		{"1", Nano, 1000 * 1000 * 1000},
		{"1", Micro, 1000 * 1000},
		{"1", Milli, 1000},
		{"1", 0, 1},
		{"100", -2, 100 * 100},
		// Rounding away from zero.
		{"1500m", 0, 2},
		{"-1500m", 0, -2},
		{"-1n", 0, -1},
		{"1001", Kilo, 2},
		{"0", Exa, 0},
		// Saturation.
		{"9223372036854775807", 0, math.MaxInt64},
		{"9223372036854775807", Milli, math.MaxInt64},
		{"-9223372036854775808", Milli, math.MinInt64},
		{"9223372036854775808", 0, math.MaxInt64},
		{"-9223372036854775809", 0, math.MinInt64},
		{"1e999", Nano, math.MaxInt64},
		{"9Ei", 0, math.MaxInt64},
		{"8Ei", Milli, math.MaxInt64},
		// Big values scaled down.
		{"9223372036854775808", Kilo, 9223372036854776},
		{"-9223372036854775808001", Kilo, math.MinInt64},
		{"-9223372036854775808001", 4, -922337203685477581},
		{"123456789012345678901234567890", 29, 2},
		{"123456789012345678901234567890", 300, 1},
		{"-123456789012345678901234567890", 300, -1},
		{"123456789012345678901234567890", 10, math.MaxInt64},
	}
	for _, tc := range tests {
		q := MustParse(tc.q)
		if got := q.ScaledValue(tc.scale); got != tc.want {
			t.Errorf("%s.ScaledValue(%d) = %d, want %d", tc.q, tc.scale, got, tc.want)
		}
		switch tc.scale {
		case 0:
			if got := q.Value(); got != tc.want {
				t.Errorf("%s.Value() = %d, want %d", tc.q, got, tc.want)
			}
		case Milli:
			if got := q.MilliValue(); got != tc.want {
				t.Errorf("%s.MilliValue() = %d, want %d", tc.q, got, tc.want)
			}
		}
	}
}

func TestAsInt64(t *testing.T) {
	t.Parallel()
	tests := []struct {
		q    string
		want int64
		ok   bool
	}{
		{"0", 0, true},
		{"1k", 1000, true},
		{"1Gi", 1 << 30, true},
		{"1500m", 0, false},
		{"-9223372036854775808", math.MinInt64, true},
		{"9223372036854775808", 0, false},
		{"10E", 0, false},
		{"9E", 9e18, true},
	}
	for _, tc := range tests {
		got, ok := MustParse(tc.q).AsInt64()
		if got != tc.want || ok != tc.ok {
			t.Errorf("%s.AsInt64() = %d, %t; want %d, %t", tc.q, got, ok, tc.want, tc.ok)
		}
	}
}

func TestAsApproximateFloat64(t *testing.T) {
	t.Parallel()
	tests := []struct {
		q    Quantity
		want float64
	}{
		{dec(0, 0, DecimalSI), 0},
		{dec(1, 0, BinarySI), 1},
		{dec(7*1024*1024, 1, BinarySI), 7 * 1024 * 1024 * 10},
		{dec(7*1024*1024, 8, DecimalSI), 7 * 1024 * 1024 * 100000000},
		{dec(7*1024*1024, -1, DecimalSI), 7 * 1024 * 1024 / 10.0},
		{dec(7*1024*1024, -8, DecimalExponent), 7 * 1024 * 1024 / 100000000.0},
		{dec(math.MaxInt64, 0, DecimalSI), math.MaxInt64},
		{dec(12, 18, DecimalSI), 1.2e19},
		{dec(12, 500, DecimalSI), math.Inf(1)},
		{dec(-12, 500, DecimalSI), math.Inf(-1)},
		{MustParse("2Ki"), 2048},
		{MustParse("1.1Ki"), 1126.4},
		{MustParse("1Mi"), 1.048576e+06},
		{MustParse("0.1"), 0.1},
		{MustParse("123456789012345678901234567890"), 1.2345678901234568e29},
		{MustParse("1e-9"), 1e-9},
		{NewScaledQuantity(1, math.MinInt32), 0},
	}
	for _, tc := range tests {
		if got := tc.q.AsApproximateFloat64(); got != tc.want {
			t.Errorf("%v.AsApproximateFloat64() = %v, want %v", tc.q, got, tc.want)
		}
	}
}

func TestSignIsZero(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		q    string
		sign int
	}{{"0", 0}, {"0Ki", 0}, {"-0", 0}, {"1n", 1}, {"-1n", -1}, {"1e999", 1}, {"-9223372036854775809", -1}} {
		q := MustParse(tc.q)
		if q.Sign() != tc.sign || q.IsZero() != (tc.sign == 0) {
			t.Errorf("%s: Sign() = %d, IsZero() = %t", tc.q, q.Sign(), q.IsZero())
		}
	}
}

func TestDeepCopy(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"0", "100m", "1Gi", "123456789012345678901234567890"} {
		orig := MustParse(s)
		cp := orig.DeepCopy()
		if !reflect.DeepEqual(cp, orig) {
			t.Errorf("DeepCopy(%s) = %#v", s, cp)
		}
		if orig.d != nil && cp.d == orig.d {
			t.Errorf("DeepCopy(%s) shares its big.Int", s)
		}
		var into Quantity
		orig.DeepCopyInto(&into)
		if !reflect.DeepEqual(into, orig) || (orig.d != nil && into.d == orig.d) {
			t.Errorf("DeepCopyInto(%s) = %#v", s, into)
		}
		// Changing a copy, deep or plain, leaves the original alone.
		plain := orig
		for _, c := range []*Quantity{&cp, &into, &plain} {
			c.Add(MustParse("1"))
			c.Neg()
			c.Sub(MustParse("1e40"))
		}
		if !reflect.DeepEqual(orig, MustParse(s)) {
			t.Errorf("original %s changed to %v", s, orig)
		}
	}
}

func TestBigNotMutatedThroughCopies(t *testing.T) {
	t.Parallel()
	a := MustParse("123456789012345678901234567890")
	d := new(big.Int).Set(a.d)
	b := a // shares a.d
	b.Add(a)
	b.Neg()
	b.Sub(a)
	if a.d.Cmp(d) != 0 {
		t.Fatalf("a's mantissa changed to %s", a.d)
	}
}

func TestNoAllocs(t *testing.T) {
	qs := []Quantity{MustParse("500m"), MustParse("1Gi"), MustParse("2"), MustParse("-1.5"), MustParse("1e30")}
	var sink int64
	checks := map[string]func(){
		"Value":       func() { sink += qs[0].Value() + qs[1].Value() + qs[2].Value() + qs[3].Value() },
		"MilliValue":  func() { sink += qs[0].MilliValue() + qs[1].MilliValue() + qs[2].MilliValue() + qs[3].MilliValue() },
		"ScaledValue": func() { sink += qs[1].ScaledValue(Mega) + qs[3].ScaledValue(Nano) },
		"Cmp":         func() { sink += int64(qs[0].Cmp(qs[1]) + qs[1].Cmp(qs[2]) + qs[3].Cmp(qs[0])) },
		"CmpInt64":    func() { sink += int64(qs[0].CmpInt64(1) + qs[1].CmpInt64(1<<30)) },
		"Equal":       func() { _ = qs[1].Equal(MustParse("1024Mi")) },
		"Add":         func() { q := qs[0]; q.Add(qs[1]); q.Sub(qs[2]); sink += q.i },
		"ParseQuantity": func() {
			for _, s := range []string{"500m", "1Gi", "1.5Gi", "2", "100Mi", "0.5"} {
				q, _ := ParseQuantity(s)
				sink += q.i
			}
		},
	}
	for name, f := range checks {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s: %v allocations, want 0", name, n)
		}
	}
	_ = sink
}
