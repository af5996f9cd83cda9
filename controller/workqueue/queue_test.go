package workqueue_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/controller/clock/clocktest"
	"github.com/orcaproj/orca/controller/workqueue"
)

// eventually polls cond until it holds or the deadline passes.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond) // polling a condition with a deadline
	}
}

func TestQueueSemantics(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		run  func(t *testing.T, q workqueue.RateLimiting[string])
	}{
		{"dedups queued items and keeps FIFO order", func(t *testing.T, q workqueue.RateLimiting[string]) {
			for _, k := range []string{"a", "b", "a", "c", "b"} {
				q.Add(k)
			}
			require.Equal(t, 3, q.Len())
			for _, want := range []string{"a", "b", "c"} {
				got, shutdown := q.Get()
				require.False(t, shutdown)
				require.Equal(t, want, got)
				q.Done(got)
			}
			require.Zero(t, q.Len())
		}},
		{"an item added while processing is queued again at Done", func(t *testing.T, q workqueue.RateLimiting[string]) {
			q.Add("a")
			got, _ := q.Get()
			q.Add("a")
			q.Add("a")
			require.Zero(t, q.Len(), "not handed out while processing")
			q.Done(got)
			require.Equal(t, 1, q.Len())
			got, _ = q.Get()
			require.Equal(t, "a", got)
			q.Done(got)
			require.Zero(t, q.Len())
		}},
		{"Done of an unknown item is a no-op", func(t *testing.T, q workqueue.RateLimiting[string]) {
			q.Done("nope")
			q.Add("a")
			q.Done("a") // queued, not processing
			require.Equal(t, 1, q.Len())
		}},
		{"shutdown hands out what is queued, then reports shutdown", func(t *testing.T, q workqueue.RateLimiting[string]) {
			q.Add("a")
			q.ShutDown()
			q.ShutDown()
			require.True(t, q.ShuttingDown())
			q.Add("b")
			q.AddAfter("c", 0)
			q.AddRateLimited("d")
			got, shutdown := q.Get()
			require.False(t, shutdown)
			require.Equal(t, "a", got)
			q.Done(got)
			_, shutdown = q.Get()
			require.True(t, shutdown)
		}},
		{"shutdown unblocks a waiting Get", func(t *testing.T, q workqueue.RateLimiting[string]) {
			res := make(chan bool)
			go func() { _, shutdown := q.Get(); res <- shutdown }()
			q.ShutDown()
			require.True(t, <-res)
		}},
		{"the ring grows and shrinks across bursts", func(t *testing.T, q workqueue.RateLimiting[string]) {
			for round := range 3 {
				for i := range 5000 {
					q.Add(fmt.Sprint(round, "-", i))
				}
				for i := range 5000 {
					got, _ := q.Get()
					require.Equal(t, fmt.Sprint(round, "-", i), got)
					q.Done(got)
				}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			q := workqueue.New(workqueue.Config[string]{})
			defer q.ShutDown()
			tt.run(t, q)
		})
	}
}

func TestShutDownWithDrainWaitsForInFlight(t *testing.T) {
	t.Parallel()
	q := workqueue.New(workqueue.Config[int]{})
	q.Add(1)
	q.Add(2)
	a, _ := q.Get()
	b, _ := q.Get()
	drained := make(chan error)
	go func() { drained <- q.ShutDownWithDrain(context.Background()) }()
	eventually(t, "shutdown", q.ShuttingDown)
	q.Done(a)
	select {
	case <-drained:
		t.Fatal("drain returned with an item in flight")
	default:
	}
	q.Done(b)
	require.NoError(t, <-drained)

	q2 := workqueue.New(workqueue.Config[int]{})
	q2.Add(1)
	_, _ = q2.Get()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.ErrorIs(t, q2.ShutDownWithDrain(ctx), context.Canceled)
	require.NoError(t, workqueue.New(workqueue.Config[int]{}).ShutDownWithDrain(context.Background()), "nothing in flight")
}

