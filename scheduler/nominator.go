package scheduler

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
)

// nominator tracks pods nominated to nodes (status.nominatedNodeName, or
// set by PostFilter). It is read for every node in Filter, so the common
// case (no nominations) is one atomic load.
type nominator struct {
	count atomic.Int64 // number of nominated pods

	mu     sync.RWMutex
	byNode map[string][]*framework.PodInfo // node -> pods
	byPod  map[string]string               // PodKey -> node

	writer NominationWriter // may be nil
}

func newNominator(w NominationWriter) *nominator {
	return &nominator{byNode: map[string][]*framework.PodInfo{}, byPod: map[string]string{}, writer: w}
}

// add nominates pi's pod to node, replacing an earlier nomination. An
// empty node means the pod's status.nominatedNodeName.
func (n *nominator) add(pi *framework.PodInfo, node string) {
	if node == "" {
		node = pi.Pod.Status.NominatedNodeName
	}
	key := framework.PodKey(pi.Pod)
	n.mu.Lock()
	defer n.mu.Unlock()
	n.deleteLocked(key)
	if node == "" {
		return
	}
	n.byPod[key] = node
	n.byNode[node] = append(n.byNode[node], pi)
	n.count.Add(1)
}

// update replaces the pod's PodInfo and follows its new status
// nomination, keeping a scheduler-made nomination when the new status
// has none.
func (n *nominator) update(old *apiobj.Pod, pi *framework.PodInfo) {
	key := framework.PodKey(pi.Pod)
	n.mu.RLock()
	cur, ok := n.byPod[key]
	n.mu.RUnlock()
	node := pi.Pod.Status.NominatedNodeName
	if node == "" && ok && (old == nil || old.Status.NominatedNodeName == "") {
		node = cur
	}
	n.add(pi, node)
}

func (n *nominator) delete(pod *apiobj.Pod) {
	if n.count.Load() == 0 {
		return
	}
	n.mu.Lock()
	n.deleteLocked(framework.PodKey(pod))
	n.mu.Unlock()
}

func (n *nominator) deleteLocked(key string) {
	node, ok := n.byPod[key]
	if !ok {
		return
	}
	delete(n.byPod, key)
	list := n.byNode[node]
	for i, pi := range list {
		if framework.PodKey(pi.Pod) == key {
			list = append(list[:i:i], list[i+1:]...)
			break
		}
	}
	if len(list) == 0 {
		delete(n.byNode, node)
	} else {
		n.byNode[node] = list
	}
	n.count.Add(-1)
}

func (n *nominator) nodeOf(pod *apiobj.Pod) string {
	if n.count.Load() == 0 {
		return ""
	}
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.byPod[framework.PodKey(pod)]
}

// NominatedPodsForNode returns a copy of the pods nominated to node.
func (n *nominator) NominatedPodsForNode(node string) []*framework.PodInfo {
	if n.count.Load() == 0 {
		return nil
	}
	n.mu.RLock()
	defer n.mu.RUnlock()
	list := n.byNode[node]
	if len(list) == 0 {
		return nil
	}
	return append([]*framework.PodInfo(nil), list...)
}

// ClearNominatedNodeName drops the pods' nominations, here and through
// the writer.
func (n *nominator) ClearNominatedNodeName(ctx context.Context, pods ...*apiobj.Pod) error {
	var firstErr error
	for _, p := range pods {
		had := p.Status.NominatedNodeName != "" || n.nodeOf(p) != ""
		n.delete(p)
		if n.writer != nil && had {
			if err := n.writer.SetNominatedNodeName(ctx, p, ""); err != nil && firstErr == nil {
				firstErr = err
			}
		}
	}
	return firstErr
}
