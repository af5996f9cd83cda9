package framework_test

import (
	"context"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/resource"
	"github.com/orcaproj/orca/scheduler/framework"
)

// A Filter plugin built from a function, evaluated against a snapshot.
func Example() {
	// Shared, preallocated status: returned from many goroutines at once.
	tooSmall := framework.NewStatus(framework.Unschedulable, "Insufficient cpu")
	fits := framework.FilterFunc(func(ctx context.Context, _ *framework.CycleState, pod *apiobj.Pod, n *framework.NodeInfo) *framework.Status {
		req := framework.PodRequests(pod, false)
		if n.Requested.MilliCPU+req.MilliCPU > n.Allocatable.MilliCPU {
			return tooSmall
		}
		return nil
	}).Named("CPUFit")

	node := func(name, cpu string) *apiobj.Node {
		n := &apiobj.Node{}
		n.Name = name
		n.Status.Allocatable = apiobj.ResourceList{apiobj.ResourceCPU: resource.MustParse(cpu)}
		return n
	}
	pod := &apiobj.Pod{}
	pod.Name = "web"
	pod.Spec.Containers = []apiobj.Container{{Name: "c", Resources: apiobj.ResourceRequirements{
		Requests: apiobj.ResourceList{apiobj.ResourceCPU: resource.MustParse("1500m")},
	}}}

	snap := framework.NewSnapshot(nil, []*apiobj.Node{node("small", "1"), node("big", "4")})
	nodes, _ := snap.NodeInfos().List()
	state := framework.NewCycleState()
	for _, n := range nodes {
		s := fits.Filter(context.Background(), state, pod, n)
		fmt.Printf("%s: %v\n", n.NodeName(), s.WithPlugin(fits.Name()))
	}
	// Output:
	// small: Unschedulable (CPUFit): Insufficient cpu
	// big: Success
}
