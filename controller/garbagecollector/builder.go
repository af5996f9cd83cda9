package garbagecollector

import (
	"context"
	"slices"

	"github.com/orcaproj/orca/apiobj"
)

// runBuilder applies informer events to the graph, in order, until ctx is
// done. It is the only writer of the graph.
func (gc *GarbageCollector) runBuilder(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-gc.events.ready:
		}
		for _, ev := range gc.events.take() {
			gc.process(ev)
		}
	}
}

func (gc *GarbageCollector) process(ev event) {
	g := gc.graph
	g.mu.Lock()
	defer g.mu.Unlock()
	switch ev.typ {
	case addEvent, updateEvent:
		gc.observe(ev.obj)
	case deleteEvent:
		if n, ok := g.nodes[ev.obj.ref.UID]; ok {
			gc.removeNode(n)
		}
	case virtualDeleteEvent:
		gc.virtualDelete(ev.obj.ref)
	}
}

// observe records an object seen by an informer; g.mu is held.
func (gc *GarbageCollector) observe(m objectMeta) {
	g := gc.graph
	uid := m.ref.UID
	n, ok := g.nodes[uid]
	if !ok {
		n = &node{ref: m.ref, dependents: map[*node]struct{}{}}
		g.nodes[uid] = n
		gc.linkOwners(n, m.owners)
		n.owners = m.owners
	} else {
		if n.virtual {
			// The owner showed up. Dependents that refer to it by other
			// coordinates hold references to something else: they get
			// checked.
			n.virtual = false
			n.ref = m.ref
			for d := range n.dependents {
				if r, ok := d.ownerRefTo(uid); ok && !gc.sameCoordinates(n.ref, ownerRef(r, d.ref.Namespace)) {
					gc.deleteQ.Add(d.ref.UID)
				}
			}
		}
		added, removed, changed := diffOwners(n.owners, m.owners)
		n.owners = m.owners
		gc.linkOwners(n, added)
		for _, r := range removed {
			if o, ok := g.nodes[r.UID]; ok {
				delete(o.dependents, n)
				gc.lostDependent(o)
			}
		}
		for _, r := range changed {
			if o, ok := g.nodes[r.UID]; ok && o.deletingDependents {
				gc.deleteQ.Add(o.ref.UID)
			}
		}
	}
	n.beingDeleted = m.deleting
	if orphaning := m.orphaning(); orphaning != n.orphaning {
		n.orphaning = orphaning
		if orphaning {
			gc.orphanQ.Add(uid)
		}
	}
	if fg := m.deletingDependents(); fg != n.deletingDependents {
		n.deletingDependents = fg
		if fg {
			for d := range n.dependents {
				gc.deleteQ.Add(d.ref.UID)
			}
			gc.deleteQ.Add(uid)
		}
	}
}

// linkOwners adds n to the dependents of each owner in refs, creating
// virtual nodes for owners not seen yet; g.mu is held.
func (gc *GarbageCollector) linkOwners(n *node, refs []apiobj.OwnerReference) {
	g := gc.graph
	for _, r := range refs {
		if r.UID == n.ref.UID {
			continue
		}
		o, ok := g.nodes[r.UID]
		switch {
		case !ok:
			o = &node{ref: ownerRef(r, n.ref.Namespace), virtual: true, dependents: map[*node]struct{}{}}
			g.nodes[r.UID] = o
			gc.deleteQ.Add(r.UID) // confirm it exists
		case !o.virtual && !gc.sameCoordinates(o.ref, ownerRef(r, n.ref.Namespace)):
			gc.deleteQ.Add(n.ref.UID) // the reference names another object
		}
		o.dependents[n] = struct{}{}
		if o.deletingDependents {
			gc.deleteQ.Add(n.ref.UID)
		}
	}
}

// lostDependent reacts to o losing a dependent; g.mu is held.
func (gc *GarbageCollector) lostDependent(o *node) {
	if o.deletingDependents {
		gc.deleteQ.Add(o.ref.UID)
	}
	if o.virtual && len(o.dependents) == 0 {
		delete(gc.graph.nodes, o.ref.UID)
	}
}

