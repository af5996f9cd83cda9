package podtopologyspread

import (
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins/internal/schedutil"
)

// constraint is a TopologySpreadConstraint with its selector compiled and
// its defaults applied.
type constraint struct {
	maxSkew       int32
	topologyKey   string
	selector      labels.Selector
	minDomains    int32
	honorAffinity bool // nodeAffinityPolicy: Honor (the default)
	honorTaints   bool // nodeTaintsPolicy: Honor (default Ignore)
}

// compileConstraints keeps the constraints with the given action and
// compiles them: matchLabelKeys add "key in (pod's value)" to the
// selector, minDomains defaults to 1, nodeAffinityPolicy to Honor and
// nodeTaintsPolicy to Ignore.
func compileConstraints(cs []apiobj.TopologySpreadConstraint, podLabels map[string]string, action apiobj.UnsatisfiableConstraintAction) ([]constraint, error) {
	var out []constraint
	for i := range cs {
		c := &cs[i]
		if c.WhenUnsatisfiable != action {
			continue
		}
		sel, err := framework.LabelSelectorAsSelector(c.LabelSelector)
		if err != nil {
			return nil, fmt.Errorf("topologySpreadConstraints[%d].labelSelector: %w", i, err)
		}
		sel = schedutil.AddLabelKeys(sel, podLabels, c.MatchLabelKeys, nil)
		tc := constraint{
			maxSkew:       c.MaxSkew,
			topologyKey:   c.TopologyKey,
			selector:      sel,
			minDomains:    1,
			honorAffinity: true,
		}
		if c.MinDomains != nil {
			tc.minDomains = *c.MinDomains
		}
		if c.NodeAffinityPolicy != nil {
			tc.honorAffinity = *c.NodeAffinityPolicy == apiobj.NodeInclusionPolicyHonor
		}
		if c.NodeTaintsPolicy != nil {
			tc.honorTaints = *c.NodeTaintsPolicy == apiobj.NodeInclusionPolicyHonor
		}
		out = append(out, tc)
	}
	return out, nil
}

// nodeHasAllKeys reports whether the node has every constraint's topology
// key.
func nodeHasAllKeys(nodeLabels map[string]string, cs []constraint) bool {
	for i := range cs {
		if _, ok := nodeLabels[cs[i].topologyKey]; !ok {
			return false
		}
	}
	return true
}

// includes reports whether the node counts for the constraint under its
// node inclusion policies.
func (c *constraint) includes(pod *apiobj.Pod, node *apiobj.Node, req *schedutil.RequiredNodeAffinity) bool {
	if c.honorAffinity && !req.Match(node) {
		return false
	}
	if c.honorTaints {
		if _, bad := schedutil.FindUntoleratedTaint(node.Spec.Taints, pod.Spec.Tolerations, schedutil.DoNotSchedule); bad {
			return false
		}
	}
	return true
}

// countMatching counts the pods of namespace ns that the selector matches,
// leaving out terminating pods. An empty selector counts nothing.
func countMatching(pods []*framework.PodInfo, sel labels.Selector, ns string) int {
	if sel.Empty() {
		return 0
	}
	n := 0
	for _, pi := range pods {
		p := pi.Pod
		if p.DeletionTimestamp != nil || p.Namespace != ns {
			continue
		}
		if sel.Matches(labels.Set(p.Labels)) {
			n++
		}
	}
	return n
}
