package deployment

import (
	"math"
	"time"

	"github.com/orcaproj/orca/apiobj"
)

// calculateStatus computes d's status from its ReplicaSets, keeping its
// conditions and setting Available.
func calculateStatus(d *apiobj.Deployment, newRS *apiobj.ReplicaSet, oldRSs []*apiobj.ReplicaSet) apiobj.DeploymentStatus {
	all := append(append([]*apiobj.ReplicaSet(nil), oldRSs...), newRS)
	available := sumStatus(all, func(s *apiobj.ReplicaSetStatus) int32 { return s.AvailableReplicas })
	st := apiobj.DeploymentStatus{
		ObservedGeneration:  d.Generation,
		Replicas:            sumStatus(all, func(s *apiobj.ReplicaSetStatus) int32 { return s.Replicas }),
		UpdatedReplicas:     sumStatus([]*apiobj.ReplicaSet{newRS}, func(s *apiobj.ReplicaSetStatus) int32 { return s.Replicas }),
		ReadyReplicas:       sumStatus(all, func(s *apiobj.ReplicaSetStatus) int32 { return s.ReadyReplicas }),
		AvailableReplicas:   available,
		UnavailableReplicas: max(0, sumSpec(all)-available),
		TerminatingReplicas: d.Status.TerminatingReplicas,
		CollisionCount:      d.Status.CollisionCount,
		Conditions:          append([]apiobj.DeploymentCondition(nil), d.Status.Conditions...),
	}
	if available >= deploymentReplicas(d)-maxUnavailable(d) {
		setCondition(&st, newCondition(apiobj.DeploymentAvailable, apiobj.ConditionTrue, ReasonMinimumReplicasAvailable, "Deployment has minimum availability."))
	} else {
		setCondition(&st, newCondition(apiobj.DeploymentAvailable, apiobj.ConditionFalse, ReasonMinimumReplicasUnavailable, "Deployment does not have minimum availability."))
	}
	return st
}

func newCondition(t apiobj.DeploymentConditionType, s apiobj.ConditionStatus, reason, msg string) apiobj.DeploymentCondition {
	now := apiobj.Now()
	return apiobj.DeploymentCondition{Type: t, Status: s, LastUpdateTime: now, LastTransitionTime: now, Reason: reason, Message: msg}
}

func getCondition(st *apiobj.DeploymentStatus, t apiobj.DeploymentConditionType) *apiobj.DeploymentCondition {
	for i := range st.Conditions {
		if st.Conditions[i].Type == t {
			return &st.Conditions[i]
		}
	}
	return nil
}

// setCondition adds or replaces c; the same status and reason leave the
// existing condition alone, and the same status keeps its transition time.
func setCondition(st *apiobj.DeploymentStatus, c apiobj.DeploymentCondition) {
	cur := getCondition(st, c.Type)
	if cur != nil && cur.Status == c.Status && cur.Reason == c.Reason {
		return
	}
	if cur != nil && cur.Status == c.Status {
		c.LastTransitionTime = cur.LastTransitionTime
	}
	removeCondition(st, c.Type)
	st.Conditions = append(st.Conditions, c)
}

func removeCondition(st *apiobj.DeploymentStatus, t apiobj.DeploymentConditionType) {
	out := st.Conditions[:0:0]
	for _, c := range st.Conditions {
		if c.Type != t {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		out = nil
	}
	st.Conditions = out
}

func hasProgressDeadline(d *apiobj.Deployment) bool {
	return d.Spec.ProgressDeadlineSeconds != nil && *d.Spec.ProgressDeadlineSeconds != math.MaxInt32
}

// deploymentComplete: every desired pod is updated and available, and the
// latest spec was observed.
func deploymentComplete(d *apiobj.Deployment, st *apiobj.DeploymentStatus) bool {
	n := deploymentReplicas(d)
	return st.UpdatedReplicas == n && st.Replicas == n && st.AvailableReplicas == n && st.ObservedGeneration >= d.Generation
}

// deploymentProgressing: st shows progress over d's last status.
func deploymentProgressing(d *apiobj.Deployment, st *apiobj.DeploymentStatus) bool {
	old := d.Status
	return st.UpdatedReplicas > old.UpdatedReplicas ||
		st.Replicas-st.UpdatedReplicas < old.Replicas-old.UpdatedReplicas ||
		st.ReadyReplicas > old.ReadyReplicas ||
		st.AvailableReplicas > old.AvailableReplicas
}

// timedOut: the Progressing condition was last updated longer than the
// progress deadline ago.
func timedOut(d *apiobj.Deployment, st *apiobj.DeploymentStatus, now time.Time) bool {
	if !hasProgressDeadline(d) {
		return false
	}
	c := getCondition(st, apiobj.DeploymentProgressing)
	if c == nil || c.Reason == ReasonNewReplicaSetAvailable {
		return false
	}
	if c.Reason == ReasonProgressDeadlineExceeded {
		return true
	}
	return c.LastUpdateTime.Time.Add(time.Duration(*d.Spec.ProgressDeadlineSeconds) * time.Second).Before(now)
}
