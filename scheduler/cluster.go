package scheduler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"sync"
	"sync/atomic"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/scheduler/framework"
)

// Event reasons and actions the cluster adapter records, as kube-scheduler
// does.
const (
	EventReasonScheduled        = "Scheduled"
	EventReasonFailedScheduling = "FailedScheduling"
	EventReasonPreempted        = "Preempted"
)

// neverExpire is the AssumedPodTTL of the cluster adapter: in effect,
// assumed pods do not expire.
const neverExpire = 100 * 365 * 24 * time.Hour

// podInformerSelector leaves out terminal pods, as kube-scheduler's pod
// informer does: a pod that succeeds or fails leaves the cache as a delete.
const podInformerSelector = "status.phase!=" + string(apiobj.PodSucceeded) + ",status.phase!=" + string(apiobj.PodFailed)

// ClusterConfig configures ForCluster. The zero value of each field is its
// documented default.
type ClusterConfig struct {
	// Config is the core's configuration. ForCluster fills in what the
	// cluster provides: Pods, PDBs, PVCs and Namespaces (informer
	// listers), Nominations (a status patch) and WaitForBindConfirmation
	// (true); Binder and Evictor when they are nil (NewBinder and
	// NewEvictor). A FailureHandler set here is called after the
	// adapter's own handling. AssumedPodTTL 0 means that an assumed pod
	// stays until the informer confirms or deletes it, as kube-scheduler
	// has done since 1.23 (kubernetes #106361): expiring it while the
	// confirmation is merely late would free room that is taken.
	Config Config
	// Registry, when set, builds the plugin registry from the cluster's
	// listers, for plugins that read more than framework.Handle carries
	// (the default plugins' storage and workload listers); it replaces
	// Config.Registry.
	Registry func(*ClusterListers) framework.Registry
	// Factory shares informers with the rest of the process. Its owner
	// starts and stops it; Run only waits for its caches. nil: Run starts
	// and stops a factory of its own.
	Factory *client.Factory
	// Events records events; nil writes core/v1 Events through the client,
	// asynchronously, dropping them when a backlog of 1000 builds up.
	Events EventRecorder
	// Identity names this instance in events (reportingInstance); "" is
	// the host name.
	Identity string
	// UseEvictionAPI makes the default Evictor go through pods/eviction,
	// which honors PodDisruptionBudgets (a refusal fails that preemption).
	// false deletes victims, as kube-scheduler does: the preemption plugin
	// has weighed the budgets already.
	UseEvictionAPI bool
	// Leadership, when set, gates scheduling on a lease: Run keeps its
	// caches warm but schedules only while it leads. nil schedules at
	// once.
	Leadership Leadership
}

// Leadership is the hook for leader election, which the controller
// manager provides.
type Leadership interface {
	// Lead blocks until this instance leads, and returns a context that is
	// cancelled when the lead is lost. An error ends Run.
	Lead(ctx context.Context) (context.Context, error)
}

// LeadershipFunc adapts a function to Leadership.
type LeadershipFunc func(ctx context.Context) (context.Context, error)

// Lead calls f.
func (f LeadershipFunc) Lead(ctx context.Context) (context.Context, error) { return f(ctx) }

// EventRecorder records events about objects. It must not block: the
// scheduler calls it on its scheduling and binding goroutines.
type EventRecorder interface {
	Event(regarding apiobj.Object, eventType, reason, action, message string)
}

// Cluster is a Scheduler fed by informers on an API server and binding
// through it. Build it with ForCluster and start it with Run.
type Cluster struct {
	s       *Scheduler
	c       *client.Client
	cfg     ClusterConfig
	listers *ClusterListers
	events  EventRecorder
	own     *apiEvents // nil when cfg.Events is set
	factory *client.Factory
	user    FailureHandler
	running atomic.Bool

	nodesSeen, podsSeen *seenTracker
}

