package nodeipam

import (
	"net/netip"
	"testing"
)

// FuzzCIDRSetRoundTrip checks that every subnet index maps to a subnet of
// the cluster CIDR with the node mask, and back to the same index.
func FuzzCIDRSetRoundTrip(f *testing.F) {
	f.Add("10.244.0.0/16", 24, 37)
	f.Add("10.0.0.0/8", 24, 65535)
	f.Add("fd00::/48", 64, 4660)
	f.Add("192.168.1.0/24", 32, 255)
	f.Fuzz(func(t *testing.T, cluster string, mask, i int) {
		p, err := netip.ParsePrefix(cluster)
		if err != nil {
			return
		}
		s, err := newCIDRSet(p, mask)
		if err != nil {
			return
		}
		if i < 0 {
			i = -(i + 1)
		}
		i %= s.count
		sub := s.subnet(i)
		if sub.Bits() != mask || !s.cluster.Contains(sub.Addr()) || sub != sub.Masked() {
			t.Fatalf("subnet %d of %s/%d is %s", i, s.cluster, mask, sub)
		}
		got, ok := s.index(sub)
		if !ok || got != i {
			t.Fatalf("index(%s) = %d, %v; want %d", sub, got, ok, i)
		}
	})
}
