package interpodaffinity

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/scheduler/framework"
	pt "github.com/orcaproj/orca/scheduler/plugins/internal/plugintest"
)

const (
	zone     = "zone"
	ok       = "Success"
	affinity = "UnschedulableAndUnresolvable: " + ErrReasonAffinityRulesNotMatch
	anti     = "Unschedulable: " + ErrReasonAntiAffinityRulesNotMatch
	existing = "Unschedulable: " + ErrReasonExistingAntiAffinityRulesNotMatch
)

type namespaces map[string]map[string]string

func (n namespaces) GetNamespace(name string) (*apiobj.Namespace, error) {
	l, ok := n[name]
	if !ok {
		return nil, fmt.Errorf("namespace %q: %w", name, errdefs.ErrNotFound)
	}
	ns := &apiobj.Namespace{}
	ns.Name = name
	ns.Labels = l
	return ns, nil
}

func newPlugin(t *testing.T, h framework.Handle, args string) *InterPodAffinity {
	t.Helper()
	var raw json.RawMessage
	if args != "" {
		raw = json.RawMessage(args)
	}
	p, err := New(raw, h)
	if err != nil {
		t.Fatal(err)
	}
	return p.(*InterPodAffinity)
}

// Nodes a1 and a2 are in zone a, b1 in zone b, and x has no zone.
func testNodes() []*apiobj.Node {
	return []*apiobj.Node{
		pt.MakeNode("a1").Label(zone, "a").Obj(),
		pt.MakeNode("a2").Label(zone, "a").Obj(),
		pt.MakeNode("b1").Label(zone, "b").Obj(),
		pt.MakeNode("x").Obj(),
	}
}

