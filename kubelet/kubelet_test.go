package kubelet_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/resource"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/cri"
	"github.com/orcaproj/orca/cri/fake"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/kubelet"
	"github.com/orcaproj/orca/store/memory"
)

var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// newClient starts an in-process API server over the memory store.
func newClient(t testing.TB) *client.Client {
	t.Helper()
	st := memory.New(memory.Config{})
	t.Cleanup(func() { _ = st.Close() })
	srv, err := apiserver.New(apiserver.Config{Store: st})
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, srv.Bootstrap(ctx))
	t.Cleanup(srv.Close)
	admin := &auth.User{Name: "admin", Groups: []string{auth.GroupMasters}}
	return client.NewInProcess(srv, admin, apiobj.NewScheme())
}

// node is one kubelet on a fake runtime.
type node struct {
	name    string
	rt      *fake.Runtime
	runtime cri.Runtime
	clock   *fake.ManualClock
	stop    func() // stops the kubelet and waits for Run to return
}

func newRuntime(t testing.TB, clock fake.Clock, cidr string) *fake.Runtime {
	t.Helper()
	rt, err := fake.New(fake.Config{Clock: clock, PodCIDR: cidr, NodeIP: "192.0.2.1"})
	require.NoError(t, err)
	return rt
}

// startKubelet runs a kubelet for n until the test ends or n.stop.
func startKubelet(t testing.TB, c *client.Client, n *node) {
	t.Helper()
	cfg := kubelet.Config{
		NodeName: n.name,
		Client:   c,
		Runtime:  n.runtime,
		Capacity: apiobj.ResourceList{
			apiobj.ResourceCPU:    resource.MustParse("4"),
			apiobj.ResourceMemory: resource.MustParse("8Gi"),
			apiobj.ResourcePods:   resource.MustParse("110"),
		},
		Reserved: apiobj.ResourceList{apiobj.ResourceCPU: resource.MustParse("500m")},
		Labels:   map[string]string{"pool": "test"},
		NodeIP:   "192.0.2.1",
		RootDir:  t.TempDir(),
	}
	if n.clock != nil {
		cfg.Clock = n.clock
	}
	k, err := kubelet.New(cfg)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- k.Run(ctx) }()
	var once sync.Once
	n.stop = func() {
		once.Do(func() {
			cancel()
			require.NoError(t, <-done)
		})
	}
	t.Cleanup(n.stop)
}

func newNode(t testing.TB, c *client.Client, name string) *node {
	t.Helper()
	clock := fake.NewManualClock(epoch)
	rt := newRuntime(t, clock, "10.244.1.0/24")
	n := &node{name: name, rt: rt, runtime: rt.Client(), clock: clock}
	startKubelet(t, c, n)
	return n
}

// eventually polls cond until it holds or the deadline passes.
func eventually(t testing.TB, what string, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var last string
	for time.Now().Before(deadline) {
		ok, msg := cond()
		if ok {
			return
		}
		last = msg
		time.Sleep(2 * time.Millisecond) // a poll interval, not a wait for an event
	}
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	t.Fatalf("timed out waiting for %s; last: %s\n%s", what, last, buf)
}

func pods(c *client.Client) *client.Resource[*apiobj.Pod] {
	return client.For[*apiobj.Pod](c).Namespace("default")
}

func newPod(name, node string, annotations map[string]string) *apiobj.Pod {
	return &apiobj.Pod{
		ObjectMeta: apiobj.ObjectMeta{Name: name, Namespace: "default", Annotations: annotations, Labels: map[string]string{"app": name}},
		Spec: apiobj.PodSpec{
			NodeName:   node,
			Containers: []apiobj.Container{{Name: "main", Image: "busybox:1.36"}},
		},
	}
}

func createPod(t testing.TB, c *client.Client, p *apiobj.Pod) *apiobj.Pod {
	t.Helper()
	out, err := pods(c).Create(context.Background(), p)
	require.NoError(t, err)
	return out
}

// waitPod waits until cond holds for the named pod.
func waitPod(t testing.TB, c *client.Client, name, what string, cond func(p *apiobj.Pod) bool) *apiobj.Pod {
	t.Helper()
	var got *apiobj.Pod
	eventually(t, name+": "+what, func() (bool, string) {
		p, err := pods(c).Get(context.Background(), name)
		if err != nil {
			return false, err.Error()
		}
		got = p
		return cond(p), fmt.Sprintf("phase=%s status=%+v", p.Status.Phase, p.Status.ContainerStatuses)
	})
	return got
}

