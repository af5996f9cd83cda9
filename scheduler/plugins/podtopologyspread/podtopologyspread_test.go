package podtopologyspread

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/scheduler/framework"
	pt "github.com/orcaproj/orca/scheduler/plugins/internal/plugintest"
)

const (
	zone     = apiobj.LabelTopologyZone
	host     = apiobj.LabelHostname
	ok       = "Success"
	notMatch = "Unschedulable: " + ErrReasonConstraintsNotMatch
	noLabel  = "UnschedulableAndUnresolvable: " + ErrReasonNodeLabelNotMatch
)

func newPlugin(t *testing.T, h framework.Handle, args string, l WorkloadLister) *PodTopologySpread {
	t.Helper()
	var raw json.RawMessage
	if args != "" {
		raw = json.RawMessage(args)
	}
	p, err := NewFactory(l)(raw, h)
	if err != nil {
		t.Fatal(err)
	}
	return p.(*PodTopologySpread)
}

// fourNodes: a1, a2 in zone a; b1, b2 in zone b.
func fourNodes() []*apiobj.Node {
	return []*apiobj.Node{
		pt.MakeNode("a1").Label(zone, "a").Obj(),
		pt.MakeNode("a2").Label(zone, "a").Obj(),
		pt.MakeNode("b1").Label(zone, "b").Obj(),
		pt.MakeNode("b2").Label(zone, "b").Obj(),
	}
}

func foo(name, node string) *apiobj.Pod { return pt.MakePod(name).Node(node).Label("foo", "").Obj() }

