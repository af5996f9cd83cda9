package bench

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"

	"github.com/orcaproj/orca/apiobj"
)

// maxViolations bounds the violations Validate lists.
const maxViolations = 50

// Validate re-checks a final placement, independently of the scheduler's
// plugins: every pod in pods with spec.nodeName set is checked against
// its node and the other placed pods. It returns one line per violation
// (at most 50), nil when the placement is valid.
//
// It checks that the node exists; the pod's nodeSelector and required
// node affinity; that it tolerates the node's NoSchedule and NoExecute
// taints (and the unschedulable taint of a cordoned node); its required
// pod anti-affinity and that of the pods around it; its required pod
// affinity (a pod that matches its own term may be the first of its
// group); the skew of its DoNotSchedule topology spread constraints; and
// that no node holds more requests (CPU, memory, ephemeral storage,
// extended resources) or pods than it has allocatable.
//
// The spread check is on the final state: it is exact when every pod that
// a constraint's selector matches carries the constraint and none was
// removed, as in the benchmark workloads. namespaceLabels gives the
// labels of namespaces, for namespaceSelectors; nil means none have
// labels.
func Validate(nodes []*apiobj.Node, pods []*apiobj.Pod, namespaceLabels map[string]map[string]string) []string {
	v := &validator{nodes: map[string]*apiobj.Node{}, ns: namespaceLabels, spread: map[string]*spreadCounts{}}
	for _, n := range nodes {
		v.nodes[n.Name] = n
	}
	for _, p := range pods {
		if p.Spec.NodeName != "" {
			v.placed = append(v.placed, p)
		}
	}
	v.byNode = map[string][]*apiobj.Pod{}
	for _, p := range v.placed {
		v.byNode[p.Spec.NodeName] = append(v.byNode[p.Spec.NodeName], p)
	}
	v.checkNodes()
	for _, p := range v.placed {
		if len(v.out) >= maxViolations {
			break
		}
		v.checkPod(p)
	}
	return v.out
}

type validator struct {
	nodes  map[string]*apiobj.Node
	ns     map[string]map[string]string
	placed []*apiobj.Pod
	byNode map[string][]*apiobj.Pod
	// domains[key][value] lists the pods on nodes whose label key is value.
	domains map[string]map[string][]*apiobj.Pod
	spread  map[string]*spreadCounts
	out     []string
}

func (v *validator) fail(format string, args ...any) {
	if len(v.out) < maxViolations {
		v.out = append(v.out, fmt.Sprintf(format, args...))
	}
}

func podName(p *apiobj.Pod) string { return p.Namespace + "/" + p.Name }

// ---- resources ----

// requests is a pod's effective request per resource (milli-units for
// CPU, units otherwise), the way the API defines it: the larger of the
// containers (with sidecars) and each init container (with the sidecars
// started before it), plus the pod overhead.
func requests(p *apiobj.Pod) map[apiobj.ResourceName]int64 {
	val := func(name apiobj.ResourceName, rl apiobj.ResourceList) int64 {
		q, ok := rl[name]
		if !ok {
			return 0
		}
		if name == apiobj.ResourceCPU {
			return q.MilliValue()
		}
		return q.Value()
	}
	names := map[apiobj.ResourceName]struct{}{}
	collect := func(cs []apiobj.Container) {
		for _, c := range cs {
			for n := range c.Resources.Requests {
				names[n] = struct{}{}
			}
		}
	}
	collect(p.Spec.Containers)
	collect(p.Spec.InitContainers)
	for n := range p.Spec.Overhead {
		names[n] = struct{}{}
	}
	out := map[apiobj.ResourceName]int64{}
	for n := range names {
		var sum, sidecars, initMax int64
		for _, c := range p.Spec.Containers {
			sum += val(n, c.Resources.Requests)
		}
		for _, c := range p.Spec.InitContainers {
			r := val(n, c.Resources.Requests)
			if c.RestartPolicy != nil && *c.RestartPolicy == apiobj.ContainerRestartPolicyAlways {
				sidecars += r
				initMax = max(initMax, sidecars)
				continue
			}
			initMax = max(initMax, sidecars+r)
		}
		out[n] = max(sum+sidecars, initMax) + val(n, p.Spec.Overhead)
	}
	return out
}

