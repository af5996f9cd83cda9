package fake_test

import (
	"context"
	"fmt"
	"time"

	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/cri/fake"
)

// A pod whose annotation makes its container exit with code 1 five seconds
// after it starts, on a clock the example moves by hand.
func Example() {
	clock := fake.NewManualClock(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	node, err := fake.New(fake.Config{Clock: clock, PodCIDR: "10.244.1.0/24", Images: []string{"busybox:1.36"}})
	if err != nil {
		panic(err)
	}
	rt := node.Client() // a cri.Runtime, as the kubelet sees it
	ctx := context.Background()

	sb, err := rt.RunPodSandbox(ctx, &runtimev1.RunPodSandboxRequest{Config: &runtimev1.PodSandboxConfig{
		Metadata: &runtimev1.PodSandboxMetadata{Name: "web", Namespace: "default", Uid: "1234"},
		// The kubelet copies pod annotations onto the sandbox.
		Annotations: map[string]string{
			fake.AnnotationExitAfter: "5s",
			fake.AnnotationExitCode:  "1",
		},
	}})
	if err != nil {
		panic(err)
	}
	c, err := rt.CreateContainer(ctx, &runtimev1.CreateContainerRequest{
		PodSandboxId: sb.PodSandboxId,
		Config: &runtimev1.ContainerConfig{
			Metadata: &runtimev1.ContainerMetadata{Name: "app"},
			Image:    &runtimev1.ImageSpec{Image: "busybox:1.36"},
		},
	})
	if err != nil {
		panic(err)
	}
	if _, err := rt.StartContainer(ctx, &runtimev1.StartContainerRequest{ContainerId: c.ContainerId}); err != nil {
		panic(err)
	}
	show := func() {
		st, err := rt.ContainerStatus(ctx, &runtimev1.ContainerStatusRequest{ContainerId: c.ContainerId})
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s exit=%d reason=%q\n", st.Status.State, st.Status.ExitCode, st.Status.Reason)
	}
	show()
	clock.Advance(5 * time.Second)
	show()

	ps, err := rt.PodSandboxStatus(ctx, &runtimev1.PodSandboxStatusRequest{PodSandboxId: sb.PodSandboxId})
	if err != nil {
		panic(err)
	}
	fmt.Println(ps.Status.Network.Ip)
	// Output:
	// CONTAINER_RUNNING exit=0 reason=""
	// CONTAINER_EXITED exit=1 reason="Error"
	// 10.244.1.2
}
