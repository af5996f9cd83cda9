package job

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/clock"
	"github.com/orcaproj/orca/controller/workqueue"
	"github.com/orcaproj/orca/errdefs"
)

// Backoff of pod creation after failed pods, as Kubernetes: 10 s doubling
// with each consecutive failure, at most 6 minutes.
const (
	DefaultBackoff = 10 * time.Second
	MaxBackoff     = 6 * time.Minute
)

// Condition reasons, worded as Kubernetes words them.
const (
	ReasonCompletionsReached   = "CompletionsReached"
	ReasonBackoffLimitExceeded = "BackoffLimitExceeded"
	ReasonDeadlineExceeded     = "DeadlineExceeded"
	ReasonPodFailurePolicy     = "PodFailurePolicy"
	ReasonSuspended            = "JobSuspended"
	ReasonResumed              = "JobResumed"
)

// Config configures a Controller. Zero values are the documented defaults.
type Config struct {
	// Client reaches the API server. Required.
	Client *client.Client
	// Clock drives activeDeadlineSeconds, the pod-failure backoff, startTime
	// and condition times; nil means the real clock.
	Clock clock.Clock
	// Workers is how many Jobs are synced at once; default 5.
	Workers int
	// Logger; nil discards.
	Logger *slog.Logger
}

// Validate reports a config that cannot work.
func (c *Config) Validate() error {
	if c.Client == nil {
		return errors.New("job: Config.Client is required")
	}
	if c.Workers < 0 {
		return errors.New("job: Workers must not be negative")
	}
	return nil
}

// Controller runs the pods of Jobs. Create it with New and start it with Run.
type Controller struct {
	cfg   Config
	clock clock.Clock
	log   *slog.Logger

	jobs    *client.Lister[*apiobj.Job] // set by Run
	pods    *client.Lister[*apiobj.Pod]
	queue   workqueue.RateLimiting[string]
	started atomic.Bool

	mu sync.Mutex // guards backoff, released, expect, written and wakeups
	// backoff counts consecutive pod failures, by job key.
	backoff map[string]*backoffRecord
	// released holds pods whose tracking finalizer this controller removed
	// while the pod cache may still show it; such pods are never counted
	// again. An entry goes when the cache shows the pod without it.
	released map[apiobj.UID]struct{}
	// expect holds, by job key, pod creations and deletions this
	// controller made that the pod cache has not shown yet; a Job's pods
	// are not managed again until it has, so a stale cache never causes
	// extra pods.
	expect map[string]*expectations
	// written holds, by job key, the resourceVersion of this controller's
	// last status write until the Job cache has caught up with it; a sync
	// on an older cached Job would count from stale numbers.
	written map[string]string
	// wakeups holds the pending timed requeue of each Job.
	wakeups map[string]wakeup
}

// expectations are the pod changes one sync made, not yet observed.
type expectations struct {
	adds int
	dels map[apiobj.UID]bool
	at   time.Time // when set; after expectationsTimeout they are ignored
}

// expectationsTimeout bounds how long a lost watch event can hold up a
// Job, as Kubernetes' 5 minutes.
const expectationsTimeout = 5 * time.Minute

// backoffRecord counts consecutive pod failures of one Job.
type backoffRecord struct {
	failures    int
	lastFailure time.Time
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
	return &Controller{cfg: cfg, clock: clock.OrReal(cfg.Clock), log: cfg.Logger, backoff: map[string]*backoffRecord{}, released: map[apiobj.UID]struct{}{}, expect: map[string]*expectations{}, written: map[string]string{}, wakeups: map[string]wakeup{}}, nil
}

