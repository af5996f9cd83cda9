package fake_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/cri"
	"github.com/orcaproj/orca/cri/fake"
)

var t0 = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)

// node is a fake runtime on a manual clock, with an image pulled.
type node struct {
	t     *testing.T
	clock *fake.ManualClock
	fake  *fake.Runtime
	rt    cri.Runtime
	ctx   context.Context
}

const testImage = "busybox:1.36"

func newNode(t *testing.T, cfg fake.Config) *node {
	t.Helper()
	clock := fake.NewManualClock(t0)
	cfg.Clock = clock
	f, err := fake.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	n := &node{t: t, clock: clock, fake: f, rt: f.Client(), ctx: context.Background()}
	if _, err := n.rt.PullImage(n.ctx, &runtimev1.PullImageRequest{Image: &runtimev1.ImageSpec{Image: testImage}}); err != nil {
		t.Fatal(err)
	}
	return n
}

func sandboxConfig(name string, annotations map[string]string) *runtimev1.PodSandboxConfig {
	return &runtimev1.PodSandboxConfig{
		Metadata:    &runtimev1.PodSandboxMetadata{Name: name, Namespace: "default", Uid: "uid-" + name},
		Labels:      map[string]string{cri.LabelPodName: name, cri.LabelPodNamespace: "default", cri.LabelPodUID: "uid-" + name},
		Annotations: annotations,
	}
}

func (n *node) sandbox(name string, annotations map[string]string) string {
	n.t.Helper()
	resp, err := n.rt.RunPodSandbox(n.ctx, &runtimev1.RunPodSandboxRequest{Config: sandboxConfig(name, annotations)})
	if err != nil {
		n.t.Fatalf("RunPodSandbox: %v", err)
	}
	return resp.PodSandboxId
}

func (n *node) create(sb, name string, attempt uint32, annotations map[string]string) (string, error) {
	resp, err := n.rt.CreateContainer(n.ctx, &runtimev1.CreateContainerRequest{
		PodSandboxId: sb,
		Config: &runtimev1.ContainerConfig{
			Metadata:    &runtimev1.ContainerMetadata{Name: name, Attempt: attempt},
			Image:       &runtimev1.ImageSpec{Image: testImage},
			Labels:      map[string]string{cri.LabelContainerName: name},
			Annotations: annotations,
		},
	})
	if err != nil {
		return "", err
	}
	return resp.ContainerId, nil
}

func (n *node) container(sb, name string, annotations map[string]string) string {
	n.t.Helper()
	id, err := n.create(sb, name, 0, annotations)
	if err != nil {
		n.t.Fatalf("CreateContainer: %v", err)
	}
	return id
}

func (n *node) start(id string) {
	n.t.Helper()
	if _, err := n.rt.StartContainer(n.ctx, &runtimev1.StartContainerRequest{ContainerId: id}); err != nil {
		n.t.Fatalf("StartContainer: %v", err)
	}
}

func (n *node) status(id string) *runtimev1.ContainerStatus {
	n.t.Helper()
	resp, err := n.rt.ContainerStatus(n.ctx, &runtimev1.ContainerStatusRequest{ContainerId: id})
	if err != nil {
		n.t.Fatalf("ContainerStatus: %v", err)
	}
	return resp.Status
}

// async runs f on its own goroutine, waits until it blocks on the clock, and
// returns a channel with its error.
func (n *node) async(f func() error) <-chan error {
	n.t.Helper()
	done := make(chan error, 1)
	before := n.clock.Waiters()
	go func() { done <- f() }()
	deadline := time.Now().Add(10 * time.Second)
	for n.clock.Waiters() == before {
		select {
		case err := <-done:
			n.t.Fatalf("call returned (%v) instead of waiting on the clock", err)
		default:
		}
		if time.Now().After(deadline) {
			n.t.Fatal("call never waited on the clock")
		}
		time.Sleep(time.Millisecond)
	}
	return done
}

func (n *node) wait(done <-chan error) error {
	n.t.Helper()
	select {
	case err := <-done:
		return err
	case <-time.After(10 * time.Second):
		n.t.Fatal("call did not return after the clock moved")
		return nil
	}
}

// snapshot is the part of a container status a behaviour test checks.
type snapshot struct {
	State      runtimev1.ContainerState
	StartedAt  time.Duration // since t0; -1 if zero
	FinishedAt time.Duration
	ExitCode   int32
	Reason     string
}

func snap(st *runtimev1.ContainerStatus) snapshot {
	rel := func(ns int64) time.Duration {
		if ns == 0 {
			return -1
		}
		return time.Unix(0, ns).Sub(t0)
	}
	return snapshot{st.State, rel(st.StartedAt), rel(st.FinishedAt), st.ExitCode, st.Reason}
}

const (
	created = runtimev1.ContainerState_CONTAINER_CREATED
	running = runtimev1.ContainerState_CONTAINER_RUNNING
	exited  = runtimev1.ContainerState_CONTAINER_EXITED
)

