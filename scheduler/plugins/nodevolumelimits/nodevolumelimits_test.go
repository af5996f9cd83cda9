package nodevolumelimits

import (
	"testing"

	"github.com/orcaproj/orca/apiobj"
	pt "github.com/orcaproj/orca/scheduler/plugins/internal/plugintest"
)

func csiPV(name, driver, handle string) *apiobj.PersistentVolume {
	v := &apiobj.PersistentVolume{}
	v.Name = name
	v.Spec.CSI = &apiobj.CSIPersistentVolumeSource{Driver: driver, VolumeHandle: handle}
	return v
}

func TestFilter(t *testing.T) {
	t.Parallel()
	sc := &apiobj.StorageClass{Provisioner: "ebs.csi"}
	sc.Name = "ebs"
	storage := &pt.Storage{
		PVCs: map[string]*apiobj.PersistentVolumeClaim{
			"default/c1":      pt.PVC("c1", "pv1", ""),
			"default/c2":      pt.PVC("c2", "pv2", ""),
			"default/c3":      pt.PVC("c3", "pv3", ""),
			"default/other":   pt.PVC("other", "pv-other", ""),
			"default/unbound": pt.PVC("unbound", "", "ebs"),
		},
		PVs: map[string]*apiobj.PersistentVolume{
			"pv1": csiPV("pv1", "ebs.csi", "vol-1"), "pv2": csiPV("pv2", "ebs.csi", "vol-2"),
			"pv3": csiPV("pv3", "ebs.csi", "vol-3"), "pv-other": csiPV("pv-other", "other.csi", "vol-x"),
		},
		StorageClasses: map[string]*apiobj.StorageClass{"ebs": sc},
		CSINodes: map[string]*apiobj.CSINode{"n": func() *apiobj.CSINode {
			c := &apiobj.CSINode{}
			c.Name = "n"
			c.Spec.Drivers = []apiobj.CSINodeDriver{{Name: "ebs.csi", Allocatable: &apiobj.VolumeNodeResources{Count: apiobj.Int32(2)}}}
			return c
		}()},
	}
	const exceeded = "Unschedulable: " + ErrReasonMaxVolumeCountExceeded
	tests := []struct {
		name     string
		pod      *apiobj.Pod
		existing []*apiobj.Pod
		node     *apiobj.Node
		want     string
	}{
		{name: "under the limit", pod: pt.MakePod("p").PVC("c1").Obj(), existing: []*apiobj.Pod{pt.MakePod("e").Node("n").PVC("c2").Obj()}, want: "Success"},
		{name: "over the limit", pod: pt.MakePod("p").PVC("c1").Obj(),
			existing: []*apiobj.Pod{pt.MakePod("e").Node("n").PVC("c2").PVC("c3").Obj()}, want: exceeded},
		{name: "a shared volume counts once", pod: pt.MakePod("p").PVC("c2").Obj(),
			existing: []*apiobj.Pod{pt.MakePod("e").Node("n").PVC("c2").PVC("c3").Obj()}, want: "Success"},
		{name: "other drivers are not limited", pod: pt.MakePod("p").PVC("other").Obj(),
			existing: []*apiobj.Pod{pt.MakePod("e").Node("n").PVC("c2").PVC("c3").Obj()}, want: "Success"},
		{name: "unbound claims count by provisioner", pod: pt.MakePod("p").PVC("unbound").Obj(),
			existing: []*apiobj.Pod{pt.MakePod("e").Node("n").PVC("c2").PVC("c3").Obj()}, want: exceeded},
		{name: "node allocatable limit", pod: pt.MakePod("p").PVC("other").Obj(),
			existing: []*apiobj.Pod{pt.MakePod("e").Node("m").PVC("other").Obj()},
			node:     pt.MakeNode("m").Capacity(CSIAttachLimitPrefix+"other.csi", "1").Obj(), want: "Success"},
		{name: "node allocatable limit exceeded", pod: pt.MakePod("p").PVC("c1").Obj(),
			existing: []*apiobj.Pod{pt.MakePod("e").Node("m").PVC("c2").Obj()},
			node:     pt.MakeNode("m").Capacity(CSIAttachLimitPrefix+"ebs.csi", "1").Obj(), want: exceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			node := tt.node
			if node == nil {
				node = pt.MakeNode("n").Obj()
			}
			h := pt.Handle(tt.existing, []*apiobj.Node{node})
			h.PVCs = storage
			pl, _ := NewFactory(Listers{CSINodes: storage, PVs: storage, StorageClasses: storage})(nil, h)
			pre, st := pt.Filter(t, pl, h, tt.pod)
			if pre != nil {
				t.Fatalf("PreFilter: %v", pre)
			}
			if got := pt.Codes(st)[node.Name]; got != tt.want {
				t.Errorf("Filter = %q, want %q", got, tt.want)
			}
		})
	}
}
