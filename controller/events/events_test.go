package events_test

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/clock/clocktest"
	"github.com/orcaproj/orca/controller/controllertest"
	"github.com/orcaproj/orca/controller/events"
)

type fixture struct {
	env   *controllertest.Env
	clock *clocktest.Fake
	rec   events.Recorder
	evs   *client.Resource[*apiobj.Event]
}

func start(t *testing.T, cfg events.Config) *fixture {
	t.Helper()
	env := controllertest.Start(t)
	fake := clocktest.NewFake(time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC))
	cfg.Client, cfg.Clock, cfg.Host = env.Client, fake, "node-1"
	b, err := events.NewBroadcaster(cfg)
	require.NoError(t, err)
	require.False(t, b.NeedLeaderElection())
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- b.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		require.NoError(t, <-done)
	})
	return &fixture{env: env, clock: fake, rec: b.Recorder("website-controller"), evs: client.For[*apiobj.Event](env.Client)}
}

// events lists the events about the named object, oldest first.
func (f *fixture) events(t *testing.T, name string) []*apiobj.Event {
	t.Helper()
	all, _, err := f.evs.List(context.Background(), client.ListOptions{})
	require.NoError(t, err)
	var out []*apiobj.Event
	for _, e := range all {
		if e.InvolvedObject.Name == name {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// flush records an event on a sentinel object and waits for it: the writer
// is sequential, so everything recorded before has been handled.
func (f *fixture) flush(t *testing.T) {
	t.Helper()
	name := fmt.Sprintf("sentinel-%d", f.clock.Now().UnixNano())
	f.rec.Event(pod(name), apiobj.EventTypeNormal, "Flush", "flush")
	controllertest.Eventually(t, 10*time.Second, "the sentinel event", func() bool { return len(f.events(t, name)) == 1 })
}

func pod(name string) *apiobj.Pod {
	return &apiobj.Pod{ObjectMeta: apiobj.ObjectMeta{Name: name, Namespace: "default", UID: apiobj.UID("uid-" + name)}}
}

func TestRepeatsFoldIntoCounts(t *testing.T) {
	t.Parallel()
	f := start(t, events.Config{})
	p := pod("web-1")
	for range 5 {
		f.rec.Event(p, apiobj.EventTypeWarning, "BackOff", "restarting failed container")
		f.clock.Step(time.Second)
	}
	f.rec.Eventf(p, apiobj.EventTypeNormal, "Pulled", "pulled image %q", "busybox")
	controllertest.Eventually(t, 10*time.Second, "a folded event with count 5", func() bool {
		evs := f.events(t, "web-1")
		return len(evs) == 2 && evs[0].Count == 5
	})
	evs := f.events(t, "web-1")
	first := evs[0]
	require.Equal(t, "BackOff", first.Reason)
	require.Equal(t, apiobj.EventTypeWarning, first.Type)
	require.Equal(t, "restarting failed container", first.Message)
	require.Equal(t, apiobj.ObjectReference{Kind: "Pod", APIVersion: "v1", Namespace: "default", Name: "web-1", UID: "uid-web-1"},
		first.InvolvedObject)
	require.Equal(t, apiobj.EventSource{Component: "website-controller", Host: "node-1"}, first.Source)
	require.Equal(t, "website-controller", first.ReportingController)
	require.Equal(t, 4*time.Second, first.LastTimestamp.Sub(first.FirstTimestamp.Time))
	require.Equal(t, "default", first.Namespace)
	require.Equal(t, int32(1), evs[1].Count)
	require.Equal(t, `pulled image "busybox"`, evs[1].Message)

	// Past the fold window, a repeat starts a new event.
	f.clock.Step(events.DefaultFoldWindow + time.Second)
	f.rec.Event(p, apiobj.EventTypeWarning, "BackOff", "restarting failed container")
	controllertest.Eventually(t, 10*time.Second, "a new event after the window", func() bool {
		return len(f.events(t, "web-1")) == 3
	})
	require.Equal(t, int32(1), f.events(t, "web-1")[2].Count)

	// A folded event that was deleted is written anew.
	f.clock.Step(time.Second)
	last := f.events(t, "web-1")[2]
	require.NoError(t, f.evs.Namespace("default").Delete(context.Background(), last.Name))
	f.rec.Event(p, apiobj.EventTypeWarning, "BackOff", "restarting failed container")
	controllertest.Eventually(t, 10*time.Second, "the deleted event written anew", func() bool {
		evs := f.events(t, "web-1")
		return len(evs) == 3 && evs[2].Name != last.Name && evs[2].Count == 1
	})
}

func TestPerObjectRateLimit(t *testing.T) {
	t.Parallel()
	f := start(t, events.Config{Burst: 3, RefillInterval: time.Minute})
	p := pod("chatty")
	for i := range 5 {
		f.rec.Eventf(p, apiobj.EventTypeNormal, "Tick", "tick %d", i)
	}
	f.rec.Event(pod("quiet"), apiobj.EventTypeNormal, "Tick", "other objects have their own budget")
	f.flush(t)
	require.Len(t, f.events(t, "chatty"), 3, "the burst passes, the rest is dropped")
	require.Len(t, f.events(t, "quiet"), 1)

	f.clock.Step(time.Minute)
	f.rec.Event(p, apiobj.EventTypeNormal, "Tick", "after refill")
	f.rec.Event(p, apiobj.EventTypeNormal, "Tick", "beyond refill")
	f.flush(t)
	evs := f.events(t, "chatty")
	require.Len(t, evs, 4, "one token came back")
	require.Equal(t, "after refill", evs[3].Message)
}

func TestClusterScopedAndBadInput(t *testing.T) {
	t.Parallel()
	f := start(t, events.Config{})
	node := &apiobj.Node{ObjectMeta: apiobj.ObjectMeta{Name: "node-a", UID: "n1"}}
	f.rec.Event(node, apiobj.EventTypeNormal, "NodeReady", "node is ready")
	f.rec.Event(node, "Bogus", "Nope", "an unsupported type is dropped")
	controllertest.Eventually(t, 10*time.Second, "the node event", func() bool { return len(f.events(t, "node-a")) == 1 })
	ev := f.events(t, "node-a")[0]
	require.Equal(t, "default", ev.Namespace, "events about cluster-scoped objects go to default")
	require.Equal(t, "Node", ev.InvolvedObject.Kind)
	f.flush(t)
	require.Len(t, f.events(t, "node-a"), 1)
}

func TestRecordingNeverBlocks(t *testing.T) {
	t.Parallel()
	env := controllertest.Start(t)
	b, err := events.NewBroadcaster(events.Config{Client: env.Client, QueueSize: 2})
	require.NoError(t, err)
	rec := b.Recorder("c")
	done := make(chan struct{})
	go func() {
		for i := range 1000 { // nothing drains the queue: Run never started
			rec.Eventf(pod("p"), apiobj.EventTypeNormal, "R", "%d", i)
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("recording blocked")
	}
	_, err = events.NewBroadcaster(events.Config{})
	require.Error(t, err, "a client is required")
}
