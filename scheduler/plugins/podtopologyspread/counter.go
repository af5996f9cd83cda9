package podtopologyspread

import (
	"context"
	"sync"

	"github.com/orcaproj/orca/scheduler/framework"
)

// contribution is what one node adds to a constraint's domain counts.
type contribution struct {
	eligible bool
	value    string // the node's topology value
	count    int32  // matching pods on the node
}

// nodeEntry caches one node's contribution, valid while the node's
// NodeInfo pointer and generation are unchanged.
type nodeEntry struct {
	ni     *framework.NodeInfo
	gen    int64
	domain int32 // -1: not eligible
	count  int32
}

// counter keeps per-domain counts of one constraint (as counted for one
// kind of pod) across cycles, so that a cycle recounts only the nodes that
// changed since the last one. Snapshot NodeInfos change generation on
// every modification, which is what the counter checks.
type counter struct {
	nodes []nodeEntry // aligned with the snapshot's node list
	// domains maps a topology value to its id. It is replaced, never
	// modified, when a domain appears, so a state may keep it.
	domains map[string]int32
	values  []string // by id
	counts  []int64  // by id: matching pods over eligible nodes
	members []int32  // by id: eligible nodes
	lastUse uint64
}

func newCounter() *counter { return &counter{domains: map[string]int32{}} }

func (c *counter) domainID(v string) int32 {
	if id, ok := c.domains[v]; ok {
		return id
	}
	m := make(map[string]int32, len(c.domains)+1)
	for k, id := range c.domains {
		m[k] = id
	}
	id := int32(len(c.values))
	m[v] = id
	c.domains = m
	c.values = append(c.values, v)
	c.counts = append(c.counts, 0)
	c.members = append(c.members, 0)
	return id
}

func (c *counter) set(e *nodeEntry, ni *framework.NodeInfo, k contribution) {
	if e.domain >= 0 {
		c.counts[e.domain] -= int64(e.count)
		c.members[e.domain]--
	}
	e.ni, e.domain, e.count = ni, -1, 0
	if ni != nil {
		e.gen = ni.Generation
	}
	if k.eligible {
		id := c.domainID(k.value)
		e.domain, e.count = id, k.count
		c.counts[id] += int64(k.count)
		c.members[id]++
	}
}

// refresh brings the counts up to date with nodes, computing the
// contribution of every node that changed with fn (in parallel when many
// did).
func (c *counter) refresh(ctx context.Context, par framework.Parallelizer, nodes []*framework.NodeInfo, fn func(*framework.NodeInfo) contribution) {
	for i := len(nodes); i < len(c.nodes); i++ {
		c.set(&c.nodes[i], nil, contribution{})
	}
	if len(c.nodes) > len(nodes) {
		c.nodes = c.nodes[:len(nodes)]
	}
	for len(c.nodes) < len(nodes) {
		c.nodes = append(c.nodes, nodeEntry{domain: -1})
	}
	var changed []int
	for i, ni := range nodes {
		if e := &c.nodes[i]; e.ni != ni || e.gen != ni.Generation {
			changed = append(changed, i)
		}
	}
	if len(changed) < 256 {
		for _, i := range changed {
			c.set(&c.nodes[i], nodes[i], fn(nodes[i]))
		}
		return
	}
	ks := make([]contribution, len(changed))
	par.Until(ctx, len(changed), func(j int) { ks[j] = fn(nodes[changed[j]]) })
	if ctx.Err() != nil {
		// Pieces were skipped; forget them so the next cycle recounts.
		for _, i := range changed {
			c.set(&c.nodes[i], nil, contribution{})
		}
		return
	}
	for j, i := range changed {
		c.set(&c.nodes[i], nodes[i], ks[j])
	}
}

// counters is a small LRU of counters by key.
type counters struct {
	mu   sync.Mutex
	m    map[string]*counter
	tick uint64
}

const maxCounters = 32

// get returns the counter for key, creating it (and evicting the least
// recently used one) if needed. The caller holds c.mu.
func (c *counters) get(key string) *counter {
	c.tick++
	if e, ok := c.m[key]; ok {
		e.lastUse = c.tick
		return e
	}
	if c.m == nil {
		c.m = map[string]*counter{}
	}
	if len(c.m) >= maxCounters {
		var oldest string
		var at uint64 = ^uint64(0)
		for k, e := range c.m {
			if e.lastUse < at {
				oldest, at = k, e.lastUse
			}
		}
		delete(c.m, oldest)
	}
	e := newCounter()
	e.lastUse = c.tick
	c.m[key] = e
	return e
}
