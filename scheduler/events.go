package scheduler

import (
	"maps"
	"slices"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
)

// nodeUpdateActions says what changed between two versions of a node
// that scheduling cares about; 0 means nothing (e.g. a heartbeat).
func nodeUpdateActions(old, n *apiobj.Node) framework.ActionType {
	var a framework.ActionType
	if !resourceListEqual(old.Status.Allocatable, n.Status.Allocatable) {
		a |= framework.UpdateNodeAllocatable
	}
	if !maps.Equal(old.Labels, n.Labels) {
		a |= framework.UpdateNodeLabel
	}
	if old.Spec.Unschedulable != n.Spec.Unschedulable || !taintsEqual(old.Spec.Taints, n.Spec.Taints) {
		a |= framework.UpdateNodeTaint
	}
	if !conditionsEqual(old.Status.Conditions, n.Status.Conditions) {
		a |= framework.UpdateNodeCondition
	}
	if !maps.Equal(old.Annotations, n.Annotations) {
		a |= framework.UpdateNodeAnnotation
	}
	if !imagesEqual(old.Status.Images, n.Status.Images) {
		a |= framework.UpdateNodeOther
	}
	return a
}

func resourceListEqual(a, b apiobj.ResourceList) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || v.Cmp(w) != 0 {
			return false
		}
	}
	return true
}

func taintsEqual(a, b []apiobj.Taint) bool {
	return slices.EqualFunc(a, b, func(x, y apiobj.Taint) bool {
		return x.Key == y.Key && x.Value == y.Value && x.Effect == y.Effect
	})
}

func conditionsEqual(a, b []apiobj.NodeCondition) bool {
	return slices.EqualFunc(a, b, func(x, y apiobj.NodeCondition) bool {
		return x.Type == y.Type && x.Status == y.Status
	})
}

func imagesEqual(a, b []apiobj.ContainerImage) bool {
	return slices.EqualFunc(a, b, func(x, y apiobj.ContainerImage) bool {
		return x.SizeBytes == y.SizeBytes && slices.Equal(x.Names, y.Names)
	})
}

// podUpdateActions says what changed between two versions of an
// assigned pod.
func podUpdateActions(old, p *apiobj.Pod) framework.ActionType {
	var a framework.ActionType
	if !maps.Equal(old.Labels, p.Labels) {
		a |= framework.UpdatePodLabel
	}
	if scaledDown(old, p) {
		a |= framework.UpdatePodScaleDown
	}
	if a == 0 && old.ResourceVersion != p.ResourceVersion {
		a = framework.UpdatePodOther
	}
	return a
}

func scaledDown(old, p *apiobj.Pod) bool {
	o, n := framework.PodRequests(old, false), framework.PodRequests(p, false)
	if n.MilliCPU < o.MilliCPU || n.Memory < o.Memory || n.EphemeralStorage < o.EphemeralStorage {
		return true
	}
	for k, v := range o.ScalarResources {
		if n.ScalarResources[k] < v {
			return true
		}
	}
	return false
}

// unscheduledPodUpdateEvent describes a change to a pod that is not yet
// scheduled; old may be nil when unknown.
func unscheduledPodUpdateEvent(old, p *apiobj.Pod) framework.ClusterEvent {
	ev := framework.ClusterEvent{Resource: framework.UnscheduledPod, ActionType: framework.UpdatePodOther}
	if old == nil {
		return ev
	}
	var a framework.ActionType
	if !maps.Equal(old.Labels, p.Labels) {
		a |= framework.UpdatePodLabel
	}
	if len(p.Spec.Tolerations) > len(old.Spec.Tolerations) ||
		!slices.EqualFunc(old.Spec.Tolerations, p.Spec.Tolerations[:min(len(old.Spec.Tolerations), len(p.Spec.Tolerations))], tolerationEqual) {
		a |= framework.UpdatePodTolerations
	}
	if len(old.Spec.SchedulingGates) != 0 && len(p.Spec.SchedulingGates) == 0 {
		a |= framework.UpdatePodSchedulingGatesEliminated
	}
	if scaledDown(old, p) {
		a |= framework.UpdatePodScaleDown
	}
	if a != 0 {
		ev.ActionType = a
	}
	return ev
}

func tolerationEqual(a, b apiobj.Toleration) bool {
	return a.Key == b.Key && a.Operator == b.Operator && a.Value == b.Value && a.Effect == b.Effect
}
