package main_test

import (
	"bufio"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The end-to-end tests build examples/cluster, start it, and drive it with
// the real kubectl (v1.32 on these machines). They skip, loudly, only where
// kubectl is missing.

func kubectlPath(t *testing.T) string {
	p, err := exec.LookPath("kubectl")
	if err != nil {
		t.Skip("SKIPPED: kubectl is not on PATH; the kubectl end-to-end tests need it (CI has v1.32)")
	}
	return p
}

func buildCluster(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "cluster")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Stderr = os.Stderr
	require.NoError(t, cmd.Run(), "building examples/cluster")
	return bin
}

func freePort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	return ln.Addr().String()
}

type running struct {
	cmd        *exec.Cmd
	kubeconfig string
	logs       *strings.Builder
}

// start runs the cluster binary and waits for its ready line.
func start(t *testing.T, bin, dataDir, listen string, extra ...string) *running {
	t.Helper()
	args := append([]string{"--data-dir", dataDir, "--listen", listen}, extra...)
	cmd := exec.Command(bin, args...)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	logs := &strings.Builder{}
	cmd.Stderr = logs
	require.NoError(t, cmd.Start())
	r := &running{cmd: cmd, logs: logs}
	t.Cleanup(func() { r.stop(t) })
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if kc, ok := strings.CutPrefix(sc.Text(), "cluster ready: kubeconfig="); ok {
				ready <- kc
			}
		}
	}()
	select {
	case kc := <-ready:
		r.kubeconfig = kc
	case <-time.After(60 * time.Second):
		t.Fatalf("cluster did not print its ready line within 60s; stderr:\n%s", logs.String())
	}
	return r
}

func (r *running) stop(t *testing.T) {
	if r.cmd.ProcessState != nil {
		return
	}
	_ = r.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- r.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("cluster exited with %v after SIGTERM; stderr:\n%s", err, r.logs.String())
		}
	case <-time.After(30 * time.Second):
		_ = r.cmd.Process.Kill()
		<-done
		t.Errorf("cluster did not stop within 30s of SIGTERM")
	}
}

type kubectl struct {
	t    *testing.T
	bin  string
	conf string
}

func (k kubectl) run(args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, k.bin, append([]string{"--kubeconfig", k.conf}, args...)...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func (k kubectl) ok(args ...string) string {
	k.t.Helper()
	out, err := k.run(args...)
	require.NoError(k.t, err, "kubectl %s:\n%s", strings.Join(args, " "), out)
	return out
}

func (k kubectl) fails(args ...string) string {
	k.t.Helper()
	out, err := k.run(args...)
	require.Error(k.t, err, "kubectl %s should fail:\n%s", strings.Join(args, " "), out)
	return out
}

// eventually retries f until it succeeds or the deadline passes.
func eventually(t *testing.T, d time.Duration, f func() error) {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		err := f()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %s: %v", d, err)
		}
		time.Sleep(100 * time.Millisecond) // polling a condition with a deadline
	}
}

