package interpodaffinity_test

import (
	"context"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins/interpodaffinity"
)

// Required anti-affinity by hostname keeps two replicas apart.
func Example() {
	var nodes []*apiobj.Node
	for _, name := range []string{"n1", "n2"} {
		n := &apiobj.Node{}
		n.Name = name
		n.Labels = map[string]string{apiobj.LabelHostname: name}
		nodes = append(nodes, n)
	}
	replica := func(name, node string) *apiobj.Pod {
		p := &apiobj.Pod{}
		p.Namespace, p.Name, p.Labels = "default", name, map[string]string{"app": "db"}
		p.Spec.NodeName = node
		p.Spec.Affinity = &apiobj.Affinity{PodAntiAffinity: &apiobj.PodAntiAffinity{
			RequiredDuringSchedulingIgnoredDuringExecution: []apiobj.PodAffinityTerm{{
				TopologyKey:   apiobj.LabelHostname,
				LabelSelector: &apiobj.LabelSelector{MatchLabels: map[string]string{"app": "db"}},
			}},
		}}
		return p
	}
	snap := framework.NewSnapshot([]*apiobj.Pod{replica("db-0", "n1")}, nodes)
	p, _ := interpodaffinity.New(nil, framework.Handle{Snapshot: snap})
	pl := p.(*interpodaffinity.InterPodAffinity)

	pod := replica("db-1", "")
	ctx, state := context.Background(), framework.NewCycleState()
	pl.PreFilter(ctx, state, pod)
	infos, _ := snap.NodeInfos().List()
	for _, ni := range infos {
		fmt.Println(ni.NodeName(), pl.Filter(ctx, state, pod, ni))
	}
	// Output:
	// n1 Unschedulable: node(s) didn't match pod anti-affinity rules
	// n2 Success
}
