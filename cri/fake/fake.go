package fake

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"strings"
	"sync"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/cri"
)

// Version strings the fake reports.
const (
	RuntimeName    = "orca-fake"
	RuntimeVersion = "0.1.0"
)

// DefaultPodCIDR is the sandbox IP range when Config.PodCIDR is empty and the
// kubelet has not set one; it is containerd's default.
const DefaultPodCIDR = "10.88.0.0/16"

// Config configures a Runtime. The zero value is a working runtime.
type Config struct {
	// Clock is the source of time. nil means the system clock.
	Clock Clock
	// PodCIDR is the range sandbox IPs come from, e.g. "10.244.3.0/24".
	// Empty means DefaultPodCIDR. UpdateRuntimeConfig with a pod CIDR (the
	// kubelet sends the node's spec.podCIDR) replaces it for new sandboxes.
	// The network address, the first host address (the gateway) and the IPv4
	// broadcast address are never handed out.
	PodCIDR string
	// NodeIP is reported as the IP of host-network sandboxes. Empty means
	// none.
	NodeIP string
	// Images are present from the start, as if pulled.
	Images []string
	// ImageSize is the size in bytes reported for every image. 0 means 1 MiB.
	ImageSize uint64
	// RuntimeHandlers are accepted by RunPodSandbox besides the default "".
	RuntimeHandlers []string
	// DisableLogs stops the fake from writing log files. By default a
	// started container whose sandbox has a LogDirectory and which has a
	// LogPath gets its log file, holding its Behavior's Stdout and Stderr.
	DisableLogs bool
	// Behavior, if set, is called by CreateContainer after the annotations
	// were read into b, and may change b. sandbox is the request's sandbox
	// config, or one rebuilt from the stored sandbox if the request had none.
	// An error fails the call with codes.InvalidArgument. It is called
	// without locks held, concurrently for different containers.
	Behavior func(sandbox *runtimev1.PodSandboxConfig, container *runtimev1.ContainerConfig, b *Behavior) error
	// Exec, if set, answers ExecSync before the container's Behavior.Exec
	// rules; a nil result falls through to them. c is the container's
	// status when the call came in. It is called without locks held.
	Exec func(ctx context.Context, c *runtimev1.ContainerStatus, cmd []string) *runtimev1.ExecSyncResponse
	// PullImage, if set, is called by PullImage before the image is added.
	// An error fails the pull; it may block (honouring ctx) to model a slow
	// registry.
	PullImage func(ctx context.Context, image *runtimev1.ImageSpec) error
}

// Validate reports whether c can be used.
func (c Config) Validate() error {
	if c.PodCIDR != "" {
		if _, err := parseCIDR(c.PodCIDR); err != nil {
			return fmt.Errorf("fake: PodCIDR: %w", err)
		}
	}
	if c.NodeIP != "" {
		if _, err := netip.ParseAddr(c.NodeIP); err != nil {
			return fmt.Errorf("fake: NodeIP: %w", err)
		}
	}
	for _, h := range c.RuntimeHandlers {
		if h == "" {
			return fmt.Errorf("fake: RuntimeHandlers: the default handler \"\" is always accepted; do not list it")
		}
	}
	for _, im := range c.Images {
		if im == "" {
			return fmt.Errorf("fake: Images: empty image name")
		}
	}
	return nil
}

// Runtime is a simulated container runtime for one node: a cri.Server whose
// sandboxes and containers exist only in memory. Use Client for the
// cri.Runtime the kubelet consumes, or cri.Serve to put it on a socket.
//
// A container's state is computed from the clock each time it is read, from
// when it was started and its Behavior, so a Runtime runs no goroutines and
// holds no timers: a thousand of them, each with its pods, fit in one
// process. Only StartContainer (during a start delay) and StopContainer
// (during a grace period) wait, on the Clock.
//
// What the fake does not model: processes, filesystems, mounts and devices
// (recorded, not applied), networking beyond handing out IPs, streaming
// (Exec, Attach and PortForward answer codes.Unimplemented), container events
// (GetContainerEvents), checkpoints, and pod sandbox metrics.
//
// All methods are safe for concurrent use.
type Runtime struct {
	runtimev1.UnimplementedRuntimeServiceServer
	runtimev1.UnimplementedImageServiceServer

	cfg      Config
	clock    Clock
	nodeIP   string
	handlers map[string]bool
	imgSize  uint64

	mu         sync.Mutex
	seq        uint64                        // guarded by mu; orders lists by creation
	sandboxes  map[string]*sandbox           // guarded by mu; by ID
	names      map[string]*sandbox           // guarded by mu; by reserved name
	containers map[string]*container         // guarded by mu; by ID
	images     map[string]*image             // guarded by mu; by ID
	imageRefs  map[string]*image             // guarded by mu; by normalized reference
	ipam       ipam                          // guarded by mu
	conditions []*runtimev1.RuntimeCondition // guarded by mu; replaced, never mutated
	changed    chan struct{}                 // guarded by mu; closed by notify, nil until a call waits
}

