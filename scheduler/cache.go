package scheduler

import (
	"fmt"
	"sync"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/scheduler/framework"
)

// schedCache is the scheduler's view of nodes and the pods placed on
// them, including pods it assumed (placed but not yet confirmed bound).
//
// NodeInfos sit in a list ordered by last change, newest first, so that
// updateSnapshot visits only those changed since the snapshot's
// generation. All fields below mu are guarded by it.
type schedCache struct {
	clock Clock
	ttl   time.Duration

	mu     sync.RWMutex
	pods   map[string]*podState // PodKey -> state
	nodes  map[string]*nodeItem
	head   *nodeItem // most recently changed
	tree   nodeTree
	images map[string]*imageState
}

type podState struct {
	pod             *apiobj.Pod
	assumed         bool
	bindingFinished bool
	deadline        time.Time // when an assumed pod whose binding finished expires
}

type nodeItem struct {
	info       *framework.NodeInfo
	prev, next *nodeItem
}

type imageState struct {
	size  int64
	nodes map[string]struct{}
}

func newSchedCache(clock Clock, ttl time.Duration) *schedCache {
	return &schedCache{
		clock: clock, ttl: ttl,
		pods:   map[string]*podState{},
		nodes:  map[string]*nodeItem{},
		tree:   newNodeTree(),
		images: map[string]*imageState{},
	}
}

// moveToHead marks item as the most recently changed.
func (c *schedCache) moveToHead(it *nodeItem) {
	if c.head == it {
		return
	}
	if it.prev != nil {
		it.prev.next = it.next
	}
	if it.next != nil {
		it.next.prev = it.prev
	}
	it.prev = nil
	it.next = c.head
	if c.head != nil {
		c.head.prev = it
	}
	c.head = it
}

func (c *schedCache) unlink(it *nodeItem) {
	if it.prev != nil {
		it.prev.next = it.next
	}
	if it.next != nil {
		it.next.prev = it.prev
	}
	if c.head == it {
		c.head = it.next
	}
	it.prev, it.next = nil, nil
}

// item returns the node's item, creating one without a node if needed.
func (c *schedCache) item(name string) *nodeItem {
	it := c.nodes[name]
	if it == nil {
		it = &nodeItem{info: framework.NewNodeInfo()}
		c.nodes[name] = it
	}
	return it
}

func (c *schedCache) addPodInfoLocked(pi *framework.PodInfo) {
	it := c.item(pi.Pod.Spec.NodeName)
	it.info.AddPodInfo(pi)
	c.moveToHead(it)
}

func (c *schedCache) removePodLocked(pod *apiobj.Pod) {
	it := c.nodes[pod.Spec.NodeName]
	if it == nil {
		return
	}
	if err := it.info.RemovePod(pod); err != nil {
		return
	}
	if len(it.info.Pods) == 0 && it.info.Node() == nil {
		c.unlink(it)
		delete(c.nodes, pod.Spec.NodeName)
		return
	}
	c.moveToHead(it)
}

// assumePod places a pod (spec.nodeName set) before it is bound. pi
// describes the pod; only its Pod differs from the queued one.
func (c *schedCache) assumePod(pi *framework.PodInfo) error {
	key := framework.PodKey(pi.Pod)
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.pods[key]; ok {
		return fmt.Errorf("assume pod %s: %w", key, errdefs.ErrAlreadyExists)
	}
	c.addPodInfoLocked(pi)
	c.pods[key] = &podState{pod: pi.Pod, assumed: true}
	return nil
}

// finishBinding starts the expiry clock of an assumed pod.
func (c *schedCache) finishBinding(pod *apiobj.Pod) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if ps, ok := c.pods[framework.PodKey(pod)]; ok && ps.assumed {
		ps.bindingFinished = true
		ps.deadline = c.clock.Now().Add(c.ttl)
	}
}

// forgetPod removes an assumed pod.
func (c *schedCache) forgetPod(pod *apiobj.Pod) {
	key := framework.PodKey(pod)
	c.mu.Lock()
	defer c.mu.Unlock()
	ps, ok := c.pods[key]
	if !ok || !ps.assumed {
		return
	}
	c.removePodLocked(ps.pod)
	delete(c.pods, key)
}

