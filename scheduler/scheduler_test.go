package scheduler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
	"github.com/orcaproj/orca/scheduler/framework"
)

// testEnv runs a Scheduler with a fake clock and a recording binder.
type testEnv struct {
	t     *testing.T
	s     *Scheduler
	clock *fakeClock
	reg   *prometheus.Registry

	mu       sync.Mutex
	bound    map[string]string // pod name -> node
	binds    map[string]int    // pod name -> successful Bind calls
	failures []Failure
	bindErr  func(pod *apiobj.Pod, node string) error

	cancel context.CancelFunc
	done   chan error
}

func (e *testEnv) boundTo(pod string) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.bound[pod]
}

func (e *testEnv) numBound() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return len(e.bound)
}

func (e *testEnv) lastFailure(pod string) (Failure, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for i := len(e.failures) - 1; i >= 0; i-- {
		if e.failures[i].Pod.Name == pod {
			return e.failures[i], true
		}
	}
	return Failure{}, false
}

func (e *testEnv) numFailures(pod string) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	n := 0
	for _, f := range e.failures {
		if f.Pod.Name == pod {
			n++
		}
	}
	return n
}

func (e *testEnv) waitBound(pod, node string) {
	e.t.Helper()
	eventually(e.t, func() bool { return e.boundTo(pod) != "" }, "pod %s bound", pod)
	if node != "" {
		assert.Equal(e.t, node, e.boundTo(pod), "node of %s", pod)
	}
}

func (e *testEnv) waitFailures(pod string, n int) Failure {
	e.t.Helper()
	eventually(e.t, func() bool { return e.numFailures(pod) >= n }, "%d failures of %s", n, pod)
	f, _ := e.lastFailure(pod)
	return f
}

// requested returns the CPU the cache counts on node.
func (e *testEnv) requested(node string) int64 {
	e.s.cache.mu.RLock()
	defer e.s.cache.mu.RUnlock()
	if it := e.s.cache.nodes[node]; it != nil {
		return it.info.Requested.MilliCPU
	}
	return 0
}

func newEnv(t *testing.T, reg framework.Registry, plugins *framework.Plugins, tweak ...func(*Config)) *testEnv {
	t.Helper()
	e := &testEnv{t: t, clock: newFakeClock(), bound: map[string]string{}, binds: map[string]int{}, reg: prometheus.NewRegistry()}
	cfg := Config{
		Registry: reg,
		Profiles: []Profile{{Plugins: plugins}},
		Binder: framework.PodBinderFunc(func(_ context.Context, pod *apiobj.Pod, node string) error {
			e.mu.Lock()
			defer e.mu.Unlock()
			if e.bindErr != nil {
				if err := e.bindErr(pod, node); err != nil {
					return err
				}
			}
			e.bound[pod.Name] = node
			e.binds[pod.Name]++
			return nil
		}),
		FailureHandler: FailureHandlerFunc(func(_ context.Context, f Failure) {
			e.mu.Lock()
			e.failures = append(e.failures, f)
			e.mu.Unlock()
		}),
		Clock:             e.clock,
		MetricsRegisterer: e.reg,
		Parallelism:       4,
	}
	for _, f := range tweak {
		f(&cfg)
	}
	s, err := New(cfg)
	require.NoError(t, err)
	e.s = s
	return e
}

func (e *testEnv) start() {
	ctx, cancel := context.WithCancel(context.Background())
	e.cancel = cancel
	e.done = make(chan error, 1)
	go func() { e.done <- e.s.Run(ctx) }()
	e.t.Cleanup(e.stop)
}

func (e *testEnv) stop() {
	if e.cancel == nil {
		return
	}
	e.cancel()
	select {
	case err := <-e.done:
		assert.NoError(e.t, err)
	case <-time.After(20 * time.Second):
		e.t.Fatal("Run did not return")
	}
	e.cancel = nil
}

// flushBackoff moves the clock past any backoff and flushes.
func (e *testEnv) flushBackoff() {
	e.clock.Step(11 * time.Second)
	e.s.queue.flushBackoff()
}

func multi(names ...string) *framework.Plugins {
	p := &framework.Plugins{}
	for _, n := range names {
		p.MultiPoint.Enabled = append(p.MultiPoint.Enabled, framework.PluginRef{Name: n})
	}
	return p
}

