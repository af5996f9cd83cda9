package schedutil

import (
	"errors"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
)

// ObjectNameField is the only field a node selector term's matchFields may
// name.
const ObjectNameField = "metadata.name"

// NodeSelector is a compiled apiobj.NodeSelector: its terms are ORed and the
// requirements within a term ANDed. A term with no requirements, or one that
// does not compile, matches no node. The zero and nil NodeSelector match
// nothing. Immutable once compiled and safe for concurrent use.
type NodeSelector struct {
	terms []nodeSelectorTerm
	err   error
}

type nodeSelectorTerm struct {
	labels labels.Selector // nil: no matchExpressions
	fields []fieldRequirement
}

// fieldRequirement is "metadata.name = value" (in) or "!= value".
type fieldRequirement struct {
	in    bool
	value string
}

// CompileNodeSelector compiles ns. Terms that do not compile are dropped
// (they match nothing); Err reports the first such problem.
func CompileNodeSelector(ns *apiobj.NodeSelector) *NodeSelector {
	s := &NodeSelector{}
	if ns == nil {
		return s
	}
	s.terms = make([]nodeSelectorTerm, 0, len(ns.NodeSelectorTerms))
	for i := range ns.NodeSelectorTerms {
		t, ok, err := compileTerm(&ns.NodeSelectorTerms[i])
		if err != nil {
			if s.err == nil {
				s.err = fmt.Errorf("nodeSelectorTerms[%d]: %w", i, err)
			}
			continue
		}
		if ok {
			s.terms = append(s.terms, t)
		}
	}
	return s
}

// Err returns the first compile error, or nil.
func (s *NodeSelector) Err() error {
	if s == nil {
		return nil
	}
	return s.err
}

// compileTerm returns ok=false for an empty term.
func compileTerm(t *apiobj.NodeSelectorTerm) (nodeSelectorTerm, bool, error) {
	if len(t.MatchExpressions) == 0 && len(t.MatchFields) == 0 {
		return nodeSelectorTerm{}, false, nil
	}
	var out nodeSelectorTerm
	if len(t.MatchExpressions) > 0 {
		reqs := make([]labels.Requirement, 0, len(t.MatchExpressions))
		for _, e := range t.MatchExpressions {
			r, err := labels.NewRequirement(e.Key, nodeSelectorOp(e.Operator), e.Values)
			if err != nil {
				return nodeSelectorTerm{}, false, err
			}
			reqs = append(reqs, r)
		}
		out.labels = labels.Everything().Add(reqs...)
	}
	for _, f := range t.MatchFields {
		if f.Key != ObjectNameField {
			return nodeSelectorTerm{}, false, fmt.Errorf("matchFields: unsupported field %q", f.Key)
		}
		if len(f.Values) != 1 {
			return nodeSelectorTerm{}, false, fmt.Errorf("matchFields: unexpected number of value (%d) for node field selector operator %q", len(f.Values), f.Operator)
		}
		switch f.Operator {
		case apiobj.NodeSelectorOpIn:
			out.fields = append(out.fields, fieldRequirement{in: true, value: f.Values[0]})
		case apiobj.NodeSelectorOpNotIn:
			out.fields = append(out.fields, fieldRequirement{in: false, value: f.Values[0]})
		default:
			return nodeSelectorTerm{}, false, fmt.Errorf("matchFields: %q is not a valid node field selector operator", f.Operator)
		}
	}
	return out, true, nil
}

func nodeSelectorOp(op apiobj.NodeSelectorOperator) labels.Operator {
	switch op {
	case apiobj.NodeSelectorOpIn:
		return labels.In
	case apiobj.NodeSelectorOpNotIn:
		return labels.NotIn
	case apiobj.NodeSelectorOpExists:
		return labels.Exists
	case apiobj.NodeSelectorOpDoesNotExist:
		return labels.DoesNotExist
	case apiobj.NodeSelectorOpGt:
		return labels.GreaterThan
	case apiobj.NodeSelectorOpLt:
		return labels.LessThan
	}
	return labels.Operator(op)
}

func (t *nodeSelectorTerm) match(node *apiobj.Node) bool {
	for _, f := range t.fields {
		if (node.Name == f.value) != f.in {
			return false
		}
	}
	return t.labels == nil || t.labels.Matches(labels.Set(node.Labels))
}

