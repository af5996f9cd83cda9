package scheduler

import (
	"fmt"

	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/scheduler/framework"
)

// snapshot is the per-cycle view plugins read. Only the scheduling
// goroutine touches it, between cycles (updateSnapshot) and during them.
type snapshot struct {
	m          map[string]*framework.NodeInfo
	list       []*framework.NodeInfo
	affinity   []*framework.NodeInfo
	antiAff    []*framework.NodeInfo
	usedPVC    map[string]struct{}
	generation int64
}

var (
	_ framework.SharedLister      = (*snapshot)(nil)
	_ framework.NodeInfoLister    = (*snapshot)(nil)
	_ framework.StorageInfoLister = (*snapshot)(nil)
)

func newSnapshot() *snapshot {
	return &snapshot{m: map[string]*framework.NodeInfo{}, usedPVC: map[string]struct{}{}}
}

func (s *snapshot) reset() { *s = *newSnapshot() }

// rebuildLists recomputes the lists; order gives the node order when
// updateAll is set, else the existing order is kept.
func (s *snapshot) rebuildLists(order []string, updateAll bool) {
	if updateAll {
		s.list = s.list[:0]
		for _, name := range order {
			if ni := s.m[name]; ni != nil {
				s.list = append(s.list, ni)
			}
		}
	}
	s.affinity, s.antiAff = s.affinity[:0], s.antiAff[:0]
	clear(s.usedPVC)
	for _, ni := range s.list {
		if len(ni.PodsWithAffinity) != 0 {
			s.affinity = append(s.affinity, ni)
		}
		if len(ni.PodsWithRequiredAntiAffinity) != 0 {
			s.antiAff = append(s.antiAff, ni)
		}
		for k := range ni.PVCRefCounts {
			s.usedPVC[k] = struct{}{}
		}
	}
}

func (s *snapshot) NodeInfos() framework.NodeInfoLister       { return s }
func (s *snapshot) StorageInfos() framework.StorageInfoLister { return s }
func (s *snapshot) List() ([]*framework.NodeInfo, error)      { return s.list, nil }
func (s *snapshot) HavePodsWithAffinityList() ([]*framework.NodeInfo, error) {
	return s.affinity, nil
}
func (s *snapshot) HavePodsWithRequiredAntiAffinityList() ([]*framework.NodeInfo, error) {
	return s.antiAff, nil
}

func (s *snapshot) Get(name string) (*framework.NodeInfo, error) {
	if ni, ok := s.m[name]; ok && ni.Node() != nil {
		return ni, nil
	}
	return nil, fmt.Errorf("node %q: %w", name, errdefs.ErrNotFound)
}

func (s *snapshot) IsPVCUsedByPods(key string) bool {
	_, ok := s.usedPVC[key]
	return ok
}

func (s *snapshot) numNodes() int { return len(s.list) }
