package nodelifecycle

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/clock/clocktest"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store/memory"
)

const testTimeout = 30 * time.Second

func stacks() string {
	buf := make([]byte, 1<<20)
	return string(buf[:runtime.Stack(buf, true)])
}

type env struct {
	t   *testing.T
	ctx context.Context
	c   *client.Client
	clk *clocktest.Fake
	nc  *Controller
}

func newEnv(t *testing.T, cfg Config) *env {
	t.Helper()
	st := memory.New(memory.Config{})
	t.Cleanup(func() { _ = st.Close() })
	srv, err := apiserver.New(apiserver.Config{Store: st})
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 2*testTimeout)
	t.Cleanup(cancel)
	require.NoError(t, srv.Bootstrap(ctx))
	t.Cleanup(srv.Close)
	admin := &auth.User{Name: "admin", Groups: []string{auth.GroupMasters}}
	e := &env{t: t, ctx: ctx, c: client.NewInProcess(srv, admin, apiobj.NewScheme()),
		clk: clocktest.NewFake(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))}
	cfg.Client, cfg.Clock = e.c, e.clk
	e.nc, err = New(cfg)
	require.NoError(t, err)
	return e
}

func (e *env) pass() {
	e.t.Helper()
	require.NoError(e.t, e.nc.monitor(e.ctx))
}

func (e *env) nodes() *client.Resource[*apiobj.Node] { return client.For[*apiobj.Node](e.c) }
func (e *env) pods() *client.Resource[*apiobj.Pod] {
	return client.For[*apiobj.Pod](e.c).Namespace("default")
}
func (e *env) leases() *client.Resource[*apiobj.Lease] {
	return client.For[*apiobj.Lease](e.c).Namespace(LeaseNamespace)
}

func (e *env) node(name string) *apiobj.Node {
	e.t.Helper()
	n, err := e.nodes().Get(e.ctx, name)
	require.NoError(e.t, err)
	return n
}

// createNode makes a node that reports Ready (and no pressure) and holds
// a freshly renewed Lease.
func (e *env) createNode(name string) {
	e.t.Helper()
	_, err := e.nodes().Create(e.ctx, &apiobj.Node{ObjectMeta: apiobj.ObjectMeta{Name: name}})
	require.NoError(e.t, err)
	e.postStatus(name, apiobj.ConditionTrue)
	_, err = e.leases().Create(e.ctx, &apiobj.Lease{ObjectMeta: apiobj.ObjectMeta{Name: name},
		Spec: apiobj.LeaseSpec{HolderIdentity: &name, LeaseDurationSeconds: new(int32(40)), RenewTime: e.micro()}})
	require.NoError(e.t, err)
}

func (e *env) micro() *apiobj.MicroTime {
	m := apiobj.NewMicroTime(e.clk.Now())
	return &m
}

// postStatus does what a kubelet does: reports conditions with a fresh
// heartbeat.
func (e *env) postStatus(name string, ready apiobj.ConditionStatus) {
	e.t.Helper()
	n := e.node(name)
	hb := apiobj.NewTime(e.clk.Now())
	n.Status.Conditions = nil
	for _, t := range watchedConditions {
		st := apiobj.ConditionFalse
		if t == apiobj.NodeReady {
			st = ready
		}
		n.Status.Conditions = append(n.Status.Conditions, apiobj.NodeCondition{Type: t, Status: st, LastHeartbeatTime: hb, LastTransitionTime: hb})
	}
	_, err := e.nodes().UpdateStatus(e.ctx, n)
	require.NoError(e.t, err)
}

func (e *env) renew(name string) {
	e.t.Helper()
	l, err := e.leases().Get(e.ctx, name)
	require.NoError(e.t, err)
	l.Spec.RenewTime = e.micro()
	_, err = e.leases().Update(e.ctx, l)
	require.NoError(e.t, err)
}

func (e *env) createPod(name, node string, tolerations ...apiobj.Toleration) {
	e.t.Helper()
	p, err := e.pods().Create(e.ctx, &apiobj.Pod{ObjectMeta: apiobj.ObjectMeta{Name: name},
		Spec: apiobj.PodSpec{NodeName: node, Tolerations: tolerations, Containers: []apiobj.Container{{Name: "c", Image: "img"}}}})
	require.NoError(e.t, err)
	p.Status.Phase = apiobj.PodRunning
	p.Status.Conditions = []apiobj.PodCondition{{Type: apiobj.PodReady, Status: apiobj.ConditionTrue}}
	_, err = e.pods().UpdateStatus(e.ctx, p)
	require.NoError(e.t, err)
}