// cpuFit is a minimal resource filter with a hint: it queues on node
// adds and on assigned pod deletions.
type cpuFit struct{}

func (cpuFit) Name() string { return "CPUFit" }

var insufficientCPU = framework.NewStatus(framework.Unschedulable, "Insufficient cpu")

func (cpuFit) Filter(_ context.Context, _ *framework.CycleState, pod *apiobj.Pod, n *framework.NodeInfo) *framework.Status {
	if n.Requested.MilliCPU+framework.PodRequests(pod, false).MilliCPU > n.Allocatable.MilliCPU {
		return insufficientCPU
	}
	return nil
}

func (cpuFit) EventsToRegister() ([]framework.ClusterEventWithHint, error) {
	return []framework.ClusterEventWithHint{
		{Event: framework.EventNodeAdd},
		{Event: framework.EventAssignedPodDelete},
	}, nil
}

// labelScore scores a node by its "score" label.
var labelScore = framework.ScoreFunc(func(_ context.Context, _ *framework.CycleState, _ *apiobj.Pod, n *framework.NodeInfo) (int64, *framework.Status) {
	v, _ := strconv.Atoi(n.Node().Labels["score"])
	return int64(v), nil
}).Named("LabelScore")

func baseRegistry() framework.Registry {
	return framework.Registry{
		"CPUFit":     framework.FactoryOf(cpuFit{}),
		"LabelScore": framework.FactoryOf(labelScore),
	}
}

func TestScheduleFilterAndScore(t *testing.T) {
	t.Parallel()
	reg := baseRegistry()
	reg["NoBad"] = framework.FactoryOf(framework.FilterFunc(func(_ context.Context, _ *framework.CycleState, _ *apiobj.Pod, n *framework.NodeInfo) *framework.Status {
		if n.Node().Labels["bad"] == "true" {
			return framework.NewStatus(framework.UnschedulableAndUnresolvable, "node(s) were bad")
		}
		return nil
	}).Named("NoBad"))
	e := newEnv(t, reg, multi("CPUFit", "NoBad", "LabelScore"))
	e.s.AddNode(makeNode("best-but-bad", "8", map[string]string{"score": "100", "bad": "true"}))
	e.s.AddNode(makeNode("good", "2", map[string]string{"score": "50"}))
	e.s.AddNode(makeNode("ok", "8", map[string]string{"score": "10"}))
	e.start()
	e.s.AddPod(makePod("a", "2", 0))
	e.waitBound("a", "good")
	// good is full now.
	e.s.AddPod(makePod("b", "1", 0))
	e.waitBound("b", "ok")
	e.s.AddPod(makePod("c", "8", 0))
	f := e.waitFailures("c", 1)
	assert.Equal(t, "0/3 nodes are available: 1 node(s) were bad, 2 Insufficient cpu.", f.Message)
	assert.Equal(t, apiobj.PodReasonUnschedulable, f.Reason)
	var fe *framework.FitError
	require.ErrorAs(t, f.Err, &fe)
	assert.Equal(t, map[string]struct{}{"CPUFit": {}, "NoBad": {}}, fe.Diagnosis.UnschedulablePlugins)
	assert.Equal(t, int64(2000), e.requested("good"))
	assert.Equal(t, int64(1000), e.requested("ok"))
}

func TestUnschedulablePodRetriedOnEvent(t *testing.T) {
	t.Parallel()
	e := newEnv(t, baseRegistry(), multi("CPUFit"))
	e.s.AddNode(makeNode("small", "1", nil))
	e.start()
	e.s.AddPod(makePod("big", "4", 0))
	e.waitFailures("big", 1)
	// An update to the node that CPUFit's hints ignore does not retry it.
	e.s.UpdateNode(makeNode("small", "1", map[string]string{"x": "y"}))
	// A new node does.
	e.s.AddNode(makeNode("large", "8", nil))
	eventually(t, func() bool {
		_, backoff, _ := e.s.queue.pendingPods()
		return len(backoff) == 1
	}, "pod moved to backoff")
	e.flushBackoff()
	e.waitBound("big", "large")
	assert.Equal(t, 1, e.numFailures("big"))
}

