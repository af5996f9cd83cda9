package embedetcd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// Cluster is a set of embedded etcd members that form one etcd cluster, for
// tests of failover. Each member has a relay in front of its client port, so
// Stop behaves like a crash to clients. All methods are safe for concurrent
// use.
type Cluster struct {
	members []*Server

	mu      sync.Mutex // guards the fields below
	clients []*clientv3.Client
	closed  bool
}

// StartCluster starts an n-member cluster under cfg.Dir, one member in each of
// the subdirectories m0, m1, ..., and returns once every member serves
// clients. cfg.Dir must not hold a cluster already. cfg.Name and cfg.Relay
// are ignored: members are named m0, m1, ... and always have a relay.
func StartCluster(ctx context.Context, n int, cfg Config) (*Cluster, error) {
	if n < 1 {
		return nil, fmt.Errorf("embedetcd: cluster size %d, want at least 1", n)
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	parent := cfg.Dir
	for i := range n {
		if _, err := os.Stat(filepath.Join(parent, memberName(i))); err == nil {
			return nil, fmt.Errorf("embedetcd: %s already holds a cluster member", parent)
		}
	}
	c, err := launchCluster(n, cfg)
	if err != nil {
		return nil, err
	}
	if err := c.waitReady(ctx); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// launchCluster starts every member without waiting for a quorum. On error
// it removes what it started, data directories included.
func launchCluster(n int, cfg Config) (*Cluster, error) {
	token := newClusterToken()
	c := &Cluster{}
	var initial []string
	for i := range n {
		mcfg := cfg
		mcfg.Name = memberName(i)
		mcfg.Dir = filepath.Join(cfg.Dir, mcfg.Name)
		mcfg.Relay = true
		s, err := newServer(mcfg, 0, 0)
		if err != nil {
			c.discard()
			return nil, err
		}
		s.clusterToken = token
		c.members = append(c.members, s)
		initial = append(initial, mcfg.Name+"="+s.peerURL.String())
	}
	for _, s := range c.members {
		s.initialCluster = strings.Join(initial, ",")
		if err := os.MkdirAll(s.cfg.Dir, 0o700); err != nil {
			c.discard()
			return nil, fmt.Errorf("embedetcd: %w", err)
		}
		if err := s.launch(); err != nil {
			c.discard()
			return nil, err
		}
	}
	return c, nil
}

// discard closes a cluster that never became ready and removes its data.
func (c *Cluster) discard() {
	for _, s := range c.members {
		s.close(true)
		os.RemoveAll(s.cfg.Dir)
	}
}

func (c *Cluster) waitReady(ctx context.Context) error {
	errs := make([]error, len(c.members))
	var wg sync.WaitGroup
	for i, s := range c.members {
		wg.Go(func() { errs[i] = s.waitReady(ctx) })
	}
	wg.Wait()
	return errors.Join(errs...)
}

func memberName(i int) string { return "m" + strconv.Itoa(i) }

// Size returns the number of members.
func (c *Cluster) Size() int { return len(c.members) }

// Member returns member i, counted from 0.
func (c *Cluster) Member(i int) *Server { return c.members[i] }

// Members returns every member, in order.
func (c *Cluster) Members() []*Server { return append([]*Server(nil), c.members...) }

// Leader returns the index of the member that is raft leader, or -1 when no
// running member is.
func (c *Cluster) Leader() int {
	for i, s := range c.members {
		if s.IsLeader() {
			return i
		}
	}
	return -1
}

// Endpoints returns the client URLs of every member, stopped ones included.
func (c *Cluster) Endpoints() []string {
	var eps []string
	for _, s := range c.members {
		eps = append(eps, s.Endpoints()...)
	}
	return eps
}

// NewClient returns a client of every member, with a quiet logger. The
// Cluster closes it in Close; the caller may close it sooner.
func (c *Cluster) NewClient() (*clientv3.Client, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return nil, ErrClosed
	}
	cl, err := newClient(c.Endpoints())
	if err != nil {
		return nil, err
	}
	c.clients = append(c.clients, cl)
	return cl, nil
}

// Close closes the clients made by NewClient and then stops every member at
// once, without leadership transfers. The data directories stay. Close is
// idempotent.
func (c *Cluster) Close() {
	c.mu.Lock()
	clients := c.clients
	c.clients, c.closed = nil, true
	c.mu.Unlock()
	for _, cl := range clients {
		cl.Close()
	}
	var wg sync.WaitGroup
	for _, s := range c.members {
		wg.Go(func() { s.close(true) })
	}
	wg.Wait()
}
