package scheduler

import (
	"container/list"
	"context"
	"time"

	"sync"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
)

// Queue names used in metrics.
const (
	queueActive        = "active"
	queueBackoff       = "backoff"
	queueUnschedulable = "unschedulable"
	queueGated         = "gated"
)

// schedulingQueue holds the pods waiting to be scheduled, as
// kube-scheduler's PriorityQueue does:
//
//   - active: a heap ordered by the QueueSort plugin; Pop takes from it;
//   - backoff: pods that failed recently, ordered by backoff expiry
//     (initial backoff doubled per attempt, capped); flushBackoff moves
//     the expired ones to active;
//   - unschedulable: pods rejected by plugins (or gated by PreEnqueue).
//     Cluster events move them out when a queueing hint of a rejecting
//     plugin says Queue; flushUnschedulable retries those older than the
//     flush timeout.
//
// Pods being scheduled or bound are "in flight". Events that happen while
// a pod is in flight are recorded, so that if the attempt fails the pod
// is requeued at once when one of those events could have helped.
//
// All fields below mu are guarded by it.
type schedulingQueue struct {
	clock          Clock
	initialBackoff time.Duration
	maxBackoff     time.Duration
	maxUnsched     time.Duration
	profiles       map[string]*profile
	nominator      *nominator
	metrics        *metrics

	mu       sync.Mutex
	cond     *sync.Cond
	active   *podHeap
	backoff  *podHeap
	unsched  map[string]*framework.QueuedPodInfo
	inFlight map[string]*list.Element // PodKey -> element holding *inFlightPod
	// events interleaves *inFlightPod (in pop order) and *inFlightEvent:
	// the events after a pod's element happened while it was in flight.
	events list.List
	closed bool
	gated  int // pods in unsched with Gated set
}

func (q *schedulingQueue) setUnsched(key string, qpi *framework.QueuedPodInfo) {
	if old, ok := q.unsched[key]; ok && old.Gated {
		q.gated--
	}
	if qpi.Gated {
		q.gated++
	}
	q.unsched[key] = qpi
}

func (q *schedulingQueue) delUnsched(key string) {
	if old, ok := q.unsched[key]; ok {
		if old.Gated {
			q.gated--
		}
		delete(q.unsched, key)
	}
}

type inFlightPod struct {
	key      string
	latest   *apiobj.Pod // set when the pod was updated while in flight
	deleted  bool
	activate bool
}

type inFlightEvent struct {
	event    framework.ClusterEvent
	old, new any
}

func newSchedulingQueue(clock Clock, less func(a, b *framework.QueuedPodInfo) bool, profiles map[string]*profile,
	nom *nominator, m *metrics, initialBackoff, maxBackoff, maxUnsched time.Duration) *schedulingQueue {
	q := &schedulingQueue{
		clock: clock, initialBackoff: initialBackoff, maxBackoff: maxBackoff, maxUnsched: maxUnsched,
		profiles: profiles, nominator: nom, metrics: m,
		active:   newPodHeap(less),
		unsched:  map[string]*framework.QueuedPodInfo{},
		inFlight: map[string]*list.Element{},
	}
	q.backoff = newPodHeap(func(a, b *framework.QueuedPodInfo) bool {
		return q.backoffExpiry(a).Before(q.backoffExpiry(b))
	})
	q.cond = sync.NewCond(&q.mu)
	return q
}

// backoffDuration is initial * 2^(attempts-1), capped at max.
func (q *schedulingQueue) backoffDuration(qpi *framework.QueuedPodInfo) time.Duration {
	d := q.initialBackoff
	for i := 1; i < qpi.Attempts; i++ {
		if d > q.maxBackoff-d {
			return q.maxBackoff
		}
		d += d
	}
	return min(d, q.maxBackoff)
}

func (q *schedulingQueue) backoffExpiry(qpi *framework.QueuedPodInfo) time.Time {
	if qpi.Attempts == 0 {
		return qpi.Timestamp
	}
	return qpi.Timestamp.Add(q.backoffDuration(qpi))
}

func (q *schedulingQueue) isBackingOff(qpi *framework.QueuedPodInfo, now time.Time) bool {
	return q.backoffExpiry(qpi).After(now)
}

func (q *schedulingQueue) updateGauges() {
	if q.metrics == nil {
		return
	}
	q.metrics.setPending(q.active.Len(), q.backoff.Len(), len(q.unsched)-q.gated, q.gated)
}

func (q *schedulingQueue) incoming(queue string, ev framework.ClusterEvent) {
	if q.metrics != nil {
		q.metrics.queueIncoming(queue, ev)
	}
}