// evicted reports whether the pod is gone or terminating.
func (e *env) evicted(name string) bool {
	e.t.Helper()
	p, err := e.pods().Get(e.ctx, name)
	if errdefs.IsNotFound(err) {
		return true
	}
	require.NoError(e.t, err)
	return p.DeletionTimestamp != nil
}

type taintKE struct {
	Key    string
	Effect apiobj.TaintEffect
}

func taintsOf(n *apiobj.Node) []taintKE {
	var out []taintKE
	for _, t := range n.Spec.Taints {
		out = append(out, taintKE{t.Key, t.Effect})
	}
	slices.SortFunc(out, func(a, b taintKE) int {
		return cmp.Or(cmp.Compare(a.Key, b.Key), cmp.Compare(a.Effect, b.Effect))
	})
	return out
}

var (
	unreachable = []taintKE{{apiobj.TaintNodeUnreachable, apiobj.TaintEffectNoExecute}, {apiobj.TaintNodeUnreachable, apiobj.TaintEffectNoSchedule}}
	notReady    = []taintKE{{apiobj.TaintNodeNotReady, apiobj.TaintEffectNoExecute}, {apiobj.TaintNodeNotReady, apiobj.TaintEffectNoSchedule}}
)

func condition(n *apiobj.Node, t apiobj.NodeConditionType) apiobj.NodeCondition {
	for _, c := range n.Status.Conditions {
		if c.Type == t {
			return c
		}
	}
	return apiobj.NodeCondition{}
}

func TestLeaseExpiryMarksUnknownAndTaints(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Config{})
	e.createNode("n1")
	e.createPod("web", "n1", apiobj.Toleration{Key: apiobj.TaintNodeUnreachable, Operator: apiobj.TolerationOpExists,
		Effect: apiobj.TaintEffectNoExecute, TolerationSeconds: apiobj.Int64(300)})
	e.pass()
	e.clk.Step(30 * time.Second)
	e.renew("n1") // the lease alone keeps the node healthy
	e.pass()
	e.clk.Step(DefaultGracePeriod)
	e.pass()
	n := e.node("n1")
	require.Equal(t, apiobj.ConditionTrue, condition(n, apiobj.NodeReady).Status, "renewed 40 s ago: still within grace")
	require.Empty(t, n.Spec.Taints)

	e.clk.Step(time.Second)
	e.pass()
	n = e.node("n1")
	for _, ct := range watchedConditions {
		c := condition(n, ct)
		require.Equal(t, apiobj.ConditionUnknown, c.Status, ct)
		require.Equal(t, ReasonNodeStatusUnknown, c.Reason, ct)
		require.Equal(t, MessageNodeStatusUnknown, c.Message, ct)
	}
	require.Equal(t, unreachable, taintsOf(n))
	p, err := e.pods().Get(e.ctx, "web")
	require.NoError(t, err)
	require.False(t, apiobj.IsPodReady(p), "pods on a lost node are marked not ready")
	require.Nil(t, p.DeletionTimestamp, "it tolerates the taint for 300 s")

	e.pass() // idempotent
	require.Equal(t, n.ResourceVersion, e.node("n1").ResourceVersion)
}

func TestRecoveryRemovesTaints(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Config{GracePeriod: 10 * time.Second})
	e.createNode("n1")
	e.pass()
	e.clk.Step(11 * time.Second)
	e.pass()
	require.Equal(t, unreachable, taintsOf(e.node("n1")))

	e.renew("n1")
	e.pass()
	require.Equal(t, unreachable, taintsOf(e.node("n1")), "a lease renewal alone does not make the node Ready")
	e.postStatus("n1", apiobj.ConditionTrue)
	e.pass()
	n := e.node("n1")
	require.Empty(t, n.Spec.Taints)
	require.Equal(t, apiobj.ConditionTrue, condition(n, apiobj.NodeReady).Status)
}

func TestNotReadyTaintsAndSwap(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Config{GracePeriod: 10 * time.Second})
	e.createNode("n1")
	e.postStatus("n1", apiobj.ConditionFalse)
	e.pass()
	require.Equal(t, notReady, taintsOf(e.node("n1")))

	// The node then goes silent: the NoExecute taint is swapped without
	// waiting for the eviction bucket (it is empty by now).
	e.clk.Step(11 * time.Second)
	e.pass()
	require.Equal(t, unreachable, taintsOf(e.node("n1")))
}