// ForCluster builds a scheduler over the cluster that c talks to: nodes
// and pods come from informers (assigned pods fill the cache, unassigned
// ones the queue; terminal pods and unassigned pods being deleted are
// left out, as kube-scheduler leaves them), and so do the PDBs, PVCs,
// PersistentVolumes, StorageClasses, CSINodes, namespaces and workload
// objects that plugins read. Pods bind through pods/binding; a 409 means
// another scheduler bound the pod first, and it is dropped without a
// complaint. Victims of preemption are deleted (or evicted, see
// ClusterConfig.UseEvictionAPI) after they are marked with the
// DisruptionTarget condition. Nominated nodes are written to
// status.nominatedNodeName. A failed attempt sets the PodScheduled=False
// condition with its reason and explanation and records a Warning
// FailedScheduling event; a binding records a Normal Scheduled event.
func ForCluster(c *client.Client, cfg ClusterConfig) (*Cluster, error) {
	if c == nil {
		return nil, fmt.Errorf("scheduler: %w: a client is required", errdefs.ErrInvalid)
	}
	cl := &Cluster{c: c, cfg: cfg, factory: cfg.Factory}
	if cl.factory == nil {
		cl.factory = client.NewFactory(c, 0)
	}
	if cfg.Identity == "" {
		cl.cfg.Identity, _ = os.Hostname()
	}
	cl.events = cfg.Events
	if cl.events == nil {
		cl.own = newAPIEvents(c, cl.cfg.Identity)
		cl.events = cl.own
	}
	cl.listers = newClusterListers(c, cl.factory)

	core := cfg.Config
	if cfg.Registry != nil {
		core.Registry = cfg.Registry(cl.listers)
	}
	core.Pods, core.PDBs, core.PVCs, core.Namespaces = cl.listers, cl.listers, cl.listers, cl.listers
	core.Nominations = nominationPatcher{c: c}
	core.WaitForBindConfirmation = true
	if core.AssumedPodTTL == 0 {
		core.AssumedPodTTL = neverExpire
	}
	if core.Binder == nil {
		core.Binder = NewBinder(c)
	}
	core.Binder = eventingBinder{inner: core.Binder, events: cl.events}
	if core.Evictor == nil {
		core.Evictor = NewEvictor(c, cfg.UseEvictionAPI)
	}
	core.Evictor = eventingEvictor{inner: core.Evictor, events: cl.events}
	cl.user = core.FailureHandler
	core.FailureHandler = FailureHandlerFunc(cl.handleFailure)
	s, err := New(core)
	if err != nil {
		return nil, err
	}
	cl.s = s
	cl.addHandlers()
	return cl, nil
}

// Scheduler returns the core, for its feed methods and Profiles.
func (cl *Cluster) Scheduler() *Scheduler { return cl.s }

// Listers returns the informer-backed listers the plugins read.
func (cl *Cluster) Listers() *ClusterListers { return cl.listers }

// HasSynced reports whether every informer has listed once.
func (cl *Cluster) HasSynced() bool { return cl.listers.hasSynced() }

// Run starts the informers (unless ClusterConfig.Factory is shared),
// waits for their caches, waits for leadership when a Leadership hook is
// set, and schedules until ctx is done or the lead is lost. It returns
// after every goroutine it started has stopped. It may be called once.
func (cl *Cluster) Run(ctx context.Context) error {
	if !cl.running.CompareAndSwap(false, true) {
		return errors.New("scheduler: Run called twice")
	}
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	ownFactory := cl.cfg.Factory == nil
	defer func() {
		cancel()
		wg.Wait()
		if ownFactory {
			cl.factory.Wait()
		}
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = cl.listers.pods.Run(ctx)
	}()
	if ownFactory {
		cl.factory.Start(ctx)
	}
	if cl.own != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cl.own.run(ctx)
		}()
	}
	if !cl.listers.pods.WaitForCacheSync(ctx) || !cl.factory.WaitForCacheSync(ctx) || !cl.waitForHandlers(ctx) {
		return nil
	}
	schedCtx := ctx
	if cl.cfg.Leadership != nil {
		lctx, err := cl.cfg.Leadership.Lead(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("scheduler: waiting for leadership: %w", err)
		}
		schedCtx = lctx
	}
	return cl.s.Run(schedCtx)
}

