package controller_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller"
	"github.com/orcaproj/orca/controller/controllertest"
	"github.com/orcaproj/orca/controller/predicate"
)

const wait = 20 * time.Second

// seen records the requests a reconciler got, in order.
type seen struct {
	mu   sync.Mutex
	reqs []controller.Request
}

func (s *seen) add(r controller.Request) {
	s.mu.Lock()
	s.reqs = append(s.reqs, r)
	s.mu.Unlock()
}

func (s *seen) count(r controller.Request) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, x := range s.reqs {
		if x == r {
			n++
		}
	}
	return n
}

func (s *seen) all() []controller.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]controller.Request(nil), s.reqs...)
}

// reset forgets what was seen so far.
func (s *seen) reset() {
	s.mu.Lock()
	s.reqs = nil
	s.mu.Unlock()
}

func (s *seen) waitFor(t *testing.T, r controller.Request, n int) {
	t.Helper()
	controllertest.Eventually(t, wait, "a reconcile of "+r.String(), func() bool { return s.count(r) >= n })
}

func (s *seen) reconciler() controller.Reconciler {
	return controller.ReconcilerFunc(func(_ context.Context, r controller.Request) (controller.Result, error) {
		s.add(r)
		return controller.Result{}, nil
	})
}

func req(name string) controller.Request { return controller.Request{Namespace: "default", Name: name} }

// run starts mgr and stops it when t ends, checking that Run returned nil.
func run(t *testing.T, mgr *controller.Manager) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- mgr.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			require.NoError(t, err)
		case <-time.After(wait):
			t.Error("the manager did not stop")
		}
	})
}

func newManager(t *testing.T, env *controllertest.Env) *controller.Manager {
	t.Helper()
	mgr, err := controller.NewManager(controller.ManagerConfig{Client: env.Client, Registry: prometheus.NewRegistry()})
	require.NoError(t, err)
	return mgr
}

func cm(name string, labels map[string]string) *apiobj.ConfigMap {
	return &apiobj.ConfigMap{ObjectMeta: apiobj.ObjectMeta{Name: name, Namespace: "default", Labels: labels}}
}

func ownedSecret(name string, ref apiobj.OwnerReference) *apiobj.Secret {
	return &apiobj.Secret{ObjectMeta: apiobj.ObjectMeta{Name: name, Namespace: "default", OwnerReferences: []apiobj.OwnerReference{ref}}}
}

func TestForOwnsWatchesMapping(t *testing.T) {
	t.Parallel()
	env := controllertest.Start(t)
	ctx := context.Background()
	mgr := newManager(t, env)
	var s seen
	c, err := controller.NewBuilder(mgr).
		For(controller.Kind[*apiobj.ConfigMap]()).
		Owns(controller.Kind[*apiobj.Secret]()).
		Watches(controller.Kind[*apiobj.Service](), controller.Map(func(_ context.Context, svc *apiobj.Service) []controller.Request {
			if name := svc.Labels["for"]; name != "" {
				return []controller.Request{req(name)}
			}
			return nil
		})).
		Build(s.reconciler())
	require.NoError(t, err)
	require.Equal(t, "configmap", c.Name(), "named after the primary kind")
	run(t, mgr)

	cms := client.For[*apiobj.ConfigMap](env.Client).Namespace("default")
	owner, err := cms.Create(ctx, cm("owner", nil))
	require.NoError(t, err)
	s.waitFor(t, req("owner"), 1)

	cmKind := apiobj.CoreV1.WithKind("ConfigMap")
	secrets := client.For[*apiobj.Secret](env.Client).Namespace("default")
	notController := apiobj.NewControllerRef(owner, cmKind)
	notController.Controller = apiobj.Bool(false)
	notController.Name = "plain-owner"
	otherKind := apiobj.NewControllerRef(owner, apiobj.AppsV1.WithKind("Deployment"))
	otherKind.Name = "deployment-owner"
	for _, sec := range []*apiobj.Secret{
		ownedSecret("not-controller", notController),
		ownedSecret("other-kind", otherKind),
		ownedSecret("owned", apiobj.NewControllerRef(owner, cmKind)),
	} {
		_, err := secrets.Create(ctx, sec)
		require.NoError(t, err)
	}
	s.waitFor(t, req("owner"), 2)
	require.Zero(t, s.count(req("plain-owner")), "only controller references map")
	require.Zero(t, s.count(req("deployment-owner")), "only owners of the primary kind map")

	// Deleting the owned secret requests its owner again.
	require.NoError(t, secrets.Delete(ctx, "owned"))
	s.waitFor(t, req("owner"), 3)

	svcs := client.For[*apiobj.Service](env.Client).Namespace("default")
	_, err = svcs.Create(ctx, &apiobj.Service{
		ObjectMeta: apiobj.ObjectMeta{Name: "svc", Namespace: "default", Labels: map[string]string{"for": "mapped"}},
		Spec:       apiobj.ServiceSpec{Ports: []apiobj.ServicePort{{Port: 80}}},
	})
	require.NoError(t, err)
	s.waitFor(t, req("mapped"), 1)
	// An update maps both the old and the new object.
	_, err = svcs.Patch(ctx, "svc", client.MergePatch, []byte(`{"metadata":{"labels":{"for":"remapped"}}}`), "")
	require.NoError(t, err)
	s.waitFor(t, req("remapped"), 1)
	s.waitFor(t, req("mapped"), 2)
}

