package nodevolumelimits

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/scheduler/framework"
)

// Name is the plugin's name in the registry and in profiles.
const Name = "NodeVolumeLimits"

// ErrReasonMaxVolumeCountExceeded is the rejection reason, worded as
// kube-scheduler words it.
const ErrReasonMaxVolumeCountExceeded = "node(s) exceed max volume count"

// CSIAttachLimitPrefix prefixes the node allocatable resource that limits
// a CSI driver's volumes.
const CSIAttachLimitPrefix = apiobj.ResourceAttachableVolumesPrefix + "csi-"

const preFilterStateKey framework.StateKey = "PreFilter" + Name

var statusExceeded = framework.NewStatus(framework.Unschedulable, ErrReasonMaxVolumeCountExceeded)

// CSINodeLister gets CSINodes.
type CSINodeLister interface {
	// GetCSINode returns the CSINode of a node or an error wrapping
	// errdefs.ErrNotFound.
	GetCSINode(name string) (*apiobj.CSINode, error)
}

// PVLister gets persistent volumes.
type PVLister interface {
	GetPersistentVolume(name string) (*apiobj.PersistentVolume, error)
}

// StorageClassLister gets storage classes.
type StorageClassLister interface {
	GetStorageClass(name string) (*apiobj.StorageClass, error)
}

// Listers are the storage objects the plugin reads beyond the Handle's
// PVC lister. Any may be nil.
type Listers struct {
	CSINodes       CSINodeLister
	PVs            PVLister
	StorageClasses StorageClassLister
}

// NodeVolumeLimits limits CSI volumes per node.
type NodeVolumeLimits struct {
	pvcs    framework.PVCLister
	listers Listers
}

var (
	_ framework.PreFilterPlugin   = (*NodeVolumeLimits)(nil)
	_ framework.FilterPlugin      = (*NodeVolumeLimits)(nil)
	_ framework.EnqueueExtensions = (*NodeVolumeLimits)(nil)
)

// New is the plugin's framework.Factory without extra listers.
func New(raw json.RawMessage, h framework.Handle) (framework.Plugin, error) {
	return NewFactory(Listers{})(raw, h)
}

// NewFactory returns a Factory whose plugins read storage through l.
func NewFactory(l Listers) framework.Factory {
	return func(raw json.RawMessage, h framework.Handle) (framework.Plugin, error) {
		var args struct{}
		if err := framework.DecodeArgs(raw, &args); err != nil {
			return nil, fmt.Errorf("%s: %w", Name, err)
		}
		return &NodeVolumeLimits{pvcs: h.PVCs, listers: l}, nil
	}
}

// Name returns Name.
func (*NodeVolumeLimits) Name() string { return Name }

// preFilterState maps the pod's CSI volumes ("driver/handle") to drivers.
type preFilterState map[string]string

func (s preFilterState) Clone() framework.StateData { return s }

func hasClaims(pod *apiobj.Pod) bool {
	for i := range pod.Spec.Volumes {
		if pod.Spec.Volumes[i].PersistentVolumeClaim != nil || pod.Spec.Volumes[i].Ephemeral != nil {
			return true
		}
	}
	return false
}

// PreFilter resolves the pod's claims to CSI volumes; it skips pods that
// have none.
func (pl *NodeVolumeLimits) PreFilter(_ context.Context, state *framework.CycleState, pod *apiobj.Pod) (*framework.PreFilterResult, *framework.Status) {
	if !hasClaims(pod) || pl.pvcs == nil {
		return nil, framework.NewStatus(framework.Skip)
	}
	vols := map[string]string{}
	if err := pl.attachable(pod, true, vols); err != nil {
		if errors.Is(err, errdefs.ErrNotFound) {
			return nil, framework.NewStatus(framework.UnschedulableAndUnresolvable, err.Error())
		}
		return nil, framework.AsStatus(err)
	}
	if len(vols) == 0 {
		return nil, framework.NewStatus(framework.Skip)
	}
	state.Write(preFilterStateKey, preFilterState(vols))
	return nil, nil
}

// PreFilterExtensions returns nil.
func (*NodeVolumeLimits) PreFilterExtensions() framework.PreFilterExtensions { return nil }