// TestNoKeyOnTwoWorkers hammers a queue from adders and workers at once and
// checks that no key is ever processed by two workers at the same time, and
// that every key is processed after its last add (the level-based promise).
func TestNoKeyOnTwoWorkers(t *testing.T) {
	t.Parallel()
	const (
		keys    = 50
		adders  = 4
		adds    = 5000
		workers = 8
	)
	q := workqueue.New(workqueue.Config[int]{})
	var (
		inFlight  [keys]atomic.Int32
		lastAdd   [keys]atomic.Int64 // sequence number of the last add
		lastStart [keys]atomic.Int64 // sequence number seen when processing last started
		seq       atomic.Int64
		overlap   atomic.Bool
	)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k, shutdown := q.Get()
				if shutdown {
					return
				}
				if inFlight[k].Add(1) != 1 {
					overlap.Store(true)
				}
				lastStart[k].Store(seq.Load())
				if rand.IntN(4) == 0 {
					time.Sleep(time.Microsecond) // widen the window for a second worker
				}
				inFlight[k].Add(-1)
				q.Done(k)
			}
		}()
	}
	var ag sync.WaitGroup
	for range adders {
		ag.Add(1)
		go func() {
			defer ag.Done()
			for range adds {
				k := rand.IntN(keys)
				lastAdd[k].Store(seq.Add(1))
				q.Add(k)
			}
		}()
	}
	ag.Wait()
	eventually(t, "every key processed after its last add", func() bool {
		for k := range keys {
			if lastAdd[k].Load() != 0 && lastStart[k].Load() < lastAdd[k].Load() {
				return false
			}
		}
		return true
	})
	require.NoError(t, q.ShutDownWithDrain(context.Background()))
	wg.Wait()
	require.False(t, overlap.Load(), "a key was handed to two workers at once")
}

func TestAddAfterWithFakeClock(t *testing.T) {
	t.Parallel()
	c := clocktest.NewFake(time.Unix(1000, 0))
	q := workqueue.New(workqueue.Config[string]{Clock: c})
	defer q.ShutDown()

	q.AddAfter("late", 3*time.Second)
	q.AddAfter("early", time.Second)
	q.AddAfter("late", 2*time.Second) // keeps the earlier time: 2 s
	q.AddAfter("late", 5*time.Second) // a later time changes nothing
	q.AddAfter("now", 0)
	require.Equal(t, 1, q.Len())
	got, _ := q.Get()
	require.Equal(t, "now", got)
	q.Done(got)

	eventually(t, "a timer armed", func() bool { return c.Waiters() > 0 })
	c.Step(999 * time.Millisecond)
	require.Zero(t, q.Len(), "nothing is ready before its time")
	c.Step(time.Millisecond)
	eventually(t, "early is added", func() bool { return q.Len() == 1 })
	got, _ = q.Get()
	require.Equal(t, "early", got)
	q.Done(got)

	eventually(t, "the timer re-armed for late", func() bool {
		at, ok := c.NextDeadline()
		return ok && at.Equal(time.Unix(1002, 0))
	})
	c.Step(time.Second)
	eventually(t, "late is added", func() bool { return q.Len() == 1 })
	got, _ = q.Get()
	require.Equal(t, "late", got)
	q.Done(got)
	c.Step(time.Hour)
	require.Zero(t, q.Len(), "late was added once")
}

func TestAddRateLimitedBacksOffOnFakeClock(t *testing.T) {
	t.Parallel()
	c := clocktest.NewFake(time.Unix(0, 0))
	q := workqueue.New(workqueue.Config[string]{Clock: c})
	defer q.ShutDown()
	// Retries wait 5 ms, 10 ms, 20 ms, ... for the same item.
	for i, want := range []time.Duration{5, 10, 20, 40, 80} {
		want *= time.Millisecond
		q.AddRateLimited("k")
		require.Equal(t, i+1, q.NumRequeues("k"))
		eventually(t, "the backoff timer", func() bool {
			at, ok := c.NextDeadline()
			return ok && at.Equal(c.Now().Add(want))
		})
		c.Step(want - time.Microsecond)
		require.Zero(t, q.Len())
		c.Step(time.Microsecond)
		eventually(t, "the retry", func() bool { return q.Len() == 1 })
		k, _ := q.Get()
		q.Done(k)
	}
	q.Forget("k")
	require.Zero(t, q.NumRequeues("k"))
}

