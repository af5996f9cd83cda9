package framework

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/orcaproj/orca/apiobj"
)

// NodeToStatusReader is the read side of NodeToStatus, given to
// PostFilter plugins.
type NodeToStatusReader interface {
	// Get returns a node's status; nodes not evaluated get
	// AbsentNodesStatus.
	Get(nodeName string) *Status
	// NodesForStatusCode returns the nodes of lister whose status has
	// code.
	NodesForStatusCode(lister NodeInfoLister, code Code) ([]*NodeInfo, error)
}

// NodeToStatus holds each evaluated node's rejection, and the status of
// every node that was not evaluated (because PreFilter narrowed the nodes
// or failed).
type NodeToStatus struct {
	m      map[string]*Status
	absent *Status
}

var _ NodeToStatusReader = (*NodeToStatus)(nil)

// NewNodeToStatus returns a map whose absent nodes are
// UnschedulableAndUnresolvable.
func NewNodeToStatus(m map[string]*Status, absent *Status) *NodeToStatus {
	if m == nil {
		m = make(map[string]*Status)
	}
	if absent == nil {
		absent = NewStatus(UnschedulableAndUnresolvable)
	}
	return &NodeToStatus{m: m, absent: absent}
}

// Get returns a node's status.
func (n *NodeToStatus) Get(nodeName string) *Status {
	if s, ok := n.m[nodeName]; ok {
		return s
	}
	return n.absent
}

// Set records a node's status.
func (n *NodeToStatus) Set(nodeName string, s *Status) { n.m[nodeName] = s }

// Len returns the number of nodes set explicitly.
func (n *NodeToStatus) Len() int { return len(n.m) }

// AbsentNodesStatus returns the status of nodes not set.
func (n *NodeToStatus) AbsentNodesStatus() *Status { return n.absent }

// SetAbsentNodesStatus sets the status of nodes not set.
func (n *NodeToStatus) SetAbsentNodesStatus(s *Status) { n.absent = s }

// ForEachExplicitNode calls fn for each node set explicitly.
func (n *NodeToStatus) ForEachExplicitNode(fn func(nodeName string, s *Status)) {
	for k, v := range n.m {
		fn(k, v)
	}
}

// NodesForStatusCode returns the nodes of lister whose status has code.
func (n *NodeToStatus) NodesForStatusCode(lister NodeInfoLister, code Code) ([]*NodeInfo, error) {
	all, err := lister.List()
	if err != nil {
		return nil, err
	}
	var out []*NodeInfo
	if n.absent.Code() == code {
		for _, ni := range all {
			if n.Get(ni.NodeName()).Code() == code {
				out = append(out, ni)
			}
		}
		return out, nil
	}
	for _, ni := range all {
		if s, ok := n.m[ni.NodeName()]; ok && s.Code() == code {
			out = append(out, ni)
		}
	}
	return out, nil
}

// Diagnosis records why a pod did not fit.
type Diagnosis struct {
	// NodeToStatus holds each node's rejection.
	NodeToStatus *NodeToStatus
	// UnschedulablePlugins rejected the pod with Unschedulable or
	// UnschedulableAndUnresolvable; PendingPlugins with Pending.
	UnschedulablePlugins map[string]struct{}
	PendingPlugins       map[string]struct{}
	// PreFilterMsg is set when PreFilter rejected the pod.
	PreFilterMsg string
	// PostFilterMsg is PostFilter's explanation (e.g. preemption's).
	PostFilterMsg string
}

// AddPlugin records a rejecting plugin under the right set for s's code.
func (d *Diagnosis) AddPlugin(s *Status) {
	if s.Plugin() == "" {
		return
	}
	if s.Code() == Pending {
		if d.PendingPlugins == nil {
			d.PendingPlugins = map[string]struct{}{}
		}
		d.PendingPlugins[s.Plugin()] = struct{}{}
		return
	}
	if d.UnschedulablePlugins == nil {
		d.UnschedulablePlugins = map[string]struct{}{}
	}
	d.UnschedulablePlugins[s.Plugin()] = struct{}{}
}

// ErrNoNodesAvailable is the error for a cluster with no nodes.
var ErrNoNodesAvailable = errors.New("no nodes available to schedule pods")

// FitError is the error of a pod that fits no node. Its message is the
// one kube-scheduler writes into the PodScheduled condition.
type FitError struct {
	Pod         *apiobj.Pod
	NumAllNodes int
	Diagnosis   Diagnosis
}

// Error formats, as kube-scheduler does:
//
//	0/5 nodes are available: 2 Insufficient cpu, 3 node(s) had untolerated taint {gpu: true}. preemption: ...
//
// Reasons are counted over nodes, each "count reason" string is sorted,
// and PreFilter's and PostFilter's messages follow, each ending in ".".
func (f *FitError) Error() string {
	if f.NumAllNodes == 0 && f.Diagnosis.PreFilterMsg == "" && f.Diagnosis.PostFilterMsg == "" {
		return ErrNoNodesAvailable.Error()
	}
	var b strings.Builder
	b.WriteString("0/")
	b.WriteString(strconv.Itoa(f.NumAllNodes))
	b.WriteString(" nodes are available:")
	d := &f.Diagnosis
	if d.PreFilterMsg != "" {
		b.WriteString(" ")
		b.WriteString(d.PreFilterMsg)
		b.WriteString(".")
	} else if d.NodeToStatus != nil {
		counts := map[string]int{}
		d.NodeToStatus.ForEachExplicitNode(func(_ string, s *Status) {
			for _, r := range s.Reasons() {
				counts[r]++
			}
		})
		if missing := f.NumAllNodes - d.NodeToStatus.Len(); missing > 0 {
			for _, r := range d.NodeToStatus.AbsentNodesStatus().Reasons() {
				counts[r] += missing
			}
		}
		if len(counts) != 0 {
			parts := make([]string, 0, len(counts))
			for r, c := range counts {
				parts = append(parts, strconv.Itoa(c)+" "+r)
			}
			slices.Sort(parts)
			b.WriteString(" ")
			b.WriteString(strings.Join(parts, ", "))
			b.WriteString(".")
		}
	}
	if d.PostFilterMsg != "" {
		b.WriteString(" ")
		b.WriteString(d.PostFilterMsg)
		b.WriteString(".")
	}
	return b.String()
}
