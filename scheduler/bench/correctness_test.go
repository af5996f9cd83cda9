package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/resource"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/scheduler"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins"
	"github.com/orcaproj/orca/scheduler/plugins/coscheduling"
	"github.com/orcaproj/orca/scheduler/plugins/nodeaffinity"
	"github.com/orcaproj/orca/store"
)

// ---- store history ----

// history follows every write to pods in the store, from before the first
// pod exists, and checks two invariants at every revision: a pod's
// spec.nodeName is set at most once, and no node holds more requests than
// it has allocatable.
type history struct {
	mu         sync.Mutex
	nodes      map[string]*apiobj.Node
	uidOf      map[string]apiobj.UID // store key -> pod
	nodeOf     map[apiobj.UID]string // pod -> node, once bound
	bindRev    map[string]int64      // pod name -> revision of its binding
	onNode     map[string]map[apiobj.UID]*apiobj.Pod
	violations []string
	rev        int64 // last revision seen
}

// watchHistory starts following pods in st; nodes are added with addNode.
func watchHistory(t *testing.T, ctx context.Context, st store.Interface) *history {
	t.Helper()
	w, err := st.Watch(ctx, "/registry/core/pods/", store.WatchOptions{Prefix: true, PrevValue: true})
	require.NoError(t, err)
	h := &history{
		nodes: map[string]*apiobj.Node{}, uidOf: map[string]apiobj.UID{}, nodeOf: map[apiobj.UID]string{},
		bindRev: map[string]int64{}, onNode: map[string]map[apiobj.UID]*apiobj.Pod{},
	}
	done := make(chan struct{})
	t.Cleanup(func() { <-done })
	go func() {
		defer close(done)
		for ev := range w.Events() {
			h.apply(ctx, ev)
		}
	}()
	return h
}

func (h *history) addNode(n *apiobj.Node) {
	h.mu.Lock()
	h.nodes[n.Name] = n
	h.mu.Unlock()
}

func (h *history) fail(format string, args ...any) {
	if len(h.violations) < maxViolations {
		h.violations = append(h.violations, fmt.Sprintf(format, args...))
	}
}

func (h *history) apply(ctx context.Context, ev store.Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.rev = max(h.rev, ev.Revision)
	switch ev.Type {
	case store.Error:
		if ctx.Err() == nil {
			h.fail("history watch ended: %v", ev.Err)
		}
		return
	case store.Deleted:
		uid := h.uidOf[ev.Key]
		delete(h.uidOf, ev.Key)
		if node, ok := h.nodeOf[uid]; ok {
			delete(h.onNode[node], uid)
		}
		return
	case store.Added, store.Modified:
	default:
		return
	}
	var p apiobj.Pod
	if err := json.Unmarshal(ev.Value, &p); err != nil {
		h.fail("decoding %s at revision %d: %v", ev.Key, ev.Revision, err)
		return
	}
	h.uidOf[ev.Key] = p.UID
	prev, bound := h.nodeOf[p.UID]
	switch {
	case bound && p.Spec.NodeName != prev:
		h.fail("pod %s: spec.nodeName %q changed to %q at revision %d", p.Name, prev, p.Spec.NodeName, ev.Revision)
		return
	case bound || p.Spec.NodeName == "":
		if bound {
			h.onNode[prev][p.UID] = &p
		}
		return
	}
	h.nodeOf[p.UID] = p.Spec.NodeName
	h.bindRev[p.Name] = ev.Revision
	if h.onNode[p.Spec.NodeName] == nil {
		h.onNode[p.Spec.NodeName] = map[apiobj.UID]*apiobj.Pod{}
	}
	h.onNode[p.Spec.NodeName][p.UID] = &p
	h.checkNode(p.Spec.NodeName, ev.Revision)
}

