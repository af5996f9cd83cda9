package nodeports_test

import (
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins/nodeports"
)

// A port bound on every address conflicts with the same port on any one.
func Example() {
	var used framework.HostPortInfo
	used.Add("10.0.0.1", apiobj.ProtocolTCP, 8080)
	want := []apiobj.ContainerPort{{HostPort: 8080}} // 0.0.0.0, TCP
	fmt.Println(nodeports.Fits(want, &used))
	want[0].Protocol = apiobj.ProtocolUDP
	fmt.Println(nodeports.Fits(want, &used))
	// Output:
	// false
	// true
}
