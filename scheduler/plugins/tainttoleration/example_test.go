package tainttoleration_test

import (
	"context"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins/tainttoleration"
)

// Filter rejects a node whose NoSchedule taint the pod does not tolerate.
func Example() {
	node := &apiobj.Node{}
	node.Name = "gpu-1"
	node.Spec.Taints = []apiobj.Taint{{Key: "gpu", Value: "true", Effect: apiobj.TaintEffectNoSchedule}}
	ni := framework.NewNodeInfo()
	ni.SetNode(node)

	p, _ := tainttoleration.New(nil, framework.Handle{})
	filter := p.(framework.FilterPlugin)
	pod := &apiobj.Pod{}
	fmt.Println(filter.Filter(context.Background(), framework.NewCycleState(), pod, ni))

	pod.Spec.Tolerations = []apiobj.Toleration{{Key: "gpu", Operator: apiobj.TolerationOpExists}}
	fmt.Println(filter.Filter(context.Background(), framework.NewCycleState(), pod, ni))
	// Output:
	// UnschedulableAndUnresolvable: node(s) had untolerated taint {gpu: true}
	// Success
}
