package endpointslice

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
)

func planService() *apiobj.Service {
	return &apiobj.Service{
		ObjectMeta: apiobj.ObjectMeta{Name: "web", Namespace: "default", UID: "svc-uid"},
		Spec: apiobj.ServiceSpec{
			Selector:   map[string]string{"app": "web"},
			ClusterIP:  "10.96.0.10",
			Ports:      []apiobj.ServicePort{{Name: "http", Port: 80, TargetPort: apiobj.FromInt32(8080)}},
			IPFamilies: []apiobj.IPFamily{apiobj.IPv4Protocol},
		},
	}
}

func planPods(from, to int) []*apiobj.Pod {
	var out []*apiobj.Pod
	for i := from; i < to; i++ {
		out = append(out, &apiobj.Pod{
			ObjectMeta: apiobj.ObjectMeta{Name: fmt.Sprintf("p%d", i), Namespace: "default", UID: apiobj.UID(fmt.Sprintf("uid-%d", i))},
			Status: apiobj.PodStatus{Phase: apiobj.PodRunning, PodIP: fmt.Sprintf("10.0.0.%d", i+1),
				Conditions: []apiobj.PodCondition{{Type: apiobj.PodReady, Status: apiobj.ConditionTrue}}},
		})
	}
	return out
}

// materialize gives created slices names, as the server would.
func materialize(ch changes, existing []*apiobj.EndpointSlice) []*apiobj.EndpointSlice {
	byName := map[string]*apiobj.EndpointSlice{}
	for _, s := range existing {
		byName[s.Name] = s
	}
	for _, s := range ch.delete {
		delete(byName, s.Name)
	}
	for _, s := range ch.update {
		byName[s.Name] = s
	}
	for i, s := range ch.create {
		s = s.DeepCopy()
		s.Name = fmt.Sprintf("%sgen%d-%d", s.GenerateName, len(byName), i)
		byName[s.Name] = s
	}
	out := make([]*apiobj.EndpointSlice, 0, len(byName))
	for _, s := range byName {
		out = append(out, s)
	}
	return out
}

func TestPlan(t *testing.T) {
	t.Parallel()
	svc := planService()
	start := func(n int) []*apiobj.EndpointSlice {
		return materialize(plan(svc, nil, desired(svc, planPods(0, n), nil), 3), nil)
	}
	tests := []struct {
		name                   string
		existing               []*apiobj.EndpointSlice
		pods                   []*apiobj.Pod
		create, update, delete int
	}{
		{name: "from nothing", pods: planPods(0, 7), create: 3},
		{name: "no change writes nothing", existing: start(7), pods: planPods(0, 7)},
		{name: "one more fills the slice with room", existing: start(7), pods: planPods(0, 8), update: 1},
		{name: "one more when all are full makes one slice", existing: start(6), pods: planPods(0, 7), create: 1},
		{name: "one fewer updates one slice", existing: start(7), pods: planPods(1, 7), update: 1},
		{name: "an emptied slice goes", existing: start(7), pods: planPods(0, 6), delete: 1},
		{name: "none left keeps a placeholder", existing: start(7), pods: nil, update: 1, delete: 2},
		{name: "placeholder from nothing", pods: nil, create: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var before []*apiobj.EndpointSlice
			for _, s := range tt.existing {
				before = append(before, s.DeepCopy())
			}
			groups := desired(svc, tt.pods, nil)
			ch := plan(svc, tt.existing, groups, 3)
			require.Equal(t, []int{tt.create, tt.update, tt.delete}, []int{len(ch.create), len(ch.update), len(ch.delete)})
			require.Empty(t, cmp.Diff(before, tt.existing), "plan mutated the slices it read")

			after := materialize(ch, tt.existing)
			got := 0
			for _, s := range after {
				require.LessOrEqual(t, len(s.Endpoints), 3)
				got += len(s.Endpoints)
				require.Equal(t, ManagedBy, s.Labels[apiobj.EndpointSliceManagedByLabel])
				require.Equal(t, svc.UID, apiobj.ControllerRef(s).UID)
			}
			require.Equal(t, len(tt.pods), got)
			// Applying the changes reaches a fixed point.
			again := plan(svc, after, groups, 3)
			require.Empty(t, append(append(again.create, again.update...), again.delete...))
		})
	}
}
