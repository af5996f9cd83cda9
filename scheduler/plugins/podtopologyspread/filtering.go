package podtopologyspread

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins/internal/schedutil"
)

const preFilterStateKey framework.StateKey = "PreFilter" + Name

var (
	statusNotMatch     = framework.NewStatus(framework.Unschedulable, ErrReasonConstraintsNotMatch)
	statusMissingLabel = framework.NewStatus(framework.UnschedulableAndUnresolvable, ErrReasonNodeLabelNotMatch)
)

// domainView is one hard constraint's matching pods per eligible domain,
// as PreFilter counted them, plus the changes AddPod and RemovePod made.
// The counted part is shared with the plugin's counter and read-only; it
// stays valid until the plugin's next PreFilter (cycles are sequential).
type domainView struct {
	domains map[string]int32 // shared
	counts  []int64          // shared, by domain id
	num     int              // eligible domains
	delta   map[int32]int64  // owned: changes to known domains
	added   map[int32]bool   // owned: known domains made eligible by AddPod
	extra   map[string]int64 // owned: domains unknown to the counter
	paths   criticalPaths
}

func (d *domainView) get(v string) int64 {
	if id, ok := d.domains[v]; ok {
		n := d.counts[id]
		if d.delta != nil {
			n += d.delta[id]
		}
		return n
	}
	return d.extra[v]
}

// add counts n more pods in domain v, registering it if needed.
func (d *domainView) add(v string, n int64, eligible func(id int32) bool) {
	if id, ok := d.domains[v]; ok {
		if d.delta == nil {
			d.delta = map[int32]int64{}
		}
		d.delta[id] += n
		if !eligible(id) && !d.added[id] {
			if d.added == nil {
				d.added = map[int32]bool{}
			}
			d.added[id] = true
			d.num++
		}
	} else {
		if d.extra == nil {
			d.extra = map[string]int64{}
		}
		if _, ok := d.extra[v]; !ok {
			d.num++
		}
		d.extra[v] += n
	}
	d.paths.update(v, int(d.get(v)))
}

func (d domainView) clone() domainView {
	c := d
	c.delta = cloneMap(d.delta)
	c.added = cloneMap(d.added)
	c.extra = cloneMap(d.extra)
	return c
}

