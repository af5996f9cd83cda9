package cronjob

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // the time zone tests must not depend on the host's zoneinfo

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

// recorder keeps event reasons for tests.
type recorder struct {
	mu      sync.Mutex
	reasons []string
}

func (r *recorder) Eventf(_ apiobj.Object, _, reason, _ string, _ ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reasons = append(r.reasons, reason)
}

func (r *recorder) has(reason string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Contains(r.reasons, reason)
}

type env struct {
	t     *testing.T
	ctx   context.Context
	clock *clocktest.Fake
	rec   *recorder
	cjs   *client.Resource[*apiobj.CronJob]
	jobs  *client.Resource[*apiobj.Job]
}

// newEnv starts a control plane and the controller with a fake clock that
// reads start, which must lie after the CronJobs' creation (now).
func newEnv(t *testing.T, start time.Time) *env {
	t.Helper()
	st := memory.New(memory.Config{})
	t.Cleanup(func() { _ = st.Close() })
	srv, err := apiserver.New(apiserver.Config{Store: st})
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 2*testTimeout)
	t.Cleanup(cancel)
	require.NoError(t, srv.Bootstrap(ctx))
	t.Cleanup(srv.Close)
	c := client.NewInProcess(srv, &auth.User{Name: "admin", Groups: []string{auth.GroupMasters}}, apiobj.NewScheme())
	e := &env{t: t, ctx: ctx, clock: clocktest.NewFake(start), rec: &recorder{},
		cjs: client.For[*apiobj.CronJob](c).Namespace("default"), jobs: client.For[*apiobj.Job](c).Namespace("default")}
	cc, err := New(Config{Client: c, Clock: e.clock, Workers: 2, Recorder: e.rec, Location: time.UTC})
	require.NoError(t, err)
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- cc.Run(runCtx) }()
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

func (e *env) waitFor(what string, cond func() bool) {
	e.t.Helper()
	deadline := time.Now().Add(testTimeout)
	for !cond() {
		if time.Now().After(deadline) {
			e.t.Fatalf("timed out waiting for %s\n%s", what, stacks())
		}
		time.Sleep(5 * time.Millisecond) // polling a condition with a deadline
	}
}

func newCronJob(name, schedule string, mutate func(*apiobj.CronJob)) *apiobj.CronJob {
	cj := &apiobj.CronJob{ObjectMeta: apiobj.ObjectMeta{Name: name}, Spec: apiobj.CronJobSpec{
		Schedule: schedule,
		JobTemplate: apiobj.JobTemplateSpec{Spec: apiobj.JobSpec{Template: apiobj.PodTemplateSpec{Spec: apiobj.PodSpec{
			RestartPolicy: apiobj.RestartPolicyNever, Containers: []apiobj.Container{{Name: "main", Image: "busybox"}}}}}},
	}}
	if mutate != nil {
		mutate(cj)
	}
	return cj
}

func (e *env) create(cj *apiobj.CronJob) {
	e.t.Helper()
	_, err := e.cjs.Create(e.ctx, cj)
	require.NoError(e.t, err)
}

func (e *env) jobNames() []string {
	e.t.Helper()
	js, _, err := e.jobs.List(e.ctx, client.ListOptions{})
	require.NoError(e.t, err)
	var names []string
	for _, j := range js {
		names = append(names, j.Name)
	}
	slices.Sort(names)
	return names
}

func (e *env) waitJobs(what string, want ...string) {
	e.t.Helper()
	slices.Sort(want)
	e.waitFor(fmt.Sprintf("%s: jobs %v", what, want), func() bool { return slices.Equal(e.jobNames(), want) })
}

// step advances the clock once the controller waits for its next schedule.
func (e *env) step(d time.Duration) {
	e.t.Helper()
	e.waitFor("the controller to wait for a schedule", func() bool { return e.clock.Waiters() > 0 })
	e.clock.Step(d)
}

func (e *env) finishJob(name string, kind apiobj.JobConditionType) {
	e.t.Helper()
	j, err := e.jobs.Get(e.ctx, name)
	require.NoError(e.t, err)
	now := apiobj.NewTime(e.clock.Now())
	j.Status.StartTime = &now
	j.Status.Conditions = []apiobj.JobCondition{{Type: kind, Status: apiobj.ConditionTrue, LastTransitionTime: now}}
	if kind == apiobj.JobComplete {
		j.Status.CompletionTime = &now
	}
	_, err = e.jobs.UpdateStatus(e.ctx, j)
	require.NoError(e.t, err)
}

func (e *env) cronJob(name string) *apiobj.CronJob {
	e.t.Helper()
	cj, err := e.cjs.Get(e.ctx, name)
	require.NoError(e.t, err)
	return cj
}