// runPreEnqueue runs the profile's PreEnqueue plugins and records the
// gate on qpi. It reports whether the pod may enter the active queue.
func (q *schedulingQueue) runPreEnqueue(qpi *framework.QueuedPodInfo) bool {
	prof := q.profiles[profileName(qpi.Pod)]
	if prof == nil {
		return true
	}
	s := prof.runPreEnqueue(context.Background(), qpi.Pod)
	if s.IsSuccess() {
		qpi.Gated, qpi.GatingPlugin = false, ""
		return true
	}
	qpi.Gated, qpi.GatingPlugin = true, s.Plugin()
	return false
}

// moveToActive runs PreEnqueue and puts qpi in active, or in the
// unschedulable set if a PreEnqueue plugin gates it. Caller holds mu.
func (q *schedulingQueue) moveToActive(key string, qpi *framework.QueuedPodInfo, ev framework.ClusterEvent) bool {
	q.delUnsched(key)
	if !q.runPreEnqueue(qpi) {
		q.setUnsched(key, qpi)
		q.incoming(queueGated, ev)
		return false
	}
	q.active.addOrUpdate(key, qpi)
	q.incoming(queueActive, ev)
	q.cond.Signal()
	return true
}

var eventPodAdd = framework.ClusterEvent{Resource: framework.UnscheduledPod, ActionType: framework.Add, CustomLabel: "PodAdd"}

// add queues a new unscheduled pod (or updates it if already queued).
func (q *schedulingQueue) add(pod *apiobj.Pod) {
	pi := framework.NewPodInfo(pod)
	key := framework.PodKey(pod)
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return
	}
	if q.has(key) || q.inFlight[key] != nil {
		q.updateLocked(nil, pod, pi)
		return
	}
	now := q.clock.Now()
	qpi := &framework.QueuedPodInfo{PodInfo: pi, Timestamp: now}
	q.moveToActive(key, qpi, eventPodAdd)
	if pod.Status.NominatedNodeName != "" {
		q.nominator.add(pi, "")
	}
	q.updateGauges()
}

func (q *schedulingQueue) has(key string) bool {
	if q.active.has(key) || q.backoff.has(key) {
		return true
	}
	_, ok := q.unsched[key]
	return ok
}

// pop blocks until a pod is active or the queue is closed (nil).
func (q *schedulingQueue) pop() *framework.QueuedPodInfo {
	q.mu.Lock()
	defer q.mu.Unlock()
	for q.active.Len() == 0 && !q.closed {
		q.cond.Wait()
	}
	if q.closed {
		return nil
	}
	qpi := q.active.pop()
	qpi.Attempts++
	if qpi.InitialAttemptTimestamp.IsZero() {
		qpi.InitialAttemptTimestamp = q.clock.Now()
	}
	qpi.UnschedulablePlugins, qpi.PendingPlugins = nil, nil
	key := framework.PodKey(qpi.Pod)
	q.inFlight[key] = q.events.PushBack(&inFlightPod{key: key})
	q.updateGauges()
	return qpi
}

// close wakes pop callers; later adds are ignored.
func (q *schedulingQueue) close() {
	q.mu.Lock()
	q.closed = true
	q.cond.Broadcast()
	q.mu.Unlock()
}

// update handles a change to an unscheduled pod.
func (q *schedulingQueue) update(oldPod, newPod *apiobj.Pod) {
	pi := framework.NewPodInfo(newPod)
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return
	}
	q.updateLocked(oldPod, newPod, pi)
}

func (q *schedulingQueue) updateLocked(oldPod, newPod *apiobj.Pod, pi *framework.PodInfo) {
	key := framework.PodKey(newPod)
	if el := q.inFlight[key]; el != nil {
		el.Value.(*inFlightPod).latest = newPod
		q.recordEventLocked(unscheduledPodUpdateEvent(oldPod, newPod), oldPod, newPod)
		q.nominator.update(oldPod, pi)
		return
	}
	var qpi *framework.QueuedPodInfo
	switch {
	case q.active.has(key):
		qpi = q.active.get(key).DeepCopy()
		qpi.PodInfo = pi
		q.active.addOrUpdate(key, qpi)
	case q.backoff.has(key):
		qpi = q.backoff.get(key).DeepCopy()
		qpi.PodInfo = pi
		q.backoff.addOrUpdate(key, qpi)
	default:
		old, ok := q.unsched[key]
		if !ok {
			// Not queued (e.g. assumed and binding): ignore; a new pod
			// is queued by add.
			if oldPod == nil {
				return
			}
			q.nominator.update(oldPod, pi)
			return
		}
		if oldPod == nil {
			oldPod = old.Pod
		}
		qpi = old.DeepCopy()
		qpi.PodInfo = pi
		ev := unscheduledPodUpdateEvent(oldPod, newPod)
		if q.worthRequeuing(qpi, ev, oldPod, newPod) {
			q.requeueLocked(key, qpi, ev)
		} else {
			q.setUnsched(key, qpi)
		}
	}
	q.nominator.update(oldPod, pi)
	q.updateGauges()
}

