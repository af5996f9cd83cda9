package client

import (
	"context"
	"errors"
	"sort"
	"sync"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
	"github.com/orcaproj/orca/errdefs"
)

// Handler receives an informer's notifications. Objects are shared with the
// informer's cache and with every other handler: never mutate them;
// DeepCopy first. Calls to one handler are sequential; different handlers
// run independently, so a slow handler delays only itself.
type Handler[T apiobj.Object] interface {
	// OnAdd is called for objects in the first list (initial is true) and
	// for objects created later.
	OnAdd(obj T, initial bool)
	// OnUpdate is called for changes, and for every object at each resync
	// (then old and new are the same object).
	OnUpdate(old, new T)
	// OnDelete gets the last known state. When the deletion was missed (the
	// object vanished between a watch break and the relist), obj is that
	// last known state and tombstone is true.
	OnDelete(obj T, tombstone bool)
}

// HandlerFuncs adapts functions to Handler; nil functions are skipped.
type HandlerFuncs[T apiobj.Object] struct {
	AddFunc    func(obj T, initial bool)
	UpdateFunc func(old, new T)
	DeleteFunc func(obj T, tombstone bool)
}

// OnAdd implements Handler.
func (h HandlerFuncs[T]) OnAdd(obj T, initial bool) {
	if h.AddFunc != nil {
		h.AddFunc(obj, initial)
	}
}

// OnUpdate implements Handler.
func (h HandlerFuncs[T]) OnUpdate(old, new T) {
	if h.UpdateFunc != nil {
		h.UpdateFunc(old, new)
	}
}

// OnDelete implements Handler.
func (h HandlerFuncs[T]) OnDelete(obj T, tombstone bool) {
	if h.DeleteFunc != nil {
		h.DeleteFunc(obj, tombstone)
	}
}

// IndexFunc returns the index values of an object.
type IndexFunc[T apiobj.Object] func(obj T) []string

// IndexByNamespace is the name of the built-in namespace index.
const IndexByNamespace = "namespace"

// InformerOptions configure an Informer. Zero values are the defaults.
type InformerOptions[T apiobj.Object] struct {
	// LabelSelector and FieldSelector restrict what is cached.
	LabelSelector string
	FieldSelector string
	// Resync, when positive, replays every cached object to the handlers as
	// an update this often.
	Resync time.Duration
	// Indexers add custom indexes; the namespace index always exists.
	Indexers map[string]IndexFunc[T]
	// PageSize is the list page size; default 500.
	PageSize int64
	// WatchTimeout ends each watch on the server after this long (with
	// jitter on the server side); default 5 minutes.
	WatchTimeout time.Duration
}

// Informer keeps a local cache of one resource in sync with the server by
// listing and then watching, relisting when the watch is too old (410), and
// tells handlers about changes. Create it with NewInformer, add handlers,
// then Run it.
type Informer[T apiobj.Object] struct {
	res  *Resource[T]
	opts InformerOptions[T]

	mu      sync.RWMutex // guards items, indexes, synced, rv, handlers
	items   map[string]T
	indexes map[string]map[string]map[string]struct{}
	synced  bool
	rv      string
	lists   int
	handler []*listener[T]
	started bool

	syncedCh chan struct{}
}

// NewInformer returns an informer over r (its namespace, if set, limits
// the cache).
func NewInformer[T apiobj.Object](r *Resource[T], opts InformerOptions[T]) *Informer[T] {
	if opts.PageSize <= 0 {
		opts.PageSize = 500
	}
	if opts.WatchTimeout <= 0 {
		opts.WatchTimeout = 5 * time.Minute
	}
	idx := map[string]IndexFunc[T]{IndexByNamespace: func(o T) []string { return []string{o.GetNamespace()} }}
	for k, f := range opts.Indexers {
		idx[k] = f
	}
	opts.Indexers = idx
	return &Informer[T]{
		res: r, opts: opts,
		items:    map[string]T{},
		indexes:  map[string]map[string]map[string]struct{}{},
		syncedCh: make(chan struct{}),
	}
}

