package bench

import (
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/resource"
)

// Namespaces of the two phases, as scheduler_perf names them: pods that
// are placed before measuring go to InitNamespace, measured pods to
// MeasureNamespace.
const (
	InitNamespace    = "sched-0"
	MeasureNamespace = "sched-1"
)

// Workload is one scenario: a cluster of Nodes, InitPods scheduled before
// measuring (not measured), then MeasuredPods whose scheduling is
// sampled. It follows one of kube-scheduler's scheduler_perf test cases.
type Workload struct {
	// Name is the scheduler_perf test case's name, e.g. "SchedulingBasic".
	Name string
	// Nodes, InitPods and MeasuredPods are the counts.
	Nodes, InitPods, MeasuredPods int
	// Node builds node i; InitPod and MeasuredPod build pod i of their
	// phase (the harness sets the namespace, name and UID).
	Node        func(i int) *apiobj.Node
	InitPod     func(i int) *apiobj.Pod
	MeasuredPod func(i int) *apiobj.Pod
	// Note says how the workload differs from scheduler_perf's, if at all.
	Note string
}

// Workloads returns the workloads at scheduler_perf's performance scale.
// Each is a fresh value.
func Workloads() []Workload {
	return []Workload{
		{
			Name: "SchedulingBasic", Nodes: 5000, InitPods: 1000, MeasuredPods: 10000,
			Node: defaultNode(nil), InitPod: defaultPod, MeasuredPod: defaultPod,
			Note: "scheduler_perf SchedulingBasic/5000Nodes_10000Pods (CI floor 680 pods/s)",
		},
		{
			Name: "SchedulingPodAntiAffinity", Nodes: 5000, InitPods: 1000, MeasuredPods: 2000,
			Node: defaultNode(nil), InitPod: antiAffinityPod, MeasuredPod: antiAffinityPod,
			Note: "scheduler_perf SchedulingPodAntiAffinity/5000Nodes_2000Pods (CI floor 60 pods/s); " +
				"nodes carry kubernetes.io/hostname, as a node agent sets it, so the anti-affinity really places one pod per node",
		},
		{
			Name: "TopologySpreading", Nodes: 5000, InitPods: 5000, MeasuredPods: 5000,
			Node: defaultNode(zones("moon-1", "moon-2", "moon-3")), InitPod: defaultPod, MeasuredPod: spreadPod(apiobj.DoNotSchedule),
			Note: "scheduler_perf TopologySpreading/5000Nodes_5000Pods (CI floor 460 pods/s)",
		},
		{
			Name: "PreferredTopologySpreading", Nodes: 5000, InitPods: 5000, MeasuredPods: 5000,
			Node: defaultNode(zones("moon-1", "moon-2", "moon-3")), InitPod: defaultPod, MeasuredPod: spreadPod(apiobj.ScheduleAnyway),
			Note: "scheduler_perf PreferredTopologySpreading/5000Nodes_5000Pods (CI floor 340 pods/s)",
		},
		{
			Name: "SchedulingNodeAffinity", Nodes: 5000, InitPods: 5000, MeasuredPods: 10000,
			Node: defaultNode(zones("zone1")), InitPod: nodeAffinityPod, MeasuredPod: nodeAffinityPod,
			Note: "scheduler_perf SchedulingNodeAffinity/5000Nodes_10000Pods (CI floor 220 pods/s)",
		},
		{
			Name: "PreemptionBasic", Nodes: 1000, InitPods: 4000, MeasuredPods: 1000,
			Node: defaultNode(nil), InitPod: lowPriorityPod, MeasuredPod: highPriorityPod,
			Note: "scheduler_perf PreemptionBasic/1000Nodes (no CI floor); every measured pod evicts 3 of a node's 4 low-priority pods",
		},
	}
}

// Workload returns the named workload at full scale.
func WorkloadNamed(name string) (Workload, bool) {
	for _, w := range Workloads() {
		if w.Name == name {
			return w, true
		}
	}
	return Workload{}, false
}

// Scaled returns w with every count divided by div (at least 1 each), for
// quick runs.
func (w Workload) Scaled(div int) Workload {
	if div <= 1 {
		return w
	}
	f := func(n int) int { return max(1, n/div) }
	w.Nodes, w.InitPods, w.MeasuredPods = f(w.Nodes), f(w.InitPods), f(w.MeasuredPods)
	w.Name = fmt.Sprintf("%s/1:%d", w.Name, div)
	return w
}

