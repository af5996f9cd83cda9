package prom_test

import (
	"fmt"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/orcaproj/orca/controller/internal/prom"
)

func ExampleRegister() {
	reg := prometheus.NewRegistry()
	newVec := func() *prometheus.CounterVec {
		return prometheus.NewCounterVec(prometheus.CounterOpts{Name: "things_total", Help: "Things."}, []string{"name"})
	}
	a, _ := prom.Register(reg, newVec())
	b, _ := prom.Register(reg, newVec()) // an equal collector: the first is returned
	a.WithLabelValues("x").Inc()
	b.WithLabelValues("x").Inc()
	fmt.Println(a == b)
	// Output: true
}