func condTrue(p *apiobj.Pod, t apiobj.PodConditionType) bool {
	_, c := apiobj.GetPodCondition(&p.Status, t)
	return c != nil && c.Status == apiobj.ConditionTrue
}

func isRunning(p *apiobj.Pod) bool {
	return p.Status.Phase == apiobj.PodRunning && condTrue(p, apiobj.PodReady)
}

// counts returns the number of sandboxes and containers of pod uid.
func counts(t testing.TB, rt cri.Runtime, uid apiobj.UID) (sandboxes, containers int) {
	t.Helper()
	sel := map[string]string{cri.LabelPodUID: string(uid)}
	sbs, err := rt.ListPodSandbox(context.Background(), &runtimev1.ListPodSandboxRequest{Filter: &runtimev1.PodSandboxFilter{LabelSelector: sel}})
	require.NoError(t, err)
	cs, err := rt.ListContainers(context.Background(), &runtimev1.ListContainersRequest{Filter: &runtimev1.ContainerFilter{LabelSelector: sel}})
	require.NoError(t, err)
	return len(sbs.Items), len(cs.Containers)
}

func TestNodeRegistersReadyWithRenewingLease(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	n := newNode(t, c, "node-a")
	ctx := context.Background()
	nodes := client.For[*apiobj.Node](c)
	var node *apiobj.Node
	eventually(t, "node Ready", func() (bool, string) {
		var err error
		node, err = nodes.Get(ctx, "node-a")
		if err != nil {
			return false, err.Error()
		}
		_, r := apiobj.GetNodeCondition(&node.Status, apiobj.NodeReady)
		return r != nil && r.Status == apiobj.ConditionTrue, fmt.Sprintf("%+v", node.Status.Conditions)
	})
	require.Equal(t, "node-a", node.Labels[apiobj.LabelHostname])
	require.Equal(t, runtime.GOOS, node.Labels[apiobj.LabelOSStable])
	require.Equal(t, runtime.GOARCH, node.Labels[apiobj.LabelArchStable])
	require.Equal(t, "test", node.Labels["pool"])
	require.Equal(t, kubelet.Version, node.Status.NodeInfo.KubeletVersion)
	require.Equal(t, fake.RuntimeName+"://"+fake.RuntimeVersion, node.Status.NodeInfo.ContainerRuntimeVersion)
	cpu := node.Status.Allocatable[apiobj.ResourceCPU]
	require.Equal(t, int64(3500), cpu.MilliValue())
	require.Contains(t, node.Status.Addresses, apiobj.NodeAddress{Type: apiobj.NodeInternalIP, Address: "192.0.2.1"})
	for _, ct := range []apiobj.NodeConditionType{apiobj.NodeMemoryPressure, apiobj.NodeDiskPressure, apiobj.NodePIDPressure} {
		_, cond := apiobj.GetNodeCondition(&node.Status, ct)
		require.NotNil(t, cond, ct)
		require.Equal(t, apiobj.ConditionFalse, cond.Status)
		require.False(t, cond.LastHeartbeatTime.IsZero())
	}

	leases := client.For[*apiobj.Lease](c).Namespace(kubelet.NodeLeaseNamespace)
	renewTime := func() (time.Time, string) {
		l, err := leases.Get(ctx, "node-a")
		if err != nil {
			return time.Time{}, err.Error()
		}
		if l.Spec.RenewTime == nil {
			return time.Time{}, "no renewTime"
		}
		require.Equal(t, "node-a", *l.Spec.HolderIdentity)
		require.Equal(t, int32(40), *l.Spec.LeaseDurationSeconds)
		return l.Spec.RenewTime.Time, ""
	}
	eventually(t, "lease created", func() (bool, string) {
		rt, msg := renewTime()
		return rt.Equal(epoch), msg
	})
	n.clock.Advance(10 * time.Second)
	eventually(t, "lease renewed", func() (bool, string) {
		rt, msg := renewTime()
		return rt.Equal(epoch.Add(10 * time.Second)), fmt.Sprint(rt, msg)
	})

	// The node status is posted again after StatusUpdateFrequency even
	// with nothing changed.
	n.clock.Advance(5 * time.Minute)
	eventually(t, "node status heartbeat", func() (bool, string) {
		node, err := nodes.Get(ctx, "node-a")
		if err != nil {
			return false, err.Error()
		}
		_, r := apiobj.GetNodeCondition(&node.Status, apiobj.NodeReady)
		return r.LastHeartbeatTime.Time.Equal(epoch.Add(5*time.Minute + 10*time.Second)), r.LastHeartbeatTime.String()
	})

	// A runtime that stops being ready makes the node NotReady.
	n.rt.SetCondition(runtimev1.RuntimeReady, false, "Broken", "test")
	n.clock.Advance(10 * time.Second)
	eventually(t, "node NotReady", func() (bool, string) {
		node, err := nodes.Get(ctx, "node-a")
		if err != nil {
			return false, err.Error()
		}
		_, r := apiobj.GetNodeCondition(&node.Status, apiobj.NodeReady)
		return r.Status == apiobj.ConditionFalse, r.Message
	})
}

