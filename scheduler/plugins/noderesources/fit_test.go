package noderesources

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
	pt "github.com/orcaproj/orca/scheduler/plugins/internal/plugintest"
)

func newFit(t *testing.T, args string) *Fit {
	t.Helper()
	var raw json.RawMessage
	if args != "" {
		raw = json.RawMessage(args)
	}
	p, err := NewFit(raw, framework.Handle{})
	if err != nil {
		t.Fatal(err)
	}
	return p.(*Fit)
}

func TestFitFilter(t *testing.T) {
	t.Parallel()
	// The node: 10 cpu, 20Gi memory, 20Gi ephemeral, 5 example.com/gpu, 3 pods.
	node := pt.MakeNode("n").Capacity("cpu", "10", "memory", "20Gi", "ephemeral-storage", "20Gi", "example.com/gpu", "5", "pods", "3").Obj()
	used := func(kv ...string) []*apiobj.Pod {
		return []*apiobj.Pod{pt.MakePod("existing").Node("n").Req(kv...).Obj()}
	}
	tests := []struct {
		name     string
		args     string
		pod      *apiobj.Pod
		existing []*apiobj.Pod
		want     string
	}{
		{name: "no requests always fit", pod: pt.MakePod("p").Obj(), existing: used("cpu", "10", "memory", "20Gi"), want: "Success"},
		{name: "fits", pod: pt.MakePod("p").Req("cpu", "1", "memory", "1Gi").Obj(), existing: used("cpu", "5", "memory", "5Gi"), want: "Success"},
		{name: "exactly full fits", pod: pt.MakePod("p").Req("cpu", "5", "memory", "15Gi").Obj(), existing: used("cpu", "5", "memory", "5Gi"), want: "Success"},
		{name: "too much cpu and memory", pod: pt.MakePod("p").Req("cpu", "1", "memory", "1Gi").Obj(), existing: used("cpu", "10", "memory", "20Gi"),
			want: "Unschedulable: Insufficient cpu, Insufficient memory"},
		{name: "too much cpu", pod: pt.MakePod("p").Req("cpu", "6").Obj(), existing: used("cpu", "5"), want: "Unschedulable: Insufficient cpu"},
		{name: "init container raises the request", pod: pt.MakePod("p").Req("cpu", "1").InitReq("cpu", "3").Obj(), existing: used("cpu", "8"),
			want: "Unschedulable: Insufficient cpu"},
		{name: "init container smaller than containers", pod: pt.MakePod("p").Req("cpu", "2").InitReq("cpu", "1").Obj(), existing: used("cpu", "8"), want: "Success"},
		{name: "overhead counts", pod: pt.MakePod("p").Req("memory", "1Gi").Overhead("memory", "1Gi").Obj(), existing: used("memory", "19Gi"),
			want: "Unschedulable: Insufficient memory"},
		{name: "ephemeral storage", pod: pt.MakePod("p").Req("ephemeral-storage", "11Gi").Obj(), existing: used("ephemeral-storage", "10Gi"),
			want: "Unschedulable: Insufficient ephemeral-storage"},
		{name: "extended resource", pod: pt.MakePod("p").Req("example.com/gpu", "2").Obj(), existing: used("example.com/gpu", "4"),
			want: "Unschedulable: Insufficient example.com/gpu"},
		{name: "extended resource the node lacks", pod: pt.MakePod("p").Req("example.com/fpga", "1").Obj(),
			want: "Unschedulable: Insufficient example.com/fpga"},
		{name: "ignored extended resource", args: `{"ignoredResources":["example.com/fpga"]}`, pod: pt.MakePod("p").Req("example.com/fpga", "1").Obj(), want: "Success"},
		{name: "ignored resource group", args: `{"ignoredResourceGroups":["example.com"]}`, pod: pt.MakePod("p").Req("example.com/fpga", "1").Obj(), want: "Success"},
		{name: "hugepages are not ignorable", args: `{"ignoredResources":["hugepages-2Mi"]}`, pod: pt.MakePod("p").Req("hugepages-2Mi", "2Mi").Obj(),
			want: "Unschedulable: Insufficient hugepages-2Mi"},
		{name: "too many pods", pod: pt.MakePod("p").Obj(),
			existing: []*apiobj.Pod{pt.MakePod("a").Node("n").Obj(), pt.MakePod("b").Node("n").Obj(), pt.MakePod("c").Node("n").Obj()},
			want:     "Unschedulable: Too many pods"},
		{name: "too many pods and cpu", pod: pt.MakePod("p").Req("cpu", "11").Obj(),
			existing: []*apiobj.Pod{pt.MakePod("a").Node("n").Obj(), pt.MakePod("b").Node("n").Obj(), pt.MakePod("c").Node("n").Obj()},
			want:     "Unschedulable: Too many pods, Insufficient cpu"},
		{name: "gpu and cpu", pod: pt.MakePod("p").Req("cpu", "11", "example.com/gpu", "6").Obj(),
			want: "Unschedulable: Insufficient cpu, Insufficient example.com/gpu"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			pl := newFit(t, tt.args)
			pre, st := pt.Filter(t, pl, pt.Handle(tt.existing, []*apiobj.Node{node}), tt.pod)
			if pre != nil {
				t.Fatalf("PreFilter: %v", pre)
			}
			if got := pt.Codes(st)["n"]; got != tt.want {
				t.Errorf("Filter = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFitsReportsAmounts(t *testing.T) {
	t.Parallel()
	ni := framework.NewNodeInfo(pt.MakePod("e").Req("cpu", "3").Obj())
	ni.SetNode(pt.MakeNode("n").Capacity("cpu", "4").Obj())
	got := Fits(pt.MakePod("p").Req("cpu", "2").Obj(), ni)
	want := []InsufficientResource{{ResourceName: apiobj.ResourceCPU, Reason: "Insufficient cpu", Requested: 2000, Used: 3000, Capacity: 4000}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("Fits (-want +got):\n%s", d)
	}
}

func TestFitFilterDoesNotAllocate(t *testing.T) {
	pl := newFit(t, "")
	h := pt.Handle([]*apiobj.Pod{pt.MakePod("e").Node("n").Req("cpu", "9").Obj()},
		[]*apiobj.Node{pt.MakeNode("n").Capacity("cpu", "10", "memory", "1Gi").Obj()})
	ni, _ := h.Snapshot.NodeInfos().Get("n")
	state := framework.NewCycleState()
	pod := pt.MakePod("p").Req("cpu", "2", "memory", "2Gi").Obj()
	pl.PreFilter(t.Context(), state, pod)
	allocs := testing.AllocsPerRun(100, func() {
		if st := pl.Filter(t.Context(), state, pod, ni); st.IsSuccess() {
			t.Fatal("want rejection")
		}
	})
	if allocs != 0 {
		t.Errorf("Filter allocates %v times per rejected node", allocs)
	}
}

func TestFitScore(t *testing.T) {
	t.Parallel()
	// Two containers: 1+2 cpu and 2000+3000 bytes of memory, as in
	// kube-scheduler's tables.
	pod := pt.MakePod("p").Req("cpu", "1", "memory", "2000").Container("img", "cpu", "2", "memory", "3000").Obj()
	nodes := []*apiobj.Node{
		pt.MakeNode("n1").Capacity("cpu", "4", "memory", "10000").Obj(),
		pt.MakeNode("n2").Capacity("cpu", "6", "memory", "10000").Obj(),
	}
	rtc := `{"scoringStrategy":{"type":"RequestedToCapacityRatio","requestedToCapacityRatio":{"shape":[{"utilization":0,"score":0},{"utilization":100,"score":10}]}}}`
	tests := []struct {
		name string
		args string
		pod  *apiobj.Pod
		pods []*apiobj.Pod
		want map[string]int64
	}{
		// cpu (4-3)/4=25, memory (10000-5000)/10000=50: 37; cpu 50, memory 50: 50.
		{name: "least allocated", pod: pod, want: map[string]int64{"n1": 37, "n2": 50}},
		{name: "most allocated", args: `{"scoringStrategy":{"type":"MostAllocated"}}`, pod: pod, want: map[string]int64{"n1": 62, "n2": 50}},
		{name: "requested to capacity ratio, increasing", args: rtc, pod: pod, want: map[string]int64{"n1": 63, "n2": 50}},
		{name: "weights", args: `{"scoringStrategy":{"type":"LeastAllocated","resources":[{"name":"cpu","weight":3},{"name":"memory","weight":1}]}}`,
			pod: pod, want: map[string]int64{"n1": (25*3 + 50) / 4, "n2": 50}},
		// Requests of nothing count as 100m and 200Mi: (4000-100)/4000 -> 97,
		// memory 10000 < 200Mi -> 0: 48; n2: (6000-100)/6000=98 -> 49.
		{name: "best effort pod uses the non-zero defaults", pod: pt.MakePod("be").Obj(), want: map[string]int64{"n1": 48, "n2": 49}},
		{name: "existing pods count", pod: pod, pods: []*apiobj.Pod{pt.MakePod("e").Node("n2").Req("cpu", "3", "memory", "5000").Obj()},
			want: map[string]int64{"n1": 37, "n2": 0}},
		{name: "extended resource scored only when requested",
			args: `{"scoringStrategy":{"resources":[{"name":"cpu","weight":1},{"name":"example.com/gpu","weight":1}]}}`,
			pod:  pt.MakePod("p").Req("cpu", "1").Obj(), want: map[string]int64{"n1": 75, "n2": 83}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			pl := newFit(t, tt.args)
			got, st := pt.Scores(t, pl, pt.Handle(tt.pods, nodes), tt.pod)
			if st != nil {
				t.Fatal(st)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("scores (-want +got):\n%s", d)
			}
		})
	}
}

func TestFitArgsValidation(t *testing.T) {
	t.Parallel()
	for _, args := range []string{
		`{"scoringStrategy":{"type":"Bogus"}}`,
		`{"scoringStrategy":{"type":"RequestedToCapacityRatio"}}`,
		`{"scoringStrategy":{"type":"RequestedToCapacityRatio","requestedToCapacityRatio":{"shape":[{"utilization":50,"score":1},{"utilization":40,"score":2}]}}}`,
		`{"scoringStrategy":{"type":"RequestedToCapacityRatio","requestedToCapacityRatio":{"shape":[{"utilization":50,"score":11}]}}}`,
		`{"scoringStrategy":{"resources":[{"name":"cpu","weight":0}]}}`,
		`{"unknownField":1}`,
	} {
		if _, err := NewFit(json.RawMessage(args), framework.Handle{}); err == nil {
			t.Errorf("NewFit(%s) succeeded", args)
		}
	}
}

func TestBrokenLinear(t *testing.T) {
	t.Parallel()
	shape := []shapePoint{{10, 1}, {30, 5}, {70, 2}}
	for p, want := range map[int64]int64{0: 1, 10: 1, 15: 2, 30: 5, 50: 4, 70: 2, 100: 2} {
		if got := brokenLinear(shape, p); got != want {
			t.Errorf("brokenLinear(%d) = %d, want %d", p, got, want)
		}
	}
}

func TestBalancedAllocation(t *testing.T) {
	t.Parallel()
	pod := pt.MakePod("p").Req("cpu", "1", "memory", "2000").Container("img", "cpu", "2", "memory", "3000").Obj()
	nodes := []*apiobj.Node{
		pt.MakeNode("n1").Capacity("cpu", "4", "memory", "10000").Obj(),
		pt.MakeNode("n2").Capacity("cpu", "6", "memory", "10000").Obj(),
	}
	tests := []struct {
		name string
		args string
		pod  *apiobj.Pod
		pods []*apiobj.Pod
		want map[string]int64
		skip bool
	}{
		// Fractions 0.75 and 0.5: std 0.125, score 87; 0.5 and 0.5: 100.
		{name: "differently sized nodes", pod: pod, want: map[string]int64{"n1": 87, "n2": 100}},
		{name: "existing pods count", pod: pod, pods: []*apiobj.Pod{pt.MakePod("e").Node("n2").Req("cpu", "3").Obj()},
			// n2: cpu 6/6 = 1, memory 0.5: std 0.25, 75.
			want: map[string]int64{"n1": 87, "n2": 75}},
		{name: "fraction capped at 1", pod: pt.MakePod("p").Req("cpu", "8", "memory", "5000").Obj(),
			// n1: cpu capped 1, memory 0.5 -> 75; n2: 1, 0.5 -> 75.
			want: map[string]int64{"n1": 75, "n2": 75}},
		{name: "best effort pods are skipped", pod: pt.MakePod("be").Obj(), skip: true},
		{name: "three resources", args: `{"resources":[{"name":"cpu","weight":1},{"name":"memory","weight":1},{"name":"example.com/gpu","weight":1}]}`,
			pod: pt.MakePod("p").Req("cpu", "2", "memory", "5000", "example.com/gpu", "1").Obj(),
			// gpu allocatable 0 on both nodes: not scored; n1 0.5,0.5 -> 100;
			// n2 1/3, 0.5 -> std 1/12 -> 91.
			want: map[string]int64{"n1": 100, "n2": 91}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var raw json.RawMessage
			if tt.args != "" {
				raw = json.RawMessage(tt.args)
			}
			p, err := NewBalancedAllocation(raw, framework.Handle{})
			if err != nil {
				t.Fatal(err)
			}
			got, st := pt.Scores(t, p.(framework.ScorePlugin), pt.Handle(tt.pods, nodes), tt.pod)
			if tt.skip {
				if !st.IsSkip() {
					t.Fatalf("PreScore = %v, want Skip", st)
				}
				return
			}
			if st != nil {
				t.Fatal(st)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("scores (-want +got):\n%s", d)
			}
		})
	}
}

func TestBalancedScoreThreeResources(t *testing.T) {
	t.Parallel()
	// Fractions 0.2, 0.5, 0.8: mean 0.5, std sqrt(0.06) = 0.2449 -> 75.
	if got := balancedScore([]int64{2, 5, 8}, []int64{10, 10, 10}); got != 75 {
		t.Errorf("balancedScore = %d, want 75", got)
	}
}

func TestFitEventsHints(t *testing.T) {
	t.Parallel()
	pod := pt.MakePod("p").Req("cpu", "2").Obj()
	small := pt.MakeNode("n").Capacity("cpu", "1").Obj()
	big := pt.MakeNode("n").Capacity("cpu", "4").Obj()
	if h, _ := isSchedulableAfterNodeChange(pod, nil, small); h != framework.QueueSkip {
		t.Errorf("small node added: %v", h)
	}
	if h, _ := isSchedulableAfterNodeChange(pod, nil, big); h != framework.Queue {
		t.Errorf("big node added: %v", h)
	}
	if h, _ := isSchedulableAfterNodeChange(pod, small, big); h != framework.Queue {
		t.Errorf("node grew: %v", h)
	}
	if h, _ := isSchedulableAfterNodeChange(pod, big, big); h != framework.QueueSkip {
		t.Errorf("node unchanged: %v", h)
	}
	if h, _ := isSchedulableAfterPodEvent(pod, pt.MakePod("x").Obj(), nil); h != framework.QueueSkip {
		t.Errorf("unscheduled pod deleted: %v", h)
	}
	if h, _ := isSchedulableAfterPodEvent(pod, pt.MakePod("x").Node("n").Obj(), nil); h != framework.Queue {
		t.Errorf("scheduled pod deleted: %v", h)
	}
}
