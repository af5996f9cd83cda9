package scheduler

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
)

// newTestQueue returns a queue with one profile whose plugin "P" rejects
// pods and registers hints.
func newTestQueue(t *testing.T, hints map[string][]framework.ClusterEventWithHint, preEnqueue ...framework.PreEnqueuePlugin) (*schedulingQueue, *fakeClock) {
	t.Helper()
	clock := newFakeClock()
	prof := &profile{name: apiobj.DefaultSchedulerName, hints: hints, preEnqueue: preEnqueue}
	profiles := map[string]*profile{prof.name: prof}
	m, err := newMetrics(nil)
	require.NoError(t, err)
	q := newSchedulingQueue(clock, defaultLess, profiles, newNominator(nil), m, time.Second, 10*time.Second, 5*time.Minute)
	return q, clock
}

func keys(list []*framework.QueuedPodInfo) []string {
	var out []string
	for _, q := range list {
		out = append(out, q.Pod.Name)
	}
	return out
}

func TestQueueOrder(t *testing.T) {
	t.Parallel()
	q, clock := newTestQueue(t, nil)
	q.add(makePod("low", "", 1))
	clock.Step(time.Millisecond)
	q.add(makePod("high", "", 10))
	clock.Step(time.Millisecond)
	q.add(makePod("low2", "", 1))
	clock.Step(time.Millisecond)
	q.add(makePod("high2", "", 10))
	var got []string
	for i := 0; i < 4; i++ {
		qpi := q.pop()
		got = append(got, qpi.Pod.Name)
		assert.Equal(t, 1, qpi.Attempts)
		q.done(qpi.Pod)
	}
	assert.Equal(t, []string{"high", "high2", "low", "low2"}, got)
}

func TestQueueBackoff(t *testing.T) {
	t.Parallel()
	q, clock := newTestQueue(t, nil)
	q.add(makePod("p", "", 0))
	wantBackoff := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 10 * time.Second, 10 * time.Second}
	for attempt, d := range wantBackoff {
		qpi := q.pop()
		require.Equal(t, attempt+1, qpi.Attempts)
		assert.Equal(t, d, q.backoffDuration(qpi))
		// An error (no rejecting plugin) goes to backoff.
		require.True(t, q.requeue(qpi))
		_, backoff, _ := q.pendingPods()
		require.Equal(t, []string{"p"}, keys(backoff))
		clock.Step(d - time.Millisecond)
		q.flushBackoff()
		active, _, _ := q.pendingPods()
		require.Empty(t, active, "attempt %d: still backing off", attempt+1)
		clock.Step(time.Millisecond)
		q.flushBackoff()
		active, _, _ = q.pendingPods()
		require.Equal(t, []string{"p"}, keys(active), "attempt %d: backoff over", attempt+1)
	}
}

func nodeWithLabel(v string) *apiobj.Node {
	return makeNode("n", "1", map[string]string{"ok": v})
}

func TestQueueHintsMovePods(t *testing.T) {
	t.Parallel()
	hint := func(pod *apiobj.Pod, oldObj, newObj any) (framework.QueueingHint, error) {
		if n, ok := newObj.(*apiobj.Node); ok && n.Labels["ok"] == "yes" {
			return framework.Queue, nil
		}
		return framework.QueueSkip, nil
	}
	q, clock := newTestQueue(t, map[string][]framework.ClusterEventWithHint{
		"P": {{Event: framework.ClusterEvent{Resource: framework.Node, ActionType: framework.Add | framework.UpdateNodeLabel}, QueueingHintFn: hint}},
		"Q": {},
	})
	q.add(makePod("a", "", 0))
	q.add(makePod("b", "", 0))
	a, b := q.pop(), q.pop()
	a.UnschedulablePlugins = map[string]struct{}{"P": {}}
	b.UnschedulablePlugins = map[string]struct{}{"Q": {}}
	require.True(t, q.requeue(a))
	require.True(t, q.requeue(b))
	_, _, unsched := q.pendingPods()
	assert.ElementsMatch(t, []string{"a", "b"}, keys(unsched))

	// Events the hints reject leave both where they are.
	q.moveAll(framework.EventNodeAdd, nil, nodeWithLabel("no"), nil)
	q.moveAll(framework.EventAssignedPodDelete, makePod("x", "", 0), nil, nil)
	_, _, unsched = q.pendingPods()
	assert.Len(t, unsched, 2)

	// A matching event moves a; it is still backing off (1 s).
	q.moveAll(framework.EventNodeAdd, nil, nodeWithLabel("yes"), nil)
	active, backoff, unsched := q.pendingPods()
	assert.Empty(t, active)
	assert.Equal(t, []string{"a"}, keys(backoff))
	assert.Equal(t, []string{"b"}, keys(unsched), "Q registered no events")

	// After the flush timeout b is retried anyway.
	clock.Step(5*time.Minute + time.Second)
	q.flushBackoff()
	q.flushUnschedulable()
	active, _, unsched = q.pendingPods()
	assert.ElementsMatch(t, []string{"a", "b"}, keys(active))
	assert.Empty(t, unsched)
}

