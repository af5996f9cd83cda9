package watchcache

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
)

// ErrTooSlow ends a watcher that fell too far behind. The client resumes
// from the last revision it saw, as after any ended watch.
var ErrTooSlow = fmt.Errorf("watcher fell too far behind and was closed: %w", errdefs.ErrUnavailable)

// Watcher is one consumer of a Cache. Its queue is filled by the cache and
// drained by Next; a consumer that lets it grow past the cache's
// WatcherBuffer is cut off (Next then returns ErrTooSlow) without slowing
// anyone else.
type Watcher struct {
	prefix    string
	filter    func(apiobj.Object) bool
	bookmarks bool
	limit     int
	cache     *Cache
	notify    chan struct{} // capacity 1

	mu     sync.Mutex // guards the fields below
	queue  []Event
	head   int
	closed bool
	err    error
	base   int // queue length allowed on top of limit (initial events)
}

func (w *Watcher) signal() {
	select {
	case w.notify <- struct{}{}:
	default:
	}
}

// initialState queues ADDED events for the current state; c.mu is held.
func (w *Watcher) initialState(c *Cache) {
	objs := make([]Event, 0)
	for k, o := range c.objs {
		if strings.HasPrefix(k, w.prefix) && (w.filter == nil || w.filter(o)) {
			objs = append(objs, Event{Type: Added, Object: o, Revision: c.rev, key: k})
		}
	}
	sortEvents(objs)
	w.mu.Lock()
	w.queue = append(w.queue, objs...)
	w.base = len(objs)
	w.mu.Unlock()
	w.signal()
}

// offer delivers ev to w after filtering; c.mu is held.
func (w *Watcher) offer(c *Cache, ev Event) {
	if ev.Type != Bookmark {
		if !strings.HasPrefix(ev.key, w.prefix) {
			return
		}
		if w.filter != nil {
			cur := ev.Type != Deleted && w.filter(ev.Object)
			old := ev.PrevObject != nil && w.filter(ev.PrevObject)
			switch {
			case ev.Type == Deleted:
				if !old && !w.filter(ev.Object) {
					return
				}
			case cur && !old && ev.Type == Modified:
				ev.Type = Added
			case !cur && old:
				ev.Type = Deleted
			case !cur:
				return
			}
		}
	}
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return
	}
	if len(w.queue)-w.head >= w.limit+w.base {
		w.mu.Unlock()
		c.terminate(w, ErrTooSlow)
		return
	}
	w.queue = append(w.queue, ev)
	w.mu.Unlock()
	w.signal()
}

// push queues an event without filtering; c.mu is held.
func (w *Watcher) push(ev Event) {
	w.mu.Lock()
	w.queue = append(w.queue, ev)
	w.base++
	w.mu.Unlock()
	w.signal()
}

// Next returns the next event. It returns an error when the watcher ended
// (ErrTooSlow, the cache stopped or relisted) or ctx is done; queued events
// are delivered before the end is reported.
func (w *Watcher) Next(ctx context.Context) (Event, error) {
	for {
		w.mu.Lock()
		if w.head < len(w.queue) {
			ev := w.queue[w.head]
			w.queue[w.head] = Event{}
			w.head++
			if w.head == len(w.queue) {
				w.queue, w.head = w.queue[:0], 0
				w.base = 0
			}
			w.mu.Unlock()
			return ev, nil
		}
		if w.closed {
			err := w.err
			w.mu.Unlock()
			return Event{}, err
		}
		w.mu.Unlock()
		select {
		case <-w.notify:
		case <-ctx.Done():
			return Event{}, ctx.Err()
		}
	}
}

// Pending returns how many events are queued.
func (w *Watcher) Pending() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.queue) - w.head
}

// Stop ends the watcher. It is idempotent.
func (w *Watcher) Stop() {
	w.cache.mu.Lock()
	w.cache.terminate(w, fmt.Errorf("watch stopped: %w", errdefs.ErrUnavailable))
	w.cache.mu.Unlock()
}

func sortEvents(evs []Event) {
	// Key order, as the store lists.
	sort.Slice(evs, func(i, j int) bool { return evs[i].key < evs[j].key })
}