// checkNode compares a node's requests with its allocatable.
func (h *history) checkNode(name string, rev int64) {
	n := h.nodes[name]
	if n == nil {
		h.fail("pod bound to unknown node %s at revision %d", name, rev)
		return
	}
	used := map[apiobj.ResourceName]int64{}
	for _, p := range h.onNode[name] {
		for r, v := range requests(p) {
			used[r] += v
		}
	}
	for r, v := range used {
		q := n.Status.Allocatable[r]
		limit := q.Value()
		if r == apiobj.ResourceCPU {
			limit = q.MilliValue()
		}
		if v > limit {
			h.fail("node %s over allocatable %s at revision %d: %d > %d", name, r, rev, v, limit)
		}
	}
	if q := n.Status.Allocatable[apiobj.ResourcePods]; int64(len(h.onNode[name])) > q.Value() {
		h.fail("node %s holds %d pods at revision %d", name, len(h.onNode[name]), rev)
	}
}

func (h *history) boundCount() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.nodeOf)
}

func (h *history) bindingOf(pod string) (int64, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	r, ok := h.bindRev[pod]
	return r, ok
}

func (h *history) check(t *testing.T) {
	t.Helper()
	h.mu.Lock()
	defer h.mu.Unlock()
	require.Empty(t, h.violations, "store history")
}

// ---- helpers ----

// eventually polls cond until it holds; on timeout it dumps goroutines
// and fails.
func eventually(t *testing.T, ctx context.Context, what string, cond func() bool) {
	t.Helper()
	tick := time.NewTicker(pollInterval)
	defer tick.Stop()
	for !cond() {
		select {
		case <-ctx.Done():
			buf := make([]byte, 1<<20)
			fmt.Fprintf(os.Stderr, "%s\n", buf[:runtime.Stack(buf, true)])
			t.Fatalf("timed out waiting for %s", what)
		case <-tick.C:
		}
	}
}

func testNode(name, cpu string, labels map[string]string) *apiobj.Node {
	n := defaultNode(nil)(0)
	n.Name = name
	n.Labels = map[string]string{apiobj.LabelHostname: name}
	for k, v := range labels {
		n.Labels[k] = v
	}
	n.Status.Capacity = n.Status.Capacity.DeepCopy()
	n.Status.Capacity[apiobj.ResourceCPU] = resource.MustParse(cpu)
	n.Status.Allocatable = n.Status.Capacity
	return n
}

func testPod(ns, name, cpu string, prio int32) *apiobj.Pod {
	p := podWith(cpu, prio)
	p.Namespace, p.Name = ns, name
	return p
}

func createNS(t *testing.T, ctx context.Context, c *client.Client, name string) {
	t.Helper()
	n := &apiobj.Namespace{}
	n.Name = name
	_, err := client.For[*apiobj.Namespace](c).Create(ctx, n)
	require.NoError(t, err)
}

func create[T apiobj.Object](t *testing.T, ctx context.Context, c *client.Client, obj T) T {
	t.Helper()
	out, err := client.For[T](c).Namespace(obj.GetNamespace()).Create(ctx, obj)
	require.NoError(t, err)
	return out
}

// runCluster runs a ForCluster scheduler with the default plugins until
// the returned stop is called (and at the end of the test).
func runCluster(t *testing.T, c *client.Client, cfg scheduler.ClusterConfig) (stop func()) {
	t.Helper()
	cfg.Registry = DefaultRegistry
	cfg.Config.DefaultPlugins = plugins.DefaultPlugins()
	cl, err := scheduler.ForCluster(c, cfg)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- cl.Run(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			require.NoError(t, <-done)
		})
	}
	t.Cleanup(stop)
	return stop
}

// inFlight is the API server as one scheduler instance reaches it. When
// the instance is stopped, fence waits for the requests the server is
// still executing and refuses those that arrive later (the in-process
// transport may start serving a request after its caller gave up), as a
// lease that outlasts a dead leader's requests would.
type inFlight struct {
	h      http.Handler
	mu     sync.Mutex
	fenced bool
	wg     sync.WaitGroup
}