func TestPodBecomesRunning(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	n := newNode(t, c, "node-a")
	p := newPod("web", "node-a", nil)
	p.Spec.Containers = append(p.Spec.Containers, apiobj.Container{Name: "side", Image: "busybox:1.36",
		Resources: apiobj.ResourceRequirements{Requests: apiobj.ResourceList{apiobj.ResourceCPU: resource.MustParse("100m")}}})
	p = createPod(t, c, p)
	got := waitPod(t, c, "web", "Running and Ready", isRunning)

	require.NotEmpty(t, got.Status.PodIP)
	require.True(t, strings.HasPrefix(got.Status.PodIP, "10.244.1."), got.Status.PodIP)
	require.Equal(t, []apiobj.PodIP{{IP: got.Status.PodIP}}, got.Status.PodIPs)
	require.Equal(t, "192.0.2.1", got.Status.HostIP)
	require.NotNil(t, got.Status.StartTime)
	require.Equal(t, apiobj.PodQOSBurstable, got.Status.QOSClass)
	for _, ct := range []apiobj.PodConditionType{apiobj.PodScheduled, apiobj.PodReadyToStartContainers, apiobj.PodInitialized, apiobj.ContainersReady, apiobj.PodReady} {
		require.True(t, condTrue(got, ct), ct)
	}
	require.Len(t, got.Status.ContainerStatuses, 2)
	for _, cs := range got.Status.ContainerStatuses {
		require.NotNil(t, cs.State.Running, cs.Name)
		require.True(t, cs.Ready)
		require.True(t, *cs.Started)
		require.Equal(t, int32(0), cs.RestartCount)
		require.True(t, strings.HasPrefix(cs.ContainerID, fake.RuntimeName+"://"), cs.ContainerID)
		require.NotEmpty(t, cs.ImageID)
	}
	sbs, ctrs := counts(t, n.runtime, p.UID)
	require.Equal(t, 1, sbs)
	require.Equal(t, 2, ctrs)

	// The sandbox carries the pod's labels; containers have their log paths.
	cl, err := n.runtime.ListContainers(context.Background(), &runtimev1.ListContainersRequest{Filter: &runtimev1.ContainerFilter{
		LabelSelector: map[string]string{cri.LabelPodUID: string(p.UID), cri.LabelContainerName: "main"}}})
	require.NoError(t, err)
	require.Len(t, cl.Containers, 1)
	st, err := n.runtime.ContainerStatus(context.Background(), &runtimev1.ContainerStatusRequest{ContainerId: cl.Containers[0].Id})
	require.NoError(t, err)
	require.True(t, strings.HasSuffix(st.Status.LogPath, "main/0.log"), st.Status.LogPath)
	require.Equal(t, "0", st.Status.Annotations[cri.AnnotationRestartCount])
	require.Equal(t, "web", st.Status.Labels[cri.LabelPodName])
}