func TestNoExecuteEvictionHonorsTolerationSeconds(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Config{GracePeriod: 10 * time.Second})
	e.createNode("n1")
	e.createNode("other")
	tol := func(key string, secs *int64) apiobj.Toleration {
		return apiobj.Toleration{Key: key, Operator: apiobj.TolerationOpExists, Effect: apiobj.TaintEffectNoExecute, TolerationSeconds: secs}
	}
	e.createPod("none", "n1")
	e.createPod("wrong-key", "n1", tol(apiobj.TaintNodeNotReady, nil))
	e.createPod("sixty", "n1", tol(apiobj.TaintNodeUnreachable, apiobj.Int64(60)))
	e.createPod("forever", "n1", tol(apiobj.TaintNodeUnreachable, nil))
	e.createPod("everything", "n1", apiobj.Toleration{Operator: apiobj.TolerationOpExists})
	e.createPod("elsewhere", "other")
	e.pass()
	e.clk.Step(11 * time.Second)
	e.renew("other")
	e.pass()
	require.Equal(t, unreachable, taintsOf(e.node("n1")))
	require.True(t, e.evicted("none"))
	require.True(t, e.evicted("wrong-key"))
	require.False(t, e.evicted("sixty"))
	require.False(t, e.evicted("elsewhere"))

	e.clk.Step(59 * time.Second)
	e.renew("other")
	e.pass()
	require.False(t, e.evicted("sixty"), "59 s of 60")
	e.clk.Step(time.Second)
	e.renew("other")
	e.pass()
	require.True(t, e.evicted("sixty"))
	p, err := e.pods().Get(e.ctx, "sixty")
	require.NoError(t, err)
	_, cond := apiobj.GetPodCondition(&p.Status, apiobj.DisruptionTarget)
	require.NotNil(t, cond)
	require.Equal(t, ReasonDeletionByTaintManager, cond.Reason)

	e.clk.Step(time.Hour)
	e.renew("other")
	e.pass()
	require.False(t, e.evicted("forever"))
	require.False(t, e.evicted("everything"))
	require.False(t, e.evicted("elsewhere"))
}

func TestNoExecuteTaintsAreRateLimited(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Config{GracePeriod: 10 * time.Second}) // 0.1 nodes/s, burst 1
	names := []string{"a", "b", "c"}
	for _, n := range names {
		e.createNode(n)
		e.createPod("pod-"+n, n)
	}
	e.pass()
	e.clk.Step(11 * time.Second)
	e.pass()
	noExec := func() (n int) {
		for _, name := range names {
			node := e.node(name)
			require.Contains(t, taintsOf(node), taintKE{apiobj.TaintNodeUnreachable, apiobj.TaintEffectNoSchedule}, "NoSchedule is not limited")
			if slices.Contains(taintsOf(node), taintKE{apiobj.TaintNodeUnreachable, apiobj.TaintEffectNoExecute}) {
				n++
				require.True(t, e.evicted("pod-"+name))
			} else {
				require.False(t, e.evicted("pod-"+name))
			}
		}
		return n
	}
	require.Equal(t, 1, noExec())
	e.clk.Step(5 * time.Second)
	e.pass()
	require.Equal(t, 1, noExec())
	e.clk.Step(5 * time.Second)
	e.pass()
	require.Equal(t, 2, noExec())
	e.clk.Step(10 * time.Second)
	e.pass()
	require.Equal(t, 3, noExec())
}

func TestNeverReportedNode(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Config{GracePeriod: 10 * time.Second})
	_, err := e.nodes().Create(e.ctx, &apiobj.Node{ObjectMeta: apiobj.ObjectMeta{Name: "mute"}})
	require.NoError(t, err)
	e.pass()
	require.Empty(t, e.node("mute").Spec.Taints, "within its grace period")
	e.clk.Step(11 * time.Second)
	e.pass()
	n := e.node("mute")
	c := condition(n, apiobj.NodeReady)
	require.Equal(t, apiobj.ConditionUnknown, c.Status)
	require.Equal(t, ReasonNodeStatusNeverUpdated, c.Reason)
	require.Equal(t, MessageNodeNeverUpdated, c.Message)
	require.Equal(t, unreachable, taintsOf(n))
}

