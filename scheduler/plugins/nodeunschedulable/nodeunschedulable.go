package nodeunschedulable

import (
	"context"
	"encoding/json"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
)

// Name is the plugin's name in the registry and in profiles.
const Name = "NodeUnschedulable"

// Reasons, worded as kube-scheduler words them.
const (
	ErrReasonUnschedulable = "node(s) were unschedulable"
	ErrReasonUnknownNode   = "node(s) not found"
)

var (
	statusUnschedulable = framework.NewStatus(framework.UnschedulableAndUnresolvable, ErrReasonUnschedulable)
	statusUnknownNode   = framework.NewStatus(framework.UnschedulableAndUnresolvable, ErrReasonUnknownNode)
	unschedulableTaint  = apiobj.Taint{Key: apiobj.TaintNodeUnschedulable, Effect: apiobj.TaintEffectNoSchedule}
)

// NodeUnschedulable filters out cordoned nodes.
type NodeUnschedulable struct{}

var (
	_ framework.FilterPlugin      = NodeUnschedulable{}
	_ framework.EnqueueExtensions = NodeUnschedulable{}
)

// New is the plugin's framework.Factory; it takes no arguments.
func New(json.RawMessage, framework.Handle) (framework.Plugin, error) {
	return NodeUnschedulable{}, nil
}

// Name returns Name.
func (NodeUnschedulable) Name() string { return Name }

// Filter rejects an unschedulable node the pod does not tolerate.
func (NodeUnschedulable) Filter(_ context.Context, _ *framework.CycleState, pod *apiobj.Pod, nodeInfo *framework.NodeInfo) *framework.Status {
	node := nodeInfo.Node()
	if node == nil {
		return statusUnknownNode
	}
	if node.Spec.Unschedulable && !apiobj.TolerationsTolerateTaint(pod.Spec.Tolerations, &unschedulableTaint) {
		return statusUnschedulable
	}
	return nil
}

// EventsToRegister registers node additions and taint (spec.unschedulable)
// changes, and pods gaining tolerations.
func (NodeUnschedulable) EventsToRegister() ([]framework.ClusterEventWithHint, error) {
	return []framework.ClusterEventWithHint{
		{Event: framework.ClusterEvent{Resource: framework.Node, ActionType: framework.Add | framework.UpdateNodeTaint}, QueueingHintFn: isSchedulableAfterNodeChange},
		{Event: framework.ClusterEvent{Resource: framework.UnscheduledPod, ActionType: framework.UpdatePodTolerations}, QueueingHintFn: isSchedulableAfterPodTolerationChange},
	}, nil
}

func isSchedulableAfterNodeChange(pod *apiobj.Pod, oldObj, newObj any) (framework.QueueingHint, error) {
	n, ok := newObj.(*apiobj.Node)
	if !ok {
		return framework.Queue, nil
	}
	if !n.Spec.Unschedulable {
		if old, ok := oldObj.(*apiobj.Node); !ok || old.Spec.Unschedulable {
			return framework.Queue, nil
		}
		return framework.QueueSkip, nil
	}
	return framework.QueueSkip, nil
}

func isSchedulableAfterPodTolerationChange(pod *apiobj.Pod, _, newObj any) (framework.QueueingHint, error) {
	p, ok := newObj.(*apiobj.Pod)
	if !ok || framework.PodKey(p) != framework.PodKey(pod) {
		return framework.QueueSkip, nil
	}
	if apiobj.TolerationsTolerateTaint(p.Spec.Tolerations, &unschedulableTaint) {
		return framework.Queue, nil
	}
	return framework.QueueSkip, nil
}
