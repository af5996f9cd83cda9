package leaderelection_test

import (
	"context"
	"fmt"
	"time"

	"github.com/orcaproj/orca/controller/controllertest"
	"github.com/orcaproj/orca/controller/leaderelection"
)

func ExampleElector_Run() {
	ctx := context.Background()
	env, err := controllertest.New(ctx)
	if err != nil {
		panic(err)
	}
	defer env.Close()
	e, err := leaderelection.New(leaderelection.Config{
		Client: env.Client, Namespace: "default", Name: "my-controller", Identity: "replica-1",
		LeaseDuration: time.Second, RenewDeadline: 600 * time.Millisecond, RetryPeriod: 100 * time.Millisecond,
	})
	if err != nil {
		panic(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	err = e.Run(runCtx, func(ctx context.Context) error {
		fmt.Println("leading as", e.Identity())
		stop() // done: step down; Run releases the lease
		<-ctx.Done()
		return nil
	})
	fmt.Println("stepped down:", err)
	// Output:
	// leading as replica-1
	// stepped down: <nil>
}
