package runtimetest

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/cri"
)

// Workload says how a test container must behave. Options.Container turns it
// into a container config for the runtime under test.
type Workload struct {
	// Stdout and Stderr are lines the container writes as soon as it starts,
	// each followed by a newline, all of Stdout before any of Stderr.
	Stdout, Stderr []string
	// Exit makes the container exit by itself with ExitCode right after
	// writing its output. Otherwise it runs until stopped, and exits promptly
	// on SIGTERM (as PID 1 too: install a handler).
	Exit     bool
	ExitCode int32
	// IgnoreSIGTERM makes a container that runs until stopped ignore SIGTERM,
	// so only the SIGKILL at the end of the stop timeout ends it. The handler
	// must be in place before the container writes Stdout.
	IgnoreSIGTERM bool
}

// Options describe the runtime under test.
type Options struct {
	// Image is the image every test container uses. The suite pulls it and
	// never removes it. Empty means "localhost/orca/busybox:1.35".
	Image string
	// RemovableImage is an image the suite may pull and remove. Empty skips
	// the removal checks (for a shared runtime whose images cannot be pulled
	// again, such as an offline containerd).
	RemovableImage string
	// Container fills in c, which already has metadata, image, log path,
	// labels and annotations, so that the container behaves as w says:
	// typically it sets Command and Args, or (for cri/fake) annotations.
	// Required.
	Container func(w Workload, c *runtimev1.ContainerConfig)
	// ConfigureSandbox, if set, adjusts each sandbox config before
	// RunPodSandbox (a DNS config, a cgroup parent, ...).
	ConfigureSandbox func(c *runtimev1.PodSandboxConfig)
	// RuntimeHandler is passed to RunPodSandbox.
	RuntimeHandler string

	// ExecCommand returns a command that writes stdout, exactly, and exits
	// with exitCode. nil means the runtime does not support ExecSync, and
	// its test is skipped.
	ExecCommand func(stdout string, exitCode int32) []string
	// Streaming says Exec, Attach and PortForward return streaming URLs.
	// If false they must fail with codes.Unimplemented.
	Streaming bool
	// Logs says containers' output reaches LogDirectory/LogPath in the CRI
	// log format.
	Logs bool
	// StopTimeout says StopContainer kills a container that ignores SIGTERM
	// once the timeout has passed, with exit code 137.
	StopTimeout bool
	// Stats says the stats calls report containers and sandboxes.
	Stats bool
	// SandboxIP says every sandbox that does not use the host network gets
	// an IP of its own.
	SandboxIP bool

	// Timeout bounds each wait for a state change. 0 means 30s.
	Timeout time.Duration
	// Serial runs the subtests one at a time.
	Serial bool
}

// DefaultImage is the image used when Options.Image is empty.
const DefaultImage = "localhost/orca/busybox:1.35"

// Skipped lists the parts of the suite that o skips, and why.
func (o Options) Skipped() []string {
	var s []string
	if o.RemovableImage == "" {
		s = append(s, "Images: removal (Options.RemovableImage is empty)")
	}
	if o.ExecCommand == nil {
		s = append(s, "Container/ExecSync (Options.ExecCommand is nil)")
	}
	if !o.Logs {
		s = append(s, "Container/Logs (Options.Logs is false)")
	}
	if !o.StopTimeout {
		s = append(s, "Container/StopTimeout (Options.StopTimeout is false)")
	}
	if !o.Stats {
		s = append(s, "Stats (Options.Stats is false)")
	}
	if !o.SandboxIP {
		s = append(s, "Sandbox/Network (Options.SandboxIP is false)")
	}
	return s
}

func (o *Options) skip(t *testing.T, part string) {
	for _, s := range o.Skipped() {
		if strings.HasPrefix(s, part+" (") {
			t.Skip("runtimetest: skipped: " + s)
		}
	}
}

// Run runs the conformance suite as subtests of t. newRuntime is called once
// per subtest and must return a ready runtime; it registers its own clean-up
// with t.Cleanup.
func Run(t *testing.T, newRuntime func(t *testing.T) cri.Runtime, opts Options) {
	if opts.Container == nil {
		t.Fatal("runtimetest: Options.Container is required")
	}
	if opts.Image == "" {
		opts.Image = DefaultImage
	}
	if opts.Timeout == 0 {
		opts.Timeout = 30 * time.Second
	}
	s := &suite{opts: opts, newRuntime: newRuntime}
	for _, tc := range []struct {
		name string
		f    func(*env)
	}{
		{"Version", testVersion},
		{"Status", testStatus},
		{"Images", testImages},
		{"Sandbox/Lifecycle", testSandboxLifecycle},
		{"Sandbox/NameReserved", testSandboxNameReserved},
		{"Sandbox/ListFilters", testSandboxListFilters},
		{"Sandbox/Network", testSandboxNetwork},
		{"Sandbox/RemoveRemovesContainers", testSandboxRemoveRemovesContainers},
		{"Container/Lifecycle", testContainerLifecycle},
		{"Container/ExitCodes", testContainerExitCodes},
		{"Container/Attempts", testContainerAttempts},
		{"Container/ListFilters", testContainerListFilters},
		{"Container/StopTimeout", testContainerStopTimeout},
		{"Container/ExecSync", testContainerExecSync},
		{"Container/Logs", testContainerLogs},
		{"Idempotency", testIdempotency},
		{"NotFound", testNotFound},
		{"Streaming", testStreaming},
		{"Stats", testStats},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s.opts.skip(t, tc.name)
			if !s.opts.Serial {
				t.Parallel()
			}
			tc.f(s.env(t))
		})
	}
}

type suite struct {
	opts       Options
	newRuntime func(*testing.T) cri.Runtime
}

// LabelRun is put on every object the suite creates, with a value unique to
// the subtest, so lists can be narrowed to one subtest's objects.
const LabelRun = "runtimetest.orca.dev/run"

// env is one subtest's runtime and helpers.
type env struct {
	t      *testing.T
	rt     cri.Runtime
	ctx    context.Context
	opts   Options
	run    string
	logDir string
	pulled bool
}

func (s *suite) env(t *testing.T) *env {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	e := &env{
		t:      t,
		rt:     s.newRuntime(t),
		ctx:    ctx,
		opts:   s.opts,
		run:    fmt.Sprintf("rt%08x", rand.Uint32()),
		logDir: t.TempDir(),
	}
	return e
}

// call bounds one runtime call.
func (e *env) call() (context.Context, context.CancelFunc) {
	return context.WithTimeout(e.ctx, e.opts.Timeout)
}