func TestBehaviours(t *testing.T) {
	t.Parallel()
	type step struct {
		at   time.Duration // clock, since the container was started at t0
		want snapshot
	}
	for _, tc := range []struct {
		name    string
		pod     map[string]string
		ctr     map[string]string
		attempt uint32
		steps   []step
	}{
		{
			name: "runs until stopped by default",
			steps: []step{
				{0, snapshot{running, 0, -1, 0, ""}},
				{24 * time.Hour, snapshot{running, 0, -1, 0, ""}},
			},
		},
		{
			name: "exits after a while with a code",
			ctr:  map[string]string{fake.AnnotationExitAfter: "5s", fake.AnnotationExitCode: "3"},
			steps: []step{
				{4 * time.Second, snapshot{running, 0, -1, 0, ""}},
				{5 * time.Second, snapshot{exited, 0, 5 * time.Second, 3, "Error"}},
				{time.Hour, snapshot{exited, 0, 5 * time.Second, 3, "Error"}},
			},
		},
		{
			name:  "exit code alone exits at once",
			ctr:   map[string]string{fake.AnnotationExitCode: "0"},
			steps: []step{{0, snapshot{exited, 0, 0, 0, "Completed"}}},
		},
		{
			name:  "exit reason",
			ctr:   map[string]string{fake.AnnotationExitAfter: "1m", fake.AnnotationExitCode: "137", fake.AnnotationExitReason: "OOMKilled"},
			steps: []step{{time.Minute, snapshot{exited, 0, time.Minute, 137, "OOMKilled"}}},
		},
		{
			name: "crash loop crashes every attempt",
			ctr:  map[string]string{fake.AnnotationCrashLoop: "true"},
			steps: []step{
				{999 * time.Millisecond, snapshot{running, 0, -1, 0, ""}},
				{time.Second, snapshot{exited, 0, time.Second, 1, "Error"}},
			},
		},
		{
			name:    "crash loop with a count crashes early attempts",
			ctr:     map[string]string{fake.AnnotationCrashLoop: "2", fake.AnnotationExitAfter: "3s", fake.AnnotationExitCode: "42"},
			attempt: 1,
			steps:   []step{{3 * time.Second, snapshot{exited, 0, 3 * time.Second, 42, "Error"}}},
		},
		{
			name:    "crash loop with a count spares later attempts",
			ctr:     map[string]string{fake.AnnotationCrashLoop: "2", fake.AnnotationExitAfter: "3s", fake.AnnotationExitCode: "42"},
			attempt: 2,
			steps:   []step{{time.Hour, snapshot{running, 0, -1, 0, ""}}},
		},
		{
			name:  "pod annotation applies to every container",
			pod:   map[string]string{fake.AnnotationExitCode: "4"},
			steps: []step{{0, snapshot{exited, 0, 0, 4, "Error"}}},
		},
		{
			name:  "pod annotation for another container does not apply",
			pod:   map[string]string{"other.fake.orca.dev/exit-code": "4"},
			steps: []step{{time.Hour, snapshot{running, 0, -1, 0, ""}}},
		},
		{
			name:  "container-scoped pod annotation beats the pod-wide one",
			pod:   map[string]string{fake.AnnotationExitCode: "4", "app.fake.orca.dev/exit-code": "5"},
			steps: []step{{0, snapshot{exited, 0, 0, 5, "Error"}}},
		},
		{
			name:  "container annotation beats the pod's",
			pod:   map[string]string{"app.fake.orca.dev/exit-code": "5"},
			ctr:   map[string]string{fake.AnnotationExitCode: "6"},
			steps: []step{{0, snapshot{exited, 0, 0, 6, "Error"}}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			n := newNode(t, fake.Config{})
			sb := n.sandbox("pod", tc.pod)
			id, err := n.create(sb, "app", tc.attempt, tc.ctr)
			if err != nil {
				t.Fatal(err)
			}
			if got := snap(n.status(id)); got.State != created {
				t.Fatalf("before start: %+v", got)
			}
			n.start(id)
			for _, s := range tc.steps {
				n.clock.Set(t0.Add(s.at))
				if diff := cmp.Diff(s.want, snap(n.status(id))); diff != "" {
					t.Errorf("at +%v (-want +got):\n%s", s.at, diff)
				}
			}
		})
	}
}

func TestBadAnnotations(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		pod  map[string]string
		ctr  map[string]string
	}{
		{"unknown key", nil, map[string]string{"fake.orca.dev/exit-cod": "1"}},
		{"unknown key on the pod", map[string]string{"fake.orca.dev/nope": "1"}, nil},
		{"unknown key scoped to this container", map[string]string{"app.fake.orca.dev/nope": "1"}, nil},
		{"bad duration", nil, map[string]string{fake.AnnotationExitAfter: "soon"}},
		{"negative duration", nil, map[string]string{fake.AnnotationStartDelay: "-1s"}},
		{"bad code", nil, map[string]string{fake.AnnotationExitCode: "one"}},
		{"bad crash loop", nil, map[string]string{fake.AnnotationCrashLoop: "often"}},
		{"bad ready", nil, map[string]string{fake.AnnotationReady: "maybe"}},
		{"bad cpu", nil, map[string]string{fake.AnnotationCPUNanoCores: "1.5"}},
		{"bad memory", nil, map[string]string{fake.AnnotationMemoryBytes: "64MB"}},
		{"bad exec JSON", nil, map[string]string{fake.AnnotationExec: `[{"cmd":["x"]}]`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			n := newNode(t, fake.Config{})
			sb := n.sandbox("pod", tc.pod)
			_, err := n.create(sb, "app", 0, tc.ctr)
			if status.Code(err) != codes.InvalidArgument {
				t.Fatalf("CreateContainer = %v, want InvalidArgument", err)
			}
		})
	}
}

func TestBehaviorHook(t *testing.T) {
	t.Parallel()
	n := newNode(t, fake.Config{
		Behavior: func(sb *runtimev1.PodSandboxConfig, c *runtimev1.ContainerConfig, b *fake.Behavior) error {
			if c.Metadata.Name == "bad" {
				return errors.New("no bad containers")
			}
			if sb.Metadata.Name == "pod" && b.ExitCode == 7 {
				b.ExitAfter = time.Minute // the hook sees and refines the annotations
			}
			return nil
		},
	})
	sb := n.sandbox("pod", nil)
	id := n.container(sb, "app", map[string]string{fake.AnnotationExitCode: "7"})
	n.start(id)
	if got := n.status(id).State; got != running {
		t.Fatalf("state = %s, want running until the hook's minute is up", got)
	}
	n.clock.Advance(time.Minute)
	if got := snap(n.status(id)); got.State != exited || got.ExitCode != 7 {
		t.Fatalf("after a minute: %+v", got)
	}
	if _, err := n.create(sb, "bad", 0, nil); status.Code(err) != codes.InvalidArgument {
		t.Fatalf("CreateContainer(bad) = %v, want InvalidArgument", err)
	}
}