func TestNoNodes(t *testing.T) {
	t.Parallel()
	e := newEnv(t, baseRegistry(), multi("CPUFit"))
	e.start()
	e.s.AddPod(makePod("p", "1", 0))
	f := e.waitFailures("p", 1)
	assert.Equal(t, "no nodes available to schedule pods", f.Message)
	e.s.AddNode(makeNode("n", "2", nil))
	eventually(t, func() bool { _, b, _ := e.s.queue.pendingPods(); return len(b) == 1 }, "moved")
	e.flushBackoff()
	e.waitBound("p", "n")
}

// permitPlugin waits every pod and keeps its handle to allow or reject.
type permitPlugin struct {
	h       framework.Handle
	timeout time.Duration
	// unreserved counts Unreserve calls.
	unreserved atomic.Int32
}

func (p *permitPlugin) Name() string { return "Gate" }
func (p *permitPlugin) Permit(context.Context, *framework.CycleState, *apiobj.Pod, string) (*framework.Status, time.Duration) {
	return framework.NewStatus(framework.Wait), p.timeout
}

// EventsToRegister registers nothing: pods it rejects wait for the flush.
func (p *permitPlugin) EventsToRegister() ([]framework.ClusterEventWithHint, error) { return nil, nil }
func (p *permitPlugin) Reserve(context.Context, *framework.CycleState, *apiobj.Pod, string) *framework.Status {
	return nil
}
func (p *permitPlugin) Unreserve(context.Context, *framework.CycleState, *apiobj.Pod, string) {
	p.unreserved.Add(1)
}

func TestPermit(t *testing.T) {
	t.Parallel()
	gate := &permitPlugin{timeout: 10 * time.Second}
	reg := baseRegistry()
	reg["Gate"] = func(_ json.RawMessage, h framework.Handle) (framework.Plugin, error) {
		gate.h = h
		return gate, nil
	}
	e := newEnv(t, reg, multi("CPUFit", "Gate"))
	e.s.AddNode(makeNode("n", "4", nil))
	e.start()
	waiting := func(name string) framework.WaitingPod {
		var wp framework.WaitingPod
		eventually(t, func() bool { wp = gate.h.WaitingPods.Get("uid-" + name); return wp != nil }, "%s waiting", name)
		return wp
	}

	// Allow.
	e.s.AddPod(makePod("allowed", "1", 0))
	wp := waiting("allowed")
	assert.Equal(t, []string{"Gate"}, wp.PendingPlugins())
	assert.Equal(t, int64(1000), e.requested("n"), "a waiting pod holds its reservation")
	wp.Allow("Gate")
	e.waitBound("allowed", "n")

	// Reject: the reservation is undone and the pod requeued.
	e.s.AddPod(makePod("rejected", "1", 0))
	waiting("rejected").Reject("Gate", "not this time")
	f := e.waitFailures("rejected", 1)
	assert.Equal(t, "not this time", f.Message)
	assert.Equal(t, int32(1), gate.unreserved.Load())
	eventually(t, func() bool { return e.requested("n") == 1000 }, "reservation released")
	eventually(t, func() bool { _, _, u := e.s.queue.pendingPods(); return len(u) == 1 }, "requeued as unschedulable")

	// Timeout.
	e.s.AddPod(makePod("slow", "1", 0))
	waiting("slow")
	e.clock.Step(10 * time.Second)
	f = e.waitFailures("slow", 1)
	assert.Equal(t, "rejected due to timeout after waiting 10s at plugin Gate", f.Message)
	assert.Empty(t, e.boundTo("slow"))

	// Iterate sees waiting pods.
	e.s.AddPod(makePod("x", "1", 0))
	waiting("x")
	n := 0
	gate.h.WaitingPods.Iterate(func(framework.WaitingPod) { n++ })
	assert.Equal(t, 1, n)
	// Deleting a waiting pod rejects it and frees its reservation.
	e.s.DeletePod(makePod("x", "1", 0))
	eventually(t, func() bool { return e.requested("n") == 1000 }, "deleted pod's reservation released")

	// Without an adapter lister, plugins list the pods the scheduler was fed.
	pods, err := gate.h.Pods.ListPods("default", labels.Everything())
	require.NoError(t, err)
	nodeOf := map[string]string{}
	for _, p := range pods {
		nodeOf[p.Name] = p.Spec.NodeName
	}
	assert.Equal(t, map[string]string{"allowed": "n", "rejected": "", "slow": ""}, nodeOf)
}

