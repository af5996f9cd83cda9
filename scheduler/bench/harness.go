package bench

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins"
)

// Mode says how the scheduler is fed and binds.
type Mode string

const (
	// Direct feeds nodes and pods to the scheduler's methods and records
	// placements in its Binder: no API server, no network.
	Direct Mode = "direct"
	// APIServer runs the scheduler with scheduler.ForCluster against an
	// in-process API server over the memory store. Nodes and pods are
	// created through a client; placements are observed through an
	// informer.
	APIServer Mode = "apiserver"
)

// Modes lists both modes.
var Modes = []Mode{Direct, APIServer}

// Options tune Run. Zero values are the defaults.
type Options struct {
	// SampleInterval is the throughput sampling period; 0 means 1 s, as in
	// scheduler_perf.
	SampleInterval time.Duration
	// Timeout bounds the whole scenario; 0 means 20 minutes.
	Timeout time.Duration
	// CreateWorkers is how many goroutines create objects through the API
	// in APIServer mode; 0 means 4.
	CreateWorkers int
	// StallTimeout ends a run in which no pod was placed for that long,
	// with a diagnosis of the pending pods; 0 means 2 minutes.
	StallTimeout time.Duration
	// Logf, if set, receives progress lines.
	Logf func(format string, args ...any)
}

func (o *Options) withDefaults() Options {
	out := *o
	if out.SampleInterval <= 0 {
		out.SampleInterval = time.Second
	}
	if out.Timeout <= 0 {
		out.Timeout = 20 * time.Minute
	}
	if out.CreateWorkers <= 0 {
		out.CreateWorkers = 4
	}
	if out.StallTimeout <= 0 {
		out.StallTimeout = 2 * time.Minute
	}
	if out.Logf == nil {
		out.Logf = func(string, ...any) {}
	}
	return out
}

// Result is the outcome of one run, in scheduler_perf's
// SchedulingThroughput terms.
type Result struct {
	Workload string
	Mode     Mode
	// Nodes, InitPods and MeasuredPods are the workload's counts.
	Nodes, InitPods, MeasuredPods int
	// Scheduled is how many measured pods were placed.
	Scheduled int
	// Elapsed runs from the first measured pod's submission to the last
	// one's placement.
	Elapsed time.Duration
	// Samples are the pods/s of each sampling interval after the first
	// (which is dropped). An interval in which no pod was placed is folded
	// into the next, whose rate is then counted once per interval, as
	// scheduler_perf does.
	Samples []float64
	// Average, P50, P90 and P99 summarize Samples. A run too short for two
	// samples reports its overall rate (Scheduled / Elapsed) in all four.
	Average, P50, P90, P99 float64
	// Violations are the broken constraints Validate found in the final
	// placement (and pods bound twice); a valid run has none.
	Violations []string
}

func (r *Result) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s/%s: %d nodes, %d init pods, %d/%d measured pods in %v: avg %.0f pods/s, p50 %.0f, p90 %.0f, p99 %.0f (%d samples)",
		r.Workload, r.Mode, r.Nodes, r.InitPods, r.Scheduled, r.MeasuredPods, r.Elapsed.Round(time.Millisecond),
		r.Average, r.P50, r.P90, r.P99, len(r.Samples))
	if len(r.Violations) != 0 {
		fmt.Fprintf(&b, "; %d violations, first: %s", len(r.Violations), r.Violations[0])
	}
	return b.String()
}

