package registry_test

import (
	"context"
	"errors"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver/registry"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store"
	"github.com/orcaproj/orca/store/memory"
)

type env struct {
	t     *testing.T
	reg   *registry.Registry
	store store.Interface
	ctx   context.Context
}

func newEnv(t *testing.T) *env {
	t.Helper()
	st := memory.New(memory.Config{})
	t.Cleanup(func() { _ = st.Close() })
	reg, err := registry.New(registry.Config{Store: st, Scheme: apiobj.NewScheme()})
	require.NoError(t, err)
	t.Cleanup(reg.Close)
	ctx := context.Background()
	require.NoError(t, reg.Bootstrap(ctx, 6443))
	return &env{t: t, reg: reg, store: st, ctx: ctx}
}

func (e *env) res(gvr apiobj.GroupVersionResource) *registry.Resource {
	e.t.Helper()
	res, err := e.reg.Resource(gvr)
	require.NoError(e.t, err)
	return res
}

var (
	podsGVR    = apiobj.CoreV1.WithResource("pods")
	cmGVR      = apiobj.CoreV1.WithResource("configmaps")
	nsGVR      = apiobj.CoreV1.WithResource("namespaces")
	svcGVR     = apiobj.CoreV1.WithResource("services")
	deployGVR  = apiobj.AppsV1.WithResource("deployments")
	crdGVR     = apiobj.ApiextensionsV1.WithResource("customresourcedefinitions")
	widgetsGVR = apiobj.GroupVersionResource{Group: "example.com", Version: "v1", Resource: "widgets"}
	defaultNS  = "default"
)

func pod(name string) *apiobj.Pod {
	return &apiobj.Pod{
		ObjectMeta: apiobj.ObjectMeta{Name: name, Labels: map[string]string{"app": "web"}},
		Spec:       apiobj.PodSpec{Containers: []apiobj.Container{{Name: "c", Image: "busybox"}}},
	}
}

func cm(name string, data map[string]string) *apiobj.ConfigMap {
	return &apiobj.ConfigMap{ObjectMeta: apiobj.ObjectMeta{Name: name}, Data: data}
}

func code(err error) int32 {
	if err == nil {
		return 0
	}
	return apiobj.StatusFromError(err).Code
}

func TestBootstrap(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, ns := range registry.SystemNamespaces {
		obj, err := e.reg.Get(e.ctx, e.res(nsGVR), "", ns, registry.GetOptions{})
		require.NoError(t, err)
		n := obj.(*apiobj.Namespace)
		assert.Equal(t, apiobj.NamespaceActive, n.Status.Phase)
		assert.Equal(t, []apiobj.FinalizerName{apiobj.FinalizerKubernetes}, n.Spec.Finalizers)
	}
	obj, err := e.reg.Get(e.ctx, e.res(svcGVR), defaultNS, "kubernetes", registry.GetOptions{})
	require.NoError(t, err)
	assert.Equal(t, "10.96.0.1", obj.(*apiobj.Service).Spec.ClusterIP)
	// Idempotent.
	require.NoError(t, e.reg.Bootstrap(e.ctx, 6443))
}

