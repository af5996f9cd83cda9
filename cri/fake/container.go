package fake

import (
	"cmp"
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/cri"
)

// exitKilled is the exit code of a container ended by SIGKILL.
const exitKilled = 128 + 9

// container is one simulated container. Its fields are guarded by
// Runtime.mu; the maps and messages taken from the request are never changed
// after creation.
//
// Its state is not stored but computed by phase from the times below and
// its Behavior, so nothing has to run when a container starts or exits.
type container struct {
	id          string
	seq         uint64
	sandbox     *sandbox
	meta        *runtimev1.ContainerMetadata
	image       *runtimev1.ImageSpec
	imageID     string
	labels      map[string]string
	annotations map[string]string
	mounts      []*runtimev1.Mount
	logPath     string
	resources   *runtimev1.ContainerResources
	b           Behavior

	createdAt int64
	started   bool
	startAt   int64 // when StartContainer was called, if started
	// If stopped, stopAt is when the container exits (or exited) because it
	// was stopped or killed, with stopCode, stopReason and stopMessage. A
	// natural exit (Behavior.Exit) earlier than stopAt wins.
	stopped     bool
	stopAt      int64
	stopCode    int32
	stopReason  string
	stopMessage string
}

type phase struct {
	state                 runtimev1.ContainerState
	startedAt, finishedAt int64
	exitCode              int32
	reason, message       string
}

func addSat(a int64, d time.Duration) int64 {
	if int64(d) > math.MaxInt64-a {
		return math.MaxInt64
	}
	return a + int64(d)
}

func exitReason(code int32, reason string) string {
	switch {
	case reason != "":
		return reason
	case code == 0:
		return cri.ReasonCompleted
	default:
		return cri.ReasonError
	}
}

// runningAt is when a started container begins to run.
func (c *container) runningAt() int64 { return addSat(c.startAt, c.b.StartDelay) }

// end returns when and how a started container exits, or MaxInt64 if
// nothing will end it.
func (c *container) end() (at int64, code int32, reason, message string) {
	at = math.MaxInt64
	if c.b.Exit {
		at, code, reason = addSat(c.runningAt(), c.b.ExitAfter), c.b.ExitCode, exitReason(c.b.ExitCode, c.b.ExitReason)
	}
	if c.stopped && c.stopAt < at {
		at, code, reason, message = c.stopAt, c.stopCode, c.stopReason, c.stopMessage
	}
	return at, code, reason, message
}

// phase returns the container's state at now.
func (c *container) phase(now int64) phase {
	if !c.started {
		return phase{state: runtimev1.ContainerState_CONTAINER_CREATED}
	}
	running := c.runningAt()
	if end, code, reason, msg := c.end(); now >= end {
		return phase{
			state:      runtimev1.ContainerState_CONTAINER_EXITED,
			startedAt:  min(running, end),
			finishedAt: end,
			exitCode:   code,
			reason:     reason,
			message:    msg,
		}
	}
	if now < running {
		return phase{state: runtimev1.ContainerState_CONTAINER_CREATED}
	}
	return phase{state: runtimev1.ContainerState_CONTAINER_RUNNING, startedAt: running}
}

// stop makes a started container exit at `at` unless it ends sooner.
func (c *container) stop(at int64, code int32, reason string) {
	if c.stopped && c.stopAt <= at {
		return
	}
	c.stopped = true
	c.stopAt, c.stopCode, c.stopReason, c.stopMessage = at, code, exitReason(code, reason), ""
}

// kill ends a started, not yet exited container at now with SIGKILL.
func (c *container) kill(now int64) {
	if !c.started {
		return
	}
	if end, _, _, _ := c.end(); end <= now {
		return
	}
	c.stop(now, exitKilled, "")
}

func (c *container) status(now int64) *runtimev1.ContainerStatus {
	p := c.phase(now)
	return &runtimev1.ContainerStatus{
		Id:          c.id,
		Metadata:    c.meta,
		State:       p.state,
		CreatedAt:   c.createdAt,
		StartedAt:   p.startedAt,
		FinishedAt:  p.finishedAt,
		ExitCode:    p.exitCode,
		Image:       c.image,
		ImageRef:    c.imageID,
		ImageId:     c.imageID,
		Reason:      p.reason,
		Message:     p.message,
		Labels:      c.labels,
		Annotations: c.annotations,
		Mounts:      c.mounts,
		LogPath:     c.fullLogPath(),
		Resources:   c.resources,
	}
}

// fullLogPath is where the container's log is: its LogPath under the
// sandbox's LogDirectory, or "" if either is missing.
func (c *container) fullLogPath() string {
	if c.logPath == "" || c.sandbox.logDir == "" {
		return ""
	}
	return filepath.Join(c.sandbox.logDir, c.logPath)
}