// requeueLocked moves qpi (not in active or backoff) to backoff if it is
// still backing off, else to active. Caller holds mu.
func (q *schedulingQueue) requeueLocked(key string, qpi *framework.QueuedPodInfo, ev framework.ClusterEvent) {
	if !qpi.Gated && q.isBackingOff(qpi, q.clock.Now()) {
		q.delUnsched(key)
		q.backoff.addOrUpdate(key, qpi)
		q.incoming(queueBackoff, ev)
		return
	}
	q.moveToActive(key, qpi, ev)
}

// delete forgets an unscheduled pod.
func (q *schedulingQueue) delete(pod *apiobj.Pod) {
	key := framework.PodKey(pod)
	q.mu.Lock()
	defer q.mu.Unlock()
	if el := q.inFlight[key]; el != nil {
		el.Value.(*inFlightPod).deleted = true
	}
	q.active.delete(key)
	q.backoff.delete(key)
	q.delUnsched(key)
	q.nominator.delete(pod)
	q.updateGauges()
}

// isDeleted reports whether an in-flight pod was deleted meanwhile.
func (q *schedulingQueue) isDeleted(pod *apiobj.Pod) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	if el := q.inFlight[framework.PodKey(pod)]; el != nil {
		return el.Value.(*inFlightPod).deleted
	}
	return false
}

// done ends a pod's flight after it was bound (or dropped).
func (q *schedulingQueue) done(pod *apiobj.Pod) {
	q.mu.Lock()
	q.doneLocked(framework.PodKey(pod))
	q.mu.Unlock()
}

func (q *schedulingQueue) doneLocked(key string) {
	el := q.inFlight[key]
	if el == nil {
		return
	}
	delete(q.inFlight, key)
	q.events.Remove(el)
	// Events before the oldest in-flight pod concern nobody now.
	for f := q.events.Front(); f != nil; f = q.events.Front() {
		if _, ok := f.Value.(*inFlightEvent); !ok {
			break
		}
		q.events.Remove(f)
	}
}

// requeue puts a pod whose attempt failed back: in active or backoff if
// it had no rejecting plugin (an error) or an event during its flight may
// help it, else in the unschedulable set. Its flight ends. It reports
// whether the pod was requeued (false if it was deleted meanwhile).
func (q *schedulingQueue) requeue(qpi *framework.QueuedPodInfo) bool {
	key := framework.PodKey(qpi.Pod)
	q.mu.Lock()
	defer q.mu.Unlock()
	el := q.inFlight[key]
	var rec *inFlightPod
	if el != nil {
		rec = el.Value.(*inFlightPod)
	}
	if rec != nil && rec.deleted || q.closed {
		q.doneLocked(key)
		return false
	}
	if q.has(key) {
		q.doneLocked(key)
		return true
	}
	if rec != nil && rec.latest != nil {
		qpi.PodInfo = framework.NewPodInfo(rec.latest)
	}
	qpi.Timestamp = q.clock.Now()
	ev := framework.ClusterEvent{Resource: framework.WildCard, ActionType: framework.All, CustomLabel: "ScheduleAttemptFailure"}
	if rec != nil && rec.activate {
		q.doneLocked(key)
		q.moveToActive(key, qpi, framework.EventForceActivate)
		q.updateGauges()
		return true
	}
	move := false
	if len(qpi.UnschedulablePlugins)+len(qpi.PendingPlugins) == 0 {
		move = true
	} else if el != nil {
		for e := el.Next(); e != nil; e = e.Next() {
			fe, ok := e.Value.(*inFlightEvent)
			if ok && q.worthRequeuing(qpi, fe.event, fe.old, fe.new) {
				move, ev = true, fe.event
				break
			}
		}
	}
	q.doneLocked(key)
	if move {
		q.requeueLocked(key, qpi, ev)
	} else {
		q.setUnsched(key, qpi)
		q.incoming(queueUnschedulable, ev)
	}
	q.updateGauges()
	return true
}

// recordEventLocked remembers ev for the pods in flight.
func (q *schedulingQueue) recordEventLocked(ev framework.ClusterEvent, oldObj, newObj any) {
	if len(q.inFlight) != 0 {
		q.events.PushBack(&inFlightEvent{event: ev, old: oldObj, new: newObj})
	}
}

