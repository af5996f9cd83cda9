package framework

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
	"github.com/orcaproj/orca/apiobj/resource"
	"github.com/orcaproj/orca/errdefs"
)

func TestStatus(t *testing.T) {
	t.Parallel()
	var nilStatus *Status
	assert.True(t, nilStatus.IsSuccess())
	assert.Equal(t, Success, nilStatus.Code())
	assert.Nil(t, nilStatus.AsError())
	assert.Equal(t, "Success", nilStatus.String())
	assert.Nil(t, nilStatus.WithPlugin("x"))

	s := NewStatus(Unschedulable, "a", "b")
	assert.True(t, s.IsRejected())
	assert.Equal(t, "a, b", s.Message())
	p := s.WithPlugin("P")
	assert.Equal(t, "", s.Plugin(), "WithPlugin must not modify the receiver")
	assert.Equal(t, "P", p.Plugin())
	assert.Same(t, p, p.WithPlugin("P"))
	assert.EqualError(t, p.AsError(), "a, b")
	assert.Equal(t, "Unschedulable (P): a, b", p.String())

	err := errors.New("boom")
	e := AsStatus(err)
	assert.Equal(t, Error, e.Code())
	assert.ErrorIs(t, e.AsError(), err)
	assert.False(t, e.IsRejected())
	assert.Nil(t, AsStatus(nil))
	assert.True(t, NewStatus(Pending).IsRejected())
	assert.True(t, NewStatus(Skip).IsSkip())
	assert.Nil(t, NewStatus(Wait).AsError())
	assert.True(t, NewStatus(Unschedulable, "x").Equal(NewStatus(Unschedulable, "x")))
	assert.False(t, NewStatus(Unschedulable, "x").Equal(NewStatus(UnschedulableAndUnresolvable, "x")))
	assert.Equal(t, "Code(42)", Code(42).String())
}

type intState int

func (i intState) Clone() StateData { return i }

func TestCycleState(t *testing.T) {
	t.Parallel()
	c := NewCycleState()
	_, err := c.Read("k")
	require.ErrorIs(t, err, errdefs.ErrNotFound)
	c.Write("k", intState(1))
	c.Write("j", intState(2))
	c.Write("k", intState(3))
	v, err := c.Read("k")
	require.NoError(t, err)
	assert.Equal(t, intState(3), v)
	c.SkipFilter("F")
	cl := c.Clone()
	c.Delete("k")
	_, err = c.Read("k")
	assert.ErrorIs(t, err, ErrStateNotFound)
	v, err = cl.Read("k")
	require.NoError(t, err)
	assert.Equal(t, intState(3), v)
	assert.True(t, cl.FilterSkipped("F"))
	cl.SkipFilter("G")
	assert.False(t, c.FilterSkipped("G"), "clone must not share skip sets")
	c.Reset()
	_, err = c.Read("j")
	assert.Error(t, err)

	// Concurrent readers and writers (run with -race).
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				c.Write(StateKey([]string{"a", "b", "c"}[j%3]), intState(j))
			}
		}()
		go func() {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				_, _ = c.Read("a")
				_ = c.Clone()
			}
		}()
	}
	wg.Wait()
}

func q(s string) resource.Quantity { return resource.MustParse(s) }

func container(cpu, mem string) apiobj.Container {
	rl := apiobj.ResourceList{}
	if cpu != "" {
		rl[apiobj.ResourceCPU] = q(cpu)
	}
	if mem != "" {
		rl[apiobj.ResourceMemory] = q(mem)
	}
	return apiobj.Container{Name: "c", Resources: apiobj.ResourceRequirements{Requests: rl}}
}

