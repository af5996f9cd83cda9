package job_test

import (
	"context"
	"fmt"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/job"
	"github.com/orcaproj/orca/store/memory"
)

// A Job of one pod: the controller creates the pod, the test plays the
// kubelet and marks it Succeeded, and the Job completes.
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

	jc, err := job.New(job.Config{Client: c})
	if err != nil {
		panic(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- jc.Run(runCtx) }()

	jobs := client.For[*apiobj.Job](c).Namespace("default")
	_, err = jobs.Create(ctx, &apiobj.Job{ObjectMeta: apiobj.ObjectMeta{Name: "hello"}, Spec: apiobj.JobSpec{
		Template: apiobj.PodTemplateSpec{Spec: apiobj.PodSpec{RestartPolicy: apiobj.RestartPolicyNever,
			Containers: []apiobj.Container{{Name: "main", Image: "busybox"}}}},
	}})
	if err != nil {
		panic(err)
	}
	pods := client.For[*apiobj.Pod](c).Namespace("default")
	for {
		ps, _, err := pods.List(ctx, client.ListOptions{LabelSelector: apiobj.JobNameLabel + "=hello"})
		if err != nil {
			panic(err)
		}
		if len(ps) == 1 {
			ps[0].Status.Phase = apiobj.PodSucceeded
			if _, err := pods.UpdateStatus(ctx, ps[0]); err == nil {
				break
			}
		}
		if ctx.Err() != nil {
			panic("no pod")
		}
		time.Sleep(10 * time.Millisecond)
	}
	for {
		j, err := jobs.Get(ctx, "hello")
		if err != nil {
			panic(err)
		}
		if kind, ok := job.IsFinished(j); ok {
			fmt.Println(kind, "succeeded:", j.Status.Succeeded)
			break
		}
		if ctx.Err() != nil {
			panic("job never finished")
		}
		time.Sleep(10 * time.Millisecond)
	}
	stop()
	fmt.Println("Run returned:", <-done)
	// Output:
	// Complete succeeded: 1
	// Run returned: <nil>
}
