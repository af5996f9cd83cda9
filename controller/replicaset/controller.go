package replicaset

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/workqueue"
	"github.com/orcaproj/orca/errdefs"
)

// BurstReplicas caps the pods created or deleted in one sync, as Kubernetes.
const BurstReplicas = 500

// Reasons of the ReplicaFailure condition.
const (
	ReasonFailedCreate = "FailedCreate"
	ReasonFailedDelete = "FailedDelete"
)

var rsKind = apiobj.AppsV1.WithKind("ReplicaSet")

// Config configures a Controller. Zero values are the documented defaults.
type Config struct {
	// Client reaches the API server. Required. The controller needs get,
	// list, watch and update (status) on replicasets, and list, watch,
	// create, update and delete on pods.
	Client *client.Client
	// Workers is how many ReplicaSets are synced at once; default 5
	// (kube-controller-manager's --concurrent-replicaset-syncs).
	Workers int
	// Resync is how often every ReplicaSet is looked at again; default
	// 10 minutes.
	Resync time.Duration
	// MaxRetryDelay caps the per-ReplicaSet exponential backoff (from 5 ms)
	// of failed syncs; default 1000 s, as Kubernetes.
	MaxRetryDelay time.Duration
	// ExpectationsTimeout is how long creations and deletions the
	// controller made are waited for in the informer before it acts on its
	// cache regardless; default 5 minutes.
	ExpectationsTimeout time.Duration
	// Registerer, when set, receives the work queue's metrics (named
	// replicaset).
	Registerer prometheus.Registerer
	// Logger; nil discards.
	Logger *slog.Logger
}

// Validate reports a config that cannot work.
func (c *Config) Validate() error {
	if c.Client == nil {
		return errors.New("replicaset: Config.Client is required")
	}
	if c.Workers < 0 || c.Resync < 0 || c.MaxRetryDelay < 0 || c.ExpectationsTimeout < 0 {
		return errors.New("replicaset: Workers, Resync, MaxRetryDelay and ExpectationsTimeout must not be negative")
	}
	return nil
}

