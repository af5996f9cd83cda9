package resource

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/orcaproj/orca/errdefs"
)

// TestStringNegative is the second half of TestQuantityString of
// Kubernetes: a negative value is its positive form with a leading "-".
func TestStringNegative(t *testing.T) {
	t.Parallel()
	for _, tc := range canonicalCases {
		q := MustParse(tc.in)
		if q.IsZero() {
			continue
		}
		q.Neg()
		want := "-" + tc.want
		if tc.want[0] == '-' {
			want = tc.want[1:]
		}
		if got := q.String(); got != want {
			t.Errorf("-(%s).String() = %q, want %q", tc.in, got, want)
		}
	}
}

func TestStringBinaryLarge(t *testing.T) {
	t.Parallel()
	// Kubernetes has no suffix past Ei; a larger binary value keeps Ei.
	q := NewQuantity(1<<62, BinarySI)
	for range 32 {
		q.Add(q)
	}
	if got, want := q.String(), "17179869184Ei"; got != want { // 2^94
		t.Errorf("2^94 as BinarySI = %q, want %q", got, want)
	}
	q = MustParse("1e30") // 5^30 × 2^30
	q.Format = BinarySI
	if got, want := q.String(), "931322574615478515625Gi"; got != want {
		t.Errorf("1e30 as BinarySI = %q, want %q", got, want)
	}
}

func TestMarshalJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		q    Quantity
		want string
	}{
		{Quantity{}, `"0"`},
		{MustParse("1.5Gi"), `"1536Mi"`},
		{MustParse("0.5"), `"500m"`},
		{MustParse("-1e-3"), `"-1e-3"`},
		{MustParse("123456789012345678901234567890"), `"123456789012345678901234567890"`},
		{NewQuantity(5, "bogus"), `"5"`},
	}
	for _, tc := range tests {
		got, err := json.Marshal(tc.q)
		if err != nil || string(got) != tc.want {
			t.Errorf("json.Marshal(%v) = %s, %v; want %s", tc.q, got, err, tc.want)
		}
		got, err = tc.q.MarshalText()
		if err != nil || `"`+string(got)+`"` != tc.want {
			t.Errorf("MarshalText(%v) = %s, %v; want %s", tc.q, got, err, tc.want)
		}
	}
}

func TestUnmarshalJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
		format         Format
	}{
		{"string", `"1Gi"`, "1Gi", BinarySI},
		{"number", `1`, "1", DecimalSI},
		{"negative number", `-1`, "-1", DecimalSI},
		{"fraction number", `0.5`, "500m", DecimalSI},
		{"exponent number", `1.5e3`, "1500", DecimalExponent},
		{"capital exponent number", `2E6`, "2e6", DecimalExponent},
		// TestJSONWhitespace of Kubernetes.
		{"leading space in string", `" 1"`, "1", DecimalSI},
		{"trailing space in string", `"1 "`, "1", DecimalSI},
		{"leading space", ` 1`, "1", DecimalSI},
		{"trailing space", `1 `, "1", DecimalSI},
		{"space and sign", ` -1`, "-1", DecimalSI},
		{"escaped string", `"1\u0030\u0030m"`, "100m", DecimalSI},
		{"escaped space", `"\t2Ki\n"`, "2Ki", BinarySI},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var q Quantity
			if err := json.Unmarshal([]byte(tc.in), &q); err != nil {
				t.Fatalf("json.Unmarshal(%s): %v", tc.in, err)
			}
			if got := q.String(); got != tc.want || q.Format != tc.format {
				t.Errorf("json.Unmarshal(%s) = %s (%s), want %s (%s)", tc.in, got, q.Format, tc.want, tc.format)
			}
		})
	}
}

