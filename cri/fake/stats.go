package fake

import (
	"context"
	"math"
	"math/bits"

	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"
)

// cpuTime is the CPU time in core-nanoseconds used by nanocores over ns
// nanoseconds, saturating at MaxUint64.
func cpuTime(nanocores uint64, ns int64) uint64 {
	if ns <= 0 {
		return 0
	}
	hi, lo := bits.Mul64(nanocores, uint64(ns))
	if hi >= 1e9 {
		return math.MaxUint64
	}
	q, _ := bits.Div64(hi, lo, 1e9)
	return q
}

// usage is what a container uses at now: nothing unless it runs.
func (c *container) usage(now int64) (nanocores, cpuNanos, memory uint64) {
	p := c.phase(now)
	switch p.state {
	case runtimev1.ContainerState_CONTAINER_RUNNING:
		return c.b.CPUNanoCores, cpuTime(c.b.CPUNanoCores, now-p.startedAt), c.b.MemoryBytes
	case runtimev1.ContainerState_CONTAINER_EXITED:
		return 0, cpuTime(c.b.CPUNanoCores, p.finishedAt-p.startedAt), 0
	}
	return 0, 0, 0
}

func u64(v uint64) *runtimev1.UInt64Value { return &runtimev1.UInt64Value{Value: v} }

func memoryUsage(now int64, used uint64, limit int64) *runtimev1.MemoryUsage {
	m := &runtimev1.MemoryUsage{
		Timestamp:       now,
		WorkingSetBytes: u64(used),
		UsageBytes:      u64(used),
		RssBytes:        u64(used),
		PageFaults:      u64(0),
		MajorPageFaults: u64(0),
	}
	if limit > 0 && uint64(limit) >= used {
		m.AvailableBytes = u64(uint64(limit) - used)
	}
	return m
}

func (c *container) stats(now int64) *runtimev1.ContainerStats {
	cores, cpu, mem := c.usage(now)
	var limit int64
	if c.resources != nil && c.resources.Linux != nil {
		limit = c.resources.Linux.MemoryLimitInBytes
	}
	return &runtimev1.ContainerStats{
		Attributes: &runtimev1.ContainerAttributes{
			Id:          c.id,
			Metadata:    c.meta,
			Labels:      c.labels,
			Annotations: c.annotations,
		},
		Cpu: &runtimev1.CpuUsage{
			Timestamp:            now,
			UsageCoreNanoSeconds: u64(cpu),
			UsageNanoCores:       u64(cores),
		},
		Memory: memoryUsage(now, mem, limit),
		WritableLayer: &runtimev1.FilesystemUsage{
			Timestamp:  now,
			FsId:       &runtimev1.FilesystemIdentifier{Mountpoint: containerFsMount},
			UsedBytes:  u64(0),
			InodesUsed: u64(0),
		},
	}
}

// ContainerStats implements CRI: CPU and memory come from the container's
// Behavior while it runs; an exited container reports the CPU time it used
// and no memory.
func (r *Runtime) ContainerStats(_ context.Context, req *runtimev1.ContainerStatsRequest) (*runtimev1.ContainerStatsResponse, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c, ok := r.containers[req.ContainerId]
	if !ok {
		return nil, notFound("container", req.ContainerId)
	}
	return &runtimev1.ContainerStatsResponse{Stats: c.stats(r.now())}, nil
}

func (r *Runtime) listContainerStats(f *runtimev1.ContainerStatsFilter) []*runtimev1.ContainerStats {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now()
	running := func(c *container) bool { return c.phase(now).state == runtimev1.ContainerState_CONTAINER_RUNNING }
	cs := r.filterContainers(f.GetId(), f.GetPodSandboxId(), f.GetLabelSelector(), running)
	out := make([]*runtimev1.ContainerStats, len(cs))
	for i, c := range cs {
		out[i] = c.stats(now)
	}
	return out
}

// ListContainerStats implements CRI: it reports running containers only.
func (r *Runtime) ListContainerStats(_ context.Context, req *runtimev1.ListContainerStatsRequest) (*runtimev1.ListContainerStatsResponse, error) {
	return &runtimev1.ListContainerStatsResponse{Stats: r.listContainerStats(req.Filter)}, nil
}

