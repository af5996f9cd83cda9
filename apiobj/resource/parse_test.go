package resource

import (
	"errors"
	"math"
	"math/big"
	"strings"
	"testing"

	"github.com/orcaproj/orca/errdefs"
)

// canonicalCases pairs inputs with the string Kubernetes writes for them.
// Sources, in kubernetes/apimachinery pkg/api/resource/quantity_test.go:
// TestQuantityString (its expect and alternate columns), TestQuantityParseEmit
// and TestParseQuantity (its canonical column); the rest follow the rules in
// the Quantity doc comment there and are marked "rule".
var canonicalCases = []struct {
	name, in, want string
}{
	// TestQuantityString: the expect column is a fixed point...
	{"binary Gi", "1Gi", "1Gi"},
	{"binary Mi", "300Mi", "300Mi"},
	{"binary Ki", "6Ki", "6Ki"},
	{"binary 1001Gi", "1001Gi", "1001Gi"},
	{"decimal plain", "5", "5"},
	{"milli", "500m", "500m"},
	{"giga", "1G", "1G"},
	{"milli 80", "80m", "80m"},
	{"mega", "300M", "300M"},
	{"tera", "1T", "1T"},
	{"exa", "1E", "1E"},
	{"mega long", "1234567M", "1234567M"},
	{"milli long", "1234567m", "1234567m"},
	{"kilo", "3k", "3k"},
	{"1025", "1025", "1025"},
	{"zero", "0", "0"},
	{"exponent 9", "1e9", "1e9"},
	{"exponent -3", "1e-3", "1e-3"},
	{"exponent -9", "1e-9", "1e-9"},
	{"exponent 80e-3", "80e-3", "80e-3"},
	{"exponent 300e6", "300e6", "300e6"},
	{"exponent 3e3", "3e3", "3e3"},
	{"nano", "1n", "1n"},
	{"nano 1080", "1080n", "1080n"},
	{"micro", "1u", "1u"},
	{"micro 1080", "1080u", "1080u"},
	// ...and the alternate column parses to it.
	{"1024Mi is 1Gi", "1024Mi", "1Gi"},
	{"307200Ki is 300Mi", "307200Ki", "300Mi"},
	{"1025024Mi is 1001Gi", "1025024Mi", "1001Gi"},
	{"1024Gi is 1Ti", "1024Gi", "1Ti"},
	{"5000m is 5", "5000m", "5"},
	{"0.5 is 500m", "0.5", "500m"},
	{"1000M is 1G", "1000M", "1G"},
	{"0.001T is 1G", "0.001T", "1G"},
	{"1000u is 1m", "1000u", "1m"},
	{"1.08 is 1080m", "1.08", "1080m"},
	{"1080000000n is 1080m", "1080000000n", "1080m"},
	{"1000E is 1e21", "1000E", "1e21"},
	{"5000E is 5e21", "5000E", "5e21"},
	{"1000000E is 1e24", "1000000E", "1e24"},
	{".001e12 is 1e9", ".001e12", "1e9"},
	{"0.001e0 is 1e-3", "0.001e0", "1e-3"},
	{"1000e-12 is 1e-9", "1000e-12", "1e-9"},
	{"00 is 0", "00", "0"},
	// TestQuantityParseEmit.
	{"1Ki", "1Ki", "1Ki"},
	{"1Mi", "1Mi", "1Mi"},
	{".001Ki", ".001Ki", "1024m"},
	{".000001Ki", ".000001Ki", "1024u"},
	{".000000001Ki", ".000000001Ki", "1024n"},
	{".000000000001Ki rounds up", ".000000000001Ki", "2n"},
	{"-1Ki", "-1Ki", "-1Ki"},
	{"-.001Ki", "-.001Ki", "-1024m"},
	{"-.000000000001Ki rounds away from zero", "-.000000000001Ki", "-2n"},
	// TestParseQuantity, the canonical column.
	{"18 digits stay", "999999999999999999", "999999999999999999"},
	{"18 digits .0", "-999999999999999999.0", "-999999999999999999"},
	{"18 digits .1", "999999999999999999.1", "999999999999999999100m"},
	{"10^18 is 1E", "1000000000000000000", "1E"},
	{"-1.0E", "-1.0E", "-1E"},
	{"19 digits 000m", "9999999999999999999000m", "9999999999999999999"},
	{"1E plus a tenth", "1.0000000000000000001E", "1000000000000000000100m"},
	{"1E plus one", "-1.000000000000000001E", "-1000000000000000001"},
	{"10^19 is 10E", "10000000000000000000", "10E"},
	{"10^19 in milli", "-10000000000000000000000m", "-10E"},
	{"max int64 000m", "9223372036854775807000m", "9223372036854775807"},
	{"min int64", "-9223372036854775808", "-9223372036854775808"},
	{"max int64 plus one", "9223372036854775808", "9223372036854775808"},
	{"min int64 .1", "-9223372036854775808.1", "-9223372036854775808100m"},
	// The examples in the issue, each checked against the rules above.
	{"0.1 is 100m", "0.1", "100m"},
	{"1.5Gi is 1536Mi", "1.5Gi", "1536Mi"},
	{"-1.5Gi is -1536Mi", "-1.5Gi", "-1536Mi"},
	{"1000m is 1", "1000m", "1"},
	{"1024Ki is 1Mi", "1024Ki", "1Mi"},
	{"1.5 is 1500m", "1.5", "1500m"},
	{"100k", "100k", "100k"},
	{"1000k is 1M", "1000k", "1M"},
	{"2e3 keeps its exponent", "2e3", "2e3"},
	{"12e6", "12e6", "12e6"},
	{"0.0001 is 100u", "0.0001", "100u"},
	{"0.1n rounds up to 1n", "0.1n", "1n"},
	{"0.5Ki is 512", "0.5Ki", "512"},
	{"5Gi", "5Gi", "5Gi"},
	{"1023", "1023", "1023"},
	{"1024 stays decimal", "1024", "1024"},
	// Rule: a BinarySI integer below 1Ki, or a fraction, is written in decimal.
	{"rule: 1.5Ki is 1536", "1.5Ki", "1536"},
	{"rule: 1000.5Ki", "1000.5Ki", "1024512"},
	{"rule: 100.035Ki", "100.035Ki", "102435840m"},
	{"rule: 0.05Gi", "0.05Gi", "53687091200m"},
	{"fixed point, Kubernetes writes 64000", "62.5Ki", "64k"},
	{"fixed point, Kubernetes writes -3000", "-2.9296875Ki", "-3k"},
	{"rule: binary cap", "9Ei", "9223372036854775807"},
	{"rule: 4Ei", "4Ei", "4Ei"},
	{"rule: 1024Pi is 1Ei", "1024Pi", "1Ei"},
	// Rule: exponents are lowered to multiples of three; suffix per format.
	{"rule: 1.5e3 is 1500", "1.5e3", "1500"},
	{"rule: 1.5e0", "1.5e0", "1500e-3"},
	{"rule: 1.01E", "1.01E", "1010P"},
	{"rule: 12E", "12E", "12E"},
	{"rule: 1e0 is 1", "1e0", "1"},
	{"rule: capital E exponent", "1E3", "1e3"},
	{"rule: signed exponent", "1e+3", "1e3"},
	{"rule: plus sign", "+1", "1"},
	{"rule: leading zeros", "007", "7"},
	{"rule: trailing point", "1.", "1"},
	{"rule: 1.G", "1.G", "1G"},
	{"rule: .5", ".5", "500m"},
	{"rule: rounding 3.001n", "3.001n", "4n"},
	{"rule: rounding 1.1E-9", "1.1E-9", "2e-9"},
	{"rule: rounding 0.00000012345", "0.00000012345", "124n"},
	{"rule: rounding -0.1n", "-0.1n", "-1n"},
	{"rule: far below nano", "1e-2147483648", "1e-9"},
	{"rule: negative zero", "-0", "0"},
	{"rule: zero with suffix", "0Gi", "0"},
	{"rule: no digits", "-", "0"},
	{"rule: no digits point", ".", "0"},
	{"rule: no digits binary", "Ki", "0"},
	{"rule: large exponent", "1e999", "1e999"},
}

