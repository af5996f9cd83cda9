package schedulinggates_test

import (
	"context"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/plugins/schedulinggates"
)

// A gated pod stays out of the active queue.
func Example() {
	pod := &apiobj.Pod{}
	pod.Spec.SchedulingGates = []apiobj.PodSchedulingGate{{Name: "example.com/quota"}}
	fmt.Println(schedulinggates.SchedulingGates{}.PreEnqueue(context.Background(), pod))
	// Output:
	// UnschedulableAndUnresolvable: waiting for scheduling gates: [example.com/quota]
}