// Run watches Jobs and pods and syncs Jobs with Workers goroutines. It
// blocks until ctx is done and returns after its goroutines have stopped. A
// controller runs once.
func (c *Controller) Run(ctx context.Context) error {
	if !c.started.CompareAndSwap(false, true) {
		return errors.New("job: already started")
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
		for _, w := range c.wakeups {
			w.timer.Stop()
		}
		c.mu.Unlock()
	}()
	jinf := client.NewInformer(client.For[*apiobj.Job](c.cfg.Client), client.InformerOptions[*apiobj.Job]{})
	pinf := client.NewInformer(client.For[*apiobj.Pod](c.cfg.Client), client.InformerOptions[*apiobj.Pod]{})
	c.jobs, c.pods = jinf.Lister(), pinf.Lister()
	jinf.AddHandler(client.HandlerFuncs[*apiobj.Job]{
		AddFunc:    func(j *apiobj.Job, _ bool) { c.queue.Add(client.Key(j)) },
		UpdateFunc: func(_, j *apiobj.Job) { c.queue.Add(client.Key(j)) },
		DeleteFunc: func(j *apiobj.Job, _ bool) {
			c.mu.Lock()
			delete(c.backoff, client.Key(j))
			delete(c.expect, client.Key(j))
			delete(c.written, client.Key(j))
			if w, ok := c.wakeups[client.Key(j)]; ok {
				w.timer.Stop()
				delete(c.wakeups, client.Key(j))
			}
			c.mu.Unlock()
			c.queue.Add(client.Key(j)) // to release orphaned pods
		},
	})
	// observe notes a pod event: added says the pod is new to the cache,
	// gone that it is deleted or terminating.
	observe := func(p *apiobj.Pod, added, gone bool) {
		ref := apiobj.ControllerRef(p)
		if ref == nil || ref.Kind != "Job" {
			return
		}
		key := p.Namespace + "/" + ref.Name
		c.mu.Lock()
		if !hasFinalizer(p) || gone && p.DeletionTimestamp == nil {
			delete(c.released, p.UID)
		}
		if e := c.expect[key]; e != nil {
			if added {
				e.adds--
			}
			if gone {
				delete(e.dels, p.UID)
			}
		}
		c.mu.Unlock()
		c.queue.Add(key)
	}
	pinf.AddHandler(client.HandlerFuncs[*apiobj.Pod]{
		AddFunc:    func(p *apiobj.Pod, _ bool) { observe(p, true, p.DeletionTimestamp != nil) },
		UpdateFunc: func(_, p *apiobj.Pod) { observe(p, false, p.DeletionTimestamp != nil) },
		DeleteFunc: func(p *apiobj.Pod, _ bool) { observe(p, false, true) },
	})
	wg.Go(func() { _ = jinf.Run(ctx) })
	wg.Go(func() { _ = pinf.Run(ctx) })
	if !jinf.WaitForCacheSync(ctx) || !pinf.WaitForCacheSync(ctx) {
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
			c.log.Info("job sync will be retried", "job", key, "err", err)
			c.queue.AddRateLimited(key)
		}
		c.queue.Done(key)
	}
}

// requeueAfter syncs key again once d has passed on the controller's
// clock. Each Job keeps one pending wake-up, the earliest asked for.
func (c *Controller) requeueAfter(key string, d time.Duration) {
	at := c.clock.Now().Add(d)
	c.mu.Lock()
	defer c.mu.Unlock()
	if w, ok := c.wakeups[key]; ok && !w.at.After(at) && w.at.After(c.clock.Now()) {
		return
	} else if ok {
		w.timer.Stop()
	}
	c.wakeups[key] = wakeup{at: at, timer: c.clock.AfterFunc(d, func() { c.queue.Add(key) })}
}

// wakeup is a pending requeue of one Job.
type wakeup struct {
	at    time.Time
	timer clock.Timer
}

// Selector returns the label selector of j's pods: spec.selector, or, when
// it is nil and manualSelector is not true, the one Kubernetes' API server
// would have generated (batch.kubernetes.io/controller-uid=<uid>).
func Selector(j *apiobj.Job) (labels.Selector, error) {
	if j.Spec.Selector != nil {
		return apiobj.LabelSelectorAsSelector(j.Spec.Selector)
	}
	if j.Spec.ManualSelector != nil && *j.Spec.ManualSelector {
		return labels.Nothing(), nil
	}
	return labels.SelectorFromSet(labels.Set{apiobj.ControllerUIDLabel: string(j.UID)}), nil
}

func isIndexed(j *apiobj.Job) bool {
	return j.Spec.CompletionMode != nil && *j.Spec.CompletionMode == apiobj.IndexedCompletion
}

func condition(j *apiobj.Job, t apiobj.JobConditionType) *apiobj.JobCondition {
	for i := range j.Status.Conditions {
		if j.Status.Conditions[i].Type == t && j.Status.Conditions[i].Status == apiobj.ConditionTrue {
			return &j.Status.Conditions[i]
		}
	}
	return nil
}

