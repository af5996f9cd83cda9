package nodelifecycle

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/clock"
	"github.com/orcaproj/orca/errdefs"
)

// Condition reasons and messages, worded as Kubernetes words them.
const (
	ReasonNodeStatusUnknown      = "NodeStatusUnknown"
	ReasonNodeStatusNeverUpdated = "NodeStatusNeverUpdated"
	MessageNodeStatusUnknown     = "Kubelet stopped posting node status."
	MessageNodeNeverUpdated      = "Kubelet never posted node status."
	// ReasonDeletionByTaintManager is the DisruptionTarget reason of an
	// evicted pod.
	ReasonDeletionByTaintManager = "DeletionByTaintManager"
)

// watchedConditions become Unknown when a node stops reporting.
var watchedConditions = []apiobj.NodeConditionType{
	apiobj.NodeReady, apiobj.NodeMemoryPressure, apiobj.NodeDiskPressure, apiobj.NodePIDPressure,
}

// Controller is the node lifecycle controller. Create it with New and
// start it with Run.
type Controller struct {
	cfg     Config
	log     *slog.Logger
	started atomic.Bool

	mu        sync.Mutex           // guards the fields below; held for a whole pass
	health    map[string]*health   // node name -> last observed heartbeat
	pending   map[string]time.Time // node name -> when it first waited for a NoExecute token
	taintSeen map[string]time.Time // "node/key" -> first sighting of a NoExecute taint without timeAdded
	bucket    *bucket
}

// health is what the controller last saw of a node's heartbeats, and when
// (on its own clock) it last saw one change.
type health struct {
	probe     time.Time
	renew     time.Time // Lease spec.renewTime
	heartbeat time.Time // Ready condition's lastHeartbeatTime
}

// New returns a controller for cfg. It does nothing until Run.
func New(cfg Config) (*Controller, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	return &Controller{
		cfg: cfg, log: cfg.Logger,
		health: map[string]*health{}, pending: map[string]time.Time{}, taintSeen: map[string]time.Time{},
		bucket: newBucket(cfg.EvictionRate, cfg.EvictionBurst, cfg.Clock.Now()),
	}, nil
}

// Run checks every node at once and then every MonitorPeriod until ctx is
// done. A failed pass is logged and the next one tries again. A controller
// runs once.
func (c *Controller) Run(ctx context.Context) error {
	if !c.started.CompareAndSwap(false, true) {
		return errors.New("nodelifecycle: already started")
	}
	for {
		if err := c.monitor(ctx); err != nil && ctx.Err() == nil {
			c.log.Info("node monitor pass failed", "err", err)
		}
		if !clock.Sleep(ctx, c.cfg.Clock, c.cfg.MonitorPeriod) {
			return nil
		}
	}
}

