package plugintest

import (
	"context"
	"testing"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
)

// Handle returns a Handle over a snapshot of pods and nodes, with a
// single-goroutine parallelizer.
func Handle(pods []*apiobj.Pod, nodes []*apiobj.Node) framework.Handle {
	return framework.Handle{Snapshot: framework.NewSnapshot(pods, nodes), Parallelizer: framework.NewParallelizer(4)}
}

// Filter runs pl's PreFilter (if any) and then Filter on every node of
// the snapshot, and returns each node's status by name. A PreFilter
// rejection is returned as pre, with nil statuses; a Skip skips Filter
// (every node then gets nil). Nodes outside a PreFilterResult get the
// status "skipped".
func Filter(t testing.TB, pl framework.Plugin, h framework.Handle, pod *apiobj.Pod) (pre *framework.Status, statuses map[string]*framework.Status) {
	t.Helper()
	ctx := context.Background()
	state := framework.NewCycleState()
	nodes, err := h.Snapshot.NodeInfos().List()
	if err != nil {
		t.Fatal(err)
	}
	var result *framework.PreFilterResult
	skip := false
	if pf, ok := pl.(framework.PreFilterPlugin); ok {
		var st *framework.Status
		result, st = pf.PreFilter(ctx, state, pod)
		if st.IsSkip() {
			skip = true
		} else if !st.IsSuccess() {
			return st, nil
		}
	}
	statuses = map[string]*framework.Status{}
	f, isFilter := pl.(framework.FilterPlugin)
	for _, ni := range nodes {
		if !result.AllNodes() {
			if _, ok := result.NodeNames[ni.NodeName()]; !ok {
				statuses[ni.NodeName()] = framework.NewStatus(framework.UnschedulableAndUnresolvable, "skipped")
				continue
			}
		}
		if skip || !isFilter {
			statuses[ni.NodeName()] = nil
			continue
		}
		statuses[ni.NodeName()] = f.Filter(ctx, state, pod, ni)
	}
	return nil, statuses
}

// Scores runs pl's PreScore (if any), Score on every given node (all of
// the snapshot's when names is nil) and NormalizeScore, and returns the
// scores by node name. A PreScore Skip returns nil scores and the status.
func Scores(t testing.TB, pl framework.ScorePlugin, h framework.Handle, pod *apiobj.Pod, names ...string) (map[string]int64, *framework.Status) {
	t.Helper()
	ctx := context.Background()
	state := framework.NewCycleState()
	all, err := h.Snapshot.NodeInfos().List()
	if err != nil {
		t.Fatal(err)
	}
	nodes := all
	if names != nil {
		nodes = nil
		for _, n := range names {
			ni, err := h.Snapshot.NodeInfos().Get(n)
			if err != nil {
				t.Fatal(err)
			}
			nodes = append(nodes, ni)
		}
	}
	if ps, ok := pl.(framework.PreScorePlugin); ok {
		if st := ps.PreScore(ctx, state, pod, nodes); !st.IsSuccess() {
			return nil, st
		}
	}
	list := make(framework.NodeScoreList, len(nodes))
	for i, ni := range nodes {
		s, st := pl.Score(ctx, state, pod, ni)
		if !st.IsSuccess() {
			t.Fatalf("Score(%s): %v", ni.NodeName(), st)
		}
		list[i] = framework.NodeScore{Name: ni.NodeName(), Score: s}
	}
	if ext := pl.ScoreExtensions(); ext != nil {
		if st := ext.NormalizeScore(ctx, state, pod, list); !st.IsSuccess() {
			t.Fatalf("NormalizeScore: %v", st)
		}
	}
	out := make(map[string]int64, len(list))
	for _, s := range list {
		out[s.Name] = s.Score
	}
	return out, nil
}

// Codes maps statuses to their codes and reasons, for comparing.
func Codes(statuses map[string]*framework.Status) map[string]string {
	out := make(map[string]string, len(statuses))
	for n, s := range statuses {
		out[n] = s.Code().String()
		if m := s.Message(); m != "" {
			out[n] += ": " + m
		}
	}
	return out
}
