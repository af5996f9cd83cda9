package scheduler

import "github.com/orcaproj/orca/scheduler/framework"

// podHeap is a binary heap of queued pods with lookup by PodKey.
type podHeap struct {
	items []*heapItem
	byKey map[string]*heapItem
	less  func(a, b *framework.QueuedPodInfo) bool
}

type heapItem struct {
	qpi   *framework.QueuedPodInfo
	key   string
	index int
}

func newPodHeap(less func(a, b *framework.QueuedPodInfo) bool) *podHeap {
	return &podHeap{byKey: map[string]*heapItem{}, less: less}
}

func (h *podHeap) Len() int { return len(h.items) }

func (h *podHeap) get(key string) *framework.QueuedPodInfo {
	if it := h.byKey[key]; it != nil {
		return it.qpi
	}
	return nil
}

func (h *podHeap) has(key string) bool { _, ok := h.byKey[key]; return ok }

// addOrUpdate inserts qpi, or replaces the entry with the same key.
func (h *podHeap) addOrUpdate(key string, qpi *framework.QueuedPodInfo) {
	if it := h.byKey[key]; it != nil {
		it.qpi = qpi
		h.fix(it.index)
		return
	}
	it := &heapItem{qpi: qpi, key: key, index: len(h.items)}
	h.items = append(h.items, it)
	h.byKey[key] = it
	h.up(it.index)
}

func (h *podHeap) peek() *framework.QueuedPodInfo {
	if len(h.items) == 0 {
		return nil
	}
	return h.items[0].qpi
}

func (h *podHeap) pop() *framework.QueuedPodInfo {
	if len(h.items) == 0 {
		return nil
	}
	it := h.items[0]
	h.removeAt(0)
	return it.qpi
}

func (h *podHeap) delete(key string) *framework.QueuedPodInfo {
	it := h.byKey[key]
	if it == nil {
		return nil
	}
	h.removeAt(it.index)
	return it.qpi
}

// list returns the queued pods in no particular order.
func (h *podHeap) list() []*framework.QueuedPodInfo {
	out := make([]*framework.QueuedPodInfo, len(h.items))
	for i, it := range h.items {
		out[i] = it.qpi
	}
	return out
}

func (h *podHeap) removeAt(i int) {
	it := h.items[i]
	last := len(h.items) - 1
	if i != last {
		h.swap(i, last)
	}
	h.items[last] = nil
	h.items = h.items[:last]
	delete(h.byKey, it.key)
	if i != last {
		h.fix(i)
	}
}

func (h *podHeap) fix(i int) {
	if !h.down(i) {
		h.up(i)
	}
}

func (h *podHeap) swap(i, j int) {
	h.items[i], h.items[j] = h.items[j], h.items[i]
	h.items[i].index = i
	h.items[j].index = j
}

func (h *podHeap) up(j int) {
	for j > 0 {
		i := (j - 1) / 2
		if !h.less(h.items[j].qpi, h.items[i].qpi) {
			break
		}
		h.swap(i, j)
		j = i
	}
}

func (h *podHeap) down(i0 int) bool {
	i, n := i0, len(h.items)
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		j := l
		if r := l + 1; r < n && h.less(h.items[r].qpi, h.items[l].qpi) {
			j = r
		}
		if !h.less(h.items[j].qpi, h.items[i].qpi) {
			break
		}
		h.swap(i, j)
		i = j
	}
	return i > i0
}
