package nodevolumelimits_test

import (
	"context"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/resource"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins/nodevolumelimits"
)

type store map[string]string // claim -> CSI volume handle

func (s store) GetPVC(ns, name string) (*apiobj.PersistentVolumeClaim, error) {
	if _, ok := s[name]; !ok {
		return nil, errdefs.ErrNotFound
	}
	c := &apiobj.PersistentVolumeClaim{}
	c.Namespace, c.Name = ns, name
	c.Spec.VolumeName = "pv-" + name
	return c, nil
}

func (s store) GetPersistentVolume(name string) (*apiobj.PersistentVolume, error) {
	v := &apiobj.PersistentVolume{}
	v.Name = name
	v.Spec.CSI = &apiobj.CSIPersistentVolumeSource{Driver: "disk.csi.example.com", VolumeHandle: s[name[len("pv-"):]]}
	return v, nil
}

// A node that attaches at most one volume of the driver.
func Example() {
	s := store{"a": "vol-a", "b": "vol-b"}
	claim := func(name string) apiobj.Volume {
		return apiobj.Volume{Name: name, VolumeSource: apiobj.VolumeSource{
			PersistentVolumeClaim: &apiobj.PersistentVolumeClaimVolumeSource{ClaimName: name}}}
	}
	node := &apiobj.Node{}
	node.Name = "n1"
	node.Status.Allocatable = apiobj.ResourceList{
		nodevolumelimits.CSIAttachLimitPrefix + "disk.csi.example.com": resource.MustParse("1"),
	}
	existing := &apiobj.Pod{}
	existing.Namespace, existing.Name = "default", "existing"
	existing.Spec.NodeName = "n1"
	existing.Spec.Volumes = []apiobj.Volume{claim("a")}
	snap := framework.NewSnapshot([]*apiobj.Pod{existing}, []*apiobj.Node{node})
	p, _ := nodevolumelimits.NewFactory(nodevolumelimits.Listers{PVs: s})(nil, framework.Handle{Snapshot: snap, PVCs: s})
	pl := p.(*nodevolumelimits.NodeVolumeLimits)

	ni, _ := snap.NodeInfos().Get("n1")
	for _, c := range []string{"a", "b"} {
		pod := &apiobj.Pod{}
		pod.Namespace = "default"
		pod.Spec.Volumes = []apiobj.Volume{claim(c)}
		ctx, state := context.Background(), framework.NewCycleState()
		pl.PreFilter(ctx, state, pod)
		fmt.Println(c, pl.Filter(ctx, state, pod, ni))
	}
	// Output:
	// a Success
	// b Unschedulable: node(s) exceed max volume count
}
