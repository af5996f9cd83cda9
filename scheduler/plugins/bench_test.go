package plugins_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins"
	pt "github.com/orcaproj/orca/scheduler/plugins/internal/plugintest"
)

// benchCluster is 5000 nodes in 10 zones with 1000 pods placed.
func benchCluster(b *testing.B, podsPerNode int, mutate func(i int, p *pt.PodWrapper)) framework.Handle {
	b.Helper()
	const numNodes = 5000
	nodes := make([]*apiobj.Node, numNodes)
	for i := range nodes {
		nodes[i] = pt.MakeNode(fmt.Sprintf("node-%d", i)).Label(apiobj.LabelTopologyZone, fmt.Sprintf("zone-%d", i%10)).
			Capacity("cpu", "32", "memory", "128Gi").Obj()
	}
	var pods []*apiobj.Pod
	for i := range numNodes * podsPerNode / 5 {
		w := pt.MakePod(fmt.Sprintf("existing-%d", i)).Node(nodes[i%numNodes].Name).Label("app", fmt.Sprintf("app-%d", i%50)).Req("cpu", "100m", "memory", "500Mi")
		if mutate != nil {
			mutate(i, w)
		}
		pods = append(pods, w.Obj())
	}
	h := pt.Handle(pods, nodes)
	h.Parallelizer = framework.NewParallelizer(1)
	return h
}

// cycle runs every PreFilter and Filter over all nodes, then PreScore,
// Score and NormalizeScore of the scoring plugins over the feasible nodes,
// on one goroutine.
func cycle(b *testing.B, pls []framework.Plugin, h framework.Handle, pod *apiobj.Pod) int {
	ctx := context.Background()
	state := framework.NewCycleState()
	all, _ := h.Snapshot.NodeInfos().List()
	for _, p := range pls {
		if pf, ok := p.(framework.PreFilterPlugin); ok {
			_, st := pf.PreFilter(ctx, state, pod)
			if st.IsSkip() {
				state.SkipFilter(p.Name())
			} else if !st.IsSuccess() {
				b.Fatalf("%s PreFilter: %v", p.Name(), st)
			}
		}
	}
	feasible := make([]*framework.NodeInfo, 0, len(all))
	for _, ni := range all {
		ok := true
		for _, p := range pls {
			if f, isF := p.(framework.FilterPlugin); isF && !state.FilterSkipped(p.Name()) {
				if !f.Filter(ctx, state, pod, ni).IsSuccess() {
					ok = false
					break
				}
			}
		}
		if ok {
			feasible = append(feasible, ni)
		}
	}
	scores := make(framework.NodeScoreList, len(feasible))
	for _, p := range pls {
		s, ok := p.(framework.ScorePlugin)
		if !ok {
			continue
		}
		if ps, ok := p.(framework.PreScorePlugin); ok {
			if st := ps.PreScore(ctx, state, pod, feasible); st.IsSkip() {
				continue
			}
		}
		for i, ni := range feasible {
			v, _ := s.Score(ctx, state, pod, ni)
			scores[i] = framework.NodeScore{Name: ni.NodeName(), Score: v}
		}
		if e := s.ScoreExtensions(); e != nil {
			e.NormalizeScore(ctx, state, pod, scores)
		}
	}
	return len(feasible)
}

func defaultPlugins(b *testing.B, h framework.Handle) []framework.Plugin {
	r := plugins.NewInTreeRegistry()
	h.Runner = nil
	var out []framework.Plugin
	for _, ref := range plugins.DefaultPlugins().MultiPoint.Enabled {
		if ref.Name == "DefaultPreemption" {
			continue
		}
		p, err := r[ref.Name](nil, h)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

func benchCycle(b *testing.B, h framework.Handle, pod func(i int) *apiobj.Pod) {
	pls := defaultPlugins(b, h)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if cycle(b, pls, h, pod(i)) == 0 {
			b.Fatal("no feasible node")
		}
	}
}

// BenchmarkCycleBasic is one scheduling cycle of the default plugins over
// 5000 nodes, sequential (the scheduler runs Filter and Score in
// parallel).
func BenchmarkCycleBasic(b *testing.B) {
	h := benchCluster(b, 1, nil)
	benchCycle(b, h, func(i int) *apiobj.Pod {
		return pt.MakePod(fmt.Sprintf("p-%d", i)).Req("cpu", "100m", "memory", "500Mi").Obj()
	})
}

func BenchmarkCycleRequiredAntiAffinity(b *testing.B) {
	h := benchCluster(b, 1, func(i int, p *pt.PodWrapper) {
		p.Label("color", fmt.Sprintf("c-%d", i%2)).PodAntiAffinity(pt.PodAffinityTerm(apiobj.LabelHostname, "color", fmt.Sprintf("c-%d", i%2)))
	})
	benchCycle(b, h, func(i int) *apiobj.Pod {
		return pt.MakePod(fmt.Sprintf("p-%d", i)).Label("color", "new").Req("cpu", "100m", "memory", "500Mi").
			PodAntiAffinity(pt.PodAffinityTerm(apiobj.LabelHostname, "color", "new")).Obj()
	})
}

func BenchmarkCycleTopologySpreadHard(b *testing.B) {
	h := benchCluster(b, 1, nil)
	benchCycle(b, h, func(i int) *apiobj.Pod {
		return pt.MakePod(fmt.Sprintf("p-%d", i)).Label("app", "app-1").Req("cpu", "100m", "memory", "500Mi").
			SpreadConstraint(1, apiobj.LabelTopologyZone, apiobj.DoNotSchedule, "app", "app-1").Obj()
	})
}

func BenchmarkCycleTopologySpreadSoft(b *testing.B) {
	h := benchCluster(b, 1, nil)
	benchCycle(b, h, func(i int) *apiobj.Pod {
		return pt.MakePod(fmt.Sprintf("p-%d", i)).Label("app", "app-1").Req("cpu", "100m", "memory", "500Mi").
			SpreadConstraint(1, apiobj.LabelTopologyZone, apiobj.ScheduleAnyway, "app", "app-1").Obj()
	})
}

func BenchmarkCycleNodeAffinity(b *testing.B) {
	h := benchCluster(b, 1, nil)
	benchCycle(b, h, func(i int) *apiobj.Pod {
		return pt.MakePod(fmt.Sprintf("p-%d", i)).Req("cpu", "100m", "memory", "500Mi").
			NodeAffinityRequired(pt.Term(pt.Expr(apiobj.LabelTopologyZone, apiobj.NodeSelectorOpIn, "zone-1", "zone-2"))).Obj()
	})
}

// BenchmarkInterPodAffinityPreFilterAntiAffinity is kube-scheduler's
// required anti-affinity workload after 1000 replicas are placed: every
// pod repels the others by hostname.
func BenchmarkInterPodAffinityPreFilterAntiAffinity(b *testing.B) {
	term := pt.PodAffinityTerm(apiobj.LabelHostname, "color", "red")
	h := benchCluster(b, 1, func(i int, p *pt.PodWrapper) { p.Label("color", "red").PodAntiAffinity(term) })
	r := plugins.NewInTreeRegistry()
	pl, _ := r["InterPodAffinity"](nil, h)
	pf := pl.(framework.PreFilterPlugin)
	f := pl.(framework.FilterPlugin)
	all, _ := h.Snapshot.NodeInfos().List()
	pod := pt.MakePod("p").Label("color", "red").PodAntiAffinity(term).Obj()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		state := framework.NewCycleState()
		pf.PreFilter(ctx, state, pod)
		for _, ni := range all {
			f.Filter(ctx, state, pod, ni)
		}
	}
}