func TestPredicatesFilterEvents(t *testing.T) {
	t.Parallel()
	env := controllertest.Start(t)
	ctx := context.Background()
	mgr := newManager(t, env)
	var s seen
	err := controller.NewBuilder(mgr).
		For(controller.Kind[*apiobj.Deployment]()).
		WithEventFilter(predicate.Or(predicate.GenerationChanged(), predicate.LabelsChanged())).
		Complete(s.reconciler())
	require.NoError(t, err)
	run(t, mgr)

	deps := client.For[*apiobj.Deployment](env.Client).Namespace("default")
	d := &apiobj.Deployment{
		ObjectMeta: apiobj.ObjectMeta{Name: "web", Namespace: "default"},
		Spec: apiobj.DeploymentSpec{
			Replicas: apiobj.Int32(1),
			Selector: &apiobj.LabelSelector{MatchLabels: map[string]string{"app": "web"}},
			Template: apiobj.PodTemplateSpec{
				ObjectMeta: apiobj.ObjectMeta{Labels: map[string]string{"app": "web"}},
				Spec:       apiobj.PodSpec{Containers: []apiobj.Container{{Name: "c", Image: "busybox"}}},
			},
		},
	}
	created, err := deps.Create(ctx, d)
	require.NoError(t, err)
	s.waitFor(t, req("web"), 1)

	// A status update changes neither generation nor labels: filtered.
	st := created.DeepCopy()
	st.Status.ObservedGeneration = 1
	_, err = deps.UpdateStatus(ctx, st)
	require.NoError(t, err)
	// An annotation change neither: filtered.
	_, err = deps.Patch(ctx, "web", client.MergePatch, []byte(`{"metadata":{"annotations":{"a":"b"}}}`), "")
	require.NoError(t, err)
	// A label change passes.
	_, err = deps.Patch(ctx, "web", client.MergePatch, []byte(`{"metadata":{"labels":{"l":"1"}}}`), "")
	require.NoError(t, err)
	s.waitFor(t, req("web"), 2)
	// A spec change passes.
	_, err = deps.Patch(ctx, "web", client.MergePatch, []byte(`{"spec":{"replicas":2}}`), "")
	require.NoError(t, err)
	s.waitFor(t, req("web"), 3)
	// Only the label and spec changes reconciled: the filtered updates came
	// first on the same informer, so they would have been seen by now.
	require.Equal(t, 3, s.count(req("web")))
}

