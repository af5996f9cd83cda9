package plugins_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins"
	"github.com/orcaproj/orca/scheduler/plugins/coscheduling"
	pt "github.com/orcaproj/orca/scheduler/plugins/internal/plugintest"
)

// cluster runs the scheduler core with the default plugins, the way the
// direct adapter does: bindings and evictions are recorded and fed back.
type cluster struct {
	t *testing.T
	s *scheduler.Scheduler

	mu       sync.Mutex
	bound    map[string]string // pod -> node
	evicted  []string
	failures map[string]string // pod -> last message
	pods     map[string]*apiobj.Pod
}

func newCluster(t *testing.T, profile *framework.Plugins) *cluster {
	t.Helper()
	c := &cluster{t: t, bound: map[string]string{}, failures: map[string]string{}, pods: map[string]*apiobj.Pod{}}
	cfg := scheduler.Config{
		Registry:       plugins.NewInTreeRegistry(),
		DefaultPlugins: plugins.DefaultPlugins(),
		Binder: framework.PodBinderFunc(func(_ context.Context, pod *apiobj.Pod, node string) error {
			c.mu.Lock()
			defer c.mu.Unlock()
			if _, ok := c.bound[pod.Name]; ok {
				return fmt.Errorf("pod %s bound twice", pod.Name)
			}
			c.bound[pod.Name] = node
			return nil
		}),
		Evictor: framework.PodEvictorFunc(func(_ context.Context, victim, _ *apiobj.Pod) error {
			c.mu.Lock()
			c.evicted = append(c.evicted, victim.Name)
			c.mu.Unlock()
			// The adapter deletes the pod and reports it later.
			go c.s.DeletePod(victim)
			return nil
		}),
		FailureHandler: scheduler.FailureHandlerFunc(func(_ context.Context, f scheduler.Failure) {
			c.mu.Lock()
			defer c.mu.Unlock()
			c.failures[f.Pod.Name] = f.Message
		}),
	}
	if profile != nil {
		cfg.Profiles = []scheduler.Profile{{Plugins: profile}}
	}
	s, err := scheduler.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	c.s = s
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- s.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	return c
}

func (c *cluster) addPod(p *apiobj.Pod) {
	c.mu.Lock()
	c.pods[p.Name] = p
	c.mu.Unlock()
	c.s.AddPod(p)
}

// waitFor polls cond until it holds or a deadline passes.
func (c *cluster) waitFor(what string, cond func() bool) {
	c.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		c.mu.Lock()
		ok := cond()
		c.mu.Unlock()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			c.mu.Lock()
			defer c.mu.Unlock()
			c.t.Fatalf("timed out waiting for %s; bound %v, failures %v", what, c.bound, c.failures)
		}
		time.Sleep(time.Millisecond)
	}
}

func node(name, cpu string) *apiobj.Node {
	return pt.MakeNode(name).Label(apiobj.LabelTopologyZone, "z-"+name).Capacity("cpu", cpu).Obj()
}

func TestIntegrationRequiredAntiAffinity(t *testing.T) {
	t.Parallel()
	c := newCluster(t, nil)
	for _, n := range []string{"n1", "n2", "n3"} {
		c.s.AddNode(node(n, "8"))
	}
	for i := range 4 {
		c.addPod(pt.MakePod(fmt.Sprintf("web-%d", i)).Label("app", "web").
			PodAntiAffinity(pt.PodAffinityTerm(apiobj.LabelHostname, "app", "web")).Obj())
	}
	c.waitFor("three pods bound and one rejected", func() bool {
		return len(c.bound) == 3 && len(c.failures) == 1
	})
	seen := map[string]bool{}
	for _, n := range c.bound {
		if seen[n] {
			t.Errorf("two anti-affine pods on %s: %v", n, c.bound)
		}
		seen[n] = true
	}
	for _, msg := range c.failures {
		want := "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. " +
			"preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod."
		if msg != want {
			t.Errorf("failure message %q", msg)
		}
	}
}

func TestIntegrationPreemption(t *testing.T) {
	t.Parallel()
	c := newCluster(t, nil)
	c.s.AddNode(node("n1", "2"))
	c.addPod(pt.MakePod("low").Priority(1).Req("cpu", "2").Obj())
	c.waitFor("low bound", func() bool { return c.bound["low"] == "n1" })

	c.addPod(pt.MakePod("high").Priority(100).Req("cpu", "2").Obj())
	c.waitFor("high bound after preempting low", func() bool { return c.bound["high"] == "n1" })
	if len(c.evicted) != 1 || c.evicted[0] != "low" {
		t.Errorf("evicted %v, want [low]", c.evicted)
	}
}

func TestIntegrationGang(t *testing.T) {
	t.Parallel()
	profile := &framework.Plugins{MultiPoint: framework.PluginSet{Enabled: []framework.PluginRef{{Name: coscheduling.Name}}}}
	c := newCluster(t, profile)
	// Room for 9 pods of 1 cpu.
	c.s.AddNode(node("n1", "5"))
	c.s.AddNode(node("n2", "4"))
	for i := range 10 {
		c.addPod(pt.MakePod(fmt.Sprintf("gang-%d", i)).Req("cpu", "1").
			Label(coscheduling.PodGroupLabel, "g").Annotation(coscheduling.MinAvailableKey, "10").Obj())
	}
	c.waitFor("a member to fail for lack of room", func() bool { return len(c.failures) > 0 })
	c.mu.Lock()
	if len(c.bound) != 0 {
		t.Errorf("bound %v before the gang had room", c.bound)
	}
	c.mu.Unlock()
	c.s.AddNode(node("n3", "1"))
	c.waitFor("the whole gang bound", func() bool { return len(c.bound) == 10 })
}
