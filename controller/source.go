package controller

import (
	"context"
	"errors"
	"fmt"
	"reflect"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/workqueue"
)

// Source is a kind of object a controller watches, through the manager's
// shared informers: Kind for kinds with a Go type, Dynamic and
// DynamicScoped for custom kinds handled as Unstructured. The zero Source
// is invalid.
type Source struct {
	desc     string
	kind     func(s *apiobj.Scheme) (gvk apiobj.GroupVersionKind, namespaced bool, err error)
	informer func(m *Manager) (informer, error)
}

// informer is the part of a shared informer a controller uses.
type informer struct {
	register func(s sink) (remove func())
	synced   func(ctx context.Context) bool
}

// sink receives an informer's notifications as plain Objects.
type sink struct {
	create func(obj apiobj.Object)
	update func(old, new apiobj.Object)
	delete func(obj apiobj.Object)
}

func (s Source) String() string { return s.desc }

var unstructuredType = reflect.TypeFor[*apiobj.Unstructured]()

// Kind returns the source of T's objects, T being a kind's pointer type
// registered in the client's scheme (*apiobj.Deployment). Its informer is
// the manager's shared one, the same client.InformerFor[T] returns, so a
// reconciler can read what the controller watches through that informer's
// Lister. For custom kinds handled as Unstructured, use Dynamic.
func Kind[T apiobj.Object]() Source {
	t := reflect.TypeFor[T]()
	desc := t.String()
	newObj := func() (apiobj.Object, error) {
		if t.Kind() != reflect.Pointer {
			return nil, fmt.Errorf("controller: Kind[%s]: the type must be a pointer to a kind", desc)
		}
		if t == unstructuredType {
			return nil, errors.New("controller: Kind[*apiobj.Unstructured] names no kind; use Dynamic")
		}
		return reflect.New(t.Elem()).Interface().(apiobj.Object), nil
	}
	kind := func(s *apiobj.Scheme) (apiobj.GroupVersionKind, bool, error) {
		obj, err := newObj()
		if err != nil {
			return apiobj.GroupVersionKind{}, false, err
		}
		k, err := s.KindOf(obj)
		if err != nil {
			return apiobj.GroupVersionKind{}, false, fmt.Errorf("controller: Kind[%s]: %w", desc, err)
		}
		return k.GroupVersionKind, k.Namespaced, nil
	}
	return Source{
		desc: desc,
		kind: kind,
		informer: func(m *Manager) (informer, error) {
			if _, _, err := kind(m.Client().Scheme()); err != nil {
				return informer{}, err // client.For would panic
			}
			inf := client.InformerFor[T](m.Factory())
			return informer{
				register: func(s sink) func() {
					return inf.AddRemovableHandler(client.HandlerFuncs[T]{
						AddFunc:    func(obj T, _ bool) { s.create(obj) },
						UpdateFunc: func(old, new T) { s.update(old, new) },
						DeleteFunc: func(obj T, _ bool) { s.delete(obj) },
					})
				},
				synced: inf.WaitForCacheSync,
			}, nil
		},
	}
}

// Dynamic returns the source of a resource's objects as Unstructured,
// custom kinds included. The resource must be known to the client's scheme
// (built in, or added with Scheme.AddKind) so that its kind and scope are
// known; otherwise use DynamicScoped. Its informer is shared with every
// other Dynamic source of the resource (client.DynamicInformerFor).
func Dynamic(gvr apiobj.GroupVersionResource) Source {
	desc := gvr.String()
	lookup := func(s *apiobj.Scheme) (*apiobj.KindInfo, error) {
		k, ok := s.KindForResource(gvr)
		if !ok {
			return nil, fmt.Errorf("controller: Dynamic(%s): the resource is not in the client's scheme; add its kind or use DynamicScoped", desc)
		}
		return k, nil
	}
	return Source{
		desc: desc,
		kind: func(s *apiobj.Scheme) (apiobj.GroupVersionKind, bool, error) {
			k, err := lookup(s)
			if err != nil {
				return apiobj.GroupVersionKind{}, false, err
			}
			return k.GroupVersionKind, k.Namespaced, nil
		},
		informer: func(m *Manager) (informer, error) {
			k, err := lookup(m.Client().Scheme())
			if err != nil {
				return informer{}, err
			}
			return dynamicInformer(m, client.DynamicScoped(m.Client(), gvr, k.GroupVersionKind, k.Namespaced)), nil
		},
	}
}

