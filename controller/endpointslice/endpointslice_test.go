package endpointslice

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

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

func (e *env) start(cfg Config) {
	e.t.Helper()
	cfg.Client = e.c
	if cfg.Workers == 0 {
		cfg.Workers = 2
	}
	sc, err := New(cfg)
	require.NoError(e.t, err)
	ctx, cancel := context.WithCancel(e.ctx)
	done := make(chan error, 1)
	go func() { done <- sc.Run(ctx) }()
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
			e.t.Errorf("timed out waiting for %s", what)
			e.t.FailNow()
		}
		time.Sleep(5 * time.Millisecond) // polling a condition with a deadline
	}
}

func (e *env) slicesOf(ns, svc string) []*apiobj.EndpointSlice {
	e.t.Helper()
	items, _, err := client.For[*apiobj.EndpointSlice](e.c).Namespace(ns).List(e.ctx, client.ListOptions{
		LabelSelector: apiobj.EndpointSliceServiceNameLabel + "=" + svc})
	require.NoError(e.t, err)
	return items
}

// summary renders the endpoints of slices, sorted: "IPv4 10.0.0.1 r s !t"
// with the ports of their slice.
func summary(ss []*apiobj.EndpointSlice) []string {
	var out []string
	for _, s := range ss {
		var ports []string
		for _, p := range s.Ports {
			ports = append(ports, fmt.Sprintf("%s:%d", strOr(p.Name), *p.Port))
		}
		sort.Strings(ports)
		for _, ep := range s.Endpoints {
			flag := func(p *bool, def bool, c string) string {
				if boolOr(p, def) {
					return c
				}
				return "!" + c
			}
			line := fmt.Sprintf("%s %s %s %s %s [%s]", s.AddressType, ep.Addresses[0],
				flag(ep.Conditions.Ready, true, "r"), flag(ep.Conditions.Serving, true, "s"),
				flag(ep.Conditions.Terminating, false, "t"), strings.Join(ports, ","))
			if ep.NodeName != nil {
				line += " node=" + *ep.NodeName
			}
			if ep.Zone != nil {
				line += " zone=" + *ep.Zone
			}
			out = append(out, line)
		}
	}
	sort.Strings(out)
	return out
}

func (e *env) waitSummary(ns, svc string, want []string) {
	e.t.Helper()
	var got []string
	var n int
	defer func() {
		if e.t.Failed() {
			e.t.Logf("%d slices; want %d endpoints, got %d; missing %v; extra %v", n, len(want), len(got),
				minus(want, got), minus(got, want))
		}
	}()
	e.waitFor(fmt.Sprintf("slices of %s to hold %d endpoints", svc, len(want)), func() (bool, error) {
		ss := e.slicesOf(ns, svc)
		n, got = len(ss), summary(ss)
		return slices.Equal(got, want), nil
	})
}

