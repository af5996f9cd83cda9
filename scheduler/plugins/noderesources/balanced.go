package noderesources

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
)

// BalancedAllocationName is the name of the NodeResourcesBalancedAllocation
// plugin.
const BalancedAllocationName = "NodeResourcesBalancedAllocation"

const balancedPreScoreStateKey framework.StateKey = "PreScore" + BalancedAllocationName

// BalancedAllocationArgs configure NodeResourcesBalancedAllocation.
type BalancedAllocationArgs struct {
	// Resources default to cpu and memory with weight 1 each. Weights are
	// validated but, as in kube-scheduler, do not affect the score.
	Resources []ResourceSpec `json:"resources,omitempty"`
}

// BalancedAllocation favours nodes whose resource fractions would be even
// with the pod on them.
type BalancedAllocation struct {
	scorer *allocationScorer
}

var (
	_ framework.PreScorePlugin = (*BalancedAllocation)(nil)
	_ framework.ScorePlugin    = (*BalancedAllocation)(nil)
)

// NewBalancedAllocation is NodeResourcesBalancedAllocation's
// framework.Factory. raw holds BalancedAllocationArgs, or is empty.
func NewBalancedAllocation(raw json.RawMessage, _ framework.Handle) (framework.Plugin, error) {
	var args BalancedAllocationArgs
	if err := framework.DecodeArgs(raw, &args); err != nil {
		return nil, fmt.Errorf("%s: %w", BalancedAllocationName, err)
	}
	return NewBalancedAllocationWithArgs(args)
}

// NewBalancedAllocationWithArgs builds the plugin from decoded args.
func NewBalancedAllocationWithArgs(args BalancedAllocationArgs) (*BalancedAllocation, error) {
	res := args.Resources
	if len(res) == 0 {
		res = defaultResources()
	}
	st, err := newStrategy(balanced, res, nil)
	if err != nil {
		return nil, fmt.Errorf("%s args: %w", BalancedAllocationName, err)
	}
	return &BalancedAllocation{scorer: newAllocationScorer(st, res, true)}, nil
}

// Name returns BalancedAllocationName.
func (*BalancedAllocation) Name() string { return BalancedAllocationName }

// PreScore computes the pod's requests; it skips pods that request none of
// the scored resources, so that best-effort pods are not all drawn to the
// same node.
func (ba *BalancedAllocation) PreScore(_ context.Context, state *framework.CycleState, pod *apiobj.Pod, _ []*framework.NodeInfo) *framework.Status {
	reqs := ba.scorer.podRequests(pod)
	if isBestEffort(reqs) {
		return framework.NewStatus(framework.Skip)
	}
	state.Write(balancedPreScoreStateKey, &scoreState{podRequests: reqs})
	return nil
}

// Score is (1 - the standard deviation of the requested fractions) * 100.
func (ba *BalancedAllocation) Score(_ context.Context, state *framework.CycleState, pod *apiobj.Pod, nodeInfo *framework.NodeInfo) (int64, *framework.Status) {
	var reqs []int64
	if d, err := state.Read(balancedPreScoreStateKey); err == nil {
		reqs = d.(*scoreState).podRequests
	} else {
		reqs = ba.scorer.podRequests(pod)
	}
	return ba.scorer.score(nodeInfo, reqs), nil
}

// ScoreExtensions returns nil: scores are already in 0..100.
func (*BalancedAllocation) ScoreExtensions() framework.ScoreExtensions { return nil }