func (c Config) withDefaults() Config {
	if c.Workers == 0 {
		c.Workers = 5
	}
	if c.Resync == 0 {
		c.Resync = 10 * time.Minute
	}
	if c.MaxRetryDelay == 0 {
		c.MaxRetryDelay = 1000 * time.Second
	}
	if c.ExpectationsTimeout == 0 {
		c.ExpectationsTimeout = ExpectationsTimeout
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// Controller keeps ReplicaSets' pods at their replica counts. Create it with
// New and start it with Run.
type Controller struct {
	cfg Config
	log *slog.Logger
	exp *expectations
	rec *recorder

	rsInf  *client.Informer[*apiobj.ReplicaSet]
	podInf *client.Informer[*apiobj.Pod]
	// Set by Run before any handler or worker starts.
	queue   workqueue.RateLimiting[string]
	started atomic.Bool
}

// New returns a controller for cfg. It does nothing until Run.
func New(cfg Config) (*Controller, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	return &Controller{cfg: cfg, log: cfg.Logger, exp: newExpectations(cfg.ExpectationsTimeout),
		rec:    newRecorder(cfg.Client, cfg.Logger),
		rsInf:  client.NewInformer(client.For[*apiobj.ReplicaSet](cfg.Client), client.InformerOptions[*apiobj.ReplicaSet]{Resync: cfg.Resync}),
		podInf: client.NewInformer(client.For[*apiobj.Pod](cfg.Client), client.InformerOptions[*apiobj.Pod]{}),
	}, nil
}

// Run watches ReplicaSets and pods and syncs ReplicaSets with Workers
// goroutines. It blocks until ctx is done and returns after its goroutines
// have stopped. A controller runs once.
func (c *Controller) Run(ctx context.Context) error {
	if !c.started.CompareAndSwap(false, true) {
		return errors.New("replicaset: already started")
	}
	qc := workqueue.Config[string]{
		RateLimiter: workqueue.NewExponentialBackoff[string](workqueue.DefaultBaseDelay, c.cfg.MaxRetryDelay),
	}
	if c.cfg.Registerer != nil {
		qc.Name, qc.Registerer = "replicaset", c.cfg.Registerer
	}
	c.queue = workqueue.New(qc)

	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel()
		c.queue.ShutDown()
		wg.Wait()
	}()
	c.rsInf.AddHandler(client.HandlerFuncs[*apiobj.ReplicaSet]{
		AddFunc:    func(rs *apiobj.ReplicaSet, _ bool) { c.queue.Add(client.Key(rs)) },
		UpdateFunc: func(_, rs *apiobj.ReplicaSet) { c.queue.Add(client.Key(rs)) },
		DeleteFunc: func(rs *apiobj.ReplicaSet, _ bool) {
			c.exp.forget(client.Key(rs))
			c.queue.Add(client.Key(rs))
		},
	})
	c.podInf.AddHandler(client.HandlerFuncs[*apiobj.Pod]{
		AddFunc:    func(p *apiobj.Pod, _ bool) { c.addPod(p) },
		UpdateFunc: c.updatePod,
		DeleteFunc: func(p *apiobj.Pod, _ bool) { c.deletePod(p) },
	})
	wg.Go(func() { c.rec.run(ctx) })
	wg.Go(func() { _ = c.rsInf.Run(ctx) })
	wg.Go(func() { _ = c.podInf.Run(ctx) })
	if !c.rsInf.WaitForCacheSync(ctx) || !c.podInf.WaitForCacheSync(ctx) {
		return nil
	}
	for range c.cfg.Workers {
		wg.Go(func() { c.runWorker(ctx) })
	}
	<-ctx.Done()
	return nil
}

// HasSynced reports whether Run's informers have listed once.
func (c *Controller) HasSynced() bool {
	return c.rsInf.HasSynced() && c.podInf.HasSynced()
}

// resolve returns the ReplicaSet ref points at, if it is in the cache with
// the same UID.
func (c *Controller) resolve(ns string, ref *apiobj.OwnerReference) *apiobj.ReplicaSet {
	if ref == nil || ref.Kind != "ReplicaSet" {
		return nil
	}
	rs, err := c.rsInf.Lister().Namespace(ns).Get(ref.Name)
	if err != nil || rs.UID != ref.UID {
		return nil
	}
	return rs
}

// matching returns the ReplicaSets whose selector matches pod's labels.
func (c *Controller) matching(pod *apiobj.Pod) []*apiobj.ReplicaSet {
	var out []*apiobj.ReplicaSet
	for _, rs := range c.rsInf.Lister().Namespace(pod.Namespace).List(nil) {
		sel, err := apiobj.LabelSelectorAsSelector(rs.Spec.Selector)
		if err != nil || sel.Empty() {
			continue
		}
		if sel.Matches(labels.Set(pod.Labels)) {
			out = append(out, rs)
		}
	}
	return out
}

func (c *Controller) addPod(pod *apiobj.Pod) {
	if pod.DeletionTimestamp != nil {
		c.deletePod(pod)
		return
	}
	if ref := apiobj.ControllerRef(pod); ref != nil {
		if rs := c.resolve(pod.Namespace, ref); rs != nil {
			key := client.Key(rs)
			c.exp.creationObserved(key)
			c.queue.Add(key)
		}
		return
	}
	for _, rs := range c.matching(pod) {
		c.queue.Add(client.Key(rs))
	}
}

func (c *Controller) updatePod(old, cur *apiobj.Pod) {
	if old.ResourceVersion == cur.ResourceVersion {
		return // resync; ReplicaSets resync on their own
	}
	labelsChanged := !reflect.DeepEqual(old.Labels, cur.Labels)
	if cur.DeletionTimestamp != nil {
		c.deletePod(cur)
		if labelsChanged {
			c.deletePod(old)
		}
		return
	}
	curRef, oldRef := apiobj.ControllerRef(cur), apiobj.ControllerRef(old)
	if oldRef != nil && (curRef == nil || curRef.UID != oldRef.UID) {
		if rs := c.resolve(old.Namespace, oldRef); rs != nil {
			c.queue.Add(client.Key(rs))
		}
	}
	if curRef != nil {
		rs := c.resolve(cur.Namespace, curRef)
		if rs == nil {
			return
		}
		c.queue.Add(client.Key(rs))
		// A pod that just became ready becomes available after
		// minReadySeconds; look again then.
		if rs.Spec.MinReadySeconds > 0 && !apiobj.IsPodReady(old) && apiobj.IsPodReady(cur) {
			c.queue.AddAfter(client.Key(rs), secs(rs.Spec.MinReadySeconds)+time.Second)
		}
		return
	}
	if labelsChanged || oldRef != nil {
		for _, rs := range c.matching(cur) {
			c.queue.Add(client.Key(rs))
		}
	}
}

func (c *Controller) deletePod(pod *apiobj.Pod) {
	rs := c.resolve(pod.Namespace, apiobj.ControllerRef(pod))
	if rs == nil {
		return
	}
	key := client.Key(rs)
	c.exp.deletionObserved(key, pod.UID)
	c.queue.Add(key)
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
			c.log.Info("replicaset sync failed, will retry", "replicaset", key, "err", err)
			c.queue.AddRateLimited(key)
		}
		c.queue.Done(key)
	}
}

