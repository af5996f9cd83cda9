package controller

import (
	"errors"
	"strings"

	"github.com/orcaproj/orca/controller/predicate"
)

// Builder puts a controller together in a few lines:
//
//	err := controller.NewBuilder(mgr).
//		For(controller.Kind[*Website]()).
//		Owns(controller.Kind[*apiobj.Deployment]()).
//		Complete(reconciler)
//
// For names the primary kind, whose objects are the requests; Owns adds
// kinds whose objects map to their controlling owner of the primary kind;
// Watches adds kinds mapped by a function. Errors are reported by Build or
// Complete. A Builder builds one controller.
type Builder struct {
	mgr      *Manager
	name     string
	forSrc   *Source
	forPreds []predicate.Predicate
	watches  []builderWatch
	filters  []predicate.Predicate
	opts     Options
	err      error
}

type builderWatch struct {
	src   Source
	h     func(forSrc Source) Handler
	preds []predicate.Predicate
}

// NewBuilder starts a controller for mgr.
func NewBuilder(mgr *Manager) *Builder { return &Builder{mgr: mgr} }

// Named sets the controller's name; default the primary kind, lower-cased.
func (b *Builder) Named(name string) *Builder {
	b.name = name
	return b
}

// For sets the primary kind: a change to one of its objects requests that
// object. It is required, once.
func (b *Builder) For(src Source, preds ...predicate.Predicate) *Builder {
	if b.forSrc != nil {
		b.fail(errors.New("controller: For called twice"))
		return b
	}
	b.forSrc = &src
	b.forPreds = preds
	return b
}

// Owns watches src's objects and requests their controlling owner when it
// is of the primary kind.
func (b *Builder) Owns(src Source, preds ...predicate.Predicate) *Builder {
	b.watches = append(b.watches, builderWatch{src: src, preds: preds,
		h: func(forSrc Source) Handler { return EnqueueOwner(forSrc) }})
	return b
}

// Watches watches src's objects and requests what fn maps them to.
func (b *Builder) Watches(src Source, fn MapFunc, preds ...predicate.Predicate) *Builder {
	b.watches = append(b.watches, builderWatch{src: src, preds: preds,
		h: func(Source) Handler { return EnqueueMapped(fn) }})
	return b
}

// WithEventFilter adds a predicate that every watch's events must pass.
func (b *Builder) WithEventFilter(p predicate.Predicate) *Builder {
	b.filters = append(b.filters, p)
	return b
}

// WithOptions sets the controller's options.
func (b *Builder) WithOptions(o Options) *Builder {
	b.opts = o
	return b
}

func (b *Builder) fail(err error) {
	if b.err == nil {
		b.err = err
	}
}

// Build makes the controller, adds it to the manager and returns it.
func (b *Builder) Build(r Reconciler) (*Controller, error) {
	if b.err != nil {
		return nil, b.err
	}
	if b.mgr == nil {
		return nil, errors.New("controller: NewBuilder needs a Manager")
	}
	if b.forSrc == nil || b.forSrc.kind == nil {
		return nil, errors.New("controller: the Builder needs For with a Source")
	}
	name := b.name
	if name == "" {
		gvk, _, err := b.forSrc.kind(b.mgr.Client().Scheme())
		if err != nil {
			return nil, err
		}
		name = strings.ToLower(gvk.Kind)
	}
	c, err := newController(b.mgr, name, r, b.opts)
	if err != nil {
		return nil, err
	}
	with := func(preds []predicate.Predicate) []predicate.Predicate {
		return append(append([]predicate.Predicate(nil), b.filters...), preds...)
	}
	if err := c.Watch(*b.forSrc, EnqueueObject(), with(b.forPreds)...); err != nil {
		return nil, err
	}
	for _, w := range b.watches {
		if err := c.Watch(w.src, w.h(*b.forSrc), with(w.preds)...); err != nil {
			return nil, err
		}
	}
	if err := b.mgr.addController(c); err != nil {
		return nil, err
	}
	return c, nil
}

// Complete is Build for callers that need only the error.
func (b *Builder) Complete(r Reconciler) error {
	_, err := b.Build(r)
	return err
}
