package plugins_test

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/resource"
	"github.com/orcaproj/orca/scheduler"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins"
)

// A scheduler with kube-scheduler's default plugins, used directly by a
// program: its machines are Nodes, its work items Pods, and placements
// come back through its Binder.
func Example() {
	registry := plugins.NewInTreeRegistry()

	var mu sync.Mutex
	var placed []string
	done := make(chan struct{})
	binder := framework.PodBinderFunc(func(_ context.Context, pod *apiobj.Pod, node string) error {
		mu.Lock()
		defer mu.Unlock()
		placed = append(placed, pod.Name+" -> "+node)
		if len(placed) == 4 {
			close(done)
		}
		return nil
	})
	s, err := scheduler.New(scheduler.Config{
		Registry:       registry,
		DefaultPlugins: plugins.DefaultPlugins(),
		Binder:         binder,
	})
	if err != nil {
		panic(err)
	}

	// Two machines with 4 cores; one of them is reserved for batch work.
	for _, name := range []string{"m1", "m2"} {
		n := &apiobj.Node{}
		n.Name = name
		n.Labels = map[string]string{apiobj.LabelHostname: name}
		n.Status.Allocatable = apiobj.ResourceList{
			apiobj.ResourceCPU:  resource.MustParse("4"),
			apiobj.ResourcePods: resource.MustParse("110"),
		}
		if name == "m2" {
			n.Spec.Taints = []apiobj.Taint{{Key: "batch", Value: "only", Effect: apiobj.TaintEffectNoSchedule}}
		}
		s.AddNode(n)
	}
	for i, name := range []string{"web-1", "web-2", "batch-1", "batch-2"} {
		p := &apiobj.Pod{}
		p.Namespace, p.Name, p.UID = "default", name, apiobj.UID(name)
		p.Spec.Priority = apiobj.Int32(int32(10 - i))
		p.Spec.Containers = []apiobj.Container{{Name: "main", Resources: apiobj.ResourceRequirements{
			Requests: apiobj.ResourceList{apiobj.ResourceCPU: resource.MustParse("2")},
		}}}
		if name[:5] == "batch" {
			p.Spec.Tolerations = []apiobj.Toleration{{Key: "batch", Operator: apiobj.TolerationOpExists}}
		}
		s.AddPod(p)
	}

	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error)
	go func() { stopped <- s.Run(ctx) }()
	<-done
	cancel()
	<-stopped

	slices.Sort(placed)
	for _, p := range placed {
		fmt.Println(p)
	}
	// Output:
	// batch-1 -> m2
	// batch-2 -> m2
	// web-1 -> m1
	// web-2 -> m1
}
