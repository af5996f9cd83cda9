package deployment

import (
	"context"
	"fmt"
	"reflect"
	"strconv"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/errdefs"
)

// writeStatus writes d's annotations and status (the status subresource
// lets annotations through, as Kubernetes' does) and refreshes d.
func (c *Controller) writeStatus(ctx context.Context, d *apiobj.Deployment) error {
	got, err := c.deployments(d.Namespace).UpdateStatus(ctx, d)
	if err != nil {
		return err
	}
	*d = *got
	return nil
}

// getAllReplicaSets splits rsList into the new ReplicaSet (the one whose
// template is d's; nil when there is none and create is false) and the old
// ones, and brings revisions up to date: the new ReplicaSet gets the next
// revision after the old ones, and d records it.
func (c *Controller) getAllReplicaSets(ctx context.Context, d *apiobj.Deployment, rsList []*apiobj.ReplicaSet, create bool) (*apiobj.ReplicaSet, []*apiobj.ReplicaSet, error) {
	byCreation(rsList)
	var existing *apiobj.ReplicaSet
	var oldRSs []*apiobj.ReplicaSet
	for _, rs := range rsList {
		if existing == nil && equalIgnoreHash(&rs.Spec.Template, &d.Spec.Template) {
			existing = rs
			continue
		}
		oldRSs = append(oldRSs, rs)
	}
	newRevision := maxRevision(oldRSs) + 1
	if existing != nil {
		rs, err := c.syncExistingNewRS(ctx, d, existing, newRevision)
		return rs, oldRSs, err
	}
	if !create {
		return nil, oldRSs, nil
	}
	rs, err := c.createNewRS(ctx, d, rsList, oldRSs, newRevision)
	return rs, oldRSs, err
}

func (c *Controller) syncExistingNewRS(ctx context.Context, d *apiobj.Deployment, existing *apiobj.ReplicaSet, newRevision int64) (*apiobj.ReplicaSet, error) {
	rs := existing.DeepCopy()
	changed := setNewRSAnnotations(d, rs, newRevision, true)
	if rs.Spec.MinReadySeconds != d.Spec.MinReadySeconds {
		rs.Spec.MinReadySeconds = d.Spec.MinReadySeconds
		changed = true
	}
	if changed {
		got, err := c.replicaSets(d.Namespace).Update(ctx, rs)
		if err != nil {
			return nil, err
		}
		*existing = *got // existing is the caller's copy; keep it current
		rs = existing
	}
	needsUpdate := setDeploymentRevision(d, rs.Annotations[apiobj.DeploymentRevisionAnnotation])
	if hasProgressDeadline(d) && getCondition(&d.Status, apiobj.DeploymentProgressing) == nil {
		setCondition(&d.Status, newCondition(apiobj.DeploymentProgressing, apiobj.ConditionTrue, ReasonFoundNewReplicaSet,
			fmt.Sprintf("Found new replica set %q", rs.Name)))
		needsUpdate = true
	}
	if needsUpdate {
		if err := c.writeStatus(ctx, d); err != nil {
			return nil, err
		}
	}
	return rs, nil
}

func setDeploymentRevision(d *apiobj.Deployment, rev string) bool {
	if rev == "" || d.Annotations[apiobj.DeploymentRevisionAnnotation] == rev {
		return false
	}
	if d.Annotations == nil {
		d.Annotations = map[string]string{}
	}
	d.Annotations[apiobj.DeploymentRevisionAnnotation] = rev
	return true
}

