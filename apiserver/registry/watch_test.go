package registry_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
	"github.com/orcaproj/orca/apiserver/registry"
	"github.com/orcaproj/orca/apiserver/watchcache"
	"github.com/orcaproj/orca/store/memory"
)

func next(t *testing.T, w *watchcache.Watcher) watchcache.Event {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	ev, err := w.Next(ctx)
	require.NoError(t, err)
	return ev
}

func noEvent(t *testing.T, w *watchcache.Watcher) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	ev, err := w.Next(ctx)
	require.Error(t, err, "unexpected event %v %v", ev.Type, ev.Object)
}

func TestWatchEvents(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.res(cmGVR)
	created, err := e.reg.Create(e.ctx, res, defaultNS, cm("a", map[string]string{"k": "v"}), registry.CreateOptions{})
	require.NoError(t, err)

	w, err := e.reg.Watch(e.ctx, res, defaultNS, registry.WatchOptions{ResourceVersion: created.GetResourceVersion()})
	require.NoError(t, err)
	defer w.Stop()

	// A no-op update emits nothing.
	_, err = e.reg.Update(e.ctx, res, defaultNS, "a", replace(created), registry.UpdateOptions{})
	require.NoError(t, err)
	c2 := created.DeepCopyObject().(*apiobj.ConfigMap)
	c2.Data["k"] = "v2"
	upd, err := e.reg.Update(e.ctx, res, defaultNS, "a", replace(c2), registry.UpdateOptions{})
	require.NoError(t, err)
	ev := next(t, w)
	assert.Equal(t, watchcache.Modified, ev.Type)
	assert.Equal(t, upd.GetResourceVersion(), ev.Object.GetResourceVersion())
	assert.Equal(t, "v2", ev.Object.(*apiobj.ConfigMap).Data["k"])

	_, _, err = e.reg.Delete(e.ctx, res, defaultNS, "a", nil)
	require.NoError(t, err)
	ev = next(t, w)
	assert.Equal(t, watchcache.Deleted, ev.Type)
	noEvent(t, w)

	// Resume from the first revision replays both events.
	w2, err := e.reg.Watch(e.ctx, res, defaultNS, registry.WatchOptions{ResourceVersion: created.GetResourceVersion()})
	require.NoError(t, err)
	defer w2.Stop()
	assert.Equal(t, watchcache.Modified, next(t, w2).Type)
	assert.Equal(t, watchcache.Deleted, next(t, w2).Type)

	// A watch from "" starts with the current state.
	_, err = e.reg.Create(e.ctx, res, defaultNS, cm("b", nil), registry.CreateOptions{})
	require.NoError(t, err)
	w3, err := e.reg.Watch(e.ctx, res, defaultNS, registry.WatchOptions{})
	require.NoError(t, err)
	defer w3.Stop()
	ev = next(t, w3)
	assert.Equal(t, watchcache.Added, ev.Type)
	assert.Equal(t, "b", ev.Object.GetName())
}

func TestWatchSelectorTransitions(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.res(cmGVR)
	c := cm("a", nil)
	c.Labels = map[string]string{"app": "x"}
	created, err := e.reg.Create(e.ctx, res, defaultNS, c, registry.CreateOptions{})
	require.NoError(t, err)
	sel, err := labels.Parse("app=x")
	require.NoError(t, err)
	w, err := e.reg.Watch(e.ctx, res, defaultNS, registry.WatchOptions{LabelSelector: sel, ResourceVersion: created.GetResourceVersion()})
	require.NoError(t, err)
	defer w.Stop()
	c2 := created.DeepCopyObject()
	c2.SetLabels(map[string]string{"app": "y"})
	out, err := e.reg.Update(e.ctx, res, defaultNS, "a", replace(c2), registry.UpdateOptions{})
	require.NoError(t, err)
	assert.Equal(t, watchcache.Deleted, next(t, w).Type, "leaving the selector is a DELETED")
	c3 := out.DeepCopyObject()
	c3.SetLabels(map[string]string{"app": "x"})
	_, err = e.reg.Update(e.ctx, res, defaultNS, "a", replace(c3), registry.UpdateOptions{})
	require.NoError(t, err)
	assert.Equal(t, watchcache.Added, next(t, w).Type, "entering the selector is an ADDED")
}

func TestWatchTooOld(t *testing.T) {
	t.Parallel()
	st := memory.New(memory.Config{})
	t.Cleanup(func() { _ = st.Close() })
	reg, err := registry.New(registry.Config{Store: st, Scheme: apiobj.NewScheme()})
	require.NoError(t, err)
	t.Cleanup(reg.Close)
	ctx := context.Background()
	require.NoError(t, reg.Bootstrap(ctx, 0))
	res, err := reg.Resource(cmGVR)
	require.NoError(t, err)
	first, err := reg.Create(ctx, res, defaultNS, cm("a", nil), registry.CreateOptions{})
	require.NoError(t, err)
	cur, err := st.CurrentRevision(ctx)
	require.NoError(t, err)
	require.NoError(t, st.Compact(ctx, cur))
	// The cache starts after the compaction: its history begins at cur.
	w, err := reg.Watch(ctx, res, defaultNS, registry.WatchOptions{ResourceVersion: "1"})
	require.Error(t, err, "%v", first)
	st410 := apiobj.StatusFromError(err)
	assert.Equal(t, int32(410), st410.Code)
	assert.Equal(t, apiobj.StatusReasonExpired, st410.Reason)
	assert.Contains(t, st410.Message, "too old resource version")
	assert.Nil(t, w)
}

