package schedutil

import "github.com/orcaproj/orca/apiobj"

// PodPriority is the pod's spec.priority, 0 when unset.
func PodPriority(pod *apiobj.Pod) int32 {
	if pod.Spec.Priority != nil {
		return *pod.Spec.Priority
	}
	return 0
}

// MoreImportantPod orders pods for preemption: higher priority first, then
// the one that started earlier. A pod without a start time counts as
// starting now.
func MoreImportantPod(a, b *apiobj.Pod) bool {
	pa, pb := PodPriority(a), PodPriority(b)
	if pa != pb {
		return pa > pb
	}
	sa, sb := a.Status.StartTime, b.Status.StartTime
	switch {
	case sa == nil && sb == nil:
		return false
	case sa == nil:
		return false
	case sb == nil:
		return true
	}
	return sa.Time.Before(sb.Time)
}
