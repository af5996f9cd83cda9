package plugins_test

import (
	"context"
	"testing"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins"
	pt "github.com/orcaproj/orca/scheduler/plugins/internal/plugintest"
)

// TestHotPathsDoNotAllocate runs each default plugin's Filter and Score,
// after its PreFilter and PreScore, and checks that they do not allocate
// per node, whether they accept or reject it.
func TestHotPathsDoNotAllocate(t *testing.T) {
	nodes := []*apiobj.Node{
		pt.MakeNode("full").Label(apiobj.LabelTopologyZone, "a").Capacity("cpu", "1", "memory", "1Gi").
			Taint("dedicated", "x", apiobj.TaintEffectNoSchedule).Taint("soft", "y", apiobj.TaintEffectPreferNoSchedule).
			Image(500<<20, "img:latest").Obj(),
		pt.MakeNode("free").Label(apiobj.LabelTopologyZone, "b").Capacity("cpu", "8", "memory", "8Gi").Obj(),
	}
	existing := []*apiobj.Pod{
		pt.MakePod("e1").Node("full").Label("app", "web").Req("cpu", "1").HostPort("", "", 80).
			PodAntiAffinity(pt.PodAffinityTerm(apiobj.LabelHostname, "app", "web")).
			PreferredPodAffinity(3, pt.PodAffinityTerm(apiobj.LabelTopologyZone, "app", "web")).Obj(),
	}
	pods := map[string]*apiobj.Pod{
		"basic": pt.MakePod("p").Req("cpu", "500m", "memory", "100Mi").Obj(),
		"everything": pt.MakePod("p").Label("app", "web").Req("cpu", "500m").HostPort("", "", 80).
			NodeSelector(map[string]string{apiobj.LabelTopologyZone: "b"}).
			NodeAffinityPreferred(1, pt.Term(pt.Expr(apiobj.LabelTopologyZone, apiobj.NodeSelectorOpIn, "b"))).
			PodAffinity(pt.PodAffinityTerm(apiobj.LabelTopologyZone, "app", "web")).
			PodAntiAffinity(pt.PodAffinityTerm(apiobj.LabelHostname, "app", "web")).
			PreferredPodAntiAffinity(1, pt.PodAffinityTerm(apiobj.LabelHostname, "app", "web")).
			SpreadConstraint(1, apiobj.LabelTopologyZone, apiobj.DoNotSchedule, "app", "web").
			SpreadConstraint(1, apiobj.LabelTopologyZone, apiobj.ScheduleAnyway, "app", "web").Obj(),
	}
	h := pt.Handle(existing, nodes)
	h.Runner = &pt.Runner{}
	r := plugins.NewInTreeRegistry()
	var pls []framework.Plugin
	for _, ref := range plugins.DefaultPlugins().MultiPoint.Enabled {
		p, err := r[ref.Name](nil, h)
		if err != nil {
			t.Fatal(err)
		}
		pls = append(pls, p)
	}
	all, _ := h.Snapshot.NodeInfos().List()
	ctx := context.Background()
	for name, pod := range pods {
		state := framework.NewCycleState()
		for _, p := range pls {
			if pf, ok := p.(framework.PreFilterPlugin); ok {
				if _, st := pf.PreFilter(ctx, state, pod); st.IsSkip() {
					state.SkipFilter(p.Name())
				} else if !st.IsSuccess() {
					t.Fatalf("%s: %s PreFilter: %v", name, p.Name(), st)
				}
			}
		}
		for _, p := range pls {
			f, ok := p.(framework.FilterPlugin)
			if !ok || state.FilterSkipped(p.Name()) {
				continue
			}
			for _, ni := range all {
				if a := testing.AllocsPerRun(20, func() { f.Filter(ctx, state, pod, ni) }); a != 0 {
					t.Errorf("%s: %s Filter on %s allocates %v times", name, p.Name(), ni.NodeName(), a)
				}
			}
		}
		for _, p := range pls {
			s, ok := p.(framework.ScorePlugin)
			if !ok {
				continue
			}
			if ps, ok := p.(framework.PreScorePlugin); ok {
				if st := ps.PreScore(ctx, state, pod, all); st.IsSkip() {
					continue
				} else if !st.IsSuccess() {
					t.Fatalf("%s: %s PreScore: %v", name, p.Name(), st)
				}
			}
			for _, ni := range all {
				if a := testing.AllocsPerRun(20, func() { s.Score(ctx, state, pod, ni) }); a != 0 {
					t.Errorf("%s: %s Score on %s allocates %v times", name, p.Name(), ni.NodeName(), a)
				}
			}
		}
	}
}
