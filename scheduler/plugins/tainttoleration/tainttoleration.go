package tainttoleration

import (
	"context"
	"encoding/json"
	"sync"
	"sync/atomic"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins/internal/schedutil"
)

// Name is the plugin's name in the registry and in profiles.
const Name = "TaintToleration"

const (
	preScoreStateKey framework.StateKey = "PreScore" + Name
	// ErrReasonNotMatch is the rejection reason when the node is gone.
	ErrReasonNotMatch = "node(s) had taints that the pod didn't tolerate"
)

// TaintToleration filters and scores nodes by their taints.
type TaintToleration struct {
	// statuses caches one immutable rejection per distinct taint, so that
	// Filter does not format a message per rejected node. The map is
	// replaced, never modified (copy on write under mu).
	statuses atomic.Pointer[map[taintKey]*framework.Status]
	mu       sync.Mutex
}

type taintKey struct{ key, value string }

var (
	_ framework.FilterPlugin      = (*TaintToleration)(nil)
	_ framework.PreScorePlugin    = (*TaintToleration)(nil)
	_ framework.ScorePlugin       = (*TaintToleration)(nil)
	_ framework.ScoreExtensions   = (*TaintToleration)(nil)
	_ framework.EnqueueExtensions = (*TaintToleration)(nil)
)

// New is the plugin's framework.Factory; it takes no arguments.
func New(json.RawMessage, framework.Handle) (framework.Plugin, error) { return &TaintToleration{}, nil }

// Name returns Name.
func (*TaintToleration) Name() string { return Name }

const maxCachedStatuses = 4096

// rejection returns the shared status for an untolerated taint.
func (pl *TaintToleration) rejection(t *apiobj.Taint) *framework.Status {
	key := taintKey{t.Key, t.Value}
	if m := pl.statuses.Load(); m != nil {
		if s, ok := (*m)[key]; ok {
			return s
		}
	}
	s := framework.NewStatus(framework.UnschedulableAndUnresolvable, "node(s) had untolerated taint {"+t.Key+": "+t.Value+"}")
	pl.mu.Lock()
	defer pl.mu.Unlock()
	old := pl.statuses.Load()
	var next map[taintKey]*framework.Status
	if old == nil {
		next = map[taintKey]*framework.Status{}
	} else if prev, ok := (*old)[key]; ok {
		return prev
	} else if len(*old) >= maxCachedStatuses {
		return s
	} else {
		next = make(map[taintKey]*framework.Status, len(*old)+1)
		for k, v := range *old {
			next[k] = v
		}
	}
	next[key] = s
	pl.statuses.Store(&next)
	return s
}

var statusNoNode = framework.NewStatus(framework.UnschedulableAndUnresolvable, ErrReasonNotMatch)

// Filter rejects a node with an untolerated NoSchedule or NoExecute taint.
func (pl *TaintToleration) Filter(_ context.Context, _ *framework.CycleState, pod *apiobj.Pod, nodeInfo *framework.NodeInfo) *framework.Status {
	node := nodeInfo.Node()
	if node == nil {
		return statusNoNode
	}
	if t, bad := schedutil.FindUntoleratedTaint(node.Spec.Taints, pod.Spec.Tolerations, schedutil.DoNotSchedule); bad {
		return pl.rejection(t)
	}
	return nil
}

type preScoreState struct {
	tolerations []apiobj.Toleration // those with effect PreferNoSchedule or empty
}

func (s *preScoreState) Clone() framework.StateData { return s }

// PreScore keeps the tolerations that can tolerate PreferNoSchedule taints.
func (pl *TaintToleration) PreScore(_ context.Context, state *framework.CycleState, pod *apiobj.Pod, _ []*framework.NodeInfo) *framework.Status {
	s := &preScoreState{}
	for _, t := range pod.Spec.Tolerations {
		if t.Effect == "" || t.Effect == apiobj.TaintEffectPreferNoSchedule {
			s.tolerations = append(s.tolerations, t)
		}
	}
	state.Write(preScoreStateKey, s)
	return nil
}

// Score counts the node's untolerated PreferNoSchedule taints.
func (pl *TaintToleration) Score(_ context.Context, state *framework.CycleState, pod *apiobj.Pod, nodeInfo *framework.NodeInfo) (int64, *framework.Status) {
	node := nodeInfo.Node()
	if node == nil {
		return 0, nil
	}
	var tolerations []apiobj.Toleration
	if d, err := state.Read(preScoreStateKey); err == nil {
		tolerations = d.(*preScoreState).tolerations
	} else {
		tolerations = pod.Spec.Tolerations
	}
	var n int64
	for i := range node.Spec.Taints {
		t := &node.Spec.Taints[i]
		if t.Effect == apiobj.TaintEffectPreferNoSchedule && !apiobj.TolerationsTolerateTaint(tolerations, t) {
			n++
		}
	}
	return n, nil
}

// ScoreExtensions returns the plugin itself.
func (pl *TaintToleration) ScoreExtensions() framework.ScoreExtensions { return pl }

// NormalizeScore scales the counts to 0..100, reversed: fewer untolerated
// taints score higher.
func (pl *TaintToleration) NormalizeScore(_ context.Context, _ *framework.CycleState, _ *apiobj.Pod, scores framework.NodeScoreList) *framework.Status {
	schedutil.DefaultNormalizeScore(framework.MaxNodeScore, true, scores)
	return nil
}

// EventsToRegister registers node additions and taint changes, and pods
// gaining tolerations.
func (pl *TaintToleration) EventsToRegister() ([]framework.ClusterEventWithHint, error) {
	return []framework.ClusterEventWithHint{
		{Event: framework.ClusterEvent{Resource: framework.Node, ActionType: framework.Add | framework.UpdateNodeTaint}, QueueingHintFn: isSchedulableAfterNodeChange},
		{Event: framework.ClusterEvent{Resource: framework.UnscheduledPod, ActionType: framework.UpdatePodTolerations}, QueueingHintFn: isSchedulableAfterPodTolerationChange},
	}, nil
}

func isSchedulableAfterNodeChange(pod *apiobj.Pod, oldObj, newObj any) (framework.QueueingHint, error) {
	n, ok := newObj.(*apiobj.Node)
	if !ok {
		return framework.Queue, nil
	}
	wasUntolerated := true
	if old, ok := oldObj.(*apiobj.Node); ok {
		_, wasUntolerated = schedutil.FindUntoleratedTaint(old.Spec.Taints, pod.Spec.Tolerations, schedutil.DoNotSchedule)
	}
	_, isUntolerated := schedutil.FindUntoleratedTaint(n.Spec.Taints, pod.Spec.Tolerations, schedutil.DoNotSchedule)
	if wasUntolerated && !isUntolerated {
		return framework.Queue, nil
	}
	return framework.QueueSkip, nil
}

func isSchedulableAfterPodTolerationChange(pod *apiobj.Pod, _, newObj any) (framework.QueueingHint, error) {
	p, ok := newObj.(*apiobj.Pod)
	if !ok || framework.PodKey(p) != framework.PodKey(pod) {
		return framework.QueueSkip, nil
	}
	return framework.Queue, nil
}
