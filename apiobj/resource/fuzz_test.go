package resource

import (
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"testing"
)

// refParse is a slow reference for the value and Format ParseQuantity
// computes, on exact rationals, from the rules Kubernetes documents. ok is
// false where it does not apply: malformed input, a digitless number, or an
// exponent beyond ±2000 (kept small so the rationals stay cheap).
func refParse(s string) (value *big.Rat, format Format, ok bool) {
	if s == "" {
		return nil, "", false
	}
	neg, num, frac, suffix, ok := split(s)
	if !ok || (num == "" && frac == "") {
		return nil, "", false
	}
	binary, exp, format, ok := parseSuffix(suffix)
	if !ok || exp > 2000 || exp < -2000 {
		return nil, "", false
	}
	text := "0" + num
	if frac != "" {
		text += "." + frac
	}
	v, _ := new(big.Rat).SetString(text)
	base := big.NewInt(10)
	if binary {
		base = big.NewInt(2)
	}
	p := new(big.Rat).SetInt(new(big.Int).Exp(base, big.NewInt(max(exp, -exp)), nil))
	if exp >= 0 {
		v.Mul(v, p)
	} else {
		v.Quo(v, p)
	}
	// Round the magnitude up to a whole number of nano units.
	nano := new(big.Rat).Mul(v, big.NewRat(1e9, 1))
	if !nano.IsInt() {
		n := new(big.Int).Quo(nano.Num(), nano.Denom())
		v.SetFrac(n.Add(n, big.NewInt(1)), big.NewInt(1e9))
	}
	if binary {
		if v.Cmp(new(big.Rat).SetInt64(math.MaxInt64)) > 0 {
			v.SetInt64(math.MaxInt64)
		}
		if v.Sign() > 0 && v.Cmp(big.NewRat(1, 1)) < 0 {
			format = DecimalSI
		}
	}
	if neg {
		v.Neg(v)
	}
	return v, format, true
}

// FuzzParseQuantity checks that no input panics, and that a parsed
// quantity's canonical form parses back to an equal quantity with the same
// canonical form, in text and through JSON.
func FuzzParseQuantity(f *testing.F) {
	for _, tc := range canonicalCases {
		f.Add(tc.in)
		f.Add(tc.want)
	}
	for _, s := range []string{
		"", " ", "-", "+", ".", "-.", "e", "E", "Ki", "Pi", "-Ei", "e-10", "1e", "1e+", "1e-",
		"1.5.5", "1Zi", "1KiB", "1K", "0x10", "NaN", "Inf", "-Inf", "1e1000", "9e999",
		"1e-2147483649", "1e2147483648", "1e99999999999999999999", "\x00", "1\x00", "١",
		"99999999999999999999999999999999999999.99999999999999999999999999999999Ei",
		"0.000000000000000000000000000000000000000000000000000000000001Ki",
		"-9223372036854775808", "9223372036854775807Ki", "8Ei", "-8Ei", "1.0000000000000000000001Mi",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuantity(s)
		if want, wantFormat, ok := refParse(s); ok {
			tooLarge := new(big.Rat).Abs(want).Cmp(new(big.Rat).SetInt(pow10Big(maxMagnitude))) >= 0
			switch {
			case tooLarge != errors.Is(err, ErrTooLarge):
				t.Fatalf("ParseQuantity(%q) error %v, reference value %s", s, err, want.RatString())
			case err == nil && (q.rat().Cmp(want) != 0 || q.Format != wantFormat):
				t.Fatalf("ParseQuantity(%q) = %s %s, reference %s %s", s, q.rat().RatString(), q.Format, want.RatString(), wantFormat)
			}
		}
		if err != nil {
			return
		}
		canonical := q.String()
		back, err := ParseQuantity(canonical)
		if err != nil {
			t.Fatalf("ParseQuantity(%q) = %v, whose String %q does not parse: %v", s, q, canonical, err)
		}
		if !back.Equal(q) {
			t.Fatalf("ParseQuantity(%q) = %#v, but its String %q parses to %#v", s, q, canonical, back)
		}
		if got := back.String(); got != canonical {
			t.Fatalf("ParseQuantity(%q).String() = %q, which parses and prints as %q", s, canonical, got)
		}

		b, err := json.Marshal(q)
		if err != nil {
			t.Fatalf("json.Marshal(%#v): %v", q, err)
		}
		var fromJSON Quantity
		if err := json.Unmarshal(b, &fromJSON); err != nil {
			t.Fatalf("json.Unmarshal(%s): %v", b, err)
		}
		if !fromJSON.Equal(q) {
			t.Fatalf("%q: JSON %s decodes to %#v, want %#v", s, b, fromJSON, q)
		}
		if again, _ := json.Marshal(fromJSON); string(again) != string(b) {
			t.Fatalf("%q: JSON %s encodes again as %s", s, b, again)
		}

		// Arithmetic agrees with the value: q - q is zero, q + q is 2q.
		d := q
		d.Sub(q)
		if !d.IsZero() {
			t.Fatalf("%q: q - q = %v", s, d)
		}
		sum := q
		sum.Add(q)
		if c := sum.Cmp(q); c != q.Sign() {
			t.Fatalf("%q: Cmp(q+q, q) = %d, want %d", s, c, q.Sign())
		}
	})
}
