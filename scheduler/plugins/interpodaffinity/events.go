package interpodaffinity

import (
	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
)

// EventsToRegister registers assigned pods added, deleted or relabelled,
// and nodes added or relabelled (new topology domains).
func (pl *InterPodAffinity) EventsToRegister() ([]framework.ClusterEventWithHint, error) {
	return []framework.ClusterEventWithHint{
		{Event: framework.ClusterEvent{Resource: framework.Pod, ActionType: framework.Add | framework.UpdatePodLabel | framework.Delete}, QueueingHintFn: pl.isSchedulableAfterPodChange},
		{Event: framework.ClusterEvent{Resource: framework.Node, ActionType: framework.Add | framework.UpdateNodeLabel}},
	}, nil
}

// isSchedulableAfterPodChange queues the pod when the changed pod matters
// to it: an added or relabelled pod it has affinity to, or a deleted pod
// it (or whose anti-affinity) conflicted with.
func (pl *InterPodAffinity) isSchedulableAfterPodChange(pod *apiobj.Pod, oldObj, newObj any) (framework.QueueingHint, error) {
	pi := framework.NewPodInfo(pod)
	nsl := framework.NamespaceLabels(pl.namespaces, pod.Namespace)
	if p, ok := newObj.(*apiobj.Pod); ok {
		for i := range pi.RequiredAffinityTerms {
			if pi.RequiredAffinityTerms[i].Matches(p, framework.NamespaceLabels(pl.namespaces, p.Namespace)) {
				return framework.Queue, nil
			}
		}
		if oldObj == nil {
			return framework.QueueSkip, nil
		}
	}
	old, ok := oldObj.(*apiobj.Pod)
	if !ok {
		return framework.Queue, nil
	}
	// A deleted (or relabelled) pod: it may have blocked us.
	for i := range pi.RequiredAntiAffinityTerms {
		if pi.RequiredAntiAffinityTerms[i].Matches(old, framework.NamespaceLabels(pl.namespaces, old.Namespace)) {
			return framework.Queue, nil
		}
	}
	opi := framework.NewPodInfo(old)
	for i := range opi.RequiredAntiAffinityTerms {
		if opi.RequiredAntiAffinityTerms[i].Matches(pod, nsl) {
			return framework.Queue, nil
		}
	}
	return framework.QueueSkip, nil
}
