package podtopologyspread

import (
	"context"
	"fmt"
	"math"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins/internal/schedutil"
)

const preScoreStateKey framework.StateKey = "PreScore" + Name

// preScoreState holds, per soft constraint, the matching pods in each
// domain (hostname domains are counted in Score).
type preScoreState struct {
	constraints []constraint
	// ignored are feasible nodes missing a topology key; they score 0.
	ignored map[string]struct{}
	// domains and counts are shared with the plugin's counters (nil for
	// hostname constraints); valid until the next PreScore.
	domains []map[string]int32
	counts  [][]int64
	weights []float64
}

func (s *preScoreState) Clone() framework.StateData { return s }

// PreScore counts the pods matching each soft constraint per domain of
// the feasible nodes, over every node that has the topology keys (when
// required) and passes the constraint's inclusion policies. It skips pods
// without soft constraints. Counts are kept across cycles as in PreFilter.
func (pl *PodTopologySpread) PreScore(ctx context.Context, state *framework.CycleState, pod *apiobj.Pod, filtered []*framework.NodeInfo) *framework.Status {
	all, err := pl.snapshot.NodeInfos().List()
	if err != nil {
		return framework.AsStatus(fmt.Errorf("listing nodes: %w", err))
	}
	if len(filtered) == 0 || len(all) == 0 {
		return framework.NewStatus(framework.Skip)
	}
	cs, err := pl.constraints(pod, apiobj.ScheduleAnyway)
	if err != nil {
		return framework.AsStatus(err)
	}
	if len(cs) == 0 {
		return framework.NewStatus(framework.Skip)
	}
	// Only require every topology key on a node with non-system-default
	// constraints, so that nodes without a zone still spread by hostname.
	requireAll := len(pod.Spec.TopologySpreadConstraints) != 0 || !pl.systemDefaulted
	s := &preScoreState{
		constraints: cs,
		ignored:     map[string]struct{}{},
		domains:     make([]map[string]int32, len(cs)),
		counts:      make([][]int64, len(cs)),
		weights:     make([]float64, len(cs)),
	}
	keys := ""
	if requireAll {
		keys = allKeys(cs)
	}
	req := schedutil.GetRequiredNodeAffinity(pod)
	pl.counters.mu.Lock()
	defer pl.counters.mu.Unlock()
	for i := range cs {
		c := &cs[i]
		if c.topologyKey == apiobj.LabelHostname {
			continue
		}
		ctr := pl.counters.get(counterKey("S", pod, c, keys))
		ctr.refresh(ctx, pl.parallelizer, all, func(ni *framework.NodeInfo) contribution {
			node := ni.Node()
			if node == nil || (requireAll && !nodeHasAllKeys(node.Labels, cs)) || !c.includes(pod, node, &req) {
				return contribution{}
			}
			return contribution{eligible: true, value: node.Labels[c.topologyKey], count: int32(countMatching(ni.Pods, c.selector, pod.Namespace))}
		})
		s.domains[i], s.counts[i] = ctr.domains, ctr.counts
	}
	sizes := make([]int, len(cs))
	seen := make([]map[string]struct{}, len(cs))
	for _, ni := range filtered {
		node := ni.Node()
		if node == nil {
			continue
		}
		if requireAll && !nodeHasAllKeys(node.Labels, cs) {
			s.ignored[node.Name] = struct{}{}
			continue
		}
		for i := range cs {
			if cs[i].topologyKey == apiobj.LabelHostname {
				continue
			}
			// Like kube-scheduler, a node without the key (possible with
			// system defaults) adds the "" domain.
			v := node.Labels[cs[i].topologyKey]
			if seen[i] == nil {
				seen[i] = map[string]struct{}{}
			}
			if _, ok := seen[i][v]; !ok {
				seen[i][v] = struct{}{}
				sizes[i]++
			}
		}
	}
	for i := range cs {
		size := sizes[i]
		if cs[i].topologyKey == apiobj.LabelHostname {
			size = len(filtered) - len(s.ignored)
		}
		s.weights[i] = topologyNormalizingWeight(size)
	}
	state.Write(preScoreStateKey, s)
	return nil
}

// Score sums, over the soft constraints, count*weight + maxSkew-1 for the
// node's domain; lower means better spread.
func (pl *PodTopologySpread) Score(_ context.Context, state *framework.CycleState, pod *apiobj.Pod, nodeInfo *framework.NodeInfo) (int64, *framework.Status) {
	d, err := state.Read(preScoreStateKey)
	if err != nil {
		return 0, framework.AsStatus(fmt.Errorf("reading %q from cycle state: %w", preScoreStateKey, err))
	}
	s := d.(*preScoreState)
	node := nodeInfo.Node()
	if node == nil {
		return 0, nil
	}
	if _, ok := s.ignored[node.Name]; ok {
		return 0, nil
	}
	var score float64
	for i := range s.constraints {
		c := &s.constraints[i]
		v, ok := node.Labels[c.topologyKey]
		if !ok {
			continue
		}
		var cnt int64
		if c.topologyKey == apiobj.LabelHostname {
			cnt = int64(countMatching(nodeInfo.Pods, c.selector, pod.Namespace))
		} else if id, ok := s.domains[i][v]; ok {
			cnt = s.counts[i][id]
		}
		score += scoreForCount(cnt, c.maxSkew, s.weights[i])
	}
	return int64(math.Round(score)), nil
}

// ScoreExtensions returns the plugin itself.
func (pl *PodTopologySpread) ScoreExtensions() framework.ScoreExtensions { return pl }

// NormalizeScore inverts the scores into 0..100: the lowest raw score gets
// the most; ignored nodes get 0.
func (pl *PodTopologySpread) NormalizeScore(_ context.Context, state *framework.CycleState, _ *apiobj.Pod, scores framework.NodeScoreList) *framework.Status {
	d, err := state.Read(preScoreStateKey)
	if err != nil {
		return nil
	}
	s := d.(*preScoreState)
	minS, maxS := int64(math.MaxInt64), int64(0)
	for i := range scores {
		if _, ok := s.ignored[scores[i].Name]; ok {
			continue
		}
		minS = min(minS, scores[i].Score)
		maxS = max(maxS, scores[i].Score)
	}
	for i := range scores {
		if _, ok := s.ignored[scores[i].Name]; ok {
			scores[i].Score = 0
			continue
		}
		if maxS == 0 {
			scores[i].Score = framework.MaxNodeScore
			continue
		}
		scores[i].Score = framework.MaxNodeScore * (maxS + minS - scores[i].Score) / maxS
	}
	return nil
}
