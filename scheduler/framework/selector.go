package framework

import (
	"errors"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
)

// LabelSelectorAsSelector converts an API label selector: nil selects
// nothing, an empty one selects everything, as the API defines.
func LabelSelectorAsSelector(ls *apiobj.LabelSelector) (labels.Selector, error) {
	if ls == nil {
		return labels.Nothing(), nil
	}
	if len(ls.MatchLabels)+len(ls.MatchExpressions) == 0 {
		return labels.Everything(), nil
	}
	reqs := make([]labels.Requirement, 0, len(ls.MatchLabels)+len(ls.MatchExpressions))
	var errs []error
	for k, v := range ls.MatchLabels {
		r, err := labels.NewRequirement(k, labels.Equals, []string{v})
		if err != nil {
			errs = append(errs, err)
			continue
		}
		reqs = append(reqs, r)
	}
	for _, e := range ls.MatchExpressions {
		var op labels.Operator
		switch e.Operator {
		case apiobj.LabelSelectorOpIn:
			op = labels.In
		case apiobj.LabelSelectorOpNotIn:
			op = labels.NotIn
		case apiobj.LabelSelectorOpExists:
			op = labels.Exists
		case apiobj.LabelSelectorOpDoesNotExist:
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
