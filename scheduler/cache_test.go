package scheduler

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/scheduler/framework"
)

func requested(t *testing.T, c *schedCache, node string) int64 {
	t.Helper()
	s := newSnapshot()
	c.updateSnapshot(s)
	ni, err := s.Get(node)
	require.NoError(t, err)
	return ni.Requested.MilliCPU
}

func TestCacheAssumeForgetConfirmExpire(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	c := newSchedCache(clock, 30*time.Second)
	c.addNode(makeNode("n1", "4", nil))
	p := makePod("p", "1", 0)
	ap := assigned(p, "n1")

	// assume then forget
	require.NoError(t, c.assumePod(framework.NewPodInfo(ap)))
	assert.ErrorIs(t, c.assumePod(framework.NewPodInfo(ap)), errdefs.ErrAlreadyExists)
	assert.True(t, c.isAssumed(p))
	assert.Equal(t, int64(1000), requested(t, c, "n1"))
	c.forgetPod(ap)
	assert.False(t, c.isAssumed(p))
	assert.Equal(t, int64(0), requested(t, c, "n1"))

	// assume, finish binding, confirm: never expires
	require.NoError(t, c.assumePod(framework.NewPodInfo(ap)))
	c.finishBinding(ap)
	confirmed := *ap
	confirmed.ResourceVersion = "7"
	assert.NotNil(t, c.addPod(&confirmed))
	assert.False(t, c.isAssumed(p))
	clock.Step(time.Hour)
	assert.Empty(t, c.cleanupExpired())
	assert.Equal(t, int64(1000), requested(t, c, "n1"))
	c.forgetPod(ap) // not assumed any more: no effect
	assert.Equal(t, int64(1000), requested(t, c, "n1"))
	assert.NotNil(t, c.removePod(p))
	assert.Equal(t, int64(0), requested(t, c, "n1"))

	// assume, binding never finishes: does not expire
	require.NoError(t, c.assumePod(framework.NewPodInfo(ap)))
	clock.Step(time.Hour)
	assert.Empty(t, c.cleanupExpired())
	// binding finishes, no confirmation: expires after the TTL
	c.finishBinding(ap)
	clock.Step(29 * time.Second)
	assert.Empty(t, c.cleanupExpired())
	clock.Step(2 * time.Second)
	expired := c.cleanupExpired()
	require.Len(t, expired, 1)
	assert.Equal(t, "p", expired[0].Name)
	assert.Equal(t, int64(0), requested(t, c, "n1"))

	// confirmation on another node than assumed moves the pod
	require.NoError(t, c.assumePod(framework.NewPodInfo(ap)))
	c.addNode(makeNode("n2", "4", nil))
	c.addPod(assigned(p, "n2"))
	assert.Equal(t, int64(0), requested(t, c, "n1"))
	assert.Equal(t, int64(1000), requested(t, c, "n2"))
}

func TestCacheRemoveNodeKeepsPods(t *testing.T) {
	t.Parallel()
	c := newSchedCache(newFakeClock(), time.Second)
	n := makeNode("n1", "4", nil)
	c.addNode(n)
	c.addPod(assigned(makePod("p", "1", 0), "n1"))
	c.removeNode(n)
	s := newSnapshot()
	c.updateSnapshot(s)
	assert.Equal(t, 0, s.numNodes())
	c.addNode(n)
	c.updateSnapshot(s)
	ni, err := s.Get("n1")
	require.NoError(t, err)
	assert.Len(t, ni.Pods, 1, "the pod was kept while the node was away")
}

// summary is what a snapshot NodeInfo is compared on.
type summary struct {
	Node        string
	Pods        []string
	Requested   framework.Resource
	NonZero     framework.Resource
	Allocatable framework.Resource
	Ports       []framework.HostPort
	PVCs        map[string]int
	Images      []string
}

func summarize(ni *framework.NodeInfo) summary {
	s := summary{Node: ni.NodeName(), Requested: ni.Requested, NonZero: ni.NonZeroRequested, Allocatable: ni.Allocatable, PVCs: ni.PVCRefCounts}
	for _, p := range ni.Pods {
		s.Pods = append(s.Pods, p.Pod.Name)
	}
	slices.Sort(s.Pods)
	s.Ports = append(s.Ports, ni.UsedPorts.Ports()...)
	slices.SortFunc(s.Ports, func(a, b framework.HostPort) int { return int(a.Port - b.Port) })
	for name := range ni.ImageStates {
		s.Images = append(s.Images, name)
	}
	slices.Sort(s.Images)
	if len(s.Requested.ScalarResources) == 0 {
		s.Requested.ScalarResources = nil
	}
	if len(s.PVCs) == 0 {
		s.PVCs = nil
	}
	return s
}

func summarizeLister(t *testing.T, l framework.NodeInfoLister) (all, aff, anti []summary) {
	t.Helper()
	list, err := l.List()
	require.NoError(t, err)
	for _, ni := range list {
		all = append(all, summarize(ni))
	}
	a, _ := l.HavePodsWithAffinityList()
	for _, ni := range a {
		aff = append(aff, summarize(ni))
	}
	b, _ := l.HavePodsWithRequiredAntiAffinityList()
	for _, ni := range b {
		anti = append(anti, summarize(ni))
	}
	byName := func(a, b summary) int {
		if a.Node < b.Node {
			return -1
		}
		if a.Node > b.Node {
			return 1
		}
		return 0
	}
	slices.SortFunc(all, byName)
	slices.SortFunc(aff, byName)
	slices.SortFunc(anti, byName)
	return all, aff, anti
}

