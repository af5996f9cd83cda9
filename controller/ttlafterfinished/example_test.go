package ttlafterfinished_test

import (
	"context"
	"fmt"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/ttlafterfinished"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store/memory"
)

// A Job that finished with a TTL of zero seconds is deleted at once.
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

	tc, err := ttlafterfinished.New(ttlafterfinished.Config{Client: c})
	if err != nil {
		panic(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- tc.Run(runCtx) }()

	jobs := client.For[*apiobj.Job](c).Namespace("default")
	j, err := jobs.Create(ctx, &apiobj.Job{ObjectMeta: apiobj.ObjectMeta{Name: "once"}, Spec: apiobj.JobSpec{
		TTLSecondsAfterFinished: apiobj.Int32(0), Suspend: apiobj.Bool(true),
		Template: apiobj.PodTemplateSpec{Spec: apiobj.PodSpec{RestartPolicy: apiobj.RestartPolicyNever,
			Containers: []apiobj.Container{{Name: "main", Image: "busybox"}}}},
	}})
	if err != nil {
		panic(err)
	}
	// Play the Job controller: mark it Complete.
	j.Status.Conditions = []apiobj.JobCondition{{Type: apiobj.JobComplete, Status: apiobj.ConditionTrue, LastTransitionTime: apiobj.Now()}}
	if _, err := jobs.UpdateStatus(ctx, j); err != nil {
		panic(err)
	}
	for {
		if _, err := jobs.Get(ctx, "once"); errdefs.IsNotFound(err) {
			break
		}
		if ctx.Err() != nil {
			panic("job never deleted")
		}
		time.Sleep(10 * time.Millisecond)
	}
	fmt.Println("finished job deleted")
	stop()
	fmt.Println("Run returned:", <-done)
	// Output:
	// finished job deleted
	// Run returned: <nil>
}
