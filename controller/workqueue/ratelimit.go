package workqueue

import (
	"math"
	"sync"
	"time"

	"github.com/orcaproj/orca/controller/clock"
)

// RateLimiter decides how long an item waits before it is retried.
// Implementations are safe for concurrent use.
type RateLimiter[K comparable] interface {
	// When returns how long item should wait now; each call counts as one
	// more retry.
	When(item K) time.Duration
	// Forget clears what the limiter remembers of item, once it succeeded.
	Forget(item K)
	// NumRequeues returns the retries counted for item since it was last
	// forgotten.
	NumRequeues(item K) int
}

// Default backoff and bucket parameters, as Kubernetes' controllers use.
const (
	DefaultBaseDelay = 5 * time.Millisecond
	DefaultMaxDelay  = 1000 * time.Second
	DefaultQPS       = 10
	DefaultBurst     = 100
)

// DefaultRateLimiter is the controllers' limiter: the larger of a per-item
// exponential backoff (5 ms doubling to 1000 s) and an overall token bucket
// (10 per second, burst 100). c drives the bucket; nil means the real clock.
func DefaultRateLimiter[K comparable](c clock.Clock) RateLimiter[K] {
	return NewMaxOf(
		NewExponentialBackoff[K](DefaultBaseDelay, DefaultMaxDelay),
		NewTokenBucket[K](DefaultQPS, DefaultBurst, c),
	)
}

// NewExponentialBackoff returns a per-item limiter whose delay is base for
// an item's first retry and doubles with each further one, up to max.
func NewExponentialBackoff[K comparable](base, max time.Duration) RateLimiter[K] {
	return &expBackoff[K]{base: base, max: max, failures: map[K]int{}}
}

type expBackoff[K comparable] struct {
	base, max time.Duration
	mu        sync.Mutex // guards failures
	failures  map[K]int
}

func (r *expBackoff[K]) When(item K) time.Duration {
	r.mu.Lock()
	n := r.failures[item]
	r.failures[item] = n + 1
	r.mu.Unlock()
	d := float64(r.base) * math.Pow(2, float64(n))
	if d >= float64(r.max) {
		return r.max
	}
	return time.Duration(d)
}

func (r *expBackoff[K]) Forget(item K) {
	r.mu.Lock()
	delete(r.failures, item)
	r.mu.Unlock()
}

func (r *expBackoff[K]) NumRequeues(item K) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.failures[item]
}

// NewTokenBucket returns an overall limiter: items share a bucket that
// holds burst tokens and refills at qps per second. When takes a token, or
// reserves the next one and returns the wait for it. c nil means the real
// clock.
func NewTokenBucket[K comparable](qps float64, burst int, c clock.Clock) RateLimiter[K] {
	c = clock.OrReal(c)
	return &bucket[K]{qps: qps, burst: float64(burst), tokens: float64(burst), last: c.Now(), clock: c}
}

type bucket[K comparable] struct {
	qps, burst float64
	clock      clock.Clock
	mu         sync.Mutex // guards tokens and last
	tokens     float64    // may go negative: reservations of future tokens
	last       time.Time
}

func (b *bucket[K]) When(K) time.Duration {
	now := b.clock.Now()
	b.mu.Lock()
	defer b.mu.Unlock()
	if now.After(b.last) {
		b.tokens = min(b.burst, b.tokens+now.Sub(b.last).Seconds()*b.qps)
		b.last = now
	}
	b.tokens--
	if b.tokens >= 0 || b.qps <= 0 {
		return 0
	}
	return time.Duration(-b.tokens / b.qps * float64(time.Second))
}

func (b *bucket[K]) Forget(K) {}

func (b *bucket[K]) NumRequeues(K) int { return 0 }

// NewMaxOf returns a limiter whose delay is the longest of limiters'
// delays; every limiter counts each When.
func NewMaxOf[K comparable](limiters ...RateLimiter[K]) RateLimiter[K] {
	return maxOf[K](limiters)
}

type maxOf[K comparable] []RateLimiter[K]

func (m maxOf[K]) When(item K) time.Duration {
	var d time.Duration
	for _, l := range m {
		d = max(d, l.When(item))
	}
	return d
}

func (m maxOf[K]) Forget(item K) {
	for _, l := range m {
		l.Forget(item)
	}
}

func (m maxOf[K]) NumRequeues(item K) int {
	n := 0
	for _, l := range m {
		n = max(n, l.NumRequeues(item))
	}
	return n
}
