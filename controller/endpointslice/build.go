package endpointslice

import (
	"cmp"
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/orcaproj/orca/apiobj"
)

// NodeGetter finds nodes by name; a node lister satisfies it.
type NodeGetter interface {
	Get(name string) (*apiobj.Node, error)
}

// group is the desired endpoints of one address type and port set.
type group struct {
	addressType apiobj.AddressType
	ports       []apiobj.EndpointSlicePort
	endpoints   []apiobj.Endpoint // in pod order
}

func (g *group) key() string { return groupKey(g.addressType, g.ports) }

func groupKey(at apiobj.AddressType, ports []apiobj.EndpointSlicePort) string {
	parts := make([]string, 0, len(ports))
	for _, p := range ports {
		name, proto, app := "", apiobj.ProtocolTCP, ""
		var port int32
		if p.Name != nil {
			name = *p.Name
		}
		if p.Protocol != nil {
			proto = *p.Protocol
		}
		if p.AppProtocol != nil {
			app = *p.AppProtocol
		}
		if p.Port != nil {
			port = *p.Port
		}
		parts = append(parts, fmt.Sprintf("%s/%d/%s/%s", name, port, proto, app))
	}
	slices.Sort(parts)
	return string(at) + "|" + strings.Join(parts, ";")
}

// addressTypes returns the address types svc's endpoints use.
func addressTypes(svc *apiobj.Service) []apiobj.AddressType {
	var out []apiobj.AddressType
	for _, f := range svc.Spec.IPFamilies {
		switch f {
		case apiobj.IPv4Protocol:
			out = append(out, apiobj.AddressTypeIPv4)
		case apiobj.IPv6Protocol:
			out = append(out, apiobj.AddressTypeIPv6)
		}
	}
	if len(out) > 0 {
		return out
	}
	if a, err := netip.ParseAddr(svc.Spec.ClusterIP); err == nil {
		return []apiobj.AddressType{addressTypeOf(a)}
	}
	return []apiobj.AddressType{apiobj.AddressTypeIPv4, apiobj.AddressTypeIPv6}
}

func addressTypeOf(a netip.Addr) apiobj.AddressType {
	if a.Unmap().Is4() {
		return apiobj.AddressTypeIPv4
	}
	return apiobj.AddressTypeIPv6
}

// podIPs returns pod's IPs by address type.
func podIPs(pod *apiobj.Pod) map[apiobj.AddressType]string {
	out := map[apiobj.AddressType]string{}
	ips := []string{pod.Status.PodIP}
	for _, ip := range pod.Status.PodIPs {
		ips = append(ips, ip.IP)
	}
	for _, ip := range ips {
		a, err := netip.ParseAddr(ip)
		if err != nil {
			continue
		}
		at := addressTypeOf(a)
		if _, ok := out[at]; !ok {
			out[at] = a.Unmap().String()
		}
	}
	return out
}

// findPort returns the container port of pod that sp targets, and whether
// the pod has it.
func findPort(pod *apiobj.Pod, sp *apiobj.ServicePort) (int32, bool) {
	tp := sp.TargetPort
	if tp.Type == apiobj.String {
		proto := cmp.Or(sp.Protocol, apiobj.ProtocolTCP)
		for _, c := range pod.Spec.Containers {
			for _, p := range c.Ports {
				if p.Name == tp.StrVal && cmp.Or(p.Protocol, apiobj.ProtocolTCP) == proto {
					return p.ContainerPort, true
				}
			}
		}
		return 0, false
	}
	if tp.IntVal == 0 {
		return sp.Port, true
	}
	return tp.IntVal, true
}

// slicePorts returns the ports of svc as pod serves them.
func slicePorts(svc *apiobj.Service, pod *apiobj.Pod) []apiobj.EndpointSlicePort {
	var out []apiobj.EndpointSlicePort
	for i := range svc.Spec.Ports {
		sp := &svc.Spec.Ports[i]
		port, ok := findPort(pod, sp)
		if !ok {
			continue
		}
		out = append(out, apiobj.EndpointSlicePort{
			Name: apiobj.Ptr(sp.Name), Protocol: apiobj.Ptr(cmp.Or(sp.Protocol, apiobj.ProtocolTCP)),
			Port: apiobj.Ptr(port), AppProtocol: sp.AppProtocol,
		})
	}
	slices.SortFunc(out, func(a, b apiobj.EndpointSlicePort) int { return strings.Compare(*a.Name, *b.Name) })
	return out
}

