// Package workqueue is the queue between a controller's watches and its
// workers.
//
// A queue is generic over a comparable key (controller.Request for
// controllers). It deduplicates: a key added again while queued is queued
// once, and a key added while a worker processes it is queued again only
// when the worker calls Done, so no key is ever handed to two workers at
// once, and none is lost. AddAfter delays an add (one timer goroutine keeps
// a heap of waiting keys); AddRateLimited delays it by a RateLimiter's
// backoff, by default the larger of a per-key exponential backoff (5 ms to
// 1000 s) and an overall token bucket (10 per second, burst 100). ShutDown
// stops the queue; ShutDownWithDrain also waits for keys being processed.
//
// With a Prometheus Registerer the queue exports Kubernetes' workqueue
// metrics: depth, adds, queue latency, work duration, retries, unfinished
// work and the longest running processor. Without one it reads no clock on
// its hot path: one key's trip through Add, Get and Done then takes one
// mutex, four map operations and no allocation.
//
// All methods are safe for concurrent use. Time comes from a clock.Clock,
// so tests can drive delays and backoff with clocktest.Fake.
package workqueue
