package job

import (
	"context"
	"fmt"
	"runtime"
	"slices"
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

type env struct {
	t     *testing.T
	ctx   context.Context
	c     *client.Client
	clock *clocktest.Fake
	jobs  *client.Resource[*apiobj.Job]
	pods  *client.Resource[*apiobj.Pod]
}

func newEnv(t *testing.T) *env {
	t.Helper()
	st := memory.New(memory.Config{})
	t.Cleanup(func() { _ = st.Close() })
	srv, err := apiserver.New(apiserver.Config{Store: st})
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 2*testTimeout)
	t.Cleanup(cancel)
	require.NoError(t, srv.Bootstrap(ctx))
	t.Cleanup(srv.Close)
	admin := &auth.User{Name: "admin", Groups: []string{auth.GroupMasters}}
	c := client.NewInProcess(srv, admin, apiobj.NewScheme())
	e := &env{t: t, ctx: ctx, c: c, clock: clocktest.NewFake(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)),
		jobs: client.For[*apiobj.Job](c).Namespace("default"), pods: client.For[*apiobj.Pod](c).Namespace("default")}
	jc, err := New(Config{Client: c, Clock: e.clock, Workers: 2})
	require.NoError(t, err)
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- jc.Run(runCtx) }()
	t.Cleanup(func() {
		stop()
		select {
		case err := <-done:
			require.NoError(t, err)
		case <-time.After(testTimeout):
			t.Fatalf("Run did not return after cancel\n%s", stacks())
		}
	})
	return e
}

func stacks() string {
	buf := make([]byte, 1<<20)
	return string(buf[:runtime.Stack(buf, true)])
}

func (e *env) waitFor(what string, cond func() (bool, error)) {
	e.t.Helper()
	deadline := time.Now().Add(testTimeout)
	for {
		ok, err := cond()
		require.NoError(e.t, err, what)
		if ok {
			return
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("timed out waiting for %s\n%s", what, stacks())
		}
		time.Sleep(5 * time.Millisecond) // polling a condition with a deadline
	}
}

func newJob(name string, mutate func(*apiobj.Job)) *apiobj.Job {
	j := &apiobj.Job{ObjectMeta: apiobj.ObjectMeta{Name: name}, Spec: apiobj.JobSpec{
		Template: apiobj.PodTemplateSpec{
			ObjectMeta: apiobj.ObjectMeta{Labels: map[string]string{"app": name}},
			Spec: apiobj.PodSpec{RestartPolicy: apiobj.RestartPolicyNever,
				Containers: []apiobj.Container{{Name: "main", Image: "busybox"}}},
		},
	}}
	if mutate != nil {
		mutate(j)
	}
	return j
}

func (e *env) create(j *apiobj.Job) *apiobj.Job {
	e.t.Helper()
	out, err := e.jobs.Create(e.ctx, j)
	require.NoError(e.t, err)
	return out
}

// jobPods lists the live pods of a job, oldest first.
func (e *env) jobPods(name string) []*apiobj.Pod {
	e.t.Helper()
	ps, _, err := e.pods.List(e.ctx, client.ListOptions{LabelSelector: apiobj.JobNameLabel + "=" + name})
	require.NoError(e.t, err)
	return ps
}

func (e *env) active(name string) []*apiobj.Pod {
	var out []*apiobj.Pod
	for _, p := range e.jobPods(name) {
		if !podFinished(p) && p.DeletionTimestamp == nil {
			out = append(out, p)
		}
	}
	return out
}

func (e *env) waitActive(name string, n int) []*apiobj.Pod {
	e.t.Helper()
	var ps []*apiobj.Pod
	e.waitFor(fmt.Sprintf("%d active pods of %s", n, name), func() (bool, error) {
		ps = e.active(name)
		return len(ps) == n, nil
	})
	return ps
}

// finish sets a pod's phase as a kubelet would, with the exit code of its
// container.
func (e *env) finish(p *apiobj.Pod, phase apiobj.PodPhase, exitCode int32, conds ...apiobj.PodCondition) {
	e.t.Helper()
	for {
		cur, err := e.pods.Get(e.ctx, p.Name)
		require.NoError(e.t, err)
		cur.Status.Phase = phase
		cur.Status.Conditions = append(cur.Status.Conditions, conds...)
		cur.Status.ContainerStatuses = []apiobj.ContainerStatus{{Name: "main", Image: "busybox",
			State: apiobj.ContainerState{Terminated: &apiobj.ContainerStateTerminated{ExitCode: exitCode}}}}
		_, err = e.pods.UpdateStatus(e.ctx, cur)
		if errdefs.IsConflict(err) {
			continue
		}
		require.NoError(e.t, err)
		return
	}
}