func TestBindFailureRequeues(t *testing.T) {
	t.Parallel()
	reserve := &permitPlugin{}
	reg := baseRegistry()
	reg["R"] = framework.FactoryOf(reserveOnly{reserve})
	e := newEnv(t, reg, multi("CPUFit", "R"))
	var calls atomic.Int32
	e.bindErr = func(*apiobj.Pod, string) error {
		if calls.Add(1) == 1 {
			return errors.New("api unavailable")
		}
		return nil
	}
	e.s.AddNode(makeNode("n", "4", nil))
	e.start()
	e.s.AddPod(makePod("p", "1", 0))
	f := e.waitFailures("p", 1)
	assert.Equal(t, apiobj.PodReasonSchedulerError, f.Reason)
	assert.Contains(t, f.Message, "api unavailable")
	assert.Equal(t, int32(1), reserve.unreserved.Load())
	eventually(t, func() bool { _, b, _ := e.s.queue.pendingPods(); return len(b) == 1 }, "pod in backoff")
	assert.Equal(t, int64(0), e.requested("n"), "assumed pod forgotten")
	e.flushBackoff()
	e.waitBound("p", "n")
	eventually(t, func() bool { return e.requested("n") == 1000 }, "bound pod counted")
}

type reserveOnly struct{ p *permitPlugin }

func (r reserveOnly) Name() string { return "R" }
func (r reserveOnly) Reserve(ctx context.Context, s *framework.CycleState, p *apiobj.Pod, n string) *framework.Status {
	return r.p.Reserve(ctx, s, p, n)
}
func (r reserveOnly) Unreserve(ctx context.Context, s *framework.CycleState, p *apiobj.Pod, n string) {
	r.p.Unreserve(ctx, s, p, n)
}

func TestReserveRejection(t *testing.T) {
	t.Parallel()
	var unreserved []string
	var mu sync.Mutex
	mk := func(name string, fail bool) framework.Plugin {
		return reserveFuncs{name: name, fail: fail, un: func() { mu.Lock(); unreserved = append(unreserved, name); mu.Unlock() }}
	}
	reg := baseRegistry()
	reg["R1"] = framework.FactoryOf(mk("R1", false))
	reg["R2"] = framework.FactoryOf(mk("R2", true))
	e := newEnv(t, reg, &framework.Plugins{Reserve: framework.PluginSet{Enabled: []framework.PluginRef{{Name: "R1"}, {Name: "R2"}}}})
	e.s.AddNode(makeNode("n", "4", nil))
	e.start()
	e.s.AddPod(makePod("p", "1", 0))
	f := e.waitFailures("p", 1)
	assert.Equal(t, "no room in R2", f.Message)
	mu.Lock()
	assert.Equal(t, []string{"R2", "R1"}, unreserved, "Unreserve runs for all, in reverse")
	mu.Unlock()
	eventually(t, func() bool { _, _, u := e.s.queue.pendingPods(); return len(u) == 1 }, "unschedulable")
	_, _, u := e.s.queue.pendingPods()
	assert.Equal(t, map[string]struct{}{"R2": {}}, u[0].UnschedulablePlugins)
}

type reserveFuncs struct {
	name string
	fail bool
	un   func()
}

func (r reserveFuncs) Name() string { return r.name }
func (r reserveFuncs) Reserve(context.Context, *framework.CycleState, *apiobj.Pod, string) *framework.Status {
	if r.fail {
		return framework.NewStatus(framework.Unschedulable, "no room in "+r.name)
	}
	return nil
}
func (r reserveFuncs) Unreserve(context.Context, *framework.CycleState, *apiobj.Pod, string) { r.un() }