// monitor is one pass over every node. It is idempotent.
func (c *Controller) monitor(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.cfg.Clock.Now()
	nodes, _, err := client.For[*apiobj.Node](c.cfg.Client).List(ctx, client.ListOptions{})
	if err != nil {
		return err
	}
	leases, _, err := client.For[*apiobj.Lease](c.cfg.Client).Namespace(LeaseNamespace).List(ctx, client.ListOptions{})
	if err != nil {
		return err
	}
	leaseOf := map[string]*apiobj.Lease{}
	for _, l := range leases {
		leaseOf[l.Name] = l
	}
	seen := map[string]bool{}
	for _, n := range nodes {
		seen[n.Name] = true
	}
	for name := range c.health {
		if !seen[name] {
			delete(c.health, name)
			delete(c.pending, name)
		}
	}
	for key := range c.taintSeen {
		if node, _, _ := strings.Cut(key, "/"); !seen[node] {
			delete(c.taintSeen, key)
		}
	}

	// Pods are listed only for nodes that are not ready or carry NoExecute
	// taints, so healthy nodes cost one list of nodes and leases a pass.
	// Nodes that have waited longest for a NoExecute token go first.
	slices.SortFunc(nodes, func(a, b *apiobj.Node) int {
		pa, oka := c.pending[a.Name]
		pb, okb := c.pending[b.Name]
		switch {
		case oka && okb:
			if d := pa.Compare(pb); d != 0 {
				return d
			}
		case oka:
			return -1
		case okb:
			return 1
		}
		return cmp.Compare(a.Name, b.Name)
	})
	var errs []error
	for _, n := range nodes {
		n, err := c.updateHealth(ctx, n, leaseOf[n.Name], now)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ready := readyStatus(n)
		n, err = c.reconcileTaints(ctx, n, ready, now)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		notReady := ready != "" && ready != apiobj.ConditionTrue
		noExecute := slices.ContainsFunc(n.Spec.Taints, func(t apiobj.Taint) bool { return t.Effect == apiobj.TaintEffectNoExecute })
		if !notReady && !noExecute {
			c.forgetTaints(n.Name)
			continue // a healthy node's pods are not looked at
		}
		pods, _, err := client.For[*apiobj.Pod](c.cfg.Client).List(ctx, client.ListOptions{FieldSelector: "spec.nodeName=" + n.Name})
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if notReady {
			errs = append(errs, c.markPodsNotReady(ctx, pods, now))
		}
		errs = append(errs, c.evict(ctx, n, pods, now))
	}
	return errors.Join(errs...)
}

func readyStatus(n *apiobj.Node) apiobj.ConditionStatus {
	for _, c := range n.Status.Conditions {
		if c.Type == apiobj.NodeReady {
			return c.Status
		}
	}
	return ""
}

// updateHealth notes n's heartbeats and, when none has come for the grace
// period, sets its conditions to Unknown. It returns the node as stored.
func (c *Controller) updateHealth(ctx context.Context, n *apiobj.Node, lease *apiobj.Lease, now time.Time) (*apiobj.Node, error) {
	var renew, heartbeat time.Time
	if lease != nil && lease.Spec.RenewTime != nil {
		renew = lease.Spec.RenewTime.Time
	}
	for _, cond := range n.Status.Conditions {
		if cond.Type == apiobj.NodeReady {
			heartbeat = cond.LastHeartbeatTime.Time
		}
	}
	h := c.health[n.Name]
	if h == nil {
		h = &health{probe: now, renew: renew, heartbeat: heartbeat}
		c.health[n.Name] = h
	}
	if !renew.Equal(h.renew) || !heartbeat.Equal(h.heartbeat) {
		h.probe, h.renew, h.heartbeat = now, renew, heartbeat
	}
	if now.Sub(h.probe) <= c.cfg.GracePeriod {
		return n, nil
	}
	out := n.DeepCopy()
	changed := false
	for _, t := range watchedConditions {
		i := slices.IndexFunc(out.Status.Conditions, func(c apiobj.NodeCondition) bool { return c.Type == t })
		switch {
		case i < 0:
			out.Status.Conditions = append(out.Status.Conditions, apiobj.NodeCondition{
				Type: t, Status: apiobj.ConditionUnknown, Reason: ReasonNodeStatusNeverUpdated, Message: MessageNodeNeverUpdated,
				LastHeartbeatTime: n.CreationTimestamp, LastTransitionTime: apiobj.NewTime(now),
			})
			changed = true
		case out.Status.Conditions[i].Status != apiobj.ConditionUnknown:
			cond := &out.Status.Conditions[i]
			cond.Status, cond.Reason, cond.Message = apiobj.ConditionUnknown, ReasonNodeStatusUnknown, MessageNodeStatusUnknown
			cond.LastTransitionTime = apiobj.NewTime(now)
			changed = true
		}
	}
	if !changed {
		return n, nil
	}
	stored, err := client.For[*apiobj.Node](c.cfg.Client).UpdateStatus(ctx, out)
	if err != nil {
		return nil, err // a conflict is retried by the next pass
	}
	c.log.Info("node stopped reporting; conditions set to Unknown", "node", n.Name)
	return stored, nil
}