func TestFilter(t *testing.T) {
	t.Parallel()
	hard := apiobj.DoNotSchedule
	honor, ignore := apiobj.NodeInclusionPolicyHonor, apiobj.NodeInclusionPolicyIgnore
	// Zone a has 3 matching pods, zone b 2.
	spread := []*apiobj.Pod{foo("p1", "a1"), foo("p2", "a1"), foo("p3", "a2"), foo("p4", "b2"), foo("p5", "b2")}
	tests := []struct {
		name  string
		pod   *apiobj.Pod
		nodes []*apiobj.Node
		pods  []*apiobj.Pod
		want  map[string]string
	}{
		{name: "no constraints: skipped", pod: pt.MakePod("p").Obj(), nodes: fourNodes(), pods: spread,
			want: map[string]string{"a1": ok, "a2": ok, "b1": ok, "b2": ok}},
		{name: "one zone constraint", pod: pt.MakePod("p").Label("foo", "").SpreadConstraint(1, zone, hard, "foo", "").Obj(),
			nodes: fourNodes(), pods: spread,
			want: map[string]string{"a1": notMatch, "a2": notMatch, "b1": ok, "b2": ok}},
		{name: "pod not matching its own selector", pod: pt.MakePod("p").SpreadConstraint(1, zone, hard, "foo", "").Obj(),
			nodes: fourNodes(), pods: spread,
			want: map[string]string{"a1": ok, "a2": ok, "b1": ok, "b2": ok}},
		{name: "hostname constraint", pod: pt.MakePod("p").Label("foo", "").SpreadConstraint(1, host, hard, "foo", "").Obj(),
			nodes: fourNodes(), pods: spread,
			// a1 2, a2 1, b1 0, b2 2; min 0: only b1 stays within maxSkew 1.
			want: map[string]string{"a1": notMatch, "a2": notMatch, "b1": ok, "b2": notMatch}},
		{name: "two constraints must both hold", pod: pt.MakePod("p").Label("foo", "").
			SpreadConstraint(1, zone, hard, "foo", "").SpreadConstraint(1, host, hard, "foo", "").Obj(),
			nodes: fourNodes(), pods: spread,
			want: map[string]string{"a1": notMatch, "a2": notMatch, "b1": ok, "b2": notMatch}},
		{name: "missing topology label", pod: pt.MakePod("p").Label("foo", "").SpreadConstraint(1, zone, hard, "foo", "").Obj(),
			nodes: append(fourNodes(), pt.MakeNode("x").Obj()), pods: spread,
			want: map[string]string{"a1": notMatch, "a2": notMatch, "b1": ok, "b2": ok, "x": noLabel}},
		{name: "terminating and other-namespace pods do not count",
			pod:   pt.MakePod("p").Label("foo", "").SpreadConstraint(1, zone, hard, "foo", "").Obj(),
			nodes: fourNodes(),
			pods: []*apiobj.Pod{foo("p1", "a1"),
				pt.MakePod("t").Node("b1").Label("foo", "").Terminating().Obj(),
				pt.MakePod("o").Namespace("other").Node("b1").Label("foo", "").Obj()},
			want: map[string]string{"a1": notMatch, "a2": notMatch, "b1": ok, "b2": ok}},
		{name: "maxSkew 2", pod: pt.MakePod("p").Label("foo", "").SpreadConstraint(2, zone, hard, "foo", "").Obj(),
			nodes: fourNodes(), pods: spread,
			want: map[string]string{"a1": ok, "a2": ok, "b1": ok, "b2": ok}},
		{name: "minDomains above the domain count makes the minimum 0",
			pod: pt.MakePod("p").Label("foo", "").Constraint(apiobj.TopologySpreadConstraint{
				MaxSkew: 1, TopologyKey: zone, WhenUnsatisfiable: hard, MinDomains: apiobj.Int32(3),
				LabelSelector: &apiobj.LabelSelector{MatchLabels: map[string]string{"foo": ""}}}).Obj(),
			nodes: fourNodes(), pods: []*apiobj.Pod{foo("p1", "a1"), foo("p2", "b1")},
			want: map[string]string{"a1": notMatch, "a2": notMatch, "b1": notMatch, "b2": notMatch}},
		{name: "minDomains met",
			pod: pt.MakePod("p").Label("foo", "").Constraint(apiobj.TopologySpreadConstraint{
				MaxSkew: 1, TopologyKey: zone, WhenUnsatisfiable: hard, MinDomains: apiobj.Int32(2),
				LabelSelector: &apiobj.LabelSelector{MatchLabels: map[string]string{"foo": ""}}}).Obj(),
			nodes: fourNodes(), pods: []*apiobj.Pod{foo("p1", "a1"), foo("p2", "b1")},
			want: map[string]string{"a1": ok, "a2": ok, "b1": ok, "b2": ok}},
		{name: "nodeAffinityPolicy Honor leaves out nodes the pod cannot use",
			pod: pt.MakePod("p").Label("foo", "").NodeSelector(map[string]string{"env": "prod"}).
				SpreadConstraint(1, zone, hard, "foo", "").Obj(),
			nodes: []*apiobj.Node{
				pt.MakeNode("a1").Label(zone, "a").Label("env", "prod").Obj(),
				pt.MakeNode("b1").Label(zone, "b").Label("env", "prod").Obj(),
				pt.MakeNode("c1").Label(zone, "c").Obj(),
			},
			pods: []*apiobj.Pod{foo("p1", "a1"), foo("p2", "b1"), foo("p3", "b1")},
			// Domains a (1) and b (2): the minimum is 1.
			want: map[string]string{"a1": ok, "b1": notMatch, "c1": ok}},
		{name: "nodeAffinityPolicy Ignore counts them",
			pod: pt.MakePod("p").Label("foo", "").NodeSelector(map[string]string{"env": "prod"}).Constraint(apiobj.TopologySpreadConstraint{
				MaxSkew: 1, TopologyKey: zone, WhenUnsatisfiable: hard, NodeAffinityPolicy: &ignore,
				LabelSelector: &apiobj.LabelSelector{MatchLabels: map[string]string{"foo": ""}}}).Obj(),
			nodes: []*apiobj.Node{
				pt.MakeNode("a1").Label(zone, "a").Label("env", "prod").Obj(),
				pt.MakeNode("b1").Label(zone, "b").Label("env", "prod").Obj(),
				pt.MakeNode("c1").Label(zone, "c").Obj(),
			},
			pods: []*apiobj.Pod{foo("p1", "a1"), foo("p2", "b1"), foo("p3", "b1")},
			// Domain c (0) counts: the minimum is 0.
			want: map[string]string{"a1": notMatch, "b1": notMatch, "c1": ok}},
		{name: "nodeTaintsPolicy Honor leaves out tainted nodes",
			pod: pt.MakePod("p").Label("foo", "").Constraint(apiobj.TopologySpreadConstraint{
				MaxSkew: 1, TopologyKey: zone, WhenUnsatisfiable: hard, NodeTaintsPolicy: &honor,
				LabelSelector: &apiobj.LabelSelector{MatchLabels: map[string]string{"foo": ""}}}).Obj(),
			nodes: []*apiobj.Node{
				pt.MakeNode("a1").Label(zone, "a").Obj(),
				pt.MakeNode("b1").Label(zone, "b").Obj(),
				pt.MakeNode("c1").Label(zone, "c").Taint("k", "v", apiobj.TaintEffectNoSchedule).Obj(),
			},
			pods: []*apiobj.Pod{foo("p1", "a1"), foo("p2", "b1"), foo("p3", "b1")},
			want: map[string]string{"a1": ok, "b1": notMatch, "c1": ok}},
		{name: "nodeTaintsPolicy Ignore (the default) counts them",
			pod: pt.MakePod("p").Label("foo", "").SpreadConstraint(1, zone, hard, "foo", "").Obj(),
			nodes: []*apiobj.Node{
				pt.MakeNode("a1").Label(zone, "a").Obj(),
				pt.MakeNode("b1").Label(zone, "b").Obj(),
				pt.MakeNode("c1").Label(zone, "c").Taint("k", "v", apiobj.TaintEffectNoSchedule).Obj(),
			},
			pods: []*apiobj.Pod{foo("p1", "a1"), foo("p2", "b1"), foo("p3", "b1")},
			want: map[string]string{"a1": notMatch, "b1": notMatch, "c1": ok}},
		{name: "matchLabelKeys spread only pods of the same revision",
			pod: pt.MakePod("p").Label("foo", "").Label("rev", "2").Constraint(apiobj.TopologySpreadConstraint{
				MaxSkew: 1, TopologyKey: zone, WhenUnsatisfiable: hard, MatchLabelKeys: []string{"rev"},
				LabelSelector: &apiobj.LabelSelector{MatchLabels: map[string]string{"foo": ""}}}).Obj(),
			nodes: fourNodes(),
			pods: []*apiobj.Pod{
				pt.MakePod("old1").Node("b1").Label("foo", "").Label("rev", "1").Obj(),
				pt.MakePod("old2").Node("b1").Label("foo", "").Label("rev", "1").Obj(),
				pt.MakePod("new").Node("a1").Label("foo", "").Label("rev", "2").Obj(),
			},
			want: map[string]string{"a1": notMatch, "a2": notMatch, "b1": ok, "b2": ok}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := pt.Handle(tt.pods, tt.nodes)
			pre, st := pt.Filter(t, newPlugin(t, h, "", nil), h, tt.pod)
			if pre != nil {
				t.Fatalf("PreFilter: %v", pre)
			}
			if d := cmp.Diff(tt.want, pt.Codes(st)); d != "" {
				t.Errorf("Filter (-want +got):\n%s", d)
			}
		})
	}
}

