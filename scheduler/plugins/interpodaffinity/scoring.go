package interpodaffinity

import (
	"context"
	"fmt"
	"math"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
	"github.com/orcaproj/orca/scheduler/framework"
)

const preScoreStateKey framework.StateKey = "PreScore" + Name

// preScoreState holds the score of each topology domain.
type preScoreState struct {
	scores topologyCounts
}

func (s *preScoreState) Clone() framework.StateData { return s }

type scoreCtx struct {
	pod         *apiobj.Pod
	podNSLabels labels.Set
	ns          *nsLabels
	preferred   []term // the pod's preferred affinity terms
	preferAnti  []term // the pod's preferred anti-affinity terms
	hardWeight  int32
}

// PreScore adds up the weights of matching terms per topology domain. Only
// nodes with pods that have affinity terms are visited, unless the pod has
// preferred terms of its own. It skips when no domain gets a score.
func (pl *InterPodAffinity) PreScore(ctx context.Context, state *framework.CycleState, pod *apiobj.Pod, nodes []*framework.NodeInfo) *framework.Status {
	if len(nodes) == 0 {
		return framework.NewStatus(framework.Skip)
	}
	a := pod.Spec.Affinity
	hasConstraints := a != nil &&
		((a.PodAffinity != nil && len(a.PodAffinity.PreferredDuringSchedulingIgnoredDuringExecution) != 0) ||
			(a.PodAntiAffinity != nil && len(a.PodAntiAffinity.PreferredDuringSchedulingIgnoredDuringExecution) != 0))
	if pl.ignoreExisting && !hasConstraints {
		return framework.NewStatus(framework.Skip)
	}
	var all []*framework.NodeInfo
	var err error
	if hasConstraints {
		all, err = pl.snapshot.NodeInfos().List()
	} else {
		all, err = pl.snapshot.NodeInfos().HavePodsWithAffinityList()
	}
	if err != nil {
		return framework.AsStatus(fmt.Errorf("listing nodes: %w", err))
	}
	if len(all) == 0 {
		return framework.NewStatus(framework.Skip)
	}
	sc := &scoreCtx{
		pod:         pod,
		podNSLabels: framework.NamespaceLabels(pl.namespaces, pod.Namespace),
		ns:          &nsLabels{lister: pl.namespaces},
		hardWeight:  pl.hardWeight,
	}
	if hasConstraints {
		pi := framework.NewPodInfo(pod)
		if pi.ParseError != nil {
			return framework.AsStatus(fmt.Errorf("parsing pod: %w", pi.ParseError))
		}
		sc.preferred = newWeightedTerms(pi.PreferredAffinityTerms)
		sc.preferAnti = newWeightedTerms(pi.PreferredAntiAffinityTerms)
	}
	scores := pl.chunked(ctx, all, 1, func(ni *framework.NodeInfo, add adder) {
		node := ni.Node()
		if node == nil || len(node.Labels) == 0 {
			return
		}
		pods := ni.PodsWithAffinity
		if hasConstraints {
			pods = ni.Pods
		}
		for _, epi := range pods {
			sc.processExistingPod(epi, node, add)
		}
	})[0]
	if len(scores) == 0 {
		return framework.NewStatus(framework.Skip)
	}
	state.Write(preScoreStateKey, &preScoreState{scores: scores})
	return nil
}

func (sc *scoreCtx) processExistingPod(epi *framework.PodInfo, node *apiobj.Node, add adder) {
	// The pod's preferred terms that the existing pod matches.
	for i := range sc.preferred {
		t := &sc.preferred[i]
		if v, ok := node.Labels[t.topologyKey]; ok && t.matches(epi.Pod, sc.ns) {
			add(0, t.topologyKey, v, t.weight)
		}
	}
	for i := range sc.preferAnti {
		t := &sc.preferAnti[i]
		if v, ok := node.Labels[t.topologyKey]; ok && t.matches(epi.Pod, sc.ns) {
			add(0, t.topologyKey, v, -t.weight)
		}
	}
	// The existing pod's terms that the incoming pod matches.
	if sc.hardWeight > 0 {
		for i := range epi.RequiredAffinityTerms {
			t := &epi.RequiredAffinityTerms[i]
			if v, ok := node.Labels[t.TopologyKey]; ok && t.Matches(sc.pod, sc.podNSLabels) {
				add(0, t.TopologyKey, v, int64(sc.hardWeight))
			}
		}
	}
	for i := range epi.PreferredAffinityTerms {
		t := &epi.PreferredAffinityTerms[i]
		if v, ok := node.Labels[t.TopologyKey]; ok && t.Matches(sc.pod, sc.podNSLabels) {
			add(0, t.TopologyKey, v, int64(t.Weight))
		}
	}
	for i := range epi.PreferredAntiAffinityTerms {
		t := &epi.PreferredAntiAffinityTerms[i]
		if v, ok := node.Labels[t.TopologyKey]; ok && t.Matches(sc.pod, sc.podNSLabels) {
			add(0, t.TopologyKey, v, -int64(t.Weight))
		}
	}
}

// Score sums the scores of the node's domains.
func (pl *InterPodAffinity) Score(_ context.Context, state *framework.CycleState, _ *apiobj.Pod, nodeInfo *framework.NodeInfo) (int64, *framework.Status) {
	d, err := state.Read(preScoreStateKey)
	if err != nil {
		return 0, framework.AsStatus(fmt.Errorf("reading %q from cycle state: %w", preScoreStateKey, err))
	}
	s := d.(*preScoreState)
	node := nodeInfo.Node()
	if node == nil {
		return 0, nil
	}
	var score int64
	for key, vals := range s.scores {
		if v, ok := node.Labels[key]; ok {
			score += vals[v]
		}
	}
	return score, nil
}

// ScoreExtensions returns the plugin itself.
func (pl *InterPodAffinity) ScoreExtensions() framework.ScoreExtensions { return pl }

// NormalizeScore maps the scores linearly from [lowest, highest] to
// [0, 100]; all equal scores become 0.
func (pl *InterPodAffinity) NormalizeScore(_ context.Context, state *framework.CycleState, _ *apiobj.Pod, scores framework.NodeScoreList) *framework.Status {
	d, err := state.Read(preScoreStateKey)
	if err != nil || len(d.(*preScoreState).scores) == 0 {
		return nil
	}
	minS, maxS := int64(math.MaxInt64), int64(math.MinInt64)
	for i := range scores {
		minS = min(minS, scores[i].Score)
		maxS = max(maxS, scores[i].Score)
	}
	diff := maxS - minS
	for i := range scores {
		var f float64
		if diff > 0 {
			f = float64(framework.MaxNodeScore) * (float64(scores[i].Score-minS) / float64(diff))
		}
		scores[i].Score = int64(f)
	}
	return nil
}
