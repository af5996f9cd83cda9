package schedutil

import "github.com/orcaproj/orca/apiobj/labels"

// AddLabelKeys returns sel narrowed by the pod's own labels: for each key in
// match that the pod has, "key in (value)"; for each key in mismatch that the
// pod has, "key notin (value)". Keys the pod lacks are ignored. This is the
// matchLabelKeys / mismatchLabelKeys merge of pod affinity terms and topology
// spread constraints. A selector that matches nothing is returned unchanged.
func AddLabelKeys(sel labels.Selector, podLabels map[string]string, match, mismatch []string) labels.Selector {
	if len(match)+len(mismatch) == 0 {
		return sel
	}
	var reqs []labels.Requirement
	for _, k := range match {
		if v, ok := podLabels[k]; ok {
			if r, err := labels.NewRequirement(k, labels.In, []string{v}); err == nil {
				reqs = append(reqs, r)
			}
		}
	}
	for _, k := range mismatch {
		if v, ok := podLabels[k]; ok {
			if r, err := labels.NewRequirement(k, labels.NotIn, []string{v}); err == nil {
				reqs = append(reqs, r)
			}
		}
	}
	if len(reqs) == 0 {
		return sel
	}
	return sel.Add(reqs...)
}
