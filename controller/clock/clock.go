package clock

import (
	"context"
	"time"
)

// Clock is a source of time. The workqueue's delays and rate limits, leader
// election and the event recorder all read time through one, so that tests
// can supply a clock they advance by hand (clocktest.Fake).
//
// Implementations are safe for concurrent use.
type Clock interface {
	// Now returns the current time.
	Now() time.Time
	// AfterFunc calls f on its own goroutine once d has passed. A d of zero
	// or less calls f at once (still on its own goroutine).
	AfterFunc(d time.Duration, f func()) Timer
}

// Timer is a pending AfterFunc call.
type Timer interface {
	// Stop prevents the call if it has not happened yet, and reports
	// whether it did so.
	Stop() bool
}

// Real returns the clock of the time package.
func Real() Clock { return realClock{} }

type realClock struct{}

func (realClock) Now() time.Time                            { return time.Now() }
func (realClock) AfterFunc(d time.Duration, f func()) Timer { return time.AfterFunc(d, f) }

// OrReal returns c, or the real clock when c is nil: the documented default
// of every Config that takes a Clock.
func OrReal(c Clock) Clock {
	if c == nil {
		return realClock{}
	}
	return c
}

// Sleep waits for d to pass on c. It returns false, early, when ctx is done
// first.
func Sleep(ctx context.Context, c Clock, d time.Duration) bool {
	if err := ctx.Err(); err != nil {
		return false
	}
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

// Since returns the time elapsed since t on c. On the real clock it reads
// only the monotonic clock (time.Since), about half the cost of Now; t must
// then come from c.Now.
func Since(c Clock, t time.Time) time.Duration {
	if _, ok := c.(realClock); ok {
		return time.Since(t)
	}
	return c.Now().Sub(t)
}
