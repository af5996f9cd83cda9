package resource

import "testing"

// benchStrings are common resource values, in and out of canonical form.
var benchStrings = []string{"100m", "500m", "1", "2", "1.5", "128Mi", "1Gi", "1.5Gi", "10G", "1e3", "0.25", "64Ki"}

func BenchmarkParseQuantity(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := ParseQuantity(benchStrings[i%len(benchStrings)]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkQuantityString(b *testing.B) {
	qs := benchQuantities()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if qs[i%len(qs)].String() == "" {
			b.Fatal("empty")
		}
	}
}

func BenchmarkMarshalJSON(b *testing.B) {
	qs := benchQuantities()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := qs[i%len(qs)].MarshalJSON(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMilliValue(b *testing.B) {
	qs := benchQuantities()
	b.ReportAllocs()
	var sum int64
	for i := 0; b.Loop(); i++ {
		sum += qs[i%len(qs)].MilliValue()
	}
	_ = sum
}

func BenchmarkCmp(b *testing.B) {
	qs := benchQuantities()
	b.ReportAllocs()
	var sum int
	for i := 0; b.Loop(); i++ {
		sum += qs[i%len(qs)].Cmp(qs[(i+1)%len(qs)])
	}
	_ = sum
}

func BenchmarkAdd(b *testing.B) {
	qs := benchQuantities()
	b.ReportAllocs()
	var total Quantity
	for i := 0; b.Loop(); i++ {
		if i%1024 == 0 {
			total = Quantity{}
		}
		total.Add(qs[i%len(qs)])
	}
}

func benchQuantities() []Quantity {
	qs := make([]Quantity, len(benchStrings))
	for i, s := range benchStrings {
		qs[i] = MustParse(s)
	}
	return qs
}