// removeNode drops n and queues its dependents, whose owner is gone; g.mu
// is held.
func (gc *GarbageCollector) removeNode(n *node) {
	g := gc.graph
	delete(g.nodes, n.ref.UID)
	for _, r := range n.owners {
		if o, ok := g.nodes[r.UID]; ok {
			delete(o.dependents, n)
			gc.lostDependent(o)
		}
	}
	for d := range n.dependents {
		gc.deleteQ.Add(d.ref.UID)
	}
}

// virtualDelete handles a live lookup that found nothing at id; g.mu is
// held.
func (gc *GarbageCollector) virtualDelete(id objectRef) {
	g := gc.graph
	n, ok := g.nodes[id.UID]
	if !ok {
		return
	}
	var matching, other []*node
	for d := range n.dependents {
		if r, ok := d.ownerRefTo(id.UID); ok && !gc.sameCoordinates(id, ownerRef(r, d.ref.Namespace)) {
			other = append(other, d)
		} else {
			matching = append(matching, d)
		}
	}
	if gc.sameCoordinates(n.ref, id) && (!n.virtual || len(other) == 0) {
		// What the graph holds is confirmed gone.
		gc.removeNode(n)
		return
	}
	// Some dependents refer to the UID by other coordinates: only those
	// that match the absent object are affected.
	gc.absent.add(gc.coordinates(id))
	for _, d := range matching {
		gc.deleteQ.Add(d.ref.UID)
	}
	if n.virtual && gc.sameCoordinates(n.ref, id) && len(other) > 0 {
		r, _ := other[0].ownerRefTo(id.UID)
		n.ref = ownerRef(r, other[0].ref.Namespace)
		gc.deleteQ.AddRateLimited(id.UID)
	}
}

// coordinates returns the key that identifies ref's object: group, kind,
// namespace (for namespaced kinds), name and UID.
func (gc *GarbageCollector) coordinates(ref objectRef) string {
	gv := apiobj.ParseGroupVersion(ref.APIVersion)
	ns := ref.Namespace
	if res, ok := gc.mapper.resourceFor(ref.APIVersion, ref.Kind); ok && !res.Namespaced {
		ns = ""
	}
	return gv.Group + "/" + ref.Kind + "/" + ns + "/" + ref.Name + "/" + string(ref.UID)
}

func (gc *GarbageCollector) sameCoordinates(a, b objectRef) bool {
	return gc.coordinates(a) == gc.coordinates(b)
}

// diffOwners compares two owner lists by UID: added and removed references,
// and references whose other fields changed.
func diffOwners(old, cur []apiobj.OwnerReference) (added, removed, changed []apiobj.OwnerReference) {
	find := func(l []apiobj.OwnerReference, uid apiobj.UID) (apiobj.OwnerReference, bool) {
		i := slices.IndexFunc(l, func(o apiobj.OwnerReference) bool { return o.UID == uid })
		if i < 0 {
			return apiobj.OwnerReference{}, false
		}
		return l[i], true
	}
	for _, o := range old {
		c, ok := find(cur, o.UID)
		switch {
		case !ok:
			removed = append(removed, o)
		case !sameOwnerRef(o, c):
			changed = append(changed, c)
		}
	}
	for _, c := range cur {
		if _, ok := find(old, c.UID); !ok {
			added = append(added, c)
		}
	}
	return added, removed, changed
}

func sameOwnerRef(a, b apiobj.OwnerReference) bool {
	return a.APIVersion == b.APIVersion && a.Kind == b.Kind && a.Name == b.Name && a.UID == b.UID &&
		boolValue(a.Controller) == boolValue(b.Controller) && boolValue(a.BlockOwnerDeletion) == boolValue(b.BlockOwnerDeletion)
}

func boolValue(b *bool) bool { return b != nil && *b }
