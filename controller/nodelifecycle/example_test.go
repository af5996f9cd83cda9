package nodelifecycle_test

import (
	"context"
	"fmt"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/clock/clocktest"
	"github.com/orcaproj/orca/controller/nodelifecycle"
	"github.com/orcaproj/orca/store/memory"
)

// A node whose agent never reports is marked Unknown and tainted
// unreachable once the grace period has passed on the (fake) clock.
func Example() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	st := memory.New(memory.Config{})
	defer st.Close()
	srv, err := apiserver.New(apiserver.Config{Store: st})
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	if err := srv.Bootstrap(ctx); err != nil {
		panic(err)
	}
	c := client.NewInProcess(srv, &auth.User{Name: "admin", Groups: []string{auth.GroupMasters}}, apiobj.NewScheme())
	nodes := client.For[*apiobj.Node](c)
	if _, err := nodes.Create(ctx, &apiobj.Node{ObjectMeta: apiobj.ObjectMeta{Name: "worker-1"}}); err != nil {
		panic(err)
	}

	clk := clocktest.NewFake(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
	nc, err := nodelifecycle.New(nodelifecycle.Config{Client: c, Clock: clk})
	if err != nil {
		panic(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- nc.Run(runCtx) }()

	for {
		n, err := nodes.Get(ctx, "worker-1")
		if err != nil {
			panic(err)
		}
		if len(n.Spec.Taints) == 2 {
			for _, t := range n.Spec.Taints {
				fmt.Println(t.Key, t.Effect)
			}
			break
		}
		if clk.Waiters() > 0 {
			clk.Step(nodelifecycle.DefaultMonitorPeriod) // let the monitor run again
		}
		time.Sleep(10 * time.Millisecond)
	}
	stop()
	fmt.Println("Run returned:", <-done)
	// Output:
	// node.kubernetes.io/unreachable NoSchedule
	// node.kubernetes.io/unreachable NoExecute
	// Run returned: <nil>
}
