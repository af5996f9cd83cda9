package interpodaffinity

import (
	"context"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
	"github.com/orcaproj/orca/scheduler/framework"
)

const preFilterStateKey framework.StateKey = "PreFilter" + Name

var (
	statusAffinity     = framework.NewStatus(framework.UnschedulableAndUnresolvable, ErrReasonAffinityRulesNotMatch)
	statusAntiAffinity = framework.NewStatus(framework.Unschedulable, ErrReasonAntiAffinityRulesNotMatch)
	statusExisting     = framework.NewStatus(framework.Unschedulable, ErrReasonExistingAntiAffinityRulesNotMatch)
)

// preFilterState is what Filter reads: per topology domain, how many pods
// match. AddPod and RemovePod change a clone of it.
type preFilterState struct {
	pod         *apiobj.Pod
	podNSLabels labels.Set // labels of the incoming pod's namespace
	ns          *nsLabels

	affinityTerms     []term
	antiAffinityTerms []term
	// selfMatch: the pod matches all its own required affinity terms.
	selfMatch bool

	// existingAnti counts existing pods whose required anti-affinity
	// terms match the incoming pod, by the existing pod's domain;
	// existingAntiKeys lists it for Filter.
	existingAnti     topologyCounts
	existingAntiKeys []keyCounts
	// affinityVals and antiVals are affinity and anti by term.
	affinityVals, antiVals []map[string]int64
	// affinity counts pods matching all the pod's required affinity
	// terms, per term topology; anti those matching each anti term.
	affinity topologyCounts
	anti     topologyCounts
}

func (s *preFilterState) Clone() framework.StateData {
	if s == nil {
		return nil
	}
	c := *s
	c.existingAnti = s.existingAnti.clone()
	c.affinity = s.affinity.clone()
	c.anti = s.anti.clone()
	c.indexExistingAnti()
	return &c
}

// PreFilter counts, per topology domain, the pods that matter to the
// incoming pod's required terms and the existing pods whose required
// anti-affinity rejects it. It skips pods without required terms when no
// existing pod's anti-affinity matches them.
func (pl *InterPodAffinity) PreFilter(ctx context.Context, state *framework.CycleState, pod *apiobj.Pod) (*framework.PreFilterResult, *framework.Status) {
	pi := framework.NewPodInfo(pod)
	if pi.ParseError != nil {
		return nil, framework.NewStatus(framework.UnschedulableAndUnresolvable, fmt.Sprintf("parsing pod: %v", pi.ParseError))
	}
	s := &preFilterState{
		pod:               pod,
		podNSLabels:       framework.NamespaceLabels(pl.namespaces, pod.Namespace),
		ns:                &nsLabels{lister: pl.namespaces},
		affinityTerms:     newTerms(pi.RequiredAffinityTerms),
		antiAffinityTerms: newTerms(pi.RequiredAntiAffinityTerms),
	}
	s.selfMatch = matchesAll(s.affinityTerms, pod, s.ns)

	withAnti, err := pl.snapshot.NodeInfos().HavePodsWithRequiredAntiAffinityList()
	if err != nil {
		return nil, framework.AsStatus(fmt.Errorf("listing nodes with required anti-affinity pods: %w", err))
	}
	s.existingAnti = pl.chunked(ctx, withAnti, 1, func(ni *framework.NodeInfo, add adder) {
		node := ni.Node()
		if node == nil {
			return
		}
		for _, epi := range ni.PodsWithRequiredAntiAffinity {
			s.addExistingAnti(epi, node, add, 1)
		}
	})[0]

	if len(s.affinityTerms)+len(s.antiAffinityTerms) != 0 {
		all, err := pl.snapshot.NodeInfos().List()
		if err != nil {
			return nil, framework.AsStatus(fmt.Errorf("listing nodes: %w", err))
		}
		counts := pl.chunked(ctx, all, 2, func(ni *framework.NodeInfo, add adder) {
			node := ni.Node()
			if node == nil {
				return
			}
			for _, epi := range ni.Pods {
				s.addIncoming(epi.Pod, node, add, 1)
			}
		})
		s.affinity, s.anti = counts[0], counts[1]
	}

	if len(s.existingAnti) == 0 && len(s.affinityTerms) == 0 && len(s.antiAffinityTerms) == 0 {
		return nil, framework.NewStatus(framework.Skip)
	}
	s.indexExistingAnti()
	state.Write(preFilterStateKey, s)
	return nil, nil
}

// addExistingAnti counts the existing pod's required anti-affinity terms
// that match the incoming pod, in the existing pod's domains.
func (s *preFilterState) addExistingAnti(epi *framework.PodInfo, node *apiobj.Node, add adder, n int64) {
	for i := range epi.RequiredAntiAffinityTerms {
		t := &epi.RequiredAntiAffinityTerms[i]
		if v, ok := node.Labels[t.TopologyKey]; ok && t.Matches(s.pod, s.podNSLabels) {
			add(0, t.TopologyKey, v, n)
		}
	}
}

// addIncoming counts an existing pod against the incoming pod's required
// affinity terms (counts 0) and anti-affinity terms (counts 1).
func (s *preFilterState) addIncoming(p *apiobj.Pod, node *apiobj.Node, add adder, n int64) {
	if len(s.affinityTerms) != 0 && matchesAll(s.affinityTerms, p, s.ns) {
		for i := range s.affinityTerms {
			if v, ok := node.Labels[s.affinityTerms[i].topologyKey]; ok {
				add(0, s.affinityTerms[i].topologyKey, v, n)
			}
		}
	}
	for i := range s.antiAffinityTerms {
		t := &s.antiAffinityTerms[i]
		if v, ok := node.Labels[t.topologyKey]; ok && t.matches(p, s.ns) {
			add(1, t.topologyKey, v, n)
		}
	}
}

