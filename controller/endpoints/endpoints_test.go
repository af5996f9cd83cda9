package endpoints

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store/memory"
)

const testTimeout = 30 * time.Second

type env struct {
	t   *testing.T
	ctx context.Context
	c   *client.Client
}

func newEnv(t *testing.T) *env {
	t.Helper()
	st := memory.New(memory.Config{})
	t.Cleanup(func() { _ = st.Close() })
	srv, err := apiserver.New(apiserver.Config{Store: st})
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 2*testTimeout)
	t.Cleanup(cancel)
	require.NoError(t, srv.Bootstrap(ctx))
	t.Cleanup(srv.Close)
	admin := &auth.User{Name: "admin", Groups: []string{auth.GroupMasters}}
	return &env{t: t, ctx: ctx, c: client.NewInProcess(srv, admin, apiobj.NewScheme())}
}

func (e *env) start() {
	e.t.Helper()
	ec, err := New(Config{Client: e.c, Workers: 2})
	require.NoError(e.t, err)
	ctx, cancel := context.WithCancel(e.ctx)
	done := make(chan error, 1)
	go func() { done <- ec.Run(ctx) }()
	e.t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			require.NoError(e.t, err)
		case <-time.After(testTimeout):
			e.t.Fatalf("Run did not return after cancel\n%s", stacks())
		}
	})
}

func stacks() string {
	buf := make([]byte, 1<<20)
	return string(buf[:runtime.Stack(buf, true)])
}

func (e *env) waitFor(what string, cond func() (bool, error)) {
	e.t.Helper()
	deadline := time.Now().Add(testTimeout)
	for {
		ok, err := cond()
		require.NoError(e.t, err, what)
		if ok {
			return
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("timed out waiting for %s\n%s", what, stacks())
		}
		time.Sleep(5 * time.Millisecond) // polling a condition with a deadline
	}
}

// waitSubsets waits until the Endpoints ns/name hold want.
func (e *env) waitSubsets(ns, name string, want []apiobj.EndpointSubset) {
	e.t.Helper()
	var last string
	defer func() {
		if e.t.Failed() {
			e.t.Logf("last diff (-want +got):\n%s", last)
		}
	}()
	e.waitFor("endpoints "+name, func() (bool, error) {
		ep, err := client.For[*apiobj.Endpoints](e.c).Namespace(ns).Get(e.ctx, name)
		if errdefs.IsNotFound(err) {
			last = "not found"
			return false, nil
		}
		if err != nil {
			return false, err
		}
		last = cmp.Diff(want, ep.Subsets)
		return subsetsEqual(want, ep.Subsets), nil
	})
}

type podOpt func(*apiobj.Pod)

func withPorts(ports ...apiobj.ContainerPort) podOpt {
	return func(p *apiobj.Pod) { p.Spec.Containers[0].Ports = ports }
}

func onNode(n string) podOpt { return func(p *apiobj.Pod) { p.Spec.NodeName = n } }

// createPod creates a pod labelled app=web and sets its IP and readiness,
// as a kubelet would.
func (e *env) createPod(ns, name, ip string, ready bool, opts ...podOpt) *apiobj.Pod {
	e.t.Helper()
	pod := &apiobj.Pod{
		ObjectMeta: apiobj.ObjectMeta{Name: name, Labels: map[string]string{"app": "web"}},
		Spec:       apiobj.PodSpec{Containers: []apiobj.Container{{Name: "c", Image: "nginx"}}},
	}
	for _, o := range opts {
		o(pod)
	}
	pods := client.For[*apiobj.Pod](e.c).Namespace(ns)
	pod, err := pods.Create(e.ctx, pod)
	require.NoError(e.t, err)
	return e.setStatus(pod, ip, ready)
}

func (e *env) setStatus(pod *apiobj.Pod, ip string, ready bool) *apiobj.Pod {
	e.t.Helper()
	pod = pod.DeepCopy()
	status := apiobj.ConditionFalse
	if ready {
		status = apiobj.ConditionTrue
	}
	pod.Status.Phase = apiobj.PodRunning
	pod.Status.PodIP, pod.Status.PodIPs = ip, []apiobj.PodIP{{IP: ip}}
	pod.Status.Conditions = []apiobj.PodCondition{{Type: apiobj.PodReady, Status: status}}
	pod, err := client.For[*apiobj.Pod](e.c).Namespace(pod.Namespace).UpdateStatus(e.ctx, pod)
	require.NoError(e.t, err)
	return pod
}

