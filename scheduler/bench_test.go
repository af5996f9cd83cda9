package scheduler

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/resource"
	"github.com/orcaproj/orca/scheduler/framework"
)

// benchFit and benchLeastAllocated stand in for NodeResourcesFit: they
// show what the core costs around plugins of that weight. The default
// plugins' own benchmarks live with them.
type benchFit struct{}

const benchFitKey framework.StateKey = "PreFilterBenchFit"

type benchReq struct{ cpu, mem int64 }

func (r *benchReq) Clone() framework.StateData { return r }

var benchTooBig = framework.NewStatus(framework.Unschedulable, "Insufficient cpu")

func (benchFit) Name() string { return "BenchFit" }
func (benchFit) PreFilter(_ context.Context, s *framework.CycleState, pod *apiobj.Pod) (*framework.PreFilterResult, *framework.Status) {
	r := framework.PodRequests(pod, false)
	s.Write(benchFitKey, &benchReq{r.MilliCPU, r.Memory})
	return nil, nil
}
func (benchFit) PreFilterExtensions() framework.PreFilterExtensions { return nil }
func (benchFit) Filter(_ context.Context, s *framework.CycleState, _ *apiobj.Pod, n *framework.NodeInfo) *framework.Status {
	d, err := s.Read(benchFitKey)
	if err != nil {
		return framework.AsStatus(err)
	}
	r := d.(*benchReq)
	if len(n.Pods)+1 > n.Allocatable.AllowedPodNumber ||
		n.Requested.MilliCPU+r.cpu > n.Allocatable.MilliCPU || n.Requested.Memory+r.mem > n.Allocatable.Memory {
		return benchTooBig
	}
	return nil
}
func (benchFit) Score(_ context.Context, _ *framework.CycleState, _ *apiobj.Pod, n *framework.NodeInfo) (int64, *framework.Status) {
	c := (n.Allocatable.MilliCPU - n.NonZeroRequested.MilliCPU) * framework.MaxNodeScore / max(n.Allocatable.MilliCPU, 1)
	m := (n.Allocatable.Memory - n.NonZeroRequested.Memory) * framework.MaxNodeScore / max(n.Allocatable.Memory, 1)
	return max((c+m)/2, 0), nil
}
func (benchFit) ScoreExtensions() framework.ScoreExtensions { return nil }

// BenchmarkScheduleBasic5000Nodes runs a SchedulingBasic-shaped workload
// (5000 nodes, 1000 pods already placed, 10000 measured) through the
// direct adapter and reports pods/s.
func BenchmarkScheduleBasic5000Nodes(b *testing.B) {
	const nodes, placed, measured = 5000, 1000, 10000
	for b.Loop() {
		var bound atomic.Int64
		done := make(chan struct{})
		s, err := New(Config{
			Registry: framework.Registry{"BenchFit": framework.FactoryOf(benchFit{})},
			Profiles: []Profile{{Plugins: multi("BenchFit")}},
			Binder: framework.PodBinderFunc(func(context.Context, *apiobj.Pod, string) error {
				if bound.Add(1) == measured {
					close(done)
				}
				return nil
			}),
		})
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; i < nodes; i++ {
			n := makeNode(fmt.Sprintf("node-%d", i), "4", map[string]string{apiobj.LabelTopologyZone: fmt.Sprintf("z%d", i%3)})
			n.Status.Allocatable[apiobj.ResourceMemory] = resource.MustParse("32Gi")
			s.AddNode(n)
		}
		for i := 0; i < placed; i++ {
			p := makePod(fmt.Sprintf("placed-%d", i), "100m", 0)
			s.AddPod(assigned(p, fmt.Sprintf("node-%d", i%nodes)))
		}
		pods := make([]*apiobj.Pod, measured)
		for i := range pods {
			pods[i] = makePod(fmt.Sprintf("pod-%d", i), "100m", 0)
		}
		ctx, cancel := context.WithCancel(context.Background())
		errc := make(chan error, 1)
		go func() { errc <- s.Run(ctx) }()
		start := time.Now()
		for _, p := range pods {
			s.AddPod(p)
		}
		<-done
		elapsed := time.Since(start)
		cancel()
		<-errc
		b.ReportMetric(float64(measured)/elapsed.Seconds(), "pods/s")
	}
}
