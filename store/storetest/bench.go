package storetest

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/orcaproj/orca/store"
)

// The benchmarks every backend runs, so that their figures compare. Each
// takes the same NewFunc as Run and opens its own store. Keys look like
// Kubernetes object keys and values are 1 KiB unless a benchmark says
// otherwise. Operations run one at a time (no b.RunParallel), so ns/op is
// the latency of one call.

const benchValueSize = 1024

func benchKey(i int) string {
	return fmt.Sprintf("/registry/core/pods/ns-%02d/pod-%08d", i%50, i)
}

func benchKeys(n int) []string {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = benchKey(i)
	}
	return keys
}

func benchValue(i int) []byte {
	v := make([]byte, benchValueSize)
	for j := range v {
		v[j] = byte('a' + (i+j)%26)
	}
	return v
}

// fill creates keys 0..n-1 with 1 KiB values from 16 goroutines and returns
// their ModRevisions.
func fill(b *testing.B, s store.Interface, n int) []int64 {
	b.Helper()
	revs := make([]int64, n)
	errs := make([]error, 16)
	var wg sync.WaitGroup
	for g := range errs {
		wg.Go(func() {
			for i := g; i < n; i += len(errs) {
				rev, err := s.Create(b.Context(), benchKey(i), benchValue(i))
				if err != nil {
					errs[g] = err
					return
				}
				revs[i] = rev
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		b.Fatal(err)
	}
	return revs
}

// Bench runs every benchmark below as a sub-benchmark.
func Bench(b *testing.B, newStore NewFunc) {
	b.Run("Create", func(b *testing.B) { BenchCreate(b, newStore) })
	b.Run("Update", func(b *testing.B) { BenchUpdate(b, newStore) })
	b.Run("Get", func(b *testing.B) { BenchGet(b, newStore) })
	b.Run("List10k", func(b *testing.B) { BenchList10k(b, newStore) })
	b.Run("WatchFanout1000", func(b *testing.B) { BenchWatchFanout(b, newStore, 1000) })
	b.Run("Memory100kKeys", func(b *testing.B) { BenchMemoryPer100kKeys(b, newStore) })
}

// BenchCreate measures Create of new keys.
func BenchCreate(b *testing.B, newStore NewFunc) {
	s := Open(b, newStore)
	ctx := b.Context()
	value := benchValue(0)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := s.Create(ctx, benchKey(i), value); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchUpdate measures compare-and-swap Update over 1000 keys.
func BenchUpdate(b *testing.B, newStore NewFunc) {
	s := Open(b, newStore)
	ctx := b.Context()
	revs := fill(b, s, 1000)
	keys := benchKeys(len(revs))
	value := benchValue(1)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		k := i % len(revs)
		rev, err := s.Update(ctx, keys[k], value, revs[k])
		if err != nil {
			b.Fatal(err)
		}
		revs[k] = rev
	}
}

// BenchGet measures Get over 1000 keys.
func BenchGet(b *testing.B, newStore NewFunc) {
	s := Open(b, newStore)
	ctx := b.Context()
	keys := benchKeys(len(fill(b, s, 1000)))
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := s.Get(ctx, keys[i%len(keys)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchList10k measures one unpaginated List of a prefix holding 10,000
// keys (10 MiB of values).
func BenchList10k(b *testing.B, newStore NewFunc) {
	s := Open(b, newStore)
	ctx := b.Context()
	fill(b, s, 10000)
	b.ReportAllocs()
	for b.Loop() {
		res, err := s.List(ctx, "/registry/core/pods/", store.ListOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Items) != 10000 {
			b.Fatalf("List returned %d items", len(res.Items))
		}
	}
}

// BenchWatchFanout measures delivery of writes to watchers that all watch
// the written prefix. One writer writes one event at a time and waits until
// every watcher has received it, so ns/op is the time to fan one event out
// to all of them. It reports the latency from the start of the write to
// each delivery: the median as p50-ms and the 99th percentile as p99-ms.
func BenchWatchFanout(b *testing.B, newStore NewFunc, watchers int) {
	s := Open(b, newStore)
	ctx, cancel := context.WithCancel(b.Context())
	var wg sync.WaitGroup
	defer func() {
		cancel()
		wg.Wait()
	}()
	const prefix = "/registry/bench/fanout/"
	rev, err := s.CurrentRevision(ctx)
	if err != nil {
		b.Fatal(err)
	}
	epoch := time.Now()
	// The last watcher to receive an event tells the writer.
	var pending atomic.Int64
	received := make(chan struct{}, 1)
	deliver := func() {
		if pending.Add(-1) == 0 {
			received <- struct{}{}
		}
	}
	latencies := make([][]time.Duration, watchers)
	errs := make([]error, watchers)
	for i := range watchers {
		w, err := s.Watch(ctx, prefix, store.WatchOptions{Prefix: true, Revision: rev + 1})
		if err != nil {
			b.Fatal(err)
		}
		wg.Go(func() {
			for ev := range w.Events() {
				switch ev.Type {
				case store.Progress:
					continue
				case store.Error:
					errs[i] = ev.Err
					deliver()
					return
				}
				sent := time.Duration(binary.BigEndian.Uint64(ev.Value))
				latencies[i] = append(latencies[i], time.Since(epoch)-sent)
				deliver()
			}
		})
	}
	value := make([]byte, 64)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		pending.Store(int64(watchers))
		binary.BigEndian.PutUint64(value, uint64(time.Since(epoch)))
		if _, err := s.Create(ctx, fmt.Sprintf("%s%08d", prefix, i), value); err != nil {
			b.Fatal(err)
		}
		<-received
		if err := errors.Join(errs...); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	var all []time.Duration
	for _, l := range latencies {
		all = append(all, l...)
	}
	slices.Sort(all)
	if len(all) > 0 {
		pct := func(p float64) float64 {
			return float64(all[min(len(all)-1, int(p*float64(len(all))))]) / float64(time.Millisecond)
		}
		b.ReportMetric(pct(0.50), "p50-ms")
		b.ReportMetric(pct(0.99), "p99-ms")
	}
}

// BenchMemoryPer100kKeys measures the Go heap a store holds per key, with
// 100,000 keys of 1 KiB values per iteration. It reports B/key (heap growth
// divided by the keys written) and MiB/100k-keys. For a backend that keeps
// its data outside this process's Go heap (a separate etcd, or an embedded
// etcd's memory-mapped database) it measures only what is inside the heap.
// ns/op is the time to write the 100,000 keys.
func BenchMemoryPer100kKeys(b *testing.B, newStore NewFunc) {
	const perIter = 100000
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	s := Open(b, newStore)
	ctx := b.Context()
	value := benchValue(2)
	written := 0
	for b.Loop() {
		for range perIter {
			if _, err := s.Create(ctx, benchKey(written), value); err != nil {
				b.Fatal(err)
			}
			written++
		}
	}
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(s)
	perKey := float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / float64(written)
	b.ReportMetric(perKey, "B/key")
	b.ReportMetric(perKey*perIter/(1<<20), "MiB/100k-keys")
}
