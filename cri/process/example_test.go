package process_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/cri"
	"github.com/orcaproj/orca/cri/process"
)

// Example runs a pod with one container through the in-process CRI client,
// waits for it to finish and reads its log.
func Example() {
	root, err := os.MkdirTemp("", "orca-process-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(root)
	rt, err := process.New(process.Config{RootDir: filepath.Join(root, "state"), DisableCgroups: true})
	if err != nil {
		log.Fatal(err)
	}
	defer rt.Close()
	client := cri.InProcess(rt) // or serve it: cri.Serve(ctx, listener, rt)
	ctx := context.Background()

	sandboxConfig := &runtimev1.PodSandboxConfig{
		Metadata:     &runtimev1.PodSandboxMetadata{Name: "hello", Namespace: "default", Uid: "uid-1"},
		LogDirectory: filepath.Join(root, "logs"),
	}
	sb, err := client.RunPodSandbox(ctx, &runtimev1.RunPodSandboxRequest{Config: sandboxConfig})
	if err != nil {
		log.Fatal(err)
	}
	defer client.RemovePodSandbox(ctx, &runtimev1.RemovePodSandboxRequest{PodSandboxId: sb.PodSandboxId})
	c, err := client.CreateContainer(ctx, &runtimev1.CreateContainerRequest{
		PodSandboxId: sb.PodSandboxId,
		Config: &runtimev1.ContainerConfig{
			Metadata: &runtimev1.ContainerMetadata{Name: "greeter"},
			Image:    &runtimev1.ImageSpec{Image: "host"}, // recorded, never pulled
			Command:  []string{"/bin/sh", "-c", `echo "hello, $WHO"; exit 3`},
			Envs:     []*runtimev1.KeyValue{{Key: "WHO", Value: []byte("world")}},
			LogPath:  "greeter.log",
		},
		SandboxConfig: sandboxConfig,
	})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.StartContainer(ctx, &runtimev1.StartContainerRequest{ContainerId: c.ContainerId}); err != nil {
		log.Fatal(err)
	}
	var st *runtimev1.ContainerStatus
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		resp, err := client.ContainerStatus(ctx, &runtimev1.ContainerStatusRequest{ContainerId: c.ContainerId})
		if err != nil {
			log.Fatal(err)
		}
		if st = resp.Status; st.State == runtimev1.ContainerState_CONTAINER_EXITED {
			break
		}
	}
	fmt.Println(st.State, st.ExitCode, st.Reason)
	b, err := os.ReadFile(st.LogPath)
	if err != nil {
		log.Fatal(err)
	}
	line, err := cri.ParseLogLine(b)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s %s\n", line.Stream, line.Content)
	// Output:
	// CONTAINER_EXITED 3 Error
	// stdout hello, world
}