func TestUnmarshalJSONErrors(t *testing.T) {
	t.Parallel()
	for _, in := range []string{`""`, `"1.5.5"`, `true`, `{}`, `[]`, `"1Zi"`, `"1e1000"`} {
		var q Quantity
		err := json.Unmarshal([]byte(in), &q)
		if err == nil {
			t.Errorf("json.Unmarshal(%s) = %v, want an error", in, q)
			continue
		}
		if !errors.Is(err, errdefs.ErrInvalid) {
			t.Errorf("json.Unmarshal(%s) error %v does not wrap errdefs.ErrInvalid", in, err)
		}
	}
}

func TestUnmarshalJSONNull(t *testing.T) {
	t.Parallel()
	q := MustParse("1Gi")
	if err := json.Unmarshal([]byte(`null`), &q); err != nil {
		t.Fatal(err)
	}
	if !q.IsZero() || q.String() != "0" {
		t.Errorf("after null: %v", q)
	}
}

func TestJSONInStruct(t *testing.T) {
	t.Parallel()
	type limits struct {
		CPU    Quantity  `json:"cpu,omitzero"`
		Memory Quantity  `json:"memory,omitzero"`
		Disk   *Quantity `json:"disk,omitempty"`
	}
	in := `{"cpu":"0.5","memory":1073741824,"disk":"10Gi"}`
	var l limits
	if err := json.Unmarshal([]byte(in), &l); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"cpu":"500m","memory":"1073741824","disk":"10Gi"}`; string(out) != want {
		t.Errorf("round trip = %s, want %s", out, want)
	}
	out, err = json.Marshal(limits{Memory: MustParse("1Gi")})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"memory":"1Gi"}`; string(out) != want {
		t.Errorf("omitzero = %s, want %s", out, want)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	t.Parallel()
	for _, tc := range canonicalCases {
		// As parsed, the encoding is stable.
		q := MustParse(tc.in)
		b, err := json.Marshal(q)
		if err != nil {
			t.Fatalf("json.Marshal(%v): %v", q, err)
		}
		var back Quantity
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("json.Unmarshal(%s): %v", b, err)
		}
		if !back.Equal(q) {
			t.Errorf("%s: %s decodes to %v", tc.in, b, back)
		}
		if again, _ := json.Marshal(back); string(again) != string(b) {
			t.Errorf("%s: %s encodes again as %s", tc.in, b, again)
		}
		// TestJSON of Kubernetes: in any format the value survives, except
		// that parsing caps a BinarySI magnitude at 2^63-1.
		for _, f := range []Format{DecimalSI, BinarySI, DecimalExponent} {
			q.Format = f
			b, _ := json.Marshal(q)
			var back Quantity
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatalf("json.Unmarshal(%s): %v", b, err)
			}
			capped := f == BinarySI && (q.CmpInt64(math.MaxInt64) > 0 || q.CmpInt64(-math.MaxInt64) < 0)
			if !capped && !back.Equal(q) {
				t.Errorf("%s as %s: %s decodes to %v", tc.in, f, b, back)
			}
		}
	}
}

func TestText(t *testing.T) {
	t.Parallel()
	var q Quantity
	if err := q.UnmarshalText([]byte("1.5Gi")); err != nil {
		t.Fatal(err)
	}
	if q.String() != "1536Mi" {
		t.Errorf("UnmarshalText(1.5Gi) = %v", q)
	}
	if err := q.UnmarshalText([]byte(" 1")); !errors.Is(err, ErrFormatWrong) {
		t.Errorf("UnmarshalText(\" 1\") = %v, want ErrFormatWrong", err)
	}
}

func TestFmt(t *testing.T) {
	t.Parallel()
	type s struct{ Q Quantity }
	if got, want := fmt.Sprintf("%v %s %v", MustParse("1.5"), MustParse("2Gi"), s{MustParse("1k")}), "1500m 2Gi {1k}"; got != want {
		t.Errorf("fmt = %q, want %q", got, want)
	}
	var p *Quantity
	if got := fmt.Sprint(p); got != "<nil>" {
		t.Errorf("fmt of a nil *Quantity = %q", got)
	}
}
