package garbagecollector

import (
	"errors"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
)

// Config configures a GarbageCollector. Zero values are the documented
// defaults.
type Config struct {
	// Client reaches the API server. Required. The collector reads
	// metadata only (client.MetadataOnly) and needs get, list, watch,
	// patch and delete on every resource.
	Client *client.Client
	// Scheme maps an owner reference's apiVersion and kind to a resource
	// when the server's discovery documents do not list it; default the
	// Client's scheme. Discovery always decides what is watched.
	Scheme *apiobj.Scheme
	// Workers is how many goroutines process deletions, and how many
	// process orphaning; default 20 (kube-controller-manager's
	// --concurrent-gc-syncs).
	Workers int
	// IgnoredResources are never watched, so their objects are never
	// collected (they can still own others, checked by live lookups).
	// Nil means core and events.k8s.io events, as Kubernetes ignores them;
	// an empty non-nil slice ignores nothing.
	IgnoredResources []apiobj.GroupResource
	// DiscoveryInterval is how often the resources are discovered again to
	// pick up new and removed kinds; default 30 s. A new or deleted
	// CustomResourceDefinition triggers discovery at once.
	DiscoveryInterval time.Duration
	// MaxRetryDelay caps the per-item exponential backoff (from 5 ms) of
	// failed or waiting items; default 1000 s, as Kubernetes.
	MaxRetryDelay time.Duration
	// Registerer, when set, receives the work queues' metrics (named
	// garbagecollector_attempt_to_delete and garbagecollector_attempt_to_orphan).
	Registerer prometheus.Registerer
	// Logger; nil discards.
	Logger *slog.Logger
}

// Validate reports a config that cannot work.
func (c *Config) Validate() error {
	if c.Client == nil {
		return errors.New("garbagecollector: Config.Client is required")
	}
	if c.Workers < 0 {
		return errors.New("garbagecollector: Config.Workers must not be negative")
	}
	if c.DiscoveryInterval < 0 || c.MaxRetryDelay < 0 {
		return errors.New("garbagecollector: durations must not be negative")
	}
	return nil
}

func (c Config) withDefaults() Config {
	if c.Scheme == nil {
		c.Scheme = c.Client.Scheme()
	}
	if c.Workers == 0 {
		c.Workers = 20
	}
	if c.IgnoredResources == nil {
		c.IgnoredResources = []apiobj.GroupResource{{Resource: "events"}, {Group: "events.k8s.io", Resource: "events"}}
	}
	if c.DiscoveryInterval == 0 {
		c.DiscoveryInterval = 30 * time.Second
	}
	if c.MaxRetryDelay == 0 {
		c.MaxRetryDelay = 1000 * time.Second
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}
