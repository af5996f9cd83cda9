package registry

import (
	"context"
	"errors"
	"fmt"
	"net/netip"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/field"
)

var servicesGK = apiobj.GroupKind{Kind: "Service"}

func needsNodePorts(s *apiobj.Service) bool {
	switch s.Spec.Type {
	case apiobj.ServiceTypeNodePort:
		return true
	case apiobj.ServiceTypeLoadBalancer:
		return s.Spec.AllocateLoadBalancerNodePorts == nil || *s.Spec.AllocateLoadBalancerNodePorts
	}
	return false
}

func needsClusterIP(s *apiobj.Service) bool {
	return s.Spec.Type != apiobj.ServiceTypeExternalName && s.Spec.ClusterIP != "None"
}

func needsHealthCheckPort(s *apiobj.Service) bool {
	return s.Spec.Type == apiobj.ServiceTypeLoadBalancer && s.Spec.ExternalTrafficPolicy == apiobj.ServiceExternalTrafficPolicyLocal
}

// serviceAllocs is what one service holds in the allocators.
type serviceAllocs struct {
	ips   []uint32
	ports []uint32
}

func (r *Registry) allocsOf(s *apiobj.Service) serviceAllocs {
	var a serviceAllocs
	if needsClusterIP(s) {
		for _, ip := range clusterIPsOf(s) {
			if addr, err := netip.ParseAddr(ip); err == nil {
				if off, ok := r.ips.offset(addr); ok {
					a.ips = append(a.ips, off)
				}
			}
		}
	}
	seen := map[int32]bool{}
	for _, p := range s.Spec.Ports {
		if p.NodePort != 0 && !seen[p.NodePort] {
			seen[p.NodePort] = true
			a.ports = append(a.ports, uint32(p.NodePort))
		}
	}
	if s.Spec.HealthCheckNodePort != 0 && !seen[s.Spec.HealthCheckNodePort] {
		a.ports = append(a.ports, uint32(s.Spec.HealthCheckNodePort))
	}
	return a
}

func clusterIPsOf(s *apiobj.Service) []string {
	if len(s.Spec.ClusterIPs) > 0 {
		return s.Spec.ClusterIPs
	}
	if s.Spec.ClusterIP != "" {
		return []string{s.Spec.ClusterIP}
	}
	return nil
}

func (r *Registry) releaseAllocs(ctx context.Context, a serviceAllocs) {
	// Release is best effort: a leak wastes an address, a double hand-out
	// would break traffic, so errors here never fail the request.
	ctx = context.WithoutCancel(ctx)
	_ = r.ipAlloc.release(ctx, a.ips...)
	_ = r.portsAll.release(ctx, a.ports...)
}

// allocateOnCreate gives a new Service its clusterIP and node ports. The
// returned undo releases them if the create then fails.
func (r *Registry) allocateOnCreate(ctx context.Context, res *Resource, obj apiobj.Object) (func(), error) {
	s, ok := obj.(*apiobj.Service)
	if !ok {
		return nil, nil
	}
	var got serviceAllocs
	undo := func() { r.releaseAllocs(ctx, got) }
	if err := r.allocateServiceIP(ctx, s, &got); err != nil {
		undo()
		return nil, err
	}
	if err := r.allocateNodePorts(ctx, s, nil, &got); err != nil {
		undo()
		return nil, err
	}
	return undo, nil
}

func (r *Registry) allocateServiceIP(ctx context.Context, s *apiobj.Service, got *serviceAllocs) error {
	if !needsClusterIP(s) {
		if s.Spec.ClusterIP == "None" {
			s.Spec.ClusterIPs = []string{"None"}
		}
		return nil
	}
	p := field.NewPath("spec", "clusterIPs")
	if s.Spec.ClusterIP == "" {
		off, err := r.ipAlloc.allocate(ctx, 0)
		if err != nil {
			if errors.Is(err, errRangeFull) {
				return apiobj.NewInternalError(fmt.Errorf("failed to allocate a serviceIP: range is full"))
			}
			return err
		}
		got.ips = append(got.ips, off)
		s.Spec.ClusterIP = r.ips.addr(off).String()
	} else {
		addr, err := netip.ParseAddr(s.Spec.ClusterIP)
		if err != nil {
			return apiobj.NewInvalid(servicesGK, s.Name, field.ErrorList{field.Invalid(p, s.Spec.ClusterIP, "must be a valid IP address")})
		}
		off, ok := r.ips.offset(addr)
		lo, hi := r.ips.bounds()
		if !ok || off < lo || off > hi {
			return apiobj.NewInvalid(servicesGK, s.Name, field.ErrorList{field.Invalid(p, []string{s.Spec.ClusterIP},
				fmt.Sprintf("failed to allocate IP %s: the provided IP (%s) is not in the valid range. The range of valid IPs is %s",
					s.Spec.ClusterIP, s.Spec.ClusterIP, r.ips.prefix))})
		}
		if _, err := r.ipAlloc.allocate(ctx, off); err != nil {
			if errors.Is(err, errAllocatedYet) {
				return apiobj.NewInvalid(servicesGK, s.Name, field.ErrorList{field.Invalid(p, []string{s.Spec.ClusterIP},
					fmt.Sprintf("failed to allocate IP %s: %s", s.Spec.ClusterIP, errAlreadyAllocated))})
			}
			return err
		}
		got.ips = append(got.ips, off)
	}
	s.Spec.ClusterIPs = []string{s.Spec.ClusterIP}
	if len(s.Spec.IPFamilies) == 0 {
		fam := apiobj.IPv4Protocol
		if r.ips.prefix.Addr().Is6() {
			fam = apiobj.IPv6Protocol
		}
		s.Spec.IPFamilies = []apiobj.IPFamily{fam}
	}
	if s.Spec.IPFamilyPolicy == nil {
		pol := apiobj.IPFamilyPolicySingleStack
		s.Spec.IPFamilyPolicy = &pol
	}
	return nil
}

