package plugintest_test

import (
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	pt "github.com/orcaproj/orca/scheduler/plugins/internal/plugintest"
)

// Builders make the pods and nodes of plugin tables short.
func Example() {
	pod := pt.MakePod("web").Label("app", "web").Req("cpu", "500m").Priority(10).Obj()
	node := pt.MakeNode("n1").Label(apiobj.LabelTopologyZone, "a").Capacity("cpu", "4").Obj()
	fmt.Println(pod.Namespace, pod.Name, pod.Spec.Containers[0].Resources.Requests.Cpu(), *pod.Spec.Priority)
	fmt.Println(node.Name, node.Labels[apiobj.LabelTopologyZone], node.Status.Allocatable.Cpu(), node.Status.Allocatable.Pods())
	// Output:
	// default web 500m 10
	// n1 a 4 110
}