func TestCreateGetUpdateDelete(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.res(cmGVR)
	created, err := e.reg.Create(e.ctx, res, defaultNS, cm("a", map[string]string{"k": "v"}), registry.CreateOptions{})
	require.NoError(t, err)
	assert.NotEmpty(t, created.GetUID())
	assert.NotEmpty(t, created.GetResourceVersion())
	assert.False(t, created.GetCreationTimestamp().IsZero())
	assert.Equal(t, int64(1), created.GetGeneration())
	assert.Equal(t, defaultNS, created.GetNamespace())

	kv, err := e.store.Get(e.ctx, "/registry/core/configmaps/default/a")
	require.NoError(t, err)
	assert.Equal(t, created.GetResourceVersion(), strconv.FormatInt(kv.ModRevision, 10))
	assert.NotContains(t, string(kv.Value), "resourceVersion")

	_, err = e.reg.Create(e.ctx, res, defaultNS, cm("a", nil), registry.CreateOptions{})
	assert.True(t, errors.Is(err, errdefs.ErrAlreadyExists), "%v", err)
	assert.Equal(t, int32(409), code(err))

	got, err := e.reg.Get(e.ctx, res, defaultNS, "a", registry.GetOptions{})
	require.NoError(t, err)
	assert.Equal(t, created.GetResourceVersion(), got.GetResourceVersion())

	// Update with the current resourceVersion.
	upd := got.DeepCopyObject().(*apiobj.ConfigMap)
	upd.Data["k"] = "v2"
	out, err := e.reg.Update(e.ctx, res, defaultNS, "a", replace(upd), registry.UpdateOptions{})
	require.NoError(t, err)
	assert.NotEqual(t, got.GetResourceVersion(), out.GetResourceVersion())
	assert.Equal(t, created.GetUID(), out.GetUID())

	// Stale resourceVersion: 409 Conflict.
	stale := got.DeepCopyObject().(*apiobj.ConfigMap)
	stale.Data["k"] = "v3"
	_, err = e.reg.Update(e.ctx, res, defaultNS, "a", replace(stale), registry.UpdateOptions{})
	statusError := asStatus(t, err)
	assert.Equal(t, apiobj.StatusReasonConflict, statusError.Status.Reason)
	assert.Contains(t, err.Error(), "the object has been modified; please apply your changes to the latest version and try again")

	// No resourceVersion: unconditional.
	stale.ResourceVersion = ""
	out, err = e.reg.Update(e.ctx, res, defaultNS, "a", replace(stale), registry.UpdateOptions{})
	require.NoError(t, err)
	assert.Equal(t, "v3", out.(*apiobj.ConfigMap).Data["k"])

	_, gone, err := e.reg.Delete(e.ctx, res, defaultNS, "a", nil)
	require.NoError(t, err)
	assert.True(t, gone)
	_, err = e.reg.Get(e.ctx, res, defaultNS, "a", registry.GetOptions{})
	assert.Equal(t, int32(404), code(err))
	assert.EqualError(t, err, `configmaps "a" not found`)
}

func replace(obj apiobj.Object) registry.UpdateFunc {
	return func(apiobj.Object) (apiobj.Object, error) { return obj.DeepCopyObject(), nil }
}

func TestNoOpUpdateWritesNothing(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.res(cmGVR)
	created, err := e.reg.Create(e.ctx, res, defaultNS, cm("a", map[string]string{"k": "v"}), registry.CreateOptions{})
	require.NoError(t, err)
	before, err := e.store.CurrentRevision(e.ctx)
	require.NoError(t, err)
	out, err := e.reg.Update(e.ctx, res, defaultNS, "a", replace(created), registry.UpdateOptions{})
	require.NoError(t, err)
	after, err := e.store.CurrentRevision(e.ctx)
	require.NoError(t, err)
	assert.Equal(t, before, after)
	assert.Equal(t, created.GetResourceVersion(), out.GetResourceVersion())
}

func TestValidationErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tests := []struct {
		name   string
		obj    apiobj.Object
		ns     string
		code   int32
		reason apiobj.StatusReason
	}{
		{"invalid name", cm("Not_Valid", nil), defaultNS, 422, apiobj.StatusReasonInvalid},
		{"no name", cm("", nil), defaultNS, 422, apiobj.StatusReasonInvalid},
		{"missing namespace", cm("x", nil), "nope", 404, apiobj.StatusReasonNotFound},
		{"namespace mismatch", &apiobj.ConfigMap{ObjectMeta: apiobj.ObjectMeta{Name: "x", Namespace: "other"}}, defaultNS, 400, apiobj.StatusReasonBadRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.reg.Create(e.ctx, e.res(cmGVR), tc.ns, tc.obj, registry.CreateOptions{})
			st := apiobj.StatusFromError(err)
			assert.Equal(t, tc.code, st.Code, "%v", err)
			assert.Equal(t, tc.reason, st.Reason)
			if tc.code == 422 {
				require.NotNil(t, st.Details)
				assert.NotEmpty(t, st.Details.Causes)
			}
		})
	}
}

