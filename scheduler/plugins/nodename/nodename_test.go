package nodename

import (
	"testing"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
	pt "github.com/orcaproj/orca/scheduler/plugins/internal/plugintest"
)

func TestFilter(t *testing.T) {
	t.Parallel()
	nodes := []*apiobj.Node{pt.MakeNode("a").Obj(), pt.MakeNode("b").Obj()}
	tests := []struct {
		name string
		pod  *apiobj.Pod
		want map[string]string
	}{
		{name: "no node name", pod: pt.MakePod("p").Obj(), want: map[string]string{"a": "Success", "b": "Success"}},
		{name: "node name", pod: pt.MakePod("p").Node("b").Obj(),
			want: map[string]string{"a": "UnschedulableAndUnresolvable: node(s) didn't match the requested node name", "b": "Success"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			pl, _ := New(nil, framework.Handle{})
			_, st := pt.Filter(t, pl, pt.Handle(nil, nodes), tt.pod)
			got := pt.Codes(st)
			for n, w := range tt.want {
				if got[n] != w {
					t.Errorf("%s: %q, want %q", n, got[n], w)
				}
			}
		})
	}
}
