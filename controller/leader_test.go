package controller_test

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller"
	"github.com/orcaproj/orca/controller/clock"
	"github.com/orcaproj/orca/controller/clock/clocktest"
	"github.com/orcaproj/orca/controller/controllertest"
	"github.com/orcaproj/orca/controller/leaderelection"
)

// Short lease timings for tests: lease 1 s, renew deadline 0.6 s, retry 0.1 s.
const (
	leaseDuration = time.Second
	renewDeadline = 600 * time.Millisecond
	retryPeriod   = 100 * time.Millisecond
)

func electionConfig(lease, id string) *leaderelection.Config {
	return &leaderelection.Config{Namespace: "default", Name: lease, Identity: id,
		LeaseDuration: leaseDuration, RenewDeadline: renewDeadline, RetryPeriod: retryPeriod}
}

// work records which manager did leader-only work, and whether two ever
// did at once.
type work struct {
	mu      sync.Mutex
	active  map[string]bool
	overlap bool
	done    []string // "id request" per reconcile
}

func (w *work) enter(id string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.active == nil {
		w.active = map[string]bool{}
	}
	if len(w.active) > 0 {
		w.overlap = true
	}
	w.active[id] = true
}

func (w *work) leave(id string) {
	w.mu.Lock()
	delete(w.active, id)
	w.mu.Unlock()
}

func (w *work) did(id string, r controller.Request) {
	w.mu.Lock()
	w.done = append(w.done, id+" "+r.Name)
	w.mu.Unlock()
}

func (w *work) has(entry string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, d := range w.done {
		if d == entry {
			return true
		}
	}
	return false
}

func (w *work) by(id string) []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []string
	for _, d := range w.done {
		if len(d) > len(id) && d[:len(id)+1] == id+" " {
			out = append(out, d[len(id)+1:])
		}
	}
	return out
}

type member struct {
	id     string
	mgr    *controller.Manager
	cancel context.CancelFunc
	done   chan error // Run's result, once

	once   sync.Once
	result error
}

// wait returns Run's result once it has returned.
func (m *member) wait() error {
	m.once.Do(func() { m.result = <-m.done })
	return m.result
}

// waitFor is wait with a deadline.
func (m *member) waitFor(t *testing.T) error {
	t.Helper()
	res := make(chan error, 1)
	go func() { res <- m.wait() }()
	select {
	case err := <-res:
		return err
	case <-time.After(wait):
		t.Fatalf("manager %s did not stop", m.id)
		return nil
	}
}

// startMember runs a manager that competes for lease, with a leader-only
// runnable and a ConfigMap controller that both record into w.
func startMember(t *testing.T, env *controllertest.Env, lease, id string, c clock.Clock, w *work,
	r controller.Reconciler) *member {
	t.Helper()
	mgr, err := controller.NewManager(controller.ManagerConfig{
		Client: env.Client, Registry: prometheus.NewRegistry(), Clock: c, LeaderElection: electionConfig(lease, id),
	})
	require.NoError(t, err)
	require.Equal(t, id, mgr.Identity())
	require.NoError(t, mgr.Add(controller.RunnableFunc(func(ctx context.Context) error {
		w.enter(id)
		<-ctx.Done()
		w.leave(id)
		return nil
	})))
	if r == nil {
		r = controller.ReconcilerFunc(func(ctx context.Context, req controller.Request) (controller.Result, error) {
			if ctx.Err() == nil {
				w.did(id, req)
			}
			return controller.Result{}, nil
		})
	}
	require.NoError(t, controller.NewBuilder(mgr).For(controller.Kind[*apiobj.ConfigMap]()).Complete(r))
	ctx, cancel := context.WithCancel(context.Background())
	m := &member{id: id, mgr: mgr, cancel: cancel, done: make(chan error, 1)}
	go func() { m.done <- mgr.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		_ = m.wait()
	})
	return m
}

// nextLeader waits for one of ms to be elected and returns it.
func nextLeader(t *testing.T, ms []*member) *member {
	t.Helper()
	cases := []reflect.SelectCase{{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(time.After(wait))}}
	for _, m := range ms {
		cases = append(cases, reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(m.mgr.Elected())})
	}
	i, _, _ := reflect.Select(cases)
	if i == 0 {
		t.Fatal("no manager was elected")
	}
	return ms[i-1]
}

func without(ms []*member, x *member) []*member {
	var out []*member
	for _, m := range ms {
		if m != x {
			out = append(out, m)
		}
	}
	return out
}

