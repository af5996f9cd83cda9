package deployment

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/workqueue"
	"github.com/orcaproj/orca/errdefs"
)

var (
	deploymentKind = apiobj.AppsV1.WithKind("Deployment")
	rsKind         = apiobj.AppsV1.WithKind("ReplicaSet")
)

// Config configures a Controller. Zero values are the documented defaults.
type Config struct {
	// Client reaches the API server. Required. The controller needs get,
	// list, watch, update and update status on deployments; get, list,
	// watch, create, update and delete on replicasets; list and watch on
	// pods.
	Client *client.Client
	// Workers is how many Deployments are synced at once; default 5
	// (kube-controller-manager's --concurrent-deployment-syncs).
	Workers int
	// Resync is how often every Deployment is looked at again; default
	// 10 minutes.
	Resync time.Duration
	// MaxRetryDelay caps the per-Deployment exponential backoff (from 5 ms)
	// of failed syncs; default 1000 s, as Kubernetes.
	MaxRetryDelay time.Duration
	// Registerer, when set, receives the work queue's metrics (named
	// deployment).
	Registerer prometheus.Registerer
	// Logger; nil discards.
	Logger *slog.Logger
}

// Validate reports a config that cannot work.
func (c *Config) Validate() error {
	if c.Client == nil {
		return errors.New("deployment: Config.Client is required")
	}
	if c.Workers < 0 || c.Resync < 0 || c.MaxRetryDelay < 0 {
		return errors.New("deployment: Workers, Resync and MaxRetryDelay must not be negative")
	}
	return nil
}

