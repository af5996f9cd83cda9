package bench

import (
	"fmt"
	"strings"
	"testing"

	"github.com/orcaproj/orca/apiobj"
)

func TestValidate(t *testing.T) {
	t.Parallel()
	node := func(name, cpu string, labels map[string]string, taints ...apiobj.Taint) *apiobj.Node {
		n := testNode(name, cpu, labels)
		n.Spec.Taints = taints
		return n
	}
	pod := func(name, nodeName, cpu string, mutate ...func(*apiobj.Pod)) *apiobj.Pod {
		p := testPod("ns", name, cpu, 0)
		p.UID = apiobj.UID("uid-" + name)
		p.Spec.NodeName = nodeName
		for _, m := range mutate {
			m(p)
		}
		return p
	}
	labels := func(kv ...string) func(*apiobj.Pod) {
		return func(p *apiobj.Pod) {
			p.Labels = map[string]string{}
			for i := 0; i < len(kv); i += 2 {
				p.Labels[kv[i]] = kv[i+1]
			}
		}
	}
	antiAffinity := func(key string) func(*apiobj.Pod) {
		return func(p *apiobj.Pod) {
			p.Spec.Affinity = &apiobj.Affinity{PodAntiAffinity: &apiobj.PodAntiAffinity{
				RequiredDuringSchedulingIgnoredDuringExecution: []apiobj.PodAffinityTerm{{
					LabelSelector: &apiobj.LabelSelector{MatchLabels: map[string]string{"app": "web"}}, TopologyKey: key,
				}},
			}}
		}
	}
	affinity := func(p *apiobj.Pod) {
		p.Spec.Affinity = &apiobj.Affinity{PodAffinity: &apiobj.PodAffinity{
			RequiredDuringSchedulingIgnoredDuringExecution: []apiobj.PodAffinityTerm{{
				LabelSelector: &apiobj.LabelSelector{MatchExpressions: []apiobj.LabelSelectorRequirement{
					{Key: "app", Operator: apiobj.LabelSelectorOpIn, Values: []string{"db"}},
				}}, TopologyKey: "zone",
			}},
		}}
	}
	nodeAffinity := func(op apiobj.NodeSelectorOperator, values ...string) func(*apiobj.Pod) {
		return func(p *apiobj.Pod) {
			p.Spec.Affinity = &apiobj.Affinity{NodeAffinity: &apiobj.NodeAffinity{
				RequiredDuringSchedulingIgnoredDuringExecution: &apiobj.NodeSelector{NodeSelectorTerms: []apiobj.NodeSelectorTerm{
					{MatchExpressions: []apiobj.NodeSelectorRequirement{{Key: "rank", Operator: op, Values: values}}},
				}},
			}}
		}
	}
	spread := func(maxSkew int32) func(*apiobj.Pod) {
		return func(p *apiobj.Pod) {
			p.Labels = map[string]string{"app": "s"}
			p.Spec.TopologySpreadConstraints = []apiobj.TopologySpreadConstraint{{
				MaxSkew: maxSkew, TopologyKey: "zone", WhenUnsatisfiable: apiobj.DoNotSchedule,
				LabelSelector: &apiobj.LabelSelector{MatchLabels: map[string]string{"app": "s"}},
			}}
		}
	}
	tolerateAll := func(p *apiobj.Pod) {
		p.Spec.Tolerations = []apiobj.Toleration{{Operator: apiobj.TolerationOpExists}}
	}
	gpuTaint := apiobj.Taint{Key: "gpu", Value: "true", Effect: apiobj.TaintEffectNoSchedule}
	nodes := []*apiobj.Node{
		node("a1", "2", map[string]string{"zone": "a", "rank": "5"}),
		node("a2", "2", map[string]string{"zone": "a", "rank": "1"}),
		node("b1", "2", map[string]string{"zone": "b"}, gpuTaint),
	}

	tests := []struct {
		name string
		pods []*apiobj.Pod
		want string // a substring of the only violation; "" for none
	}{
		{name: "valid", pods: []*apiobj.Pod{pod("p1", "a1", "1"), pod("p2", "a1", "1"), pod("pending", "", "8")}},
		{name: "overcommitted", pods: []*apiobj.Pod{pod("p1", "a1", "1500m"), pod("p2", "a1", "1")}, want: "node a1 is overcommitted: cpu requested 2500, allocatable 2000"},
		{name: "init container counts", pods: []*apiobj.Pod{pod("p1", "a1", "1", func(p *apiobj.Pod) {
			p.Spec.InitContainers = []apiobj.Container{testPod("ns", "x", "3", 0).Spec.Containers[0]}
		})}, want: "cpu requested 3000"},
		{name: "unknown node", pods: []*apiobj.Pod{pod("p1", "zz", "1")}, want: "unknown node zz"},
		{name: "node selector", pods: []*apiobj.Pod{pod("p1", "b1", "1", func(p *apiobj.Pod) {
			p.Spec.NodeSelector = map[string]string{"zone": "a"}
			p.Spec.Tolerations = []apiobj.Toleration{{Operator: apiobj.TolerationOpExists}}
		})}, want: "node selector"},
		{name: "node affinity Gt met", pods: []*apiobj.Pod{pod("p1", "a1", "1", nodeAffinity(apiobj.NodeSelectorOpGt, "3"))}},
		{name: "node affinity Gt broken", pods: []*apiobj.Pod{pod("p1", "a2", "1", nodeAffinity(apiobj.NodeSelectorOpGt, "3"))}, want: "required node affinity"},
		{name: "untolerated taint", pods: []*apiobj.Pod{pod("p1", "b1", "1")}, want: "untolerated taint gpu=true:NoSchedule"},
		{name: "tolerated taint", pods: []*apiobj.Pod{pod("p1", "b1", "1", func(p *apiobj.Pod) {
			p.Spec.Tolerations = []apiobj.Toleration{{Key: "gpu", Operator: apiobj.TolerationOpEqual, Value: "true"}}
		})}},
		{name: "anti-affinity broken", pods: []*apiobj.Pod{
			pod("w1", "a1", "100m", labels("app", "web"), antiAffinity(apiobj.LabelHostname)),
			pod("w2", "a1", "100m", labels("app", "web")),
		}, want: "required anti-affinity"},
		{name: "anti-affinity kept", pods: []*apiobj.Pod{
			pod("w1", "a1", "100m", labels("app", "web"), antiAffinity(apiobj.LabelHostname)),
			pod("w2", "a2", "100m", labels("app", "web"), antiAffinity(apiobj.LabelHostname)),
		}},
		{name: "anti-affinity on zone", pods: []*apiobj.Pod{
			pod("w1", "a1", "100m", labels("app", "web"), antiAffinity("zone")),
			pod("w2", "a2", "100m", labels("app", "web")),
		}, want: "required anti-affinity (zone)"},
		{name: "anti-affinity other namespace", pods: []*apiobj.Pod{
			pod("w1", "a1", "100m", labels("app", "web"), antiAffinity(apiobj.LabelHostname)),
			pod("w2", "a1", "100m", labels("app", "web"), func(p *apiobj.Pod) { p.Namespace = "other" }),
		}},
		{name: "affinity met", pods: []*apiobj.Pod{
			pod("db", "a1", "100m", labels("app", "db")),
			pod("app", "a2", "100m", affinity),
		}},
		{name: "affinity broken", pods: []*apiobj.Pod{
			pod("db", "b1", "100m", labels("app", "db"), func(p *apiobj.Pod) {
				p.Spec.Tolerations = []apiobj.Toleration{{Key: "gpu", Operator: apiobj.TolerationOpExists}}
			}),
			pod("app", "a2", "100m", affinity),
		}, want: "required affinity (zone) not met"},
		{name: "spread within skew", pods: []*apiobj.Pod{
			pod("s1", "a1", "100m", spread(1)), pod("s2", "b1", "100m", spread(1), tolerateAll),
		}},
		{name: "spread skew broken", pods: []*apiobj.Pod{
			// b1's taint does not take zone b out (nodeTaintsPolicy Ignore).
			pod("s1", "a1", "100m", spread(1)), pod("s2", "a2", "100m", spread(1)),
		}, want: "skew 2 > maxSkew 1 (domain a has 2, min 0)"},
		{name: "too many pods", pods: func() []*apiobj.Pod {
			var out []*apiobj.Pod
			for i := range 111 {
				out = append(out, pod(fmt.Sprintf("p%d", i), "a1", "1m", func(p *apiobj.Pod) {
					delete(p.Spec.Containers[0].Resources.Requests, apiobj.ResourceMemory)
				}))
			}
			return out
		}(), want: "node a1 holds 111 pods, allocatable 110"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := Validate(nodes, tt.pods, nil)
			if tt.want == "" {
				if len(got) != 0 {
					t.Fatalf("Validate = %q, want none", got)
				}
				return
			}
			if len(got) == 0 {
				t.Fatalf("Validate found nothing, want %q", tt.want)
			}
			for _, v := range got {
				if !strings.Contains(v, tt.want) {
					t.Fatalf("Validate = %q, want only %q", got, tt.want)
				}
			}
		})
	}
}

func TestSampleAndSummarize(t *testing.T) {
	t.Parallel()
	r := &Result{Samples: []float64{10, 30, 20, 40}}
	r.summarize()
	if r.Average != 25 || r.P50 != 20 || r.P90 != 40 || r.P99 != 40 {
		t.Fatalf("summarize = %v", r)
	}
	short := &Result{Scheduled: 100, Elapsed: 500_000_000}
	short.summarize()
	if short.Average != 200 || short.P99 != 200 {
		t.Fatalf("fallback = %v", short)
	}
}
