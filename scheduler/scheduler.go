package scheduler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/scheduler/framework"
)

// Scheduler places pods on nodes. It is fed nodes and pods through its
// Add/Update/Remove/Delete methods (by an adapter, or directly by a
// program) and binds each pod it places through the profile's Bind
// plugins or Config.Binder.
//
// The feed methods are safe for concurrent use, may be called before Run,
// and treat the objects they get as shared and read-only: the scheduler
// never modifies them.
type Scheduler struct {
	cfg       Config
	clock     Clock
	logger    *slog.Logger
	metrics   *metrics
	cache     *schedCache
	queue     *schedulingQueue
	snapshot  *snapshot
	nominator *nominator
	waiting   *waitingPods
	profiles  map[string]*profile
	workers   int
	index     *podIndex // nil when the adapter supplies Config.Pods

	// Owned by the scheduling goroutine.
	rand      *rand.Rand
	nextStart int
	lastStart int
	buf       cycleBuffers

	bindWG  sync.WaitGroup
	running atomic.Bool
}

// New builds a Scheduler: it validates cfg and builds every profile's
// plugins.
func New(cfg Config) (*Scheduler, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	s := &Scheduler{cfg: cfg, clock: cfg.Clock, logger: cfg.Logger}
	if s.clock == nil {
		s.clock = realClock{}
	}
	if s.logger == nil {
		s.logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	par := cfg.Parallelism
	if par == 0 {
		par = framework.DefaultParallelism
	}
	s.workers = min(par, runtime.GOMAXPROCS(0))
	m, err := newMetrics(cfg.MetricsRegisterer)
	if err != nil {
		return nil, err
	}
	s.metrics = m
	s.cache = newSchedCache(s.clock, orDefault(cfg.AssumedPodTTL, DefaultAssumedPodTTL))
	s.snapshot = newSnapshot()
	s.nominator = newNominator(cfg.Nominations)
	s.waiting = newWaitingPods()
	s.rand = rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 0x5eed))
	s.profiles = map[string]*profile{}

	// The queue is created before the profiles so that the handle can
	// point at it; its profiles and order are set below.
	s.queue = newSchedulingQueue(s.clock, nil, s.profiles, s.nominator, s.metrics,
		cfg.initialBackoff(), cfg.maxBackoff(), orDefault(cfg.PodMaxInUnschedulablePodsDuration, DefaultPodMaxInUnschedulablePodsDuration))
	if cfg.Pods == nil {
		s.index = newPodIndex()
		cfg.Pods = s.index
	}
	h := framework.Handle{
		Snapshot:     s.snapshot,
		Parallelizer: framework.NewParallelizer(par),
		Nominator:    s.nominator,
		WaitingPods:  s.waiting,
		Activator:    s.queue,
		Logger:       s.logger,
		Binder:       cfg.Binder,
		Evictor:      cfg.Evictor,
		Pods:         cfg.Pods,
		PDBs:         cfg.PDBs,
		PVCs:         cfg.PVCs,
		Namespaces:   cfg.Namespaces,
	}
	profiles := cfg.Profiles
	if len(profiles) == 0 {
		profiles = []Profile{{}}
	}
	var sortName string
	var less func(a, b *framework.QueuedPodInfo) bool
	for i, p := range profiles {
		prof, err := newProfile(&s.cfg, p, h)
		if err != nil {
			return nil, err
		}
		prof.metrics, prof.nominator, prof.waiting, prof.clock = s.metrics, s.nominator, s.waiting, s.clock
		if len(prof.bind) == 0 && cfg.Binder == nil {
			return nil, fmt.Errorf("profile %q: %w: no Bind plugin and no Binder", prof.name, errdefs.ErrInvalid)
		}
		name := ""
		if prof.queueSort != nil {
			name = prof.queueSort.Name()
		}
		if i == 0 {
			sortName = name
			if prof.queueSort != nil {
				less = prof.queueSort.Less
			}
		} else if name != sortName {
			return nil, fmt.Errorf("profile %q: %w: all profiles must use the same QueueSort plugin (%q vs %q)", prof.name, errdefs.ErrInvalid, name, sortName)
		}
		s.profiles[prof.name] = prof
	}
	if less == nil {
		less = defaultLess
	}
	s.queue.active.less = less
	return s, nil
}

// defaultLess orders by priority (higher first), then by queue time; it
// is used when no QueueSort plugin is configured.
func defaultLess(a, b *framework.QueuedPodInfo) bool {
	pa, pb := podPriority(a.Pod), podPriority(b.Pod)
	return pa > pb || (pa == pb && a.Timestamp.Before(b.Timestamp))
}

// Profiles returns the scheduler names this scheduler serves, sorted.
func (s *Scheduler) Profiles() []string {
	return slices.Sorted(maps.Keys(s.profiles))
}