func TestPodRequests(t *testing.T) {
	t.Parallel()
	always := apiobj.ContainerRestartPolicyAlways
	sidecar := func(c apiobj.Container) apiobj.Container { c.RestartPolicy = &always; return c }
	tests := []struct {
		name          string
		spec          apiobj.PodSpec
		want          Resource
		wantNonZeroMC int64
		wantNonZeroMe int64
	}{
		{
			name:          "sum of containers",
			spec:          apiobj.PodSpec{Containers: []apiobj.Container{container("1", "1Gi"), container("500m", "")}},
			want:          Resource{MilliCPU: 1500, Memory: 1 << 30},
			wantNonZeroMC: 1500, wantNonZeroMe: 1<<30 + DefaultMemoryRequest,
		},
		{
			name:          "empty pod gets defaults only in nonzero form",
			spec:          apiobj.PodSpec{Containers: []apiobj.Container{container("", "")}},
			want:          Resource{},
			wantNonZeroMC: DefaultMilliCPURequest, wantNonZeroMe: DefaultMemoryRequest,
		},
		{
			name: "init container larger than the sum",
			spec: apiobj.PodSpec{
				InitContainers: []apiobj.Container{container("3", "")},
				Containers:     []apiobj.Container{container("1", ""), container("1", "")},
			},
			want:          Resource{MilliCPU: 3000},
			wantNonZeroMC: 3000, wantNonZeroMe: 2 * DefaultMemoryRequest,
		},
		{
			name: "sidecars add, and count under later init containers",
			spec: apiobj.PodSpec{
				InitContainers: []apiobj.Container{sidecar(container("1", "")), container("2", "")},
				Containers:     []apiobj.Container{container("1", "")},
			},
			// max(1+1 running, 1 sidecar + 2 init) = 3
			want:          Resource{MilliCPU: 3000},
			wantNonZeroMC: 3000, wantNonZeroMe: 2 * DefaultMemoryRequest,
		},
		{
			name: "overhead and extended resources",
			spec: apiobj.PodSpec{
				Containers: []apiobj.Container{{Name: "c", Resources: apiobj.ResourceRequirements{Requests: apiobj.ResourceList{
					apiobj.ResourceCPU: q("1"), "example.com/gpu": q("2"), apiobj.ResourceEphemeralStorage: q("1k"),
				}}}},
				Overhead: apiobj.ResourceList{apiobj.ResourceCPU: q("250m")},
			},
			want:          Resource{MilliCPU: 1250, EphemeralStorage: 1000, ScalarResources: map[apiobj.ResourceName]int64{"example.com/gpu": 2}},
			wantNonZeroMC: 1250, wantNonZeroMe: DefaultMemoryRequest,
		},
		{
			name: "pod-level resources replace cpu and memory",
			spec: apiobj.PodSpec{
				Containers: []apiobj.Container{container("1", "1Gi")},
				Resources:  &apiobj.ResourceRequirements{Requests: apiobj.ResourceList{apiobj.ResourceCPU: q("4")}},
			},
			want:          Resource{MilliCPU: 4000, Memory: 1 << 30},
			wantNonZeroMC: 4000, wantNonZeroMe: 1 << 30,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			pod := &apiobj.Pod{Spec: tt.spec}
			if diff := cmp.Diff(tt.want, PodRequests(pod, false)); diff != "" {
				t.Errorf("PodRequests (-want +got):\n%s", diff)
			}
			nz := PodRequests(pod, true)
			assert.Equal(t, tt.wantNonZeroMC, nz.MilliCPU)
			assert.Equal(t, tt.wantNonZeroMe, nz.Memory)
		})
	}
}

func TestResourceNames(t *testing.T) {
	t.Parallel()
	for name, want := range map[apiobj.ResourceName]bool{
		"cpu": false, "memory": false, "example.com/gpu": true, "hugepages-2Mi": true,
		"kubernetes.io/foo": true, "requests.example.com/x": false, "attachable-volumes-aws-ebs": true,
	} {
		assert.Equal(t, want, IsScalarResourceName(name), name)
	}
	assert.True(t, IsExtendedResourceName("example.com/gpu"))
	assert.False(t, IsExtendedResourceName("kubernetes.io/foo"))
}

