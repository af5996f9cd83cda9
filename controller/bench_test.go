package controller_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller"
	"github.com/orcaproj/orca/controller/controllertest"
)

// BenchmarkReconcileThroughput measures how fast a controller with a no-op
// reconciler gets through 10,000 existing objects: from the manager's start
// (the informer lists them through the in-process API server) until every
// object has been reconciled once. objects/s counts that whole span;
// reconciles/s counts from the first reconcile to the last.
func BenchmarkReconcileThroughput(b *testing.B) {
	const objects = 10000
	env := controllertest.Start(b)
	ctx := context.Background()
	cms := client.For[*apiobj.ConfigMap](env.Client).Namespace("default")
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for w := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < objects; i += 16 {
				if _, err := cms.Create(ctx, cm(fmt.Sprintf("bench-%05d", i), nil)); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}

	for _, workers := range []int{1, 4} {
		b.Run(fmt.Sprint("workers=", workers), func(b *testing.B) {
			var total, reconciling time.Duration
			for i := 0; i < b.N; i++ {
				mgr, err := controller.NewManager(controller.ManagerConfig{Client: env.Client, Registry: prometheus.NewRegistry()})
				if err != nil {
					b.Fatal(err)
				}
				var n atomic.Int64
				var first atomic.Int64
				done := make(chan struct{})
				noop := controller.ReconcilerFunc(func(_ context.Context, r controller.Request) (controller.Result, error) {
					if strings.HasPrefix(r.Name, "bench-") {
						c := n.Add(1)
						if c == 1 {
							first.Store(time.Now().UnixNano())
						}
						if c == objects {
							close(done)
						}
					}
					return controller.Result{}, nil
				})
				err = controller.NewBuilder(mgr).For(controller.Kind[*apiobj.ConfigMap]()).
					WithOptions(controller.Options{MaxConcurrentReconciles: workers}).Complete(noop)
				if err != nil {
					b.Fatal(err)
				}
				runCtx, stop := context.WithCancel(ctx)
				res := make(chan error, 1)
				start := time.Now()
				go func() { res <- mgr.Run(runCtx) }()
				select {
				case <-done:
				case <-time.After(5 * time.Minute):
					b.Fatalf("reconciled %d of %d", n.Load(), objects)
				}
				end := time.Now()
				total += end.Sub(start)
				reconciling += end.Sub(time.Unix(0, first.Load()))
				stop()
				if err := <-res; err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(objects*b.N)/total.Seconds(), "objects/s")
			b.ReportMetric(float64(objects*b.N)/reconciling.Seconds(), "reconciles/s")
			b.ReportMetric(0, "ns/op")
		})
	}
}
