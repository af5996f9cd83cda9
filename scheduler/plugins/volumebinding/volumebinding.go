package volumebinding

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins/internal/schedutil"
)

// Name is the plugin's name in the registry and in profiles.
const Name = "VolumeBinding"

// Reasons, worded as kube-scheduler words them.
const (
	ErrReasonBindConflict  = "node(s) didn't find available persistent volumes to bind"
	ErrReasonNodeConflict  = "node(s) had volume node affinity conflict"
	ErrReasonPVNotExist    = "node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)"
	ErrUnboundImmediatePVC = "pod has unbound immediate PersistentVolumeClaims"
)

// NoProvisioner is the provisioner of classes whose volumes are created by
// hand (local volumes).
const NoProvisioner = "kubernetes.io/no-provisioner"

const preFilterStateKey framework.StateKey = "PreFilter" + Name

var (
	statusNodeConflict = framework.NewStatus(framework.UnschedulableAndUnresolvable, ErrReasonNodeConflict)
	statusBindConflict = framework.NewStatus(framework.UnschedulableAndUnresolvable, ErrReasonBindConflict)
	statusPVNotExist   = framework.NewStatus(framework.UnschedulableAndUnresolvable, ErrReasonPVNotExist)
)

// VolumeBinding checks a pod's claims against nodes.
type VolumeBinding struct {
	pvcs    framework.PVCLister
	listers Listers
}

var (
	_ framework.PreFilterPlugin   = (*VolumeBinding)(nil)
	_ framework.FilterPlugin      = (*VolumeBinding)(nil)
	_ framework.EnqueueExtensions = (*VolumeBinding)(nil)
)

// New is the plugin's framework.Factory without PV and StorageClass
// listers.
func New(raw json.RawMessage, h framework.Handle) (framework.Plugin, error) {
	return NewFactory(Listers{})(raw, h)
}

// NewFactory returns a Factory whose plugins read volumes and classes
// through l.
func NewFactory(l Listers) framework.Factory {
	return func(raw json.RawMessage, h framework.Handle) (framework.Plugin, error) {
		var args struct {
			// Accepted for KubeSchedulerConfiguration compatibility; used once
			// binding arrives with the CSI issue.
			BindTimeoutSeconds *int64          `json:"bindTimeoutSeconds,omitempty"`
			Shape              json.RawMessage `json:"shape,omitempty"`
		}
		if err := framework.DecodeArgs(raw, &args); err != nil {
			return nil, fmt.Errorf("%s: %w", Name, err)
		}
		return &VolumeBinding{pvcs: h.PVCs, listers: l}, nil
	}
}

// Name returns Name.
func (*VolumeBinding) Name() string { return Name }

// boundVolume is a bound claim's volume, with its node affinity compiled.
type boundVolume struct {
	affinity *schedutil.NodeSelector // nil: no node affinity
	missing  bool
}

// delayedClaim is an unbound claim of a WaitForFirstConsumer class.
type delayedClaim struct {
	provisionable bool
	topologies    []apiobj.TopologySelectorTerm
}

type preFilterState struct {
	bound   []boundVolume
	delayed []delayedClaim
}

func (s *preFilterState) Clone() framework.StateData { return s }

// claimNames lists the pod's claims; ephemeral reports which are generic
// ephemeral volumes.
func claimNames(pod *apiobj.Pod) (names []string, ephemeral []bool) {
	for i := range pod.Spec.Volumes {
		v := &pod.Spec.Volumes[i]
		switch {
		case v.PersistentVolumeClaim != nil:
			names = append(names, v.PersistentVolumeClaim.ClaimName)
			ephemeral = append(ephemeral, false)
		case v.Ephemeral != nil:
			names = append(names, pod.Name+"-"+v.Name)
			ephemeral = append(ephemeral, true)
		}
	}
	return names, ephemeral
}

func ownedBy(pvc *apiobj.PersistentVolumeClaim, pod *apiobj.Pod) bool {
	ref := apiobj.ControllerRef(pvc)
	return ref != nil && ref.Kind == "Pod" && (pod.UID == "" || ref.UID == pod.UID) && ref.Name == pod.Name
}