func (v *validator) checkNodes() {
	names := make([]string, 0, len(v.byNode))
	for n := range v.byNode {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		node := v.nodes[name]
		if node == nil {
			continue // reported per pod
		}
		pods := v.byNode[name]
		if q, ok := node.Status.Allocatable[apiobj.ResourcePods]; ok && int64(len(pods)) > q.Value() {
			v.fail("node %s holds %d pods, allocatable %d", name, len(pods), q.Value())
		}
		used := map[apiobj.ResourceName]int64{}
		for _, p := range pods {
			for r, n := range requests(p) {
				used[r] += n
			}
		}
		for r, n := range used {
			if n == 0 {
				continue
			}
			q := node.Status.Allocatable[r]
			limit := q.Value()
			if r == apiobj.ResourceCPU {
				limit = q.MilliValue()
			}
			if n > limit {
				v.fail("node %s is overcommitted: %s requested %d, allocatable %d", name, r, n, limit)
			}
		}
	}
}

// ---- per pod ----

func (v *validator) checkPod(p *apiobj.Pod) {
	node := v.nodes[p.Spec.NodeName]
	if node == nil {
		v.fail("pod %s is on unknown node %s", podName(p), p.Spec.NodeName)
		return
	}
	if !nodeMatches(p, node) {
		v.fail("pod %s on %s: node selector or required node affinity not met", podName(p), node.Name)
	}
	if t, ok := untolerated(p, node); !ok {
		v.fail("pod %s on %s: untolerated taint %s=%s:%s", podName(p), node.Name, t.Key, t.Value, t.Effect)
	}
	if a := p.Spec.Affinity; a != nil {
		if a.PodAntiAffinity != nil {
			for _, term := range a.PodAntiAffinity.RequiredDuringSchedulingIgnoredDuringExecution {
				if q := v.firstMatchInDomain(p, node, term); q != nil {
					v.fail("pod %s on %s: required anti-affinity (%s) broken by %s on %s",
						podName(p), node.Name, term.TopologyKey, podName(q), q.Spec.NodeName)
				}
			}
		}
		if a.PodAffinity != nil {
			for _, term := range a.PodAffinity.RequiredDuringSchedulingIgnoredDuringExecution {
				if v.firstMatchInDomain(p, node, term) == nil && !v.termMatches(p, term, p) {
					v.fail("pod %s on %s: required affinity (%s) not met", podName(p), node.Name, term.TopologyKey)
				}
			}
		}
	}
	for _, c := range p.Spec.TopologySpreadConstraints {
		if c.WhenUnsatisfiable == apiobj.DoNotSchedule {
			v.checkSpread(p, node, c)
		}
	}
}

// nodeMatches checks the pod's nodeSelector and required node affinity.
func nodeMatches(p *apiobj.Pod, node *apiobj.Node) bool {
	for k, want := range p.Spec.NodeSelector {
		if got, ok := node.Labels[k]; !ok || got != want {
			return false
		}
	}
	a := p.Spec.Affinity
	if a == nil || a.NodeAffinity == nil || a.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution == nil {
		return true
	}
	for _, term := range a.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms {
		if len(term.MatchExpressions) == 0 && len(term.MatchFields) == 0 {
			continue // an empty term matches nothing
		}
		ok := true
		for _, r := range term.MatchExpressions {
			if !nodeRequirement(r, node.Labels) {
				ok = false
				break
			}
		}
		for _, r := range term.MatchFields {
			if !ok {
				break
			}
			ok = r.Key == "metadata.name" && nodeRequirement(r, map[string]string{r.Key: node.Name})
		}
		if ok {
			return true
		}
	}
	return false
}

func nodeRequirement(r apiobj.NodeSelectorRequirement, l map[string]string) bool {
	val, has := l[r.Key]
	switch r.Operator {
	case apiobj.NodeSelectorOpIn:
		return has && slices.Contains(r.Values, val)
	case apiobj.NodeSelectorOpNotIn:
		return !has || !slices.Contains(r.Values, val)
	case apiobj.NodeSelectorOpExists:
		return has
	case apiobj.NodeSelectorOpDoesNotExist:
		return !has
	case apiobj.NodeSelectorOpGt, apiobj.NodeSelectorOpLt:
		if !has || len(r.Values) != 1 {
			return false
		}
		a, err1 := strconv.ParseInt(val, 10, 64)
		b, err2 := strconv.ParseInt(r.Values[0], 10, 64)
		if err1 != nil || err2 != nil {
			return false
		}
		if r.Operator == apiobj.NodeSelectorOpGt {
			return a > b
		}
		return a < b
	}
	return false
}