func (e *env) pull() {
	e.t.Helper()
	if e.pulled {
		return
	}
	ctx, cancel := e.call()
	defer cancel()
	if _, err := e.rt.PullImage(ctx, &runtimev1.PullImageRequest{Image: &runtimev1.ImageSpec{Image: e.opts.Image}}); err != nil {
		e.t.Fatalf("PullImage(%q): %v", e.opts.Image, err)
	}
	e.pulled = true
}

// sandboxConfig returns the config for a sandbox called name in this subtest.
func (e *env) sandboxConfig(name string, labels map[string]string) *runtimev1.PodSandboxConfig {
	podName := name + "-" + e.run
	uid := e.run + "-" + name
	l := map[string]string{
		cri.LabelPodName:      podName,
		cri.LabelPodNamespace: "runtimetest",
		cri.LabelPodUID:       uid,
		LabelRun:              e.run,
	}
	maps.Copy(l, labels)
	cfg := &runtimev1.PodSandboxConfig{
		Metadata:     &runtimev1.PodSandboxMetadata{Name: podName, Namespace: "runtimetest", Uid: uid},
		Hostname:     name,
		LogDirectory: filepath.Join(e.logDir, name),
		Labels:       l,
		Annotations:  map[string]string{"runtimetest.orca.dev/sandbox-note": "kept " + name},
		Linux:        &runtimev1.LinuxPodSandboxConfig{},
	}
	if e.opts.ConfigureSandbox != nil {
		e.opts.ConfigureSandbox(cfg)
	}
	return cfg
}

type sandboxRef struct {
	id  string
	cfg *runtimev1.PodSandboxConfig
}

// sandbox runs a sandbox and removes it when the subtest ends.
func (e *env) sandbox(name string, labels map[string]string) sandboxRef {
	e.t.Helper()
	cfg := e.sandboxConfig(name, labels)
	ctx, cancel := e.call()
	defer cancel()
	resp, err := e.rt.RunPodSandbox(ctx, &runtimev1.RunPodSandboxRequest{Config: cfg, RuntimeHandler: e.opts.RuntimeHandler})
	if err != nil {
		e.t.Fatalf("RunPodSandbox(%s): %v", name, err)
	}
	id := resp.PodSandboxId
	if id == "" {
		e.t.Fatalf("RunPodSandbox(%s) returned an empty ID", name)
	}
	e.t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), e.opts.Timeout)
		defer cancel()
		_, _ = e.rt.StopPodSandbox(ctx, &runtimev1.StopPodSandboxRequest{PodSandboxId: id})
		if _, err := e.rt.RemovePodSandbox(ctx, &runtimev1.RemovePodSandboxRequest{PodSandboxId: id}); err != nil {
			e.t.Errorf("clean-up: RemovePodSandbox(%s): %v", id, err)
		}
	})
	return sandboxRef{id: id, cfg: cfg}
}

func (e *env) containerConfig(sb sandboxRef, name string, attempt uint32, w Workload, labels map[string]string) *runtimev1.ContainerConfig {
	l := map[string]string{
		cri.LabelContainerName: name,
		cri.LabelPodName:       sb.cfg.Metadata.Name,
		cri.LabelPodNamespace:  sb.cfg.Metadata.Namespace,
		cri.LabelPodUID:        sb.cfg.Metadata.Uid,
		LabelRun:               e.run,
	}
	maps.Copy(l, labels)
	cfg := &runtimev1.ContainerConfig{
		Metadata:    &runtimev1.ContainerMetadata{Name: name, Attempt: attempt},
		Image:       &runtimev1.ImageSpec{Image: e.opts.Image, UserSpecifiedImage: e.opts.Image},
		LogPath:     fmt.Sprintf("%s/%d.log", name, attempt),
		Labels:      l,
		Annotations: map[string]string{"runtimetest.orca.dev/container-note": "kept " + name},
		Linux:       &runtimev1.LinuxContainerConfig{},
	}
	e.opts.Container(w, cfg)
	return cfg
}

// container creates a container in sb.
func (e *env) container(sb sandboxRef, name string, w Workload, labels map[string]string) string {
	e.t.Helper()
	id, err := e.create(sb, e.containerConfig(sb, name, 0, w, labels))
	if err != nil {
		e.t.Fatalf("CreateContainer(%s): %v", name, err)
	}
	return id
}

func (e *env) create(sb sandboxRef, cfg *runtimev1.ContainerConfig) (string, error) {
	e.t.Helper()
	e.pull()
	ctx, cancel := e.call()
	defer cancel()
	resp, err := e.rt.CreateContainer(ctx, &runtimev1.CreateContainerRequest{PodSandboxId: sb.id, Config: cfg, SandboxConfig: sb.cfg})
	if err != nil {
		return "", err
	}
	if resp.ContainerId == "" {
		e.t.Fatalf("CreateContainer(%s) returned an empty ID", cfg.Metadata.Name)
	}
	return resp.ContainerId, nil
}

func (e *env) start(id string) {
	e.t.Helper()
	ctx, cancel := e.call()
	defer cancel()
	if _, err := e.rt.StartContainer(ctx, &runtimev1.StartContainerRequest{ContainerId: id}); err != nil {
		e.t.Fatalf("StartContainer(%s): %v", id, err)
	}
}

// running creates and starts a container that runs until stopped, and waits
// until it runs.
func (e *env) running(sb sandboxRef, name string, labels map[string]string) string {
	e.t.Helper()
	id := e.container(sb, name, Workload{}, labels)
	e.start(id)
	e.waitState(id, runtimev1.ContainerState_CONTAINER_RUNNING)
	return id
}

func (e *env) stop(id string, timeout int64) error {
	ctx, cancel := context.WithTimeout(e.ctx, e.opts.Timeout+time.Duration(timeout)*time.Second)
	defer cancel()
	_, err := e.rt.StopContainer(ctx, &runtimev1.StopContainerRequest{ContainerId: id, Timeout: timeout})
	return err
}

func (e *env) removeContainer(id string) error {
	ctx, cancel := e.call()
	defer cancel()
	_, err := e.rt.RemoveContainer(ctx, &runtimev1.RemoveContainerRequest{ContainerId: id})
	return err
}

func (e *env) stopSandbox(id string) error {
	ctx, cancel := e.call()
	defer cancel()
	_, err := e.rt.StopPodSandbox(ctx, &runtimev1.StopPodSandboxRequest{PodSandboxId: id})
	return err
}

func (e *env) removeSandbox(id string) error {
	ctx, cancel := e.call()
	defer cancel()
	_, err := e.rt.RemovePodSandbox(ctx, &runtimev1.RemovePodSandboxRequest{PodSandboxId: id})
	return err
}

