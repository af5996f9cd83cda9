package podtopologyspread

import (
	"testing"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
	pt "github.com/orcaproj/orca/scheduler/plugins/internal/plugintest"
)

// liveLister is a SharedLister whose nodes a test changes between cycles,
// as the scheduler's snapshot changes.
type liveLister struct{ nodes []*framework.NodeInfo }

func (l *liveLister) NodeInfos() framework.NodeInfoLister       { return l }
func (l *liveLister) StorageInfos() framework.StorageInfoLister { return nil }
func (l *liveLister) List() ([]*framework.NodeInfo, error)      { return l.nodes, nil }
func (l *liveLister) HavePodsWithAffinityList() ([]*framework.NodeInfo, error) {
	return nil, nil
}
func (l *liveLister) HavePodsWithRequiredAntiAffinityList() ([]*framework.NodeInfo, error) {
	return nil, nil
}
func (l *liveLister) Get(name string) (*framework.NodeInfo, error) {
	for _, ni := range l.nodes {
		if ni.NodeName() == name {
			return ni, nil
		}
	}
	return nil, framework.ErrPodNotFound
}

// TestCountsFollowTheSnapshot checks that counts kept across cycles equal
// a fresh count after pods and nodes change.
func TestCountsFollowTheSnapshot(t *testing.T) {
	t.Parallel()
	live := &liveLister{}
	for _, n := range fourNodes() {
		ni := framework.NewNodeInfo()
		ni.SetNode(n)
		live.nodes = append(live.nodes, ni)
	}
	h := framework.Handle{Snapshot: live, Parallelizer: framework.NewParallelizer(2)}
	pl, err := NewWithArgs(Args{}, h, nil)
	if err != nil {
		t.Fatal(err)
	}
	pod := pt.MakePod("p").Label("foo", "").SpreadConstraint(1, zone, apiobj.DoNotSchedule, "foo", "").
		SpreadConstraint(1, zone, apiobj.ScheduleAnyway, "foo", "").Obj()
	counts := func() (hard map[string]int64, soft map[string]int64) {
		state := framework.NewCycleState()
		if _, st := pl.PreFilter(t.Context(), state, pod); !st.IsSuccess() {
			t.Fatal(st)
		}
		if st := pl.PreScore(t.Context(), state, pod, live.nodes); !st.IsSuccess() {
			t.Fatal(st)
		}
		s, _ := getPreFilterState(state)
		d, _ := state.Read(preScoreStateKey)
		ps := d.(*preScoreState)
		hard, soft = map[string]int64{}, map[string]int64{}
		for _, v := range []string{"a", "b"} {
			hard[v] = s.views[0].get(v)
			if id, ok := ps.domains[0][v]; ok {
				soft[v] = ps.counts[0][id]
			}
		}
		return hard, soft
	}
	check := func(step string, wantA, wantB int64) {
		t.Helper()
		hard, soft := counts()
		if hard["a"] != wantA || hard["b"] != wantB || soft["a"] != wantA || soft["b"] != wantB {
			t.Errorf("%s: hard %v soft %v, want a=%d b=%d", step, hard, soft, wantA, wantB)
		}
	}
	check("empty", 0, 0)
	live.nodes[0].AddPod(foo("x1", "a1"))
	live.nodes[2].AddPod(foo("x2", "b1"))
	live.nodes[2].AddPod(pt.MakePod("other").Node("b1").Obj())
	check("pods added", 1, 1)
	if err := live.nodes[2].RemovePod(foo("x2", "b1")); err != nil {
		t.Fatal(err)
	}
	check("pod removed", 1, 0)
	// Replacing a NodeInfo (a new pointer) and dropping a node.
	c := live.nodes[0].Clone()
	c.AddPod(foo("x3", "a1"))
	live.nodes[0] = c
	check("node replaced", 2, 0)
	live.nodes = live.nodes[1:]
	check("node removed", 0, 0)
	// Relabel a node into zone b.
	n := pt.MakeNode("a2").Label(zone, "b").Obj()
	live.nodes[0].SetNode(n)
	live.nodes[0].AddPod(foo("x4", "a2"))
	check("node relabelled", 0, 1)
}

func TestCounterLRU(t *testing.T) {
	t.Parallel()
	var c counters
	first := c.get("first")
	for i := range maxCounters {
		c.get(string(rune('a' + i)))
		c.get("first")
	}
	if c.get("first") != first {
		t.Error("the most recently used counter was evicted")
	}
	if len(c.m) > maxCounters {
		t.Errorf("%d counters kept", len(c.m))
	}
}
