package storetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orcaproj/orca/store"
)

var watchTests = []suiteTest{
	{"WatchKey", testWatchKey},
	{"WatchPrevValue", testWatchPrevValue},
	{"WatchPrefixExact", testWatchPrefixExact},
	{"WatchFromEveryRevision", testWatchFromEveryRevision},
	{"WatchMergedStreamsAgree", testWatchMergedStreams},
	{"WatchFromCompactedRevision", testWatchCompacted},
	{"WatchProgress", testWatchProgress},
	{"WatchCancel", testWatchCancel},
	{"WatchStartsNow", testWatchStartsNow},
	{"WatchFromFutureRevision", testWatchFromFuture},
	{"TTLExpiry", testTTLExpiry},
}

// stream reads one watch and checks what every watch must keep: change
// events in revision order without duplicates, well-formed fields, Progress
// revisions at least that of every change already delivered, and nothing
// after an Error.
type stream struct {
	name    string
	w       store.Watcher
	last    int64  // revision of the last change event
	lastKey string // its key
	changes []store.Event
	ended   error // the terminal Error's Err
}

func newStream(name string, w store.Watcher) *stream { return &stream{name: name, w: w} }

func watchStream(t testing.TB, ctx context.Context, s store.Interface, key string, opts store.WatchOptions) *stream {
	t.Helper()
	w, err := s.Watch(ctx, key, opts)
	if err != nil {
		t.Fatalf("Watch(%q, %+v): %v", key, opts, err)
	}
	return newStream(fmt.Sprintf("watch(%s from %d)", key, opts.Revision), w)
}

var errClosedChan = errors.New("watch channel closed")

// next returns the next event, errClosedChan when the channel closed, or an
// error on a broken invariant or after waitTimeout.
func (st *stream) next() (store.Event, error) {
	timer := time.NewTimer(waitTimeout)
	defer timer.Stop()
	select {
	case ev, ok := <-st.w.Events():
		if !ok {
			return ev, errClosedChan
		}
		return ev, st.check(ev)
	case <-timer.C:
		return store.Event{}, fmt.Errorf("%s: no event for %v (last revision %d)", st.name, waitTimeout, st.last)
	}
}

func (st *stream) check(ev store.Event) error {
	if st.ended != nil {
		return fmt.Errorf("%s: %v event after the terminal Error (%v)", st.name, ev.Type, st.ended)
	}
	switch ev.Type {
	case store.Added, store.Modified, store.Deleted:
		if ev.Revision < st.last || ev.Revision == st.last && ev.Key <= st.lastKey {
			return fmt.Errorf("%s: %v of %q at revision %d after %q at %d: out of order or duplicate",
				st.name, ev.Type, ev.Key, ev.Revision, st.lastKey, st.last)
		}
		st.last, st.lastKey = ev.Revision, ev.Key
		var bad bool
		switch ev.Type {
		case store.Added:
			bad = ev.CreateRevision != ev.Revision
		case store.Modified:
			bad = ev.CreateRevision <= 0 || ev.CreateRevision >= ev.Revision
		case store.Deleted:
			bad = ev.CreateRevision != 0 || len(ev.Value) != 0
		}
		if bad || ev.Err != nil {
			return fmt.Errorf("%s: malformed event %s", st.name, fmtEvent(ev))
		}
		st.changes = append(st.changes, ev)
	case store.Progress:
		if ev.Revision < st.last {
			return fmt.Errorf("%s: Progress at revision %d after an event at %d", st.name, ev.Revision, st.last)
		}
	case store.Error:
		if ev.Err == nil {
			return fmt.Errorf("%s: Error event without Err", st.name)
		}
		st.ended = ev.Err
	default:
		return fmt.Errorf("%s: unknown event type %v", st.name, ev.Type)
	}
	return nil
}