func (e *env) containerStatus(id string) (*runtimev1.ContainerStatus, error) {
	ctx, cancel := e.call()
	defer cancel()
	resp, err := e.rt.ContainerStatus(ctx, &runtimev1.ContainerStatusRequest{ContainerId: id})
	if err != nil {
		return nil, err
	}
	if resp.Status == nil {
		return nil, fmt.Errorf("ContainerStatus(%s) returned no status", id)
	}
	return resp.Status, nil
}

func (e *env) mustContainerStatus(id string) *runtimev1.ContainerStatus {
	e.t.Helper()
	st, err := e.containerStatus(id)
	if err != nil {
		e.t.Fatalf("ContainerStatus(%s): %v", id, err)
	}
	return st
}

func (e *env) sandboxStatus(id string) (*runtimev1.PodSandboxStatus, error) {
	ctx, cancel := e.call()
	defer cancel()
	resp, err := e.rt.PodSandboxStatus(ctx, &runtimev1.PodSandboxStatusRequest{PodSandboxId: id})
	if err != nil {
		return nil, err
	}
	if resp.Status == nil {
		return nil, fmt.Errorf("PodSandboxStatus(%s) returned no status", id)
	}
	return resp.Status, nil
}

func (e *env) mustSandboxStatus(id string) *runtimev1.PodSandboxStatus {
	e.t.Helper()
	st, err := e.sandboxStatus(id)
	if err != nil {
		e.t.Fatalf("PodSandboxStatus(%s): %v", id, err)
	}
	return st
}

// eventually polls cond until it holds, failing the test after
// Options.Timeout.
func (e *env) eventually(what string, cond func() (bool, error)) {
	e.t.Helper()
	deadline := time.Now().Add(e.opts.Timeout)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		ok, err := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("timed out after %v waiting for %s (last error: %v)", e.opts.Timeout, what, err)
		}
		select {
		case <-tick.C:
		case <-e.ctx.Done():
			e.t.Fatalf("gave up waiting for %s: %v", what, e.ctx.Err())
		}
	}
}

// waitState waits until container id is in state want and returns its
// status.
func (e *env) waitState(id string, want runtimev1.ContainerState) *runtimev1.ContainerStatus {
	e.t.Helper()
	var st *runtimev1.ContainerStatus
	e.eventually(fmt.Sprintf("container %s to be %s", id, want), func() (bool, error) {
		var err error
		st, err = e.containerStatus(id)
		if err != nil {
			return false, err
		}
		if st.State == runtimev1.ContainerState_CONTAINER_EXITED && want != st.State {
			e.t.Fatalf("container %s exited (code %d, reason %q, message %q) while waiting for %s", id, st.ExitCode, st.Reason, st.Message, want)
		}
		return st.State == want, fmt.Errorf("state %s", st.State)
	})
	return st
}

func (e *env) listContainers(f *runtimev1.ContainerFilter) []string {
	e.t.Helper()
	ctx, cancel := e.call()
	defer cancel()
	resp, err := e.rt.ListContainers(ctx, &runtimev1.ListContainersRequest{Filter: f})
	if err != nil {
		e.t.Fatalf("ListContainers(%v): %v", f, err)
	}
	ids := make([]string, 0, len(resp.Containers))
	for _, c := range resp.Containers {
		ids = append(ids, c.Id)
	}
	slices.Sort(ids)
	return ids
}

func (e *env) listSandboxes(f *runtimev1.PodSandboxFilter) []string {
	e.t.Helper()
	ctx, cancel := e.call()
	defer cancel()
	resp, err := e.rt.ListPodSandbox(ctx, &runtimev1.ListPodSandboxRequest{Filter: f})
	if err != nil {
		e.t.Fatalf("ListPodSandbox(%v): %v", f, err)
	}
	ids := make([]string, 0, len(resp.Items))
	for _, s := range resp.Items {
		ids = append(ids, s.Id)
	}
	slices.Sort(ids)
	return ids
}