func (e *env) createService(ns string, svc *apiobj.Service) *apiobj.Service {
	e.t.Helper()
	if svc.Spec.Selector == nil {
		svc.Spec.Selector = map[string]string{"app": "web"}
	}
	svc, err := client.For[*apiobj.Service](e.c).Namespace(ns).Create(e.ctx, svc)
	require.NoError(e.t, err)
	return svc
}

func addr(pod *apiobj.Pod) apiobj.EndpointAddress {
	a := apiobj.EndpointAddress{IP: pod.Status.PodIP,
		TargetRef: &apiobj.ObjectReference{Kind: "Pod", Namespace: pod.Namespace, Name: pod.Name, UID: pod.UID}}
	if pod.Spec.NodeName != "" {
		a.NodeName = apiobj.Ptr(pod.Spec.NodeName)
	}
	return a
}

func httpPort(port int32) []apiobj.EndpointPort {
	return []apiobj.EndpointPort{{Name: "http", Port: port, Protocol: apiobj.ProtocolTCP}}
}

func webService(name string, mod func(*apiobj.Service)) *apiobj.Service {
	svc := &apiobj.Service{
		ObjectMeta: apiobj.ObjectMeta{Name: name},
		Spec: apiobj.ServiceSpec{Ports: []apiobj.ServicePort{
			{Name: "http", Port: 80, TargetPort: apiobj.FromInt32(8080)}}},
	}
	if mod != nil {
		mod(svc)
	}
	return svc
}

func TestReadyAndNotReady(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.start()
	e.createService("default", webService("web", nil))
	a := e.createPod("default", "a", "10.0.0.1", true, onNode("n1"))
	b := e.createPod("default", "b", "10.0.0.2", false, onNode("n2"))
	// Not selected: other labels.
	other := &apiobj.Pod{ObjectMeta: apiobj.ObjectMeta{Name: "other", Labels: map[string]string{"app": "db"}},
		Spec: apiobj.PodSpec{Containers: []apiobj.Container{{Name: "c", Image: "db"}}}}
	other, err := client.For[*apiobj.Pod](e.c).Namespace("default").Create(e.ctx, other)
	require.NoError(t, err)
	e.setStatus(other, "10.0.0.9", true)

	e.waitSubsets("default", "web", []apiobj.EndpointSubset{{
		Addresses: []apiobj.EndpointAddress{addr(a)}, NotReadyAddresses: []apiobj.EndpointAddress{addr(b)},
		Ports: httpPort(8080),
	}})

	// b becomes ready; a is deleted.
	e.setStatus(b, "10.0.0.2", true)
	require.NoError(t, client.For[*apiobj.Pod](e.c).Namespace("default").Delete(e.ctx, "a",
		client.DeleteOptions{GracePeriodSeconds: apiobj.Ptr[int64](0)}))
	e.waitSubsets("default", "web", []apiobj.EndpointSubset{{
		Addresses: []apiobj.EndpointAddress{addr(b)}, Ports: httpPort(8080),
	}})
}

func TestPublishNotReadyAddresses(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.start()
	e.createService("default", webService("web", func(s *apiobj.Service) { s.Spec.PublishNotReadyAddresses = true }))
	a := e.createPod("default", "a", "10.0.0.1", true)
	b := e.createPod("default", "b", "10.0.0.2", false)
	e.waitSubsets("default", "web", []apiobj.EndpointSubset{{
		Addresses: []apiobj.EndpointAddress{addr(a), addr(b)}, Ports: httpPort(8080),
	}})
}

