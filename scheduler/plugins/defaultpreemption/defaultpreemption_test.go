package defaultpreemption

import (
	"context"
	"encoding/json"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
	pt "github.com/orcaproj/orca/scheduler/plugins/internal/plugintest"
	"github.com/orcaproj/orca/scheduler/plugins/noderesources"
	"github.com/orcaproj/orca/scheduler/plugins/podtopologyspread"
	"github.com/orcaproj/orca/scheduler/plugins/tainttoleration"
)

type evictor struct {
	mu      sync.Mutex
	evicted []string
}

func (e *evictor) Evict(_ context.Context, victim, _ *apiobj.Pod) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.evicted = append(e.evicted, victim.Name)
	return nil
}

type pdbs []*apiobj.PodDisruptionBudget

func (p pdbs) ListPDBs() ([]*apiobj.PodDisruptionBudget, error) { return p, nil }

type nominator struct {
	nominated map[string][]*apiobj.Pod
	cleared   []string
}

func (n *nominator) NominatedPodsForNode(node string) []*framework.PodInfo {
	var out []*framework.PodInfo
	for _, p := range n.nominated[node] {
		out = append(out, framework.NewPodInfo(p))
	}
	return out
}

func (n *nominator) ClearNominatedNodeName(_ context.Context, pods ...*apiobj.Pod) error {
	for _, p := range pods {
		n.cleared = append(n.cleared, p.Name)
	}
	return nil
}

type waitingPod struct {
	pod      *apiobj.Pod
	rejected string
}

func (w *waitingPod) Pod() *apiobj.Pod          { return w.pod }
func (w *waitingPod) PendingPlugins() []string  { return nil }
func (w *waitingPod) Allow(string)              {}
func (w *waitingPod) Reject(plugin, msg string) { w.rejected = plugin + ": " + msg }
func (w *waitingPod) key() string               { return framework.PodKey(w.pod) }

type waitingPods []*waitingPod

func (ws waitingPods) Iterate(fn func(framework.WaitingPod)) {
	for _, w := range ws {
		fn(w)
	}
}
func (ws waitingPods) Get(key string) framework.WaitingPod {
	for _, w := range ws {
		if w.key() == key {
			return w
		}
	}
	return nil
}

type env struct {
	pl      *DefaultPreemption
	ev      *evictor
	nom     *nominator
	state   *framework.CycleState
	status  *framework.NodeToStatus
	handle  framework.Handle
	runner  *pt.Runner
	pending *apiobj.Pod
}

// setup builds the plugin over pods and nodes, with NodeResourcesFit,
// TaintToleration and PodTopologySpread as the profile's filters, and runs
// the pod's PreFilter and Filter as a failed cycle would.
func setup(t *testing.T, pod *apiobj.Pod, pods []*apiobj.Pod, nodes []*apiobj.Node, budgets pdbs, w waitingPods) *env {
	t.Helper()
	h := pt.Handle(pods, nodes)
	fit, _ := noderesources.NewFit(nil, h)
	taint, _ := tainttoleration.New(nil, h)
	spread, err := podtopologyspread.New(nil, h)
	if err != nil {
		t.Fatal(err)
	}
	runner := &pt.Runner{Plugins: []framework.Plugin{fit, taint, spread}}
	e := &env{ev: &evictor{}, nom: &nominator{nominated: map[string][]*apiobj.Pod{}}, runner: runner, pending: pod}
	h.Runner = runner
	h.Evictor = e.ev
	h.Nominator = e.nom
	if budgets != nil {
		h.PDBs = budgets
	}
	if w != nil {
		h.WaitingPods = w
	}
	e.handle = h
	p, err := New(nil, h)
	if err != nil {
		t.Fatal(err)
	}
	e.pl = p.(*DefaultPreemption)
	e.pl.randIntN = func(int) int { return 0 }
	e.pl.now = func() time.Time { return time.Unix(1000, 0) }
	e.state = framework.NewCycleState()
	if st := runner.PreFilter(t.Context(), e.state, pod); !st.IsSuccess() {
		t.Fatalf("PreFilter: %v", st)
	}
	e.status = framework.NewNodeToStatus(nil, nil)
	all, _ := h.Snapshot.NodeInfos().List()
	for _, ni := range all {
		if st := runner.RunFilterPluginsWithNominatedPods(t.Context(), e.state, pod, ni); !st.IsSuccess() {
			e.status.Set(ni.NodeName(), st)
		}
	}
	return e
}

func (e *env) run(t *testing.T) (string, string) {
	t.Helper()
	res, st := e.pl.PostFilter(t.Context(), e.state, e.pending, e.status)
	nominated := "<none>"
	if res != nil && res.NominatingInfo != nil {
		nominated = res.NominatedNodeName
	}
	msg := st.Code().String()
	if m := st.Message(); m != "" {
		msg += ": " + m
	}
	return nominated, msg
}

