package endpointslice

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
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

// Config configures a Controller. Zero values are the documented defaults.
type Config struct {
	// Client reaches the API server. Required. The controller needs list
	// and watch on services, pods, nodes (unless Nodes is set) and
	// endpointslices, and create, update and delete on endpointslices.
	Client *client.Client
	// Workers is how many Services are synced at once; default 5
	// (kube-controller-manager's --concurrent-service-endpoint-syncs).
	Workers int
	// MaxEndpointsPerSlice caps the endpoints of one slice; default 100,
	// at most 1000 (kube-controller-manager's --max-endpoints-per-slice).
	MaxEndpointsPerSlice int
	// Nodes finds the nodes whose zones endpoints carry. Nil means the
	// controller watches nodes itself and resyncs Services when a node's
	// zone changes; a caller-provided getter brings no such resync.
	Nodes NodeGetter
	// Resync is how often every Service is looked at again; default
	// 5 minutes.
	Resync time.Duration
	// MaxRetryDelay caps the per-Service exponential backoff (from 5 ms);
	// default 60 s.
	MaxRetryDelay time.Duration
	// Registerer, when set, receives the work queue's metrics (named
	// endpoint_slice).
	Registerer prometheus.Registerer
	// Logger; nil discards.
	Logger *slog.Logger
}

// Validate reports a config that cannot work.
func (c *Config) Validate() error {
	if c.Client == nil {
		return errors.New("endpointslice: Config.Client is required")
	}
	if c.Workers < 0 || c.Resync < 0 || c.MaxRetryDelay < 0 {
		return errors.New("endpointslice: Workers, Resync and MaxRetryDelay must not be negative")
	}
	if c.MaxEndpointsPerSlice < 0 || c.MaxEndpointsPerSlice > 1000 {
		return fmt.Errorf("endpointslice: MaxEndpointsPerSlice %d is not in [1, 1000]", c.MaxEndpointsPerSlice)
	}
	return nil
}

func (c Config) withDefaults() Config {
	if c.Workers == 0 {
		c.Workers = 5
	}
	if c.MaxEndpointsPerSlice == 0 {
		c.MaxEndpointsPerSlice = 100
	}
	if c.Resync == 0 {
		c.Resync = 5 * time.Minute
	}
	if c.MaxRetryDelay == 0 {
		c.MaxRetryDelay = 60 * time.Second
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// Controller keeps the EndpointSlices of selector-based Services. Create it
// with New and start it with Run.
type Controller struct {
	cfg     Config
	started atomic.Bool

	// Set by Run before any worker starts; read-only afterwards.
	services *client.Lister[*apiobj.Service]
	pods     *client.Lister[*apiobj.Pod]
	nodes    NodeGetter
}

// New returns a controller for cfg. It does nothing until Run.
func New(cfg Config) (*Controller, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &Controller{cfg: cfg.withDefaults()}, nil
}

// Run watches services, pods, nodes and endpoint slices and syncs Services
// with Workers goroutines. It blocks until ctx is done and returns after
// its goroutines have stopped. A controller runs once.
func (c *Controller) Run(ctx context.Context) error {
	if !c.started.CompareAndSwap(false, true) {
		return errors.New("endpointslice: already started")
	}
	qc := workqueue.Config[string]{
		RateLimiter: workqueue.NewExponentialBackoff[string](workqueue.DefaultBaseDelay, c.cfg.MaxRetryDelay),
	}
	if c.cfg.Registerer != nil {
		qc.Name, qc.Registerer = "endpoint_slice", c.cfg.Registerer
	}
	queue := workqueue.New(qc)

	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel()
		queue.ShutDown()
		wg.Wait()
	}()

	svcInf := client.NewInformer(client.For[*apiobj.Service](c.cfg.Client),
		client.InformerOptions[*apiobj.Service]{Resync: c.cfg.Resync})
	podInf := client.NewInformer(client.For[*apiobj.Pod](c.cfg.Client), client.InformerOptions[*apiobj.Pod]{})
	sliceInf := client.NewInformer(client.For[*apiobj.EndpointSlice](c.cfg.Client), client.InformerOptions[*apiobj.EndpointSlice]{
		LabelSelector: apiobj.EndpointSliceManagedByLabel + "=" + ManagedBy,
	})
	c.services, c.pods, c.nodes = svcInf.Lister(), podInf.Lister(), c.cfg.Nodes
	synced := []func(context.Context) bool{svcInf.WaitForCacheSync, podInf.WaitForCacheSync, sliceInf.WaitForCacheSync}
	runs := []func(context.Context) error{svcInf.Run, podInf.Run, sliceInf.Run}

	enqueueAll := func() {
		for _, svc := range c.services.List(nil) {
			if len(svc.Spec.Selector) > 0 {
				queue.Add(client.Key(svc))
			}
		}
	}
	if c.nodes == nil {
		nodeInf := client.NewInformer(client.For[*apiobj.Node](c.cfg.Client), client.InformerOptions[*apiobj.Node]{})
		c.nodes = nodeInf.Lister()
		nodeInf.AddHandler(client.HandlerFuncs[*apiobj.Node]{
			AddFunc: func(n *apiobj.Node, initial bool) {
				if !initial && n.Labels[apiobj.LabelTopologyZone] != "" {
					enqueueAll()
				}
			},
			UpdateFunc: func(old, n *apiobj.Node) {
				if old.Labels[apiobj.LabelTopologyZone] != n.Labels[apiobj.LabelTopologyZone] {
					enqueueAll()
				}
			},
		})
		synced = append(synced, nodeInf.WaitForCacheSync)
		runs = append(runs, nodeInf.Run)
	}

	svcKey := func(s *apiobj.Service) { queue.Add(client.Key(s)) }
	svcInf.AddHandler(client.HandlerFuncs[*apiobj.Service]{
		AddFunc:    func(s *apiobj.Service, _ bool) { svcKey(s) },
		UpdateFunc: func(_, s *apiobj.Service) { svcKey(s) },
		DeleteFunc: func(s *apiobj.Service, _ bool) { svcKey(s) },
	})
	podChanged := func(pods ...*apiobj.Pod) {
		for _, key := range c.servicesFor(pods...) {
			queue.Add(key)
		}
	}
	podInf.AddHandler(client.HandlerFuncs[*apiobj.Pod]{
		AddFunc:    func(p *apiobj.Pod, _ bool) { podChanged(p) },
		UpdateFunc: func(old, p *apiobj.Pod) { podChanged(old, p) },
		DeleteFunc: func(p *apiobj.Pod, _ bool) { podChanged(p) },
	})
	sliceChanged := func(s *apiobj.EndpointSlice) {
		if name := s.Labels[apiobj.EndpointSliceServiceNameLabel]; name != "" {
			queue.Add(s.Namespace + "/" + name)
		}
	}
	sliceInf.AddHandler(client.HandlerFuncs[*apiobj.EndpointSlice]{
		UpdateFunc: func(_, s *apiobj.EndpointSlice) { sliceChanged(s) },
		DeleteFunc: func(s *apiobj.EndpointSlice, _ bool) { sliceChanged(s) },
	})

	for _, run := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = run(ctx)
		}()
	}
	for _, wait := range synced {
		if !wait(ctx) {
			return nil // ctx done
		}
	}
	for range c.cfg.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				key, shutdown := queue.Get()
				if shutdown {
					return
				}
				if err := c.sync(ctx, key); err != nil && ctx.Err() == nil {
					c.cfg.Logger.Info("syncing endpoint slices will be retried", "service", key, "err", err)
					queue.AddRateLimited(key)
				} else {
					queue.Forget(key)
				}
				queue.Done(key)
			}
		}()
	}
	<-ctx.Done()
	return nil
}

