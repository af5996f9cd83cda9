package prioritysort_test

import (
	"fmt"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins/prioritysort"
)

// Higher priority goes first; equal priorities go in queue order.
func Example() {
	queued := func(name string, prio int32, at int64) *framework.QueuedPodInfo {
		p := &apiobj.Pod{}
		p.Name = name
		p.Spec.Priority = &prio
		return &framework.QueuedPodInfo{PodInfo: framework.NewPodInfo(p), Timestamp: time.Unix(at, 0)}
	}
	less := prioritysort.PrioritySort{}.Less
	fmt.Println(less(queued("urgent", 100, 2), queued("batch", 0, 1)))
	fmt.Println(less(queued("second", 0, 2), queued("first", 0, 1)))
	// Output:
	// true
	// false
}
