package garbagecollector

import (
	"container/list"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/errdefs"
)

// errUnknownKind is returned for a reference to a kind no resource serves
// (yet: a custom kind may be discovered later, so the item is retried).
type errUnknownKind struct{ apiVersion, kind string }

func (e errUnknownKind) Error() string {
	return fmt.Sprintf("garbagecollector: no resource serves %s %s", e.apiVersion, e.kind)
}

// resource returns the view of ref's resource in its namespace. A
// namespaced kind referred to from a cluster-scoped object cannot be found
// and is reported as NotFound, as Kubernetes treats such a reference as
// absent.
func (gc *GarbageCollector) resource(ref objectRef) (*client.Resource[*apiobj.Unstructured], error) {
	r, ok := gc.mapper.resourceFor(ref.APIVersion, ref.Kind)
	if !ok {
		gc.triggerDiscovery()
		return nil, errUnknownKind{ref.APIVersion, ref.Kind}
	}
	res := client.DynamicScoped(gc.meta, r.GroupVersionResource, r.GroupVersionKind(), r.Namespaced)
	if r.Namespaced {
		if ref.Namespace == "" {
			return nil, apiobj.NewNotFound(r.GroupVersionResource.GroupResource(), ref.Name)
		}
		res = res.Namespace(ref.Namespace)
	}
	return res, nil
}

// getObject reads ref's object (its metadata) from the server.
func (gc *GarbageCollector) getObject(ctx context.Context, ref objectRef) (*apiobj.Unstructured, error) {
	res, err := gc.resource(ref)
	if err != nil {
		return nil, err
	}
	return res.Get(ctx, ref.Name)
}

// isDangling reports whether the owner r of the dependent dep is gone: not
// found by a live lookup, or found with another UID. When it is not, it
// returns the owner's metadata.
func (gc *GarbageCollector) isDangling(ctx context.Context, r apiobj.OwnerReference, dep objectRef) (bool, objectMeta, error) {
	ref := ownerRef(r, dep.Namespace)
	key := gc.coordinates(ref)
	if gc.absent.has(key) {
		return true, objectMeta{}, nil
	}
	owner, err := gc.getObject(ctx, ref)
	switch {
	case errdefs.IsNotFound(err):
		gc.absent.add(key)
		return true, objectMeta{}, nil
	case err != nil:
		return false, objectMeta{}, err
	case owner.GetUID() != r.UID:
		gc.absent.add(key)
		return true, objectMeta{}, nil
	}
	return false, metaOf(owner, apiobj.ParseGroupVersion(r.APIVersion).WithKind(r.Kind)), nil
}

// deleteObject deletes ref's object with policy, on the condition that it
// is still the object seen as latest. When it changed meanwhile but its
// owner references did not, it is deleted anyway (with the UID condition
// alone); otherwise the item is looked at again.
func (gc *GarbageCollector) deleteObject(ctx context.Context, ref objectRef, latest objectMeta, policy apiobj.DeletionPropagation) error {
	res, err := gc.resource(ref)
	if err != nil {
		return client.IgnoreNotFound(err)
	}
	err = res.Delete(ctx, ref.Name, client.DeleteOptions{PropagationPolicy: string(policy), UID: ref.UID, ResourceVersion: latest.resourceVersion})
	if !errdefs.IsConflict(err) {
		return client.IgnoreNotFound(err)
	}
	cur, err := res.Get(ctx, ref.Name)
	switch {
	case errdefs.IsNotFound(err):
		return nil
	case err != nil:
		return err
	case cur.GetUID() != ref.UID:
		return nil
	case !slices.EqualFunc(cur.GetOwnerReferences(), latest.owners, sameOwnerRef):
		return errRetry
	}
	err = res.Delete(ctx, ref.Name, client.DeleteOptions{PropagationPolicy: string(policy), UID: ref.UID})
	if errdefs.IsNotFound(err) || errdefs.IsConflict(err) {
		return nil // gone, or replaced by an object with another UID
	}
	return err
}

// maxPatchAttempts bounds the read-modify-write retries on conflicts.
const maxPatchAttempts = 5

// patchOwnerRefs replaces ref's owner references with what edit makes of
// them, with the object's resourceVersion as a precondition, retrying on
// conflicts. An object that is gone, or whose references edit leaves
// unchanged, needs nothing. edit owns its argument.
func (gc *GarbageCollector) patchOwnerRefs(ctx context.Context, ref objectRef, edit func([]apiobj.OwnerReference) []apiobj.OwnerReference) error {
	return gc.patchMeta(ctx, ref, func(u *apiobj.Unstructured) (string, any, bool) {
		old := u.GetOwnerReferences()
		cur := edit(slices.Clone(old))
		if slices.EqualFunc(old, cur, sameOwnerRef) {
			return "", nil, false
		}
		if len(cur) == 0 {
			return "ownerReferences", nil, true
		}
		return "ownerReferences", cur, true
	})
}

// removeFinalizer removes finalizer f from ref's object.
func (gc *GarbageCollector) removeFinalizer(ctx context.Context, ref objectRef, f string) error {
	return gc.patchMeta(ctx, ref, func(u *apiobj.Unstructured) (string, any, bool) {
		old := u.GetFinalizers()
		if !slices.Contains(old, f) {
			return "", nil, false
		}
		cur := slices.DeleteFunc(slices.Clone(old), func(s string) bool { return s == f })
		if len(cur) == 0 {
			return "finalizers", nil, true
		}
		return "finalizers", cur, true
	})
}

// patchMeta sets one metadata field of ref's object to what change returns
// (nil removes it), through a merge patch conditional on the
// resourceVersion read just before.
func (gc *GarbageCollector) patchMeta(ctx context.Context, ref objectRef, change func(*apiobj.Unstructured) (field string, value any, changed bool)) error {
	res, err := gc.resource(ref)
	if err != nil {
		if errdefs.IsNotFound(err) {
			return nil
		}
		return err
	}
	for range maxPatchAttempts {
		cur, err := res.Get(ctx, ref.Name)
		if errdefs.IsNotFound(err) {
			return nil
		}
		if err != nil {
			return err
		}
		if cur.GetUID() != ref.UID {
			return nil
		}
		field, value, changed := change(cur)
		if !changed {
			return nil
		}
		body, err := json.Marshal(map[string]any{"metadata": map[string]any{
			field: value, "resourceVersion": cur.GetResourceVersion(),
		}})
		if err != nil {
			return err
		}
		_, err = res.Patch(ctx, ref.Name, client.MergePatch, body, "")
		switch {
		case errdefs.IsConflict(err):
			continue
		case errdefs.IsNotFound(err):
			return nil
		}
		return err
	}
	return fmt.Errorf("garbagecollector: patching %s: too many conflicts: %w", ref, errRetry)
}

// absentCacheSize bounds the owners remembered as absent, as Kubernetes.
const absentCacheSize = 500

// absentCache remembers owners confirmed absent (a UID never comes back),
// least recently used first out.
type absentCache struct {
	mu    sync.Mutex // guards order and index
	max   int
	order *list.List // of string keys, most recent at the front
	index map[string]*list.Element
}

func newAbsentCache(max int) *absentCache {
	return &absentCache{max: max, order: list.New(), index: map[string]*list.Element{}}
}

func (c *absentCache) add(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.index[key]; ok {
		c.order.MoveToFront(e)
		return
	}
	c.index[key] = c.order.PushFront(key)
	if c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.index, last.Value.(string))
	}
}

func (c *absentCache) has(key string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.index[key]
	if ok {
		c.order.MoveToFront(e)
	}
	return ok
}