func TestAddRemovePod(t *testing.T) {
	t.Parallel()
	pods := []*apiobj.Pod{foo("p1", "a1"), foo("p2", "b1")}
	h := pt.Handle(pods, fourNodes())
	pl := newPlugin(t, h, "", nil)
	pod := pt.MakePod("p").Label("foo", "").SpreadConstraint(1, zone, apiobj.DoNotSchedule, "foo", "").Obj()
	ctx := t.Context()
	state := framework.NewCycleState()
	if _, st := pl.PreFilter(ctx, state, pod); !st.IsSuccess() {
		t.Fatal(st)
	}
	a1, _ := h.Snapshot.NodeInfos().Get("a1")
	b1, _ := h.Snapshot.NodeInfos().Get("b1")
	if st := pl.Filter(ctx, state, pod, a1); !st.IsSuccess() {
		t.Fatalf("balanced: %v", st)
	}
	// Adding a pod in zone a makes it 2:1.
	added := state.Clone()
	pl.AddPod(ctx, added, pod, framework.NewPodInfo(foo("p3", "a2")), a1)
	if st := pl.Filter(ctx, added, pod, a1); st.IsSuccess() {
		t.Error("zone a accepted at 2:1")
	}
	if st := pl.Filter(ctx, added, pod, b1); !st.IsSuccess() {
		t.Errorf("zone b: %v", st)
	}
	// Removing the pod of zone b makes it 1:0.
	removed := state.Clone()
	pl.RemovePod(ctx, removed, pod, framework.NewPodInfo(pods[1]), b1)
	if st := pl.Filter(ctx, removed, pod, a1); st.IsSuccess() {
		t.Error("zone a accepted at 1:0")
	}
	if st := pl.Filter(ctx, state, pod, a1); !st.IsSuccess() {
		t.Errorf("the original state changed: %v", st)
	}
}

func TestCriticalPaths(t *testing.T) {
	t.Parallel()
	p := newCriticalPaths()
	for _, u := range []struct {
		v string
		n int
	}{{"a", 3}, {"b", 1}, {"c", 2}, {"b", 4}, {"d", 0}} {
		p.update(u.v, u.n)
	}
	if p[0].value != "d" || p[0].num != 0 || p[1].value != "c" || p[1].num != 2 {
		t.Errorf("paths = %+v", p)
	}
}