func TestResultsErrorsAndPanics(t *testing.T) {
	t.Parallel()
	env := controllertest.Start(t)
	ctx := context.Background()
	reg := prometheus.NewRegistry()
	mgr, err := controller.NewManager(controller.ManagerConfig{Client: env.Client, Registry: reg})
	require.NoError(t, err)

	var s seen
	var mu sync.Mutex
	calls := map[string]int{}
	r := controller.ReconcilerFunc(func(ctx context.Context, r controller.Request) (controller.Result, error) {
		s.add(r)
		mu.Lock()
		calls[r.Name]++
		n := calls[r.Name]
		mu.Unlock()
		controller.LoggerFrom(ctx).Debug("reconciling")
		switch r.Name {
		case "flaky": // fails twice, then succeeds
			if n <= 2 {
				return controller.Result{}, errors.New("not yet")
			}
		case "hopeless":
			return controller.Result{}, controller.TerminalError(errors.New("bad spec"))
		case "panicky":
			if n == 1 {
				panic("boom")
			}
		case "again": // asks to be looked at twice more
			if n <= 2 {
				return controller.Result{RequeueAfter: 20 * time.Millisecond}, nil
			}
		case "backoff":
			if n == 1 {
				return controller.Result{Requeue: true}, nil
			}
		}
		return controller.Result{}, nil
	})
	require.NoError(t, controller.NewBuilder(mgr).For(controller.Kind[*apiobj.ConfigMap]()).Complete(r))
	run(t, mgr)

	cms := client.For[*apiobj.ConfigMap](env.Client).Namespace("default")
	for _, n := range []string{"flaky", "hopeless", "panicky", "again", "backoff"} {
		_, err := cms.Create(ctx, cm(n, nil))
		require.NoError(t, err)
	}
	s.waitFor(t, req("flaky"), 3)
	s.waitFor(t, req("panicky"), 2)
	s.waitFor(t, req("again"), 3)
	s.waitFor(t, req("backoff"), 2)
	s.waitFor(t, req("hopeless"), 1)
	// A terminal error is not retried: a later request of the same worker
	// queue has been handled, and hopeless was still seen once.
	_, err = cms.Create(ctx, cm("sentinel", nil))
	require.NoError(t, err)
	s.waitFor(t, req("sentinel"), 1)
	require.Equal(t, 1, s.count(req("hopeless")))

	got := gatherCounters(t, reg, "configmap")
	require.Equal(t, 1.0, got[controller.MetricReconcilePanics])
	require.Equal(t, 1.0, got[controller.MetricTerminalReconcileErrors])
	require.Equal(t, 4.0, got[controller.MetricReconcileErrors], "two flaky, one terminal, one panic")
	require.Equal(t, 2.0, got[controller.MetricReconcileTotal+"/requeue_after"])
	require.Equal(t, 1.0, got[controller.MetricReconcileTotal+"/requeue"])
}

func gatherCounters(t *testing.T, reg *prometheus.Registry, ctrl string) map[string]float64 {
	t.Helper()
	mfs, err := reg.Gather()
	require.NoError(t, err)
	out := map[string]float64{}
	for _, mf := range mfs {
		for _, m := range mf.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			if labels["controller"] != ctrl || m.Counter == nil {
				continue
			}
			name := mf.GetName()
			if r, ok := labels["result"]; ok {
				name += "/" + r
			}
			out[name] = m.GetCounter().GetValue()
		}
	}
	return out
}