// untolerated returns a NoSchedule or NoExecute taint of the node (the
// unschedulable taint of a cordoned node included) that the pod does not
// tolerate.
func untolerated(p *apiobj.Pod, node *apiobj.Node) (apiobj.Taint, bool) {
	taints := node.Spec.Taints
	if node.Spec.Unschedulable {
		taints = append(slices.Clip(taints), apiobj.Taint{Key: "node.kubernetes.io/unschedulable", Effect: apiobj.TaintEffectNoSchedule})
	}
	for _, t := range taints {
		if t.Effect != apiobj.TaintEffectNoSchedule && t.Effect != apiobj.TaintEffectNoExecute {
			continue
		}
		if !slices.ContainsFunc(p.Spec.Tolerations, func(tol apiobj.Toleration) bool { return tolerates(tol, t) }) {
			return t, false
		}
	}
	return apiobj.Taint{}, true
}

func tolerates(tol apiobj.Toleration, t apiobj.Taint) bool {
	if tol.Effect != "" && tol.Effect != t.Effect {
		return false
	}
	if tol.Key == "" {
		return tol.Operator == apiobj.TolerationOpExists
	}
	if tol.Key != t.Key {
		return false
	}
	switch tol.Operator {
	case apiobj.TolerationOpExists:
		return true
	case "", apiobj.TolerationOpEqual:
		return tol.Value == t.Value
	}
	return false
}

// ---- pod (anti-)affinity ----

// domain returns the placed pods on nodes whose label key has value.
func (v *validator) domain(key, value string) []*apiobj.Pod {
	if v.domains == nil {
		v.domains = map[string]map[string][]*apiobj.Pod{}
	}
	m, ok := v.domains[key]
	if !ok {
		m = map[string][]*apiobj.Pod{}
		for _, p := range v.placed {
			if n := v.nodes[p.Spec.NodeName]; n != nil {
				if val, ok := n.Labels[key]; ok {
					m[val] = append(m[val], p)
				}
			}
		}
		v.domains[key] = m
	}
	return m[value]
}

// firstMatchInDomain returns another placed pod in p's domain of the
// term's topology key that the term (of pod p) selects, or nil.
func (v *validator) firstMatchInDomain(p *apiobj.Pod, node *apiobj.Node, term apiobj.PodAffinityTerm) *apiobj.Pod {
	val, ok := node.Labels[term.TopologyKey]
	if !ok {
		return nil
	}
	for _, q := range v.domain(term.TopologyKey, val) {
		if q.UID == p.UID && q.Namespace == p.Namespace && q.Name == p.Name {
			continue
		}
		if v.termMatches(p, term, q) {
			return q
		}
	}
	return nil
}

// termMatches reports whether the term of pod owner selects pod q.
func (v *validator) termMatches(owner *apiobj.Pod, term apiobj.PodAffinityTerm, q *apiobj.Pod) bool {
	inNS := false
	switch {
	case len(term.Namespaces) == 0 && term.NamespaceSelector == nil:
		inNS = q.Namespace == owner.Namespace
	default:
		inNS = slices.Contains(term.Namespaces, q.Namespace)
		if !inNS && term.NamespaceSelector != nil {
			l := map[string]string{apiobj.LabelMetadataName: q.Namespace}
			for k, val := range v.ns[q.Namespace] {
				l[k] = val
			}
			inNS = selectorMatches(term.NamespaceSelector, l)
		}
	}
	if !inNS || term.LabelSelector == nil {
		return false
	}
	if !selectorMatches(term.LabelSelector, q.Labels) {
		return false
	}
	for _, k := range term.MatchLabelKeys {
		if val, ok := owner.Labels[k]; ok && q.Labels[k] != val {
			return false
		}
	}
	for _, k := range term.MismatchLabelKeys {
		if val, ok := owner.Labels[k]; ok && q.Labels[k] == val {
			return false
		}
	}
	return true
}

