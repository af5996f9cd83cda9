package garbagecollector

import (
	"slices"
	"sync"

	"github.com/orcaproj/orca/apiobj"
)

// The finalizers the API server adds for the propagation policies.
const (
	finalizerOrphan     = "orphan"
	finalizerForeground = "foregroundDeletion"
)

// objectRef is where an object is: an owner reference's coordinates and a
// namespace. For a virtual node the namespace is that of the dependent that
// first referred to it, and is meaningless for cluster-scoped kinds.
type objectRef struct {
	APIVersion string
	Kind       string
	Name       string
	UID        apiobj.UID
	Namespace  string
}

func ownerRef(o apiobj.OwnerReference, dependentNS string) objectRef {
	return objectRef{APIVersion: o.APIVersion, Kind: o.Kind, Name: o.Name, UID: o.UID, Namespace: dependentNS}
}

func (r objectRef) String() string {
	s := r.APIVersion + "/" + r.Kind + " "
	if r.Namespace != "" {
		s += r.Namespace + "/"
	}
	return s + r.Name + " (" + string(r.UID) + ")"
}

// objectMeta is what the collector keeps of an observed object.
type objectMeta struct {
	ref        objectRef
	owners     []apiobj.OwnerReference
	deleting   bool // deletionTimestamp is set
	finalizers []string
	// resourceVersion is kept only for live reads, not in the graph.
	resourceVersion string
}

func (m objectMeta) deletingDependents() bool {
	return m.deleting && slices.Contains(m.finalizers, finalizerForeground)
}

func (m objectMeta) orphaning() bool {
	return m.deleting && slices.Contains(m.finalizers, finalizerOrphan)
}

func metaOf(u *apiobj.Unstructured, gvk apiobj.GroupVersionKind) objectMeta {
	return objectMeta{
		ref: objectRef{
			APIVersion: gvk.GroupVersion().String(), Kind: gvk.Kind,
			Name: u.GetName(), UID: u.GetUID(), Namespace: u.GetNamespace(),
		},
		owners:     u.GetOwnerReferences(),
		deleting:   u.GetDeletionTimestamp() != nil,
		finalizers: u.GetFinalizers(),
	}
}

// liveMetaOf is metaOf for an object read from the server just now.
func liveMetaOf(u *apiobj.Unstructured, gvk apiobj.GroupVersionKind) objectMeta {
	m := metaOf(u, gvk)
	m.resourceVersion = u.GetResourceVersion()
	return m
}

// node is one object in the ownership graph.
type node struct {
	ref objectRef
	// virtual nodes are known only from owner references; an attempt to
	// delete confirms them with a live lookup.
	virtual            bool
	beingDeleted       bool
	deletingDependents bool // deleting with the foregroundDeletion finalizer
	orphaning          bool // deleting with the orphan finalizer
	owners             []apiobj.OwnerReference
	dependents         map[*node]struct{}
}

// ownerRefTo returns n's reference to the owner uid.
func (n *node) ownerRefTo(uid apiobj.UID) (apiobj.OwnerReference, bool) {
	for _, o := range n.owners {
		if o.UID == uid {
			return o, true
		}
	}
	return apiobj.OwnerReference{}, false
}

// graph is the ownership graph, keyed by UID. The graph builder goroutine
// changes it; workers read snapshots.
type graph struct {
	mu    sync.Mutex // guards nodes and every field of every node
	nodes map[apiobj.UID]*node
}

func newGraph() *graph { return &graph{nodes: map[apiobj.UID]*node{}} }

// dependentInfo is a worker's view of one dependent.
type dependentInfo struct {
	ref                objectRef
	blocking           bool // its reference to the owner has blockOwnerDeletion
	beingDeleted       bool
	deletingDependents bool
}

// nodeInfo is a worker's copy of a node.
type nodeInfo struct {
	ref                objectRef
	virtual            bool
	beingDeleted       bool
	deletingDependents bool
	dependents         []dependentInfo
}

// get returns a copy of the node uid, and false if there is none.
func (g *graph) get(uid apiobj.UID) (nodeInfo, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	n, ok := g.nodes[uid]
	if !ok {
		return nodeInfo{}, false
	}
	info := nodeInfo{ref: n.ref, virtual: n.virtual, beingDeleted: n.beingDeleted, deletingDependents: n.deletingDependents}
	for d := range n.dependents {
		r, _ := d.ownerRefTo(uid)
		info.dependents = append(info.dependents, dependentInfo{
			ref: d.ref, blocking: r.BlockOwnerDeletion != nil && *r.BlockOwnerDeletion,
			beingDeleted: d.beingDeleted, deletingDependents: d.deletingDependents,
		})
	}
	slices.SortFunc(info.dependents, func(a, b dependentInfo) int {
		switch {
		case a.ref.UID < b.ref.UID:
			return -1
		case a.ref.UID > b.ref.UID:
			return 1
		}
		return 0
	})
	return info, true
}

// size returns the number of nodes.
func (g *graph) size() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.nodes)
}

// eventType says what an event reports.
type eventType uint8

const (
	addEvent eventType = iota
	updateEvent
	deleteEvent
	// virtualDeleteEvent reports that a live lookup found no object at
	// obj.ref (or one with another UID).
	virtualDeleteEvent
)

type event struct {
	typ eventType
	obj objectMeta
}

// eventQueue is an unbounded FIFO: informer handlers never block on it.
type eventQueue struct {
	mu    sync.Mutex // guards items
	items []event
	ready chan struct{} // has a token while items is not empty
}

func newEventQueue() *eventQueue { return &eventQueue{ready: make(chan struct{}, 1)} }

func (q *eventQueue) push(e event) {
	q.mu.Lock()
	q.items = append(q.items, e)
	q.mu.Unlock()
	select {
	case q.ready <- struct{}{}:
	default:
	}
}

// take returns every queued event, or nil when there are none.
func (q *eventQueue) take() []event {
	q.mu.Lock()
	defer q.mu.Unlock()
	out := q.items
	q.items = nil
	return out
}
