package process

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/proto"
	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/errdefs"
)

func nowNano() int64 { return time.Now().UnixNano() }

// sandboxName is the name a sandbox reserves: no two sandboxes may share
// name, namespace, uid and attempt.
func sandboxName(cfg *runtimev1.PodSandboxConfig) string {
	m := cfg.GetMetadata()
	return fmt.Sprintf("sandbox/%s_%s_%s_%d", m.GetName(), m.GetNamespace(), m.GetUid(), m.GetAttempt())
}

// hostNetwork reports whether the pod asks for the node's network.
func hostNetwork(cfg *runtimev1.PodSandboxConfig) bool {
	return cfg.GetLinux().GetSecurityContext().GetNamespaceOptions().GetNetwork() == runtimev1.NamespaceMode_NODE
}

// RunPodSandbox creates a sandbox: a directory and a record and, when
// networking is on and the pod does not use the host network, a network
// namespace set up through Config.Network. There is no pause process.
func (r *server) RunPodSandbox(ctx context.Context, req *runtimev1.RunPodSandboxRequest) (*runtimev1.RunPodSandboxResponse, error) {
	cfg := req.GetConfig()
	if cfg.GetMetadata().GetName() == "" {
		return nil, invalid("sandbox config metadata.name is required")
	}
	cfg = proto.Clone(cfg).(*runtimev1.PodSandboxConfig)
	id := newID()
	sb := &sandbox{
		id: id, config: cfg, name: sandboxName(cfg),
		file: &recordFile{path: filepath.Join(r.sandboxDir(id), "sandbox.json")},
		rec: sandboxRecord{
			ID: id, Config: marshalProto(cfg), RuntimeHandler: req.GetRuntimeHandler(),
			CreatedAt: nowNano(), State: sandboxReady, IP: r.hostIP,
		},
	}
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return nil, errClosed()
	}
	if other, ok := r.names[sb.name]; ok {
		r.mu.Unlock()
		return nil, newError(codes.AlreadyExists, errdefs.ErrAlreadyExists, "pod sandbox name %q is reserved for %s", sb.name, other)
	}
	r.names[sb.name] = id
	r.mu.Unlock()
	release := func() {
		r.mu.Lock()
		delete(r.names, sb.name)
		r.mu.Unlock()
		os.RemoveAll(r.sandboxDir(id))
	}
	for _, d := range []string{r.metaDir(id), filepath.Join(r.sandboxDir(id), "containers")} {
		if err := os.MkdirAll(d, 0o711); err != nil {
			release()
			return nil, internal("create sandbox dir: %v", err)
		}
	}
	if cfg.GetLogDirectory() != "" {
		if err := os.MkdirAll(cfg.GetLogDirectory(), 0o755); err != nil {
			release()
			return nil, internal("create log directory: %v", err)
		}
	}
	if r.netOn && !hostNetwork(cfg) {
		ns := filepath.Join(r.cfg.RootDir, "netns", id)
		if err := newNetNS(ns); err != nil {
			release()
			return nil, internal("create network namespace: %v", err)
		}
		sb.rec.NetNS = ns
		sb.rec.PodNetwork = true
		sb.rec.NetworkSetUp = true // TearDown must run even if SetUp fails half way
		ip, err := r.cfg.Network.SetUp(ctx, id, ns)
		if err != nil {
			r.cfg.Network.TearDown(context.WithoutCancel(ctx), id, ns)
			removeNetNS(ns)
			release()
			return nil, internal("set up pod network: %v", err)
		}
		sb.rec.IP = ip
	}
	if err := writeJSON(sb.file.path, sb.rec); err != nil {
		r.teardownNetwork(ctx, sb)
		release()
		return nil, internal("write sandbox record: %v", err)
	}
	r.mu.Lock()
	r.sandboxes[id] = sb
	r.mu.Unlock()
	r.events.sandboxEvent(r, sb, runtimev1.ContainerEventType_CONTAINER_CREATED_EVENT)
	r.events.sandboxEvent(r, sb, runtimev1.ContainerEventType_CONTAINER_STARTED_EVENT)
	return &runtimev1.RunPodSandboxResponse{PodSandboxId: id}, nil
}

