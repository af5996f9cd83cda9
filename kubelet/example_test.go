package kubelet_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/cri/fake"
	"github.com/orcaproj/orca/kubelet"
	"github.com/orcaproj/orca/store/memory"
)

// Example runs a node agent on a simulated runtime against an in-process
// API server and binds a pod to it.
func Example() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	st := memory.New(memory.Config{})
	defer st.Close()
	srv, err := apiserver.New(apiserver.Config{Store: st})
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	if err := srv.Bootstrap(ctx); err != nil {
		panic(err)
	}
	c := client.NewInProcess(srv, &auth.User{Name: "admin", Groups: []string{auth.GroupMasters}}, apiobj.NewScheme())

	rt, err := fake.New(fake.Config{PodCIDR: "10.244.1.0/24"})
	if err != nil {
		panic(err)
	}
	dir, err := os.MkdirTemp("", "kubelet-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	k, err := kubelet.New(kubelet.Config{NodeName: "node-a", Client: c, Runtime: rt.Client(), RootDir: dir})
	if err != nil {
		panic(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- k.Run(runCtx) }()

	pods := client.For[*apiobj.Pod](c).Namespace("default")
	_, err = pods.Create(ctx, &apiobj.Pod{
		ObjectMeta: apiobj.ObjectMeta{Name: "web", Namespace: "default"},
		Spec: apiobj.PodSpec{
			NodeName:   "node-a", // bound directly, no scheduler
			Containers: []apiobj.Container{{Name: "web", Image: "nginx:1.27"}},
		},
	})
	if err != nil {
		panic(err)
	}
	for ctx.Err() == nil {
		p, err := pods.Get(ctx, "web")
		if err == nil && p.Status.Phase == apiobj.PodRunning && p.Status.PodIP != "" {
			fmt.Println(p.Name, p.Status.Phase, p.Status.PodIP)
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	stop()
	fmt.Println(<-done)
	// Output:
	// web Running 10.244.1.2
	// <nil>
}