func TestGenerateNameAndDryRun(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.res(cmGVR)
	obj := &apiobj.ConfigMap{ObjectMeta: apiobj.ObjectMeta{GenerateName: "gen-"}}
	out, err := e.reg.Create(e.ctx, res, defaultNS, obj, registry.CreateOptions{})
	require.NoError(t, err)
	assert.Regexp(t, `^gen-[a-z0-9]{5}$`, out.GetName())

	before, _ := e.store.CurrentRevision(e.ctx)
	dry, err := e.reg.Create(e.ctx, res, defaultNS, cm("dry", nil), registry.CreateOptions{DryRun: true})
	require.NoError(t, err)
	assert.Empty(t, dry.GetResourceVersion())
	after, _ := e.store.CurrentRevision(e.ctx)
	assert.Equal(t, before, after)
	_, err = e.reg.Get(e.ctx, res, defaultNS, "dry", registry.GetOptions{})
	assert.Equal(t, int32(404), code(err))

	_, _, err = e.reg.Delete(e.ctx, res, defaultNS, out.GetName(), &apiobj.DeleteOptions{DryRun: []string{"All"}})
	require.NoError(t, err)
	_, err = e.reg.Get(e.ctx, res, defaultNS, out.GetName(), registry.GetOptions{})
	require.NoError(t, err)
}

func TestGeneration(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.res(deployGVR)
	d := &apiobj.Deployment{
		ObjectMeta: apiobj.ObjectMeta{Name: "d"},
		Spec: apiobj.DeploymentSpec{
			Replicas: apiobj.Int32(1),
			Selector: &apiobj.LabelSelector{MatchLabels: map[string]string{"app": "d"}},
			Template: apiobj.PodTemplateSpec{
				ObjectMeta: apiobj.ObjectMeta{Labels: map[string]string{"app": "d"}},
				Spec:       apiobj.PodSpec{Containers: []apiobj.Container{{Name: "c", Image: "busybox"}}},
			},
		},
		Status: apiobj.DeploymentStatus{Replicas: 7},
	}
	out, err := e.reg.Create(e.ctx, res, defaultNS, d, registry.CreateOptions{})
	require.NoError(t, err)
	got := out.(*apiobj.Deployment)
	assert.Equal(t, int32(0), got.Status.Replicas, "status is cleared on create")

	// Label change: generation unchanged.
	got.Labels = map[string]string{"x": "y"}
	out, err = e.reg.Update(e.ctx, res, defaultNS, "d", replace(got), registry.UpdateOptions{})
	require.NoError(t, err)
	assert.Equal(t, int64(1), out.GetGeneration())

	// Spec change: generation + 1; status from the main endpoint is ignored.
	got = out.(*apiobj.Deployment)
	got.Spec.Replicas = apiobj.Int32(3)
	got.Status.Replicas = 3
	out, err = e.reg.Update(e.ctx, res, defaultNS, "d", replace(got), registry.UpdateOptions{})
	require.NoError(t, err)
	assert.Equal(t, int64(2), out.GetGeneration())
	assert.Equal(t, int32(0), out.(*apiobj.Deployment).Status.Replicas)

	// Status endpoint: status changes, spec does not.
	got = out.(*apiobj.Deployment)
	got.Spec.Replicas = apiobj.Int32(9)
	got.Status.Replicas = 3
	out, err = e.reg.Update(e.ctx, res, defaultNS, "d", replace(got), registry.UpdateOptions{Subresource: "status"})
	require.NoError(t, err)
	assert.Equal(t, int32(3), out.(*apiobj.Deployment).Status.Replicas)
	assert.Equal(t, int32(3), *out.(*apiobj.Deployment).Spec.Replicas)
	assert.Equal(t, int64(2), out.GetGeneration())

	// Scale subresource.
	sc, err := e.reg.GetScale(e.ctx, res, defaultNS, "d")
	require.NoError(t, err)
	assert.Equal(t, int32(3), sc.Spec.Replicas)
	assert.Equal(t, int32(3), sc.Status.Replicas)
	assert.Equal(t, "app=d", sc.Status.Selector)
	sc, err = e.reg.UpdateScale(e.ctx, res, defaultNS, "d", func(cur *apiobj.Scale) (*apiobj.Scale, error) {
		cur.Spec.Replicas = 5
		return cur, nil
	}, false)
	require.NoError(t, err)
	assert.Equal(t, int32(5), sc.Spec.Replicas)
	obj, err := e.reg.Get(e.ctx, res, defaultNS, "d", registry.GetOptions{})
	require.NoError(t, err)
	assert.Equal(t, int32(5), *obj.(*apiobj.Deployment).Spec.Replicas)
	assert.Equal(t, int64(3), obj.GetGeneration())
	_, err = e.reg.UpdateScale(e.ctx, res, defaultNS, "d", func(cur *apiobj.Scale) (*apiobj.Scale, error) {
		cur.Spec.Replicas = -1
		return cur, nil
	}, false)
	assert.Equal(t, int32(422), code(err))
	_, err = e.reg.UpdateScale(e.ctx, res, defaultNS, "d", func(cur *apiobj.Scale) (*apiobj.Scale, error) {
		cur.ResourceVersion = "1"
		return cur, nil
	}, false)
	assert.Equal(t, int32(409), code(err))
}