// CreateContainer implements CRI. The image must be present (pulled or
// preloaded); the container's Behavior comes from the annotations described in
// the package documentation and then Config.Behavior. A second container with
// the same name and attempt in one sandbox fails with codes.AlreadyExists.
func (r *Runtime) CreateContainer(_ context.Context, req *runtimev1.CreateContainerRequest) (*runtimev1.CreateContainerResponse, error) {
	cfg := req.GetConfig()
	md := cfg.GetMetadata()
	if md.GetName() == "" {
		return nil, status.Error(codes.InvalidArgument, "container config must have metadata with a name")
	}
	if cfg.GetImage().GetImage() == "" {
		return nil, status.Error(codes.InvalidArgument, "container config must name an image")
	}

	r.mu.Lock()
	s, ok := r.sandboxes[req.PodSandboxId]
	if !ok {
		r.mu.Unlock()
		return nil, notFound("sandbox", req.PodSandboxId)
	}
	sbCfg := req.SandboxConfig
	if sbCfg == nil {
		sbCfg = s.config()
	}
	podAnnotations := s.annotations
	r.mu.Unlock()

	b, err := parseBehavior(md.Name, md.Attempt, podAnnotations, cfg.Annotations)
	if err == nil && r.cfg.Behavior != nil {
		err = r.cfg.Behavior(sbCfg, cfg, &b)
	}
	if err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "container %q: %v", md.Name, err)
	}

	r.mu.Lock()
	defer r.mu.Unlock()
	if r.sandboxes[req.PodSandboxId] != s {
		return nil, notFound("sandbox", req.PodSandboxId)
	}
	if !s.ready {
		return nil, status.Errorf(codes.FailedPrecondition, "sandbox %s is not ready", s.id)
	}
	im := r.lookupImage(cfg.Image.Image)
	if im == nil {
		return nil, status.Errorf(codes.NotFound, "image %q not found", cfg.Image.Image)
	}
	for _, o := range s.containers {
		if o.meta.Name == md.Name && o.meta.Attempt == md.Attempt {
			return nil, status.Errorf(codes.AlreadyExists, "container name %q attempt %d is reserved for %s", md.Name, md.Attempt, o.id)
		}
	}
	c := &container{
		id:          newID(),
		sandbox:     s,
		meta:        md,
		image:       cfg.Image,
		imageID:     im.id,
		labels:      cfg.Labels,
		annotations: cfg.Annotations,
		mounts:      cfg.Mounts,
		logPath:     cfg.LogPath,
		b:           b,
		createdAt:   r.now(),
	}
	if res := cfg.GetLinux().GetResources(); res != nil {
		c.resources = &runtimev1.ContainerResources{Linux: res}
	}
	r.seq++
	c.seq = r.seq
	r.containers[c.id] = c
	s.containers = append(s.containers, c)
	return &runtimev1.CreateContainerResponse{ContainerId: c.id}, nil
}

// StartContainer implements CRI. It returns once the container runs: after
// its start delay, waited on the Clock. A container can be started once;
// starting it again fails with codes.FailedPrecondition. If ctx ends during
// the start delay the call fails but the container still starts.
func (r *Runtime) StartContainer(ctx context.Context, req *runtimev1.StartContainerRequest) (*runtimev1.StartContainerResponse, error) {
	r.mu.Lock()
	c, ok := r.containers[req.ContainerId]
	if !ok {
		r.mu.Unlock()
		return nil, notFound("container", req.ContainerId)
	}
	if c.started {
		st := c.phase(r.now()).state
		r.mu.Unlock()
		return nil, status.Errorf(codes.FailedPrecondition, "container %s is %s: it was already started", c.id, st)
	}
	if !c.sandbox.ready {
		r.mu.Unlock()
		return nil, status.Errorf(codes.FailedPrecondition, "sandbox %s of container %s is not ready", c.sandbox.id, c.id)
	}
	c.started, c.startAt = true, r.now()
	running := c.runningAt()
	logPath, stdout, stderr := c.fullLogPath(), c.b.Stdout, c.b.Stderr
	c.b.Stdout, c.b.Stderr = nil, nil // written once; not kept
	r.mu.Unlock()

	if logPath != "" && !r.cfg.DisableLogs {
		if err := writeLog(logPath, time.Unix(0, running), stdout, stderr); err != nil {
			r.mu.Lock()
			c.stopped = true
			c.stopAt, c.stopCode, c.stopReason, c.stopMessage = c.startAt, 128, cri.ReasonStartError, err.Error()
			r.mu.Unlock()
			return nil, status.Errorf(codes.Internal, "container %s: log file: %v", c.id, err)
		}
	}
	err := r.wait(ctx, func() (int64, bool) {
		if r.containers[c.id] != c {
			return 0, true // removed
		}
		end, _, _, _ := c.end()
		return running, end <= running // stopped before it ran
	})
	if err != nil {
		return nil, err
	}
	return &runtimev1.StartContainerResponse{}, nil
}

