package imagelocality_test

import (
	"context"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins/imagelocality"
)

// The node that already has the pod's big image scores higher.
func Example() {
	withImage := &apiobj.Node{}
	withImage.Name = "warm"
	withImage.Status.Images = []apiobj.ContainerImage{{Names: []string{"registry.example/app:v1"}, SizeBytes: 800 << 20}}
	without := &apiobj.Node{}
	without.Name = "cold"
	snap := framework.NewSnapshot(nil, []*apiobj.Node{withImage, without})
	p, _ := imagelocality.New(nil, framework.Handle{Snapshot: snap})
	pl := p.(*imagelocality.ImageLocality)

	pod := &apiobj.Pod{}
	pod.Spec.Containers = []apiobj.Container{{Name: "app", Image: "registry.example/app:v1"}}
	ctx, state := context.Background(), framework.NewCycleState()
	infos, _ := snap.NodeInfos().List()
	pl.PreScore(ctx, state, pod, infos)
	for _, ni := range infos {
		s, _ := pl.Score(ctx, state, pod, ni)
		fmt.Println(ni.NodeName(), s)
	}
	// Output:
	// warm 38
	// cold 0
}
