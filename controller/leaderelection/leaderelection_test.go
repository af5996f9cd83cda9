package leaderelection_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/clock/clocktest"
	"github.com/orcaproj/orca/controller/controllertest"
	"github.com/orcaproj/orca/controller/leaderelection"
)

// Short timings for tests: lease 1 s, renew deadline 0.6 s, retry 0.1 s.
func testConfig(c *client.Client, lease, id string) leaderelection.Config {
	return leaderelection.Config{
		Client: c, Namespace: "default", Name: lease, Identity: id,
		LeaseDuration: time.Second, RenewDeadline: 600 * time.Millisecond, RetryPeriod: 100 * time.Millisecond,
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	c := &client.Client{}
	tests := []struct {
		name string
		cfg  leaderelection.Config
		ok   bool
	}{
		{"defaults", leaderelection.Config{Client: c, Name: "l"}, true},
		{"no client", leaderelection.Config{Name: "l"}, false},
		{"no name", leaderelection.Config{Client: c}, false},
		{"lease not above deadline", leaderelection.Config{Client: c, Name: "l", LeaseDuration: 10 * time.Second}, false},
		{"deadline not above retry", leaderelection.Config{Client: c, Name: "l", RetryPeriod: 10 * time.Second}, false},
		{"negative", leaderelection.Config{Client: c, Name: "l", RetryPeriod: -1}, false},
		{"short", testConfig(c, "l", "a"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.cfg.Validate()
			if tt.ok {
				require.NoError(t, err)
			} else {
				require.Error(t, err)
			}
		})
	}
}

func TestAcquireRenewRelease(t *testing.T) {
	t.Parallel()
	env := controllertest.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var seen []string
	var mu sync.Mutex
	cfg := testConfig(env.Client, "solo", "a")
	cfg.OnNewLeader = func(id string) { mu.Lock(); seen = append(seen, id); mu.Unlock() }
	e, err := leaderelection.New(cfg)
	require.NoError(t, err)
	require.Equal(t, "a", e.Identity())

	leading := make(chan struct{})
	runCtx, stop := context.WithCancel(ctx)
	res := make(chan error)
	go func() {
		res <- e.Run(runCtx, func(ctx context.Context) error {
			close(leading)
			<-ctx.Done()
			return ctx.Err()
		})
	}()
	<-leading
	require.True(t, e.IsLeader())
	require.Equal(t, "a", e.Leader())
	leases := client.For[*apiobj.Lease](env.Client).Namespace("default")
	l, err := leases.Get(ctx, "solo")
	require.NoError(t, err)
	require.Equal(t, "a", *l.Spec.HolderIdentity)
	require.Equal(t, int32(1), *l.Spec.LeaseDurationSeconds)
	require.Equal(t, int32(0), *l.Spec.LeaseTransitions)
	first := l.Spec.RenewTime.Time

	controllertest.Eventually(t, 10*time.Second, "a renewal", func() bool {
		l, err := leases.Get(ctx, "solo")
		return err == nil && l.Spec.RenewTime.After(first)
	})
	stop()
	require.NoError(t, <-res)
	require.False(t, e.IsLeader())
	l, err = leases.Get(ctx, "solo")
	require.NoError(t, err)
	require.Nil(t, l.Spec.HolderIdentity, "the lease is released on shutdown")
	mu.Lock()
	require.Equal(t, []string{"a"}, seen)
	mu.Unlock()

	// A second run is a new term: a new transition.
	runCtx, stop = context.WithCancel(ctx)
	go func() {
		res <- e.Run(runCtx, func(ctx context.Context) error { return errors.New("boom") })
	}()
	require.EqualError(t, <-res, "boom", "lead's own error is returned")
	stop()
	l, err = leases.Get(ctx, "solo")
	require.NoError(t, err)
	require.Nil(t, l.Spec.HolderIdentity, "released after lead returned")
	require.Equal(t, int32(1), *l.Spec.LeaseTransitions)
}

func TestLeaseTakenByAnotherIsLost(t *testing.T) {
	t.Parallel()
	env := controllertest.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	e, err := leaderelection.New(testConfig(env.Client, "stolen", "a"))
	require.NoError(t, err)
	leading := make(chan struct{})
	res := make(chan error)
	go func() {
		res <- e.Run(ctx, func(ctx context.Context) error {
			close(leading)
			<-ctx.Done()
			return nil
		})
	}()
	<-leading
	leases := client.For[*apiobj.Lease](env.Client).Namespace("default")
	_, err = leases.Patch(ctx, "stolen", client.MergePatch, []byte(`{"spec":{"holderIdentity":"intruder"}}`), "")
	require.NoError(t, err)
	require.ErrorIs(t, <-res, leaderelection.ErrLeadershipLost)
	l, err := leases.Get(ctx, "stolen")
	require.NoError(t, err)
	require.Equal(t, "intruder", *l.Spec.HolderIdentity, "a lost lease is left alone")
}

// TestPausedLeaderStopsAtDeadline pauses a leader by freezing its clock:
// another candidate takes the lease over, and when the paused leader's
// clock jumps forward its term reports cancellation at once, before any
// timer of its own has run.
func TestPausedLeaderStopsAtDeadline(t *testing.T) {
	t.Parallel()
	env := controllertest.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	fake := clocktest.NewFake(time.Now())
	cfgA := testConfig(env.Client, "paused", "a")
	cfgA.Clock = fake
	a, err := leaderelection.New(cfgA)
	require.NoError(t, err)
	b, err := leaderelection.New(testConfig(env.Client, "paused", "b"))
	require.NoError(t, err)

	termA := make(chan context.Context, 1)
	resA := make(chan error, 1)
	go func() {
		resA <- a.Run(ctx, func(ctx context.Context) error {
			termA <- ctx
			<-ctx.Done()
			return nil
		})
	}()
	ctxA := <-termA
	require.NoError(t, ctxA.Err())

	// a's clock stands still: it never renews, and b takes over once the
	// lease has not changed for a lease duration by b's clock.
	bLeads := make(chan struct{})
	go func() {
		_ = b.Run(ctx, func(ctx context.Context) error {
			close(bLeads)
			<-ctx.Done()
			return nil
		})
	}()
	<-bLeads
	require.NoError(t, ctxA.Err(), "by its own clock, a is still within its term")
	require.True(t, a.IsLeader())

	// a resumes: its clock jumps past the renew deadline.
	fake.Step(700 * time.Millisecond)
	require.ErrorIs(t, ctxA.Err(), context.Canceled, "the term ends the moment the clock passes its deadline")
	require.False(t, a.IsLeader())
	require.ErrorIs(t, <-resA, leaderelection.ErrLeadershipLost)
	require.True(t, b.IsLeader())
}

// TestCandidatesTakeTurns runs three candidates; each leader steps down
// after a short term, and the lease's write history never shows two valid
// holders at once.
func TestCandidatesTakeTurns(t *testing.T) {
	t.Parallel()
	env := controllertest.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	history := controllertest.WatchLease(ctx, t, env.Client, "default", "turns")

	var mu sync.Mutex
	active := 0
	overlap := false
	terms := 0
	var wg sync.WaitGroup
	for i := range 3 {
		e, err := leaderelection.New(testConfig(env.Client, "turns", fmt.Sprint("c", i)))
		require.NoError(t, err)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				runCtx, stop := context.WithCancel(ctx)
				_ = e.Run(runCtx, func(lctx context.Context) error {
					mu.Lock()
					active++
					overlap = overlap || active > 1
					terms++
					mu.Unlock()
					time.Sleep(50 * time.Millisecond) // a short term of "work"
					mu.Lock()
					active--
					mu.Unlock()
					stop() // step down: Run releases the lease
					return nil
				})
				stop()
				mu.Lock()
				enough := terms >= 9
				mu.Unlock()
				if enough {
					return
				}
			}
		}()
	}
	wg.Wait()
	mu.Lock()
	require.False(t, overlap, "two leaders worked at once")
	mu.Unlock()
	mu.Lock()
	want := terms
	mu.Unlock()
	// The watch may lag: wait for every term and the release after the last.
	controllertest.Eventually(t, 10*time.Second, "the whole history", func() bool {
		recs := history()
		n, _ := controllertest.CheckLeaseExclusive(recs)
		return n >= want && recs[len(recs)-1].Holder == ""
	})
	n, err := controllertest.CheckLeaseExclusive(history())
	require.NoError(t, err)
	require.Equal(t, want, n)
}
