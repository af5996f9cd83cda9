package client

import (
	"context"
	"sync"
	"time"

	"github.com/orcaproj/orca/apiobj"
)

// Factory shares one informer per resource among everyone who asks for it,
// so that a process lists and watches each resource once. Safe for
// concurrent use.
type Factory struct {
	c      *Client
	resync time.Duration

	mu        sync.Mutex // guards informers, running and wg use
	informers map[apiobj.GroupVersionResource]factoryEntry
	ctx       context.Context
	wg        sync.WaitGroup
}

type factoryEntry struct {
	inf     any
	run     func(context.Context) error
	synced  func(context.Context) bool
	started bool
}

// NewFactory returns a factory over c; resync applies to every informer.
func NewFactory(c *Client, resync time.Duration) *Factory {
	return &Factory{c: c, resync: resync, informers: map[apiobj.GroupVersionResource]factoryEntry{}}
}

// InformerFor returns the shared informer for T's resource, creating it on
// first use. If the factory is already started, the new informer starts at
// once.
func InformerFor[T apiobj.Object](f *Factory) *Informer[T] {
	r := For[T](f.c)
	f.mu.Lock()
	defer f.mu.Unlock()
	if e, ok := f.informers[r.gvr]; ok {
		return e.inf.(*Informer[T])
	}
	inf := NewInformer(r, InformerOptions[T]{Resync: f.resync})
	e := factoryEntry{inf: inf, run: inf.Run, synced: inf.WaitForCacheSync}
	if f.ctx != nil {
		e.started = true
		f.wg.Add(1)
		go func() { defer f.wg.Done(); _ = inf.Run(f.ctx) }()
	}
	f.informers[r.gvr] = e
	return inf
}

// Start runs every informer created so far, and those created later, until
// ctx is done. Call Wait to block until they have stopped.
func (f *Factory) Start(ctx context.Context) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ctx = ctx
	for k, e := range f.informers {
		if e.started {
			continue
		}
		e.started = true
		f.informers[k] = e
		run := e.run
		f.wg.Add(1)
		go func() { defer f.wg.Done(); _ = run(ctx) }()
	}
}

// WaitForCacheSync waits until every started informer has synced, or ctx
// is done, and reports whether all synced.
func (f *Factory) WaitForCacheSync(ctx context.Context) bool {
	f.mu.Lock()
	var waits []func(context.Context) bool
	for _, e := range f.informers {
		waits = append(waits, e.synced)
	}
	f.mu.Unlock()
	for _, w := range waits {
		if !w(ctx) {
			return false
		}
	}
	return true
}

// Wait blocks until every informer the factory started has stopped.
func (f *Factory) Wait() { f.wg.Wait() }