// moveAll moves the unschedulable pods that ev may help (per their
// rejecting plugins' hints) to backoff or active. preCheck, if set,
// must also accept the pod.
func (q *schedulingQueue) moveAll(ev framework.ClusterEvent, oldObj, newObj any, preCheck func(*apiobj.Pod) bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return
	}
	q.recordEventLocked(ev, oldObj, newObj)
	if len(q.unsched) == 0 {
		return
	}
	for key, qpi := range q.unsched {
		if preCheck != nil && !preCheck(qpi.Pod) {
			continue
		}
		if q.worthRequeuing(qpi, ev, oldObj, newObj) {
			q.requeueLocked(key, qpi, ev)
		}
	}
	q.updateGauges()
}

// worthRequeuing asks the hints of the plugins that rejected qpi whether
// ev may help it.
func (q *schedulingQueue) worthRequeuing(qpi *framework.QueuedPodInfo, ev framework.ClusterEvent, oldObj, newObj any) bool {
	if ev.Resource == framework.WildCard && ev.ActionType == framework.All {
		return true
	}
	prof := q.profiles[profileName(qpi.Pod)]
	if prof == nil {
		return true
	}
	check := func(plugin string) bool {
		hints, ok := prof.hints[plugin]
		if !ok {
			return true
		}
		for _, h := range hints {
			if !h.Event.Match(ev) {
				continue
			}
			if h.QueueingHintFn == nil {
				return true
			}
			if hint, err := h.QueueingHintFn(qpi.Pod, oldObj, newObj); err != nil || hint == framework.Queue {
				return true
			}
		}
		return false
	}
	if qpi.Gated {
		return check(qpi.GatingPlugin)
	}
	if len(qpi.UnschedulablePlugins)+len(qpi.PendingPlugins) == 0 {
		return true
	}
	for p := range qpi.UnschedulablePlugins {
		if check(p) {
			return true
		}
	}
	for p := range qpi.PendingPlugins {
		if check(p) {
			return true
		}
	}
	return false
}

// Activate moves pods from backoff or unschedulable to active; a pod in
// flight is activated when its attempt fails.
func (q *schedulingQueue) Activate(pods ...*apiobj.Pod) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return
	}
	for _, p := range pods {
		key := framework.PodKey(p)
		if el := q.inFlight[key]; el != nil {
			el.Value.(*inFlightPod).activate = true
			continue
		}
		if qpi := q.backoff.delete(key); qpi != nil {
			q.moveToActive(key, qpi, framework.EventForceActivate)
			continue
		}
		if qpi, ok := q.unsched[key]; ok {
			q.moveToActive(key, qpi, framework.EventForceActivate)
		}
	}
	q.updateGauges()
}

var eventBackoffComplete = framework.ClusterEvent{Resource: framework.WildCard, ActionType: framework.All, CustomLabel: "BackoffComplete"}

// flushBackoff moves pods whose backoff expired to active.
func (q *schedulingQueue) flushBackoff() {
	q.mu.Lock()
	defer q.mu.Unlock()
	now := q.clock.Now()
	for {
		qpi := q.backoff.peek()
		if qpi == nil || q.isBackingOff(qpi, now) {
			break
		}
		q.backoff.pop()
		q.moveToActive(framework.PodKey(qpi.Pod), qpi, eventBackoffComplete)
	}
	q.updateGauges()
}

// flushUnschedulable retries pods that stayed unschedulable longer than
// the flush timeout. Gated pods stay until their gate opens.
func (q *schedulingQueue) flushUnschedulable() {
	q.mu.Lock()
	defer q.mu.Unlock()
	now := q.clock.Now()
	for key, qpi := range q.unsched {
		if qpi.Gated || now.Sub(qpi.Timestamp) <= q.maxUnsched {
			continue
		}
		q.requeueLocked(key, qpi, framework.EventUnschedulableTimeout)
	}
	q.updateGauges()
}

// pendingPods returns the queued pods (not those in flight), for tests
// and debugging.
func (q *schedulingQueue) pendingPods() (active, backoff, unsched []*framework.QueuedPodInfo) {
	q.mu.Lock()
	defer q.mu.Unlock()
	active, backoff = q.active.list(), q.backoff.list()
	for _, qpi := range q.unsched {
		unsched = append(unsched, qpi)
	}
	return active, backoff, unsched
}

func profileName(pod *apiobj.Pod) string {
	if pod.Spec.SchedulerName == "" {
		return apiobj.DefaultSchedulerName
	}
	return pod.Spec.SchedulerName
}