// servicesFor returns the keys of the selector-based Services that select
// any of pods.
func (c *Controller) servicesFor(pods ...*apiobj.Pod) []string {
	seen := map[string]bool{}
	var keys []string
	for _, pod := range pods {
		for _, svc := range c.services.Namespace(pod.Namespace).List(nil) {
			if len(svc.Spec.Selector) == 0 {
				continue
			}
			k := client.Key(svc)
			if !seen[k] && labels.SelectorFromSet(svc.Spec.Selector).Matches(labels.Set(pod.Labels)) {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	return keys
}

// sync brings the slices of the Service at key in line with its pods. It
// is idempotent.
func (c *Controller) sync(ctx context.Context, key string) error {
	ns, name := splitKey(key)
	res := client.For[*apiobj.EndpointSlice](c.cfg.Client).Namespace(ns)
	existing, _, err := res.List(ctx, client.ListOptions{LabelSelector: labels.SelectorFromSet(labels.Set{
		apiobj.EndpointSliceServiceNameLabel: name,
		apiobj.EndpointSliceManagedByLabel:   ManagedBy,
	}).String()})
	if err != nil {
		return err
	}
	svc, err := c.services.Namespace(ns).Get(name)
	var ch changes
	switch {
	case errdefs.IsNotFound(err):
		ch.delete = existing // the Service is gone
	case err != nil:
		return err
	case len(svc.Spec.Selector) == 0 || svc.Spec.Type == apiobj.ServiceTypeExternalName:
		// Not ours (any more): slices this controller made are removed.
		ch.delete = existing
	default:
		pods := c.pods.Namespace(ns).List(labels.SelectorFromSet(svc.Spec.Selector))
		ch = plan(svc, existing, desired(svc, pods, c.nodes), c.cfg.MaxEndpointsPerSlice)
	}
	return c.apply(ctx, res, ch)
}

// apply writes ch: creates first, then updates, then deletes, so that no
// endpoint is missing in between.
func (c *Controller) apply(ctx context.Context, res *client.Resource[*apiobj.EndpointSlice], ch changes) error {
	var errs []error
	for _, s := range ch.create {
		if _, err := res.Create(ctx, s); err != nil {
			errs = append(errs, fmt.Errorf("creating a slice: %w", err))
		}
	}
	for _, s := range ch.update {
		if _, err := res.Update(ctx, s); err != nil {
			errs = append(errs, fmt.Errorf("updating slice %s: %w", s.Name, err))
		}
	}
	for _, s := range ch.delete {
		if err := res.Delete(ctx, s.Name); client.IgnoreNotFound(err) != nil {
			errs = append(errs, fmt.Errorf("deleting slice %s: %w", s.Name, err))
		}
	}
	return errors.Join(errs...)
}

// splitKey splits a namespace/name key.
func splitKey(key string) (ns, name string) {
	ns, name, ok := strings.Cut(key, "/")
	if !ok {
		return "", key
	}
	return ns, name
}