func podOn(node, name string, cpu string) *apiobj.Pod {
	p := &apiobj.Pod{}
	p.Namespace, p.Name, p.UID = "ns", name, apiobj.UID(name)
	p.Spec.NodeName = node
	p.Spec.Containers = []apiobj.Container{container(cpu, "")}
	return p
}

func TestNodeInfo(t *testing.T) {
	t.Parallel()
	node := &apiobj.Node{}
	node.Name = "n1"
	node.Status.Allocatable = apiobj.ResourceList{apiobj.ResourceCPU: q("4"), apiobj.ResourcePods: q("110"), "example.com/gpu": q("1")}
	ni := NewNodeInfo()
	ni.SetNode(node)
	assert.Equal(t, int64(4000), ni.Allocatable.MilliCPU)
	assert.Equal(t, 110, ni.Allocatable.AllowedPodNumber)
	assert.Equal(t, int64(1), ni.Allocatable.ScalarResources["example.com/gpu"])

	a := podOn("n1", "a", "1")
	a.Spec.Containers[0].Ports = []apiobj.ContainerPort{{HostPort: 80, ContainerPort: 80}}
	a.Spec.Volumes = []apiobj.Volume{{Name: "v"}}
	a.Spec.Volumes[0].PersistentVolumeClaim = &apiobj.PersistentVolumeClaimVolumeSource{ClaimName: "claim"}
	b := podOn("n1", "b", "500m")
	b.Spec.Affinity = &apiobj.Affinity{PodAntiAffinity: &apiobj.PodAntiAffinity{
		RequiredDuringSchedulingIgnoredDuringExecution: []apiobj.PodAffinityTerm{{
			LabelSelector: &apiobj.LabelSelector{MatchLabels: map[string]string{"app": "x"}}, TopologyKey: "zone",
		}},
	}}
	gen := ni.Generation
	ni.AddPod(a)
	ni.AddPod(b)
	assert.Greater(t, ni.Generation, gen)
	assert.Equal(t, int64(1500), ni.Requested.MilliCPU)
	assert.Equal(t, int64(1500), ni.NonZeroRequested.MilliCPU)
	assert.Equal(t, 2*DefaultMemoryRequest, ni.NonZeroRequested.Memory)
	assert.Len(t, ni.PodsWithAffinity, 1)
	assert.Len(t, ni.PodsWithRequiredAntiAffinity, 1)
	assert.True(t, ni.UsedPorts.CheckConflict("", "", 80))
	assert.True(t, ni.UsedPorts.CheckConflict("10.0.0.1", apiobj.ProtocolTCP, 80))
	assert.False(t, ni.UsedPorts.CheckConflict("", apiobj.ProtocolUDP, 80))
	assert.Equal(t, 1, ni.PVCRefCounts["ns/claim"])

	clone := ni.Clone()
	require.NoError(t, ni.RemovePod(b))
	require.NoError(t, ni.RemovePod(a))
	assert.ErrorIs(t, ni.RemovePod(a), ErrPodNotFound)
	assert.True(t, ni.Requested.IsZero())
	assert.Empty(t, ni.PodsWithAffinity)
	assert.Equal(t, 0, ni.UsedPorts.Len())
	assert.Empty(t, ni.PVCRefCounts)
	// The clone is unaffected.
	assert.Len(t, clone.Pods, 2)
	assert.Equal(t, int64(1500), clone.Requested.MilliCPU)
	assert.True(t, clone.UsedPorts.CheckConflict("", "", 80))
}

