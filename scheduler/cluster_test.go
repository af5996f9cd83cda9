package scheduler_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/resource"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/scheduler"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins"
	"github.com/orcaproj/orca/scheduler/plugins/nodevolumelimits"
	"github.com/orcaproj/orca/scheduler/plugins/podtopologyspread"
	"github.com/orcaproj/orca/scheduler/plugins/volumebinding"
	"github.com/orcaproj/orca/store/memory"
)

// The listers satisfy what the default plugins take beyond the Handle.
var (
	_ nodevolumelimits.CSINodeLister          = (*scheduler.ClusterListers)(nil)
	_ volumebinding.PVLister                  = (*scheduler.ClusterListers)(nil)
	_ volumebinding.StorageClassLister        = (*scheduler.ClusterListers)(nil)
	_ podtopologyspread.WorkloadLister        = (*scheduler.ClusterListers)(nil)
	_ framework.PodLister                     = (*scheduler.ClusterListers)(nil)
	_ nodevolumelimits.StorageClassLister     = (*scheduler.ClusterListers)(nil)
	_ nodevolumelimits.PVLister               = (*scheduler.ClusterListers)(nil)
	_ framework.NamespaceLister               = (*scheduler.ClusterListers)(nil)
	_ framework.PDBLister                     = (*scheduler.ClusterListers)(nil)
	_ framework.PVCLister                     = (*scheduler.ClusterListers)(nil)
	_ scheduler.EventRecorder                 = recorderFunc(nil)
	_ scheduler.Leadership                    = scheduler.LeadershipFunc(nil)
	_ interface{ Run(context.Context) error } = (*scheduler.Cluster)(nil)
)

type recorderFunc func(regarding apiobj.Object, eventType, reason, action, message string)

func (f recorderFunc) Event(regarding apiobj.Object, eventType, reason, action, message string) {
	f(regarding, eventType, reason, action, message)
}

// apiEnv is an API server over the memory store with an admin client.
type apiEnv struct {
	c *client.Client
}

func newAPIEnv(t *testing.T) *apiEnv {
	t.Helper()
	st := memory.New(memory.Config{})
	t.Cleanup(func() { _ = st.Close() })
	srv, err := apiserver.New(apiserver.Config{Store: st})
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, srv.Bootstrap(ctx))
	t.Cleanup(srv.Close)
	c := client.NewInProcess(srv, &auth.User{Name: "scheduler", Groups: []string{auth.GroupMasters}}, apiobj.NewScheme())
	return &apiEnv{c: c}
}

func (e *apiEnv) pods() *client.Resource[*apiobj.Pod] {
	return client.For[*apiobj.Pod](e.c).Namespace("default")
}

func (e *apiEnv) addNode(t *testing.T, name, cpu string) {
	t.Helper()
	n := &apiobj.Node{}
	n.Name = name
	n.Labels = map[string]string{apiobj.LabelHostname: name}
	n.Status.Capacity = apiobj.ResourceList{apiobj.ResourceCPU: resource.MustParse(cpu),
		apiobj.ResourceMemory: resource.MustParse("8Gi"), apiobj.ResourcePods: resource.MustParse("110")}
	n.Status.Allocatable = n.Status.Capacity
	_, err := client.For[*apiobj.Node](e.c).Create(context.Background(), n)
	require.NoError(t, err)
}

func newPod(name, cpu string, prio int32) *apiobj.Pod {
	p := &apiobj.Pod{}
	p.Name, p.Namespace = name, "default"
	p.Spec.Priority = &prio
	p.Spec.Containers = []apiobj.Container{{Name: "c", Image: "img", Resources: apiobj.ResourceRequirements{
		Requests: apiobj.ResourceList{apiobj.ResourceCPU: resource.MustParse(cpu)}}}}
	return p
}

func (e *apiEnv) addPod(t *testing.T, p *apiobj.Pod) *apiobj.Pod {
	t.Helper()
	out, err := e.pods().Create(context.Background(), p)
	require.NoError(t, err)
	return out
}

// start builds a Cluster with the default plugins and runs it until the
// test ends.
func (e *apiEnv) start(t *testing.T, cfg scheduler.ClusterConfig) *scheduler.Cluster {
	t.Helper()
	cfg.Registry = func(l *scheduler.ClusterListers) framework.Registry {
		return plugins.NewInTreeRegistry(plugins.WithWorkloadLister(l),
			plugins.WithStorageListers(plugins.StorageListers{PVs: l, StorageClasses: l, CSINodes: l}))
	}
	cfg.Config.DefaultPlugins = plugins.DefaultPlugins()
	cl, err := scheduler.ForCluster(e.c, cfg)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- cl.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		require.NoError(t, <-done)
	})
	return cl
}

