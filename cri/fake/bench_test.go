package fake_test

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/cri"
	"github.com/orcaproj/orca/cri/fake"
)

// BenchmarkFake1000Nodes simulates 1,000 nodes with 30 pods each: per pod a
// sandbox and one container, created and started through cri.Runtime the
// way the kubelet does it, with the kubelet's labels and annotations. The
// nodes are driven in parallel by GOMAXPROCS workers. It reports
// containers/s (sandbox, create and start) and the live heap per container
// (its sandbox included) once all 30,000 exist.
func BenchmarkFake1000Nodes(b *testing.B) {
	const nodes, perNode = 1000, 30
	b.ReportAllocs()
	var heapPer float64
	for range b.N {
		b.StopTimer()
		var before runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		b.StartTimer()

		rts := make([]cri.Runtime, nodes)
		var next atomic.Int64
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				ctx := context.Background()
				for {
					n := int(next.Add(1)) - 1
					if n >= nodes {
						return
					}
					rts[n] = startNode(b, ctx, n, perNode)
				}
			})
		}
		wg.Wait()

		b.StopTimer()
		var after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&after)
		heapPer = (float64(after.HeapAlloc) - float64(before.HeapAlloc)) / (nodes * perNode)
		runtime.KeepAlive(rts)
		rts = nil
		b.StartTimer()
	}
	b.ReportMetric(float64(b.N*nodes*perNode)/b.Elapsed().Seconds(), "containers/s")
	b.ReportMetric(heapPer, "heapB/container")
}

func startNode(b *testing.B, ctx context.Context, n, pods int) cri.Runtime {
	f, err := fake.New(fake.Config{
		PodCIDR: fmt.Sprintf("10.%d.%d.0/24", 64+n/256, n%256),
		NodeIP:  fmt.Sprintf("192.168.%d.%d", n/256, n%256),
		Images:  []string{"registry.k8s.io/pause:3.10"},
	})
	if err != nil {
		b.Fatal(err)
	}
	rt := f.Client()
	const image = "docker.io/library/nginx:1.27"
	pulled, err := rt.PullImage(ctx, &runtimev1.PullImageRequest{Image: &runtimev1.ImageSpec{Image: image}})
	if err != nil {
		b.Fatal(err)
	}
	for p := range pods {
		name := fmt.Sprintf("web-%d-%d", n, p)
		uid := fmt.Sprintf("00000000-0000-0000-%04x-%012x", n, p)
		labels := map[string]string{
			cri.LabelPodName:      name,
			cri.LabelPodNamespace: "default",
			cri.LabelPodUID:       uid,
			"app":                 "web",
		}
		sbCfg := &runtimev1.PodSandboxConfig{
			Metadata:    &runtimev1.PodSandboxMetadata{Name: name, Namespace: "default", Uid: uid},
			Hostname:    name,
			Labels:      labels,
			Annotations: map[string]string{"kubernetes.io/config.source": "api", fake.AnnotationCPUNanoCores: "10m", fake.AnnotationMemoryBytes: "32Mi"},
		}
		sb, err := rt.RunPodSandbox(ctx, &runtimev1.RunPodSandboxRequest{Config: sbCfg})
		if err != nil {
			b.Fatal(err)
		}
		c, err := rt.CreateContainer(ctx, &runtimev1.CreateContainerRequest{
			PodSandboxId:  sb.PodSandboxId,
			SandboxConfig: sbCfg,
			Config: &runtimev1.ContainerConfig{
				Metadata: &runtimev1.ContainerMetadata{Name: "nginx"},
				Image:    &runtimev1.ImageSpec{Image: pulled.ImageRef, UserSpecifiedImage: image},
				Labels: map[string]string{
					cri.LabelContainerName: "nginx",
					cri.LabelPodName:       name,
					cri.LabelPodNamespace:  "default",
					cri.LabelPodUID:        uid,
				},
				Annotations: map[string]string{
					cri.AnnotationContainerHash:             "5e1c4b6a",
					cri.AnnotationRestartCount:              "0",
					cri.AnnotationTerminationMessagePath:    "/dev/termination-log",
					cri.AnnotationTerminationMessagePolicy:  "File",
					cri.AnnotationPodTerminationGracePeriod: "30",
				},
				LogPath: "nginx/0.log",
			},
		})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := rt.StartContainer(ctx, &runtimev1.StartContainerRequest{ContainerId: c.ContainerId}); err != nil {
			b.Fatal(err)
		}
	}
	return rt
}