// StreamContainerStats implements CRI.
func (r *Runtime) StreamContainerStats(req *runtimev1.StreamContainerStatsRequest, s runtimev1.RuntimeService_StreamContainerStatsServer) error {
	return sendChunks(r.listContainerStats(req.Filter), func(items []*runtimev1.ContainerStats) error {
		return s.Send(&runtimev1.StreamContainerStatsResponse{ContainerStats: items})
	})
}

// sandboxStats sums the sandbox's running containers. r.mu is held.
func (r *Runtime) sandboxStats(s *sandbox, now int64) *runtimev1.PodSandboxStats {
	var cores, cpu, mem, procs uint64
	var cstats []*runtimev1.ContainerStats
	for _, c := range s.containers {
		cc, ct, cm := c.usage(now)
		cores, cpu, mem = cores+cc, cpu+ct, mem+cm
		if c.phase(now).state == runtimev1.ContainerState_CONTAINER_RUNNING {
			procs++
			cstats = append(cstats, c.stats(now))
		}
	}
	st := &runtimev1.PodSandboxStats{
		Attributes: &runtimev1.PodSandboxAttributes{
			Id:          s.id,
			Metadata:    s.meta,
			Labels:      s.labels,
			Annotations: s.annotations,
		},
		Linux: &runtimev1.LinuxPodSandboxStats{
			Cpu: &runtimev1.CpuUsage{
				Timestamp:            now,
				UsageCoreNanoSeconds: u64(cpu),
				UsageNanoCores:       u64(cores),
			},
			Memory:     memoryUsage(now, mem, 0),
			Process:    &runtimev1.ProcessUsage{Timestamp: now, ProcessCount: u64(procs)},
			Containers: cstats,
		},
	}
	if !s.hostNetwork {
		eth0 := &runtimev1.NetworkInterfaceUsage{Name: "eth0", RxBytes: u64(0), RxErrors: u64(0), TxBytes: u64(0), TxErrors: u64(0)}
		st.Linux.Network = &runtimev1.NetworkUsage{Timestamp: now, DefaultInterface: eth0, Interfaces: []*runtimev1.NetworkInterfaceUsage{eth0}}
	}
	return st
}

// PodSandboxStats implements CRI: the sums over the sandbox's containers.
func (r *Runtime) PodSandboxStats(_ context.Context, req *runtimev1.PodSandboxStatsRequest) (*runtimev1.PodSandboxStatsResponse, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, ok := r.sandboxes[req.PodSandboxId]
	if !ok {
		return nil, notFound("sandbox", req.PodSandboxId)
	}
	return &runtimev1.PodSandboxStatsResponse{Stats: r.sandboxStats(s, r.now())}, nil
}

func (r *Runtime) listSandboxStats(f *runtimev1.PodSandboxStatsFilter) []*runtimev1.PodSandboxStats {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now()
	ready := &runtimev1.PodSandboxStateValue{State: runtimev1.PodSandboxState_SANDBOX_READY}
	ss := r.filterSandboxes(f.GetId(), ready, f.GetLabelSelector())
	out := make([]*runtimev1.PodSandboxStats, len(ss))
	for i, s := range ss {
		out[i] = r.sandboxStats(s, now)
	}
	return out
}

// ListPodSandboxStats implements CRI: it reports ready sandboxes only.
func (r *Runtime) ListPodSandboxStats(_ context.Context, req *runtimev1.ListPodSandboxStatsRequest) (*runtimev1.ListPodSandboxStatsResponse, error) {
	return &runtimev1.ListPodSandboxStatsResponse{Stats: r.listSandboxStats(req.Filter)}, nil
}

// StreamPodSandboxStats implements CRI.
func (r *Runtime) StreamPodSandboxStats(req *runtimev1.StreamPodSandboxStatsRequest, s runtimev1.RuntimeService_StreamPodSandboxStatsServer) error {
	return sendChunks(r.listSandboxStats(req.Filter), func(items []*runtimev1.PodSandboxStats) error {
		return s.Send(&runtimev1.StreamPodSandboxStatsResponse{PodSandboxStats: items})
	})
}
