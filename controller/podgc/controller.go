package podgc

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/clock"
	"github.com/orcaproj/orca/errdefs"
)

// Defaults, as kube-controller-manager's.
const (
	// DefaultTerminatedPodThreshold is --terminated-pod-gc-threshold.
	DefaultTerminatedPodThreshold = 12500
	// DefaultPeriod is how often the collector looks at every pod.
	DefaultPeriod = 20 * time.Second
	// DefaultQuarantine is how long a pod's node must stay missing before
	// the pod is deleted as an orphan.
	DefaultQuarantine = 40 * time.Second
)

// Config configures a Controller. Zero values are the documented defaults.
type Config struct {
	// Client reaches the API server. Required. The collector needs list on
	// pods and nodes, get on nodes, and delete and update status on pods.
	Client *client.Client
	// Clock drives the period and the quarantine; default the real clock.
	Clock clock.Clock
	// TerminatedPodThreshold is how many terminated (Succeeded or Failed)
	// pods may exist before the oldest are deleted; default 12,500.
	// Negative disables this collection.
	TerminatedPodThreshold int
	// Period between passes; default 20 s.
	Period time.Duration
	// Quarantine is how long a node must be missing before its pods are
	// deleted; default 40 s.
	Quarantine time.Duration
	// Logger; nil discards.
	Logger *slog.Logger
}

// Validate reports a config that cannot work.
func (c *Config) Validate() error {
	if c.Client == nil {
		return errors.New("podgc: Config.Client is required")
	}
	if c.Period < 0 || c.Quarantine < 0 {
		return errors.New("podgc: Period and Quarantine must not be negative")
	}
	return nil
}