// teardownNetwork runs Network.TearDown and removes the namespace. The
// caller holds sb.op or owns sb exclusively.
func (r *server) teardownNetwork(ctx context.Context, sb *sandbox) error {
	r.mu.Lock()
	ns, setUp := sb.rec.NetNS, sb.rec.NetworkSetUp
	r.mu.Unlock()
	if ns == "" {
		return nil
	}
	if setUp && r.cfg.Network != nil {
		if err := r.cfg.Network.TearDown(ctx, sb.id, ns); err != nil {
			return fmt.Errorf("tear down pod network: %w", err)
		}
	}
	if err := removeNetNS(ns); err != nil {
		return err
	}
	r.mu.Lock()
	sb.rec.NetworkSetUp = false
	sb.rec.NetNS = ""
	sb.rec.IP = "" // released by TearDown; another pod may get it
	r.mu.Unlock()
	return nil
}

// StopPodSandbox kills the sandbox's running containers, tears its network
// down and marks it not ready. Stopping a stopped or unknown sandbox succeeds.
func (r *server) StopPodSandbox(ctx context.Context, req *runtimev1.StopPodSandboxRequest) (*runtimev1.StopPodSandboxResponse, error) {
	sb, err := r.getSandbox(req.GetPodSandboxId())
	if err != nil {
		return &runtimev1.StopPodSandboxResponse{}, nil
	}
	sb.op.Lock()
	defer sb.op.Unlock()
	if err := r.stopSandbox(ctx, sb); err != nil {
		return nil, err
	}
	return &runtimev1.StopPodSandboxResponse{}, nil
}

// stopSandbox does StopPodSandbox's work; the caller holds sb.op.
func (r *server) stopSandbox(ctx context.Context, sb *sandbox) error {
	for _, c := range r.containersOf(sb.id) {
		if err := r.stopContainer(ctx, c, 0); err != nil {
			return err
		}
	}
	if err := r.teardownNetwork(ctx, sb); err != nil {
		return internal("stop pod sandbox %s: %v", sb.id, err)
	}
	r.mu.Lock()
	changed := sb.rec.State != sandboxNotReady
	sb.rec.State = sandboxNotReady
	r.mu.Unlock()
	if changed {
		r.persistSandbox(sb)
		r.events.sandboxEvent(r, sb, runtimev1.ContainerEventType_CONTAINER_STOPPED_EVENT)
	}
	return nil
}

// RemovePodSandbox stops the sandbox if needed, removes its containers and
// deletes its state. Removing an unknown sandbox succeeds.
func (r *server) RemovePodSandbox(ctx context.Context, req *runtimev1.RemovePodSandboxRequest) (*runtimev1.RemovePodSandboxResponse, error) {
	sb, err := r.getSandbox(req.GetPodSandboxId())
	if err != nil {
		return &runtimev1.RemovePodSandboxResponse{}, nil
	}
	sb.op.Lock()
	defer sb.op.Unlock()
	if err := r.stopSandbox(ctx, sb); err != nil {
		return nil, err
	}
	for _, c := range r.containersOf(sb.id) {
		if err := r.removeContainer(ctx, c); err != nil {
			return nil, err
		}
	}
	r.mu.Lock()
	_, present := r.sandboxes[sb.id]
	delete(r.sandboxes, sb.id)
	if r.names[sb.name] == sb.id {
		delete(r.names, sb.name)
	}
	r.mu.Unlock()
	if !present {
		return &runtimev1.RemovePodSandboxResponse{}, nil
	}
	if err := os.RemoveAll(r.sandboxDir(sb.id)); err != nil {
		return nil, internal("remove sandbox dir: %v", err)
	}
	r.events.sandboxEvent(r, sb, runtimev1.ContainerEventType_CONTAINER_DELETED_EVENT)
	return &runtimev1.RemovePodSandboxResponse{}, nil
}

func (r *server) containersOf(sandboxID string) []*container {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []*container
	for _, c := range r.containers {
		if c.sandboxID == sandboxID {
			out = append(out, c)
		}
	}
	return out
}

