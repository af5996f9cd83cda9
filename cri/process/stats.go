package process

import (
	"context"
	"os"
	"strconv"

	"google.golang.org/grpc"
	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"
)

// cpuSample is the last CPU reading of a container, for usage_nano_cores.
type cpuSample struct {
	at    int64 // unix nanoseconds
	usage uint64
}

// groupUsage is CPU and memory of one process group, read from /proc.
type groupUsage struct {
	cpuNanos uint64
	rssBytes uint64
	procs    uint64
}

// procGroups scans /proc once and sums usage per process group.
func procGroups() map[int]groupUsage {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	page := uint64(os.Getpagesize())
	m := map[int]groupUsage{}
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		st, err := readProcStat(pid)
		if err != nil || st.state == 'Z' {
			continue
		}
		u := m[st.pgrp]
		u.cpuNanos += (st.utime + st.stime) * (1e9 / clockTicks)
		u.rssBytes += st.rssPages * page
		u.procs++
		m[st.pgrp] = u
	}
	return m
}

// statsSnapshot is what stats need from a container, copied under r.mu.
type statsSnapshot struct {
	c       *container
	running bool
	pid     int
	cgroup  string
}

func (r *server) snapshotStats(f func(*container) bool) []statsSnapshot {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []statsSnapshot
	for _, c := range r.containers {
		if !f(c) {
			continue
		}
		out = append(out, statsSnapshot{c: c, running: c.rec.State == stateRunning, pid: c.rec.PID, cgroup: c.rec.Cgroup})
	}
	return out
}

// containerStats reads usage from the container's cgroup where it has one,
// and from /proc (its process group) otherwise. groups may be nil; it is
// read on demand.
func (r *server) containerStats(s statsSnapshot, groups *map[int]groupUsage) *runtimev1.ContainerStats {
	now := nowNano()
	c := s.c
	st := &runtimev1.ContainerStats{
		Attributes: &runtimev1.ContainerAttributes{
			Id: c.id, Metadata: c.config.GetMetadata(),
			Labels: c.config.GetLabels(), Annotations: c.config.GetAnnotations(),
		},
		Cpu:    &runtimev1.CpuUsage{Timestamp: now, UsageCoreNanoSeconds: &runtimev1.UInt64Value{}},
		Memory: &runtimev1.MemoryUsage{Timestamp: now, WorkingSetBytes: &runtimev1.UInt64Value{}},
	}
	if !s.running {
		return st
	}
	var cpu, mem, rss, faults, majfaults uint64
	cpuOK, memOK := false, false
	if s.cgroup != "" {
		u := readCgroupUsage(s.cgroup)
		if u.cpuOK {
			cpu, cpuOK = u.cpuUsec*1000, true
		}
		if u.memOK {
			mem, memOK = u.memCurrent, true
			rss, faults, majfaults = u.anon, u.pgfault, u.pgmajfault
			if u.inactiveFile < mem {
				mem -= u.inactiveFile
			}
		}
	}
	if !cpuOK || !memOK {
		if *groups == nil {
			*groups = procGroups()
		}
		g := (*groups)[s.pid]
		if !cpuOK {
			cpu = g.cpuNanos
		}
		if !memOK {
			mem, rss = g.rssBytes, g.rssBytes
		}
	}
	st.Cpu.UsageCoreNanoSeconds.Value = cpu
	st.Memory.WorkingSetBytes.Value = mem
	st.Memory.UsageBytes = &runtimev1.UInt64Value{Value: mem}
	st.Memory.RssBytes = &runtimev1.UInt64Value{Value: rss}
	if faults > 0 {
		st.Memory.PageFaults = &runtimev1.UInt64Value{Value: faults}
		st.Memory.MajorPageFaults = &runtimev1.UInt64Value{Value: majfaults}
	}
	r.mu.Lock()
	prev, ok := r.cpu[c.id]
	r.cpu[c.id] = cpuSample{at: now, usage: cpu}
	r.mu.Unlock()
	if ok && now > prev.at && cpu >= prev.usage {
		st.Cpu.UsageNanoCores = &runtimev1.UInt64Value{Value: uint64(float64(cpu-prev.usage) * 1e9 / float64(now-prev.at))}
	}
	return st
}

// ContainerStats returns the container's CPU and memory usage.
func (r *server) ContainerStats(ctx context.Context, req *runtimev1.ContainerStatsRequest) (*runtimev1.ContainerStatsResponse, error) {
	id := req.GetContainerId()
	snaps := r.snapshotStats(func(c *container) bool { return c.id == id })
	if len(snaps) == 0 {
		return nil, notFound("container", id)
	}
	var groups map[int]groupUsage
	return &runtimev1.ContainerStatsResponse{Stats: r.containerStats(snaps[0], &groups)}, nil
}

// ListContainerStats returns usage of the containers matching the filter.
func (r *server) ListContainerStats(ctx context.Context, req *runtimev1.ListContainerStatsRequest) (*runtimev1.ListContainerStatsResponse, error) {
	return &runtimev1.ListContainerStatsResponse{Stats: r.listContainerStats(req.GetFilter())}, nil
}

func (r *server) listContainerStats(f *runtimev1.ContainerStatsFilter) []*runtimev1.ContainerStats {
	snaps := r.snapshotStats(func(c *container) bool {
		return (f.GetId() == "" || f.GetId() == c.id) &&
			(f.GetPodSandboxId() == "" || f.GetPodSandboxId() == c.sandboxID) &&
			matchLabels(c.config.GetLabels(), f.GetLabelSelector())
	})
	var groups map[int]groupUsage
	out := make([]*runtimev1.ContainerStats, 0, len(snaps))
	for _, s := range snaps {
		out = append(out, r.containerStats(s, &groups))
	}
	return out
}

