package framework

import (
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
)

// PodKey identifies a pod within the scheduler: its UID, or
// "namespace/name" when the UID is empty (programs that use the direct
// adapter may leave UIDs unset).
func PodKey(pod *apiobj.Pod) string {
	if pod.UID != "" {
		return string(pod.UID)
	}
	return pod.Namespace + "/" + pod.Name
}

func samePod(a, b *apiobj.Pod) bool {
	if a.UID != "" || b.UID != "" {
		return a.UID == b.UID
	}
	return a.Namespace == b.Namespace && a.Name == b.Name
}

// AffinityTerm is a parsed PodAffinityTerm.
type AffinityTerm struct {
	// Namespaces are matched literally; with a nil NamespaceSelector and no
	// names the term applies to the pod's own namespace.
	Namespaces map[string]struct{}
	// Selector is the label selector with matchLabelKeys and
	// mismatchLabelKeys already merged in.
	Selector labels.Selector
	// TopologyKey is a node label key.
	TopologyKey string
	// NamespaceSelector matches namespaces by their labels; Nothing() when
	// the term has none.
	NamespaceSelector labels.Selector
}

// Matches reports whether pod is selected by the term; nsLabels are the
// labels of pod's namespace.
func (t *AffinityTerm) Matches(pod *apiobj.Pod, nsLabels labels.Set) bool {
	if _, ok := t.Namespaces[pod.Namespace]; ok || t.NamespaceSelector.Matches(nsLabels) {
		return t.Selector.Matches(labels.Set(pod.Labels))
	}
	return false
}

// WeightedAffinityTerm is a parsed WeightedPodAffinityTerm.
type WeightedAffinityTerm struct {
	AffinityTerm
	Weight int32
}

// PodInfo is a pod with the parts the scheduler needs often, computed
// once: its parsed affinity terms and its requests. PodInfo is immutable
// and shared; build a new one (NewPodInfo) when the pod changes.
type PodInfo struct {
	Pod                        *apiobj.Pod
	RequiredAffinityTerms      []AffinityTerm
	RequiredAntiAffinityTerms  []AffinityTerm
	PreferredAffinityTerms     []WeightedAffinityTerm
	PreferredAntiAffinityTerms []WeightedAffinityTerm
	// Requests is PodRequests(pod, false).
	Requests Resource
	// NonZeroMilliCPU and NonZeroMemory are from PodRequests(pod, true).
	NonZeroMilliCPU int64
	NonZeroMemory   int64
	// ParseError holds the errors met parsing affinity terms; terms that
	// failed to parse match no pods.
	ParseError error
}

// NewPodInfo computes a PodInfo. It never returns nil; a term whose
// selector does not parse matches nothing and its error is kept in
// ParseError.
func NewPodInfo(pod *apiobj.Pod) *PodInfo {
	pi := &PodInfo{Pod: pod, Requests: PodRequests(pod, false)}
	nz := PodRequests(pod, true)
	pi.NonZeroMilliCPU, pi.NonZeroMemory = nz.MilliCPU, nz.Memory
	var errs []error
	if a := pod.Spec.Affinity; a != nil {
		if pa := a.PodAffinity; pa != nil {
			pi.RequiredAffinityTerms = parseTerms(pod, pa.RequiredDuringSchedulingIgnoredDuringExecution, &errs)
			pi.PreferredAffinityTerms = parseWeightedTerms(pod, pa.PreferredDuringSchedulingIgnoredDuringExecution, &errs)
		}
		if pa := a.PodAntiAffinity; pa != nil {
			pi.RequiredAntiAffinityTerms = parseTerms(pod, pa.RequiredDuringSchedulingIgnoredDuringExecution, &errs)
			pi.PreferredAntiAffinityTerms = parseWeightedTerms(pod, pa.PreferredDuringSchedulingIgnoredDuringExecution, &errs)
		}
	}
	pi.ParseError = errors.Join(errs...)
	return pi
}

// HasAffinity reports whether the pod has any pod affinity or
// anti-affinity term (required or preferred).
func (pi *PodInfo) HasAffinity() bool {
	return len(pi.RequiredAffinityTerms)+len(pi.RequiredAntiAffinityTerms)+
		len(pi.PreferredAffinityTerms)+len(pi.PreferredAntiAffinityTerms) != 0
}

