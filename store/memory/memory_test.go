package memory_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store"
	"github.com/orcaproj/orca/store/memory"
	"github.com/orcaproj/orca/store/storetest"
)

func newStore(testing.TB) store.Interface { return memory.New(memory.Config{}) }

func TestConformance(t *testing.T) {
	t.Parallel()
	storetest.Run(t, newStore)
}

// TestConformanceSmallHistory runs the suite with a history so short that
// automatic compaction runs all the time.
func TestConformanceSmallHistory(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(testing.TB) store.Interface {
		return memory.New(memory.Config{HistoryRevisions: 3000})
	})
}

const waitTimeout = 30 * time.Second

func open(t *testing.T, cfg memory.Config) store.Interface {
	t.Helper()
	s := memory.New(cfg)
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func create(t *testing.T, s store.Interface, key, value string, opts ...store.CreateOption) int64 {
	t.Helper()
	rev, err := s.Create(t.Context(), key, []byte(value), opts...)
	if err != nil {
		t.Fatalf("Create(%q): %v", key, err)
	}
	return rev
}

// next returns the watch's next event, failing t after waitTimeout.
func next(t *testing.T, w store.Watcher) (store.Event, bool) {
	t.Helper()
	select {
	case ev, ok := <-w.Events():
		return ev, ok
	case <-time.After(waitTimeout):
		t.Fatalf("no watch event for %v", waitTimeout)
		return store.Event{}, false
	}
}

// eventually polls cond until it holds, failing t after waitTimeout.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for delay := time.Millisecond; !cond(); delay = min(2*delay, 50*time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(delay)
	}
}

// consume reads w in the background, checking that change events arrive in
// revision order, until the channel closes. It reports the last revision
// seen and how the watch ended.
type consumer struct {
	mu      sync.Mutex
	last    int64
	changes int
	ended   error
	done    chan struct{}
}

func consume(w store.Watcher) *consumer {
	c := &consumer{done: make(chan struct{})}
	go func() {
		defer close(c.done)
		for ev := range w.Events() {
			c.mu.Lock()
			switch ev.Type {
			case store.Error:
				c.ended = ev.Err
			case store.Progress:
			default:
				if ev.Revision <= c.last {
					c.ended = fmt.Errorf("event at %d after %d", ev.Revision, c.last)
				}
				c.last = ev.Revision
				c.changes++
			}
			c.mu.Unlock()
		}
	}()
	return c
}

func (c *consumer) state() (int64, int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last, c.changes, c.ended
}

func TestSlowWatcherIsClosedOthersKeepGoing(t *testing.T) {
	t.Parallel()
	const history, writes = 200, 3000
	s := open(t, memory.Config{HistoryRevisions: history})
	ctx := t.Context()
	// The slow watcher never reads until the writes are done.
	slow, err := s.Watch(ctx, "/slow/", store.WatchOptions{Prefix: true, Revision: 1})
	if err != nil {
		t.Fatal(err)
	}
	var fast []*consumer
	for range 3 {
		w, err := s.Watch(ctx, "/slow/", store.WatchOptions{Prefix: true, Revision: 1})
		if err != nil {
			t.Fatal(err)
		}
		fast = append(fast, consume(w))
	}
	var rev int64
	for i := range writes {
		rev = create(t, s, fmt.Sprintf("/slow/%05d", i), "v")
		if i%(history/4) == 0 {
			// Keep the fast consumers inside the history window even on a
			// loaded machine. The writer itself never waits for a watcher.
			eventually(t, "fast watchers to catch up", func() bool {
				for _, c := range fast {
					if last, _, err := c.state(); last < rev || err != nil {
						return err != nil
					}
				}
				return true
			})
		}
	}
	for i, c := range fast {
		eventually(t, "fast watcher to see every write", func() bool {
			last, _, err := c.state()
			return last == rev || err != nil
		})
		if last, n, err := c.state(); err != nil || n != writes {
			t.Fatalf("fast watcher %d: %d events up to %d, ended %v", i, n, last, err)
		}
	}
	// The slow watcher holds a prefix of the history, then the verdict.
	var got int64
	for {
		ev, ok := next(t, slow)
		if !ok {
			t.Fatalf("slow watcher closed without an Error event")
		}
		if ev.Type == store.Error {
			if !errors.Is(ev.Err, store.ErrWatchTooSlow) || !errors.Is(ev.Err, errdefs.ErrUnavailable) {
				t.Fatalf("slow watcher ended with %v, want ErrWatchTooSlow", ev.Err)
			}
			break
		}
		if ev.Revision != got+1 {
			t.Fatalf("slow watcher: event at %d after %d", ev.Revision, got)
		}
		got = ev.Revision
	}
	if _, ok := next(t, slow); ok {
		t.Fatalf("slow watcher's channel open after the Error event")
	}
	// Resuming after its last event is no longer possible.
	if _, err := s.Watch(ctx, "/slow/", store.WatchOptions{Prefix: true, Revision: got + 1}); !errors.Is(err, store.ErrGone) {
		t.Fatalf("resuming the slow watcher: %v, want ErrGone", err)
	}
}

