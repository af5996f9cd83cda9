package namespace

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/errdefs"
)

// finalizerEstimate is how long content held by finalizers is given before
// a namespace is looked at again, as Kubernetes does.
const finalizerEstimate = 15 * time.Second

// progress is what one pass over a namespace's content found.
type progress struct {
	discoveryErr error
	deleteErrs   []error
	remaining    map[string]int // "pods" or "widgets.example.com" -> items left
	finalizers   map[string]int // finalizer -> items left that carry it
	estimate     time.Duration  // longest wait that the remaining items announce
}

// deleteContent deletes everything in ns, across every namespaced resource
// the server serves (custom kinds included), and reports how long to wait
// before looking again: zero when nothing is left. It records the outcome in
// the namespace's status conditions.
func (c *Controller) deleteContent(ctx context.Context, ns *apiobj.Namespace) (time.Duration, error) {
	var p progress
	p.remaining, p.finalizers = map[string]int{}, map[string]int{}
	resources, err := client.ServerResources(ctx, c.cfg.Client)
	if err != nil {
		var derr *client.DiscoveryError
		if !errors.As(err, &derr) {
			if ctx.Err() == nil {
				c.updateConditions(ctx, ns, progress{discoveryErr: err})
			}
			return 0, err
		}
		p.discoveryErr = err // go on with what was found
	}
	for _, r := range resources {
		if !r.Namespaced || !r.Preferred || !r.Supports("list", "delete") {
			continue
		}
		if err := c.deleteResource(ctx, ns.Name, r, &p); err != nil {
			if ctx.Err() != nil {
				return 0, err
			}
			p.deleteErrs = append(p.deleteErrs, fmt.Errorf("%s: %w", r.GroupVersionResource.GroupResource(), err))
		}
	}
	c.updateConditions(ctx, ns, p)
	switch {
	case p.discoveryErr != nil:
		return 0, p.discoveryErr
	case len(p.deleteErrs) > 0:
		return 0, errors.Join(p.deleteErrs...)
	case len(p.remaining) > 0:
		if p.estimate == 0 {
			// Items without finalizers or grace are left: something
			// unexpected, retried with backoff.
			return 0, fmt.Errorf("namespace %s: content remains: %s", ns.Name, remainingMessage(p.remaining))
		}
		return p.estimate, nil
	}
	return 0, nil
}

// deleteResource deletes every object of r in ns, then counts what is left.
func (c *Controller) deleteResource(ctx context.Context, ns string, r client.APIResource, p *progress) error {
	res := client.DynamicScoped(c.meta, r.GroupVersionResource, r.GroupVersionKind(), true).Namespace(ns)
	background := client.DeleteOptions{PropagationPolicy: string(apiobj.DeletePropagationBackground)}
	collected := false
	if r.Supports("deletecollection") {
		err := res.DeleteCollection(ctx, client.ListOptions{}, background)
		switch {
		case err == nil:
			collected = true
		case errors.Is(err, errdefs.ErrNotFound):
			return nil // the resource went away meanwhile
		case !isMethodNotSupported(err):
			return err
		}
	}
	if !collected {
		items, err := listAll(ctx, res)
		if err != nil {
			return client.IgnoreNotFound(err)
		}
		for _, it := range items {
			if it.GetDeletionTimestamp() != nil {
				continue
			}
			if err := res.Delete(ctx, it.GetName(), background); client.IgnoreNotFound(err) != nil {
				return err
			}
		}
	}

	left, err := listAll(ctx, res)
	if err != nil {
		return client.IgnoreNotFound(err)
	}
	if len(left) == 0 {
		return nil
	}
	p.remaining[r.GroupVersionResource.GroupResource().String()] += len(left)
	withFinalizers := false
	for _, it := range left {
		for _, f := range it.GetFinalizers() {
			p.finalizers[f]++
			withFinalizers = true
		}
	}
	if withFinalizers {
		p.estimate = max(p.estimate, finalizerEstimate)
	}
	if r.Group == "" && r.Resource == "pods" {
		est, err := c.podEstimate(ctx, ns)
		if err != nil {
			return err
		}
		p.estimate = max(p.estimate, est)
	}
	return nil
}

// podEstimate returns how long the pods still in ns say they may take to
// terminate: half their longest grace period plus a second, as Kubernetes
// requeues, and a second at least for a pod still terminating.
func (c *Controller) podEstimate(ctx context.Context, ns string) (time.Duration, error) {
	pods, _, err := client.For[*apiobj.Pod](c.cfg.Client).Namespace(ns).List(ctx, client.ListOptions{})
	if err != nil {
		return 0, err
	}
	var grace int64 = -1
	for _, p := range pods {
		if p.Status.Phase == apiobj.PodSucceeded || p.Status.Phase == apiobj.PodFailed {
			continue
		}
		g := int64(0)
		switch {
		case p.DeletionGracePeriodSeconds != nil:
			g = *p.DeletionGracePeriodSeconds
		case p.Spec.TerminationGracePeriodSeconds != nil:
			g = *p.Spec.TerminationGracePeriodSeconds
		}
		grace = max(grace, g)
	}
	if grace < 0 {
		return 0, nil
	}
	return time.Duration(grace/2+1) * time.Second, nil
}

func listAll(ctx context.Context, res *client.Resource[*apiobj.Unstructured]) ([]*apiobj.Unstructured, error) {
	var out []*apiobj.Unstructured
	opts := client.ListOptions{Limit: 500}
	for {
		items, meta, err := res.List(ctx, opts)
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
		if meta.Continue == "" {
			return out, nil
		}
		opts.Continue = meta.Continue
	}
}