// defaultNode is scheduler_perf's node-default: 4 CPUs, 32Gi, 110 pods,
// Ready, with the hostname label a node agent sets and, if zone is set,
// a zone label.
func defaultNode(zone func(i int) string) func(i int) *apiobj.Node {
	return func(i int) *apiobj.Node {
		n := &apiobj.Node{}
		n.Name = fmt.Sprintf("node-%d", i)
		n.Labels = map[string]string{apiobj.LabelHostname: n.Name}
		if zone != nil {
			n.Labels[apiobj.LabelTopologyZone] = zone(i)
		}
		n.Status.Capacity = apiobj.ResourceList{
			apiobj.ResourceCPU:    resource.MustParse("4"),
			apiobj.ResourceMemory: resource.MustParse("32Gi"),
			apiobj.ResourcePods:   resource.MustParse("110"),
		}
		n.Status.Allocatable = n.Status.Capacity
		n.Status.Conditions = []apiobj.NodeCondition{{Type: apiobj.NodeReady, Status: apiobj.ConditionTrue}}
		return n
	}
}

// zones labels nodes round-robin, as labelNodePrepareStrategy does.
func zones(names ...string) func(i int) string {
	return func(i int) string { return names[i%len(names)] }
}

func podWith(cpu string, prio int32) *apiobj.Pod {
	p := &apiobj.Pod{}
	if prio != 0 {
		p.Spec.Priority = &prio
	}
	p.Spec.Containers = []apiobj.Container{{
		Name: "pause", Image: "registry.k8s.io/pause:3.10",
		Ports: []apiobj.ContainerPort{{ContainerPort: 80}},
		Resources: apiobj.ResourceRequirements{
			Requests: apiobj.ResourceList{apiobj.ResourceCPU: resource.MustParse(cpu), apiobj.ResourceMemory: resource.MustParse("500Mi")},
			Limits:   apiobj.ResourceList{apiobj.ResourceCPU: resource.MustParse(cpu), apiobj.ResourceMemory: resource.MustParse("500Mi")},
		},
	}}
	return p
}

// defaultPod is pod-default: 100m CPU, 500Mi.
func defaultPod(int) *apiobj.Pod { return podWith("100m", 0) }

// antiAffinityPod is pod-with-pod-anti-affinity: color=green, with a
// required anti-affinity to color=green on the hostname in both
// namespaces.
func antiAffinityPod(int) *apiobj.Pod {
	p := podWith("100m", 0)
	p.Labels = map[string]string{"color": "green"}
	p.Spec.Affinity = &apiobj.Affinity{PodAntiAffinity: &apiobj.PodAntiAffinity{
		RequiredDuringSchedulingIgnoredDuringExecution: []apiobj.PodAffinityTerm{{
			LabelSelector: &apiobj.LabelSelector{MatchLabels: map[string]string{"color": "green"}},
			TopologyKey:   apiobj.LabelHostname,
			Namespaces:    []string{MeasureNamespace, InitNamespace},
		}},
	}}
	return p
}

// spreadPod is pod-with-(preferred-)topology-spreading: color=blue,
// maxSkew 5 over zones.
func spreadPod(when apiobj.UnsatisfiableConstraintAction) func(int) *apiobj.Pod {
	return func(int) *apiobj.Pod {
		p := podWith("100m", 0)
		p.Labels = map[string]string{"color": "blue"}
		p.Spec.TopologySpreadConstraints = []apiobj.TopologySpreadConstraint{{
			MaxSkew: 5, TopologyKey: apiobj.LabelTopologyZone, WhenUnsatisfiable: when,
			LabelSelector: &apiobj.LabelSelector{MatchLabels: map[string]string{"color": "blue"}},
		}}
		return p
	}
}

// nodeAffinityPod is pod-with-node-affinity: zone In (zone1, zone2).
func nodeAffinityPod(int) *apiobj.Pod {
	p := podWith("100m", 0)
	p.Spec.Affinity = &apiobj.Affinity{NodeAffinity: &apiobj.NodeAffinity{
		RequiredDuringSchedulingIgnoredDuringExecution: &apiobj.NodeSelector{NodeSelectorTerms: []apiobj.NodeSelectorTerm{{
			MatchExpressions: []apiobj.NodeSelectorRequirement{{
				Key: apiobj.LabelTopologyZone, Operator: apiobj.NodeSelectorOpIn, Values: []string{"zone1", "zone2"},
			}},
		}}},
	}}
	return p
}

// lowPriorityPod is pod-low-priority: 900m, priority 0, no grace period.
func lowPriorityPod(int) *apiobj.Pod {
	p := podWith("900m", 0)
	p.Spec.TerminationGracePeriodSeconds = apiobj.Int64(0)
	return p
}

// highPriorityPod is pod-high-priority: 3 CPUs, priority 10.
func highPriorityPod(int) *apiobj.Pod { return podWith("3", 10) }