// selectorMatches evaluates a label selector; nil selects nothing and an
// empty one everything.
func selectorMatches(s *apiobj.LabelSelector, l map[string]string) bool {
	if s == nil {
		return false
	}
	for k, want := range s.MatchLabels {
		if got, ok := l[k]; !ok || got != want {
			return false
		}
	}
	for _, r := range s.MatchExpressions {
		val, has := l[r.Key]
		var ok bool
		switch r.Operator {
		case apiobj.LabelSelectorOpIn:
			ok = has && slices.Contains(r.Values, val)
		case apiobj.LabelSelectorOpNotIn:
			ok = !has || !slices.Contains(r.Values, val)
		case apiobj.LabelSelectorOpExists:
			ok = has
		case apiobj.LabelSelectorOpDoesNotExist:
			ok = !has
		}
		if !ok {
			return false
		}
	}
	return true
}

// ---- topology spread ----

// spreadCounts are the matching pods per domain of one constraint, over
// the nodes eligible for the pods that carry it.
type spreadCounts struct {
	counts map[string]int
	min    int
}

func (v *validator) checkSpread(p *apiobj.Pod, node *apiobj.Node, c apiobj.TopologySpreadConstraint) {
	dom, ok := node.Labels[c.TopologyKey]
	if !ok {
		v.fail("pod %s on %s: node lacks topology key %s of a DoNotSchedule constraint", podName(p), node.Name, c.TopologyKey)
		return
	}
	sc := v.spreadFor(p, c)
	if skew := sc.counts[dom] - sc.min; skew > int(c.MaxSkew) {
		v.fail("pod %s on %s: topology spread on %s has skew %d > maxSkew %d (domain %s has %d, min %d)",
			podName(p), node.Name, c.TopologyKey, skew, c.MaxSkew, dom, sc.counts[dom], sc.min)
	}
}

// spreadFor computes, once per distinct (namespace, constraint, node
// affinity, tolerations), the matching pods per domain.
func (v *validator) spreadFor(p *apiobj.Pod, c apiobj.TopologySpreadConstraint) *spreadCounts {
	sel := c.LabelSelector
	if len(c.MatchLabelKeys) != 0 {
		s := apiobj.LabelSelector{}
		if sel != nil {
			s = *sel
		}
		s.MatchLabels = map[string]string{}
		if sel != nil {
			for k, val := range sel.MatchLabels {
				s.MatchLabels[k] = val
			}
		}
		for _, k := range c.MatchLabelKeys {
			if val, ok := p.Labels[k]; ok {
				s.MatchLabels[k] = val
			}
		}
		sel = &s
	}
	honorAffinity := c.NodeAffinityPolicy == nil || *c.NodeAffinityPolicy == apiobj.NodeInclusionPolicyHonor
	honorTaints := c.NodeTaintsPolicy != nil && *c.NodeTaintsPolicy == apiobj.NodeInclusionPolicyHonor
	var aff, tol any
	if honorAffinity {
		aff = []any{p.Spec.NodeSelector, p.Spec.Affinity}
	}
	if honorTaints {
		tol = p.Spec.Tolerations
	}
	keyJSON, _ := json.Marshal([]any{p.Namespace, c.TopologyKey, sel, aff, tol})
	key := string(keyJSON)
	if sc, ok := v.spread[key]; ok {
		return sc
	}
	sc := &spreadCounts{counts: map[string]int{}}
	for _, n := range v.nodes {
		dom, ok := n.Labels[c.TopologyKey]
		if !ok || honorAffinity && !nodeMatches(p, n) {
			continue
		}
		if honorTaints {
			if _, ok := untolerated(p, n); !ok {
				continue
			}
		}
		if _, seen := sc.counts[dom]; !seen {
			sc.counts[dom] = 0
		}
		for _, q := range v.byNode[n.Name] {
			if q.Namespace == p.Namespace && q.DeletionTimestamp == nil && selectorMatches(sel, q.Labels) {
				sc.counts[dom]++
			}
		}
	}
	first := true
	for _, n := range sc.counts {
		if first || n < sc.min {
			sc.min, first = n, false
		}
	}
	if c.MinDomains != nil && len(sc.counts) < int(*c.MinDomains) {
		sc.min = 0
	}
	v.spread[key] = sc
	return sc
}
