package kubelet

import (
	"context"

	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/cri"
)

// pleg is the pod lifecycle event generator: it relists the runtime and
// turns every change of a sandbox's or container's state into a sync signal
// for the pod's worker. Its fields are owned by the relist goroutine.
type pleg struct {
	k    *Kubelet
	last map[string]int32 // sandbox and container IDs to their last state
}

// plegEntry is one sandbox or container seen by a relist.
type plegEntry struct {
	state int32
	key   podKey
}

// relist lists the runtime, signals the workers of pods whose sandboxes or
// containers changed state, appeared or vanished, signals pods found in
// the runtime that have no worker (adoption after a restart, or orphans to
// remove), and delivers the wakeups that are due.
func (p *pleg) relist(ctx context.Context) {
	k := p.k
	sbs, err := k.rt.ListPodSandbox(ctx, &runtimev1.ListPodSandboxRequest{})
	if err != nil {
		return
	}
	cs, err := k.rt.ListContainers(ctx, &runtimev1.ListContainersRequest{})
	if err != nil {
		return
	}
	cur := make(map[string]plegEntry, len(sbs.Items)+len(cs.Containers))
	keyOf := func(l map[string]string) podKey {
		return podKey{uid: apiobj.UID(l[cri.LabelPodUID]), namespace: l[cri.LabelPodNamespace], name: l[cri.LabelPodName]}
	}
	for _, sb := range sbs.Items {
		cur[sb.Id] = plegEntry{state: int32(sb.State), key: keyOf(sb.Labels)}
	}
	for _, c := range cs.Containers {
		cur[c.Id] = plegEntry{state: int32(c.State), key: keyOf(c.Labels)}
	}
	changed := map[podKey]bool{}
	for id, e := range cur {
		if old, ok := p.last[id]; !ok || old != e.state {
			changed[e.key] = true
		} else if !changed[e.key] && !k.hasWorker(e.key.uid) {
			changed[e.key] = true
		}
	}
	next := make(map[string]int32, len(cur))
	for id, e := range cur {
		next[id] = e.state
	}
	p.last = next
	for _, key := range k.dueWakeups(k.clock.Now()) {
		changed[key] = true
	}
	for key := range changed {
		k.signal(key.uid, key.namespace, key.name)
	}
}