// Run schedules pods until ctx is done, then waits for binding cycles in
// progress (their ctx is cancelled too) and returns nil. It may be called
// once.
func (s *Scheduler) Run(ctx context.Context) error {
	if !s.running.CompareAndSwap(false, true) {
		return errors.New("scheduler: Run called twice")
	}
	var wg sync.WaitGroup
	loops := []struct {
		period time.Duration
		f      func()
	}{
		{time.Second, s.queue.flushBackoff},
		{30 * time.Second, s.queue.flushUnschedulable},
		{time.Second, s.cleanupAssumed},
	}
	wg.Add(len(loops) + 1)
	for _, l := range loops {
		go func() {
			defer wg.Done()
			every(ctx, s.clock, l.period, l.f)
		}()
	}
	go func() {
		defer wg.Done()
		<-ctx.Done()
		s.queue.close()
	}()
	for s.scheduleOne(ctx) {
	}
	wg.Wait()
	s.bindWG.Wait()
	return nil
}

// cleanupAssumed expires assumed pods whose binding was never confirmed,
// and queues them again.
func (s *Scheduler) cleanupAssumed() {
	for _, p := range s.cache.cleanupExpired() {
		s.logger.Warn("assumed pod expired without confirmation", "pod", podRef(p), "node", p.Spec.NodeName)
		s.queue.moveAll(framework.EventAssignedPodDelete, p, nil, nil)
		orig := *p
		orig.Spec.NodeName = ""
		s.queue.add(&orig)
	}
}

// AddNode adds a node (or updates it if known).
func (s *Scheduler) AddNode(node *apiobj.Node) {
	old := s.cache.addNode(node)
	if old == nil {
		s.queue.moveAll(framework.EventNodeAdd, nil, node, nil)
		return
	}
	s.nodeUpdated(old, node)
}

// UpdateNode replaces a node (or adds it if unknown).
func (s *Scheduler) UpdateNode(node *apiobj.Node) { s.AddNode(node) }

func (s *Scheduler) nodeUpdated(old, node *apiobj.Node) {
	if a := nodeUpdateActions(old, node); a != 0 {
		s.queue.moveAll(framework.ClusterEvent{Resource: framework.Node, ActionType: a}, old, node, nil)
	}
}

// RemoveNode removes a node. Pods bound to it stay counted until they
// are deleted (DeletePod), as in kube-scheduler.
func (s *Scheduler) RemoveNode(node *apiobj.Node) {
	if old := s.cache.removeNode(node); old != nil {
		s.queue.moveAll(framework.ClusterEvent{Resource: framework.Node, ActionType: framework.Delete}, old, nil, nil)
	}
}

// AddPod adds a pod. A pod without spec.nodeName is queued for
// scheduling if one of the profiles serves its spec.schedulerName; a pod
// with one is counted on its node.
func (s *Scheduler) AddPod(pod *apiobj.Pod) {
	if s.index != nil {
		s.index.set(pod)
	}
	if pod.Spec.NodeName != "" {
		s.assignedPodSeen(pod)
		return
	}
	if s.profiles[profileName(pod)] == nil || s.cache.getPod(pod) != nil {
		return
	}
	s.queue.add(pod)
}

// UpdatePod replaces a pod (or adds it if unknown).
func (s *Scheduler) UpdatePod(pod *apiobj.Pod) {
	if s.index != nil {
		s.index.set(pod)
	}
	if pod.Spec.NodeName != "" {
		s.assignedPodSeen(pod)
		return
	}
	if s.profiles[profileName(pod)] == nil || s.cache.getPod(pod) != nil {
		return
	}
	s.queue.update(nil, pod)
}

func (s *Scheduler) assignedPodSeen(pod *apiobj.Pod) {
	s.queue.delete(pod)
	old := s.cache.addPod(pod)
	if old == nil || old.Spec.NodeName == "" {
		s.queue.moveAll(eventAssignedPodAdd, nil, pod, nil)
		return
	}
	if a := podUpdateActions(old, pod); a != 0 {
		s.queue.moveAll(framework.ClusterEvent{Resource: framework.Pod, ActionType: a}, old, pod, nil)
	}
}

// DeletePod removes a pod, wherever it is: queued, being scheduled or
// bound, waiting in Permit, or placed on a node.
func (s *Scheduler) DeletePod(pod *apiobj.Pod) {
	if s.index != nil {
		s.index.delete(pod)
	}
	s.queue.delete(pod)
	if wp := s.waiting.get(framework.PodKey(pod)); wp != nil {
		wp.Reject("", "pod deleted")
	}
	if old := s.cache.removePod(pod); old != nil {
		s.queue.moveAll(framework.EventAssignedPodDelete, old, nil, nil)
	}
}

// Notify reports an event about another kind of object (a volume, a
// PDB, a custom resource) so that pods it may help are retried, as their
// rejecting plugins' queueing hints decide.
func (s *Scheduler) Notify(event framework.ClusterEvent, oldObj, newObj any) {
	s.queue.moveAll(event, oldObj, newObj, nil)
}