// Key returns the cache key of obj: "namespace/name", or "name".
func Key(obj apiobj.MetaAccessor) string {
	if ns := obj.GetNamespace(); ns != "" {
		return ns + "/" + obj.GetName()
	}
	return obj.GetName()
}

// AddHandler registers h. Added after the informer synced, h first gets an
// OnAdd (initial true) for every cached object. Safe to call at any time.
func (i *Informer[T]) AddHandler(h Handler[T]) {
	l := newListener(h)
	i.mu.Lock()
	i.handler = append(i.handler, l)
	var initial []T
	if i.synced {
		for _, o := range i.items {
			initial = append(initial, o)
		}
	}
	for _, o := range initial {
		l.add(note[T]{kind: noteAdd, new: o, initial: true})
	}
	i.mu.Unlock()
}

// HasSynced reports whether the first list has been delivered to the cache.
func (i *Informer[T]) HasSynced() bool {
	i.mu.RLock()
	defer i.mu.RUnlock()
	return i.synced
}

// WaitForCacheSync blocks until the cache has synced or ctx is done, and
// reports whether it synced.
func (i *Informer[T]) WaitForCacheSync(ctx context.Context) bool {
	select {
	case <-i.syncedCh:
		return true
	case <-ctx.Done():
		return false
	}
}

// LastSyncResourceVersion returns the resourceVersion the cache has seen.
func (i *Informer[T]) LastSyncResourceVersion() string {
	i.mu.RLock()
	defer i.mu.RUnlock()
	return i.rv
}

// Lists counts how many full lists the informer has done (1 plus relists).
func (i *Informer[T]) Lists() int {
	i.mu.RLock()
	defer i.mu.RUnlock()
	return i.lists
}

// Run lists and watches until ctx is done; it returns after its goroutines
// have stopped. An informer runs once.
func (i *Informer[T]) Run(ctx context.Context) error {
	i.mu.Lock()
	if i.started {
		i.mu.Unlock()
		return errors.New("client: informer already started")
	}
	i.started = true
	i.mu.Unlock()

	var wg sync.WaitGroup
	runCtx, cancel := context.WithCancel(ctx)
	defer func() {
		cancel()
		i.mu.RLock()
		for _, l := range i.handler {
			l.stop()
		}
		i.mu.RUnlock()
		wg.Wait()
	}()
	if i.opts.Resync > 0 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			i.resyncLoop(runCtx)
		}()
	}
	backoff := 100 * time.Millisecond
	needList := true
	for runCtx.Err() == nil {
		if needList {
			if err := i.list(runCtx); err != nil {
				if !sleep(runCtx, backoff) {
					break
				}
				backoff = min(backoff*2, 30*time.Second)
				continue
			}
			needList = false
		}
		err := i.watch(runCtx)
		switch {
		case err == nil:
			backoff = 100 * time.Millisecond
		case errors.Is(err, errdefs.ErrGone):
			needList = true
		default:
			if !sleep(runCtx, backoff) {
				break
			}
			backoff = min(backoff*2, 30*time.Second)
		}
	}
	return nil
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// list reads the whole collection and replaces the cache with it.
func (i *Informer[T]) list(ctx context.Context) error {
	fresh := map[string]T{}
	var rv, cont string
	for {
		items, meta, err := i.res.List(ctx, ListOptions{
			LabelSelector: i.opts.LabelSelector, FieldSelector: i.opts.FieldSelector,
			Limit: i.opts.PageSize, Continue: cont,
		})
		if err != nil {
			return err
		}
		for _, it := range items {
			fresh[Key(it)] = it
		}
		if rv == "" {
			rv = meta.ResourceVersion
		}
		if meta.Continue == "" {
			rv = meta.ResourceVersion
			break
		}
		cont = meta.Continue
	}
	i.replace(fresh, rv)
	return nil
}

