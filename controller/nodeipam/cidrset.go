package nodeipam

import (
	"errors"
	"fmt"
	"net/netip"
	"sync"
)

// errFull is returned when every subnet of a cluster CIDR is in use.
var errFull = errors.New("nodeipam: cluster CIDR is full")

// maxSubnetBits bounds how many node subnets one cluster CIDR is cut into
// (2^16), as Kubernetes does.
const maxSubnetBits = 16

// cidrSet hands out the node-sized subnets of one cluster CIDR.
type cidrSet struct {
	cluster  netip.Prefix
	nodeMask int
	count    int // number of subnets

	mu     sync.Mutex     // guards owner, byNode and next
	owner  map[int]string // subnet index -> node name
	byNode map[string]int // node name -> subnet index; the inverse of owner
	next   int            // where the next search starts
}

func newCIDRSet(cluster netip.Prefix, nodeMask int) (*cidrSet, error) {
	cluster = cluster.Masked()
	bits := cluster.Addr().BitLen()
	if nodeMask < cluster.Bits() || nodeMask > bits {
		return nil, fmt.Errorf("nodeipam: node mask /%d does not fit cluster CIDR %s", nodeMask, cluster)
	}
	if nodeMask-cluster.Bits() > maxSubnetBits {
		return nil, fmt.Errorf("nodeipam: node mask /%d cuts %s into more than 2^%d subnets", nodeMask, cluster, maxSubnetBits)
	}
	return &cidrSet{cluster: cluster, nodeMask: nodeMask, count: 1 << (nodeMask - cluster.Bits()),
		owner: map[int]string{}, byNode: map[string]int{}}, nil
}

// subnet returns the i-th subnet.
func (s *cidrSet) subnet(i int) netip.Prefix {
	a := s.cluster.Addr().As16()
	// As16 holds IPv4 in its last four bytes, so bit positions counted
	// from the least significant end are the same for both families.
	shift := s.cluster.Addr().BitLen() - s.nodeMask // bits below the index
	for b := 0; i>>b != 0; b++ {
		if i>>b&1 == 1 {
			pos := shift + b // from the least significant bit
			a[15-pos/8] |= 1 << (pos % 8)
		}
	}
	addr := netip.AddrFrom16(a)
	if s.cluster.Addr().Is4() {
		addr = addr.Unmap()
	}
	return netip.PrefixFrom(addr, s.nodeMask)
}

// index returns the index of p in s, or false when p is not one of its
// subnets.
func (s *cidrSet) index(p netip.Prefix) (int, bool) {
	if p.Bits() != s.nodeMask || p.Addr().Is4() != s.cluster.Addr().Is4() || !s.cluster.Contains(p.Addr()) {
		return 0, false
	}
	a := p.Masked().Addr().As16()
	shift := s.cluster.Addr().BitLen() - s.nodeMask
	i := 0
	for b := 0; b < s.nodeMask-s.cluster.Bits(); b++ {
		pos := shift + b
		if a[15-pos/8]>>(pos%8)&1 == 1 {
			i |= 1 << b
		}
	}
	return i, true
}

// allocate takes a free subnet for node. A node that already owns one gets
// it back.
func (s *cidrSet) allocate(node string) (netip.Prefix, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if i, ok := s.byNode[node]; ok {
		return s.subnet(i), nil
	}
	for k := range s.count {
		i := (s.next + k) % s.count
		if _, used := s.owner[i]; !used {
			s.owner[i], s.byNode[node] = node, i
			s.next = (i + 1) % s.count
			return s.subnet(i), nil
		}
	}
	return netip.Prefix{}, errFull
}

// occupy records p as node's. It reports false when p is outside the set
// or another node holds it.
func (s *cidrSet) occupy(p netip.Prefix, node string) bool {
	i, ok := s.index(p)
	if !ok {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if o, used := s.owner[i]; used {
		return o == node
	}
	if old, ok := s.byNode[node]; ok {
		delete(s.owner, old) // the node now holds another subnet of this set
	}
	s.owner[i], s.byNode[node] = node, i
	return true
}

// release frees p if node holds it.
func (s *cidrSet) release(p netip.Prefix, node string) {
	i, ok := s.index(p)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if o, used := s.owner[i]; used && o == node {
		delete(s.owner, i)
		delete(s.byNode, node)
	}
}

// used returns how many subnets are held.
func (s *cidrSet) used() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.owner)
}