// sel is a label selector narrowed to this subtest.
func (e *env) sel(kv ...string) map[string]string {
	m := map[string]string{LabelRun: e.run}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

func sorted(ids ...string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	if out == nil {
		out = []string{}
	}
	return out
}

func (e *env) expectIDs(what string, got, want []string) {
	e.t.Helper()
	if got == nil {
		got = []string{}
	}
	if !slices.Equal(got, want) {
		e.t.Errorf("%s: got IDs %v, want %v", what, got, want)
	}
}

// expectSubset fails unless every pair of want is in got.
func (e *env) expectSubset(what string, got, want map[string]string) {
	e.t.Helper()
	for k, v := range want {
		if g, ok := got[k]; !ok || g != v {
			e.t.Errorf("%s: %q = %q (present %v), want %q", what, k, g, ok, v)
		}
	}
}

func (e *env) expectCode(what string, err error, want ...codes.Code) {
	e.t.Helper()
	if !slices.Contains(want, status.Code(err)) {
		e.t.Errorf("%s: got error %v (code %s), want code in %v", what, err, status.Code(err), want)
	}
}

// expectRecent fails unless ns (a CRI timestamp in nanoseconds) lies between
// since and now, with a second of slack for clock granularity.
func (e *env) expectRecent(what string, ns int64, since time.Time) {
	e.t.Helper()
	ts := time.Unix(0, ns)
	if ts.Before(since.Add(-time.Second)) || ts.After(time.Now().Add(time.Second)) {
		e.t.Errorf("%s = %v, want between %v and now", what, ts, since)
	}
}

func testVersion(e *env) {
	ctx, cancel := e.call()
	defer cancel()
	v, err := e.rt.Version(ctx, &runtimev1.VersionRequest{Version: "v1"})
	if err != nil {
		e.t.Fatalf("Version: %v", err)
	}
	if v.RuntimeApiVersion != "v1" {
		e.t.Errorf("RuntimeApiVersion = %q, want v1", v.RuntimeApiVersion)
	}
	if v.RuntimeName == "" || v.RuntimeVersion == "" {
		e.t.Errorf("Version = %v, want a runtime name and version", v)
	}
}

func testStatus(e *env) {
	ctx, cancel := e.call()
	defer cancel()
	resp, err := e.rt.Status(ctx, &runtimev1.StatusRequest{})
	if err != nil {
		e.t.Fatalf("Status: %v", err)
	}
	for _, typ := range []string{runtimev1.RuntimeReady, runtimev1.NetworkReady} {
		var found bool
		for _, c := range resp.GetStatus().GetConditions() {
			if c.Type == typ {
				found = true
				if !c.Status {
					e.t.Errorf("condition %s is false (%s: %s)", typ, c.Reason, c.Message)
				}
			}
		}
		if !found {
			e.t.Errorf("Status has no %s condition: %v", typ, resp.GetStatus())
		}
	}
}

func testImages(e *env) {
	ctx, cancel := e.call()
	defer cancel()
	spec := &runtimev1.ImageSpec{Image: e.opts.Image}
	pulled, err := e.rt.PullImage(ctx, &runtimev1.PullImageRequest{Image: spec})
	if err != nil {
		e.t.Fatalf("PullImage(%q): %v", e.opts.Image, err)
	}
	if pulled.ImageRef == "" {
		e.t.Errorf("PullImage(%q) returned an empty image reference", e.opts.Image)
	}
	// Pulling again is harmless.
	if _, err := e.rt.PullImage(ctx, &runtimev1.PullImageRequest{Image: spec}); err != nil {
		e.t.Errorf("second PullImage(%q): %v", e.opts.Image, err)
	}
	st, err := e.rt.ImageStatus(ctx, &runtimev1.ImageStatusRequest{Image: spec})
	if err != nil {
		e.t.Fatalf("ImageStatus(%q): %v", e.opts.Image, err)
	}
	im := st.GetImage()
	if im == nil || im.Id == "" {
		e.t.Fatalf("ImageStatus(%q) = %v, want an image with an ID", e.opts.Image, st)
	}
	if len(im.RepoTags)+len(im.RepoDigests) == 0 {
		e.t.Errorf("image %s has neither repo tags nor repo digests", im.Id)
	}
	byID, err := e.rt.ImageStatus(ctx, &runtimev1.ImageStatusRequest{Image: &runtimev1.ImageSpec{Image: im.Id}})
	if err != nil || byID.GetImage().GetId() != im.Id {
		e.t.Errorf("ImageStatus by ID %s = %v, %v; want the same image", im.Id, byID, err)
	}
	hasID := func(images []*runtimev1.Image, id string) bool {
		return slices.ContainsFunc(images, func(i *runtimev1.Image) bool { return i.Id == id })
	}
	all, err := e.rt.ListImages(ctx, &runtimev1.ListImagesRequest{})
	if err != nil {
		e.t.Fatalf("ListImages: %v", err)
	}
	if !hasID(all.Images, im.Id) {
		e.t.Errorf("ListImages does not list %s", im.Id)
	}
	filtered, err := e.rt.ListImages(ctx, &runtimev1.ListImagesRequest{Filter: &runtimev1.ImageFilter{Image: spec}})
	if err != nil {
		e.t.Fatalf("ListImages(filter %q): %v", e.opts.Image, err)
	}
	if !hasID(filtered.Images, im.Id) {
		e.t.Errorf("ListImages(filter %q) does not list %s", e.opts.Image, im.Id)
	}

	absent := &runtimev1.ImageSpec{Image: "localhost/runtimetest/absent:" + e.run}
	st, err = e.rt.ImageStatus(ctx, &runtimev1.ImageStatusRequest{Image: absent})
	if err != nil {
		e.t.Errorf("ImageStatus(absent image): %v, want a response without an image", err)
	} else if st.Image != nil {
		e.t.Errorf("ImageStatus(absent image) = %v, want no image", st.Image)
	}
	if _, err := e.rt.RemoveImage(ctx, &runtimev1.RemoveImageRequest{Image: absent}); err != nil {
		e.t.Errorf("RemoveImage(absent image): %v, want success", err)
	}
	if _, err := e.rt.ImageFsInfo(ctx, &runtimev1.ImageFsInfoRequest{}); err != nil {
		e.t.Errorf("ImageFsInfo: %v", err)
	}

	if e.opts.RemovableImage == "" {
		e.t.Log("runtimetest: skipped image removal: Options.RemovableImage is empty")
		return
	}
	rm := &runtimev1.ImageSpec{Image: e.opts.RemovableImage}
	if _, err := e.rt.PullImage(ctx, &runtimev1.PullImageRequest{Image: rm}); err != nil {
		e.t.Fatalf("PullImage(%q): %v", rm.Image, err)
	}
	st, err = e.rt.ImageStatus(ctx, &runtimev1.ImageStatusRequest{Image: rm})
	if err != nil || st.Image == nil {
		e.t.Fatalf("ImageStatus(%q) after pull = %v, %v", rm.Image, st, err)
	}
	rmID := st.Image.Id
	for i := range 2 {
		if _, err := e.rt.RemoveImage(ctx, &runtimev1.RemoveImageRequest{Image: rm}); err != nil {
			e.t.Errorf("RemoveImage(%q) #%d: %v", rm.Image, i+1, err)
		}
	}
	st, err = e.rt.ImageStatus(ctx, &runtimev1.ImageStatusRequest{Image: rm})
	if err != nil || st.Image != nil {
		e.t.Errorf("ImageStatus(%q) after removal = %v, %v; want no image", rm.Image, st, err)
	}
	all, err = e.rt.ListImages(ctx, &runtimev1.ListImagesRequest{})
	if err != nil {
		e.t.Fatalf("ListImages: %v", err)
	}
	if hasID(all.Images, rmID) {
		e.t.Errorf("ListImages still lists removed image %s", rmID)
	}
}

func testSandboxLifecycle(e *env) {
	before := time.Now()
	sb := e.sandbox("life", map[string]string{"tier": "web"})
	st := e.mustSandboxStatus(sb.id)
	if st.Id != sb.id {
		e.t.Errorf("status ID = %q, want %q", st.Id, sb.id)
	}
	if st.State != runtimev1.PodSandboxState_SANDBOX_READY {
		e.t.Errorf("state after RunPodSandbox = %s, want SANDBOX_READY", st.State)
	}
	if !proto.Equal(st.Metadata, sb.cfg.Metadata) {
		e.t.Errorf("metadata = %v, want %v", st.Metadata, sb.cfg.Metadata)
	}
	e.expectRecent("createdAt", st.CreatedAt, before)
	e.expectSubset("sandbox labels", st.Labels, sb.cfg.Labels)
	e.expectSubset("sandbox annotations", st.Annotations, sb.cfg.Annotations)

	e.expectIDs("list by run label", e.listSandboxes(&runtimev1.PodSandboxFilter{LabelSelector: e.sel()}), sorted(sb.id))
	ctx, cancel := e.call()
	defer cancel()
	list, err := e.rt.ListPodSandbox(ctx, &runtimev1.ListPodSandboxRequest{Filter: &runtimev1.PodSandboxFilter{Id: sb.id}})
	if err != nil || len(list.Items) != 1 {
		e.t.Fatalf("ListPodSandbox(id) = %v, %v; want one sandbox", list, err)
	}
	item := list.Items[0]
	if item.State != runtimev1.PodSandboxState_SANDBOX_READY || item.CreatedAt != st.CreatedAt || !proto.Equal(item.Metadata, sb.cfg.Metadata) {
		e.t.Errorf("list item = %v, want it to agree with the status %v", item, st)
	}
	e.expectSubset("list item labels", item.Labels, sb.cfg.Labels)
	e.expectSubset("list item annotations", item.Annotations, sb.cfg.Annotations)

	if err := e.stopSandbox(sb.id); err != nil {
		e.t.Fatalf("StopPodSandbox: %v", err)
	}
	if st := e.mustSandboxStatus(sb.id); st.State != runtimev1.PodSandboxState_SANDBOX_NOTREADY {
		e.t.Errorf("state after StopPodSandbox = %s, want SANDBOX_NOTREADY", st.State)
	}
	if err := e.removeSandbox(sb.id); err != nil {
		e.t.Fatalf("RemovePodSandbox: %v", err)
	}
	_, err = e.sandboxStatus(sb.id)
	e.expectCode("PodSandboxStatus after removal", err, codes.NotFound)
	e.expectIDs("list after removal", e.listSandboxes(&runtimev1.PodSandboxFilter{Id: sb.id}), sorted())
}

func testSandboxNameReserved(e *env) {
	sb := e.sandbox("dup", nil)
	ctx, cancel := e.call()
	defer cancel()
	resp, err := e.rt.RunPodSandbox(ctx, &runtimev1.RunPodSandboxRequest{Config: sb.cfg, RuntimeHandler: e.opts.RuntimeHandler})
	if err == nil {
		_ = e.stopSandbox(resp.PodSandboxId)
		_ = e.removeSandbox(resp.PodSandboxId)
		e.t.Fatalf("a second RunPodSandbox with the same metadata succeeded (%s), want the name to be reserved by %s", resp.PodSandboxId, sb.id)
	}
	// A new attempt of the same pod is a new name.
	next := proto.Clone(sb.cfg).(*runtimev1.PodSandboxConfig)
	next.Metadata.Attempt++
	resp, err = e.rt.RunPodSandbox(ctx, &runtimev1.RunPodSandboxRequest{Config: next, RuntimeHandler: e.opts.RuntimeHandler})
	if err != nil {
		e.t.Fatalf("RunPodSandbox with attempt %d: %v", next.Metadata.Attempt, err)
	}
	if err := e.stopSandbox(resp.PodSandboxId); err != nil {
		e.t.Errorf("StopPodSandbox: %v", err)
	}
	if err := e.removeSandbox(resp.PodSandboxId); err != nil {
		e.t.Errorf("RemovePodSandbox: %v", err)
	}
}

func testSandboxListFilters(e *env) {
	a := e.sandbox("a", map[string]string{"tier": "a"})
	b := e.sandbox("b", map[string]string{"tier": "b"})
	ready := &runtimev1.PodSandboxStateValue{State: runtimev1.PodSandboxState_SANDBOX_READY}
	notReady := &runtimev1.PodSandboxStateValue{State: runtimev1.PodSandboxState_SANDBOX_NOTREADY}

	e.expectIDs("by id", e.listSandboxes(&runtimev1.PodSandboxFilter{Id: a.id}), sorted(a.id))
	e.expectIDs("by run label", e.listSandboxes(&runtimev1.PodSandboxFilter{LabelSelector: e.sel()}), sorted(a.id, b.id))
	e.expectIDs("by label tier=a", e.listSandboxes(&runtimev1.PodSandboxFilter{LabelSelector: e.sel("tier", "a")}), sorted(a.id))
	e.expectIDs("by label tier=c", e.listSandboxes(&runtimev1.PodSandboxFilter{LabelSelector: e.sel("tier", "c")}), sorted())
	e.expectIDs("by unknown id", e.listSandboxes(&runtimev1.PodSandboxFilter{Id: "runtimetest-absent-" + e.run}), sorted())
	if err := e.stopSandbox(b.id); err != nil {
		e.t.Fatalf("StopPodSandbox: %v", err)
	}
	e.expectIDs("ready", e.listSandboxes(&runtimev1.PodSandboxFilter{State: ready, LabelSelector: e.sel()}), sorted(a.id))
	e.expectIDs("not ready", e.listSandboxes(&runtimev1.PodSandboxFilter{State: notReady, LabelSelector: e.sel()}), sorted(b.id))
	e.expectIDs("id and state that disagree", e.listSandboxes(&runtimev1.PodSandboxFilter{Id: a.id, State: notReady}), sorted())
	e.expectIDs("id, state and label", e.listSandboxes(&runtimev1.PodSandboxFilter{Id: b.id, State: notReady, LabelSelector: e.sel("tier", "b")}), sorted(b.id))
}

func testSandboxNetwork(e *env) {
	a := e.sandbox("neta", nil)
	b := e.sandbox("netb", nil)
	ipOf := func(id string) netip.Addr {
		st := e.mustSandboxStatus(id)
		ip, err := netip.ParseAddr(st.GetNetwork().GetIp())
		if err != nil {
			e.t.Fatalf("sandbox %s: network status %v has no valid IP: %v", id, st.GetNetwork(), err)
		}
		return ip
	}
	if ipA, ipB := ipOf(a.id), ipOf(b.id); ipA == ipB {
		e.t.Errorf("sandboxes %s and %s share IP %s", a.id, b.id, ipA)
	}
}

func testSandboxRemoveRemovesContainers(e *env) {
	sb := e.sandbox("cascade", nil)
	run := e.running(sb, "runs", nil)
	created := e.container(sb, "created", Workload{}, nil)
	if err := e.stopSandbox(sb.id); err != nil {
		e.t.Fatalf("StopPodSandbox: %v", err)
	}
	// CRI: stopping a sandbox forcibly stops its running containers.
	if st := e.mustContainerStatus(run); st.State != runtimev1.ContainerState_CONTAINER_EXITED {
		e.t.Errorf("running container after StopPodSandbox is %s, want CONTAINER_EXITED", st.State)
	}
	if st := e.mustContainerStatus(created); st.State == runtimev1.ContainerState_CONTAINER_RUNNING {
		e.t.Errorf("created container after StopPodSandbox is running")
	}
	if err := e.removeSandbox(sb.id); err != nil {
		e.t.Fatalf("RemovePodSandbox: %v", err)
	}
	for _, id := range []string{run, created} {
		_, err := e.containerStatus(id)
		e.expectCode("ContainerStatus after RemovePodSandbox", err, codes.NotFound)
	}
	e.expectIDs("containers of the removed sandbox", e.listContainers(&runtimev1.ContainerFilter{PodSandboxId: sb.id}), sorted())
	e.expectIDs("containers of this test", e.listContainers(&runtimev1.ContainerFilter{LabelSelector: e.sel()}), sorted())
}

func testContainerLifecycle(e *env) {
	sb := e.sandbox("life", nil)
	before := time.Now()
	cfg := e.containerConfig(sb, "app", 0, Workload{}, map[string]string{"tier": "web"})
	id, err := e.create(sb, cfg)
	if err != nil {
		e.t.Fatalf("CreateContainer: %v", err)
	}
	st := e.mustContainerStatus(id)
	if st.Id != id || st.State != runtimev1.ContainerState_CONTAINER_CREATED {
		e.t.Errorf("after CreateContainer: id %q state %s, want %q CONTAINER_CREATED", st.Id, st.State, id)
	}
	if !proto.Equal(st.Metadata, cfg.Metadata) {
		e.t.Errorf("metadata = %v, want %v", st.Metadata, cfg.Metadata)
	}
	e.expectRecent("createdAt", st.CreatedAt, before)
	if st.StartedAt != 0 || st.FinishedAt != 0 {
		e.t.Errorf("created container has startedAt %d finishedAt %d, want 0", st.StartedAt, st.FinishedAt)
	}
	if st.GetImage().GetImage() == "" || st.ImageRef == "" {
		e.t.Errorf("status image %v, imageRef %q: want both", st.Image, st.ImageRef)
	}
	e.expectSubset("container labels", st.Labels, cfg.Labels)
	e.expectSubset("container annotations", st.Annotations, cfg.Annotations)
	if e.opts.Logs {
		if want := filepath.Join(sb.cfg.LogDirectory, cfg.LogPath); st.LogPath != want {
			e.t.Errorf("log path = %q, want %q", st.LogPath, want)
		}
	}
	e.expectIDs("list by id", e.listContainers(&runtimev1.ContainerFilter{Id: id}), sorted(id))

	e.start(id)
	st = e.waitState(id, runtimev1.ContainerState_CONTAINER_RUNNING)
	if st.StartedAt < st.CreatedAt || st.FinishedAt != 0 {
		e.t.Errorf("running container: createdAt %d startedAt %d finishedAt %d", st.CreatedAt, st.StartedAt, st.FinishedAt)
	}
	ctx, cancel := e.call()
	defer cancel()
	if _, err := e.rt.StartContainer(ctx, &runtimev1.StartContainerRequest{ContainerId: id}); err == nil {
		e.t.Errorf("StartContainer on a running container succeeded, want an error")
	}

	const grace = 20
	t0 := time.Now()
	if err := e.stop(id, grace); err != nil {
		e.t.Fatalf("StopContainer: %v", err)
	}
	if took := time.Since(t0); took > grace*time.Second/2 {
		e.t.Errorf("StopContainer took %v for a container that exits on SIGTERM", took)
	}
	st = e.mustContainerStatus(id)
	if st.State != runtimev1.ContainerState_CONTAINER_EXITED {
		e.t.Fatalf("state after StopContainer returned = %s, want CONTAINER_EXITED", st.State)
	}
	if st.FinishedAt < st.StartedAt || st.StartedAt == 0 {
		e.t.Errorf("stopped container: startedAt %d finishedAt %d", st.StartedAt, st.FinishedAt)
	}
	if st.Reason == "" {
		e.t.Errorf("stopped container has no reason")
	}
	if err := e.removeContainer(id); err != nil {
		e.t.Fatalf("RemoveContainer: %v", err)
	}
	_, err = e.containerStatus(id)
	e.expectCode("ContainerStatus after removal", err, codes.NotFound)
	e.expectIDs("list after removal", e.listContainers(&runtimev1.ContainerFilter{Id: id}), sorted())
}

func testContainerExitCodes(e *env) {
	sb := e.sandbox("exits", nil)
	for _, tc := range []struct {
		name   string
		code   int32
		reason string
	}{
		{"exit0", 0, cri.ReasonCompleted},
		{"exit3", 3, cri.ReasonError},
	} {
		e.t.Run(tc.name, func(t *testing.T) {
			e := *e
			e.t = t
			before := time.Now()
			id := e.container(sb, tc.name, Workload{Exit: true, ExitCode: tc.code}, nil)
			e.start(id)
			st := e.waitState(id, runtimev1.ContainerState_CONTAINER_EXITED)
			if st.ExitCode != tc.code {
				t.Errorf("exit code = %d, want %d", st.ExitCode, tc.code)
			}
			if st.Reason != tc.reason {
				t.Errorf("reason = %q, want %q", st.Reason, tc.reason)
			}
			e.expectRecent("startedAt", st.StartedAt, before)
			e.expectRecent("finishedAt", st.FinishedAt, before)
			if st.FinishedAt < st.StartedAt {
				t.Errorf("finishedAt %d before startedAt %d", st.FinishedAt, st.StartedAt)
			}
		})
	}
}

func testContainerAttempts(e *env) {
	sb := e.sandbox("attempts", nil)
	first := e.container(sb, "app", Workload{Exit: true}, nil)
	e.start(first)
	e.waitState(first, runtimev1.ContainerState_CONTAINER_EXITED)
	if id, err := e.create(sb, e.containerConfig(sb, "app", 0, Workload{}, nil)); err == nil {
		e.t.Errorf("a second container named app, attempt 0, was created (%s); want the name reserved by %s", id, first)
	}
	second, err := e.create(sb, e.containerConfig(sb, "app", 1, Workload{}, nil))
	if err != nil {
		e.t.Fatalf("CreateContainer attempt 1: %v", err)
	}
	if st := e.mustContainerStatus(second); st.GetMetadata().GetAttempt() != 1 {
		e.t.Errorf("attempt = %d, want 1", st.GetMetadata().GetAttempt())
	}
	e.expectIDs("both attempts listed", e.listContainers(&runtimev1.ContainerFilter{PodSandboxId: sb.id}), sorted(first, second))
	// Once the old attempt is removed its name is free again.
	if err := e.removeContainer(first); err != nil {
		e.t.Fatalf("RemoveContainer: %v", err)
	}
	if _, err := e.create(sb, e.containerConfig(sb, "app", 0, Workload{}, nil)); err != nil {
		e.t.Errorf("CreateContainer attempt 0 after removing the first: %v", err)
	}
}

func testContainerListFilters(e *env) {
	a := e.sandbox("a", nil)
	b := e.sandbox("b", nil)
	c1 := e.running(a, "c1", map[string]string{"tier": "web"})
	c2 := e.container(a, "c2", Workload{}, map[string]string{"tier": "db"})
	c3 := e.container(b, "c3", Workload{}, map[string]string{"tier": "web"})
	running := &runtimev1.ContainerStateValue{State: runtimev1.ContainerState_CONTAINER_RUNNING}
	created := &runtimev1.ContainerStateValue{State: runtimev1.ContainerState_CONTAINER_CREATED}

	for _, tc := range []struct {
		name   string
		filter *runtimev1.ContainerFilter
		want   []string
	}{
		{"run label", &runtimev1.ContainerFilter{LabelSelector: e.sel()}, sorted(c1, c2, c3)},
		{"id", &runtimev1.ContainerFilter{Id: c2}, sorted(c2)},
		{"unknown id", &runtimev1.ContainerFilter{Id: "runtimetest-absent-" + e.run}, sorted()},
		{"sandbox a", &runtimev1.ContainerFilter{PodSandboxId: a.id}, sorted(c1, c2)},
		{"sandbox b", &runtimev1.ContainerFilter{PodSandboxId: b.id}, sorted(c3)},
		{"label tier=web", &runtimev1.ContainerFilter{LabelSelector: e.sel("tier", "web")}, sorted(c1, c3)},
		{"label container name", &runtimev1.ContainerFilter{LabelSelector: e.sel(cri.LabelContainerName, "c2")}, sorted(c2)},
		{"running", &runtimev1.ContainerFilter{State: running, LabelSelector: e.sel()}, sorted(c1)},
		{"created", &runtimev1.ContainerFilter{State: created, LabelSelector: e.sel()}, sorted(c2, c3)},
		{"sandbox a and tier=web", &runtimev1.ContainerFilter{PodSandboxId: a.id, LabelSelector: e.sel("tier", "web")}, sorted(c1)},
		{"sandbox a and created", &runtimev1.ContainerFilter{PodSandboxId: a.id, State: created}, sorted(c2)},
		{"id in another sandbox", &runtimev1.ContainerFilter{Id: c3, PodSandboxId: a.id}, sorted()},
		{"id and wrong state", &runtimev1.ContainerFilter{Id: c1, State: created}, sorted()},
	} {
		e.expectIDs(tc.name, e.listContainers(tc.filter), tc.want)
	}
}

func testContainerStopTimeout(e *env) {
	sb := e.sandbox("stubborn", nil)
	cfg := e.containerConfig(sb, "stubborn", 0, Workload{IgnoreSIGTERM: true, Stdout: []string{"ready"}}, nil)
	id, err := e.create(sb, cfg)
	if err != nil {
		e.t.Fatalf("CreateContainer: %v", err)
	}
	e.start(id)
	e.waitState(id, runtimev1.ContainerState_CONTAINER_RUNNING)
	if e.opts.Logs {
		// The SIGTERM handler is in place once "ready" is written.
		e.waitLog(filepath.Join(sb.cfg.LogDirectory, cfg.LogPath), []string{"ready"}, nil)
	}
	const timeout = 2
	t0 := time.Now()
	if err := e.stop(id, timeout); err != nil {
		e.t.Fatalf("StopContainer(timeout %ds): %v", timeout, err)
	}
	took := time.Since(t0)
	st := e.mustContainerStatus(id)
	if st.State != runtimev1.ContainerState_CONTAINER_EXITED {
		e.t.Fatalf("state after StopContainer returned = %s, want CONTAINER_EXITED", st.State)
	}
	if took < timeout*time.Second*3/4 {
		e.t.Errorf("StopContainer returned after %v; a container that ignores SIGTERM must get the whole %ds", took, timeout)
	}
	if st.ExitCode != 137 {
		e.t.Errorf("exit code = %d, want 137 (SIGKILL)", st.ExitCode)
	}
}

func testContainerExecSync(e *env) {
	sb := e.sandbox("exec", nil)
	id := e.running(sb, "app", nil)
	ctx, cancel := e.call()
	defer cancel()
	for _, tc := range []struct {
		stdout string
		code   int32
	}{
		{"hello\n", 0},
		{"", 3},
		{"two\nlines\n", 1},
	} {
		cmd := e.opts.ExecCommand(tc.stdout, tc.code)
		resp, err := e.rt.ExecSync(ctx, &runtimev1.ExecSyncRequest{ContainerId: id, Cmd: cmd, Timeout: 10})
		if err != nil {
			e.t.Errorf("ExecSync(%q): %v (a non-zero exit is a response, not an error)", cmd, err)
			continue
		}
		if string(resp.Stdout) != tc.stdout || resp.ExitCode != tc.code {
			e.t.Errorf("ExecSync(%q) = stdout %q exit %d, want %q exit %d (stderr %q)", cmd, resp.Stdout, resp.ExitCode, tc.stdout, tc.code, resp.Stderr)
		}
	}
	if err := e.stop(id, 10); err != nil {
		e.t.Fatalf("StopContainer: %v", err)
	}
	if _, err := e.rt.ExecSync(ctx, &runtimev1.ExecSyncRequest{ContainerId: id, Cmd: e.opts.ExecCommand("x", 0), Timeout: 10}); err == nil {
		e.t.Errorf("ExecSync in an exited container succeeded, want an error")
	}
}

// readLog parses a CRI log file into the content of each stream, joining
// partial lines.
func readLog(path string) (stdout, stderr []string, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	var pending [2][]byte
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		l, err := cri.ParseLogLine(sc.Bytes())
		if err != nil {
			return nil, nil, err
		}
		if l.Time.IsZero() || l.Time.After(time.Now().Add(time.Minute)) {
			return nil, nil, fmt.Errorf("log line %q: implausible time", sc.Text())
		}
		i := 0
		if l.Stream == runtimev1.Stderr {
			i = 1
		}
		pending[i] = append(pending[i], l.Content...)
		if l.Partial {
			continue
		}
		if i == 0 {
			stdout = append(stdout, string(pending[i]))
		} else {
			stderr = append(stderr, string(pending[i]))
		}
		pending[i] = nil
	}
	return stdout, stderr, sc.Err()
}