func TestFilter(t *testing.T) {
	t.Parallel()
	sel := func(k, v string) apiobj.PodAffinityTerm { return pt.PodAffinityTerm(zone, k, v) }
	host := func(k, v string) apiobj.PodAffinityTerm { return pt.PodAffinityTerm(apiobj.LabelHostname, k, v) }
	tests := []struct {
		name string
		pod  *apiobj.Pod
		pods []*apiobj.Pod
		ns   namespaces
		pre  string
		want map[string]string
	}{
		{name: "no terms and no existing anti-affinity: skipped", pod: pt.MakePod("p").Obj(),
			pods: []*apiobj.Pod{pt.MakePod("e").Node("a1").Label("app", "db").Obj()},
			want: map[string]string{"a1": ok, "a2": ok, "b1": ok, "x": ok}},
		{name: "affinity to a pod in zone a", pod: pt.MakePod("p").PodAffinity(sel("app", "db")).Obj(),
			pods: []*apiobj.Pod{pt.MakePod("e").Node("a1").Label("app", "db").Obj()},
			want: map[string]string{"a1": ok, "a2": ok, "b1": affinity, "x": affinity}},
		{name: "affinity by hostname", pod: pt.MakePod("p").PodAffinity(host("app", "db")).Obj(),
			pods: []*apiobj.Pod{pt.MakePod("e").Node("a1").Label("app", "db").Obj()},
			want: map[string]string{"a1": ok, "a2": affinity, "b1": affinity, "x": affinity}},
		{name: "first pod of a self-affine group goes anywhere with the key",
			pod:  pt.MakePod("p").Label("app", "web").PodAffinity(sel("app", "web")).Obj(),
			pods: []*apiobj.Pod{pt.MakePod("e").Node("a1").Label("app", "db").Obj()},
			want: map[string]string{"a1": ok, "a2": ok, "b1": ok, "x": affinity}},
		{name: "not self-affine and no match: nowhere",
			pod:  pt.MakePod("p").PodAffinity(sel("app", "web")).Obj(),
			want: map[string]string{"a1": affinity, "a2": affinity, "b1": affinity, "x": affinity}},
		{name: "all affinity terms must match the same pod",
			pod: pt.MakePod("p").PodAffinity(sel("app", "db")).PodAffinity(sel("tier", "back")).Obj(),
			pods: []*apiobj.Pod{
				pt.MakePod("e1").Node("a1").Label("app", "db").Obj(),
				pt.MakePod("e2").Node("b1").Label("app", "db").Label("tier", "back").Obj(),
			},
			want: map[string]string{"a1": affinity, "a2": affinity, "b1": ok, "x": affinity}},
		{name: "anti-affinity by zone", pod: pt.MakePod("p").PodAntiAffinity(sel("app", "db")).Obj(),
			pods: []*apiobj.Pod{pt.MakePod("e").Node("a1").Label("app", "db").Obj()},
			want: map[string]string{"a1": anti, "a2": anti, "b1": ok, "x": ok}},
		{name: "anti-affinity in another namespace does not match",
			pod:  pt.MakePod("p").PodAntiAffinity(sel("app", "db")).Obj(),
			pods: []*apiobj.Pod{pt.MakePod("e").Namespace("other").Node("a1").Label("app", "db").Obj()},
			want: map[string]string{"a1": ok, "a2": ok, "b1": ok, "x": ok}},
		{name: "anti-affinity with namespaces",
			pod: func() *apiobj.Pod {
				term := sel("app", "db")
				term.Namespaces = []string{"other"}
				return pt.MakePod("p").PodAntiAffinity(term).Obj()
			}(),
			pods: []*apiobj.Pod{pt.MakePod("e").Namespace("other").Node("a1").Label("app", "db").Obj()},
			want: map[string]string{"a1": anti, "a2": anti, "b1": ok, "x": ok}},
		{name: "anti-affinity with a namespace selector",
			pod: func() *apiobj.Pod {
				term := sel("app", "db")
				term.NamespaceSelector = &apiobj.LabelSelector{MatchLabels: map[string]string{"team": "red"}}
				return pt.MakePod("p").PodAntiAffinity(term).Obj()
			}(),
			pods: []*apiobj.Pod{
				pt.MakePod("e1").Namespace("red1").Node("a1").Label("app", "db").Obj(),
				pt.MakePod("e2").Namespace("blue").Node("b1").Label("app", "db").Obj(),
			},
			ns:   namespaces{"red1": {"team": "red"}, "blue": {"team": "blue"}},
			want: map[string]string{"a1": anti, "a2": anti, "b1": ok, "x": ok}},
		{name: "an empty namespace selector selects every namespace",
			pod: func() *apiobj.Pod {
				term := sel("app", "db")
				term.NamespaceSelector = &apiobj.LabelSelector{}
				return pt.MakePod("p").PodAntiAffinity(term).Obj()
			}(),
			pods: []*apiobj.Pod{pt.MakePod("e").Namespace("blue").Node("b1").Label("app", "db").Obj()},
			want: map[string]string{"a1": ok, "a2": ok, "b1": anti, "x": ok}},
		{name: "existing pod's anti-affinity rejects the pod in its domain",
			pod:  pt.MakePod("p").Label("app", "web").Obj(),
			pods: []*apiobj.Pod{pt.MakePod("e").Node("b1").PodAntiAffinity(sel("app", "web")).Obj()},
			want: map[string]string{"a1": ok, "a2": ok, "b1": existing, "x": ok}},
		{name: "existing pod's anti-affinity by hostname",
			pod:  pt.MakePod("p").Label("app", "web").Obj(),
			pods: []*apiobj.Pod{pt.MakePod("e").Node("a1").PodAntiAffinity(host("app", "web")).Obj()},
			want: map[string]string{"a1": existing, "a2": ok, "b1": ok, "x": ok}},
		{name: "existing anti-affinity that does not match is ignored",
			pod:  pt.MakePod("p").Label("app", "api").Obj(),
			pods: []*apiobj.Pod{pt.MakePod("e").Node("a1").PodAntiAffinity(host("app", "web")).Obj()},
			want: map[string]string{"a1": ok, "a2": ok, "b1": ok, "x": ok}},
		{name: "matchLabelKeys narrow the selector to the pod's own value",
			pod: func() *apiobj.Pod {
				term := sel("app", "web")
				term.MatchLabelKeys = []string{"version"}
				return pt.MakePod("p").Label("app", "web").Label("version", "v2").PodAntiAffinity(term).Obj()
			}(),
			pods: []*apiobj.Pod{
				pt.MakePod("e1").Node("a1").Label("app", "web").Label("version", "v1").Obj(),
				pt.MakePod("e2").Node("b1").Label("app", "web").Label("version", "v2").Obj(),
			},
			want: map[string]string{"a1": ok, "a2": ok, "b1": anti, "x": ok}},
		{name: "mismatchLabelKeys exclude the pod's own value",
			pod: func() *apiobj.Pod {
				term := sel("app", "web")
				term.MismatchLabelKeys = []string{"tenant"}
				return pt.MakePod("p").Label("tenant", "t1").PodAntiAffinity(term).Obj()
			}(),
			pods: []*apiobj.Pod{
				pt.MakePod("e1").Node("a1").Label("app", "web").Label("tenant", "t1").Obj(),
				pt.MakePod("e2").Node("b1").Label("app", "web").Label("tenant", "t2").Obj(),
			},
			want: map[string]string{"a1": ok, "a2": ok, "b1": anti, "x": ok}},
		{name: "invalid selector", pod: pt.MakePod("p").PodAffinity(apiobj.PodAffinityTerm{TopologyKey: zone,
			LabelSelector: &apiobj.LabelSelector{MatchExpressions: []apiobj.LabelSelectorRequirement{{Key: "a", Operator: "Bogus"}}}}).Obj(),
			pre: "UnschedulableAndUnresolvable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := pt.Handle(tt.pods, testNodes())
			if tt.ns != nil {
				h.Namespaces = tt.ns
			}
			pre, st := pt.Filter(t, newPlugin(t, h, ""), h, tt.pod)
			if tt.pre != "" || pre != nil {
				if got := pre.Code().String(); got != tt.pre {
					t.Fatalf("PreFilter = %v, want %s", pre, tt.pre)
				}
				return
			}
			if d := cmp.Diff(tt.want, pt.Codes(st)); d != "" {
				t.Errorf("Filter (-want +got):\n%s", d)
			}
		})
	}
}