// watch follows changes from the cache's resourceVersion until the watch
// ends. It returns nil for an ordinary end and ErrGone when a relist is due.
func (i *Informer[T]) watch(ctx context.Context) error {
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := i.res.Watch(wctx, ListOptions{
		LabelSelector: i.opts.LabelSelector, FieldSelector: i.opts.FieldSelector,
		ResourceVersion: i.LastSyncResourceVersion(), AllowWatchBookmarks: true,
		TimeoutSeconds: int64(i.opts.WatchTimeout / time.Second),
	})
	if err != nil {
		return err
	}
	for ev := range w.Events() {
		switch ev.Type {
		case Error:
			return ev.Err
		case Bookmark:
			i.mu.Lock()
			i.rv = ev.Object.GetResourceVersion()
			i.mu.Unlock()
		case Added, Modified:
			i.upsert(ev.Object)
		case Deleted:
			i.remove(ev.Object)
		}
	}
	return nil
}

func (i *Informer[T]) replace(fresh map[string]T, rv string) {
	i.mu.Lock()
	defer i.mu.Unlock()
	initial := !i.synced
	for k, old := range i.items {
		if _, ok := fresh[k]; !ok {
			i.unindex(k, old)
			delete(i.items, k)
			i.notify(note[T]{kind: noteDelete, old: old, tombstone: true})
		}
	}
	keys := make([]string, 0, len(fresh))
	for k := range fresh {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		obj := fresh[k]
		old, ok := i.items[k]
		if ok {
			if old.GetResourceVersion() == obj.GetResourceVersion() {
				continue
			}
			i.unindex(k, old)
		}
		i.items[k] = obj
		i.index(k, obj)
		if ok {
			i.notify(note[T]{kind: noteUpdate, old: old, new: obj})
		} else {
			i.notify(note[T]{kind: noteAdd, new: obj, initial: initial})
		}
	}
	i.rv = rv
	i.lists++
	if !i.synced {
		i.synced = true
		close(i.syncedCh)
	}
}

func (i *Informer[T]) upsert(obj T) {
	k := Key(obj)
	i.mu.Lock()
	defer i.mu.Unlock()
	old, ok := i.items[k]
	if ok {
		i.unindex(k, old)
	}
	i.items[k] = obj
	i.index(k, obj)
	i.rv = obj.GetResourceVersion()
	if ok {
		i.notify(note[T]{kind: noteUpdate, old: old, new: obj})
	} else {
		i.notify(note[T]{kind: noteAdd, new: obj})
	}
}

func (i *Informer[T]) remove(obj T) {
	k := Key(obj)
	i.mu.Lock()
	defer i.mu.Unlock()
	if old, ok := i.items[k]; ok {
		i.unindex(k, old)
		delete(i.items, k)
	}
	i.rv = obj.GetResourceVersion()
	i.notify(note[T]{kind: noteDelete, old: obj})
}

// index and unindex maintain i.indexes; i.mu is held.
func (i *Informer[T]) index(key string, obj T) {
	for name, f := range i.opts.Indexers {
		m := i.indexes[name]
		if m == nil {
			m = map[string]map[string]struct{}{}
			i.indexes[name] = m
		}
		for _, v := range f(obj) {
			set := m[v]
			if set == nil {
				set = map[string]struct{}{}
				m[v] = set
			}
			set[key] = struct{}{}
		}
	}
}

func (i *Informer[T]) unindex(key string, obj T) {
	for name, f := range i.opts.Indexers {
		m := i.indexes[name]
		for _, v := range f(obj) {
			if set := m[v]; set != nil {
				delete(set, key)
				if len(set) == 0 {
					delete(m, v)
				}
			}
		}
	}
}

// notify queues n for every handler; i.mu is held.
func (i *Informer[T]) notify(n note[T]) {
	for _, l := range i.handler {
		l.add(n)
	}
}

func (i *Informer[T]) resyncLoop(ctx context.Context) {
	t := time.NewTicker(i.opts.Resync)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			i.mu.Lock()
			for _, o := range i.items {
				i.notify(note[T]{kind: noteUpdate, old: o, new: o})
			}
			i.mu.Unlock()
		}
	}
}