func TestFinalizersHoldDeletion(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.res(cmGVR)
	c := cm("f", nil)
	c.Finalizers = []string{"example.com/hold"}
	_, err := e.reg.Create(e.ctx, res, defaultNS, c, registry.CreateOptions{})
	require.NoError(t, err)
	obj, gone, err := e.reg.Delete(e.ctx, res, defaultNS, "f", nil)
	require.NoError(t, err)
	assert.False(t, gone)
	require.NotNil(t, obj.GetDeletionTimestamp())
	got, err := e.reg.Get(e.ctx, res, defaultNS, "f", registry.GetOptions{})
	require.NoError(t, err)
	require.NotNil(t, got.GetDeletionTimestamp())

	// Adding a finalizer to a deleting object is refused.
	add := got.DeepCopyObject()
	add.SetFinalizers([]string{"example.com/hold", "example.com/more"})
	_, err = e.reg.Update(e.ctx, res, defaultNS, "f", replace(add), registry.UpdateOptions{})
	assert.Equal(t, int32(422), code(err))

	// Removing the last finalizer deletes it.
	got.SetFinalizers(nil)
	_, err = e.reg.Update(e.ctx, res, defaultNS, "f", replace(got), registry.UpdateOptions{})
	require.NoError(t, err)
	_, err = e.reg.Get(e.ctx, res, defaultNS, "f", registry.GetOptions{})
	assert.Equal(t, int32(404), code(err))
}

func TestPropagationPolicyFinalizers(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.res(cmGVR)
	for _, tc := range []struct {
		policy    apiobj.DeletionPropagation
		finalizer string
	}{
		{apiobj.DeletePropagationOrphan, "orphan"},
		{apiobj.DeletePropagationForeground, "foregroundDeletion"},
	} {
		t.Run(string(tc.policy), func(t *testing.T) {
			name := "p-" + tc.finalizer
			_, err := e.reg.Create(e.ctx, res, defaultNS, cm(strings(name), nil), registry.CreateOptions{})
			require.NoError(t, err)
			p := tc.policy
			obj, gone, err := e.reg.Delete(e.ctx, res, defaultNS, strings(name), &apiobj.DeleteOptions{PropagationPolicy: &p})
			require.NoError(t, err)
			assert.False(t, gone)
			assert.Equal(t, []string{tc.finalizer}, obj.GetFinalizers())
			assert.NotNil(t, obj.GetDeletionTimestamp())
		})
	}
}

func strings(s string) string {
	out := []byte(s)
	for i, c := range out {
		if c >= 'A' && c <= 'Z' {
			out[i] = c + 'a' - 'A'
		}
	}
	return string(out)
}

func TestDeletePreconditions(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.res(cmGVR)
	created, err := e.reg.Create(e.ctx, res, defaultNS, cm("p", nil), registry.CreateOptions{})
	require.NoError(t, err)
	bad := apiobj.UID("nope")
	_, _, err = e.reg.Delete(e.ctx, res, defaultNS, "p", &apiobj.DeleteOptions{Preconditions: &apiobj.Preconditions{UID: &bad}})
	assert.Equal(t, int32(409), code(err))
	rv := "1"
	_, _, err = e.reg.Delete(e.ctx, res, defaultNS, "p", &apiobj.DeleteOptions{Preconditions: &apiobj.Preconditions{ResourceVersion: &rv}})
	assert.Equal(t, int32(409), code(err))
	uid := created.GetUID()
	crv := created.GetResourceVersion()
	_, gone, err := e.reg.Delete(e.ctx, res, defaultNS, "p", &apiobj.DeleteOptions{Preconditions: &apiobj.Preconditions{UID: &uid, ResourceVersion: &crv}})
	require.NoError(t, err)
	assert.True(t, gone)
}

