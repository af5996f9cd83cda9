package framework

import (
	"context"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// DefaultParallelism is kube-scheduler's parallelism; NewParallelizer
// caps it at GOMAXPROCS, since more goroutines than CPUs only add
// overhead for CPU-bound plugin work.
const DefaultParallelism = 16

type parallelizer struct{ workers int }

// NewParallelizer returns a Parallelizer with at most parallelism
// goroutines (DefaultParallelism if parallelism <= 0), capped at
// GOMAXPROCS.
func NewParallelizer(parallelism int) Parallelizer {
	if parallelism <= 0 {
		parallelism = DefaultParallelism
	}
	return parallelizer{workers: min(parallelism, runtime.GOMAXPROCS(0))}
}

// ChunkSize returns the number of pieces a worker takes at a time:
// sqrt(pieces), at most pieces/workers+1, at least 1 (kube-scheduler's
// rule).
func ChunkSize(pieces, workers int) int {
	s := int(math.Sqrt(float64(pieces)))
	if r := pieces/workers + 1; r < s {
		s = r
	}
	return max(s, 1)
}

func (p parallelizer) Until(ctx context.Context, pieces int, work func(i int)) {
	if pieces <= 0 {
		return
	}
	workers := min(p.workers, pieces)
	if workers <= 1 {
		for i := 0; i < pieces; i++ {
			if ctx.Err() != nil {
				return
			}
			work(i)
		}
		return
	}
	chunk := ChunkSize(pieces, workers)
	var next atomic.Int64
	run := func() {
		for ctx.Err() == nil {
			start := int(next.Add(int64(chunk))) - chunk
			if start >= pieces {
				return
			}
			end := min(start+chunk, pieces)
			for i := start; i < end; i++ {
				work(i)
			}
		}
	}
	var wg sync.WaitGroup
	wg.Add(workers - 1)
	for w := 0; w < workers-1; w++ {
		go func() {
			defer wg.Done()
			run()
		}()
	}
	run()
	wg.Wait()
}