func TestHistoryCompactsByCount(t *testing.T) {
	t.Parallel()
	const history = 100
	s := open(t, memory.Config{HistoryRevisions: history})
	ctx := t.Context()
	rev := create(t, s, "/count/hot", "0")
	create(t, s, "/count/cold", "cold")
	for i := range 500 {
		var err error
		if rev, err = s.Update(ctx, "/count/hot", fmt.Appendf(nil, "%d", i+1), rev); err != nil {
			t.Fatal(err)
		}
	}
	oldest := rev - history + 1 // oldest retained change
	if _, err := s.Watch(ctx, "/count/", store.WatchOptions{Prefix: true, Revision: oldest - 1}); !errors.Is(err, store.ErrGone) {
		t.Fatalf("Watch before the history: %v, want ErrGone", err)
	}
	w, err := s.Watch(ctx, "/count/", store.WatchOptions{Prefix: true, Revision: oldest})
	if err != nil {
		t.Fatalf("Watch from the oldest retained revision: %v", err)
	}
	if ev, _ := next(t, w); ev.Revision != oldest {
		t.Fatalf("first replayed event at %d, want %d", ev.Revision, oldest)
	}
	if _, err := s.List(ctx, "/count/", store.ListOptions{Revision: oldest - 2}); !errors.Is(err, store.ErrGone) {
		t.Fatalf("List before the history: %v, want ErrGone", err)
	}
	// The state just before the oldest retained change is still readable.
	res, err := s.List(ctx, "/count/", store.ListOptions{Revision: oldest - 1})
	if err != nil || len(res.Items) != 2 || string(res.Items[1].Value) != fmt.Sprint(oldest-1-2) {
		t.Fatalf("List at %d = %+v, %v", oldest-1, res.Items, err)
	}
}

func TestHistoryCompactsByAge(t *testing.T) {
	t.Parallel()
	s := open(t, memory.Config{HistoryAge: 20 * time.Millisecond})
	ctx := t.Context()
	first := create(t, s, "/age/a", "1")
	create(t, s, "/age/b", "2")
	eventually(t, "age-based compaction", func() bool {
		_, err := s.Watch(ctx, "/age/", store.WatchOptions{Prefix: true, Revision: first})
		return errors.Is(err, store.ErrGone)
	})
	// The data itself stays, and a list-then-watch still works.
	res, err := s.List(ctx, "/age/", store.ListOptions{})
	if err != nil || len(res.Items) != 2 {
		t.Fatalf("List after compaction = %+v, %v", res, err)
	}
	w, err := s.Watch(ctx, "/age/", store.WatchOptions{Prefix: true, Revision: res.Revision + 1})
	if err != nil {
		t.Fatalf("Watch from the list's revision + 1: %v", err)
	}
	rev := create(t, s, "/age/c", "3")
	if ev, _ := next(t, w); ev.Revision != rev {
		t.Fatalf("event %+v, want the write at %d", ev, rev)
	}
}