func TestAddRemovePod(t *testing.T) {
	t.Parallel()
	pod := pt.MakePod("p").Label("app", "web").PodAntiAffinity(pt.PodAffinityTerm(zone, "app", "db")).Obj()
	db := pt.MakePod("db").Node("a1").Label("app", "db").Obj()
	guard := pt.MakePod("guard").Node("b1").PodAntiAffinity(pt.PodAffinityTerm(zone, "app", "web")).Obj()
	h := pt.Handle([]*apiobj.Pod{db}, testNodes())
	pl := newPlugin(t, h, "")
	ctx := t.Context()
	state := framework.NewCycleState()
	if _, st := pl.PreFilter(ctx, state, pod); !st.IsSuccess() {
		t.Fatal(st)
	}
	a1, _ := h.Snapshot.NodeInfos().Get("a1")
	b1, _ := h.Snapshot.NodeInfos().Get("b1")
	filter := func(s *framework.CycleState, ni *framework.NodeInfo) string {
		return pt.Codes(map[string]*framework.Status{"": pl.Filter(ctx, s, pod, ni)})[""]
	}

	// Without the db pod, zone a is open.
	removed := state.Clone()
	if st := pl.RemovePod(ctx, removed, pod, framework.NewPodInfo(db), a1); !st.IsSuccess() {
		t.Fatal(st)
	}
	if got := filter(removed, a1); got != ok {
		t.Errorf("after RemovePod: %s", got)
	}
	if got := filter(state, a1); got != anti {
		t.Errorf("the original state changed: %s", got)
	}

	// A pod whose anti-affinity rejects ours, added in zone b.
	added := state.Clone()
	if st := pl.AddPod(ctx, added, pod, framework.NewPodInfo(guard), b1); !st.IsSuccess() {
		t.Fatal(st)
	}
	if got := filter(added, b1); got != existing {
		t.Errorf("after AddPod: %s", got)
	}
	if got := filter(state, b1); got != ok {
		t.Errorf("the original state changed: %s", got)
	}
}

