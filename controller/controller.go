package controller

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/controller/predicate"
	"github.com/orcaproj/orca/controller/workqueue"
)

// DefaultCacheSyncTimeout bounds how long a starting controller waits for
// its informers to sync.
const DefaultCacheSyncTimeout = 2 * time.Minute

// Options tune a controller. Zero values are the documented defaults.
type Options struct {
	// MaxConcurrentReconciles is the number of workers (default 1). One
	// request is never reconciled by two workers at once.
	MaxConcurrentReconciles int
	// RateLimiter decides the backoff of retried requests; default
	// workqueue.DefaultRateLimiter on the manager's clock.
	RateLimiter workqueue.RateLimiter[Request]
	// CacheSyncTimeout bounds the wait for the informers to sync when the
	// controller starts (default 2 minutes); Run fails after it.
	CacheSyncTimeout time.Duration
	// NeedLeaderElection says whether the controller runs only on the
	// leader (default true).
	NeedLeaderElection *bool
}

// Controller runs a Reconciler for the requests its watches produce: it
// keeps a rate-limited workqueue of requests fed by the manager's shared
// informers, and workers that take requests from it. Make one with New or
// NewBuilder; the manager runs it.
type Controller struct {
	name string
	mgr  *Manager
	r    Reconciler
	opts Options
	log  *slog.Logger
	m    *reconcileMetrics

	mu      sync.Mutex // guards watches and started
	watches []watch
	started bool
}

// watch is one bound source: its informer, how its changes map to
// requests, and the predicates that filter them.
type watch struct {
	desc  string
	inf   informer
	enq   enqueuer
	preds predicate.Predicate
}

var _ LeaderElectionRunnable = (*Controller)(nil)

// New returns a controller named name (unique within mgr; it labels the
// controller's metrics and logs) that runs r, and adds it to mgr. Add its
// watches with Watch before the manager starts it; NewBuilder does both in
// one go.
func New(mgr *Manager, name string, r Reconciler, opts Options) (*Controller, error) {
	c, err := newController(mgr, name, r, opts)
	if err != nil {
		return nil, err
	}
	if err := mgr.addController(c); err != nil {
		return nil, err
	}
	return c, nil
}

func newController(mgr *Manager, name string, r Reconciler, opts Options) (*Controller, error) {
	switch {
	case mgr == nil:
		return nil, errors.New("controller: New needs a Manager")
	case name == "":
		return nil, errors.New("controller: a controller needs a name")
	case r == nil:
		return nil, fmt.Errorf("controller %s: the Reconciler is nil", name)
	case opts.MaxConcurrentReconciles < 0 || opts.CacheSyncTimeout < 0:
		return nil, fmt.Errorf("controller %s: negative options", name)
	}
	if opts.MaxConcurrentReconciles == 0 {
		opts.MaxConcurrentReconciles = 1
	}
	if opts.CacheSyncTimeout == 0 {
		opts.CacheSyncTimeout = DefaultCacheSyncTimeout
	}
	return &Controller{name: name, mgr: mgr, r: r, opts: opts, log: mgr.Logger().With("controller", name)}, nil
}

// Name returns the controller's name.
func (c *Controller) Name() string { return c.name }

// NeedLeaderElection implements LeaderElectionRunnable: true unless
// Options.NeedLeaderElection says otherwise.
func (c *Controller) NeedLeaderElection() bool {
	return c.opts.NeedLeaderElection == nil || *c.opts.NeedLeaderElection
}

