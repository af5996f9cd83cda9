package volumerestrictions

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/scheduler/framework"
)

// Name is the plugin's name in the registry and in profiles.
const Name = "VolumeRestrictions"

// Reasons, worded as kube-scheduler words them.
const (
	ErrReasonDiskConflict             = "node(s) had no available disk"
	ErrReasonReadWriteOncePodConflict = "node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode"
)

const preFilterStateKey framework.StateKey = "PreFilter" + Name

var (
	statusDiskConflict = framework.NewStatus(framework.Unschedulable, ErrReasonDiskConflict)
	statusRWOPConflict = framework.NewStatus(framework.Unschedulable, ErrReasonReadWriteOncePodConflict)
)

// VolumeRestrictions rejects nodes where volumes would conflict.
type VolumeRestrictions struct {
	pvcs     framework.PVCLister
	snapshot framework.SharedLister
}

var (
	_ framework.PreFilterPlugin     = (*VolumeRestrictions)(nil)
	_ framework.PreFilterExtensions = (*VolumeRestrictions)(nil)
	_ framework.FilterPlugin        = (*VolumeRestrictions)(nil)
	_ framework.EnqueueExtensions   = (*VolumeRestrictions)(nil)
)

// New is the plugin's framework.Factory; it takes no arguments. It uses
// the handle's Snapshot and, when set, PVCs.
func New(_ json.RawMessage, h framework.Handle) (framework.Plugin, error) {
	return &VolumeRestrictions{pvcs: h.PVCs, snapshot: h.Snapshot}, nil
}

// Name returns Name.
func (*VolumeRestrictions) Name() string { return Name }

type preFilterState struct {
	// disks are the pod's volumes that may conflict with other pods'.
	disks []*apiobj.Volume
	// rwop are the pod's ReadWriteOncePod claims, "namespace/name".
	rwop []string
	// conflicts counts the other pods using one of rwop.
	conflicts int
}

func (s *preFilterState) Clone() framework.StateData {
	c := *s
	return &c
}

func needsDiskCheck(v *apiobj.Volume) bool {
	return v.GCEPersistentDisk != nil || v.AWSElasticBlockStore != nil || v.RBD != nil || v.ISCSI != nil
}

// PreFilter collects the pod's conflict-prone volumes and counts the pods
// using its ReadWriteOncePod claims. It skips pods with neither.
func (pl *VolumeRestrictions) PreFilter(_ context.Context, state *framework.CycleState, pod *apiobj.Pod) (*framework.PreFilterResult, *framework.Status) {
	s := &preFilterState{}
	for i := range pod.Spec.Volumes {
		v := &pod.Spec.Volumes[i]
		if needsDiskCheck(v) {
			s.disks = append(s.disks, v)
		}
		if v.PersistentVolumeClaim == nil || pl.pvcs == nil {
			continue
		}
		pvc, err := pl.pvcs.GetPVC(pod.Namespace, v.PersistentVolumeClaim.ClaimName)
		if err != nil {
			if errors.Is(err, errdefs.ErrNotFound) {
				return nil, framework.NewStatus(framework.UnschedulableAndUnresolvable,
					fmt.Sprintf("persistentvolumeclaim %q not found", v.PersistentVolumeClaim.ClaimName))
			}
			return nil, framework.AsStatus(err)
		}
		if slices.Contains(pvc.Spec.AccessModes, apiobj.ReadWriteOncePod) {
			key := pod.Namespace + "/" + v.PersistentVolumeClaim.ClaimName
			s.rwop = append(s.rwop, key)
			if pl.snapshot != nil && pl.snapshot.StorageInfos().IsPVCUsedByPods(key) {
				s.conflicts++
			}
		}
	}
	if len(s.disks) == 0 && s.conflicts == 0 {
		return nil, framework.NewStatus(framework.Skip)
	}
	state.Write(preFilterStateKey, s)
	return nil, nil
}

// PreFilterExtensions returns the plugin: the ReadWriteOncePod count
// depends on other pods.
func (pl *VolumeRestrictions) PreFilterExtensions() framework.PreFilterExtensions { return pl }

func (s *preFilterState) update(pod *apiobj.Pod, delta int) {
	for i := range pod.Spec.Volumes {
		c := pod.Spec.Volumes[i].PersistentVolumeClaim
		if c != nil && slices.Contains(s.rwop, pod.Namespace+"/"+c.ClaimName) {
			s.conflicts += delta
		}
	}
}