// Run runs one workload in one mode: it builds the cluster, schedules the
// init pods and waits for them, then submits the measured pods while
// sampling how many are placed, and finally validates the placement. It
// returns an error when the scenario could not be set up or did not
// finish in time; broken constraints are reported in Result.Violations.
func Run(ctx context.Context, w Workload, mode Mode, opts Options) (*Result, error) {
	o := opts.withDefaults()
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	var h harness
	switch mode {
	case Direct:
		h = &directHarness{}
	case APIServer:
		h = &apiHarness{workers: o.CreateWorkers}
	default:
		return nil, fmt.Errorf("bench: unknown mode %q", mode)
	}
	defer h.close()
	res := &Result{Workload: w.Name, Mode: mode, Nodes: w.Nodes, InitPods: w.InitPods, MeasuredPods: w.MeasuredPods}

	if err := h.setup(ctx, w); err != nil {
		return nil, fmt.Errorf("bench: %s/%s setup: %w", w.Name, mode, err)
	}
	o.Logf("%s/%s: %d nodes ready", w.Name, mode, w.Nodes)
	if err := h.submit(ctx, pods(w.InitPod, InitNamespace, "init", w.InitPods)); err != nil {
		return nil, fmt.Errorf("bench: %s/%s init pods: %w", w.Name, mode, err)
	}
	if err := waitCount(ctx, func() int { return h.bound(InitNamespace) }, w.InitPods, o.StallTimeout); err != nil {
		return nil, fmt.Errorf("bench: %s/%s: %d/%d init pods placed: %w\n%s", w.Name, mode, h.bound(InitNamespace), w.InitPods, err, h.diagnose(ctx, InitNamespace))
	}
	o.Logf("%s/%s: %d init pods placed", w.Name, mode, w.InitPods)

	measured := pods(w.MeasuredPod, MeasureNamespace, "pod", w.MeasuredPods)
	count := func() int { return h.bound(MeasureNamespace) }
	samplesDone := make(chan []float64, 1)
	stop := make(chan struct{})
	go func() { samplesDone <- sample(o.SampleInterval, count, stop) }()
	start := time.Now()
	submitCtx, cancelSubmit := context.WithCancel(ctx)
	defer cancelSubmit()
	submitErr := make(chan error, 1)
	go func() {
		err := h.submit(submitCtx, measured)
		if err != nil {
			cancelSubmit() // stops the wait below
		}
		submitErr <- err
	}()
	waitErr := waitCount(submitCtx, count, w.MeasuredPods, o.StallTimeout)
	res.Elapsed = time.Since(start)
	close(stop)
	res.Samples = <-samplesDone
	res.Scheduled = count()
	cancelSubmit()
	if err := <-submitErr; err != nil && !errors.Is(err, context.Canceled) {
		waitErr = fmt.Errorf("submitting pods: %w", err)
	}
	if waitErr != nil {
		diag := h.diagnose(context.Background(), MeasureNamespace)
		h.stop()
		return res, fmt.Errorf("bench: %s/%s: %d/%d measured pods placed: %w\n%s", w.Name, mode, res.Scheduled, w.MeasuredPods, waitErr, diag)
	}
	h.stop()
	res.summarize()
	nodes, placed, nsLabels, extra := h.final(ctx)
	res.Violations = append(extra, Validate(nodes, placed, nsLabels)...)
	o.Logf("%s\nsamples: %.0f\n%s", res, res.Samples, schedulerState(h.registry()))
	return res, nil
}

// harness is one mode's cluster.
type harness interface {
	setup(ctx context.Context, w Workload) error
	// submit hands pods to the scheduler (directly or by creating them).
	submit(ctx context.Context, pods []*apiobj.Pod) error
	// bound counts the placed pods of a namespace.
	bound(ns string) int
	// stop stops the scheduler.
	stop()
	// final returns the nodes and pods of the end state, namespace labels
	// and violations the mode detected itself (pods bound twice).
	final(ctx context.Context) ([]*apiobj.Node, []*apiobj.Pod, map[string]map[string]string, []string)
	// registry holds the scheduler's metrics.
	registry() *prometheus.Registry
	// diagnose describes why pods of ns are not placed.
	diagnose(ctx context.Context, ns string) string
	close()
}

// errStalled ends a run in which nothing was placed for a while.
var errStalled = errors.New("no pod placed for too long")

// schedulerState reads the scheduler's queue and attempt metrics.
func schedulerState(reg *prometheus.Registry) string {
	mfs, err := reg.Gather()
	if err != nil {
		return "metrics: " + err.Error()
	}
	var b strings.Builder
	for _, mf := range mfs {
		switch mf.GetName() {
		case "scheduler_pending_pods", "scheduler_schedule_attempts_total":
		default:
			continue
		}
		for _, m := range mf.GetMetric() {
			var labels []string
			for _, l := range m.GetLabel() {
				labels = append(labels, l.GetName()+"="+l.GetValue())
			}
			v := m.GetGauge().GetValue() + m.GetCounter().GetValue()
			fmt.Fprintf(&b, "%s{%s} %v\n", mf.GetName(), strings.Join(labels, ","), v)
		}
	}
	return b.String()
}

func pods(build func(int) *apiobj.Pod, ns, prefix string, n int) []*apiobj.Pod {
	out := make([]*apiobj.Pod, n)
	for i := range out {
		p := build(i)
		p.Namespace, p.Name = ns, fmt.Sprintf("%s-%d", prefix, i)
		out[i] = p
	}
	return out
}

// pollInterval is how often waits in this package re-check a condition.
const pollInterval = 2 * time.Millisecond