// waitFor polls cond until it holds; on timeout it dumps goroutines.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			fmt.Fprintf(os.Stderr, "%s\n", buf[:runtime.Stack(buf, true)])
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond) // a poll interval, not a wait for behaviour
	}
}

func (e *apiEnv) get(t *testing.T, name string) *apiobj.Pod {
	t.Helper()
	p, err := e.pods().Get(context.Background(), name)
	require.NoError(t, err)
	return p
}

func (e *apiEnv) events(t *testing.T, pod, reason string) []*apiobj.Event {
	t.Helper()
	evs, _, err := client.For[*apiobj.Event](e.c).Namespace("default").List(context.Background(), client.ListOptions{})
	require.NoError(t, err)
	var out []*apiobj.Event
	for _, ev := range evs {
		if ev.InvolvedObject.Name == pod && ev.Reason == reason {
			out = append(out, ev)
		}
	}
	return out
}

func condition(p *apiobj.Pod, typ apiobj.PodConditionType) *apiobj.PodCondition {
	for i := range p.Status.Conditions {
		if p.Status.Conditions[i].Type == typ {
			return &p.Status.Conditions[i]
		}
	}
	return nil
}

func TestForClusterBindsAndExplains(t *testing.T) {
	t.Parallel()
	e := newAPIEnv(t)
	e.addNode(t, "n1", "2")
	e.addNode(t, "n2", "2")
	e.start(t, scheduler.ClusterConfig{Identity: "test-instance"})

	e.addPod(t, newPod("fits", "1", 0))
	e.addPod(t, newPod("huge", "4", 0))

	waitFor(t, "fits bound", func() bool { return e.get(t, "fits").Spec.NodeName != "" })
	waitFor(t, "a Scheduled event", func() bool { return len(e.events(t, "fits", scheduler.EventReasonScheduled)) == 1 })
	ev := e.events(t, "fits", scheduler.EventReasonScheduled)[0]
	require.Equal(t, apiobj.EventTypeNormal, ev.Type)
	require.Equal(t, "Pod", ev.InvolvedObject.Kind)
	require.Equal(t, "test-instance", ev.ReportingInstance)
	require.Equal(t, "Successfully assigned default/fits to "+e.get(t, "fits").Spec.NodeName, ev.Message)

	const msg = "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod."
	waitFor(t, "huge marked unschedulable", func() bool {
		c := condition(e.get(t, "huge"), apiobj.PodScheduled)
		return c != nil && c.Status == apiobj.ConditionFalse
	})
	c := condition(e.get(t, "huge"), apiobj.PodScheduled)
	require.Equal(t, apiobj.PodReasonUnschedulable, c.Reason)
	require.Equal(t, msg, c.Message)
	require.False(t, c.LastTransitionTime.IsZero())
	waitFor(t, "a FailedScheduling event", func() bool {
		return len(e.events(t, "huge", scheduler.EventReasonFailedScheduling)) > 0
	})
	fev := e.events(t, "huge", scheduler.EventReasonFailedScheduling)[0]
	require.Equal(t, apiobj.EventTypeWarning, fev.Type)
	require.Equal(t, msg, fev.Message)
	require.Equal(t, "huge", fev.InvolvedObject.Name)
	require.NotEmpty(t, fev.InvolvedObject.UID)
}

// TestForClusterSkipsTerminalAndDeletingPods: unassigned pods that are
// terminal or being deleted are never scheduled; terminal assigned pods
// take no room.
func TestForClusterSkipsTerminalAndDeletingPods(t *testing.T) {
	t.Parallel()
	e := newAPIEnv(t)
	ctx := context.Background()
	e.addNode(t, "n1", "2")

	done := e.addPod(t, newPod("done", "1", 100))
	done.Status.Phase = apiobj.PodSucceeded
	_, err := e.pods().UpdateStatus(ctx, done)
	require.NoError(t, err)

	going := newPod("going", "1", 100)
	going.Finalizers = []string{"example.com/hold"}
	e.addPod(t, going)
	require.NoError(t, e.pods().Delete(ctx, "going"))
	require.NotNil(t, e.get(t, "going").DeletionTimestamp)

	// A finished pod on the node: its request must not count.
	old := newPod("old", "2", 0)
	old.Spec.NodeName = "n1"
	old = e.addPod(t, old)
	old.Status.Phase = apiobj.PodFailed
	_, err = e.pods().UpdateStatus(ctx, old)
	require.NoError(t, err)

	e.start(t, scheduler.ClusterConfig{})
	// Lower priority: it is tried after the two above would have been.
	e.addPod(t, newPod("control", "2", 0))
	waitFor(t, "control bound", func() bool { return e.get(t, "control").Spec.NodeName == "n1" })
	require.Empty(t, e.get(t, "done").Spec.NodeName)
	require.Empty(t, e.get(t, "going").Spec.NodeName)
}