// AddPod counts a pod that uses one of the pod's ReadWriteOncePod claims.
func (pl *VolumeRestrictions) AddPod(_ context.Context, state *framework.CycleState, _ *apiobj.Pod, pi *framework.PodInfo, _ *framework.NodeInfo) *framework.Status {
	s, err := getState(state)
	if err != nil {
		return framework.AsStatus(err)
	}
	s.update(pi.Pod, 1)
	return nil
}

// RemovePod uncounts such a pod.
func (pl *VolumeRestrictions) RemovePod(_ context.Context, state *framework.CycleState, _ *apiobj.Pod, pi *framework.PodInfo, _ *framework.NodeInfo) *framework.Status {
	s, err := getState(state)
	if err != nil {
		return framework.AsStatus(err)
	}
	s.update(pi.Pod, -1)
	return nil
}

func getState(state *framework.CycleState) (*preFilterState, error) {
	d, err := state.Read(preFilterStateKey)
	if err != nil {
		return nil, fmt.Errorf("reading %q from cycle state: %w", preFilterStateKey, err)
	}
	return d.(*preFilterState), nil
}

// Filter rejects disk conflicts with the node's pods and any
// ReadWriteOncePod conflict.
func (pl *VolumeRestrictions) Filter(_ context.Context, state *framework.CycleState, pod *apiobj.Pod, nodeInfo *framework.NodeInfo) *framework.Status {
	s, err := getState(state)
	if err != nil {
		return framework.AsStatus(err)
	}
	for _, v := range s.disks {
		for _, pi := range nodeInfo.Pods {
			if IsVolumeConflict(v, pi.Pod) {
				return statusDiskConflict
			}
		}
	}
	if s.conflicts > 0 {
		return statusRWOPConflict
	}
	return nil
}

// IsVolumeConflict reports whether volume conflicts with one of pod's.
func IsVolumeConflict(volume *apiobj.Volume, pod *apiobj.Pod) bool {
	for i := range pod.Spec.Volumes {
		ev := &pod.Spec.Volumes[i]
		if d, e := volume.GCEPersistentDisk, ev.GCEPersistentDisk; d != nil && e != nil {
			if d.PDName == e.PDName && !(d.ReadOnly && e.ReadOnly) {
				return true
			}
		}
		if d, e := volume.AWSElasticBlockStore, ev.AWSElasticBlockStore; d != nil && e != nil {
			if d.VolumeID == e.VolumeID {
				return true
			}
		}
		if d, e := volume.ISCSI, ev.ISCSI; d != nil && e != nil {
			if d.IQN == e.IQN && !(d.ReadOnly && e.ReadOnly) {
				return true
			}
		}
		if d, e := volume.RBD, ev.RBD; d != nil && e != nil {
			if haveOverlap(d.CephMonitors, e.CephMonitors) && d.RBDPool == e.RBDPool && d.RBDImage == e.RBDImage &&
				!(d.ReadOnly && e.ReadOnly) {
				return true
			}
		}
	}
	return false
}

func haveOverlap(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// EventsToRegister registers assigned pods deleted (freeing disks and
// claims), nodes added, and claims added or changed.
func (pl *VolumeRestrictions) EventsToRegister() ([]framework.ClusterEventWithHint, error) {
	return []framework.ClusterEventWithHint{
		{Event: framework.EventAssignedPodDelete, QueueingHintFn: isSchedulableAfterPodDeleted},
		{Event: framework.EventNodeAdd},
		{Event: framework.ClusterEvent{Resource: framework.PersistentVolumeClaim, ActionType: framework.Add | framework.Update}},
	}, nil
}

func isSchedulableAfterPodDeleted(pod *apiobj.Pod, oldObj, _ any) (framework.QueueingHint, error) {
	deleted, ok := oldObj.(*apiobj.Pod)
	if !ok {
		return framework.Queue, nil
	}
	for i := range pod.Spec.Volumes {
		v := &pod.Spec.Volumes[i]
		if needsDiskCheck(v) && IsVolumeConflict(v, deleted) {
			return framework.Queue, nil
		}
		if c := v.PersistentVolumeClaim; c != nil && deleted.Namespace == pod.Namespace {
			for j := range deleted.Spec.Volumes {
				if dc := deleted.Spec.Volumes[j].PersistentVolumeClaim; dc != nil && dc.ClaimName == c.ClaimName {
					return framework.Queue, nil
				}
			}
		}
	}
	return framework.QueueSkip, nil
}