// ---- informers ----

// seenTracker records which objects a handler has been told about, until
// the handler has caught up with its informer's first list.
type seenTracker struct {
	mu   sync.Mutex
	seen map[string]struct{} // nil once caught up
}

func newSeenTracker() *seenTracker { return &seenTracker{seen: map[string]struct{}{}} }

func (t *seenTracker) saw(obj apiobj.MetaAccessor) {
	t.mu.Lock()
	if t.seen != nil {
		t.seen[client.Key(obj)] = struct{}{}
	}
	t.mu.Unlock()
}

// caughtUp reports whether every object in objs was seen; then it stops
// tracking.
func caughtUp[T apiobj.Object](t *seenTracker, objs []T) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.seen == nil {
		return true
	}
	for _, o := range objs {
		if _, ok := t.seen[client.Key(o)]; !ok {
			return false
		}
	}
	t.seen = nil
	return true
}

// waitForHandlers waits until the scheduler has been fed every node and
// pod in the synced caches: informer handlers run on their own
// goroutines, behind the cache. It reports false if ctx ended first.
func (cl *Cluster) waitForHandlers(ctx context.Context) bool {
	t := time.NewTicker(5 * time.Millisecond)
	defer t.Stop()
	for {
		if caughtUp(cl.nodesSeen, cl.listers.nodes.Lister().List(nil)) &&
			caughtUp(cl.podsSeen, cl.listers.pods.Lister().List(nil)) {
			return true
		}
		select {
		case <-ctx.Done():
			return false
		case <-t.C:
		}
	}
}

func (cl *Cluster) addHandlers() {
	s := cl.s
	l := cl.listers
	cl.nodesSeen, cl.podsSeen = newSeenTracker(), newSeenTracker()
	l.nodes.AddHandler(client.HandlerFuncs[*apiobj.Node]{
		AddFunc: func(n *apiobj.Node, _ bool) {
			s.AddNode(n)
			cl.nodesSeen.saw(n)
		},
		UpdateFunc: func(old, n *apiobj.Node) {
			if old.ResourceVersion != n.ResourceVersion {
				s.UpdateNode(n)
			}
			cl.nodesSeen.saw(n)
		},
		DeleteFunc: func(n *apiobj.Node, _ bool) { s.RemoveNode(n) },
	})
	l.pods.AddHandler(client.HandlerFuncs[*apiobj.Pod]{
		AddFunc: func(p *apiobj.Pod, _ bool) {
			if !ignoredPod(p) {
				s.AddPod(p)
			}
			cl.podsSeen.saw(p)
		},
		UpdateFunc: func(old, p *apiobj.Pod) {
			cl.podUpdated(old, p)
			cl.podsSeen.saw(p)
		},
		DeleteFunc: func(p *apiobj.Pod, _ bool) { s.DeletePod(p) },
	})
	notify := func(res framework.EventResource) client.HandlerFuncs[apiobj.Object] {
		return client.HandlerFuncs[apiobj.Object]{
			AddFunc: func(o apiobj.Object, _ bool) {
				s.Notify(framework.ClusterEvent{Resource: res, ActionType: framework.Add}, nil, o)
			},
			UpdateFunc: func(old, o apiobj.Object) {
				if old.GetResourceVersion() != o.GetResourceVersion() {
					s.Notify(framework.ClusterEvent{Resource: res, ActionType: framework.Update}, old, o)
				}
			},
			DeleteFunc: func(o apiobj.Object, _ bool) {
				s.Notify(framework.ClusterEvent{Resource: res, ActionType: framework.Delete}, o, nil)
			},
		}
	}
	l.pdbs.AddHandler(typed[*apiobj.PodDisruptionBudget](notify(framework.PodDisruptionBudget)))
	l.pvcs.AddHandler(typed[*apiobj.PersistentVolumeClaim](notify(framework.PersistentVolumeClaim)))
	l.pvs.AddHandler(typed[*apiobj.PersistentVolume](notify(framework.PersistentVolume)))
	l.storageClasses.AddHandler(typed[*apiobj.StorageClass](notify(framework.StorageClass)))
	l.csiNodes.AddHandler(typed[*apiobj.CSINode](notify(framework.CSINode)))
}

