package scheduler

import (
	"fmt"
	"sync"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
)

// waitingPods holds the pods parked by Permit, by PodKey.
type waitingPods struct {
	mu   sync.RWMutex
	pods map[string]*waitingPod
}

var _ framework.WaitingPods = (*waitingPods)(nil)

func newWaitingPods() *waitingPods { return &waitingPods{pods: map[string]*waitingPod{}} }

func (w *waitingPods) add(wp *waitingPod) {
	w.mu.Lock()
	w.pods[framework.PodKey(wp.pod)] = wp
	w.mu.Unlock()
}

func (w *waitingPods) remove(key string) {
	w.mu.Lock()
	delete(w.pods, key)
	w.mu.Unlock()
}

func (w *waitingPods) get(key string) *waitingPod {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.pods[key]
}

// Get returns the waiting pod or nil.
func (w *waitingPods) Get(key string) framework.WaitingPod {
	if wp := w.get(key); wp != nil {
		return wp
	}
	return nil
}

// Iterate calls fn for each waiting pod, outside the lock.
func (w *waitingPods) Iterate(fn func(framework.WaitingPod)) {
	w.mu.RLock()
	list := make([]*waitingPod, 0, len(w.pods))
	for _, wp := range w.pods {
		list = append(list, wp)
	}
	w.mu.RUnlock()
	for _, wp := range list {
		fn(wp)
	}
}

// waitingPod is one parked pod. Its decision is sent once on done.
type waitingPod struct {
	pod  *apiobj.Pod
	done chan *framework.Status // buffered 1

	mu      sync.Mutex
	pending map[string]Timer // plugin -> its timeout
	decided bool
}

var _ framework.WaitingPod = (*waitingPod)(nil)

// newWaitingPod parks pod for the plugins in timeouts (each capped at
// MaxPermitTimeout); each timeout rejects the pod.
func newWaitingPod(clock Clock, pod *apiobj.Pod, timeouts map[string]time.Duration) *waitingPod {
	wp := &waitingPod{pod: pod, done: make(chan *framework.Status, 1), pending: make(map[string]Timer, len(timeouts))}
	wp.mu.Lock()
	defer wp.mu.Unlock()
	for plugin, d := range timeouts {
		d = min(d, MaxPermitTimeout)
		wp.pending[plugin] = clock.AfterFunc(d, func() {
			wp.Reject(plugin, fmt.Sprintf("rejected due to timeout after waiting %v at plugin %v", d, plugin))
		})
	}
	return wp
}

func (wp *waitingPod) Pod() *apiobj.Pod { return wp.pod }

func (wp *waitingPod) PendingPlugins() []string {
	wp.mu.Lock()
	defer wp.mu.Unlock()
	out := make([]string, 0, len(wp.pending))
	for p := range wp.pending {
		out = append(out, p)
	}
	return out
}

func (wp *waitingPod) Allow(plugin string) {
	wp.mu.Lock()
	defer wp.mu.Unlock()
	if t, ok := wp.pending[plugin]; ok {
		t.Stop()
		delete(wp.pending, plugin)
	}
	if len(wp.pending) != 0 || wp.decided {
		return
	}
	wp.decided = true
	wp.done <- nil
}

func (wp *waitingPod) Reject(plugin, msg string) {
	wp.mu.Lock()
	defer wp.mu.Unlock()
	if wp.decided {
		return
	}
	wp.decided = true
	for _, t := range wp.pending {
		t.Stop()
	}
	wp.done <- framework.NewStatus(framework.Unschedulable, msg).WithPlugin(plugin)
}
