package scheduler

import (
	"errors"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/orcaproj/orca/scheduler/framework"
)

// Metric result labels.
const (
	resultScheduled     = "scheduled"
	resultUnschedulable = "unschedulable"
	resultError         = "error"
)

// pluginMetricsSamplePercent is the share of scheduling cycles whose
// per-plugin durations are recorded, as in kube-scheduler. In Filter and
// Score, which run per node, a sampled cycle records one node in
// pluginMetricsNodeStride.
const (
	pluginMetricsSamplePercent = 10
	pluginMetricsNodeStride    = 16
)

// metrics are the scheduler's Prometheus collectors, with names and
// labels as kube-scheduler has them.
type metrics struct {
	attempts           *prometheus.CounterVec   // result, profile
	attemptDuration    *prometheus.HistogramVec // result, profile
	extensionPoint     *prometheus.HistogramVec // extension_point, status, profile
	pluginDuration     *prometheus.HistogramVec // plugin, extension_point, status
	pending            *prometheus.GaugeVec     // queue
	incoming           *prometheus.CounterVec   // queue, event
	podAttempts        prometheus.Histogram
	preemptionAttempts prometheus.Counter

	pendingActive, pendingBackoff, pendingUnsched, pendingGated prometheus.Gauge
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		attempts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "scheduler", Name: "schedule_attempts_total",
			Help: "Number of attempts to schedule pods, by the result.",
		}, []string{"result", "profile"}),
		attemptDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: "scheduler", Name: "scheduling_attempt_duration_seconds",
			Help:    "Scheduling attempt latency in seconds (scheduling algorithm + binding).",
			Buckets: prometheus.ExponentialBuckets(0.001, 2, 15),
		}, []string{"result", "profile"}),
		extensionPoint: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: "scheduler", Name: "framework_extension_point_duration_seconds",
			Help:    "Latency for running all plugins of a specific extension point.",
			Buckets: prometheus.ExponentialBuckets(0.0001, 2, 12),
		}, []string{"extension_point", "status", "profile"}),
		pluginDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: "scheduler", Name: "plugin_execution_duration_seconds",
			Help:    "Duration for running a plugin at a specific extension point (sampled).",
			Buckets: prometheus.ExponentialBuckets(0.00001, 1.5, 20),
		}, []string{"plugin", "extension_point", "status"}),
		pending: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Namespace: "scheduler", Name: "pending_pods",
			Help: "Number of pending pods, by the queue type: 'active', 'backoff', 'unschedulable' or 'gated'.",
		}, []string{"queue"}),
		incoming: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "scheduler", Name: "queue_incoming_pods_total",
			Help: "Number of pods added to scheduling queues by event and queue type.",
		}, []string{"queue", "event"}),
		podAttempts: prometheus.NewHistogram(prometheus.HistogramOpts{
			Namespace: "scheduler", Name: "pod_scheduling_attempts",
			Help:    "Number of attempts to successfully schedule a pod.",
			Buckets: prometheus.ExponentialBuckets(1, 2, 5),
		}),
		preemptionAttempts: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: "scheduler", Name: "preemption_attempts_total",
			Help: "Total preemption attempts in the cluster till now.",
		}),
	}
	m.pendingActive = m.pending.WithLabelValues(queueActive)
	m.pendingBackoff = m.pending.WithLabelValues(queueBackoff)
	m.pendingUnsched = m.pending.WithLabelValues(queueUnschedulable)
	m.pendingGated = m.pending.WithLabelValues(queueGated)
	if reg != nil {
		for _, c := range []prometheus.Collector{m.attempts, m.attemptDuration, m.extensionPoint,
			m.pluginDuration, m.pending, m.incoming, m.podAttempts, m.preemptionAttempts} {
			if err := reg.Register(c); err != nil {
				var are prometheus.AlreadyRegisteredError
				if errors.As(err, &are) {
					return nil, errors.New("scheduler metrics already registered on this registerer; give each scheduler its own")
				}
				return nil, err
			}
		}
	}
	return m, nil
}

func (m *metrics) setPending(active, backoff, unsched, gated int) {
	m.pendingActive.Set(float64(active))
	m.pendingBackoff.Set(float64(backoff))
	m.pendingUnsched.Set(float64(unsched))
	m.pendingGated.Set(float64(gated))
}

func (m *metrics) queueIncoming(queue string, ev framework.ClusterEvent) {
	m.incoming.WithLabelValues(queue, ev.Label()).Inc()
}

func (m *metrics) attempt(result, profile string, d time.Duration) {
	m.attempts.WithLabelValues(result, profile).Inc()
	m.attemptDuration.WithLabelValues(result, profile).Observe(d.Seconds())
}

func (m *metrics) extension(point string, s *framework.Status, profile string, start time.Time) {
	m.extensionPoint.WithLabelValues(point, s.Code().String(), profile).Observe(time.Since(start).Seconds())
}

func (m *metrics) plugin(plugin, point string, s *framework.Status, d time.Duration) {
	m.pluginDuration.WithLabelValues(plugin, point, s.Code().String()).Observe(d.Seconds())
}