func secs(n int32) time.Duration { return time.Duration(n) * time.Second }

func splitKey(key string) (ns, name string) {
	for i := range len(key) {
		if key[i] == '/' {
			return key[:i], key[i+1:]
		}
	}
	return "", key
}

// sync converges one ReplicaSet: claims its pods, creates or deletes the
// difference when its expectations are met, and writes its status. It is
// idempotent.
func (c *Controller) sync(ctx context.Context, key string) error {
	ns, name := splitKey(key)
	cached, err := c.rsInf.Lister().Namespace(ns).Get(name)
	if errdefs.IsNotFound(err) {
		c.exp.forget(key)
		return nil
	}
	if err != nil {
		return err
	}
	rs := cached.DeepCopy()
	satisfied := c.exp.satisfied(key)
	sel, err := apiobj.LabelSelectorAsSelector(rs.Spec.Selector)
	if err != nil {
		return nil // invalid selectors never pass validation; nothing to do
	}

	var active []*apiobj.Pod
	for _, p := range c.podInf.Lister().Namespace(ns).List(nil) {
		if isActive(p) {
			active = append(active, p)
		}
	}
	pods, err := c.claimPods(ctx, rs, sel, active)
	if err != nil {
		return err
	}

	var manageErr error
	if satisfied && rs.DeletionTimestamp == nil {
		var deleted map[apiobj.UID]bool
		deleted, manageErr = c.manageReplicas(ctx, key, rs, pods)
		// The status leaves out the pods just deleted: a Deployment reads
		// availableReplicas to decide how far it may scale down.
		pods = slices.DeleteFunc(pods, func(p *apiobj.Pod) bool { return deleted[p.UID] })
	}
	if err := c.updateStatus(ctx, rs, pods, manageErr); err != nil {
		return errors.Join(manageErr, err)
	}
	if manageErr != nil {
		return manageErr
	}
	if st := rs.Status; rs.Spec.MinReadySeconds > 0 && st.ReadyReplicas == replicas(rs) && st.AvailableReplicas != replicas(rs) {
		c.queue.AddAfter(key, secs(rs.Spec.MinReadySeconds))
	}
	return nil
}

func replicas(rs *apiobj.ReplicaSet) int32 {
	if rs.Spec.Replicas == nil {
		return 1
	}
	return *rs.Spec.Replicas
}

// isActive: neither terminal nor being deleted.
func isActive(p *apiobj.Pod) bool {
	return p.Status.Phase != apiobj.PodSucceeded && p.Status.Phase != apiobj.PodFailed && p.DeletionTimestamp == nil
}

