package process

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"
)

// BenchmarkProcessPodStartup measures one pod's start: RunPodSandbox,
// CreateContainer and StartContainer, until the container's process runs
// (StartContainer returns once the exec has succeeded). It reports the p50
// and p99 latency in milliseconds. Pods are removed outside the timer.
func BenchmarkProcessPodStartup(b *testing.B) {
	r := newTestRuntime(b)
	ctx := context.Background()
	var lat []time.Duration
	var ids []string
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		sbCfg := sandboxConfig(b, fmt.Sprintf("bench-%d", i))
		sb, err := r.RunPodSandbox(ctx, &runtimev1.RunPodSandboxRequest{Config: sbCfg})
		if err != nil {
			b.Fatal(err)
		}
		c, err := r.CreateContainer(ctx, &runtimev1.CreateContainerRequest{
			PodSandboxId: sb.PodSandboxId, Config: containerConfig("app", "sleep", "1000"), SandboxConfig: sbCfg,
		})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := r.StartContainer(ctx, &runtimev1.StartContainerRequest{ContainerId: c.ContainerId}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
		ids = append(ids, sb.PodSandboxId)
		if len(ids) >= 100 {
			b.StopTimer()
			for _, id := range ids {
				r.RemovePodSandbox(ctx, &runtimev1.RemovePodSandboxRequest{PodSandboxId: id})
			}
			ids = ids[:0]
			b.StartTimer()
		}
	}
	b.StopTimer()
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}
