package kubelet

import (
	"context"
	"time"

	"github.com/orcaproj/orca/apiobj"
)

// podKey names a pod as the runtime labels name it.
type podKey struct {
	uid       apiobj.UID
	namespace string
	name      string
}

// podWorker syncs one pod. Its goroutine owns every field below ch; signal
// and the PLEG only send on ch.
type podWorker struct {
	key podKey
	ch  chan struct{} // capacity 1: a pending "sync" signal, level-based

	backoff    map[string]*backoffEntry                // by container name
	waiting    map[string]apiobj.ContainerStateWaiting // reasons found during the current sync
	lastStatus []byte                                  // JSON of the last status written
	probes     map[probeKey]*probeState                // by container and kind
	terminal   bool                                    // this worker wrote a Succeeded or Failed phase
	retryDelay time.Duration                           // real-time delay before retrying a failed sync
}

// backoffEntry is one container's CrashLoopBackOff state.
type backoffEntry struct {
	delay time.Duration // the wait before the next restart
	last  time.Time     // clock time of the last restart
}

// Restart backoff, as in Kubernetes.
const (
	backoffInitial = 10 * time.Second
	backoffMax     = 5 * time.Minute
	backoffReset   = 10 * time.Minute // a container that ran this long starts over
)

// signal asks the worker of key to sync, starting one if there is none.
// Safe for concurrent use; a no-op before Run has started its pod loop or
// after it stopped.
func (k *Kubelet) signal(uid apiobj.UID, namespace, name string) {
	if uid == "" {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.runCtx == nil || k.stopped {
		return
	}
	w := k.workers[uid]
	if w == nil {
		w = &podWorker{
			key:     podKey{uid: uid, namespace: namespace, name: name},
			ch:      make(chan struct{}, 1),
			backoff: map[string]*backoffEntry{},
		}
		k.workers[uid] = w
		ctx := k.runCtx
		k.goRun(func() { k.workerLoop(ctx, w) })
	}
	select {
	case w.ch <- struct{}{}:
	default:
	}
}

// wakeAt asks for a sync of key once the clock reaches t. The PLEG delivers
// it on the first relist at or after t.
func (k *Kubelet) wakeAt(key podKey, t time.Time) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if old, ok := k.wakeups[key]; !ok || t.Before(old) {
		k.wakeups[key] = t
	}
}

// dueWakeups removes and returns the wakeups due at now.
func (k *Kubelet) dueWakeups(now time.Time) []podKey {
	k.mu.Lock()
	defer k.mu.Unlock()
	var due []podKey
	for key, t := range k.wakeups {
		if !t.After(now) {
			due = append(due, key)
			delete(k.wakeups, key)
		}
	}
	return due
}

func (k *Kubelet) hasWorker(uid apiobj.UID) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.workers[uid] != nil
}

func (k *Kubelet) workerLoop(ctx context.Context, w *podWorker) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-w.ch:
		}
		done, err := k.syncPod(ctx, w)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			// A runtime or API call failed: try again soon, in real time,
			// since nothing in the clock's world changed.
			w.retryDelay = min(max(2*w.retryDelay, 50*time.Millisecond), 5*time.Second)
			key := w.key
			time.AfterFunc(w.retryDelay, func() { k.signal(key.uid, key.namespace, key.name) })
			continue
		}
		w.retryDelay = 0
		if done {
			k.mu.Lock()
			if len(w.ch) > 0 {
				k.mu.Unlock()
				continue
			}
			delete(k.workers, w.key.uid)
			k.mu.Unlock()
			return
		}
	}
}
