package cronjob

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/clock"
	"github.com/orcaproj/orca/controller/workqueue"
	"github.com/orcaproj/orca/errdefs"
)

// MaxMissedSchedules is how many missed start times are considered before
// the controller reports TooManyMissedTimes and starts only the most recent.
const MaxMissedSchedules = 100

// Event reasons, worded as Kubernetes words them.
const (
	ReasonTooManyMissedTimes = "TooManyMissedTimes"
	ReasonMissSchedule       = "MissSchedule"
	ReasonJobAlreadyActive   = "JobAlreadyActive"
	ReasonSuccessfulCreate   = "SuccessfulCreate"
	ReasonSuccessfulDelete   = "SuccessfulDelete"
	ReasonSawCompletedJob    = "SawCompletedJob"
	ReasonUnparseable        = "UnparseableSchedule"
	ReasonUnknownTimeZone    = "UnknownTimeZone"
)

// EventRecorder records events about objects; events.Recorder satisfies it.
type EventRecorder interface {
	Eventf(obj apiobj.Object, eventType, reason, format string, args ...any)
}

// Config configures a Controller. Zero values are the documented defaults.
type Config struct {
	// Client reaches the API server. Required.
	Client *client.Client
	// Clock says when schedules are due; nil means the real clock.
	Clock clock.Clock
	// Workers is how many CronJobs are synced at once; default 5.
	Workers int
	// Recorder receives events such as TooManyMissedTimes; nil drops them.
	Recorder EventRecorder
	// Location is the time zone of schedules without spec.timeZone or
	// CRON_TZ; nil means time.Local, as Kubernetes.
	Location *time.Location
	// Logger; nil discards.
	Logger *slog.Logger
}

// Validate reports a config that cannot work.
func (c *Config) Validate() error {
	if c.Client == nil {
		return errors.New("cronjob: Config.Client is required")
	}
	if c.Workers < 0 {
		return errors.New("cronjob: Workers must not be negative")
	}
	return nil
}

type discard struct{}

func (discard) Eventf(apiobj.Object, string, string, string, ...any) {}

// Controller creates Jobs for CronJobs on their schedules. Create it with
// New and start it with Run.
type Controller struct {
	cfg     Config
	clock   clock.Clock
	rec     EventRecorder
	log     *slog.Logger
	cronJob *client.Lister[*apiobj.CronJob] // set by Run
	jobs    *client.Lister[*apiobj.Job]
	queue   workqueue.RateLimiting[string]
	started atomic.Bool

	mu     sync.Mutex             // guards timers
	timers map[string]clock.Timer // the next-schedule wake-up of each CronJob
}