func parseTerms(pod *apiobj.Pod, terms []apiobj.PodAffinityTerm, errs *[]error) []AffinityTerm {
	if len(terms) == 0 {
		return nil
	}
	out := make([]AffinityTerm, 0, len(terms))
	for i := range terms {
		t, err := NewAffinityTerm(pod, &terms[i])
		if err != nil {
			*errs = append(*errs, err)
		}
		out = append(out, t)
	}
	return out
}

func parseWeightedTerms(pod *apiobj.Pod, terms []apiobj.WeightedPodAffinityTerm, errs *[]error) []WeightedAffinityTerm {
	if len(terms) == 0 {
		return nil
	}
	out := make([]WeightedAffinityTerm, 0, len(terms))
	for i := range terms {
		t, err := NewAffinityTerm(pod, &terms[i].PodAffinityTerm)
		if err != nil {
			*errs = append(*errs, err)
		}
		out = append(out, WeightedAffinityTerm{AffinityTerm: t, Weight: terms[i].Weight})
	}
	return out
}

// NewAffinityTerm parses term of pod: the namespaces default to the pod's
// own; matchLabelKeys add "key in (pod's value)" and mismatchLabelKeys
// add "key notin (pod's value)" for keys the pod has. On error the
// returned term matches nothing.
func NewAffinityTerm(pod *apiobj.Pod, term *apiobj.PodAffinityTerm) (AffinityTerm, error) {
	t := AffinityTerm{TopologyKey: term.TopologyKey, NamespaceSelector: labels.Nothing()}
	if len(term.Namespaces) == 0 && term.NamespaceSelector == nil {
		t.Namespaces = map[string]struct{}{pod.Namespace: {}}
	} else if len(term.Namespaces) != 0 {
		t.Namespaces = make(map[string]struct{}, len(term.Namespaces))
		for _, ns := range term.Namespaces {
			t.Namespaces[ns] = struct{}{}
		}
	}
	var err error
	if term.NamespaceSelector != nil {
		if t.NamespaceSelector, err = LabelSelectorAsSelector(term.NamespaceSelector); err != nil {
			t.Selector = labels.Nothing()
			return t, fmt.Errorf("namespaceSelector: %w", err)
		}
	}
	if t.Selector, err = LabelSelectorAsSelector(term.LabelSelector); err != nil {
		return t, fmt.Errorf("labelSelector: %w", err)
	}
	if term.LabelSelector != nil && len(term.MatchLabelKeys)+len(term.MismatchLabelKeys) != 0 {
		var reqs []labels.Requirement
		for _, k := range term.MatchLabelKeys {
			if v, ok := pod.Labels[k]; ok {
				r, err := labels.NewRequirement(k, labels.In, []string{v})
				if err != nil {
					t.Selector = labels.Nothing()
					return t, fmt.Errorf("matchLabelKeys: %w", err)
				}
				reqs = append(reqs, r)
			}
		}
		for _, k := range term.MismatchLabelKeys {
			if v, ok := pod.Labels[k]; ok {
				r, err := labels.NewRequirement(k, labels.NotIn, []string{v})
				if err != nil {
					t.Selector = labels.Nothing()
					return t, fmt.Errorf("mismatchLabelKeys: %w", err)
				}
				reqs = append(reqs, r)
			}
		}
		t.Selector = t.Selector.Add(reqs...)
	}
	return t, nil
}

// QueuedPodInfo is a pod in the scheduling queue.
type QueuedPodInfo struct {
	*PodInfo
	// Timestamp is when the pod was last added to the queue.
	Timestamp time.Time
	// Attempts counts scheduling attempts.
	Attempts int
	// InitialAttemptTimestamp is when the pod was first popped; zero until then.
	InitialAttemptTimestamp time.Time
	// UnschedulablePlugins are the plugins that rejected the pod in its
	// last attempt; PendingPlugins those that returned Pending. Only
	// their queueing hints decide when the pod is retried.
	UnschedulablePlugins map[string]struct{}
	PendingPlugins       map[string]struct{}
	// Gated is true while a PreEnqueue plugin keeps the pod out.
	Gated bool
	// GatingPlugin names the PreEnqueue plugin that gated the pod.
	GatingPlugin string
}

