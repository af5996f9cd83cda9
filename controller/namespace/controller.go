package namespace

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/workqueue"
	"github.com/orcaproj/orca/errdefs"
)

// Config configures a Controller. Zero values are the documented defaults.
type Config struct {
	// Client reaches the API server. Required. The controller needs get,
	// list, watch and update (status, finalize) on namespaces, and list,
	// delete and deletecollection on every namespaced resource.
	Client *client.Client
	// Workers is how many namespaces are emptied at once; default 10
	// (kube-controller-manager's --concurrent-namespace-syncs).
	Workers int
	// Resync is how often every namespace is looked at again; default
	// 5 minutes.
	Resync time.Duration
	// MaxRetryDelay caps the per-namespace exponential backoff (from 5 ms)
	// of failed attempts; default 60 s, as Kubernetes.
	MaxRetryDelay time.Duration
	// Registerer, when set, receives the work queue's metrics (named
	// namespace).
	Registerer prometheus.Registerer
	// Logger; nil discards.
	Logger *slog.Logger
}

// Validate reports a config that cannot work.
func (c *Config) Validate() error {
	if c.Client == nil {
		return errors.New("namespace: Config.Client is required")
	}
	if c.Workers < 0 || c.Resync < 0 || c.MaxRetryDelay < 0 {
		return errors.New("namespace: Workers, Resync and MaxRetryDelay must not be negative")
	}
	return nil
}

func (c Config) withDefaults() Config {
	if c.Workers == 0 {
		c.Workers = 10
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

// Controller empties terminating namespaces and then releases them. Create
// it with New and start it with Run.
type Controller struct {
	cfg  Config
	log  *slog.Logger
	meta *client.Client // lists metadata only

	queue   workqueue.RateLimiting[string] // made by Run
	started atomic.Bool
}

// New returns a controller for cfg. It does nothing until Run.
func New(cfg Config) (*Controller, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	return &Controller{cfg: cfg, log: cfg.Logger, meta: client.MetadataOnly(cfg.Client)}, nil
}

// Run watches namespaces and processes the terminating ones with Workers
// goroutines. It blocks until ctx is done and returns after its goroutines
// have stopped. A controller runs once.
func (c *Controller) Run(ctx context.Context) error {
	if !c.started.CompareAndSwap(false, true) {
		return errors.New("namespace: already started")
	}
	qc := workqueue.Config[string]{
		RateLimiter: workqueue.NewExponentialBackoff[string](workqueue.DefaultBaseDelay, c.cfg.MaxRetryDelay),
	}
	if c.cfg.Registerer != nil {
		qc.Name, qc.Registerer = "namespace", c.cfg.Registerer
	}
	c.queue = workqueue.New(qc)

	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel()
		c.queue.ShutDown()
		wg.Wait()
	}()
	inf := client.NewInformer(client.For[*apiobj.Namespace](c.cfg.Client), client.InformerOptions[*apiobj.Namespace]{Resync: c.cfg.Resync})
	enqueue := func(ns *apiobj.Namespace) {
		if ns.DeletionTimestamp != nil {
			c.queue.Add(ns.Name)
		}
	}
	inf.AddHandler(client.HandlerFuncs[*apiobj.Namespace]{
		AddFunc:    func(ns *apiobj.Namespace, _ bool) { enqueue(ns) },
		UpdateFunc: func(_, ns *apiobj.Namespace) { enqueue(ns) },
	})
	wg.Go(func() { _ = inf.Run(ctx) })
	if !inf.WaitForCacheSync(ctx) {
		return nil
	}
	for range c.cfg.Workers {
		wg.Go(func() { c.runWorker(ctx) })
	}
	<-ctx.Done()
	return nil
}

// contentRemaining asks for a namespace to be looked at again after a delay.
type contentRemaining struct{ after time.Duration }

func (e *contentRemaining) Error() string {
	return fmt.Sprintf("namespace: content remains, checking again in %v", e.after)
}

func (c *Controller) runWorker(ctx context.Context) {
	for {
		name, shutdown := c.queue.Get()
		if shutdown {
			return
		}
		err := c.sync(ctx, name)
		var remaining *contentRemaining
		switch {
		case err == nil:
			c.queue.Forget(name)
		case ctx.Err() != nil:
		case errors.As(err, &remaining):
			c.queue.Forget(name)
			c.queue.AddAfter(name, remaining.after)
		default:
			c.log.Info("namespace deletion will be retried", "namespace", name, "err", err)
			c.queue.AddRateLimited(name)
		}
		c.queue.Done(name)
	}
}

// sync processes one namespace: when it is terminating and still carries
// the kubernetes finalizer, delete its content, and once nothing is left,
// remove the finalizer. It is idempotent.
func (c *Controller) sync(ctx context.Context, name string) error {
	nss := client.For[*apiobj.Namespace](c.cfg.Client)
	ns, err := nss.Get(ctx, name)
	if errdefs.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if ns.DeletionTimestamp == nil || !slices.Contains(ns.Spec.Finalizers, apiobj.FinalizerKubernetes) {
		return nil
	}
	estimate, err := c.deleteContent(ctx, ns)
	if err != nil {
		return err
	}
	if estimate > 0 {
		return &contentRemaining{after: estimate}
	}
	return c.finalize(ctx, ns)
}

// finalize removes the kubernetes finalizer through namespaces/finalize;
// the API server deletes the namespace once no finalizer is left.
func (c *Controller) finalize(ctx context.Context, ns *apiobj.Namespace) error {
	nss := client.For[*apiobj.Namespace](c.cfg.Client)
	for range 5 {
		out := ns.DeepCopy()
		out.Spec.Finalizers = slices.DeleteFunc(out.Spec.Finalizers, func(f apiobj.FinalizerName) bool { return f == apiobj.FinalizerKubernetes })
		out.SetGroupVersionKind(apiobj.CoreV1.WithKind("Namespace"))
		body, err := c.cfg.Client.Codec().Encode(out)
		if err != nil {
			return err
		}
		resp, err := c.cfg.Client.Do(ctx, client.Request{Method: http.MethodPut,
			Path: "/api/v1/namespaces/" + ns.Name + "/finalize", Body: body, ContentType: "application/json"})
		if err == nil {
			_ = resp.Body.Close()
			c.log.Info("namespace emptied and finalized", "namespace", ns.Name)
			return nil
		}
		if errdefs.IsNotFound(err) {
			return nil
		}
		if !errdefs.IsConflict(err) {
			return err
		}
		if ns, err = nss.Get(ctx, ns.Name); err != nil {
			return client.IgnoreNotFound(err)
		}
		if !slices.Contains(ns.Spec.Finalizers, apiobj.FinalizerKubernetes) {
			return nil
		}
	}
	return fmt.Errorf("namespace: finalizing %s: too many conflicts", ns.Name)
}
