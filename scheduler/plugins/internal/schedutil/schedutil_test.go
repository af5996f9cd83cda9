package schedutil

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
	"github.com/orcaproj/orca/scheduler/framework"
)

func node(name string, l map[string]string) *apiobj.Node {
	n := &apiobj.Node{}
	n.Name, n.Labels = name, l
	return n
}

func TestNodeSelector(t *testing.T) {
	t.Parallel()
	n := node("n1", map[string]string{"zone": "a", "cores": "8"})
	req := func(k string, op apiobj.NodeSelectorOperator, v ...string) apiobj.NodeSelectorRequirement {
		return apiobj.NodeSelectorRequirement{Key: k, Operator: op, Values: v}
	}
	tests := []struct {
		name    string
		terms   []apiobj.NodeSelectorTerm
		want    bool
		wantErr bool
	}{
		{name: "no terms", want: false},
		{name: "empty term", terms: []apiobj.NodeSelectorTerm{{}}, want: false},
		{name: "In", terms: []apiobj.NodeSelectorTerm{{MatchExpressions: []apiobj.NodeSelectorRequirement{req("zone", apiobj.NodeSelectorOpIn, "a")}}}, want: true},
		{name: "Gt", terms: []apiobj.NodeSelectorTerm{{MatchExpressions: []apiobj.NodeSelectorRequirement{req("cores", apiobj.NodeSelectorOpGt, "4")}}}, want: true},
		{name: "Lt", terms: []apiobj.NodeSelectorTerm{{MatchExpressions: []apiobj.NodeSelectorRequirement{req("cores", apiobj.NodeSelectorOpLt, "4")}}}, want: false},
		{name: "field In", terms: []apiobj.NodeSelectorTerm{{MatchFields: []apiobj.NodeSelectorRequirement{req(ObjectNameField, apiobj.NodeSelectorOpIn, "n1")}}}, want: true},
		{name: "field NotIn", terms: []apiobj.NodeSelectorTerm{{MatchFields: []apiobj.NodeSelectorRequirement{req(ObjectNameField, apiobj.NodeSelectorOpNotIn, "n1")}}}, want: false},
		{name: "bad term is dropped, good one matches", terms: []apiobj.NodeSelectorTerm{
			{MatchExpressions: []apiobj.NodeSelectorRequirement{req("zone", "Bogus")}},
			{MatchExpressions: []apiobj.NodeSelectorRequirement{req("zone", apiobj.NodeSelectorOpExists)}},
		}, want: true, wantErr: true},
		{name: "field with two values is invalid", terms: []apiobj.NodeSelectorTerm{{MatchFields: []apiobj.NodeSelectorRequirement{req(ObjectNameField, apiobj.NodeSelectorOpIn, "n1", "n2")}}},
			want: false, wantErr: true},
		{name: "other fields are invalid", terms: []apiobj.NodeSelectorTerm{{MatchFields: []apiobj.NodeSelectorRequirement{req("spec.x", apiobj.NodeSelectorOpIn, "n1")}}},
			want: false, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := CompileNodeSelector(&apiobj.NodeSelector{NodeSelectorTerms: tt.terms})
			if got := s.Match(n); got != tt.want {
				t.Errorf("Match = %v, want %v", got, tt.want)
			}
			if (s.Err() != nil) != tt.wantErr {
				t.Errorf("Err = %v", s.Err())
			}
		})
	}
	var nilSel *NodeSelector
	if nilSel.Match(n) || nilSel.Err() != nil {
		t.Error("nil selector")
	}
}

func TestNodeNamesFromSelector(t *testing.T) {
	t.Parallel()
	in := func(v ...string) apiobj.NodeSelectorTerm {
		return apiobj.NodeSelectorTerm{MatchFields: []apiobj.NodeSelectorRequirement{{Key: ObjectNameField, Operator: apiobj.NodeSelectorOpIn, Values: v}}}
	}
	names, restricted := NodeNamesFromSelector(&apiobj.NodeSelector{NodeSelectorTerms: []apiobj.NodeSelectorTerm{in("a"), in("b")}})
	if !restricted || cmp.Diff(map[string]struct{}{"a": {}, "b": {}}, names) != "" {
		t.Errorf("union: %v, %v", names, restricted)
	}
	if _, restricted := NodeNamesFromSelector(&apiobj.NodeSelector{NodeSelectorTerms: []apiobj.NodeSelectorTerm{in("a"), {}}}); restricted {
		t.Error("a term without names restricted")
	}
	both := apiobj.NodeSelectorTerm{MatchFields: append(in("a", "b").MatchFields, in("b", "c").MatchFields...)}
	names, _ = NodeNamesFromSelector(&apiobj.NodeSelector{NodeSelectorTerms: []apiobj.NodeSelectorTerm{both}})
	if cmp.Diff(map[string]struct{}{"b": {}}, names) != "" {
		t.Errorf("intersection: %v", names)
	}
}

func TestRequiredNodeAffinity(t *testing.T) {
	t.Parallel()
	p := &apiobj.Pod{}
	if r := GetRequiredNodeAffinity(p); !r.Empty() || !r.Match(node("n", nil)) {
		t.Error("a pod without affinity should match every node")
	}
	p.Spec.NodeSelector = map[string]string{"zone": "a"}
	if r := GetRequiredNodeAffinity(p); r.Match(node("n", map[string]string{"zone": "b"})) || !r.Match(node("n", map[string]string{"zone": "a"})) {
		t.Error("node selector")
	}
}