// TestLeaderElectionThreeManagers runs three managers for one lease. Each
// time the leader's context is cancelled, another takes over within the
// lease duration plus the retry period; leader-only work never overlaps,
// and the lease's write history never has two valid holders.
func TestLeaderElectionThreeManagers(t *testing.T) {
	t.Parallel()
	env := controllertest.Start(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	history := controllertest.WatchLease(ctx, t, env.Client, "default", "three")
	var w work
	var ms []*member
	for i := range 3 {
		ms = append(ms, startMember(t, env, "three", fmt.Sprint("m", i), nil, &w, nil))
	}
	cms := client.For[*apiobj.ConfigMap](env.Client).Namespace("default")

	candidates := ms
	leader := nextLeader(t, candidates)
	for round := range 3 {
		name := fmt.Sprint("round-", round)
		_, err := cms.Create(ctx, cm(name, nil))
		require.NoError(t, err)
		controllertest.Eventually(t, wait, "the leader to reconcile "+name, func() bool { return w.has(leader.id + " " + name) })
		for _, m := range ms {
			if m != leader {
				require.False(t, w.has(m.id+" "+name), "only the leader reconciles")
			}
		}
		if round == 2 {
			break
		}
		stopped := time.Now()
		leader.cancel()
		candidates = without(candidates, leader)
		next := nextLeader(t, candidates)
		took := time.Since(stopped)
		t.Logf("round %d: %s took over from %s in %v", round, next.id, leader.id, took)
		require.LessOrEqual(t, took, leaseDuration+retryPeriod, "takeover took %v", took)
		require.NoError(t, leader.waitFor(t), "a cancelled leader stops cleanly")
		leader = next
	}
	leader.cancel()
	require.NoError(t, leader.waitFor(t))
	w.mu.Lock()
	require.False(t, w.overlap, "leader-only work of two managers overlapped")
	w.mu.Unlock()
	// The watch may lag: wait for the third term and the release after it.
	controllertest.Eventually(t, wait, "three terms and the last release in the lease history", func() bool {
		recs := history()
		terms, _ := controllertest.CheckLeaseExclusive(recs)
		return terms >= 3 && recs[len(recs)-1].Holder == ""
	})
	terms, err := controllertest.CheckLeaseExclusive(history())
	require.NoError(t, err)
	require.Equal(t, 3, terms)
}

// TestPausedLeaderDoesNoWork pauses a leader (its clock stands still and
// its worker is stuck in a reconcile) until another manager has taken the
// lease over. When it resumes, with its clock past the renew deadline, it
// does no more work: neither the stuck reconcile nor the requests queued
// meanwhile, and its manager stops with ErrLeadershipLost.
func TestPausedLeaderDoesNoWork(t *testing.T) {
	t.Parallel()
	env := controllertest.Start(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	history := controllertest.WatchLease(ctx, t, env.Client, "default", "paused")
	var w work
	fake := clocktest.NewFake(time.Now())
	entered, gate := make(chan struct{}), make(chan struct{})
	pausable := controller.ReconcilerFunc(func(ctx context.Context, req controller.Request) (controller.Result, error) {
		if req.Name == "stuck" {
			close(entered)
			<-gate // the process is paused here
		}
		if err := ctx.Err(); err != nil {
			return controller.Result{}, err // leadership is over: do nothing
		}
		w.did("a", req)
		return controller.Result{}, nil
	})
	a := startMember(t, env, "paused", "a", fake, &w, pausable)
	nextLeader(t, []*member{a})
	cms := client.For[*apiobj.ConfigMap](env.Client).Namespace("default")
	_, err := cms.Create(ctx, cm("before", nil))
	require.NoError(t, err)
	controllertest.Eventually(t, wait, "a to work while it leads", func() bool { return w.has("a before") })
	_, err = cms.Create(ctx, cm("stuck", nil))
	require.NoError(t, err)
	<-entered

	// a is paused: its clock stands still, so it renews nothing, and b
	// takes over once the lease has not changed for a lease duration.
	b := startMember(t, env, "paused", "b", nil, &w, nil)
	nextLeader(t, []*member{b})
	_, err = cms.Create(ctx, cm("during", nil))
	require.NoError(t, err)
	controllertest.Eventually(t, wait, "b to work", func() bool { return w.has("b during") })

	// a resumes: its clock jumps past its renew deadline, then its stuck
	// reconcile continues.
	fake.Step(2 * leaseDuration)
	close(gate)
	require.ErrorIs(t, a.waitFor(t), controller.ErrLeadershipLost)
	require.Equal(t, []string{"before"}, w.by("a"), "a did no work after it lost the lease")
	controllertest.Eventually(t, wait, "b to reconcile what a left", func() bool { return w.has("b stuck") })

	controllertest.Eventually(t, wait, "b's term in the lease history", func() bool {
		terms, _ := controllertest.CheckLeaseExclusive(history())
		return terms >= 2
	})
	recs := history()
	terms, err := controllertest.CheckLeaseExclusive(recs)
	require.NoError(t, err)
	require.Equal(t, 2, terms)
	for _, r := range recs[1:] {
		require.NotEqual(t, "a", r.Holder, "a never wrote the lease after it paused")
	}
}