// minuteAhead is a whole minute at least two minutes after now, so that
// CronJobs created now have missed fewer than 100 runs of "* * * * *".
func minuteAhead() time.Time { return time.Now().UTC().Truncate(time.Minute).Add(2 * time.Minute) }

func name(cj string, t time.Time) string { return fmt.Sprintf("%s-%d", cj, t.Unix()/60) }

func TestConcurrencyPolicy(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		policy apiobj.ConcurrencyPolicy
		// jobs after the second schedule, given the first is still running
		second func(t0, t1 time.Time) []string
	}{
		{policy: apiobj.AllowConcurrent, second: func(t0, t1 time.Time) []string { return []string{name("c", t0), name("c", t1)} }},
		{policy: apiobj.ForbidConcurrent, second: func(t0, _ time.Time) []string { return []string{name("c", t0)} }},
		{policy: apiobj.ReplaceConcurrent, second: func(_, t1 time.Time) []string { return []string{name("c", t1)} }},
	} {
		t.Run(string(tc.policy), func(t *testing.T) {
			t.Parallel()
			t0 := minuteAhead()
			e := newEnv(t, t0.Add(30*time.Second))
			e.create(newCronJob("c", "* * * * *", func(cj *apiobj.CronJob) { cj.Spec.ConcurrencyPolicy = tc.policy }))
			e.waitJobs("first run", name("c", t0))
			e.waitFor("first run active", func() bool {
				cj := e.cronJob("c")
				return len(cj.Status.Active) == 1 && cj.Status.LastScheduleTime != nil && cj.Status.LastScheduleTime.Time.Equal(t0)
			})

			t1 := t0.Add(time.Minute)
			e.step(30 * time.Second)
			want := tc.second(t0, t1)
			e.waitJobs("second run", want...)
			e.waitFor("status.active", func() bool {
				cj := e.cronJob("c")
				var active []string
				for _, r := range cj.Status.Active {
					active = append(active, r.Name)
				}
				slices.Sort(active)
				return slices.Equal(active, want)
			})
			if tc.policy == apiobj.ForbidConcurrent {
				e.waitFor("the run to be skipped", func() bool { return e.rec.has(ReasonJobAlreadyActive) })
				require.Equal(t, want, e.jobNames())
				require.True(t, e.cronJob("c").Status.LastScheduleTime.Time.Equal(t0))
			}
		})
	}
}

func TestMissedSchedules(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		deadline *int64
		tooMany  bool
	}{
		{name: "too many missed", tooMany: true},
		{name: "starting deadline bounds the missed runs", deadline: apiobj.Ptr(int64(300))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			t0 := minuteAhead().Add(200 * time.Minute)
			e := newEnv(t, t0.Add(10*time.Second))
			e.create(newCronJob("m", "* * * * *", func(cj *apiobj.CronJob) { cj.Spec.StartingDeadlineSeconds = tc.deadline }))
			// Only the most recent missed run starts.
			e.waitJobs("most recent run", name("m", t0))
			require.Equal(t, tc.tooMany, e.rec.has(ReasonTooManyMissedTimes))
		})
	}
}

func TestStartingDeadline(t *testing.T) {
	t.Parallel()
	t0 := time.Now().UTC().Truncate(time.Hour).Add(3 * time.Hour)
	// The hourly run at t0 was missed by 30 s, beyond the 10 s deadline.
	e := newEnv(t, t0.Add(30*time.Second))
	e.create(newCronJob("d", "@hourly", func(cj *apiobj.CronJob) { cj.Spec.StartingDeadlineSeconds = apiobj.Ptr(int64(10)) }))
	e.step(time.Hour - 25*time.Second) // t0+1h+5s: within the deadline
	e.waitJobs("next hour's run", name("d", t0.Add(time.Hour)))
	require.Empty(t, slices.DeleteFunc(e.jobNames(), func(n string) bool { return n != name("d", t0) }))
}

func TestHistoryLimits(t *testing.T) {
	t.Parallel()
	t0 := minuteAhead()
	e := newEnv(t, t0.Add(30*time.Second))
	e.create(newCronJob("h", "* * * * *", func(cj *apiobj.CronJob) {
		cj.Spec.SuccessfulJobsHistoryLimit, cj.Spec.FailedJobsHistoryLimit = apiobj.Int32(2), apiobj.Int32(1)
	}))
	var names []string
	for i := range 5 {
		ti := t0.Add(time.Duration(i) * time.Minute)
		names = append(names, name("h", ti))
		e.waitFor("run "+names[i], func() bool { return slices.Contains(e.jobNames(), names[i]) })
		kind := apiobj.JobComplete
		if i == 1 || i == 2 {
			kind = apiobj.JobFailed
		}
		e.finishJob(names[i], kind)
		e.waitFor("not active", func() bool { return len(e.cronJob("h").Status.Active) == 0 })
		if i < 4 {
			e.step(time.Minute)
		}
	}
	// Successes 0, 3, 4 keep the last two; failures 1, 2 keep the last one.
	e.waitJobs("history", names[2], names[3], names[4])
	require.NotNil(t, e.cronJob("h").Status.LastSuccessfulTime)
}