// New returns a controller for cfg. It does nothing until Run.
func New(cfg Config) (*Controller, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Workers == 0 {
		cfg.Workers = 5
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Location == nil {
		cfg.Location = time.Local
	}
	c := &Controller{cfg: cfg, clock: clock.OrReal(cfg.Clock), rec: cfg.Recorder, log: cfg.Logger, timers: map[string]clock.Timer{}}
	if c.rec == nil {
		c.rec = discard{}
	}
	return c, nil
}

// Run watches CronJobs and Jobs and syncs CronJobs with Workers goroutines.
// It blocks until ctx is done and returns after its goroutines have
// stopped. A controller runs once.
func (c *Controller) Run(ctx context.Context) error {
	if !c.started.CompareAndSwap(false, true) {
		return errors.New("cronjob: already started")
	}
	c.queue = workqueue.New(workqueue.Config[string]{
		RateLimiter: workqueue.NewExponentialBackoff[string](workqueue.DefaultBaseDelay, time.Minute),
	})
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel()
		c.queue.ShutDown()
		wg.Wait()
		c.mu.Lock()
		for _, t := range c.timers {
			t.Stop()
		}
		c.mu.Unlock()
	}()
	cinf := client.NewInformer(client.For[*apiobj.CronJob](c.cfg.Client), client.InformerOptions[*apiobj.CronJob]{})
	jinf := client.NewInformer(client.For[*apiobj.Job](c.cfg.Client), client.InformerOptions[*apiobj.Job]{})
	c.cronJob, c.jobs = cinf.Lister(), jinf.Lister()
	cinf.AddHandler(client.HandlerFuncs[*apiobj.CronJob]{
		AddFunc:    func(cj *apiobj.CronJob, _ bool) { c.queue.Add(client.Key(cj)) },
		UpdateFunc: func(_, cj *apiobj.CronJob) { c.queue.Add(client.Key(cj)) },
		DeleteFunc: func(cj *apiobj.CronJob, _ bool) {
			c.mu.Lock()
			if t := c.timers[client.Key(cj)]; t != nil {
				t.Stop()
				delete(c.timers, client.Key(cj))
			}
			c.mu.Unlock()
		},
	})
	enqueueOwner := func(j *apiobj.Job) {
		if ref := apiobj.ControllerRef(j); ref != nil && ref.Kind == "CronJob" {
			c.queue.Add(j.Namespace + "/" + ref.Name)
		}
	}
	jinf.AddHandler(client.HandlerFuncs[*apiobj.Job]{
		AddFunc:    func(j *apiobj.Job, _ bool) { enqueueOwner(j) },
		UpdateFunc: func(_, j *apiobj.Job) { enqueueOwner(j) },
		DeleteFunc: func(j *apiobj.Job, _ bool) { enqueueOwner(j) },
	})
	wg.Go(func() { _ = cinf.Run(ctx) })
	wg.Go(func() { _ = jinf.Run(ctx) })
	if !cinf.WaitForCacheSync(ctx) || !jinf.WaitForCacheSync(ctx) {
		return nil
	}
	for range c.cfg.Workers {
		wg.Go(func() { c.runWorker(ctx) })
	}
	<-ctx.Done()
	return nil
}

func (c *Controller) runWorker(ctx context.Context) {
	for {
		key, shutdown := c.queue.Get()
		if shutdown {
			return
		}
		err := c.sync(ctx, key)
		switch {
		case err == nil:
			c.queue.Forget(key)
		case ctx.Err() != nil:
		default:
			c.log.Info("cronjob sync will be retried", "cronjob", key, "err", err)
			c.queue.AddRateLimited(key)
		}
		c.queue.Done(key)
	}
}

// wakeAt syncs key again at t on the controller's clock, replacing any
// earlier wake-up of key.
func (c *Controller) wakeAt(key string, t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.timers[key]; old != nil {
		old.Stop()
	}
	c.timers[key] = c.clock.AfterFunc(t.Sub(c.clock.Now()), func() { c.queue.Add(key) })
}

// Schedule parses cj's schedule in its time zone: spec.timeZone, else a
// CRON_TZ= or TZ= prefix of the schedule, else def.
func Schedule(cj *apiobj.CronJob, def *time.Location) (cron.Schedule, error) {
	spec := cj.Spec.Schedule
	if tz := cj.Spec.TimeZone; tz != nil && !strings.Contains(spec, "TZ=") {
		if _, err := time.LoadLocation(*tz); err != nil {
			return nil, fmt.Errorf("unknown time zone %s: %w", *tz, err)
		}
		spec = "CRON_TZ=" + *tz + " " + spec
	} else if !strings.Contains(spec, "TZ=") && def != nil {
		spec = "CRON_TZ=" + def.String() + " " + spec
	}
	return cron.ParseStandard(spec)
}