func TestCustomKindsThroughDynamic(t *testing.T) {
	t.Parallel()
	env := controllertest.Start(t)
	ctx := context.Background()
	crds := client.For[*apiobj.CustomResourceDefinition](env.Client)
	crd := &apiobj.CustomResourceDefinition{}
	require.NoError(t, env.Client.Codec().DecodeInto([]byte(`{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
"metadata":{"name":"websites.example.com"},
"spec":{"group":"example.com","scope":"Namespaced","names":{"plural":"websites","singular":"website","kind":"Website","listKind":"WebsiteList"},
"versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}`), crd))
	_, err := crds.Create(ctx, crd)
	require.NoError(t, err)

	gvr := apiobj.GroupVersionResource{Group: "example.com", Version: "v1", Resource: "websites"}
	gvk := apiobj.GroupVersionKind{Group: "example.com", Version: "v1", Kind: "Website"}
	websites := client.DynamicScoped(env.Client, gvr, gvk, true).Namespace("default")
	controllertest.Eventually(t, wait, "the websites resource to be served", func() bool {
		_, _, err := websites.List(ctx, client.ListOptions{})
		return err == nil
	})

	mgr := newManager(t, env)
	var s seen
	require.Error(t, controller.NewBuilder(mgr).For(controller.Dynamic(gvr)).Complete(s.reconciler()),
		"Dynamic needs the resource in the scheme")
	require.Error(t, controller.NewBuilder(mgr).For(controller.Kind[*apiobj.Unstructured]()).Complete(s.reconciler()))
	require.NoError(t, controller.NewBuilder(mgr).
		For(controller.DynamicScoped(gvr, gvk, true)).
		Owns(controller.Kind[*apiobj.ConfigMap]()).
		Complete(s.reconciler()))
	run(t, mgr)

	w := apiobj.NewUnstructured(gvk)
	w.SetName("blog")
	w.SetNamespace("default")
	apiobj.SetNestedField(w.Object, "nginx", "spec", "image")
	created, err := websites.Create(ctx, w)
	require.NoError(t, err)
	s.waitFor(t, req("blog"), 1)

	owned := cm("blog-content", nil)
	owned.OwnerReferences = []apiobj.OwnerReference{apiobj.NewControllerRef(created, gvk)}
	_, err = client.For[*apiobj.ConfigMap](env.Client).Namespace("default").Create(ctx, owned)
	require.NoError(t, err)
	s.waitFor(t, req("blog"), 2)

	// With the kind in the scheme, Dynamic finds it by resource.
	require.NoError(t, env.Client.Scheme().AddKind(apiobj.KindInfo{GroupVersionKind: gvk, Resource: "websites", Namespaced: true}))
	mgr2 := newManager(t, env)
	var s2 seen
	require.NoError(t, controller.NewBuilder(mgr2).Named("websites-again").For(controller.Dynamic(gvr)).Complete(s2.reconciler()))
	run(t, mgr2)
	s2.waitFor(t, req("blog"), 1)
}