func TestScore(t *testing.T) {
	t.Parallel()
	soft := apiobj.ScheduleAnyway
	tests := []struct {
		name  string
		pod   *apiobj.Pod
		nodes []*apiobj.Node
		pods  []*apiobj.Pod
		want  map[string]int64
		skip  bool
	}{
		{name: "no soft constraints: skipped", pod: pt.MakePod("p").SpreadConstraint(1, zone, apiobj.DoNotSchedule, "foo", "").Obj(),
			nodes: fourNodes(), skip: true},
		{name: "no pods yet", pod: pt.MakePod("p").SpreadConstraint(1, host, soft, "foo", "").Obj(),
			nodes: fourNodes(), want: map[string]int64{"a1": 100, "a2": 100, "b1": 100, "b2": 100}},
		{name: "hostname", pod: pt.MakePod("p").SpreadConstraint(1, host, soft, "foo", "").Obj(),
			nodes: fourNodes(), pods: []*apiobj.Pod{foo("p1", "a1"), foo("p2", "a1"), foo("p3", "a2")},
			// weight log(6): 3.58 -> 4, 1.79 -> 2, 0, 0.
			want: map[string]int64{"a1": 0, "a2": 50, "b1": 100, "b2": 100}},
		{name: "zone", pod: pt.MakePod("p").SpreadConstraint(1, zone, soft, "foo", "").Obj(),
			nodes: fourNodes(), pods: []*apiobj.Pod{foo("p1", "a1"), foo("p2", "a1"), foo("p3", "a2")},
			// weight log(4): 3*1.386 = 4.16 -> 4, 0.
			want: map[string]int64{"a1": 0, "a2": 0, "b1": 100, "b2": 100}},
		{name: "maxSkew shifts every score", pod: pt.MakePod("p").SpreadConstraint(3, zone, soft, "foo", "").Obj(),
			nodes: fourNodes(), pods: []*apiobj.Pod{foo("p1", "a1"), foo("p2", "a1"), foo("p3", "a2")},
			// 4.16+2 -> 6, 2: 100*(6+2-6)/6 = 33, 100*(6+2-2)/6 = 100.
			want: map[string]int64{"a1": 33, "a2": 33, "b1": 100, "b2": 100}},
		{name: "nodes without the key score 0", pod: pt.MakePod("p").SpreadConstraint(1, zone, soft, "foo", "").Obj(),
			nodes: append(fourNodes(), pt.MakeNode("x").Obj()), pods: []*apiobj.Pod{foo("p1", "a1")},
			want: map[string]int64{"a1": 0, "a2": 0, "b1": 100, "b2": 100, "x": 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := pt.Handle(tt.pods, tt.nodes)
			got, st := pt.Scores(t, newPlugin(t, h, "", nil), h, tt.pod)
			if tt.skip {
				if !st.IsSkip() {
					t.Fatalf("PreScore = %v, want Skip", st)
				}
				return
			}
			if st != nil {
				t.Fatal(st)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("scores (-want +got):\n%s", d)
			}
		})
	}
}

// workloads is a WorkloadLister over fixed objects.
type workloads struct {
	services []*apiobj.Service
	rs       map[string]*apiobj.ReplicaSet
}

func (w workloads) ListServices(string) ([]*apiobj.Service, error) { return w.services, nil }
func (w workloads) GetReplicationController(ns, name string) (*apiobj.ReplicationController, error) {
	return nil, fmt.Errorf("rc %s: %w", name, errdefs.ErrNotFound)
}
func (w workloads) GetReplicaSet(ns, name string) (*apiobj.ReplicaSet, error) {
	if rs, ok := w.rs[name]; ok {
		return rs, nil
	}
	return nil, fmt.Errorf("rs %s: %w", name, errdefs.ErrNotFound)
}
func (w workloads) GetStatefulSet(ns, name string) (*apiobj.StatefulSet, error) {
	return nil, fmt.Errorf("ss %s: %w", name, errdefs.ErrNotFound)
}

func ownedPod(name, node string) *apiobj.Pod {
	p := pt.MakePod(name).Node(node).Label("app", "web").Obj()
	p.OwnerReferences = []apiobj.OwnerReference{{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: "web", Controller: apiobj.Bool(true)}}
	return p
}

