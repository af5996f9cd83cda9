package nodeipam

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"sync"
	"sync/atomic"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/workqueue"
	"github.com/orcaproj/orca/errdefs"
)

// Config configures a Controller. Zero values are the documented defaults.
type Config struct {
	// Client reaches the API server. Required. The controller needs get,
	// list, watch and update on nodes.
	Client *client.Client
	// ClusterCIDRs are the pod ranges, at most one per IP family; default
	// ["10.244.0.0/16"]. With two (dual stack) every node gets one subnet
	// of each, the first family's first.
	ClusterCIDRs []string
	// NodeMaskSizeIPv4 is the prefix length of an IPv4 node subnet;
	// default 24.
	NodeMaskSizeIPv4 int
	// NodeMaskSizeIPv6 is the prefix length of an IPv6 node subnet;
	// default 64.
	NodeMaskSizeIPv6 int
	// Logger; nil discards.
	Logger *slog.Logger
}

// Validate reports a config that cannot work.
func (c *Config) Validate() error {
	if c.Client == nil {
		return errors.New("nodeipam: Config.Client is required")
	}
	_, err := c.withDefaults().sets()
	return err
}

func (c Config) withDefaults() Config {
	if len(c.ClusterCIDRs) == 0 {
		c.ClusterCIDRs = []string{"10.244.0.0/16"}
	}
	if c.NodeMaskSizeIPv4 == 0 {
		c.NodeMaskSizeIPv4 = 24
	}
	if c.NodeMaskSizeIPv6 == 0 {
		c.NodeMaskSizeIPv6 = 64
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

func (c Config) sets() ([]*cidrSet, error) {
	if len(c.ClusterCIDRs) > 2 {
		return nil, errors.New("nodeipam: at most two cluster CIDRs, one per IP family")
	}
	var out []*cidrSet
	for _, s := range c.ClusterCIDRs {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return nil, fmt.Errorf("nodeipam: cluster CIDR %q: %w", s, err)
		}
		mask := c.NodeMaskSizeIPv4
		if p.Addr().Is6() {
			mask = c.NodeMaskSizeIPv6
		}
		if len(out) == 1 && out[0].cluster.Addr().Is4() == p.Addr().Is4() {
			return nil, errors.New("nodeipam: two cluster CIDRs must be of different IP families")
		}
		set, err := newCIDRSet(p, mask)
		if err != nil {
			return nil, err
		}
		out = append(out, set)
	}
	return out, nil
}

// Controller assigns pod CIDRs to nodes. Create it with New and start it
// with Run.
type Controller struct {
	cfg     Config
	log     *slog.Logger
	sets    []*cidrSet
	started atomic.Bool
}

// New returns a controller for cfg. It does nothing until Run.
func New(cfg Config) (*Controller, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	sets, err := cfg.sets()
	if err != nil {
		return nil, err
	}
	return &Controller{cfg: cfg, log: cfg.Logger, sets: sets}, nil
}

// Run watches nodes. Once its cache has synced it marks every CIDR that
// existing nodes hold as used, then gives each node without one a subnet
// of every cluster CIDR, and frees a node's subnets when the node is
// deleted. It blocks until ctx is done and returns after its goroutines
// have stopped. A controller runs once.
func (c *Controller) Run(ctx context.Context) error {
	if !c.started.CompareAndSwap(false, true) {
		return errors.New("nodeipam: already started")
	}
	queue := workqueue.New(workqueue.Config[string]{})
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel()
		queue.ShutDown()
		wg.Wait()
	}()
	nodes := client.For[*apiobj.Node](c.cfg.Client)
	inf := client.NewInformer(nodes, client.InformerOptions[*apiobj.Node]{})
	lister := inf.Lister()
	inf.AddHandler(client.HandlerFuncs[*apiobj.Node]{
		AddFunc: func(n *apiobj.Node, _ bool) { queue.Add(n.Name) },
		UpdateFunc: func(old, n *apiobj.Node) {
			if len(n.Spec.PodCIDRs) == 0 || len(old.Spec.PodCIDRs) != len(n.Spec.PodCIDRs) {
				queue.Add(n.Name)
			}
		},
		DeleteFunc: func(n *apiobj.Node, _ bool) {
			c.release(n)
			// Nodes that found the range full get another try at once
			// rather than after their backoff.
			for _, w := range lister.List(nil) {
				if len(podCIDRs(w)) == 0 {
					queue.Add(w.Name)
				}
			}
		},
	})
	wg.Go(func() { _ = inf.Run(ctx) })
	if !inf.WaitForCacheSync(ctx) {
		return nil
	}
	for _, n := range lister.List(nil) {
		c.occupy(n)
	}
	wg.Go(func() {
		for {
			name, shutdown := queue.Get()
			if shutdown {
				return
			}
			if err := c.sync(ctx, name); err != nil && ctx.Err() == nil {
				c.log.Info("pod CIDR allocation will be retried", "node", name, "err", err)
				queue.AddRateLimited(name)
			} else {
				queue.Forget(name)
			}
			queue.Done(name)
		}
	})
	<-ctx.Done()
	return nil
}

