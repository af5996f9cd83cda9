package schedutil_test

import (
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/plugins/internal/schedutil"
)

// A node selector is compiled once and matched against many nodes.
func Example() {
	sel := schedutil.CompileNodeSelector(&apiobj.NodeSelector{NodeSelectorTerms: []apiobj.NodeSelectorTerm{{
		MatchExpressions: []apiobj.NodeSelectorRequirement{{Key: "cores", Operator: apiobj.NodeSelectorOpGt, Values: []string{"8"}}},
	}}})
	for _, cores := range []string{"4", "16"} {
		n := &apiobj.Node{}
		n.Labels = map[string]string{"cores": cores}
		fmt.Println(cores, sel.Match(n))
	}
	// Output:
	// 4 false
	// 16 true
}
