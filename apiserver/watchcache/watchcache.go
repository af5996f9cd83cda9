package watchcache

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store"
)

// EventType is the type of a watch event, as it appears on the wire.
type EventType string

// The event types.
const (
	Added    EventType = "ADDED"
	Modified EventType = "MODIFIED"
	Deleted  EventType = "DELETED"
	Bookmark EventType = "BOOKMARK"
)

// InitialEventsEndAnnotation marks the bookmark that ends the initial events
// of a streaming list (sendInitialEvents=true).
const InitialEventsEndAnnotation = "k8s.io/initial-events-end"

// Event is one change. Object (and PrevObject) are shared with every other
// watcher and the cache itself: never mutate them.
type Event struct {
	Type EventType
	// Object is the new state; for Deleted, the last state.
	Object apiobj.Object
	// PrevObject is the state before (Modified, Deleted); nil otherwise.
	PrevObject apiobj.Object
	// Revision is the store revision of the change (or of the bookmark).
	Revision int64
	// InitialEventsEnd is set on the bookmark that ends initial events.
	InitialEventsEnd bool
	key              string
}

// Config configures a Cache.
type Config struct {
	// Store and Prefix: the cache mirrors every key under Prefix. Required.
	Store  store.Interface
	Prefix string
	// Decode turns a stored value written at rev into an object. Required.
	Decode func(value []byte, rev int64) (apiobj.Object, error)
	// HistorySize is how many events are kept for watches that resume from a
	// past revision; 0 means 10,000.
	HistorySize int
	// WatcherBuffer is how many undelivered events a watcher may hold beyond
	// its initial events before it is cut off as too slow; 0 means 1,000.
	WatcherBuffer int
	// BookmarkInterval is how often watchers that allow bookmarks get one;
	// 0 means 30 seconds.
	BookmarkInterval time.Duration
	// FreshnessTimeout bounds the wait for the cache to catch up with a
	// requested revision; 0 means 3 seconds.
	FreshnessTimeout time.Duration
}

// Cache mirrors one store prefix in memory, fed by a single store watch, and
// fans its changes out to any number of watchers. Lists and gets are served
// from it once it has caught up with the revision asked for.
//
// All methods are safe for concurrent use. Objects it hands out are shared
// and read-only.
type Cache struct {
	cfg Config

	mu sync.RWMutex // guards everything below
	// objs holds the current object of every key.
	objs map[string]apiobj.Object
	// rev is the revision the cache reflects; listed is set once the first
	// list is in.
	rev    int64
	listed bool
	// history is a ring of the last events; oldest is the revision from
	// which a watch can resume (events after it are all in history).
	history []Event
	hstart  int
	hlen    int
	oldest  int64
	// watchers get every event.
	watchers map[*Watcher]struct{}
	// changed is closed (and replaced) whenever rev moves.
	changed chan struct{}
	// sw is the running store watch, for progress requests.
	sw  store.Watcher
	err error // set when the cache stopped for good

	cancel context.CancelFunc
	done   chan struct{}
}

// New starts a cache; Stop ends it.
func New(cfg Config) (*Cache, error) {
	if cfg.Store == nil || cfg.Decode == nil || !strings.HasSuffix(cfg.Prefix, "/") {
		return nil, errors.New("watchcache: Store, Decode and a Prefix ending in / are required")
	}
	if cfg.HistorySize <= 0 {
		cfg.HistorySize = 10000
	}
	if cfg.WatcherBuffer <= 0 {
		cfg.WatcherBuffer = 1000
	}
	if cfg.BookmarkInterval <= 0 {
		cfg.BookmarkInterval = 30 * time.Second
	}
	if cfg.FreshnessTimeout <= 0 {
		cfg.FreshnessTimeout = 3 * time.Second
	}
	ctx, cancel := context.WithCancel(context.Background())
	c := &Cache{
		cfg:      cfg,
		objs:     map[string]apiobj.Object{},
		history:  make([]Event, cfg.HistorySize),
		watchers: map[*Watcher]struct{}{},
		changed:  make(chan struct{}),
		cancel:   cancel,
		done:     make(chan struct{}),
	}
	go c.run(ctx)
	return c, nil
}