// createNewRS creates "<deployment>-<pod-template-hash>". A name taken by
// a ReplicaSet with another template is a hash collision: it raises
// status.collisionCount, which changes the hash, and the sync is retried.
func (c *Controller) createNewRS(ctx context.Context, d *apiobj.Deployment, rsList, oldRSs []*apiobj.ReplicaSet, newRevision int64) (*apiobj.ReplicaSet, error) {
	hash := ComputeHash(&d.Spec.Template, d.Status.CollisionCount)
	tmpl := d.Spec.Template.DeepCopy()
	if tmpl.Labels == nil {
		tmpl.Labels = map[string]string{}
	}
	tmpl.Labels[apiobj.DefaultDeploymentUniqueLabelKey] = hash
	sel := d.Spec.Selector.DeepCopy()
	if sel.MatchLabels == nil {
		sel.MatchLabels = map[string]string{}
	}
	sel.MatchLabels[apiobj.DefaultDeploymentUniqueLabelKey] = hash
	lbl := map[string]string{}
	for k, v := range tmpl.Labels {
		lbl[k] = v
	}
	rs := &apiobj.ReplicaSet{
		ObjectMeta: apiobj.ObjectMeta{
			Name:            d.Name + "-" + hash,
			Namespace:       d.Namespace,
			Labels:          lbl,
			OwnerReferences: []apiobj.OwnerReference{apiobj.NewControllerRef(d, deploymentKind)},
		},
		Spec: apiobj.ReplicaSetSpec{
			Replicas:        apiobj.Int32(0),
			MinReadySeconds: d.Spec.MinReadySeconds,
			Selector:        sel,
			Template:        *tmpl,
		},
	}
	all := append(append([]*apiobj.ReplicaSet(nil), oldRSs...), nil)
	rs.Spec.Replicas = apiobj.Int32(newRSReplicas(d, all, rs))
	setNewRSAnnotations(d, rs, newRevision, false)

	created, err := c.replicaSets(d.Namespace).Create(ctx, rs)
	switch {
	case errdefs.IsAlreadyExists(err):
		cur, gerr := c.replicaSets(d.Namespace).Get(ctx, rs.Name)
		if gerr != nil {
			return nil, gerr
		}
		if apiobj.IsControlledBy(cur, d) && equalIgnoreHash(&cur.Spec.Template, &d.Spec.Template) {
			return cur, nil // ours, not yet in the cache
		}
		cc := int32(0)
		if d.Status.CollisionCount != nil {
			cc = *d.Status.CollisionCount
		}
		d.Status.CollisionCount = apiobj.Int32(cc + 1)
		if err := c.writeStatus(ctx, d); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("deployment: hash collision on replica set %s, collisionCount now %d", rs.Name, cc+1)
	case err != nil:
		c.rec.event(d, deploymentKind, true, ReasonFailedCreate, "Failed to create new replica set %q: %v", rs.Name, err)
		if hasProgressDeadline(d) {
			setCondition(&d.Status, newCondition(apiobj.DeploymentProgressing, apiobj.ConditionFalse, ReasonFailedCreate,
				fmt.Sprintf("Failed to create new replica set %q: %v", rs.Name, err)))
			_ = c.writeStatus(ctx, d)
		}
		return nil, err
	}
	if n := rsReplicas(created); n > 0 {
		c.rec.event(d, deploymentKind, false, "ScalingReplicaSet", "Scaled up replica set %s from 0 to %d", created.Name, n)
	}
	setDeploymentRevision(d, strconv.FormatInt(newRevision, 10))
	if hasProgressDeadline(d) {
		setCondition(&d.Status, newCondition(apiobj.DeploymentProgressing, apiobj.ConditionTrue, ReasonNewReplicaSetCreated,
			fmt.Sprintf("Created new replica set %q", created.Name)))
	}
	if err := c.writeStatus(ctx, d); err != nil {
		return nil, err
	}
	return created, nil
}

// newRSReplicas is how many replicas the new ReplicaSet may have now.
func newRSReplicas(d *apiobj.Deployment, all []*apiobj.ReplicaSet, newRS *apiobj.ReplicaSet) int32 {
	if !isRollingUpdate(d) {
		return deploymentReplicas(d)
	}
	cur := sumSpec(all)
	maxTotal := deploymentReplicas(d) + maxSurge(d)
	if cur >= maxTotal {
		return rsReplicas(newRS)
	}
	up := min(maxTotal-cur, deploymentReplicas(d)-rsReplicas(newRS))
	return rsReplicas(newRS) + up
}

// scaleRS sets rs's replicas and the desired/max annotations. It reports
// whether it wrote, and updates rs in place.
func (c *Controller) scaleRS(ctx context.Context, rs *apiobj.ReplicaSet, n int32, d *apiobj.Deployment) (bool, error) {
	cp := rs.DeepCopy()
	annChanged := setReplicasAnnotations(cp, deploymentReplicas(d), deploymentReplicas(d)+maxSurge(d))
	if rsReplicas(rs) == n && !annChanged {
		return false, nil
	}
	cp.Spec.Replicas = apiobj.Int32(n)
	got, err := c.replicaSets(rs.Namespace).Update(ctx, cp)
	if err != nil {
		return false, err
	}
	if from := rsReplicas(rs); from != n {
		dir := "up"
		if n < from {
			dir = "down"
		}
		c.rec.event(d, deploymentKind, false, "ScalingReplicaSet", "Scaled %s replica set %s from %d to %d", dir, rs.Name, from, n)
	}
	*rs = *got
	return true, nil
}