func TestHostPortInfo(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		used     HostPort
		check    HostPort
		conflict bool
	}{
		{"same ip", HostPort{"10.0.0.1", "TCP", 80}, HostPort{"10.0.0.1", "TCP", 80}, true},
		{"other ip", HostPort{"10.0.0.1", "TCP", 80}, HostPort{"10.0.0.2", "TCP", 80}, false},
		{"wildcard used", HostPort{"", "TCP", 80}, HostPort{"10.0.0.2", "TCP", 80}, true},
		{"wildcard wanted", HostPort{"10.0.0.1", "TCP", 80}, HostPort{"0.0.0.0", "TCP", 80}, true},
		{"other protocol", HostPort{"", "TCP", 80}, HostPort{"", "UDP", 80}, false},
		{"other port", HostPort{"", "", 80}, HostPort{"", "", 81}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var h HostPortInfo
			h.Add(tt.used.IP, tt.used.Protocol, tt.used.Port)
			h.Add(tt.used.IP, tt.used.Protocol, tt.used.Port)
			assert.Equal(t, tt.conflict, h.CheckConflict(tt.check.IP, tt.check.Protocol, tt.check.Port))
			h.Remove(tt.used.IP, tt.used.Protocol, tt.used.Port)
			assert.Equal(t, 1, h.Len(), "ports are reference counted")
			h.Remove(tt.used.IP, tt.used.Protocol, tt.used.Port)
			assert.False(t, h.CheckConflict(tt.check.IP, tt.check.Protocol, tt.check.Port))
		})
	}
}

func TestAffinityTerm(t *testing.T) {
	t.Parallel()
	pod := &apiobj.Pod{}
	pod.Namespace = "ns1"
	pod.Labels = map[string]string{"app": "web", "rev": "7"}
	term := apiobj.PodAffinityTerm{
		LabelSelector:  &apiobj.LabelSelector{MatchLabels: map[string]string{"app": "web"}},
		TopologyKey:    "zone",
		MatchLabelKeys: []string{"rev"},
	}
	at, err := NewAffinityTerm(pod, &term)
	require.NoError(t, err)
	other := &apiobj.Pod{}
	other.Namespace = "ns1"
	other.Labels = map[string]string{"app": "web", "rev": "7"}
	assert.True(t, at.Matches(other, nil))
	other.Labels["rev"] = "8"
	assert.False(t, at.Matches(other, nil), "matchLabelKeys adds rev=7")
	other.Labels["rev"] = "7"
	other.Namespace = "ns2"
	assert.False(t, at.Matches(other, nil), "default namespace is the pod's")

	term.NamespaceSelector = &apiobj.LabelSelector{}
	at, err = NewAffinityTerm(pod, &term)
	require.NoError(t, err)
	assert.True(t, at.Matches(other, labels.Set{"x": "y"}), "empty namespaceSelector matches all")

	bad := apiobj.PodAffinityTerm{LabelSelector: &apiobj.LabelSelector{MatchExpressions: []apiobj.LabelSelectorRequirement{{Key: "a", Operator: "Bogus"}}}}
	at, err = NewAffinityTerm(pod, &bad)
	assert.Error(t, err)
	assert.False(t, at.Matches(pod, nil))

	p := &apiobj.Pod{}
	p.Spec.Affinity = &apiobj.Affinity{PodAffinity: &apiobj.PodAffinity{RequiredDuringSchedulingIgnoredDuringExecution: []apiobj.PodAffinityTerm{bad}}}
	pi := NewPodInfo(p)
	assert.Error(t, pi.ParseError)
	assert.Len(t, pi.RequiredAffinityTerms, 1)
}

func TestLabelSelectorAsSelector(t *testing.T) {
	t.Parallel()
	s, err := LabelSelectorAsSelector(nil)
	require.NoError(t, err)
	assert.False(t, s.Matches(labels.Set{}))
	s, err = LabelSelectorAsSelector(&apiobj.LabelSelector{})
	require.NoError(t, err)
	assert.True(t, s.Matches(labels.Set{"a": "b"}))
	s, err = LabelSelectorAsSelector(&apiobj.LabelSelector{
		MatchLabels: map[string]string{"a": "1"},
		MatchExpressions: []apiobj.LabelSelectorRequirement{
			{Key: "b", Operator: apiobj.LabelSelectorOpIn, Values: []string{"x", "y"}},
			{Key: "c", Operator: apiobj.LabelSelectorOpDoesNotExist},
		},
	})
	require.NoError(t, err)
	assert.True(t, s.Matches(labels.Set{"a": "1", "b": "y"}))
	assert.False(t, s.Matches(labels.Set{"a": "1", "b": "y", "c": ""}))
	assert.False(t, s.Matches(labels.Set{"a": "2", "b": "y"}))
}

