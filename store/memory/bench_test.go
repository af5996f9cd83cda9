package memory_test

import (
	"testing"

	"github.com/orcaproj/orca/store/storetest"
)

// The shared benchmarks from storetest, so the figures compare with other
// backends. Run with: go test -run '^$' -bench . ./store/memory

func BenchmarkCreate(b *testing.B)  { storetest.BenchCreate(b, newStore) }
func BenchmarkUpdate(b *testing.B)  { storetest.BenchUpdate(b, newStore) }
func BenchmarkGet(b *testing.B)     { storetest.BenchGet(b, newStore) }
func BenchmarkList10k(b *testing.B) { storetest.BenchList10k(b, newStore) }
func BenchmarkWatchFanout1000(b *testing.B) {
	storetest.BenchWatchFanout(b, newStore, 1000)
}
func BenchmarkMemory100kKeys(b *testing.B) { storetest.BenchMemoryPer100kKeys(b, newStore) }