// TestOneWorkerPerRequest runs four workers over a few hot objects and
// checks that no request is reconciled by two workers at once.
func TestOneWorkerPerRequest(t *testing.T) {
	t.Parallel()
	env := controllertest.Start(t)
	ctx := context.Background()
	mgr := newManager(t, env)
	var inFlight sync.Map
	var overlap, total atomic.Int64
	r := controller.ReconcilerFunc(func(_ context.Context, r controller.Request) (controller.Result, error) {
		if _, busy := inFlight.LoadOrStore(r, true); busy {
			overlap.Add(1)
		}
		total.Add(1)
		time.Sleep(time.Millisecond) // hold the request a while, to give a second worker a chance
		inFlight.Delete(r)
		return controller.Result{}, nil
	})
	require.NoError(t, controller.NewBuilder(mgr).For(controller.Kind[*apiobj.ConfigMap]()).
		WithOptions(controller.Options{MaxConcurrentReconciles: 4}).Complete(r))
	run(t, mgr)
	cms := client.For[*apiobj.ConfigMap](env.Client).Namespace("default")
	for i := range 3 {
		_, err := cms.Create(ctx, cm(string(rune('a'+i)), nil))
		require.NoError(t, err)
	}
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 40 {
				_, err := cms.Patch(ctx, string(rune('a'+i)), client.MergePatch,
					[]byte(`{"data":{"n":"`+string(rune('0'+j%10))+`"}}`), "")
				if err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	controllertest.Eventually(t, wait, "reconciles", func() bool { return total.Load() >= 3 })
	require.Zero(t, overlap.Load())
}

func TestManagerEndpointsAndHealth(t *testing.T) {
	t.Parallel()
	env := controllertest.Start(t)
	mgr, err := controller.NewManager(controller.ManagerConfig{Client: env.Client,
		MetricsAddr: "127.0.0.1:0", HealthAddr: "127.0.0.1:0"})
	require.NoError(t, err)
	var s seen
	require.NoError(t, controller.NewBuilder(mgr).For(controller.Kind[*apiobj.ConfigMap]()).Complete(s.reconciler()))
	require.Error(t, controller.NewBuilder(mgr).For(controller.Kind[*apiobj.ConfigMap]()).Complete(s.reconciler()),
		"controller names are unique")
	mgr.AddReadyzCheck("custom", func(*http.Request) error { return nil })
	run(t, mgr)
	<-mgr.Elected()

	get := func(addr, path string) (int, string) {
		resp, err := http.Get("http://" + addr + path)
		require.NoError(t, err)
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp.StatusCode, string(b)
	}
	controllertest.Eventually(t, wait, "the endpoints", func() bool { return mgr.HealthAddr() != "" && mgr.MetricsAddr() != "" })
	code, body := get(mgr.HealthAddr(), "/healthz")
	require.Equal(t, 200, code)
	require.Equal(t, "ok", body)
	controllertest.Eventually(t, wait, "readiness", func() bool {
		code, _ := get(mgr.HealthAddr(), "/readyz")
		return code == 200
	})
	_, body = get(mgr.HealthAddr(), "/readyz?verbose")
	require.Contains(t, body, "[+]informers ok")
	require.Contains(t, body, "[+]custom ok")
	mgr.AddHealthzCheck("broken", func(*http.Request) error { return errors.New("disk on fire") })
	code, body = get(mgr.HealthAddr(), "/healthz")
	require.Equal(t, 500, code)
	require.Contains(t, body, "[-]broken failed: disk on fire")

	_, err = client.For[*apiobj.ConfigMap](env.Client).Namespace("default").Create(context.Background(), cm("m", nil))
	require.NoError(t, err)
	s.waitFor(t, req("m"), 1)
	_, body = get(mgr.MetricsAddr(), "/metrics")
	for _, want := range []string{
		`controller_runtime_reconcile_total{controller="configmap",result="success"}`,
		`workqueue_adds_total{name="configmap"}`,
		`workqueue_depth{name="configmap"}`,
		`workqueue_longest_running_processor_seconds{name="configmap"}`,
		`controller_runtime_max_concurrent_reconciles{controller="configmap"} 1`,
		"go_goroutines",
	} {
		require.Contains(t, body, want)
	}
	require.Equal(t, mgr.HealthAddr(), mgr.MetricsAddr(), "without an address of their own they share none")
}

func TestManagerShutsDownGracefully(t *testing.T) {
	t.Parallel()
	env := controllertest.Start(t)
	mgr := newManager(t, env)
	started := make(chan struct{})
	var finished atomic.Bool
	r := controller.ReconcilerFunc(func(ctx context.Context, _ controller.Request) (controller.Result, error) {
		close(started)
		<-ctx.Done()
		time.Sleep(20 * time.Millisecond) // cleanup work after cancellation
		finished.Store(true)
		return controller.Result{}, nil
	})
	require.NoError(t, controller.NewBuilder(mgr).For(controller.Kind[*apiobj.ConfigMap]()).Complete(r))
	var nonLeaderStopped atomic.Bool
	require.NoError(t, mgr.Add(nonLeader(func(ctx context.Context) error {
		<-ctx.Done()
		nonLeaderStopped.Store(true)
		return nil
	})))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- mgr.Run(ctx) }()
	_, err := client.For[*apiobj.ConfigMap](env.Client).Namespace("default").Create(ctx, cm("slow", nil))
	require.NoError(t, err)
	<-started
	cancel()
	require.NoError(t, <-done)
	require.True(t, finished.Load(), "Run waits for in-flight reconciles")
	require.True(t, nonLeaderStopped.Load(), "and for every runnable")
	require.Error(t, mgr.Run(context.Background()), "a manager runs once")
	require.Error(t, mgr.Add(controller.RunnableFunc(func(context.Context) error { return nil })))
}

type nonLeader func(ctx context.Context) error

func (f nonLeader) Run(ctx context.Context) error { return f(ctx) }
func (nonLeader) NeedLeaderElection() bool        { return false }

