package defaultbinder_test

import (
	"context"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins/defaultbinder"
)

// DefaultBinder binds through the Binder the adapter supplies.
func Example() {
	h := framework.Handle{Binder: framework.PodBinderFunc(func(_ context.Context, pod *apiobj.Pod, node string) error {
		fmt.Printf("bind %s to %s\n", pod.Name, node)
		return nil
	})}
	p, _ := defaultbinder.New(nil, h)
	pod := &apiobj.Pod{}
	pod.Name = "web"
	fmt.Println(p.(framework.BindPlugin).Bind(context.Background(), framework.NewCycleState(), pod, "n1"))
	// Output:
	// bind web to n1
	// Success
}
