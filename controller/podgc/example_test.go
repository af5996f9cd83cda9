package podgc_test

import (
	"context"
	"fmt"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/podgc"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store/memory"
)

// With a threshold of one terminated pod, the older of two finished pods
// is deleted.
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

	pods := client.For[*apiobj.Pod](c).Namespace("default")
	for _, name := range []string{"first", "second"} {
		p, err := pods.Create(ctx, &apiobj.Pod{ObjectMeta: apiobj.ObjectMeta{Name: name},
			Spec: apiobj.PodSpec{Containers: []apiobj.Container{{Name: "c", Image: "busybox"}}}})
		if err != nil {
			panic(err)
		}
		p.Status.Phase = apiobj.PodSucceeded
		if _, err := pods.UpdateStatus(ctx, p); err != nil {
			panic(err)
		}
	}

	gc, err := podgc.New(podgc.Config{Client: c, TerminatedPodThreshold: 1})
	if err != nil {
		panic(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- gc.Run(runCtx) }()
	for {
		_, err := pods.Get(ctx, "first")
		if errdefs.IsNotFound(err) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	_, err = pods.Get(ctx, "second")
	fmt.Println("first deleted; second kept:", err == nil)
	stop()
	fmt.Println("Run returned:", <-done)
	// Output:
	// first deleted; second kept: true
	// Run returned: <nil>
}