func (f *inFlight) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	if f.fenced {
		f.mu.Unlock()
		http.Error(w, "fenced", http.StatusServiceUnavailable)
		return
	}
	f.wg.Add(1)
	f.mu.Unlock()
	defer f.wg.Done()
	f.h.ServeHTTP(w, r)
}

func (f *inFlight) fence() {
	f.mu.Lock()
	f.fenced = true
	f.mu.Unlock()
	f.wg.Wait()
}

// ---- crash safety ----

// TestCrashSafety runs two schedulers that race for the same pods and
// restarts each of them several times at random moments, while a third
// of the bindings wait longer than the assumed-pod TTL before they are
// sent and another third return that much later after they were applied.
// The store's history must show every pod bound at most once and no node
// ever over its allocatable resources.
//
// The two schedulers serve the same pods (same schedulerName) but are
// given disjoint node pools through NodeAffinity's addedAffinity, the way
// an operator runs two scheduler instances without a shared lease: each
// node's accounting belongs to one of them, so neither can overcommit a
// node the other fills, and every pod is raced for by both. A restart
// waits for the old instance's requests to finish before the new one
// starts, as a lease's expiry outlasts a dead leader's requests.
func TestCrashSafety(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Second)
	defer cancel()
	cp, err := newControlPlane(ctx, 100000)
	require.NoError(t, err)
	t.Cleanup(cp.close)
	hist := watchHistory(t, ctx, cp.store)
	const ns, ttl = "crash", 300 * time.Millisecond
	createNS(t, ctx, cp.admin, ns)

	// Two pools of 3 nodes with room for 4 pods each: 24 slots.
	for _, pool := range []string{"a", "b"} {
		for i := range 3 {
			n := testNode(fmt.Sprintf("%s-%d", pool, i), "2", map[string]string{"pool": pool})
			hist.addNode(n)
			create(t, ctx, cp.admin, n)
		}
	}
	const numPods = 24
	var all []*apiobj.Pod
	for i := range numPods {
		all = append(all, testPod(ns, fmt.Sprintf("p-%d", i), "500m", 0))
	}
	// Half the pods exist before the schedulers start, half arrive later.
	require.NoError(t, createAll(ctx, client.For[*apiobj.Pod](cp.admin), all[:numPods/2], 4))

	var conflicts, interrupted, slowBinds atomic.Int64
	slow := func(inner framework.PodBinder) framework.PodBinder {
		bind := func(ctx context.Context, pod *apiobj.Pod, node string) error {
			err := inner.Bind(ctx, pod, node)
			if errors.Is(err, errdefs.ErrConflict) {
				conflicts.Add(1)
			}
			return err
		}
		return framework.PodBinderFunc(func(ctx context.Context, pod *apiobj.Pod, node string) error {
			i, _ := strconv.Atoi(strings.TrimPrefix(pod.Name, "p-"))
			wait := func() error {
				slowBinds.Add(1)
				select {
				case <-time.After(2 * ttl):
					return nil
				case <-ctx.Done():
					interrupted.Add(1)
					return ctx.Err()
				}
			}
			switch i % 3 {
			case 0: // slow to send
				if err := wait(); err != nil {
					return err
				}
				return bind(ctx, pod, node)
			case 1: // slow to answer
				if err := bind(ctx, pod, node); err != nil {
					return err
				}
				return wait()
			}
			return bind(ctx, pod, node)
		})
	}
	instance := func(pool string) (stop func()) {
		h := &inFlight{h: cp.server}
		c := newClient(h, "scheduler-"+pool)
		args := fmt.Sprintf(`{"addedAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"pool","operator":"In","values":[%q]}]}]}}}`, pool)
		stopRun := runCluster(t, c, scheduler.ClusterConfig{
			Identity: "scheduler-" + pool,
			Config: scheduler.Config{
				AssumedPodTTL:     ttl,
				PodInitialBackoff: 10 * time.Millisecond, PodMaxBackoff: 100 * time.Millisecond,
				Binder: slow(scheduler.NewBinder(c)),
				Profiles: []scheduler.Profile{{PluginConfig: []framework.PluginConfig{
					{Name: nodeaffinity.Name, Args: json.RawMessage(args)},
				}}},
			},
		})
		return func() {
			stopRun()
			h.fence()
		}
	}

	const restarts = 6
	var wg sync.WaitGroup
	for _, pool := range []string{"a", "b"} {
		seed := uint64(len(pool)) + uint64(time.Now().UnixNano())
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(seed, 7))
			for range restarts {
				stop := instance(pool)
				// Fault injection, not a wait for behaviour: the instance
				// dies at a random moment, mid-binding or not.
				select {
				case <-time.After(time.Duration(20+rng.IntN(400)) * time.Millisecond):
				case <-ctx.Done():
				}
				stop()
			}
			stop := instance(pool)
			defer stop()
			eventually(t, ctx, "every pod bound", func() bool { return hist.boundCount() == numPods })
		}()
	}
	require.NoError(t, createAll(ctx, client.For[*apiobj.Pod](cp.admin), all[numPods/2:], 4))
	wg.Wait()

	t.Logf("%d bindings lost to the other scheduler (409), %d slow bindings, %d of them interrupted by a restart",
		conflicts.Load(), slowBinds.Load(), interrupted.Load())
	require.NotZero(t, interrupted.Load(), "no restart hit a binding in flight")
	hist.check(t)
	pods, _, err := client.For[*apiobj.Pod](cp.admin).Namespace(ns).List(ctx, client.ListOptions{})
	require.NoError(t, err)
	nodes, _, err := client.For[*apiobj.Node](cp.admin).List(ctx, client.ListOptions{})
	require.NoError(t, err)
	require.Empty(t, Validate(nodes, pods, nil))
	perPool := map[string]int{}
	for _, p := range pods {
		perPool[p.Spec.NodeName[:1]]++
	}
	require.Equal(t, map[string]int{"a": 12, "b": 12}, perPool)
}

