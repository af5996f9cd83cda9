package process

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/cri"
	"github.com/orcaproj/orca/errdefs"
)

// Version strings reported by Version.
const (
	RuntimeName    = "orca-process"
	RuntimeVersion = "0.1.0"
	// CRIVersion is the CRI API version the runtime serves.
	CRIVersion = "v1"
)

// Runtime runs containers as host processes. It is a cri.Server, so
// cri.Serve exposes it over gRPC and cri.InProcess wraps it as a cri.Runtime.
//
// All methods are safe for concurrent use. Operations on one container
// (start, stop, remove, resource updates) are serialized; Stop, Remove and
// their sandbox counterparts are idempotent, as CRI requires.
type Runtime interface {
	cri.Server
	// StreamingURL is the base URL of the streaming server that the URLs
	// returned by Exec, Attach and PortForward point to.
	StreamingURL() string
	// Close stops the streaming server and the runtime's goroutines.
	// Containers keep running: a Runtime opened later on the same RootDir
	// adopts them. Output they write meanwhile waits in their pipes (and
	// they block once a pipe is full). Close is idempotent.
	Close() error
}

// server is the Runtime.
type server struct {
	runtimev1.UnimplementedRuntimeServiceServer
	runtimev1.UnimplementedImageServiceServer

	// Immutable after New.
	cfg       Config
	log       *slog.Logger
	cg        *cgroups // nil when cgroups are off
	cgReason  string   // why cg is nil, or which controllers are missing
	netOn     bool     // pods get their own network namespace
	hostIP    string
	stream    *streamServer
	events    *eventHub
	done      chan struct{} // closed by Close
	wg        sync.WaitGroup
	images    *imageStore
	lock      *os.File // holds the flock on RootDir/lock
	closeOnce sync.Once

	mu         sync.Mutex // guards the fields below and every rec, run and resources field
	closed     bool
	sandboxes  map[string]*sandbox
	containers map[string]*container
	names      map[string]string // reserved sandbox and container names, to their ids
	cpu        map[string]cpuSample
}

// sandbox is a pod: a record, a directory and, with networking on, a
// network namespace. There is no pause process.
type sandbox struct {
	id     string
	config *runtimev1.PodSandboxConfig // immutable
	name   string                      // reserved name
	file   *recordFile
	// op is held for writing by stop and remove, and for reading while a
	// container of the sandbox is created or started, so that no container
	// starts in a sandbox that is being stopped.
	op  sync.RWMutex
	rec sandboxRecord // guarded by server.mu
}

type container struct {
	id        string
	sandboxID string
	name      string                     // reserved name
	config    *runtimev1.ContainerConfig // immutable
	file      *recordFile
	op        sync.Mutex                         // serializes start, stop, remove, update and reopen
	rec       containerRecord                    // guarded by server.mu
	resources *runtimev1.LinuxContainerResources // guarded by server.mu
	run       *runState                          // guarded by server.mu; set once started
	removed   bool                               // guarded by server.mu; no more record writes
}

// runState is a started container's process and plumbing.
type runState struct {
	child  *child    // the process, when this OS process is its parent
	watch  *pidWatch // the process, otherwise
	pid    int
	cgroup string
	pump   *outputPump
	log    *logFile
	bc     *broadcaster

	stdinMu sync.Mutex
	stdin   *os.File // write end of the container's stdin; nil without Stdin or once closed

	exited chan struct{} // closed once the exit has been recorded
}

var _ Runtime = (*server)(nil)

// New opens the runtime on cfg.RootDir. It finds the sandboxes and containers
// a previous Runtime left there: containers whose process still runs (same
// pid and start time) are adopted, the others are reported exited. It also
// starts the streaming server. Call Close when done. Only one Runtime may use
// a RootDir at a time (an flock on <RootDir>/lock); New fails with
// errdefs.ErrConflict while another holds it.
func New(cfg Config) (Runtime, error) {
	s, err := newServer(cfg)
	if err != nil {
		return nil, err
	}
	return s, nil
}

