package clocktest_test

import (
	"fmt"
	"time"

	"github.com/orcaproj/orca/controller/clock/clocktest"
)

func ExampleFake() {
	c := clocktest.NewFake(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	fired := make(chan time.Time)
	c.AfterFunc(time.Minute, func() { fired <- c.Now() })
	c.Step(30 * time.Second)
	fmt.Println("pending after 30s:", c.Waiters())
	c.Step(30 * time.Second)
	fmt.Println("fired at", (<-fired).Format(time.TimeOnly))
	// Output:
	// pending after 30s: 1
	// fired at 00:01:00
}
