package workqueue

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/orcaproj/orca/controller/internal/prom"
)

// The queue's metrics, named as Kubernetes names them, each with a "name"
// label.
const (
	MetricDepth          = "workqueue_depth"
	MetricAdds           = "workqueue_adds_total"
	MetricQueueDuration  = "workqueue_queue_duration_seconds"
	MetricWorkDuration   = "workqueue_work_duration_seconds"
	MetricRetries        = "workqueue_retries_total"
	MetricUnfinishedWork = "workqueue_unfinished_work_seconds"
	MetricLongestRunning = "workqueue_longest_running_processor_seconds"
)

// durationBuckets run from 10 ns to 1000 s.
var durationBuckets = prometheus.ExponentialBuckets(10e-9, 10, 12)

// metrics hold one queue's histogram children, and its collector of the
// values that the queue counts under its own lock (depth, adds, retries)
// or that are computed at scrape time (unfinished work). Keeping counters
// inside the queue costs nothing on the hot path; only the two histograms
// are observed per item.
type metrics struct {
	latency   prometheus.Observer
	work      prometheus.Observer
	reg       prometheus.Registerer
	collector *queueCollector // nil when a queue of the same name holds the registration
}

// snapshot is what the collector reads from its queue at scrape time.
type snapshot struct {
	depth               int
	adds, retries       uint64
	unfinished, longest float64
}

func newMetrics(reg prometheus.Registerer, name string, read func() snapshot) *metrics {
	latency, _ := prom.Register(reg, prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: MetricQueueDuration, Help: "Seconds an item waits in the workqueue before it is requested.",
		Buckets: durationBuckets,
	}, []string{"name"}))
	work, _ := prom.Register(reg, prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: MetricWorkDuration, Help: "Seconds processing an item from the workqueue takes.",
		Buckets: durationBuckets,
	}, []string{"name"}))
	m := &metrics{latency: latency.WithLabelValues(name), work: work.WithLabelValues(name), reg: reg}
	c := newQueueCollector(name, read)
	if reg.Register(c) == nil {
		m.collector = c
	}
	return m
}

func (m *metrics) unregister() {
	if m.collector != nil {
		m.reg.Unregister(m.collector)
	}
}

// queueCollector reports one queue's gauges and counters.
type queueCollector struct {
	read                                      func() snapshot
	depth, adds, retries, unfinished, longest *prometheus.Desc
}

func newQueueCollector(name string, read func() snapshot) *queueCollector {
	l := prometheus.Labels{"name": name}
	return &queueCollector{
		read:    read,
		depth:   prometheus.NewDesc(MetricDepth, "Current depth of the workqueue.", nil, l),
		adds:    prometheus.NewDesc(MetricAdds, "Adds handled by the workqueue.", nil, l),
		retries: prometheus.NewDesc(MetricRetries, "Retries (rate-limited adds) handled by the workqueue.", nil, l),
		unfinished: prometheus.NewDesc(MetricUnfinishedWork,
			"Seconds of work done on items in progress, not yet observed by work duration; large values suggest stuck workers.", nil, l),
		longest: prometheus.NewDesc(MetricLongestRunning,
			"Seconds the longest running item of the workqueue has been processing.", nil, l),
	}
}

func (c *queueCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.depth, c.adds, c.retries, c.unfinished, c.longest} {
		ch <- d
	}
}

func (c *queueCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.read()
	ch <- prometheus.MustNewConstMetric(c.depth, prometheus.GaugeValue, float64(s.depth))
	ch <- prometheus.MustNewConstMetric(c.adds, prometheus.CounterValue, float64(s.adds))
	ch <- prometheus.MustNewConstMetric(c.retries, prometheus.CounterValue, float64(s.retries))
	ch <- prometheus.MustNewConstMetric(c.unfinished, prometheus.GaugeValue, s.unfinished)
	ch <- prometheus.MustNewConstMetric(c.longest, prometheus.GaugeValue, s.longest)
}