func newServer(cfg Config) (*server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	root, err := filepath.Abs(cfg.RootDir)
	if err != nil {
		return nil, err
	}
	cfg.RootDir = root
	if err := os.MkdirAll(filepath.Join(root, "sandboxes"), 0o711); err != nil {
		return nil, fmt.Errorf("process: root dir: %w", err)
	}
	lock, err := lockRoot(root)
	if err != nil {
		return nil, err
	}
	r := &server{
		lock:       lock,
		cfg:        cfg,
		log:        cfg.Logger.With("component", "cri/process"),
		netOn:      cfg.Network != nil && os.Geteuid() == 0,
		hostIP:     cfg.HostIP,
		events:     newEventHub(),
		done:       make(chan struct{}),
		sandboxes:  map[string]*sandbox{},
		containers: map[string]*container{},
		names:      map[string]string{},
		cpu:        map[string]cpuSample{},
	}
	if r.hostIP == "" {
		r.hostIP = hostIP()
	}
	if cfg.DisableCgroups {
		r.cgReason = "cgroups disabled by configuration"
	} else {
		r.cg, r.cgReason = newCgroups(cfg.CgroupRoot, cfg.CgroupParent)
		if r.cg != nil {
			if m := r.cg.missing(); len(m) > 0 {
				r.cgReason = fmt.Sprintf("cgroup v2 controllers %s are not available under %s; their limits are not applied", strings.Join(m, ", "), r.cg.parent)
			}
		}
	}
	if r.cgReason != "" && !cfg.DisableCgroups {
		r.log.Info("resource limits are not enforced", "reason", r.cgReason)
	}
	r.images, err = openImageStore(filepath.Join(root, "images.json"))
	if err != nil {
		return nil, fmt.Errorf("process: %w", err)
	}
	if err := r.load(); err != nil {
		r.Close()
		return nil, fmt.Errorf("process: load state: %w", err)
	}
	r.stream, err = newStreamServer(r, cfg.StreamingAddr, cfg.StreamTokenTTL)
	if err != nil {
		r.Close()
		return nil, fmt.Errorf("process: streaming server: %w", err)
	}
	return r, nil
}

// Close implements Runtime.
func (r *server) Close() error {
	r.closeOnce.Do(func() {
		r.mu.Lock()
		r.closed = true
		var runs []*runState
		for _, c := range r.containers {
			if c.run != nil {
				runs = append(runs, c.run)
			}
		}
		r.mu.Unlock()
		close(r.done)
		if r.stream != nil {
			r.stream.close()
		}
		for _, rs := range runs {
			if rs.watch != nil {
				rs.watch.close()
			}
		}
		r.wg.Wait()
		for _, rs := range runs {
			select {
			case <-rs.exited:
			default:
				rs.pump.stop()
				rs.log.close()
				// The stdin pipe stays open in the child table, for a
				// Runtime opened later by this OS process.
				rs.stdinMu.Lock()
				f := rs.stdin
				rs.stdin = nil
				rs.stdinMu.Unlock()
				if f != nil && rs.child != nil {
					rs.child.keepStdin(f)
				} else if f != nil {
					f.Close()
				}
			}
		}
		r.events.close()
		r.lock.Close() // releases the flock
	})
	return nil
}

// lockRoot takes an exclusive flock on <root>/lock, so that two Runtimes
// never share a RootDir (they would both adopt, and both read, the same
// containers).
func lockRoot(root string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(root, "lock"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("process: lock root dir: %w", err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, fmt.Errorf("process: root dir %s is in use by another runtime: %w", root, errdefs.ErrConflict)
		}
		return nil, fmt.Errorf("process: lock root dir: %w", err)
	}
	return f, nil
}

// StreamingURL implements Runtime.
func (r *server) StreamingURL() string { return r.stream.baseURL }

func (r *server) isClosed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.closed
}

// load reads the records under RootDir and adopts live processes.
func (r *server) load() error {
	ents, err := os.ReadDir(filepath.Join(r.cfg.RootDir, "sandboxes"))
	if err != nil {
		return err
	}
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		id := e.Name()
		var rec sandboxRecord
		path := filepath.Join(r.sandboxDir(id), "sandbox.json")
		if err := readJSON(path, &rec); err != nil || rec.ID != id {
			r.log.Warn("skipping unreadable sandbox record", "path", path, "err", err)
			continue
		}
		cfg := &runtimev1.PodSandboxConfig{}
		if err := unmarshalProto(rec.Config, cfg); err != nil {
			r.log.Warn("skipping sandbox with unreadable config", "path", path, "err", err)
			continue
		}
		sb := &sandbox{id: id, config: cfg, name: sandboxName(cfg), file: &recordFile{path: path}, rec: rec}
		if rec.State == sandboxReady && rec.NetNS != "" && !netNSExists(rec.NetNS) {
			// The host rebooted or someone removed it: the pod's network is gone.
			sb.rec.State = sandboxNotReady
			sb.rec.NetworkSetUp = false
			r.persistSandbox(sb)
		}
		r.sandboxes[id] = sb
		r.names[sb.name] = id
		if err := r.loadContainers(sb); err != nil {
			return err
		}
	}
	return nil
}