// Lister reads the informer's cache. Objects are shared: never mutate them.
func (i *Informer[T]) Lister() *Lister[T] { return &Lister[T]{i: i} }

// Lister reads an informer's cache.
type Lister[T apiobj.Object] struct {
	i  *Informer[T]
	ns string
}

// Namespace narrows the lister to ns.
func (l *Lister[T]) Namespace(ns string) *Lister[T] { return &Lister[T]{i: l.i, ns: ns} }

// Get returns the cached object, or an error wrapping errdefs.ErrNotFound.
func (l *Lister[T]) Get(name string) (T, error) {
	key := name
	if l.ns != "" {
		key = l.ns + "/" + name
	}
	l.i.mu.RLock()
	defer l.i.mu.RUnlock()
	o, ok := l.i.items[key]
	if !ok {
		var zero T
		return zero, apiobj.NewNotFound(l.i.res.gvr.GroupResource(), name)
	}
	return o, nil
}

// List returns the cached objects whose labels match sel (nil means all), in
// key order.
func (l *Lister[T]) List(sel labels.Selector) []T {
	l.i.mu.RLock()
	var out []T
	if l.ns != "" {
		for k := range l.i.indexes[IndexByNamespace][l.ns] {
			o := l.i.items[k]
			if sel == nil || sel.Matches(labels.Set(o.GetLabels())) {
				out = append(out, o)
			}
		}
	} else {
		for _, o := range l.i.items {
			if sel == nil || sel.Matches(labels.Set(o.GetLabels())) {
				out = append(out, o)
			}
		}
	}
	l.i.mu.RUnlock()
	sort.Slice(out, func(a, b int) bool { return Key(out[a]) < Key(out[b]) })
	return out
}

// ByIndex returns the cached objects whose index name has value v.
func (l *Lister[T]) ByIndex(name, v string) []T {
	l.i.mu.RLock()
	var out []T
	for k := range l.i.indexes[name][v] {
		out = append(out, l.i.items[k])
	}
	l.i.mu.RUnlock()
	sort.Slice(out, func(a, b int) bool { return Key(out[a]) < Key(out[b]) })
	return out
}

type noteKind int

const (
	noteAdd noteKind = iota
	noteUpdate
	noteDelete
)

type note[T apiobj.Object] struct {
	kind      noteKind
	old, new  T
	initial   bool
	tombstone bool
}

// listener delivers notes to one handler from its own goroutine, through an
// unbounded queue, so a slow handler never blocks the informer.
type listener[T apiobj.Object] struct {
	h      Handler[T]
	mu     sync.Mutex // guards queue and done
	cond   *sync.Cond
	queue  []note[T]
	done   bool
	exited chan struct{}
}

func newListener[T apiobj.Object](h Handler[T]) *listener[T] {
	l := &listener[T]{h: h, exited: make(chan struct{})}
	l.cond = sync.NewCond(&l.mu)
	go l.run()
	return l
}

func (l *listener[T]) add(n note[T]) {
	l.mu.Lock()
	l.queue = append(l.queue, n)
	l.mu.Unlock()
	l.cond.Signal()
}

func (l *listener[T]) stop() {
	l.mu.Lock()
	l.done = true
	l.mu.Unlock()
	l.cond.Broadcast()
	<-l.exited
}

func (l *listener[T]) run() {
	defer close(l.exited)
	for {
		l.mu.Lock()
		for len(l.queue) == 0 && !l.done {
			l.cond.Wait()
		}
		if l.done {
			l.mu.Unlock()
			return
		}
		batch := l.queue
		l.queue = nil
		l.mu.Unlock()
		for _, n := range batch {
			switch n.kind {
			case noteAdd:
				l.h.OnAdd(n.new, n.initial)
			case noteUpdate:
				l.h.OnUpdate(n.old, n.new)
			case noteDelete:
				l.h.OnDelete(n.old, n.tombstone)
			}
		}
	}
}
