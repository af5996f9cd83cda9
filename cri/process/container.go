package process

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/proto"
	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/cri"
	"github.com/orcaproj/orca/errdefs"
)

// reasonUnknown is reported, beside the cri.Reason values, for a container
// whose exit status could not be collected.
const reasonUnknown = "Unknown"

// unknownExitCode is reported when a process exited while no Runtime of
// this OS process was its parent, so its status could not be collected.
const unknownExitCode = 255

// startErrorExitCode is the exit code of a container whose process could
// not be started, as runc-based runtimes report it.
const startErrorExitCode = 128

func containerName(sandboxID string, cfg *runtimev1.ContainerConfig) string {
	m := cfg.GetMetadata()
	return fmt.Sprintf("container/%s/%s_%d", sandboxID, m.GetName(), m.GetAttempt())
}

func (r *server) fifoPath(c *container, stream string) string {
	return filepath.Join(r.metaDir(c.sandboxID), c.id+"."+stream)
}

// CreateContainer records a container in a ready sandbox. The command (or,
// without one, the first arg) is resolved on the host now, through the
// container's PATH, so that a missing executable fails the create. The image
// is recorded as given; nothing is pulled or unpacked.
func (r *server) CreateContainer(ctx context.Context, req *runtimev1.CreateContainerRequest) (*runtimev1.CreateContainerResponse, error) {
	cfg := req.GetConfig()
	if cfg.GetMetadata().GetName() == "" {
		return nil, invalid("container config metadata.name is required")
	}
	sb, err := r.getSandbox(req.GetPodSandboxId())
	if err != nil {
		return nil, err
	}
	sb.op.RLock()
	defer sb.op.RUnlock()
	cfg = proto.Clone(cfg).(*runtimev1.ContainerConfig)
	r.mu.Lock()
	ready := sb.rec.State == sandboxReady
	_, present := r.sandboxes[sb.id]
	r.mu.Unlock()
	if !present {
		return nil, notFound("pod sandbox", sb.id)
	}
	if !ready {
		return nil, precondition("pod sandbox %s is not ready", sb.id)
	}
	argv := append(append([]string{}, cfg.GetCommand()...), cfg.GetArgs()...)
	if len(argv) == 0 {
		return nil, invalid("container %q has neither command nor args: the process runtime has no image entrypoint to fall back on", cfg.GetMetadata().GetName())
	}
	id := newID()
	workDir := r.containerDir(sb.id, id)
	env := r.containerEnv(sb.config, cfg)
	dir := workDir
	if wd := cfg.GetWorkingDir(); wd != "" {
		if st, err := os.Stat(wd); err == nil && st.IsDir() {
			dir = wd
		}
	}
	path, err := lookPath(argv[0], envValue(env, "PATH"), dir)
	if err != nil {
		return nil, invalid("container %q: %v", cfg.GetMetadata().GetName(), err)
	}
	imageRef := r.images.ref(cfg.GetImage().GetImage())
	c := &container{
		id: id, sandboxID: sb.id, name: containerName(sb.id, cfg), config: cfg,
		file:      &recordFile{path: filepath.Join(r.metaDir(sb.id), id+".json")},
		resources: cfg.GetLinux().GetResources(),
		rec: containerRecord{
			ID: id, SandboxID: sb.id, Config: marshalProto(cfg), ImageRef: imageRef,
			Path: path, Args: argv, Env: env, Dir: dir,
			State: stateCreated, CreatedAt: nowNano(),
		},
	}
	if sb.config.GetLogDirectory() != "" && cfg.GetLogPath() != "" {
		c.rec.LogPath = filepath.Join(sb.config.GetLogDirectory(), cfg.GetLogPath())
	}
	r.mu.Lock()
	if other, ok := r.names[c.name]; ok {
		r.mu.Unlock()
		return nil, newError(codes.AlreadyExists, errdefs.ErrAlreadyExists, "container name %q is reserved for %s", c.name, other)
	}
	r.names[c.name] = id
	r.mu.Unlock()
	if err := r.makeWorkDir(workDir, cfg); err != nil {
		r.releaseName(c)
		return nil, internal("create container dir: %v", err)
	}
	r.persistContainer(c)
	if _, err := os.Stat(c.file.path); err != nil {
		r.releaseName(c)
		os.RemoveAll(workDir)
		return nil, internal("write container record: %v", err)
	}
	r.mu.Lock()
	r.containers[id] = c
	r.mu.Unlock()
	r.events.containerEvent(r, c, runtimev1.ContainerEventType_CONTAINER_CREATED_EVENT)
	return &runtimev1.CreateContainerResponse{ContainerId: id}, nil
}