func TestPodGracefulDeletionAndBinding(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.res(podsGVR)

	// Unbound pods go at once.
	_, err := e.reg.Create(e.ctx, res, defaultNS, pod("unbound"), registry.CreateOptions{})
	require.NoError(t, err)
	_, gone, err := e.reg.Delete(e.ctx, res, defaultNS, "unbound", nil)
	require.NoError(t, err)
	assert.True(t, gone)

	created, err := e.reg.Create(e.ctx, res, defaultNS, pod("p"), registry.CreateOptions{})
	require.NoError(t, err)
	assert.Equal(t, apiobj.PodPending, created.(*apiobj.Pod).Status.Phase)
	require.NoError(t, e.reg.Bind(e.ctx, defaultNS, "p", &apiobj.Binding{Target: apiobj.ObjectReference{Kind: "Node", Name: "n1"}}, false))
	err = e.reg.Bind(e.ctx, defaultNS, "p", &apiobj.Binding{Target: apiobj.ObjectReference{Name: "n2"}}, false)
	assert.Equal(t, int32(409), code(err))
	obj, err := e.reg.Get(e.ctx, res, defaultNS, "p", registry.GetOptions{})
	require.NoError(t, err)
	p := obj.(*apiobj.Pod)
	assert.Equal(t, "n1", p.Spec.NodeName)
	require.Len(t, p.Status.Conditions, 1)
	assert.Equal(t, apiobj.PodScheduled, p.Status.Conditions[0].Type)

	obj, gone, err = e.reg.Delete(e.ctx, res, defaultNS, "p", nil)
	require.NoError(t, err)
	assert.False(t, gone)
	require.NotNil(t, obj.GetDeletionTimestamp())
	assert.Equal(t, int64(30), *obj.GetDeletionGracePeriodSeconds())

	_, gone, err = e.reg.Delete(e.ctx, res, defaultNS, "p", &apiobj.DeleteOptions{GracePeriodSeconds: apiobj.Int64(0)})
	require.NoError(t, err)
	assert.True(t, gone)
}

func TestEviction(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.res(podsGVR)
	_, err := e.reg.Create(e.ctx, res, defaultNS, pod("ev"), registry.CreateOptions{})
	require.NoError(t, err)
	require.NoError(t, e.reg.Evict(e.ctx, defaultNS, "ev", &apiobj.Eviction{}, false))
	_, err = e.reg.Get(e.ctx, res, defaultNS, "ev", registry.GetOptions{})
	assert.Equal(t, int32(404), code(err))
}

func TestNamespaceLifecycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.res(nsGVR)
	_, err := e.reg.Create(e.ctx, res, "", &apiobj.Namespace{ObjectMeta: apiobj.ObjectMeta{Name: "team"}}, registry.CreateOptions{})
	require.NoError(t, err)
	_, err = e.reg.Create(e.ctx, e.res(cmGVR), "team", cm("a", nil), registry.CreateOptions{})
	require.NoError(t, err)

	obj, gone, err := e.reg.Delete(e.ctx, res, "", "team", nil)
	require.NoError(t, err)
	assert.False(t, gone)
	n := obj.(*apiobj.Namespace)
	assert.Equal(t, apiobj.NamespaceTerminating, n.Status.Phase)
	assert.NotNil(t, n.DeletionTimestamp)

	_, err = e.reg.Create(e.ctx, e.res(cmGVR), "team", cm("b", nil), registry.CreateOptions{})
	statusError := asStatus(t, err)
	assert.Equal(t, int32(403), statusError.Status.Code)
	assert.Contains(t, err.Error(), "because it is being terminated")

	// The finalize subresource clears spec.finalizers; the namespace goes.
	n.Spec.Finalizers = nil
	_, err = e.reg.Update(e.ctx, res, "", "team", replace(n), registry.UpdateOptions{Subresource: "finalize"})
	require.NoError(t, err)
	_, err = e.reg.Get(e.ctx, res, "", "team", registry.GetOptions{})
	assert.Equal(t, int32(404), code(err))
}