func (e *env) waitLog(path string, stdout, stderr []string) {
	e.t.Helper()
	e.eventually(fmt.Sprintf("log %s to hold stdout %q and stderr %q", path, stdout, stderr), func() (bool, error) {
		out, errs, err := readLog(path)
		if err != nil {
			return false, err
		}
		return slices.Equal(out, stdout) && slices.Equal(errs, stderr), fmt.Errorf("stdout %q, stderr %q", out, errs)
	})
}

func testContainerLogs(e *env) {
	sb := e.sandbox("logs", nil)
	w := Workload{Exit: true, Stdout: []string{"hello", "world"}, Stderr: []string{"oops"}}
	cfg := e.containerConfig(sb, "talker", 0, w, nil)
	id, err := e.create(sb, cfg)
	if err != nil {
		e.t.Fatalf("CreateContainer: %v", err)
	}
	e.start(id)
	st := e.waitState(id, runtimev1.ContainerState_CONTAINER_EXITED)
	path := st.LogPath
	if path == "" {
		path = filepath.Join(sb.cfg.LogDirectory, cfg.LogPath)
	}
	e.waitLog(path, w.Stdout, w.Stderr)
}

func testIdempotency(e *env) {
	sb := e.sandbox("idem", nil)
	id := e.running(sb, "app", nil)
	for i := range 2 {
		if err := e.stop(id, 10); err != nil {
			e.t.Errorf("StopContainer #%d: %v", i+1, err)
		}
	}
	for i := range 2 {
		if err := e.removeContainer(id); err != nil {
			e.t.Errorf("RemoveContainer #%d: %v", i+1, err)
		}
	}
	e.expectCode("StopContainer after removal", e.stop(id, 10), codes.OK, codes.NotFound)
	for i := range 2 {
		if err := e.stopSandbox(sb.id); err != nil {
			e.t.Errorf("StopPodSandbox #%d: %v", i+1, err)
		}
	}
	for i := range 2 {
		if err := e.removeSandbox(sb.id); err != nil {
			e.t.Errorf("RemovePodSandbox #%d: %v", i+1, err)
		}
	}
	e.expectCode("StopPodSandbox after removal", e.stopSandbox(sb.id), codes.OK, codes.NotFound)
	absent := "runtimetest-absent-" + e.run
	if err := e.removeContainer(absent); err != nil {
		e.t.Errorf("RemoveContainer(unknown): %v, want success", err)
	}
	if err := e.removeSandbox(absent); err != nil {
		e.t.Errorf("RemovePodSandbox(unknown): %v, want success", err)
	}
}