func TestParseCanonical(t *testing.T) {
	t.Parallel()
	for _, tc := range canonicalCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			q, err := ParseQuantity(tc.in)
			if err != nil {
				t.Fatalf("ParseQuantity(%q): %v", tc.in, err)
			}
			if got := q.String(); got != tc.want {
				t.Errorf("ParseQuantity(%q).String() = %q, want %q", tc.in, got, tc.want)
			}
			again, err := ParseQuantity(tc.want)
			if err != nil {
				t.Fatalf("ParseQuantity(%q): %v", tc.want, err)
			}
			if !again.Equal(q) {
				t.Errorf("%q and %q differ", tc.want, tc.in)
			}
			if got := again.String(); got != tc.want {
				t.Errorf("ParseQuantity(%q).String() = %q, not a fixed point", tc.want, got)
			}
		})
	}
}

// dec returns m × 10^exp for the tables below.
func dec(m int64, exp int64, f Format) Quantity { return fromInt(m, exp, f) }

// TestParseValue is the TestQuantityParse table of Kubernetes: the exact
// value and Format each input parses to, also with "-" and "+" in front.
func TestParseValue(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want Quantity
	}{
		{"0", dec(0, 0, DecimalSI)},
		{"0n", dec(0, 0, DecimalSI)},
		{"0u", dec(0, 0, DecimalSI)},
		{"0m", dec(0, 0, DecimalSI)},
		{"0Ki", dec(0, 0, BinarySI)},
		{"0k", dec(0, 0, DecimalSI)},
		{"0Mi", dec(0, 0, BinarySI)},
		{"0M", dec(0, 0, DecimalSI)},
		{"0Gi", dec(0, 0, BinarySI)},
		{"0G", dec(0, 0, DecimalSI)},
		{"0Ti", dec(0, 0, BinarySI)},
		{"0T", dec(0, 0, DecimalSI)},
		{"1", dec(1, 0, DecimalSI)},
		{"1Ki", dec(1024, 0, BinarySI)},
		{"8Ki", dec(8*1024, 0, BinarySI)},
		{"7Mi", dec(7<<20, 0, BinarySI)},
		{"6Gi", dec(6<<30, 0, BinarySI)},
		{"5Ti", dec(5<<40, 0, BinarySI)},
		{"4Pi", dec(4<<50, 0, BinarySI)},
		{"3Ei", dec(3<<60, 0, BinarySI)},
		{"10Ti", dec(10<<40, 0, BinarySI)},
		{"100Ti", dec(100<<40, 0, BinarySI)},
		{"5n", dec(5, -9, DecimalSI)},
		{"4u", dec(4, -6, DecimalSI)},
		{"3m", dec(3, -3, DecimalSI)},
		{"9", dec(9, 0, DecimalSI)},
		{"8k", dec(8, 3, DecimalSI)},
		{"50k", dec(5, 4, DecimalSI)},
		{"7M", dec(7, 6, DecimalSI)},
		{"6G", dec(6, 9, DecimalSI)},
		{"5T", dec(5, 12, DecimalSI)},
		{"40T", dec(4, 13, DecimalSI)},
		{"300T", dec(3, 14, DecimalSI)},
		{"2P", dec(2, 15, DecimalSI)},
		{"1E", dec(1, 18, DecimalSI)},
		{"1E-3", dec(1, -3, DecimalExponent)},
		{"1e3", dec(1, 3, DecimalExponent)},
		{"1E6", dec(1, 6, DecimalExponent)},
		{"1e9", dec(1, 9, DecimalExponent)},
		{"1E12", dec(1, 12, DecimalExponent)},
		{"1e15", dec(1, 15, DecimalExponent)},
		{"1E18", dec(1, 18, DecimalExponent)},
		{"1e14", dec(1, 14, DecimalExponent)},
		{"1e13", dec(1, 13, DecimalExponent)},
		{"100.035k", dec(100035, 0, DecimalSI)},
		{"0.001", dec(1, -3, DecimalSI)},
		{"0.0005k", dec(5, -1, DecimalSI)},
		{"0.005", dec(5, -3, DecimalSI)},
		{"0.05", dec(5, -2, DecimalSI)},
		{"0.5", dec(5, -1, DecimalSI)},
		{"0.00050k", dec(5, -1, DecimalSI)},
		{"0.00500", dec(5, -3, DecimalSI)},
		{"0.05000", dec(5, -2, DecimalSI)},
		{"0.50000", dec(5, -1, DecimalSI)},
		{"0.5e0", dec(5, -1, DecimalExponent)},
		{"0.5e-1", dec(5, -2, DecimalExponent)},
		{"0.5e-2", dec(5, -3, DecimalExponent)},
		{"10.035M", dec(10035, 3, DecimalSI)},
		{"1.2e3", dec(12, 2, DecimalExponent)},
		{"1.3E+6", dec(13, 5, DecimalExponent)},
		{"1.40e9", dec(14, 8, DecimalExponent)},
		{"1.53E12", dec(153, 10, DecimalExponent)},
		{"1.6e15", dec(16, 14, DecimalExponent)},
		{"1.7E18", dec(17, 17, DecimalExponent)},
		{"9.01", dec(901, -2, DecimalSI)},
		{"8.1k", dec(81, 2, DecimalSI)},
		{"7.123456M", dec(7123456, 0, DecimalSI)},
		{"6.987654321G", dec(6987654321, 0, DecimalSI)},
		{"5.444T", dec(5444, 9, DecimalSI)},
		{"40.1T", dec(401, 11, DecimalSI)},
		{"300.2T", dec(3002, 11, DecimalSI)},
		{"2.5P", dec(25, 14, DecimalSI)},
		{"1.01E", dec(101, 16, DecimalSI)},
		{"3.001n", dec(4, -9, DecimalSI)},
		{"1.1E-9", dec(2, -9, DecimalExponent)},
		{"0.0000000001", dec(1, -9, DecimalSI)},
		{"0.0000000005", dec(1, -9, DecimalSI)},
		{"0.00000000050", dec(1, -9, DecimalSI)},
		{"0.5e-9", dec(1, -9, DecimalExponent)},
		{"0.9n", dec(1, -9, DecimalSI)},
		{"0.00000012345", dec(124, -9, DecimalSI)},
		{"0.00000012354", dec(124, -9, DecimalSI)},
		{"9Ei", dec(math.MaxInt64, 0, BinarySI)},
		{"9223372036854775807Ki", dec(math.MaxInt64, 0, BinarySI)},
		{"12E", dec(12, 18, DecimalSI)},
		{"100.035Ki", dec(10243584, -2, BinarySI)},
		{"0.5Mi", dec(512*1024, 0, BinarySI)},
		{"0.05Gi", dec(536870912, -1, BinarySI)},
		{"0.025Ti", dec(274877906944, -1, BinarySI)},
		{"0.000000000001Ki", dec(2, -9, DecimalSI)},
		{".001", dec(1, -3, DecimalSI)},
		{".0001k", dec(100, -3, DecimalSI)},
		{"1.", dec(1, 0, DecimalSI)},
		{"1.G", dec(1, 9, DecimalSI)},
	}
	for _, tc := range tests {
		for _, sign := range []string{"", "-", "+"} {
			in := sign + tc.in
			t.Run(in, func(t *testing.T) {
				t.Parallel()
				want := tc.want
				if sign == "-" {
					want.Neg()
				}
				got, err := ParseQuantity(in)
				if err != nil {
					t.Fatalf("ParseQuantity(%q): %v", in, err)
				}
				if got.Cmp(want) != 0 {
					t.Errorf("ParseQuantity(%q) = %v, want %v", in, got, want)
				}
				if got.Format != want.Format {
					t.Errorf("ParseQuantity(%q).Format = %v, want %v", in, got.Format, want.Format)
				}
			})
		}
	}
}