func (c *Controller) rolloutRolling(ctx context.Context, d *apiobj.Deployment, rsList []*apiobj.ReplicaSet) error {
	newRS, oldRSs, err := c.getAllReplicaSets(ctx, d, rsList, true)
	if err != nil {
		return err
	}
	all := append(append([]*apiobj.ReplicaSet(nil), oldRSs...), newRS)

	// Scale up the new ReplicaSet as far as maxSurge allows.
	scaled := false
	switch want := deploymentReplicas(d); {
	case rsReplicas(newRS) > want:
		scaled, err = c.scaleRS(ctx, newRS, want, d)
	case rsReplicas(newRS) < want:
		scaled, err = c.scaleRS(ctx, newRS, newRSReplicas(d, all, newRS), d)
	}
	if err != nil {
		return err
	}
	if scaled {
		return c.syncRolloutStatus(ctx, d, newRS, oldRSs)
	}
	scaled, err = c.reconcileOldReplicaSets(ctx, d, all, active(oldRSs), newRS)
	if err != nil {
		return err
	}
	if scaled {
		return c.syncRolloutStatus(ctx, d, newRS, oldRSs)
	}
	st := calculateStatus(d, newRS, oldRSs)
	if deploymentComplete(d, &st) {
		if err := c.cleanup(ctx, d, oldRSs); err != nil {
			return err
		}
	}
	return c.syncRolloutStatus(ctx, d, newRS, oldRSs)
}

// reconcileOldReplicaSets scales old ReplicaSets down as far as
// maxUnavailable allows: first their unavailable pods, then available ones.
func (c *Controller) reconcileOldReplicaSets(ctx context.Context, d *apiobj.Deployment, all, oldRSs []*apiobj.ReplicaSet, newRS *apiobj.ReplicaSet) (bool, error) {
	if sumSpec(oldRSs) == 0 {
		return false, nil
	}
	minAvailable := deploymentReplicas(d) - maxUnavailable(d)
	newUnavailable := rsReplicas(newRS) - available(newRS)
	maxScaledDown := sumSpec(all) - minAvailable - newUnavailable
	if maxScaledDown <= 0 {
		return false, nil
	}
	byCreation(oldRSs)
	var cleaned int32
	for _, rs := range oldRSs {
		if cleaned >= maxScaledDown {
			break
		}
		// A status that still counts pods scaled away can show more
		// available than wanted; that is nothing to clean up.
		if rsReplicas(rs) == 0 || rsReplicas(rs) <= available(rs) {
			continue
		}
		down := min(maxScaledDown-cleaned, rsReplicas(rs)-available(rs))
		if _, err := c.scaleRS(ctx, rs, rsReplicas(rs)-down, d); err != nil {
			return false, err
		}
		cleaned += down
	}
	// Then available pods, keeping minAvailable.
	all = append(append([]*apiobj.ReplicaSet(nil), oldRSs...), newRS)
	var availableCount int32
	for _, rs := range all {
		availableCount += available(rs)
	}
	var scaledDown int32
	if availableCount > minAvailable {
		total := availableCount - minAvailable
		for _, rs := range oldRSs {
			if scaledDown >= total {
				break
			}
			if rsReplicas(rs) == 0 {
				continue
			}
			down := min(rsReplicas(rs), total-scaledDown)
			if _, err := c.scaleRS(ctx, rs, rsReplicas(rs)-down, d); err != nil {
				return false, err
			}
			scaledDown += down
		}
	}
	return cleaned+scaledDown > 0, nil
}

// available is rs's available pods as far as a scale-down may count them.
// It is capped at spec.replicas: a status written before the pods of a
// smaller spec were deleted (or while the replicaset controller still
// waits to observe earlier changes) counts pods that are about to go.
func available(rs *apiobj.ReplicaSet) int32 {
	return min(rs.Status.AvailableReplicas, rsReplicas(rs))
}