func testNotFound(e *env) {
	absent := "runtimetest-absent-" + e.run
	_, err := e.sandboxStatus(absent)
	e.expectCode("PodSandboxStatus(unknown)", err, codes.NotFound)
	_, err = e.containerStatus(absent)
	e.expectCode("ContainerStatus(unknown)", err, codes.NotFound)
	ctx, cancel := e.call()
	defer cancel()
	_, err = e.rt.StartContainer(ctx, &runtimev1.StartContainerRequest{ContainerId: absent})
	e.expectCode("StartContainer(unknown)", err, codes.NotFound)
	e.pull()
	_, err = e.rt.CreateContainer(ctx, &runtimev1.CreateContainerRequest{
		PodSandboxId: absent,
		Config: &runtimev1.ContainerConfig{
			Metadata: &runtimev1.ContainerMetadata{Name: "orphan"},
			Image:    &runtimev1.ImageSpec{Image: e.opts.Image},
		},
	})
	e.expectCode("CreateContainer(unknown sandbox)", err, codes.NotFound)
}

func testStreaming(e *env) {
	sb := e.sandbox("stream", nil)
	id := e.running(sb, "app", nil)
	ctx, cancel := e.call()
	defer cancel()
	type result struct {
		name string
		url  string
		err  error
	}
	var rs []result
	ex, err := e.rt.Exec(ctx, &runtimev1.ExecRequest{ContainerId: id, Cmd: []string{"sh"}, Stdout: true})
	rs = append(rs, result{"Exec", ex.GetUrl(), err})
	at, err := e.rt.Attach(ctx, &runtimev1.AttachRequest{ContainerId: id, Stdout: true})
	rs = append(rs, result{"Attach", at.GetUrl(), err})
	pf, err := e.rt.PortForward(ctx, &runtimev1.PortForwardRequest{PodSandboxId: sb.id, Port: []int32{80}})
	rs = append(rs, result{"PortForward", pf.GetUrl(), err})
	for _, r := range rs {
		if !e.opts.Streaming {
			if status.Code(r.err) != codes.Unimplemented {
				e.t.Errorf("%s = %q, %v; a runtime without streaming (Options.Streaming false) must fail with codes.Unimplemented", r.name, r.url, r.err)
			}
			continue
		}
		if r.err != nil {
			e.t.Errorf("%s: %v", r.name, r.err)
			continue
		}
		if u, err := url.Parse(r.url); err != nil || u.Host == "" {
			e.t.Errorf("%s returned URL %q, want an absolute URL", r.name, r.url)
		}
	}
}