// ---- preemption race ----

// TestPreemptionRace: while a preemptor is nominated and its victims
// terminate, lower-priority pods that arrive do not take the room freed
// for it.
func TestPreemptionRace(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	defer cancel()
	cp, err := newControlPlane(ctx, 100000)
	require.NoError(t, err)
	t.Cleanup(cp.close)
	hist := watchHistory(t, ctx, cp.store)
	const ns = "race"
	createNS(t, ctx, cp.admin, ns)
	n := testNode("n1", "4", nil)
	hist.addNode(n)
	create(t, ctx, cp.admin, n)
	runCluster(t, newClient(cp.server, "scheduler"), scheduler.ClusterConfig{
		Config: scheduler.Config{PodInitialBackoff: 10 * time.Millisecond, PodMaxBackoff: 50 * time.Millisecond},
	})
	pods := client.For[*apiobj.Pod](cp.admin).Namespace(ns)

	// Four victims fill the node; they terminate slowly (no node agent).
	for i := range 4 {
		v := testPod(ns, fmt.Sprintf("low-%d", i), "1", 1)
		v.Spec.TerminationGracePeriodSeconds = apiobj.Int64(30)
		create(t, ctx, cp.admin, v)
	}
	eventually(t, ctx, "the victims bound", func() bool { return hist.boundCount() == 4 })

	create(t, ctx, cp.admin, testPod(ns, "high", "3", 100))
	eventually(t, ctx, "high nominated", func() bool {
		p, err := pods.Get(ctx, "high")
		return err == nil && p.Status.NominatedNodeName == "n1"
	})
	list, _, err := pods.List(ctx, client.ListOptions{})
	require.NoError(t, err)
	var terminating []string
	for _, p := range list {
		if p.DeletionTimestamp != nil {
			terminating = append(terminating, p.Name)
		}
	}
	require.Len(t, terminating, 3, "three victims terminating")

	// Lower-priority pods that may not preempt arrive and are tried.
	never := apiobj.PreemptNever
	for i := range 4 {
		p := testPod(ns, fmt.Sprintf("sneaky-%d", i), "1", 50)
		p.Spec.PreemptionPolicy = &never
		create(t, ctx, cp.admin, p)
	}
	eventually(t, ctx, "the sneaky pods found unschedulable", func() bool {
		for i := range 4 {
			p, err := pods.Get(ctx, fmt.Sprintf("sneaky-%d", i))
			if err != nil || !hasCondition(p, apiobj.PodScheduled, apiobj.ConditionFalse) {
				return false
			}
		}
		return true
	})

	// The node agent finishes the victims one by one.
	for _, name := range terminating {
		require.NoError(t, pods.Delete(ctx, name, client.DeleteOptions{GracePeriodSeconds: apiobj.Int64(0)}))
	}
	eventually(t, ctx, "high bound", func() bool { _, ok := hist.bindingOf("high"); return ok })
	for i := range 4 {
		_, ok := hist.bindingOf(fmt.Sprintf("sneaky-%d", i))
		require.False(t, ok, "sneaky-%d took the preemptor's room", i)
	}
	hist.check(t)
}

