package nodeaffinity

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins/internal/schedutil"
)

// Name is the plugin's name in the registry and in profiles.
const Name = "NodeAffinity"

// Reasons, worded as kube-scheduler words them.
const (
	ErrReasonPod      = "node(s) didn't match Pod's node affinity/selector"
	ErrReasonEnforced = "node(s) didn't match scheduler-enforced node affinity"
	ErrReasonConflict = "pod affinity terms conflict"
)

const (
	preFilterStateKey framework.StateKey = "PreFilter" + Name
	preScoreStateKey  framework.StateKey = "PreScore" + Name
)

var (
	statusPod      = framework.NewStatus(framework.UnschedulableAndUnresolvable, ErrReasonPod)
	statusEnforced = framework.NewStatus(framework.UnschedulableAndUnresolvable, ErrReasonEnforced)
)

// Args configure the plugin.
type Args struct {
	// AddedAffinity is applied to every pod, in addition to its own.
	AddedAffinity *apiobj.NodeAffinity `json:"addedAffinity,omitempty"`
}

// NodeAffinity filters and scores nodes by node affinity.
type NodeAffinity struct {
	addedNodeSelector *schedutil.NodeSelector   // nil: none
	addedPrefTerms    *schedutil.PreferredTerms // nil: none
}

var (
	_ framework.PreFilterPlugin   = (*NodeAffinity)(nil)
	_ framework.FilterPlugin      = (*NodeAffinity)(nil)
	_ framework.PreScorePlugin    = (*NodeAffinity)(nil)
	_ framework.ScorePlugin       = (*NodeAffinity)(nil)
	_ framework.ScoreExtensions   = (*NodeAffinity)(nil)
	_ framework.EnqueueExtensions = (*NodeAffinity)(nil)
)

// New is the plugin's framework.Factory. raw holds Args, or is empty.
func New(raw json.RawMessage, _ framework.Handle) (framework.Plugin, error) {
	var args Args
	if err := framework.DecodeArgs(raw, &args); err != nil {
		return nil, fmt.Errorf("%s: %w", Name, err)
	}
	return NewWithArgs(args)
}

// NewWithArgs builds the plugin from decoded Args.
func NewWithArgs(args Args) (*NodeAffinity, error) {
	pl := &NodeAffinity{}
	if a := args.AddedAffinity; a != nil {
		if a.RequiredDuringSchedulingIgnoredDuringExecution != nil {
			pl.addedNodeSelector = schedutil.CompileNodeSelector(a.RequiredDuringSchedulingIgnoredDuringExecution)
			if err := pl.addedNodeSelector.Err(); err != nil {
				return nil, fmt.Errorf("%s args: addedAffinity: %w", Name, err)
			}
		}
		if len(a.PreferredDuringSchedulingIgnoredDuringExecution) != 0 {
			terms, err := schedutil.CompilePreferredTerms(a.PreferredDuringSchedulingIgnoredDuringExecution)
			if err != nil {
				return nil, fmt.Errorf("%s args: addedAffinity: %w", Name, err)
			}
			pl.addedPrefTerms = terms
		}
	}
	return pl, nil
}

// Name returns Name.
func (*NodeAffinity) Name() string { return Name }

type preFilterState struct {
	required schedutil.RequiredNodeAffinity
}

func (s *preFilterState) Clone() framework.StateData { return s }

func requiredNodeSelector(pod *apiobj.Pod) *apiobj.NodeSelector {
	if a := pod.Spec.Affinity; a != nil && a.NodeAffinity != nil {
		return a.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution
	}
	return nil
}

// PreFilter compiles the pod's node selector and required affinity, and
// restricts the cycle to the nodes its matchFields name, if any. It skips
// pods with neither (when no affinity is added by the profile).
func (pl *NodeAffinity) PreFilter(_ context.Context, state *framework.CycleState, pod *apiobj.Pod) (*framework.PreFilterResult, *framework.Status) {
	req := requiredNodeSelector(pod)
	if req == nil && pl.addedNodeSelector == nil && len(pod.Spec.NodeSelector) == 0 {
		return nil, framework.NewStatus(framework.Skip)
	}
	state.Write(preFilterStateKey, &preFilterState{required: schedutil.GetRequiredNodeAffinity(pod)})
	if req == nil {
		return nil, nil
	}
	names, restricted := schedutil.NodeNamesFromSelector(req)
	if !restricted {
		return nil, nil
	}
	if len(names) == 0 {
		return nil, framework.NewStatus(framework.UnschedulableAndUnresolvable, ErrReasonConflict)
	}
	return &framework.PreFilterResult{NodeNames: names}, nil
}