func TestParseBig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, value string // value: the exact decimal, as big.Rat text
	}{
		{"above int64", "9223372036854775808", "9223372036854775808"},
		{"20 digits", "12345678901234567890123", "12345678901234567890123"},
		{"long fraction rounds up", "1.0000000000000000000001", "1000000001/1000000000"},
		{"long fraction exact", "12345678901234567.891", "12345678901234567891/1000"},
		{"binary long fraction", "1.0000000000000000000001Ki", "1024000000001/1000000000"},
		{"binary many digits", "123456789.123456789123Ki", "126419752062419752062/1000000000"},
		{"binary tiny", "0.000000000000000000000000000001Ei", "1/1000000000"},
		{"binary long fraction, linear path", "0." + strings.Repeat("7", 100000) + "Ki", "796444444445/1000000000"},
		{"binary carry into nano", "0.0000000009765625Ki", "1/1000000"},
		{"binary just above nano", "0.000000000000000000000000001Ei", "2/1000000000"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			q, err := ParseQuantity(tc.in)
			if err != nil {
				t.Fatalf("ParseQuantity(%q): %v", tc.in, err)
			}
			want, _ := new(big.Rat).SetString(tc.value)
			if got := q.rat(); got.Cmp(want) != 0 {
				t.Errorf("ParseQuantity(%q) = %s, want %s", tc.in, got.RatString(), want.RatString())
			}
		})
	}
}