func TestRateLimiters(t *testing.T) {
	t.Parallel()
	ms := time.Millisecond
	t.Run("exponential", func(t *testing.T) {
		t.Parallel()
		r := workqueue.NewExponentialBackoff[string](workqueue.DefaultBaseDelay, workqueue.DefaultMaxDelay)
		var got []time.Duration
		for range 5 {
			got = append(got, r.When("a"))
		}
		require.Equal(t, []time.Duration{5 * ms, 10 * ms, 20 * ms, 40 * ms, 80 * ms}, got)
		require.Equal(t, 5*ms, r.When("b"), "items back off independently")
		for range 100 {
			r.When("a")
		}
		require.Equal(t, 1000*time.Second, r.When("a"), "capped at the maximum")
		require.Equal(t, 106, r.NumRequeues("a"))
		r.Forget("a")
		require.Zero(t, r.NumRequeues("a"))
		require.Equal(t, 5*ms, r.When("a"))
	})
	t.Run("token bucket", func(t *testing.T) {
		t.Parallel()
		c := clocktest.NewFake(time.Unix(0, 0))
		r := workqueue.NewTokenBucket[string](10, 100, c)
		for i := range 100 {
			require.Zero(t, r.When(fmt.Sprint(i)), "the burst passes at once")
		}
		require.Equal(t, 100*ms, r.When("x"))
		require.Equal(t, 200*ms, r.When("y"), "later reservations queue behind")
		c.Step(time.Second) // 10 tokens back, 2 of them already reserved
		for range 8 {
			require.Zero(t, r.When("z"))
		}
		require.Equal(t, 100*ms, r.When("z"))
		require.Zero(t, r.NumRequeues("z"))
	})
	t.Run("default is the max of both", func(t *testing.T) {
		t.Parallel()
		c := clocktest.NewFake(time.Unix(0, 0))
		r := workqueue.DefaultRateLimiter[int](c)
		for i := range 100 {
			require.Equal(t, 5*ms, r.When(i), "backoff dominates inside the burst")
		}
		require.Equal(t, 100*ms, r.When(1000), "the bucket dominates past the burst")
		require.Equal(t, 200*ms, r.When(0), "item 0's second retry: max(10 ms, the next bucket slot)")
		require.Equal(t, 2, r.NumRequeues(0))
		r.Forget(0)
		require.Zero(t, r.NumRequeues(0))
	})
}

func TestMetrics(t *testing.T) {
	t.Parallel()
	reg := prometheus.NewRegistry()
	c := clocktest.NewFake(time.Unix(0, 0))
	q := workqueue.New(workqueue.Config[string]{Name: "things", Clock: c, Registerer: reg})
	other := workqueue.New(workqueue.Config[string]{Name: "others", Registerer: reg})
	defer other.ShutDown()

	q.Add("a")
	q.Add("b")
	q.Add("a")
	c.Step(2 * time.Second)
	k, _ := q.Get()
	c.Step(3 * time.Second)
	q.AddRateLimited("c")

	got := gather(t, reg, "things")
	require.Equal(t, 1.0, got[workqueue.MetricDepth])
	require.Equal(t, 2.0, got[workqueue.MetricAdds])
	require.Equal(t, 1.0, got[workqueue.MetricRetries])
	require.Equal(t, 3.0, got[workqueue.MetricLongestRunning])
	require.Equal(t, 3.0, got[workqueue.MetricUnfinishedWork])
	require.Equal(t, 2.0, got[workqueue.MetricQueueDuration+"_sum"])
	q.Done(k)
	got = gather(t, reg, "things")
	require.Equal(t, 3.0, got[workqueue.MetricWorkDuration+"_sum"])
	require.Zero(t, got[workqueue.MetricLongestRunning])

	q.ShutDown()
	got = gather(t, reg, "things")
	_, ok := got[workqueue.MetricLongestRunning]
	require.False(t, ok, "a shut down queue unregisters its collector")
	again := workqueue.New(workqueue.Config[string]{Name: "things", Registerer: reg})
	defer again.ShutDown()
	_, ok = gather(t, reg, "things")[workqueue.MetricLongestRunning]
	require.True(t, ok, "a new queue of the same name registers again")
	require.Panics(t, func() { workqueue.New(workqueue.Config[string]{Registerer: reg}) }, "metrics need a name")
}

// gather returns the values of the metrics labelled name=queue: gauges and
// counters by name, histograms as name_sum.
func gather(t *testing.T, reg *prometheus.Registry, queue string) map[string]float64 {
	t.Helper()
	mfs, err := reg.Gather()
	require.NoError(t, err)
	out := map[string]float64{}
	for _, mf := range mfs {
		for _, m := range mf.GetMetric() {
			if !hasLabel(m, "name", queue) {
				continue
			}
			switch {
			case m.Gauge != nil:
				out[mf.GetName()] = m.GetGauge().GetValue()
			case m.Counter != nil:
				out[mf.GetName()] = m.GetCounter().GetValue()
			case m.Histogram != nil:
				out[mf.GetName()+"_sum"] = m.GetHistogram().GetSampleSum()
			}
		}
	}
	return out
}

func hasLabel(m *dto.Metric, name, value string) bool {
	for _, l := range m.GetLabel() {
		if l.GetName() == name && l.GetValue() == value {
			return true
		}
	}
	return false
}