// writeLog writes the container's start-up output to its log file in the
// CRI log format, creating the file (empty if there is no output).
func writeLog(path string, t time.Time, stdout, stderr []string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	var buf []byte
	for _, l := range stdout {
		buf = cri.AppendLogLine(buf, cri.LogLine{Time: t, Stream: runtimev1.Stdout, Content: []byte(l)})
	}
	for _, l := range stderr {
		buf = cri.AppendLogLine(buf, cri.LogLine{Time: t, Stream: runtimev1.Stderr, Content: []byte(l)})
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o640)
	if err != nil {
		return err
	}
	if _, err := f.Write(buf); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// StopContainer implements CRI. A running container gets "SIGTERM" and exits
// after its StopDelay with code 0, unless the timeout (seconds) is shorter:
// then it is killed when the timeout ends and exits with 137. Timeout 0
// kills at once. The call returns once the container has exited, waiting on
// the Clock. Stopping an exited or never-started container does nothing;
// stopping an unknown one fails with codes.NotFound.
func (r *Runtime) StopContainer(ctx context.Context, req *runtimev1.StopContainerRequest) (*runtimev1.StopContainerResponse, error) {
	r.mu.Lock()
	c, ok := r.containers[req.ContainerId]
	if !ok {
		r.mu.Unlock()
		return nil, notFound("container", req.ContainerId)
	}
	now := r.now()
	if !c.started || c.phase(now).state == runtimev1.ContainerState_CONTAINER_EXITED {
		r.mu.Unlock()
		return &runtimev1.StopContainerResponse{}, nil
	}
	grace := time.Duration(req.Timeout) * time.Second
	switch {
	case req.Timeout <= 0:
		c.stop(now, exitKilled, "")
	case c.b.StopDelay <= grace:
		c.stop(addSat(now, c.b.StopDelay), 0, "")
	default:
		c.stop(addSat(now, grace), exitKilled, "")
	}
	r.notify()
	r.mu.Unlock()
	err := r.wait(ctx, func() (int64, bool) {
		if r.containers[c.id] != c {
			return 0, true // removed
		}
		end, _, _, _ := c.end()
		return end, false
	})
	if err != nil {
		return nil, err
	}
	return &runtimev1.StopContainerResponse{}, nil
}

// RemoveContainer implements CRI. A running container is killed first.
// Removing an unknown container succeeds.
func (r *Runtime) RemoveContainer(_ context.Context, req *runtimev1.RemoveContainerRequest) (*runtimev1.RemoveContainerResponse, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c, ok := r.containers[req.ContainerId]
	if !ok {
		return &runtimev1.RemoveContainerResponse{}, nil
	}
	delete(r.containers, c.id)
	r.notify()
	s := c.sandbox
	if i := slices.Index(s.containers, c); i >= 0 {
		s.containers = slices.Delete(s.containers, i, i+1)
	}
	return &runtimev1.RemoveContainerResponse{}, nil
}

// ContainerStatus implements CRI.
func (r *Runtime) ContainerStatus(_ context.Context, req *runtimev1.ContainerStatusRequest) (*runtimev1.ContainerStatusResponse, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c, ok := r.containers[req.ContainerId]
	if !ok {
		return nil, notFound("container", req.ContainerId)
	}
	return &runtimev1.ContainerStatusResponse{Status: c.status(r.now())}, nil
}

// filterContainers returns the containers that pass the filter, oldest
// first. An ID filter is a map lookup and a sandbox filter looks only at that
// sandbox's containers; other filters scan. r.mu is held.
func (r *Runtime) filterContainers(id, sandboxID string, labels map[string]string, keep func(*container) bool) []*container {
	match := func(c *container) bool {
		return (sandboxID == "" || c.sandbox.id == sandboxID) && matchLabels(c.labels, labels) && (keep == nil || keep(c))
	}
	var out []*container
	switch {
	case id != "":
		if c, ok := r.containers[id]; ok && match(c) {
			out = append(out, c)
		}
		return out
	case sandboxID != "":
		s, ok := r.sandboxes[sandboxID]
		if !ok {
			return nil
		}
		out = make([]*container, 0, len(s.containers))
		for _, c := range s.containers {
			if match(c) {
				out = append(out, c)
			}
		}
		return out // s.containers is in creation order already
	}
	out = make([]*container, 0, len(r.containers))
	for _, c := range r.containers {
		if match(c) {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b *container) int { return cmp.Compare(a.seq, b.seq) })
	return out
}

func (r *Runtime) listContainers(f *runtimev1.ContainerFilter) []*runtimev1.Container {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now()
	var keep func(*container) bool
	if st := f.GetState(); st != nil {
		keep = func(c *container) bool { return c.phase(now).state == st.State }
	}
	cs := r.filterContainers(f.GetId(), f.GetPodSandboxId(), f.GetLabelSelector(), keep)
	out := make([]*runtimev1.Container, len(cs))
	for i, c := range cs {
		out[i] = &runtimev1.Container{
			Id:           c.id,
			PodSandboxId: c.sandbox.id,
			Metadata:     c.meta,
			Image:        c.image,
			ImageRef:     c.imageID,
			ImageId:      c.imageID,
			State:        c.phase(now).state,
			CreatedAt:    c.createdAt,
			Labels:       c.labels,
			Annotations:  c.annotations,
		}
	}
	return out
}

// ListContainers implements CRI. Results are in creation order.
func (r *Runtime) ListContainers(_ context.Context, req *runtimev1.ListContainersRequest) (*runtimev1.ListContainersResponse, error) {
	return &runtimev1.ListContainersResponse{Containers: r.listContainers(req.Filter)}, nil
}

// StreamContainers implements CRI.
func (r *Runtime) StreamContainers(req *runtimev1.StreamContainersRequest, s runtimev1.RuntimeService_StreamContainersServer) error {
	return sendChunks(r.listContainers(req.Filter), func(items []*runtimev1.Container) error {
		return s.Send(&runtimev1.StreamContainersResponse{Containers: items})
	})
}

// UpdateContainerResources implements CRI: the resources are recorded and
// reported by ContainerStatus, not enforced.
func (r *Runtime) UpdateContainerResources(_ context.Context, req *runtimev1.UpdateContainerResourcesRequest) (*runtimev1.UpdateContainerResourcesResponse, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c, ok := r.containers[req.ContainerId]
	if !ok {
		return nil, notFound("container", req.ContainerId)
	}
	if c.phase(r.now()).state == runtimev1.ContainerState_CONTAINER_EXITED {
		return nil, status.Errorf(codes.FailedPrecondition, "container %s has exited", c.id)
	}
	c.resources = &runtimev1.ContainerResources{Linux: req.Linux, Windows: req.Windows}
	return &runtimev1.UpdateContainerResourcesResponse{}, nil
}

// ReopenContainerLog implements CRI; the fake has no open log to reopen.
func (r *Runtime) ReopenContainerLog(_ context.Context, req *runtimev1.ReopenContainerLogRequest) (*runtimev1.ReopenContainerLogResponse, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c, ok := r.containers[req.ContainerId]
	if !ok {
		return nil, notFound("container", req.ContainerId)
	}
	if c.phase(r.now()).state != runtimev1.ContainerState_CONTAINER_RUNNING {
		return nil, status.Errorf(codes.FailedPrecondition, "container %s is not running", c.id)
	}
	return &runtimev1.ReopenContainerLogResponse{}, nil
}

// ExecSync implements CRI with scripted results, tried in order:
// Config.Exec, then the first matching rule of the container's Behavior.Exec,
// then readiness: exit code 1 while the container is not ready, 0 otherwise,
// with no output. The container must be running (codes.FailedPrecondition
// otherwise).
func (r *Runtime) ExecSync(ctx context.Context, req *runtimev1.ExecSyncRequest) (*runtimev1.ExecSyncResponse, error) {
	if len(req.Cmd) == 0 {
		return nil, status.Error(codes.InvalidArgument, "exec: empty command")
	}
	r.mu.Lock()
	c, ok := r.containers[req.ContainerId]
	if !ok {
		r.mu.Unlock()
		return nil, notFound("container", req.ContainerId)
	}
	now := r.now()
	p := c.phase(now)
	if p.state != runtimev1.ContainerState_CONTAINER_RUNNING {
		r.mu.Unlock()
		return nil, status.Errorf(codes.FailedPrecondition, "container %s is %s, not running", c.id, p.state)
	}
	var st *runtimev1.ContainerStatus
	if r.cfg.Exec != nil {
		st = c.status(now)
	}
	rules := c.b.Exec
	ready := !c.b.NotReady && now >= addSat(p.startedAt, c.b.ReadyAfter)
	r.mu.Unlock()

	if st != nil {
		if resp := r.cfg.Exec(ctx, st, req.Cmd); resp != nil {
			return resp, nil
		}
	}
	for _, rule := range rules {
		if rule.matches(req.Cmd) {
			return &runtimev1.ExecSyncResponse{Stdout: []byte(rule.Stdout), Stderr: []byte(rule.Stderr), ExitCode: rule.ExitCode}, nil
		}
	}
	if !ready {
		return &runtimev1.ExecSyncResponse{Stderr: []byte("fake: container is not ready\n"), ExitCode: 1}, nil
	}
	return &runtimev1.ExecSyncResponse{}, nil
}
