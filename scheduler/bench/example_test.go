package bench_test

import (
	"context"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/resource"
	"github.com/orcaproj/orca/scheduler/bench"
)

// Run a workload at 1/100 of its size in the direct mode, and check its
// placements.
func ExampleRun() {
	w, _ := bench.WorkloadNamed("SchedulingPodAntiAffinity")
	res, err := bench.Run(context.Background(), w.Scaled(100), bench.Direct, bench.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s: %d/%d measured pods placed, %d violations\n", res.Workload, res.Scheduled, res.MeasuredPods, len(res.Violations))
	// Output:
	// SchedulingPodAntiAffinity/1:100: 20/20 measured pods placed, 0 violations
}

// Validate re-checks a placement on its own.
func ExampleValidate() {
	n := &apiobj.Node{}
	n.Name = "n1"
	n.Status.Allocatable = apiobj.ResourceList{apiobj.ResourceCPU: resource.MustParse("1")}
	pod := func(name string) *apiobj.Pod {
		p := &apiobj.Pod{}
		p.Namespace, p.Name, p.Spec.NodeName = "default", name, "n1"
		p.Spec.Containers = []apiobj.Container{{Name: "c", Resources: apiobj.ResourceRequirements{
			Requests: apiobj.ResourceList{apiobj.ResourceCPU: resource.MustParse("600m")}}}}
		return p
	}
	for _, v := range bench.Validate([]*apiobj.Node{n}, []*apiobj.Pod{pod("a"), pod("b")}, nil) {
		fmt.Println(v)
	}
	// Output:
	// node n1 is overcommitted: cpu requested 1200, allocatable 1000
}
