package schedulinggates

import (
	"testing"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
	pt "github.com/orcaproj/orca/scheduler/plugins/internal/plugintest"
)

func TestPreEnqueue(t *testing.T) {
	t.Parallel()
	gated := pt.MakePod("p").Obj()
	gated.Spec.SchedulingGates = []apiobj.PodSchedulingGate{{Name: "foo"}, {Name: "bar"}}
	tests := []struct {
		name string
		pod  *apiobj.Pod
		want string
	}{
		{"no gates", pt.MakePod("p").Obj(), "Success"},
		{"gates", gated, "UnschedulableAndUnresolvable: waiting for scheduling gates: [foo bar]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st := SchedulingGates{}.PreEnqueue(t.Context(), tt.pod)
			got := st.Code().String()
			if m := st.Message(); m != "" {
				got += ": " + m
			}
			if got != tt.want {
				t.Errorf("PreEnqueue = %q, want %q", got, tt.want)
			}
		})
	}
	ungated := pt.MakePod("p").Obj()
	if h, _ := isSchedulableAfterGatesRemoved(gated, gated, ungated); h != framework.Queue {
		t.Errorf("gates removed: %v", h)
	}
	if h, _ := isSchedulableAfterGatesRemoved(gated, gated, pt.MakePod("other").Obj()); h != framework.QueueSkip {
		t.Errorf("another pod: %v", h)
	}
}