// addPod records an assigned pod; for an assumed pod it is the
// confirmation. It returns the previous pod, if one was recorded.
func (c *schedCache) addPod(pod *apiobj.Pod) *apiobj.Pod {
	key := framework.PodKey(pod)
	c.mu.Lock()
	defer c.mu.Unlock()
	ps, ok := c.pods[key]
	if !ok {
		c.addPodInfoLocked(framework.NewPodInfo(pod))
		c.pods[key] = &podState{pod: pod}
		return nil
	}
	old := ps.pod
	if ps.assumed && old.Spec.NodeName == pod.Spec.NodeName && old.ResourceVersion == pod.ResourceVersion {
		// Our own confirmation: the assumed copy already describes it.
		ps.assumed, ps.pod = false, pod
		return old
	}
	c.removePodLocked(old)
	c.addPodInfoLocked(framework.NewPodInfo(pod))
	ps.assumed, ps.bindingFinished, ps.pod = false, false, pod
	return old
}

// removePod forgets a pod, assumed or not; it returns the recorded pod.
func (c *schedCache) removePod(pod *apiobj.Pod) *apiobj.Pod {
	key := framework.PodKey(pod)
	c.mu.Lock()
	defer c.mu.Unlock()
	ps, ok := c.pods[key]
	if !ok {
		return nil
	}
	c.removePodLocked(ps.pod)
	delete(c.pods, key)
	return ps.pod
}

// isAssumed reports whether the pod is assumed and not yet confirmed.
func (c *schedCache) isAssumed(pod *apiobj.Pod) bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	ps, ok := c.pods[framework.PodKey(pod)]
	return ok && ps.assumed
}

// getPod returns the recorded pod, or nil.
func (c *schedCache) getPod(pod *apiobj.Pod) *apiobj.Pod {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if ps, ok := c.pods[framework.PodKey(pod)]; ok {
		return ps.pod
	}
	return nil
}

// cleanupExpired drops assumed pods whose binding finished more than the
// TTL ago without confirmation. It returns them.
func (c *schedCache) cleanupExpired() []*apiobj.Pod {
	now := c.clock.Now()
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []*apiobj.Pod
	for key, ps := range c.pods {
		if ps.assumed && ps.bindingFinished && now.After(ps.deadline) {
			c.removePodLocked(ps.pod)
			delete(c.pods, key)
			out = append(out, ps.pod)
		}
	}
	return out
}

// addNode adds or updates a node; it returns the previous one.
func (c *schedCache) addNode(node *apiobj.Node) *apiobj.Node {
	c.mu.Lock()
	defer c.mu.Unlock()
	it := c.item(node.Name)
	old := it.info.Node()
	if old != nil {
		c.removeImagesLocked(old)
		c.tree.update(old, node)
	} else {
		c.tree.add(node)
	}
	it.info.SetNode(node)
	c.addImagesLocked(it.info, node)
	c.moveToHead(it)
	return old
}

// removeNode removes a node; its pods stay (as kube-scheduler keeps
// them) until they are deleted. It returns the removed node.
func (c *schedCache) removeNode(node *apiobj.Node) *apiobj.Node {
	c.mu.Lock()
	defer c.mu.Unlock()
	it := c.nodes[node.Name]
	if it == nil || it.info.Node() == nil {
		return nil
	}
	old := it.info.Node()
	c.removeImagesLocked(old)
	c.tree.remove(old)
	if len(it.info.Pods) == 0 {
		c.unlink(it)
		delete(c.nodes, node.Name)
	} else {
		it.info.RemoveNode()
		c.moveToHead(it)
	}
	return old
}

func (c *schedCache) getNode(name string) *apiobj.Node {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if it := c.nodes[name]; it != nil {
		return it.info.Node()
	}
	return nil
}

func (c *schedCache) addImagesLocked(ni *framework.NodeInfo, node *apiobj.Node) {
	if len(node.Status.Images) == 0 {
		if ni.ImageStates != nil {
			ni.SetImageStates(nil)
		}
		return
	}
	sum := make(map[string]*framework.ImageStateSummary)
	for _, img := range node.Status.Images {
		for _, name := range img.Names {
			st := c.images[name]
			if st == nil {
				st = &imageState{size: img.SizeBytes, nodes: map[string]struct{}{}}
				c.images[name] = st
			}
			st.nodes[node.Name] = struct{}{}
			sum[name] = &framework.ImageStateSummary{Size: st.size, NumNodes: len(st.nodes)}
		}
	}
	ni.SetImageStates(sum)
}

