package podtopologyspread_test

import (
	"context"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins/podtopologyspread"
)

// A hard zone constraint with maxSkew 1: zone a already has one more web
// pod than zone b, so the next one must go to zone b.
func Example() {
	var nodes []*apiobj.Node
	for _, zone := range []string{"a", "b"} {
		n := &apiobj.Node{}
		n.Name = "node-" + zone
		n.Labels = map[string]string{apiobj.LabelTopologyZone: zone}
		nodes = append(nodes, n)
	}
	web := func(name, node string) *apiobj.Pod {
		p := &apiobj.Pod{}
		p.Namespace, p.Name, p.Labels = "default", name, map[string]string{"app": "web"}
		p.Spec.NodeName = node
		return p
	}
	snap := framework.NewSnapshot([]*apiobj.Pod{web("w1", "node-a")}, nodes)
	p, _ := podtopologyspread.New(nil, framework.Handle{Snapshot: snap})
	pl := p.(*podtopologyspread.PodTopologySpread)

	pod := web("w2", "")
	pod.Spec.TopologySpreadConstraints = []apiobj.TopologySpreadConstraint{{
		MaxSkew: 1, TopologyKey: apiobj.LabelTopologyZone, WhenUnsatisfiable: apiobj.DoNotSchedule,
		LabelSelector: &apiobj.LabelSelector{MatchLabels: map[string]string{"app": "web"}},
	}}
	ctx, state := context.Background(), framework.NewCycleState()
	pl.PreFilter(ctx, state, pod)
	infos, _ := snap.NodeInfos().List()
	for _, ni := range infos {
		fmt.Println(ni.NodeName(), pl.Filter(ctx, state, pod, ni))
	}
	// Output:
	// node-a Unschedulable: node(s) didn't match pod topology spread constraints
	// node-b Success
}