func (r *server) releaseName(c *container) {
	r.mu.Lock()
	if r.names[c.name] == c.id {
		delete(r.names, c.name)
	}
	r.mu.Unlock()
}

// makeWorkDir creates the container's directory. CRI mounts cannot be
// applied without a mount namespace; each becomes a symlink at its container
// path inside the working directory instead.
func (r *server) makeWorkDir(dir string, cfg *runtimev1.ContainerConfig) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, m := range cfg.GetMounts() {
		rel := filepath.Clean("/" + m.GetContainerPath())
		if rel == "/" || m.GetHostPath() == "" {
			continue
		}
		link := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
			return err
		}
		if err := os.Symlink(m.GetHostPath(), link); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
	}
	if uid, gid, ok := runAs(cfg); ok && os.Geteuid() == 0 {
		os.Chown(dir, int(uid), int(gid))
	}
	return nil
}

// runAs returns the uid and gid the container asks to run as.
func runAs(cfg *runtimev1.ContainerConfig) (uid, gid uint32, ok bool) {
	sc := cfg.GetLinux().GetSecurityContext()
	if sc.GetRunAsUser() == nil {
		return 0, 0, false
	}
	uid = uint32(sc.GetRunAsUser().GetValue())
	gid = uid
	if sc.GetRunAsGroup() != nil {
		gid = uint32(sc.GetRunAsGroup().GetValue())
	}
	return uid, gid, true
}

// containerEnv is the config's env, plus PATH and HOSTNAME when unset.
func (r *server) containerEnv(sb *runtimev1.PodSandboxConfig, cfg *runtimev1.ContainerConfig) []string {
	var env []string
	seen := map[string]bool{}
	for _, kv := range cfg.GetEnvs() {
		env = append(env, kv.GetKey()+"="+string(kv.GetValue()))
		seen[kv.GetKey()] = true
	}
	if !seen["PATH"] {
		env = append(env, "PATH="+r.cfg.DefaultPath)
	}
	if !seen["HOSTNAME"] && sb.GetHostname() != "" {
		env = append(env, "HOSTNAME="+sb.GetHostname())
	}
	return env
}

func envValue(env []string, key string) string {
	v := ""
	for _, kv := range env {
		if k, val, ok := strings.Cut(kv, "="); ok && k == key {
			v = val
		}
	}
	return v
}