// TestForClusterLostBindingIsDropped: when another scheduler binds a pod
// first, the 409 drops the pod without a failure or a retry.
func TestForClusterLostBindingIsDropped(t *testing.T) {
	t.Parallel()
	e := newAPIEnv(t)
	e.addNode(t, "n1", "4")
	e.addNode(t, "other", "4")
	var calls atomic.Int32
	var failures sync.Map
	real := scheduler.NewBinder(e.c)
	binder := framework.PodBinderFunc(func(ctx context.Context, pod *apiobj.Pod, node string) error {
		calls.Add(1)
		if pod.Name == "raced" {
			// Another scheduler wins the race.
			if err := real.Bind(ctx, pod, "other"); err != nil {
				return err
			}
			if node == "other" {
				node = "n1"
			}
		}
		return real.Bind(ctx, pod, node)
	})
	e.start(t, scheduler.ClusterConfig{Config: scheduler.Config{
		Binder: binder,
		FailureHandler: scheduler.FailureHandlerFunc(func(_ context.Context, f scheduler.Failure) {
			failures.Store(f.Pod.Name, f.Message)
		}),
	}})
	e.addPod(t, newPod("raced", "1", 10))
	waitFor(t, "raced bound by the other scheduler", func() bool { return e.get(t, "raced").Spec.NodeName == "other" })
	// A later pod proves the scheduler moved on, and the dropped pod was
	// not retried.
	e.addPod(t, newPod("next", "1", 0))
	waitFor(t, "next bound", func() bool { return e.get(t, "next").Spec.NodeName != "" })
	require.Equal(t, int32(2), calls.Load())
	_, failed := failures.Load("raced")
	msg, _ := failures.Load("raced")
	require.False(t, failed, "a lost binding is not a failure: %v", msg)
	require.Empty(t, e.events(t, "raced", scheduler.EventReasonFailedScheduling))
	require.Equal(t, apiobj.ConditionTrue, condition(e.get(t, "raced"), apiobj.PodScheduled).Status)
}

// TestForClusterLeadership: nothing is scheduled before the lead is held,
// and Run returns when it is lost.
func TestForClusterLeadership(t *testing.T) {
	t.Parallel()
	e := newAPIEnv(t)
	e.addNode(t, "n1", "4")
	lead := make(chan struct{})
	lost := make(chan struct{})
	var asked atomic.Bool
	cfg := scheduler.ClusterConfig{
		Registry: func(*scheduler.ClusterListers) framework.Registry { return plugins.NewInTreeRegistry() },
		Leadership: scheduler.LeadershipFunc(func(ctx context.Context) (context.Context, error) {
			asked.Store(true)
			select {
			case <-lead:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			lctx, cancel := context.WithCancel(ctx)
			go func() {
				<-lost
				cancel()
			}()
			return lctx, nil
		}),
	}
	cfg.Config.DefaultPlugins = plugins.DefaultPlugins()
	cl, err := scheduler.ForCluster(e.c, cfg)
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() { done <- cl.Run(context.Background()) }()

	e.addPod(t, newPod("p", "1", 0))
	waitFor(t, "leadership requested", asked.Load)
	require.True(t, cl.HasSynced())
	require.Empty(t, e.get(t, "p").Spec.NodeName, "bound before leading")
	close(lead)
	waitFor(t, "p bound", func() bool { return e.get(t, "p").Spec.NodeName != "" })
	close(lost)
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(20 * time.Second):
		t.Fatal("Run did not return after the lead was lost")
	}
	_, err = scheduler.ForCluster(nil, scheduler.ClusterConfig{})
	require.Error(t, err)
	require.Error(t, cl.Run(context.Background()), "Run twice")
}