// mostRecent returns the latest schedule time in (earliest, now], or the
// zero time when there is none, and about how many were missed.
func mostRecent(s cron.Schedule, earliest, now time.Time) (time.Time, int) {
	t1 := s.Next(earliest)
	if t1.IsZero() || t1.After(now) {
		return time.Time{}, 0
	}
	last, n := t1, 1
	for t := s.Next(t1); !t.IsZero() && !t.After(now); t = s.Next(t) {
		last, n = t, n+1
		if n > MaxMissedSchedules {
			// Too many to walk: estimate the count, and find the most
			// recent time by starting ever further back before now.
			interval := max(s.Next(t1).Sub(t1), time.Second)
			n = int(now.Sub(t1)/interval) + 1
			for back := 2 * interval; ; back *= 2 {
				from := now.Add(-back)
				if !from.After(last) {
					from = last
				}
				if u := s.Next(from); !u.IsZero() && !u.After(now) {
					for ; !u.IsZero() && !u.After(now); u = s.Next(u) {
						last = u
					}
					return last, max(n, MaxMissedSchedules+1)
				}
				if from.Equal(last) {
					return last, max(n, MaxMissedSchedules+1)
				}
			}
		}
	}
	return last, n
}

// JobName is the name of the Job cj creates for scheduled time t:
// <cronjob>-<minutes since the Unix epoch>.
func JobName(cj *apiobj.CronJob, t time.Time) string {
	return fmt.Sprintf("%s-%d", cj.Name, t.Unix()/60)
}

func jobFinished(j *apiobj.Job) (apiobj.JobConditionType, bool) {
	for _, cd := range j.Status.Conditions {
		if (cd.Type == apiobj.JobComplete || cd.Type == apiobj.JobFailed) && cd.Status == apiobj.ConditionTrue {
			return cd.Type, true
		}
	}
	return "", false
}

