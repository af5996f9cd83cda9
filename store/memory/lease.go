package memory

import "container/heap"

// lease deletes key at time at (nanoseconds since memStore.epoch) if the key
// is still the incarnation created at createRev.
type lease struct {
	at        int64
	key       string
	createRev int64
}

// leaseHeap is a min-heap of leases by expiry.
type leaseHeap []lease

func (h leaseHeap) Len() int           { return len(h) }
func (h leaseHeap) Less(i, j int) bool { return h[i].at < h[j].at }
func (h leaseHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *leaseHeap) Push(x any)        { *h = append(*h, x.(lease)) }
func (h *leaseHeap) Pop() any {
	old := *h
	l := old[len(old)-1]
	old[len(old)-1] = lease{}
	*h = old[:len(old)-1]
	return l
}

// push adds l and reports whether it is now the earliest lease.
func (h *leaseHeap) push(l lease) bool {
	heap.Push(h, l)
	return (*h)[0] == l
}

func (h *leaseHeap) pop() lease { return heap.Pop(h).(lease) }
