package clock_test

import (
	"context"
	"fmt"
	"time"

	"github.com/orcaproj/orca/controller/clock"
)

func ExampleSleep() {
	c := clock.Real()
	start := c.Now()
	if clock.Sleep(context.Background(), c, time.Millisecond) {
		fmt.Println("slept at least 1ms:", c.Now().Sub(start) >= time.Millisecond)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	fmt.Println("cancelled sleep completes:", clock.Sleep(ctx, c, time.Hour))
	// Output:
	// slept at least 1ms: true
	// cancelled sleep completes: false
}