// Stop ends the cache and every watcher, and waits for its goroutine.
func (c *Cache) Stop() {
	c.cancel()
	<-c.done
}

func (c *Cache) run(ctx context.Context) {
	defer close(c.done)
	defer func() {
		c.mu.Lock()
		c.err = errors.New("watch cache stopped")
		for w := range c.watchers {
			c.terminate(w, fmt.Errorf("watch cache stopped: %w", errdefs.ErrUnavailable))
		}
		c.bump()
		c.mu.Unlock()
	}()
	ticker := time.NewTicker(c.cfg.BookmarkInterval)
	defer ticker.Stop()
	backoff := 10 * time.Millisecond
	for ctx.Err() == nil {
		err := c.listAndWatch(ctx, ticker.C)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			select {
			case <-ctx.Done():
				return
			case <-time.After(backoff):
			}
			if backoff < time.Second {
				backoff *= 2
			}
		}
	}
}

// listAndWatch loads the prefix, then follows it until the watch fails.
func (c *Cache) listAndWatch(ctx context.Context, bookmarks <-chan time.Time) error {
	objs := map[string]apiobj.Object{}
	var rev int64
	opts := store.ListOptions{Limit: 1000}
	for {
		page, err := c.cfg.Store.List(ctx, c.cfg.Prefix, opts)
		if err != nil {
			return err
		}
		for _, kv := range page.Items {
			obj, err := c.cfg.Decode(kv.Value, kv.ModRevision)
			if err != nil {
				continue // an undecodable object is not served
			}
			objs[kv.Key] = obj
		}
		rev = page.Revision
		if page.Continue == "" {
			break
		}
		opts = store.ListOptions{Limit: 1000, Continue: page.Continue}
	}
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sw, err := c.cfg.Store.Watch(wctx, c.cfg.Prefix, store.WatchOptions{Prefix: true, Revision: rev + 1, PrevValue: true, ProgressNotify: true})
	if err != nil {
		return err
	}
	c.mu.Lock()
	// A relist leaves a gap in history: every watcher must resume anew.
	for w := range c.watchers {
		c.terminate(w, fmt.Errorf("watch cache relisted: %w", errdefs.ErrUnavailable))
	}
	c.objs = objs
	c.rev = rev
	c.listed = true
	c.oldest = rev
	c.hstart, c.hlen = 0, 0
	c.sw = sw
	c.bump()
	c.mu.Unlock()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-bookmarks:
			c.sendBookmarks()
		case ev, ok := <-sw.Events():
			if !ok {
				return errors.New("store watch closed")
			}
			if ev.Type == store.Error {
				return ev.Err
			}
			c.apply(ev)
		}
	}
}

// apply records one store event and fans it out.
func (c *Cache) apply(ev store.Event) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if ev.Type == store.Progress {
		if ev.Revision > c.rev {
			c.rev = ev.Revision
			c.bump()
		}
		return
	}
	prev := c.objs[ev.Key]
	var out Event
	switch ev.Type {
	case store.Added, store.Modified:
		obj, err := c.cfg.Decode(ev.Value, ev.Revision)
		if err != nil {
			return
		}
		c.objs[ev.Key] = obj
		out = Event{Type: Modified, Object: obj, PrevObject: prev, Revision: ev.Revision, key: ev.Key}
		if prev == nil {
			out.Type = Added
		}
	case store.Deleted:
		if prev == nil {
			if len(ev.PrevValue) == 0 {
				return
			}
			p, err := c.cfg.Decode(ev.PrevValue, ev.Revision)
			if err != nil {
				return
			}
			prev = p
		}
		// The deleted object carries the deletion's revision, as in Kubernetes.
		last := prev.DeepCopyObject()
		last.SetResourceVersion(fmt.Sprint(ev.Revision))
		delete(c.objs, ev.Key)
		out = Event{Type: Deleted, Object: last, PrevObject: prev, Revision: ev.Revision, key: ev.Key}
	default:
		return
	}
	c.record(out)
	if ev.Revision > c.rev {
		c.rev = ev.Revision
	}
	for w := range c.watchers {
		w.offer(c, out)
	}
	c.bump()
}

