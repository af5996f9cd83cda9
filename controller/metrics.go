package controller

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/orcaproj/orca/controller/internal/prom"
)

// The controllers' metrics, named as controller-runtime names them so that
// existing dashboards work; each has a "controller" label.
const (
	MetricReconcileTotal          = "controller_runtime_reconcile_total"
	MetricReconcileErrors         = "controller_runtime_reconcile_errors_total"
	MetricTerminalReconcileErrors = "controller_runtime_terminal_reconcile_errors_total"
	MetricReconcilePanics         = "controller_runtime_reconcile_panics_total"
	MetricReconcileTime           = "controller_runtime_reconcile_time_seconds"
	MetricMaxConcurrentReconciles = "controller_runtime_max_concurrent_reconciles"
	MetricActiveWorkers           = "controller_runtime_active_workers"
)

// reconcileMetrics are one controller's children of the shared vectors,
// resolved once so that a reconcile costs no label lookups.
type reconcileMetrics struct {
	resultSuccess, resultError, resultRequeue, resultRequeueAfter prometheus.Counter
	errors, terminal, panics                                      prometheus.Counter
	duration                                                      prometheus.Observer
	active                                                        prometheus.Gauge
}

func newReconcileMetrics(reg prometheus.Registerer, name string, workers int) *reconcileMetrics {
	total, _ := prom.Register(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: MetricReconcileTotal, Help: "Reconciles per controller and result (success, error, requeue, requeue_after).",
	}, []string{"controller", "result"}))
	errs, _ := prom.Register(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: MetricReconcileErrors, Help: "Reconcile errors per controller.",
	}, []string{"controller"}))
	terminal, _ := prom.Register(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: MetricTerminalReconcileErrors, Help: "Terminal reconcile errors per controller.",
	}, []string{"controller"}))
	panics, _ := prom.Register(reg, prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: MetricReconcilePanics, Help: "Reconcile panics per controller.",
	}, []string{"controller"}))
	duration, _ := prom.Register(reg, prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: MetricReconcileTime, Help: "Seconds per reconcile, per controller.",
		Buckets: []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0,
			1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60},
	}, []string{"controller"}))
	maxWorkers, _ := prom.Register(reg, prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: MetricMaxConcurrentReconciles, Help: "Workers per controller.",
	}, []string{"controller"}))
	active, _ := prom.Register(reg, prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: MetricActiveWorkers, Help: "Workers reconciling now, per controller.",
	}, []string{"controller"}))
	maxWorkers.WithLabelValues(name).Set(float64(workers))
	return &reconcileMetrics{
		resultSuccess:      total.WithLabelValues(name, "success"),
		resultError:        total.WithLabelValues(name, "error"),
		resultRequeue:      total.WithLabelValues(name, "requeue"),
		resultRequeueAfter: total.WithLabelValues(name, "requeue_after"),
		errors:             errs.WithLabelValues(name),
		terminal:           terminal.WithLabelValues(name),
		panics:             panics.WithLabelValues(name),
		duration:           duration.WithLabelValues(name),
		active:             active.WithLabelValues(name),
	}
}