// typed narrows handler functions over apiobj.Object to T.
func typed[T apiobj.Object](h client.HandlerFuncs[apiobj.Object]) client.HandlerFuncs[T] {
	return client.HandlerFuncs[T]{
		AddFunc:    func(o T, initial bool) { h.AddFunc(o, initial) },
		UpdateFunc: func(old, o T) { h.UpdateFunc(old, o) },
		DeleteFunc: func(o T, tombstone bool) { h.DeleteFunc(o, tombstone) },
	}
}

// ignoredPod reports whether a pod is not for the scheduler at all: an
// unassigned pod that is being deleted. (Terminal pods never reach the
// handlers: the informer's field selector leaves them out.)
func ignoredPod(p *apiobj.Pod) bool {
	return p.Spec.NodeName == "" && p.DeletionTimestamp != nil || isTerminal(p)
}

func isTerminal(p *apiobj.Pod) bool {
	return p.Status.Phase == apiobj.PodSucceeded || p.Status.Phase == apiobj.PodFailed
}

func (cl *Cluster) podUpdated(old, p *apiobj.Pod) {
	s := cl.s
	switch {
	case old.ResourceVersion == p.ResourceVersion:
		// A resync, or the same version twice.
	case ignoredPod(p):
		s.DeletePod(p)
	case p.Spec.NodeName != "":
		s.UpdatePod(p)
	case schedulingRelevant(old, p):
		s.UpdatePod(p)
	}
}

// schedulingRelevant reports whether an update of an unassigned pod can
// change how it is scheduled: anything but its status (the scheduler's own
// PodScheduled condition, for one) and bookkeeping metadata, except the
// nominated node.
func schedulingRelevant(old, p *apiobj.Pod) bool {
	if old.Status.NominatedNodeName != p.Status.NominatedNodeName {
		return true
	}
	o, n := *old, *p // shallow copies: only top-level fields are reset
	for _, x := range []*apiobj.Pod{&o, &n} {
		x.ResourceVersion, x.Generation, x.ManagedFields, x.Finalizers = "", 0, nil, nil
		x.Status = apiobj.PodStatus{}
	}
	return !reflect.DeepEqual(&o, &n)
}

// ---- listers ----

// ClusterListers reads the informer caches of a Cluster. It implements the
// listers of framework.Handle and those the default plugins take beyond it
// (PersistentVolumes, StorageClasses, CSINodes, and the services and
// controllers of PodTopologySpread's default constraints). Objects are
// shared and read-only. Safe for concurrent use.
type ClusterListers struct {
	nodes          *client.Informer[*apiobj.Node]
	pods           *client.Informer[*apiobj.Pod]
	pdbs           *client.Informer[*apiobj.PodDisruptionBudget]
	pvcs           *client.Informer[*apiobj.PersistentVolumeClaim]
	pvs            *client.Informer[*apiobj.PersistentVolume]
	storageClasses *client.Informer[*apiobj.StorageClass]
	csiNodes       *client.Informer[*apiobj.CSINode]
	namespaces     *client.Informer[*apiobj.Namespace]
	services       *client.Informer[*apiobj.Service]
	rcs            *client.Informer[*apiobj.ReplicationController]
	replicaSets    *client.Informer[*apiobj.ReplicaSet]
	statefulSets   *client.Informer[*apiobj.StatefulSet]
}