// claimPods returns the pods rs owns after adopting matching orphans and
// releasing owned pods that no longer match. Adoption is skipped when a
// live read shows rs is being deleted or was replaced (another UID).
func (c *Controller) claimPods(ctx context.Context, rs *apiobj.ReplicaSet, sel labels.Selector, pods []*apiobj.Pod) ([]*apiobj.Pod, error) {
	pr := client.For[*apiobj.Pod](c.cfg.Client).Namespace(rs.Namespace)
	var out []*apiobj.Pod
	var errs []error
	checked, canAdopt := false, false
	for _, p := range pods {
		matches := !sel.Empty() && sel.Matches(labels.Set(p.Labels))
		ref := apiobj.ControllerRef(p)
		switch {
		case ref != nil && ref.UID == rs.UID:
			if matches {
				out = append(out, p)
				continue
			}
			if rs.DeletionTimestamp != nil {
				continue
			}
			cp := p.DeepCopy()
			apiobj.Orphan(cp, rs.UID)
			if _, err := pr.Update(ctx, cp); err != nil && !errdefs.IsNotFound(err) {
				errs = append(errs, fmt.Errorf("releasing pod %s: %w", p.Name, err))
			}
		case ref == nil && matches && rs.DeletionTimestamp == nil:
			if !checked {
				checked = true
				fresh, err := client.For[*apiobj.ReplicaSet](c.cfg.Client).Namespace(rs.Namespace).Get(ctx, rs.Name)
				canAdopt = err == nil && fresh.UID == rs.UID && fresh.DeletionTimestamp == nil
			}
			if !canAdopt {
				continue
			}
			cp := p.DeepCopy()
			if err := apiobj.Adopt(cp, rs, rsKind); err != nil {
				continue
			}
			got, err := pr.Update(ctx, cp)
			if err != nil {
				if !errdefs.IsNotFound(err) {
					errs = append(errs, fmt.Errorf("adopting pod %s: %w", p.Name, err))
				}
				continue
			}
			c.log.Debug("adopted pod", "replicaset", rs.Name, "pod", p.Name)
			out = append(out, got)
		}
	}
	return out, errors.Join(errs...)
}

// manageReplicas creates or deletes pods to reach the desired count, at most
// BurstReplicas at once, recording what it expects to see.
// It returns the pods it deleted.
func (c *Controller) manageReplicas(ctx context.Context, key string, rs *apiobj.ReplicaSet, pods []*apiobj.Pod) (map[apiobj.UID]bool, error) {
	diff := len(pods) - int(replicas(rs))
	switch {
	case diff < 0:
		n := min(-diff, BurstReplicas)
		c.exp.expectCreations(key, n)
		created, err := slowStart(n, 1, func() error { return c.createPod(ctx, rs) })
		for range n - created {
			c.exp.creationObserved(key) // never to be observed
		}
		return nil, err
	case diff > 0:
		n := min(diff, BurstReplicas)
		victims := append([]*apiobj.Pod(nil), pods...)
		sort.SliceStable(victims, func(i, j int) bool { return deletionOrder(victims[i], victims[j]) })
		victims = victims[:n]
		uids := make([]apiobj.UID, n)
		for i, p := range victims {
			uids[i] = p.UID
		}
		c.exp.expectDeletions(key, uids)
		pr := client.For[*apiobj.Pod](c.cfg.Client).Namespace(rs.Namespace)
		var mu sync.Mutex // guards errs and deleted
		var errs []error
		deleted := map[apiobj.UID]bool{}
		var wg sync.WaitGroup
		for _, p := range victims {
			wg.Go(func() {
				err := pr.Delete(ctx, p.Name, client.DeleteOptions{UID: p.UID})
				if err == nil || errdefs.IsNotFound(err) || errdefs.IsConflict(err) {
					mu.Lock()
					deleted[p.UID] = true
					mu.Unlock()
				}
				if err == nil {
					c.rec.event(rs, rsKind, false, "SuccessfulDelete", "Deleted pod: %s", p.Name)
					return
				}
				c.exp.deletionObserved(key, p.UID)
				if errdefs.IsNotFound(err) || errdefs.IsConflict(err) {
					return
				}
				c.rec.event(rs, rsKind, true, ReasonFailedDelete, "Error deleting: %v", err)
				mu.Lock()
				errs = append(errs, fmt.Errorf("deleting pod %s: %w", p.Name, err))
				mu.Unlock()
			})
		}
		wg.Wait()
		return deleted, deleteError{errors.Join(errs...)}.orNil()
	}
	return nil, nil
}

// deleteError marks a manageReplicas error as coming from deletions.
type deleteError struct{ err error }

func (e deleteError) Error() string { return e.err.Error() }
func (e deleteError) Unwrap() error { return e.err }
func (e deleteError) orNil() error {
	if e.err == nil {
		return nil
	}
	return e
}