func cpuNode(name, cpu string) *apiobj.Node { return pt.MakeNode(name).Capacity("cpu", cpu).Obj() }

func cpuPod(name, node string, prio int32, cpu string) *apiobj.Pod {
	return pt.MakePod(name).Node(node).Priority(prio).Req("cpu", cpu).Obj()
}

func TestPostFilter(t *testing.T) {
	t.Parallel()
	never := apiobj.PreemptNever
	tests := []struct {
		name          string
		pod           *apiobj.Pod
		pods          []*apiobj.Pod
		nodes         []*apiobj.Node
		pdbs          pdbs
		wantNominated string
		wantStatus    string
		wantEvicted   []string
	}{
		{
			name:          "preempts a lower-priority pod",
			pod:           cpuPod("p", "", 100, "1"),
			pods:          []*apiobj.Pod{cpuPod("low", "n1", 1, "2")},
			nodes:         []*apiobj.Node{cpuNode("n1", "2")},
			wantNominated: "n1", wantStatus: "Success", wantEvicted: []string{"low"},
		},
		{
			name:          "no lower-priority pods",
			pod:           cpuPod("p", "", 100, "1"),
			pods:          []*apiobj.Pod{cpuPod("high", "n1", 200, "2")},
			nodes:         []*apiobj.Node{cpuNode("n1", "2")},
			wantNominated: "",
			wantStatus:    "Unschedulable: preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod",
		},
		{
			name:       "preemptionPolicy Never",
			pod:        func() *apiobj.Pod { p := cpuPod("p", "", 100, "1"); p.Spec.PreemptionPolicy = &never; return p }(),
			pods:       []*apiobj.Pod{cpuPod("low", "n1", 1, "2")},
			nodes:      []*apiobj.Node{cpuNode("n1", "2")},
			wantStatus: "Unschedulable: preemption: " + MsgPolicyNever, wantNominated: "<none>",
		},
		{
			name:  "unresolvable nodes are not tried",
			pod:   cpuPod("p", "", 100, "1"),
			pods:  []*apiobj.Pod{cpuPod("low", "n1", 1, "2")},
			nodes: []*apiobj.Node{pt.MakeNode("n1").Capacity("cpu", "4").Taint("k", "v", apiobj.TaintEffectNoSchedule).Obj(), cpuNode("n2", "0")},
			// n1 has a taint (unresolvable); n2 has no room and no victims.
			wantNominated: "",
			wantStatus:    "Unschedulable: preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling",
		},
		{
			name:          "the fewest victims, least important first",
			pod:           cpuPod("p", "", 100, "1"),
			pods:          []*apiobj.Pod{cpuPod("a", "n1", 5, "1"), cpuPod("b", "n1", 1, "1"), cpuPod("c", "n1", 3, "1")},
			nodes:         []*apiobj.Node{cpuNode("n1", "3")},
			wantNominated: "n1", wantStatus: "Success", wantEvicted: []string{"b"},
		},
		{
			name: "the node whose most important victim matters least",
			pod:  cpuPod("p", "", 100, "2"),
			pods: []*apiobj.Pod{
				cpuPod("n1-a", "n1", 10, "1"), cpuPod("n1-b", "n1", 10, "1"),
				cpuPod("n2-a", "n2", 20, "2"),
			},
			nodes:         []*apiobj.Node{cpuNode("n1", "2"), cpuNode("n2", "2")},
			wantNominated: "n1", wantStatus: "Success", wantEvicted: []string{"n1-a", "n1-b"},
		},
		{
			name: "the node without PDB violations",
			pod:  cpuPod("p", "", 100, "1"),
			pods: []*apiobj.Pod{
				pt.MakePod("guarded").Node("n1").Priority(1).Req("cpu", "1").Label("app", "db").Obj(),
				cpuPod("free", "n2", 10, "1"),
			},
			nodes: []*apiobj.Node{cpuNode("n1", "1"), cpuNode("n2", "1")},
			pdbs: pdbs{func() *apiobj.PodDisruptionBudget {
				b := &apiobj.PodDisruptionBudget{}
				b.Namespace = "default"
				b.Spec.Selector = &apiobj.LabelSelector{MatchLabels: map[string]string{"app": "db"}}
				b.Status.DisruptionsAllowed = 0
				return b
			}()},
			wantNominated: "n2", wantStatus: "Success", wantEvicted: []string{"free"},
		},
		{
			name: "a PDB with room does not count as violated",
			pod:  cpuPod("p", "", 100, "1"),
			pods: []*apiobj.Pod{
				pt.MakePod("guarded").Node("n1").Priority(1).Req("cpu", "1").Label("app", "db").Obj(),
				cpuPod("free", "n2", 10, "1"),
			},
			nodes: []*apiobj.Node{cpuNode("n1", "1"), cpuNode("n2", "1")},
			pdbs: pdbs{func() *apiobj.PodDisruptionBudget {
				b := &apiobj.PodDisruptionBudget{}
				b.Namespace = "default"
				b.Spec.Selector = &apiobj.LabelSelector{MatchLabels: map[string]string{"app": "db"}}
				b.Status.DisruptionsAllowed = 1
				return b
			}()},
			wantNominated: "n1", wantStatus: "Success", wantEvicted: []string{"guarded"},
		},
		{
			name: "a hard spread constraint is satisfied by preemption (RemovePod extension)",
			pod: pt.MakePod("p").Priority(100).Label("app", "web").
				SpreadConstraint(1, apiobj.LabelHostname, apiobj.DoNotSchedule, "app", "web").Obj(),
			pods: []*apiobj.Pod{
				pt.MakePod("w1").Node("n1").Priority(1).Label("app", "web").Obj(),
				pt.MakePod("w2").Node("n1").Priority(1).Label("app", "web").Obj(),
				pt.MakePod("w3").Node("n2").Priority(200).Label("app", "web").Obj(),
			},
			nodes: []*apiobj.Node{pt.MakeNode("n1").Obj(), pt.MakeNode("n2").Obj()},
			// n2 holds one pod, so n1 may keep one of its two.
			wantNominated: "n1", wantStatus: "Success", wantEvicted: []string{"w2"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := setup(t, tt.pod, tt.pods, tt.nodes, tt.pdbs, nil)
			nominated, status := e.run(t)
			if nominated != tt.wantNominated || status != tt.wantStatus {
				t.Errorf("PostFilter = %q, %q; want %q, %q", nominated, status, tt.wantNominated, tt.wantStatus)
			}
			slices.Sort(e.ev.evicted)
			if d := cmp.Diff(tt.wantEvicted, e.ev.evicted); d != "" {
				t.Errorf("evicted (-want +got):\n%s", d)
			}
		})
	}
}