func (e *env) waitJob(name, what string, cond func(*apiobj.Job) bool) *apiobj.Job {
	e.t.Helper()
	var j *apiobj.Job
	e.waitFor(what, func() (bool, error) {
		var err error
		j, err = e.jobs.Get(e.ctx, name)
		return err == nil && cond(j), err
	})
	return j
}

func (e *env) update(name string, mutate func(*apiobj.Job)) {
	e.t.Helper()
	for {
		j, err := e.jobs.Get(e.ctx, name)
		require.NoError(e.t, err)
		mutate(j)
		_, err = e.jobs.Update(e.ctx, j)
		if errdefs.IsConflict(err) {
			continue
		}
		require.NoError(e.t, err)
		return
	}
}

func hasCond(t apiobj.JobConditionType, reason string) func(*apiobj.Job) bool {
	return func(j *apiobj.Job) bool {
		c := condition(j, t)
		return c != nil && (reason == "" || c.Reason == reason)
	}
}

func TestNonIndexedCompletions(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	j := e.create(newJob("pi", func(j *apiobj.Job) { j.Spec.Completions, j.Spec.Parallelism = apiobj.Int32(3), apiobj.Int32(2) }))

	ps := e.waitActive("pi", 2)
	for _, p := range ps {
		require.Equal(t, string(j.UID), p.Labels[apiobj.ControllerUIDLabel])
		require.Equal(t, "pi", p.Labels["app"])
		require.Contains(t, p.Finalizers, apiobj.JobTrackingFinalizer)
		require.True(t, apiobj.IsControlledBy(p, j))
	}
	e.waitJob("pi", "active=2", func(j *apiobj.Job) bool { return j.Status.Active == 2 && j.Status.StartTime != nil })
	e.finish(ps[1], apiobj.PodRunning, 0, apiobj.PodCondition{Type: apiobj.PodReady, Status: apiobj.ConditionTrue})
	e.waitJob("pi", "ready=1", func(j *apiobj.Job) bool { return j.Status.Ready != nil && *j.Status.Ready == 1 })
	e.finish(ps[0], apiobj.PodSucceeded, 0)
	e.finish(ps[1], apiobj.PodSucceeded, 0)
	last := e.waitActive("pi", 1)
	e.waitJob("pi", "succeeded=2", func(j *apiobj.Job) bool { return j.Status.Succeeded == 2 })
	e.finish(last[0], apiobj.PodSucceeded, 0)
	j = e.waitJob("pi", "Complete", hasCond(apiobj.JobComplete, ReasonCompletionsReached))
	require.Equal(t, int32(3), j.Status.Succeeded)
	require.Zero(t, j.Status.Failed)
	require.Zero(t, j.Status.Active)
	require.NotNil(t, condition(j, apiobj.JobSuccessCriteriaMet))
	require.NotNil(t, j.Status.CompletionTime)
	for _, p := range e.jobPods("pi") {
		require.NotContains(t, p.Finalizers, apiobj.JobTrackingFinalizer, "%s %s %v %+v", p.Name, p.Status.Phase, p.DeletionTimestamp, j.Status)
	}
}

func TestIndexed(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.create(newJob("ix", func(j *apiobj.Job) {
		j.Spec.Completions, j.Spec.Parallelism = apiobj.Int32(4), apiobj.Int32(4)
		j.Spec.CompletionMode = apiobj.Ptr(apiobj.IndexedCompletion)
	}))
	ps := e.waitActive("ix", 4)
	byIndex := map[int]*apiobj.Pod{}
	for _, p := range ps {
		ix := completionIndex(p)
		require.Equal(t, p.Annotations[apiobj.JobCompletionIndexAnnotation], p.Labels[apiobj.JobCompletionIndexAnnotation])
		require.Equal(t, fmt.Sprintf("ix-%d", ix), p.Spec.Hostname)
		require.True(t, slices.ContainsFunc(p.Spec.Containers[0].Env, func(v apiobj.EnvVar) bool {
			return v.Name == "JOB_COMPLETION_INDEX" && v.ValueFrom != nil && v.ValueFrom.FieldRef != nil
		}))
		byIndex[ix] = p
	}
	require.Len(t, byIndex, 4)
	e.finish(byIndex[0], apiobj.PodSucceeded, 0)
	e.finish(byIndex[1], apiobj.PodSucceeded, 0)
	e.finish(byIndex[3], apiobj.PodSucceeded, 0)
	e.waitJob("ix", "completedIndexes 0-1,3", func(j *apiobj.Job) bool {
		return j.Status.CompletedIndexes == "0,1,3" || j.Status.CompletedIndexes == "0-1,3"
	})
	// A failed index is retried with a new pod of the same index.
	e.finish(byIndex[2], apiobj.PodFailed, 1)
	e.waitJob("ix", "failure counted", func(j *apiobj.Job) bool { return j.Status.Failed == 1 })
	e.clock.Step(DefaultBackoff)
	var again []*apiobj.Pod
	e.waitFor("index 2 again", func() (bool, error) {
		again = e.active("ix")
		return len(again) == 1 && completionIndex(again[0]) == 2 && again[0].UID != byIndex[2].UID, nil
	})
	e.finish(again[0], apiobj.PodSucceeded, 0)
	j := e.waitJob("ix", "Complete", hasCond(apiobj.JobComplete, ""))
	require.Equal(t, "0-3", j.Status.CompletedIndexes)
	require.Equal(t, int32(4), j.Status.Succeeded)
	require.Equal(t, int32(1), j.Status.Failed)
}

