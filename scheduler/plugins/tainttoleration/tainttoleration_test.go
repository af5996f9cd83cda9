package tainttoleration

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
	pt "github.com/orcaproj/orca/scheduler/plugins/internal/plugintest"
)

func TestFilter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		pod  *apiobj.Pod
		node *apiobj.Node
		want string
	}{
		{name: "no taints", pod: pt.MakePod("p").Obj(), node: pt.MakeNode("n").Obj(), want: "Success"},
		{name: "untolerated NoSchedule", pod: pt.MakePod("p").Obj(),
			node: pt.MakeNode("n").Taint("dedicated", "user1", apiobj.TaintEffectNoSchedule).Obj(),
			want: "UnschedulableAndUnresolvable: node(s) had untolerated taint {dedicated: user1}"},
		{name: "tolerated by Equal", pod: pt.MakePod("p").Toleration(apiobj.Toleration{Key: "dedicated", Operator: apiobj.TolerationOpEqual, Value: "user1", Effect: apiobj.TaintEffectNoSchedule}).Obj(),
			node: pt.MakeNode("n").Taint("dedicated", "user1", apiobj.TaintEffectNoSchedule).Obj(), want: "Success"},
		{name: "value mismatch", pod: pt.MakePod("p").Toleration(apiobj.Toleration{Key: "dedicated", Operator: apiobj.TolerationOpEqual, Value: "user2", Effect: apiobj.TaintEffectNoSchedule}).Obj(),
			node: pt.MakeNode("n").Taint("dedicated", "user1", apiobj.TaintEffectNoSchedule).Obj(),
			want: "UnschedulableAndUnresolvable: node(s) had untolerated taint {dedicated: user1}"},
		{name: "tolerated by Exists without effect", pod: pt.MakePod("p").Toleration(apiobj.Toleration{Key: "foo", Operator: apiobj.TolerationOpExists}).Obj(),
			node: pt.MakeNode("n").Taint("foo", "bar", apiobj.TaintEffectNoExecute).Obj(), want: "Success"},
		{name: "effect mismatch", pod: pt.MakePod("p").Toleration(apiobj.Toleration{Key: "foo", Operator: apiobj.TolerationOpExists, Effect: apiobj.TaintEffectNoSchedule}).Obj(),
			node: pt.MakeNode("n").Taint("foo", "bar", apiobj.TaintEffectNoExecute).Obj(),
			want: "UnschedulableAndUnresolvable: node(s) had untolerated taint {foo: bar}"},
		{name: "PreferNoSchedule is not filtered", pod: pt.MakePod("p").Obj(),
			node: pt.MakeNode("n").Taint("foo", "bar", apiobj.TaintEffectPreferNoSchedule).Obj(), want: "Success"},
		{name: "the first untolerated taint is reported", pod: pt.MakePod("p").Toleration(apiobj.Toleration{Key: "a", Operator: apiobj.TolerationOpExists}).Obj(),
			node: pt.MakeNode("n").Taint("a", "1", apiobj.TaintEffectNoSchedule).Taint("b", "2", apiobj.TaintEffectNoSchedule).Taint("c", "3", apiobj.TaintEffectNoSchedule).Obj(),
			want: "UnschedulableAndUnresolvable: node(s) had untolerated taint {b: 2}"},
		{name: "tolerate everything", pod: pt.MakePod("p").Toleration(apiobj.Toleration{Operator: apiobj.TolerationOpExists}).Obj(),
			node: pt.MakeNode("n").Taint("a", "1", apiobj.TaintEffectNoSchedule).Obj(), want: "Success"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			pl, _ := New(nil, framework.Handle{})
			_, st := pt.Filter(t, pl, pt.Handle(nil, []*apiobj.Node{tt.node}), tt.pod)
			if got := pt.Codes(st)["n"]; got != tt.want {
				t.Errorf("Filter = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFilterSharesRejections(t *testing.T) {
	t.Parallel()
	pl := &TaintToleration{}
	taint := &apiobj.Taint{Key: "k", Value: "v", Effect: apiobj.TaintEffectNoSchedule}
	if pl.rejection(taint) != pl.rejection(taint) {
		t.Error("the same taint gave two statuses")
	}
}

func TestScore(t *testing.T) {
	t.Parallel()
	prefer := func(k, v string) apiobj.Toleration {
		return apiobj.Toleration{Key: k, Operator: apiobj.TolerationOpEqual, Value: v, Effect: apiobj.TaintEffectPreferNoSchedule}
	}
	tests := []struct {
		name  string
		pod   *apiobj.Pod
		nodes []*apiobj.Node
		want  map[string]int64
	}{
		{name: "tolerated taints score the same as none",
			pod: pt.MakePod("p").Toleration(prefer("foo", "bar")).Obj(),
			nodes: []*apiobj.Node{
				pt.MakeNode("a").Taint("foo", "bar", apiobj.TaintEffectPreferNoSchedule).Obj(),
				pt.MakeNode("b").Obj(),
			},
			want: map[string]int64{"a": 100, "b": 100}},
		{name: "the more untolerated taints, the lower",
			pod: pt.MakePod("p").Toleration(prefer("foo", "bar")).Obj(),
			nodes: []*apiobj.Node{
				pt.MakeNode("a").Obj(),
				pt.MakeNode("b").Taint("cpu-type", "arm64", apiobj.TaintEffectPreferNoSchedule).Obj(),
				pt.MakeNode("c").Taint("cpu-type", "arm64", apiobj.TaintEffectPreferNoSchedule).Taint("disk-type", "ssd", apiobj.TaintEffectPreferNoSchedule).Obj(),
			},
			want: map[string]int64{"a": 100, "b": 50, "c": 0}},
		{name: "only PreferNoSchedule counts",
			pod: pt.MakePod("p").Obj(),
			nodes: []*apiobj.Node{
				pt.MakeNode("a").Taint("x", "1", apiobj.TaintEffectNoSchedule).Obj(),
				pt.MakeNode("b").Taint("x", "1", apiobj.TaintEffectPreferNoSchedule).Obj(),
			},
			want: map[string]int64{"a": 100, "b": 0}},
		{name: "a NoSchedule toleration does not tolerate PreferNoSchedule",
			pod: pt.MakePod("p").Toleration(apiobj.Toleration{Key: "x", Operator: apiobj.TolerationOpExists, Effect: apiobj.TaintEffectNoSchedule}).Obj(),
			nodes: []*apiobj.Node{
				pt.MakeNode("a").Taint("x", "1", apiobj.TaintEffectPreferNoSchedule).Obj(),
				pt.MakeNode("b").Obj(),
			},
			want: map[string]int64{"a": 0, "b": 100}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			pl, _ := New(nil, framework.Handle{})
			got, st := pt.Scores(t, pl.(framework.ScorePlugin), pt.Handle(nil, tt.nodes), tt.pod)
			if st != nil {
				t.Fatal(st)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("scores (-want +got):\n%s", d)
			}
		})
	}
}

func TestHints(t *testing.T) {
	t.Parallel()
	pod := pt.MakePod("p").Obj()
	tainted := pt.MakeNode("n").Taint("a", "1", apiobj.TaintEffectNoSchedule).Obj()
	clean := pt.MakeNode("n").Obj()
	if h, _ := isSchedulableAfterNodeChange(pod, tainted, clean); h != framework.Queue {
		t.Errorf("taint removed: %v", h)
	}
	if h, _ := isSchedulableAfterNodeChange(pod, clean, tainted); h != framework.QueueSkip {
		t.Errorf("taint added: %v", h)
	}
	if h, _ := isSchedulableAfterNodeChange(pod, nil, tainted); h != framework.QueueSkip {
		t.Errorf("tainted node added: %v", h)
	}
}
