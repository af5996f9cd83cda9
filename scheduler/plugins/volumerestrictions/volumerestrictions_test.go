package volumerestrictions

import (
	"testing"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
	pt "github.com/orcaproj/orca/scheduler/plugins/internal/plugintest"
)

func gce(pd string, ro bool) apiobj.Volume {
	return apiobj.Volume{Name: pd, VolumeSource: apiobj.VolumeSource{GCEPersistentDisk: &apiobj.GCEPersistentDiskVolumeSource{PDName: pd, ReadOnly: ro}}}
}

func ebs(id string) apiobj.Volume {
	return apiobj.Volume{Name: id, VolumeSource: apiobj.VolumeSource{AWSElasticBlockStore: &apiobj.AWSElasticBlockStoreVolumeSource{VolumeID: id}}}
}

func rbd(mons []string, pool, image string, ro bool) apiobj.Volume {
	return apiobj.Volume{Name: image, VolumeSource: apiobj.VolumeSource{RBD: &apiobj.RBDVolumeSource{CephMonitors: mons, RBDPool: pool, RBDImage: image, ReadOnly: ro}}}
}

func iscsi(iqn string, ro bool) apiobj.Volume {
	return apiobj.Volume{Name: iqn, VolumeSource: apiobj.VolumeSource{ISCSI: &apiobj.ISCSIVolumeSource{IQN: iqn, ReadOnly: ro}}}
}

func TestDiskConflicts(t *testing.T) {
	t.Parallel()
	const conflict = "Unschedulable: " + ErrReasonDiskConflict
	tests := []struct {
		name     string
		pod      apiobj.Volume
		existing apiobj.Volume
		want     string
	}{
		{"gce same disk", gce("foo", false), gce("foo", false), conflict},
		{"gce other disk", gce("foo", false), gce("bar", false), "Success"},
		{"gce both read-only", gce("foo", true), gce("foo", true), "Success"},
		{"gce one read-only", gce("foo", true), gce("foo", false), conflict},
		{"ebs same volume", ebs("v1"), ebs("v1"), conflict},
		{"ebs other volume", ebs("v1"), ebs("v2"), "Success"},
		{"rbd same image, overlapping monitors", rbd([]string{"a", "b"}, "p", "img", false), rbd([]string{"b", "c"}, "p", "img", false), conflict},
		{"rbd disjoint monitors", rbd([]string{"a"}, "p", "img", false), rbd([]string{"c"}, "p", "img", false), "Success"},
		{"rbd both read-only", rbd([]string{"a"}, "p", "img", true), rbd([]string{"a"}, "p", "img", true), "Success"},
		{"iscsi same iqn", iscsi("iqn.1", false), iscsi("iqn.1", false), conflict},
		{"iscsi read-only", iscsi("iqn.1", true), iscsi("iqn.1", true), "Success"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			existing := pt.MakePod("e").Node("n").Volume(tt.existing).Obj()
			h := pt.Handle([]*apiobj.Pod{existing}, []*apiobj.Node{pt.MakeNode("n").Obj()})
			pl, _ := New(nil, h)
			_, st := pt.Filter(t, pl, h, pt.MakePod("p").Volume(tt.pod).Obj())
			if got := pt.Codes(st)["n"]; got != tt.want {
				t.Errorf("Filter = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReadWriteOncePod(t *testing.T) {
	t.Parallel()
	storage := &pt.Storage{PVCs: map[string]*apiobj.PersistentVolumeClaim{
		"default/rwop": pt.PVC("rwop", "", "", apiobj.ReadWriteOncePod),
		"default/rwo":  pt.PVC("rwo", "", "", apiobj.ReadWriteOnce),
	}}
	user := pt.MakePod("user").Node("n1").PVC("rwop").Obj()
	nodes := []*apiobj.Node{pt.MakeNode("n1").Obj(), pt.MakeNode("n2").Obj()}
	tests := []struct {
		name string
		pod  *apiobj.Pod
		pods []*apiobj.Pod
		pre  string
		want string
	}{
		{name: "claim in use: every node", pod: pt.MakePod("p").PVC("rwop").Obj(), pods: []*apiobj.Pod{user},
			want: "Unschedulable: " + ErrReasonReadWriteOncePodConflict},
		{name: "claim free", pod: pt.MakePod("p").PVC("rwop").Obj(), want: "Success"},
		{name: "not ReadWriteOncePod", pod: pt.MakePod("p").PVC("rwo").Obj(), pods: []*apiobj.Pod{pt.MakePod("u").Node("n1").PVC("rwo").Obj()}, want: "Success"},
		{name: "missing claim", pod: pt.MakePod("p").PVC("nope").Obj(), pre: `UnschedulableAndUnresolvable: persistentvolumeclaim "nope" not found`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := pt.Handle(tt.pods, nodes)
			h.PVCs = storage
			pl, _ := New(nil, h)
			pre, st := pt.Filter(t, pl, h, tt.pod)
			if tt.pre != "" {
				if got := pre.Code().String() + ": " + pre.Message(); got != tt.pre {
					t.Fatalf("PreFilter = %q, want %q", got, tt.pre)
				}
				return
			}
			for _, n := range []string{"n1", "n2"} {
				if got := pt.Codes(st)[n]; got != tt.want {
					t.Errorf("%s: %q, want %q", n, got, tt.want)
				}
			}
		})
	}
}

func TestReadWriteOncePodPreemption(t *testing.T) {
	t.Parallel()
	storage := &pt.Storage{PVCs: map[string]*apiobj.PersistentVolumeClaim{"default/rwop": pt.PVC("rwop", "", "", apiobj.ReadWriteOncePod)}}
	user := pt.MakePod("user").Node("n1").PVC("rwop").Obj()
	h := pt.Handle([]*apiobj.Pod{user}, []*apiobj.Node{pt.MakeNode("n1").Obj()})
	h.PVCs = storage
	p, _ := New(nil, h)
	pl := p.(*VolumeRestrictions)
	pod := pt.MakePod("p").PVC("rwop").Obj()
	state := framework.NewCycleState()
	pl.PreFilter(t.Context(), state, pod)
	ni, _ := h.Snapshot.NodeInfos().Get("n1")
	removed := state.Clone()
	pl.RemovePod(t.Context(), removed, pod, framework.NewPodInfo(user), ni)
	if st := pl.Filter(t.Context(), removed, pod, ni); !st.IsSuccess() {
		t.Errorf("after removing the user: %v", st)
	}
	if st := pl.Filter(t.Context(), state, pod, ni); st.IsSuccess() {
		t.Error("the original state changed")
	}
}

func TestSkip(t *testing.T) {
	t.Parallel()
	h := pt.Handle(nil, nil)
	p, _ := New(nil, h)
	if _, st := p.(*VolumeRestrictions).PreFilter(t.Context(), framework.NewCycleState(), pt.MakePod("p").Obj()); !st.IsSkip() {
		t.Errorf("PreFilter = %v, want Skip", st)
	}
}
