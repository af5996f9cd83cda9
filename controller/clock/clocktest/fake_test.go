package clocktest_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/controller/clock"
	"github.com/orcaproj/orca/controller/clock/clocktest"
)

func TestFakeFiresInDeadlineOrder(t *testing.T) {
	t.Parallel()
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	c := clocktest.NewFake(start)
	var mu sync.Mutex
	var fired []string
	done := make(chan struct{}, 3)
	record := func(s string) func() {
		return func() {
			mu.Lock()
			fired = append(fired, s)
			mu.Unlock()
			done <- struct{}{}
		}
	}
	c.AfterFunc(3*time.Second, record("c"))
	c.AfterFunc(time.Second, record("a"))
	stopped := c.AfterFunc(2*time.Second, record("b"))
	require.Equal(t, 3, c.Waiters())
	at, ok := c.NextDeadline()
	require.True(t, ok)
	require.Equal(t, start.Add(time.Second), at)

	require.True(t, stopped.Stop())
	require.False(t, stopped.Stop(), "a stopped timer stops once")
	c.Step(999 * time.Millisecond)
	require.Equal(t, 2, c.Waiters(), "nothing is due before its deadline")
	c.Step(time.Millisecond)
	<-done
	require.Equal(t, 1, c.Waiters())
	c.SetTime(start.Add(time.Hour))
	<-done
	require.Equal(t, 0, c.Waiters())
	mu.Lock()
	require.Equal(t, []string{"a", "c"}, fired)
	mu.Unlock()
	require.Equal(t, start.Add(time.Hour), c.Now())
}

func TestSleepOnFake(t *testing.T) {
	t.Parallel()
	c := clocktest.NewFake(time.Unix(0, 0))
	woke := make(chan bool)
	go func() { woke <- clock.Sleep(context.Background(), c, time.Minute) }()
	deadline := time.Now().Add(10 * time.Second)
	for c.Waiters() == 0 {
		require.True(t, time.Now().Before(deadline), "Sleep never armed its timer")
		time.Sleep(time.Millisecond) // polling a condition with a deadline
	}
	c.Step(time.Minute)
	require.True(t, <-woke)

	ctx, cancel := context.WithCancel(context.Background())
	go func() { woke <- clock.Sleep(ctx, c, time.Minute) }()
	cancel()
	require.False(t, <-woke)
}
