package fake_test

import (
	"context"
	"net"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/cri"
	"github.com/orcaproj/orca/cri/fake"
	"github.com/orcaproj/orca/cri/runtimetest"
)

// workload makes a fake container behave as the suite asks, with annotations.
func workload(w runtimetest.Workload, c *runtimev1.ContainerConfig) {
	if c.Annotations == nil {
		c.Annotations = map[string]string{}
	}
	if len(w.Stdout) > 0 {
		c.Annotations[fake.AnnotationStdout] = strings.Join(w.Stdout, "\n")
	}
	if len(w.Stderr) > 0 {
		c.Annotations[fake.AnnotationStderr] = strings.Join(w.Stderr, "\n")
	}
	if w.Exit {
		c.Annotations[fake.AnnotationExitCode] = strconv.Itoa(int(w.ExitCode))
	}
	if w.IgnoreSIGTERM {
		c.Annotations[fake.AnnotationStopDelay] = "1h"
	}
}

// execScript answers ExecSync for the suite's commands: ["fake-exec", stdout, code].
func execScript(_ context.Context, _ *runtimev1.ContainerStatus, cmd []string) *runtimev1.ExecSyncResponse {
	if len(cmd) != 3 || cmd[0] != "fake-exec" {
		return nil
	}
	code, _ := strconv.Atoi(cmd[2])
	return &runtimev1.ExecSyncResponse{Stdout: []byte(cmd[1]), ExitCode: int32(code)}
}

func conformanceOptions() runtimetest.Options {
	return runtimetest.Options{
		Image:          "docker.io/library/busybox:1.36",
		RemovableImage: "alpine:3.20",
		Container:      workload,
		ExecCommand: func(stdout string, code int32) []string {
			return []string{"fake-exec", stdout, strconv.Itoa(int(code))}
		},
		Logs:        true,
		StopTimeout: true,
		Stats:       true,
		SandboxIP:   true,
	}
}

func newFake(t *testing.T) *fake.Runtime {
	t.Helper()
	rt, err := fake.New(fake.Config{PodCIDR: "10.244.7.0/24", Exec: execScript})
	if err != nil {
		t.Fatal(err)
	}
	return rt
}

func TestConformance(t *testing.T) {
	t.Parallel()
	runtimetest.Run(t, func(t *testing.T) cri.Runtime { return newFake(t).Client() }, conformanceOptions())
}

// TestConformanceOverGRPC runs the suite against a fake served on a unix
// socket by cri.Serve and reached through cri.NewClient, as crictl or a
// kubelet in another process would.
func TestConformanceOverGRPC(t *testing.T) {
	t.Parallel()
	runtimetest.Run(t, func(t *testing.T) cri.Runtime {
		sock := filepath.Join(t.TempDir(), "cri.sock")
		lis, err := net.Listen("unix", sock)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- cri.Serve(ctx, lis, newFake(t)) }()
		conn, err := grpc.NewClient("unix://"+sock, grpc.WithTransportCredentials(insecure.NewCredentials()))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			conn.Close()
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Serve: %v", err)
			}
		})
		return cri.NewClient(conn)
	}, conformanceOptions())
}
