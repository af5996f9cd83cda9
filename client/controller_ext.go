package client

import (
	"slices"
	"sync"

	"github.com/orcaproj/orca/apiobj"
)

// This file holds what the controller runtime needs beyond the informer and
// factory basics: removable handlers, shared dynamic informers, and a
// non-blocking sync check.

// AddRemovableHandler is AddHandler that also returns a function which
// unregisters h: it stops h's delivery goroutine, drops notifications not
// yet delivered, and returns once h is no longer being called. Calling it
// more than once is harmless; calling it from inside h deadlocks.
func (i *Informer[T]) AddRemovableHandler(h Handler[T]) (remove func()) {
	l := newListener(h)
	i.mu.Lock()
	i.handler = append(i.handler, l)
	if i.synced {
		for _, o := range i.items {
			l.add(note[T]{kind: noteAdd, new: o, initial: true})
		}
	}
	i.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			i.mu.Lock()
			if k := slices.Index(i.handler, l); k >= 0 {
				i.handler = slices.Delete(i.handler, k, k+1)
			}
			i.mu.Unlock()
			l.stop()
		})
	}
}

// DynamicInformerFor returns the factory's shared informer over r, a view
// made by Dynamic or DynamicScoped (its namespace is ignored: the informer
// caches every namespace), creating it on first use. Dynamic informers are
// shared per resource among themselves, apart from any typed informer of
// the same resource. If the factory is already started, a new informer
// starts at once.
func DynamicInformerFor(f *Factory, r *Resource[*apiobj.Unstructured]) *Informer[*apiobj.Unstructured] {
	// Typed informers are keyed by their resource; dynamic ones by a key no
	// real resource name can have (resource names are DNS labels).
	key := r.gvr
	key.Resource += " (unstructured)"
	f.mu.Lock()
	defer f.mu.Unlock()
	if e, ok := f.informers[key]; ok {
		return e.inf.(*Informer[*apiobj.Unstructured])
	}
	inf := NewInformer(r.Namespace(""), InformerOptions[*apiobj.Unstructured]{Resync: f.resync})
	e := factoryEntry{inf: inf, run: inf.Run, synced: inf.WaitForCacheSync}
	if f.ctx != nil {
		e.started = true
		f.wg.Add(1)
		go func() { defer f.wg.Done(); _ = inf.Run(f.ctx) }()
	}
	f.informers[key] = e
	return inf
}

// HasSynced reports, without blocking, whether every informer of the
// factory has synced; it is true for a factory without informers.
func (f *Factory) HasSynced() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, e := range f.informers {
		if s, ok := e.inf.(interface{ HasSynced() bool }); ok && !s.HasSynced() {
			return false
		}
	}
	return true
}