func minus(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

type podOpt func(*apiobj.Pod)

func onNode(n string) podOpt { return func(p *apiobj.Pod) { p.Spec.NodeName = n } }

func (e *env) createPod(ns, name string, ips []string, ready bool, opts ...podOpt) *apiobj.Pod {
	e.t.Helper()
	pod := &apiobj.Pod{
		ObjectMeta: apiobj.ObjectMeta{Name: name, Labels: map[string]string{"app": "web"}},
		Spec:       apiobj.PodSpec{Containers: []apiobj.Container{{Name: "c", Image: "nginx"}}},
	}
	for _, o := range opts {
		o(pod)
	}
	pod, err := client.For[*apiobj.Pod](e.c).Namespace(ns).Create(e.ctx, pod)
	require.NoError(e.t, err)
	return e.setStatus(pod, ips, ready)
}

func (e *env) setStatus(pod *apiobj.Pod, ips []string, ready bool) *apiobj.Pod {
	e.t.Helper()
	pod = pod.DeepCopy()
	status := apiobj.ConditionFalse
	if ready {
		status = apiobj.ConditionTrue
	}
	pod.Status.Phase = apiobj.PodRunning
	pod.Status.PodIP, pod.Status.PodIPs = ips[0], nil
	for _, ip := range ips {
		pod.Status.PodIPs = append(pod.Status.PodIPs, apiobj.PodIP{IP: ip})
	}
	pod.Status.Conditions = []apiobj.PodCondition{{Type: apiobj.PodReady, Status: status}}
	pod, err := client.For[*apiobj.Pod](e.c).Namespace(pod.Namespace).UpdateStatus(e.ctx, pod)
	require.NoError(e.t, err)
	return pod
}

func (e *env) createService(ns string, svc *apiobj.Service) *apiobj.Service {
	e.t.Helper()
	svc, err := client.For[*apiobj.Service](e.c).Namespace(ns).Create(e.ctx, svc)
	require.NoError(e.t, err)
	return svc
}

func webService(name string, mod func(*apiobj.Service)) *apiobj.Service {
	svc := &apiobj.Service{
		ObjectMeta: apiobj.ObjectMeta{Name: name, Labels: map[string]string{"tier": "front"}},
		Spec: apiobj.ServiceSpec{
			Selector: map[string]string{"app": "web"},
			Ports:    []apiobj.ServicePort{{Name: "http", Port: 80, TargetPort: apiobj.FromInt32(8080)}},
		},
	}
	if mod != nil {
		mod(svc)
	}
	return svc
}

func (e *env) deletePod(ns, name string) {
	e.t.Helper()
	require.NoError(e.t, client.For[*apiobj.Pod](e.c).Namespace(ns).Delete(e.ctx, name,
		client.DeleteOptions{GracePeriodSeconds: apiobj.Ptr[int64](0)}))
}

func TestConditionsLabelsOwnerAndZone(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, err := client.For[*apiobj.Node](e.c).Create(e.ctx, &apiobj.Node{ObjectMeta: apiobj.ObjectMeta{
		Name: "n1", Labels: map[string]string{apiobj.LabelTopologyZone: "zone-a"}}})
	require.NoError(t, err)
	e.start(Config{})
	svc := e.createService("default", webService("web", nil))
	e.createPod("default", "a", []string{"10.0.0.1"}, true, onNode("n1"))
	e.createPod("default", "b", []string{"10.0.0.2"}, false)
	e.waitSummary("default", "web", []string{
		"IPv4 10.0.0.1 r s !t [http:8080] node=n1 zone=zone-a",
		"IPv4 10.0.0.2 !r !s !t [http:8080]",
	})
	ss := e.slicesOf("default", "web")
	require.Len(t, ss, 1)
	s := ss[0]
	require.Equal(t, map[string]string{
		"tier":                               "front",
		apiobj.EndpointSliceServiceNameLabel: "web",
		apiobj.EndpointSliceManagedByLabel:   ManagedBy,
	}, s.Labels)
	ref := apiobj.ControllerRef(s)
	require.NotNil(t, ref)
	require.Equal(t, svc.UID, ref.UID)
	require.Equal(t, "Service", ref.Kind)
	require.Equal(t, "a", s.Endpoints[slices.IndexFunc(s.Endpoints, func(ep apiobj.Endpoint) bool {
		return ep.Addresses[0] == "10.0.0.1"
	})].TargetRef.Name)

	// A terminating pod stays, marked terminating and not ready.
	pods := client.For[*apiobj.Pod](e.c).Namespace("default")
	a, err := pods.Get(e.ctx, "a")
	require.NoError(t, err)
	a.Finalizers = []string{"example.com/hold"}
	_, err = pods.Update(e.ctx, a)
	require.NoError(t, err)
	require.NoError(t, pods.Delete(e.ctx, "a"))
	e.waitSummary("default", "web", []string{
		"IPv4 10.0.0.1 !r s t [http:8080] node=n1 zone=zone-a",
		"IPv4 10.0.0.2 !r !s !t [http:8080]",
	})
}

func TestPublishNotReadyAddresses(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.start(Config{})
	e.createService("default", webService("web", func(s *apiobj.Service) { s.Spec.PublishNotReadyAddresses = true }))
	e.createPod("default", "b", []string{"10.0.0.2"}, false)
	e.waitSummary("default", "web", []string{"IPv4 10.0.0.2 r s !t [http:8080]"})
}

func TestNamedPortsMakeSeparateSlices(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.start(Config{})
	e.createService("default", webService("web", func(s *apiobj.Service) {
		s.Spec.Ports = []apiobj.ServicePort{{Name: "http", Port: 80, TargetPort: apiobj.FromString("web")}}
	}))
	withPort := func(p int32) podOpt {
		return func(pod *apiobj.Pod) {
			pod.Spec.Containers[0].Ports = []apiobj.ContainerPort{{Name: "web", ContainerPort: p}}
		}
	}
	e.createPod("default", "a", []string{"10.0.0.1"}, true, withPort(8080))
	e.createPod("default", "b", []string{"10.0.0.2"}, true, withPort(9090))
	e.createPod("default", "c", []string{"10.0.0.3"}, true) // no such port: left out
	e.waitSummary("default", "web", []string{
		"IPv4 10.0.0.1 r s !t [http:8080]",
		"IPv4 10.0.0.2 r s !t [http:9090]",
	})
	require.Len(t, e.slicesOf("default", "web"), 2)
}

func TestDualStack(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.start(Config{})
	e.createService("default", webService("web", func(s *apiobj.Service) {
		s.Spec.ClusterIP = apiobj.ClusterIPNone
		s.Spec.IPFamilies = []apiobj.IPFamily{apiobj.IPv4Protocol, apiobj.IPv6Protocol}
		s.Spec.IPFamilyPolicy = apiobj.Ptr(apiobj.IPFamilyPolicyPreferDualStack)
	}))
	e.createPod("default", "a", []string{"10.0.0.1", "fd00::1"}, true)
	e.waitSummary("default", "web", []string{
		"IPv4 10.0.0.1 r s !t [http:8080]",
		"IPv6 fd00::1 r s !t [http:8080]",
	})
}

func TestSlicesOfAtMost100(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.start(Config{})
	e.createService("default", webService("web", nil))
	var want []string
	for i := range 250 {
		ip := fmt.Sprintf("10.0.%d.%d", i/200, i%200+1)
		e.createPod("default", fmt.Sprintf("p%03d", i), []string{ip}, true)
		want = append(want, fmt.Sprintf("IPv4 %s r s !t [http:8080]", ip))
	}
	byPod := slices.Clone(want)
	sort.Strings(want)
	e.waitSummary("default", "web", want)
	ss := e.slicesOf("default", "web")
	require.Len(t, ss, 3)
	for _, s := range ss {
		require.LessOrEqual(t, len(s.Endpoints), 100)
	}

	// Deleting pods shrinks the endpoints without new slices.
	for i := range 50 {
		e.deletePod("default", fmt.Sprintf("p%03d", i))
	}
	rest := byPod[50:]
	sort.Strings(rest)
	e.waitSummary("default", "web", rest)
	require.LessOrEqual(t, len(e.slicesOf("default", "web")), 3)
}

func TestPodDeletionShrinksToPlaceholder(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.start(Config{MaxEndpointsPerSlice: 2})
	e.createService("default", webService("web", nil))
	for i := range 5 {
		e.createPod("default", fmt.Sprintf("p%d", i), []string{fmt.Sprintf("10.0.0.%d", i+1)}, true)
	}
	e.waitFor("three slices of at most two", func() (bool, error) {
		ss := e.slicesOf("default", "web")
		return len(ss) == 3 && len(summary(ss)) == 5, nil
	})
	for i := range 5 {
		e.deletePod("default", fmt.Sprintf("p%d", i))
	}
	e.waitFor("one empty placeholder slice", func() (bool, error) {
		ss := e.slicesOf("default", "web")
		return len(ss) == 1 && len(ss[0].Endpoints) == 0, nil
	})
}

func TestServiceDeletionDeletesSlices(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.start(Config{})
	e.createService("default", webService("web", nil))
	e.createPod("default", "a", []string{"10.0.0.1"}, true)
	e.waitSummary("default", "web", []string{"IPv4 10.0.0.1 r s !t [http:8080]"})
	require.NoError(t, client.For[*apiobj.Service](e.c).Namespace("default").Delete(e.ctx, "web"))
	e.waitFor("slices deleted", func() (bool, error) { return len(e.slicesOf("default", "web")) == 0, nil })
}

func TestSelectorlessServiceLeftAlone(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.start(Config{})
	e.createService("default", webService("ext", func(s *apiobj.Service) { s.Spec.Selector = nil }))
	e.createService("default", webService("web", nil))
	e.createPod("default", "a", []string{"10.0.0.1"}, true)
	e.waitSummary("default", "web", []string{"IPv4 10.0.0.1 r s !t [http:8080]"})
	require.Empty(t, e.slicesOf("default", "ext"))
}

func TestSliceRestoredAfterTampering(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.start(Config{})
	e.createService("default", webService("web", nil))
	e.createPod("default", "a", []string{"10.0.0.1"}, true)
	want := []string{"IPv4 10.0.0.1 r s !t [http:8080]"}
	e.waitSummary("default", "web", want)
	s := e.slicesOf("default", "web")[0]
	s.Endpoints = []apiobj.Endpoint{}
	_, err := client.For[*apiobj.EndpointSlice](e.c).Namespace("default").Update(e.ctx, s)
	require.NoError(t, err)
	e.waitSummary("default", "web", want)
}

func TestEnsureAPIServerEndpoints(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	require.NoError(t, EnsureAPIServerEndpoints(e.ctx, e.c, "192.0.2.1", 6443))
	eps := client.For[*apiobj.Endpoints](e.c).Namespace("default")
	ep, err := eps.Get(e.ctx, APIServerServiceName)
	require.NoError(t, err)
	require.Equal(t, "192.0.2.1", ep.Subsets[0].Addresses[0].IP)
	require.Equal(t, int32(6443), ep.Subsets[0].Ports[0].Port)
	res := client.For[*apiobj.EndpointSlice](e.c).Namespace("default")
	s, err := res.Get(e.ctx, APIServerServiceName)
	require.NoError(t, err)
	require.Equal(t, []string{"IPv4 192.0.2.1 r s !t [https:6443]"}, summary([]*apiobj.EndpointSlice{s}))

	// Calling again writes nothing.
	require.NoError(t, EnsureAPIServerEndpoints(e.ctx, e.c, "192.0.2.1", 6443))
	ep2, err := eps.Get(e.ctx, APIServerServiceName)
	require.NoError(t, err)
	s2, err := res.Get(e.ctx, APIServerServiceName)
	require.NoError(t, err)
	require.Equal(t, ep.ResourceVersion, ep2.ResourceVersion)
	require.Equal(t, s.ResourceVersion, s2.ResourceVersion)

	// A new address of the other family replaces the slice.
	require.NoError(t, EnsureAPIServerEndpoints(e.ctx, e.c, "fd00::10", 443))
	s3, err := res.Get(e.ctx, APIServerServiceName)
	require.NoError(t, err)
	require.Equal(t, []string{"IPv6 fd00::10 r s !t [https:443]"}, summary([]*apiobj.EndpointSlice{s3}))

	require.ErrorIs(t, EnsureAPIServerEndpoints(e.ctx, e.c, "not-an-ip", 443), errdefs.ErrInvalid)
	require.ErrorIs(t, EnsureAPIServerEndpoints(e.ctx, e.c, "192.0.2.1", 0), errdefs.ErrInvalid)
}

func TestConfigValidate(t *testing.T) {
	t.Parallel()
	c := &client.Client{}
	tests := []struct {
		name string
		cfg  Config
		ok   bool
	}{
		{name: "no client", cfg: Config{}},
		{name: "negative workers", cfg: Config{Client: c, Workers: -1}},
		{name: "too many per slice", cfg: Config{Client: c, MaxEndpointsPerSlice: 1001}},
		{name: "defaults", cfg: Config{Client: c}, ok: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := New(tt.cfg)
			require.Equal(t, tt.ok, err == nil, "err: %v", err)
		})
	}
}