// StreamContainerStats sends the filtered stats in one message.
func (r *server) StreamContainerStats(req *runtimev1.StreamContainerStatsRequest, s grpc.ServerStreamingServer[runtimev1.StreamContainerStatsResponse]) error {
	return s.Send(&runtimev1.StreamContainerStatsResponse{ContainerStats: r.listContainerStats(req.GetFilter())})
}

// sandboxStats sums the sandbox's containers.
func (r *server) sandboxStats(sb *sandbox, groups *map[int]groupUsage) *runtimev1.PodSandboxStats {
	now := nowNano()
	snaps := r.snapshotStats(func(c *container) bool { return c.sandboxID == sb.id })
	linux := &runtimev1.LinuxPodSandboxStats{
		Cpu:     &runtimev1.CpuUsage{Timestamp: now, UsageCoreNanoSeconds: &runtimev1.UInt64Value{}},
		Memory:  &runtimev1.MemoryUsage{Timestamp: now, WorkingSetBytes: &runtimev1.UInt64Value{}},
		Process: &runtimev1.ProcessUsage{Timestamp: now, ProcessCount: &runtimev1.UInt64Value{}},
	}
	var nanoCores uint64
	haveNanoCores := false
	for _, s := range snaps {
		cs := r.containerStats(s, groups)
		linux.Containers = append(linux.Containers, cs)
		linux.Cpu.UsageCoreNanoSeconds.Value += cs.Cpu.UsageCoreNanoSeconds.GetValue()
		linux.Memory.WorkingSetBytes.Value += cs.Memory.WorkingSetBytes.GetValue()
		if cs.Cpu.UsageNanoCores != nil {
			nanoCores += cs.Cpu.UsageNanoCores.Value
			haveNanoCores = true
		}
		if s.running {
			if s.cgroup != "" {
				linux.Process.ProcessCount.Value += readCgroupUsage(s.cgroup).pids
			} else {
				if *groups == nil {
					*groups = procGroups()
				}
				linux.Process.ProcessCount.Value += (*groups)[s.pid].procs
			}
		}
	}
	if haveNanoCores {
		linux.Cpu.UsageNanoCores = &runtimev1.UInt64Value{Value: nanoCores}
	}
	r.mu.Lock()
	attrs := &runtimev1.PodSandboxAttributes{
		Id: sb.id, Metadata: sb.config.GetMetadata(),
		Labels: sb.config.GetLabels(), Annotations: sb.config.GetAnnotations(),
	}
	r.mu.Unlock()
	return &runtimev1.PodSandboxStats{Attributes: attrs, Linux: linux}
}

// PodSandboxStats returns the summed usage of the sandbox's containers.
// Network usage is not reported.
func (r *server) PodSandboxStats(ctx context.Context, req *runtimev1.PodSandboxStatsRequest) (*runtimev1.PodSandboxStatsResponse, error) {
	sb, err := r.getSandbox(req.GetPodSandboxId())
	if err != nil {
		return nil, err
	}
	var groups map[int]groupUsage
	return &runtimev1.PodSandboxStatsResponse{Stats: r.sandboxStats(sb, &groups)}, nil
}

// ListPodSandboxStats returns usage of the sandboxes matching the filter.
func (r *server) ListPodSandboxStats(ctx context.Context, req *runtimev1.ListPodSandboxStatsRequest) (*runtimev1.ListPodSandboxStatsResponse, error) {
	return &runtimev1.ListPodSandboxStatsResponse{Stats: r.listSandboxStats(req.GetFilter())}, nil
}

func (r *server) listSandboxStats(f *runtimev1.PodSandboxStatsFilter) []*runtimev1.PodSandboxStats {
	r.mu.Lock()
	var sbs []*sandbox
	for _, sb := range r.sandboxes {
		if (f.GetId() == "" || f.GetId() == sb.id) && matchLabels(sb.config.GetLabels(), f.GetLabelSelector()) {
			sbs = append(sbs, sb)
		}
	}
	r.mu.Unlock()
	var groups map[int]groupUsage
	out := make([]*runtimev1.PodSandboxStats, 0, len(sbs))
	for _, sb := range sbs {
		out = append(out, r.sandboxStats(sb, &groups))
	}
	return out
}

// StreamPodSandboxStats sends the filtered stats in one message.
func (r *server) StreamPodSandboxStats(req *runtimev1.StreamPodSandboxStatsRequest, s grpc.ServerStreamingServer[runtimev1.StreamPodSandboxStatsResponse]) error {
	return s.Send(&runtimev1.StreamPodSandboxStatsResponse{PodSandboxStats: r.listSandboxStats(req.GetFilter())})
}

// ListMetricDescriptors returns no descriptors: the process runtime exports
// no Prometheus-style pod metrics beyond the stats calls.
func (r *server) ListMetricDescriptors(ctx context.Context, req *runtimev1.ListMetricDescriptorsRequest) (*runtimev1.ListMetricDescriptorsResponse, error) {
	return &runtimev1.ListMetricDescriptorsResponse{}, nil
}

// ListPodSandboxMetrics returns no metrics; see ListMetricDescriptors.
func (r *server) ListPodSandboxMetrics(ctx context.Context, req *runtimev1.ListPodSandboxMetricsRequest) (*runtimev1.ListPodSandboxMetricsResponse, error) {
	return &runtimev1.ListPodSandboxMetricsResponse{}, nil
}

// StreamPodSandboxMetrics sends one empty message; see ListMetricDescriptors.
func (r *server) StreamPodSandboxMetrics(req *runtimev1.StreamPodSandboxMetricsRequest, s grpc.ServerStreamingServer[runtimev1.StreamPodSandboxMetricsResponse]) error {
	return s.Send(&runtimev1.StreamPodSandboxMetricsResponse{})
}