// rat returns q as an exact big.Rat, for tests.
func (q Quantity) rat() *big.Rat {
	r := new(big.Rat).SetInt(q.mantissa())
	p := new(big.Rat).SetInt(pow10Big(max(q.scale, -q.scale)))
	if q.scale >= 0 {
		return r.Mul(r, p)
	}
	return r.Quo(r, p)
}

func TestParseInvalid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want error
	}{
		// The invalid list of Kubernetes' TestQuantityParse.
		{"1.1.M", ErrFormatWrong},
		{"1+1.0M", ErrFormatWrong},
		{"0.1mi", ErrSuffix},
		{"0.1am", ErrFormatWrong},
		{"aoeu", ErrFormatWrong},
		{".5i", ErrSuffix},
		{"1i", ErrSuffix},
		{"-3.01i", ErrSuffix},
		{"-3.01e-", ErrSuffix},
		{" 1", ErrFormatWrong},
		{"1 ", ErrFormatWrong},
		// More.
		{"", ErrFormatWrong},
		{"1.5.5", ErrFormatWrong},
		{"1Zi", ErrFormatWrong},
		{"1KiB", ErrFormatWrong},
		{"1K", ErrSuffix},
		{"1ki", ErrSuffix},
		{"1mm", ErrSuffix},
		{"1e", ErrSuffix},
		{"1ee3", ErrSuffix},
		{"1e3.5", ErrFormatWrong},
		{"1e3e", ErrFormatWrong},
		{"1e+-3", ErrFormatWrong},
		{"1-", ErrSuffix},
		{"--1", ErrSuffix},
		{"0x10", ErrFormatWrong},
		{"1_000", ErrFormatWrong},
		{"١", ErrFormatWrong},
		{"1e99999999999999999999", ErrSuffix},
		{"Pi", ErrNumeric},
		{"-.Ei", ErrNumeric},
		{"e-10", ErrNumeric},
		{"1e1000", ErrTooLarge},
		{"-1e1000", ErrTooLarge},
		{"1000e997", ErrTooLarge},
		{"1e9223372036854775807", ErrTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			q, err := ParseQuantity(tc.in)
			if !errors.Is(err, tc.want) {
				t.Fatalf("ParseQuantity(%q) = %v, %v; want error %v", tc.in, q, err, tc.want)
			}
			if !errors.Is(err, errdefs.ErrInvalid) {
				t.Errorf("ParseQuantity(%q) error %v does not wrap errdefs.ErrInvalid", tc.in, err)
			}
		})
	}
}

func TestParseBounds(t *testing.T) {
	t.Parallel()
	// Just below the magnitude bound, and far-out exponents on zero.
	for _, in := range []string{"9e999", "-99.9e997", "0e99999999999", "0.0001e1003", "1e-99999999999"} {
		if _, err := ParseQuantity(in); err != nil {
			t.Errorf("ParseQuantity(%q): %v", in, err)
		}
	}
}

func TestMustParse(t *testing.T) {
	t.Parallel()
	if got := MustParse("1Gi"); got.Value() != 1<<30 {
		t.Errorf("MustParse(1Gi).Value() = %d", got.Value())
	}
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(r.(error).Error(), `"bogus"`) {
			t.Errorf("MustParse(bogus) recovered %v, want a panic naming the input", r)
		}
	}()
	MustParse("bogus")
}