func TestTerminatingVictimsBlockPreemption(t *testing.T) {
	t.Parallel()
	pod := cpuPod("p", "", 100, "1")
	pod.Status.NominatedNodeName = "n1"
	dying := cpuPod("dying", "n1", 1, "2")
	dying.DeletionTimestamp = &apiobj.Time{Time: time.Unix(1, 0)}
	e := setup(t, pod, []*apiobj.Pod{dying}, []*apiobj.Node{cpuNode("n1", "2")}, nil, nil)
	if _, status := e.run(t); status != "Unschedulable: preemption: "+MsgTerminatingVictims {
		t.Errorf("status = %q", status)
	}
}

func TestWaitingVictimsAreRejectedAndNominationsCleared(t *testing.T) {
	t.Parallel()
	pod := cpuPod("p", "", 100, "1")
	low := cpuPod("low", "n1", 1, "2")
	w := &waitingPod{pod: low}
	e := setup(t, pod, []*apiobj.Pod{low}, []*apiobj.Node{cpuNode("n1", "2")}, nil, waitingPods{w})
	e.nom.nominated["n1"] = []*apiobj.Pod{cpuPod("lower-nominee", "", 50, "1"), cpuPod("higher-nominee", "", 500, "1")}
	if nominated, status := e.run(t); nominated != "n1" || status != "Success" {
		t.Fatalf("PostFilter = %q, %q", nominated, status)
	}
	if w.rejected != Name+": preempted" {
		t.Errorf("waiting victim: %q", w.rejected)
	}
	if len(e.ev.evicted) != 0 {
		t.Errorf("evicted %v; the waiting victim should be rejected instead", e.ev.evicted)
	}
	if d := cmp.Diff([]string{"lower-nominee"}, e.nom.cleared); d != "" {
		t.Errorf("cleared nominations (-want +got):\n%s", d)
	}
}

func TestNoEvictor(t *testing.T) {
	t.Parallel()
	pod := cpuPod("p", "", 100, "1")
	e := setup(t, pod, []*apiobj.Pod{cpuPod("low", "n1", 1, "2")}, []*apiobj.Node{cpuNode("n1", "2")}, nil, nil)
	e.pl.h.Evictor = nil
	if _, status := e.run(t); status[:5] != "Error" {
		t.Errorf("status = %q, want an Error", status)
	}
}

