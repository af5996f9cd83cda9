package framework

import (
	"strings"

	"github.com/orcaproj/orca/apiobj"
)

// EventResource names the kind of object a cluster event is about. Custom
// kinds may use their own names ("<resource>.<group>"); the scheduler
// delivers whatever its adapter reports.
type EventResource string

// The resources the scheduler core reports events for. Adapters may report
// the volume-related ones once they watch them.
const (
	// Pod is an assigned (bound or assumed) pod.
	Pod EventResource = "Pod"
	// UnscheduledPod is a pod that is not yet assigned; its own updates
	// (for example removed scheduling gates) are reported with it.
	UnscheduledPod EventResource = "UnscheduledPod"
	// Node is a node.
	Node                  EventResource = "Node"
	PersistentVolume      EventResource = "PersistentVolume"
	PersistentVolumeClaim EventResource = "PersistentVolumeClaim"
	StorageClass          EventResource = "storage.k8s.io/StorageClass"
	CSINode               EventResource = "storage.k8s.io/CSINode"
	CSIDriver             EventResource = "storage.k8s.io/CSIDriver"
	CSIStorageCapacity    EventResource = "storage.k8s.io/CSIStorageCapacity"
	VolumeAttachment      EventResource = "storage.k8s.io/VolumeAttachment"
	PodDisruptionBudget   EventResource = "policy/PodDisruptionBudget"
	// WildCard matches every resource. A plugin that registers
	// {WildCard, All} gets every event.
	WildCard EventResource = "*"
)

// ActionType is a set of things that happened to an object, as bits.
type ActionType int64

// The actions. Update is the union of every update bit; All is every bit.
const (
	Add ActionType = 1 << iota
	Delete
	// UpdateNodeAllocatable: status.allocatable changed.
	UpdateNodeAllocatable
	// UpdateNodeLabel: metadata.labels changed.
	UpdateNodeLabel
	// UpdateNodeTaint: spec.taints or spec.unschedulable changed.
	UpdateNodeTaint
	// UpdateNodeCondition: status.conditions changed.
	UpdateNodeCondition
	// UpdateNodeAnnotation: metadata.annotations changed.
	UpdateNodeAnnotation
	// UpdatePodLabel: a pod's labels changed.
	UpdatePodLabel
	// UpdatePodScaleDown: a pod's resource requests went down.
	UpdatePodScaleDown
	// UpdatePodTolerations: an unscheduled pod gained tolerations.
	UpdatePodTolerations
	// UpdatePodSchedulingGatesEliminated: an unscheduled pod lost its last
	// scheduling gate.
	UpdatePodSchedulingGatesEliminated
	// UpdatePodOther: any other change to a pod (status, annotations, ...).
	UpdatePodOther
	// UpdateNodeOther: any other change to a node.
	UpdateNodeOther

	actionEnd

	// Update is any update.
	Update = UpdateNodeAllocatable | UpdateNodeLabel | UpdateNodeTaint | UpdateNodeCondition |
		UpdateNodeAnnotation | UpdatePodLabel | UpdatePodScaleDown | UpdatePodTolerations |
		UpdatePodSchedulingGatesEliminated | UpdatePodOther | UpdateNodeOther
	// All is every action.
	All = actionEnd - 1
)

var actionNames = []struct {
	a    ActionType
	name string
}{
	{Add, "Add"}, {Delete, "Delete"},
	{UpdateNodeAllocatable, "UpdateNodeAllocatable"}, {UpdateNodeLabel, "UpdateNodeLabel"},
	{UpdateNodeTaint, "UpdateNodeTaint"}, {UpdateNodeCondition, "UpdateNodeCondition"},
	{UpdateNodeAnnotation, "UpdateNodeAnnotation"}, {UpdatePodLabel, "UpdatePodLabel"},
	{UpdatePodScaleDown, "UpdatePodScaleDown"}, {UpdatePodTolerations, "UpdatePodTolerations"},
	{UpdatePodSchedulingGatesEliminated, "UpdatePodSchedulingGatesEliminated"},
	{UpdatePodOther, "UpdatePodOther"}, {UpdateNodeOther, "UpdateNodeOther"},
}

// String joins the names of the set bits with "|"; "All" and "Update" for
// those sets.
func (a ActionType) String() string {
	switch a {
	case All:
		return "All"
	case Update:
		return "Update"
	}
	var parts []string
	for _, n := range actionNames {
		if a&n.a != 0 {
			parts = append(parts, n.name)
		}
	}
	return strings.Join(parts, "|")
}

// ClusterEvent is something that happened in the cluster that may make
// pods schedulable.
type ClusterEvent struct {
	Resource   EventResource
	ActionType ActionType
	// CustomLabel, if set, names the event in metrics instead of
	// Resource+ActionType.
	CustomLabel string
}

// Label names the event for metrics and logs, e.g. "NodeAdd".
func (e ClusterEvent) Label() string {
	if e.CustomLabel != "" {
		return e.CustomLabel
	}
	return string(e.Resource) + e.ActionType.String()
}

// Match reports whether the registered event e covers the incoming event
// in: the same resource (or e is WildCard) and at least one shared action.
func (e ClusterEvent) Match(in ClusterEvent) bool {
	return (e.Resource == WildCard || e.Resource == in.Resource) && e.ActionType&in.ActionType != 0
}

// QueueingHint says whether an event may make a rejected pod schedulable.
type QueueingHint int

const (
	// QueueSkip: the event does not help this pod; leave it where it is.
	QueueSkip QueueingHint = iota
	// Queue: the event may help; move the pod to the active queue (or to
	// backoff if its backoff has not expired).
	Queue
)

// String returns "QueueSkip" or "Queue".
func (h QueueingHint) String() string {
	if h == Queue {
		return "Queue"
	}
	return "QueueSkip"
}

// QueueingHintFn decides, for a pod that the registering plugin rejected,
// whether an event may make it schedulable. oldObj is nil for Add and
// newObj is nil for Delete; both are the event's objects (for example
// *apiobj.Node or *apiobj.Pod), shared and read-only. An error counts as
// Queue. It must be fast and safe for concurrent use.
type QueueingHintFn func(pod *apiobj.Pod, oldObj, newObj any) (QueueingHint, error)

// ClusterEventWithHint pairs an event with its hint. A nil hint means
// Queue for every such event.
type ClusterEventWithHint struct {
	Event          ClusterEvent
	QueueingHintFn QueueingHintFn
}

// Events the scheduler core itself watches; plugins that reject pods
// should register the events that can resolve each rejection.
var (
	// EventNodeAdd is a node added.
	EventNodeAdd = ClusterEvent{Resource: Node, ActionType: Add}
	// EventAssignedPodDelete is an assigned pod deleted.
	EventAssignedPodDelete = ClusterEvent{Resource: Pod, ActionType: Delete}
	// EventUnschedulableTimeout is the flush of pods that stayed
	// unschedulable longer than the flush timeout.
	EventUnschedulableTimeout = ClusterEvent{Resource: WildCard, ActionType: All, CustomLabel: "UnschedulableTimeout"}
	// EventForceActivate is a pod activated through PodActivator.
	EventForceActivate = ClusterEvent{Resource: WildCard, ActionType: All, CustomLabel: "ForceActivate"}
)
