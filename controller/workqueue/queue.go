package workqueue

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/orcaproj/orca/controller/clock"
)

// Interface is a work queue of keys: it deduplicates, and never hands one
// key to two workers at once. All methods are safe for concurrent use.
type Interface[K comparable] interface {
	// Add queues item unless it is queued already. An item that is being
	// processed is queued again once Done is called for it. Adds after
	// ShutDown are dropped.
	Add(item K)
	// Get blocks until an item is queued, marks it processing and returns
	// it; the caller must call Done(item) when finished with it. After
	// ShutDown, Get still hands out the items that were queued, and then
	// returns shutdown true. ShutDown is what unblocks a waiting Get.
	Get() (item K, shutdown bool)
	// Done marks item as no longer processing, and queues it again if it
	// was added meanwhile. Done for an item that is not processing is a
	// no-op.
	Done(item K)
	// Len returns the number of queued items (processing ones excluded).
	Len() int
	// ShutDown makes Get return shutdown once the queue is empty and drops
	// later adds. It does not wait for items being processed. It is
	// idempotent.
	ShutDown()
	// ShutDownWithDrain is ShutDown that also waits until every item being
	// processed is Done, or until ctx is done (then it returns ctx's error).
	ShutDownWithDrain(ctx context.Context) error
	// ShuttingDown reports whether ShutDown has been called.
	ShuttingDown() bool
}

// RateLimiting is a queue with delayed adds and per-item rate limiting, the
// queue a controller uses for retries.
type RateLimiting[K comparable] interface {
	Interface[K]
	// AddAfter adds item once d has passed; d of zero or less adds it at
	// once. An item already waiting keeps the earlier of the two times.
	AddAfter(item K, d time.Duration)
	// AddRateLimited adds item after the delay the rate limiter says.
	AddRateLimited(item K)
	// Forget clears the rate limiter's memory of item (its failures). It
	// does not remove item from the queue.
	Forget(item K)
	// NumRequeues returns how many times item was rate limited since its
	// last Forget.
	NumRequeues(item K) int
}

// Config configures a queue. The zero value is a valid configuration.
type Config[K comparable] struct {
	// Name labels the queue's metrics ("name" label); it should be unique
	// among the queues on one Registerer. Required when Registerer is set.
	Name string
	// RateLimiter decides AddRateLimited's delays; default
	// DefaultRateLimiter with the queue's Clock.
	RateLimiter RateLimiter[K]
	// Clock drives delayed adds and the metrics' timings; default the real
	// clock.
	Clock clock.Clock
	// Registerer receives the queue's Prometheus metrics. Nil means no
	// metrics, and the queue then never reads the clock on its hot path.
	Registerer prometheus.Registerer
}

var errNoName = errors.New("workqueue: a queue with metrics needs a Name")

// Validate reports a config that cannot work.
func (c *Config[K]) Validate() error {
	if c.Registerer != nil && c.Name == "" {
		return errNoName
	}
	return nil
}

const (
	flagDirty      uint8 = 1 << iota // queued, or added again while processing
	flagProcessing                   // handed out by Get and not yet Done
)

// entry is what the queue knows about one item. The timestamps are
// nanoseconds since the queue's epoch, kept only with metrics on.
type entry[K comparable] struct {
	item      K
	flags     uint8
	addedAt   int64
	startedAt int64
}

// maxFree bounds the entries kept for reuse.
const maxFree = 4096

// queue implements RateLimiting. Kubernetes' dirty and processing sets are
// one map of entries here, and the FIFO holds the entries themselves, so an
// item's trip through Add, Get and Done costs four map operations, three
// lock round trips and, in the steady state, no allocation.
type queue[K comparable] struct {
	mu   sync.Mutex
	cond sync.Cond // on mu: Get waits for items or shutdown
	// Guarded by mu:
	ring         []*entry[K] // FIFO of queued entries; its length is zero or a power of two
	head, n      int
	items        map[K]*entry[K] // every item that is queued or processing
	free         []*entry[K]     // spare entries
	processing   int
	adds         uint64
	shuttingDown bool
	drained      chan struct{} // made by ShutDownWithDrain; closed when processing reaches 0

	retries atomic.Uint64
	rl      RateLimiter[K]
	clock   clock.Clock
	epoch   time.Time
	m       *metrics // nil without a Registerer
	delay   *delayer[K]
	stopped sync.Once
}

var _ RateLimiting[int] = (*queue[int])(nil)

// New returns a running queue; call ShutDown to stop its timer goroutine.
// It panics if cfg fails Validate: that is a programming error.
func New[K comparable](cfg Config[K]) RateLimiting[K] {
	if err := cfg.Validate(); err != nil {
		panic(err)
	}
	c := clock.OrReal(cfg.Clock)
	q := &queue[K]{
		items: map[K]*entry[K]{},
		rl:    cfg.RateLimiter,
		clock: c,
		epoch: c.Now(),
	}
	q.cond.L = &q.mu
	if q.rl == nil {
		q.rl = DefaultRateLimiter[K](c)
	}
	if cfg.Registerer != nil {
		q.m = newMetrics(cfg.Registerer, cfg.Name, q.snapshot)
	}
	q.delay = newDelayer(c, q.Add)
	return q
}

// now returns the metrics timestamp; only called with metrics on.
func (q *queue[K]) now() int64 { return int64(clock.Since(q.clock, q.epoch)) }

// newEntry returns a spare or new entry for item; q.mu is held.
func (q *queue[K]) newEntry(item K) *entry[K] {
	var e *entry[K]
	if n := len(q.free); n > 0 {
		e = q.free[n-1]
		q.free[n-1] = nil
		q.free = q.free[:n-1]
	} else {
		e = &entry[K]{}
	}
	e.item = item
	q.items[item] = e
	return e
}

