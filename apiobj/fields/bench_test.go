package fields

import "testing"

const benchSelector = `metadata.namespace=default,spec.nodeName=node-17,status.phase!=Succeeded,metadata.name=web\,0`

func BenchmarkParseSelector(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseSelector(benchSelector); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMatches(b *testing.B) {
	sel, err := ParseSelector(benchSelector)
	if err != nil {
		b.Fatal(err)
	}
	fs := Set{"metadata.namespace": "default", "metadata.name": "web,0", "spec.nodeName": "node-17", "status.phase": "Running"}
	if !sel.Matches(fs) {
		b.Fatal("benchmark fields do not match")
	}
	b.ReportAllocs()
	for b.Loop() {
		if !sel.Matches(fs) {
			b.Fatal("no match")
		}
	}
}