func (c *Controller) rolloutRecreate(ctx context.Context, d *apiobj.Deployment, rsList []*apiobj.ReplicaSet) error {
	newRS, oldRSs, err := c.getAllReplicaSets(ctx, d, rsList, false)
	if err != nil {
		return err
	}
	scaled := false
	for _, rs := range active(oldRSs) {
		ok, err := c.scaleRS(ctx, rs, 0, d)
		if err != nil {
			return err
		}
		scaled = scaled || ok
	}
	if scaled || c.oldPodsRunning(newRS, oldRSs) {
		return c.syncRolloutStatus(ctx, d, newRS, oldRSs)
	}
	if newRS == nil {
		if newRS, oldRSs, err = c.getAllReplicaSets(ctx, d, rsList, true); err != nil {
			return err
		}
	}
	if _, err := c.scaleRS(ctx, newRS, deploymentReplicas(d), d); err != nil {
		return err
	}
	st := calculateStatus(d, newRS, oldRSs)
	if deploymentComplete(d, &st) {
		if err := c.cleanup(ctx, d, oldRSs); err != nil {
			return err
		}
	}
	return c.syncRolloutStatus(ctx, d, newRS, oldRSs)
}

// oldPodsRunning reports whether any pod of an old ReplicaSet is still
// there and not terminal (terminating ones included).
func (c *Controller) oldPodsRunning(newRS *apiobj.ReplicaSet, oldRSs []*apiobj.ReplicaSet) bool {
	if sumStatus(oldRSs, func(s *apiobj.ReplicaSetStatus) int32 { return s.Replicas }) > 0 {
		return true
	}
	old := map[apiobj.UID]bool{}
	ns := ""
	for _, rs := range oldRSs {
		old[rs.UID] = true
		ns = rs.Namespace
	}
	if len(old) == 0 {
		return false
	}
	for _, p := range c.podInf.Lister().Namespace(ns).List(nil) {
		ref := apiobj.ControllerRef(p)
		if ref == nil || !old[ref.UID] {
			continue
		}
		if p.Status.Phase != apiobj.PodSucceeded && p.Status.Phase != apiobj.PodFailed {
			return true
		}
	}
	return false
}

// isScalingEvent reports whether d's replicas changed since its active
// ReplicaSets were last annotated.
func (c *Controller) isScalingEvent(ctx context.Context, d *apiobj.Deployment, rsList []*apiobj.ReplicaSet) (bool, error) {
	newRS, oldRSs, err := c.getAllReplicaSets(ctx, d, rsList, false)
	if err != nil {
		return false, err
	}
	for _, rs := range active(append(oldRSs, newRS)) {
		if desired, ok := intAnnotation(rs, apiobj.DeploymentDesiredReplicasAnnotation); ok && desired != deploymentReplicas(d) {
			return true, nil
		}
	}
	return false, nil
}

// syncScale handles a scaling event or a paused Deployment: it scales
// without rolling out, and cleans up history while paused.
func (c *Controller) syncScale(ctx context.Context, d *apiobj.Deployment, rsList []*apiobj.ReplicaSet) error {
	newRS, oldRSs, err := c.getAllReplicaSets(ctx, d, rsList, false)
	if err != nil {
		return err
	}
	if err := c.scale(ctx, d, newRS, oldRSs); err != nil {
		return err
	}
	if d.Spec.Paused {
		if err := c.cleanup(ctx, d, oldRSs); err != nil {
			return err
		}
	}
	return c.syncStatus(ctx, d, newRS, oldRSs)
}