// DeepCopy returns a copy that shares the PodInfo (which is immutable).
func (q *QueuedPodInfo) DeepCopy() *QueuedPodInfo {
	c := *q
	c.UnschedulablePlugins = cloneSet(q.UnschedulablePlugins)
	c.PendingPlugins = cloneSet(q.PendingPlugins)
	return &c
}

func cloneSet(s map[string]struct{}) map[string]struct{} {
	if s == nil {
		return nil
	}
	c := make(map[string]struct{}, len(s))
	for k := range s {
		c[k] = struct{}{}
	}
	return c
}

// ImageStateSummary describes an image on a node.
type ImageStateSummary struct {
	// Size in bytes.
	Size int64
	// NumNodes is how many nodes had the image when this summary was made.
	NumNodes int
}

// generation is the source of NodeInfo generations: every change to any
// NodeInfo takes the next value, so a cache can tell which NodeInfos
// changed since a snapshot by comparing generations.
var generation atomic.Int64

func nextGeneration() int64 { return generation.Add(1) }

// NodeInfo is a node with what the scheduler knows about it: its pods and
// the resources, ports and volumes they use.
//
// A NodeInfo in a snapshot (what plugins see) is read-only and shared
// between goroutines. The fields are exported for reading; change a
// NodeInfo only through its methods, and only on a Clone you own (as
// preemption does to simulate removing pods).
type NodeInfo struct {
	node *apiobj.Node

	// Pods are the pods on the node, assumed ones included.
	Pods []*PodInfo
	// PodsWithAffinity are the pods with any pod (anti-)affinity term.
	PodsWithAffinity []*PodInfo
	// PodsWithRequiredAntiAffinity are the pods with a required
	// anti-affinity term.
	PodsWithRequiredAntiAffinity []*PodInfo
	// UsedPorts are the host ports taken.
	UsedPorts HostPortInfo
	// Requested is the sum of the pods' Requests.
	Requested Resource
	// NonZeroRequested is Requested with the scoring defaults for pods
	// that request no CPU or memory (only MilliCPU and Memory are set).
	NonZeroRequested Resource
	// Allocatable is the node's status.allocatable.
	Allocatable Resource
	// ImageStates are the node's images by every name they have.
	ImageStates map[string]*ImageStateSummary
	// PVCRefCounts counts the pods using each PVC, by "namespace/name".
	PVCRefCounts map[string]int
	// Generation changes on every modification (see nextGeneration).
	Generation int64
}

// NewNodeInfo returns a NodeInfo without a node that holds pods.
func NewNodeInfo(pods ...*apiobj.Pod) *NodeInfo {
	ni := &NodeInfo{Generation: nextGeneration()}
	for _, p := range pods {
		ni.AddPod(p)
	}
	return ni
}

// Node returns the node; nil if the node is not (or no longer) known.
func (n *NodeInfo) Node() *apiobj.Node {
	if n == nil {
		return nil
	}
	return n.node
}

// NodeName returns the node's name, or "".
func (n *NodeInfo) NodeName() string {
	if n == nil || n.node == nil {
		return ""
	}
	return n.node.Name
}

// SetNode sets the node and its allocatable resources. Image states are
// set by the owner of the NodeInfo (the scheduler cache) with
// SetImageStates, since they depend on other nodes.
func (n *NodeInfo) SetNode(node *apiobj.Node) {
	n.node = node
	n.Allocatable = Resource{}
	n.Allocatable.Add(node.Status.Allocatable)
	n.Generation = nextGeneration()
}

// RemoveNode forgets the node, keeping the pods.
func (n *NodeInfo) RemoveNode() {
	n.node = nil
	n.Generation = nextGeneration()
}

// SetImageStates replaces ImageStates.
func (n *NodeInfo) SetImageStates(s map[string]*ImageStateSummary) {
	n.ImageStates = s
	n.Generation = nextGeneration()
}

// AddPod adds pod; it parses the pod (NewPodInfo).
func (n *NodeInfo) AddPod(pod *apiobj.Pod) { n.AddPodInfo(NewPodInfo(pod)) }

