package nodeunschedulable_test

import (
	"context"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins/nodeunschedulable"
)

// A cordoned node takes no new pods.
func Example() {
	node := &apiobj.Node{}
	node.Name = "n1"
	node.Spec.Unschedulable = true
	ni := framework.NewNodeInfo()
	ni.SetNode(node)
	p, _ := nodeunschedulable.New(nil, framework.Handle{})
	fmt.Println(p.(framework.FilterPlugin).Filter(context.Background(), framework.NewCycleState(), &apiobj.Pod{}, ni))
	// Output:
	// UnschedulableAndUnresolvable: node(s) were unschedulable
}
