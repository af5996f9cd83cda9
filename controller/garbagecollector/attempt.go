package garbagecollector

import (
	"context"
	"fmt"
	"slices"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
)

// attemptToDelete decides the fate of one node: a virtual node is confirmed
// or dropped; an owner deleting in the foreground waits for its blocking
// dependents; any other object is deleted when all its owners are gone (or
// waiting for their dependents), or loses the references to the owners that
// are gone when some remain.
func (gc *GarbageCollector) attemptToDelete(ctx context.Context, uid apiobj.UID) error {
	n, ok := gc.graph.get(uid)
	if !ok {
		return nil
	}
	if !n.virtual && n.beingDeleted && !n.deletingDependents {
		return nil // it is going; its deletion event will tell the graph
	}
	latest, err := gc.getObject(ctx, n.ref)
	switch {
	case errdefs.IsNotFound(err):
		gc.events.push(event{typ: virtualDeleteEvent, obj: objectMeta{ref: n.ref}})
		return nil
	case err != nil:
		return err
	case latest.GetUID() != n.ref.UID:
		gc.events.push(event{typ: virtualDeleteEvent, obj: objectMeta{ref: n.ref}})
		return nil
	case n.virtual:
		// It exists but no informer has shown it yet: look again later,
		// until it is observed or gone.
		return errRetry
	}
	meta := liveMetaOf(latest, apiobj.ParseGroupVersion(n.ref.APIVersion).WithKind(n.ref.Kind))
	meta.ref = n.ref
	if meta.deletingDependents() {
		return gc.processDeletingDependents(ctx, n, meta)
	}
	if meta.deleting {
		return nil
	}
	if len(meta.owners) == 0 {
		return nil
	}
	var solid, dangling, waiting []apiobj.OwnerReference
	for _, r := range meta.owners {
		isDangling, owner, err := gc.isDangling(ctx, r, n.ref)
		if err != nil {
			return err
		}
		switch {
		case isDangling:
			dangling = append(dangling, r)
		case owner.deletingDependents():
			waiting = append(waiting, r)
		default:
			solid = append(solid, r)
		}
	}
	switch {
	case len(solid) > 0:
		if len(dangling) == 0 && len(waiting) == 0 {
			return nil
		}
		// Some owners remain: drop only the references to those that are
		// gone or deleting in the foreground (so they need not wait).
		drop := map[apiobj.UID]bool{}
		for _, r := range append(dangling, waiting...) {
			drop[r.UID] = true
		}
		gc.log.Debug("removing dangling owner references", "object", n.ref.String(), "count", len(drop))
		return gc.patchOwnerRefs(ctx, n.ref, func(refs []apiobj.OwnerReference) []apiobj.OwnerReference {
			return slices.DeleteFunc(refs, func(r apiobj.OwnerReference) bool { return drop[r.UID] })
		})
	case len(waiting) > 0 && len(n.dependents) > 0:
		// An owner waits for its dependents and this object has dependents
		// of its own: delete it in the foreground so that the wait covers
		// them. When one of its dependents deletes in the foreground too,
		// there may be a cycle: stop blocking the owners first.
		for _, d := range n.dependents {
			if d.deletingDependents {
				waitingUIDs := map[apiobj.UID]bool{}
				for _, r := range waiting {
					waitingUIDs[r.UID] = true
				}
				err := gc.patchOwnerRefs(ctx, n.ref, func(refs []apiobj.OwnerReference) []apiobj.OwnerReference {
					for i := range refs {
						if waitingUIDs[refs[i].UID] && boolValue(refs[i].BlockOwnerDeletion) {
							refs[i].BlockOwnerDeletion = apiobj.Bool(false)
						}
					}
					return refs
				})
				if err != nil {
					return err
				}
				break
			}
		}
		return gc.deleteObject(ctx, n.ref, meta, apiobj.DeletePropagationForeground)
	default:
		// Every owner is gone or waiting for its dependents.
		policy := apiobj.DeletePropagationBackground
		switch {
		case slices.Contains(meta.finalizers, finalizerOrphan):
			policy = apiobj.DeletePropagationOrphan
		case slices.Contains(meta.finalizers, finalizerForeground):
			policy = apiobj.DeletePropagationForeground
		}
		gc.log.Debug("deleting object whose owners are gone", "object", n.ref.String(), "policy", policy)
		return gc.deleteObject(ctx, n.ref, meta, policy)
	}
}

// processDeletingDependents handles an owner deleting in the foreground:
// once no dependent blocks it, its foregroundDeletion finalizer goes;
// until then its blocking dependents are queued for deletion.
func (gc *GarbageCollector) processDeletingDependents(ctx context.Context, n nodeInfo, meta objectMeta) error {
	var blocking []dependentInfo
	for _, d := range n.dependents {
		if d.blocking {
			blocking = append(blocking, d)
		}
	}
	if len(blocking) == 0 {
		gc.log.Debug("no blocking dependents left, removing the foregroundDeletion finalizer", "object", n.ref.String())
		return gc.removeFinalizer(ctx, n.ref, finalizerForeground)
	}
	for _, d := range blocking {
		if !d.beingDeleted || d.deletingDependents {
			gc.deleteQ.Add(d.ref.UID)
		}
	}
	// The graph queues this owner again as its dependents change.
	return nil
}

// attemptToOrphan handles an owner deleting with the orphan finalizer:
// every dependent loses its references to it, then the finalizer goes.
func (gc *GarbageCollector) attemptToOrphan(ctx context.Context, uid apiobj.UID) error {
	n, ok := gc.graph.get(uid)
	if !ok || n.virtual {
		return nil
	}
	latest, err := gc.getObject(ctx, n.ref)
	if errdefs.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if latest.GetUID() != uid {
		return nil
	}
	meta := metaOf(latest, apiobj.ParseGroupVersion(n.ref.APIVersion).WithKind(n.ref.Kind))
	if !meta.orphaning() {
		return nil
	}
	var errs []error
	for _, d := range n.dependents {
		err := gc.patchOwnerRefs(ctx, d.ref, func(refs []apiobj.OwnerReference) []apiobj.OwnerReference {
			return slices.DeleteFunc(refs, func(r apiobj.OwnerReference) bool { return r.UID == uid })
		})
		if err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("orphaning the dependents of %s: %w", n.ref, errs[0])
	}
	gc.log.Debug("dependents orphaned, removing the orphan finalizer", "object", n.ref.String(), "dependents", len(n.dependents))
	return gc.removeFinalizer(ctx, n.ref, finalizerOrphan)
}