// AddPodInfo adds a pod.
func (n *NodeInfo) AddPodInfo(pi *PodInfo) {
	n.Pods = append(n.Pods, pi)
	if pi.HasAffinity() {
		n.PodsWithAffinity = append(n.PodsWithAffinity, pi)
	}
	if len(pi.RequiredAntiAffinityTerms) != 0 {
		n.PodsWithRequiredAntiAffinity = append(n.PodsWithRequiredAntiAffinity, pi)
	}
	n.update(pi, 1)
}

// RemovePod removes pod (matched by UID, or namespace/name when UIDs are
// empty). It returns an error wrapping ErrPodNotFound when pod is not on
// the node.
func (n *NodeInfo) RemovePod(pod *apiobj.Pod) error {
	for i, pi := range n.Pods {
		if !samePod(pi.Pod, pod) {
			continue
		}
		n.PodsWithAffinity = removePodInfo(n.PodsWithAffinity, pod)
		n.PodsWithRequiredAntiAffinity = removePodInfo(n.PodsWithRequiredAntiAffinity, pod)
		last := len(n.Pods) - 1
		n.Pods[i] = n.Pods[last]
		n.Pods[last] = nil
		n.Pods = n.Pods[:last]
		n.update(pi, -1)
		return nil
	}
	return fmt.Errorf("pod %s/%s on node %s: %w", pod.Namespace, pod.Name, n.NodeName(), ErrPodNotFound)
}

// ErrPodNotFound is returned by NodeInfo.RemovePod.
var ErrPodNotFound = errors.New("pod not found")

func removePodInfo(s []*PodInfo, pod *apiobj.Pod) []*PodInfo {
	for i, pi := range s {
		if samePod(pi.Pod, pod) {
			last := len(s) - 1
			s[i] = s[last]
			s[last] = nil
			return s[:last]
		}
	}
	return s
}

// update adds (sign 1) or removes (sign -1) the pod's resources, ports
// and PVCs.
func (n *NodeInfo) update(pi *PodInfo, sign int64) {
	r := &pi.Requests
	n.Requested.MilliCPU += sign * r.MilliCPU
	n.Requested.Memory += sign * r.Memory
	n.Requested.EphemeralStorage += sign * r.EphemeralStorage
	for name, v := range r.ScalarResources {
		n.Requested.AddScalar(name, sign*v)
	}
	n.NonZeroRequested.MilliCPU += sign * pi.NonZeroMilliCPU
	n.NonZeroRequested.Memory += sign * pi.NonZeroMemory
	spec := &pi.Pod.Spec
	for i := range spec.Containers {
		for _, p := range spec.Containers[i].Ports {
			if p.HostPort <= 0 {
				continue
			}
			if sign > 0 {
				n.UsedPorts.Add(p.HostIP, p.Protocol, p.HostPort)
			} else {
				n.UsedPorts.Remove(p.HostIP, p.Protocol, p.HostPort)
			}
		}
	}
	for i := range spec.InitContainers {
		if !isSidecar(&spec.InitContainers[i]) {
			continue
		}
		for _, p := range spec.InitContainers[i].Ports {
			if p.HostPort <= 0 {
				continue
			}
			if sign > 0 {
				n.UsedPorts.Add(p.HostIP, p.Protocol, p.HostPort)
			} else {
				n.UsedPorts.Remove(p.HostIP, p.Protocol, p.HostPort)
			}
		}
	}
	for i := range spec.Volumes {
		c := spec.Volumes[i].PersistentVolumeClaim
		if c == nil {
			continue
		}
		key := pi.Pod.Namespace + "/" + c.ClaimName
		if sign > 0 {
			if n.PVCRefCounts == nil {
				n.PVCRefCounts = make(map[string]int)
			}
			n.PVCRefCounts[key]++
		} else if n.PVCRefCounts[key]--; n.PVCRefCounts[key] <= 0 {
			delete(n.PVCRefCounts, key)
		}
	}
	n.Generation = nextGeneration()
}

