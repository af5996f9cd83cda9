package ttlafterfinished

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/clock"
	"github.com/orcaproj/orca/controller/workqueue"
	"github.com/orcaproj/orca/errdefs"
)

// Config configures a Controller. Zero values are the documented defaults.
type Config struct {
	// Client reaches the API server. Required.
	Client *client.Client
	// Clock decides when a Job's TTL has passed; nil means the real clock.
	Clock clock.Clock
	// Workers is how many Jobs are looked at at once; default 5.
	Workers int
	// Logger; nil discards.
	Logger *slog.Logger
}

// Validate reports a config that cannot work.
func (c *Config) Validate() error {
	if c.Client == nil {
		return errors.New("ttlafterfinished: Config.Client is required")
	}
	if c.Workers < 0 {
		return errors.New("ttlafterfinished: Workers must not be negative")
	}
	return nil
}

// Controller deletes finished Jobs once their TTL has passed. Create it
// with New and start it with Run.
type Controller struct {
	cfg     Config
	clock   clock.Clock
	jobs    *client.Lister[*apiobj.Job] // set by Run
	queue   workqueue.RateLimiting[string]
	started atomic.Bool
}

// New returns a controller for cfg. It does nothing until Run.
func New(cfg Config) (*Controller, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Workers == 0 {
		cfg.Workers = 5
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return &Controller{cfg: cfg, clock: clock.OrReal(cfg.Clock)}, nil
}

// Run watches Jobs and deletes expired ones with Workers goroutines. It
// blocks until ctx is done and returns after its goroutines have stopped.
// A controller runs once.
func (c *Controller) Run(ctx context.Context) error {
	if !c.started.CompareAndSwap(false, true) {
		return errors.New("ttlafterfinished: already started")
	}
	c.queue = workqueue.New(workqueue.Config[string]{})
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel()
		c.queue.ShutDown()
		wg.Wait()
	}()
	inf := client.NewInformer(client.For[*apiobj.Job](c.cfg.Client), client.InformerOptions[*apiobj.Job]{})
	c.jobs = inf.Lister()
	enqueue := func(j *apiobj.Job) {
		if j.Spec.TTLSecondsAfterFinished != nil && j.DeletionTimestamp == nil {
			if _, ok := FinishTime(j); ok {
				c.queue.Add(client.Key(j))
			}
		}
	}
	inf.AddHandler(client.HandlerFuncs[*apiobj.Job]{
		AddFunc:    func(j *apiobj.Job, _ bool) { enqueue(j) },
		UpdateFunc: func(_, j *apiobj.Job) { enqueue(j) },
	})
	wg.Go(func() { _ = inf.Run(ctx) })
	if !inf.WaitForCacheSync(ctx) {
		return nil
	}
	for range c.cfg.Workers {
		wg.Go(func() {
			for {
				key, shutdown := c.queue.Get()
				if shutdown {
					return
				}
				err := c.sync(ctx, key)
				switch {
				case err == nil:
					c.queue.Forget(key)
				case ctx.Err() != nil:
				default:
					c.cfg.Logger.Info("ttl check will be retried", "job", key, "err", err)
					c.queue.AddRateLimited(key)
				}
				c.queue.Done(key)
			}
		})
	}
	<-ctx.Done()
	return nil
}

// FinishTime returns when j finished: the last transition of its Complete
// or Failed condition. ok is false while j runs.
func FinishTime(j *apiobj.Job) (t time.Time, ok bool) {
	for _, cd := range j.Status.Conditions {
		if (cd.Type == apiobj.JobComplete || cd.Type == apiobj.JobFailed) && cd.Status == apiobj.ConditionTrue {
			return cd.LastTransitionTime.Time, true
		}
	}
	return time.Time{}, false
}

// expiresIn returns how long until j's TTL passes; ok is false when j has
// no TTL or is not finished.
func (c *Controller) expiresIn(j *apiobj.Job) (d time.Duration, ok bool) {
	if j.Spec.TTLSecondsAfterFinished == nil || j.DeletionTimestamp != nil {
		return 0, false
	}
	fin, ok := FinishTime(j)
	if !ok {
		return 0, false
	}
	return fin.Add(time.Duration(*j.Spec.TTLSecondsAfterFinished) * time.Second).Sub(c.clock.Now()), true
}

// sync deletes the Job named by key when its TTL has passed, and otherwise
// looks again when it will have. It is idempotent.
func (c *Controller) sync(ctx context.Context, key string) error {
	ns, name := key, ""
	for i := range len(key) {
		if key[i] == '/' {
			ns, name = key[:i], key[i+1:]
			break
		}
	}
	cached, err := c.jobs.Namespace(ns).Get(name)
	if errdefs.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	d, ok := c.expiresIn(cached)
	if !ok {
		return nil
	}
	if d > 0 {
		c.clock.AfterFunc(d, func() { c.queue.Add(key) })
		return nil
	}
	// The cache may be stale (the TTL may have been changed): check the
	// live object, and delete exactly that version of it.
	jobs := client.For[*apiobj.Job](c.cfg.Client).Namespace(ns)
	fresh, err := jobs.Get(ctx, name)
	if err != nil {
		return client.IgnoreNotFound(err)
	}
	if d, ok = c.expiresIn(fresh); !ok {
		return nil
	}
	if d > 0 {
		c.clock.AfterFunc(d, func() { c.queue.Add(key) })
		return nil
	}
	err = jobs.Delete(ctx, name, client.DeleteOptions{PropagationPolicy: string(apiobj.DeletePropagationBackground),
		UID: fresh.UID, ResourceVersion: fresh.ResourceVersion})
	if errdefs.IsNotFound(err) {
		return nil
	}
	if err == nil {
		c.cfg.Logger.Info("deleted finished job after its TTL", "job", key)
	}
	return err
}