// PreFilter looks the pod's claims up and sorts them into bound and
// delayed; it rejects missing, deleted and unbound immediate claims.
func (pl *VolumeBinding) PreFilter(_ context.Context, state *framework.CycleState, pod *apiobj.Pod) (*framework.PreFilterResult, *framework.Status) {
	names, eph := claimNames(pod)
	if len(names) == 0 || pl.pvcs == nil {
		return nil, framework.NewStatus(framework.Skip)
	}
	s := &preFilterState{}
	immediate := false
	for i, name := range names {
		pvc, err := pl.pvcs.GetPVC(pod.Namespace, name)
		if err != nil {
			if !errors.Is(err, errdefs.ErrNotFound) {
				return nil, framework.AsStatus(err)
			}
			if eph[i] {
				return nil, framework.NewStatus(framework.UnschedulableAndUnresolvable,
					fmt.Sprintf("waiting for ephemeral volume controller to create the persistentvolumeclaim %q", name))
			}
			return nil, framework.NewStatus(framework.UnschedulableAndUnresolvable, fmt.Sprintf("persistentvolumeclaim %q not found", name))
		}
		if pvc.DeletionTimestamp != nil {
			return nil, framework.NewStatus(framework.UnschedulableAndUnresolvable, fmt.Sprintf("persistentvolumeclaim %q is being deleted", name))
		}
		if eph[i] && !ownedBy(pvc, pod) {
			return nil, framework.NewStatus(framework.UnschedulableAndUnresolvable,
				fmt.Sprintf("PVC %s/%s was not created for pod %s/%s (pod is not owner)", pvc.Namespace, pvc.Name, pod.Namespace, pod.Name))
		}
		if pvc.Spec.VolumeName != "" {
			s.bound = append(s.bound, pl.boundVolume(pvc.Spec.VolumeName))
			continue
		}
		sc := pl.storageClass(pvc)
		if sc == nil || sc.VolumeBindingMode == nil || *sc.VolumeBindingMode != apiobj.VolumeBindingWaitForFirstConsumer {
			immediate = true
			continue
		}
		s.delayed = append(s.delayed, delayedClaim{
			provisionable: sc.Provisioner != "" && sc.Provisioner != NoProvisioner,
			topologies:    sc.AllowedTopologies,
		})
	}
	if immediate {
		return nil, framework.NewStatus(framework.UnschedulableAndUnresolvable, ErrUnboundImmediatePVC)
	}
	state.Write(preFilterStateKey, s)
	return nil, nil
}

func (pl *VolumeBinding) boundVolume(name string) boundVolume {
	if pl.listers.PVs == nil {
		return boundVolume{}
	}
	pv, err := pl.listers.PVs.GetPersistentVolume(name)
	if err != nil || pv == nil {
		return boundVolume{missing: true}
	}
	if na := pv.Spec.NodeAffinity; na != nil && na.Required != nil {
		return boundVolume{affinity: schedutil.CompileNodeSelector(na.Required)}
	}
	return boundVolume{}
}

func (pl *VolumeBinding) storageClass(pvc *apiobj.PersistentVolumeClaim) *apiobj.StorageClass {
	if pl.listers.StorageClasses == nil || pvc.Spec.StorageClassName == nil || *pvc.Spec.StorageClassName == "" {
		return nil
	}
	sc, err := pl.listers.StorageClasses.GetStorageClass(*pvc.Spec.StorageClassName)
	if err != nil {
		return nil
	}
	return sc
}

// PreFilterExtensions returns nil.
func (*VolumeBinding) PreFilterExtensions() framework.PreFilterExtensions { return nil }

// Filter checks bound volumes' node affinity and whether delayed claims
// can be provisioned for the node.
func (pl *VolumeBinding) Filter(_ context.Context, state *framework.CycleState, _ *apiobj.Pod, nodeInfo *framework.NodeInfo) *framework.Status {
	d, err := state.Read(preFilterStateKey)
	if err != nil {
		return framework.AsStatus(fmt.Errorf("reading %q from cycle state: %w", preFilterStateKey, err))
	}
	s := d.(*preFilterState)
	node := nodeInfo.Node()
	if node == nil {
		return statusNodeConflict
	}
	for _, b := range s.bound {
		if b.missing {
			return statusPVNotExist
		}
		if b.affinity != nil && !b.affinity.Match(node) {
			return statusNodeConflict
		}
	}
	for _, c := range s.delayed {
		if !c.provisionable || !topologyAllows(c.topologies, node) {
			return statusBindConflict
		}
	}
	return nil
}

// topologyAllows reports whether node matches one of the terms (no terms:
// any node).
func topologyAllows(terms []apiobj.TopologySelectorTerm, node *apiobj.Node) bool {
	if len(terms) == 0 {
		return true
	}
	nl := labels.Set(node.Labels)
	for _, t := range terms {
		ok := true
		for _, e := range t.MatchLabelExpressions {
			v, has := nl[e.Key]
			if !has || !contains(e.Values, v) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func contains(vals []string, v string) bool {
	for _, x := range vals {
		if x == v {
			return true
		}
	}
	return false
}

// EventsToRegister registers claims, volumes and classes added or
// changed, and nodes added or relabelled.
func (pl *VolumeBinding) EventsToRegister() ([]framework.ClusterEventWithHint, error) {
	return []framework.ClusterEventWithHint{
		{Event: framework.ClusterEvent{Resource: framework.PersistentVolumeClaim, ActionType: framework.Add | framework.Update}},
		{Event: framework.ClusterEvent{Resource: framework.PersistentVolume, ActionType: framework.Add | framework.Update}},
		{Event: framework.ClusterEvent{Resource: framework.StorageClass, ActionType: framework.Add | framework.Update}},
		{Event: framework.ClusterEvent{Resource: framework.Node, ActionType: framework.Add | framework.UpdateNodeLabel | framework.UpdateNodeTaint}},
	}, nil
}
