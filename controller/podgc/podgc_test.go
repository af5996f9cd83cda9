package podgc

import (
	"context"
	"fmt"
	"runtime"
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
	gc  *Controller
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
	e.gc, err = New(cfg)
	require.NoError(t, err)
	return e
}

func (e *env) pass() {
	e.t.Helper()
	require.NoError(e.t, e.gc.gc(e.ctx))
}

func (e *env) pods() *client.Resource[*apiobj.Pod] {
	return client.For[*apiobj.Pod](e.c).Namespace("default")
}

func (e *env) createNode(name string, ready apiobj.ConditionStatus, taints ...apiobj.Taint) {
	e.t.Helper()
	nodes := client.For[*apiobj.Node](e.c)
	n, err := nodes.Create(e.ctx, &apiobj.Node{ObjectMeta: apiobj.ObjectMeta{Name: name}, Spec: apiobj.NodeSpec{Taints: taints}})
	require.NoError(e.t, err)
	n.Status.Conditions = []apiobj.NodeCondition{{Type: apiobj.NodeReady, Status: ready}}
	_, err = nodes.UpdateStatus(e.ctx, n)
	require.NoError(e.t, err)
}

func (e *env) createPod(name, node string, phase apiobj.PodPhase) {
	e.t.Helper()
	p, err := e.pods().Create(e.ctx, &apiobj.Pod{ObjectMeta: apiobj.ObjectMeta{Name: name},
		Spec: apiobj.PodSpec{NodeName: node, Containers: []apiobj.Container{{Name: "c", Image: "img"}}}})
	require.NoError(e.t, err)
	if phase != "" {
		p.Status.Phase = phase
		_, err = e.pods().UpdateStatus(e.ctx, p)
		require.NoError(e.t, err)
	}
}

func (e *env) exists(name string) bool {
	e.t.Helper()
	_, err := e.pods().Get(e.ctx, name)
	if errdefs.IsNotFound(err) {
		return false
	}
	require.NoError(e.t, err)
	return true
}

func TestTerminatedThresholdDeletesOldestFirst(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Config{TerminatedPodThreshold: 3})
	e.createNode("n1", apiobj.ConditionTrue)
	// Creation timestamps have second precision: the API server stamps
	// them, so the order among pods made in one second falls back to name.
	for i := range 5 {
		e.createPod(fmt.Sprintf("done-%d", i), "n1", []apiobj.PodPhase{apiobj.PodSucceeded, apiobj.PodFailed}[i%2])
	}
	e.createPod("running", "n1", apiobj.PodRunning)
	e.pass()
	for i, want := range []bool{false, false, true, true, true} {
		require.Equal(t, want, e.exists(fmt.Sprintf("done-%d", i)), "done-%d", i)
	}
	require.True(t, e.exists("running"))
	e.pass() // idempotent
	require.True(t, e.exists("done-2"))
}

func TestOrphansDeletedAfterQuarantine(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Config{})
	e.createNode("alive", apiobj.ConditionTrue)
	e.createPod("on-alive", "alive", apiobj.PodRunning)
	e.createPod("on-ghost", "ghost", apiobj.PodRunning)
	e.createPod("on-back", "back", apiobj.PodRunning)
	e.createPod("unscheduled", "", "")

	e.pass() // first sighting starts the quarantine
	require.True(t, e.exists("on-ghost"))
	e.clk.Step(DefaultQuarantine - time.Second)
	e.pass()
	require.True(t, e.exists("on-ghost"), "still in quarantine")

	e.createNode("back", apiobj.ConditionTrue) // the node came back
	e.clk.Step(time.Second)
	e.pass()
	require.False(t, e.exists("on-ghost"), "orphan deleted once the quarantine ends")
	require.True(t, e.exists("on-back"), "its node exists again")
	require.True(t, e.exists("on-alive"))
	require.True(t, e.exists("unscheduled"))
}

func TestLiveGetVetoesOrphanDeletion(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Config{})
	e.createPod("p", "late", apiobj.PodRunning)
	require.NoError(t, e.gc.gc(e.ctx))
	e.clk.Step(DefaultQuarantine)
	// The node appears between the pass's list and its GET: simulate by
	// calling gcOrphaned with a node list that lacks it.
	e.createNode("late", apiobj.ConditionTrue)
	pods, _, err := client.For[*apiobj.Pod](e.c).List(e.ctx, client.ListOptions{})
	require.NoError(t, err)
	e.gc.mu.Lock()
	err = e.gc.gcOrphaned(e.ctx, pods, nil)
	e.gc.mu.Unlock()
	require.NoError(t, err)
	require.True(t, e.exists("p"))
}

func TestStuckTerminatingOnOutOfServiceNode(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Config{})
	oos := apiobj.Taint{Key: apiobj.TaintNodeOutOfService, Value: "nodeshutdown", Effect: apiobj.TaintEffectNoExecute}
	e.createNode("down", apiobj.ConditionFalse, oos)
	e.createNode("notready", apiobj.ConditionUnknown)
	e.createNode("fine", apiobj.ConditionTrue, oos)
	for _, n := range []string{"down", "notready", "fine"} {
		e.createPod("p-"+n, n, apiobj.PodRunning)
		require.NoError(t, e.pods().Delete(e.ctx, "p-"+n))
		require.True(t, e.exists("p-"+n), "a pod on a node terminates gracefully")
	}
	e.createPod("live-on-down", "down", apiobj.PodRunning)
	e.pass()
	require.False(t, e.exists("p-down"))
	require.True(t, e.exists("p-notready"), "not out-of-service")
	require.True(t, e.exists("p-fine"), "node is ready")
	require.True(t, e.exists("live-on-down"), "not terminating")
}

func TestRunUsesClock(t *testing.T) {
	t.Parallel()
	e := newEnv(t, Config{Period: time.Minute})
	e.createPod("orphan", "gone", apiobj.PodRunning)
	ctx, cancel := context.WithCancel(e.ctx)
	done := make(chan error, 1)
	go func() { done <- e.gc.Run(ctx) }()
	deadline := time.Now().Add(testTimeout)
	for e.exists("orphan") {
		if time.Now().After(deadline) {
			t.Fatalf("orphan never collected\n%s", stacks())
		}
		if e.clk.Waiters() > 0 {
			e.clk.Step(time.Minute)
		}
		time.Sleep(5 * time.Millisecond) // polling a condition with a deadline
	}
	cancel()
	require.NoError(t, <-done)
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
		{name: "negative period", cfg: Config{Client: c, Period: -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.ok, tt.cfg.Validate() == nil)
		})
	}
}
