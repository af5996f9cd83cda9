package scheduler_test

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/resource"
	"github.com/orcaproj/orca/scheduler"
	"github.com/orcaproj/orca/scheduler/framework"
)

// A program that is not a cluster schedules its own work items on its
// own machines, and gets the placements through its Binder.
func Example() {
	// Two tiny plugins: a CPU fit filter and a score that prefers the node
	// with the most free CPU
	// (one point per 0.1 core). (Real programs merge the default plugins'
	// registry instead.)
	cpuFit := framework.FilterFunc(func(_ context.Context, _ *framework.CycleState, pod *apiobj.Pod, n *framework.NodeInfo) *framework.Status {
		if n.Requested.MilliCPU+framework.PodRequests(pod, false).MilliCPU > n.Allocatable.MilliCPU {
			return framework.NewStatus(framework.Unschedulable, "Insufficient cpu")
		}
		return nil
	}).Named("CPUFit")
	mostFree := framework.ScoreFunc(func(_ context.Context, _ *framework.CycleState, _ *apiobj.Pod, n *framework.NodeInfo) (int64, *framework.Status) {
		free := n.Allocatable.MilliCPU - n.Requested.MilliCPU // in millicores
		return min(free/100, framework.MaxNodeScore), nil
	}).Named("MostFree")

	var mu sync.Mutex
	var placements []string
	allBound := make(chan struct{})
	binder := framework.PodBinderFunc(func(_ context.Context, pod *apiobj.Pod, node string) error {
		mu.Lock()
		defer mu.Unlock()
		placements = append(placements, pod.Name+" -> "+node)
		if len(placements) == 3 {
			close(allBound)
		}
		return nil
	})
	failures := make(chan string, 1)

	s, err := scheduler.New(scheduler.Config{
		Registry: framework.Registry{
			"CPUFit":   framework.FactoryOf(cpuFit),
			"MostFree": framework.FactoryOf(mostFree),
		},
		Profiles: []scheduler.Profile{{Plugins: &framework.Plugins{
			MultiPoint: framework.PluginSet{Enabled: []framework.PluginRef{{Name: "CPUFit"}, {Name: "MostFree"}}},
		}}},
		Binder: binder,
		FailureHandler: scheduler.FailureHandlerFunc(func(_ context.Context, f scheduler.Failure) {
			failures <- f.Pod.Name + ": " + f.Message
		}),
	})
	if err != nil {
		panic(err)
	}

	for name, cpu := range map[string]string{"m1": "4", "m2": "3"} {
		n := &apiobj.Node{}
		n.Name = name
		n.Status.Allocatable = apiobj.ResourceList{apiobj.ResourceCPU: resource.MustParse(cpu)}
		s.AddNode(n)
	}
	// Priorities fix the order in which the work items are placed.
	for i, w := range []struct{ name, cpu string }{{"a", "3"}, {"b", "1"}, {"c", "1"}, {"huge", "8"}} {
		p := &apiobj.Pod{}
		p.Namespace, p.Name, p.UID = "work", w.name, apiobj.UID("uid-"+w.name)
		p.Spec.Priority = apiobj.Int32(int32(10 - i))
		p.Spec.Containers = []apiobj.Container{{Name: "main", Resources: apiobj.ResourceRequirements{
			Requests: apiobj.ResourceList{apiobj.ResourceCPU: resource.MustParse(w.cpu)},
		}}}
		s.AddPod(p)
	}

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- s.Run(ctx) }()
	<-allBound
	fmt.Println(<-failures)
	cancel()
	<-done

	slices.Sort(placements)
	for _, p := range placements {
		fmt.Println(p)
	}
	// Output:
	// huge: 0/2 nodes are available: 2 Insufficient cpu.
	// a -> m1
	// b -> m2
	// c -> m2
}