func TestStreamingListAndBookmarks(t *testing.T) {
	t.Parallel()
	st := memory.New(memory.Config{})
	t.Cleanup(func() { _ = st.Close() })
	reg, err := registry.New(registry.Config{Store: st, Scheme: apiobj.NewScheme(), BookmarkInterval: 20 * time.Millisecond})
	require.NoError(t, err)
	t.Cleanup(reg.Close)
	ctx := context.Background()
	require.NoError(t, reg.Bootstrap(ctx, 0))
	res, err := reg.Resource(cmGVR)
	require.NoError(t, err)
	for i := 0; i < 3; i++ {
		_, err := reg.Create(ctx, res, defaultNS, cm("c"+strconv.Itoa(i), nil), registry.CreateOptions{})
		require.NoError(t, err)
	}
	w, err := reg.Watch(ctx, res, defaultNS, registry.WatchOptions{SendInitialEvents: true,
		ResourceVersionMatch: registry.MatchNotOlderThan, AllowBookmarks: true})
	require.NoError(t, err)
	defer w.Stop()
	for i := 0; i < 3; i++ {
		ev := next(t, w)
		assert.Equal(t, watchcache.Added, ev.Type)
		assert.Equal(t, "c"+strconv.Itoa(i), ev.Object.GetName())
	}
	ev := next(t, w)
	assert.Equal(t, watchcache.Bookmark, ev.Type)
	assert.True(t, ev.InitialEventsEnd)
	// Periodic bookmarks follow.
	ev = next(t, w)
	assert.Equal(t, watchcache.Bookmark, ev.Type)
	assert.False(t, ev.InitialEventsEnd)

	_, err = reg.Watch(ctx, res, defaultNS, registry.WatchOptions{SendInitialEvents: true})
	assert.Equal(t, int32(422), apiobj.StatusFromError(err).Code)
}

func TestSlowWatcherIsCutOff(t *testing.T) {
	t.Parallel()
	st := memory.New(memory.Config{})
	t.Cleanup(func() { _ = st.Close() })
	ctx := context.Background()
	c, err := watchcache.New(watchcache.Config{Store: st, Prefix: "/p/", WatcherBuffer: 5,
		Decode: func(b []byte, rev int64) (apiobj.Object, error) {
			u := apiobj.NewUnstructured(apiobj.CoreV1.WithKind("ConfigMap"))
			u.SetName(string(b))
			u.SetResourceVersion(strconv.FormatInt(rev, 10))
			return u, nil
		}})
	require.NoError(t, err)
	t.Cleanup(c.Stop)
	slow, err := c.Watch(ctx, watchcache.WatchOptions{})
	require.NoError(t, err)
	fast, err := c.Watch(ctx, watchcache.WatchOptions{})
	require.NoError(t, err)
	var last int64
	for i := 0; i < 20; i++ {
		last, err = st.Create(ctx, "/p/"+strconv.Itoa(i), []byte("o"+strconv.Itoa(i)))
		require.NoError(t, err)
		ev := next(t, fast)
		assert.Equal(t, watchcache.Added, ev.Type)
	}
	require.NoError(t, c.WaitFor(ctx, last))
	// The slow one got its buffer, then the end.
	n := 0
	for {
		_, err := slow.Next(ctx)
		if err != nil {
			assert.ErrorIs(t, err, watchcache.ErrTooSlow)
			break
		}
		n++
	}
	assert.Equal(t, 5, n)
	assert.Equal(t, 1, c.Watchers())
}

func TestConsistentListFromCache(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.res(cmGVR)
	for i := 0; i < 50; i++ {
		_, err := e.reg.Create(e.ctx, res, defaultNS, cm("c"+strconv.Itoa(i), nil), registry.CreateOptions{})
		require.NoError(t, err)
		// Every list right after a write sees it.
		l, err := e.reg.List(e.ctx, res, defaultNS, registry.ListOptions{})
		require.NoError(t, err)
		require.Len(t, l.GetItems(), i+1)
	}
	// Writes elsewhere do not stall a consistent list.
	_, err := e.reg.Create(e.ctx, e.res(podsGVR), defaultNS, pod("p"), registry.CreateOptions{})
	require.NoError(t, err)
	l, err := e.reg.List(e.ctx, res, defaultNS, registry.ListOptions{})
	require.NoError(t, err)
	cur, _ := e.store.CurrentRevision(e.ctx)
	assert.Equal(t, strconv.FormatInt(cur, 10), l.GetResourceVersion())
}