// sandboxStatusLocked builds the status; the caller holds r.mu.
func (r *server) sandboxStatusLocked(sb *sandbox) *runtimev1.PodSandboxStatus {
	state := runtimev1.PodSandboxState_SANDBOX_READY
	if sb.rec.State != sandboxReady {
		state = runtimev1.PodSandboxState_SANDBOX_NOTREADY
	}
	netMode := runtimev1.NamespaceMode_NODE
	if sb.rec.PodNetwork {
		netMode = runtimev1.NamespaceMode_POD
	}
	st := &runtimev1.PodSandboxStatus{
		Id:        sb.id,
		Metadata:  sb.config.GetMetadata(),
		State:     state,
		CreatedAt: sb.rec.CreatedAt,
		Linux: &runtimev1.LinuxPodSandboxStatus{Namespaces: &runtimev1.Namespace{Options: &runtimev1.NamespaceOption{
			Network: netMode,
			Pid:     runtimev1.NamespaceMode_NODE,
			Ipc:     runtimev1.NamespaceMode_NODE,
		}}},
		Labels:         sb.config.GetLabels(),
		Annotations:    sb.config.GetAnnotations(),
		RuntimeHandler: sb.rec.RuntimeHandler,
	}
	if state == runtimev1.PodSandboxState_SANDBOX_READY || sb.rec.IP != "" {
		st.Network = &runtimev1.PodSandboxNetworkStatus{Ip: sb.rec.IP}
	}
	return st
}

// PodSandboxStatus returns the sandbox's status, with the statuses of its
// containers. Pods on the host network report the host IP.
func (r *server) PodSandboxStatus(ctx context.Context, req *runtimev1.PodSandboxStatusRequest) (*runtimev1.PodSandboxStatusResponse, error) {
	sb, err := r.getSandbox(req.GetPodSandboxId())
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	resp := &runtimev1.PodSandboxStatusResponse{Status: r.sandboxStatusLocked(sb), Timestamp: nowNano()}
	var cs []*container
	for _, c := range r.containers {
		if c.sandboxID == sb.id {
			cs = append(cs, c)
		}
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].rec.CreatedAt < cs[j].rec.CreatedAt })
	for _, c := range cs {
		resp.ContainersStatuses = append(resp.ContainersStatuses, r.containerStatusLocked(c))
	}
	rec := sb.rec
	r.mu.Unlock()
	if req.GetVerbose() {
		b, _ := json.Marshal(struct {
			Record    sandboxRecord `json:"record"`
			Directory string        `json:"directory"`
		}{rec, r.sandboxDir(sb.id)})
		resp.Info = map[string]string{"info": string(b)}
	}
	return resp, nil
}

// ListPodSandbox lists sandboxes matching the filter, oldest first.
func (r *server) ListPodSandbox(ctx context.Context, req *runtimev1.ListPodSandboxRequest) (*runtimev1.ListPodSandboxResponse, error) {
	return &runtimev1.ListPodSandboxResponse{Items: r.listSandboxes(req.GetFilter())}, nil
}

func (r *server) listSandboxes(f *runtimev1.PodSandboxFilter) []*runtimev1.PodSandbox {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []*runtimev1.PodSandbox
	for _, sb := range r.sandboxes {
		st := r.sandboxStatusLocked(sb)
		if f.GetId() != "" && f.GetId() != sb.id {
			continue
		}
		if f.GetState() != nil && f.GetState().GetState() != st.State {
			continue
		}
		if !matchLabels(sb.config.GetLabels(), f.GetLabelSelector()) {
			continue
		}
		out = append(out, &runtimev1.PodSandbox{
			Id: sb.id, Metadata: st.Metadata, State: st.State, CreatedAt: st.CreatedAt,
			Labels: st.Labels, Annotations: st.Annotations, RuntimeHandler: st.RuntimeHandler,
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].CreatedAt < out[j].CreatedAt })
	return out
}

// StreamPodSandboxes sends the filtered list in one message.
func (r *server) StreamPodSandboxes(req *runtimev1.StreamPodSandboxesRequest, s grpc.ServerStreamingServer[runtimev1.StreamPodSandboxesResponse]) error {
	return s.Send(&runtimev1.StreamPodSandboxesResponse{PodSandboxes: r.listSandboxes(req.GetFilter())})
}

func matchLabels(labels, selector map[string]string) bool {
	for k, v := range selector {
		if lv, ok := labels[k]; !ok || lv != v {
			return false
		}
	}
	return true
}

// UpdatePodSandboxResources accepts pod-level resources. The process runtime
// has no pod cgroup, so they are not applied; CRI makes this call best effort.
func (r *server) UpdatePodSandboxResources(ctx context.Context, req *runtimev1.UpdatePodSandboxResourcesRequest) (*runtimev1.UpdatePodSandboxResourcesResponse, error) {
	if _, err := r.getSandbox(req.GetPodSandboxId()); err != nil {
		return nil, err
	}
	return &runtimev1.UpdatePodSandboxResourcesResponse{}, nil
}