func TestThousandWatchers(t *testing.T) {
	t.Parallel()
	s := open(t, memory.Config{})
	ctx := t.Context()
	const watchers, writes, keys = 1000, 60, 10
	type watch struct {
		w      store.Watcher
		expect func(key string) bool
	}
	var ws []watch
	for i := range watchers {
		var key string
		var opts store.WatchOptions
		switch i % 3 {
		case 0: // the whole prefix
			key, opts = "/many/", store.WatchOptions{Prefix: true}
		case 1: // one key
			key = fmt.Sprintf("/many/k%d", i%keys)
		case 2: // a prefix that is also the start of other keys
			key, opts = "/many/k1", store.WatchOptions{Prefix: true}
		}
		w, err := s.Watch(ctx, key, opts)
		if err != nil {
			t.Fatal(err)
		}
		match := func(k string) bool { return k == key }
		if opts.Prefix {
			match = func(k string) bool { return strings.HasPrefix(k, key) }
		}
		ws = append(ws, watch{w: w, expect: match})
	}
	var written []store.Event
	revs := map[string]int64{}
	for i := range writes {
		key := fmt.Sprintf("/many/k%d", i%(keys+3)) // k10..k12 also match /many/k1
		var rev int64
		var err error
		if old, ok := revs[key]; ok {
			rev, err = s.Update(ctx, key, fmt.Appendf(nil, "%d", i), old)
		} else {
			rev, err = s.Create(ctx, key, fmt.Appendf(nil, "%d", i))
		}
		if err != nil {
			t.Fatal(err)
		}
		revs[key] = rev
		written = append(written, store.Event{Key: key, Revision: rev, Value: fmt.Appendf(nil, "%d", i)})
	}
	var wg sync.WaitGroup
	errs := make([]error, len(ws))
	for i, w := range ws {
		wg.Go(func() {
			for _, want := range written {
				if !w.expect(want.Key) {
					continue
				}
				select {
				case ev := <-w.w.Events():
					if ev.Key != want.Key || ev.Revision != want.Revision || string(ev.Value) != string(want.Value) {
						errs[i] = fmt.Errorf("watcher %d: got %s@%d, want %s@%d", i, ev.Key, ev.Revision, want.Key, want.Revision)
						return
					}
				case <-time.After(waitTimeout):
					errs[i] = fmt.Errorf("watcher %d: no event for %s@%d", i, want.Key, want.Revision)
					return
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
}

func TestProgressNotifyWhenIdle(t *testing.T) {
	t.Parallel()
	s := open(t, memory.Config{ProgressInterval: 10 * time.Millisecond})
	ctx := t.Context()
	quiet, err := s.Watch(ctx, "/pn/", store.WatchOptions{Prefix: true})
	if err != nil {
		t.Fatal(err)
	}
	w, err := s.Watch(ctx, "/pn/", store.WatchOptions{Prefix: true, ProgressNotify: true})
	if err != nil {
		t.Fatal(err)
	}
	rev := create(t, s, "/pn/a", "1")
	create(t, s, "/other/b", "2")
	cur := rev + 1
	progress := 0
	for progress < 3 {
		ev, ok := next(t, w)
		switch {
		case !ok:
			t.Fatal("watch closed")
		case ev.Type == store.Added:
			if ev.Revision != rev {
				t.Fatalf("event %+v", ev)
			}
		case ev.Type == store.Progress:
			if ev.Revision != cur {
				t.Fatalf("idle Progress at %d, want the current revision %d", ev.Revision, cur)
			}
			progress++
		default:
			t.Fatalf("unexpected event %+v", ev)
		}
	}
	// The watch without ProgressNotify got its event and nothing else.
	if ev, _ := next(t, quiet); ev.Revision != rev {
		t.Fatalf("event %+v", ev)
	}
	select {
	case ev := <-quiet.Events():
		t.Fatalf("watch without ProgressNotify got %+v", ev)
	default:
	}
}

func TestRequestProgressCoversEarlierWrites(t *testing.T) {
	t.Parallel()
	s := open(t, memory.Config{})
	ctx := t.Context()
	w, err := s.Watch(ctx, "/rp/", store.WatchOptions{Prefix: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 50 {
		create(t, s, fmt.Sprintf("/elsewhere/%d", i), "x")
		cur, _ := s.CurrentRevision(ctx)
		w.RequestProgress()
		ev, _ := next(t, w)
		if ev.Type != store.Progress || ev.Revision < cur {
			t.Fatalf("after RequestProgress at revision %d: %+v", cur, ev)
		}
	}
}

func TestCloseEndsWatches(t *testing.T) {
	t.Parallel()
	s := memory.New(memory.Config{})
	ctx := t.Context()
	var ws []store.Watcher
	for i := range 10 {
		w, err := s.Watch(ctx, fmt.Sprintf("/close/%d", i), store.WatchOptions{})
		if err != nil {
			t.Fatal(err)
		}
		ws = append(ws, w)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// Close waited for the watchers: every channel is already closed, after
	// an Error event saying why.
	for i, w := range ws {
		ev, ok := <-w.Events()
		if !ok || ev.Type != store.Error || !errors.Is(ev.Err, errdefs.ErrUnavailable) {
			t.Fatalf("watch %d after Close: %+v, %v", i, ev, ok)
		}
		if _, ok := <-w.Events(); ok {
			t.Fatalf("watch %d still open after Close", i)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if _, err := s.Watch(ctx, "/close/", store.WatchOptions{Prefix: true}); !errors.Is(err, errdefs.ErrUnavailable) {
		t.Fatalf("Watch after Close: %v", err)
	}
}

func TestLeaseSparesNewIncarnation(t *testing.T) {
	t.Parallel()
	s := open(t, memory.Config{})
	ctx := t.Context()
	w, err := s.Watch(ctx, "/lease/", store.WatchOptions{Prefix: true})
	if err != nil {
		t.Fatal(err)
	}
	create(t, s, "/lease/k", "old", store.WithTTL(20*time.Millisecond))
	if _, _, err := s.Delete(ctx, "/lease/k"); err != nil {
		t.Fatal(err)
	}
	create(t, s, "/lease/k", "new")
	// A later lease: once it fires, the earlier one has been handled.
	create(t, s, "/lease/marker", "m", store.WithTTL(40*time.Millisecond))
	for {
		ev, ok := next(t, w)
		if !ok {
			t.Fatal("watch closed")
		}
		if ev.Type == store.Deleted && ev.Key == "/lease/marker" {
			break
		}
	}
	if kv, err := s.Get(ctx, "/lease/k"); err != nil || string(kv.Value) != "new" {
		t.Fatalf("re-created key = %q, %v; the old lease must not delete it", kv.Value, err)
	}
}

func TestBadRequests(t *testing.T) {
	t.Parallel()
	s := open(t, memory.Config{})
	ctx := t.Context()
	rev := create(t, s, "/bad/a", "v")
	tests := []struct {
		name string
		call func() error
	}{
		{"create empty key", func() error { _, err := s.Create(ctx, "", nil); return err }},
		{"update empty key", func() error { _, err := s.Update(ctx, "", nil, 1); return err }},
		{"delete empty key", func() error { _, _, err := s.Delete(ctx, ""); return err }},
		{"watch empty key", func() error { _, err := s.Watch(ctx, "", store.WatchOptions{}); return err }},
		{"watch negative revision", func() error {
			_, err := s.Watch(ctx, "/bad/", store.WatchOptions{Prefix: true, Revision: -1})
			return err
		}},
		{"list future revision", func() error {
			_, err := s.List(ctx, "/bad/", store.ListOptions{Revision: rev + 1})
			return err
		}},
		{"list negative limit", func() error { _, err := s.List(ctx, "/bad/", store.ListOptions{Limit: -1}); return err }},
		{"compact future revision", func() error { return s.Compact(ctx, rev+1) }},
	}
	for _, tc := range tests {
		if err := tc.call(); !errors.Is(err, errdefs.ErrBadRequest) {
			t.Errorf("%s: %v, want ErrBadRequest", tc.name, err)
		}
	}
	// Compacting an already compacted revision is a no-op.
	if err := s.Compact(ctx, rev); err != nil {
		t.Fatal(err)
	}
	if err := s.Compact(ctx, rev-1); err != nil {
		t.Fatalf("Compact below the compacted revision: %v", err)
	}
	// An empty key with Prefix watches everything.
	w, err := s.Watch(ctx, "", store.WatchOptions{Prefix: true})
	if err != nil {
		t.Fatal(err)
	}
	rev = create(t, s, "/anything", "v")
	if ev, _ := next(t, w); ev.Revision != rev {
		t.Fatalf("watch of everything: %+v", ev)
	}
}

func TestCanceledContext(t *testing.T) {
	t.Parallel()
	s := open(t, memory.Config{})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := s.Create(ctx, "/c/a", nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("Create with a canceled ctx: %v", err)
	}
	if _, err := s.Watch(ctx, "/c/", store.WatchOptions{Prefix: true}); !errors.Is(err, context.Canceled) {
		t.Fatalf("Watch with a canceled ctx: %v", err)
	}
}

func TestConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  memory.Config
		ok   bool
	}{
		{name: "zero", cfg: memory.Config{}, ok: true},
		{name: "set", cfg: memory.Config{HistoryRevisions: 5, HistoryAge: time.Second, ProgressInterval: time.Second}, ok: true},
		{name: "negative revisions", cfg: memory.Config{HistoryRevisions: -1}},
		{name: "negative age", cfg: memory.Config{HistoryAge: -time.Second}},
		{name: "negative interval", cfg: memory.Config{ProgressInterval: -time.Second}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.cfg.Validate()
			if (err == nil) != tc.ok || err != nil && !errors.Is(err, errdefs.ErrInvalid) {
				t.Fatalf("Validate() = %v, want ok %v", err, tc.ok)
			}
			defer func() {
				if r := recover(); (r == nil) != tc.ok {
					t.Fatalf("New panicked: %v, want ok %v", r, tc.ok)
				}
			}()
			memory.New(tc.cfg).Close()
		})
	}
}