func (c Config) withDefaults() Config {
	c.Clock = clock.OrReal(c.Clock)
	if c.TerminatedPodThreshold == 0 {
		c.TerminatedPodThreshold = DefaultTerminatedPodThreshold
	}
	if c.Period == 0 {
		c.Period = DefaultPeriod
	}
	if c.Quarantine == 0 {
		c.Quarantine = DefaultQuarantine
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// Controller is the pod garbage collector. Create it with New and start
// it with Run.
type Controller struct {
	cfg     Config
	log     *slog.Logger
	started atomic.Bool

	mu      sync.Mutex           // guards missing; held for a whole pass
	missing map[string]time.Time // node name -> when first seen missing
}

// New returns a collector for cfg. It does nothing until Run.
func New(cfg Config) (*Controller, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	return &Controller{cfg: cfg, log: cfg.Logger, missing: map[string]time.Time{}}, nil
}

// Run makes a pass at once and then every Period until ctx is done. A
// failed pass is logged and the next one tries again. A controller runs
// once.
func (c *Controller) Run(ctx context.Context) error {
	if !c.started.CompareAndSwap(false, true) {
		return errors.New("podgc: already started")
	}
	for {
		if err := c.gc(ctx); err != nil && ctx.Err() == nil {
			c.log.Info("pod garbage collection pass failed", "err", err)
		}
		if !clock.Sleep(ctx, c.cfg.Clock, c.cfg.Period) {
			return nil
		}
	}
}

// gc is one pass over every pod. It is idempotent.
func (c *Controller) gc(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	pods, _, err := client.For[*apiobj.Pod](c.cfg.Client).List(ctx, client.ListOptions{})
	if err != nil {
		return err
	}
	nodeList, _, err := client.For[*apiobj.Node](c.cfg.Client).List(ctx, client.ListOptions{})
	if err != nil {
		return err
	}
	nodes := make(map[string]*apiobj.Node, len(nodeList))
	for _, n := range nodeList {
		nodes[n.Name] = n
	}
	var errs []error
	if c.cfg.TerminatedPodThreshold > 0 {
		errs = append(errs, c.gcTerminated(ctx, pods))
	}
	errs = append(errs, c.gcOrphaned(ctx, pods, nodes), c.gcTerminating(ctx, pods, nodes))
	return errors.Join(errs...)
}

func terminated(p *apiobj.Pod) bool {
	return p.Status.Phase == apiobj.PodSucceeded || p.Status.Phase == apiobj.PodFailed
}

// gcTerminated deletes the oldest terminated pods beyond the threshold.
func (c *Controller) gcTerminated(ctx context.Context, pods []*apiobj.Pod) error {
	var done []*apiobj.Pod
	for _, p := range pods {
		if terminated(p) {
			done = append(done, p)
		}
	}
	excess := len(done) - c.cfg.TerminatedPodThreshold
	if excess <= 0 {
		return nil
	}
	slices.SortFunc(done, func(a, b *apiobj.Pod) int {
		if d := a.CreationTimestamp.Compare(b.CreationTimestamp.Time); d != 0 {
			return d
		}
		return cmp.Or(cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Name, b.Name))
	})
	var errs []error
	for _, p := range done[:excess] {
		errs = append(errs, c.forceDelete(ctx, p, "terminated pod beyond the threshold"))
	}
	return errors.Join(errs...)
}

// gcOrphaned deletes pods bound to nodes that have been missing for the
// quarantine, after a live GET confirms the node is gone.
func (c *Controller) gcOrphaned(ctx context.Context, pods []*apiobj.Pod, nodes map[string]*apiobj.Node) error {
	now := c.cfg.Clock.Now()
	gone := map[string]bool{}
	for name := range c.missing {
		if nodes[name] != nil {
			delete(c.missing, name)
		}
	}
	var errs []error
	for _, p := range pods {
		name := p.Spec.NodeName
		if name == "" || nodes[name] != nil {
			continue
		}
		first, seen := c.missing[name]
		if !seen {
			c.missing[name] = now
			continue
		}
		if now.Sub(first) < c.cfg.Quarantine {
			continue
		}
		g, checked := gone[name]
		if !checked {
			_, err := client.For[*apiobj.Node](c.cfg.Client).Get(ctx, name)
			switch {
			case errdefs.IsNotFound(err):
				g = true
			case err != nil:
				errs = append(errs, err)
				continue
			default:
				delete(c.missing, name)
			}
			gone[name] = g
		}
		if g {
			errs = append(errs, c.forceDelete(ctx, p, "pod bound to a node that no longer exists"))
		}
	}
	// Forget nodes that no pod names any more.
	named := map[string]bool{}
	for _, p := range pods {
		named[p.Spec.NodeName] = true
	}
	for name := range c.missing {
		if !named[name] {
			delete(c.missing, name)
		}
	}
	return errors.Join(errs...)
}

// gcTerminating deletes terminating pods that nothing will finish: those
// never scheduled, and those on a node that is not ready and tainted
// out-of-service.
func (c *Controller) gcTerminating(ctx context.Context, pods []*apiobj.Pod, nodes map[string]*apiobj.Node) error {
	var errs []error
	for _, p := range pods {
		if p.DeletionTimestamp == nil {
			continue
		}
		if p.Spec.NodeName == "" {
			errs = append(errs, c.forceDelete(ctx, p, "unscheduled terminating pod"))
			continue
		}
		n := nodes[p.Spec.NodeName]
		if n != nil && !nodeReady(n) && outOfService(n) {
			errs = append(errs, c.forceDelete(ctx, p, "terminating pod on an out-of-service node"))
		}
	}
	return errors.Join(errs...)
}

func nodeReady(n *apiobj.Node) bool {
	for _, c := range n.Status.Conditions {
		if c.Type == apiobj.NodeReady {
			return c.Status == apiobj.ConditionTrue
		}
	}
	return false
}

func outOfService(n *apiobj.Node) bool {
	for _, t := range n.Spec.Taints {
		if t.Key == apiobj.TaintNodeOutOfService && t.Effect == apiobj.TaintEffectNoExecute {
			return true
		}
	}
	return false
}

// forceDelete deletes p with grace period 0. A pod that has not
// terminated is first marked Failed with a DisruptionTarget condition, as
// Kubernetes' collector does, so its owner counts it as failed.
func (c *Controller) forceDelete(ctx context.Context, p *apiobj.Pod, why string) error {
	pods := client.For[*apiobj.Pod](c.cfg.Client).Namespace(p.Namespace)
	if !terminated(p) {
		out := p.DeepCopy()
		out.Status.Phase = apiobj.PodFailed
		now := apiobj.NewTime(c.cfg.Clock.Now())
		cond := apiobj.PodCondition{Type: apiobj.DisruptionTarget, Status: apiobj.ConditionTrue,
			Reason: "DeletionByPodGC", Message: "PodGC: " + why, LastTransitionTime: now}
		if i, _ := apiobj.GetPodCondition(&out.Status, apiobj.DisruptionTarget); i >= 0 {
			out.Status.Conditions[i] = cond
		} else {
			out.Status.Conditions = append(out.Status.Conditions, cond)
		}
		if _, err := pods.UpdateStatus(ctx, out); err != nil && !errdefs.IsNotFound(err) && !errdefs.IsConflict(err) {
			c.log.Info("marking pod failed before deletion", "pod", client.Key(p), "err", err)
		}
	}
	err := pods.Delete(ctx, p.Name, client.DeleteOptions{GracePeriodSeconds: apiobj.Int64(0), UID: p.UID})
	if errdefs.IsNotFound(err) || errdefs.IsConflict(err) {
		return nil
	}
	if err == nil {
		c.log.Info("deleted pod", "pod", client.Key(p), "why", why)
	}
	return err
}