func TestPickOne(t *testing.T) {
	t.Parallel()
	now := time.Unix(1000, 0)
	pod := func(prio int32, start int64) *apiobj.Pod {
		return pt.MakePod("v").Priority(prio).StartTime(time.Unix(start, 0)).Obj()
	}
	tests := []struct {
		name  string
		cands []Candidate
		want  string
	}{
		{"fewest PDB violations", []Candidate{
			{Node: "a", Victims: []*apiobj.Pod{pod(1, 0)}, NumPDBViolations: 2},
			{Node: "b", Victims: []*apiobj.Pod{pod(9, 0)}, NumPDBViolations: 1},
		}, "b"},
		{"lowest highest priority", []Candidate{
			{Node: "a", Victims: []*apiobj.Pod{pod(5, 0)}},
			{Node: "b", Victims: []*apiobj.Pod{pod(3, 0), pod(3, 0), pod(2, 0)}},
		}, "b"},
		{"smallest sum of priorities", []Candidate{
			{Node: "a", Victims: []*apiobj.Pod{pod(5, 0), pod(4, 0)}},
			{Node: "b", Victims: []*apiobj.Pod{pod(5, 0), pod(3, 0)}},
		}, "b"},
		{"negative priorities do not favour more victims", []Candidate{
			{Node: "a", Victims: []*apiobj.Pod{pod(-5, 0), pod(-5, 0)}},
			{Node: "b", Victims: []*apiobj.Pod{pod(-5, 0)}},
		}, "b"},
		{"fewest victims", []Candidate{
			{Node: "a", Victims: []*apiobj.Pod{pod(0, 0), pod(0, 0)}},
			{Node: "b", Victims: []*apiobj.Pod{pod(0, 0)}},
		}, "b"},
		{"latest start of the most important victims", []Candidate{
			{Node: "a", Victims: []*apiobj.Pod{pod(5, 100), pod(1, 900)}},
			{Node: "b", Victims: []*apiobj.Pod{pod(5, 200), pod(1, 10)}},
		}, "b"},
		{"the first of equals", []Candidate{
			{Node: "a", Victims: []*apiobj.Pod{pod(1, 1)}},
			{Node: "b", Victims: []*apiobj.Pod{pod(1, 1)}},
		}, "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.cands[pickOne(tt.cands, now)].Node; got != tt.want {
				t.Errorf("pickOne = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestSplitByPDBViolation(t *testing.T) {
	t.Parallel()
	b := &apiobj.PodDisruptionBudget{}
	b.Namespace = "default"
	b.Spec.Selector = &apiobj.LabelSelector{MatchLabels: map[string]string{"app": "db"}}
	b.Status.DisruptionsAllowed = 1
	b.Status.DisruptedPods = map[string]apiobj.Time{"already": {}}
	pods := []*apiobj.Pod{
		pt.MakePod("a").Label("app", "db").Obj(),
		pt.MakePod("already").Label("app", "db").Obj(),
		pt.MakePod("b").Label("app", "db").Obj(),
		pt.MakePod("c").Label("app", "web").Obj(),
		pt.MakePod("d").Namespace("other").Label("app", "db").Obj(),
	}
	id := func(p *apiobj.Pod) *apiobj.Pod { return p }
	viol, non := splitByPDBViolation(pods, id, compilePDBs([]*apiobj.PodDisruptionBudget{b}))
	names := func(ps []*apiobj.Pod) (out []string) {
		for _, p := range ps {
			out = append(out, p.Name)
		}
		return out
	}
	if d := cmp.Diff([]string{"b"}, names(viol)); d != "" {
		t.Errorf("violating (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"a", "already", "c", "d"}, names(non)); d != "" {
		t.Errorf("non-violating (-want +got):\n%s", d)
	}
}

func TestArgs(t *testing.T) {
	t.Parallel()
	h := pt.Handle(nil, nil)
	h.Runner = &pt.Runner{}
	for _, args := range []string{`{"minCandidateNodesPercentage":101}`, `{"minCandidateNodesAbsolute":-1}`,
		`{"minCandidateNodesPercentage":0,"minCandidateNodesAbsolute":0}`} {
		if _, err := New(json.RawMessage(args), h); err == nil {
			t.Errorf("%s accepted", args)
		}
	}
	p, err := New(json.RawMessage(`{"minCandidateNodesPercentage":20,"minCandidateNodesAbsolute":5}`), h)
	if err != nil {
		t.Fatal(err)
	}
	pl := p.(*DefaultPreemption)
	for n, want := range map[int]int{3: 3, 10: 5, 100: 20} {
		if got := pl.numCandidates(n); got != want {
			t.Errorf("numCandidates(%d) = %d, want %d", n, got, want)
		}
	}
}