// slowStart calls fn count times in batches of initial, 2*initial, 4*initial
// ... run concurrently, stopping after the first batch that has an error.
// It returns how many calls succeeded and the errors of the failing batch.
func slowStart(count, initial int, fn func() error) (int, error) {
	done := 0
	for batch := min(count, initial); count-done > 0; batch = min(2*batch, count-done) {
		errCh := make(chan error, batch)
		var wg sync.WaitGroup
		for range batch {
			wg.Go(func() {
				if err := fn(); err != nil {
					errCh <- err
				}
			})
		}
		wg.Wait()
		close(errCh)
		var errs []error
		for err := range errCh {
			errs = append(errs, err)
		}
		done += batch - len(errs)
		if len(errs) > 0 {
			return done, errors.Join(errs...)
		}
	}
	return done, nil
}

func (c *Controller) createPod(ctx context.Context, rs *apiobj.ReplicaSet) error {
	t := rs.Spec.Template.DeepCopy()
	pod := &apiobj.Pod{
		ObjectMeta: apiobj.ObjectMeta{
			GenerateName:    rs.Name + "-",
			Namespace:       rs.Namespace,
			Labels:          t.Labels,
			Annotations:     t.Annotations,
			Finalizers:      t.Finalizers,
			OwnerReferences: []apiobj.OwnerReference{apiobj.NewControllerRef(rs, rsKind)},
		},
		Spec: t.Spec,
	}
	got, err := client.For[*apiobj.Pod](c.cfg.Client).Namespace(rs.Namespace).Create(ctx, pod)
	if err != nil {
		c.rec.event(rs, rsKind, true, ReasonFailedCreate, "Error creating: %v", err)
		return err
	}
	c.rec.event(rs, rsKind, false, "SuccessfulCreate", "Created pod: %s", got.Name)
	return nil
}

// calculateStatus returns rs's status for the pods it owns.
func calculateStatus(rs *apiobj.ReplicaSet, pods []*apiobj.Pod, manageErr error, now apiobj.Time) apiobj.ReplicaSetStatus {
	st := rs.Status
	st.Conditions = append([]apiobj.ReplicaSetCondition(nil), rs.Status.Conditions...)
	tmpl := labels.SelectorFromSet(labels.Set(rs.Spec.Template.Labels))
	st.Replicas, st.FullyLabeledReplicas, st.ReadyReplicas, st.AvailableReplicas = int32(len(pods)), 0, 0, 0
	for _, p := range pods {
		if tmpl.Matches(labels.Set(p.Labels)) {
			st.FullyLabeledReplicas++
		}
		if apiobj.IsPodReady(p) {
			st.ReadyReplicas++
			if IsPodAvailable(p, rs.Spec.MinReadySeconds, now) {
				st.AvailableReplicas++
			}
		}
	}
	idx := -1
	for i := range st.Conditions {
		if st.Conditions[i].Type == apiobj.ReplicaSetReplicaFailure {
			idx = i
		}
	}
	switch {
	case manageErr != nil && idx < 0:
		reason := ReasonFailedCreate
		if errors.As(manageErr, new(deleteError)) {
			reason = ReasonFailedDelete
		}
		st.Conditions = append(st.Conditions, apiobj.ReplicaSetCondition{
			Type: apiobj.ReplicaSetReplicaFailure, Status: apiobj.ConditionTrue,
			LastTransitionTime: now, Reason: reason, Message: manageErr.Error(),
		})
	case manageErr == nil && idx >= 0:
		st.Conditions = append(st.Conditions[:idx], st.Conditions[idx+1:]...)
	}
	if len(st.Conditions) == 0 {
		st.Conditions = nil
	}
	return st
}

// updateStatus writes rs's status when it changed, and leaves the written
// status in rs.
func (c *Controller) updateStatus(ctx context.Context, rs *apiobj.ReplicaSet, pods []*apiobj.Pod, manageErr error) error {
	st := calculateStatus(rs, pods, manageErr, apiobj.Now())
	st.ObservedGeneration = rs.Generation
	if reflect.DeepEqual(st, rs.Status) {
		return nil
	}
	cp := rs.DeepCopy()
	cp.Status = st
	got, err := client.For[*apiobj.ReplicaSet](c.cfg.Client).Namespace(rs.Namespace).UpdateStatus(ctx, cp)
	if err != nil {
		return client.IgnoreNotFound(err) // a conflict retries with a fresh cache
	}
	rs.Status = got.Status
	return nil
}
