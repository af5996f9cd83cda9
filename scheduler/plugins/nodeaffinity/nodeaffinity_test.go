package nodeaffinity

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
	pt "github.com/orcaproj/orca/scheduler/plugins/internal/plugintest"
)

func newPlugin(t *testing.T, args string) *NodeAffinity {
	t.Helper()
	var raw json.RawMessage
	if args != "" {
		raw = json.RawMessage(args)
	}
	p, err := New(raw, framework.Handle{})
	if err != nil {
		t.Fatal(err)
	}
	return p.(*NodeAffinity)
}

const (
	ok       = "Success"
	mismatch = "UnschedulableAndUnresolvable: " + ErrReasonPod
	skipped  = "UnschedulableAndUnresolvable: skipped"
)

func TestFilter(t *testing.T) {
	t.Parallel()
	nodes := []*apiobj.Node{
		pt.MakeNode("n1").Label("zone", "a").Label("gpu", "4").Obj(),
		pt.MakeNode("n2").Label("zone", "b").Label("gpu", "1").Obj(),
		pt.MakeNode("n3").Obj(),
	}
	name := func(op apiobj.NodeSelectorOperator, v ...string) apiobj.NodeSelectorTerm {
		return apiobj.NodeSelectorTerm{MatchFields: []apiobj.NodeSelectorRequirement{pt.Expr(ObjectNameField, op, v...)}}
	}
	tests := []struct {
		name string
		args string
		pod  *apiobj.Pod
		pre  string
		want map[string]string
	}{
		{name: "no affinity: skipped", pod: pt.MakePod("p").Obj(), want: map[string]string{"n1": ok, "n2": ok, "n3": ok}},
		{name: "node selector", pod: pt.MakePod("p").NodeSelector(map[string]string{"zone": "a"}).Obj(),
			want: map[string]string{"n1": ok, "n2": mismatch, "n3": mismatch}},
		{name: "In", pod: pt.MakePod("p").NodeAffinityRequired(pt.Term(pt.Expr("zone", apiobj.NodeSelectorOpIn, "a", "b"))).Obj(),
			want: map[string]string{"n1": ok, "n2": ok, "n3": mismatch}},
		{name: "NotIn matches nodes without the label", pod: pt.MakePod("p").NodeAffinityRequired(pt.Term(pt.Expr("zone", apiobj.NodeSelectorOpNotIn, "a"))).Obj(),
			want: map[string]string{"n1": mismatch, "n2": ok, "n3": ok}},
		{name: "Exists", pod: pt.MakePod("p").NodeAffinityRequired(pt.Term(pt.Expr("gpu", apiobj.NodeSelectorOpExists))).Obj(),
			want: map[string]string{"n1": ok, "n2": ok, "n3": mismatch}},
		{name: "DoesNotExist", pod: pt.MakePod("p").NodeAffinityRequired(pt.Term(pt.Expr("gpu", apiobj.NodeSelectorOpDoesNotExist))).Obj(),
			want: map[string]string{"n1": mismatch, "n2": mismatch, "n3": ok}},
		{name: "Gt", pod: pt.MakePod("p").NodeAffinityRequired(pt.Term(pt.Expr("gpu", apiobj.NodeSelectorOpGt, "2"))).Obj(),
			want: map[string]string{"n1": ok, "n2": mismatch, "n3": mismatch}},
		{name: "Lt", pod: pt.MakePod("p").NodeAffinityRequired(pt.Term(pt.Expr("gpu", apiobj.NodeSelectorOpLt, "2"))).Obj(),
			want: map[string]string{"n1": mismatch, "n2": ok, "n3": mismatch}},
		{name: "terms are ORed", pod: pt.MakePod("p").NodeAffinityRequired(
			pt.Term(pt.Expr("zone", apiobj.NodeSelectorOpIn, "a")), pt.Term(pt.Expr("gpu", apiobj.NodeSelectorOpDoesNotExist))).Obj(),
			want: map[string]string{"n1": ok, "n2": mismatch, "n3": ok}},
		{name: "expressions are ANDed", pod: pt.MakePod("p").NodeAffinityRequired(
			pt.Term(pt.Expr("zone", apiobj.NodeSelectorOpIn, "a", "b"), pt.Expr("gpu", apiobj.NodeSelectorOpGt, "2"))).Obj(),
			want: map[string]string{"n1": ok, "n2": mismatch, "n3": mismatch}},
		{name: "empty term matches nothing", pod: pt.MakePod("p").NodeAffinityRequired(apiobj.NodeSelectorTerm{}).Obj(),
			want: map[string]string{"n1": mismatch, "n2": mismatch, "n3": mismatch}},
		{name: "no terms match nothing", pod: pt.MakePod("p").NodeAffinityRequired().Obj(),
			want: map[string]string{"n1": mismatch, "n2": mismatch, "n3": mismatch}},
		{name: "selector and affinity both apply", pod: pt.MakePod("p").NodeSelector(map[string]string{"zone": "b"}).
			NodeAffinityRequired(pt.Term(pt.Expr("gpu", apiobj.NodeSelectorOpExists))).Obj(),
			want: map[string]string{"n1": mismatch, "n2": ok, "n3": mismatch}},
		{name: "matchFields metadata.name restricts PreFilter", pod: pt.MakePod("p").NodeAffinityRequired(name(apiobj.NodeSelectorOpIn, "n2")).Obj(),
			want: map[string]string{"n1": skipped, "n2": ok, "n3": skipped}},
		{name: "matchFields NotIn", pod: pt.MakePod("p").NodeAffinityRequired(name(apiobj.NodeSelectorOpNotIn, "n2")).Obj(),
			want: map[string]string{"n1": ok, "n2": mismatch, "n3": ok}},
		{name: "matchFields with labels in one term", pod: pt.MakePod("p").NodeAffinityRequired(apiobj.NodeSelectorTerm{
			MatchExpressions: []apiobj.NodeSelectorRequirement{pt.Expr("zone", apiobj.NodeSelectorOpIn, "b")},
			MatchFields:      []apiobj.NodeSelectorRequirement{pt.Expr(ObjectNameField, apiobj.NodeSelectorOpIn, "n1")},
		}).Obj(), want: map[string]string{"n1": mismatch, "n2": skipped, "n3": skipped}},
		{name: "terms naming nodes are unioned", pod: pt.MakePod("p").NodeAffinityRequired(name(apiobj.NodeSelectorOpIn, "n1"), name(apiobj.NodeSelectorOpIn, "n3")).Obj(),
			want: map[string]string{"n1": ok, "n2": skipped, "n3": ok}},
		{name: "a term without names lifts the restriction", pod: pt.MakePod("p").NodeAffinityRequired(name(apiobj.NodeSelectorOpIn, "n1"), pt.Term(pt.Expr("zone", apiobj.NodeSelectorOpIn, "b"))).Obj(),
			want: map[string]string{"n1": ok, "n2": ok, "n3": mismatch}},
		{name: "conflicting names", pod: pt.MakePod("p").NodeAffinityRequired(apiobj.NodeSelectorTerm{MatchFields: []apiobj.NodeSelectorRequirement{
			pt.Expr(ObjectNameField, apiobj.NodeSelectorOpIn, "n1"), pt.Expr(ObjectNameField, apiobj.NodeSelectorOpIn, "n2")}}).Obj(),
			pre: "UnschedulableAndUnresolvable: " + ErrReasonConflict},
		{name: "added affinity", args: `{"addedAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"zone","operator":"In","values":["a"]}]}]}}}`,
			pod:  pt.MakePod("p").Obj(),
			want: map[string]string{"n1": ok, "n2": "UnschedulableAndUnresolvable: " + ErrReasonEnforced, "n3": "UnschedulableAndUnresolvable: " + ErrReasonEnforced}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			pre, st := pt.Filter(t, newPlugin(t, tt.args), pt.Handle(nil, nodes), tt.pod)
			if tt.pre != "" || pre != nil {
				got := pre.Code().String() + ": " + pre.Message()
				if got != tt.pre {
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

const ObjectNameField = "metadata.name"

func TestScore(t *testing.T) {
	t.Parallel()
	nodes := []*apiobj.Node{
		pt.MakeNode("n1").Label("foo", "bar").Obj(),
		pt.MakeNode("n2").Label("foo", "bar").Label("key", "value").Obj(),
		pt.MakeNode("n3").Label("az", "az1").Obj(),
	}
	tests := []struct {
		name string
		args string
		pod  *apiobj.Pod
		want map[string]int64
		skip bool
	}{
		{name: "no preferences: skipped", pod: pt.MakePod("p").Obj(), skip: true},
		{name: "one term", pod: pt.MakePod("p").NodeAffinityPreferred(2, pt.Term(pt.Expr("foo", apiobj.NodeSelectorOpIn, "bar"))).Obj(),
			want: map[string]int64{"n1": 100, "n2": 100, "n3": 0}},
		{name: "weights add up and are normalized", pod: pt.MakePod("p").
			NodeAffinityPreferred(2, pt.Term(pt.Expr("foo", apiobj.NodeSelectorOpIn, "bar"))).
			NodeAffinityPreferred(4, pt.Term(pt.Expr("key", apiobj.NodeSelectorOpIn, "value"))).
			NodeAffinityPreferred(5, pt.Term(pt.Expr("az", apiobj.NodeSelectorOpIn, "az1"))).Obj(),
			// 2, 6, 5 -> 33, 100, 83.
			want: map[string]int64{"n1": 33, "n2": 100, "n3": 83}},
		{name: "weight 0 and empty terms are ignored", pod: pt.MakePod("p").
			NodeAffinityPreferred(0, pt.Term(pt.Expr("foo", apiobj.NodeSelectorOpIn, "bar"))).
			NodeAffinityPreferred(3, apiobj.NodeSelectorTerm{}).
			NodeAffinityPreferred(1, pt.Term(pt.Expr("az", apiobj.NodeSelectorOpExists))).Obj(),
			want: map[string]int64{"n1": 0, "n2": 0, "n3": 100}},
		{name: "added preferred affinity", args: `{"addedAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":5,"preference":{"matchExpressions":[{"key":"key","operator":"Exists"}]}}]}}`,
			pod:  pt.MakePod("p").NodeAffinityPreferred(5, pt.Term(pt.Expr("foo", apiobj.NodeSelectorOpIn, "bar"))).Obj(),
			want: map[string]int64{"n1": 50, "n2": 100, "n3": 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, st := pt.Scores(t, newPlugin(t, tt.args), pt.Handle(nil, nodes), tt.pod)
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

func TestArgsValidation(t *testing.T) {
	t.Parallel()
	bad := `{"addedAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"zone","operator":"Bogus"}]}]}}}`
	if _, err := New(json.RawMessage(bad), framework.Handle{}); err == nil {
		t.Error("invalid added affinity accepted")
	}
}

func TestHint(t *testing.T) {
	t.Parallel()
	pl := newPlugin(t, "")
	pod := pt.MakePod("p").NodeSelector(map[string]string{"zone": "a"}).Obj()
	if h, _ := pl.isSchedulableAfterNodeChange(pod, nil, pt.MakeNode("n").Label("zone", "a").Obj()); h != framework.Queue {
		t.Errorf("matching node added: %v", h)
	}
	if h, _ := pl.isSchedulableAfterNodeChange(pod, nil, pt.MakeNode("n").Obj()); h != framework.QueueSkip {
		t.Errorf("other node added: %v", h)
	}
	if h, _ := pl.isSchedulableAfterNodeChange(pod, pt.MakeNode("n").Obj(), pt.MakeNode("n").Label("zone", "a").Obj()); h != framework.Queue {
		t.Errorf("node relabelled to match: %v", h)
	}
}

func TestFilterDoesNotAllocate(t *testing.T) {
	pl := newPlugin(t, "")
	h := pt.Handle(nil, []*apiobj.Node{pt.MakeNode("n").Label("zone", "b").Obj()})
	ni, _ := h.Snapshot.NodeInfos().Get("n")
	pod := pt.MakePod("p").NodeAffinityRequired(pt.Term(pt.Expr("zone", apiobj.NodeSelectorOpIn, "a"))).Obj()
	state := framework.NewCycleState()
	pl.PreFilter(t.Context(), state, pod)
	if a := testing.AllocsPerRun(100, func() { pl.Filter(t.Context(), state, pod, ni) }); a != 0 {
		t.Errorf("Filter allocates %v times", a)
	}
}