func TestNamedPortsRepacked(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.start()
	e.createService("default", webService("web", func(s *apiobj.Service) {
		s.Spec.Ports = []apiobj.ServicePort{
			{Name: "http", Port: 80, TargetPort: apiobj.FromString("web")},
			{Name: "metrics", Port: 9090, TargetPort: apiobj.FromInt32(9090)},
		}
	}))
	a := e.createPod("default", "a", "10.0.0.1", true, withPorts(apiobj.ContainerPort{Name: "web", ContainerPort: 8080}))
	b := e.createPod("default", "b", "10.0.0.2", true, withPorts(apiobj.ContainerPort{Name: "web", ContainerPort: 8081}))
	c := e.createPod("default", "c", "10.0.0.3", true, withPorts(apiobj.ContainerPort{Name: "web", ContainerPort: 8080}))
	d := e.createPod("default", "d", "10.0.0.4", false) // no port named web
	metrics := apiobj.EndpointPort{Name: "metrics", Port: 9090, Protocol: apiobj.ProtocolTCP}
	web := func(p int32) apiobj.EndpointPort {
		return apiobj.EndpointPort{Name: "http", Port: p, Protocol: apiobj.ProtocolTCP}
	}
	e.waitSubsets("default", "web", []apiobj.EndpointSubset{
		{Addresses: []apiobj.EndpointAddress{addr(a), addr(c)}, Ports: []apiobj.EndpointPort{web(8080), metrics}},
		{Addresses: []apiobj.EndpointAddress{addr(b)}, Ports: []apiobj.EndpointPort{web(8081), metrics}},
		{NotReadyAddresses: []apiobj.EndpointAddress{addr(d)}, Ports: []apiobj.EndpointPort{metrics}},
	})
}

func TestHeadlessWithoutPorts(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.start()
	svc := e.createService("default", webService("db", func(s *apiobj.Service) {
		s.Spec.ClusterIP, s.Spec.Ports = apiobj.ClusterIPNone, nil
	}))
	a := e.createPod("default", "a", "10.0.0.1", true, func(p *apiobj.Pod) { p.Spec.Hostname, p.Spec.Subdomain = "a", "db" })
	want := addr(a)
	want.Hostname = "a"
	e.waitSubsets("default", "db", []apiobj.EndpointSubset{{Addresses: []apiobj.EndpointAddress{want}}})
	ep, err := client.For[*apiobj.Endpoints](e.c).Namespace("default").Get(e.ctx, svc.Name)
	require.NoError(t, err)
	require.Contains(t, ep.Labels, HeadlessLabel)
}

func TestTerminatingPodsExcluded(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.start()
	e.createService("default", webService("web", nil))
	a := e.createPod("default", "a", "10.0.0.1", true)
	b := e.createPod("default", "b", "10.0.0.2", true, func(p *apiobj.Pod) { p.Finalizers = []string{"example.com/hold"} })
	e.waitSubsets("default", "web", []apiobj.EndpointSubset{{
		Addresses: []apiobj.EndpointAddress{addr(a), addr(b)}, Ports: httpPort(8080)}})
	pods := client.For[*apiobj.Pod](e.c).Namespace("default")
	require.NoError(t, pods.Delete(e.ctx, "b", client.DeleteOptions{GracePeriodSeconds: apiobj.Ptr[int64](0)}))
	e.waitSubsets("default", "web", []apiobj.EndpointSubset{{
		Addresses: []apiobj.EndpointAddress{addr(a)}, Ports: httpPort(8080)}})
	b, err := pods.Get(e.ctx, "b")
	require.NoError(t, err)
	b.Finalizers = nil
	_, err = pods.Update(e.ctx, b)
	require.NoError(t, err)
}

func TestSelectorlessServiceLeftAlone(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	// User-managed Endpoints for a Service without a selector.
	svcs := client.For[*apiobj.Service](e.c).Namespace("default")
	_, err := svcs.Create(e.ctx, &apiobj.Service{ObjectMeta: apiobj.ObjectMeta{Name: "ext"},
		Spec: apiobj.ServiceSpec{Ports: []apiobj.ServicePort{{Port: 80}}}})
	require.NoError(t, err)
	eps := client.For[*apiobj.Endpoints](e.c).Namespace("default")
	user := []apiobj.EndpointSubset{{Addresses: []apiobj.EndpointAddress{{IP: "192.0.2.10"}},
		Ports: []apiobj.EndpointPort{{Port: 80, Protocol: apiobj.ProtocolTCP}}}}
	orig, err := eps.Create(e.ctx, &apiobj.Endpoints{ObjectMeta: apiobj.ObjectMeta{Name: "ext"}, Subsets: user})
	require.NoError(t, err)
	e.start()
	// A selector-based Service synced later proves the controller ran.
	e.createService("default", webService("web", nil))
	a := e.createPod("default", "a", "10.0.0.1", true)
	e.waitSubsets("default", "web", []apiobj.EndpointSubset{{Addresses: []apiobj.EndpointAddress{addr(a)}, Ports: httpPort(8080)}})
	got, err := eps.Get(e.ctx, "ext")
	require.NoError(t, err)
	require.Equal(t, orig.ResourceVersion, got.ResourceVersion)
	require.Empty(t, cmp.Diff(user, got.Subsets))
}

