package noderesources_test

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/resource"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins/noderesources"
)

// NodeResourcesFit with the MostAllocated strategy: bin packing.
func Example() {
	node := func(name, cpu string) *apiobj.Node {
		n := &apiobj.Node{}
		n.Name = name
		n.Status.Allocatable = apiobj.ResourceList{
			apiobj.ResourceCPU: resource.MustParse(cpu), apiobj.ResourceMemory: resource.MustParse("8Gi"),
			apiobj.ResourcePods: resource.MustParse("110"),
		}
		return n
	}
	pod := &apiobj.Pod{}
	pod.Spec.Containers = []apiobj.Container{{Name: "c", Resources: apiobj.ResourceRequirements{Requests: apiobj.ResourceList{
		apiobj.ResourceCPU: resource.MustParse("2"), apiobj.ResourceMemory: resource.MustParse("2Gi"),
	}}}}
	snap := framework.NewSnapshot(nil, []*apiobj.Node{node("small", "1"), node("medium", "4"), node("large", "16")})
	p, err := noderesources.NewFit(json.RawMessage(`{"scoringStrategy":{"type":"MostAllocated"}}`), framework.Handle{Snapshot: snap})
	if err != nil {
		panic(err)
	}
	fit := p.(*noderesources.Fit)
	ctx, state := context.Background(), framework.NewCycleState()
	fit.PreFilter(ctx, state, pod)
	fit.PreScore(ctx, state, pod, nil)
	infos, _ := snap.NodeInfos().List()
	for _, ni := range infos {
		if st := fit.Filter(ctx, state, pod, ni); !st.IsSuccess() {
			fmt.Println(ni.NodeName(), st)
			continue
		}
		score, _ := fit.Score(ctx, state, pod, ni)
		fmt.Println(ni.NodeName(), score)
	}
	// Output:
	// small Unschedulable: Insufficient cpu
	// medium 37
	// large 18
}