func TestCrashLoopBackOff(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	n := newNode(t, c, "node-a")
	createPod(t, c, newPod("crash", "node-a", map[string]string{fake.AnnotationCrashLoop: "true"}))
	main := func(p *apiobj.Pod) apiobj.ContainerStatus { return p.Status.ContainerStatuses[0] }
	hasStatus := func(p *apiobj.Pod) bool { return len(p.Status.ContainerStatuses) == 1 }
	waitPod(t, c, "crash", "first attempt running", func(p *apiobj.Pod) bool {
		return hasStatus(p) && main(p).State.Running != nil && main(p).RestartCount == 0
	})
	// Attempt 0 exits after 1s; the first restart is immediate.
	n.clock.Advance(time.Second)
	got := waitPod(t, c, "crash", "restarted once", func(p *apiobj.Pod) bool {
		return hasStatus(p) && main(p).State.Running != nil && main(p).RestartCount == 1
	})
	require.NotNil(t, main(got).LastTerminationState.Terminated)
	require.Equal(t, int32(1), main(got).LastTerminationState.Terminated.ExitCode)
	require.Equal(t, apiobj.PodRunning, got.Status.Phase)

	backoff := func(delay string, restarts int32) {
		t.Helper()
		got := waitPod(t, c, "crash", "CrashLoopBackOff "+delay, func(p *apiobj.Pod) bool {
			w := main(p).State.Waiting
			return hasStatus(p) && w != nil && w.Reason == kubelet.ReasonCrashLoopBackOff && main(p).RestartCount == restarts
		})
		require.Contains(t, main(got).State.Waiting.Message, "back-off "+delay)
		require.False(t, condTrue(got, apiobj.PodReady))
		require.Equal(t, apiobj.PodRunning, got.Status.Phase)
	}
	// Attempt 1 exits: 10s of backoff.
	n.clock.Advance(time.Second)
	backoff("10s", 1)
	n.clock.Advance(9 * time.Second)
	n.clock.Advance(time.Second)
	waitPod(t, c, "crash", "restarted twice", func(p *apiobj.Pod) bool {
		return main(p).State.Running != nil && main(p).RestartCount == 2
	})
	// Attempt 2 exits: 20s of backoff.
	n.clock.Advance(time.Second)
	backoff("20s", 2)
	n.clock.Advance(10 * time.Second)
	backoff("20s", 2) // still backing off after 10s
	n.clock.Advance(10 * time.Second)
	waitPod(t, c, "crash", "restarted three times", func(p *apiobj.Pod) bool {
		return main(p).State.Running != nil && main(p).RestartCount == 3
	})
	n.clock.Advance(time.Second)
	backoff("40s", 3)
}

func TestRestartPolicies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		policy   apiobj.RestartPolicy
		exitCode string
		phase    apiobj.PodPhase
	}{
		{"never-success", apiobj.RestartPolicyNever, "0", apiobj.PodSucceeded},
		{"never-failure", apiobj.RestartPolicyNever, "1", apiobj.PodFailed},
		{"onfailure-success", apiobj.RestartPolicyOnFailure, "0", apiobj.PodSucceeded},
	}
	c := newClient(t)
	n := newNode(t, c, "node-a")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := newPod(tt.name, "node-a", map[string]string{fake.AnnotationExitCode: tt.exitCode})
			p.Spec.RestartPolicy = tt.policy
			p = createPod(t, c, p)
			got := waitPod(t, c, tt.name, string(tt.phase), func(p *apiobj.Pod) bool { return p.Status.Phase == tt.phase })
			term := got.Status.ContainerStatuses[0].State.Terminated
			require.NotNil(t, term)
			require.Equal(t, tt.exitCode, fmt.Sprint(term.ExitCode))
			require.Equal(t, int32(0), got.Status.ContainerStatuses[0].RestartCount)
			require.False(t, condTrue(got, apiobj.PodReady))
			// The sandbox is stopped once the pod is done.
			eventually(t, "sandbox stopped", func() (bool, string) {
				r, err := n.runtime.ListPodSandbox(context.Background(), &runtimev1.ListPodSandboxRequest{Filter: &runtimev1.PodSandboxFilter{
					LabelSelector: map[string]string{cri.LabelPodUID: string(p.UID)}}})
				require.NoError(t, err)
				return len(r.Items) == 1 && r.Items[0].State == runtimev1.PodSandboxState_SANDBOX_NOTREADY, fmt.Sprint(r.Items)
			})
		})
	}
	t.Run("onfailure-restarts", func(t *testing.T) {
		t.Parallel()
		p := newPod("onfailure-restarts", "node-a", map[string]string{fake.AnnotationCrashLoop: "1"})
		p.Spec.RestartPolicy = apiobj.RestartPolicyOnFailure
		createPod(t, c, p)
		waitPod(t, c, p.Name, "running", func(p *apiobj.Pod) bool { return isRunning(p) && p.Status.ContainerStatuses[0].RestartCount == 0 })
		n.clock.Advance(time.Second) // attempt 0 exits 1 and is restarted; attempt 1 runs on
		waitPod(t, c, p.Name, "restarted", func(p *apiobj.Pod) bool { return isRunning(p) && p.Status.ContainerStatuses[0].RestartCount == 1 })
	})
}

