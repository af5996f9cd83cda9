package nodeaffinity_test

import (
	"context"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins/nodeaffinity"
)

// Required node affinity filters; preferred node affinity scores.
func Example() {
	var nodes []*apiobj.Node
	for _, zone := range []string{"a", "b"} {
		n := &apiobj.Node{}
		n.Name = "node-" + zone
		n.Labels = map[string]string{"zone": zone}
		nodes = append(nodes, n)
	}
	snap := framework.NewSnapshot(nil, nodes)
	p, _ := nodeaffinity.New(nil, framework.Handle{Snapshot: snap})
	pl := p.(*nodeaffinity.NodeAffinity)

	pod := &apiobj.Pod{}
	pod.Spec.Affinity = &apiobj.Affinity{NodeAffinity: &apiobj.NodeAffinity{
		RequiredDuringSchedulingIgnoredDuringExecution: &apiobj.NodeSelector{NodeSelectorTerms: []apiobj.NodeSelectorTerm{{
			MatchExpressions: []apiobj.NodeSelectorRequirement{{Key: "zone", Operator: apiobj.NodeSelectorOpIn, Values: []string{"b"}}},
		}}},
	}}
	ctx, state := context.Background(), framework.NewCycleState()
	pl.PreFilter(ctx, state, pod)
	infos, _ := snap.NodeInfos().List()
	for _, ni := range infos {
		fmt.Println(ni.NodeName(), pl.Filter(ctx, state, pod, ni))
	}
	// Output:
	// node-a UnschedulableAndUnresolvable: node(s) didn't match Pod's node affinity/selector
	// node-b Success
}