// TestForClusterPreemptsThroughTheAPI: the victim is marked, deleted and
// told; the preemptor is nominated in its status and then bound.
func TestForClusterPreemptsThroughTheAPI(t *testing.T) {
	t.Parallel()
	for _, useEviction := range []bool{false, true} {
		t.Run(fmt.Sprintf("eviction=%v", useEviction), func(t *testing.T) {
			t.Parallel()
			e := newAPIEnv(t)
			ctx := context.Background()
			e.addNode(t, "n1", "2")
			var mu sync.Mutex
			var recorded []string
			e.start(t, scheduler.ClusterConfig{UseEvictionAPI: useEviction,
				Events: recorderFunc(func(o apiobj.Object, typ, reason, _, msg string) {
					mu.Lock()
					defer mu.Unlock()
					recorded = append(recorded, o.GetName()+" "+typ+" "+reason+": "+msg)
				})})
			low := newPod("low", "2", 1)
			low.Spec.TerminationGracePeriodSeconds = apiobj.Int64(30)
			e.addPod(t, low)
			waitFor(t, "low bound", func() bool { return e.get(t, "low").Spec.NodeName == "n1" })

			e.addPod(t, newPod("high", "2", 100))
			waitFor(t, "high nominated", func() bool { return e.get(t, "high").Status.NominatedNodeName == "n1" })
			// The victim terminates with its grace period: marked, not gone.
			v := e.get(t, "low")
			require.NotNil(t, v.DeletionTimestamp)
			dc := condition(v, apiobj.DisruptionTarget)
			require.NotNil(t, dc)
			require.Equal(t, apiobj.PodReasonPreemptionByScheduler, dc.Reason)
			// The node agent finishes it.
			require.NoError(t, e.pods().Delete(ctx, "low", client.DeleteOptions{GracePeriodSeconds: apiobj.Int64(0)}))
			waitFor(t, "high bound", func() bool { return e.get(t, "high").Spec.NodeName == "n1" })
			// The Scheduled event is recorded after the binding lands.
			waitFor(t, "high's Scheduled event", func() bool {
				mu.Lock()
				defer mu.Unlock()
				return strings.Contains(strings.Join(recorded, "\n"), "high Normal Scheduled:")
			})

			mu.Lock()
			defer mu.Unlock()
			joined := strings.Join(recorded, "\n")
			require.Contains(t, joined, "low Normal Preempted: Preempted by pod ")
			require.Contains(t, joined, "high Warning FailedScheduling: 0/1 nodes are available: 1 Insufficient cpu.")
			require.Contains(t, joined, "high Normal Scheduled: Successfully assigned default/high to n1")
		})
	}
}

func TestForClusterRejectsBadConfig(t *testing.T) {
	t.Parallel()
	e := newAPIEnv(t)
	_, err := scheduler.ForCluster(e.c, scheduler.ClusterConfig{})
	require.ErrorIs(t, err, errdefs.ErrInvalid, "no registry")
}

// A scheduler for a cluster: informers feed it, it binds through the API
// and explains failures on the pods.
func ExampleForCluster() {
	ctx := context.Background()
	st := memory.New(memory.Config{})
	defer st.Close()
	srv, err := apiserver.New(apiserver.Config{Store: st})
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	if err := srv.Bootstrap(ctx); err != nil {
		panic(err)
	}
	c := client.NewInProcess(srv, &auth.User{Name: "scheduler", Groups: []string{auth.GroupMasters}}, apiobj.NewScheme())

	node := &apiobj.Node{}
	node.Name = "n1"
	node.Status.Allocatable = apiobj.ResourceList{apiobj.ResourceCPU: resource.MustParse("2"), apiobj.ResourcePods: resource.MustParse("10")}
	if _, err := client.For[*apiobj.Node](c).Create(ctx, node); err != nil {
		panic(err)
	}
	pods := client.For[*apiobj.Pod](c).Namespace("default")
	for name, cpu := range map[string]string{"small": "1", "huge": "4"} {
		if _, err := pods.Create(ctx, newPod(name, cpu, 0)); err != nil {
			panic(err)
		}
	}

	cl, err := scheduler.ForCluster(c, scheduler.ClusterConfig{
		Config: scheduler.Config{DefaultPlugins: plugins.DefaultPlugins()},
		// The default plugins read storage and workload objects through
		// the cluster's listers.
		Registry: func(l *scheduler.ClusterListers) framework.Registry {
			return plugins.NewInTreeRegistry(plugins.WithWorkloadLister(l),
				plugins.WithStorageListers(plugins.StorageListers{PVs: l, StorageClasses: l, CSINodes: l}))
		},
	})
	if err != nil {
		panic(err)
	}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error)
	go func() { done <- cl.Run(runCtx) }()

	for {
		small, _ := pods.Get(ctx, "small")
		huge, _ := pods.Get(ctx, "huge")
		if small.Spec.NodeName != "" && len(huge.Status.Conditions) != 0 {
			fmt.Println("small is on", small.Spec.NodeName)
			c := huge.Status.Conditions[0]
			fmt.Printf("huge: %s=%s %s: %s\n", c.Type, c.Status, c.Reason, c.Message)
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	// Output:
	// small is on n1
	// huge: PodScheduled=False Unschedulable: 0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.
}