func (c *Cache) record(ev Event) {
	n := len(c.history)
	if c.hlen == n {
		// Evict the oldest; resumes must now start at or after it.
		c.oldest = c.history[c.hstart].Revision
		c.history[c.hstart] = Event{}
		c.hstart = (c.hstart + 1) % n
		c.hlen--
	}
	c.history[(c.hstart+c.hlen)%n] = ev
	c.hlen++
}

func (c *Cache) bump() {
	close(c.changed)
	c.changed = make(chan struct{})
}

func (c *Cache) sendBookmarks() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sw != nil {
		c.sw.RequestProgress()
	}
	for w := range c.watchers {
		if w.bookmarks {
			w.offer(c, Event{Type: Bookmark, Revision: c.rev})
		}
	}
}

// Revision returns the revision the cache reflects (0 before the first list).
func (c *Cache) Revision() int64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.rev
}

// WaitFor blocks until the cache reflects rev or later. With rev 0 it waits
// for the first list. It gives up after Config.FreshnessTimeout with an
// error wrapping errdefs.ErrTimeout.
func (c *Cache) WaitFor(ctx context.Context, rev int64) error {
	timer := time.NewTimer(c.cfg.FreshnessTimeout)
	defer timer.Stop()
	asked := false
	for {
		c.mu.RLock()
		cur, ch, err, sw, listed := c.rev, c.changed, c.err, c.sw, c.listed
		c.mu.RUnlock()
		if err != nil {
			return fmt.Errorf("%v: %w", err, errdefs.ErrUnavailable)
		}
		if listed && cur >= rev {
			return nil
		}
		if !asked && sw != nil && listed {
			sw.RequestProgress()
			asked = true
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		case <-timer.C:
			return fmt.Errorf("watch cache at revision %d did not reach %d in time: %w", cur, rev, errdefs.ErrTimeout)
		}
	}
}

// WaitFresh waits until the cache reflects the store's current revision:
// a read served after it is as consistent as a read from the store.
func (c *Cache) WaitFresh(ctx context.Context) error {
	rev, err := c.cfg.Store.CurrentRevision(ctx)
	if err != nil {
		return err
	}
	return c.WaitFor(ctx, rev)
}

// Get returns the cached object at key and the cache revision. The object
// is shared: never mutate it.
func (c *Cache) Get(key string) (apiobj.Object, int64, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	o, ok := c.objs[key]
	return o, c.rev, ok
}

// List returns the cached objects under prefix that pass filter (nil passes
// all), sorted by key, and the cache revision. Objects are shared.
func (c *Cache) List(prefix string, filter func(apiobj.Object) bool) ([]apiobj.Object, int64) {
	c.mu.RLock()
	type kv struct {
		k string
		o apiobj.Object
	}
	items := make([]kv, 0, len(c.objs))
	for k, o := range c.objs {
		if strings.HasPrefix(k, prefix) && (filter == nil || filter(o)) {
			items = append(items, kv{k, o})
		}
	}
	rev := c.rev
	c.mu.RUnlock()
	sort.Slice(items, func(i, j int) bool { return items[i].k < items[j].k })
	out := make([]apiobj.Object, len(items))
	for i := range items {
		out[i] = items[i].o
	}
	return out, rev
}