func TestStartDelay(t *testing.T) {
	t.Parallel()
	n := newNode(t, fake.Config{})
	sb := n.sandbox("pod", nil)
	id := n.container(sb, "slow", map[string]string{fake.AnnotationStartDelay: "2s"})
	done := n.async(func() error {
		_, err := n.rt.StartContainer(n.ctx, &runtimev1.StartContainerRequest{ContainerId: id})
		return err
	})
	if got := n.status(id).State; got != created {
		t.Fatalf("during the start delay: %s, want CREATED", got)
	}
	n.clock.Advance(2 * time.Second)
	if err := n.wait(done); err != nil {
		t.Fatalf("StartContainer: %v", err)
	}
	if diff := cmp.Diff(snapshot{running, 2 * time.Second, -1, 0, ""}, snap(n.status(id))); diff != "" {
		t.Fatalf("after the delay (-want +got):\n%s", diff)
	}
}

func TestStartDelayContextEnds(t *testing.T) {
	t.Parallel()
	n := newNode(t, fake.Config{})
	sb := n.sandbox("pod", nil)
	id := n.container(sb, "slow", map[string]string{fake.AnnotationStartDelay: "1m"})
	ctx, cancel := context.WithCancel(n.ctx)
	done := n.async(func() error {
		_, err := n.rt.StartContainer(ctx, &runtimev1.StartContainerRequest{ContainerId: id})
		return err
	})
	cancel()
	if err := n.wait(done); status.Code(err) != codes.Canceled {
		t.Fatalf("StartContainer = %v, want Canceled", err)
	}
	n.clock.Advance(time.Minute)
	if got := n.status(id).State; got != running {
		t.Fatalf("the container still starts: state %s", got)
	}
}