// lookPath resolves name as a shell would: a name with a slash is taken as
// is (relative to dir), other names are searched in path.
func lookPath(name, path, dir string) (string, error) {
	check := func(p string) error {
		st, err := os.Stat(p)
		if err != nil {
			return err
		}
		if st.IsDir() || st.Mode()&0o111 == 0 {
			return fmt.Errorf("%s: %w", p, fs.ErrPermission)
		}
		return nil
	}
	if strings.Contains(name, "/") {
		p := name
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		if err := check(p); err != nil {
			return "", fmt.Errorf("executable %q: %w", name, err)
		}
		return p, nil
	}
	for _, d := range filepath.SplitList(path) {
		if d == "" {
			d = "."
		}
		if !filepath.IsAbs(d) {
			d = filepath.Join(dir, d)
		}
		p := filepath.Join(d, name)
		if check(p) == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("executable %q not found in PATH %q: %w", name, path, fs.ErrNotExist)
}

// StartContainer starts the container's process in its own process group,
// in its cgroup (when cgroups are on) and in the pod's network namespace
// (when it has one). A process that cannot be started leaves the container
// exited with reason StartError.
func (r *server) StartContainer(ctx context.Context, req *runtimev1.StartContainerRequest) (*runtimev1.StartContainerResponse, error) {
	c, err := r.getContainer(req.GetContainerId())
	if err != nil {
		return nil, err
	}
	sb, err := r.getSandbox(c.sandboxID)
	if err != nil {
		return nil, err
	}
	sb.op.RLock()
	defer sb.op.RUnlock()
	c.op.Lock()
	defer c.op.Unlock()
	r.mu.Lock()
	state, ready, closed := c.rec.State, sb.rec.State == sandboxReady, r.closed
	_, present := r.containers[c.id]
	r.mu.Unlock()
	switch {
	case closed:
		return nil, errClosed()
	case !present:
		return nil, notFound("container", c.id)
	case state != stateCreated:
		return nil, precondition("container %s is %s, not created", c.id, state)
	case !ready:
		return nil, precondition("pod sandbox %s is not ready", sb.id)
	}
	if err := r.launch(c, sb); err != nil {
		r.mu.Lock()
		c.rec.State = stateExited
		c.rec.StartedAt = nowNano()
		c.rec.FinishedAt = c.rec.StartedAt
		c.rec.ExitCode = startErrorExitCode
		c.rec.Reason = cri.ReasonStartError
		c.rec.Message = err.Error()
		r.mu.Unlock()
		r.persistContainer(c)
		r.events.containerEvent(r, c, runtimev1.ContainerEventType_CONTAINER_STOPPED_EVENT)
		return nil, internal("start container %s: %v", c.id, err)
	}
	r.events.containerEvent(r, c, runtimev1.ContainerEventType_CONTAINER_STARTED_EVENT)
	return &runtimev1.StartContainerResponse{}, nil
}

// makeFIFO creates a FIFO at path, replacing whatever was there.
func makeFIFO(path string) error {
	os.Remove(path)
	return unix.Mkfifo(path, 0o600)
}

// openFIFOReaders opens the read ends of a container's output FIFOs without
// blocking (a read-only open of a FIFO otherwise waits for a writer).
func openFIFOReaders(stdout, stderr string) (*os.File, *os.File, error) {
	o, err := os.OpenFile(stdout, os.O_RDONLY|unix.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	e, err := os.OpenFile(stderr, os.O_RDONLY|unix.O_NONBLOCK, 0)
	if err != nil {
		o.Close()
		return nil, nil, err
	}
	return o, e, nil
}

// launch starts the process. The container's stdout and stderr are FIFOs
// that the process holds open read-write: it therefore never gets SIGPIPE
// when the runtime goes away, and a later Runtime reopens the FIFOs and
// carries on logging.
func (r *server) launch(c *container, sb *sandbox) (err error) {
	r.mu.Lock()
	rec := c.rec
	res := c.resources
	netns := sb.rec.NetNS
	r.mu.Unlock()

	var cleanup []func()
	defer func() {
		if err != nil {
			for i := len(cleanup) - 1; i >= 0; i-- {
				cleanup[i]()
			}
		}
	}()
	outPath, errPath := r.fifoPath(c, "stdout"), r.fifoPath(c, "stderr")
	for _, p := range []string{outPath, errPath} {
		if err := makeFIFO(p); err != nil {
			return fmt.Errorf("mkfifo: %w", err)
		}
	}
	rOut, rErr, err := openFIFOReaders(outPath, errPath)
	if err != nil {
		return err
	}
	cleanup = append(cleanup, func() { rOut.Close(); rErr.Close() })
	wOut, err := os.OpenFile(outPath, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer wOut.Close()
	wErr, err := os.OpenFile(errPath, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer wErr.Close()
	lf, err := openLogFile(rec.LogPath)
	if err != nil {
		return fmt.Errorf("open log %s: %w", rec.LogPath, err)
	}
	cleanup = append(cleanup, lf.close)

	var stdinR, stdinW *os.File
	if c.config.GetStdin() {
		stdinR, stdinW, err = os.Pipe()
		if err != nil {
			return err
		}
		defer stdinR.Close()
		cleanup = append(cleanup, func() { stdinW.Close() })
	}
	cmd := &exec.Cmd{
		Path:        rec.Path,
		Args:        rec.Args,
		Env:         rec.Env,
		Dir:         rec.Dir,
		Stdout:      wOut,
		Stderr:      wErr,
		SysProcAttr: &syscall.SysProcAttr{Setpgid: true},
	}
	if stdinR != nil {
		cmd.Stdin = stdinR
	}
	if uid, gid, ok := runAs(c.config); ok && os.Geteuid() == 0 {
		cred := &syscall.Credential{Uid: uid, Gid: gid}
		for _, g := range c.config.GetLinux().GetSecurityContext().GetSupplementalGroups() {
			cred.Groups = append(cred.Groups, uint32(g))
		}
		cmd.SysProcAttr.Credential = cred
	}
	cgDir := ""
	if r.cg != nil {
		dir, fd, err := r.cg.create(c.id, res)
		if err != nil {
			return fmt.Errorf("cgroup: %w", err)
		}
		defer fd.Close()
		cleanup = append(cleanup, func() { removeCgroup(dir) })
		cgDir = dir
		cmd.SysProcAttr.UseCgroupFD = true
		cmd.SysProcAttr.CgroupFD = int(fd.Fd())
	} else if hasLimits(res) {
		r.log.Warn("container resource limits not applied", "container", c.id, "reason", r.cgReason)
	}
	if err := inNetNS(netns, cmd.Start); err != nil {
		return err
	}
	st, err := readProcStat(cmd.Process.Pid)
	if err != nil {
		// Our unreaped child always has a /proc entry.
		cmd.Process.Kill()
		cmd.Process.Wait()
		return fmt.Errorf("read /proc for pid %d: %w", cmd.Process.Pid, err)
	}
	rs := &runState{
		child:  watchChild(cmd.Process, st.startTime),
		pid:    cmd.Process.Pid,
		cgroup: cgDir,
		log:    lf,
		bc:     newBroadcaster(),
		stdin:  stdinW,
		exited: make(chan struct{}),
	}
	rs.pump = startPump(lf, rOut, rErr, r.cfg.MaxLogLineSize, rs.bc)
	r.mu.Lock()
	closed := r.closed
	if !closed {
		r.wg.Add(1)
	}
	c.run = rs
	c.rec.State = stateRunning
	c.rec.StartedAt = nowNano()
	c.rec.PID = rs.pid
	c.rec.StartTime = st.startTime
	c.rec.Cgroup = cgDir
	r.mu.Unlock()
	r.persistContainer(c)
	if closed {
		// Close ran meanwhile: leave the process to the next Runtime.
		rs.pump.stop()
		rs.log.close()
		if stdinW != nil {
			rs.child.keepStdin(stdinW)
		}
		return nil
	}
	go r.monitor(c, rs)
	return nil
}

func hasLimits(res *runtimev1.LinuxContainerResources) bool {
	return res.GetCpuQuota() > 0 || res.GetMemoryLimitInBytes() > 0
}

// monitor waits for the container's process to exit and records the exit.
// When the Runtime closes first it returns without recording anything: the
// next Runtime on the same RootDir takes over.
func (r *server) monitor(c *container, rs *runState) {
	defer r.wg.Done()
	var state *os.ProcessState
	if rs.child != nil {
		select {
		case <-rs.child.done:
			state = rs.child.state
		case <-r.done:
			return
		}
	} else if !rs.watch.wait() {
		return
	}
	// A container ends with its main process, as in a pid namespace:
	// whatever it left in its cgroup or process group is killed. The group
	// is only safe to signal while its leader is our unreaped child or was
	// reaped just now; for a process we did not start, its pid may already
	// be reused, so only the cgroup is used.
	if rs.cgroup == "" || !killCgroup(rs.cgroup) {
		if rs.child != nil {
			syscall.Kill(-rs.pid, syscall.SIGKILL)
		}
	}
	select {
	case <-rs.pump.done:
	case <-time.After(r.cfg.LogDrainTimeout):
		r.log.Warn("container output still open after exit; closing it", "container", c.id)
	}
	rs.pump.stop()
	rs.log.close()
	rs.closeStdin()

	oom := rs.cgroup != "" && oomKilled(rs.cgroup)
	r.mu.Lock()
	c.rec.State = stateExited
	c.rec.FinishedAt = nowNano()
	switch {
	case state == nil:
		c.rec.ExitCode = unknownExitCode
		c.rec.Reason = reasonUnknown
		c.rec.Message = "the process exited while another OS process ran the runtime; its exit status is unknown"
	default:
		code, sig := exitCode(state)
		c.rec.ExitCode = code
		switch {
		case oom:
			c.rec.Reason = cri.ReasonOOMKilled
		case code == 0:
			c.rec.Reason = cri.ReasonCompleted
		default:
			c.rec.Reason = cri.ReasonError
		}
		if sig != 0 {
			c.rec.Message = "killed by signal " + unix.SignalName(sig)
		}
	}
	r.mu.Unlock()
	r.persistContainer(c)
	if rs.child != nil {
		forgetChild(rs.child)
	}
	if rs.watch != nil {
		rs.watch.close()
	}
	removeCgroup(rs.cgroup)
	close(rs.exited)
	r.events.containerEvent(r, c, runtimev1.ContainerEventType_CONTAINER_STOPPED_EVENT)
}

func (rs *runState) closeStdin() {
	rs.stdinMu.Lock()
	defer rs.stdinMu.Unlock()
	if rs.stdin != nil {
		rs.stdin.Close()
		rs.stdin = nil
	}
}

// signal sends sig to the container's process group, and to the main
// process through its pidfd when the runtime is not its parent.
func (rs *runState) signal(sig syscall.Signal) {
	select {
	case <-rs.exited:
		return
	default:
	}
	if sig == syscall.SIGKILL && rs.cgroup != "" && killCgroup(rs.cgroup) {
		return
	}
	if rs.child != nil {
		// Our child's pid, and so its process group id, cannot be reused
		// before the monitor has reaped it and killed the group. The
		// leader is signalled too, in case it left the group.
		syscall.Kill(-rs.pid, sig)
		rs.child.proc.Signal(sig)
		return
	}
	// Not our child: signal the group only while the pidfd shows that the
	// leader, and so the group id, is still the container's.
	if rs.watch != nil && rs.watch.signal(unix.Signal(sig)) == nil {
		syscall.Kill(-rs.pid, sig)
	}
}

// stopSignal is the container's stop signal, SIGTERM by default.
func stopSignal(cfg *runtimev1.ContainerConfig) syscall.Signal {
	s := cfg.GetStopSignal()
	if s == runtimev1.Signal_SIGNAL_RUNTIME_DEFAULT {
		return syscall.SIGTERM
	}
	name := strings.TrimPrefix(s.String(), "SIGNAL_")
	if n, ok := strings.CutPrefix(name, "SIGRTMINPLUS"); ok {
		if i, err := strconv.Atoi(n); err == nil {
			return syscall.Signal(34 + i)
		}
	}
	if name == "SIGRTMIN" {
		return syscall.Signal(34)
	}
	if sig := unix.SignalNum(name); sig != 0 {
		return sig
	}
	return syscall.SIGTERM
}

// StopContainer sends the stop signal (SIGTERM unless the config names
// another) to the container's process group, waits up to Timeout seconds,
// then sends SIGKILL. It returns once the exit is recorded. Stopping a
// container that is not running succeeds.
func (r *server) StopContainer(ctx context.Context, req *runtimev1.StopContainerRequest) (*runtimev1.StopContainerResponse, error) {
	c, err := r.getContainer(req.GetContainerId())
	if err != nil {
		return nil, err
	}
	if err := r.stopContainer(ctx, c, time.Duration(req.GetTimeout())*time.Second); err != nil {
		return nil, err
	}
	return &runtimev1.StopContainerResponse{}, nil
}

func (r *server) stopContainer(ctx context.Context, c *container, grace time.Duration) error {
	c.op.Lock()
	defer c.op.Unlock()
	return r.stopLocked(ctx, c, grace)
}

// stopLocked does stopContainer's work; the caller holds c.op.
func (r *server) stopLocked(ctx context.Context, c *container, grace time.Duration) error {
	r.mu.Lock()
	rs, state := c.run, c.rec.State
	r.mu.Unlock()
	if state != stateRunning || rs == nil {
		// Created or exited: nothing runs, as containerd treats it.
		return nil
	}
	if grace > 0 {
		rs.signal(stopSignal(c.config))
		t := time.NewTimer(grace)
		defer t.Stop()
		select {
		case <-rs.exited:
			return nil
		case <-t.C:
		case <-ctx.Done():
			return newError(codes.DeadlineExceeded, errdefs.ErrTimeout, "stop container %s: %v", c.id, ctx.Err())
		case <-r.done:
			return errClosed()
		}
	}
	rs.signal(syscall.SIGKILL)
	select {
	case <-rs.exited:
		return nil
	case <-ctx.Done():
		return newError(codes.DeadlineExceeded, errdefs.ErrTimeout, "stop container %s: %v", c.id, ctx.Err())
	case <-r.done:
		return errClosed()
	}
}

// RemoveContainer kills the container if it runs and deletes it, its
// working directory and its record. The log file stays: it belongs to the
// kubelet's log directory. Removing an unknown container succeeds.
func (r *server) RemoveContainer(ctx context.Context, req *runtimev1.RemoveContainerRequest) (*runtimev1.RemoveContainerResponse, error) {
	c, err := r.getContainer(req.GetContainerId())
	if err != nil {
		return &runtimev1.RemoveContainerResponse{}, nil
	}
	if err := r.removeContainer(ctx, c); err != nil {
		return nil, err
	}
	return &runtimev1.RemoveContainerResponse{}, nil
}

func (r *server) removeContainer(ctx context.Context, c *container) error {
	c.op.Lock()
	defer c.op.Unlock()
	if err := r.stopLocked(ctx, c, 0); err != nil {
		return err
	}
	r.mu.Lock()
	_, present := r.containers[c.id]
	c.removed = true
	delete(r.containers, c.id)
	delete(r.cpu, c.id)
	if r.names[c.name] == c.id {
		delete(r.names, c.name)
	}
	cg := c.rec.Cgroup
	r.mu.Unlock()
	if !present {
		return nil
	}
	c.file.mu.Lock()
	os.Remove(c.file.path)
	c.file.mu.Unlock()
	os.Remove(r.fifoPath(c, "stdout"))
	os.Remove(r.fifoPath(c, "stderr"))
	removeCgroup(cg)
	if err := os.RemoveAll(r.containerDir(c.sandboxID, c.id)); err != nil {
		return internal("remove container dir: %v", err)
	}
	r.events.containerEvent(r, c, runtimev1.ContainerEventType_CONTAINER_DELETED_EVENT)
	return nil
}

func criState(s string) runtimev1.ContainerState {
	switch s {
	case stateCreated:
		return runtimev1.ContainerState_CONTAINER_CREATED
	case stateRunning:
		return runtimev1.ContainerState_CONTAINER_RUNNING
	case stateExited:
		return runtimev1.ContainerState_CONTAINER_EXITED
	}
	return runtimev1.ContainerState_CONTAINER_UNKNOWN
}

// containerStatusLocked builds the status; the caller holds r.mu.
func (r *server) containerStatusLocked(c *container) *runtimev1.ContainerStatus {
	rec := &c.rec
	st := &runtimev1.ContainerStatus{
		Id:          c.id,
		Metadata:    c.config.GetMetadata(),
		State:       criState(rec.State),
		CreatedAt:   rec.CreatedAt,
		StartedAt:   rec.StartedAt,
		FinishedAt:  rec.FinishedAt,
		ExitCode:    rec.ExitCode,
		Image:       c.config.GetImage(),
		ImageRef:    rec.ImageRef,
		ImageId:     rec.ImageRef,
		Reason:      rec.Reason,
		Message:     rec.Message,
		Labels:      c.config.GetLabels(),
		Annotations: c.config.GetAnnotations(),
		Mounts:      c.config.GetMounts(),
		LogPath:     rec.LogPath,
		StopSignal:  c.config.GetStopSignal(),
	}
	if c.resources != nil {
		st.Resources = &runtimev1.ContainerResources{Linux: c.resources}
	}
	if uid, gid, ok := runAs(c.config); ok {
		st.User = &runtimev1.ContainerUser{Linux: &runtimev1.LinuxContainerUser{Uid: int64(uid), Gid: int64(gid)}}
	}
	return st
}

// ContainerStatus returns the container's status. Verbose adds an "info"
// entry with the on-disk record (pid, argv, directory, cgroup).
func (r *server) ContainerStatus(ctx context.Context, req *runtimev1.ContainerStatusRequest) (*runtimev1.ContainerStatusResponse, error) {
	c, err := r.getContainer(req.GetContainerId())
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	resp := &runtimev1.ContainerStatusResponse{Status: r.containerStatusLocked(c)}
	rec := c.rec
	r.mu.Unlock()
	if req.GetVerbose() {
		rec.Config = nil
		b, _ := json.Marshal(rec)
		resp.Info = map[string]string{"info": string(b)}
	}
	return resp, nil
}

// ListContainers lists containers matching the filter, oldest first.
func (r *server) ListContainers(ctx context.Context, req *runtimev1.ListContainersRequest) (*runtimev1.ListContainersResponse, error) {
	return &runtimev1.ListContainersResponse{Containers: r.listContainers(req.GetFilter())}, nil
}

func (r *server) listContainers(f *runtimev1.ContainerFilter) []*runtimev1.Container {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []*runtimev1.Container
	for _, c := range r.containers {
		state := criState(c.rec.State)
		if f.GetId() != "" && f.GetId() != c.id {
			continue
		}
		if f.GetPodSandboxId() != "" && f.GetPodSandboxId() != c.sandboxID {
			continue
		}
		if f.GetState() != nil && f.GetState().GetState() != state {
			continue
		}
		if !matchLabels(c.config.GetLabels(), f.GetLabelSelector()) {
			continue
		}
		out = append(out, &runtimev1.Container{
			Id: c.id, PodSandboxId: c.sandboxID, Metadata: c.config.GetMetadata(),
			Image: c.config.GetImage(), ImageRef: c.rec.ImageRef, ImageId: c.rec.ImageRef,
			State: state, CreatedAt: c.rec.CreatedAt,
			Labels: c.config.GetLabels(), Annotations: c.config.GetAnnotations(),
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].CreatedAt < out[j].CreatedAt })
	return out
}

// StreamContainers sends the filtered list in one message.
func (r *server) StreamContainers(req *runtimev1.StreamContainersRequest, s grpc.ServerStreamingServer[runtimev1.StreamContainersResponse]) error {
	return s.Send(&runtimev1.StreamContainersResponse{Containers: r.listContainers(req.GetFilter())})
}

// UpdateContainerResources records new limits and, when the container has a
// cgroup, writes them to it.
func (r *server) UpdateContainerResources(ctx context.Context, req *runtimev1.UpdateContainerResourcesRequest) (*runtimev1.UpdateContainerResourcesResponse, error) {
	c, err := r.getContainer(req.GetContainerId())
	if err != nil {
		return nil, err
	}
	c.op.Lock()
	defer c.op.Unlock()
	res := req.GetLinux()
	if res == nil {
		return &runtimev1.UpdateContainerResourcesResponse{}, nil
	}
	res = proto.Clone(res).(*runtimev1.LinuxContainerResources)
	r.mu.Lock()
	cg := ""
	if c.rec.State == stateRunning {
		cg = c.rec.Cgroup
	}
	r.mu.Unlock()
	if cg != "" && r.cg != nil {
		if err := r.cg.apply(cg, res); err != nil {
			return nil, internal("update resources of %s: %v", c.id, err)
		}
	}
	r.mu.Lock()
	c.resources = res
	r.mu.Unlock()
	r.persistContainer(c)
	return &runtimev1.UpdateContainerResourcesResponse{}, nil
}

// ReopenContainerLog reopens the log file of a running container, after the
// kubelet has rotated it.
func (r *server) ReopenContainerLog(ctx context.Context, req *runtimev1.ReopenContainerLogRequest) (*runtimev1.ReopenContainerLogResponse, error) {
	c, err := r.getContainer(req.GetContainerId())
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	rs, state := c.run, c.rec.State
	r.mu.Unlock()
	if state != stateRunning || rs == nil {
		return nil, precondition("container %s is not running", c.id)
	}
	if err := rs.log.reopen(); err != nil {
		return nil, internal("reopen log of %s: %v", c.id, err)
	}
	return &runtimev1.ReopenContainerLogResponse{}, nil
}
