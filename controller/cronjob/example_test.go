package cronjob_test

import (
	"context"
	"fmt"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/clock/clocktest"
	"github.com/orcaproj/orca/controller/cronjob"
	"github.com/orcaproj/orca/store/memory"
)

// An hourly CronJob on a fake clock: once the clock reaches the next full
// hour, the controller creates that hour's Job.
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

	next := time.Now().UTC().Truncate(time.Hour).Add(time.Hour)
	clk := clocktest.NewFake(next.Add(-time.Minute))
	cc, err := cronjob.New(cronjob.Config{Client: c, Clock: clk, Location: time.UTC})
	if err != nil {
		panic(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- cc.Run(runCtx) }()

	_, err = client.For[*apiobj.CronJob](c).Namespace("default").Create(ctx, &apiobj.CronJob{
		ObjectMeta: apiobj.ObjectMeta{Name: "report"},
		Spec: apiobj.CronJobSpec{Schedule: "@hourly", JobTemplate: apiobj.JobTemplateSpec{Spec: apiobj.JobSpec{
			Template: apiobj.PodTemplateSpec{Spec: apiobj.PodSpec{RestartPolicy: apiobj.RestartPolicyOnFailure,
				Containers: []apiobj.Container{{Name: "main", Image: "busybox"}}}}}}},
	})
	if err != nil {
		panic(err)
	}
	for clk.Waiters() == 0 { // the controller waits for the next hour
		time.Sleep(10 * time.Millisecond)
	}
	clk.Step(time.Minute)
	jobs := client.For[*apiobj.Job](c).Namespace("default")
	want := fmt.Sprintf("report-%d", next.Unix()/60)
	for {
		if _, err := jobs.Get(ctx, want); err == nil {
			break
		}
		if ctx.Err() != nil {
			panic("no job")
		}
		time.Sleep(10 * time.Millisecond)
	}
	fmt.Println("created the job for the next hour, named <cronjob>-<minutes since epoch>")
	stop()
	fmt.Println("Run returned:", <-done)
	// Output:
	// created the job for the next hour, named <cronjob>-<minutes since epoch>
	// Run returned: <nil>
}