// release forgets e's item and keeps e for reuse; q.mu is held.
func (q *queue[K]) release(e *entry[K]) {
	delete(q.items, e.item)
	if len(q.free) < maxFree {
		*e = entry[K]{}
		q.free = append(q.free, e)
	}
}

func (q *queue[K]) Add(item K) {
	q.mu.Lock()
	if q.shuttingDown {
		q.mu.Unlock()
		return
	}
	e := q.items[item]
	if e == nil {
		e = q.newEntry(item)
	} else if e.flags&flagDirty != 0 {
		q.mu.Unlock()
		return
	}
	e.flags |= flagDirty
	if e.flags&flagProcessing != 0 {
		q.mu.Unlock() // Done queues it again
		return
	}
	if q.m != nil {
		e.addedAt = q.now()
	}
	q.push(e)
	q.mu.Unlock()
	q.cond.Signal()
}

func (q *queue[K]) Get() (K, bool) {
	q.mu.Lock()
	for q.n == 0 && !q.shuttingDown {
		q.cond.Wait()
	}
	if q.n == 0 {
		q.mu.Unlock()
		var zero K
		return zero, true
	}
	e := q.pop()
	e.flags = flagProcessing
	item := e.item
	var waited int64
	if q.m != nil {
		e.startedAt = q.now()
		waited = e.startedAt - e.addedAt
	}
	q.processing++
	q.mu.Unlock()
	if q.m != nil {
		q.m.latency.Observe(time.Duration(waited).Seconds())
	}
	return item, false
}

func (q *queue[K]) Done(item K) {
	q.mu.Lock()
	e := q.items[item]
	if e == nil || e.flags&flagProcessing == 0 {
		q.mu.Unlock()
		return
	}
	q.processing--
	var worked int64
	if q.m != nil {
		now := q.now()
		worked = now - e.startedAt
		e.addedAt = now
	}
	requeued := e.flags&flagDirty != 0
	if requeued {
		e.flags = flagDirty
		q.push(e)
	} else {
		q.release(e)
	}
	if q.drained != nil && q.processing == 0 {
		close(q.drained)
		q.drained = nil
	}
	q.mu.Unlock()
	if q.m != nil {
		q.m.work.Observe(time.Duration(worked).Seconds())
	}
	if requeued {
		q.cond.Signal()
	}
}

func (q *queue[K]) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.n
}

func (q *queue[K]) ShutDown() {
	q.mu.Lock()
	q.shuttingDown = true
	q.mu.Unlock()
	q.cond.Broadcast()
	q.stop()
}

func (q *queue[K]) ShutDownWithDrain(ctx context.Context) error {
	q.mu.Lock()
	q.shuttingDown = true
	var wait chan struct{}
	if q.processing > 0 {
		if q.drained == nil {
			q.drained = make(chan struct{})
		}
		wait = q.drained
	}
	q.mu.Unlock()
	q.cond.Broadcast()
	q.stop()
	if wait == nil {
		return nil
	}
	select {
	case <-wait:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// stop ends the delay goroutine and unregisters the per-queue collector.
func (q *queue[K]) stop() {
	q.stopped.Do(func() {
		q.delay.shutDown()
		if q.m != nil {
			q.m.unregister()
		}
	})
}

func (q *queue[K]) ShuttingDown() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.shuttingDown
}

func (q *queue[K]) AddAfter(item K, d time.Duration) {
	if q.ShuttingDown() {
		return
	}
	if d <= 0 {
		q.Add(item)
		return
	}
	q.delay.add(item, q.clock.Now().Add(d))
}

func (q *queue[K]) AddRateLimited(item K) {
	q.retries.Add(1)
	q.AddAfter(item, q.rl.When(item))
}

func (q *queue[K]) Forget(item K) { q.rl.Forget(item) }

func (q *queue[K]) NumRequeues(item K) int { return q.rl.NumRequeues(item) }

// snapshot reads the gauges and counters the metrics collector reports.
func (q *queue[K]) snapshot() snapshot {
	q.mu.Lock()
	defer q.mu.Unlock()
	s := snapshot{depth: q.n, adds: q.adds, retries: q.retries.Load()}
	if q.processing == 0 {
		return s
	}
	now := q.now()
	for _, e := range q.items {
		if e.flags&flagProcessing == 0 {
			continue
		}
		secs := float64(now-e.startedAt) / float64(time.Second)
		s.unfinished += secs
		s.longest = max(s.longest, secs)
	}
	return s
}

// push appends e to the ring and counts an add; q.mu is held.
func (q *queue[K]) push(e *entry[K]) {
	if q.n == len(q.ring) {
		q.resize(max(16, 2*len(q.ring)))
	}
	q.ring[(q.head+q.n)&(len(q.ring)-1)] = e
	q.n++
	q.adds++
}

// pop removes the oldest entry; q.mu is held and the ring is not empty.
func (q *queue[K]) pop() *entry[K] {
	e := q.ring[q.head]
	q.ring[q.head] = nil
	q.head = (q.head + 1) & (len(q.ring) - 1)
	q.n--
	if len(q.ring) > 1024 && q.n < len(q.ring)/8 {
		q.resize(len(q.ring) / 4) // give back what a burst grew
	}
	return e
}

func (q *queue[K]) resize(size int) {
	ring := make([]*entry[K], size)
	if q.n > 0 {
		if end := q.head + q.n; end <= len(q.ring) {
			copy(ring, q.ring[q.head:end])
		} else {
			c := copy(ring, q.ring[q.head:])
			copy(ring[c:], q.ring[:end-len(q.ring)])
		}
	}
	q.ring, q.head = ring, 0
}