// IsFinished reports whether j has a Complete or Failed condition.
func IsFinished(j *apiobj.Job) (apiobj.JobConditionType, bool) {
	for _, t := range []apiobj.JobConditionType{apiobj.JobComplete, apiobj.JobFailed} {
		if condition(j, t) != nil {
			return t, true
		}
	}
	return "", false
}

// setCondition sets condition t to status, keeping the transition time
// when the status does not change. It reports whether anything changed.
func setCondition(j *apiobj.Job, t apiobj.JobConditionType, status apiobj.ConditionStatus, reason, msg string, now time.Time) bool {
	for i := range j.Status.Conditions {
		cd := &j.Status.Conditions[i]
		if cd.Type != t {
			continue
		}
		if cd.Status == status && cd.Reason == reason && cd.Message == msg {
			return false
		}
		if cd.Status != status {
			cd.LastTransitionTime = apiobj.NewTime(now)
		}
		cd.Status, cd.Reason, cd.Message, cd.LastProbeTime = status, reason, msg, apiobj.NewTime(now)
		return true
	}
	j.Status.Conditions = append(j.Status.Conditions, apiobj.JobCondition{Type: t, Status: status, Reason: reason, Message: msg,
		LastProbeTime: apiobj.NewTime(now), LastTransitionTime: apiobj.NewTime(now)})
	return true
}

func podFinished(p *apiobj.Pod) bool {
	return p.Status.Phase == apiobj.PodSucceeded || p.Status.Phase == apiobj.PodFailed
}

func hasFinalizer(p *apiobj.Pod) bool {
	return slices.Contains(p.Finalizers, apiobj.JobTrackingFinalizer)
}

// completionIndex returns the pod's completion index, or -1.
func completionIndex(p *apiobj.Pod) int {
	v, ok := p.Annotations[apiobj.JobCompletionIndexAnnotation]
	if !ok {
		v, ok = p.Labels[apiobj.JobCompletionIndexAnnotation]
	}
	if !ok {
		return -1
	}
	i, err := strconv.Atoi(v)
	if err != nil || i < 0 {
		return -1
	}
	return i
}

