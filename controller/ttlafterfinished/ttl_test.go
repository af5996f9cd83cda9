package ttlafterfinished

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/clock/clocktest"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store/memory"
)

const testTimeout = 30 * time.Second

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(testTimeout)
	for !cond() {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("timed out waiting for %s\n%s", what, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(5 * time.Millisecond) // polling a condition with a deadline
	}
}

func TestDeletesAfterTTL(t *testing.T) {
	t.Parallel()
	st := memory.New(memory.Config{})
	t.Cleanup(func() { _ = st.Close() })
	srv, err := apiserver.New(apiserver.Config{Store: st})
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 2*testTimeout)
	defer cancel()
	require.NoError(t, srv.Bootstrap(ctx))
	t.Cleanup(srv.Close)
	c := client.NewInProcess(srv, &auth.User{Name: "admin", Groups: []string{auth.GroupMasters}}, apiobj.NewScheme())
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clk := clocktest.NewFake(start)

	jobs := client.For[*apiobj.Job](c).Namespace("default")
	mk := func(name string, ttl *int32, finished bool) {
		j, err := jobs.Create(ctx, &apiobj.Job{ObjectMeta: apiobj.ObjectMeta{Name: name}, Spec: apiobj.JobSpec{
			TTLSecondsAfterFinished: ttl, Suspend: apiobj.Bool(true),
			Template: apiobj.PodTemplateSpec{Spec: apiobj.PodSpec{RestartPolicy: apiobj.RestartPolicyNever,
				Containers: []apiobj.Container{{Name: "main", Image: "busybox"}}}},
		}})
		require.NoError(t, err)
		if finished {
			j.Status.Conditions = []apiobj.JobCondition{{Type: apiobj.JobComplete, Status: apiobj.ConditionTrue,
				LastTransitionTime: apiobj.NewTime(start)}}
			j.Status.CompletionTime = apiobj.Ptr(apiobj.NewTime(start))
			_, err = jobs.UpdateStatus(ctx, j)
			require.NoError(t, err)
		}
	}
	mk("done-ttl", apiobj.Int32(60), true)
	mk("done-no-ttl", nil, true)
	mk("running-ttl", apiobj.Int32(0), false)

	tc, err := New(Config{Client: c, Clock: clk, Workers: 2})
	require.NoError(t, err)
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- tc.Run(runCtx) }()
	defer func() { stop(); require.NoError(t, <-done) }()

	exists := func(name string) bool {
		_, err := jobs.Get(ctx, name)
		require.True(t, err == nil || errdefs.IsNotFound(err), err)
		return err == nil
	}
	waitFor(t, "the controller to wait for the TTL", func() bool { return clk.Waiters() > 0 })
	clk.Step(59 * time.Second)
	require.True(t, exists("done-ttl"), "deleted before its TTL")
	clk.Step(time.Second)
	waitFor(t, "done-ttl deleted", func() bool { return !exists("done-ttl") })
	require.True(t, exists("done-no-ttl"))
	require.True(t, exists("running-ttl"))
}