func TestInitContainersRunInOrder(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	n := newNode(t, c, "node-a")
	always := apiobj.ContainerRestartPolicyAlways
	p := newPod("init", "node-a", map[string]string{
		"first.fake.orca.dev/exit-after":  "5s",
		"first.fake.orca.dev/exit-code":   "0",
		"second.fake.orca.dev/exit-after": "5s",
		"second.fake.orca.dev/exit-code":  "0",
	})
	p.Spec.InitContainers = []apiobj.Container{
		{Name: "first", Image: "busybox:1.36"},
		{Name: "sidecar", Image: "busybox:1.36", RestartPolicy: &always},
		{Name: "second", Image: "busybox:1.36"},
	}
	createPod(t, c, p)
	initState := func(p *apiobj.Pod, i int) apiobj.ContainerState { return p.Status.InitContainerStatuses[i].State }
	got := waitPod(t, c, "init", "first init running", func(p *apiobj.Pod) bool {
		return len(p.Status.InitContainerStatuses) == 3 && initState(p, 0).Running != nil
	})
	require.Equal(t, apiobj.PodPending, got.Status.Phase)
	require.NotNil(t, initState(got, 1).Waiting)
	require.NotNil(t, initState(got, 2).Waiting)
	require.Equal(t, kubelet.ReasonPodInitializing, got.Status.ContainerStatuses[0].State.Waiting.Reason)
	require.False(t, condTrue(got, apiobj.PodInitialized))

	n.clock.Advance(5 * time.Second)
	got = waitPod(t, c, "init", "sidecar and second running", func(p *apiobj.Pod) bool {
		return initState(p, 0).Terminated != nil && initState(p, 1).Running != nil && initState(p, 2).Running != nil
	})
	require.Nil(t, got.Status.ContainerStatuses[0].State.Running)
	require.Equal(t, apiobj.PodPending, got.Status.Phase)

	n.clock.Advance(5 * time.Second)
	got = waitPod(t, c, "init", "running", isRunning)
	require.True(t, condTrue(got, apiobj.PodInitialized))
	require.NotNil(t, initState(got, 1).Running, "the sidecar keeps running")
	require.NotNil(t, initState(got, 2).Terminated)
}

func TestInitContainerFailureNever(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	newNode(t, c, "node-a")
	p := newPod("initfail", "node-a", map[string]string{"first.fake.orca.dev/exit-code": "2"})
	p.Spec.RestartPolicy = apiobj.RestartPolicyNever
	p.Spec.InitContainers = []apiobj.Container{{Name: "first", Image: "busybox:1.36"}}
	createPod(t, c, p)
	got := waitPod(t, c, "initfail", "Failed", func(p *apiobj.Pod) bool { return p.Status.Phase == apiobj.PodFailed })
	require.Equal(t, int32(2), got.Status.InitContainerStatuses[0].State.Terminated.ExitCode)
	require.Nil(t, got.Status.ContainerStatuses[0].State.Running)
}

func TestDeletePodStopsAndRemoves(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	n := newNode(t, c, "node-a")
	p := createPod(t, c, newPod("del", "node-a", map[string]string{fake.AnnotationStopDelay: "5s"}))
	waitPod(t, c, "del", "running", isRunning)
	require.NoError(t, pods(c).Delete(context.Background(), "del", client.DeleteOptions{GracePeriodSeconds: apiobj.Int64(30)}))
	// The container takes 5s (of the clock) of its 30s grace to stop:
	// until then it and the pod object stay.
	p2, err := pods(c).Get(context.Background(), "del")
	require.NoError(t, err)
	require.NotNil(t, p2.DeletionTimestamp)
	start := n.clock.Now()
	eventually(t, "pod removed", func() (bool, string) {
		_, err := pods(c).Get(context.Background(), "del")
		if errors.Is(err, errdefs.ErrNotFound) {
			return true, ""
		}
		n.clock.Advance(100 * time.Millisecond)
		return false, fmt.Sprint(err)
	})
	require.GreaterOrEqual(t, n.clock.Now().Sub(start), 5*time.Second, "removed before the container stopped")
	sbs, ctrs := counts(t, n.runtime, p.UID)
	require.Zero(t, sbs)
	require.Zero(t, ctrs)
}

