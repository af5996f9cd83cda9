package nodeunschedulable

import (
	"testing"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
	pt "github.com/orcaproj/orca/scheduler/plugins/internal/plugintest"
)

func TestFilter(t *testing.T) {
	t.Parallel()
	tolerate := apiobj.Toleration{Key: apiobj.TaintNodeUnschedulable, Operator: apiobj.TolerationOpExists, Effect: apiobj.TaintEffectNoSchedule}
	tests := []struct {
		name string
		pod  *apiobj.Pod
		node *apiobj.Node
		want string
	}{
		{name: "schedulable node", pod: pt.MakePod("p").Obj(), node: pt.MakeNode("n").Obj(), want: "Success"},
		{name: "unschedulable node", pod: pt.MakePod("p").Obj(), node: pt.MakeNode("n").Unschedulable().Obj(),
			want: "UnschedulableAndUnresolvable: node(s) were unschedulable"},
		{name: "tolerated", pod: pt.MakePod("p").Toleration(tolerate).Obj(), node: pt.MakeNode("n").Unschedulable().Obj(), want: "Success"},
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

func TestHints(t *testing.T) {
	t.Parallel()
	pod := pt.MakePod("p").Obj()
	if h, _ := isSchedulableAfterNodeChange(pod, pt.MakeNode("n").Unschedulable().Obj(), pt.MakeNode("n").Obj()); h != framework.Queue {
		t.Errorf("uncordoned: %v", h)
	}
	if h, _ := isSchedulableAfterNodeChange(pod, nil, pt.MakeNode("n").Unschedulable().Obj()); h != framework.QueueSkip {
		t.Errorf("cordoned node added: %v", h)
	}
}
