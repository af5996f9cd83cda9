package scheduler

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/resource"
)

// fakeClock is a Clock that moves only when Step is called. Timers that
// fall due run synchronously in Step, in time order.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []*fakeTimer
}

type fakeTimer struct {
	c       *fakeClock
	at      time.Time
	f       func()
	stopped bool
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) AfterFunc(d time.Duration, f func()) Timer {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{c: c, at: c.now.Add(d), f: f}
	c.timers = append(c.timers, t)
	return t
}

func (t *fakeTimer) Stop() bool {
	t.c.mu.Lock()
	defer t.c.mu.Unlock()
	for i, x := range t.c.timers {
		if x == t {
			t.c.timers = append(t.c.timers[:i], t.c.timers[i+1:]...)
			return true
		}
	}
	return false
}

// Step advances the clock and runs the timers that fall due.
func (c *fakeClock) Step(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	var due, rest []*fakeTimer
	for _, t := range c.timers {
		if !t.at.After(c.now) {
			due = append(due, t)
		} else {
			rest = append(rest, t)
		}
	}
	c.timers = rest
	c.mu.Unlock()
	sort.SliceStable(due, func(i, j int) bool { return due[i].at.Before(due[j].at) })
	for _, t := range due {
		t.f()
	}
}

// pendingTimers returns the number of timers not yet fired.
func (c *fakeClock) pendingTimers() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.timers)
}

// eventually polls cond until it holds or the deadline passes; then it
// dumps goroutines and fails.
func eventually(t testing.TB, cond func() bool, format string, args ...any) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			n := runtime.Stack(buf, true)
			fmt.Fprintf(os.Stderr, "%s\n", buf[:n])
			t.Fatalf("timed out waiting: "+format, args...)
		}
		runtime.Gosched()
		time.Sleep(time.Millisecond) // a poll interval, not a wait for behaviour
	}
}

func makeNode(name, cpu string, labels map[string]string) *apiobj.Node {
	n := &apiobj.Node{}
	n.Name = name
	n.Labels = labels
	n.Status.Allocatable = apiobj.ResourceList{
		apiobj.ResourceCPU:    resource.MustParse(cpu),
		apiobj.ResourceMemory: resource.MustParse("64Gi"),
		apiobj.ResourcePods:   resource.MustParse("110"),
	}
	return n
}

func makePod(name, cpu string, prio int32) *apiobj.Pod {
	p := &apiobj.Pod{}
	p.Namespace, p.Name, p.UID = "default", name, apiobj.UID("uid-"+name)
	p.Spec.Priority = &prio
	rl := apiobj.ResourceList{}
	if cpu != "" {
		rl[apiobj.ResourceCPU] = resource.MustParse(cpu)
	}
	p.Spec.Containers = []apiobj.Container{{Name: "c", Resources: apiobj.ResourceRequirements{Requests: rl}}}
	return p
}

func assigned(p *apiobj.Pod, node string) *apiobj.Pod {
	c := *p
	c.Spec.NodeName = node
	return &c
}
