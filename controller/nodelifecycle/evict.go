package nodelifecycle

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/errdefs"
)

// evict deletes the pods on n that its NoExecute taints (any of them, not
// only the controller's) no longer allow: at once for a pod that does not
// tolerate every one, and for a pod that does, once the smallest
// tolerationSeconds of the tolerations it uses has passed since the
// newest taint was added. A toleration without tolerationSeconds holds
// forever.
func (c *Controller) evict(ctx context.Context, n *apiobj.Node, pods []*apiobj.Pod, now time.Time) error {
	var noExec []apiobj.Taint
	var since time.Time
	for _, t := range n.Spec.Taints {
		if t.Effect != apiobj.TaintEffectNoExecute {
			continue
		}
		noExec = append(noExec, t)
		added := c.taintAdded(n.Name, t, now)
		if added.After(since) {
			since = added
		}
	}
	if len(noExec) == 0 {
		c.forgetTaints(n.Name)
		return nil
	}
	var errs []error
	for _, p := range pods {
		if p.DeletionTimestamp != nil {
			continue
		}
		wait, ok := tolerationTime(p.Spec.Tolerations, noExec)
		if !ok {
			errs = append(errs, c.evictPod(ctx, p, now))
			continue
		}
		if wait >= 0 && !now.Before(since.Add(wait)) {
			errs = append(errs, c.evictPod(ctx, p, now))
		}
	}
	return errors.Join(errs...)
}

// taintAdded returns when t was added: its timeAdded, or else when the
// controller first saw it.
func (c *Controller) taintAdded(node string, t apiobj.Taint, now time.Time) time.Time {
	if t.TimeAdded != nil {
		return t.TimeAdded.Time
	}
	key := node + "/" + t.Key
	if at, ok := c.taintSeen[key]; ok {
		return at
	}
	c.taintSeen[key] = now
	return now
}

// tolerationTime reports whether tolerations tolerate every taint, and
// for how long: the smallest tolerationSeconds among the tolerations that
// match, or -1 for forever.
func tolerationTime(tolerations []apiobj.Toleration, taints []apiobj.Taint) (time.Duration, bool) {
	wait := time.Duration(-1)
	for i := range taints {
		tolerated := false
		for j := range tolerations {
			tol := &tolerations[j]
			if !tol.ToleratesTaint(&taints[i]) {
				continue
			}
			tolerated = true
			if tol.TolerationSeconds != nil {
				d := time.Duration(max(*tol.TolerationSeconds, 0)) * time.Second
				if wait < 0 || d < wait {
					wait = d
				}
			}
		}
		if !tolerated {
			return 0, false
		}
	}
	return wait, true
}

// evictPod marks p with a DisruptionTarget condition and deletes it with
// its own grace period.
func (c *Controller) evictPod(ctx context.Context, p *apiobj.Pod, now time.Time) error {
	pods := client.For[*apiobj.Pod](c.cfg.Client).Namespace(p.Namespace)
	out := p.DeepCopy()
	cond := apiobj.PodCondition{Type: apiobj.DisruptionTarget, Status: apiobj.ConditionTrue,
		Reason: ReasonDeletionByTaintManager, Message: "Taint manager: deleting due to NoExecute taint",
		LastTransitionTime: apiobj.NewTime(now)}
	if i, _ := apiobj.GetPodCondition(&out.Status, apiobj.DisruptionTarget); i >= 0 {
		out.Status.Conditions[i] = cond
	} else {
		out.Status.Conditions = append(out.Status.Conditions, cond)
	}
	if _, err := pods.UpdateStatus(ctx, out); err != nil && !errdefs.IsNotFound(err) && !errdefs.IsConflict(err) {
		c.log.Info("marking pod as a disruption target", "pod", client.Key(p), "err", err)
	}
	err := pods.Delete(ctx, p.Name, client.DeleteOptions{UID: p.UID})
	if errdefs.IsNotFound(err) || errdefs.IsConflict(err) {
		return nil
	}
	if err == nil {
		c.log.Info("evicted pod from a NoExecute-tainted node", "pod", client.Key(p), "node", p.Spec.NodeName)
	}
	return err
}

// forgetTaints drops the first sightings of node's taints.
func (c *Controller) forgetTaints(node string) {
	for key := range c.taintSeen {
		if strings.HasPrefix(key, node+"/") {
			delete(c.taintSeen, key)
		}
	}
}