func TestRegistryAndArgs(t *testing.T) {
	t.Parallel()
	r := Registry{}
	f := FactoryOf(FilterFunc(func(context.Context, *CycleState, *apiobj.Pod, *NodeInfo) *Status { return nil }).Named("F"))
	require.NoError(t, r.Register("F", f))
	assert.ErrorIs(t, r.Register("F", f), errdefs.ErrAlreadyExists)
	assert.ErrorIs(t, r.Merge(Registry{"F": f}), errdefs.ErrAlreadyExists)
	require.NoError(t, r.Merge(Registry{"G": f}))
	assert.Equal(t, []string{"F", "G"}, r.Names())
	require.NoError(t, r.Unregister("G"))
	assert.ErrorIs(t, r.Unregister("G"), errdefs.ErrNotFound)

	type args struct {
		A int    `json:"a"`
		B string `json:"b"`
	}
	got := args{A: 1, B: "default"}
	require.NoError(t, DecodeArgs(nil, &got))
	assert.Equal(t, args{1, "default"}, got)
	require.NoError(t, DecodeArgs([]byte(`{"apiVersion":"kubescheduler.config.k8s.io/v1","kind":"XArgs","a":5}`), &got))
	assert.Equal(t, args{5, "default"}, got)
	assert.ErrorIs(t, DecodeArgs([]byte(`{"c":1}`), &got), errdefs.ErrInvalid)
	raw, err := EncodeArgs(args{A: 2})
	require.NoError(t, err)
	require.NoError(t, DecodeArgs(raw, &got))
	assert.Equal(t, 2, got.A)
}

func TestFuncAdapters(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	var called atomic.Int32
	plugins := []Plugin{
		PreEnqueueFunc(func(context.Context, *apiobj.Pod) *Status { called.Add(1); return nil }).Named("a"),
		LessFunc(func(a, b *QueuedPodInfo) bool { called.Add(1); return true }).Named("b"),
		PreFilterFunc(func(context.Context, *CycleState, *apiobj.Pod) (*PreFilterResult, *Status) {
			called.Add(1)
			return nil, nil
		}).Named("c"),
		PostFilterFunc(func(context.Context, *CycleState, *apiobj.Pod, NodeToStatusReader) (*PostFilterResult, *Status) {
			called.Add(1)
			return nil, nil
		}).Named("d"),
		PreScoreFunc(func(context.Context, *CycleState, *apiobj.Pod, []*NodeInfo) *Status { called.Add(1); return nil }).Named("e"),
		ScoreFunc(func(context.Context, *CycleState, *apiobj.Pod, *NodeInfo) (int64, *Status) {
			called.Add(1)
			return 1, nil
		}).Named("f"),
		PermitFunc(func(context.Context, *CycleState, *apiobj.Pod, string) (*Status, time.Duration) {
			called.Add(1)
			return nil, 0
		}).Named("g"),
		PreBindFunc(func(context.Context, *CycleState, *apiobj.Pod, string) *Status { called.Add(1); return nil }).Named("h"),
		BindFunc(func(context.Context, *CycleState, *apiobj.Pod, string) *Status { called.Add(1); return nil }).Named("i"),
		PostBindFunc(func(context.Context, *CycleState, *apiobj.Pod, string) { called.Add(1) }).Named("j"),
	}
	pod := &apiobj.Pod{}
	s := NewCycleState()
	plugins[0].(PreEnqueuePlugin).PreEnqueue(ctx, pod)
	plugins[1].(QueueSortPlugin).Less(nil, nil)
	plugins[2].(PreFilterPlugin).PreFilter(ctx, s, pod)
	assert.Nil(t, plugins[2].(PreFilterPlugin).PreFilterExtensions())
	plugins[3].(PostFilterPlugin).PostFilter(ctx, s, pod, NewNodeToStatus(nil, nil))
	plugins[4].(PreScorePlugin).PreScore(ctx, s, pod, nil)
	plugins[5].(ScorePlugin).Score(ctx, s, pod, nil)
	assert.Nil(t, plugins[5].(ScorePlugin).ScoreExtensions())
	plugins[6].(PermitPlugin).Permit(ctx, s, pod, "")
	plugins[7].(PreBindPlugin).PreBind(ctx, s, pod, "")
	plugins[8].(BindPlugin).Bind(ctx, s, pod, "")
	plugins[9].(PostBindPlugin).PostBind(ctx, s, pod, "")
	assert.Equal(t, int32(10), called.Load())
	for i, p := range plugins {
		assert.Equal(t, string(rune('a'+i)), p.Name())
	}
}

