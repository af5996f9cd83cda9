package replicaset

import (
	"github.com/orcaproj/orca/apiobj"
)

// deletionOrder reports whether pod a should be deleted before pod b, by
// Kubernetes' rank: unscheduled before scheduled; Pending before Unknown
// before Running; not ready before ready; ready for less time before ready
// for longer; more container restarts before fewer; newer before older.
// (Kubernetes' logarithmic bucketing of ready times and co-location ranks
// are not modelled: ready times are compared exactly.)
func deletionOrder(a, b *apiobj.Pod) bool {
	if (a.Spec.NodeName == "") != (b.Spec.NodeName == "") {
		return a.Spec.NodeName == ""
	}
	if pa, pb := phaseOrdinal(a.Status.Phase), phaseOrdinal(b.Status.Phase); pa != pb {
		return pa < pb
	}
	ra, rb := apiobj.IsPodReady(a), apiobj.IsPodReady(b)
	if ra != rb {
		return !ra
	}
	if ra && rb {
		ta, tb := readyTime(a), readyTime(b)
		if !ta.Equal(tb) {
			return afterOrZero(ta, tb)
		}
	}
	if ca, cb := maxRestarts(a), maxRestarts(b); ca != cb {
		return ca > cb
	}
	ta, tb := a.CreationTimestamp, b.CreationTimestamp
	if !ta.Equal(tb) {
		return afterOrZero(ta, tb)
	}
	return a.Name < b.Name
}

// afterOrZero: a zero time ranks first, then the later time.
func afterOrZero(a, b apiobj.Time) bool {
	if a.IsZero() || b.IsZero() {
		return a.IsZero()
	}
	return b.Before(a)
}

func phaseOrdinal(p apiobj.PodPhase) int {
	switch p {
	case apiobj.PodPending, "":
		return 0
	case apiobj.PodUnknown:
		return 1
	case apiobj.PodRunning:
		return 2
	}
	return 3
}

func readyTime(p *apiobj.Pod) apiobj.Time {
	if c := apiobj.GetPodReadyCondition(&p.Status); c != nil {
		return c.LastTransitionTime
	}
	return apiobj.Time{}
}

func maxRestarts(p *apiobj.Pod) int32 {
	var n int32
	for _, s := range p.Status.ContainerStatuses {
		n = max(n, s.RestartCount)
	}
	return n
}

// IsPodAvailable reports whether pod has been ready for at least
// minReadySeconds at now, which is what availableReplicas counts.
func IsPodAvailable(pod *apiobj.Pod, minReadySeconds int32, now apiobj.Time) bool {
	if !apiobj.IsPodReady(pod) {
		return false
	}
	if minReadySeconds == 0 {
		return true
	}
	c := apiobj.GetPodReadyCondition(&pod.Status)
	return !c.LastTransitionTime.IsZero() &&
		c.LastTransitionTime.Time.Add(secs(minReadySeconds)).Before(now.Time)
}