func testStats(e *env) {
	sb := e.sandbox("stats", nil)
	id := e.running(sb, "app", nil)
	ctx, cancel := e.call()
	defer cancel()
	cs, err := e.rt.ContainerStats(ctx, &runtimev1.ContainerStatsRequest{ContainerId: id})
	if err != nil {
		e.t.Fatalf("ContainerStats: %v", err)
	}
	if s := cs.GetStats(); s.GetAttributes().GetId() != id || s.Cpu == nil || s.Memory == nil {
		e.t.Errorf("ContainerStats = %v, want attributes for %s, CPU and memory", s, id)
	}
	list, err := e.rt.ListContainerStats(ctx, &runtimev1.ListContainerStatsRequest{Filter: &runtimev1.ContainerStatsFilter{PodSandboxId: sb.id}})
	if err != nil {
		e.t.Fatalf("ListContainerStats: %v", err)
	}
	if len(list.Stats) != 1 || list.Stats[0].GetAttributes().GetId() != id {
		e.t.Errorf("ListContainerStats(sandbox) = %v, want the one running container %s", list.Stats, id)
	}
	ps, err := e.rt.PodSandboxStats(ctx, &runtimev1.PodSandboxStatsRequest{PodSandboxId: sb.id})
	if err != nil {
		e.t.Fatalf("PodSandboxStats: %v", err)
	}
	if ps.GetStats().GetAttributes().GetId() != sb.id {
		e.t.Errorf("PodSandboxStats = %v, want attributes for %s", ps.GetStats(), sb.id)
	}
	pl, err := e.rt.ListPodSandboxStats(ctx, &runtimev1.ListPodSandboxStatsRequest{Filter: &runtimev1.PodSandboxStatsFilter{LabelSelector: e.sel()}})
	if err != nil {
		e.t.Fatalf("ListPodSandboxStats: %v", err)
	}
	if len(pl.Stats) != 1 || pl.Stats[0].GetAttributes().GetId() != sb.id {
		e.t.Errorf("ListPodSandboxStats(run label) = %v, want sandbox %s", pl.Stats, sb.id)
	}
}
