package podtopologyspread

import (
	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
	"github.com/orcaproj/orca/scheduler/framework"
)

// EventsToRegister registers assigned pods added, relabelled or deleted,
// and nodes added, deleted, relabelled or retainted.
func (pl *PodTopologySpread) EventsToRegister() ([]framework.ClusterEventWithHint, error) {
	return []framework.ClusterEventWithHint{
		{Event: framework.ClusterEvent{Resource: framework.Pod, ActionType: framework.Add | framework.UpdatePodLabel | framework.Delete}, QueueingHintFn: pl.isSchedulableAfterPodChange},
		{Event: framework.ClusterEvent{Resource: framework.Node, ActionType: framework.Add | framework.Delete | framework.UpdateNodeLabel | framework.UpdateNodeTaint}, QueueingHintFn: pl.isSchedulableAfterNodeChange},
	}, nil
}

func (pl *PodTopologySpread) isSchedulableAfterPodChange(pod *apiobj.Pod, oldObj, newObj any) (framework.QueueingHint, error) {
	cs, err := pl.constraints(pod, apiobj.DoNotSchedule)
	if err != nil {
		return framework.Queue, err
	}
	for _, obj := range []any{oldObj, newObj} {
		p, ok := obj.(*apiobj.Pod)
		if !ok || p.Namespace != pod.Namespace {
			continue
		}
		for i := range cs {
			if cs[i].selector.Matches(labels.Set(p.Labels)) {
				return framework.Queue, nil
			}
		}
	}
	return framework.QueueSkip, nil
}

func (pl *PodTopologySpread) isSchedulableAfterNodeChange(pod *apiobj.Pod, oldObj, newObj any) (framework.QueueingHint, error) {
	cs, err := pl.constraints(pod, apiobj.DoNotSchedule)
	if err != nil {
		return framework.Queue, err
	}
	for _, obj := range []any{oldObj, newObj} {
		if n, ok := obj.(*apiobj.Node); ok && nodeHasAllKeys(n.Labels, cs) {
			return framework.Queue, nil
		}
	}
	return framework.QueueSkip, nil
}