// scale spreads a change of d's replicas over its ReplicaSets: all to the
// only active one, or, during a rolling update, in proportion to their
// sizes (bounded by replicas+maxSurge), the rest going to the largest.
func (c *Controller) scale(ctx context.Context, d *apiobj.Deployment, newRS *apiobj.ReplicaSet, oldRSs []*apiobj.ReplicaSet) error {
	if rs := activeOrLatest(newRS, oldRSs); rs != nil {
		if rsReplicas(rs) == deploymentReplicas(d) {
			return nil
		}
		_, err := c.scaleRS(ctx, rs, deploymentReplicas(d), d)
		return err
	}
	if isSaturated(d, newRS) {
		for _, rs := range active(oldRSs) {
			if _, err := c.scaleRS(ctx, rs, 0, d); err != nil {
				return err
			}
		}
		return nil
	}
	if !isRollingUpdate(d) {
		return nil
	}
	all := active(append(append([]*apiobj.ReplicaSet(nil), oldRSs...), newRS))
	var allowed int32
	if deploymentReplicas(d) > 0 {
		allowed = deploymentReplicas(d) + maxSurge(d)
	}
	toAdd := allowed - sumSpec(all)
	switch {
	case toAdd > 0:
		bySize(all, true)
	case toAdd < 0:
		bySize(all, false)
	}
	sizes := make([]int32, len(all))
	var added int32
	for i, rs := range all {
		p := proportion(rs, d, toAdd, added)
		sizes[i] = rsReplicas(rs) + p
		added += p
	}
	if toAdd != 0 && len(all) > 0 {
		sizes[0] = max(0, sizes[0]+toAdd-added)
	}
	for i, rs := range all {
		if _, err := c.scaleRS(ctx, rs, sizes[i], d); err != nil {
			return err
		}
	}
	return nil
}

// activeOrLatest returns the only active ReplicaSet, or when none is
// active the new one or else the newest old one; nil when several are.
func activeOrLatest(newRS *apiobj.ReplicaSet, oldRSs []*apiobj.ReplicaSet) *apiobj.ReplicaSet {
	if newRS == nil && len(oldRSs) == 0 {
		return nil
	}
	olds := append([]*apiobj.ReplicaSet(nil), oldRSs...)
	byCreation(olds)
	act := active(append(append([]*apiobj.ReplicaSet(nil), olds...), newRS))
	switch len(act) {
	case 0:
		if newRS != nil {
			return newRS
		}
		return olds[len(olds)-1]
	case 1:
		return act[0]
	}
	return nil
}

// cleanup deletes the oldest old ReplicaSets beyond revisionHistoryLimit,
// only those with no replicas left.
func (c *Controller) cleanup(ctx context.Context, d *apiobj.Deployment, oldRSs []*apiobj.ReplicaSet) error {
	if d.Spec.RevisionHistoryLimit == nil {
		return nil
	}
	var alive []*apiobj.ReplicaSet
	for _, rs := range oldRSs {
		if rs.DeletionTimestamp == nil {
			alive = append(alive, rs)
		}
	}
	diff := len(alive) - int(*d.Spec.RevisionHistoryLimit)
	if diff <= 0 {
		return nil
	}
	byRevision(alive)
	for _, rs := range alive[:diff] {
		if rs.Status.Replicas != 0 || rsReplicas(rs) != 0 || rs.Generation > rs.Status.ObservedGeneration {
			continue
		}
		err := c.replicaSets(rs.Namespace).Delete(ctx, rs.Name, client.DeleteOptions{UID: rs.UID})
		if err != nil && !errdefs.IsNotFound(err) && !errdefs.IsConflict(err) {
			return err
		}
	}
	return nil
}

// byRevision orders lowest revision first, then by creation.
func byRevision(rss []*apiobj.ReplicaSet) {
	byCreation(rss)
	for i := 1; i < len(rss); i++ { // stable insertion by revision
		for j := i; j > 0 && revision(rss[j]) < revision(rss[j-1]); j-- {
			rss[j], rss[j-1] = rss[j-1], rss[j]
		}
	}
}

// syncStatus writes the status computed from the ReplicaSets, without
// touching the Progressing condition.
func (c *Controller) syncStatus(ctx context.Context, d *apiobj.Deployment, newRS *apiobj.ReplicaSet, oldRSs []*apiobj.ReplicaSet) error {
	st := calculateStatus(d, newRS, oldRSs)
	if reflect.DeepEqual(st, d.Status) {
		return nil
	}
	d.Status = st
	return c.writeStatus(ctx, d)
}