// attachable adds the pod's CSI volumes to out. For the pod being
// scheduled (newPod) a missing claim is an error; other pods' missing
// claims are not counted.
func (pl *NodeVolumeLimits) attachable(pod *apiobj.Pod, newPod bool, out map[string]string) error {
	for i := range pod.Spec.Volumes {
		v := &pod.Spec.Volumes[i]
		var claim string
		switch {
		case v.PersistentVolumeClaim != nil:
			claim = v.PersistentVolumeClaim.ClaimName
		case v.Ephemeral != nil:
			claim = pod.Name + "-" + v.Name
		default:
			continue
		}
		pvc, err := pl.pvcs.GetPVC(pod.Namespace, claim)
		if err != nil {
			if newPod {
				return fmt.Errorf("looking up PVC %s/%s: %w", pod.Namespace, claim, err)
			}
			continue
		}
		driver, handle := pl.driverInfo(pvc)
		if driver == "" || handle == "" {
			continue
		}
		out[driver+"/"+handle] = driver
	}
	return nil
}

// driverInfo returns the CSI driver and volume handle of a claim.
func (pl *NodeVolumeLimits) driverInfo(pvc *apiobj.PersistentVolumeClaim) (string, string) {
	if name := pvc.Spec.VolumeName; name != "" && pl.listers.PVs != nil {
		if pv, err := pl.listers.PVs.GetPersistentVolume(name); err == nil && pv != nil {
			if csi := pv.Spec.CSI; csi != nil {
				return csi.Driver, csi.VolumeHandle
			}
			return "", ""
		}
	}
	// Unbound (or its volume unknown): a volume the class will provision.
	if pl.listers.StorageClasses == nil || pvc.Spec.StorageClassName == nil || *pvc.Spec.StorageClassName == "" {
		return "", ""
	}
	sc, err := pl.listers.StorageClasses.GetStorageClass(*pvc.Spec.StorageClassName)
	if err != nil || sc == nil {
		return "", ""
	}
	// The prefix keeps the placeholder from colliding with real handles.
	return sc.Provisioner, "\x00pvc/" + pvc.Namespace + "/" + pvc.Name
}

// limits returns the node's volume limit per driver.
func (pl *NodeVolumeLimits) limits(ni *framework.NodeInfo) map[string]int64 {
	out := map[string]int64{}
	for name, v := range ni.Allocatable.ScalarResources {
		if d, ok := strings.CutPrefix(string(name), CSIAttachLimitPrefix); ok {
			out[d] = v
		}
	}
	if pl.listers.CSINodes != nil {
		if cn, err := pl.listers.CSINodes.GetCSINode(ni.NodeName()); err == nil && cn != nil {
			for _, d := range cn.Spec.Drivers {
				if d.Allocatable != nil && d.Allocatable.Count != nil {
					out[d.Name] = int64(*d.Allocatable.Count)
				}
			}
		}
	}
	return out
}

// Filter rejects a node where the pod's new volumes would exceed a
// driver's limit.
func (pl *NodeVolumeLimits) Filter(_ context.Context, state *framework.CycleState, _ *apiobj.Pod, nodeInfo *framework.NodeInfo) *framework.Status {
	d, err := state.Read(preFilterStateKey)
	if err != nil {
		return framework.AsStatus(fmt.Errorf("reading %q from cycle state: %w", preFilterStateKey, err))
	}
	newVols := d.(preFilterState)
	limits := pl.limits(nodeInfo)
	if len(limits) == 0 {
		return nil
	}
	attached := map[string]string{}
	for _, pi := range nodeInfo.Pods {
		if hasClaims(pi.Pod) {
			_ = pl.attachable(pi.Pod, false, attached)
		}
	}
	attachedCount := map[string]int64{}
	for _, drv := range attached {
		attachedCount[drv]++
	}
	newCount := map[string]int64{}
	for vol, drv := range newVols {
		if _, ok := attached[vol]; ok {
			// A volume already attached for another pod counts once.
			continue
		}
		newCount[drv]++
	}
	for drv, n := range newCount {
		if lim, ok := limits[drv]; ok && attachedCount[drv]+n > lim {
			return statusExceeded
		}
	}
	return nil
}

// EventsToRegister registers assigned pods deleted, nodes and CSINodes
// added or changed, and claims added.
func (pl *NodeVolumeLimits) EventsToRegister() ([]framework.ClusterEventWithHint, error) {
	return []framework.ClusterEventWithHint{
		{Event: framework.EventAssignedPodDelete},
		{Event: framework.ClusterEvent{Resource: framework.Node, ActionType: framework.Add | framework.UpdateNodeAllocatable}},
		{Event: framework.ClusterEvent{Resource: framework.CSINode, ActionType: framework.Add | framework.Update}},
		{Event: framework.ClusterEvent{Resource: framework.PersistentVolumeClaim, ActionType: framework.Add}},
	}, nil
}