// sync converges one Job. It is idempotent: pods are counted through
// status.uncountedTerminatedPods and the tracking finalizer, so a pod seen
// again is never counted twice.
func (c *Controller) sync(ctx context.Context, key string) error {
	ns, name, _ := strings.Cut(key, "/")
	cached, err := c.jobs.Namespace(ns).Get(name)
	if errdefs.IsNotFound(err) {
		return c.releaseOrphans(ctx, ns, name)
	}
	if err != nil {
		return err
	}
	if m := cached.Spec.ManagedBy; m != nil && *m != "kubernetes.io/job-controller" {
		return nil
	}
	c.mu.Lock()
	rv, stale := c.written[key]
	if stale && !rvAtLeast(cached.ResourceVersion, rv) {
		c.mu.Unlock()
		return nil // the Job's update event will bring it back
	}
	delete(c.written, key)
	c.mu.Unlock()
	j := cached.DeepCopy()
	now := c.clock.Now()
	sel, err := Selector(j)
	if err != nil {
		return err
	}
	var pods []*apiobj.Pod
	for _, p := range c.pods.Namespace(ns).List(sel) {
		if apiobj.IsControlledBy(p, j) {
			pods = append(pods, p)
		}
	}
	_, finished := IsFinished(j)
	if finished || j.DeletionTimestamp != nil {
		// Release whatever the Job still holds.
		for _, p := range pods {
			if c.holds(p) {
				if err := c.removeFinalizer(ctx, p); err != nil {
					return err
				}
			}
		}
		return nil
	}

	if j.Status.UncountedTerminatedPods == nil {
		j.Status.UncountedTerminatedPods = &apiobj.UncountedTerminatedPods{}
	}
	unc := j.Status.UncountedTerminatedPods
	completions := -1
	if j.Spec.Completions != nil {
		completions = int(*j.Spec.Completions)
	}
	done := parseIndexes(j.Status.CompletedIndexes, completions)

	// 1. Note newly finished pods as uncounted.
	var active, terminating []*apiobj.Pod
	var toRelease []*apiobj.Pod
	var failJob string
	var newFailures int
	for _, p := range pods {
		switch {
		case podFinished(p):
			if !c.holds(p) {
				continue
			}
			toRelease = append(toRelease, p)
			if slices.Contains(unc.Succeeded, p.UID) || slices.Contains(unc.Failed, p.UID) {
				continue
			}
			if p.Status.Phase == apiobj.PodSucceeded {
				if isIndexed(j) {
					ix := completionIndex(p)
					if ix < 0 || ix >= completions || done[ix] {
						continue
					}
					done[ix] = true
				}
				unc.Succeeded = append(unc.Succeeded, p.UID)
				continue
			}
			action, msg := matchPodFailurePolicy(j.Spec.PodFailurePolicy, p)
			switch action {
			case apiobj.PodFailurePolicyActionIgnore:
				continue
			case apiobj.PodFailurePolicyActionFailJob:
				if failJob == "" {
					failJob = msg
				}
			}
			newFailures++
			unc.Failed = append(unc.Failed, p.UID)
		case p.DeletionTimestamp != nil:
			terminating = append(terminating, p)
			if c.holds(p) {
				toRelease = append(toRelease, p)
			}
		default:
			active = append(active, p)
		}
	}
	if newFailures > 0 {
		c.mu.Lock()
		r := c.backoff[key]
		if r == nil {
			r = &backoffRecord{}
			c.backoff[key] = r
		}
		r.failures += newFailures
		r.lastFailure = now
		c.mu.Unlock()
	}
	if isIndexed(j) {
		j.Status.CompletedIndexes = formatIndexes(done)
	}
	if !equalStatus(&cached.Status, &j.Status) {
		// Record the uncounted pods before any finalizer goes.
		if j, err = c.updateStatus(ctx, j); err != nil {
			return err
		}
		unc = j.Status.UncountedTerminatedPods
	}

	// 2. Release the finished and terminating pods.
	for _, p := range toRelease {
		if err := c.removeFinalizer(ctx, p); err != nil {
			return err
		}
	}

	// 3. Move released pods from uncounted to the counters.
	released := func(uid apiobj.UID) bool {
		for _, p := range pods {
			if p.UID == uid {
				return !c.holds(p) || slices.ContainsFunc(toRelease, func(q *apiobj.Pod) bool { return q.UID == uid })
			}
		}
		return true // gone
	}
	var succ, fail []apiobj.UID
	for _, u := range unc.Succeeded {
		if released(u) {
			j.Status.Succeeded++
		} else {
			succ = append(succ, u)
		}
	}
	for _, u := range unc.Failed {
		if released(u) {
			j.Status.Failed++
		} else {
			fail = append(fail, u)
		}
	}
	unc.Succeeded, unc.Failed = succ, fail
	if j.Status.Succeeded > 0 && newFailures == 0 {
		// A success ends the run of consecutive failures.
		c.mu.Lock()
		if r := c.backoff[key]; r != nil && r.lastFailure.Before(now) {
			delete(c.backoff, key)
		}
		c.mu.Unlock()
	}

	// 4. Decide what the Job wants now.
	suspended := j.Spec.Suspend != nil && *j.Spec.Suspend
	switch {
	case suspended:
		setCondition(j, apiobj.JobSuspended, apiobj.ConditionTrue, ReasonSuspended, "Job suspended", now)
	case condition(j, apiobj.JobSuspended) != nil:
		// Resuming restarts the activeDeadlineSeconds clock.
		setCondition(j, apiobj.JobSuspended, apiobj.ConditionFalse, ReasonResumed, "Job resumed", now)
		j.Status.StartTime = ptrTime(now)
	}
	if !suspended && j.Status.StartTime == nil {
		j.Status.StartTime = ptrTime(now)
	}

	succeeded := int(j.Status.Succeeded)
	if isIndexed(j) {
		succeeded = len(done)
	}
	complete := false
	switch {
	case completions >= 0:
		complete = succeeded >= completions
	default:
		complete = succeeded > 0 && len(active) == 0
	}
	var failReason, failMsg string
	switch {
	case condition(j, apiobj.JobFailureTarget) != nil:
	case failJob != "":
		failReason, failMsg = ReasonPodFailurePolicy, failJob
	case j.Spec.BackoffLimit != nil && j.Status.Failed+int32(len(unc.Failed)) > *j.Spec.BackoffLimit:
		failReason, failMsg = ReasonBackoffLimitExceeded, "Job has reached the specified backoff limit"
	case !suspended && j.Spec.ActiveDeadlineSeconds != nil && j.Status.StartTime != nil:
		left := j.Status.StartTime.Add(time.Duration(*j.Spec.ActiveDeadlineSeconds) * time.Second).Sub(now)
		if left <= 0 {
			failReason, failMsg = ReasonDeadlineExceeded, "Job was active longer than specified deadline"
		} else {
			c.requeueAfter(key, left)
		}
	}
	if failReason != "" {
		setCondition(j, apiobj.JobFailureTarget, apiobj.ConditionTrue, failReason, failMsg, now)
	} else if complete && condition(j, apiobj.JobFailureTarget) == nil {
		setCondition(j, apiobj.JobSuccessCriteriaMet, apiobj.ConditionTrue, ReasonCompletionsReached, "Reached expected number of succeeded pods", now)
	}
	ending := condition(j, apiobj.JobFailureTarget) != nil || condition(j, apiobj.JobSuccessCriteriaMet) != nil

	// 5. Create or delete pods.
	switch {
	case ending || suspended:
		for _, p := range active {
			if err := c.deletePod(ctx, key, p); err != nil {
				return err
			}
			terminating = append(terminating, p)
		}
		active = nil
	case c.satisfied(key):
		if active, terminating, err = c.manageActive(ctx, key, j, active, terminating, done, now); err != nil {
			return err
		}
	}

	// 6. Status.
	j.Status.Active = int32(len(active))
	var ready int32
	for _, p := range active {
		if apiobj.IsPodReady(p) {
			ready++
		}
	}
	j.Status.Ready = &ready
	j.Status.Terminating = apiobj.Int32(int32(len(terminating)))
	if ending && len(terminating) == 0 && len(unc.Succeeded) == 0 && len(unc.Failed) == 0 {
		if ft := condition(j, apiobj.JobFailureTarget); ft != nil {
			setCondition(j, apiobj.JobFailed, apiobj.ConditionTrue, ft.Reason, ft.Message, now)
		} else if sc := condition(j, apiobj.JobSuccessCriteriaMet); sc != nil {
			setCondition(j, apiobj.JobComplete, apiobj.ConditionTrue, sc.Reason, sc.Message, now)
			j.Status.CompletionTime = ptrTime(now)
		}
	}
	if len(unc.Succeeded) == 0 && len(unc.Failed) == 0 {
		j.Status.UncountedTerminatedPods = &apiobj.UncountedTerminatedPods{}
	}
	if !equalStatus(&cached.Status, &j.Status) {
		_, err = c.updateStatus(ctx, j)
	}
	return err
}