func TestNominatedPodsAreCounted(t *testing.T) {
	t.Parallel()
	reg := baseRegistry()
	reg["Gates"] = framework.FactoryOf(framework.PreEnqueueFunc(func(_ context.Context, p *apiobj.Pod) *framework.Status {
		if len(p.Spec.SchedulingGates) != 0 {
			return framework.NewStatus(framework.UnschedulableAndUnresolvable, "gated")
		}
		return nil
	}).Named("Gates"))
	e := newEnv(t, reg, multi("CPUFit", "Gates"))
	e.s.AddNode(makeNode("n1", "2", nil))
	e.s.AddNode(makeNode("n2", "2", nil))
	// A high-priority pod nominated to n1, held back by a gate so that it
	// stays nominated.
	nominated := makePod("nominated", "2", 100)
	nominated.Status.NominatedNodeName = "n1"
	nominated.Spec.SchedulingGates = []apiobj.PodSchedulingGate{{Name: "hold"}}
	e.s.AddPod(nominated)
	require.Len(t, e.s.nominator.NominatedPodsForNode("n1"), 1)
	e.start()
	// Lower-priority pods cannot use n1's room.
	e.s.AddPod(makePod("low1", "1", 1))
	e.waitBound("low1", "n2")
	e.s.AddPod(makePod("low2", "1", 1))
	e.waitBound("low2", "n2")
	e.s.AddPod(makePod("low3", "1", 1))
	f := e.waitFailures("low3", 1)
	assert.Equal(t, "0/2 nodes are available: 2 Insufficient cpu.", f.Message)
	// A higher-priority pod may.
	e.s.AddPod(makePod("high", "1", 1000))
	e.waitBound("high", "n1")
	// The nominated pod, once ungated, goes to its node first if it fits;
	// here it no longer does, so it is unschedulable.
	open := *nominated
	open.Spec.SchedulingGates = nil
	e.s.UpdatePod(&open)
	e.waitFailures("nominated", 1)
}

func TestPostFilterNominates(t *testing.T) {
	t.Parallel()
	var written sync.Map
	reg := baseRegistry()
	reg["Preempt"] = framework.FactoryOf(framework.PostFilterFunc(func(_ context.Context, _ *framework.CycleState, pod *apiobj.Pod, m framework.NodeToStatusReader) (*framework.PostFilterResult, *framework.Status) {
		if m.Get("n1").Code() != framework.Unschedulable {
			return nil, framework.NewStatus(framework.Unschedulable, "preemption: unexpected status")
		}
		return framework.NewPostFilterResultWithNominatedNode("n1"), framework.NewStatus(framework.Unschedulable, "preemption: victims evicted")
	}).Named("Preempt"))
	e := newEnv(t, reg, multi("CPUFit", "Preempt"), func(c *Config) {
		c.Nominations = nominationFunc(func(_ context.Context, p *apiobj.Pod, node string) error {
			written.Store(p.Name, node)
			return nil
		})
	})
	e.s.AddNode(makeNode("n1", "1", nil))
	e.start()
	e.s.AddPod(makePod("p", "2", 10))
	f := e.waitFailures("p", 1)
	assert.Equal(t, "0/1 nodes are available: 1 Insufficient cpu. preemption: victims evicted.", f.Message)
	assert.Equal(t, "n1", f.NominatedNodeName)
	pods := e.s.nominator.NominatedPodsForNode("n1")
	require.Len(t, pods, 1)
	assert.Equal(t, "p", pods[0].Pod.Name)
	v, _ := written.Load("p")
	assert.Equal(t, "n1", v)
}

type nominationFunc func(ctx context.Context, p *apiobj.Pod, node string) error

func (f nominationFunc) SetNominatedNodeName(ctx context.Context, p *apiobj.Pod, node string) error {
	return f(ctx, p, node)
}

func TestMultipleProfiles(t *testing.T) {
	t.Parallel()
	reg := baseRegistry()
	onlyLabel := func(v string) framework.Factory {
		return framework.FactoryOf(framework.FilterFunc(func(_ context.Context, _ *framework.CycleState, _ *apiobj.Pod, n *framework.NodeInfo) *framework.Status {
			if n.Node().Labels["pool"] != v {
				return framework.NewStatus(framework.UnschedulableAndUnresolvable, "wrong pool")
			}
			return nil
		}).Named("Only" + v))
	}
	reg["Onlyblue"] = onlyLabel("blue")
	reg["Onlygreen"] = onlyLabel("green")
	e := newEnv(t, reg, nil, func(c *Config) {
		c.Profiles = []Profile{
			{Plugins: multi("CPUFit", "Onlyblue")},
			{SchedulerName: "green-scheduler", Plugins: multi("CPUFit", "Onlygreen")},
		}
	})
	assert.Equal(t, []string{"default-scheduler", "green-scheduler"}, e.s.Profiles())
	e.s.AddNode(makeNode("blue", "4", map[string]string{"pool": "blue"}))
	e.s.AddNode(makeNode("green", "4", map[string]string{"pool": "green"}))
	e.start()
	b := makePod("b", "1", 0)
	g := makePod("g", "1", 0)
	g.Spec.SchedulerName = "green-scheduler"
	other := makePod("other", "1", 0)
	other.Spec.SchedulerName = "someone-else"
	e.s.AddPod(b)
	e.s.AddPod(g)
	e.s.AddPod(other)
	e.waitBound("b", "blue")
	e.waitBound("g", "green")
	a, bo, u := e.s.queue.pendingPods()
	assert.Empty(t, append(append(a, bo...), u...), "pods of other schedulers are not queued")
}

