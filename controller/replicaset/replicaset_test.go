package replicaset

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store/memory"
)

const testTimeout = 10 * time.Second

type env struct {
	t   *testing.T
	ctx context.Context
	c   *client.Client
	rc  *Controller
	rss *client.Resource[*apiobj.ReplicaSet]
	pr  *client.Resource[*apiobj.Pod]
}

// newEnv starts an API server over the memory store and a running
// controller, both stopped when the test ends.
func newEnv(t *testing.T) *env {
	t.Helper()
	st := memory.New(memory.Config{})
	t.Cleanup(func() { _ = st.Close() })
	srv, err := apiserver.New(apiserver.Config{Store: st})
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 3*testTimeout)
	t.Cleanup(cancel)
	require.NoError(t, srv.Bootstrap(ctx))
	t.Cleanup(srv.Close)
	c := client.NewInProcess(srv, &auth.User{Name: "admin", Groups: []string{auth.GroupMasters}}, apiobj.NewScheme())
	e := &env{t: t, ctx: ctx, c: c,
		rss: client.For[*apiobj.ReplicaSet](c).Namespace("default"),
		pr:  client.For[*apiobj.Pod](c).Namespace("default")}
	rc, err := New(Config{Client: c, Workers: 2, MaxRetryDelay: 100 * time.Millisecond})
	require.NoError(t, err)
	e.rc = rc
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- rc.Run(runCtx) }()
	t.Cleanup(func() {
		stop()
		select {
		case err := <-done:
			require.NoError(t, err)
		case <-time.After(testTimeout):
			t.Errorf("Run did not return\n%s", stacks())
		}
	})
	e.waitFor("controller synced", func() bool { return rc.HasSynced() })
	return e
}

func stacks() string {
	buf := make([]byte, 1<<20)
	return string(buf[:runtime.Stack(buf, true)])
}

// waitFor polls cond until it holds, failing the test at the deadline.
func (e *env) waitFor(what string, cond func() bool) {
	e.t.Helper()
	deadline := time.Now().Add(testTimeout)
	for !cond() {
		if time.Now().After(deadline) {
			e.t.Fatalf("timed out waiting for %s\n%s", what, stacks())
		}
		time.Sleep(5 * time.Millisecond) // polling a condition with a deadline
	}
}

func newRS(name string, n int32, lbl map[string]string) *apiobj.ReplicaSet {
	return &apiobj.ReplicaSet{
		ObjectMeta: apiobj.ObjectMeta{Name: name},
		Spec: apiobj.ReplicaSetSpec{
			Replicas: apiobj.Int32(n),
			Selector: &apiobj.LabelSelector{MatchLabels: lbl},
			Template: apiobj.PodTemplateSpec{
				ObjectMeta: apiobj.ObjectMeta{Labels: lbl},
				Spec:       apiobj.PodSpec{Containers: []apiobj.Container{{Name: "c", Image: "img"}}},
			},
		},
	}
}

func (e *env) create(rs *apiobj.ReplicaSet) *apiobj.ReplicaSet {
	e.t.Helper()
	got, err := e.rss.Create(e.ctx, rs)
	require.NoError(e.t, err)
	return got
}

// pods lists the active pods controlled by rs.
func (e *env) pods(rs *apiobj.ReplicaSet) []*apiobj.Pod {
	e.t.Helper()
	all, _, err := e.pr.List(e.ctx, client.ListOptions{})
	require.NoError(e.t, err)
	var out []*apiobj.Pod
	for _, p := range all {
		if apiobj.IsControlledBy(p, rs) && isActive(p) {
			out = append(out, p)
		}
	}
	return out
}

func (e *env) rs(name string) *apiobj.ReplicaSet {
	e.t.Helper()
	got, err := e.rss.Get(e.ctx, name)
	require.NoError(e.t, err)
	return got
}

// waitSettled waits until rs has n pods and its status says so.
func (e *env) waitSettled(rs *apiobj.ReplicaSet, n int) {
	e.t.Helper()
	e.waitFor(fmt.Sprintf("%s at %d pods", rs.Name, n), func() bool {
		cur := e.rs(rs.Name)
		return len(e.pods(rs)) == n && cur.Status.Replicas == int32(n) && cur.Status.ObservedGeneration == cur.Generation
	})
}

// markReady does the kubelet's part: the pod is Running and Ready since at.
func (e *env) markReady(p *apiobj.Pod, at time.Time) {
	e.t.Helper()
	for {
		cur, err := e.pr.Get(e.ctx, p.Name)
		require.NoError(e.t, err)
		cur.Status.Phase = apiobj.PodRunning
		cur.Status.Conditions = []apiobj.PodCondition{{Type: apiobj.PodReady, Status: apiobj.ConditionTrue, LastTransitionTime: apiobj.NewTime(at)}}
		_, err = e.pr.UpdateStatus(e.ctx, cur)
		if errdefs.IsConflict(err) {
			continue
		}
		require.NoError(e.t, err)
		return
	}
}