// TestSnapshotIncremental applies random changes to the cache, updating
// one snapshot incrementally after each batch, and compares it with a
// snapshot built from scratch from the same state.
func TestSnapshotIncremental(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	c := newSchedCache(newFakeClock(), time.Minute)
	s := newSnapshot()
	nodes := map[string]*apiobj.Node{}
	pods := map[string]*apiobj.Pod{}
	nodeNames := func() []string {
		var out []string
		for n := range nodes {
			out = append(out, n)
		}
		slices.Sort(out)
		return out
	}
	podNames := func() []string {
		var out []string
		for n := range pods {
			out = append(out, n)
		}
		slices.Sort(out)
		return out
	}
	newPod := func(i int) *apiobj.Pod {
		names := nodeNames()
		if len(names) == 0 {
			return nil
		}
		p := assigned(makePod(fmt.Sprintf("p%d", i), fmt.Sprintf("%dm", 100+rng.IntN(900)), 0), names[rng.IntN(len(names))])
		switch rng.IntN(5) {
		case 0:
			p.Spec.Affinity = &apiobj.Affinity{PodAntiAffinity: &apiobj.PodAntiAffinity{
				RequiredDuringSchedulingIgnoredDuringExecution: []apiobj.PodAffinityTerm{{TopologyKey: "zone", LabelSelector: &apiobj.LabelSelector{}}},
			}}
		case 1:
			p.Spec.Affinity = &apiobj.Affinity{PodAffinity: &apiobj.PodAffinity{
				PreferredDuringSchedulingIgnoredDuringExecution: []apiobj.WeightedPodAffinityTerm{{Weight: 1, PodAffinityTerm: apiobj.PodAffinityTerm{TopologyKey: "zone"}}},
			}}
		case 2:
			p.Spec.Containers[0].Ports = []apiobj.ContainerPort{{HostPort: int32(8000 + rng.IntN(3)), ContainerPort: 80}}
		case 3:
			p.Spec.Volumes = []apiobj.Volume{{Name: "v"}}
			p.Spec.Volumes[0].PersistentVolumeClaim = &apiobj.PersistentVolumeClaimVolumeSource{ClaimName: fmt.Sprintf("c%d", rng.IntN(3))}
		}
		return p
	}
	for step := 0; step < 400; step++ {
		for op := 0; op < 1+rng.IntN(4); op++ {
			switch r := rng.IntN(10); {
			case r < 2 || len(nodes) < 3:
				n := makeNode(fmt.Sprintf("n%d", rng.IntN(20)), fmt.Sprintf("%d", 1+rng.IntN(8)),
					map[string]string{apiobj.LabelTopologyZone: fmt.Sprintf("z%d", rng.IntN(3))})
				if rng.IntN(2) == 0 {
					n.Status.Images = []apiobj.ContainerImage{{Names: []string{fmt.Sprintf("img%d", rng.IntN(4))}, SizeBytes: 10}}
				}
				nodes[n.Name] = n
				c.addNode(n)
			case r == 2:
				names := nodeNames()
				name := names[rng.IntN(len(names))]
				c.removeNode(nodes[name])
				delete(nodes, name)
			case r < 6:
				if p := newPod(step*10 + op); p != nil {
					if old, ok := pods[p.Name]; ok {
						c.removePod(old)
					}
					pods[p.Name] = p
					if rng.IntN(2) == 0 {
						require.NoError(t, c.assumePod(framework.NewPodInfo(p)))
					} else {
						c.addPod(p)
					}
				}
			case r < 8 && len(pods) != 0:
				names := podNames()
				name := names[rng.IntN(len(names))]
				c.removePod(pods[name])
				delete(pods, name)
			case len(pods) != 0:
				// Relabel: confirm with a new version.
				names := podNames()
				p := *pods[names[rng.IntN(len(names))]]
				p.ResourceVersion = fmt.Sprint(step)
				p.Labels = map[string]string{"v": fmt.Sprint(step)}
				pods[p.Name] = &p
				c.addPod(&p)
			}
		}
		c.updateSnapshot(s)

		var podList []*apiobj.Pod
		for _, name := range podNames() {
			podList = append(podList, pods[name])
		}
		var nodeList []*apiobj.Node
		for _, name := range nodeNames() {
			nodeList = append(nodeList, nodes[name])
		}
		full := framework.NewSnapshot(podList, nodeList)
		wantAll, wantAff, wantAnti := summarizeLister(t, full.NodeInfos())
		gotAll, gotAff, gotAnti := summarizeLister(t, s.NodeInfos())
		if diff := cmp.Diff(wantAll, gotAll); diff != "" {
			t.Fatalf("step %d: nodes differ (-full +incremental):\n%s", step, diff)
		}
		require.Equal(t, wantAff, gotAff, "step %d: affinity list", step)
		require.Equal(t, wantAnti, gotAnti, "step %d: anti-affinity list", step)
		for _, p := range podList {
			for _, v := range p.Spec.Volumes {
				key := p.Namespace + "/" + v.PersistentVolumeClaim.ClaimName
				if _, ok := nodes[p.Spec.NodeName]; ok {
					require.True(t, s.IsPVCUsedByPods(key), "step %d: %s", step, key)
				}
			}
		}
		require.Equal(t, len(nodes), s.numNodes())
	}
}

func TestNodeTreeInterleavesZones(t *testing.T) {
	t.Parallel()
	tree := newNodeTree()
	for i, z := range []string{"a", "a", "a", "b", "c", "c"} {
		tree.add(makeNode(fmt.Sprintf("%s%d", z, i), "1", map[string]string{apiobj.LabelTopologyZone: z}))
	}
	assert.Equal(t, []string{"a0", "b3", "c4", "a1", "c5", "a2"}, tree.list())
	tree.remove(makeNode("b3", "1", map[string]string{apiobj.LabelTopologyZone: "b"}))
	assert.Equal(t, []string{"a0", "c4", "a1", "c5", "a2"}, tree.list())
}