// manageActive creates missing pods and deletes excess ones, and returns
// the active and terminating pods after that.
func (c *Controller) manageActive(ctx context.Context, key string, j *apiobj.Job, active, terminating []*apiobj.Pod, done map[int]bool, now time.Time) ([]*apiobj.Pod, []*apiobj.Pod, error) {
	parallelism := 1
	if j.Spec.Parallelism != nil {
		parallelism = int(*j.Spec.Parallelism)
	}
	var want int
	var indexes []int // Indexed: indexes to create, lowest first
	if isIndexed(j) {
		completions := int(*j.Spec.Completions)
		running := map[int]bool{}
		var keep []*apiobj.Pod
		for _, p := range active {
			ix := completionIndex(p)
			if ix < 0 || ix >= completions || done[ix] || running[ix] {
				// Out of range, already done, or a duplicate.
				if err := c.deletePod(ctx, key, p); err != nil {
					return nil, nil, err
				}
				terminating = append(terminating, p)
				continue
			}
			running[ix] = true
			keep = append(keep, p)
		}
		active = keep
		for ix := 0; ix < completions && len(indexes)+len(active) < parallelism; ix++ {
			if !done[ix] && !running[ix] {
				indexes = append(indexes, ix)
			}
		}
		want = len(active) + len(indexes)
	} else {
		switch {
		case j.Spec.Completions == nil && j.Status.Succeeded > 0:
			want = 0
		case j.Spec.Completions == nil:
			want = parallelism
		default:
			want = min(parallelism, max(0, int(*j.Spec.Completions)-int(j.Status.Succeeded)-len(j.Status.UncountedTerminatedPods.Succeeded)))
		}
	}
	if len(active) > want {
		// Delete the newest first.
		slices.SortFunc(active, func(a, b *apiobj.Pod) int { return b.CreationTimestamp.Compare(a.CreationTimestamp.Time) })
		for _, p := range active[:len(active)-want] {
			if err := c.deletePod(ctx, key, p); err != nil {
				return nil, nil, err
			}
			terminating = append(terminating, p)
		}
		return active[len(active)-want:], terminating, nil
	}
	n := want - len(active)
	if n == 0 {
		return active, terminating, nil
	}
	if j.Spec.PodReplacementPolicy != nil && *j.Spec.PodReplacementPolicy == apiobj.PodReplacementFailed && len(terminating) > 0 {
		// Replacements wait until the terminating pods are gone.
		return active, terminating, nil
	}
	c.mu.Lock()
	var wait time.Duration
	if r := c.backoff[key]; r != nil && r.failures > 0 {
		d := DefaultBackoff
		for i := 1; i < r.failures && d < MaxBackoff; i++ {
			d *= 2
		}
		wait = r.lastFailure.Add(min(d, MaxBackoff)).Sub(now)
	}
	c.mu.Unlock()
	if wait > 0 {
		c.requeueAfter(key, wait)
		return active, terminating, nil
	}
	c.mu.Lock()
	e := c.expectLocked(key)
	e.adds += n
	c.mu.Unlock()
	for i := range n {
		ix := -1
		if indexes != nil {
			ix = indexes[i]
		}
		p, err := client.For[*apiobj.Pod](c.cfg.Client).Namespace(j.Namespace).Create(ctx, newPod(j, ix))
		if err != nil {
			c.mu.Lock()
			e.adds -= n - i // these will never be observed
			c.mu.Unlock()
			return nil, nil, fmt.Errorf("job: creating pod for %s: %w", key, err)
		}
		active = append(active, p)
	}
	return active, terminating, nil
}

