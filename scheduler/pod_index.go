package scheduler

import (
	"sync"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
	"github.com/orcaproj/orca/scheduler/framework"
)

// podIndex holds every pod the scheduler was fed, scheduled or not. It
// serves as Handle.Pods when the adapter supplies no PodLister (the
// direct use), so that plugins such as Coscheduling can count a group.
type podIndex struct {
	mu   sync.RWMutex
	pods map[string]*apiobj.Pod // PodKey -> latest pod
}

var _ framework.PodLister = (*podIndex)(nil)

func newPodIndex() *podIndex { return &podIndex{pods: map[string]*apiobj.Pod{}} }

func (x *podIndex) set(p *apiobj.Pod) {
	x.mu.Lock()
	x.pods[framework.PodKey(p)] = p
	x.mu.Unlock()
}

// setIfPresent records p only if its pod is still known (not deleted).
func (x *podIndex) setIfPresent(p *apiobj.Pod) {
	key := framework.PodKey(p)
	x.mu.Lock()
	if _, ok := x.pods[key]; ok {
		x.pods[key] = p
	}
	x.mu.Unlock()
}

func (x *podIndex) delete(p *apiobj.Pod) {
	x.mu.Lock()
	delete(x.pods, framework.PodKey(p))
	x.mu.Unlock()
}

// ListPods implements framework.PodLister.
func (x *podIndex) ListPods(namespace string, selector labels.Selector) ([]*apiobj.Pod, error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	var out []*apiobj.Pod
	for _, p := range x.pods {
		if (namespace == "" || p.Namespace == namespace) && (selector == nil || selector.Matches(labels.Set(p.Labels))) {
			out = append(out, p)
		}
	}
	return out, nil
}