// allocateNodePorts fills node ports the service needs; ports already held
// by old (an update) are kept.
func (r *Registry) allocateNodePorts(ctx context.Context, s *apiobj.Service, old *apiobj.Service, got *serviceAllocs) error {
	held := map[int32]bool{}
	if old != nil {
		for _, p := range r.allocsOf(old).ports {
			held[int32(p)] = true
		}
	}
	claimed := map[int32]bool{}
	claim := func(p *field.Path, want int32) (int32, error) {
		if want != 0 && (held[want] || claimed[want]) {
			claimed[want] = true
			return want, nil
		}
		if want != 0 && (uint32(want) < r.portLo || uint32(want) > r.portHi) {
			return 0, apiobj.NewInvalid(servicesGK, s.Name, field.ErrorList{field.Invalid(p, want,
				fmt.Sprintf("provided port is not in the valid range. The range of valid ports is %d-%d", r.portLo, r.portHi))})
		}
		off, err := r.portsAll.allocate(ctx, uint32(want))
		if errors.Is(err, errAllocatedYet) {
			return 0, apiobj.NewInvalid(servicesGK, s.Name, field.ErrorList{field.Invalid(p, want, "provided port is already allocated")})
		}
		if errors.Is(err, errRangeFull) {
			return 0, apiobj.NewInternalError(fmt.Errorf("failed to allocate a nodePort: range is full"))
		}
		if err != nil {
			return 0, err
		}
		got.ports = append(got.ports, off)
		claimed[int32(off)] = true
		return int32(off), nil
	}
	if needsNodePorts(s) {
		byPort := map[int32]int32{}
		for i := range s.Spec.Ports {
			sp := &s.Spec.Ports[i]
			p := field.NewPath("spec", "ports").Index(i).Child("nodePort")
			if sp.NodePort == 0 {
				if np, ok := byPort[sp.Port]; ok {
					sp.NodePort = np
					continue
				}
			} else if claimed[sp.NodePort] && !held[sp.NodePort] {
				continue // the same node port for another protocol of this port
			}
			np, err := claim(p, sp.NodePort)
			if err != nil {
				return err
			}
			sp.NodePort = np
			byPort[sp.Port] = np
		}
	} else {
		for i := range s.Spec.Ports {
			s.Spec.Ports[i].NodePort = 0
		}
	}
	if needsHealthCheckPort(s) {
		np, err := claim(field.NewPath("spec", "healthCheckNodePort"), s.Spec.HealthCheckNodePort)
		if err != nil {
			return err
		}
		s.Spec.HealthCheckNodePort = np
	} else {
		s.Spec.HealthCheckNodePort = 0
	}
	return nil
}

// allocateOnUpdate allocates what an updated Service newly needs. Addresses
// and ports it stops using are released after the write (afterWrite).
func (r *Registry) allocateOnUpdate(ctx context.Context, res *Resource, obj, oldObj apiobj.Object) (func(), error) {
	s, ok := obj.(*apiobj.Service)
	if !ok {
		return nil, nil
	}
	old := oldObj.(*apiobj.Service)
	var got serviceAllocs
	undo := func() { r.releaseAllocs(ctx, got) }
	if needsClusterIP(s) && needsClusterIP(old) && s.Spec.ClusterIP == "" {
		s.Spec.ClusterIP, s.Spec.ClusterIPs = old.Spec.ClusterIP, old.Spec.ClusterIPs
		s.Spec.IPFamilies, s.Spec.IPFamilyPolicy = old.Spec.IPFamilies, old.Spec.IPFamilyPolicy
	}
	if needsClusterIP(s) && (!needsClusterIP(old) || s.Spec.ClusterIP != old.Spec.ClusterIP) {
		if err := r.allocateServiceIP(ctx, s, &got); err != nil {
			undo()
			return nil, err
		}
	}
	if err := r.allocateNodePorts(ctx, s, old, &got); err != nil {
		undo()
		return nil, err
	}
	return undo, nil
}

// releaseUnused frees what old held and cur no longer does.
func (r *Registry) releaseUnused(ctx context.Context, old, cur *apiobj.Service) {
	o, c := r.allocsOf(old), serviceAllocs{}
	if cur != nil {
		c = r.allocsOf(cur)
	}
	var free serviceAllocs
	for _, v := range o.ips {
		if !containsU32(c.ips, v) {
			free.ips = append(free.ips, v)
		}
	}
	for _, v := range o.ports {
		if !containsU32(c.ports, v) {
			free.ports = append(free.ports, v)
		}
	}
	r.releaseAllocs(ctx, free)
}

func containsU32(s []uint32, v uint32) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// ServiceIPAllocated reports whether ip is held in the service IP range.
func (r *Registry) ServiceIPAllocated(ctx context.Context, ip string) (bool, error) {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return false, err
	}
	off, ok := r.ips.offset(addr)
	if !ok {
		return false, nil
	}
	return r.ipAlloc.has(ctx, off)
}

// NodePortAllocated reports whether port is held in the node port range.
func (r *Registry) NodePortAllocated(ctx context.Context, port int32) (bool, error) {
	return r.portsAll.has(ctx, uint32(port))
}

// FirstServiceIP is the address of the kubernetes Service.
func (r *Registry) FirstServiceIP() string {
	lo, _ := r.ips.bounds()
	return r.ips.addr(lo).String()
}