func hasCondition(p *apiobj.Pod, typ apiobj.PodConditionType, status apiobj.ConditionStatus) bool {
	for _, c := range p.Status.Conditions {
		if c.Type == typ && c.Status == status {
			return true
		}
	}
	return false
}

// ---- gang ----

// TestGang: a gang of 10 with room for 9 binds none; once a node adds the
// room, all 10 bind.
func TestGang(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	defer cancel()
	cp, err := newControlPlane(ctx, 100000)
	require.NoError(t, err)
	t.Cleanup(cp.close)
	hist := watchHistory(t, ctx, cp.store)
	const ns = "gang"
	createNS(t, ctx, cp.admin, ns)
	for name, cpu := range map[string]string{"n1": "5", "n2": "4"} {
		n := testNode(name, cpu, nil)
		hist.addNode(n)
		create(t, ctx, cp.admin, n)
	}
	runCluster(t, newClient(cp.server, "scheduler"), scheduler.ClusterConfig{Config: scheduler.Config{
		PodInitialBackoff: 10 * time.Millisecond, PodMaxBackoff: 50 * time.Millisecond,
		Profiles: []scheduler.Profile{{Plugins: &framework.Plugins{MultiPoint: framework.PluginSet{
			Enabled: []framework.PluginRef{{Name: coscheduling.Name}},
		}}}},
	}})
	pods := client.For[*apiobj.Pod](cp.admin).Namespace(ns)
	for i := range 10 {
		p := testPod(ns, fmt.Sprintf("member-%d", i), "1", 0)
		p.Labels = map[string]string{coscheduling.PodGroupLabel: "g"}
		p.Annotations = map[string]string{coscheduling.MinAvailableKey: "10"}
		create(t, ctx, cp.admin, p)
	}
	eventually(t, ctx, "a member found no room", func() bool {
		list, _, err := pods.List(ctx, client.ListOptions{})
		if err != nil {
			return false
		}
		for _, p := range list {
			for _, c := range p.Status.Conditions {
				if c.Type == apiobj.PodScheduled && c.Status == apiobj.ConditionFalse && strings.Contains(c.Message, "Insufficient cpu") {
					return true
				}
			}
		}
		return false
	})
	require.Zero(t, hist.boundCount(), "a member bound before the gang had room")

	n3 := testNode("n3", "1", nil)
	hist.addNode(n3)
	created := create(t, ctx, cp.admin, n3)
	roomRev, err := strconv.ParseInt(created.ResourceVersion, 10, 64)
	require.NoError(t, err)
	eventually(t, ctx, "the whole gang bound", func() bool { return hist.boundCount() == 10 })
	for i := range 10 {
		rev, _ := hist.bindingOf(fmt.Sprintf("member-%d", i))
		require.Greater(t, rev, roomRev, "member-%d bound before the room appeared", i)
	}
	hist.check(t)
}