// markPodsNotReady sets the Ready condition of pods on a node that is not
// ready to False.
func (c *Controller) markPodsNotReady(ctx context.Context, pods []*apiobj.Pod, now time.Time) error {
	var errs []error
	for _, p := range pods {
		i, cond := apiobj.GetPodCondition(&p.Status, apiobj.PodReady)
		if cond == nil || cond.Status == apiobj.ConditionFalse ||
			p.Status.Phase == apiobj.PodSucceeded || p.Status.Phase == apiobj.PodFailed {
			continue
		}
		out := p.DeepCopy()
		out.Status.Conditions[i].Status = apiobj.ConditionFalse
		out.Status.Conditions[i].LastTransitionTime = apiobj.NewTime(now)
		_, err := client.For[*apiobj.Pod](c.cfg.Client).Namespace(p.Namespace).UpdateStatus(ctx, out)
		if err != nil && !errdefs.IsNotFound(err) && !errdefs.IsConflict(err) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// reconcileTaints makes n's not-ready and unreachable taints match its
// Ready condition: not-ready for False, unreachable for Unknown, none for
// True. NoSchedule is added at once; a NoExecute taint needs a token from
// the eviction bucket unless it replaces the other key's NoExecute taint.
func (c *Controller) reconcileTaints(ctx context.Context, n *apiobj.Node, ready apiobj.ConditionStatus, now time.Time) (*apiobj.Node, error) {
	var want string
	switch ready {
	case "":
		return n, nil // never reported and still in its grace period
	case apiobj.ConditionFalse:
		want = apiobj.TaintNodeNotReady
	case apiobj.ConditionUnknown:
		want = apiobj.TaintNodeUnreachable
	}
	ours := func(t apiobj.Taint) bool {
		return (t.Key == apiobj.TaintNodeNotReady || t.Key == apiobj.TaintNodeUnreachable) &&
			(t.Effect == apiobj.TaintEffectNoSchedule || t.Effect == apiobj.TaintEffectNoExecute)
	}
	has := func(key string, effect apiobj.TaintEffect) bool {
		return slices.ContainsFunc(n.Spec.Taints, func(t apiobj.Taint) bool { return t.Key == key && t.Effect == effect })
	}
	hadNoExecute := has(apiobj.TaintNodeNotReady, apiobj.TaintEffectNoExecute) || has(apiobj.TaintNodeUnreachable, apiobj.TaintEffectNoExecute)

	var taints []apiobj.Taint
	for _, t := range n.Spec.Taints {
		if !ours(t) || t.Key == want {
			taints = append(taints, t)
		}
	}
	if want != "" && !has(want, apiobj.TaintEffectNoSchedule) {
		taints = append(taints, apiobj.Taint{Key: want, Effect: apiobj.TaintEffectNoSchedule})
	}
	if want == "" || has(want, apiobj.TaintEffectNoExecute) {
		delete(c.pending, n.Name)
	} else if hadNoExecute || c.bucket.take(now) {
		t := apiobj.NewTime(now)
		taints = append(taints, apiobj.Taint{Key: want, Effect: apiobj.TaintEffectNoExecute, TimeAdded: &t})
		delete(c.pending, n.Name)
	} else if _, ok := c.pending[n.Name]; !ok {
		c.pending[n.Name] = now
	}
	if slices.EqualFunc(taints, n.Spec.Taints, taintEqual) {
		return n, nil
	}
	out := n.DeepCopy()
	out.Spec.Taints = taints
	stored, err := client.For[*apiobj.Node](c.cfg.Client).Update(ctx, out)
	if err != nil {
		return nil, err // a conflict is retried by the next pass
	}
	c.log.Info("node taints updated", "node", n.Name, "ready", ready)
	return stored, nil
}

func taintEqual(a, b apiobj.Taint) bool {
	if a.Key != b.Key || a.Value != b.Value || a.Effect != b.Effect || (a.TimeAdded == nil) != (b.TimeAdded == nil) {
		return false
	}
	return a.TimeAdded == nil || a.TimeAdded.Equal(*b.TimeAdded)
}
