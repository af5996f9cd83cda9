package endpoints

import (
	"cmp"
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/orcaproj/orca/apiobj"
)

// HeadlessLabel marks the Endpoints of a headless Service.
const HeadlessLabel = "service.kubernetes.io/headless"

// includePod reports whether pod belongs in the endpoints of a Service;
// includeTerminating keeps pods being deleted.
func includePod(pod *apiobj.Pod, includeTerminating bool) bool {
	if pod.Status.PodIP == "" {
		return false
	}
	if pod.Status.Phase == apiobj.PodSucceeded || pod.Status.Phase == apiobj.PodFailed {
		return false
	}
	return includeTerminating || pod.DeletionTimestamp == nil
}

// podIP returns pod's IP of the Service's primary family, or "" when the
// pod has none. A Service without families takes the pod's primary IP.
func podIP(svc *apiobj.Service, pod *apiobj.Pod) string {
	if len(svc.Spec.IPFamilies) == 0 {
		return pod.Status.PodIP
	}
	want := svc.Spec.IPFamilies[0]
	ips := []string{pod.Status.PodIP}
	for _, ip := range pod.Status.PodIPs {
		ips = append(ips, ip.IP)
	}
	for _, ip := range ips {
		a, err := netip.ParseAddr(ip)
		if err != nil {
			continue
		}
		if (a.Unmap().Is4() && want == apiobj.IPv4Protocol) || (!a.Unmap().Is4() && want == apiobj.IPv6Protocol) {
			return ip
		}
	}
	return ""
}

// FindPort returns the container port of pod that svcPort targets: a
// numeric target port as is (zero means svcPort.Port), a named one looked
// up among the pod's containers with the same protocol.
func FindPort(pod *apiobj.Pod, svcPort *apiobj.ServicePort) (int32, error) {
	tp := svcPort.TargetPort
	if tp.Type == apiobj.String {
		proto := cmp.Or(svcPort.Protocol, apiobj.ProtocolTCP)
		for _, c := range pod.Spec.Containers {
			for _, p := range c.Ports {
				if p.Name == tp.StrVal && cmp.Or(p.Protocol, apiobj.ProtocolTCP) == proto {
					return p.ContainerPort, nil
				}
			}
		}
		return 0, fmt.Errorf("pod %s/%s has no container port named %q", pod.Namespace, pod.Name, tp.StrVal)
	}
	if tp.IntVal == 0 {
		return svcPort.Port, nil
	}
	return tp.IntVal, nil
}

// addressFor returns the endpoint address of pod for svc.
func addressFor(svc *apiobj.Service, pod *apiobj.Pod, ip string) apiobj.EndpointAddress {
	a := apiobj.EndpointAddress{
		IP: ip,
		TargetRef: &apiobj.ObjectReference{
			Kind: "Pod", Namespace: pod.Namespace, Name: pod.Name, UID: pod.UID,
		},
	}
	if pod.Spec.NodeName != "" {
		a.NodeName = apiobj.Ptr(pod.Spec.NodeName)
	}
	if pod.Spec.Hostname != "" && pod.Spec.Subdomain == svc.Name && svc.Namespace == pod.Namespace {
		a.Hostname = pod.Spec.Hostname
	}
	return a
}

// entry is one address with its readiness and ports, before repacking.
type entry struct {
	addr  apiobj.EndpointAddress
	ready bool
	ports []apiobj.EndpointPort
}

// BuildSubsets returns the subsets of the Endpoints of svc given the pods in
// its namespace (which need not all match the selector; the caller filters).
// The result is in canonical order, so equal inputs give equal outputs.
func BuildSubsets(svc *apiobj.Service, pods []*apiobj.Pod) []apiobj.EndpointSubset {
	publish := svc.Spec.PublishNotReadyAddresses
	var entries []entry
	for _, pod := range pods {
		if !includePod(pod, publish) {
			continue
		}
		ip := podIP(svc, pod)
		if ip == "" {
			continue
		}
		e := entry{addr: addressFor(svc, pod, ip), ready: publish || apiobj.IsPodReady(pod)}
		for i := range svc.Spec.Ports {
			sp := &svc.Spec.Ports[i]
			port, err := FindPort(pod, sp)
			if err != nil {
				continue // this pod does not serve this port
			}
			e.ports = append(e.ports, apiobj.EndpointPort{
				Name: sp.Name, Port: port, Protocol: cmp.Or(sp.Protocol, apiobj.ProtocolTCP), AppProtocol: sp.AppProtocol,
			})
		}
		if len(svc.Spec.Ports) > 0 && len(e.ports) == 0 {
			continue // serves none of the ports
		}
		entries = append(entries, e)
	}
	return repack(entries)
}

