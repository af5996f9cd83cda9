package framework

import (
	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
)

// LabelSelectorAsSelector converts an API label selector: nil selects
// nothing, an empty one selects everything, as the API defines. It is
// apiobj.LabelSelectorAsSelector, kept here for plugins.
func LabelSelectorAsSelector(ls *apiobj.LabelSelector) (labels.Selector, error) {
	return apiobj.LabelSelectorAsSelector(ls)
}