func TestPreferredTerms(t *testing.T) {
	t.Parallel()
	terms, err := CompilePreferredTerms([]apiobj.PreferredSchedulingTerm{
		{Weight: 3, Preference: apiobj.NodeSelectorTerm{MatchExpressions: []apiobj.NodeSelectorRequirement{{Key: "zone", Operator: apiobj.NodeSelectorOpExists}}}},
		{Weight: 5, Preference: apiobj.NodeSelectorTerm{MatchExpressions: []apiobj.NodeSelectorRequirement{{Key: "gpu", Operator: apiobj.NodeSelectorOpExists}}}},
		{Weight: 0, Preference: apiobj.NodeSelectorTerm{MatchExpressions: []apiobj.NodeSelectorRequirement{{Key: "zone", Operator: apiobj.NodeSelectorOpExists}}}},
	})
	if err != nil || terms.Len() != 2 {
		t.Fatalf("CompilePreferredTerms: %v, %d terms", err, terms.Len())
	}
	if got := terms.Score(node("n", map[string]string{"zone": "a", "gpu": ""})); got != 8 {
		t.Errorf("Score = %d, want 8", got)
	}
	if _, err := CompilePreferredTerms([]apiobj.PreferredSchedulingTerm{{Weight: 1, Preference: apiobj.NodeSelectorTerm{
		MatchExpressions: []apiobj.NodeSelectorRequirement{{Key: "a", Operator: apiobj.NodeSelectorOpGt, Values: []string{"x"}}}}}}); err == nil {
		t.Error("invalid Gt value accepted")
	}
}

func TestMoreImportantPod(t *testing.T) {
	t.Parallel()
	pod := func(prio int32, start int64) *apiobj.Pod {
		p := &apiobj.Pod{}
		p.Spec.Priority = &prio
		if start != 0 {
			st := apiobj.NewTime(time.Unix(start, 0))
			p.Status.StartTime = &st
		}
		return p
	}
	if !MoreImportantPod(pod(2, 0), pod(1, 0)) || MoreImportantPod(pod(1, 0), pod(2, 0)) {
		t.Error("priority")
	}
	if !MoreImportantPod(pod(1, 10), pod(1, 20)) || MoreImportantPod(pod(1, 20), pod(1, 10)) {
		t.Error("start time")
	}
	if !MoreImportantPod(pod(1, 10), pod(1, 0)) || MoreImportantPod(pod(1, 0), pod(1, 10)) {
		t.Error("a started pod is more important than one not started")
	}
}

func TestDefaultNormalizeScore(t *testing.T) {
	t.Parallel()
	list := func(s ...int64) framework.NodeScoreList {
		out := make(framework.NodeScoreList, len(s))
		for i, v := range s {
			out[i].Score = v
		}
		return out
	}
	scores := func(l framework.NodeScoreList) []int64 {
		out := make([]int64, len(l))
		for i := range l {
			out[i] = l[i].Score
		}
		return out
	}
	for _, tt := range []struct {
		in      []int64
		reverse bool
		want    []int64
	}{
		{[]int64{1, 2, 4}, false, []int64{25, 50, 100}},
		{[]int64{1, 2, 4}, true, []int64{75, 50, 0}},
		{[]int64{0, 0}, false, []int64{0, 0}},
		{[]int64{0, 0}, true, []int64{100, 100}},
	} {
		l := list(tt.in...)
		DefaultNormalizeScore(100, tt.reverse, l)
		if d := cmp.Diff(tt.want, scores(l)); d != "" {
			t.Errorf("%v reverse=%v (-want +got):\n%s", tt.in, tt.reverse, d)
		}
	}
}

func TestAddLabelKeys(t *testing.T) {
	t.Parallel()
	sel := AddLabelKeys(labels.Everything(), map[string]string{"v": "1", "t": "x"}, []string{"v", "missing"}, []string{"t"})
	if !sel.Matches(labels.Set{"v": "1", "t": "y"}) || sel.Matches(labels.Set{"v": "2"}) || sel.Matches(labels.Set{"v": "1", "t": "x"}) {
		t.Errorf("selector %s", sel)
	}
	if s := AddLabelKeys(labels.Nothing(), map[string]string{"v": "1"}, []string{"v"}, nil); s.Matches(labels.Set{"v": "1"}) {
		t.Error("Nothing became something")
	}
}

func TestFindUntoleratedTaint(t *testing.T) {
	t.Parallel()
	taints := []apiobj.Taint{
		{Key: "soft", Effect: apiobj.TaintEffectPreferNoSchedule},
		{Key: "hard", Value: "1", Effect: apiobj.TaintEffectNoSchedule},
	}
	if tt, bad := FindUntoleratedTaint(taints, nil, DoNotSchedule); !bad || tt.Key != "hard" {
		t.Errorf("got %v %v", tt, bad)
	}
	tol := []apiobj.Toleration{{Key: "hard", Operator: apiobj.TolerationOpEqual, Value: "1"}}
	if _, bad := FindUntoleratedTaint(taints, tol, DoNotSchedule); bad {
		t.Error("tolerated taint reported")
	}
	if tt, bad := FindUntoleratedTaint(taints, tol, nil); !bad || tt.Key != "soft" {
		t.Errorf("without filter: %v %v", tt, bad)
	}
}