func TestServiceDeletionDeletesEndpoints(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.start()
	e.createService("default", webService("web", nil))
	a := e.createPod("default", "a", "10.0.0.1", true)
	e.waitSubsets("default", "web", []apiobj.EndpointSubset{{Addresses: []apiobj.EndpointAddress{addr(a)}, Ports: httpPort(8080)}})
	require.NoError(t, client.For[*apiobj.Service](e.c).Namespace("default").Delete(e.ctx, "web"))
	e.waitFor("endpoints deleted", func() (bool, error) {
		_, err := client.For[*apiobj.Endpoints](e.c).Namespace("default").Get(e.ctx, "web")
		return errdefs.IsNotFound(err), client.IgnoreNotFound(err)
	})
}

func TestUpdateOnlyOnChange(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.start()
	e.createService("default", webService("web", nil))
	a := e.createPod("default", "a", "10.0.0.1", true)
	e.waitSubsets("default", "web", []apiobj.EndpointSubset{{Addresses: []apiobj.EndpointAddress{addr(a)}, Ports: httpPort(8080)}})
	eps := client.For[*apiobj.Endpoints](e.c).Namespace("default")
	before, err := eps.Get(e.ctx, "web")
	require.NoError(t, err)
	// A pod change that does not change the endpoints, then one that does.
	a.Labels["extra"] = "x"
	_, err = client.For[*apiobj.Pod](e.c).Namespace("default").Update(e.ctx, a)
	require.NoError(t, err)
	b := e.createPod("default", "b", "10.0.0.2", true)
	e.waitSubsets("default", "web", []apiobj.EndpointSubset{{Addresses: []apiobj.EndpointAddress{addr(a), addr(b)}, Ports: httpPort(8080)}})
	after, err := eps.Get(e.ctx, "web")
	require.NoError(t, err)
	require.Equal(t, before.Generation+1, after.Generation, "one write: the label change on a alone wrote nothing")
}

func TestBuildSubsetsDoesNotMutate(t *testing.T) {
	t.Parallel()
	svc := webService("web", func(s *apiobj.Service) { s.Namespace = "default" })
	pod := &apiobj.Pod{ObjectMeta: apiobj.ObjectMeta{Name: "a", Namespace: "default"},
		Spec:   apiobj.PodSpec{Containers: []apiobj.Container{{Name: "c", Ports: []apiobj.ContainerPort{{Name: "b"}, {Name: "a"}}}}},
		Status: apiobj.PodStatus{PodIP: "10.0.0.1"}}
	svcCopy, podCopy := svc.DeepCopy(), pod.DeepCopy()
	got := BuildSubsets(svc, []*apiobj.Pod{pod})
	require.Len(t, got, 1)
	require.Empty(t, cmp.Diff(svcCopy, svc))
	require.Empty(t, cmp.Diff(podCopy, pod))
}

func TestTruncate(t *testing.T) {
	t.Parallel()
	a := func(ips ...string) []apiobj.EndpointAddress {
		var out []apiobj.EndpointAddress
		for _, ip := range ips {
			out = append(out, apiobj.EndpointAddress{IP: ip})
		}
		return out
	}
	p1, p2 := httpPort(1), httpPort(2)
	in := []apiobj.EndpointSubset{
		{Addresses: a("1", "2"), NotReadyAddresses: a("3"), Ports: p1},
		{Addresses: a("4"), NotReadyAddresses: a("5", "6"), Ports: p2},
	}
	tests := []struct {
		name      string
		max       int
		want      []apiobj.EndpointSubset
		truncated bool
	}{
		{name: "fits", max: 6, want: in},
		{name: "not ready cut first", max: 4, truncated: true, want: []apiobj.EndpointSubset{
			{Addresses: a("1", "2"), NotReadyAddresses: a("3"), Ports: p1},
			{Addresses: a("4"), Ports: p2},
		}},
		{name: "ready kept in subset order", max: 2, truncated: true, want: []apiobj.EndpointSubset{
			{Addresses: a("1", "2"), Ports: p1},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, truncated := truncate(in, tt.max)
			require.Equal(t, tt.truncated, truncated)
			require.Empty(t, cmp.Diff(tt.want, got))
		})
	}
}