// newPod makes a pod from j's template; ix is the completion index, or -1.
func newPod(j *apiobj.Job, ix int) *apiobj.Pod {
	t := j.Spec.Template.DeepCopy()
	p := &apiobj.Pod{ObjectMeta: t.ObjectMeta, Spec: t.Spec}
	p.Name, p.Namespace, p.ResourceVersion, p.UID = "", j.Namespace, "", ""
	p.GenerateName = j.Name + "-"
	p.Labels = maps.Clone(p.Labels)
	if p.Labels == nil {
		p.Labels = map[string]string{}
	}
	if j.Spec.Selector == nil && (j.Spec.ManualSelector == nil || !*j.Spec.ManualSelector) {
		p.Labels[apiobj.ControllerUIDLabel] = string(j.UID)
		p.Labels[apiobj.LegacyControllerUIDLabel] = string(j.UID)
		p.Labels[apiobj.JobNameLabel] = j.Name
		p.Labels[apiobj.LegacyJobNameLabel] = j.Name
	}
	p.Finalizers = append(p.Finalizers, apiobj.JobTrackingFinalizer)
	p.OwnerReferences = []apiobj.OwnerReference{apiobj.NewControllerRef(j, apiobj.BatchV1.WithKind("Job"))}
	if ix >= 0 {
		s := strconv.Itoa(ix)
		p.GenerateName = fmt.Sprintf("%s-%d-", j.Name, ix)
		if p.Annotations == nil {
			p.Annotations = map[string]string{}
		}
		p.Annotations[apiobj.JobCompletionIndexAnnotation] = s
		p.Labels[apiobj.JobCompletionIndexAnnotation] = s
		p.Spec.Hostname = fmt.Sprintf("%s-%d", j.Name, ix)
		env := apiobj.EnvVar{Name: "JOB_COMPLETION_INDEX", ValueFrom: &apiobj.EnvVarSource{FieldRef: &apiobj.ObjectFieldSelector{
			FieldPath: "metadata.annotations['" + apiobj.JobCompletionIndexAnnotation + "']"}}}
		for i := range p.Spec.InitContainers {
			p.Spec.InitContainers[i].Env = append(p.Spec.InitContainers[i].Env, env)
		}
		for i := range p.Spec.Containers {
			p.Spec.Containers[i].Env = append(p.Spec.Containers[i].Env, env)
		}
	}
	return p
}

func (c *Controller) deletePod(ctx context.Context, key string, p *apiobj.Pod) error {
	if p.DeletionTimestamp != nil {
		return nil
	}
	c.mu.Lock()
	e := c.expectLocked(key)
	e.dels[p.UID] = true
	c.mu.Unlock()
	err := client.For[*apiobj.Pod](c.cfg.Client).Namespace(p.Namespace).Delete(ctx, p.Name, client.DeleteOptions{UID: p.UID})
	if err != nil {
		c.mu.Lock()
		delete(e.dels, p.UID)
		c.mu.Unlock()
	}
	if errdefs.IsNotFound(err) || errdefs.IsConflict(err) {
		return nil
	}
	return err
}