// sync converges one CronJob. It is idempotent: a scheduled time's Job has
// a deterministic name, so it is created at most once.
func (c *Controller) sync(ctx context.Context, key string) error {
	ns, name, _ := strings.Cut(key, "/")
	cached, err := c.cronJob.Namespace(ns).Get(name)
	if errdefs.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	cj := cached.DeepCopy()
	now := c.clock.Now()
	var owned []*apiobj.Job
	for _, j := range c.jobs.Namespace(ns).List(labels.Everything()) {
		if apiobj.IsControlledBy(j, cj) {
			owned = append(owned, j)
		}
	}

	// Reconcile status.active with the Jobs that exist.
	byName := map[string]*apiobj.Job{}
	for _, j := range owned {
		byName[j.Name] = j
		_, fin := jobFinished(j)
		inActive := slices.ContainsFunc(cj.Status.Active, func(r apiobj.ObjectReference) bool { return r.UID == j.UID })
		switch {
		case !fin && !inActive && j.DeletionTimestamp == nil:
			cj.Status.Active = append(cj.Status.Active, jobRef(j))
		case fin && inActive:
			c.rec.Eventf(cj, "Normal", ReasonSawCompletedJob, "Saw completed job: %s", j.Name)
		}
		if ct, ok := jobFinished(j); ok && ct == apiobj.JobComplete && j.Status.CompletionTime != nil {
			if cj.Status.LastSuccessfulTime == nil || cj.Status.LastSuccessfulTime.Before(*j.Status.CompletionTime) {
				cj.Status.LastSuccessfulTime = j.Status.CompletionTime.DeepCopy()
			}
		}
	}
	// A Job in status.active that the cache does not hold may just be too
	// new for it: ask the server before dropping the reference.
	for _, r := range cj.Status.Active {
		if byName[r.Name] != nil {
			continue
		}
		j, err := client.For[*apiobj.Job](c.cfg.Client).Namespace(ns).Get(ctx, r.Name)
		switch {
		case errdefs.IsNotFound(err):
		case err != nil:
			return err
		case apiobj.IsControlledBy(j, cj):
			byName[j.Name] = j
			owned = append(owned, j)
		}
	}
	cj.Status.Active = slices.DeleteFunc(cj.Status.Active, func(r apiobj.ObjectReference) bool {
		j := byName[r.Name]
		if j == nil || j.UID != r.UID || j.DeletionTimestamp != nil {
			return true
		}
		_, fin := jobFinished(j)
		return fin
	})

	if err := c.cleanupHistory(ctx, cj, owned); err != nil {
		return err
	}
	if cj.DeletionTimestamp != nil {
		return c.updateStatus(ctx, cached, cj)
	}

	sched, err := Schedule(cj, c.cfg.Location)
	if err != nil {
		reason := ReasonUnparseable
		if cj.Spec.TimeZone != nil && strings.Contains(err.Error(), "time zone") {
			reason = ReasonUnknownTimeZone
		}
		c.rec.Eventf(cj, "Warning", reason, "%v", err)
		return c.updateStatus(ctx, cached, cj) // nothing to retry until the spec changes
	}
	defer func() { c.wakeAt(key, sched.Next(now)) }()
	if cj.Spec.Suspend != nil && *cj.Spec.Suspend {
		return c.updateStatus(ctx, cached, cj)
	}

	earliest := cj.CreationTimestamp.Time
	if cj.Status.LastScheduleTime != nil {
		earliest = cj.Status.LastScheduleTime.Time
	}
	if d := cj.Spec.StartingDeadlineSeconds; d != nil {
		if w := now.Add(-time.Duration(*d) * time.Second); w.After(earliest) {
			earliest = w
		}
	}
	scheduled, missed := mostRecent(sched, earliest, now)
	if scheduled.IsZero() {
		return c.updateStatus(ctx, cached, cj)
	}
	if missed > MaxMissedSchedules {
		c.rec.Eventf(cj, "Warning", ReasonTooManyMissedTimes,
			"too many missed start times: %d. Set or decrease .spec.startingDeadlineSeconds or check clock skew", missed)
	}
	if d := cj.Spec.StartingDeadlineSeconds; d != nil && scheduled.Add(time.Duration(*d)*time.Second).Before(now) {
		c.rec.Eventf(cj, "Warning", ReasonMissSchedule, "Missed scheduled time to start a job: %s", scheduled.UTC().Format(time.RFC3339))
		return c.updateStatus(ctx, cached, cj)
	}
	jobName := JobName(cj, scheduled)
	if j := byName[jobName]; j != nil {
		// Already made for this time (perhaps before a failed status write).
		cj.Status.LastScheduleTime = apiobj.Ptr(apiobj.NewTime(scheduled))
		return c.updateStatus(ctx, cached, cj)
	}
	// Forbid and Replace depend on knowing every running Job. The caches
	// may not have seen one this controller created a moment ago, so ask
	// the server before starting another.
	if cj.Spec.ConcurrencyPolicy == apiobj.ForbidConcurrent || cj.Spec.ConcurrencyPolicy == apiobj.ReplaceConcurrent {
		live, _, err := client.For[*apiobj.Job](c.cfg.Client).Namespace(ns).List(ctx, client.ListOptions{})
		if err != nil {
			return err
		}
		for _, j := range live {
			_, fin := jobFinished(j)
			if fin || j.DeletionTimestamp != nil || !apiobj.IsControlledBy(j, cj) {
				continue
			}
			if !slices.ContainsFunc(cj.Status.Active, func(r apiobj.ObjectReference) bool { return r.UID == j.UID }) {
				cj.Status.Active = append(cj.Status.Active, jobRef(j))
			}
		}
	}
	switch cj.Spec.ConcurrencyPolicy {
	case apiobj.ForbidConcurrent:
		if len(cj.Status.Active) > 0 {
			c.rec.Eventf(cj, "Normal", ReasonJobAlreadyActive, "Not starting job because prior execution is running and concurrency policy is Forbid")
			return c.updateStatus(ctx, cached, cj)
		}
	case apiobj.ReplaceConcurrent:
		for _, r := range cj.Status.Active {
			err := client.For[*apiobj.Job](c.cfg.Client).Namespace(ns).Delete(ctx, r.Name,
				client.DeleteOptions{PropagationPolicy: string(apiobj.DeletePropagationBackground), UID: r.UID})
			if err != nil && !errdefs.IsNotFound(err) {
				return err
			}
			c.rec.Eventf(cj, "Normal", ReasonSuccessfulDelete, "Deleted job %s", r.Name)
		}
		cj.Status.Active = nil
	}
	j, err := client.For[*apiobj.Job](c.cfg.Client).Namespace(ns).Create(ctx, newJob(cj, jobName, scheduled, sched))
	switch {
	case errdefs.IsAlreadyExists(err):
		// Made for this time by an earlier sync the cache has not seen yet.
	case err != nil:
		return fmt.Errorf("cronjob: creating job for %s: %w", key, err)
	default:
		c.rec.Eventf(cj, "Normal", ReasonSuccessfulCreate, "Created job %s", j.Name)
		cj.Status.Active = append(cj.Status.Active, jobRef(j))
	}
	cj.Status.LastScheduleTime = apiobj.Ptr(apiobj.NewTime(scheduled))
	return c.updateStatus(ctx, cached, cj)
}

