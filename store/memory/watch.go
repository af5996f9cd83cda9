package memory

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store"
)

const (
	// watchChanSize is the capacity of a watcher's Events channel.
	watchChanSize = 32
	// maxScan is the most revisions a watcher reads under one hold of the
	// store's read lock.
	maxScan = 512
)

// watcher reads the store's history from its own cursor. Writers never push
// events to it: they only wake it, so a slow consumer costs writers and
// other watchers nothing. Its goroutine (run) owns next and the Events
// channel. A watcher whose cursor falls out of the retained history is ended
// with store.ErrWatchTooSlow.
type watcher struct {
	s              *memStore
	key            string
	prefix         bool
	prevValue      bool
	progressNotify bool

	out  chan store.Event
	wake chan struct{} // capacity 1: "look at the history again"

	progress atomic.Bool // a Progress event is requested
	active   atomic.Bool // an event was delivered since the last progress tick

	next    int64 // next revision to read; owned by run
	scanned bool  // run has read the history at least once; owned by run
	woken   bool  // send consumed a wake-up that run has not acted on; owned by run
}

var _ store.Watcher = (*watcher)(nil)

func (w *watcher) Events() <-chan store.Event { return w.out }

func (w *watcher) RequestProgress() {
	w.progress.Store(true)
	w.signal()
}

func (w *watcher) signal() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

func (w *watcher) matches(key string) bool {
	if w.prefix {
		return strings.HasPrefix(key, w.key)
	}
	return key == w.key
}

func (s *memStore) Watch(ctx context.Context, key string, opts store.WatchOptions) (store.Watcher, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if key == "" && !opts.Prefix {
		return nil, fmt.Errorf("memory: watch of the empty key: %w", errdefs.ErrBadRequest)
	}
	if opts.Revision < 0 {
		return nil, fmt.Errorf("memory: negative watch revision %d: %w", opts.Revision, errdefs.ErrBadRequest)
	}
	w := &watcher{
		s:              s,
		key:            key,
		prefix:         opts.Prefix,
		prevValue:      opts.PrevValue,
		progressNotify: opts.ProgressNotify,
		out:            make(chan store.Event, watchChanSize),
		wake:           make(chan struct{}, 1),
	}
	s.mu.RLock()
	if s.closed {
		s.mu.RUnlock()
		return nil, errClosed
	}
	w.next = opts.Revision
	if w.next == 0 {
		w.next = s.rev + 1
	}
	if w.next < s.logStart {
		oldest := s.logStart
		s.mu.RUnlock()
		return nil, fmt.Errorf("memory: watch from revision %d: oldest retained is %d: %w", opts.Revision, oldest, store.ErrGone)
	}
	// Registering under the read lock orders it before any write that
	// follows, so no wake-up is lost; Add before Close's Wait for the same
	// reason.
	s.watchers.add(w)
	s.wg.Add(1)
	s.mu.RUnlock()
	// Cancellation and Close wake the watcher like a write does, so that
	// it waits on one channel only.
	stop := context.AfterFunc(ctx, w.signal)
	go w.run(ctx, stop)
	return w, nil
}

func (w *watcher) run(ctx context.Context, stop func() bool) {
	s := w.s
	defer s.wg.Done()
	defer close(w.out)
	defer s.watchers.remove(w)
	defer stop()
	var batch []store.Event
	pendingProgress := false
	for {
		if w.ended(ctx) {
			return
		}
		if w.progress.Swap(false) {
			// Set before reading, so the Progress sent below covers every
			// write made before RequestProgress was called.
			pendingProgress = true
		}
		var head int64
		var err error
		batch, head, err = w.collect(batch[:0])
		for i := range batch {
			ev := batch[i]
			batch[i] = store.Event{}
			ev.Value = clone(ev.Value)
			ev.PrevValue = clone(ev.PrevValue)
			if !w.send(ctx, ev) {
				return
			}
		}
		if err != nil {
			w.send(ctx, store.Event{Type: store.Error, Err: err})
			return
		}
		if w.next <= head {
			continue // more history to read
		}
		if pendingProgress {
			if !w.send(ctx, store.Event{Type: store.Progress, Revision: head}) {
				return
			}
			pendingProgress = false
		}
		if !w.woken {
			<-w.wake
		}
		w.woken = false
	}
}

// ended reports whether the watch must end: its ctx is done, or the store
// closed (then it tells the consumer, if there is room).
func (w *watcher) ended(ctx context.Context) bool {
	if ctx.Err() != nil {
		return true
	}
	select {
	case <-w.s.done:
		if ctx.Err() == nil {
			select {
			case w.out <- store.Event{Type: store.Error, Err: errClosed}:
			default:
			}
		}
		return true
	default:
		return false
	}
}