// expectLocked returns key's expectations, made fresh when they were
// satisfied. c.mu must be held.
func (c *Controller) expectLocked(key string) *expectations {
	e := c.expect[key]
	if e == nil || e.adds <= 0 && len(e.dels) == 0 {
		e = &expectations{dels: map[apiobj.UID]bool{}, at: c.clock.Now()}
		c.expect[key] = e
	}
	return e
}

// satisfied reports whether the pod cache has shown every pod change the
// last syncs of key made (or they timed out).
func (c *Controller) satisfied(key string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.expect[key]
	if e == nil || e.adds <= 0 && len(e.dels) == 0 {
		return true
	}
	return c.clock.Now().Sub(e.at) > expectationsTimeout
}

// removeFinalizer removes the tracking finalizer from p, retrying on
// conflicts with a fresh read.
func (c *Controller) removeFinalizer(ctx context.Context, p *apiobj.Pod) error {
	pods := client.For[*apiobj.Pod](c.cfg.Client).Namespace(p.Namespace)
	for range 5 {
		out := p.DeepCopy()
		out.Finalizers = slices.DeleteFunc(out.Finalizers, func(f string) bool { return f == apiobj.JobTrackingFinalizer })
		_, err := pods.Update(ctx, out)
		if err == nil || errdefs.IsNotFound(err) {
			c.mu.Lock()
			c.released[p.UID] = struct{}{}
			c.mu.Unlock()
			return nil
		}
		if !errdefs.IsConflict(err) {
			return err
		}
		if p, err = pods.Get(ctx, p.Name); err != nil {
			return client.IgnoreNotFound(err)
		}
		if !hasFinalizer(p) {
			return nil
		}
	}
	return fmt.Errorf("job: removing finalizer of pod %s/%s: too many conflicts", p.Namespace, p.Name)
}

// holds reports whether p still carries the tracking finalizer as far as
// this controller knows.
func (c *Controller) holds(p *apiobj.Pod) bool {
	if !hasFinalizer(p) {
		return false
	}
	c.mu.Lock()
	_, gone := c.released[p.UID]
	c.mu.Unlock()
	return !gone
}

// releaseOrphans removes the tracking finalizer from the pods of a Job
// that no longer exists.
func (c *Controller) releaseOrphans(ctx context.Context, ns, name string) error {
	for _, p := range c.pods.Namespace(ns).List(labels.Everything()) {
		if ref := apiobj.ControllerRef(p); ref != nil && ref.Kind == "Job" && ref.Name == name && c.holds(p) {
			if err := c.removeFinalizer(ctx, p); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *Controller) updateStatus(ctx context.Context, j *apiobj.Job) (*apiobj.Job, error) {
	out, err := client.For[*apiobj.Job](c.cfg.Client).Namespace(j.Namespace).UpdateStatus(ctx, j)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.written[client.Key(out)] = out.ResourceVersion
	c.mu.Unlock()
	if out.Status.UncountedTerminatedPods == nil {
		out.Status.UncountedTerminatedPods = &apiobj.UncountedTerminatedPods{}
	}
	return out, nil
}

func equalStatus(a, b *apiobj.JobStatus) bool {
	ca, cb := a.DeepCopy(), b.DeepCopy()
	for _, s := range []*apiobj.JobStatus{ca, cb} {
		if s.UncountedTerminatedPods != nil && len(s.UncountedTerminatedPods.Succeeded) == 0 && len(s.UncountedTerminatedPods.Failed) == 0 {
			s.UncountedTerminatedPods = nil
		}
	}
	return reflect.DeepEqual(ca, cb)
}

// rvAtLeast reports whether resourceVersion have is at least want. Versions
// that are not integers compare only for equality.
func rvAtLeast(have, want string) bool {
	h, err1 := strconv.ParseUint(have, 10, 64)
	w, err2 := strconv.ParseUint(want, 10, 64)
	if err1 != nil || err2 != nil {
		return have == want
	}
	return h >= w
}

func ptrTime(t time.Time) *apiobj.Time { v := apiobj.NewTime(t); return &v }