var _ cri.Server = (*Runtime)(nil)

// New returns a Runtime configured by cfg.
func New(cfg Config) (*Runtime, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	r := &Runtime{
		cfg:        cfg,
		clock:      cfg.Clock,
		nodeIP:     cfg.NodeIP,
		handlers:   map[string]bool{"": true},
		imgSize:    cfg.ImageSize,
		sandboxes:  map[string]*sandbox{},
		names:      map[string]*sandbox{},
		containers: map[string]*container{},
		images:     map[string]*image{},
		imageRefs:  map[string]*image{},
		conditions: []*runtimev1.RuntimeCondition{
			{Type: runtimev1.RuntimeReady, Status: true},
			{Type: runtimev1.NetworkReady, Status: true},
		},
	}
	if r.clock == nil {
		r.clock = systemClock{}
	}
	if r.imgSize == 0 {
		r.imgSize = 1 << 20
	}
	for _, h := range cfg.RuntimeHandlers {
		r.handlers[h] = true
	}
	cidr := cfg.PodCIDR
	if cidr == "" {
		cidr = DefaultPodCIDR
	}
	p, _ := parseCIDR(cidr)
	r.ipam.setPrefix(p)
	for _, im := range cfg.Images {
		r.addImage(im)
	}
	return r, nil
}

// Client returns r as a cri.Runtime, through cri.InProcess.
func (r *Runtime) Client() cri.Runtime { return cri.InProcess(r) }

// SetCondition sets a runtime condition reported by Status, such as
// runtimev1.NetworkReady, adding it if it is new. A kubelet marks its node
// NotReady while RuntimeReady or NetworkReady is false.
func (r *Runtime) SetCondition(conditionType string, ok bool, reason, message string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	conds := make([]*runtimev1.RuntimeCondition, 0, len(r.conditions)+1)
	found := false
	for _, c := range r.conditions {
		if c.Type == conditionType {
			c = &runtimev1.RuntimeCondition{Type: conditionType, Status: ok, Reason: reason, Message: message}
			found = true
		}
		conds = append(conds, c)
	}
	if !found {
		conds = append(conds, &runtimev1.RuntimeCondition{Type: conditionType, Status: ok, Reason: reason, Message: message})
	}
	r.conditions = conds
}

// Exit makes the running container id exit now with code and reason, as a
// crash or an OOM kill would. An empty reason means "Completed" for code 0
// and "Error" otherwise. It fails with codes.NotFound for an unknown
// container and codes.FailedPrecondition for one that is not running.
func (r *Runtime) Exit(id string, code int32, reason string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	c, ok := r.containers[id]
	if !ok {
		return notFound("container", id)
	}
	now := r.now()
	if st := c.phase(now); st.state != runtimev1.ContainerState_CONTAINER_RUNNING {
		return status.Errorf(codes.FailedPrecondition, "container %s is %s, not running", id, st.state)
	}
	c.stop(now, code, reason)
	r.notify()
	return nil
}

func (r *Runtime) now() int64 { return r.clock.Now().UnixNano() }

// notify wakes the calls blocked in wait, so they look again. r.mu is held.
func (r *Runtime) notify() {
	if r.changed != nil {
		close(r.changed)
		r.changed = nil
	}
}

// wait blocks until the clock reads the time target returns, or target says
// there is nothing left to wait for, or ctx ends. target runs with r.mu held,
// again after every change that may move it (a stop, a kill, a removal).
func (r *Runtime) wait(ctx context.Context, target func() (at int64, done bool)) error {
	for {
		r.mu.Lock()
		at, done := target()
		d := at - r.now()
		if done || d <= 0 {
			r.mu.Unlock()
			return nil
		}
		if r.changed == nil {
			r.changed = make(chan struct{})
		}
		changed := r.changed
		r.mu.Unlock()
		select {
		case <-r.clock.After(durationOf(d)):
		case <-changed:
		case <-ctx.Done():
			return status.FromContextError(ctx.Err()).Err()
		}
	}
}

