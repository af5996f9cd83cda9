package defaultpreemption_test

import (
	"context"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/resource"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins/defaultpreemption"
	"github.com/orcaproj/orca/scheduler/plugins/noderesources"
)

// runner runs one Filter plugin for the preemption dry run.
type runner struct{ f framework.FilterPlugin }

func (r runner) RunFilterPluginsWithNominatedPods(ctx context.Context, s *framework.CycleState, p *apiobj.Pod, ni *framework.NodeInfo) *framework.Status {
	return r.f.Filter(ctx, s, p, ni)
}
func (runner) RunPreFilterExtensionAddPod(context.Context, *framework.CycleState, *apiobj.Pod, *framework.PodInfo, *framework.NodeInfo) *framework.Status {
	return nil
}
func (runner) RunPreFilterExtensionRemovePod(context.Context, *framework.CycleState, *apiobj.Pod, *framework.PodInfo, *framework.NodeInfo) *framework.Status {
	return nil
}

// A high-priority pod preempts a low-priority one on a full node.
func Example() {
	pod := func(name string, prio int32, node string) *apiobj.Pod {
		p := &apiobj.Pod{}
		p.Namespace, p.Name, p.UID = "default", name, apiobj.UID(name)
		p.Spec.Priority = &prio
		p.Spec.NodeName = node
		p.Spec.Containers = []apiobj.Container{{Name: "c", Resources: apiobj.ResourceRequirements{
			Requests: apiobj.ResourceList{apiobj.ResourceCPU: resource.MustParse("2")}}}}
		return p
	}
	node := &apiobj.Node{}
	node.Name = "n1"
	node.Status.Allocatable = apiobj.ResourceList{apiobj.ResourceCPU: resource.MustParse("2"), apiobj.ResourcePods: resource.MustParse("10")}
	snap := framework.NewSnapshot([]*apiobj.Pod{pod("batch", 1, "n1")}, []*apiobj.Node{node})

	fit, _ := noderesources.NewFit(nil, framework.Handle{})
	h := framework.Handle{
		Snapshot: snap,
		Runner:   runner{fit.(framework.FilterPlugin)},
		Evictor: framework.PodEvictorFunc(func(_ context.Context, victim, preemptor *apiobj.Pod) error {
			fmt.Printf("evict %s for %s\n", victim.Name, preemptor.Name)
			return nil
		}),
	}
	p, _ := defaultpreemption.New(nil, h)

	urgent := pod("urgent", 1000, "")
	state := framework.NewCycleState()
	fit.(framework.PreFilterPlugin).PreFilter(context.Background(), state, urgent)
	ni, _ := snap.NodeInfos().Get("n1")
	statuses := framework.NewNodeToStatus(map[string]*framework.Status{"n1": fit.(framework.FilterPlugin).Filter(context.Background(), state, urgent, ni)}, nil)
	res, st := p.(framework.PostFilterPlugin).PostFilter(context.Background(), state, urgent, statuses)
	fmt.Println(st, res.NominatedNodeName)
	// Output:
	// evict batch for urgent
	// Success n1
}