func TestRestartAdoptsPods(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	clock := fake.NewManualClock(epoch)
	rt := newRuntime(t, clock, "10.244.1.0/24")
	n := &node{name: "node-a", rt: rt, runtime: rt.Client(), clock: clock}
	startKubelet(t, c, n)
	const count = 10
	uids := map[string]apiobj.UID{}
	for i := range count {
		p := createPod(t, c, newPod(fmt.Sprintf("p%d", i), "node-a", nil))
		uids[p.Name] = p.UID
	}
	before := map[string]string{}
	for name := range uids {
		p := waitPod(t, c, name, "running", isRunning)
		before[name] = p.Status.ContainerStatuses[0].ContainerID
	}
	n.stop()

	// While the kubelet is down, one pod is deleted for good.
	gone := createPod(t, c, newPod("gone", "node-b", nil)) // not ours: never touched
	_ = gone
	require.NoError(t, pods(c).Delete(context.Background(), "p0", client.DeleteOptions{GracePeriodSeconds: apiobj.Int64(0)}))
	eventually(t, "p0 deleted", func() (bool, string) {
		_, err := pods(c).Get(context.Background(), "p0")
		return errors.Is(err, errdefs.ErrNotFound), fmt.Sprint(err)
	})

	n2 := &node{name: "node-a", rt: rt, runtime: rt.Client(), clock: clock}
	startKubelet(t, c, n2)
	clock.Advance(time.Second) // a relist finds p0's leftovers
	eventually(t, "p0's sandbox and container removed", func() (bool, string) {
		sbs, ctrs := counts(t, rt.Client(), uids["p0"])
		return sbs == 0 && ctrs == 0, fmt.Sprint(sbs, ctrs)
	})
	for name, uid := range uids {
		if name == "p0" {
			continue
		}
		p := waitPod(t, c, name, "running", isRunning)
		require.Equal(t, before[name], p.Status.ContainerStatuses[0].ContainerID, "adopted, not restarted")
		require.Equal(t, int32(0), p.Status.ContainerStatuses[0].RestartCount)
		sbs, ctrs := counts(t, rt.Client(), uid)
		require.Equal(t, 1, sbs, name)
		require.Equal(t, 1, ctrs, name)
	}
	// A later relist changes nothing.
	clock.Advance(time.Second)
	clock.Advance(time.Second)
	all, err := rt.Client().ListContainers(context.Background(), &runtimev1.ListContainersRequest{})
	require.NoError(t, err)
	require.Len(t, all.Containers, count-1)
}

func TestManyNodes(t *testing.T) {
	t.Parallel()
	nodes, perNode := 10, 10
	if testing.Short() {
		nodes, perNode = 4, 5
	}
	elapsed := runScale(t, nodes, perNode)
	t.Logf("%d nodes, %d pods Running in %v (%.0f pods/s)", nodes, nodes*perNode, elapsed, float64(nodes*perNode)/elapsed.Seconds())
}

// BenchmarkKubeletScale runs kubelets on fake runtimes in one process and
// binds pods to them, timing from the first create until all are Running.
// It reports pods/s.
func BenchmarkKubeletScale(b *testing.B) {
	for _, size := range []struct{ nodes, perNode int }{{100, 10}} {
		b.Run(fmt.Sprintf("%dnodes-%dpods", size.nodes, size.nodes*size.perNode), func(b *testing.B) {
			for range b.N {
				elapsed := runScale(b, size.nodes, size.perNode)
				b.ReportMetric(float64(size.nodes*size.perNode)/elapsed.Seconds(), "pods/s")
			}
		})
	}
}

