package schedulinggates

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
)

// Name is the plugin's name in the registry and in profiles.
const Name = "SchedulingGates"

// SchedulingGates gates pods that have scheduling gates.
type SchedulingGates struct{}

var (
	_ framework.PreEnqueuePlugin  = SchedulingGates{}
	_ framework.EnqueueExtensions = SchedulingGates{}
)

// New is the plugin's framework.Factory; it takes no arguments.
func New(json.RawMessage, framework.Handle) (framework.Plugin, error) { return SchedulingGates{}, nil }

// Name returns Name.
func (SchedulingGates) Name() string { return Name }

// PreEnqueue rejects, UnschedulableAndUnresolvable, a pod with gates.
func (SchedulingGates) PreEnqueue(_ context.Context, pod *apiobj.Pod) *framework.Status {
	if len(pod.Spec.SchedulingGates) == 0 {
		return nil
	}
	names := make([]string, len(pod.Spec.SchedulingGates))
	for i, g := range pod.Spec.SchedulingGates {
		names[i] = g.Name
	}
	return framework.NewStatus(framework.UnschedulableAndUnresolvable,
		"waiting for scheduling gates: ["+strings.Join(names, " ")+"]")
}

// EventsToRegister registers the removal of the pod's last gate.
func (SchedulingGates) EventsToRegister() ([]framework.ClusterEventWithHint, error) {
	return []framework.ClusterEventWithHint{{
		Event:          framework.ClusterEvent{Resource: framework.UnscheduledPod, ActionType: framework.UpdatePodSchedulingGatesEliminated},
		QueueingHintFn: isSchedulableAfterGatesRemoved,
	}}, nil
}

func isSchedulableAfterGatesRemoved(pod *apiobj.Pod, _, newObj any) (framework.QueueingHint, error) {
	p, ok := newObj.(*apiobj.Pod)
	if !ok || !sameUnscheduledPod(p, pod) {
		return framework.QueueSkip, nil
	}
	if len(p.Spec.SchedulingGates) == 0 {
		return framework.Queue, nil
	}
	return framework.QueueSkip, nil
}

func sameUnscheduledPod(a, b *apiobj.Pod) bool {
	return framework.PodKey(a) == framework.PodKey(b)
}
