package apiobj

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/orcaproj/orca/apiobj/labels"
)

// LabelSelectorAsSelector converts the structured form of a label selector
// (matchLabels and matchExpressions) to a labels.Selector. As the API
// defines, a nil selector selects nothing and an empty one everything.
func LabelSelectorAsSelector(ls *LabelSelector) (labels.Selector, error) {
	if ls == nil {
		return labels.Nothing(), nil
	}
	if len(ls.MatchLabels)+len(ls.MatchExpressions) == 0 {
		return labels.Everything(), nil
	}
	reqs := make([]labels.Requirement, 0, len(ls.MatchLabels)+len(ls.MatchExpressions))
	var errs []error
	for _, k := range slices.Sorted(maps.Keys(ls.MatchLabels)) {
		r, err := labels.NewRequirement(k, labels.Equals, []string{ls.MatchLabels[k]})
		if err != nil {
			errs = append(errs, err)
			continue
		}
		reqs = append(reqs, r)
	}
	for _, e := range ls.MatchExpressions {
		var op labels.Operator
		switch e.Operator {
		case LabelSelectorOpIn:
			op = labels.In
		case LabelSelectorOpNotIn:
			op = labels.NotIn
		case LabelSelectorOpExists:
			op = labels.Exists
		case LabelSelectorOpDoesNotExist:
			op = labels.DoesNotExist
		default:
			errs = append(errs, fmt.Errorf("%q is not a valid label selector operator", e.Operator))
			continue
		}
		r, err := labels.NewRequirement(e.Key, op, e.Values)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		reqs = append(reqs, r)
	}
	if len(errs) != 0 {
		return labels.Nothing(), errors.Join(errs...)
	}
	return labels.Everything().Add(reqs...), nil
}

// ParseToLabelSelector parses the string form of a label selector
// ("app=web,tier in (a,b),!canary") into its structured form. Equality
// requirements become matchLabels; the set-based ones matchExpressions
// ("!=" becomes NotIn). The gt and lt operators have no structured form and
// are an error.
func ParseToLabelSelector(s string) (*LabelSelector, error) {
	sel, err := labels.Parse(s)
	if err != nil {
		return nil, err
	}
	reqs, _ := sel.Requirements()
	out := &LabelSelector{}
	for _, r := range reqs {
		switch r.Operator() {
		case labels.Equals, labels.DoubleEquals:
			if out.MatchLabels == nil {
				out.MatchLabels = map[string]string{}
			}
			out.MatchLabels[r.Key()] = r.Values()[0]
		case labels.In:
			out.MatchExpressions = append(out.MatchExpressions, LabelSelectorRequirement{Key: r.Key(), Operator: LabelSelectorOpIn, Values: r.Values()})
		case labels.NotIn, labels.NotEquals:
			out.MatchExpressions = append(out.MatchExpressions, LabelSelectorRequirement{Key: r.Key(), Operator: LabelSelectorOpNotIn, Values: r.Values()})
		case labels.Exists:
			out.MatchExpressions = append(out.MatchExpressions, LabelSelectorRequirement{Key: r.Key(), Operator: LabelSelectorOpExists})
		case labels.DoesNotExist:
			out.MatchExpressions = append(out.MatchExpressions, LabelSelectorRequirement{Key: r.Key(), Operator: LabelSelectorOpDoesNotExist})
		default:
			return nil, fmt.Errorf("label selector operator %q has no structured form", r.Operator())
		}
	}
	return out, nil
}