func cloneMap[K comparable, V any](m map[K]V) map[K]V {
	if m == nil {
		return nil
	}
	c := make(map[K]V, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// preFilterState holds, per hard constraint, the number of matching pods
// in each eligible domain and the two smallest domains.
type preFilterState struct {
	constraints []constraint
	// self[i] is 1 when the pod matches constraint i's selector.
	self     []int64
	views    []domainView
	members  [][]int32 // shared with the counters, by domain id
	required schedutil.RequiredNodeAffinity
}

func (s *preFilterState) Clone() framework.StateData {
	if s == nil {
		return nil
	}
	c := *s
	c.views = make([]domainView, len(s.views))
	for i := range s.views {
		c.views[i] = s.views[i].clone()
	}
	return &c
}

// minMatch is the global minimum of constraint i: 0 while there are fewer
// eligible domains than minDomains.
func (s *preFilterState) minMatch(i int) int {
	if s.views[i].num < int(s.constraints[i].minDomains) {
		return 0
	}
	return s.views[i].paths[0].num
}

// podSignature identifies what, besides a constraint's selector and keys,
// decides which nodes count for it: the pod's node selector and required
// affinity (nodeAffinityPolicy Honor) and its tolerations
// (nodeTaintsPolicy Honor).
func podSignature(pod *apiobj.Pod, c *constraint) string {
	var b strings.Builder
	if c.honorAffinity {
		b.WriteString("A")
		if len(pod.Spec.NodeSelector) != 0 {
			j, _ := json.Marshal(pod.Spec.NodeSelector)
			b.Write(j)
		}
		if sel := requiredNodeSelector(pod); sel != nil {
			j, _ := json.Marshal(sel)
			b.Write(j)
		}
	}
	if c.honorTaints {
		b.WriteString("T")
		j, _ := json.Marshal(pod.Spec.Tolerations)
		b.Write(j)
	}
	return b.String()
}

func requiredNodeSelector(pod *apiobj.Pod) *apiobj.NodeSelector {
	if a := pod.Spec.Affinity; a != nil && a.NodeAffinity != nil {
		return a.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution
	}
	return nil
}

// counterKey names the counts of constraint c for pods like pod. keys are
// the topology keys every node must have (empty: none required).
func counterKey(kind string, pod *apiobj.Pod, c *constraint, keys string) string {
	return kind + "\x00" + pod.Namespace + "\x00" + c.selector.String() + "\x00" + c.topologyKey + "\x00" + keys + "\x00" + podSignature(pod, c)
}

func allKeys(cs []constraint) string {
	ks := make([]string, len(cs))
	for i := range cs {
		ks[i] = cs[i].topologyKey
	}
	return strings.Join(ks, ",")
}

// PreFilter counts the pods matching each hard constraint per domain,
// over the nodes that have every constraint's topology key and pass the
// constraint's node inclusion policies. It skips pods without hard
// constraints. Counts are kept across cycles and only the nodes changed
// since the last cycle are recounted.
func (pl *PodTopologySpread) PreFilter(ctx context.Context, state *framework.CycleState, pod *apiobj.Pod) (*framework.PreFilterResult, *framework.Status) {
	cs, err := pl.constraints(pod, apiobj.DoNotSchedule)
	if err != nil {
		return nil, framework.NewStatus(framework.UnschedulableAndUnresolvable, err.Error())
	}
	if len(cs) == 0 {
		return nil, framework.NewStatus(framework.Skip)
	}
	all, err := pl.snapshot.NodeInfos().List()
	if err != nil {
		return nil, framework.AsStatus(fmt.Errorf("listing nodes: %w", err))
	}
	s := &preFilterState{
		constraints: cs,
		self:        make([]int64, len(cs)),
		views:       make([]domainView, len(cs)),
		members:     make([][]int32, len(cs)),
		required:    schedutil.GetRequiredNodeAffinity(pod),
	}
	for i := range cs {
		if cs[i].selector.Matches(labels.Set(pod.Labels)) {
			s.self[i] = 1
		}
	}
	keys := allKeys(cs)
	pl.counters.mu.Lock()
	defer pl.counters.mu.Unlock()
	for i := range cs {
		c := &cs[i]
		ctr := pl.counters.get(counterKey("F", pod, c, keys))
		ctr.refresh(ctx, pl.parallelizer, all, func(ni *framework.NodeInfo) contribution {
			node := ni.Node()
			if node == nil || !nodeHasAllKeys(node.Labels, cs) || !c.includes(pod, node, &s.required) {
				return contribution{}
			}
			return contribution{eligible: true, value: node.Labels[c.topologyKey], count: int32(countMatching(ni.Pods, c.selector, pod.Namespace))}
		})
		v := domainView{domains: ctr.domains, counts: ctr.counts, paths: newCriticalPaths()}
		for id, m := range ctr.members {
			if m > 0 {
				v.num++
				v.paths.update(ctr.values[id], int(ctr.counts[id]))
			}
		}
		s.views[i], s.members[i] = v, ctr.members
	}
	state.Write(preFilterStateKey, s)
	return nil, nil
}

// PreFilterExtensions returns the plugin: its counts depend on other pods.
func (pl *PodTopologySpread) PreFilterExtensions() framework.PreFilterExtensions { return pl }

// AddPod counts podInfoToAdd as if it ran on nodeInfo's node.
func (pl *PodTopologySpread) AddPod(_ context.Context, state *framework.CycleState, podToSchedule *apiobj.Pod, podInfoToAdd *framework.PodInfo, nodeInfo *framework.NodeInfo) *framework.Status {
	s, err := getPreFilterState(state)
	if err != nil {
		return framework.AsStatus(err)
	}
	s.update(podInfoToAdd.Pod, podToSchedule, nodeInfo.Node(), 1)
	return nil
}

// RemovePod uncounts podInfoToRemove from nodeInfo's node.
func (pl *PodTopologySpread) RemovePod(_ context.Context, state *framework.CycleState, podToSchedule *apiobj.Pod, podInfoToRemove *framework.PodInfo, nodeInfo *framework.NodeInfo) *framework.Status {
	s, err := getPreFilterState(state)
	if err != nil {
		return framework.AsStatus(err)
	}
	s.update(podInfoToRemove.Pod, podToSchedule, nodeInfo.Node(), -1)
	return nil
}

func (s *preFilterState) update(p, preemptor *apiobj.Pod, node *apiobj.Node, delta int64) {
	if p.Namespace != preemptor.Namespace || node == nil || !nodeHasAllKeys(node.Labels, s.constraints) {
		return
	}
	podLabels := labels.Set(p.Labels)
	for i := range s.constraints {
		c := &s.constraints[i]
		if !c.selector.Matches(podLabels) || !c.includes(preemptor, node, &s.required) {
			continue
		}
		members := s.members[i]
		s.views[i].add(node.Labels[c.topologyKey], delta, func(id int32) bool { return members[id] > 0 })
	}
}

func getPreFilterState(state *framework.CycleState) (*preFilterState, error) {
	d, err := state.Read(preFilterStateKey)
	if err != nil {
		return nil, fmt.Errorf("reading %q from cycle state: %w", preFilterStateKey, err)
	}
	s, ok := d.(*preFilterState)
	if !ok {
		return nil, fmt.Errorf("%T is not a %s preFilterState", d, Name)
	}
	return s, nil
}

// Filter rejects a node where placing the pod would make some hard
// constraint's skew exceed its maxSkew:
// matching pods in the node's domain + 1 if the pod matches itself - the
// global minimum > maxSkew.
func (pl *PodTopologySpread) Filter(_ context.Context, state *framework.CycleState, _ *apiobj.Pod, nodeInfo *framework.NodeInfo) *framework.Status {
	s, err := getPreFilterState(state)
	if err != nil {
		return framework.AsStatus(err)
	}
	node := nodeInfo.Node()
	if node == nil {
		return statusMissingLabel
	}
	for i := range s.constraints {
		c := &s.constraints[i]
		v, ok := node.Labels[c.topologyKey]
		if !ok {
			return statusMissingLabel
		}
		if s.views[i].get(v)+s.self[i]-int64(s.minMatch(i)) > int64(c.maxSkew) {
			return statusNotMatch
		}
	}
	return nil
}