func TestRunWithFakeClock(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Config{})
	e.createNode("n1")
	ctx, cancel := context.WithCancel(e.ctx)
	done := make(chan error, 1)
	go func() { done <- e.nc.Run(ctx) }()
	deadline := time.Now().Add(testTimeout)
	for !slices.Equal(unreachable, taintsOf(e.node("n1"))) {
		if time.Now().After(deadline) {
			t.Fatalf("node never tainted unreachable\n%s", stacks())
		}
		if e.clk.Waiters() > 0 {
			e.clk.Step(DefaultMonitorPeriod)
		}
		time.Sleep(5 * time.Millisecond) // polling a condition with a deadline
	}
	cancel()
	require.NoError(t, <-done)
}

func TestTolerationTime(t *testing.T) {
	t.Parallel()
	unreach := apiobj.Taint{Key: apiobj.TaintNodeUnreachable, Effect: apiobj.TaintEffectNoExecute}
	other := apiobj.Taint{Key: "dedicated", Value: "db", Effect: apiobj.TaintEffectNoExecute}
	tol := func(key string, secs *int64) apiobj.Toleration {
		return apiobj.Toleration{Key: key, Operator: apiobj.TolerationOpExists, Effect: apiobj.TaintEffectNoExecute, TolerationSeconds: secs}
	}
	tests := []struct {
		name   string
		tols   []apiobj.Toleration
		taints []apiobj.Taint
		wait   time.Duration
		ok     bool
	}{
		{name: "none", taints: []apiobj.Taint{unreach}},
		{name: "forever", tols: []apiobj.Toleration{tol(unreach.Key, nil)}, taints: []apiobj.Taint{unreach}, wait: -1, ok: true},
		{name: "seconds", tols: []apiobj.Toleration{tol(unreach.Key, apiobj.Int64(30))}, taints: []apiobj.Taint{unreach}, wait: 30 * time.Second, ok: true},
		{name: "negative is now", tols: []apiobj.Toleration{tol(unreach.Key, apiobj.Int64(-5))}, taints: []apiobj.Taint{unreach}, wait: 0, ok: true},
		{name: "smallest of two", tols: []apiobj.Toleration{tol(unreach.Key, apiobj.Int64(30)), tol("dedicated", apiobj.Int64(10))},
			taints: []apiobj.Taint{unreach, other}, wait: 10 * time.Second, ok: true},
		{name: "one untolerated", tols: []apiobj.Toleration{tol(unreach.Key, nil)}, taints: []apiobj.Taint{unreach, other}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wait, ok := tolerationTime(tt.tols, tt.taints)
			require.Equal(t, tt.ok, ok)
			if ok {
				require.Equal(t, tt.wait, wait)
			}
		})
	}
}

func TestDefaultTolerations(t *testing.T) {
	t.Parallel()
	def := func(key string) apiobj.Toleration {
		return apiobj.Toleration{Key: key, Operator: apiobj.TolerationOpExists, Effect: apiobj.TaintEffectNoExecute, TolerationSeconds: apiobj.Int64(300)}
	}
	own := apiobj.Toleration{Key: apiobj.TaintNodeUnreachable, Operator: apiobj.TolerationOpExists, TolerationSeconds: apiobj.Int64(5)}
	all := apiobj.Toleration{Operator: apiobj.TolerationOpExists}
	tests := []struct {
		name string
		in   []apiobj.Toleration
		want []apiobj.Toleration
	}{
		{name: "none", want: []apiobj.Toleration{def(apiobj.TaintNodeNotReady), def(apiobj.TaintNodeUnreachable)}},
		{name: "own unreachable kept", in: []apiobj.Toleration{own}, want: []apiobj.Toleration{own, def(apiobj.TaintNodeNotReady)}},
		{name: "tolerates all", in: []apiobj.Toleration{all}, want: []apiobj.Toleration{all}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := &apiobj.Pod{Spec: apiobj.PodSpec{Tolerations: slices.Clone(tt.in)}}
			DefaultTolerations(p)
			require.Equal(t, tt.want, p.Spec.Tolerations)
			DefaultTolerations(p)
			require.Equal(t, tt.want, p.Spec.Tolerations, "idempotent")
		})
	}
}

func TestConfigValidate(t *testing.T) {
	t.Parallel()
	c := &client.Client{}
	tests := []struct {
		name string
		cfg  Config
		ok   bool
	}{
		{name: "defaults", cfg: Config{Client: c}, ok: true},
		{name: "no client", cfg: Config{}},
		{name: "negative grace", cfg: Config{Client: c, GracePeriod: -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.ok, tt.cfg.Validate() == nil, fmt.Sprint(tt.cfg.Validate()))
		})
	}
}