func TestWaitForBindConfirmation(t *testing.T) {
	t.Parallel()
	e := newEnv(t, baseRegistry(), multi("CPUFit"), func(c *Config) {
		c.WaitForBindConfirmation = true
		c.AssumedPodTTL = 30 * time.Second
	})
	e.s.AddNode(makeNode("n", "4", nil))
	e.start()
	p := makePod("confirmed", "1", 0)
	e.s.AddPod(p)
	e.waitBound("confirmed", "n")
	eventually(t, func() bool { return e.s.cache.isAssumed(p) }, "assumed")
	// The adapter reports the binding.
	bound := assigned(p, "n")
	bound.ResourceVersion = "2"
	e.s.UpdatePod(bound)
	assert.False(t, e.s.cache.isAssumed(p))

	// A binding that is never confirmed expires and the pod is retried.
	q := makePod("lost", "1", 0)
	e.s.AddPod(q)
	e.waitBound("lost", "n")
	eventually(t, func() bool {
		e.s.queue.mu.Lock()
		defer e.s.queue.mu.Unlock()
		return len(e.s.queue.inFlight) == 0
	}, "binding cycle over")
	assert.True(t, e.s.cache.isAssumed(q))
	assert.Equal(t, int64(2000), e.requested("n"))
	e.clock.Step(29 * time.Second)
	e.s.cleanupAssumed()
	assert.True(t, e.s.cache.isAssumed(q), "not yet expired")
	e.clock.Step(2 * time.Second)
	e.s.cleanupAssumed()
	eventually(t, func() bool {
		e.mu.Lock()
		defer e.mu.Unlock()
		return e.binds["lost"] == 2
	}, "expired pod scheduled and bound again")
	eventually(t, func() bool { return e.requested("n") == 2000 }, "counted once")
}

func TestDeleteAndUpdateBoundPods(t *testing.T) {
	t.Parallel()
	e := newEnv(t, baseRegistry(), multi("CPUFit"))
	e.s.AddNode(makeNode("n", "2", nil))
	// A pod that is already placed counts on its node.
	placed := assigned(makePod("placed", "2", 0), "n")
	e.s.AddPod(placed)
	e.start()
	e.s.AddPod(makePod("waiting", "1", 0))
	e.waitFailures("waiting", 1)
	// Deleting the placed pod makes room (CPUFit's hint queues the pod).
	e.s.DeletePod(placed)
	eventually(t, func() bool { _, b, _ := e.s.queue.pendingPods(); return len(b) == 1 }, "moved")
	e.flushBackoff()
	e.waitBound("waiting", "n")
	// A bound pod scaled down in place frees room.
	e.s.AddPod(makePod("third", "2", 0))
	e.waitFailures("third", 1)
	assert.Equal(t, int64(1000), e.requested("n"))
	e.s.RemoveNode(makeNode("n", "2", nil))
	e.s.AddNode(makeNode("n", "3", nil))
	eventually(t, func() bool { _, b, _ := e.s.queue.pendingPods(); return len(b) == 1 }, "moved by node add")
	e.flushBackoff()
	e.waitBound("third", "n")
}