// occupy marks the CIDRs n holds as n's.
func (c *Controller) occupy(n *apiobj.Node) {
	for _, s := range podCIDRs(n) {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			c.log.Info("node has an unparsable pod CIDR", "node", n.Name, "cidr", s)
			continue
		}
		taken := false
		for _, set := range c.sets {
			if set.occupy(p, n.Name) {
				taken = true
			}
		}
		if !taken {
			c.log.Info("node's pod CIDR is outside the cluster CIDRs or held by another node", "node", n.Name, "cidr", s)
		}
	}
}

// release frees the CIDRs n held.
func (c *Controller) release(n *apiobj.Node) {
	for _, s := range podCIDRs(n) {
		if p, err := netip.ParsePrefix(s); err == nil {
			for _, set := range c.sets {
				set.release(p, n.Name)
			}
		}
	}
}

func podCIDRs(n *apiobj.Node) []string {
	if len(n.Spec.PodCIDRs) > 0 {
		return n.Spec.PodCIDRs
	}
	if n.Spec.PodCIDR != "" {
		return []string{n.Spec.PodCIDR}
	}
	return nil
}

// sync gives node name its subnets if it has none. It is idempotent: a
// node that already has pod CIDRs only has them recorded.
func (c *Controller) sync(ctx context.Context, name string) error {
	nodes := client.For[*apiobj.Node](c.cfg.Client)
	for range 5 {
		n, err := nodes.Get(ctx, name)
		if errdefs.IsNotFound(err) {
			return nil
		}
		if err != nil {
			return err
		}
		if len(podCIDRs(n)) > 0 {
			c.occupy(n)
			return nil
		}
		var cidrs []string
		var got []netip.Prefix
		for _, set := range c.sets {
			p, err := set.allocate(name)
			if err != nil {
				c.releasePrefixes(got, name)
				return fmt.Errorf("node %s: %w", name, err)
			}
			got = append(got, p)
			cidrs = append(cidrs, p.String())
		}
		out := n.DeepCopy()
		out.Spec.PodCIDR, out.Spec.PodCIDRs = cidrs[0], cidrs
		_, err = nodes.Update(ctx, out)
		if err == nil {
			c.log.Info("assigned pod CIDRs", "node", name, "cidrs", cidrs)
			return nil
		}
		c.releasePrefixes(got, name)
		if !errdefs.IsConflict(err) {
			return client.IgnoreNotFound(err)
		}
	}
	return fmt.Errorf("nodeipam: node %s: too many conflicts", name)
}

func (c *Controller) releasePrefixes(ps []netip.Prefix, node string) {
	for _, p := range ps {
		for _, set := range c.sets {
			set.release(p, node)
		}
	}
}