// runScale starts nodes kubelets (system clock) and perNode pods on each,
// and returns how long the pods took from the first create to all Running.
func runScale(t testing.TB, nodes, perNode int) time.Duration {
	c := newClient(t)
	for i := range nodes {
		// Simulated nodes write no log files: the disk is not what is measured.
		rt, err := fake.New(fake.Config{PodCIDR: fmt.Sprintf("10.%d.%d.0/24", 100+i/256, i%256), DisableLogs: true})
		require.NoError(t, err)
		startKubelet(t, c, &node{name: fmt.Sprintf("n%d", i), rt: rt, runtime: rt.Client()})
	}
	ctx := context.Background()
	eventually(t, "nodes registered", func() (bool, string) {
		l, _, err := client.For[*apiobj.Node](c).List(ctx, client.ListOptions{})
		if err != nil {
			return false, err.Error()
		}
		return len(l) == nodes, fmt.Sprint(len(l))
	})
	start := time.Now()
	var wg sync.WaitGroup
	for i := range nodes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range perNode {
				_, err := pods(c).Create(ctx, newPod(fmt.Sprintf("p-%d-%d", i, j), fmt.Sprintf("n%d", i), nil))
				if err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	// Count Running pods with an informer rather than by listing: a list of
	// thousands of pods every few milliseconds would slow what it measures.
	var running sync.Map
	inf := client.NewInformer(pods(c), client.InformerOptions[*apiobj.Pod]{})
	count := func(p *apiobj.Pod) {
		if isRunning(p) {
			running.Store(p.UID, true)
		}
	}
	inf.AddHandler(client.HandlerFuncs[*apiobj.Pod]{
		AddFunc:    func(p *apiobj.Pod, _ bool) { count(p) },
		UpdateFunc: func(_, p *apiobj.Pod) { count(p) },
	})
	ictx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() { _ = inf.Run(ictx) }()
	deadline := time.Now().Add(5 * time.Minute)
	want := nodes * perNode
	for {
		n := 0
		running.Range(func(any, any) bool { n++; return true })
		if n == want {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d pods Running after 5 minutes", n, want)
		}
		time.Sleep(20 * time.Millisecond) // a poll interval
	}
	return time.Since(start)
}

func TestContainerEnvironment(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	ctx := context.Background()
	_, err := client.For[*apiobj.ConfigMap](c).Namespace("default").Create(ctx, &apiobj.ConfigMap{
		ObjectMeta: apiobj.ObjectMeta{Name: "cfg", Namespace: "default"}, Data: map[string]string{"color": "blue", "size": "L"}})
	require.NoError(t, err)
	_, err = client.For[*apiobj.Secret](c).Namespace("default").Create(ctx, &apiobj.Secret{
		ObjectMeta: apiobj.ObjectMeta{Name: "sec", Namespace: "default"}, Data: map[string][]byte{"token": []byte("s3cret")}})
	require.NoError(t, err)

	var mu sync.Mutex
	seen := map[string]*runtimev1.ContainerConfig{}
	clock := fake.NewManualClock(epoch)
	rt, err := fake.New(fake.Config{Clock: clock, PodCIDR: "10.244.1.0/24", Behavior: func(_ *runtimev1.PodSandboxConfig, cc *runtimev1.ContainerConfig, _ *fake.Behavior) error {
		mu.Lock()
		defer mu.Unlock()
		seen[cc.Metadata.Name] = cc
		return nil
	}})
	require.NoError(t, err)
	startKubelet(t, c, &node{name: "node-a", rt: rt, runtime: rt.Client(), clock: clock})

	p := newPod("env", "node-a", nil)
	p.Spec.ServiceAccountName = "builder"
	p.Spec.Containers[0].Command = []string{"echo", "$(GREETING)"}
	p.Spec.Containers[0].Args = []string{"--name=$(POD_NAME)", "$$(POD_NAME)"}
	p.Spec.Containers[0].WorkingDir = "/work"
	p.Spec.Containers[0].EnvFrom = []apiobj.EnvFromSource{{Prefix: "CFG_", ConfigMapRef: &apiobj.ConfigMapEnvSource{LocalObjectReference: apiobj.LocalObjectReference{Name: "cfg"}}}}
	p.Spec.Containers[0].Env = []apiobj.EnvVar{
		{Name: "GREETING", Value: "hello"},
		{Name: "POD_NAME", ValueFrom: &apiobj.EnvVarSource{FieldRef: &apiobj.ObjectFieldSelector{FieldPath: "metadata.name"}}},
		{Name: "POD_NS", ValueFrom: &apiobj.EnvVarSource{FieldRef: &apiobj.ObjectFieldSelector{FieldPath: "metadata.namespace"}}},
		{Name: "POD_UID", ValueFrom: &apiobj.EnvVarSource{FieldRef: &apiobj.ObjectFieldSelector{FieldPath: "metadata.uid"}}},
		{Name: "POD_LABELS", ValueFrom: &apiobj.EnvVarSource{FieldRef: &apiobj.ObjectFieldSelector{FieldPath: "metadata.labels['app']"}}},
		{Name: "POD_IP", ValueFrom: &apiobj.EnvVarSource{FieldRef: &apiobj.ObjectFieldSelector{FieldPath: "status.podIP"}}},
		{Name: "NODE", ValueFrom: &apiobj.EnvVarSource{FieldRef: &apiobj.ObjectFieldSelector{FieldPath: "spec.nodeName"}}},
		{Name: "SA", ValueFrom: &apiobj.EnvVarSource{FieldRef: &apiobj.ObjectFieldSelector{FieldPath: "spec.serviceAccountName"}}},
		{Name: "COLOR", ValueFrom: &apiobj.EnvVarSource{ConfigMapKeyRef: &apiobj.ConfigMapKeySelector{LocalObjectReference: apiobj.LocalObjectReference{Name: "cfg"}, Key: "color"}}},
		{Name: "TOKEN", ValueFrom: &apiobj.EnvVarSource{SecretKeyRef: &apiobj.SecretKeySelector{LocalObjectReference: apiobj.LocalObjectReference{Name: "sec"}, Key: "token"}}},
		{Name: "MISSING", ValueFrom: &apiobj.EnvVarSource{SecretKeyRef: &apiobj.SecretKeySelector{LocalObjectReference: apiobj.LocalObjectReference{Name: "nope"}, Key: "x", Optional: apiobj.Bool(true)}}},
		{Name: "MSG", Value: "$(GREETING) from $(POD_NAME)"},
	}
	p = createPod(t, c, p)
	got := waitPod(t, c, "env", "running", isRunning)

	mu.Lock()
	cc := seen["main"]
	mu.Unlock()
	require.NotNil(t, cc)
	env := map[string]string{}
	for _, kv := range cc.Envs {
		env[kv.Key] = string(kv.Value)
	}
	require.Equal(t, map[string]string{
		"CFG_color": "blue", "CFG_size": "L",
		"GREETING": "hello", "POD_NAME": "env", "POD_NS": "default", "POD_UID": string(p.UID),
		"POD_LABELS": "env", "POD_IP": got.Status.PodIP, "NODE": "node-a", "SA": "builder",
		"COLOR": "blue", "TOKEN": "s3cret", "MSG": "hello from env",
	}, env)
	require.Equal(t, []string{"echo", "hello"}, cc.Command)
	require.Equal(t, []string{"--name=env", "$(POD_NAME)"}, cc.Args)
	require.Equal(t, "/work", cc.WorkingDir)
	require.Equal(t, "main/0.log", cc.LogPath)

	// A missing required ConfigMap keeps the container waiting.
	bad := newPod("badenv", "node-a", nil)
	bad.Spec.Containers[0].Env = []apiobj.EnvVar{{Name: "X", ValueFrom: &apiobj.EnvVarSource{ConfigMapKeyRef: &apiobj.ConfigMapKeySelector{LocalObjectReference: apiobj.LocalObjectReference{Name: "absent"}, Key: "k"}}}}
	createPod(t, c, bad)
	waitPod(t, c, "badenv", "CreateContainerConfigError", func(p *apiobj.Pod) bool {
		return len(p.Status.ContainerStatuses) == 1 && p.Status.ContainerStatuses[0].State.Waiting != nil &&
			p.Status.ContainerStatuses[0].State.Waiting.Reason == kubelet.ReasonCreateContainerConfigError && p.Status.Phase == apiobj.PodPending
	})
}

func TestExecProbes(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	n := newNode(t, c, "node-a")
	// The subtests share the node's fake clock, so they run one after
	// the other.
	t.Run("readiness", func(t *testing.T) {
		p := newPod("ready-later", "node-a", map[string]string{fake.AnnotationReadyAfter: "20s"})
		p.Spec.Containers[0].ReadinessProbe = &apiobj.Probe{
			ProbeHandler:  apiobj.ProbeHandler{Exec: &apiobj.ExecAction{Command: []string{"true"}}},
			PeriodSeconds: 5,
		}
		createPod(t, c, p)
		got := waitPod(t, c, p.Name, "running, not ready", func(p *apiobj.Pod) bool {
			return p.Status.Phase == apiobj.PodRunning && len(p.Status.ContainerStatuses) == 1 && p.Status.ContainerStatuses[0].State.Running != nil
		})
		require.False(t, got.Status.ContainerStatuses[0].Ready)
		require.False(t, condTrue(got, apiobj.PodReady))
		// The fake container turns ready 20s after it started; the clock is
		// shared with the parallel liveness subtest, so measure from the
		// start time the kubelet reported (truncated to seconds, so never
		// later than the real start).
		start := got.Status.ContainerStatuses[0].State.Running.StartedAt.Time
		waitPod(t, c, p.Name, "ready", func(p *apiobj.Pod) bool {
			if condTrue(p, apiobj.PodReady) {
				return true
			}
			n.clock.Advance(time.Second)
			return false
		})
		require.GreaterOrEqual(t, n.clock.Now().Sub(start), 20*time.Second)
	})
	t.Run("liveness", func(t *testing.T) {
		p := newPod("dies", "node-a", map[string]string{fake.AnnotationExec: `[{"command":["cat","/tmp/healthy"],"exitCode":1}]`})
		p.Spec.Containers[0].LivenessProbe = &apiobj.Probe{
			ProbeHandler:     apiobj.ProbeHandler{Exec: &apiobj.ExecAction{Command: []string{"cat", "/tmp/healthy"}}},
			PeriodSeconds:    1,
			FailureThreshold: 2,
		}
		createPod(t, c, p)
		waitPod(t, c, p.Name, "running", isRunning)
		waitPod(t, c, p.Name, "restarted by liveness", func(p *apiobj.Pod) bool {
			if len(p.Status.ContainerStatuses) == 1 && p.Status.ContainerStatuses[0].RestartCount >= 1 {
				return true
			}
			n.clock.Advance(500 * time.Millisecond)
			return false
		})
	})
}