func TestScore(t *testing.T) {
	t.Parallel()
	sel := func(k, v string) apiobj.PodAffinityTerm { return pt.PodAffinityTerm(zone, k, v) }
	tests := []struct {
		name string
		args string
		pod  *apiobj.Pod
		pods []*apiobj.Pod
		want map[string]int64
		skip bool
	}{
		{name: "no affinity anywhere: skipped", pod: pt.MakePod("p").Obj(),
			pods: []*apiobj.Pod{pt.MakePod("e").Node("a1").Obj()}, skip: true},
		{name: "preferred affinity pulls to the zone",
			pod:  pt.MakePod("p").PreferredPodAffinity(5, sel("app", "db")).Obj(),
			pods: []*apiobj.Pod{pt.MakePod("e").Node("a1").Label("app", "db").Obj()},
			want: map[string]int64{"a1": 100, "a2": 100, "b1": 0, "x": 0}},
		{name: "preferred anti-affinity pushes away",
			pod:  pt.MakePod("p").PreferredPodAntiAffinity(5, sel("app", "db")).Obj(),
			pods: []*apiobj.Pod{pt.MakePod("e").Node("a1").Label("app", "db").Obj()},
			want: map[string]int64{"a1": 0, "a2": 0, "b1": 100, "x": 100}},
		{name: "weights of both kinds add up",
			pod: pt.MakePod("p").PreferredPodAffinity(8, sel("app", "db")).PreferredPodAntiAffinity(4, sel("app", "cache")).Obj(),
			pods: []*apiobj.Pod{
				pt.MakePod("e1").Node("a1").Label("app", "db").Obj(),
				pt.MakePod("e2").Node("a2").Label("app", "cache").Obj(),
				pt.MakePod("e3").Node("b1").Label("app", "cache").Obj(),
			},
			// zone a: 8-4 = 4, zone b: -4, x: 0 -> (4+4)/8, 0, 4/8.
			want: map[string]int64{"a1": 100, "a2": 100, "b1": 0, "x": 50}},
		{name: "existing pod's required affinity counts with hardPodAffinityWeight",
			pod:  pt.MakePod("p").Label("app", "web").Obj(),
			pods: []*apiobj.Pod{pt.MakePod("e").Node("b1").PodAffinity(sel("app", "web")).Obj()},
			want: map[string]int64{"a1": 0, "a2": 0, "b1": 100, "x": 0}},
		{name: "hardPodAffinityWeight 0 disables that", args: `{"hardPodAffinityWeight":0}`,
			pod:  pt.MakePod("p").Label("app", "web").Obj(),
			pods: []*apiobj.Pod{pt.MakePod("e").Node("b1").PodAffinity(sel("app", "web")).Obj()},
			skip: true},
		{name: "existing pod's preferred anti-affinity",
			pod:  pt.MakePod("p").Label("app", "web").Obj(),
			pods: []*apiobj.Pod{pt.MakePod("e").Node("b1").PreferredPodAntiAffinity(3, sel("app", "web")).Obj()},
			want: map[string]int64{"a1": 100, "a2": 100, "b1": 0, "x": 100}},
		{name: "ignorePreferredTermsOfExistingPods", args: `{"ignorePreferredTermsOfExistingPods":true}`,
			pod:  pt.MakePod("p").Label("app", "web").Obj(),
			pods: []*apiobj.Pod{pt.MakePod("e").Node("b1").PreferredPodAntiAffinity(3, sel("app", "web")).Obj()},
			skip: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := pt.Handle(tt.pods, testNodes())
			got, st := pt.Scores(t, newPlugin(t, h, tt.args), h, tt.pod)
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

func TestArgs(t *testing.T) {
	t.Parallel()
	h := pt.Handle(nil, nil)
	if _, err := New(json.RawMessage(`{"hardPodAffinityWeight":101}`), h); err == nil {
		t.Error("weight 101 accepted")
	}
	if _, err := New(nil, framework.Handle{}); err == nil {
		t.Error("a handle without snapshot accepted")
	}
}

func TestHint(t *testing.T) {
	t.Parallel()
	h := pt.Handle(nil, nil)
	pl := newPlugin(t, h, "")
	pod := pt.MakePod("p").PodAffinity(pt.PodAffinityTerm(zone, "app", "db")).Obj()
	if q, _ := pl.isSchedulableAfterPodChange(pod, nil, pt.MakePod("db").Label("app", "db").Obj()); q != framework.Queue {
		t.Errorf("matching pod added: %v", q)
	}
	if q, _ := pl.isSchedulableAfterPodChange(pod, nil, pt.MakePod("x").Obj()); q != framework.QueueSkip {
		t.Errorf("other pod added: %v", q)
	}
	antiPod := pt.MakePod("p").PodAntiAffinity(pt.PodAffinityTerm(zone, "app", "db")).Obj()
	if q, _ := pl.isSchedulableAfterPodChange(antiPod, pt.MakePod("db").Label("app", "db").Obj(), nil); q != framework.Queue {
		t.Errorf("conflicting pod deleted: %v", q)
	}
}