var (
	_ framework.PodLister       = (*ClusterListers)(nil)
	_ framework.PDBLister       = (*ClusterListers)(nil)
	_ framework.PVCLister       = (*ClusterListers)(nil)
	_ framework.NamespaceLister = (*ClusterListers)(nil)
)

func newClusterListers(c *client.Client, f *client.Factory) *ClusterListers {
	return &ClusterListers{
		// The pod informer is the scheduler's own: it leaves out terminal
		// pods, so it cannot be shared with informers that want them.
		pods: client.NewInformer(client.For[*apiobj.Pod](c),
			client.InformerOptions[*apiobj.Pod]{FieldSelector: podInformerSelector}),
		nodes:          client.InformerFor[*apiobj.Node](f),
		pdbs:           client.InformerFor[*apiobj.PodDisruptionBudget](f),
		pvcs:           client.InformerFor[*apiobj.PersistentVolumeClaim](f),
		pvs:            client.InformerFor[*apiobj.PersistentVolume](f),
		storageClasses: client.InformerFor[*apiobj.StorageClass](f),
		csiNodes:       client.InformerFor[*apiobj.CSINode](f),
		namespaces:     client.InformerFor[*apiobj.Namespace](f),
		services:       client.InformerFor[*apiobj.Service](f),
		rcs:            client.InformerFor[*apiobj.ReplicationController](f),
		replicaSets:    client.InformerFor[*apiobj.ReplicaSet](f),
		statefulSets:   client.InformerFor[*apiobj.StatefulSet](f),
	}
}

func (l *ClusterListers) hasSynced() bool {
	return l.pods.HasSynced() && l.nodes.HasSynced() && l.pdbs.HasSynced() && l.pvcs.HasSynced() &&
		l.pvs.HasSynced() && l.storageClasses.HasSynced() && l.csiNodes.HasSynced() &&
		l.namespaces.HasSynced() && l.services.HasSynced() && l.rcs.HasSynced() &&
		l.replicaSets.HasSynced() && l.statefulSets.HasSynced()
}

// ListPods returns the non-terminal pods in namespace ("" for all) that
// selector (nil for all) matches.
func (l *ClusterListers) ListPods(namespace string, selector labels.Selector) ([]*apiobj.Pod, error) {
	return l.pods.Lister().Namespace(namespace).List(selector), nil
}

// ListPDBs returns every PodDisruptionBudget.
func (l *ClusterListers) ListPDBs() ([]*apiobj.PodDisruptionBudget, error) {
	return l.pdbs.Lister().List(nil), nil
}

// GetPVC returns a PersistentVolumeClaim.
func (l *ClusterListers) GetPVC(namespace, name string) (*apiobj.PersistentVolumeClaim, error) {
	return l.pvcs.Lister().Namespace(namespace).Get(name)
}

// GetNamespace returns a namespace.
func (l *ClusterListers) GetNamespace(name string) (*apiobj.Namespace, error) {
	return l.namespaces.Lister().Get(name)
}

// GetPersistentVolume returns a PersistentVolume.
func (l *ClusterListers) GetPersistentVolume(name string) (*apiobj.PersistentVolume, error) {
	return l.pvs.Lister().Get(name)
}

// GetStorageClass returns a StorageClass.
func (l *ClusterListers) GetStorageClass(name string) (*apiobj.StorageClass, error) {
	return l.storageClasses.Lister().Get(name)
}

// GetCSINode returns the CSINode of a node.
func (l *ClusterListers) GetCSINode(name string) (*apiobj.CSINode, error) {
	return l.csiNodes.Lister().Get(name)
}

// ListServices returns the services of a namespace.
func (l *ClusterListers) ListServices(namespace string) ([]*apiobj.Service, error) {
	return l.services.Lister().Namespace(namespace).List(nil), nil
}

