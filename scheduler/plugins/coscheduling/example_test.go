package coscheduling_test

import (
	"context"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins/coscheduling"
)

// The first members of a gang of two wait at Permit; the last one lets
// the gang through. (In a scheduler, the waiting pod is then allowed.)
func Example() {
	member := func(name string) *apiobj.Pod {
		p := &apiobj.Pod{}
		p.Namespace, p.Name, p.UID = "default", name, apiobj.UID(name)
		p.Labels = map[string]string{coscheduling.PodGroupLabel: "train"}
		p.Annotations = map[string]string{coscheduling.MinAvailableKey: "2"}
		return p
	}
	p, _ := coscheduling.New(nil, framework.Handle{})
	pl := p.(*coscheduling.Coscheduling)
	ctx, state := context.Background(), framework.NewCycleState()
	for _, pod := range []*apiobj.Pod{member("worker-0"), member("worker-1")} {
		pl.Reserve(ctx, state, pod, "n1")
		st, timeout := pl.Permit(ctx, state, pod, "n1")
		fmt.Println(pod.Name, st, timeout)
	}
	// Output:
	// worker-0 Wait: waiting for pod group "train": 1 of 2 pods placed 1m0s
	// worker-1 Success 0s
}