// until reads until a change event at revision rev or later arrives, and
// returns the change events read.
func (st *stream) until(rev int64) ([]store.Event, error) {
	from := len(st.changes)
	for st.last < rev {
		ev, err := st.next()
		if err != nil {
			return st.changes[from:], err
		}
		if ev.Type == store.Error {
			return st.changes[from:], fmt.Errorf("%s: watch ended waiting for revision %d: %w", st.name, rev, ev.Err)
		}
	}
	return st.changes[from:], nil
}

// untilProgress reads until a Progress event arrives and returns its
// revision.
func (st *stream) untilProgress() (int64, error) {
	for {
		ev, err := st.next()
		if err != nil {
			return 0, err
		}
		switch ev.Type {
		case store.Progress:
			return ev.Revision, nil
		case store.Error:
			return 0, fmt.Errorf("%s: watch ended waiting for Progress: %w", st.name, ev.Err)
		}
	}
}

func fmtEvent(ev store.Event) string {
	if ev.Type == store.Progress {
		return fmt.Sprintf("PROGRESS@%d", ev.Revision)
	}
	if ev.Type == store.Error {
		return fmt.Sprintf("ERROR(%v)", ev.Err)
	}
	return fmt.Sprintf("%v %s=%q prev=%q @%d create %d", ev.Type, ev.Key, ev.Value, ev.PrevValue, ev.Revision, ev.CreateRevision)
}

// sameEvents compares change events; PrevValue only when withPrev.
func sameEvents(got, want []store.Event, withPrev bool) string {
	eq := func(a, b store.Event) bool {
		return a.Type == b.Type && a.Key == b.Key && bytes.Equal(a.Value, b.Value) &&
			a.Revision == b.Revision && a.CreateRevision == b.CreateRevision &&
			(!withPrev || bytes.Equal(a.PrevValue, b.PrevValue))
	}
	if slices.EqualFunc(got, want, eq) {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "got %d events, want %d:\n", len(got), len(want))
	for i := range max(len(got), len(want)) {
		g, w := "-", "-"
		if i < len(got) {
			g = fmtEvent(got[i])
		}
		if i < len(want) {
			w = fmtEvent(want[i])
		}
		mark := " "
		if i >= len(got) || i >= len(want) || !eq(got[i], want[i]) {
			mark = "!"
		}
		fmt.Fprintf(&b, "%s %3d got  %s\n      want %s\n", mark, i, g, w)
	}
	return b.String()
}

// history performs writes and keeps the events they must produce, with
// PrevValue filled in. A history made with newHistory fails t on a write
// error; one made with newBackgroundHistory (for other goroutines) stops
// writing and keeps the error in err.
type history struct {
	t      testing.TB // nil in the background
	ctx    context.Context
	s      store.Interface
	events []store.Event
	cur    map[string]store.KeyValue
	err    error
}

func newHistory(t testing.TB, s store.Interface) *history {
	return &history{t: t, ctx: t.Context(), s: s, cur: map[string]store.KeyValue{}}
}

func newBackgroundHistory(ctx context.Context, s store.Interface) *history {
	return &history{ctx: ctx, s: s, cur: map[string]store.KeyValue{}}
}

// failed records err and reports whether the history has failed.
func (h *history) failed(err error) bool {
	if err == nil {
		return h.err != nil
	}
	if h.t != nil {
		h.t.Helper()
		h.t.Fatal(err)
	}
	if h.err == nil {
		h.err = err
	}
	return true
}

func (h *history) create(key, value string) int64 {
	if h.t != nil {
		h.t.Helper()
	}
	if h.failed(nil) {
		return 0
	}
	rev, err := h.s.Create(h.ctx, key, []byte(value))
	if h.failed(wrapErr(err, "Create(%q)", key)) {
		return 0
	}
	h.cur[key] = store.KeyValue{Key: key, Value: []byte(value), CreateRevision: rev, ModRevision: rev}
	h.events = append(h.events, store.Event{Type: store.Added, Key: key, Value: []byte(value), Revision: rev, CreateRevision: rev})
	return rev
}