// GetReplicationController returns a ReplicationController.
func (l *ClusterListers) GetReplicationController(namespace, name string) (*apiobj.ReplicationController, error) {
	return l.rcs.Lister().Namespace(namespace).Get(name)
}

// GetReplicaSet returns a ReplicaSet.
func (l *ClusterListers) GetReplicaSet(namespace, name string) (*apiobj.ReplicaSet, error) {
	return l.replicaSets.Lister().Namespace(namespace).Get(name)
}

// GetStatefulSet returns a StatefulSet.
func (l *ClusterListers) GetStatefulSet(namespace, name string) (*apiobj.StatefulSet, error) {
	return l.statefulSets.Lister().Namespace(namespace).Get(name)
}

// ---- binding, eviction, nomination ----

// NewBinder returns a PodBinder that binds through the pods/binding
// subresource, with the pod's UID as a precondition. The API server sets
// spec.nodeName only when it is empty: a pod bound already, or being
// deleted, gives an error wrapping errdefs.ErrConflict.
func NewBinder(c *client.Client) framework.PodBinder {
	pods := client.For[*apiobj.Pod](c)
	return framework.PodBinderFunc(func(ctx context.Context, pod *apiobj.Pod, node string) error {
		b := &apiobj.Binding{
			ObjectMeta: apiobj.ObjectMeta{Name: pod.Name, Namespace: pod.Namespace, UID: pod.UID},
			Target:     apiobj.ObjectReference{Kind: "Node", Name: node},
		}
		return retryThrottled(ctx, func() error {
			return pods.Namespace(pod.Namespace).Post(ctx, pod.Name, "binding", b)
		})
	})
}

// NewEvictor returns a PodEvictor that marks the victim with the
// DisruptionTarget condition (reason PreemptionByScheduler) and then
// deletes it (useEviction false, as kube-scheduler does) or evicts it
// through pods/eviction. Both carry the victim's UID as a precondition. A
// victim that is gone already is a success.
func NewEvictor(c *client.Client, useEviction bool) framework.PodEvictor {
	pods := client.For[*apiobj.Pod](c)
	return framework.PodEvictorFunc(func(ctx context.Context, victim, preemptor *apiobj.Pod) error {
		r := pods.Namespace(victim.Namespace)
		cond := apiobj.PodCondition{
			Type: apiobj.DisruptionTarget, Status: apiobj.ConditionTrue,
			Reason:             apiobj.PodReasonPreemptionByScheduler,
			Message:            fmt.Sprintf("%s: preempting to accommodate a higher priority pod", schedulerNameOf(preemptor)),
			LastTransitionTime: apiobj.Now(),
		}
		if err := retryThrottled(ctx, func() error { return patchCondition(ctx, r, victim, cond) }); err != nil {
			if errors.Is(err, errdefs.ErrNotFound) {
				return nil
			}
			return err
		}
		err := retryThrottled(ctx, func() error {
			if useEviction {
				return r.Post(ctx, victim.Name, "eviction", &apiobj.Eviction{
					ObjectMeta:    apiobj.ObjectMeta{Name: victim.Name, Namespace: victim.Namespace},
					DeleteOptions: &apiobj.DeleteOptions{Preconditions: &apiobj.Preconditions{UID: &victim.UID}},
				})
			}
			return r.Delete(ctx, victim.Name, client.DeleteOptions{UID: victim.UID})
		})
		if errors.Is(err, errdefs.ErrNotFound) || errors.Is(err, errdefs.ErrConflict) {
			return nil // gone, or replaced by a pod of the same name
		}
		return err
	})
}

func schedulerNameOf(p *apiobj.Pod) string {
	if p == nil || p.Spec.SchedulerName == "" {
		return apiobj.DefaultSchedulerName
	}
	return p.Spec.SchedulerName
}