func TestAPIServerSliceLeftAlone(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	require.NoError(t, EnsureAPIServerEndpoints(e.ctx, e.c, "192.0.2.1", 6443))
	res := client.For[*apiobj.EndpointSlice](e.c).Namespace("default")
	before, err := res.Get(e.ctx, APIServerServiceName)
	require.NoError(t, err)
	e.start(Config{})
	// A selector-based Service synced later proves the controller ran.
	e.createService("default", webService("web", nil))
	e.createPod("default", "a", []string{"10.0.0.1"}, true)
	e.waitSummary("default", "web", []string{"IPv4 10.0.0.1 r s !t [http:8080]"})
	after, err := res.Get(e.ctx, APIServerServiceName)
	require.NoError(t, err)
	require.Equal(t, before.ResourceVersion, after.ResourceVersion)
}

func TestZoneFollowsNodeLabel(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	nodes := client.For[*apiobj.Node](e.c)
	_, err := nodes.Create(e.ctx, &apiobj.Node{ObjectMeta: apiobj.ObjectMeta{Name: "n1"}})
	require.NoError(t, err)
	e.start(Config{})
	e.createService("default", webService("web", nil))
	e.createPod("default", "a", []string{"10.0.0.1"}, true, onNode("n1"))
	e.waitSummary("default", "web", []string{"IPv4 10.0.0.1 r s !t [http:8080] node=n1"})
	n, err := nodes.Get(e.ctx, "n1")
	require.NoError(t, err)
	n.Labels = map[string]string{apiobj.LabelTopologyZone: "zone-b"}
	_, err = nodes.Update(e.ctx, n)
	require.NoError(t, err)
	e.waitSummary("default", "web", []string{"IPv4 10.0.0.1 r s !t [http:8080] node=n1 zone=zone-b"})
}