func (e *env) scale(name string, n int32) {
	e.t.Helper()
	for {
		cur := e.rs(name)
		cur.Spec.Replicas = apiobj.Int32(n)
		_, err := e.rss.Update(e.ctx, cur)
		if errdefs.IsConflict(err) {
			continue
		}
		require.NoError(e.t, err)
		return
	}
}

func TestScaleUpAndDown(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rs := e.create(newRS("web", 3, map[string]string{"app": "web"}))
	e.waitSettled(rs, 3)
	for _, p := range e.pods(rs) {
		require.True(t, strings.HasPrefix(p.Name, "web-"), p.Name)
		require.Equal(t, "web", p.Labels["app"])
		ref := apiobj.ControllerRef(p)
		require.NotNil(t, ref)
		require.Equal(t, "ReplicaSet", ref.Kind)
		require.Equal(t, "apps/v1", ref.APIVersion)
		e.markReady(p, time.Now())
	}
	e.waitFor("ready and available", func() bool {
		st := e.rs("web").Status
		return st.ReadyReplicas == 3 && st.AvailableReplicas == 3 && st.FullyLabeledReplicas == 3
	})
	e.scale("web", 1)
	e.waitSettled(rs, 1)
	e.waitFor("SuccessfulDelete events", func() bool { return len(e.events("web", "SuccessfulDelete")) == 2 })
	e.scale("web", 5)
	e.waitSettled(rs, 5)
	e.scale("web", 0)
	e.waitSettled(rs, 0)
}

func TestReplacesTerminalPods(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rs := e.create(newRS("job", 2, map[string]string{"app": "job"}))
	e.waitSettled(rs, 2)
	p := e.pods(rs)[0]
	p.Status.Phase = apiobj.PodFailed
	_, err := e.pr.UpdateStatus(e.ctx, p)
	require.NoError(t, err)
	e.waitSettled(rs, 2)
	for _, q := range e.pods(rs) {
		require.NotEqual(t, p.UID, q.UID, "a failed pod is not counted")
	}
}

func TestAdoptAndRelease(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	lbl := map[string]string{"app": "adopt"}
	orphan, err := e.pr.Create(e.ctx, &apiobj.Pod{
		ObjectMeta: apiobj.ObjectMeta{Name: "orphan", Labels: lbl},
		Spec:       apiobj.PodSpec{Containers: []apiobj.Container{{Name: "c", Image: "img"}}},
	})
	require.NoError(t, err)
	rs := e.create(newRS("adopt", 2, lbl))
	e.waitSettled(rs, 2)
	got, err := e.pr.Get(e.ctx, orphan.Name)
	require.NoError(t, err)
	require.True(t, apiobj.IsControlledBy(got, rs), "orphan adopted")

	// A pod that stops matching is released and replaced.
	got.Labels = map[string]string{"app": "other"}
	_, err = e.pr.Update(e.ctx, got)
	require.NoError(t, err)
	e.waitFor("released", func() bool {
		p, err := e.pr.Get(e.ctx, orphan.Name)
		require.NoError(t, err)
		return apiobj.ControllerRef(p) == nil
	})
	e.waitSettled(rs, 2)
}

// Syncing again and again before the informer has seen the created pods
// must not create more: the expectations hold the controller back.
func TestExpectationsPreventDoubleCreate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rs := e.create(newRS("lag", 20, map[string]string{"app": "lag"}))
	e.waitFor("rs cached", func() bool {
		_, err := e.rc.rsInf.Lister().Namespace("default").Get("lag")
		return err == nil
	})
	for range 30 {
		// Workers sync the same ReplicaSet meanwhile; their status writes
		// may conflict with ours.
		if err := e.rc.sync(e.ctx, "default/lag"); !errdefs.IsConflict(err) {
			require.NoError(t, err)
		}
	}
	e.waitSettled(rs, 20)
	all, _, err := e.pr.List(e.ctx, client.ListOptions{LabelSelector: "app=lag"})
	require.NoError(t, err)
	require.Len(t, all, 20, "pods ever created and not deleted")
	e.waitFor("20 SuccessfulCreate events", func() bool { return len(e.events("lag", "SuccessfulCreate")) >= 20 })
	require.Len(t, e.events("lag", "SuccessfulCreate"), 20, "one creation event per pod")
}

