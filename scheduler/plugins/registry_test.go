package plugins

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/orcaproj/orca/scheduler/framework"
	pt "github.com/orcaproj/orca/scheduler/plugins/internal/plugintest"
)

// points lists the extension points a plugin implements.
func points(p framework.Plugin) []string {
	var out []string
	add := func(ok bool, name string) {
		if ok {
			out = append(out, name)
		}
	}
	_, ok := p.(framework.PreEnqueuePlugin)
	add(ok, "PreEnqueue")
	_, ok = p.(framework.QueueSortPlugin)
	add(ok, "QueueSort")
	_, ok = p.(framework.PreFilterPlugin)
	add(ok, "PreFilter")
	_, ok = p.(framework.FilterPlugin)
	add(ok, "Filter")
	_, ok = p.(framework.PostFilterPlugin)
	add(ok, "PostFilter")
	_, ok = p.(framework.PreScorePlugin)
	add(ok, "PreScore")
	_, ok = p.(framework.ScorePlugin)
	add(ok, "Score")
	_, ok = p.(framework.ReservePlugin)
	add(ok, "Reserve")
	_, ok = p.(framework.PermitPlugin)
	add(ok, "Permit")
	_, ok = p.(framework.PreBindPlugin)
	add(ok, "PreBind")
	_, ok = p.(framework.BindPlugin)
	add(ok, "Bind")
	_, ok = p.(framework.PostBindPlugin)
	add(ok, "PostBind")
	return out
}

func TestRegistry(t *testing.T) {
	t.Parallel()
	h := pt.Handle(nil, nil)
	h.Runner = &pt.Runner{}
	r := NewInTreeRegistry()
	got := map[string][]string{}
	for name, f := range r {
		p, err := f(nil, h)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if p.Name() != name {
			t.Errorf("plugin registered as %q is named %q", name, p.Name())
		}
		got[name] = points(p)
	}
	want := map[string][]string{
		"SchedulingGates":                 {"PreEnqueue"},
		"PrioritySort":                    {"QueueSort"},
		"NodeUnschedulable":               {"Filter"},
		"NodeName":                        {"Filter"},
		"TaintToleration":                 {"Filter", "PreScore", "Score"},
		"NodeAffinity":                    {"PreFilter", "Filter", "PreScore", "Score"},
		"NodePorts":                       {"PreFilter", "Filter"},
		"NodeResourcesFit":                {"PreFilter", "Filter", "PreScore", "Score"},
		"VolumeRestrictions":              {"PreFilter", "Filter"},
		"NodeVolumeLimits":                {"PreFilter", "Filter"},
		"VolumeBinding":                   {"PreFilter", "Filter"},
		"PodTopologySpread":               {"PreFilter", "Filter", "PreScore", "Score"},
		"InterPodAffinity":                {"PreFilter", "Filter", "PreScore", "Score"},
		"DefaultPreemption":               {"PostFilter"},
		"NodeResourcesBalancedAllocation": {"PreScore", "Score"},
		"ImageLocality":                   {"PreScore", "Score"},
		"DefaultBinder":                   {"Bind"},
		"Coscheduling":                    {"PreFilter", "Reserve", "Permit", "PostBind"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("extension points (-want +got):\n%s", d)
	}
	// Registries are fresh values.
	delete(r, "DefaultBinder")
	if _, ok := NewInTreeRegistry()["DefaultBinder"]; !ok {
		t.Error("registries share state")
	}
}

func TestDefaultPlugins(t *testing.T) {
	t.Parallel()
	r := NewInTreeRegistry()
	weights := map[string]int32{}
	var names []string
	for _, p := range DefaultPlugins().MultiPoint.Enabled {
		if _, ok := r[p.Name]; !ok {
			t.Errorf("default plugin %q is not registered", p.Name)
		}
		weights[p.Name] = p.Weight
		names = append(names, p.Name)
	}
	if slices.Contains(names, "Coscheduling") {
		t.Error("Coscheduling is enabled by default")
	}
	want := map[string]int32{
		"TaintToleration": 3, "NodeAffinity": 2, "NodeResourcesFit": 1, "PodTopologySpread": 2,
		"InterPodAffinity": 2, "NodeResourcesBalancedAllocation": 1, "ImageLocality": 1,
	}
	for name, w := range want {
		if weights[name] != w {
			t.Errorf("weight of %s = %d, want %d", name, weights[name], w)
		}
	}
	if len(names) != 17 {
		t.Errorf("%d default plugins, want 17", len(names))
	}
	DefaultPlugins().MultiPoint.Enabled[0].Name = "changed"
	if DefaultPlugins().MultiPoint.Enabled[0].Name == "changed" {
		t.Error("DefaultPlugins shares state")
	}
}