func TestBackoffLimit(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.create(newJob("flaky", func(j *apiobj.Job) { j.Spec.BackoffLimit = apiobj.Int32(2) }))
	for i := range 3 {
		p := e.waitActive("flaky", 1)[0]
		e.finish(p, apiobj.PodFailed, 1)
		e.waitJob("flaky", "failure counted", func(j *apiobj.Job) bool { return j.Status.Failed == int32(i+1) })
		if i == 2 {
			break
		}
		// No replacement before the backoff (10 s, then 20 s) has passed.
		require.Empty(t, e.active("flaky"))
		e.clock.Step(DefaultBackoff<<i - time.Second)
		require.Empty(t, e.active("flaky"))
		e.clock.Step(time.Second)
	}
	j := e.waitJob("flaky", "Failed", hasCond(apiobj.JobFailed, ReasonBackoffLimitExceeded))
	require.NotNil(t, condition(j, apiobj.JobFailureTarget))
	require.Nil(t, j.Status.CompletionTime)
	require.Equal(t, int32(3), j.Status.Failed)
}

func TestActiveDeadline(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.create(newJob("slow", func(j *apiobj.Job) {
		j.Spec.ActiveDeadlineSeconds = apiobj.Ptr(int64(30))
		j.Spec.Parallelism, j.Spec.Completions = apiobj.Int32(2), apiobj.Int32(2)
	}))
	e.waitActive("slow", 2)
	e.waitJob("slow", "started", func(j *apiobj.Job) bool { return j.Status.StartTime != nil })
	e.clock.Step(31 * time.Second)
	j := e.waitJob("slow", "Failed", hasCond(apiobj.JobFailed, ReasonDeadlineExceeded))
	require.Zero(t, j.Status.Active)
	e.waitFor("pods gone", func() (bool, error) { return len(e.jobPods("slow")) == 0, nil })
}

func TestSuspendResume(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.create(newJob("later", func(j *apiobj.Job) {
		j.Spec.Suspend = apiobj.Bool(true)
		j.Spec.Parallelism, j.Spec.Completions = apiobj.Int32(2), apiobj.Int32(4)
	}))
	j := e.waitJob("later", "Suspended", hasCond(apiobj.JobSuspended, ReasonSuspended))
	require.Nil(t, j.Status.StartTime)
	require.Empty(t, e.jobPods("later"))

	e.update("later", func(j *apiobj.Job) { j.Spec.Suspend = apiobj.Bool(false) })
	e.waitActive("later", 2)
	j = e.waitJob("later", "resumed", func(j *apiobj.Job) bool {
		c := j.Status.Conditions
		return len(c) == 1 && c[0].Status == apiobj.ConditionFalse && c[0].Reason == ReasonResumed && j.Status.StartTime != nil
	})

	e.update("later", func(j *apiobj.Job) { j.Spec.Suspend = apiobj.Bool(true) })
	e.waitJob("later", "suspended again", hasCond(apiobj.JobSuspended, ReasonSuspended))
	e.waitFor("pods deleted", func() (bool, error) { return len(e.jobPods("later")) == 0, nil })
	j = e.waitJob("later", "no active", func(j *apiobj.Job) bool { return j.Status.Active == 0 })
	require.Zero(t, j.Status.Failed, "pods deleted by suspend are not failures")
}