func TestServiceAllocation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.res(svcGVR)
	svc := func(name string, typ apiobj.ServiceType, ip string, nodePort int32) *apiobj.Service {
		return &apiobj.Service{ObjectMeta: apiobj.ObjectMeta{Name: name}, Spec: apiobj.ServiceSpec{
			Type: typ, ClusterIP: ip, Selector: map[string]string{"app": "x"},
			Ports: []apiobj.ServicePort{{Port: 80, NodePort: nodePort}}}}
	}
	out, err := e.reg.Create(e.ctx, res, defaultNS, svc("a", apiobj.ServiceTypeNodePort, "", 0), registry.CreateOptions{})
	require.NoError(t, err)
	a := out.(*apiobj.Service)
	assert.NotEmpty(t, a.Spec.ClusterIP)
	assert.Equal(t, []string{a.Spec.ClusterIP}, a.Spec.ClusterIPs)
	np := a.Spec.Ports[0].NodePort
	assert.True(t, np >= 30000 && np <= 32767, "%d", np)
	ok, err := e.reg.ServiceIPAllocated(e.ctx, a.Spec.ClusterIP)
	require.NoError(t, err)
	assert.True(t, ok)

	// Same IP or port again: 422.
	_, err = e.reg.Create(e.ctx, res, defaultNS, svc("b", apiobj.ServiceTypeClusterIP, a.Spec.ClusterIP, 0), registry.CreateOptions{})
	assert.Equal(t, int32(422), code(err), "%v", err)
	_, err = e.reg.Create(e.ctx, res, defaultNS, svc("c", apiobj.ServiceTypeNodePort, "", np), registry.CreateOptions{})
	assert.Equal(t, int32(422), code(err), "%v", err)
	_, err = e.reg.Create(e.ctx, res, defaultNS, svc("d", apiobj.ServiceTypeClusterIP, "192.168.0.1", 0), registry.CreateOptions{})
	assert.Equal(t, int32(422), code(err), "%v", err)
	// The failed creates leaked nothing: the kubernetes Service and "a" hold two IPs.

	_, _, err = e.reg.Delete(e.ctx, res, defaultNS, "a", nil)
	require.NoError(t, err)
	ok, err = e.reg.ServiceIPAllocated(e.ctx, a.Spec.ClusterIP)
	require.NoError(t, err)
	assert.False(t, ok)
	ok, err = e.reg.NodePortAllocated(e.ctx, np)
	require.NoError(t, err)
	assert.False(t, ok)

	// Now they can be claimed again.
	out, err = e.reg.Create(e.ctx, res, defaultNS, svc("e", apiobj.ServiceTypeNodePort, a.Spec.ClusterIP, np), registry.CreateOptions{})
	require.NoError(t, err)
	assert.Equal(t, a.Spec.ClusterIP, out.(*apiobj.Service).Spec.ClusterIP)

	// Switching to ClusterIP releases the node port.
	e2 := out.(*apiobj.Service)
	e2.Spec.Type = apiobj.ServiceTypeClusterIP
	e2.Spec.ExternalTrafficPolicy = ""
	_, err = e.reg.Update(e.ctx, res, defaultNS, "e", replace(e2), registry.UpdateOptions{})
	require.NoError(t, err, "%v", err)
	ok, err = e.reg.NodePortAllocated(e.ctx, np)
	require.NoError(t, err)
	assert.False(t, ok)

	// Headless services get no address.
	out, err = e.reg.Create(e.ctx, res, defaultNS, svc("h", apiobj.ServiceTypeClusterIP, "None", 0), registry.CreateOptions{})
	require.NoError(t, err)
	assert.Equal(t, "None", out.(*apiobj.Service).Spec.ClusterIP)
}

func TestAllocatorNeverDoubles(t *testing.T) {
	t.Parallel()
	st := memory.New(memory.Config{})
	t.Cleanup(func() { _ = st.Close() })
	scheme := apiobj.NewScheme()
	// Two registries over one store act as two API servers.
	var regs []*registry.Registry
	for i := 0; i < 2; i++ {
		r, err := registry.New(registry.Config{Store: st, Scheme: scheme, ServiceCIDR: "10.0.0.0/28"})
		require.NoError(t, err)
		t.Cleanup(r.Close)
		regs = append(regs, r)
	}
	ctx := context.Background()
	require.NoError(t, regs[0].Bootstrap(ctx, 6443))
	res, err := regs[0].Resource(svcGVR)
	require.NoError(t, err)
	type result struct {
		ip  string
		err error
	}
	results := make(chan result, 20)
	for i := 0; i < 20; i++ {
		go func(i int) {
			s := &apiobj.Service{ObjectMeta: apiobj.ObjectMeta{Name: "s" + strconv.Itoa(i)},
				Spec: apiobj.ServiceSpec{Ports: []apiobj.ServicePort{{Port: 80}}}}
			out, err := regs[i%2].Create(ctx, res, defaultNS, s, registry.CreateOptions{})
			if err != nil {
				results <- result{err: err}
				return
			}
			results <- result{ip: out.(*apiobj.Service).Spec.ClusterIP}
		}(i)
	}
	seen := map[string]bool{"10.0.0.1": true}
	ok, full := 0, 0
	for i := 0; i < 20; i++ {
		r := <-results
		if r.err != nil {
			full++
			continue
		}
		assert.False(t, seen[r.ip], "duplicate %s", r.ip)
		seen[r.ip] = true
		ok++
	}
	assert.Equal(t, 13, ok, "a /28 has 14 usable addresses, one is the kubernetes Service")
	assert.Equal(t, 7, full)
}