func TestStop(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		stopDelay string
		timeout   int64
		wait      time.Duration // how long StopContainer blocks
		code      int32
		reason    string
	}{
		{"honours SIGTERM at once", "", 30, 0, 0, "Completed"},
		{"takes its time within the grace period", "10s", 30, 10 * time.Second, 0, "Completed"},
		{"killed when the grace period ends", "1h", 5, 5 * time.Second, 137, "Error"},
		{"timeout 0 kills at once", "10s", 0, 0, 137, "Error"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			n := newNode(t, fake.Config{})
			sb := n.sandbox("pod", nil)
			var ann map[string]string
			if tc.stopDelay != "" {
				ann = map[string]string{fake.AnnotationStopDelay: tc.stopDelay}
			}
			id := n.container(sb, "app", ann)
			n.start(id)
			n.clock.Advance(time.Minute)
			stop := func() error {
				_, err := n.rt.StopContainer(n.ctx, &runtimev1.StopContainerRequest{ContainerId: id, Timeout: tc.timeout})
				return err
			}
			if tc.wait == 0 {
				if err := stop(); err != nil {
					t.Fatal(err)
				}
			} else {
				done := n.async(stop)
				if got := n.status(id).State; got != running {
					t.Fatalf("while stopping: %s, want RUNNING", got)
				}
				n.clock.Advance(tc.wait)
				if err := n.wait(done); err != nil {
					t.Fatal(err)
				}
			}
			want := snapshot{exited, 0, time.Minute + tc.wait, tc.code, tc.reason}
			if diff := cmp.Diff(want, snap(n.status(id))); diff != "" {
				t.Fatalf("after stop (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStopShortenedBySecondStop(t *testing.T) {
	t.Parallel()
	n := newNode(t, fake.Config{})
	sb := n.sandbox("pod", nil)
	id := n.container(sb, "app", map[string]string{fake.AnnotationStopDelay: "1h"})
	n.start(id)
	first := n.async(func() error {
		_, err := n.rt.StopContainer(n.ctx, &runtimev1.StopContainerRequest{ContainerId: id, Timeout: 600})
		return err
	})
	if _, err := n.rt.StopContainer(n.ctx, &runtimev1.StopContainerRequest{ContainerId: id, Timeout: 0}); err != nil {
		t.Fatal(err)
	}
	if got := snap(n.status(id)); got.State != exited || got.ExitCode != 137 {
		t.Fatalf("after a kill: %+v", got)
	}
	n.clock.Advance(time.Millisecond) // wakes the first call, which sees the exit
	if err := n.wait(first); err != nil {
		t.Fatal(err)
	}
}

func TestStopSandboxKillsContainers(t *testing.T) {
	t.Parallel()
	n := newNode(t, fake.Config{})
	sb := n.sandbox("pod", nil)
	id := n.container(sb, "app", map[string]string{fake.AnnotationStopDelay: "1h"})
	n.start(id)
	n.clock.Advance(time.Second)
	if _, err := n.rt.StopPodSandbox(n.ctx, &runtimev1.StopPodSandboxRequest{PodSandboxId: sb}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(snapshot{exited, 0, time.Second, 137, "Error"}, snap(n.status(id))); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	if _, err := n.create(sb, "late", 0, nil); status.Code(err) != codes.FailedPrecondition {
		t.Fatalf("CreateContainer in a stopped sandbox = %v, want FailedPrecondition", err)
	}
}

func TestExit(t *testing.T) {
	t.Parallel()
	n := newNode(t, fake.Config{})
	sb := n.sandbox("pod", nil)
	id := n.container(sb, "app", nil)
	if err := n.fake.Exit(id, 1, ""); status.Code(err) != codes.FailedPrecondition {
		t.Fatalf("Exit before start = %v, want FailedPrecondition", err)
	}
	n.start(id)
	n.clock.Advance(time.Second)
	if err := n.fake.Exit(id, 137, cri.ReasonOOMKilled); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(snapshot{exited, 0, time.Second, 137, "OOMKilled"}, snap(n.status(id))); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	if err := n.fake.Exit("nope", 1, ""); status.Code(err) != codes.NotFound {
		t.Fatalf("Exit(unknown) = %v, want NotFound", err)
	}
}

func TestExecSync(t *testing.T) {
	t.Parallel()
	rules := `[{"command":["cat","/ready"],"exitCode":1,"stderr":"no"},{"command":["echo","hi"],"stdout":"hi\n"}]`
	hook := func(_ context.Context, c *runtimev1.ContainerStatus, cmd []string) *runtimev1.ExecSyncResponse {
		if cmd[0] == "hook" {
			return &runtimev1.ExecSyncResponse{Stdout: []byte(c.Metadata.Name)}
		}
		return nil
	}
	type probe struct {
		at   time.Duration
		cmd  []string
		want *runtimev1.ExecSyncResponse
	}
	notReady := &runtimev1.ExecSyncResponse{Stderr: []byte("fake: container is not ready\n"), ExitCode: 1}
	ok := &runtimev1.ExecSyncResponse{}
	for _, tc := range []struct {
		name   string
		ann    map[string]string
		probes []probe
	}{
		{"ready by default", nil, []probe{{0, []string{"true"}, ok}}},
		{"not ready", map[string]string{fake.AnnotationReady: "false"}, []probe{{time.Hour, []string{"true"}, notReady}}},
		{"ready after a while", map[string]string{fake.AnnotationReadyAfter: "30s"}, []probe{
			{29 * time.Second, []string{"true"}, notReady},
			{30 * time.Second, []string{"true"}, ok},
		}},
		{"rules", map[string]string{fake.AnnotationExec: rules, fake.AnnotationReady: "false"}, []probe{
			{0, []string{"cat", "/ready"}, &runtimev1.ExecSyncResponse{Stderr: []byte("no"), ExitCode: 1}},
			{0, []string{"echo", "hi"}, &runtimev1.ExecSyncResponse{Stdout: []byte("hi\n")}},
			{0, []string{"echo", "hi", "there"}, notReady},
		}},
		{"hook first", map[string]string{fake.AnnotationReady: "false"}, []probe{
			{0, []string{"hook"}, &runtimev1.ExecSyncResponse{Stdout: []byte("app")}},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			n := newNode(t, fake.Config{Exec: hook})
			sb := n.sandbox("pod", nil)
			id := n.container(sb, "app", tc.ann)
			n.start(id)
			for _, p := range tc.probes {
				n.clock.Set(t0.Add(p.at))
				got, err := n.rt.ExecSync(n.ctx, &runtimev1.ExecSyncRequest{ContainerId: id, Cmd: p.cmd})
				if err != nil {
					t.Fatalf("ExecSync(%q) at +%v: %v", p.cmd, p.at, err)
				}
				if got.ExitCode != p.want.ExitCode || string(got.Stdout) != string(p.want.Stdout) || string(got.Stderr) != string(p.want.Stderr) {
					t.Errorf("ExecSync(%q) at +%v = %v, want %v", p.cmd, p.at, got, p.want)
				}
			}
		})
	}
	t.Run("not running", func(t *testing.T) {
		t.Parallel()
		n := newNode(t, fake.Config{})
		id := n.container(n.sandbox("pod", nil), "app", nil)
		_, err := n.rt.ExecSync(n.ctx, &runtimev1.ExecSyncRequest{ContainerId: id, Cmd: []string{"true"}})
		if status.Code(err) != codes.FailedPrecondition {
			t.Fatalf("ExecSync in a created container = %v, want FailedPrecondition", err)
		}
	})
}

func TestStats(t *testing.T) {
	t.Parallel()
	n := newNode(t, fake.Config{})
	sb := n.sandbox("pod", nil)
	a := n.container(sb, "a", map[string]string{fake.AnnotationCPUNanoCores: "250m", fake.AnnotationMemoryBytes: "64Mi"})
	b := n.container(sb, "b", map[string]string{fake.AnnotationCPUNanoCores: "1000", fake.AnnotationMemoryBytes: "1k", fake.AnnotationExitAfter: "4s"})
	idle := n.container(sb, "idle", nil)
	n.start(a)
	n.start(b)
	n.clock.Advance(2 * time.Second)

	cs, err := n.rt.ContainerStats(n.ctx, &runtimev1.ContainerStatsRequest{ContainerId: a})
	if err != nil {
		t.Fatal(err)
	}
	type usage struct{ NanoCores, CPUNanos, WorkingSet uint64 }
	got := usage{cs.Stats.Cpu.UsageNanoCores.Value, cs.Stats.Cpu.UsageCoreNanoSeconds.Value, cs.Stats.Memory.WorkingSetBytes.Value}
	if diff := cmp.Diff(usage{250e6, 500e6, 64 << 20}, got); diff != "" {
		t.Errorf("container a (-want +got):\n%s", diff)
	}
	ps, err := n.rt.PodSandboxStats(n.ctx, &runtimev1.PodSandboxStatsRequest{PodSandboxId: sb})
	if err != nil {
		t.Fatal(err)
	}
	l := ps.Stats.Linux
	got = usage{l.Cpu.UsageNanoCores.Value, l.Cpu.UsageCoreNanoSeconds.Value, l.Memory.WorkingSetBytes.Value}
	if diff := cmp.Diff(usage{250e6 + 1000, 500e6 + 2000, 64<<20 + 1000}, got); diff != "" {
		t.Errorf("sandbox (-want +got):\n%s", diff)
	}
	if len(l.Containers) != 2 || l.Process.ProcessCount.Value != 2 {
		t.Errorf("sandbox stats count %d containers, %d processes; want 2 running", len(l.Containers), l.Process.ProcessCount.Value)
	}

	n.clock.Advance(10 * time.Second) // b exited at +4s
	list, err := n.rt.ListContainerStats(n.ctx, &runtimev1.ListContainerStatsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Stats) != 1 || list.Stats[0].Attributes.Id != a {
		t.Errorf("ListContainerStats lists %d containers, want only a (running)", len(list.Stats))
	}
	bs, err := n.rt.ContainerStats(n.ctx, &runtimev1.ContainerStatsRequest{ContainerId: b})
	if err != nil {
		t.Fatal(err)
	}
	if v := bs.Stats.Cpu.UsageCoreNanoSeconds.Value; v != 4000 {
		t.Errorf("exited container's CPU time = %d, want 4000 (1000 nanocores for 4s)", v)
	}
	is, err := n.rt.ContainerStats(n.ctx, &runtimev1.ContainerStatsRequest{ContainerId: idle})
	if err != nil {
		t.Fatal(err)
	}
	if v := is.Stats.Memory.WorkingSetBytes.Value; v != 0 {
		t.Errorf("never-started container uses %d bytes", v)
	}
}

func ipOf(t *testing.T, rt cri.Runtime, id string) string {
	t.Helper()
	st, err := rt.PodSandboxStatus(context.Background(), &runtimev1.PodSandboxStatusRequest{PodSandboxId: id})
	if err != nil {
		t.Fatal(err)
	}
	return st.Status.Network.Ip
}

func TestSandboxIPs(t *testing.T) {
	t.Parallel()
	n := newNode(t, fake.Config{PodCIDR: "10.1.2.0/29", NodeIP: "192.168.0.9"})
	var ids []string
	var ips []string
	for i := range 5 { // .2 to .6: not the network, the gateway or the broadcast address
		id := n.sandbox(fmt.Sprintf("p%d", i), nil)
		ids = append(ids, id)
		ips = append(ips, ipOf(t, n.rt, id))
	}
	if diff := cmp.Diff([]string{"10.1.2.2", "10.1.2.3", "10.1.2.4", "10.1.2.5", "10.1.2.6"}, ips); diff != "" {
		t.Fatalf("IPs (-want +got):\n%s", diff)
	}
	_, err := n.rt.RunPodSandbox(n.ctx, &runtimev1.RunPodSandboxRequest{Config: sandboxConfig("full", nil)})
	if status.Code(err) != codes.ResourceExhausted {
		t.Fatalf("RunPodSandbox in a full CIDR = %v, want ResourceExhausted", err)
	}
	if _, err := n.rt.StopPodSandbox(n.ctx, &runtimev1.StopPodSandboxRequest{PodSandboxId: ids[1]}); err != nil {
		t.Fatal(err)
	}
	if ip := ipOf(t, n.rt, ids[1]); ip != "" {
		t.Errorf("a stopped sandbox still reports IP %s", ip)
	}
	if ip := ipOf(t, n.rt, n.sandbox("again", nil)); ip != "10.1.2.3" {
		t.Errorf("after a release, the new sandbox got %q, want the freed 10.1.2.3", ip)
	}

	host := sandboxConfig("host", nil)
	host.Linux = &runtimev1.LinuxPodSandboxConfig{SecurityContext: &runtimev1.LinuxSandboxSecurityContext{
		NamespaceOptions: &runtimev1.NamespaceOption{Network: runtimev1.NamespaceMode_NODE},
	}}
	resp, err := n.rt.RunPodSandbox(n.ctx, &runtimev1.RunPodSandboxRequest{Config: host})
	if err != nil {
		t.Fatal(err)
	}
	if ip := ipOf(t, n.rt, resp.PodSandboxId); ip != "192.168.0.9" {
		t.Errorf("host-network sandbox IP = %q, want the node IP", ip)
	}

	// The kubelet hands the node's pod CIDR over through UpdateRuntimeConfig.
	if _, err := n.rt.UpdateRuntimeConfig(n.ctx, &runtimev1.UpdateRuntimeConfigRequest{RuntimeConfig: &runtimev1.RuntimeConfig{
		NetworkConfig: &runtimev1.NetworkConfig{PodCidr: "fd00:10::/64,10.9.0.0/24"},
	}}); err != nil {
		t.Fatal(err)
	}
	if ip := ipOf(t, n.rt, n.sandbox("v6", nil)); ip != "fd00:10::2" {
		t.Errorf("after UpdateRuntimeConfig the IP is %q, want fd00:10::2", ip)
	}
	_, err = n.rt.UpdateRuntimeConfig(n.ctx, &runtimev1.UpdateRuntimeConfigRequest{RuntimeConfig: &runtimev1.RuntimeConfig{
		NetworkConfig: &runtimev1.NetworkConfig{PodCidr: "10.0.0.1/32"},
	}})
	if status.Code(err) != codes.InvalidArgument {
		t.Errorf("UpdateRuntimeConfig with a /32 = %v, want InvalidArgument", err)
	}
}

func TestImages(t *testing.T) {
	t.Parallel()
	n := newNode(t, fake.Config{Images: []string{"registry.k8s.io/pause:3.10"}})
	st, err := n.rt.ImageStatus(n.ctx, &runtimev1.ImageStatusRequest{Image: &runtimev1.ImageSpec{Image: "registry.k8s.io/pause:3.10"}})
	if err != nil || st.Image == nil {
		t.Fatalf("preloaded image: %v, %v", st, err)
	}
	for _, ref := range []string{"busybox:1.36", "docker.io/library/busybox:1.36", "library/busybox:1.36"} {
		st, err := n.rt.ImageStatus(n.ctx, &runtimev1.ImageStatusRequest{Image: &runtimev1.ImageSpec{Image: ref}})
		if err != nil || st.Image == nil {
			t.Fatalf("ImageStatus(%q) = %v, %v", ref, st, err)
		}
		if diff := cmp.Diff([]string{"docker.io/library/busybox:1.36"}, st.Image.RepoTags); diff != "" {
			t.Errorf("repo tags of %q (-want +got):\n%s", ref, diff)
		}
		byDigest := st.Image.RepoDigests[0]
		again, err := n.rt.ImageStatus(n.ctx, &runtimev1.ImageStatusRequest{Image: &runtimev1.ImageSpec{Image: byDigest}})
		if err != nil || again.Image.GetId() != st.Image.Id {
			t.Errorf("ImageStatus(%q) = %v, %v; want %s", byDigest, again, err, st.Image.Id)
		}
		short := strings.TrimPrefix(st.Image.Id, "sha256:")
		again, err = n.rt.ImageStatus(n.ctx, &runtimev1.ImageStatusRequest{Image: &runtimev1.ImageSpec{Image: short}})
		if err != nil || again.Image.GetId() != st.Image.Id {
			t.Errorf("ImageStatus(bare ID) = %v, %v", again, err)
		}
	}
	for _, ref := range []string{"busybox", "busybox:1.35", "localhost:5000/busybox:1.36", "quay.io/x/y"} {
		st, err := n.rt.ImageStatus(n.ctx, &runtimev1.ImageStatusRequest{Image: &runtimev1.ImageSpec{Image: ref}})
		if err != nil || st.Image != nil {
			t.Errorf("ImageStatus(%q) = %v, %v; want absent", ref, st, err)
		}
	}
	// A container needs its image.
	sb := n.sandbox("pod", nil)
	_, err = n.rt.CreateContainer(n.ctx, &runtimev1.CreateContainerRequest{PodSandboxId: sb, Config: &runtimev1.ContainerConfig{
		Metadata: &runtimev1.ContainerMetadata{Name: "app"},
		Image:    &runtimev1.ImageSpec{Image: "nginx"},
	}})
	if status.Code(err) != codes.NotFound {
		t.Errorf("CreateContainer with an absent image = %v, want NotFound", err)
	}
	list, err := n.rt.ListImages(n.ctx, &runtimev1.ListImagesRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var tags []string
	for _, im := range list.Images {
		tags = append(tags, im.RepoTags...)
	}
	if diff := cmp.Diff([]string{"registry.k8s.io/pause:3.10", "docker.io/library/busybox:1.36"}, tags); diff != "" {
		t.Errorf("ListImages tags (-want +got):\n%s", diff)
	}
	fs, err := n.rt.ImageFsInfo(n.ctx, &runtimev1.ImageFsInfoRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if got := fs.ImageFilesystems[0].UsedBytes.Value; got != 2<<20 {
		t.Errorf("image filesystem uses %d bytes, want two 1 MiB images", got)
	}
}

func TestPullImageHook(t *testing.T) {
	t.Parallel()
	n := newNode(t, fake.Config{PullImage: func(_ context.Context, im *runtimev1.ImageSpec) error {
		if strings.Contains(im.Image, "private") {
			return status.Error(codes.PermissionDenied, "pull access denied")
		}
		return nil
	}})
	_, err := n.rt.PullImage(n.ctx, &runtimev1.PullImageRequest{Image: &runtimev1.ImageSpec{Image: "example.com/private/app:1"}})
	if status.Code(err) != codes.PermissionDenied {
		t.Fatalf("PullImage = %v, want PermissionDenied from the hook", err)
	}
	_, err = n.rt.PullImage(n.ctx, &runtimev1.PullImageRequest{Image: &runtimev1.ImageSpec{Image: "sha256:" + strings.Repeat("0", 64)}})
	if status.Code(err) != codes.NotFound {
		t.Fatalf("PullImage(absent ID) = %v, want NotFound", err)
	}
}

func TestLogFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	n := newNode(t, fake.Config{})
	cfg := sandboxConfig("pod", nil)
	cfg.LogDirectory = dir
	resp, err := n.rt.RunPodSandbox(n.ctx, &runtimev1.RunPodSandboxRequest{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	c, err := n.rt.CreateContainer(n.ctx, &runtimev1.CreateContainerRequest{PodSandboxId: resp.PodSandboxId, Config: &runtimev1.ContainerConfig{
		Metadata:    &runtimev1.ContainerMetadata{Name: "app"},
		Image:       &runtimev1.ImageSpec{Image: testImage},
		LogPath:     "app/0.log",
		Annotations: map[string]string{fake.AnnotationStdout: "one\ntwo\n", fake.AnnotationStderr: "bad", fake.AnnotationStartDelay: "0s"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	n.start(c.ContainerId)
	if got := n.status(c.ContainerId).LogPath; got != filepath.Join(dir, "app/0.log") {
		t.Errorf("LogPath = %q", got)
	}
	data, err := os.ReadFile(filepath.Join(dir, "app/0.log"))
	if err != nil {
		t.Fatal(err)
	}
	want := "2025-01-02T03:04:05Z stdout F one\n2025-01-02T03:04:05Z stdout F two\n2025-01-02T03:04:05Z stderr F bad\n"
	if diff := cmp.Diff(want, string(data)); diff != "" {
		t.Errorf("log file (-want +got):\n%s", diff)
	}
}

func TestLogFileFailure(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	n := newNode(t, fake.Config{})
	cfg := sandboxConfig("pod", nil)
	cfg.LogDirectory = blocker // a file, so the log's directory cannot be made
	resp, err := n.rt.RunPodSandbox(n.ctx, &runtimev1.RunPodSandboxRequest{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	c, err := n.rt.CreateContainer(n.ctx, &runtimev1.CreateContainerRequest{PodSandboxId: resp.PodSandboxId, Config: &runtimev1.ContainerConfig{
		Metadata: &runtimev1.ContainerMetadata{Name: "app"},
		Image:    &runtimev1.ImageSpec{Image: testImage},
		LogPath:  "app/0.log",
	}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := n.rt.StartContainer(n.ctx, &runtimev1.StartContainerRequest{ContainerId: c.ContainerId}); err == nil {
		t.Fatal("StartContainer succeeded without a log file")
	}
	st := n.status(c.ContainerId)
	if st.State != exited || st.Reason != cri.ReasonStartError || st.ExitCode != 128 || st.Message == "" {
		t.Errorf("status after a failed start = %s code %d reason %q message %q", st.State, st.ExitCode, st.Reason, st.Message)
	}
}

func TestDisableLogs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	n := newNode(t, fake.Config{DisableLogs: true})
	cfg := sandboxConfig("pod", nil)
	cfg.LogDirectory = dir
	resp, err := n.rt.RunPodSandbox(n.ctx, &runtimev1.RunPodSandboxRequest{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	c, err := n.rt.CreateContainer(n.ctx, &runtimev1.CreateContainerRequest{PodSandboxId: resp.PodSandboxId, Config: &runtimev1.ContainerConfig{
		Metadata: &runtimev1.ContainerMetadata{Name: "app"},
		Image:    &runtimev1.ImageSpec{Image: testImage},
		LogPath:  "app.log",
	}})
	if err != nil {
		t.Fatal(err)
	}
	n.start(c.ContainerId)
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("DisableLogs wrote %v", entries)
	}
}

func TestStatusConditions(t *testing.T) {
	t.Parallel()
	n := newNode(t, fake.Config{RuntimeHandlers: []string{"kata"}})
	n.fake.SetCondition(runtimev1.NetworkReady, false, "NetworkPluginNotReady", "cni config uninitialized")
	n.fake.SetCondition("Custom", true, "", "")
	st, err := n.rt.Status(n.ctx, &runtimev1.StatusRequest{})
	if err != nil {
		t.Fatal(err)
	}
	type cond struct {
		Type   string
		Status bool
		Reason string
	}
	var got []cond
	for _, c := range st.Status.Conditions {
		got = append(got, cond{c.Type, c.Status, c.Reason})
	}
	want := []cond{{"RuntimeReady", true, ""}, {"NetworkReady", false, "NetworkPluginNotReady"}, {"Custom", true, ""}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("conditions (-want +got):\n%s", diff)
	}
	if len(st.RuntimeHandlers) != 2 || st.RuntimeHandlers[1].Name != "kata" {
		t.Errorf("runtime handlers = %v", st.RuntimeHandlers)
	}
	if _, err := n.rt.RunPodSandbox(n.ctx, &runtimev1.RunPodSandboxRequest{Config: sandboxConfig("k", nil), RuntimeHandler: "kata"}); err != nil {
		t.Errorf("RunPodSandbox with a configured handler: %v", err)
	}
	if _, err := n.rt.RunPodSandbox(n.ctx, &runtimev1.RunPodSandboxRequest{Config: sandboxConfig("g", nil), RuntimeHandler: "gvisor"}); status.Code(err) != codes.InvalidArgument {
		t.Errorf("RunPodSandbox with an unknown handler = %v, want InvalidArgument", err)
	}
	rc, err := n.rt.RuntimeConfig(n.ctx, &runtimev1.RuntimeConfigRequest{})
	if err != nil || rc.Linux.CgroupDriver != runtimev1.CgroupDriver_CGROUPFS {
		t.Errorf("RuntimeConfig = %v, %v", rc, err)
	}
}

func TestUpdateContainerResources(t *testing.T) {
	t.Parallel()
	n := newNode(t, fake.Config{})
	sb := n.sandbox("pod", nil)
	id := n.container(sb, "app", map[string]string{fake.AnnotationMemoryBytes: "100"})
	n.start(id)
	res := &runtimev1.LinuxContainerResources{MemoryLimitInBytes: 1000, CpuQuota: 50000}
	if _, err := n.rt.UpdateContainerResources(n.ctx, &runtimev1.UpdateContainerResourcesRequest{ContainerId: id, Linux: res}); err != nil {
		t.Fatal(err)
	}
	if got := n.status(id).Resources.GetLinux(); got.MemoryLimitInBytes != 1000 || got.CpuQuota != 50000 {
		t.Errorf("resources = %v", got)
	}
	cs, err := n.rt.ContainerStats(n.ctx, &runtimev1.ContainerStatsRequest{ContainerId: id})
	if err != nil {
		t.Fatal(err)
	}
	if got := cs.Stats.Memory.AvailableBytes.GetValue(); got != 900 {
		t.Errorf("available memory = %d, want limit - working set = 900", got)
	}
	if _, err := n.rt.UpdateContainerResources(n.ctx, &runtimev1.UpdateContainerResourcesRequest{ContainerId: "nope"}); status.Code(err) != codes.NotFound {
		t.Errorf("UpdateContainerResources(unknown) = %v", err)
	}
}

func TestUnimplemented(t *testing.T) {
	t.Parallel()
	n := newNode(t, fake.Config{})
	_, err := n.rt.Exec(n.ctx, &runtimev1.ExecRequest{ContainerId: "x"})
	if !cri.IsUnimplemented(err) || !strings.Contains(status.Convert(err).Message(), "fake runtime") {
		t.Errorf("Exec = %v, want Unimplemented with a message naming the fake", err)
	}
	_, err = n.rt.GetContainerEvents(n.ctx, &runtimev1.GetEventsRequest{})
	if err == nil {
		stream, _ := n.rt.GetContainerEvents(n.ctx, &runtimev1.GetEventsRequest{})
		_, err = stream.Recv()
	}
	if !cri.IsUnimplemented(err) {
		t.Errorf("GetContainerEvents = %v, want Unimplemented", err)
	}
}

func TestStreamLists(t *testing.T) {
	t.Parallel()
	n := newNode(t, fake.Config{PodCIDR: "10.0.0.0/16"})
	const pods = 1203 // three messages
	for i := range pods {
		sb := n.sandbox(fmt.Sprintf("p%d", i), nil)
		n.container(sb, "app", nil)
	}
	stream, err := n.rt.StreamContainers(n.ctx, &runtimev1.StreamContainersRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var msgs, total int
	for {
		resp, err := stream.Recv()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				t.Fatal(err)
			}
			break
		}
		msgs++
		total += len(resp.Containers)
	}
	if msgs != 3 || total != pods {
		t.Errorf("StreamContainers sent %d containers in %d messages, want %d in 3", total, msgs, pods)
	}
	list, err := n.rt.ListPodSandbox(n.ctx, &runtimev1.ListPodSandboxRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range list.Items { // creation order
		if want := fmt.Sprintf("p%d", i); s.Metadata.Name != want {
			t.Fatalf("item %d is %s, want %s", i, s.Metadata.Name, want)
		}
	}
}

// TestConcurrentNodes drives several nodes from many goroutines at once, for
// the race detector.
func TestConcurrentNodes(t *testing.T) {
	t.Parallel()
	var wg sync.WaitGroup
	for node := range 4 {
		rt, err := fake.New(fake.Config{})
		if err != nil {
			t.Fatal(err)
		}
		c := rt.Client()
		ctx := context.Background()
		if _, err := c.PullImage(ctx, &runtimev1.PullImageRequest{Image: &runtimev1.ImageSpec{Image: testImage}}); err != nil {
			t.Fatal(err)
		}
		for w := range 8 {
			wg.Go(func() {
				for i := range 20 {
					name := fmt.Sprintf("n%d-w%d-p%d", node, w, i)
					sb, err := c.RunPodSandbox(ctx, &runtimev1.RunPodSandboxRequest{Config: sandboxConfig(name, nil)})
					if err != nil {
						t.Error(err)
						return
					}
					cr, err := c.CreateContainer(ctx, &runtimev1.CreateContainerRequest{PodSandboxId: sb.PodSandboxId, Config: &runtimev1.ContainerConfig{
						Metadata: &runtimev1.ContainerMetadata{Name: "app"}, Image: &runtimev1.ImageSpec{Image: testImage},
					}})
					if err != nil {
						t.Error(err)
						return
					}
					if _, err := c.StartContainer(ctx, &runtimev1.StartContainerRequest{ContainerId: cr.ContainerId}); err != nil {
						t.Error(err)
					}
					if _, err := c.ListContainers(ctx, &runtimev1.ListContainersRequest{}); err != nil {
						t.Error(err)
					}
					if _, err := c.ListPodSandboxStats(ctx, &runtimev1.ListPodSandboxStatsRequest{}); err != nil {
						t.Error(err)
					}
					if i%2 == 0 {
						if _, err := c.RemovePodSandbox(ctx, &runtimev1.RemovePodSandboxRequest{PodSandboxId: sb.PodSandboxId}); err != nil {
							t.Error(err)
						}
					}
				}
			})
		}
	}
	wg.Wait()
}

func TestConfigValidate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		cfg  fake.Config
		ok   bool
	}{
		{"zero", fake.Config{}, true},
		{"full", fake.Config{PodCIDR: "10.0.0.0/24", NodeIP: "10.1.0.1", Images: []string{"pause"}, RuntimeHandlers: []string{"kata"}}, true},
		{"bad CIDR", fake.Config{PodCIDR: "10.0.0.0"}, false},
		{"tiny CIDR", fake.Config{PodCIDR: "10.0.0.0/31"}, false},
		{"bad node IP", fake.Config{NodeIP: "node"}, false},
		{"default handler listed", fake.Config{RuntimeHandlers: []string{""}}, false},
		{"empty image", fake.Config{Images: []string{""}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := tc.cfg.Validate()
			if (err == nil) != tc.ok {
				t.Fatalf("Validate() = %v, want ok=%v", err, tc.ok)
			}
			if _, err := fake.New(tc.cfg); (err == nil) != tc.ok {
				t.Fatalf("New() = %v, want ok=%v", err, tc.ok)
			}
		})
	}
}

func TestManualClock(t *testing.T) {
	t.Parallel()
	c := fake.NewManualClock(t0)
	now := c.After(0)
	a := c.After(time.Second)
	b := c.After(time.Minute)
	if got := <-now; !got.Equal(t0) {
		t.Errorf("After(0) fired with %v", got)
	}
	if c.Waiters() != 2 {
		t.Fatalf("Waiters = %d, want 2", c.Waiters())
	}
	c.Advance(time.Second)
	select {
	case <-a:
	default:
		t.Fatal("After(1s) did not fire after Advance(1s)")
	}
	select {
	case <-b:
		t.Fatal("After(1m) fired early")
	default:
	}
	c.Set(t0.Add(time.Hour))
	<-b
	if c.Waiters() != 0 || !c.Now().Equal(t0.Add(time.Hour)) {
		t.Fatalf("Waiters = %d, Now = %v", c.Waiters(), c.Now())
	}
}

// FuzzAnnotations feeds arbitrary values to every behaviour annotation:
// CreateContainer must either accept them or fail with InvalidArgument, and
// an accepted container must start and report a status.
func FuzzAnnotations(f *testing.F) {
	f.Add("exit-after", "5s")
	f.Add("exit-code", "-1")
	f.Add("crash-loop", "3")
	f.Add("cpu-nanocores", "18446744073709551615")
	f.Add("memory-bytes", "9999999999Ti")
	f.Add("exec", `[{"command":null}]`)
	f.Add("start-delay", "2562047h")
	f.Add("stdout", "a\n\nb")
	f.Fuzz(func(t *testing.T, key, value string) {
		n := newNode(t, fake.Config{})
		sb := n.sandbox("pod", nil)
		id, err := n.create(sb, "app", 0, map[string]string{fake.AnnotationPrefix + key: value})
		if err != nil {
			if status.Code(err) != codes.InvalidArgument {
				t.Fatalf("CreateContainer(%s=%q) = %v, want success or InvalidArgument", key, value, err)
			}
			return
		}
		ctx, cancel := context.WithCancel(n.ctx)
		cancel() // a start delay must not block the fuzzer
		_, _ = n.rt.StartContainer(ctx, &runtimev1.StartContainerRequest{ContainerId: id})
		n.clock.Advance(time.Hour)
		n.status(id)
		if _, err := n.rt.ContainerStats(n.ctx, &runtimev1.ContainerStatsRequest{ContainerId: id}); err != nil {
			t.Fatal(err)
		}
		if _, err := n.rt.PodSandboxStats(n.ctx, &runtimev1.PodSandboxStatsRequest{PodSandboxId: sb}); err != nil {
			t.Fatal(err)
		}
	})
}
