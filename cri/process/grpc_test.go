package process

import (
	"context"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/cri"
)

// TestGRPCLifecycle drives the runtime the way crictl does: over a unix
// socket, with the generated CRI clients.
func TestGRPCLifecycle(t *testing.T) {
	t.Parallel()
	r := newTestRuntime(t)
	sock := filepath.Join(t.TempDir(), "cri.sock")
	lis, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- cri.Serve(ctx, lis, r) }()
	t.Cleanup(func() {
		cancel()
		if err := <-served; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	conn, err := grpc.NewClient("unix://"+sock, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	rs := runtimev1.NewRuntimeServiceClient(conn)
	is := runtimev1.NewImageServiceClient(conn)
	cctx, ccancel := context.WithTimeout(ctx, 30*time.Second)
	defer ccancel()

	v, err := rs.Version(cctx, &runtimev1.VersionRequest{})
	if err != nil || v.RuntimeName != RuntimeName {
		t.Fatalf("Version: %v %v", v, err)
	}
	pull, err := is.PullImage(cctx, &runtimev1.PullImageRequest{Image: &runtimev1.ImageSpec{Image: "localhost/orca/busybox:1.35"}})
	if err != nil {
		t.Fatal(err)
	}
	sbCfg := sandboxConfig(t, "grpc")
	sb, err := rs.RunPodSandbox(cctx, &runtimev1.RunPodSandboxRequest{Config: sbCfg})
	if err != nil {
		t.Fatal(err)
	}
	cfg := containerConfig("web", "/bin/sh", "-c", "echo up; while :; do sleep 1; done")
	cfg.Image.Image = "localhost/orca/busybox:1.35"
	c, err := rs.CreateContainer(cctx, &runtimev1.CreateContainerRequest{PodSandboxId: sb.PodSandboxId, Config: cfg, SandboxConfig: sbCfg})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rs.StartContainer(cctx, &runtimev1.StartContainerRequest{ContainerId: c.ContainerId}); err != nil {
		t.Fatal(err)
	}
	st, err := rs.ContainerStatus(cctx, &runtimev1.ContainerStatusRequest{ContainerId: c.ContainerId})
	if err != nil {
		t.Fatal(err)
	}
	if st.Status.State != runtimev1.ContainerState_CONTAINER_RUNNING || st.Status.ImageRef != pull.ImageRef {
		t.Fatalf("status %v", st.Status)
	}
	ex, err := rs.ExecSync(cctx, &runtimev1.ExecSyncRequest{ContainerId: c.ContainerId, Cmd: []string{"echo", "over", "grpc"}, Timeout: 5})
	if err != nil || string(ex.Stdout) != "over grpc\n" {
		t.Fatalf("ExecSync: %v %v", ex, err)
	}
	execURL, err := rs.Exec(cctx, &runtimev1.ExecRequest{ContainerId: c.ContainerId, Cmd: []string{"true"}, Stdout: true})
	if err != nil || !strings.HasPrefix(execURL.Url, r.StreamingURL()+"/exec/") {
		t.Fatalf("Exec: %v %v", execURL, err)
	}
	stats, err := rs.ContainerStats(cctx, &runtimev1.ContainerStatsRequest{ContainerId: c.ContainerId})
	if err != nil || stats.Stats.Attributes.Id != c.ContainerId {
		t.Fatalf("ContainerStats: %v %v", stats, err)
	}
	list, err := rs.ListContainers(cctx, &runtimev1.ListContainersRequest{Filter: &runtimev1.ContainerFilter{PodSandboxId: sb.PodSandboxId}})
	if err != nil || len(list.Containers) != 1 {
		t.Fatalf("ListContainers: %v %v", list, err)
	}
	if _, err := rs.StopContainer(cctx, &runtimev1.StopContainerRequest{ContainerId: c.ContainerId, Timeout: 5}); err != nil {
		t.Fatal(err)
	}
	st, _ = rs.ContainerStatus(cctx, &runtimev1.ContainerStatusRequest{ContainerId: c.ContainerId})
	if st.Status.State != runtimev1.ContainerState_CONTAINER_EXITED || st.Status.ExitCode != 143 {
		t.Fatalf("after stop %v", st.Status)
	}
	if _, err := rs.RemoveContainer(cctx, &runtimev1.RemoveContainerRequest{ContainerId: c.ContainerId}); err != nil {
		t.Fatal(err)
	}
	_, err = rs.ContainerStatus(cctx, &runtimev1.ContainerStatusRequest{ContainerId: c.ContainerId})
	if status.Code(err) != codes.NotFound {
		t.Fatalf("status after remove: %v", err)
	}
	if _, err := rs.StopPodSandbox(cctx, &runtimev1.StopPodSandboxRequest{PodSandboxId: sb.PodSandboxId}); err != nil {
		t.Fatal(err)
	}
	if _, err := rs.RemovePodSandbox(cctx, &runtimev1.RemovePodSandboxRequest{PodSandboxId: sb.PodSandboxId}); err != nil {
		t.Fatal(err)
	}
	sbs, err := rs.ListPodSandbox(cctx, &runtimev1.ListPodSandboxRequest{})
	if err != nil || len(sbs.Items) != 0 {
		t.Fatalf("ListPodSandbox: %v %v", sbs, err)
	}
	stream, err := rs.StreamContainers(cctx, &runtimev1.StreamContainersRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if msg, err := stream.Recv(); err != nil || len(msg.Containers) != 0 {
		t.Fatalf("StreamContainers: %v %v", msg, err)
	}
	if _, err := rs.CheckpointContainer(cctx, &runtimev1.CheckpointContainerRequest{ContainerId: "x"}); status.Code(err) != codes.Unimplemented {
		t.Fatalf("CheckpointContainer: %v", err)
	}
}