func TestListPagination(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.res(cmGVR)
	for i := 0; i < 10; i++ {
		_, err := e.reg.Create(e.ctx, res, defaultNS, cm("c"+strconv.Itoa(i), nil), registry.CreateOptions{})
		require.NoError(t, err)
	}
	l, err := e.reg.List(e.ctx, res, defaultNS, registry.ListOptions{Limit: 4})
	require.NoError(t, err)
	assert.Len(t, l.GetItems(), 4)
	require.NotEmpty(t, l.GetContinue())
	rv := l.GetResourceVersion()
	// A write between pages does not show up: every page is at one revision.
	_, err = e.reg.Create(e.ctx, res, defaultNS, cm("c99", nil), registry.CreateOptions{})
	require.NoError(t, err)
	var names []string
	for _, it := range l.GetItems() {
		names = append(names, it.GetName())
	}
	cont := l.GetContinue()
	for cont != "" {
		l, err = e.reg.List(e.ctx, res, defaultNS, registry.ListOptions{Limit: 4, Continue: cont})
		require.NoError(t, err)
		assert.Equal(t, rv, l.GetResourceVersion())
		for _, it := range l.GetItems() {
			names = append(names, it.GetName())
		}
		cont = l.GetContinue()
	}
	assert.Len(t, names, 10)
	assert.NotContains(t, names, "c99")

	// Compacted continue token: 410.
	l, err = e.reg.List(e.ctx, res, defaultNS, registry.ListOptions{Limit: 2})
	require.NoError(t, err)
	cur, _ := e.store.CurrentRevision(e.ctx)
	_, err = e.reg.Create(e.ctx, res, defaultNS, cm("c100", nil), registry.CreateOptions{})
	require.NoError(t, err)
	require.NoError(t, e.store.Compact(e.ctx, cur+1))
	_, err = e.reg.List(e.ctx, res, defaultNS, registry.ListOptions{Limit: 2, Continue: l.GetContinue()})
	statusError := asStatus(t, err)
	assert.Equal(t, int32(410), statusError.Status.Code)
	assert.Equal(t, apiobj.StatusReasonExpired, statusError.Status.Reason)
}

func TestFieldSelector(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.res(podsGVR)
	for _, n := range []string{"a", "b", "c"} {
		_, err := e.reg.Create(e.ctx, res, defaultNS, pod(n), registry.CreateOptions{})
		require.NoError(t, err)
	}
	require.NoError(t, e.reg.Bind(e.ctx, defaultNS, "b", &apiobj.Binding{Target: apiobj.ObjectReference{Name: "n1"}}, false))
	sel, err := parseFields("spec.nodeName=n1")
	require.NoError(t, err)
	l, err := e.reg.List(e.ctx, res, "", registry.ListOptions{FieldSelector: sel})
	require.NoError(t, err)
	require.Len(t, l.GetItems(), 1)
	assert.Equal(t, "b", l.GetItems()[0].GetName())

	sel, err = parseFields("spec.bogus=x")
	require.NoError(t, err)
	_, err = e.reg.List(e.ctx, res, "", registry.ListOptions{FieldSelector: sel})
	assert.Equal(t, int32(400), code(err))
	assert.EqualError(t, err, "field label not supported: spec.bogus")
}

func asStatus(t *testing.T, err error) *apiobj.StatusError {
	t.Helper()
	var se *apiobj.StatusError
	require.ErrorAs(t, err, &se)
	return se
}