func TestKubectlEndToEnd(t *testing.T) {
	kbin := kubectlPath(t)
	bin := buildCluster(t)
	r := start(t, bin, t.TempDir(), freePort(t), "--store", "memory", "--runtime", "fake", "--nodes", "2")
	k := kubectl{t: t, bin: kbin, conf: r.kubeconfig}
	out := k.ok("get", "nodes")
	require.Equal(t, 2, strings.Count(out, " Ready "), "both nodes are Ready:\n%s", out)

	// apply a multi-document manifest, then again: unchanged.
	out = k.ok("apply", "-f", "testdata/stack.yaml")
	require.Contains(t, out, "deployment.apps/web created")
	require.Contains(t, out, "customresourcedefinition.apiextensions.k8s.io/widgets.example.com created")
	eventually(t, 10*time.Second, func() error {
		_, err := k.run("apply", "-f", "testdata/widget.yaml")
		return err
	})
	out = k.ok("apply", "-f", "testdata/stack.yaml")
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		require.True(t, strings.HasSuffix(line, " unchanged"), "second apply changed something: %q", line)
	}

	// The deployment's pods are scheduled onto the nodes and run.
	k.ok("rollout", "status", "deployment/web", "-n", "shop", "--timeout=60s")
	out = k.ok("get", "pods", "-n", "shop", "-l", "app=web", "-o", "wide")
	require.Equal(t, 2, strings.Count(out, "Running"), "two web pods run:\n%s", out)

	// get in several output formats.
	out = k.ok("get", "deployments", "-n", "shop")
	require.Contains(t, out, "NAME")
	require.Contains(t, out, "web")
	k.ok("get", "deployment", "web", "-n", "shop", "-o", "yaml")
	out = k.ok("get", "deployment", "web", "-n", "shop", "-o", "jsonpath={.spec.replicas}")
	require.Equal(t, "2", out)
	k.ok("get", "deployment", "web", "-n", "shop", "-o", "json")
	k.ok("get", "pods,services,configmaps", "-n", "shop", "-o", "wide")
	out = k.ok("get", "deployments", "-n", "shop", "-l", "app=web", "-o", "name")
	require.Equal(t, "deployment.apps/web\n", out)
	out = k.ok("get", "configmaps", "-n", "shop", "--field-selector", "metadata.name=web-config", "-o", "name")
	require.Equal(t, "configmap/web-config\n", out)
	out = k.ok("get", "widgets", "-n", "shop")
	require.Contains(t, out, "gizmo")
	require.Contains(t, out, "SIZE", "printer columns come from additionalPrinterColumns")
	// Custom objects are validated by their CRD's schema.
	bad := filepath.Join(t.TempDir(), "bad-widget.yaml")
	require.NoError(t, os.WriteFile(bad, []byte("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: bad\n  namespace: shop\nspec:\n  size: 0\n"), 0o644))
	out = k.fails("apply", "-f", bad)
	require.Contains(t, out, "spec.size")

	// kubectl's typed commands send protobuf bodies.
	k.ok("create", "configmap", "typed", "-n", "shop", "--from-literal=k=v")
	k.ok("create", "deployment", "typed", "-n", "shop", "--image=busybox:1.36", "--replicas=2")
	k.ok("create", "service", "clusterip", "typed", "-n", "shop", "--tcp=80:8080")
	require.Equal(t, "2", k.ok("get", "deployment", "typed", "-n", "shop", "-o", "jsonpath={.spec.replicas}"))
	require.Equal(t, "v", k.ok("get", "configmap", "typed", "-n", "shop", "-o", "jsonpath={.data.k}"))

	// change things.
	k.ok("label", "deployment", "web", "-n", "shop", "tier=frontend")
	k.ok("annotate", "deployment", "web", "-n", "shop", "owner=team-a")
	k.ok("scale", "deployment", "web", "-n", "shop", "--replicas=4")
	k.ok("rollout", "status", "deployment/web", "-n", "shop", "--timeout=60s")
	k.ok("patch", "deployment", "web", "-n", "shop", "--type=merge", "-p", `{"spec":{"minReadySeconds":5}}`)
	k.ok("patch", "deployment", "web", "-n", "shop", "--type=json", "-p", `[{"op":"replace","path":"/spec/revisionHistoryLimit","value":3}]`)
	k.ok("patch", "deployment", "web", "-n", "shop", "--type=strategic", "-p", `{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"busybox:1.37"}]}}}}`)
	out = k.ok("get", "deployment", "web", "-n", "shop", "-o",
		`jsonpath={.spec.replicas} {.metadata.labels.tier} {.metadata.annotations.owner} {.spec.minReadySeconds} {.spec.revisionHistoryLimit} {.spec.template.spec.containers[0].image}`)
	require.Equal(t, "4 frontend team-a 5 3 busybox:1.37", out)

	// The strategic patch rolled out a new ReplicaSet; undo goes back.
	k.ok("rollout", "status", "deployment/web", "-n", "shop", "--timeout=60s")
	out = k.ok("rollout", "history", "deployment/web", "-n", "shop")
	require.Contains(t, out, "2 ")
	k.ok("rollout", "undo", "deployment/web", "-n", "shop")
	k.ok("rollout", "status", "deployment/web", "-n", "shop", "--timeout=60s")
	require.Equal(t, "busybox:1.36", k.ok("get", "deployment", "web", "-n", "shop", "-o", "jsonpath={.spec.template.spec.containers[0].image}"))

	// edit with a non-interactive editor.
	editor := filepath.Join(t.TempDir(), "editor.sh")
	require.NoError(t, os.WriteFile(editor, []byte("#!/bin/sh\nsed -i 's/greeting: hello/greeting: edited/' \"$1\"\n"), 0o755))
	cmd := exec.Command(kbin, "--kubeconfig", r.kubeconfig, "edit", "configmap", "web-config", "-n", "shop")
	cmd.Env = append(os.Environ(), "KUBE_EDITOR="+editor)
	eout, err := cmd.CombinedOutput()
	require.NoError(t, err, "kubectl edit: %s", eout)
	require.Equal(t, "edited", k.ok("get", "configmap", "web-config", "-n", "shop", "-o", "jsonpath={.data.greeting}"))

	// describe, discovery, explain, auth, raw, version.
	k.ok("describe", "deployment", "web", "-n", "shop")
	out = k.ok("api-resources")
	require.Contains(t, out, "deployments")
	require.Contains(t, out, "widgets")
	out = k.ok("api-versions")
	require.Contains(t, out, "apps/v1")
	out = k.ok("explain", "deployment.spec.strategy")
	require.Contains(t, out, "rollingUpdate")
	require.Equal(t, "yes\n", k.ok("auth", "can-i", "create", "pods"))
	require.Equal(t, "ok", k.ok("get", "--raw", "/readyz"))
	require.Contains(t, k.ok("version"), "Server Version")

	// get -w streams a change.
	wctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	watch := exec.CommandContext(wctx, kbin, "--kubeconfig", r.kubeconfig, "get", "configmaps", "-n", "shop", "-w", "--output-watch-events", "-o", "name")
	wout, err := watch.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, watch.Start())
	lines := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(wout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	eventually(t, 10*time.Second, func() error {
		_, err := k.run("create", "configmap", "streamed", "-n", "shop", "--from-literal=a=b")
		if err != nil && strings.Contains(err.Error(), "AlreadyExists") {
			return nil
		}
		return err
	})
	got := false
	for !got {
		select {
		case l, ok := <-lines:
			require.True(t, ok, "watch ended before the change arrived")
			got = strings.Contains(l, "configmap/streamed")
		case <-wctx.Done():
			t.Fatal("get -w did not stream the change")
		}
	}
	cancel()
	_ = watch.Wait()

	// delete with each cascade mode.
	k.ok("delete", "cronjob", "report", "-n", "shop", "--cascade=background")
	k.ok("delete", "job", "migrate", "-n", "shop", "--cascade=orphan")
	k.ok("delete", "daemonset", "agent", "-n", "shop", "--cascade=foreground")
	k.fails("get", "cronjob", "report", "-n", "shop")
	k.fails("get", "job", "migrate", "-n", "shop")
	k.fails("get", "daemonset", "agent", "-n", "shop")

	// Deleting the namespace empties it, then it goes.
	k.ok("delete", "namespace", "shop", "--timeout=60s")
	k.fails("get", "namespace", "shop")
}

// TestRestartKeepsObjects stops the cluster with SIGTERM and starts it again
// on the same data directory, with the default embedded etcd.
func TestRestartKeepsObjects(t *testing.T) {
	kbin := kubectlPath(t)
	bin := buildCluster(t)
	dir := t.TempDir()
	listen := freePort(t)
	r := start(t, bin, dir, listen)
	k := kubectl{t: t, bin: kbin, conf: r.kubeconfig}
	k.ok("create", "namespace", "keep")
	k.ok("create", "configmap", "kept", "-n", "keep", "--from-literal=x=1")
	r.stop(t)

	r2 := start(t, bin, dir, listen)
	k2 := kubectl{t: t, bin: kbin, conf: r2.kubeconfig}
	require.Equal(t, "1", k2.ok("get", "configmap", "kept", "-n", "keep", "-o", "jsonpath={.data.x}"))
	out := k2.ok("get", "namespaces", "-o", "name")
	require.Equal(t, 1, strings.Count(out, "namespace/default\n"), "bootstrap objects are not duplicated:\n%s", out)
}