// patchCondition sets one condition on a pod's status with a strategic
// merge patch (conditions merge by type).
func patchCondition(ctx context.Context, r *client.Resource[*apiobj.Pod], pod *apiobj.Pod, c apiobj.PodCondition) error {
	body, err := json.Marshal(map[string]any{"status": map[string]any{"conditions": []apiobj.PodCondition{c}}})
	if err != nil {
		return err
	}
	_, err = r.Patch(ctx, pod.Name, client.StrategicMergePatch, body, "status")
	return err
}

// nominationPatcher writes status.nominatedNodeName.
type nominationPatcher struct{ c *client.Client }

func (n nominationPatcher) SetNominatedNodeName(ctx context.Context, pod *apiobj.Pod, node string) error {
	var v any
	if node != "" {
		v = node
	}
	body, err := json.Marshal(map[string]any{"status": map[string]any{"nominatedNodeName": v}})
	if err != nil {
		return err
	}
	err = retryThrottled(ctx, func() error {
		_, err := client.For[*apiobj.Pod](n.c).Namespace(pod.Namespace).Patch(ctx, pod.Name, client.MergePatch, body, "status")
		return err
	})
	if errors.Is(err, errdefs.ErrNotFound) {
		return nil
	}
	return err
}

// eventingBinder records a Scheduled event for every successful binding.
type eventingBinder struct {
	inner  framework.PodBinder
	events EventRecorder
}

func (b eventingBinder) Bind(ctx context.Context, pod *apiobj.Pod, node string) error {
	if err := b.inner.Bind(ctx, pod, node); err != nil {
		return err
	}
	b.events.Event(pod, apiobj.EventTypeNormal, EventReasonScheduled, "Binding",
		fmt.Sprintf("Successfully assigned %s/%s to %s", pod.Namespace, pod.Name, node))
	return nil
}

// eventingEvictor records a Preempted event for every victim.
type eventingEvictor struct {
	inner  framework.PodEvictor
	events EventRecorder
}

func (e eventingEvictor) Evict(ctx context.Context, victim, preemptor *apiobj.Pod) error {
	if err := e.inner.Evict(ctx, victim, preemptor); err != nil {
		return err
	}
	e.events.Event(victim, apiobj.EventTypeNormal, EventReasonPreempted, "Preempting",
		fmt.Sprintf("Preempted by pod %s on node %s", preemptor.UID, victim.Spec.NodeName))
	return nil
}

// ---- failures ----

// handleFailure writes the PodScheduled=False condition and a
// FailedScheduling event. A binding that lost to another scheduler (409)
// or to a deletion (404) is not a failure: the pod is dropped.
func (cl *Cluster) handleFailure(ctx context.Context, f Failure) {
	if errors.Is(f.Err, errdefs.ErrConflict) || errors.Is(f.Err, errdefs.ErrNotFound) {
		if cl.resolveLostBinding(ctx, f.Pod) {
			return
		}
	}
	if ctx.Err() == nil {
		if err := cl.setUnschedulable(ctx, f); err != nil && !errors.Is(err, errdefs.ErrNotFound) {
			cl.s.logger.Error("recording the PodScheduled condition", "pod", podRef(f.Pod), "err", err)
		}
	}
	cl.events.Event(f.Pod, apiobj.EventTypeWarning, EventReasonFailedScheduling, "Scheduling", f.Message)
	if cl.user != nil {
		cl.user.HandleFailure(ctx, f)
	}
}

// resolveLostBinding reads the pod after a binding was refused. If it is
// bound (by someone else), gone or being deleted, the scheduler is told at
// once, which drops it from the queue, and it reports true.
func (cl *Cluster) resolveLostBinding(ctx context.Context, pod *apiobj.Pod) bool {
	fresh, err := client.For[*apiobj.Pod](cl.c).Namespace(pod.Namespace).Get(ctx, pod.Name)
	switch {
	case errors.Is(err, errdefs.ErrNotFound):
		cl.s.DeletePod(pod)
		return true
	case err != nil:
		return false
	case fresh.UID != pod.UID:
		cl.s.DeletePod(pod)
		return true
	case fresh.Spec.NodeName != "":
		cl.s.UpdatePod(fresh)
		return true
	case fresh.DeletionTimestamp != nil:
		cl.s.DeletePod(fresh)
		return true
	}
	return false
}