// repack groups entries by their port sets into subsets, in a canonical
// order: subsets by their ports, addresses by IP and then pod.
func repack(entries []entry) []apiobj.EndpointSubset {
	byKey := map[string]*apiobj.EndpointSubset{}
	var keys []string
	for _, e := range entries {
		slices.SortFunc(e.ports, comparePorts)
		k := portsKey(e.ports)
		ss, ok := byKey[k]
		if !ok {
			ss = &apiobj.EndpointSubset{Ports: e.ports}
			byKey[k] = ss
			keys = append(keys, k)
		}
		if e.ready {
			ss.Addresses = append(ss.Addresses, e.addr)
		} else {
			ss.NotReadyAddresses = append(ss.NotReadyAddresses, e.addr)
		}
	}
	slices.Sort(keys)
	out := make([]apiobj.EndpointSubset, 0, len(keys))
	for _, k := range keys {
		ss := byKey[k]
		slices.SortFunc(ss.Addresses, compareAddresses)
		slices.SortFunc(ss.NotReadyAddresses, compareAddresses)
		out = append(out, *ss)
	}
	return out
}

func comparePorts(a, b apiobj.EndpointPort) int {
	return cmp.Or(strings.Compare(a.Name, b.Name), cmp.Compare(a.Port, b.Port), strings.Compare(string(a.Protocol), string(b.Protocol)))
}

func portsKey(ports []apiobj.EndpointPort) string {
	var b strings.Builder
	for _, p := range ports {
		app := ""
		if p.AppProtocol != nil {
			app = *p.AppProtocol
		}
		fmt.Fprintf(&b, "%s/%d/%s/%s;", p.Name, p.Port, p.Protocol, app)
	}
	return b.String()
}

func compareAddresses(a, b apiobj.EndpointAddress) int {
	if c := strings.Compare(a.IP, b.IP); c != 0 {
		return c
	}
	var ua, ub apiobj.UID
	if a.TargetRef != nil {
		ua = a.TargetRef.UID
	}
	if b.TargetRef != nil {
		ub = b.TargetRef.UID
	}
	return strings.Compare(string(ua), string(ub))
}

// MaxAddresses is the most addresses one Endpoints object holds, as in
// Kubernetes; beyond it the object is truncated and annotated with
// apiobj.EndpointsOverCapacity=truncated. EndpointSlices hold them all.
const MaxAddresses = 1000

// truncate cuts subsets to at most max addresses, keeping ready addresses
// before not-ready ones and earlier subsets before later ones. It reports
// whether anything was cut. Subsets left without addresses are dropped.
func truncate(subsets []apiobj.EndpointSubset, max int) ([]apiobj.EndpointSubset, bool) {
	total := 0
	for _, ss := range subsets {
		total += len(ss.Addresses) + len(ss.NotReadyAddresses)
	}
	if total <= max {
		return subsets, false
	}
	left := max
	out := make([]apiobj.EndpointSubset, len(subsets))
	for i, ss := range subsets {
		n := min(left, len(ss.Addresses))
		out[i] = apiobj.EndpointSubset{Addresses: ss.Addresses[:n:n], Ports: ss.Ports}
		left -= n
	}
	for i, ss := range subsets {
		n := min(left, len(ss.NotReadyAddresses))
		if n > 0 {
			out[i].NotReadyAddresses = ss.NotReadyAddresses[:n:n]
		}
		left -= n
	}
	kept := out[:0]
	for _, ss := range out {
		if len(ss.Addresses) > 0 || len(ss.NotReadyAddresses) > 0 {
			if len(ss.Addresses) == 0 {
				ss.Addresses = nil
			}
			kept = append(kept, ss)
		}
	}
	return kept, true
}