// WatchOptions select what a watcher gets.
type WatchOptions struct {
	// Prefix narrows the watch to keys under it (a namespace); "" means all.
	Prefix string
	// Filter nil passes every object. A MODIFIED event whose object starts
	// or stops passing is delivered as ADDED or DELETED, as Kubernetes does.
	Filter func(apiobj.Object) bool
	// Revision: events after it are delivered. 0 means "now", preceded by
	// ADDED events for the current state (as a Kubernetes watch with
	// resourceVersion "" or "0").
	Revision int64
	// SendInitialEvents sends the current state first (also with a
	// Revision), ending it with a bookmark marked InitialEventsEnd.
	SendInitialEvents bool
	// Bookmarks asks for periodic BOOKMARK events.
	Bookmarks bool
}

// Watch starts a watcher. A Revision older than the retained history gives
// a 410 Expired error ("too old resource version"); one newer than the
// store's gives a 504 after waiting for it.
func (c *Cache) Watch(ctx context.Context, opts WatchOptions) (*Watcher, error) {
	if err := c.WaitFor(ctx, opts.Revision); err != nil {
		if errors.Is(err, errdefs.ErrTimeout) && opts.Revision > 0 {
			cur, _ := c.cfg.Store.CurrentRevision(ctx)
			if opts.Revision > cur {
				return nil, tooLarge(opts.Revision, cur)
			}
		}
		return nil, err
	}
	prefix := c.cfg.Prefix
	if opts.Prefix != "" {
		prefix = opts.Prefix
	}
	w := &Watcher{
		prefix:    prefix,
		filter:    opts.Filter,
		bookmarks: opts.Bookmarks,
		notify:    make(chan struct{}, 1),
		limit:     c.cfg.WatcherBuffer,
		cache:     c,
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return nil, fmt.Errorf("%v: %w", c.err, errdefs.ErrUnavailable)
	}
	if opts.Revision > 0 && opts.Revision < c.oldest {
		return nil, apiobj.NewGone(fmt.Sprintf("too old resource version: %d (%d)", opts.Revision, c.oldest))
	}
	if opts.SendInitialEvents || opts.Revision == 0 {
		w.initialState(c)
	} else {
		for i := 0; i < c.hlen; i++ {
			ev := c.history[(c.hstart+i)%len(c.history)]
			if ev.Revision > opts.Revision {
				w.offer(c, ev)
			}
		}
	}
	if opts.SendInitialEvents {
		w.push(Event{Type: Bookmark, Revision: c.rev, InitialEventsEnd: true})
	}
	c.watchers[w] = struct{}{}
	return w, nil
}

// InitialState returns the ADDED events a watch from "now" starts with in
// Kubernetes (resourceVersion "" or "0"): the current objects under prefix
// that pass filter, and the cache revision.
func (c *Cache) InitialState(ctx context.Context, prefix string, filter func(apiobj.Object) bool) ([]apiobj.Object, int64, error) {
	if err := c.WaitFor(ctx, 0); err != nil {
		return nil, 0, err
	}
	objs, rev := c.List(prefix, filter)
	return objs, rev, nil
}

func tooLarge(rv, cur int64) error {
	st := apiobj.NewStatusError(504, apiobj.StatusReasonTimeout,
		fmt.Sprintf("Too large resource version: %d, current: %d", rv, cur))
	st.Status.Details = &apiobj.StatusDetails{
		Causes:            []apiobj.StatusCause{{Type: "ResourceVersionTooLarge", Message: "Too large resource version"}},
		RetryAfterSeconds: 1,
	}
	return st
}

// terminate ends w; c.mu must be held.
func (c *Cache) terminate(w *Watcher, err error) {
	delete(c.watchers, w)
	w.mu.Lock()
	if !w.closed {
		w.closed = true
		w.err = err
	}
	w.mu.Unlock()
	w.signal()
}

// Watchers returns how many watchers are running.
func (c *Cache) Watchers() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.watchers)
}