func (c *schedCache) removeImagesLocked(node *apiobj.Node) {
	for _, img := range node.Status.Images {
		for _, name := range img.Names {
			if st := c.images[name]; st != nil {
				delete(st.nodes, node.Name)
				if len(st.nodes) == 0 {
					delete(c.images, name)
				}
			}
		}
	}
}

// nodeCount returns the number of nodes.
func (c *schedCache) nodeCount() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.tree.numNodes
}

// updateSnapshot brings s up to date, cloning only the NodeInfos that
// changed since s was last updated.
func (c *schedCache) updateSnapshot(s *snapshot) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	updateAll, updateAffinity, updatePVC := false, false, false
	for it := c.head; it != nil && it.info.Generation > s.generation; it = it.next {
		node := it.info.Node()
		if node == nil {
			continue
		}
		existing := s.m[node.Name]
		if existing == nil {
			updateAll = true
			existing = &framework.NodeInfo{}
			s.m[node.Name] = existing
		}
		clone := it.info.Clone()
		if (len(existing.PodsWithAffinity) != 0) != (len(clone.PodsWithAffinity) != 0) ||
			(len(existing.PodsWithRequiredAntiAffinity) != 0) != (len(clone.PodsWithRequiredAntiAffinity) != 0) {
			updateAffinity = true
		}
		if !updatePVC && !samePVCKeys(existing.PVCRefCounts, clone.PVCRefCounts) {
			updatePVC = true
		}
		*existing = *clone
	}
	if c.head != nil {
		s.generation = c.head.info.Generation
	}
	if len(s.m) > c.tree.numNodes {
		for name := range s.m {
			if it := c.nodes[name]; it == nil || it.info.Node() == nil {
				delete(s.m, name)
			}
		}
		updateAll = true
	}
	if updateAll || updateAffinity || updatePVC {
		s.rebuildLists(c.tree.list(), updateAll)
	}
	if len(s.list) != c.tree.numNodes {
		// Should not happen; recover with a full rebuild.
		s.reset()
		c.mu.RUnlock()
		c.updateSnapshot(s)
		c.mu.RLock()
	}
}

func samePVCKeys(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			return false
		}
	}
	return true
}

// nodeTree orders nodes by zone, interleaving zones as kube-scheduler
// does, so that a partial scan (percentageOfNodesToScore) sees every zone.
type nodeTree struct {
	zones    map[string][]string
	order    []string // zone names in first-seen order
	numNodes int
}

func newNodeTree() nodeTree { return nodeTree{zones: map[string][]string{}} }

func zoneOf(n *apiobj.Node) string {
	l := n.Labels
	region, zone := l[apiobj.LabelTopologyRegion], l[apiobj.LabelTopologyZone]
	if region == "" {
		region = l[apiobj.LabelFailureDomainBetaRegion]
	}
	if zone == "" {
		zone = l[apiobj.LabelFailureDomainBetaZone]
	}
	if region == "" && zone == "" {
		return ""
	}
	return region + ":\x00:" + zone
}

func (t *nodeTree) add(n *apiobj.Node) {
	z := zoneOf(n)
	if _, ok := t.zones[z]; !ok {
		t.order = append(t.order, z)
	}
	t.zones[z] = append(t.zones[z], n.Name)
	t.numNodes++
}

func (t *nodeTree) remove(n *apiobj.Node) {
	z := zoneOf(n)
	names := t.zones[z]
	for i, name := range names {
		if name == n.Name {
			names = append(names[:i:i], names[i+1:]...)
			t.numNodes--
			break
		}
	}
	if len(names) == 0 {
		delete(t.zones, z)
		for i, o := range t.order {
			if o == z {
				t.order = append(t.order[:i:i], t.order[i+1:]...)
				break
			}
		}
		return
	}
	t.zones[z] = names
}

func (t *nodeTree) update(old, n *apiobj.Node) {
	if zoneOf(old) == zoneOf(n) {
		return
	}
	t.remove(old)
	t.add(n)
}

// list returns the node names, zones interleaved.
func (t *nodeTree) list() []string {
	out := make([]string, 0, t.numNodes)
	for i := 0; len(out) < t.numNodes; i++ {
		for _, z := range t.order {
			if names := t.zones[z]; i < len(names) {
				out = append(out, names[i])
			}
		}
	}
	return out
}
