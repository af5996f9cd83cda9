package endpoints

import (
	"context"
	"errors"
	"log/slog"
	"maps"
	"reflect"
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
	// and watch on services, pods and endpoints, and create, update and
	// delete on endpoints.
	Client *client.Client
	// Workers is how many Services are synced at once; default 5
	// (kube-controller-manager's --concurrent-endpoint-syncs).
	Workers int
	// Resync is how often every Service is looked at again; default
	// 5 minutes.
	Resync time.Duration
	// MaxRetryDelay caps the per-Service exponential backoff (from 5 ms);
	// default 60 s.
	MaxRetryDelay time.Duration
	// Registerer, when set, receives the work queue's metrics (named
	// endpoint).
	Registerer prometheus.Registerer
	// Logger; nil discards.
	Logger *slog.Logger
}

// Validate reports a config that cannot work.
func (c *Config) Validate() error {
	if c.Client == nil {
		return errors.New("endpoints: Config.Client is required")
	}
	if c.Workers < 0 || c.Resync < 0 || c.MaxRetryDelay < 0 {
		return errors.New("endpoints: Workers, Resync and MaxRetryDelay must not be negative")
	}
	return nil
}

func (c Config) withDefaults() Config {
	if c.Workers == 0 {
		c.Workers = 5
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

// Controller keeps the Endpoints of selector-based Services. Create it with
// New and start it with Run.
type Controller struct {
	cfg     Config
	started atomic.Bool

	// Set by Run before any worker starts; read-only afterwards.
	services  *client.Lister[*apiobj.Service]
	pods      *client.Lister[*apiobj.Pod]
	endpoints *client.Lister[*apiobj.Endpoints]
}

// New returns a controller for cfg. It does nothing until Run.
func New(cfg Config) (*Controller, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &Controller{cfg: cfg.withDefaults()}, nil
}

// Run watches services, pods and endpoints and syncs Services with Workers
// goroutines. It blocks until ctx is done and returns after its goroutines
// have stopped. A controller runs once.
func (c *Controller) Run(ctx context.Context) error {
	if !c.started.CompareAndSwap(false, true) {
		return errors.New("endpoints: already started")
	}
	qc := workqueue.Config[string]{
		RateLimiter: workqueue.NewExponentialBackoff[string](workqueue.DefaultBaseDelay, c.cfg.MaxRetryDelay),
	}
	if c.cfg.Registerer != nil {
		qc.Name, qc.Registerer = "endpoint", c.cfg.Registerer
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
	epInf := client.NewInformer(client.For[*apiobj.Endpoints](c.cfg.Client), client.InformerOptions[*apiobj.Endpoints]{})
	c.services, c.pods, c.endpoints = svcInf.Lister(), podInf.Lister(), epInf.Lister()

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
	// Endpoints written or deleted by others are put back, but only for
	// Services this controller manages.
	epChanged := func(ep *apiobj.Endpoints) {
		if svc, err := c.services.Namespace(ep.Namespace).Get(ep.Name); err == nil && len(svc.Spec.Selector) > 0 {
			queue.Add(client.Key(ep))
		}
	}
	epInf.AddHandler(client.HandlerFuncs[*apiobj.Endpoints]{
		UpdateFunc: func(_, ep *apiobj.Endpoints) { epChanged(ep) },
		DeleteFunc: func(ep *apiobj.Endpoints, _ bool) { epChanged(ep) },
	})

	for _, run := range []func(context.Context) error{svcInf.Run, podInf.Run, epInf.Run} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = run(ctx)
		}()
	}
	if !svcInf.WaitForCacheSync(ctx) || !podInf.WaitForCacheSync(ctx) || !epInf.WaitForCacheSync(ctx) {
		return nil // ctx done
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
					c.cfg.Logger.Info("syncing endpoints will be retried", "service", key, "err", err)
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

// sync brings the Endpoints of the Service at key in line with its pods.
// It is idempotent.
func (c *Controller) sync(ctx context.Context, key string) error {
	ns, name := splitKey(key)
	eps := client.For[*apiobj.Endpoints](c.cfg.Client).Namespace(ns)
	svc, err := c.services.Namespace(ns).Get(name)
	if errdefs.IsNotFound(err) {
		// The Service is gone: so are its Endpoints, as in Kubernetes.
		// Only Service deletions and events for selector-based Services
		// bring a key here.
		return client.IgnoreNotFound(eps.Delete(ctx, name))
	}
	if err != nil {
		return err
	}
	if len(svc.Spec.Selector) == 0 || svc.Spec.Type == apiobj.ServiceTypeExternalName {
		return nil // managed by someone else
	}
	sel := labels.SelectorFromSet(svc.Spec.Selector)
	subsets, truncated := truncate(BuildSubsets(svc, c.pods.Namespace(ns).List(sel)), MaxAddresses)
	wantLabels := maps.Clone(svc.Labels)
	if wantLabels == nil {
		wantLabels = map[string]string{}
	}
	if svc.Spec.ClusterIP == apiobj.ClusterIPNone {
		wantLabels[HeadlessLabel] = ""
	} else {
		delete(wantLabels, HeadlessLabel)
	}

	var annotations map[string]string
	if truncated {
		annotations = map[string]string{apiobj.EndpointsOverCapacity: "truncated"}
	}

	cur, err := c.endpoints.Namespace(ns).Get(name)
	if errdefs.IsNotFound(err) {
		_, err := eps.Create(ctx, &apiobj.Endpoints{
			ObjectMeta: apiobj.ObjectMeta{Name: name, Namespace: ns, Labels: wantLabels, Annotations: annotations},
			Subsets:    subsets,
		})
		return err // AlreadyExists: the cache is behind, retried
	}
	if err != nil {
		return err
	}
	_, wasTruncated := cur.Annotations[apiobj.EndpointsOverCapacity]
	if subsetsEqual(cur.Subsets, subsets) && labelsEqual(cur.Labels, wantLabels) && wasTruncated == truncated {
		return nil
	}
	out := cur.DeepCopy()
	out.Labels, out.Subsets = wantLabels, subsets
	if truncated {
		if out.Annotations == nil {
			out.Annotations = map[string]string{}
		}
		out.Annotations[apiobj.EndpointsOverCapacity] = "truncated"
	} else {
		delete(out.Annotations, apiobj.EndpointsOverCapacity)
	}
	_, err = eps.Update(ctx, out)
	return err
}

func subsetsEqual(a, b []apiobj.EndpointSubset) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return reflect.DeepEqual(a, b)
}

func labelsEqual(a, b map[string]string) bool {
	return len(a) == len(b) && maps.Equal(a, b)
}

// splitKey splits a namespace/name key.
func splitKey(key string) (ns, name string) {
	ns, name, ok := strings.Cut(key, "/")
	if !ok {
		return "", key
	}
	return ns, name
}
