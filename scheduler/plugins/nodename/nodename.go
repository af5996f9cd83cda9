package nodename

import (
	"context"
	"encoding/json"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
)

// Name is the plugin's name in the registry and in profiles.
const Name = "NodeName"

// ErrReason is the rejection reason, worded as kube-scheduler words it.
const ErrReason = "node(s) didn't match the requested node name"

var statusMismatch = framework.NewStatus(framework.UnschedulableAndUnresolvable, ErrReason)

// NodeName filters nodes by spec.nodeName.
type NodeName struct{}

var (
	_ framework.FilterPlugin      = NodeName{}
	_ framework.EnqueueExtensions = NodeName{}
)

// New is the plugin's framework.Factory; it takes no arguments.
func New(json.RawMessage, framework.Handle) (framework.Plugin, error) { return NodeName{}, nil }

// Name returns Name.
func (NodeName) Name() string { return Name }

// Filter rejects every node but the one the pod names, if it names one.
func (NodeName) Filter(_ context.Context, _ *framework.CycleState, pod *apiobj.Pod, nodeInfo *framework.NodeInfo) *framework.Status {
	if !Fits(pod, nodeInfo) {
		return statusMismatch
	}
	return nil
}

// Fits reports whether the pod names no node or names this one.
func Fits(pod *apiobj.Pod, nodeInfo *framework.NodeInfo) bool {
	return pod.Spec.NodeName == "" || pod.Spec.NodeName == nodeInfo.NodeName()
}

// EventsToRegister registers node additions: only the named node appearing
// can help.
func (NodeName) EventsToRegister() ([]framework.ClusterEventWithHint, error) {
	return []framework.ClusterEventWithHint{{
		Event: framework.ClusterEvent{Resource: framework.Node, ActionType: framework.Add},
		QueueingHintFn: func(pod *apiobj.Pod, _, newObj any) (framework.QueueingHint, error) {
			if n, ok := newObj.(*apiobj.Node); ok && n.Name != pod.Spec.NodeName {
				return framework.QueueSkip, nil
			}
			return framework.Queue, nil
		},
	}}, nil
}
