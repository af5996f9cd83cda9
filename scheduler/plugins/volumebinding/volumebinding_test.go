package volumebinding

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/orcaproj/orca/apiobj"
	pt "github.com/orcaproj/orca/scheduler/plugins/internal/plugintest"
)

func TestVolumeBinding(t *testing.T) {
	t.Parallel()
	wffc := apiobj.VolumeBindingWaitForFirstConsumer
	immediate := apiobj.VolumeBindingImmediate
	class := func(name, provisioner string, mode *apiobj.VolumeBindingMode, topo ...apiobj.TopologySelectorTerm) *apiobj.StorageClass {
		c := &apiobj.StorageClass{Provisioner: provisioner, VolumeBindingMode: mode, AllowedTopologies: topo}
		c.Name = name
		return c
	}
	local := &apiobj.PersistentVolume{}
	local.Name = "local-pv"
	local.Spec.NodeAffinity = &apiobj.VolumeNodeAffinity{Required: &apiobj.NodeSelector{NodeSelectorTerms: []apiobj.NodeSelectorTerm{
		pt.Term(pt.Expr(apiobj.LabelHostname, apiobj.NodeSelectorOpIn, "n1"))}}}
	anywhere := &apiobj.PersistentVolume{}
	anywhere.Name = "net-pv"
	deleting := pt.PVC("deleting", "", "")
	deleting.DeletionTimestamp = &apiobj.Time{}
	storage := &pt.Storage{
		PVCs: map[string]*apiobj.PersistentVolumeClaim{
			"default/local":     pt.PVC("local", "local-pv", ""),
			"default/net":       pt.PVC("net", "net-pv", ""),
			"default/ghost":     pt.PVC("ghost", "missing-pv", ""),
			"default/immediate": pt.PVC("immediate", "", "fast"),
			"default/delayed":   pt.PVC("delayed", "", "wffc"),
			"default/zoned":     pt.PVC("zoned", "", "zoned"),
			"default/manual":    pt.PVC("manual", "", "manual"),
			"default/deleting":  deleting,
		},
		PVs: map[string]*apiobj.PersistentVolume{"local-pv": local, "net-pv": anywhere},
		StorageClasses: map[string]*apiobj.StorageClass{
			"fast":   class("fast", "csi.example.com", &immediate),
			"wffc":   class("wffc", "csi.example.com", &wffc),
			"zoned":  class("zoned", "csi.example.com", &wffc, apiobj.TopologySelectorTerm{MatchLabelExpressions: []apiobj.TopologySelectorLabelRequirement{{Key: "zone", Values: []string{"b"}}}}),
			"manual": class("manual", NoProvisioner, &wffc),
		},
	}
	nodes := []*apiobj.Node{pt.MakeNode("n1").Label("zone", "a").Obj(), pt.MakeNode("n2").Label("zone", "b").Obj()}
	const (
		ok       = "Success"
		affinity = "UnschedulableAndUnresolvable: " + ErrReasonNodeConflict
		bind     = "UnschedulableAndUnresolvable: " + ErrReasonBindConflict
	)
	tests := []struct {
		name string
		pod  *apiobj.Pod
		pre  string
		want map[string]string
	}{
		{name: "no claims", pod: pt.MakePod("p").Obj(), want: map[string]string{"n1": ok, "n2": ok}},
		{name: "bound local volume", pod: pt.MakePod("p").PVC("local").Obj(), want: map[string]string{"n1": ok, "n2": affinity}},
		{name: "bound volume without affinity", pod: pt.MakePod("p").PVC("net").Obj(), want: map[string]string{"n1": ok, "n2": ok}},
		{name: "bound to a missing volume", pod: pt.MakePod("p").PVC("ghost").Obj(),
			want: map[string]string{"n1": "UnschedulableAndUnresolvable: " + ErrReasonPVNotExist, "n2": "UnschedulableAndUnresolvable: " + ErrReasonPVNotExist}},
		{name: "unbound immediate claim", pod: pt.MakePod("p").PVC("immediate").Obj(), pre: "UnschedulableAndUnresolvable: " + ErrUnboundImmediatePVC},
		{name: "missing claim", pod: pt.MakePod("p").PVC("nope").Obj(), pre: `UnschedulableAndUnresolvable: persistentvolumeclaim "nope" not found`},
		{name: "claim being deleted", pod: pt.MakePod("p").PVC("deleting").Obj(), pre: `UnschedulableAndUnresolvable: persistentvolumeclaim "deleting" is being deleted`},
		{name: "delayed binding, provisionable", pod: pt.MakePod("p").PVC("delayed").Obj(), want: map[string]string{"n1": ok, "n2": ok}},
		{name: "delayed binding, allowed topologies", pod: pt.MakePod("p").PVC("zoned").Obj(), want: map[string]string{"n1": bind, "n2": ok}},
		{name: "delayed binding without a provisioner", pod: pt.MakePod("p").PVC("manual").Obj(), want: map[string]string{"n1": bind, "n2": bind}},
		{name: "ephemeral claim not created yet", pod: pt.MakePod("p").Volume(apiobj.Volume{Name: "scratch", VolumeSource: apiobj.VolumeSource{Ephemeral: &apiobj.EphemeralVolumeSource{}}}).Obj(),
			pre: `UnschedulableAndUnresolvable: waiting for ephemeral volume controller to create the persistentvolumeclaim "p-scratch"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := pt.Handle(nil, nodes)
			h.PVCs = storage
			pl, _ := NewFactory(Listers{PVs: storage, StorageClasses: storage})(nil, h)
			pre, st := pt.Filter(t, pl, h, tt.pod)
			if tt.pre != "" || pre != nil {
				if got := pre.Code().String() + ": " + pre.Message(); got != tt.pre {
					t.Fatalf("PreFilter = %q, want %q", got, tt.pre)
				}
				return
			}
			if d := cmp.Diff(tt.want, pt.Codes(st)); d != "" {
				t.Errorf("Filter (-want +got):\n%s", d)
			}
		})
	}
}