func newJob(cj *apiobj.CronJob, name string, scheduled time.Time, sched cron.Schedule) *apiobj.Job {
	t := cj.Spec.JobTemplate.DeepCopy()
	j := &apiobj.Job{ObjectMeta: t.ObjectMeta, Spec: t.Spec}
	j.Name, j.GenerateName, j.Namespace = name, "", cj.Namespace
	if j.Annotations == nil {
		j.Annotations = map[string]string{}
	}
	if s, ok := sched.(*cron.SpecSchedule); ok && s.Location != nil {
		scheduled = scheduled.In(s.Location)
	}
	j.Annotations[apiobj.CronJobScheduledTimestampAnnotation] = scheduled.Format(time.RFC3339)
	j.OwnerReferences = []apiobj.OwnerReference{apiobj.NewControllerRef(cj, apiobj.BatchV1.WithKind("CronJob"))}
	return j
}

func jobRef(j *apiobj.Job) apiobj.ObjectReference {
	return apiobj.ObjectReference{Kind: "Job", APIVersion: apiobj.BatchV1.String(), Namespace: j.Namespace, Name: j.Name,
		UID: j.UID, ResourceVersion: j.ResourceVersion}
}

// cleanupHistory deletes the oldest finished Jobs beyond the successful
// and failed history limits.
func (c *Controller) cleanupHistory(ctx context.Context, cj *apiobj.CronJob, owned []*apiobj.Job) error {
	limits := map[apiobj.JobConditionType]*int32{
		apiobj.JobComplete: cj.Spec.SuccessfulJobsHistoryLimit,
		apiobj.JobFailed:   cj.Spec.FailedJobsHistoryLimit,
	}
	for kind, limit := range limits {
		if limit == nil {
			continue
		}
		var done []*apiobj.Job
		for _, j := range owned {
			if k, ok := jobFinished(j); ok && k == kind && j.DeletionTimestamp == nil {
				done = append(done, j)
			}
		}
		if len(done) <= int(*limit) {
			continue
		}
		slices.SortFunc(done, func(a, b *apiobj.Job) int { return jobStart(a).Compare(jobStart(b)) })
		for _, j := range done[:len(done)-int(*limit)] {
			err := client.For[*apiobj.Job](c.cfg.Client).Namespace(j.Namespace).Delete(ctx, j.Name,
				client.DeleteOptions{PropagationPolicy: string(apiobj.DeletePropagationBackground), UID: j.UID})
			if err != nil && !errdefs.IsNotFound(err) {
				return err
			}
			c.rec.Eventf(cj, "Normal", ReasonSuccessfulDelete, "Deleted job %s", j.Name)
		}
	}
	return nil
}

// jobStart orders Jobs by start time, then creation time.
func jobStart(j *apiobj.Job) time.Time {
	if j.Status.StartTime != nil {
		return j.Status.StartTime.Time
	}
	return j.CreationTimestamp.Time
}

func (c *Controller) updateStatus(ctx context.Context, old, cj *apiobj.CronJob) error {
	if reflect.DeepEqual(old.Status, cj.Status) {
		return nil
	}
	_, err := client.For[*apiobj.CronJob](c.cfg.Client).Namespace(cj.Namespace).UpdateStatus(ctx, cj)
	return err
}
