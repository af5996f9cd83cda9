package process

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"
)

// helperRootEnv makes the test binary act as a short-lived runtime process:
// it starts one container under the given root, prints the sandbox and
// container ids and exits without closing the runtime, as a crash would.
const helperRootEnv = "ORCA_PROCESS_TEST_HELPER_ROOT"

func TestMain(m *testing.M) {
	if root := os.Getenv(helperRootEnv); root != "" {
		if err := helperStartContainer(root); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func helperStartContainer(root string) error {
	r, err := newServer(Config{RootDir: root, DisableCgroups: true, Logger: quietLogger})
	if err != nil {
		return err
	}
	ctx := context.Background()
	sbCfg := &runtimev1.PodSandboxConfig{
		Metadata:     &runtimev1.PodSandboxMetadata{Name: "cross", Namespace: "default", Uid: "cross-uid"},
		LogDirectory: filepath.Join(root, "logs"),
	}
	sb, err := r.RunPodSandbox(ctx, &runtimev1.RunPodSandboxRequest{Config: sbCfg})
	if err != nil {
		return err
	}
	c, err := r.CreateContainer(ctx, &runtimev1.CreateContainerRequest{
		PodSandboxId: sb.PodSandboxId, SandboxConfig: sbCfg,
		Config: containerConfig("orphan", "/bin/sh", "-c", `echo before; while [ ! -e go ]; do sleep 0.01; done; echo after; exit 5`),
	})
	if err != nil {
		return err
	}
	if _, err := r.StartContainer(ctx, &runtimev1.StartContainerRequest{ContainerId: c.ContainerId}); err != nil {
		return err
	}
	// Wait until the container has written, so its output sits in the log.
	log := filepath.Join(sbCfg.LogDirectory, "orphan.log")
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for deadline := time.Now().Add(20 * time.Second); ; <-tick.C {
		if b, _ := os.ReadFile(log); strings.Contains(string(b), "before") {
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("no output in %s", log)
		}
	}
	fmt.Println(sb.PodSandboxId, c.ContainerId)
	return nil
}

// TestAdoptFromAnotherProcess opens a runtime on the root of a runtime
// process that died: the container, no longer anyone's child of ours, is
// adopted through a pidfd, keeps logging through its FIFOs, and its exit is
// recorded with an unknown status.
func TestAdoptFromAnotherProcess(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	t.Cleanup(func() { killRecorded(root) })
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperRootEnv+"="+root)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("helper: %v (%s)", err, out)
	}
	var sb, id string
	if _, err := fmt.Sscan(string(out), &sb, &id); err != nil {
		t.Fatalf("helper output %q: %v", out, err)
	}
	r := newTestRuntime(t, func(c *Config) { c.RootDir = root; c.DisableCgroups = true })
	st := containerStatus(t, r, id)
	if st.State != runtimev1.ContainerState_CONTAINER_RUNNING {
		t.Fatalf("after adoption: %v", st)
	}
	r.mu.Lock()
	watched := r.containers[id].run.watch != nil
	r.mu.Unlock()
	if !watched {
		t.Fatal("container not watched through a pidfd")
	}
	os.WriteFile(filepath.Join(r.containerDir(sb, id), "go"), nil, 0o644)
	st = waitExited(t, r, id)
	if st.Reason != reasonUnknown || st.ExitCode != unknownExitCode {
		t.Fatalf("exit of an adopted orphan: %v", st)
	}
	if got := logText(readLog(t, st.LogPath), runtimev1.Stdout); got != "before\nafter\n" {
		t.Fatalf("log across processes %q", got)
	}
}