// events lists the Events with reason about the ReplicaSet named name.
func (e *env) events(name, reason string) []*apiobj.Event {
	e.t.Helper()
	all, _, err := client.For[*apiobj.Event](e.c).Namespace("default").List(e.ctx, client.ListOptions{})
	require.NoError(e.t, err)
	var out []*apiobj.Event
	for _, ev := range all {
		if ev.InvolvedObject.Kind == "ReplicaSet" && ev.InvolvedObject.Name == name && ev.Reason == reason {
			out = append(out, ev)
		}
	}
	return out
}

func TestScaleDownDeletesByRank(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rs := e.create(newRS("rank", 3, map[string]string{"app": "rank"}))
	e.waitSettled(rs, 3)
	pods := e.pods(rs)
	e.markReady(pods[0], time.Now().Add(-time.Hour))
	e.markReady(pods[1], time.Now().Add(-time.Minute))
	e.waitFor("two ready", func() bool { return e.rs("rank").Status.ReadyReplicas == 2 })
	e.scale("rank", 2)
	e.waitSettled(rs, 2)
	left := e.pods(rs)
	require.ElementsMatch(t, []apiobj.UID{pods[0].UID, pods[1].UID}, []apiobj.UID{left[0].UID, left[1].UID}, "the not-ready pod goes first")
	e.scale("rank", 1)
	e.waitSettled(rs, 1)
	require.Equal(t, pods[0].UID, e.pods(rs)[0].UID, "the pod ready for longer stays")
}

func TestMinReadySeconds(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := newRS("slow", 1, map[string]string{"app": "slow"})
	r.Spec.MinReadySeconds = 1
	rs := e.create(r)
	e.waitSettled(rs, 1)
	e.markReady(e.pods(rs)[0], time.Now())
	e.waitFor("ready", func() bool { return e.rs("slow").Status.ReadyReplicas == 1 })
	e.waitFor("available after minReadySeconds", func() bool { return e.rs("slow").Status.AvailableReplicas == 1 })
}

func TestDeletionOrder(t *testing.T) {
	t.Parallel()
	now := time.Now()
	pod := func(name, node string, phase apiobj.PodPhase, readySince time.Time, restarts int32, created time.Time) *apiobj.Pod {
		p := &apiobj.Pod{ObjectMeta: apiobj.ObjectMeta{Name: name, CreationTimestamp: apiobj.NewTime(created)}}
		p.Spec.NodeName = node
		p.Status.Phase = phase
		if !readySince.IsZero() {
			p.Status.Conditions = []apiobj.PodCondition{{Type: apiobj.PodReady, Status: apiobj.ConditionTrue, LastTransitionTime: apiobj.NewTime(readySince)}}
		}
		p.Status.ContainerStatuses = []apiobj.ContainerStatus{{Name: "c", RestartCount: restarts}}
		return p
	}
	old := now.Add(-time.Hour)
	tests := []struct {
		name        string
		first, then *apiobj.Pod
	}{
		{"unscheduled first", pod("a", "", apiobj.PodRunning, old, 0, old), pod("b", "n", apiobj.PodRunning, old, 0, old)},
		{"pending before unknown", pod("a", "n", apiobj.PodPending, time.Time{}, 0, old), pod("b", "n", apiobj.PodUnknown, time.Time{}, 0, old)},
		{"unknown before running", pod("a", "n", apiobj.PodUnknown, time.Time{}, 0, old), pod("b", "n", apiobj.PodRunning, time.Time{}, 0, old)},
		{"not ready first", pod("a", "n", apiobj.PodRunning, time.Time{}, 0, old), pod("b", "n", apiobj.PodRunning, old, 0, now)},
		{"ready for less time first", pod("a", "n", apiobj.PodRunning, now, 0, old), pod("b", "n", apiobj.PodRunning, old, 0, old)},
		{"more restarts first", pod("a", "n", apiobj.PodRunning, old, 5, old), pod("b", "n", apiobj.PodRunning, old, 1, old)},
		{"newer first", pod("a", "n", apiobj.PodRunning, old, 0, now), pod("b", "n", apiobj.PodRunning, old, 0, old)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.True(t, deletionOrder(tt.first, tt.then))
			require.False(t, deletionOrder(tt.then, tt.first))
			ps := []*apiobj.Pod{tt.then, tt.first}
			sort.SliceStable(ps, func(i, j int) bool { return deletionOrder(ps[i], ps[j]) })
			require.Equal(t, "a", ps[0].Name)
		})
	}
}