// Watch feeds the controller the changes to src's objects that pass every
// predicate, mapped to requests by h. Call it before the controller runs.
func (c *Controller) Watch(src Source, h Handler, preds ...predicate.Predicate) error {
	if src.informer == nil || h.bind == nil {
		return fmt.Errorf("controller %s: Watch of a zero Source or Handler", c.name)
	}
	enq, err := h.bind(c.mgr.Client().Scheme())
	if err != nil {
		return fmt.Errorf("controller %s: %w", c.name, err)
	}
	inf, err := src.informer(c.mgr)
	if err != nil {
		return fmt.Errorf("controller %s: %w", c.name, err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.started {
		return fmt.Errorf("controller %s: Watch after the controller started", c.name)
	}
	c.watches = append(c.watches, watch{desc: src.desc, inf: inf, enq: enq, preds: predicate.And(preds...)})
	return nil
}

// Run starts the watches, waits for their informers to sync, and runs the
// workers until ctx is done; it returns after in-flight reconciles have
// finished. A controller runs once.
//
// Workers check ctx.Err() before each reconcile and stop once it reports
// an error, so under leader election no reconcile starts after leadership
// is lost.
func (c *Controller) Run(ctx context.Context) error {
	c.mu.Lock()
	if c.started {
		c.mu.Unlock()
		return fmt.Errorf("controller %s: already started", c.name)
	}
	c.started = true
	watches := c.watches
	c.mu.Unlock()
	if len(watches) == 0 {
		return fmt.Errorf("controller %s: nothing to watch", c.name)
	}
	if c.m == nil {
		c.m = newReconcileMetrics(c.mgr.Registry(), c.name, c.opts.MaxConcurrentReconciles)
	}

	q := workqueue.New(workqueue.Config[Request]{
		Name: c.name, RateLimiter: c.opts.RateLimiter, Clock: c.mgr.Clock(), Registerer: c.mgr.Registry(),
	})
	defer q.ShutDown()
	for _, w := range watches {
		defer w.inf.register(c.sink(ctx, q, w))()
	}
	syncCtx, cancel := context.WithTimeout(ctx, c.opts.CacheSyncTimeout)
	for _, w := range watches {
		if !w.inf.synced(syncCtx) {
			cancel()
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("controller %s: timed out waiting for the %s informer to sync", c.name, w.desc)
		}
	}
	cancel()

	c.log.Info("starting workers", "workers", c.opts.MaxConcurrentReconciles)
	var wg sync.WaitGroup
	for range c.opts.MaxConcurrentReconciles {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c.processNext(ctx, q) {
			}
		}()
	}
	<-ctx.Done()
	q.ShutDown()
	wg.Wait()
	c.log.Info("workers stopped")
	return nil
}

// sink filters w's notifications through its predicates and queues their
// requests.
func (c *Controller) sink(ctx context.Context, q workqueue.Interface[Request], w watch) sink {
	return sink{
		create: func(obj apiobj.Object) {
			if w.preds.Create(obj) {
				w.enq.enqueue(ctx, obj, q)
			}
		},
		update: func(old, new apiobj.Object) {
			if !w.preds.Update(old, new) {
				return
			}
			if w.enq.onBoth {
				w.enq.enqueue(ctx, old, q)
			}
			w.enq.enqueue(ctx, new, q)
		},
		delete: func(obj apiobj.Object) {
			if w.preds.Delete(obj) {
				w.enq.enqueue(ctx, obj, q)
			}
		},
	}
}

// processNext reconciles one request; it returns false when the worker
// should stop.
func (c *Controller) processNext(ctx context.Context, q workqueue.RateLimiting[Request]) bool {
	req, shutdown := q.Get()
	if shutdown {
		return false
	}
	defer q.Done(req)
	if ctx.Err() != nil {
		return false // shutting down, or leadership is over: start nothing new
	}
	c.m.active.Inc()
	start := time.Now()
	res, err := c.reconcile(ctx, req)
	c.m.duration.Observe(time.Since(start).Seconds())
	c.m.active.Dec()
	switch {
	case err != nil && errors.Is(err, ErrTerminal):
		q.Forget(req)
		c.m.errors.Inc()
		c.m.terminal.Inc()
		c.m.resultError.Inc()
		c.log.Error("reconcile failed for good; not retrying", "request", req.String(), "err", err)
	case err != nil:
		q.AddRateLimited(req)
		c.m.errors.Inc()
		c.m.resultError.Inc()
		if ctx.Err() == nil {
			c.log.Error("reconcile failed; retrying", "request", req.String(), "err", err, "retries", q.NumRequeues(req))
		}
	case res.RequeueAfter > 0:
		q.Forget(req)
		q.AddAfter(req, res.RequeueAfter)
		c.m.resultRequeueAfter.Inc()
	case res.Requeue:
		q.AddRateLimited(req)
		c.m.resultRequeue.Inc()
	default:
		q.Forget(req)
		c.m.resultSuccess.Inc()
	}
	return true
}

// reconcile calls the reconciler, turning a panic into an error.
func (c *Controller) reconcile(ctx context.Context, req Request) (res Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			c.m.panics.Inc()
			c.log.Error("reconcile panicked", "request", req.String(), "panic", p, "stack", string(debug.Stack()))
			err = fmt.Errorf("controller %s: panic reconciling %s: %v", c.name, req, p)
		}
	}()
	ctx = context.WithValue(ctx, loggerKey{}, &reconcileLogger{log: c.log, controller: c.name, req: req})
	return c.r.Reconcile(ctx, req)
}
