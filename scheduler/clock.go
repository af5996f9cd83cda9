package scheduler

import (
	"context"
	"time"
)

// Clock is the scheduler's source of time: backoff, the unschedulable
// flush, assumed-pod expiry and Permit timeouts all use it. Tests supply
// one they advance by hand.
type Clock interface {
	Now() time.Time
	// AfterFunc calls f on its own goroutine once d has passed.
	AfterFunc(d time.Duration, f func()) Timer
}

// Timer is a pending AfterFunc call.
type Timer interface {
	// Stop prevents the call if it has not happened; it reports whether
	// it did so.
	Stop() bool
}

type realClock struct{}

func (realClock) Now() time.Time                            { return time.Now() }
func (realClock) AfterFunc(d time.Duration, f func()) Timer { return time.AfterFunc(d, f) }

// sleepCtx waits d on clock c; it returns false if ctx ended first.
func sleepCtx(ctx context.Context, c Clock, d time.Duration) bool {
	ch := make(chan struct{})
	t := c.AfterFunc(d, func() { close(ch) })
	select {
	case <-ctx.Done():
		t.Stop()
		return false
	case <-ch:
		return true
	}
}

// every calls f each period on clock c until ctx ends.
func every(ctx context.Context, c Clock, period time.Duration, f func()) {
	for sleepCtx(ctx, c, period) {
		f()
	}
}