// Match reports whether any term matches the node.
func (s *NodeSelector) Match(node *apiobj.Node) bool {
	if s == nil || node == nil {
		return false
	}
	for i := range s.terms {
		if s.terms[i].match(node) {
			return true
		}
	}
	return false
}

// RequiredNodeAffinity is a pod's spec.nodeSelector together with its
// required node affinity, compiled. Both must match. The zero value matches
// every node.
type RequiredNodeAffinity struct {
	labels   labels.Selector // nil: no nodeSelector
	selector *NodeSelector   // nil: no required node affinity
}

// GetRequiredNodeAffinity compiles the pod's node selector and required node
// affinity.
func GetRequiredNodeAffinity(pod *apiobj.Pod) RequiredNodeAffinity {
	var r RequiredNodeAffinity
	if len(pod.Spec.NodeSelector) > 0 {
		r.labels = labels.SelectorFromSet(pod.Spec.NodeSelector)
	}
	if a := pod.Spec.Affinity; a != nil && a.NodeAffinity != nil && a.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution != nil {
		r.selector = CompileNodeSelector(a.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution)
	}
	return r
}

// Empty reports whether the pod places no node restriction.
func (r RequiredNodeAffinity) Empty() bool { return r.labels == nil && r.selector == nil }

// Match reports whether node satisfies the pod's node selector and required
// node affinity.
func (r RequiredNodeAffinity) Match(node *apiobj.Node) bool {
	if r.labels != nil && !r.labels.Matches(labels.Set(node.Labels)) {
		return false
	}
	if r.selector != nil && !r.selector.Match(node) {
		return false
	}
	return true
}

// Err returns the first compile error of the required node affinity.
func (r RequiredNodeAffinity) Err() error { return r.selector.Err() }

// PreferredTerms is a compiled list of weighted preferred scheduling terms.
// Terms with weight 0 or without requirements are dropped, as in
// kube-scheduler.
type PreferredTerms struct {
	terms []preferredTerm
}

type preferredTerm struct {
	term   nodeSelectorTerm
	weight int64
}

// CompilePreferredTerms compiles terms; a term that does not compile is an
// error.
func CompilePreferredTerms(terms []apiobj.PreferredSchedulingTerm) (*PreferredTerms, error) {
	p := &PreferredTerms{}
	var errs []error
	for i := range terms {
		if terms[i].Weight == 0 {
			continue
		}
		t, ok, err := compileTerm(&terms[i].Preference)
		if err != nil {
			errs = append(errs, fmt.Errorf("[%d]: %w", i, err))
			continue
		}
		if ok {
			p.terms = append(p.terms, preferredTerm{term: t, weight: int64(terms[i].Weight)})
		}
	}
	return p, errors.Join(errs...)
}

// Len is the number of usable terms.
func (p *PreferredTerms) Len() int {
	if p == nil {
		return 0
	}
	return len(p.terms)
}

// Score sums the weights of the terms that match node.
func (p *PreferredTerms) Score(node *apiobj.Node) int64 {
	if p == nil {
		return 0
	}
	var s int64
	for i := range p.terms {
		if p.terms[i].term.match(node) {
			s += p.terms[i].weight
		}
	}
	return s
}

// NodeNamesFromSelector returns the node names a required node selector
// restricts a pod to through "metadata.name In" matchFields. restricted is
// false when some term places no such restriction (terms are ORed, so every
// node stays possible). When restricted is true and names is empty, no node
// can match.
func NodeNamesFromSelector(ns *apiobj.NodeSelector) (names map[string]struct{}, restricted bool) {
	if ns == nil || len(ns.NodeSelectorTerms) == 0 {
		return nil, false
	}
	names = map[string]struct{}{}
	for _, t := range ns.NodeSelectorTerms {
		var termNames map[string]struct{}
		for _, f := range t.MatchFields {
			if f.Key != ObjectNameField || f.Operator != apiobj.NodeSelectorOpIn {
				continue
			}
			s := make(map[string]struct{}, len(f.Values))
			for _, v := range f.Values {
				if termNames == nil {
					s[v] = struct{}{}
				} else if _, ok := termNames[v]; ok {
					s[v] = struct{}{}
				}
			}
			termNames = s
		}
		if termNames == nil {
			return nil, false
		}
		for n := range termNames {
			names[n] = struct{}{}
		}
	}
	return names, true
}