// Clone returns a copy that can be changed without affecting n. PodInfos,
// the node and image summaries are shared (they are immutable).
func (n *NodeInfo) Clone() *NodeInfo {
	c := &NodeInfo{
		node:             n.node,
		Requested:        *n.Requested.Clone(),
		NonZeroRequested: n.NonZeroRequested,
		Allocatable:      *n.Allocatable.Clone(),
		UsedPorts:        n.UsedPorts.Clone(),
		ImageStates:      n.ImageStates,
		Generation:       n.Generation,
	}
	if len(n.Pods) != 0 {
		c.Pods = append([]*PodInfo(nil), n.Pods...)
	}
	if len(n.PodsWithAffinity) != 0 {
		c.PodsWithAffinity = append([]*PodInfo(nil), n.PodsWithAffinity...)
	}
	if len(n.PodsWithRequiredAntiAffinity) != 0 {
		c.PodsWithRequiredAntiAffinity = append([]*PodInfo(nil), n.PodsWithRequiredAntiAffinity...)
	}
	if n.PVCRefCounts != nil {
		c.PVCRefCounts = make(map[string]int, len(n.PVCRefCounts))
		for k, v := range n.PVCRefCounts {
			c.PVCRefCounts[k] = v
		}
	}
	return c
}

// String summarises the NodeInfo for logs.
func (n *NodeInfo) String() string {
	return fmt.Sprintf("&NodeInfo{Node:%s, Pods:%d, Requested:%+v, Allocatable:%+v, Generation:%d}",
		n.NodeName(), len(n.Pods), n.Requested, n.Allocatable, n.Generation)
}

// DefaultBindAllHostIP is the host IP that a port without hostIP binds.
const DefaultBindAllHostIP = "0.0.0.0"

// HostPort is one used host port.
type HostPort struct {
	IP       string
	Protocol apiobj.Protocol
	Port     int32
}

// HostPortInfo is the set of host ports in use on a node. The zero value
// is empty. It holds few entries, so it is a slice.
type HostPortInfo struct {
	ports  []HostPort
	counts []int32
}

func normalizePort(ip string, protocol apiobj.Protocol) (string, apiobj.Protocol) {
	if ip == "" {
		ip = DefaultBindAllHostIP
	}
	if protocol == "" {
		protocol = apiobj.ProtocolTCP
	}
	return ip, protocol
}

// Add records a used port; an empty ip means 0.0.0.0 and an empty
// protocol TCP.
func (h *HostPortInfo) Add(ip string, protocol apiobj.Protocol, port int32) {
	ip, protocol = normalizePort(ip, protocol)
	for i, p := range h.ports {
		if p.IP == ip && p.Protocol == protocol && p.Port == port {
			h.counts[i]++
			return
		}
	}
	h.ports = append(h.ports, HostPort{ip, protocol, port})
	h.counts = append(h.counts, 1)
}

// Remove undoes one Add.
func (h *HostPortInfo) Remove(ip string, protocol apiobj.Protocol, port int32) {
	ip, protocol = normalizePort(ip, protocol)
	for i, p := range h.ports {
		if p.IP == ip && p.Protocol == protocol && p.Port == port {
			if h.counts[i]--; h.counts[i] > 0 {
				return
			}
			last := len(h.ports) - 1
			h.ports[i], h.counts[i] = h.ports[last], h.counts[last]
			h.ports, h.counts = h.ports[:last], h.counts[:last]
			return
		}
	}
}

// Len returns the number of distinct used ports.
func (h *HostPortInfo) Len() int { return len(h.ports) }

// Ports returns the used ports. The slice must not be modified.
func (h *HostPortInfo) Ports() []HostPort { return h.ports }

// CheckConflict reports whether (ip, protocol, port) conflicts with a used
// port: the same protocol and port, and the same IP or either IP 0.0.0.0.
func (h *HostPortInfo) CheckConflict(ip string, protocol apiobj.Protocol, port int32) bool {
	if port <= 0 {
		return false
	}
	ip, protocol = normalizePort(ip, protocol)
	for _, p := range h.ports {
		if p.Port == port && p.Protocol == protocol &&
			(p.IP == ip || ip == DefaultBindAllHostIP || p.IP == DefaultBindAllHostIP) {
			return true
		}
	}
	return false
}

// Clone returns an independent copy.
func (h HostPortInfo) Clone() HostPortInfo {
	if len(h.ports) == 0 {
		return HostPortInfo{}
	}
	return HostPortInfo{ports: append([]HostPort(nil), h.ports...), counts: append([]int32(nil), h.counts...)}
}