func (h *history) update(key, value string) int64 {
	if h.t != nil {
		h.t.Helper()
	}
	if h.failed(nil) {
		return 0
	}
	old := h.cur[key]
	rev, err := h.s.Update(h.ctx, key, []byte(value), old.ModRevision)
	if h.failed(wrapErr(err, "Update(%q, %d)", key, old.ModRevision)) {
		return 0
	}
	h.cur[key] = store.KeyValue{Key: key, Value: []byte(value), CreateRevision: old.CreateRevision, ModRevision: rev}
	h.events = append(h.events, store.Event{Type: store.Modified, Key: key, Value: []byte(value), PrevValue: old.Value, Revision: rev, CreateRevision: old.CreateRevision})
	return rev
}

func (h *history) delete(key string) int64 {
	if h.t != nil {
		h.t.Helper()
	}
	if h.failed(nil) {
		return 0
	}
	old := h.cur[key]
	rev, _, err := h.s.Delete(h.ctx, key)
	if h.failed(wrapErr(err, "Delete(%q)", key)) {
		return 0
	}
	delete(h.cur, key)
	h.events = append(h.events, store.Event{Type: store.Deleted, Key: key, PrevValue: old.Value, Revision: rev})
	return rev
}

func wrapErr(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}

// mixed performs n writes over keys under prefix: creates, updates and
// deletes.
func (h *history) mixed(prefix string, keys, n int) {
	if h.t != nil {
		h.t.Helper()
	}
	for i := 0; i < n && !h.failed(nil); i++ {
		key := fmt.Sprintf("%s%d", prefix, i%keys)
		_, exists := h.cur[key]
		switch {
		case !exists:
			h.create(key, fmt.Sprintf("v%d", i))
		case i%5 == 4:
			h.delete(key)
		default:
			h.update(key, fmt.Sprintf("v%d", i))
		}
	}
}

func suffix(events []store.Event, from int64) []store.Event {
	i := slices.IndexFunc(events, func(ev store.Event) bool { return ev.Revision >= from })
	if i < 0 {
		return nil
	}
	return events[i:]
}

func filter(events []store.Event, keep func(store.Event) bool) []store.Event {
	var out []store.Event
	for _, ev := range events {
		if keep(ev) {
			out = append(out, ev)
		}
	}
	return out
}

func testWatchKey(t *testing.T, s store.Interface) {
	ctx := testContext(t)
	st := watchStream(t, ctx, s, "/wk/k", store.WatchOptions{})
	h := newHistory(t, s)
	h.create("/wk/k", "1")
	h.create("/wk/k2", "other")
	h.create("/wk/j", "other")
	h.update("/wk/k", "2")
	h.update("/wk/k2", "other2")
	h.delete("/wk/k")
	last := h.create("/wk/k", "3")
	got, err := st.until(last)
	if err != nil {
		t.Fatal(err)
	}
	want := filter(h.events, func(ev store.Event) bool { return ev.Key == "/wk/k" })
	if d := sameEvents(got, want, false); d != "" {
		t.Fatalf("watch of one key: %s", d)
	}
}

func testWatchPrevValue(t *testing.T, s store.Interface) {
	ctx := testContext(t)
	st := watchStream(t, ctx, s, "/wpv/", store.WatchOptions{Prefix: true, PrevValue: true})
	h := newHistory(t, s)
	h.create("/wpv/a", "a1")
	h.update("/wpv/a", "a2")
	h.create("/wpv/b", "b1")
	h.update("/wpv/a", "a3")
	h.delete("/wpv/a")
	last := h.delete("/wpv/b")
	got, err := st.until(last)
	if err != nil {
		t.Fatal(err)
	}
	if d := sameEvents(got, h.events, true); d != "" {
		t.Fatalf("watch with PrevValue: %s", d)
	}
}

