package fake

import (
	"cmp"
	"context"
	"fmt"
	"net/netip"
	"slices"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"
)

// sandbox is one pod sandbox. Its fields are guarded by Runtime.mu; the maps
// and messages taken from the request are never changed after creation.
type sandbox struct {
	id          string
	seq         uint64
	name        string // the reserved name: name_namespace_uid_attempt
	meta        *runtimev1.PodSandboxMetadata
	labels      map[string]string
	annotations map[string]string
	nsOpts      *runtimev1.NamespaceOption
	logDir      string
	handler     string
	createdAt   int64
	ready       bool
	hostNetwork bool
	ip          netip.Addr // zero when none is held
	containers  []*container
}

func (s *sandbox) state() runtimev1.PodSandboxState {
	if s.ready {
		return runtimev1.PodSandboxState_SANDBOX_READY
	}
	return runtimev1.PodSandboxState_SANDBOX_NOTREADY
}

// config rebuilds the parts of the sandbox's config the fake keeps.
func (s *sandbox) config() *runtimev1.PodSandboxConfig {
	return &runtimev1.PodSandboxConfig{
		Metadata:     s.meta,
		LogDirectory: s.logDir,
		Labels:       s.labels,
		Annotations:  s.annotations,
	}
}

// RunPodSandbox implements CRI. The sandbox is READY at once, with an IP from
// the pod CIDR unless it uses the node's network. A second sandbox with the
// same name, namespace, UID and attempt fails with codes.AlreadyExists while
// the first exists, as in containerd.
func (r *Runtime) RunPodSandbox(_ context.Context, req *runtimev1.RunPodSandboxRequest) (*runtimev1.RunPodSandboxResponse, error) {
	cfg := req.GetConfig()
	md := cfg.GetMetadata()
	if md.GetName() == "" || md.GetNamespace() == "" || md.GetUid() == "" {
		return nil, status.Error(codes.InvalidArgument, "sandbox config must have metadata with a name, namespace and uid")
	}
	if !r.handlers[req.RuntimeHandler] {
		return nil, status.Errorf(codes.InvalidArgument, "no runtime for %q is configured", req.RuntimeHandler)
	}
	nsOpts := cfg.GetLinux().GetSecurityContext().GetNamespaceOptions()
	s := &sandbox{
		id:          newID(),
		name:        fmt.Sprintf("%s_%s_%s_%d", md.Name, md.Namespace, md.Uid, md.Attempt),
		meta:        md,
		labels:      cfg.Labels,
		annotations: cfg.Annotations,
		nsOpts:      nsOpts,
		logDir:      cfg.LogDirectory,
		handler:     req.RuntimeHandler,
		ready:       true,
		hostNetwork: nsOpts.GetNetwork() == runtimev1.NamespaceMode_NODE,
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if old, ok := r.names[s.name]; ok {
		return nil, status.Errorf(codes.AlreadyExists, "sandbox name %q is reserved for %s", s.name, old.id)
	}
	if !s.hostNetwork {
		ip, err := r.ipam.alloc()
		if err != nil {
			return nil, err
		}
		s.ip = ip
	}
	r.seq++
	s.seq = r.seq
	s.createdAt = r.now()
	r.sandboxes[s.id] = s
	r.names[s.name] = s
	return &runtimev1.RunPodSandboxResponse{PodSandboxId: s.id}, nil
}

// stopSandbox kills the sandbox's running containers and releases its IP.
// r.mu is held.
func (r *Runtime) stopSandbox(s *sandbox, now int64) {
	for _, c := range s.containers {
		c.kill(now)
	}
	r.notify()
	s.ready = false
	if s.ip.IsValid() {
		r.ipam.release(s.ip)
		s.ip = netip.Addr{}
	}
}

// StopPodSandbox implements CRI: running containers are killed at once
// (exit code 137) and the IP is released. Stopping a stopped sandbox does
// nothing; an unknown one fails with codes.NotFound, as in containerd.
func (r *Runtime) StopPodSandbox(_ context.Context, req *runtimev1.StopPodSandboxRequest) (*runtimev1.StopPodSandboxResponse, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, ok := r.sandboxes[req.PodSandboxId]
	if !ok {
		return nil, notFound("sandbox", req.PodSandboxId)
	}
	r.stopSandbox(s, r.now())
	return &runtimev1.StopPodSandboxResponse{}, nil
}

// RemovePodSandbox implements CRI: it stops the sandbox if needed and removes
// it with all its containers. Removing an unknown sandbox succeeds.
func (r *Runtime) RemovePodSandbox(_ context.Context, req *runtimev1.RemovePodSandboxRequest) (*runtimev1.RemovePodSandboxResponse, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, ok := r.sandboxes[req.PodSandboxId]
	if !ok {
		return &runtimev1.RemovePodSandboxResponse{}, nil
	}
	r.stopSandbox(s, r.now())
	for _, c := range s.containers {
		delete(r.containers, c.id)
	}
	s.containers = nil
	delete(r.sandboxes, s.id)
	delete(r.names, s.name)
	return &runtimev1.RemovePodSandboxResponse{}, nil
}

func (r *Runtime) sandboxStatus(s *sandbox) *runtimev1.PodSandboxStatus {
	st := &runtimev1.PodSandboxStatus{
		Id:             s.id,
		Metadata:       s.meta,
		State:          s.state(),
		CreatedAt:      s.createdAt,
		Network:        &runtimev1.PodSandboxNetworkStatus{},
		Labels:         s.labels,
		Annotations:    s.annotations,
		RuntimeHandler: s.handler,
	}
	switch {
	case s.ip.IsValid():
		st.Network.Ip = s.ip.String()
	case s.hostNetwork && s.ready:
		st.Network.Ip = r.nodeIP
	}
	if s.nsOpts != nil {
		st.Linux = &runtimev1.LinuxPodSandboxStatus{Namespaces: &runtimev1.Namespace{Options: s.nsOpts}}
	}
	return st
}

// PodSandboxStatus implements CRI.
func (r *Runtime) PodSandboxStatus(_ context.Context, req *runtimev1.PodSandboxStatusRequest) (*runtimev1.PodSandboxStatusResponse, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, ok := r.sandboxes[req.PodSandboxId]
	if !ok {
		return nil, notFound("sandbox", req.PodSandboxId)
	}
	return &runtimev1.PodSandboxStatusResponse{Status: r.sandboxStatus(s), Timestamp: r.now()}, nil
}

// UpdatePodSandboxResources implements CRI; the fake accepts and ignores the
// resources.
func (r *Runtime) UpdatePodSandboxResources(_ context.Context, req *runtimev1.UpdatePodSandboxResourcesRequest) (*runtimev1.UpdatePodSandboxResourcesResponse, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.sandboxes[req.PodSandboxId]; !ok {
		return nil, notFound("sandbox", req.PodSandboxId)
	}
	return &runtimev1.UpdatePodSandboxResourcesResponse{}, nil
}

// filterSandboxes returns the sandboxes that pass the filter, oldest first.
// An ID filter is a map lookup; other filters scan. r.mu is held.
func (r *Runtime) filterSandboxes(id string, state *runtimev1.PodSandboxStateValue, labels map[string]string) []*sandbox {
	match := func(s *sandbox) bool {
		return (state == nil || s.state() == state.State) && matchLabels(s.labels, labels)
	}
	if id != "" {
		if s, ok := r.sandboxes[id]; ok && match(s) {
			return []*sandbox{s}
		}
		return nil
	}
	out := make([]*sandbox, 0, len(r.sandboxes))
	for _, s := range r.sandboxes {
		if match(s) {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b *sandbox) int { return cmp.Compare(a.seq, b.seq) })
	return out
}

func (r *Runtime) listSandboxes(f *runtimev1.PodSandboxFilter) []*runtimev1.PodSandbox {
	r.mu.Lock()
	defer r.mu.Unlock()
	ss := r.filterSandboxes(f.GetId(), f.GetState(), f.GetLabelSelector())
	out := make([]*runtimev1.PodSandbox, len(ss))
	for i, s := range ss {
		out[i] = &runtimev1.PodSandbox{
			Id:             s.id,
			Metadata:       s.meta,
			State:          s.state(),
			CreatedAt:      s.createdAt,
			Labels:         s.labels,
			Annotations:    s.annotations,
			RuntimeHandler: s.handler,
		}
	}
	return out
}

// ListPodSandbox implements CRI. Results are in creation order.
func (r *Runtime) ListPodSandbox(_ context.Context, req *runtimev1.ListPodSandboxRequest) (*runtimev1.ListPodSandboxResponse, error) {
	return &runtimev1.ListPodSandboxResponse{Items: r.listSandboxes(req.Filter)}, nil
}

// streamChunk is how many items each message of a Stream* call carries.
const streamChunk = 500

// sendChunks sends items in messages of at most streamChunk items.
func sendChunks[T any](items []T, send func([]T) error) error {
	for len(items) > 0 {
		n := min(len(items), streamChunk)
		if err := send(items[:n]); err != nil {
			return err
		}
		items = items[n:]
	}
	return nil
}

// StreamPodSandboxes implements CRI.
func (r *Runtime) StreamPodSandboxes(req *runtimev1.StreamPodSandboxesRequest, s runtimev1.RuntimeService_StreamPodSandboxesServer) error {
	return sendChunks(r.listSandboxes(req.Filter), func(items []*runtimev1.PodSandbox) error {
		return s.Send(&runtimev1.StreamPodSandboxesResponse{PodSandboxes: items})
	})
}

func durationOf(ns int64) time.Duration { return time.Duration(ns) }

func sortBy[T any, K cmp.Ordered](s []T, key func(T) K) {
	slices.SortFunc(s, func(a, b T) int { return cmp.Compare(key(a), key(b)) })
}