func (s *preFilterState) update(pi *framework.PodInfo, nodeInfo *framework.NodeInfo, n int64) {
	node := nodeInfo.Node()
	if node == nil {
		return
	}
	if s.existingAnti == nil {
		s.existingAnti = topologyCounts{}
	}
	if s.affinity == nil {
		s.affinity = topologyCounts{}
	}
	if s.anti == nil {
		s.anti = topologyCounts{}
	}
	counts := [2]topologyCounts{s.affinity, s.anti}
	s.addExistingAnti(pi, node, func(_ int, k, v string, n int64) { s.existingAnti.add(k, v, n) }, n)
	s.addIncoming(pi.Pod, node, func(which int, k, v string, n int64) { counts[which].add(k, v, n) }, n)
	s.indexExistingAnti()
}

// PreFilterExtensions returns the plugin: its counts depend on other pods.
func (pl *InterPodAffinity) PreFilterExtensions() framework.PreFilterExtensions { return pl }

// AddPod counts podInfoToAdd as if it ran on nodeInfo's node.
func (pl *InterPodAffinity) AddPod(_ context.Context, state *framework.CycleState, _ *apiobj.Pod, podInfoToAdd *framework.PodInfo, nodeInfo *framework.NodeInfo) *framework.Status {
	s, err := getPreFilterState(state)
	if err != nil {
		return framework.AsStatus(err)
	}
	s.update(podInfoToAdd, nodeInfo, 1)
	return nil
}

// RemovePod uncounts podInfoToRemove from nodeInfo's node.
func (pl *InterPodAffinity) RemovePod(_ context.Context, state *framework.CycleState, _ *apiobj.Pod, podInfoToRemove *framework.PodInfo, nodeInfo *framework.NodeInfo) *framework.Status {
	s, err := getPreFilterState(state)
	if err != nil {
		return framework.AsStatus(err)
	}
	s.update(podInfoToRemove, nodeInfo, -1)
	return nil
}

func getPreFilterState(state *framework.CycleState) (*preFilterState, error) {
	d, err := state.Read(preFilterStateKey)
	if err != nil {
		return nil, fmt.Errorf("reading %q from cycle state: %w", preFilterStateKey, err)
	}
	s, ok := d.(*preFilterState)
	if !ok {
		return nil, fmt.Errorf("%T is not an %s preFilterState", d, Name)
	}
	return s, nil
}

// Filter checks the counts against the node's domains.
func (pl *InterPodAffinity) Filter(_ context.Context, state *framework.CycleState, _ *apiobj.Pod, nodeInfo *framework.NodeInfo) *framework.Status {
	s, err := getPreFilterState(state)
	if err != nil {
		return framework.AsStatus(err)
	}
	node := nodeInfo.Node()
	if node == nil {
		return statusAffinity
	}
	if !s.satisfyAffinity(node) {
		return statusAffinity
	}
	if !s.satisfyAntiAffinity(node) {
		return statusAntiAffinity
	}
	if !s.satisfyExistingAntiAffinity(node) {
		return statusExisting
	}
	return nil
}

func (s *preFilterState) satisfyAffinity(node *apiobj.Node) bool {
	podsExist := true
	for i := range s.affinityTerms {
		key := s.affinityTerms[i].topologyKey
		v, ok := node.Labels[key]
		if !ok {
			// Every topology key must be on the node.
			return false
		}
		if s.affinityVals[i][v] <= 0 {
			podsExist = false
		}
	}
	if podsExist {
		return true
	}
	// The first pod of a group with affinity to itself may go anywhere with
	// the topology keys, as long as no pod matches yet.
	return len(s.affinity) == 0 && s.selfMatch
}

func (s *preFilterState) satisfyAntiAffinity(node *apiobj.Node) bool {
	if len(s.anti) == 0 {
		return true
	}
	for i := range s.antiAffinityTerms {
		if v, ok := node.Labels[s.antiAffinityTerms[i].topologyKey]; ok && s.antiVals[i][v] > 0 {
			return false
		}
	}
	return true
}

func (s *preFilterState) satisfyExistingAntiAffinity(node *apiobj.Node) bool {
	for i := range s.existingAntiKeys {
		k := &s.existingAntiKeys[i]
		if v, ok := node.Labels[k.key]; ok && k.vals[v] > 0 {
			return false
		}
	}
	return true
}

// keyCounts is one topology key's counts.
type keyCounts struct {
	key  string
	vals map[string]int64
}

// indexExistingAnti lists existingAnti by key, so that Filter does not
// iterate a map.
func (s *preFilterState) indexExistingAnti() {
	s.existingAntiKeys = s.existingAntiKeys[:0:0]
	for k, vals := range s.existingAnti {
		s.existingAntiKeys = append(s.existingAntiKeys, keyCounts{k, vals})
	}
	s.affinityVals = termVals(s.affinity, s.affinityTerms)
	s.antiVals = termVals(s.anti, s.antiAffinityTerms)
}

// termVals returns, per term, the counts of its topology key.
func termVals(m topologyCounts, terms []term) []map[string]int64 {
	out := make([]map[string]int64, len(terms))
	for i := range terms {
		out[i] = m[terms[i].topologyKey]
	}
	return out
}
