// Package bench measures the scheduler the way kube-scheduler's
// scheduler_perf measures SchedulingThroughput, on the same workloads, and
// checks that every placement it made is valid.
//
// A run (Run) builds a cluster of a Workload's nodes, schedules its init
// pods and waits for them, then submits the measured pods while a sampler
// counts the placed ones every second (Options.SampleInterval). As in
// scheduler_perf, sampling starts with the first placed pod, the first
// sample is dropped, and an interval without progress is folded into the
// next; Result reports the Average, P50, P90 and P99 of the samples in
// pods/s. Afterwards Validate re-checks the final placement against every
// pod's constraints with code of its own (not the plugins'): node
// selector and affinity, taints, required pod (anti-)affinity, hard
// topology spread skew, and node capacity.
//
// There are two modes. Direct feeds the scheduler's methods and records
// placements in its Binder, with no API server. APIServer runs
// scheduler.ForCluster against an in-process API server over the memory
// store: nodes and pods are created through a client, and placements are
// observed through an informer, which also reports a pod whose
// spec.nodeName changes once set.
//
// Workloads returns scheduler_perf's performance-scale workloads
// (SchedulingBasic, SchedulingPodAntiAffinity, TopologySpreading,
// PreferredTopologySpreading, SchedulingNodeAffinity, PreemptionBasic);
// Workload.Scaled shrinks them for quick runs. The benchmarks
// BenchmarkScheduling<Workload>/<mode> run each scenario once per
// iteration and report pods/s (the average) plus p50, p90 and p99; run
// them with -benchtime=1x:
//
//	go test -run '^$' -bench BenchmarkScheduling -benchtime=1x -timeout 60m ./scheduler/bench/
//
// The package's tests run every workload at 1/20 scale in both modes, and
// the scheduler's correctness scenarios over the API server: crash safety
// with racing, restarted schedulers; nominated preemptors keeping their
// room; and gang scheduling.
package bench