// desired returns the endpoint groups of svc given the pods it selects, in
// a stable order. nodes may be nil (no zones).
func desired(svc *apiobj.Service, pods []*apiobj.Pod, nodes NodeGetter) []*group {
	types := addressTypes(svc)
	byKey := map[string]*group{}
	var order []string
	publish := svc.Spec.PublishNotReadyAddresses
	for _, pod := range pods {
		if pod.Status.Phase == apiobj.PodSucceeded || pod.Status.Phase == apiobj.PodFailed {
			continue
		}
		ips := podIPs(pod)
		if len(ips) == 0 {
			continue
		}
		ports := slicePorts(svc, pod)
		if len(svc.Spec.Ports) > 0 && len(ports) == 0 {
			continue
		}
		terminating := pod.DeletionTimestamp != nil
		podReady := apiobj.IsPodReady(pod)
		for _, at := range types {
			ip, ok := ips[at]
			if !ok {
				continue
			}
			ep := apiobj.Endpoint{
				Addresses: []string{ip},
				Conditions: apiobj.EndpointConditions{
					Ready:       apiobj.Ptr(publish || (podReady && !terminating)),
					Serving:     apiobj.Ptr(publish || podReady),
					Terminating: apiobj.Ptr(terminating),
				},
				TargetRef: &apiobj.ObjectReference{Kind: "Pod", Namespace: pod.Namespace, Name: pod.Name, UID: pod.UID},
			}
			if pod.Spec.Hostname != "" && pod.Spec.Subdomain == svc.Name {
				ep.Hostname = apiobj.Ptr(pod.Spec.Hostname)
			}
			if pod.Spec.NodeName != "" {
				ep.NodeName = apiobj.Ptr(pod.Spec.NodeName)
				if nodes != nil {
					if node, err := nodes.Get(pod.Spec.NodeName); err == nil {
						if z, ok := node.Labels[apiobj.LabelTopologyZone]; ok {
							ep.Zone = apiobj.Ptr(z)
						}
					}
				}
			}
			k := groupKey(at, ports)
			g, ok := byKey[k]
			if !ok {
				g = &group{addressType: at, ports: ports}
				byKey[k] = g
				order = append(order, k)
			}
			g.endpoints = append(g.endpoints, ep)
		}
	}
	slices.Sort(order)
	out := make([]*group, 0, len(order))
	for _, k := range order {
		out = append(out, byKey[k])
	}
	return out
}

// endpointEqual reports whether two endpoints say the same, reading nil
// conditions with their documented defaults.
func endpointEqual(a, b *apiobj.Endpoint) bool {
	return slices.Equal(a.Addresses, b.Addresses) &&
		boolOr(a.Conditions.Ready, true) == boolOr(b.Conditions.Ready, true) &&
		boolOr(a.Conditions.Serving, true) == boolOr(b.Conditions.Serving, true) &&
		boolOr(a.Conditions.Terminating, false) == boolOr(b.Conditions.Terminating, false) &&
		strOr(a.Hostname) == strOr(b.Hostname) && strOr(a.NodeName) == strOr(b.NodeName) &&
		strOr(a.Zone) == strOr(b.Zone) && refEqual(a.TargetRef, b.TargetRef)
}

func refEqual(a, b *apiobj.ObjectReference) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Kind == b.Kind && a.Namespace == b.Namespace && a.Name == b.Name && a.UID == b.UID
}

func boolOr(p *bool, def bool) bool {
	if p == nil {
		return def
	}
	return *p
}

func strOr(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// endpointKey identifies an endpoint across syncs: its first address.
func endpointKey(ep *apiobj.Endpoint) string {
	if len(ep.Addresses) == 0 {
		return ""
	}
	return ep.Addresses[0]
}