func TestRunnableErrorStopsManager(t *testing.T) {
	t.Parallel()
	env := controllertest.Start(t)
	mgr := newManager(t, env)
	var stopped atomic.Bool
	require.NoError(t, mgr.Add(controller.RunnableFunc(func(ctx context.Context) error {
		<-ctx.Done()
		stopped.Store(true)
		return nil
	})))
	boom := errors.New("boom")
	require.NoError(t, mgr.Add(nonLeader(func(context.Context) error { return boom })))
	err := mgr.Run(context.Background())
	require.ErrorIs(t, err, boom)
	require.True(t, stopped.Load())

	// A runnable added while running starts at once.
	mgr2 := newManager(t, env)
	run(t, mgr2)
	<-mgr2.Elected()
	ran := make(chan struct{})
	require.NoError(t, mgr2.Add(controller.RunnableFunc(func(ctx context.Context) error {
		close(ran)
		<-ctx.Done()
		return nil
	})))
	<-ran
}

func TestConfigErrors(t *testing.T) {
	t.Parallel()
	_, err := controller.NewManager(controller.ManagerConfig{})
	require.Error(t, err)
	env := controllertest.Start(t)
	mgr := newManager(t, env)
	r := controller.ReconcilerFunc(func(context.Context, controller.Request) (controller.Result, error) {
		return controller.Result{}, nil
	})
	tests := []struct {
		name string
		b    *controller.Builder
		r    controller.Reconciler
		want string
	}{
		{"no For", controller.NewBuilder(mgr), r, "For"},
		{"For twice", controller.NewBuilder(mgr).For(controller.Kind[*apiobj.Pod]()).For(controller.Kind[*apiobj.Pod]()), r, "twice"},
		{"no reconciler", controller.NewBuilder(mgr).For(controller.Kind[*apiobj.Pod]()), nil, "nil"},
		{"zero source", controller.NewBuilder(mgr).For(controller.Source{}), r, "Source"},
		{"negative workers", controller.NewBuilder(mgr).For(controller.Kind[*apiobj.Pod]()).
			WithOptions(controller.Options{MaxConcurrentReconciles: -1}), r, "negative"},
		{"nil map func", controller.NewBuilder(mgr).Named("x").For(controller.Kind[*apiobj.Pod]()).
			Watches(controller.Kind[*apiobj.Node](), nil), r, "nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.b.Complete(tt.r)
			require.Error(t, err)
			require.True(t, strings.Contains(err.Error(), tt.want), err.Error())
		})
	}
	c, err := controller.New(mgr, "bare", r, controller.Options{})
	require.NoError(t, err)
	require.Error(t, c.Watch(controller.Kind[*apiobj.Pod](), controller.Handler{}))
	require.NoError(t, c.Watch(controller.Kind[*apiobj.Pod](), controller.EnqueueObject()))
	require.True(t, c.NeedLeaderElection())
}

func TestTerminalError(t *testing.T) {
	t.Parallel()
	base := errors.New("bad input")
	err := controller.TerminalError(base)
	require.ErrorIs(t, err, controller.ErrTerminal)
	require.ErrorIs(t, err, base)
	require.NotErrorIs(t, base, controller.ErrTerminal)
	require.ErrorIs(t, controller.TerminalError(nil), controller.ErrTerminal)
	require.Equal(t, "default/x", req("x").String())
	require.Equal(t, "node", controller.Request{Name: "node"}.String())
	require.True(t, controller.Result{}.IsZero())
}

// unregistered is a kind no scheme knows.
type unregistered struct{ apiobj.ConfigMap }

func (u *unregistered) DeepCopyObject() apiobj.Object { return &unregistered{*u.ConfigMap.DeepCopy()} }

func TestUnregisteredKindIsAnError(t *testing.T) {
	t.Parallel()
	env := controllertest.Start(t)
	mgr := newManager(t, env)
	r := controller.ReconcilerFunc(func(context.Context, controller.Request) (controller.Result, error) {
		return controller.Result{}, nil
	})
	err := controller.NewBuilder(mgr).Named("u").For(controller.Kind[*unregistered]()).Complete(r)
	require.ErrorContains(t, err, "unregistered")
	c, err := controller.New(mgr, "u2", r, controller.Options{})
	require.NoError(t, err)
	require.Error(t, c.Watch(controller.Kind[*unregistered](), controller.EnqueueObject()))
}