func TestFitErrorMessage(t *testing.T) {
	t.Parallel()
	taint := NewStatus(Unschedulable, "node(s) had untolerated taint {gpu: true}")
	cpu := NewStatus(Unschedulable, "Insufficient cpu")
	both := NewStatus(Unschedulable, "Insufficient cpu", "Insufficient memory")
	tests := []struct {
		name string
		err  FitError
		want string
	}{
		{
			name: "no nodes",
			err:  FitError{NumAllNodes: 0, Diagnosis: Diagnosis{NodeToStatus: NewNodeToStatus(nil, nil)}},
			want: "no nodes available to schedule pods",
		},
		{
			name: "counts aggregated and sorted",
			err: FitError{NumAllNodes: 5, Diagnosis: Diagnosis{
				NodeToStatus:  NewNodeToStatus(map[string]*Status{"a": cpu, "b": cpu, "c": cpu, "d": taint, "e": taint}, nil),
				PostFilterMsg: "preemption: 0/5 nodes are available: 5 No preemption victims found for incoming pod",
			}},
			want: "0/5 nodes are available: 2 node(s) had untolerated taint {gpu: true}, 3 Insufficient cpu. " +
				"preemption: 0/5 nodes are available: 5 No preemption victims found for incoming pod.",
		},
		{
			name: "multiple reasons per node",
			err: FitError{NumAllNodes: 2, Diagnosis: Diagnosis{
				NodeToStatus: NewNodeToStatus(map[string]*Status{"a": both, "b": cpu}, nil),
			}},
			want: "0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu.",
		},
		{
			name: "absent nodes",
			err: FitError{NumAllNodes: 4, Diagnosis: Diagnosis{
				NodeToStatus: NewNodeToStatus(map[string]*Status{"a": cpu},
					NewStatus(UnschedulableAndUnresolvable, "node(s) didn't satisfy plugin(s) [NodeAffinity]")),
			}},
			want: "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity].",
		},
		{
			name: "prefilter",
			err: FitError{NumAllNodes: 3, Diagnosis: Diagnosis{
				NodeToStatus: NewNodeToStatus(nil, NewStatus(UnschedulableAndUnresolvable, "x")),
				PreFilterMsg: "node(s) didn't match pod topology spread constraints",
			}},
			want: "0/3 nodes are available: node(s) didn't match pod topology spread constraints.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, tt.err.Error())
		})
	}
}