func TestTimeZones(t *testing.T) {
	t.Parallel()
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	require.NoError(t, err)
	// nine is the first 9:00 in loc that is more than two minutes away, so
	// that no earlier run falls between the CronJob's creation and it.
	nine := func(loc *time.Location) time.Time {
		now := time.Now().In(loc)
		for k := 0; ; k++ {
			if at := time.Date(now.Year(), now.Month(), now.Day()+k, 9, 0, 0, 0, loc); at.After(now.Add(2 * time.Minute)) {
				return at
			}
		}
	}
	for _, tc := range []struct {
		name     string
		schedule string
		tz       *string
		at       time.Time
	}{
		{name: "spec.timeZone", schedule: "0 9 * * *", tz: apiobj.Ptr("America/New_York"), at: nine(ny)},
		{name: "@daily in spec.timeZone", schedule: "@daily", tz: apiobj.Ptr("Asia/Tokyo"),
			at: nine(tokyo).Add(-9 * time.Hour)},
		{name: "controller location", schedule: "0 9 * * *", at: nine(time.UTC)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, tc.at.Add(-time.Minute))
			e.create(newCronJob("z", tc.schedule, func(cj *apiobj.CronJob) { cj.Spec.TimeZone = tc.tz }))
			e.step(2 * time.Minute)
			e.waitJobs("the 9:00 run", name("z", tc.at))
			j, err := e.jobs.Get(e.ctx, name("z", tc.at))
			require.NoError(t, err)
			ts, err := time.Parse(time.RFC3339, j.Annotations[apiobj.CronJobScheduledTimestampAnnotation])
			require.NoError(t, err)
			require.True(t, ts.Equal(tc.at), ts)
		})
	}
}

func TestSuspend(t *testing.T) {
	t.Parallel()
	t0 := minuteAhead()
	e := newEnv(t, t0.Add(30*time.Second))
	e.create(newCronJob("s", "* * * * *", func(cj *apiobj.CronJob) { cj.Spec.Suspend = apiobj.Bool(true) }))
	e.step(time.Minute) // a suspended CronJob still wakes up on its schedule
	e.step(time.Minute)
	require.Empty(t, e.jobNames())
	for {
		cj := e.cronJob("s")
		cj.Spec.Suspend = apiobj.Bool(false)
		if _, err := e.cjs.Update(e.ctx, cj); !errdefs.IsConflict(err) {
			require.NoError(t, err)
			break
		}
	}
	// Resuming starts the most recent missed run.
	e.waitJobs("run after resume", name("s", t0.Add(2*time.Minute)))
}

// The API server refuses CRON_TZ in new schedules, but CronJobs stored
// before that rule still carry it; the controller honours it.
func TestScheduleCronTZ(t *testing.T) {
	t.Parallel()
	s, err := Schedule(&apiobj.CronJob{Spec: apiobj.CronJobSpec{Schedule: "CRON_TZ=Asia/Tokyo 0 9 * * *"}}, time.UTC)
	require.NoError(t, err)
	got := s.Next(time.Date(2025, 12, 31, 12, 0, 0, 0, time.UTC))
	require.True(t, got.Equal(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)), got) // 9:00 in Tokyo
	_, err = Schedule(&apiobj.CronJob{Spec: apiobj.CronJobSpec{Schedule: "0 9 * * *", TimeZone: apiobj.Ptr("Mars/Olympus")}}, time.UTC)
	require.Error(t, err)
	_, err = Schedule(&apiobj.CronJob{Spec: apiobj.CronJobSpec{Schedule: "61 * * * *"}}, time.UTC)
	require.Error(t, err)
}

func TestMostRecent(t *testing.T) {
	t.Parallel()
	s, err := Schedule(&apiobj.CronJob{Spec: apiobj.CronJobSpec{Schedule: "*/5 * * * *"}}, time.UTC)
	require.NoError(t, err)
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name   string
		now    time.Time
		want   time.Time
		missed int
	}{
		{name: "none due", now: base.Add(4 * time.Minute)},
		{name: "one due", now: base.Add(7 * time.Minute), want: base.Add(5 * time.Minute), missed: 1},
		{name: "three due", now: base.Add(15 * time.Minute), want: base.Add(15 * time.Minute), missed: 3},
		{name: "many due", now: base.Add(1000*5*time.Minute + time.Minute), want: base.Add(1000 * 5 * time.Minute), missed: 1000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, missed := mostRecent(s, base, tc.now)
			require.True(t, got.Equal(tc.want), got)
			require.Equal(t, tc.missed, missed)
		})
	}
}
