package process

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"

	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"
)

// recordingNetwork is a Network hook that hands out fixed IPs and records
// its calls.
type recordingNetwork struct {
	mu        sync.Mutex
	setUps    map[string]string // sandbox → netns path
	tearDowns map[string]int
	fail      bool
}

func (n *recordingNetwork) SetUp(ctx context.Context, id, ns string) (string, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.fail {
		return "", errors.New("no addresses left")
	}
	n.setUps[id] = ns
	return "10.244.0." + strconv.Itoa(len(n.setUps)+1), nil
}

func (n *recordingNetwork) TearDown(ctx context.Context, id, ns string) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.tearDowns[id]++
	return nil
}

func requireNetNS(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("pod network namespaces need root")
	}
	ns := filepath.Join(t.TempDir(), "probe")
	if err := newNetNS(ns); err != nil {
		t.Skipf("cannot create network namespaces here: %v", err)
	}
	removeNetNS(ns)
}

func TestPodNetworkNamespace(t *testing.T) {
	t.Parallel()
	requireNetNS(t)
	net := &recordingNetwork{setUps: map[string]string{}, tearDowns: map[string]int{}}
	r := newTestRuntime(t, func(c *Config) { c.Network = net })
	ctx := context.Background()
	sb, sbCfg := runSandbox(t, r, "netns")
	st, err := r.PodSandboxStatus(ctx, &runtimev1.PodSandboxStatusRequest{PodSandboxId: sb})
	if err != nil {
		t.Fatal(err)
	}
	if st.Status.Network.GetIp() != "10.244.0.2" || st.Status.Linux.Namespaces.Options.Network != runtimev1.NamespaceMode_POD {
		t.Fatalf("status %v", st.Status)
	}
	ns := net.setUps[sb]
	if !netNSExists(ns) {
		t.Fatalf("namespace %s not bound", ns)
	}
	id := startContainer(t, r, sb, sbCfg, containerConfig("in-ns", "sleep", "1000"))
	self := hostNetNSName(t)
	theirs, err := os.Readlink("/proc/" + strconv.Itoa(pidOf(r, id)) + "/ns/net")
	if err != nil || theirs == self {
		t.Fatalf("container netns %q, ours %q (%v)", theirs, self, err)
	}
	ex, err := r.ExecSync(ctx, &runtimev1.ExecSyncRequest{ContainerId: id, Cmd: []string{"readlink", "/proc/self/ns/net"}, Timeout: 10})
	if err != nil || string(ex.Stdout) != theirs+"\n" {
		t.Fatalf("exec netns %q, want %q (%v)", ex.GetStdout(), theirs, err)
	}
	// The host-network pod keeps the host's namespace.
	hostCfg := sandboxConfig(t, "hostnet")
	hostCfg.Linux = &runtimev1.LinuxPodSandboxConfig{SecurityContext: &runtimev1.LinuxSandboxSecurityContext{
		NamespaceOptions: &runtimev1.NamespaceOption{Network: runtimev1.NamespaceMode_NODE},
	}}
	if _, err := r.RunPodSandbox(ctx, &runtimev1.RunPodSandboxRequest{Config: hostCfg}); err != nil {
		t.Fatal(err)
	}
	if len(net.setUps) != 1 {
		t.Fatalf("host-network pod went through the hook: %v", net.setUps)
	}
	for range 2 {
		if _, err := r.StopPodSandbox(ctx, &runtimev1.StopPodSandboxRequest{PodSandboxId: sb}); err != nil {
			t.Fatal(err)
		}
	}
	if main, _ := os.Readlink("/proc/self/ns/net"); main != self {
		t.Fatalf("the main thread is left in namespace %s", main)
	}
	if net.tearDowns[sb] != 1 || netNSExists(ns) {
		t.Fatalf("teardowns %d, namespace still there: %v", net.tearDowns[sb], netNSExists(ns))
	}

	net.fail = true
	if _, err := r.RunPodSandbox(ctx, &runtimev1.RunPodSandboxRequest{Config: sandboxConfig(t, "nonet")}); err == nil {
		t.Fatal("sandbox created although SetUp failed")
	}
	ents, _ := os.ReadDir(filepath.Join(r.cfg.RootDir, "netns"))
	if len(ents) != 0 {
		t.Fatalf("namespaces left after failed SetUp: %v", ents)
	}
}

// hostNetNSName names the network namespace of a thread of this process.
func hostNetNSName(t *testing.T) string {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	name, err := os.Readlink("/proc/thread-self/ns/net")
	if err != nil {
		t.Fatal(err)
	}
	return name
}