// newID returns a random 64-digit hex ID, the shape containerd uses.
func newID() string {
	var b [32]byte
	for i := 0; i < 32; i += 8 {
		binary.LittleEndian.PutUint64(b[i:], rand.Uint64())
	}
	return hex.EncodeToString(b[:])
}

func notFound(kind, id string) error {
	return status.Errorf(codes.NotFound, "%s %q not found", kind, id)
}

// matchLabels reports whether labels hold every pair in selector.
func matchLabels(labels, selector map[string]string) bool {
	for k, v := range selector {
		if got, ok := labels[k]; !ok || got != v {
			return false
		}
	}
	return true
}

// Version implements CRI.
func (r *Runtime) Version(context.Context, *runtimev1.VersionRequest) (*runtimev1.VersionResponse, error) {
	return &runtimev1.VersionResponse{
		Version:           "0.1.0",
		RuntimeName:       RuntimeName,
		RuntimeVersion:    RuntimeVersion,
		RuntimeApiVersion: "v1",
	}, nil
}

// Status implements CRI. Conditions are RuntimeReady and NetworkReady, both
// true unless changed with SetCondition.
func (r *Runtime) Status(context.Context, *runtimev1.StatusRequest) (*runtimev1.StatusResponse, error) {
	r.mu.Lock()
	conds := r.conditions
	r.mu.Unlock()
	handlers := make([]*runtimev1.RuntimeHandler, 0, len(r.handlers))
	for h := range r.handlers {
		handlers = append(handlers, &runtimev1.RuntimeHandler{Name: h, Features: &runtimev1.RuntimeHandlerFeatures{}})
	}
	sortBy(handlers, func(h *runtimev1.RuntimeHandler) string { return h.Name })
	return &runtimev1.StatusResponse{
		Status:          &runtimev1.RuntimeStatus{Conditions: conds},
		RuntimeHandlers: handlers,
		Features:        &runtimev1.RuntimeFeatures{},
	}, nil
}

// UpdateRuntimeConfig implements CRI: a pod CIDR (the first, if the kubelet
// sends a comma-separated dual-stack pair) becomes the range for new sandbox
// IPs. IPs already handed out stay.
func (r *Runtime) UpdateRuntimeConfig(_ context.Context, req *runtimev1.UpdateRuntimeConfigRequest) (*runtimev1.UpdateRuntimeConfigResponse, error) {
	cidr := req.GetRuntimeConfig().GetNetworkConfig().GetPodCidr()
	if cidr == "" {
		return &runtimev1.UpdateRuntimeConfigResponse{}, nil
	}
	first, _, _ := strings.Cut(cidr, ",")
	p, err := parseCIDR(strings.TrimSpace(first))
	if err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "pod CIDR: %v", err)
	}
	r.mu.Lock()
	r.ipam.setPrefix(p)
	r.mu.Unlock()
	return &runtimev1.UpdateRuntimeConfigResponse{}, nil
}

// RuntimeConfig implements CRI: the fake says it uses the cgroupfs driver.
func (r *Runtime) RuntimeConfig(context.Context, *runtimev1.RuntimeConfigRequest) (*runtimev1.RuntimeConfigResponse, error) {
	return &runtimev1.RuntimeConfigResponse{
		Linux: &runtimev1.LinuxRuntimeConfiguration{CgroupDriver: runtimev1.CgroupDriver_CGROUPFS},
	}, nil
}

func noStreams(method string) error {
	return status.Errorf(codes.Unimplemented,
		"%s is not supported by the fake runtime: it simulates containers and has no streams to serve", method)
}

// Exec implements CRI: it fails with codes.Unimplemented.
func (r *Runtime) Exec(context.Context, *runtimev1.ExecRequest) (*runtimev1.ExecResponse, error) {
	return nil, noStreams("Exec")
}

// Attach implements CRI: it fails with codes.Unimplemented.
func (r *Runtime) Attach(context.Context, *runtimev1.AttachRequest) (*runtimev1.AttachResponse, error) {
	return nil, noStreams("Attach")
}

// PortForward implements CRI: it fails with codes.Unimplemented.
func (r *Runtime) PortForward(context.Context, *runtimev1.PortForwardRequest) (*runtimev1.PortForwardResponse, error) {
	return nil, noStreams("PortForward")
}