// PreFilterExtensions returns nil: the state does not depend on other pods.
func (*NodeAffinity) PreFilterExtensions() framework.PreFilterExtensions { return nil }

// Filter checks the profile's added affinity and the pod's own.
func (pl *NodeAffinity) Filter(_ context.Context, state *framework.CycleState, pod *apiobj.Pod, nodeInfo *framework.NodeInfo) *framework.Status {
	node := nodeInfo.Node()
	if node == nil {
		return statusPod
	}
	if pl.addedNodeSelector != nil && !pl.addedNodeSelector.Match(node) {
		return statusEnforced
	}
	var req schedutil.RequiredNodeAffinity
	if d, err := state.Read(preFilterStateKey); err == nil {
		req = d.(*preFilterState).required
	} else {
		req = schedutil.GetRequiredNodeAffinity(pod)
	}
	if !req.Match(node) {
		return statusPod
	}
	return nil
}

type preScoreState struct {
	preferred *schedutil.PreferredTerms
}

func (s *preScoreState) Clone() framework.StateData { return s }

func preferredTerms(pod *apiobj.Pod) (*schedutil.PreferredTerms, error) {
	if a := pod.Spec.Affinity; a != nil && a.NodeAffinity != nil && len(a.NodeAffinity.PreferredDuringSchedulingIgnoredDuringExecution) != 0 {
		return schedutil.CompilePreferredTerms(a.NodeAffinity.PreferredDuringSchedulingIgnoredDuringExecution)
	}
	return nil, nil
}

// PreScore compiles the preferred terms; it skips pods without any (when
// the profile adds none).
func (pl *NodeAffinity) PreScore(_ context.Context, state *framework.CycleState, pod *apiobj.Pod, _ []*framework.NodeInfo) *framework.Status {
	terms, err := preferredTerms(pod)
	if err != nil {
		return framework.AsStatus(fmt.Errorf("parsing pod's preferred node affinity: %w", err))
	}
	if terms.Len() == 0 && pl.addedPrefTerms.Len() == 0 {
		return framework.NewStatus(framework.Skip)
	}
	state.Write(preScoreStateKey, &preScoreState{preferred: terms})
	return nil
}

// Score sums the weights of the matching preferred terms.
func (pl *NodeAffinity) Score(_ context.Context, state *framework.CycleState, pod *apiobj.Pod, nodeInfo *framework.NodeInfo) (int64, *framework.Status) {
	node := nodeInfo.Node()
	if node == nil {
		return 0, nil
	}
	var terms *schedutil.PreferredTerms
	if d, err := state.Read(preScoreStateKey); err == nil {
		terms = d.(*preScoreState).preferred
	} else {
		var perr error
		if terms, perr = preferredTerms(pod); perr != nil {
			return 0, framework.AsStatus(perr)
		}
	}
	return pl.addedPrefTerms.Score(node) + terms.Score(node), nil
}

// ScoreExtensions returns the plugin itself.
func (pl *NodeAffinity) ScoreExtensions() framework.ScoreExtensions { return pl }

// NormalizeScore scales the sums to 0..100 by the highest.
func (pl *NodeAffinity) NormalizeScore(_ context.Context, _ *framework.CycleState, _ *apiobj.Pod, scores framework.NodeScoreList) *framework.Status {
	schedutil.DefaultNormalizeScore(framework.MaxNodeScore, false, scores)
	return nil
}

// EventsToRegister registers node additions and label changes; the hint
// queues the pod when the node now matches and did not before.
func (pl *NodeAffinity) EventsToRegister() ([]framework.ClusterEventWithHint, error) {
	return []framework.ClusterEventWithHint{{
		Event:          framework.ClusterEvent{Resource: framework.Node, ActionType: framework.Add | framework.UpdateNodeLabel},
		QueueingHintFn: pl.isSchedulableAfterNodeChange,
	}}, nil
}

func (pl *NodeAffinity) isSchedulableAfterNodeChange(pod *apiobj.Pod, oldObj, newObj any) (framework.QueueingHint, error) {
	n, ok := newObj.(*apiobj.Node)
	if !ok {
		return framework.Queue, nil
	}
	if pl.addedNodeSelector != nil && !pl.addedNodeSelector.Match(n) {
		return framework.QueueSkip, nil
	}
	req := schedutil.GetRequiredNodeAffinity(pod)
	if !req.Match(n) {
		return framework.QueueSkip, nil
	}
	if old, ok := oldObj.(*apiobj.Node); ok && req.Match(old) && (pl.addedNodeSelector == nil || pl.addedNodeSelector.Match(old)) {
		// It matched before too; the change is not what the pod waited for.
		return framework.QueueSkip, nil
	}
	return framework.Queue, nil
}