func (c Config) withDefaults() Config {
	if c.Workers == 0 {
		c.Workers = 5
	}
	if c.Resync == 0 {
		c.Resync = 10 * time.Minute
	}
	if c.MaxRetryDelay == 0 {
		c.MaxRetryDelay = 1000 * time.Second
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// Controller rolls Deployments out through ReplicaSets. Create it with New
// and start it with Run.
type Controller struct {
	cfg Config
	log *slog.Logger
	rec *recorder

	dInf   *client.Informer[*apiobj.Deployment]
	rsInf  *client.Informer[*apiobj.ReplicaSet]
	podInf *client.Informer[*apiobj.Pod]
	// Set by Run before any handler or worker starts.
	queue   workqueue.RateLimiting[string]
	started atomic.Bool
}

// New returns a controller for cfg. It does nothing until Run.
func New(cfg Config) (*Controller, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	return &Controller{cfg: cfg, log: cfg.Logger, rec: newRecorder(cfg.Client, cfg.Logger),
		dInf:   client.NewInformer(client.For[*apiobj.Deployment](cfg.Client), client.InformerOptions[*apiobj.Deployment]{Resync: cfg.Resync}),
		rsInf:  client.NewInformer(client.For[*apiobj.ReplicaSet](cfg.Client), client.InformerOptions[*apiobj.ReplicaSet]{}),
		podInf: client.NewInformer(client.For[*apiobj.Pod](cfg.Client), client.InformerOptions[*apiobj.Pod]{}),
	}, nil
}

// HasSynced reports whether the controller's informers have listed once.
func (c *Controller) HasSynced() bool {
	return c.dInf.HasSynced() && c.rsInf.HasSynced() && c.podInf.HasSynced()
}

// Run watches Deployments, ReplicaSets and pods and syncs Deployments with
// Workers goroutines. It blocks until ctx is done and returns after its
// goroutines have stopped. A controller runs once.
func (c *Controller) Run(ctx context.Context) error {
	if !c.started.CompareAndSwap(false, true) {
		return errors.New("deployment: already started")
	}
	qc := workqueue.Config[string]{
		RateLimiter: workqueue.NewExponentialBackoff[string](workqueue.DefaultBaseDelay, c.cfg.MaxRetryDelay),
	}
	if c.cfg.Registerer != nil {
		qc.Name, qc.Registerer = "deployment", c.cfg.Registerer
	}
	c.queue = workqueue.New(qc)

	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel()
		c.queue.ShutDown()
		wg.Wait()
	}()
	c.dInf.AddHandler(client.HandlerFuncs[*apiobj.Deployment]{
		AddFunc:    func(d *apiobj.Deployment, _ bool) { c.queue.Add(client.Key(d)) },
		UpdateFunc: func(_, d *apiobj.Deployment) { c.queue.Add(client.Key(d)) },
		DeleteFunc: func(d *apiobj.Deployment, _ bool) { c.queue.Add(client.Key(d)) },
	})
	c.rsInf.AddHandler(client.HandlerFuncs[*apiobj.ReplicaSet]{
		AddFunc: func(rs *apiobj.ReplicaSet, _ bool) { c.enqueueFor(rs, rs.Labels) },
		UpdateFunc: func(old, rs *apiobj.ReplicaSet) {
			if or := apiobj.ControllerRef(old); or != nil {
				if cr := apiobj.ControllerRef(rs); cr == nil || cr.UID != or.UID {
					c.enqueueOwner(old)
				}
			}
			c.enqueueFor(rs, rs.Labels)
		},
		DeleteFunc: func(rs *apiobj.ReplicaSet, _ bool) { c.enqueueOwner(rs) },
	})
	c.podInf.AddHandler(client.HandlerFuncs[*apiobj.Pod]{
		// Only Recreate waits on pods: it needs to see the old ones gone.
		DeleteFunc: func(p *apiobj.Pod, _ bool) {
			ref := apiobj.ControllerRef(p)
			if ref == nil || ref.Kind != "ReplicaSet" {
				return
			}
			if rs, err := c.rsInf.Lister().Namespace(p.Namespace).Get(ref.Name); err == nil && rs.UID == ref.UID {
				c.enqueueOwner(rs)
			}
		},
	})
	wg.Go(func() { c.rec.run(ctx) })
	wg.Go(func() { _ = c.dInf.Run(ctx) })
	wg.Go(func() { _ = c.rsInf.Run(ctx) })
	wg.Go(func() { _ = c.podInf.Run(ctx) })
	if !c.dInf.WaitForCacheSync(ctx) || !c.rsInf.WaitForCacheSync(ctx) || !c.podInf.WaitForCacheSync(ctx) {
		return nil
	}
	for range c.cfg.Workers {
		wg.Go(func() { c.runWorker(ctx) })
	}
	<-ctx.Done()
	return nil
}

// enqueueOwner queues the Deployment that controls obj, if cached.
func (c *Controller) enqueueOwner(obj apiobj.MetaAccessor) bool {
	ref := apiobj.ControllerRef(obj)
	if ref == nil || ref.Kind != "Deployment" {
		return false
	}
	d, err := c.dInf.Lister().Namespace(obj.GetNamespace()).Get(ref.Name)
	if err != nil || d.UID != ref.UID {
		return false
	}
	c.queue.Add(client.Key(d))
	return true
}

// enqueueFor queues obj's owner, or, for an orphan, every Deployment whose
// selector matches lbl (it may adopt it).
func (c *Controller) enqueueFor(obj apiobj.MetaAccessor, lbl map[string]string) {
	if apiobj.ControllerRef(obj) != nil {
		c.enqueueOwner(obj)
		return
	}
	for _, d := range c.dInf.Lister().Namespace(obj.GetNamespace()).List(nil) {
		sel, err := apiobj.LabelSelectorAsSelector(d.Spec.Selector)
		if err == nil && !sel.Empty() && sel.Matches(labels.Set(lbl)) {
			c.queue.Add(client.Key(d))
		}
	}
}

// requeueAfter asks for a Deployment to be synced again after a delay.
type requeueAfter time.Duration

func (r requeueAfter) Error() string { return "deployment: sync again later" }

func (c *Controller) runWorker(ctx context.Context) {
	for {
		key, shutdown := c.queue.Get()
		if shutdown {
			return
		}
		err := c.sync(ctx, key)
		var later requeueAfter
		switch {
		case err == nil:
			c.queue.Forget(key)
		case ctx.Err() != nil:
		case errors.As(err, &later):
			c.queue.Forget(key)
			c.queue.AddAfter(key, time.Duration(later))
		default:
			if !errdefs.IsConflict(err) {
				c.log.Info("deployment sync failed, will retry", "deployment", key, "err", err)
			}
			c.queue.AddRateLimited(key)
		}
		c.queue.Done(key)
	}
}

func splitKey(key string) (ns, name string) {
	for i := range len(key) {
		if key[i] == '/' {
			return key[:i], key[i+1:]
		}
	}
	return "", key
}

// sync converges one Deployment. It is idempotent.
func (c *Controller) sync(ctx context.Context, key string) error {
	ns, name := splitKey(key)
	cached, err := c.dInf.Lister().Namespace(ns).Get(name)
	if errdefs.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	d := cached.DeepCopy()
	sel, err := apiobj.LabelSelectorAsSelector(d.Spec.Selector)
	if err != nil || sel.Empty() {
		// Selecting everything is refused, as Kubernetes does; record that
		// the spec was seen.
		if d.Status.ObservedGeneration < d.Generation {
			d.Status.ObservedGeneration = d.Generation
			_, err := c.deployments(ns).UpdateStatus(ctx, d)
			return client.IgnoreNotFound(err)
		}
		return nil
	}
	rsList, err := c.claimReplicaSets(ctx, d, sel)
	if err != nil {
		return err
	}
	if d.DeletionTimestamp != nil {
		newRS, oldRSs, err := c.getAllReplicaSets(ctx, d, rsList, false)
		if err != nil {
			return err
		}
		return c.syncStatus(ctx, d, newRS, oldRSs)
	}
	if err := c.checkPausedConditions(ctx, d); err != nil {
		return err
	}
	if d.Spec.Paused {
		return c.syncScale(ctx, d, rsList)
	}
	scaling, err := c.isScalingEvent(ctx, d, rsList)
	if err != nil {
		return err
	}
	if scaling {
		return c.syncScale(ctx, d, rsList)
	}
	if d.Spec.Strategy.Type == apiobj.RecreateDeploymentStrategyType {
		return c.rolloutRecreate(ctx, d, rsList)
	}
	return c.rolloutRolling(ctx, d, rsList)
}

func (c *Controller) deployments(ns string) *client.Resource[*apiobj.Deployment] {
	return client.For[*apiobj.Deployment](c.cfg.Client).Namespace(ns)
}

func (c *Controller) replicaSets(ns string) *client.Resource[*apiobj.ReplicaSet] {
	return client.For[*apiobj.ReplicaSet](c.cfg.Client).Namespace(ns)
}

// claimReplicaSets returns copies of the ReplicaSets d owns, after adopting
// matching orphans and releasing owned ones that no longer match.
func (c *Controller) claimReplicaSets(ctx context.Context, d *apiobj.Deployment, sel labels.Selector) ([]*apiobj.ReplicaSet, error) {
	rr := c.replicaSets(d.Namespace)
	var out []*apiobj.ReplicaSet
	var errs []error
	checked, canAdopt := false, false
	for _, rs := range c.rsInf.Lister().Namespace(d.Namespace).List(nil) {
		matches := sel.Matches(labels.Set(rs.Labels))
		ref := apiobj.ControllerRef(rs)
		switch {
		case ref != nil && ref.UID == d.UID:
			if matches {
				out = append(out, rs.DeepCopy())
				continue
			}
			if d.DeletionTimestamp != nil {
				continue
			}
			cp := rs.DeepCopy()
			apiobj.Orphan(cp, d.UID)
			if _, err := rr.Update(ctx, cp); err != nil && !errdefs.IsNotFound(err) {
				errs = append(errs, err)
			}
		case ref == nil && matches && d.DeletionTimestamp == nil && rs.DeletionTimestamp == nil:
			if !checked {
				checked = true
				fresh, err := c.deployments(d.Namespace).Get(ctx, d.Name)
				canAdopt = err == nil && fresh.UID == d.UID && fresh.DeletionTimestamp == nil
			}
			if !canAdopt {
				continue
			}
			cp := rs.DeepCopy()
			if apiobj.Adopt(cp, d, deploymentKind) != nil {
				continue
			}
			got, err := rr.Update(ctx, cp)
			if err != nil {
				if !errdefs.IsNotFound(err) {
					errs = append(errs, err)
				}
				continue
			}
			out = append(out, got)
		}
	}
	return out, errors.Join(errs...)
}