func (cl *Cluster) setUnschedulable(ctx context.Context, f Failure) error {
	cond := apiobj.PodCondition{Type: apiobj.PodScheduled, Status: apiobj.ConditionFalse, Reason: f.Reason, Message: f.Message}
	for _, c := range f.Pod.Status.Conditions {
		if c.Type != apiobj.PodScheduled {
			continue
		}
		if c.Status == cond.Status && c.Reason == cond.Reason && c.Message == cond.Message {
			return nil // unchanged: spare the write
		}
		if c.Status == cond.Status {
			cond.LastTransitionTime = c.LastTransitionTime
		}
	}
	if cond.LastTransitionTime.IsZero() {
		cond.LastTransitionTime = apiobj.Now()
	}
	r := client.For[*apiobj.Pod](cl.c).Namespace(f.Pod.Namespace)
	return retryThrottled(ctx, func() error { return patchCondition(ctx, r, f.Pod, cond) })
}

// retryThrottled calls f again while it fails with 429 Too Many Requests,
// backing off from 5 ms to 1 s, until ctx is done. (The in-process
// transport does not retry; an API server at its in-flight limit answers
// 429 to the burst of bindings a fast scheduler sends.)
func retryThrottled(ctx context.Context, f func() error) error {
	d := 5 * time.Millisecond
	for {
		err := f()
		if !errors.Is(err, errdefs.ErrTooManyRequests) {
			return err
		}
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
		d = min(2*d, time.Second)
	}
}

// ---- events ----

// apiEvents writes core/v1 Events through the client on one goroutine.
type apiEvents struct {
	events   *client.Resource[*apiobj.Event]
	scheme   *apiobj.Scheme
	instance string
	ch       chan *apiobj.Event
	dropped  atomic.Int64
}

const eventBacklog = 1000

func newAPIEvents(c *client.Client, instance string) *apiEvents {
	return &apiEvents{events: client.For[*apiobj.Event](c), scheme: c.Scheme(), instance: instance,
		ch: make(chan *apiobj.Event, eventBacklog)}
}

// Event queues an event; when the backlog is full it is dropped.
func (e *apiEvents) Event(regarding apiobj.Object, eventType, reason, action, message string) {
	now := time.Now()
	ref := apiobj.ObjectReference{Namespace: regarding.GetNamespace(), Name: regarding.GetName(),
		UID: regarding.GetUID(), ResourceVersion: regarding.GetResourceVersion()}
	if k, err := e.scheme.KindOf(regarding); err == nil {
		ref.APIVersion, ref.Kind = k.GroupVersionKind.ToAPIVersionAndKind()
	}
	ns := ref.Namespace
	if ns == "" {
		ns = "default"
	}
	ev := &apiobj.Event{
		ObjectMeta:          apiobj.ObjectMeta{Name: fmt.Sprintf("%s.%x", ref.Name, now.UnixNano()), Namespace: ns},
		InvolvedObject:      ref,
		Reason:              reason,
		Message:             message,
		Source:              apiobj.EventSource{Component: apiobj.DefaultSchedulerName},
		FirstTimestamp:      apiobj.NewTime(now),
		LastTimestamp:       apiobj.NewTime(now),
		Count:               1,
		Type:                eventType,
		Action:              action,
		ReportingController: apiobj.DefaultSchedulerName,
		ReportingInstance:   e.instance,
	}
	select {
	case e.ch <- ev:
	default:
		e.dropped.Add(1)
	}
}

func (e *apiEvents) run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case ev := <-e.ch:
			_ = retryThrottled(ctx, func() error {
				_, err := e.events.Namespace(ev.Namespace).Create(ctx, ev)
				return err
			})
		}
	}
}
