package serviceaccount

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/workqueue"
	"github.com/orcaproj/orca/errdefs"
)

// DefaultName is the name of the account every namespace gets.
const DefaultName = "default"

// Config configures a Controller. Zero values are the documented defaults.
type Config struct {
	// Client reaches the API server. Required. The controller needs list
	// and watch on namespaces and serviceaccounts, and create on
	// serviceaccounts.
	Client *client.Client
	// Workers is how many namespaces are processed at once; default 1.
	Workers int
	// ServiceAccounts are the names ensured in every namespace; nil means
	// just DefaultName.
	ServiceAccounts []string
	// Resync is how often every namespace is looked at again; default
	// 5 minutes.
	Resync time.Duration
	// Registerer, when set, receives the work queue's metrics (named
	// serviceaccount).
	Registerer prometheus.Registerer
	// Logger; nil discards.
	Logger *slog.Logger
}

// Validate reports a config that cannot work.
func (c *Config) Validate() error {
	if c.Client == nil {
		return errors.New("serviceaccount: Config.Client is required")
	}
	if c.Workers < 0 || c.Resync < 0 {
		return errors.New("serviceaccount: Workers and Resync must not be negative")
	}
	for _, n := range c.ServiceAccounts {
		if n == "" {
			return errors.New("serviceaccount: empty name in ServiceAccounts")
		}
	}
	return nil
}

func (c Config) withDefaults() Config {
	if c.Workers == 0 {
		c.Workers = 1
	}
	if c.ServiceAccounts == nil {
		c.ServiceAccounts = []string{DefaultName}
	}
	if c.Resync == 0 {
		c.Resync = 5 * time.Minute
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// Controller ensures the configured ServiceAccounts in every namespace.
// Create it with New and start it with Run.
type Controller struct {
	cfg     Config
	started atomic.Bool
}

// New returns a controller for cfg. It does nothing until Run.
func New(cfg Config) (*Controller, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &Controller{cfg: cfg.withDefaults()}, nil
}

// Run watches namespaces and service accounts and creates missing accounts
// with Workers goroutines. It blocks until ctx is done and returns after
// its goroutines have stopped. A controller runs once.
func (c *Controller) Run(ctx context.Context) error {
	if !c.started.CompareAndSwap(false, true) {
		return errors.New("serviceaccount: already started")
	}
	qc := workqueue.Config[string]{}
	if c.cfg.Registerer != nil {
		qc.Name, qc.Registerer = "serviceaccount", c.cfg.Registerer
	}
	queue := workqueue.New(qc)

	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel()
		queue.ShutDown()
		wg.Wait()
	}()

	nsInf := client.NewInformer(client.For[*apiobj.Namespace](c.cfg.Client),
		client.InformerOptions[*apiobj.Namespace]{Resync: c.cfg.Resync})
	saInf := client.NewInformer(client.For[*apiobj.ServiceAccount](c.cfg.Client),
		client.InformerOptions[*apiobj.ServiceAccount]{})
	nsInf.AddHandler(client.HandlerFuncs[*apiobj.Namespace]{
		AddFunc:    func(ns *apiobj.Namespace, _ bool) { queue.Add(ns.Name) },
		UpdateFunc: func(_, ns *apiobj.Namespace) { queue.Add(ns.Name) },
	})
	saInf.AddHandler(client.HandlerFuncs[*apiobj.ServiceAccount]{
		DeleteFunc: func(sa *apiobj.ServiceAccount, _ bool) { queue.Add(sa.Namespace) },
	})
	for _, run := range []func(context.Context) error{nsInf.Run, saInf.Run} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = run(ctx)
		}()
	}
	if !nsInf.WaitForCacheSync(ctx) || !saInf.WaitForCacheSync(ctx) {
		return nil // ctx done
	}
	s := &syncer{cfg: c.cfg, namespaces: nsInf.Lister(), accounts: saInf.Lister()}
	for range c.cfg.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				ns, shutdown := queue.Get()
				if shutdown {
					return
				}
				if err := s.sync(ctx, ns); err != nil && ctx.Err() == nil {
					c.cfg.Logger.Info("ensuring service accounts will be retried", "namespace", ns, "err", err)
					queue.AddRateLimited(ns)
				} else {
					queue.Forget(ns)
				}
				queue.Done(ns)
			}
		}()
	}
	<-ctx.Done()
	return nil
}

// syncer does the work for one namespace; it is safe for concurrent use.
type syncer struct {
	cfg        Config
	namespaces *client.Lister[*apiobj.Namespace]
	accounts   *client.Lister[*apiobj.ServiceAccount]
}

// sync creates the accounts missing from namespace ns, unless ns is gone
// or terminating. It is idempotent.
func (s *syncer) sync(ctx context.Context, name string) error {
	ns, err := s.namespaces.Get(name)
	if errdefs.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if terminating(ns) {
		return nil
	}
	sas := client.For[*apiobj.ServiceAccount](s.cfg.Client).Namespace(name)
	var errs []error
	for _, sa := range s.cfg.ServiceAccounts {
		if _, err := s.accounts.Namespace(name).Get(sa); err == nil {
			continue
		}
		_, err := sas.Create(ctx, &apiobj.ServiceAccount{ObjectMeta: apiobj.ObjectMeta{Name: sa, Namespace: name}})
		switch {
		case err == nil:
			s.cfg.Logger.Info("created service account", "namespace", name, "name", sa)
		case errdefs.IsAlreadyExists(err):
		case errors.Is(err, errdefs.ErrForbidden) || errdefs.IsNotFound(err):
			// The namespace started terminating or went meanwhile: its
			// update event brings it back if that matters.
		default:
			errs = append(errs, fmt.Errorf("creating %s/%s: %w", name, sa, err))
		}
	}
	return errors.Join(errs...)
}

func terminating(ns *apiobj.Namespace) bool {
	return ns.DeletionTimestamp != nil || ns.Status.Phase == apiobj.NamespaceTerminating
}