func isMethodNotSupported(err error) bool {
	var se *apiobj.StatusError
	return errors.As(err, &se) && se.Status.Reason == apiobj.StatusReasonMethodNotAllowed
}

// The condition types, in the order Kubernetes writes them.
var conditionTypes = []apiobj.NamespaceConditionType{
	apiobj.NamespaceDeletionDiscoveryFailure,
	apiobj.NamespaceDeletionGVParsingFailure,
	apiobj.NamespaceDeletionContentFailure,
	apiobj.NamespaceContentRemaining,
	apiobj.NamespaceFinalizersRemaining,
}

// okConditions are the reasons and messages of the conditions when all is
// well (status False), as Kubernetes words them.
var okConditions = map[apiobj.NamespaceConditionType][2]string{
	apiobj.NamespaceDeletionDiscoveryFailure: {"ResourcesDiscovered", "All resources successfully discovered"},
	apiobj.NamespaceDeletionGVParsingFailure: {"ParsedGroupVersions", "All legacy kube types successfully parsed"},
	apiobj.NamespaceDeletionContentFailure:   {"ContentDeleted", "All content successfully deleted, may be waiting on finalization"},
	apiobj.NamespaceContentRemaining:         {"ContentRemoved", "All content successfully removed"},
	apiobj.NamespaceFinalizersRemaining:      {"ContentHasNoFinalizers", "All content-preserving finalizers finished"},
}

// conditionsFor returns the conditions that report p.
func conditionsFor(p progress, now apiobj.Time) []apiobj.NamespaceCondition {
	out := make([]apiobj.NamespaceCondition, 0, len(conditionTypes))
	for _, t := range conditionTypes {
		ok := okConditions[t]
		cond := apiobj.NamespaceCondition{Type: t, Status: apiobj.ConditionFalse, LastTransitionTime: now, Reason: ok[0], Message: ok[1]}
		switch {
		case t == apiobj.NamespaceDeletionDiscoveryFailure && p.discoveryErr != nil:
			cond.Status, cond.Reason = apiobj.ConditionTrue, "DiscoveryFailed"
			cond.Message = fmt.Sprintf("Discovery failed for some groups: %v", p.discoveryErr)
		case t == apiobj.NamespaceDeletionContentFailure && len(p.deleteErrs) > 0:
			msgs := make([]string, 0, len(p.deleteErrs))
			for _, e := range p.deleteErrs {
				msgs = append(msgs, e.Error())
			}
			sort.Strings(msgs)
			cond.Status, cond.Reason = apiobj.ConditionTrue, "ContentDeletionFailed"
			cond.Message = fmt.Sprintf("Failed to delete all resource types, %d remaining: %s", len(msgs), strings.Join(msgs, ", "))
		case t == apiobj.NamespaceContentRemaining && len(p.remaining) > 0:
			cond.Status, cond.Reason = apiobj.ConditionTrue, "SomeResourcesRemain"
			cond.Message = "Some resources are remaining: " + remainingMessage(p.remaining)
		case t == apiobj.NamespaceFinalizersRemaining && len(p.finalizers) > 0:
			parts := make([]string, 0, len(p.finalizers))
			for f, n := range p.finalizers {
				parts = append(parts, fmt.Sprintf("%s in %d resource instances", f, n))
			}
			sort.Strings(parts)
			cond.Status, cond.Reason = apiobj.ConditionTrue, "SomeFinalizersRemain"
			cond.Message = "Some content in the namespace has finalizers remaining: " + strings.Join(parts, ", ")
		}
		out = append(out, cond)
	}
	return out
}

func remainingMessage(remaining map[string]int) string {
	parts := make([]string, 0, len(remaining))
	for r, n := range remaining {
		parts = append(parts, fmt.Sprintf("%s has %d resource instances", r, n))
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

// mergeConditions writes want into status, keeping the transition time of
// conditions whose status did not change. It reports whether anything did.
func mergeConditions(status *apiobj.NamespaceStatus, want []apiobj.NamespaceCondition) bool {
	changed := false
	for _, w := range want {
		i := slices.IndexFunc(status.Conditions, func(c apiobj.NamespaceCondition) bool { return c.Type == w.Type })
		switch {
		case i < 0:
			status.Conditions = append(status.Conditions, w)
			changed = true
		case status.Conditions[i].Status != w.Status:
			status.Conditions[i] = w
			changed = true
		case status.Conditions[i].Reason != w.Reason || status.Conditions[i].Message != w.Message:
			status.Conditions[i].Reason, status.Conditions[i].Message = w.Reason, w.Message
			changed = true
		}
	}
	return changed
}

// updateConditions records p in the namespace's status when that changes
// it. A failure is only logged: the conditions are informative, and the
// next pass writes them again.
func (c *Controller) updateConditions(ctx context.Context, ns *apiobj.Namespace, p progress) {
	out := ns.DeepCopy()
	if !mergeConditions(&out.Status, conditionsFor(p, apiobj.NewTime(time.Now()))) {
		return
	}
	if _, err := client.For[*apiobj.Namespace](c.cfg.Client).UpdateStatus(ctx, out); err != nil && ctx.Err() == nil {
		c.log.Info("updating namespace conditions", "namespace", ns.Name, "err", err)
	}
}