func testWatchPrefixExact(t *testing.T, s store.Interface) {
	ctx := testContext(t)
	st := watchStream(t, ctx, s, "/wpe/ns1/", store.WatchOptions{Prefix: true})
	h := newHistory(t, s)
	for _, k := range []string{"/wpe/ns10/x", "/wpe/ns1", "/wpe/ns1/a", "/wpe/ns2/a", "/wpe/ns1-x", "/wpe/ns1/b/c"} {
		h.create(k, k)
	}
	last := h.update("/wpe/ns1/a", "again")
	got, err := st.until(last)
	if err != nil {
		t.Fatal(err)
	}
	want := filter(h.events, func(ev store.Event) bool { return strings.HasPrefix(ev.Key, "/wpe/ns1/") })
	if d := sameEvents(got, want, false); d != "" {
		t.Fatalf("watch of prefix /wpe/ns1/: %s", d)
	}
}

func testWatchFromEveryRevision(t *testing.T, s store.Interface) {
	ctx := testContext(t)
	h := newHistory(t, s)
	h.mixed("/wer/", 4, 40)
	first, last := h.events[0].Revision, h.events[len(h.events)-1].Revision
	streams := map[int64]*stream{}
	for rev := first; rev <= last+1; rev++ {
		streams[rev] = watchStream(t, ctx, s, "/wer/", store.WatchOptions{Prefix: true, Revision: rev, PrevValue: true})
	}
	// One write after every watch is open ends each expected stream.
	marker := h.create("/wer/marker", "m")
	var mu sync.Mutex
	var errs []error
	var wg sync.WaitGroup
	for rev, st := range streams {
		wg.Go(func() {
			got, err := st.until(marker)
			if err == nil {
				if d := sameEvents(got, suffix(h.events, rev), true); d != "" {
					err = fmt.Errorf("watch from revision %d: %s", rev, d)
				}
			}
			if err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
}

func testWatchMergedStreams(t *testing.T, s store.Interface) {
	ctx := testContext(t)
	start := mustRevision(t, s) + 1
	subs := []string{"/wms/a/", "/wms/b/", "/wms/c/"}
	all := watchStream(t, ctx, s, "/wms/", store.WatchOptions{Prefix: true, Revision: start})
	var parts []*stream
	for _, p := range subs {
		parts = append(parts, watchStream(t, ctx, s, p, store.WatchOptions{Prefix: true, Revision: start}))
	}
	one := watchStream(t, ctx, s, "/wms/b/1", store.WatchOptions{Revision: start})

	// Writers run concurrently, one per sub-prefix, while a second
	// whole-prefix watch joins midway and progress is requested at random.
	histories := make([]*history, len(subs))
	var wg sync.WaitGroup
	for i, p := range subs {
		histories[i] = newBackgroundHistory(ctx, s)
		wg.Go(func() { histories[i].mixed(p, 3, 40) })
	}
	mid := watchStream(t, ctx, s, "/wms/", store.WatchOptions{Prefix: true})
	midFrom := mustRevision(t, s) + 1
	stopProgress := make(chan struct{})
	var pwg sync.WaitGroup
	pwg.Go(func() {
		for {
			select {
			case <-stopProgress:
				return
			case <-time.After(time.Millisecond):
				all.w.RequestProgress()
				mid.w.RequestProgress()
			}
		}
	})
	wg.Wait()
	close(stopProgress)
	pwg.Wait()
	var want []store.Event
	for _, h := range histories {
		if h.err != nil {
			t.Fatal(h.err)
		}
		want = append(want, h.events...)
	}
	slices.SortFunc(want, func(a, b store.Event) int { return cmpInt(a.Revision, b.Revision) })
	last := want[len(want)-1].Revision

	got, err := all.until(last)
	if err != nil {
		t.Fatal(err)
	}
	if d := sameEvents(got, want, false); d != "" {
		t.Fatalf("whole-prefix watch: %s", d)
	}
	var merged []store.Event
	for i, st := range parts {
		part, err := st.until(histories[i].events[len(histories[i].events)-1].Revision)
		if err != nil {
			t.Fatal(err)
		}
		merged = append(merged, part...)
	}
	slices.SortFunc(merged, func(a, b store.Event) int { return cmpInt(a.Revision, b.Revision) })
	if d := sameEvents(merged, got, false); d != "" {
		t.Fatalf("merged sub-prefix watches differ from the whole-prefix watch: %s", d)
	}
	wantOne := filter(want, func(ev store.Event) bool { return ev.Key == "/wms/b/1" })
	gotOne, err := one.until(wantOne[len(wantOne)-1].Revision)
	if err != nil {
		t.Fatal(err)
	}
	if d := sameEvents(gotOne, wantOne, false); d != "" {
		t.Fatalf("single-key watch: %s", d)
	}
	gotMid, err := mid.until(last)
	if err != nil {
		t.Fatal(err)
	}
	// The midway watch started at "now": it must hold exactly a suffix of
	// the full stream, at least from midFrom.
	if len(gotMid) > 0 {
		if d := sameEvents(gotMid, suffix(want, gotMid[0].Revision), false); d != "" {
			t.Fatalf("midway watch is not a suffix of the full stream: %s", d)
		}
	}
	if want := suffix(want, midFrom); len(gotMid) < len(want) {
		t.Fatalf("midway watch saw %d events, but %d happened after it started", len(gotMid), len(want))
	}
}

func testWatchCompacted(t *testing.T, s store.Interface) {
	ctx := testContext(t)
	h := newHistory(t, s)
	h.mixed("/wc/", 3, 12)
	cut := h.events[6].Revision
	if err := s.Compact(ctx, cut); err != nil {
		t.Fatalf("Compact(%d): %v", cut, err)
	}
	w, err := s.Watch(ctx, "/wc/", store.WatchOptions{Prefix: true, Revision: cut - 1})
	if err == nil {
		st := newStream("watch from a compacted revision", w)
		ev, nerr := st.next()
		switch {
		case nerr != nil:
			t.Fatalf("watch from compacted revision %d: %v", cut-1, nerr)
		case ev.Type != store.Error:
			t.Fatalf("watch from compacted revision %d delivered %s, want ErrGone", cut-1, fmtEvent(ev))
		}
		err = ev.Err
		if _, nerr := st.next(); nerr != errClosedChan {
			t.Fatalf("watch channel not closed after the Error event: %v", nerr)
		}
	}
	wantErr(t, fmt.Sprintf("watch from compacted revision %d", cut-1), err, store.ErrGone)

	// The retained suffix can still be watched.
	st := watchStream(t, ctx, s, "/wc/", store.WatchOptions{Prefix: true, Revision: cut + 1})
	last := h.events[len(h.events)-1].Revision
	got, err := st.until(last)
	if err != nil {
		t.Fatal(err)
	}
	if d := sameEvents(got, suffix(h.events, cut+1), false); d != "" {
		t.Fatalf("watch after the compacted revision: %s", d)
	}
}

func testWatchProgress(t *testing.T, s store.Interface) {
	ctx := testContext(t)
	st := watchStream(t, ctx, s, "/wpr/mine/", store.WatchOptions{Prefix: true})
	h := newHistory(t, s)
	h.create("/wpr/mine/a", "1")
	last := h.update("/wpr/mine/a", "2")
	if _, err := st.until(last); err != nil {
		t.Fatal(err)
	}
	st.w.RequestProgress()
	rev, err := st.untilProgress()
	if err != nil {
		t.Fatal(err)
	}
	if rev < last {
		t.Fatalf("Progress at %d after an event at %d", rev, last)
	}
	// Writes elsewhere raise the store's revision; a bookmark must catch
	// up with them (a backend may need more than one request).
	for i := range 3 {
		h.create(fmt.Sprintf("/wpr/other/%d", i), "x")
	}
	target := mustRevision(t, s)
	deadline := time.Now().Add(waitTimeout)
	for rev < target {
		if time.Now().After(deadline) {
			t.Fatalf("Progress stuck at %d, the store is at %d", rev, target)
		}
		st.w.RequestProgress()
		if rev, err = st.untilProgress(); err != nil {
			t.Fatal(err)
		}
	}
	// Events still flow after bookmarks.
	last = h.delete("/wpr/mine/a")
	got, err := st.until(last)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Type != store.Deleted {
		t.Fatalf("after Progress: %v", got)
	}
}

func testWatchCancel(t *testing.T, s store.Interface) {
	ctx, cancel := context.WithCancel(testContext(t))
	st := watchStream(t, ctx, s, "/wcan/", store.WatchOptions{Prefix: true})
	last := mustCreate(t, s, "/wcan/a", "1")
	if _, err := st.until(last); err != nil {
		t.Fatal(err)
	}
	cancel()
	for {
		ev, err := st.next()
		if err == errClosedChan {
			return
		}
		if err != nil {
			t.Fatalf("after cancel: %v", err)
		}
		if ev.Type == store.Added || ev.Type == store.Modified || ev.Type == store.Deleted {
			t.Fatalf("change event %s after cancel with no writes", fmtEvent(ev))
		}
	}
}

func testWatchStartsNow(t *testing.T, s store.Interface) {
	ctx := testContext(t)
	mustCreate(t, s, "/wnow/before", "b")
	st := watchStream(t, ctx, s, "/wnow/", store.WatchOptions{Prefix: true})
	rev := mustCreate(t, s, "/wnow/after", "a")
	got, err := st.until(rev)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Key != "/wnow/after" {
		t.Fatalf("watch from now delivered %v, want only the later write", got)
	}
}

func testWatchFromFuture(t *testing.T, s store.Interface) {
	ctx := testContext(t)
	from := mustRevision(t, s) + 4
	st := watchStream(t, ctx, s, "/wfut/", store.WatchOptions{Prefix: true, Revision: from})
	h := newHistory(t, s)
	h.mixed("/wfut/", 2, 8)
	got, err := st.until(h.events[len(h.events)-1].Revision)
	if err != nil {
		t.Fatal(err)
	}
	if d := sameEvents(got, suffix(h.events, from), false); d != "" {
		t.Fatalf("watch from future revision %d: %s", from, d)
	}
}

func testTTLExpiry(t *testing.T, s store.Interface) {
	ctx := testContext(t)
	st := watchStream(t, ctx, s, "/ttl/", store.WatchOptions{Prefix: true, PrevValue: true})
	// One second is the shortest lease etcd grants.
	mustCreate(t, s, "/ttl/short", "s", store.WithTTL(time.Second))
	mustCreate(t, s, "/ttl/kept", "k")
	rev := mustCreate(t, s, "/ttl/updated", "u1", store.WithTTL(time.Second))
	mustUpdate(t, s, "/ttl/updated", "u2", rev)
	mustCreate(t, s, "/ttl/long", "l", store.WithTTL(time.Hour))
	deleted := map[string][]byte{}
	for len(deleted) < 2 {
		ev, err := st.next()
		if err != nil {
			t.Fatal(err)
		}
		switch ev.Type {
		case store.Deleted:
			deleted[ev.Key] = ev.PrevValue
		case store.Error:
			t.Fatalf("watch ended: %v", ev.Err)
		}
	}
	if string(deleted["/ttl/short"]) != "s" || string(deleted["/ttl/updated"]) != "u2" {
		t.Fatalf("expired keys: %q; want /ttl/short=s and /ttl/updated=u2 (an Update keeps the lease)", deleted)
	}
	for _, k := range []string{"/ttl/short", "/ttl/updated"} {
		if _, err := s.Get(ctx, k); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Get(%s) after expiry: %v, want ErrNotFound", k, err)
		}
	}
	for _, k := range []string{"/ttl/kept", "/ttl/long"} {
		if _, err := s.Get(ctx, k); err != nil {
			t.Errorf("Get(%s): %v", k, err)
		}
	}
}
