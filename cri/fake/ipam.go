package fake

import (
	"fmt"
	"net/netip"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// ipam hands out sandbox IPs from one prefix, round robin, so a released IP
// is not reused at once. Guarded by Runtime.mu.
type ipam struct {
	prefix netip.Prefix
	first  netip.Addr // first assignable: network address + 2
	last   netip.Addr // last assignable
	next   netip.Addr
	span   int // how many candidates a full scan visits, at most 1<<24
	used   map[netip.Addr]struct{}
}

// parseCIDR parses a pod CIDR with room for at least two pod IPs.
func parseCIDR(s string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	p = p.Masked()
	if p.Addr().BitLen()-p.Bits() < 2 {
		return netip.Prefix{}, fmt.Errorf("%s is too small for pod IPs", s)
	}
	return p, nil
}

func (a *ipam) setPrefix(p netip.Prefix) {
	a.prefix = p
	a.first = p.Addr().Next().Next() // skip the network address and the gateway
	hostBits := p.Addr().BitLen() - p.Bits()
	last := p.Addr().AsSlice()
	for i := range hostBits {
		last[len(last)-1-i/8] |= 1 << (i % 8)
	}
	a.last, _ = netip.AddrFromSlice(last)
	if p.Addr().Is4() {
		a.last = a.last.Prev() // the broadcast address
	}
	a.span = 1 << 24
	if hostBits < 24 {
		a.span = 1 << hostBits
	}
	a.next = a.first
	if a.used == nil {
		a.used = map[netip.Addr]struct{}{}
	}
}

func (a *ipam) alloc() (netip.Addr, error) {
	ip := a.next
	for range a.span {
		if ip.Compare(a.first) < 0 || ip.Compare(a.last) > 0 || !ip.IsValid() {
			ip = a.first
		}
		if _, taken := a.used[ip]; !taken {
			a.used[ip] = struct{}{}
			a.next = ip.Next()
			return ip, nil
		}
		ip = ip.Next()
	}
	return netip.Addr{}, status.Errorf(codes.ResourceExhausted, "no free IP left in pod CIDR %s", a.prefix)
}

func (a *ipam) release(ip netip.Addr) { delete(a.used, ip) }
