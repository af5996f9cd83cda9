package nodename_test

import (
	"context"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins/nodename"
)

// A pod that names a node fits only that node.
func Example() {
	p, _ := nodename.New(nil, framework.Handle{})
	pod := &apiobj.Pod{}
	pod.Spec.NodeName = "n2"
	for _, name := range []string{"n1", "n2"} {
		node := &apiobj.Node{}
		node.Name = name
		ni := framework.NewNodeInfo()
		ni.SetNode(node)
		fmt.Println(name, p.(framework.FilterPlugin).Filter(context.Background(), framework.NewCycleState(), pod, ni))
	}
	// Output:
	// n1 UnschedulableAndUnresolvable: node(s) didn't match the requested node name
	// n2 Success
}
