package volumebinding_test

import (
	"context"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins/volumebinding"
)

type store struct {
	pvc *apiobj.PersistentVolumeClaim
	pv  *apiobj.PersistentVolume
}

func (s store) GetPVC(_, name string) (*apiobj.PersistentVolumeClaim, error) {
	if name == s.pvc.Name {
		return s.pvc, nil
	}
	return nil, errdefs.ErrNotFound
}

func (s store) GetPersistentVolume(name string) (*apiobj.PersistentVolume, error) {
	if name == s.pv.Name {
		return s.pv, nil
	}
	return nil, errdefs.ErrNotFound
}

// A claim bound to a local volume pins its pods to the volume's node.
func Example() {
	pv := &apiobj.PersistentVolume{}
	pv.Name = "local-1"
	pv.Spec.NodeAffinity = &apiobj.VolumeNodeAffinity{Required: &apiobj.NodeSelector{NodeSelectorTerms: []apiobj.NodeSelectorTerm{{
		MatchExpressions: []apiobj.NodeSelectorRequirement{{Key: apiobj.LabelHostname, Operator: apiobj.NodeSelectorOpIn, Values: []string{"n1"}}},
	}}}}
	pvc := &apiobj.PersistentVolumeClaim{}
	pvc.Namespace, pvc.Name = "default", "data"
	pvc.Spec.VolumeName = "local-1"
	s := store{pvc: pvc, pv: pv}

	var nodes []*apiobj.Node
	for _, name := range []string{"n1", "n2"} {
		n := &apiobj.Node{}
		n.Name = name
		n.Labels = map[string]string{apiobj.LabelHostname: name}
		nodes = append(nodes, n)
	}
	snap := framework.NewSnapshot(nil, nodes)
	p, _ := volumebinding.NewFactory(volumebinding.Listers{PVs: s})(nil, framework.Handle{Snapshot: snap, PVCs: s})
	pl := p.(*volumebinding.VolumeBinding)

	pod := &apiobj.Pod{}
	pod.Namespace = "default"
	pod.Spec.Volumes = []apiobj.Volume{{Name: "data", VolumeSource: apiobj.VolumeSource{
		PersistentVolumeClaim: &apiobj.PersistentVolumeClaimVolumeSource{ClaimName: "data"}}}}
	ctx, state := context.Background(), framework.NewCycleState()
	pl.PreFilter(ctx, state, pod)
	infos, _ := snap.NodeInfos().List()
	for _, ni := range infos {
		fmt.Println(ni.NodeName(), pl.Filter(ctx, state, pod, ni))
	}
	// Output:
	// n1 Success
	// n2 UnschedulableAndUnresolvable: node(s) had volume node affinity conflict
}