func TestQueueInFlightEvents(t *testing.T) {
	t.Parallel()
	q, _ := newTestQueue(t, map[string][]framework.ClusterEventWithHint{
		"P": {{Event: framework.EventNodeAdd}},
	})
	q.add(makePod("a", "", 0))
	q.add(makePod("b", "", 0))
	a := q.pop()
	// A node arrives while a is being scheduled.
	q.moveAll(framework.EventNodeAdd, nil, nodeWithLabel("x"), nil)
	b := q.pop()
	a.UnschedulablePlugins = map[string]struct{}{"P": {}}
	b.UnschedulablePlugins = map[string]struct{}{"P": {}}
	require.True(t, q.requeue(a))
	require.True(t, q.requeue(b))
	_, backoff, unsched := q.pendingPods()
	assert.Equal(t, []string{"a"}, keys(backoff), "a saw the node add while in flight")
	assert.Equal(t, []string{"b"}, keys(unsched), "b was popped after it")
	assert.Zero(t, q.events.Len(), "no pod in flight: the event log is empty")
}

func TestQueueDeleteAndUpdate(t *testing.T) {
	t.Parallel()
	q, _ := newTestQueue(t, map[string][]framework.ClusterEventWithHint{
		"P": {{Event: framework.ClusterEvent{Resource: framework.UnscheduledPod, ActionType: framework.UpdatePodLabel}}},
	})
	p := makePod("a", "", 0)
	q.add(p)
	qpi := q.pop()
	q.delete(p)
	assert.False(t, q.requeue(qpi), "deleted while in flight")

	q.add(p)
	qpi = q.pop()
	qpi.UnschedulablePlugins = map[string]struct{}{"P": {}}
	require.True(t, q.requeue(qpi))
	// An update that the hint ignores keeps the pod, with the new object.
	p2 := *p
	p2.Annotations = map[string]string{"x": "y"}
	q.update(p, &p2)
	_, _, unsched := q.pendingPods()
	require.Len(t, unsched, 1)
	assert.Same(t, &p2, unsched[0].Pod)
	// A label change does move it.
	p3 := p2
	p3.Labels = map[string]string{"l": "v"}
	q.update(&p2, &p3)
	_, backoff, unsched := q.pendingPods()
	assert.Empty(t, unsched)
	require.Len(t, backoff, 1)
	assert.Same(t, &p3, backoff[0].Pod)
	q.delete(&p3)
	active, backoff, unsched := q.pendingPods()
	assert.Empty(t, active)
	assert.Empty(t, backoff)
	assert.Empty(t, unsched)
}

func TestQueuePreEnqueueAndActivate(t *testing.T) {
	t.Parallel()
	gate := framework.PreEnqueueFunc(func(_ context.Context, pod *apiobj.Pod) *framework.Status {
		if len(pod.Spec.SchedulingGates) != 0 {
			return framework.NewStatus(framework.UnschedulableAndUnresolvable, "gated")
		}
		return nil
	}).Named("Gates")
	q, _ := newTestQueue(t, map[string][]framework.ClusterEventWithHint{
		"Gates": {{Event: framework.ClusterEvent{Resource: framework.UnscheduledPod, ActionType: framework.UpdatePodSchedulingGatesEliminated}}},
		"P":     {},
	}, gate)
	p := makePod("gated", "", 0)
	p.Spec.SchedulingGates = []apiobj.PodSchedulingGate{{Name: "g"}}
	q.add(p)
	_, _, unsched := q.pendingPods()
	require.Len(t, unsched, 1)
	assert.True(t, unsched[0].Gated)
	assert.Equal(t, 1, q.gated)
	q.flushUnschedulable()
	q.Activate(p)
	_, _, unsched = q.pendingPods()
	assert.Len(t, unsched, 1, "still gated")

	open := *p
	open.Spec.SchedulingGates = nil
	q.update(p, &open)
	active, _, _ := q.pendingPods()
	require.Equal(t, []string{"gated"}, keys(active))
	assert.Equal(t, 0, q.gated)

	// Activate moves an unschedulable pod at once.
	qpi := q.pop()
	qpi.UnschedulablePlugins = map[string]struct{}{"P": {}}
	require.True(t, q.requeue(qpi))
	q.Activate(&open)
	active, _, _ = q.pendingPods()
	assert.Equal(t, []string{"gated"}, keys(active))

	// Activating a pod in flight requeues it to active when it fails.
	qpi = q.pop()
	q.Activate(&open)
	qpi.UnschedulablePlugins = map[string]struct{}{"P": {}}
	require.True(t, q.requeue(qpi))
	active, _, _ = q.pendingPods()
	assert.Equal(t, []string{"gated"}, keys(active))
}