func TestSlowStart(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                string
		count, okCalls      int
		wantDone, wantCalls int
		wantErr             bool
	}{
		{"all succeed", 10, 100, 10, 10, false},
		{"stops after failing batch", 10, 5, 5, 7, true},
		{"first call fails", 10, 0, 0, 1, true},
		{"nothing to do", 0, 0, 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int32
			done, err := slowStart(tt.count, 1, func() error {
				if int(calls.Add(1)) > tt.okCalls {
					return fmt.Errorf("boom")
				}
				return nil
			})
			require.Equal(t, tt.wantErr, err != nil)
			require.Equal(t, tt.wantDone, done)
			require.Equal(t, tt.wantCalls, int(calls.Load()))
		})
	}
}

func TestExpectations(t *testing.T) {
	t.Parallel()
	now := time.Now()
	e := newExpectations(time.Minute)
	e.now = func() time.Time { return now }
	require.True(t, e.satisfied("k"))
	e.expectCreations("k", 2)
	require.False(t, e.satisfied("k"))
	e.creationObserved("k")
	require.False(t, e.satisfied("k"))
	e.creationObserved("k")
	require.True(t, e.satisfied("k"))
	e.expectDeletions("k", []apiobj.UID{"a", "b"})
	e.deletionObserved("k", "a")
	e.deletionObserved("k", "a")
	require.False(t, e.satisfied("k"))
	now = now.Add(2 * time.Minute)
	require.True(t, e.satisfied("k"), "expired")
	e.forget("k")
	require.True(t, e.satisfied("k"))
}

func TestReplicaFailureCondition(t *testing.T) {
	t.Parallel()
	rs := newRS("x", 1, map[string]string{"a": "b"})
	st := calculateStatus(rs, nil, fmt.Errorf("quota"), apiobj.Now())
	require.Len(t, st.Conditions, 1)
	require.Equal(t, ReasonFailedCreate, st.Conditions[0].Reason)
	rs.Status = st
	st = calculateStatus(rs, nil, deleteError{fmt.Errorf("x")}, apiobj.Now())
	require.Len(t, st.Conditions, 1, "an existing condition is kept")
	rs.Status = st
	st = calculateStatus(rs, nil, nil, apiobj.Now())
	require.Empty(t, st.Conditions)
}

func TestConfigValidate(t *testing.T) {
	t.Parallel()
	_, err := New(Config{})
	require.Error(t, err)
	_, err = New(Config{Client: &client.Client{}, Workers: -1})
	require.Error(t, err)
}

func TestIgnoresTerminatingPods(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	rs := e.create(newRS("term", 2, map[string]string{"app": "term"}))
	e.waitSettled(rs, 2)
	held := e.pods(rs)[0]
	held.Finalizers = []string{"example.com/hold"}
	_, err := e.pr.Update(e.ctx, held)
	require.NoError(t, err)
	require.NoError(t, e.pr.Delete(e.ctx, held.Name))
	got, err := e.pr.Get(e.ctx, held.Name)
	require.NoError(t, err)
	require.NotNil(t, got.DeletionTimestamp, "held by its finalizer")
	e.waitSettled(rs, 2) // a replacement, and the terminating pod not counted
	for _, p := range e.pods(rs) {
		require.NotEqual(t, held.UID, p.UID)
	}
	got.Finalizers = nil
	_, err = e.pr.Update(e.ctx, got)
	require.NoError(t, err)
}

// Syncing must not write into the informers' shared objects.
func TestSyncDoesNotMutateCache(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	lbl := map[string]string{"app": "ro"}
	_, err := e.pr.Create(e.ctx, &apiobj.Pod{
		ObjectMeta: apiobj.ObjectMeta{Name: "orphan", Labels: lbl},
		Spec:       apiobj.PodSpec{Containers: []apiobj.Container{{Name: "c", Image: "img"}}},
	})
	require.NoError(t, err)
	rs := e.create(newRS("ro", 3, lbl))
	e.waitFor("cached", func() bool {
		_, err := e.rc.rsInf.Lister().Namespace("default").Get("ro")
		return err == nil && len(e.rc.podInf.Lister().List(nil)) > 0
	})
	rss := e.rc.rsInf.Lister().List(nil)
	pods := e.rc.podInf.Lister().List(nil)
	rssCopy, podsCopy := make([]*apiobj.ReplicaSet, len(rss)), make([]*apiobj.Pod, len(pods))
	for i := range rss {
		rssCopy[i] = rss[i].DeepCopy()
	}
	for i := range pods {
		podsCopy[i] = pods[i].DeepCopy()
	}
	for range 3 {
		if err := e.rc.sync(e.ctx, "default/ro"); !errdefs.IsConflict(err) {
			require.NoError(t, err)
		}
	}
	e.waitSettled(rs, 3)
	e.scale("ro", 1)
	e.waitSettled(rs, 1)
	require.Equal(t, rssCopy, rss)
	require.Equal(t, podsCopy, pods)
}