func (r *server) loadContainers(sb *sandbox) error {
	ents, err := os.ReadDir(r.metaDir(sb.id))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range ents {
		id, ok := strings.CutSuffix(e.Name(), ".json")
		if !ok {
			continue
		}
		path := filepath.Join(r.metaDir(sb.id), e.Name())
		var rec containerRecord
		if err := readJSON(path, &rec); err != nil || rec.ID != id {
			r.log.Warn("skipping unreadable container record", "path", path, "err", err)
			continue
		}
		cfg := &runtimev1.ContainerConfig{}
		if err := unmarshalProto(rec.Config, cfg); err != nil {
			r.log.Warn("skipping container with unreadable config", "path", path, "err", err)
			continue
		}
		res := &runtimev1.LinuxContainerResources{}
		if len(rec.Resources) == 0 {
			res = cfg.GetLinux().GetResources()
		} else if err := unmarshalProto(rec.Resources, res); err != nil {
			res = cfg.GetLinux().GetResources()
		}
		c := &container{
			id: id, sandboxID: sb.id, name: containerName(sb.id, cfg), config: cfg,
			file: &recordFile{path: path}, rec: rec, resources: res,
		}
		r.containers[id] = c
		r.names[c.name] = id
		if rec.State == stateRunning {
			r.adopt(c)
		}
	}
	return nil
}

// adopt takes over a container recorded as running: it watches its process
// again and reopens its output pipes, or records it exited.
func (r *server) adopt(c *container) {
	rec := c.rec
	rs := &runState{pid: rec.PID, cgroup: rec.Cgroup, bc: newBroadcaster(), exited: make(chan struct{})}
	if ch := findChild(rec.PID, rec.StartTime); ch != nil {
		rs.child = ch
		rs.stdin = ch.takeStdin()
	} else if w, err := openPidWatch(rec.PID, rec.StartTime); err == nil {
		rs.watch = w
	} else {
		r.recordLostExit(c, "the process was gone when the runtime restarted; its exit status is unknown")
		return
	}
	lf, err := openLogFile(rec.LogPath)
	if err != nil {
		r.log.Warn("cannot reopen container log", "container", c.id, "err", err)
		lf, _ = openLogFile("")
	}
	rs.log = lf
	stdout, stderr, err := openFIFOReaders(r.fifoPath(c, "stdout"), r.fifoPath(c, "stderr"))
	if err != nil {
		r.log.Warn("cannot reopen container output", "container", c.id, "err", err)
		stdout, stderr = devNullReaders()
	}
	rs.pump = startPump(lf, stdout, stderr, r.cfg.MaxLogLineSize, rs.bc)
	c.run = rs
	r.wg.Add(1)
	go r.monitor(c, rs)
}

// recordLostExit marks a container exited whose exit status nobody saw.
func (r *server) recordLostExit(c *container, msg string) {
	c.rec.State = stateExited
	c.rec.FinishedAt = nowNano()
	c.rec.ExitCode = unknownExitCode
	c.rec.Reason = reasonUnknown
	c.rec.Message = msg
	if c.rec.Cgroup != "" {
		killCgroup(c.rec.Cgroup)
		removeCgroup(c.rec.Cgroup)
	}
	r.persistContainer(c)
}

func devNullReaders() (*os.File, *os.File) {
	a, _ := os.Open(os.DevNull)
	b, _ := os.Open(os.DevNull)
	return a, b
}

func (r *server) persistSandbox(sb *sandbox) {
	err := sb.file.write(func() (any, bool) {
		r.mu.Lock()
		defer r.mu.Unlock()
		rec := sb.rec
		rec.Version = recordVersion
		return rec, true
	})
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		r.log.Error("cannot write sandbox record", "sandbox", sb.id, "err", err)
	}
}

// persistContainer writes c's record. The caller must not hold r.mu.
func (r *server) persistContainer(c *container) {
	err := c.file.write(func() (any, bool) {
		r.mu.Lock()
		defer r.mu.Unlock()
		rec := c.rec
		rec.Version = recordVersion
		rec.Resources = marshalProto(c.resources)
		return rec, !c.removed
	})
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		r.log.Error("cannot write container record", "container", c.id, "err", err)
	}
}

func (r *server) getSandbox(id string) (*sandbox, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if sb, ok := r.sandboxes[id]; ok {
		return sb, nil
	}
	return nil, notFound("pod sandbox", id)
}

func (r *server) getContainer(id string) (*container, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if c, ok := r.containers[id]; ok {
		return c, nil
	}
	return nil, notFound("container", id)
}

func errClosed() error {
	return precondition("process runtime is closed")
}