func TestSystemDefaults(t *testing.T) {
	t.Parallel()
	rs := &apiobj.ReplicaSet{}
	rs.Name = "web"
	rs.Spec.Selector = &apiobj.LabelSelector{MatchLabels: map[string]string{"app": "web"}}
	l := workloads{rs: map[string]*apiobj.ReplicaSet{"web": rs}}
	nodes := append(fourNodes(), pt.MakeNode("x").Obj())
	pods := []*apiobj.Pod{ownedPod("w1", "a1"), ownedPod("w2", "a1"), ownedPod("w3", "b1")}
	h := pt.Handle(pods, nodes)

	// No lister: no defaults.
	if _, st := pt.Scores(t, newPlugin(t, h, "", nil), h, ownedPod("p", "")); !st.IsSkip() {
		t.Fatalf("without a lister: %v, want Skip", st)
	}
	got, st := pt.Scores(t, newPlugin(t, h, "", l), h, ownedPod("p", ""))
	if st != nil {
		t.Fatal(st)
	}
	// hostname (maxSkew 3, weight log(7)=1.95): a1 2 -> 3.9+2, a2/b2/x 0 -> 2,
	// b1 1 -> 1.95+2. zone (maxSkew 5, 3 domains a, b and "" -> weight
	// log(5)=1.61): a 2 -> 3.2+4, b 1 -> 1.6+4; x has no zone.
	// Raw: a1 round(5.9+7.2)=13, a2 round(2+7.2)=9, b1 round(3.95+5.6)=10,
	// b2 round(2+5.6)=8, x 2. Normalized 100*(13+2-s)/13.
	want := map[string]int64{"a1": 15, "a2": 46, "b1": 38, "b2": 53, "x": 100}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("scores (-want +got):\n%s", d)
	}
	// A pod with constraints of its own does not get the defaults.
	own := ownedPod("p", "")
	own.Spec.TopologySpreadConstraints = []apiobj.TopologySpreadConstraint{{MaxSkew: 1, TopologyKey: zone, WhenUnsatisfiable: apiobj.DoNotSchedule,
		LabelSelector: &apiobj.LabelSelector{MatchLabels: map[string]string{"app": "web"}}}}
	if _, st := pt.Scores(t, newPlugin(t, h, "", l), h, own); !st.IsSkip() {
		t.Errorf("own constraints: %v, want Skip", st)
	}
}

func TestListDefaults(t *testing.T) {
	t.Parallel()
	svc := &apiobj.Service{}
	svc.Name = "web"
	svc.Spec.Selector = map[string]string{"app": "web"}
	l := workloads{services: []*apiobj.Service{svc}}
	pods := []*apiobj.Pod{ownedPod("w1", "a1"), ownedPod("w2", "a2")}
	h := pt.Handle(pods, fourNodes())
	args := `{"defaultingType":"List","defaultConstraints":[{"maxSkew":1,"topologyKey":"topology.kubernetes.io/zone","whenUnsatisfiable":"DoNotSchedule"}]}`
	pod := pt.MakePod("p").Label("app", "web").Obj()
	_, st := pt.Filter(t, newPlugin(t, h, args, l), h, pod)
	want := map[string]string{"a1": notMatch, "a2": notMatch, "b1": ok, "b2": ok}
	if d := cmp.Diff(want, pt.Codes(st)); d != "" {
		t.Errorf("Filter (-want +got):\n%s", d)
	}
	// A pod no service selects has no defaults.
	_, st = pt.Filter(t, newPlugin(t, h, args, l), h, pt.MakePod("q").Label("app", "api").Obj())
	if d := cmp.Diff(map[string]string{"a1": ok, "a2": ok, "b1": ok, "b2": ok}, pt.Codes(st)); d != "" {
		t.Errorf("Filter of an unselected pod (-want +got):\n%s", d)
	}
}

func TestArgsValidation(t *testing.T) {
	t.Parallel()
	h := pt.Handle(nil, nil)
	for _, args := range []string{
		`{"defaultingType":"System","defaultConstraints":[{"maxSkew":1,"topologyKey":"k","whenUnsatisfiable":"DoNotSchedule"}]}`,
		`{"defaultingType":"List","defaultConstraints":[{"maxSkew":0,"topologyKey":"k","whenUnsatisfiable":"DoNotSchedule"}]}`,
		`{"defaultingType":"List","defaultConstraints":[{"maxSkew":1,"topologyKey":"k","whenUnsatisfiable":"DoNotSchedule","labelSelector":{}}]}`,
		`{"defaultingType":"Other"}`,
	} {
		if _, err := New(json.RawMessage(args), h); err == nil {
			t.Errorf("%s accepted", args)
		}
	}
}
