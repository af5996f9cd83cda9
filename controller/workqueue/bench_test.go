package workqueue_test

import (
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/orcaproj/orca/controller/workqueue"
)

// request is the shape of controller.Request, the key controllers queue.
type request struct{ Namespace, Name string }

// BenchmarkWorkqueueAddGetDone measures one item's trip through a queue:
// Add, Get, Done. The anchor is controller-runtime at about 1.05 µs; the
// goal is 0.5 µs or less.
func BenchmarkWorkqueueAddGetDone(b *testing.B) {
	keys := make([]request, 1024)
	for i := range keys {
		keys[i] = request{Namespace: "default", Name: fmt.Sprintf("object-%d", i)}
	}
	run := func(b *testing.B, q workqueue.Interface[request]) {
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			q.Add(keys[i&1023])
			k, _ := q.Get()
			q.Done(k)
		}
		b.StopTimer()
		q.ShutDown()
	}
	b.Run("metrics=off", func(b *testing.B) {
		run(b, workqueue.New(workqueue.Config[request]{}))
	})
	b.Run("metrics=on", func(b *testing.B) {
		run(b, workqueue.New(workqueue.Config[request]{Name: "bench", Registerer: prometheus.NewRegistry()}))
	})
	// Batched: 64 adds, then 64 get+done, as a controller sees a burst.
	b.Run("metrics=off/batch=64", func(b *testing.B) {
		q := workqueue.New(workqueue.Config[request]{})
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i += 64 {
			for j := 0; j < 64; j++ {
				q.Add(keys[(i+j)&1023])
			}
			for j := 0; j < 64; j++ {
				k, _ := q.Get()
				q.Done(k)
			}
		}
		b.StopTimer()
		q.ShutDown()
	})
	// Parallel: every core adds and takes; keys are unique, so that each
	// Get has an Add of its own to match.
	b.Run("metrics=off/parallel", func(b *testing.B) {
		q := workqueue.New(workqueue.Config[int64]{})
		var next atomic.Int64
		b.ReportAllocs()
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				q.Add(next.Add(1))
				k, _ := q.Get()
				q.Done(k)
			}
		})
		b.StopTimer()
		q.ShutDown()
	})
}