func TestNodeToStatus(t *testing.T) {
	t.Parallel()
	n1, n2, n3 := &apiobj.Node{}, &apiobj.Node{}, &apiobj.Node{}
	n1.Name, n2.Name, n3.Name = "n1", "n2", "n3"
	snap := NewSnapshot(nil, []*apiobj.Node{n1, n2, n3})
	m := NewNodeToStatus(map[string]*Status{"n1": NewStatus(Unschedulable)}, nil)
	got, err := m.NodesForStatusCode(snap.NodeInfos(), Unschedulable)
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, "n1", got[0].NodeName())
	got, err = m.NodesForStatusCode(snap.NodeInfos(), UnschedulableAndUnresolvable)
	require.NoError(t, err)
	assert.Len(t, got, 2)
	assert.Equal(t, UnschedulableAndUnresolvable, m.Get("n3").Code())
}

func TestSnapshot(t *testing.T) {
	t.Parallel()
	n1, n2 := &apiobj.Node{}, &apiobj.Node{}
	n1.Name, n2.Name = "n1", "n2"
	n1.Status.Images = []apiobj.ContainerImage{{Names: []string{"img:1"}, SizeBytes: 100}}
	n2.Status.Images = []apiobj.ContainerImage{{Names: []string{"img:1"}, SizeBytes: 100}}
	p := podOn("n2", "p", "1")
	p.Spec.Affinity = &apiobj.Affinity{PodAffinity: &apiobj.PodAffinity{PreferredDuringSchedulingIgnoredDuringExecution: []apiobj.WeightedPodAffinityTerm{{Weight: 1}}}}
	snap := NewSnapshot([]*apiobj.Pod{p, podOn("gone", "q", "1")}, []*apiobj.Node{n1, n2})
	list, _ := snap.NodeInfos().List()
	require.Len(t, list, 2)
	aff, _ := snap.NodeInfos().HavePodsWithAffinityList()
	require.Len(t, aff, 1)
	assert.Equal(t, "n2", aff[0].NodeName())
	ni, err := snap.NodeInfos().Get("n1")
	require.NoError(t, err)
	assert.Equal(t, 2, ni.ImageStates["img:1"].NumNodes)
	_, err = snap.NodeInfos().Get("zz")
	assert.ErrorIs(t, err, errdefs.ErrNotFound)
}

func TestParallelizer(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 7, 1000} {
		var sum atomic.Int64
		seen := make([]atomic.Int32, n)
		NewParallelizer(4).Until(context.Background(), n, func(i int) {
			sum.Add(int64(i))
			seen[i].Add(1)
		})
		assert.Equal(t, int64(n*(n-1)/2), sum.Load())
		for i := range seen {
			assert.Equal(t, int32(1), seen[i].Load())
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var ran atomic.Int32
	NewParallelizer(1).Until(ctx, 10, func(int) { ran.Add(1) })
	assert.Zero(t, ran.Load())
}

func TestPreFilterResultMerge(t *testing.T) {
	t.Parallel()
	var all *PreFilterResult
	a := &PreFilterResult{NodeNames: map[string]struct{}{"x": {}, "y": {}}}
	b := &PreFilterResult{NodeNames: map[string]struct{}{"y": {}, "z": {}}}
	assert.True(t, all.AllNodes())
	assert.Same(t, a, all.Merge(a))
	assert.Same(t, a, a.Merge(nil))
	assert.Equal(t, map[string]struct{}{"y": {}}, a.Merge(b).NodeNames)
}

func TestClusterEvent(t *testing.T) {
	t.Parallel()
	nodeAdd := ClusterEvent{Resource: Node, ActionType: Add}
	assert.True(t, ClusterEvent{Resource: Node, ActionType: Add | UpdateNodeLabel}.Match(nodeAdd))
	assert.False(t, ClusterEvent{Resource: Pod, ActionType: All}.Match(nodeAdd))
	assert.True(t, ClusterEvent{Resource: WildCard, ActionType: All}.Match(nodeAdd))
	assert.Equal(t, "NodeAdd", nodeAdd.Label())
	assert.Equal(t, "NodeUpdate", ClusterEvent{Resource: Node, ActionType: Update}.Label())
	assert.Equal(t, "Add|Delete", (Add | Delete).String())
	assert.Equal(t, "Queue", Queue.String())
}