// DynamicScoped is Dynamic for a resource the client's scheme need not
// know: its kind and scope are given.
func DynamicScoped(gvr apiobj.GroupVersionResource, gvk apiobj.GroupVersionKind, namespaced bool) Source {
	return Source{
		desc: gvr.String(),
		kind: func(*apiobj.Scheme) (apiobj.GroupVersionKind, bool, error) { return gvk, namespaced, nil },
		informer: func(m *Manager) (informer, error) {
			return dynamicInformer(m, client.DynamicScoped(m.Client(), gvr, gvk, namespaced)), nil
		},
	}
}

func dynamicInformer(m *Manager, r *client.Resource[*apiobj.Unstructured]) informer {
	inf := client.DynamicInformerFor(m.Factory(), r)
	return informer{
		register: func(s sink) func() {
			return inf.AddRemovableHandler(client.HandlerFuncs[*apiobj.Unstructured]{
				AddFunc:    func(obj *apiobj.Unstructured, _ bool) { s.create(obj) },
				UpdateFunc: func(old, new *apiobj.Unstructured) { s.update(old, new) },
				DeleteFunc: func(obj *apiobj.Unstructured, _ bool) { s.delete(obj) },
			})
		},
		synced: inf.WaitForCacheSync,
	}
}

// MapFunc maps a watched object to the requests a change to it causes. It
// runs on an informer's delivery goroutine: it must be quick, must not
// block, and must not mutate obj (it is shared with the cache). Reading
// listers is fine.
type MapFunc func(ctx context.Context, obj apiobj.Object) []Request

// Map adapts a MapFunc over T's objects; objects of other types map to
// nothing.
func Map[T apiobj.Object](fn func(ctx context.Context, obj T) []Request) MapFunc {
	return func(ctx context.Context, obj apiobj.Object) []Request {
		t, ok := obj.(T)
		if !ok {
			return nil
		}
		return fn(ctx, t)
	}
}

// Handler says which requests a change to a watched object causes:
// EnqueueObject, EnqueueOwner or EnqueueMapped. The zero Handler is
// invalid.
type Handler struct {
	bind func(s *apiobj.Scheme) (enqueuer, error)
}

// enqueuer adds the requests for obj to q; onBoth says whether an update
// maps both the old and the new object (the mapping may differ) or only
// the new one.
type enqueuer struct {
	enqueue func(ctx context.Context, obj apiobj.Object, q workqueue.Interface[Request])
	onBoth  bool
}

// EnqueueObject requests the changed object itself: what For watches with.
func EnqueueObject() Handler {
	return Handler{bind: func(*apiobj.Scheme) (enqueuer, error) {
		return enqueuer{enqueue: func(_ context.Context, obj apiobj.Object, q workqueue.Interface[Request]) {
			q.Add(RequestFor(obj))
		}}, nil
	}}
}

// EnqueueOwner requests the controlling owner of the changed object (its
// ownerReference with controller true) when that owner is of owner's kind
// (group and kind must match; the version may differ). A namespaced owner
// is looked for in the object's namespace. Objects without such an owner
// map to nothing. This is what Owns watches with.
func EnqueueOwner(owner Source) Handler {
	return Handler{bind: func(s *apiobj.Scheme) (enqueuer, error) {
		if owner.kind == nil {
			return enqueuer{}, errors.New("controller: EnqueueOwner of the zero Source")
		}
		gvk, namespaced, err := owner.kind(s)
		if err != nil {
			return enqueuer{}, err
		}
		return enqueuer{onBoth: true, enqueue: func(_ context.Context, obj apiobj.Object, q workqueue.Interface[Request]) {
			ref := apiobj.ControllerRef(obj)
			if ref == nil || ref.Kind != gvk.Kind || apiobj.ParseGroupVersion(ref.APIVersion).Group != gvk.Group {
				return
			}
			req := Request{Name: ref.Name}
			if namespaced {
				req.Namespace = obj.GetNamespace()
			}
			q.Add(req)
		}}, nil
	}}
}

// EnqueueMapped requests what fn maps the changed object to; on an update,
// both the old and the new object are mapped.
func EnqueueMapped(fn MapFunc) Handler {
	return Handler{bind: func(*apiobj.Scheme) (enqueuer, error) {
		if fn == nil {
			return enqueuer{}, errors.New("controller: EnqueueMapped(nil)")
		}
		return enqueuer{onBoth: true, enqueue: func(ctx context.Context, obj apiobj.Object, q workqueue.Interface[Request]) {
			for _, r := range fn(ctx, obj) {
				q.Add(r)
			}
		}}, nil
	}}
}