// waitCount polls count until it reaches want, ctx is done, or it has
// not changed for stall.
func waitCount(ctx context.Context, count func() int, want int, stall time.Duration) error {
	t := time.NewTicker(pollInterval)
	defer t.Stop()
	last, lastChange := -1, time.Now()
	for {
		n := count()
		if n >= want {
			return nil
		}
		if n != last {
			last, lastChange = n, time.Now()
		} else if time.Since(lastChange) > stall {
			return errStalled
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// sample records pods/s every interval until stop is closed, as
// scheduler_perf's throughput collector does: nothing until the first
// pod is placed; the first sample is dropped; an interval without progress
// is folded into the next one.
func sample(interval time.Duration, count func() int, stop <-chan struct{}) []float64 {
	t := time.NewTicker(interval)
	defer t.Stop()
	var out []float64
	started := false
	last, skipped := 0, 0
	var lastAt time.Time
	for {
		select {
		case <-stop:
			return out
		case now := <-t.C:
			n := count()
			switch {
			case n == 0:
			case !started:
				started, last, lastAt = true, n, now
			case n == last:
				skipped++
			default:
				rate := float64(n-last) / now.Sub(lastAt).Seconds()
				for range skipped + 1 {
					out = append(out, rate)
				}
				last, lastAt, skipped = n, now, 0
			}
		}
	}
}

func (r *Result) summarize() {
	if len(r.Samples) == 0 {
		if r.Elapsed > 0 {
			rate := float64(r.Scheduled) / r.Elapsed.Seconds()
			r.Average, r.P50, r.P90, r.P99 = rate, rate, rate, rate
		}
		return
	}
	s := slices.Clone(r.Samples)
	slices.Sort(s)
	var sum float64
	for _, v := range s {
		sum += v
	}
	r.Average = sum / float64(len(s))
	pct := func(p int) float64 { return s[int(math.Ceil(float64(len(s)*p)/100))-1] }
	r.P50, r.P90, r.P99 = pct(50), pct(90), pct(99)
}

// ---- direct ----

// directHarness feeds a scheduler directly; its Binder records
// placements and its Evictor deletes victims at once.
type directHarness struct {
	s       *scheduler.Scheduler
	metrics *prometheus.Registry
	nodes   []*apiobj.Node
	cancel  context.CancelFunc
	done    chan error

	mu     sync.Mutex
	placed map[string]*apiobj.Pod // namespace/name -> bound pod
	twice  []string
	counts map[string]*atomic.Int64
}

func (h *directHarness) setup(ctx context.Context, w Workload) error {
	h.placed = map[string]*apiobj.Pod{}
	h.counts = map[string]*atomic.Int64{InitNamespace: {}, MeasureNamespace: {}}
	h.metrics = prometheus.NewRegistry()
	s, err := scheduler.New(scheduler.Config{
		Registry:          plugins.NewInTreeRegistry(),
		DefaultPlugins:    plugins.DefaultPlugins(),
		Binder:            framework.PodBinderFunc(h.bind),
		Evictor:           framework.PodEvictorFunc(h.evict),
		MetricsRegisterer: h.metrics,
	})
	if err != nil {
		return err
	}
	h.s = s
	for i := range w.Nodes {
		n := w.Node(i)
		h.nodes = append(h.nodes, n)
		s.AddNode(n)
	}
	rctx, cancel := context.WithCancel(context.Background())
	h.cancel, h.done = cancel, make(chan error, 1)
	go func() { h.done <- s.Run(rctx) }()
	return nil
}

func (h *directHarness) bind(_ context.Context, pod *apiobj.Pod, node string) error {
	key := pod.Namespace + "/" + pod.Name
	h.mu.Lock()
	defer h.mu.Unlock()
	if old, ok := h.placed[key]; ok {
		h.twice = append(h.twice, fmt.Sprintf("pod %s bound twice: %s, then %s", key, old.Spec.NodeName, node))
		return nil
	}
	b := *pod
	b.Spec.NodeName = node
	h.placed[key] = &b
	if c := h.counts[pod.Namespace]; c != nil {
		c.Add(1)
	}
	return nil
}

func (h *directHarness) evict(_ context.Context, victim, _ *apiobj.Pod) error {
	key := victim.Namespace + "/" + victim.Name
	h.mu.Lock()
	if _, ok := h.placed[key]; ok {
		delete(h.placed, key)
		if c := h.counts[victim.Namespace]; c != nil {
			c.Add(-1)
		}
	}
	h.mu.Unlock()
	h.s.DeletePod(victim)
	return nil
}

func (h *directHarness) submit(_ context.Context, pods []*apiobj.Pod) error {
	for i, p := range pods {
		p.UID = apiobj.UID(fmt.Sprintf("%s-%s-%d", p.Namespace, p.Name, i))
		h.s.AddPod(p)
	}
	return nil
}

func (h *directHarness) bound(ns string) int { return int(h.counts[ns].Load()) }

func (h *directHarness) stop() {
	if h.cancel != nil {
		h.cancel()
		<-h.done
		h.cancel = nil
	}
}

func (h *directHarness) final(context.Context) ([]*apiobj.Node, []*apiobj.Pod, map[string]map[string]string, []string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]*apiobj.Pod, 0, len(h.placed))
	for _, p := range h.placed {
		out = append(out, p)
	}
	return h.nodes, out, nil, slices.Clone(h.twice)
}

func (h *directHarness) registry() *prometheus.Registry { return h.metrics }

func (h *directHarness) diagnose(_ context.Context, ns string) string {
	return fmt.Sprintf("%d pods of %s placed\n%s", h.bound(ns), ns, schedulerState(h.metrics))
}

func (h *directHarness) close() { h.stop() }