func TestPodFailurePolicy(t *testing.T) {
	t.Parallel()
	policy := &apiobj.PodFailurePolicy{Rules: []apiobj.PodFailurePolicyRule{
		{Action: apiobj.PodFailurePolicyActionIgnore, OnPodConditions: []apiobj.PodFailurePolicyOnPodConditionsPattern{{Type: apiobj.DisruptionTarget}}},
		{Action: apiobj.PodFailurePolicyActionFailJob, OnExitCodes: &apiobj.PodFailurePolicyOnExitCodesRequirement{
			Operator: apiobj.PodFailurePolicyOnExitCodesOpIn, Values: []int32{42}}},
		{Action: apiobj.PodFailurePolicyActionIgnore, OnExitCodes: &apiobj.PodFailurePolicyOnExitCodesRequirement{
			Operator: apiobj.PodFailurePolicyOnExitCodesOpIn, Values: []int32{5}}},
	}}
	e := newEnv(t)
	e.create(newJob("pfp", func(j *apiobj.Job) { j.Spec.PodFailurePolicy = policy; j.Spec.BackoffLimit = apiobj.Int32(0) }))

	// Ignored failures: replaced at once, not counted, no backoff.
	p := e.waitActive("pfp", 1)[0]
	e.finish(p, apiobj.PodFailed, 5)
	p2 := e.waitActive("pfp", 1)[0]
	require.NotEqual(t, p.UID, p2.UID)
	e.finish(p2, apiobj.PodFailed, 137, apiobj.PodCondition{Type: apiobj.DisruptionTarget, Status: apiobj.ConditionTrue})
	p3 := e.waitActive("pfp", 1)[0]
	require.Zero(t, e.waitJob("pfp", "still running", func(*apiobj.Job) bool { return true }).Status.Failed)

	// Exit code 42 fails the job.
	e.finish(p3, apiobj.PodFailed, 42)
	j := e.waitJob("pfp", "Failed", hasCond(apiobj.JobFailed, ReasonPodFailurePolicy))
	require.Contains(t, condition(j, apiobj.JobFailed).Message, "exit code 42")
	require.Equal(t, int32(1), j.Status.Failed)
}

// Touching a Job again and again while its pods finish must not count a
// pod twice.
func TestNoDoubleCounting(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.create(newJob("once", func(j *apiobj.Job) { j.Spec.Completions, j.Spec.Parallelism = apiobj.Int32(6), apiobj.Int32(3) }))
	seen := map[apiobj.UID]bool{}
	for range 2 {
		for _, p := range e.waitActive("once", 3) {
			e.finish(p, apiobj.PodSucceeded, 0)
			seen[p.UID] = true
			e.update("once", func(j *apiobj.Job) {
				if j.Annotations == nil {
					j.Annotations = map[string]string{}
				}
				j.Annotations["touch"] = string(p.UID)
			})
		}
		e.waitJob("once", "counted", func(j *apiobj.Job) bool { return int(j.Status.Succeeded) == len(seen) })
	}
	j := e.waitJob("once", "Complete", hasCond(apiobj.JobComplete, ""))
	require.Equal(t, int32(6), j.Status.Succeeded)
	require.Len(t, seen, 6)
	for _, p := range e.jobPods("once") {
		// Each pod seen again after it was counted leaves the count alone.
		e.finish(p, apiobj.PodSucceeded, 0)
	}
	require.Equal(t, int32(6), e.waitJob("once", "still", func(*apiobj.Job) bool { return true }).Status.Succeeded)
}

// Deleting a Job releases its pods' tracking finalizers, so that the
// garbage collector can remove them.
func TestDeletedJobReleasesPods(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.create(newJob("gone", nil))
	p := e.waitActive("gone", 1)[0]
	require.NoError(t, e.jobs.Delete(e.ctx, "gone", client.DeleteOptions{PropagationPolicy: string(apiobj.DeletePropagationBackground)}))
	e.waitFor("finalizer removed", func() (bool, error) {
		cur, err := e.pods.Get(e.ctx, p.Name)
		return err == nil && !hasFinalizer(cur), err
	})
}

func TestIndexes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		in   []int
		want string
	}{
		{name: "empty", want: ""},
		{name: "single", in: []int{3}, want: "3"},
		{name: "range and single", in: []int{0, 1, 2, 5}, want: "0-2,5"},
		{name: "pairs", in: []int{7, 1, 2, 4}, want: "1-2,4,7"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			set := map[int]bool{}
			for _, i := range tc.in {
				set[i] = true
			}
			got := formatIndexes(set)
			require.Equal(t, tc.want, got)
			require.Equal(t, set, parseIndexes(got, -1))
		})
	}
}
