package prioritysort

import (
	"testing"
	"time"

	"github.com/orcaproj/orca/scheduler/framework"
	pt "github.com/orcaproj/orca/scheduler/plugins/internal/plugintest"
)

func TestLess(t *testing.T) {
	t.Parallel()
	t0 := time.Unix(100, 0)
	qp := func(prio *int32, ts time.Time) *framework.QueuedPodInfo {
		w := pt.MakePod("p")
		if prio != nil {
			w.Priority(*prio)
		}
		return &framework.QueuedPodInfo{PodInfo: framework.NewPodInfo(w.Obj()), Timestamp: ts}
	}
	p := func(v int32) *int32 { return &v }
	tests := []struct {
		name string
		a, b *framework.QueuedPodInfo
		want bool
	}{
		{"higher priority first", qp(p(100), t0.Add(time.Second)), qp(p(10), t0), true},
		{"lower priority later", qp(p(10), t0), qp(p(100), t0), false},
		{"equal priority, earlier first", qp(p(10), t0), qp(p(10), t0.Add(time.Second)), true},
		{"equal priority, later second", qp(p(10), t0.Add(time.Second)), qp(p(10), t0), false},
		{"unset priority is 0", qp(nil, t0), qp(p(-1), t0), true},
		{"same pod is not less", qp(p(1), t0), qp(p(1), t0), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := (PrioritySort{}).Less(tt.a, tt.b); got != tt.want {
				t.Errorf("Less = %v, want %v", got, tt.want)
			}
		})
	}
}