func TestMetrics(t *testing.T) {
	t.Parallel()
	e := newEnv(t, baseRegistry(), multi("CPUFit"))
	e.s.AddNode(makeNode("n", "1", nil))
	e.start()
	e.s.AddPod(makePod("ok", "1", 0))
	e.s.AddPod(makePod("no", "1", 0))
	e.waitBound("ok", "n")
	e.waitFailures("no", 1)
	eventually(t, func() bool {
		mfs, err := e.reg.Gather()
		require.NoError(t, err)
		got := map[string]float64{}
		for _, mf := range mfs {
			for _, m := range mf.GetMetric() {
				var lbl []string
				for _, l := range m.GetLabel() {
					lbl = append(lbl, l.GetName()+"="+l.GetValue())
				}
				key := mf.GetName() + "{" + strings.Join(lbl, ",") + "}"
				switch {
				case m.Counter != nil:
					got[key] = m.Counter.GetValue()
				case m.Gauge != nil:
					got[key] = m.Gauge.GetValue()
				case m.Histogram != nil:
					got[key] = float64(m.Histogram.GetSampleCount())
				}
			}
		}
		return got["scheduler_schedule_attempts_total{profile=default-scheduler,result=scheduled}"] == 1 &&
			got["scheduler_schedule_attempts_total{profile=default-scheduler,result=unschedulable}"] == 1 &&
			got["scheduler_pending_pods{queue=unschedulable}"] == 1 &&
			got["scheduler_scheduling_attempt_duration_seconds{profile=default-scheduler,result=scheduled}"] == 1 &&
			got["scheduler_queue_incoming_pods_total{event=PodAdd,queue=active}"] == 2 &&
			got["scheduler_framework_extension_point_duration_seconds{extension_point=Filter,profile=default-scheduler,status=Success}"] >= 1
	}, "metrics recorded")
	// A second scheduler cannot share the registry.
	_, err := New(Config{Registry: baseRegistry(), Binder: framework.PodBinderFunc(nil), MetricsRegisterer: e.reg})
	assert.Error(t, err)
}

func TestNewErrors(t *testing.T) {
	t.Parallel()
	binder := framework.PodBinderFunc(func(context.Context, *apiobj.Pod, string) error { return nil })
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"no registry", Config{Binder: binder}, "registry is required"},
		{"unknown plugin", Config{Registry: baseRegistry(), Binder: binder, Profiles: []Profile{{Plugins: multi("Nope")}}}, `plugin "Nope" is not registered`},
		{"no binder", Config{Registry: baseRegistry()}, "no Bind plugin and no Binder"},
		{"wrong point", Config{Registry: baseRegistry(), Binder: binder, Profiles: []Profile{{Plugins: &framework.Plugins{
			Score: framework.PluginSet{Enabled: []framework.PluginRef{{Name: "CPUFit"}}}}}}}, `plugin "CPUFit" does not extend Score`},
		{"duplicate profile", Config{Registry: baseRegistry(), Binder: binder, Profiles: []Profile{{}, {SchedulerName: "default-scheduler"}}}, "duplicate schedulerName"},
		{"args for disabled plugin", Config{Registry: baseRegistry(), Binder: binder, Profiles: []Profile{{
			PluginConfig: []framework.PluginConfig{{Name: "CPUFit"}}}}}, `pluginConfig for "CPUFit", which is not enabled`},
		{"bad percentage", Config{Registry: baseRegistry(), Binder: binder, PercentageOfNodesToScore: 101}, "percentageOfNodesToScore"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := New(tt.cfg)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestNumFeasibleNodesToFind(t *testing.T) {
	t.Parallel()
	s := &Scheduler{}
	prof := &profile{}
	for _, tt := range []struct{ nodes, want int }{
		{10, 10}, {99, 99}, {100, 100}, {1000, 420}, {5000, 500}, {6000, 300}, {20000, 1000},
	} {
		assert.Equal(t, tt.want, s.numFeasibleNodesToFind(prof, tt.nodes), "%d nodes", tt.nodes)
	}
	pct := int32(100)
	prof.percentage = &pct
	assert.Equal(t, 5000, s.numFeasibleNodesToFind(prof, 5000))
	pct = 1
	assert.Equal(t, 100, s.numFeasibleNodesToFind(prof, 5000))
}

func TestSelectHostSpreadsTies(t *testing.T) {
	t.Parallel()
	e := newEnv(t, baseRegistry(), multi("CPUFit", "LabelScore"))
	for i := 0; i < 4; i++ {
		e.s.AddNode(makeNode(fmt.Sprintf("n%d", i), "100", map[string]string{"score": "5"}))
	}
	e.start()
	for i := 0; i < 60; i++ {
		e.s.AddPod(makePod(fmt.Sprintf("p%d", i), "1", 0))
	}
	eventually(t, func() bool { return e.numBound() == 60 }, "all bound")
	used := map[string]bool{}
	e.mu.Lock()
	for _, n := range e.bound {
		used[n] = true
	}
	e.mu.Unlock()
	assert.Greater(t, len(used), 1, "ties are broken at random")
}
