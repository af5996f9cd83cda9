package framework

import (
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
)

// NodeInfoLister reads the NodeInfos of a snapshot. The slices returned
// are shared and must not be modified; their order is stable within a
// cycle.
type NodeInfoLister interface {
	// List returns every node.
	List() ([]*NodeInfo, error)
	// HavePodsWithAffinityList returns the nodes with at least one pod that
	// has a pod (anti-)affinity term.
	HavePodsWithAffinityList() ([]*NodeInfo, error)
	// HavePodsWithRequiredAntiAffinityList returns the nodes with at least
	// one pod that has a required anti-affinity term.
	HavePodsWithRequiredAntiAffinityList() ([]*NodeInfo, error)
	// Get returns one node, or an error wrapping errdefs.ErrNotFound.
	Get(nodeName string) (*NodeInfo, error)
}

// StorageInfoLister answers questions about volumes in a snapshot.
type StorageInfoLister interface {
	// IsPVCUsedByPods reports whether a pod on some node uses the PVC
	// "namespace/name".
	IsPVCUsedByPods(key string) bool
}

// SharedLister is a consistent snapshot of the cluster taken at the start
// of a scheduling cycle. It does not change during a cycle; between
// cycles the scheduler updates it in place, so plugins may keep the
// SharedLister itself but not the slices it returns.
type SharedLister interface {
	NodeInfos() NodeInfoLister
	StorageInfos() StorageInfoLister
}

// Snapshot is a SharedLister built once from pods and nodes. It is meant
// for tests and for tools; the scheduler keeps its own, incrementally
// updated, snapshot.
type Snapshot struct {
	m           map[string]*NodeInfo
	list        []*NodeInfo
	affinity    []*NodeInfo
	antiAff     []*NodeInfo
	usedPVCKeys map[string]struct{}
}

var _ SharedLister = (*Snapshot)(nil)

// NewSnapshot builds a snapshot of nodes (in the given order) and the pods
// bound to them (spec.nodeName). Pods on unknown nodes are left out.
func NewSnapshot(pods []*apiobj.Pod, nodes []*apiobj.Node) *Snapshot {
	s := &Snapshot{m: make(map[string]*NodeInfo, len(nodes)), usedPVCKeys: map[string]struct{}{}}
	for _, n := range nodes {
		ni := NewNodeInfo()
		ni.SetNode(n)
		s.m[n.Name] = ni
		s.list = append(s.list, ni)
	}
	for _, p := range pods {
		if ni, ok := s.m[p.Spec.NodeName]; ok {
			ni.AddPod(p)
		}
	}
	images := map[string]*ImageStateSummary{}
	for _, n := range nodes {
		for _, img := range n.Status.Images {
			for _, name := range img.Names {
				st := images[name]
				if st == nil {
					st = &ImageStateSummary{Size: img.SizeBytes}
					images[name] = st
				}
				st.NumNodes++
			}
		}
	}
	for _, n := range nodes {
		ni := s.m[n.Name]
		if len(n.Status.Images) != 0 {
			is := map[string]*ImageStateSummary{}
			for _, img := range n.Status.Images {
				for _, name := range img.Names {
					is[name] = images[name]
				}
			}
			ni.SetImageStates(is)
		}
		if len(ni.PodsWithAffinity) != 0 {
			s.affinity = append(s.affinity, ni)
		}
		if len(ni.PodsWithRequiredAntiAffinity) != 0 {
			s.antiAff = append(s.antiAff, ni)
		}
		for k := range ni.PVCRefCounts {
			s.usedPVCKeys[k] = struct{}{}
		}
	}
	return s
}

// NodeInfos returns s.
func (s *Snapshot) NodeInfos() NodeInfoLister { return (*snapshotNodes)(s) }

// StorageInfos returns s.
func (s *Snapshot) StorageInfos() StorageInfoLister { return (*snapshotNodes)(s) }

type snapshotNodes Snapshot

func (s *snapshotNodes) List() ([]*NodeInfo, error)                     { return s.list, nil }
func (s *snapshotNodes) HavePodsWithAffinityList() ([]*NodeInfo, error) { return s.affinity, nil }
func (s *snapshotNodes) HavePodsWithRequiredAntiAffinityList() ([]*NodeInfo, error) {
	return s.antiAff, nil
}

func (s *snapshotNodes) Get(name string) (*NodeInfo, error) {
	if ni, ok := s.m[name]; ok {
		return ni, nil
	}
	return nil, fmt.Errorf("node %q: %w", name, errdefs.ErrNotFound)
}

func (s *snapshotNodes) IsPVCUsedByPods(key string) bool {
	_, ok := s.usedPVCKeys[key]
	return ok
}
