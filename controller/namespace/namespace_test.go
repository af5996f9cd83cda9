package namespace

import (
	"context"
	"fmt"
	"runtime"
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

func (e *env) start() {
	e.t.Helper()
	nc, err := New(Config{Client: e.c, Workers: 2})
	require.NoError(e.t, err)
	ctx, cancel := context.WithCancel(e.ctx)
	done := make(chan error, 1)
	go func() { done <- nc.Run(ctx) }()
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

func (e *env) namespaces() *client.Resource[*apiobj.Namespace] {
	return client.For[*apiobj.Namespace](e.c)
}

func (e *env) namespaceGone(name string) func() (bool, error) {
	return func() (bool, error) {
		_, err := e.namespaces().Get(e.ctx, name)
		if errdefs.IsNotFound(err) {
			return true, nil
		}
		return false, err
	}
}

var gadgetGVK = apiobj.GroupVersionKind{Group: "example.com", Version: "v1", Kind: "Gadget"}

func (e *env) gadgets(ns string) *client.Resource[*apiobj.Unstructured] {
	return client.DynamicScoped(e.c, gadgetGVK.GroupVersion().WithResource("gadgets"), gadgetGVK, true).Namespace(ns)
}

func (e *env) createCRD() {
	e.t.Helper()
	schema := &apiobj.JSONSchemaProps{Type: "object", XPreserveUnknownFields: apiobj.Bool(true)}
	_, err := client.For[*apiobj.CustomResourceDefinition](e.c).Create(e.ctx, &apiobj.CustomResourceDefinition{
		ObjectMeta: apiobj.ObjectMeta{Name: "gadgets.example.com"},
		Spec: apiobj.CustomResourceDefinitionSpec{
			Group: "example.com", Scope: apiobj.NamespaceScoped,
			Names: apiobj.CustomResourceDefinitionNames{Plural: "gadgets", Singular: "gadget", Kind: "Gadget", ListKind: "GadgetList"},
			Versions: []apiobj.CustomResourceDefinitionVersion{{Name: "v1", Served: true, Storage: true,
				Schema: &apiobj.CustomResourceValidation{OpenAPIV3Schema: schema}}},
		},
	})
	require.NoError(e.t, err)
}

func (e *env) createNamespace(name string) {
	e.t.Helper()
	_, err := e.namespaces().Create(e.ctx, &apiobj.Namespace{ObjectMeta: apiobj.ObjectMeta{Name: name}})
	require.NoError(e.t, err)
}

func (e *env) fill(ns string, n int) {
	e.t.Helper()
	for i := range n {
		_, err := client.For[*apiobj.ConfigMap](e.c).Namespace(ns).Create(e.ctx, &apiobj.ConfigMap{ObjectMeta: apiobj.ObjectMeta{Name: fmt.Sprintf("cm-%d", i)}})
		require.NoError(e.t, err)
		_, err = client.For[*apiobj.Secret](e.c).Namespace(ns).Create(e.ctx, &apiobj.Secret{ObjectMeta: apiobj.ObjectMeta{Name: fmt.Sprintf("s-%d", i)}})
		require.NoError(e.t, err)
		_, err = client.For[*apiobj.Pod](e.c).Namespace(ns).Create(e.ctx, &apiobj.Pod{ObjectMeta: apiobj.ObjectMeta{Name: fmt.Sprintf("p-%d", i)},
			Spec: apiobj.PodSpec{Containers: []apiobj.Container{{Name: "c", Image: "busybox"}}}})
		require.NoError(e.t, err)
		u := apiobj.NewUnstructured(gadgetGVK)
		u.SetName(fmt.Sprintf("g-%d", i))
		u.SetNamespace(ns)
		_, err = e.gadgets(ns).Create(e.ctx, u)
		require.NoError(e.t, err)
	}
}

// countIn counts the objects of the test's kinds in ns.
func (e *env) countIn(ns string) int {
	e.t.Helper()
	cms, _, err := client.For[*apiobj.ConfigMap](e.c).Namespace(ns).List(e.ctx, client.ListOptions{})
	require.NoError(e.t, err)
	secrets, _, err := client.For[*apiobj.Secret](e.c).Namespace(ns).List(e.ctx, client.ListOptions{})
	require.NoError(e.t, err)
	pods, _, err := client.For[*apiobj.Pod](e.c).Namespace(ns).List(e.ctx, client.ListOptions{})
	require.NoError(e.t, err)
	gadgets, _, err := e.gadgets(ns).List(e.ctx, client.ListOptions{})
	require.NoError(e.t, err)
	return len(cms) + len(secrets) + len(pods) + len(gadgets)
}

func TestDeleteNamespace(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.createCRD()
	e.createNamespace("doomed")
	e.createNamespace("kept")
	e.fill("doomed", 5)
	e.fill("kept", 2)
	e.start()

	require.NoError(t, e.namespaces().Delete(e.ctx, "doomed"))
	e.waitFor("namespace gone", e.namespaceGone("doomed"))
	require.Zero(t, e.countIn("doomed"), "every object of the namespace is deleted, custom ones included")
	require.Equal(t, 8, e.countIn("kept"), "other namespaces are untouched")
	ns, err := e.namespaces().Get(e.ctx, "kept")
	require.NoError(t, err)
	require.Nil(t, ns.DeletionTimestamp)
}

// terminatingStatusWriteDeletes reports whether this API server deletes a
// terminating namespace on any write that leaves its metadata finalizers
// empty, ignoring spec.finalizers. Such a server cannot hold a namespace
// while its content drains and conditions are written.
func (e *env) terminatingStatusWriteDeletes() bool {
	e.t.Helper()
	e.createNamespace("probe")
	require.NoError(e.t, e.namespaces().Delete(e.ctx, "probe"))
	ns, err := e.namespaces().Get(e.ctx, "probe")
	require.NoError(e.t, err)
	ns.Status.Conditions = []apiobj.NamespaceCondition{{Type: apiobj.NamespaceContentRemaining, Status: apiobj.ConditionFalse}}
	_, err = e.namespaces().UpdateStatus(e.ctx, ns)
	require.NoError(e.t, err)
	_, err = e.namespaces().Get(e.ctx, "probe")
	if errdefs.IsNotFound(err) {
		return true
	}
	require.NoError(e.t, err)
	return false
}

// TestGracefulPodsKeepNamespace: a pod on a node is only marked for
// deletion, and the namespace waits for it, reporting ContentRemaining.
func TestGracefulPodsKeepNamespace(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	if e.terminatingStatusWriteDeletes() {
		t.Skip("the API server deletes a terminating namespace on a status write while spec.finalizers still holds " +
			"\"kubernetes\" (apiserver/registry updateOnce); the namespace cannot wait for its content")
	}
	e.createNamespace("draining")
	pods := client.For[*apiobj.Pod](e.c).Namespace("draining")
	p, err := pods.Create(e.ctx, &apiobj.Pod{ObjectMeta: apiobj.ObjectMeta{Name: "running"},
		Spec: apiobj.PodSpec{NodeName: "node-1", TerminationGracePeriodSeconds: apiobj.Int64(1),
			Containers: []apiobj.Container{{Name: "c", Image: "busybox"}}}})
	require.NoError(t, err)
	p.Status.Phase = apiobj.PodRunning
	_, err = pods.UpdateStatus(e.ctx, p)
	require.NoError(t, err)
	e.start()

	require.NoError(t, e.namespaces().Delete(e.ctx, "draining"))
	e.waitFor("ContentRemaining reported", func() (bool, error) {
		ns, err := e.namespaces().Get(e.ctx, "draining")
		if err != nil {
			return false, err
		}
		for _, c := range ns.Status.Conditions {
			if c.Type == apiobj.NamespaceContentRemaining && c.Status == apiobj.ConditionTrue {
				require.Equal(t, "SomeResourcesRemain", c.Reason)
				require.Contains(t, c.Message, "pods has 1 resource instances")
				return true, nil
			}
		}
		return false, nil
	})
	got, err := pods.Get(e.ctx, "running")
	require.NoError(t, err)
	require.NotNil(t, got.DeletionTimestamp, "the pod is marked for graceful deletion")
	ns, err := e.namespaces().Get(e.ctx, "draining")
	require.NoError(t, err, "the namespace waits for the pod")
	require.Contains(t, ns.Spec.Finalizers, apiobj.FinalizerKubernetes)

	// The node agent confirms the pod stopped.
	require.NoError(t, pods.Delete(e.ctx, "running", client.DeleteOptions{GracePeriodSeconds: apiobj.Int64(0)}))
	e.waitFor("namespace gone once the pod went", e.namespaceGone("draining"))
}

// TestActiveNamespaceUntouched: the controller never deletes content of a
// namespace that is not terminating.
func TestActiveNamespaceUntouched(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.createCRD()
	e.createNamespace("active")
	e.fill("active", 2)
	nc, err := New(Config{Client: e.c})
	require.NoError(t, err)
	require.NoError(t, nc.sync(e.ctx, "active"))
	require.NoError(t, nc.sync(e.ctx, "missing"))
	require.Equal(t, 8, e.countIn("active"))
}

func TestConditions(t *testing.T) {
	t.Parallel()
	now := apiobj.NewTime(time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC))
	tests := []struct {
		name string
		p    progress
		want map[apiobj.NamespaceConditionType]string // type -> reason
	}{
		{name: "all done", p: progress{}, want: map[apiobj.NamespaceConditionType]string{
			apiobj.NamespaceDeletionDiscoveryFailure: "ResourcesDiscovered",
			apiobj.NamespaceDeletionGVParsingFailure: "ParsedGroupVersions",
			apiobj.NamespaceDeletionContentFailure:   "ContentDeleted",
			apiobj.NamespaceContentRemaining:         "ContentRemoved",
			apiobj.NamespaceFinalizersRemaining:      "ContentHasNoFinalizers",
		}},
		{name: "remaining with finalizers", p: progress{remaining: map[string]int{"pods": 2}, finalizers: map[string]int{"example.com/x": 1}},
			want: map[apiobj.NamespaceConditionType]string{
				apiobj.NamespaceDeletionDiscoveryFailure: "ResourcesDiscovered",
				apiobj.NamespaceDeletionGVParsingFailure: "ParsedGroupVersions",
				apiobj.NamespaceDeletionContentFailure:   "ContentDeleted",
				apiobj.NamespaceContentRemaining:         "SomeResourcesRemain",
				apiobj.NamespaceFinalizersRemaining:      "SomeFinalizersRemain",
			}},
		{name: "failures", p: progress{discoveryErr: fmt.Errorf("boom"), deleteErrs: []error{fmt.Errorf("widgets: denied")}},
			want: map[apiobj.NamespaceConditionType]string{
				apiobj.NamespaceDeletionDiscoveryFailure: "DiscoveryFailed",
				apiobj.NamespaceDeletionGVParsingFailure: "ParsedGroupVersions",
				apiobj.NamespaceDeletionContentFailure:   "ContentDeletionFailed",
				apiobj.NamespaceContentRemaining:         "ContentRemoved",
				apiobj.NamespaceFinalizersRemaining:      "ContentHasNoFinalizers",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			conds := conditionsFor(tt.p, now)
			require.Len(t, conds, len(tt.want))
			for _, c := range conds {
				require.Equal(t, tt.want[c.Type], c.Reason, c.Type)
				wantStatus := apiobj.ConditionFalse
				if c.Reason != okConditions[c.Type][0] {
					wantStatus = apiobj.ConditionTrue
				}
				require.Equal(t, wantStatus, c.Status, c.Type)
			}
			var st apiobj.NamespaceStatus
			require.True(t, mergeConditions(&st, conds))
			require.False(t, mergeConditions(&st, conditionsFor(tt.p, apiobj.NewTime(now.Add(time.Hour)))), "same conditions later change nothing")
		})
	}
	remaining := conditionsFor(progress{remaining: map[string]int{"pods": 2, "widgets.example.com": 1}}, now)[3]
	require.Equal(t, "Some resources are remaining: pods has 2 resource instances, widgets.example.com has 1 resource instances", remaining.Message)
}
