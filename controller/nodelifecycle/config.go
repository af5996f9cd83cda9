package nodelifecycle

import (
	"errors"
	"log/slog"
	"time"

	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/clock"
)

// Defaults, as kube-controller-manager's flags have them.
const (
	// DefaultGracePeriod is --node-monitor-grace-period.
	DefaultGracePeriod = 40 * time.Second
	// DefaultMonitorPeriod is --node-monitor-period.
	DefaultMonitorPeriod = 5 * time.Second
	// DefaultEvictionRate is --node-eviction-rate: nodes per second that
	// may newly get a NoExecute taint.
	DefaultEvictionRate = 0.1
	// DefaultTolerationSeconds is what the DefaultTolerationSeconds
	// admission plugin gives pods for not-ready and unreachable.
	DefaultTolerationSeconds = 300
	// LeaseNamespace holds the nodes' heartbeat Leases, one per node and
	// named after it.
	LeaseNamespace = "kube-node-lease"
)

// Config configures a Controller. Zero values are the documented defaults.
type Config struct {
	// Client reaches the API server. Required. The controller needs list
	// on nodes, leases and pods; update on nodes and their status; update
	// status on pods and delete on pods.
	Client *client.Client
	// Clock drives the monitor period, the grace period, the eviction
	// bucket and tolerationSeconds; default the real clock.
	Clock clock.Clock
	// GracePeriod is how long a node may go without renewing its Lease
	// (or posting status) before its conditions become Unknown; default
	// 40 s.
	GracePeriod time.Duration
	// MonitorPeriod is how often every node is checked; default 5 s.
	MonitorPeriod time.Duration
	// EvictionRate is how many nodes per second may newly be tainted
	// NoExecute (which evicts their pods); default 0.1. Negative means no
	// limit.
	EvictionRate float64
	// EvictionBurst is the bucket's size; default 1.
	EvictionBurst int
	// Logger; nil discards.
	Logger *slog.Logger
}

// Validate reports a config that cannot work.
func (c *Config) Validate() error {
	if c.Client == nil {
		return errors.New("nodelifecycle: Config.Client is required")
	}
	if c.GracePeriod < 0 || c.MonitorPeriod < 0 || c.EvictionBurst < 0 {
		return errors.New("nodelifecycle: GracePeriod, MonitorPeriod and EvictionBurst must not be negative")
	}
	return nil
}

func (c Config) withDefaults() Config {
	c.Clock = clock.OrReal(c.Clock)
	if c.GracePeriod == 0 {
		c.GracePeriod = DefaultGracePeriod
	}
	if c.MonitorPeriod == 0 {
		c.MonitorPeriod = DefaultMonitorPeriod
	}
	if c.EvictionRate == 0 {
		c.EvictionRate = DefaultEvictionRate
	}
	if c.EvictionBurst == 0 {
		c.EvictionBurst = 1
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// bucket is a token bucket read on a clock.Clock. It is used by the
// monitor goroutine only.
type bucket struct {
	rate   float64 // tokens per second; negative means unlimited
	burst  float64
	tokens float64
	last   time.Time
}

func newBucket(rate float64, burst int, now time.Time) *bucket {
	return &bucket{rate: rate, burst: float64(burst), tokens: float64(burst), last: now}
}

// take takes a token if one is there at now.
func (b *bucket) take(now time.Time) bool {
	if b.rate < 0 {
		return true
	}
	if now.After(b.last) {
		b.tokens = min(b.burst, b.tokens+now.Sub(b.last).Seconds()*b.rate)
		b.last = now
	}
	if b.tokens >= 1 {
		b.tokens--
		return true
	}
	return false
}
