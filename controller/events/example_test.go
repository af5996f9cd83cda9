package events_test

import (
	"context"
	"fmt"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/controllertest"
	"github.com/orcaproj/orca/controller/events"
)

func Example() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	env, err := controllertest.New(ctx)
	if err != nil {
		panic(err)
	}
	defer env.Close()
	b, err := events.NewBroadcaster(events.Config{Client: env.Client})
	if err != nil {
		panic(err)
	}
	go func() { _ = b.Run(ctx) }()
	rec := b.Recorder("website-controller")

	pod := &apiobj.Pod{ObjectMeta: apiobj.ObjectMeta{Name: "web-0", Namespace: "default", UID: "1234"}}
	for range 3 {
		rec.Event(pod, apiobj.EventTypeWarning, "BackOff", "Back-off restarting failed container")
	}
	evs := client.For[*apiobj.Event](env.Client).Namespace("default")
	for ctx.Err() == nil {
		list, _, _ := evs.List(ctx, client.ListOptions{})
		if len(list) == 1 && list[0].Count == 3 {
			fmt.Println(list[0].Reason, list[0].InvolvedObject.Name, "count", list[0].Count)
			break
		}
		time.Sleep(5 * time.Millisecond) // polling a condition with a deadline (ctx)
	}
	// Output: BackOff web-0 count 3
}