// collect appends the matching events from w.next on (at most maxScan
// revisions) to buf and returns the store's current revision. The events
// share their values with the history.
func (w *watcher) collect(buf []store.Event) ([]store.Event, int64, error) {
	s := w.s
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return buf, s.rev, errClosed
	}
	first := !w.scanned
	w.scanned = true
	if w.next < s.logStart {
		if first {
			return buf, s.rev, fmt.Errorf("memory: watch from revision %d: oldest retained is %d: %w", w.next, s.logStart, store.ErrGone)
		}
		return buf, s.rev, fmt.Errorf("memory: watch at revision %d, oldest retained is %d: %w", w.next, s.logStart, store.ErrWatchTooSlow)
	}
	end := min(s.rev, w.next+maxScan-1)
	for r := w.next; r <= end; r++ {
		e := &s.log[r-s.logStart]
		if !w.matches(e.ke.key) {
			continue
		}
		ev := store.Event{Type: e.typ, Key: e.ke.key, Value: e.value, Revision: r, CreateRevision: e.createRev}
		if e.typ == store.Deleted || w.prevValue {
			ev.PrevValue = e.prev
		}
		buf = append(buf, ev)
	}
	if end >= w.next {
		w.next = end + 1
	}
	return buf, s.rev, nil
}

// send delivers ev unless the watch ends first.
func (w *watcher) send(ctx context.Context, ev store.Event) bool {
	if w.progressNotify && ev.Type != store.Progress {
		w.active.Store(true)
	}
	select {
	case w.out <- ev:
		return true
	default:
	}
	for {
		select {
		case w.out <- ev:
			return true
		case <-w.wake:
			// Maybe new history, maybe the end: run rereads the history
			// either way.
			w.woken = true
			if w.ended(ctx) {
				return false
			}
		}
	}
}

// registry finds the watchers interested in a key. It has its own lock so
// that writers wake watchers after releasing the store's lock.
type registry struct {
	n  atomic.Int64 // watchers registered; lets notify skip the lock
	mu sync.RWMutex
	// Guarded by mu:
	exact    map[string]map[*watcher]struct{}
	prefixes map[string]map[*watcher]struct{}
	lengths  []int       // distinct lengths of the keys in prefixes, ascending
	lenRefs  map[int]int // prefixes of each length
	notifyOn map[*watcher]struct{}
}

func (r *registry) init() {
	r.exact = map[string]map[*watcher]struct{}{}
	r.prefixes = map[string]map[*watcher]struct{}{}
	r.lenRefs = map[int]int{}
	r.notifyOn = map[*watcher]struct{}{}
}

func (r *registry) add(w *watcher) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.n.Add(1)
	if w.progressNotify {
		r.notifyOn[w] = struct{}{}
	}
	m := r.exact
	if w.prefix {
		m = r.prefixes
		if _, ok := m[w.key]; !ok {
			l := len(w.key)
			if r.lenRefs[l] == 0 {
				i, _ := slices.BinarySearch(r.lengths, l)
				r.lengths = slices.Insert(r.lengths, i, l)
			}
			r.lenRefs[l]++
		}
	}
	set := m[w.key]
	if set == nil {
		set = map[*watcher]struct{}{}
		m[w.key] = set
	}
	set[w] = struct{}{}
}

func (r *registry) remove(w *watcher) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.n.Add(-1)
	delete(r.notifyOn, w)
	m := r.exact
	if w.prefix {
		m = r.prefixes
	}
	set := m[w.key]
	delete(set, w)
	if len(set) > 0 {
		return
	}
	delete(m, w.key)
	if w.prefix {
		l := len(w.key)
		r.lenRefs[l]--
		if r.lenRefs[l] == 0 {
			delete(r.lenRefs, l)
			i, _ := slices.BinarySearch(r.lengths, l)
			r.lengths = slices.Delete(r.lengths, i, i+1)
		}
	}
}

// notify wakes every watcher whose key or prefix matches key.
func (r *registry) notify(key string) {
	if r.n.Load() == 0 {
		return
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	for w := range r.exact[key] {
		w.signal()
	}
	for _, l := range r.lengths {
		if l > len(key) {
			break
		}
		for w := range r.prefixes[key[:l]] {
			w.signal()
		}
	}
}

// signalAll wakes every watcher.
func (r *registry) signalAll() {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, m := range []map[string]map[*watcher]struct{}{r.exact, r.prefixes} {
		for _, set := range m {
			for w := range set {
				w.signal()
			}
		}
	}
}

// tickProgress asks every ProgressNotify watcher that delivered nothing since
// the last tick for a Progress event.
func (r *registry) tickProgress() {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for w := range r.notifyOn {
		if !w.active.Swap(false) {
			w.RequestProgress()
		}
	}
}
