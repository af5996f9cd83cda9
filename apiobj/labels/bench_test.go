package labels

import (
	"strconv"
	"testing"
)

const benchSelector = "app=web,env in (prod,staging,canary),!legacy,tier!=frontend,example.com/owner,replicas>2"

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(benchSelector); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMatches(b *testing.B) {
	sel, err := Parse(benchSelector)
	if err != nil {
		b.Fatal(err)
	}
	ls := Set{
		"app": "web", "env": "prod", "tier": "backend", "example.com/owner": "team-a", "replicas": "3",
	}
	for i := range 10 {
		ls["extra-"+strconv.Itoa(i)] = "v"
	}
	if !sel.Matches(ls) {
		b.Fatal("benchmark labels do not match")
	}
	b.ReportAllocs()
	for b.Loop() {
		if !sel.Matches(ls) {
			b.Fatal("no match")
		}
	}
}