// syncRolloutStatus writes the status and the Progressing condition of a
// rollout, and has the Deployment looked at again when its progress
// deadline would pass.
func (c *Controller) syncRolloutStatus(ctx context.Context, d *apiobj.Deployment, newRS *apiobj.ReplicaSet, oldRSs []*apiobj.ReplicaSet) error {
	st := calculateStatus(d, newRS, oldRSs)
	if !hasProgressDeadline(d) {
		removeCondition(&st, apiobj.DeploymentProgressing)
	}
	cur := getCondition(&d.Status, apiobj.DeploymentProgressing)
	complete := st.Replicas == st.UpdatedReplicas && cur != nil && cur.Reason == ReasonNewReplicaSetAvailable
	if hasProgressDeadline(d) && !complete {
		subject := fmt.Sprintf("Deployment %q", d.Name)
		if newRS != nil {
			subject = fmt.Sprintf("ReplicaSet %q", newRS.Name)
		}
		switch {
		case deploymentComplete(d, &st):
			setCondition(&st, newCondition(apiobj.DeploymentProgressing, apiobj.ConditionTrue, ReasonNewReplicaSetAvailable,
				subject+" has successfully progressed."))
		case deploymentProgressing(d, &st):
			cond := newCondition(apiobj.DeploymentProgressing, apiobj.ConditionTrue, ReasonReplicaSetUpdated, subject+" is progressing.")
			if cur != nil {
				if cur.Status == apiobj.ConditionTrue {
					cond.LastTransitionTime = cur.LastTransitionTime
				}
				removeCondition(&st, apiobj.DeploymentProgressing)
			}
			setCondition(&st, cond)
		case timedOut(d, &st, time.Now()):
			setCondition(&st, newCondition(apiobj.DeploymentProgressing, apiobj.ConditionFalse, ReasonProgressDeadlineExceeded,
				subject+" has timed out progressing."))
		}
	}
	if f := replicaFailure(newRS, oldRSs); f != nil {
		setCondition(&st, *f)
	} else {
		removeCondition(&st, apiobj.DeploymentReplicaFailure)
	}
	if reflect.DeepEqual(st, d.Status) {
		return c.requeueStuck(d, &st)
	}
	d.Status = st
	return c.writeStatus(ctx, d)
}

// requeueStuck returns a requeueAfter for when d's progress deadline
// passes, if it is progressing and not done.
func (c *Controller) requeueStuck(d *apiobj.Deployment, st *apiobj.DeploymentStatus) error {
	cur := getCondition(&d.Status, apiobj.DeploymentProgressing)
	if !hasProgressDeadline(d) || cur == nil || deploymentComplete(d, st) || cur.Reason == ReasonProgressDeadlineExceeded {
		return nil
	}
	after := time.Until(cur.LastUpdateTime.Time.Add(time.Duration(*d.Spec.ProgressDeadlineSeconds) * time.Second))
	// Times have second precision: look a second late so the deadline
	// has passed when we do.
	return requeueAfter(max(after, 0) + time.Second)
}

// replicaFailure returns a ReplicaFailure condition copied from the first
// ReplicaSet that has one.
func replicaFailure(newRS *apiobj.ReplicaSet, oldRSs []*apiobj.ReplicaSet) *apiobj.DeploymentCondition {
	for _, rs := range append([]*apiobj.ReplicaSet{newRS}, oldRSs...) {
		if rs == nil {
			continue
		}
		for _, c := range rs.Status.Conditions {
			if c.Type == apiobj.ReplicaSetReplicaFailure {
				return &apiobj.DeploymentCondition{Type: apiobj.DeploymentReplicaFailure, Status: c.Status,
					LastUpdateTime: c.LastTransitionTime, LastTransitionTime: c.LastTransitionTime, Reason: c.Reason, Message: c.Message}
			}
		}
	}
	return nil
}

// checkPausedConditions sets Progressing Unknown with reason
// DeploymentPaused or DeploymentResumed when d was paused or resumed.
func (c *Controller) checkPausedConditions(ctx context.Context, d *apiobj.Deployment) error {
	if !hasProgressDeadline(d) {
		return nil
	}
	cond := getCondition(&d.Status, apiobj.DeploymentProgressing)
	if cond != nil && cond.Reason == ReasonProgressDeadlineExceeded {
		return nil
	}
	paused := cond != nil && cond.Reason == ReasonDeploymentPaused
	switch {
	case d.Spec.Paused && !paused:
		setCondition(&d.Status, newCondition(apiobj.DeploymentProgressing, apiobj.ConditionUnknown, ReasonDeploymentPaused, "Deployment is paused"))
	case !d.Spec.Paused && paused:
		setCondition(&d.Status, newCondition(apiobj.DeploymentProgressing, apiobj.ConditionUnknown, ReasonDeploymentResumed, "Deployment is resumed"))
	default:
		return nil
	}
	return c.writeStatus(ctx, d)
}
