package bench_test

import (
	"context"
	"testing"
	"time"

	"github.com/orcaproj/orca/scheduler/bench"
)

// benchmark runs the named workload once per iteration in each mode and
// reports the last run's throughput. A run is a whole scenario (up to
// minutes): use -benchtime=1x.
func benchmark(b *testing.B, name string) {
	w, ok := bench.WorkloadNamed(name)
	if !ok {
		b.Fatalf("no workload %s", name)
	}
	for _, mode := range bench.Modes {
		b.Run(string(mode), func(b *testing.B) {
			var res *bench.Result
			for range b.N {
				var err error
				res, err = bench.Run(context.Background(), w, mode, bench.Options{Logf: b.Logf})
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Violations) != 0 {
					b.Fatalf("%d invalid placements, e.g.:\n%v", len(res.Violations), res.Violations)
				}
			}
			b.ReportMetric(res.Average, "pods/s")
			b.ReportMetric(res.P50, "p50-pods/s")
			b.ReportMetric(res.P90, "p90-pods/s")
			b.ReportMetric(res.P99, "p99-pods/s")
		})
	}
}

func BenchmarkSchedulingBasic(b *testing.B)             { benchmark(b, "SchedulingBasic") }
func BenchmarkSchedulingPodAntiAffinity(b *testing.B)   { benchmark(b, "SchedulingPodAntiAffinity") }
func BenchmarkSchedulingTopologySpreading(b *testing.B) { benchmark(b, "TopologySpreading") }
func BenchmarkSchedulingPreferredTopologySpreading(b *testing.B) {
	benchmark(b, "PreferredTopologySpreading")
}
func BenchmarkSchedulingNodeAffinity(b *testing.B) { benchmark(b, "SchedulingNodeAffinity") }
func BenchmarkSchedulingPreemption(b *testing.B)   { benchmark(b, "PreemptionBasic") }

// TestWorkloadsSmall runs every workload at 1/20 scale in both modes, with
// a short sampling interval, and checks that every placement is valid.
func TestWorkloadsSmall(t *testing.T) {
	t.Parallel()
	for _, w := range bench.Workloads() {
		w := w.Scaled(20)
		for _, mode := range bench.Modes {
			t.Run(w.Name+"/"+string(mode), func(t *testing.T) {
				res, err := bench.Run(context.Background(), w, mode, bench.Options{
					SampleInterval: 20 * time.Millisecond, Timeout: 2 * time.Minute, Logf: t.Logf,
				})
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Violations) != 0 {
					t.Fatalf("invalid placements: %v", res.Violations)
				}
				if res.Scheduled != w.MeasuredPods || res.Average <= 0 || res.P50 <= 0 || res.P99 < 0 {
					t.Fatalf("bad result: %v", res)
				}
				t.Log(res)
			})
		}
	}
}
