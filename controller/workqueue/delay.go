package workqueue

import (
	"container/heap"
	"sync"
	"time"

	"github.com/orcaproj/orca/controller/clock"
)

// delayer holds items added with a delay in a heap ordered by ready time,
// and one goroutine that adds each to the queue when its time comes. The
// goroutine keeps at most one timer armed, for the earliest item.
type delayer[K comparable] struct {
	clock clock.Clock
	ready func(K)

	mu      sync.Mutex // guards heap and byItem
	heap    waitHeap[K]
	byItem  map[K]*waiting[K]
	wake    chan struct{} // capacity 1: "look at the heap again"
	stop    chan struct{}
	stopped chan struct{}
	once    sync.Once
}

type waiting[K comparable] struct {
	item  K
	at    time.Time
	index int
}

func newDelayer[K comparable](c clock.Clock, add func(K)) *delayer[K] {
	d := &delayer[K]{
		clock: c, ready: add,
		byItem:  map[K]*waiting[K]{},
		wake:    make(chan struct{}, 1),
		stop:    make(chan struct{}),
		stopped: make(chan struct{}),
	}
	go d.loop()
	return d
}

// add schedules item for at; an item already waiting keeps the earlier time.
func (d *delayer[K]) add(item K, at time.Time) {
	d.mu.Lock()
	if w, ok := d.byItem[item]; ok {
		if at.Before(w.at) {
			w.at = at
			heap.Fix(&d.heap, w.index)
		}
	} else {
		w := &waiting[K]{item: item, at: at}
		heap.Push(&d.heap, w)
		d.byItem[item] = w
	}
	first := d.heap[0].item == item
	d.mu.Unlock()
	if first {
		d.poke()
	}
}

func (d *delayer[K]) poke() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

func (d *delayer[K]) shutDown() {
	d.once.Do(func() { close(d.stop) })
	<-d.stopped
}

func (d *delayer[K]) loop() {
	defer close(d.stopped)
	var (
		timer   clock.Timer
		armedAt time.Time
		ready   []K
	)
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	for {
		now := d.clock.Now()
		d.mu.Lock()
		for len(d.heap) > 0 && !d.heap[0].at.After(now) {
			w := heap.Pop(&d.heap).(*waiting[K])
			delete(d.byItem, w.item)
			ready = append(ready, w.item)
		}
		var next time.Time
		if len(d.heap) > 0 {
			next = d.heap[0].at
		}
		d.mu.Unlock()
		for i, item := range ready {
			d.ready(item)
			var zero K
			ready[i] = zero
		}
		ready = ready[:0]
		// Every due item was taken, so next is after now; a timer armed for
		// another time is stale (fired, or for an item since taken).
		if !next.IsZero() && !next.Equal(armedAt) {
			if timer != nil {
				timer.Stop()
			}
			timer = d.clock.AfterFunc(next.Sub(now), d.poke)
			armedAt = next
		}
		select {
		case <-d.stop:
			return
		case <-d.wake:
		}
	}
}

// waitHeap is a min-heap of waiting items by ready time.
type waitHeap[K comparable] []*waiting[K]

func (h waitHeap[K]) Len() int           { return len(h) }
func (h waitHeap[K]) Less(i, j int) bool { return h[i].at.Before(h[j].at) }
func (h waitHeap[K]) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index = i
	h[j].index = j
}
func (h *waitHeap[K]) Push(x any) {
	w := x.(*waiting[K])
	w.index = len(*h)
	*h = append(*h, w)
}
func (h *waitHeap[K]) Pop() any {
	old := *h
	w := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	return w
}
