package garbagecollector

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/workqueue"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store/memory"
)

// testTimeout bounds every wait; a test that hits it dumps the goroutines.
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

// startGC runs a collector until the test ends, and waits for it to sync.
func (e *env) startGC(mutate func(*Config)) (*GarbageCollector, func()) {
	e.t.Helper()
	cfg := Config{Client: e.c, Workers: 4, MaxRetryDelay: 200 * time.Millisecond}
	if mutate != nil {
		mutate(&cfg)
	}
	gc, err := New(cfg)
	require.NoError(e.t, err)
	ctx, cancel := context.WithCancel(e.ctx)
	done := make(chan error, 1)
	go func() { done <- gc.Run(ctx) }()
	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			require.NoError(e.t, err)
		case <-time.After(testTimeout):
			e.t.Fatalf("Run did not return after cancel\n%s", stacks())
		}
	}
	e.t.Cleanup(stop)
	e.waitFor("collector synced", func() (bool, error) { return gc.HasSynced(), nil })
	return gc, stop
}

func stacks() string {
	buf := make([]byte, 1<<20)
	return string(buf[:runtime.Stack(buf, true)])
}

// waitFor polls cond until it holds, failing the test at the deadline.
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

// gone reports whether get finds nothing.
func gone[T any](get func() (T, error)) func() (bool, error) {
	return func() (bool, error) {
		_, err := get()
		if errdefs.IsNotFound(err) {
			return true, nil
		}
		return false, err
	}
}

func (e *env) exists(get func() error) {
	e.t.Helper()
	require.NoError(e.t, get())
}

func ref(kind, apiVersion string, obj apiobj.MetaAccessor, block bool) apiobj.OwnerReference {
	r := apiobj.OwnerReference{APIVersion: apiVersion, Kind: kind, Name: obj.GetName(), UID: obj.GetUID(), Controller: apiobj.Bool(true)}
	if block {
		r.BlockOwnerDeletion = apiobj.Bool(true)
	}
	return r
}

var labels = map[string]string{"app": "web"}

func podSpec() apiobj.PodSpec {
	return apiobj.PodSpec{Containers: []apiobj.Container{{Name: "c", Image: "busybox"}}}
}

// chain is a Deployment owning a ReplicaSet owning pods, built by hand.
type chain struct {
	deploy *apiobj.Deployment
	rs     *apiobj.ReplicaSet
	pods   []*apiobj.Pod
}

func (e *env) makeChain(ns, name string, pods int, block bool) chain {
	e.t.Helper()
	d, err := client.For[*apiobj.Deployment](e.c).Namespace(ns).Create(e.ctx, &apiobj.Deployment{
		ObjectMeta: apiobj.ObjectMeta{Name: name},
		Spec: apiobj.DeploymentSpec{Selector: &apiobj.LabelSelector{MatchLabels: labels},
			Template: apiobj.PodTemplateSpec{ObjectMeta: apiobj.ObjectMeta{Labels: labels}, Spec: podSpec()}},
	})
	require.NoError(e.t, err)
	rs, err := client.For[*apiobj.ReplicaSet](e.c).Namespace(ns).Create(e.ctx, &apiobj.ReplicaSet{
		ObjectMeta: apiobj.ObjectMeta{Name: name + "-rs", OwnerReferences: []apiobj.OwnerReference{ref("Deployment", "apps/v1", d, block)}},
		Spec: apiobj.ReplicaSetSpec{Selector: &apiobj.LabelSelector{MatchLabels: labels},
			Template: apiobj.PodTemplateSpec{ObjectMeta: apiobj.ObjectMeta{Labels: labels}, Spec: podSpec()}},
	})
	require.NoError(e.t, err)
	c := chain{deploy: d, rs: rs}
	for i := range pods {
		p, err := client.For[*apiobj.Pod](e.c).Namespace(ns).Create(e.ctx, &apiobj.Pod{
			ObjectMeta: apiobj.ObjectMeta{Name: fmt.Sprintf("%s-pod-%d", name, i), Labels: labels,
				OwnerReferences: []apiobj.OwnerReference{ref("ReplicaSet", "apps/v1", rs, block)}},
			Spec: podSpec(),
		})
		require.NoError(e.t, err)
		c.pods = append(c.pods, p)
	}
	return c
}

// waitObserved waits until the collector's graph holds the objects, as
// observed nodes. The collector finds dependents through its graph, so an
// owner deleted the instant its dependent is created may not wait for it,
// as in Kubernetes; tests that check ordering wait for the graph first.
func (e *env) waitObserved(gc *GarbageCollector, objs ...apiobj.MetaAccessor) {
	e.t.Helper()
	e.waitFor("graph observed the objects", func() (bool, error) {
		gc.graph.mu.Lock()
		defer gc.graph.mu.Unlock()
		for _, o := range objs {
			if n, ok := gc.graph.nodes[o.GetUID()]; !ok || n.virtual {
				return false, nil
			}
		}
		return true, nil
	})
}

func (c chain) objects() []apiobj.MetaAccessor {
	out := []apiobj.MetaAccessor{c.deploy, c.rs}
	for _, p := range c.pods {
		out = append(out, p)
	}
	return out
}

func (e *env) deployments(ns string) *client.Resource[*apiobj.Deployment] {
	return client.For[*apiobj.Deployment](e.c).Namespace(ns)
}
func (e *env) replicaSets(ns string) *client.Resource[*apiobj.ReplicaSet] {
	return client.For[*apiobj.ReplicaSet](e.c).Namespace(ns)
}
func (e *env) pods(ns string) *client.Resource[*apiobj.Pod] {
	return client.For[*apiobj.Pod](e.c).Namespace(ns)
}
func (e *env) configMaps(ns string) *client.Resource[*apiobj.ConfigMap] {
	return client.For[*apiobj.ConfigMap](e.c).Namespace(ns)
}
func (e *env) secrets(ns string) *client.Resource[*apiobj.Secret] {
	return client.For[*apiobj.Secret](e.c).Namespace(ns)
}

func TestBackgroundCascade(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.startGC(nil)
	ch := e.makeChain("default", "web", 3, false)
	keep := e.makeChain("default", "other", 1, false)

	require.NoError(t, e.deployments("default").Delete(e.ctx, "web"))
	e.waitFor("replicaset collected", gone(func() (*apiobj.ReplicaSet, error) { return e.replicaSets("default").Get(e.ctx, ch.rs.Name) }))
	for _, p := range ch.pods {
		e.waitFor("pod collected", gone(func() (*apiobj.Pod, error) { return e.pods("default").Get(e.ctx, p.Name) }))
	}
	// The other chain is untouched.
	_, err := e.replicaSets("default").Get(e.ctx, keep.rs.Name)
	require.NoError(t, err)
	_, err = e.pods("default").Get(e.ctx, keep.pods[0].Name)
	require.NoError(t, err)
}

func TestOrphan(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	gc, _ := e.startGC(nil)
	ch := e.makeChain("default", "web", 2, true)
	e.waitObserved(gc, ch.objects()...)

	require.NoError(t, e.deployments("default").Delete(e.ctx, "web", client.DeleteOptions{PropagationPolicy: string(apiobj.DeletePropagationOrphan)}))
	e.waitFor("deployment deleted once orphaning is done", gone(func() (*apiobj.Deployment, error) { return e.deployments("default").Get(e.ctx, "web") }))
	rs, err := e.replicaSets("default").Get(e.ctx, ch.rs.Name)
	require.NoError(t, err, "the orphaned replicaset stays")
	require.Empty(t, rs.OwnerReferences)
	for _, p := range ch.pods {
		got, err := e.pods("default").Get(e.ctx, p.Name)
		require.NoError(t, err, "pods of an orphaned replicaset stay")
		require.Len(t, got.OwnerReferences, 1)
	}
}

func TestForeground(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	gc, _ := e.startGC(nil)
	ch := e.makeChain("default", "web", 3, true)
	e.waitObserved(gc, ch.objects()...)
	// One pod holds on: its finalizer keeps it, and so the replicaset and
	// the deployment, until the test removes it.
	held := ch.pods[0]
	_, err := e.pods("default").Patch(e.ctx, held.Name, client.MergePatch, []byte(`{"metadata":{"finalizers":["example.com/hold"]}}`), "")
	require.NoError(t, err)

	require.NoError(t, e.deployments("default").Delete(e.ctx, "web", client.DeleteOptions{PropagationPolicy: string(apiobj.DeletePropagationForeground)}))
	for _, p := range ch.pods[1:] {
		e.waitFor("unheld pod collected", gone(func() (*apiobj.Pod, error) { return e.pods("default").Get(e.ctx, p.Name) }))
	}
	e.waitFor("held pod marked for deletion", func() (bool, error) {
		p, err := e.pods("default").Get(e.ctx, held.Name)
		return err == nil && p.DeletionTimestamp != nil, err
	})
	d, err := e.deployments("default").Get(e.ctx, "web")
	require.NoError(t, err, "the owner stays while a blocking dependent remains")
	require.NotNil(t, d.DeletionTimestamp)
	require.Contains(t, d.Finalizers, finalizerForeground)
	rs, err := e.replicaSets("default").Get(e.ctx, ch.rs.Name)
	require.NoError(t, err)
	require.NotNil(t, rs.DeletionTimestamp, "a blocking dependent with dependents is deleted in the foreground")
	require.Contains(t, rs.Finalizers, finalizerForeground)

	_, err = e.pods("default").Patch(e.ctx, held.Name, client.MergePatch, []byte(`{"metadata":{"finalizers":null}}`), "")
	require.NoError(t, err)
	e.waitFor("held pod gone", gone(func() (*apiobj.Pod, error) { return e.pods("default").Get(e.ctx, held.Name) }))
	e.waitFor("replicaset gone", gone(func() (*apiobj.ReplicaSet, error) { return e.replicaSets("default").Get(e.ctx, ch.rs.Name) }))
	e.waitFor("deployment gone", gone(func() (*apiobj.Deployment, error) { return e.deployments("default").Get(e.ctx, "web") }))
}

// TestForegroundNonBlocking: dependents without blockOwnerDeletion are
// deleted too, but the owner does not wait for them.
func TestForegroundNonBlocking(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.startGC(nil)
	owner, err := e.configMaps("default").Create(e.ctx, &apiobj.ConfigMap{ObjectMeta: apiobj.ObjectMeta{Name: "owner"}})
	require.NoError(t, err)
	_, err = e.secrets("default").Create(e.ctx, &apiobj.Secret{ObjectMeta: apiobj.ObjectMeta{Name: "dep", Finalizers: []string{"example.com/hold"},
		OwnerReferences: []apiobj.OwnerReference{ref("ConfigMap", "v1", owner, false)}}})
	require.NoError(t, err)
	require.NoError(t, e.configMaps("default").Delete(e.ctx, "owner", client.DeleteOptions{PropagationPolicy: string(apiobj.DeletePropagationForeground)}))
	e.waitFor("owner gone without waiting", gone(func() (*apiobj.ConfigMap, error) { return e.configMaps("default").Get(e.ctx, "owner") }))
	e.waitFor("dependent marked for deletion", func() (bool, error) {
		s, err := e.secrets("default").Get(e.ctx, "dep")
		return err == nil && s.DeletionTimestamp != nil, err
	})
}

func TestDependentBeforeOwner(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	// ConfigMaps are not watched here, so a ConfigMap owner is never seen
	// by an informer: the collector knows it only through its dependents
	// and must confirm it with live lookups.
	gc, _ := e.startGC(func(c *Config) {
		c.IgnoredResources = []apiobj.GroupResource{{Resource: "events"}, {Resource: "configmaps"}}
	})

	t.Run("owner never appears", func(t *testing.T) {
		ghost := apiobj.OwnerReference{APIVersion: "v1", Kind: "ConfigMap", Name: "ghost", UID: "5a1c0de0-0000-4000-8000-000000000001"}
		_, err := e.secrets("default").Create(e.ctx, &apiobj.Secret{ObjectMeta: apiobj.ObjectMeta{Name: "orphan-of-ghost",
			OwnerReferences: []apiobj.OwnerReference{ghost}}})
		require.NoError(t, err)
		e.waitFor("dependent of a missing owner collected", gone(func() (*apiobj.Secret, error) { return e.secrets("default").Get(e.ctx, "orphan-of-ghost") }))
	})

	t.Run("owner exists", func(t *testing.T) {
		owner, err := e.configMaps("default").Create(e.ctx, &apiobj.ConfigMap{ObjectMeta: apiobj.ObjectMeta{Name: "real"}})
		require.NoError(t, err)
		_, err = e.secrets("default").Create(e.ctx, &apiobj.Secret{ObjectMeta: apiobj.ObjectMeta{Name: "child-of-real",
			OwnerReferences: []apiobj.OwnerReference{ref("ConfigMap", "v1", owner, false)}}})
		require.NoError(t, err)
		// Wait until the collector has confirmed the owner several times.
		e.waitFor("owner confirmed by live lookups", func() (bool, error) { return gc.deleteQ.NumRequeues(owner.UID) >= 3, nil })
		_, err = e.secrets("default").Get(e.ctx, "child-of-real")
		require.NoError(t, err, "a dependent whose owner exists is kept")

		// Once the owner goes, the next lookup finds it gone.
		require.NoError(t, e.configMaps("default").Delete(e.ctx, "real"))
		e.waitFor("dependent collected after its owner went", gone(func() (*apiobj.Secret, error) { return e.secrets("default").Get(e.ctx, "child-of-real") }))
		e.waitFor("virtual owner dropped from the graph", func() (bool, error) {
			_, ok := gc.graph.get(owner.UID)
			return !ok, nil
		})
	})
}

func TestUIDMismatch(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.startGC(nil)
	owner, err := e.configMaps("default").Create(e.ctx, &apiobj.ConfigMap{ObjectMeta: apiobj.ObjectMeta{Name: "owner"}})
	require.NoError(t, err)
	stale := apiobj.OwnerReference{APIVersion: "v1", Kind: "ConfigMap", Name: "owner", UID: "0ddba11-0000-4000-8000-000000000002"}

	// Its only owner has the right name but another UID: collected.
	_, err = e.secrets("default").Create(e.ctx, &apiobj.Secret{ObjectMeta: apiobj.ObjectMeta{Name: "stale-only",
		OwnerReferences: []apiobj.OwnerReference{stale}}})
	require.NoError(t, err)
	// A live owner besides: kept, and the stale reference goes.
	_, err = e.secrets("default").Create(e.ctx, &apiobj.Secret{ObjectMeta: apiobj.ObjectMeta{Name: "two-owners",
		OwnerReferences: []apiobj.OwnerReference{stale, {APIVersion: "v1", Kind: "ConfigMap", Name: "owner", UID: owner.UID}}}})
	require.NoError(t, err)

	e.waitFor("dependent of a mismatched UID collected", gone(func() (*apiobj.Secret, error) { return e.secrets("default").Get(e.ctx, "stale-only") }))
	e.waitFor("stale reference removed", func() (bool, error) {
		s, err := e.secrets("default").Get(e.ctx, "two-owners")
		return err == nil && len(s.OwnerReferences) == 1 && s.OwnerReferences[0].UID == owner.UID, err
	})
	_, err = e.configMaps("default").Get(e.ctx, "owner")
	require.NoError(t, err, "the real owner is untouched")
}

func widgetCRD() *apiobj.CustomResourceDefinition {
	schema := &apiobj.JSONSchemaProps{Type: "object", XPreserveUnknownFields: apiobj.Bool(true)}
	return &apiobj.CustomResourceDefinition{
		ObjectMeta: apiobj.ObjectMeta{Name: "widgets.example.com"},
		Spec: apiobj.CustomResourceDefinitionSpec{
			Group: "example.com", Scope: apiobj.NamespaceScoped,
			Names: apiobj.CustomResourceDefinitionNames{Plural: "widgets", Singular: "widget", Kind: "Widget", ListKind: "WidgetList"},
			Versions: []apiobj.CustomResourceDefinitionVersion{{Name: "v1", Served: true, Storage: true,
				Schema: &apiobj.CustomResourceValidation{OpenAPIV3Schema: schema}}},
		},
	}
}

var widgetGVK = apiobj.GroupVersionKind{Group: "example.com", Version: "v1", Kind: "Widget"}

func (e *env) widgets(ns string) *client.Resource[*apiobj.Unstructured] {
	return client.DynamicScoped(e.c, widgetGVK.GroupVersion().WithResource("widgets"), widgetGVK, true).Namespace(ns)
}

func (e *env) createWidget(ns, name string, owners ...apiobj.OwnerReference) *apiobj.Unstructured {
	e.t.Helper()
	u := apiobj.NewUnstructured(widgetGVK)
	u.SetName(name)
	u.SetNamespace(ns)
	if owners != nil {
		u.SetOwnerReferences(owners)
	}
	apiobj.SetNestedField(u.Object, "blue", "spec", "color")
	out, err := e.widgets(ns).Create(e.ctx, u)
	require.NoError(e.t, err)
	return out
}

func TestCustomKinds(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	gc, _ := e.startGC(func(c *Config) { c.DiscoveryInterval = time.Hour }) // only the CRD watch can trigger discovery
	_, err := client.For[*apiobj.CustomResourceDefinition](e.c).Create(e.ctx, widgetCRD())
	require.NoError(t, err)
	e.waitFor("custom kind discovered", func() (bool, error) {
		_, ok := gc.mapper.resourceFor("example.com/v1", "Widget")
		return ok, nil
	})

	t.Run("custom owner, built-in dependents", func(t *testing.T) {
		w := e.createWidget("default", "w1")
		for i := range 3 {
			_, err := e.configMaps("default").Create(e.ctx, &apiobj.ConfigMap{ObjectMeta: apiobj.ObjectMeta{Name: fmt.Sprintf("w1-cm-%d", i),
				OwnerReferences: []apiobj.OwnerReference{ref("Widget", "example.com/v1", w, true)}}})
			require.NoError(t, err)
		}
		require.NoError(t, e.widgets("default").Delete(e.ctx, "w1"))
		for i := range 3 {
			e.waitFor("configmap owned by a widget collected", gone(func() (*apiobj.ConfigMap, error) {
				return e.configMaps("default").Get(e.ctx, fmt.Sprintf("w1-cm-%d", i))
			}))
		}
	})

	t.Run("built-in owner, custom dependent, foreground", func(t *testing.T) {
		owner, err := e.configMaps("default").Create(e.ctx, &apiobj.ConfigMap{ObjectMeta: apiobj.ObjectMeta{Name: "cm-owner"}})
		require.NoError(t, err)
		e.createWidget("default", "w2", ref("ConfigMap", "v1", owner, true))
		require.NoError(t, e.configMaps("default").Delete(e.ctx, "cm-owner", client.DeleteOptions{PropagationPolicy: string(apiobj.DeletePropagationForeground)}))
		e.waitFor("custom dependent collected", gone(func() (*apiobj.Unstructured, error) { return e.widgets("default").Get(e.ctx, "w2") }))
		e.waitFor("owner gone after its dependent", gone(func() (*apiobj.ConfigMap, error) { return e.configMaps("default").Get(e.ctx, "cm-owner") }))
	})

	t.Run("custom owner, orphan", func(t *testing.T) {
		w := e.createWidget("default", "w3")
		cm, err := e.configMaps("default").Create(e.ctx, &apiobj.ConfigMap{ObjectMeta: apiobj.ObjectMeta{Name: "w3-cm",
			OwnerReferences: []apiobj.OwnerReference{ref("Widget", "example.com/v1", w, false)}}})
		require.NoError(t, err)
		e.waitObserved(gc, w, cm)
		require.NoError(t, e.widgets("default").Delete(e.ctx, "w3", client.DeleteOptions{PropagationPolicy: string(apiobj.DeletePropagationOrphan)}))
		e.waitFor("custom owner gone", gone(func() (*apiobj.Unstructured, error) { return e.widgets("default").Get(e.ctx, "w3") }))
		cm, err = e.configMaps("default").Get(e.ctx, "w3-cm")
		require.NoError(t, err)
		require.Empty(t, cm.OwnerReferences)
	})

	t.Run("definition deleted", func(t *testing.T) {
		w := e.createWidget("default", "w4")
		e.waitObserved(gc, w)
		require.NoError(t, client.For[*apiobj.CustomResourceDefinition](e.c).Delete(e.ctx, "widgets.example.com"))
		e.waitFor("monitor stopped and widgets gone from the graph", func() (bool, error) {
			gc.monMu.Lock()
			_, watched := gc.monitors[apiobj.GroupResource{Group: "example.com", Resource: "widgets"}]
			gc.monMu.Unlock()
			_, inGraph := gc.graph.get(w.GetUID())
			return !watched && !inGraph, nil
		})
	})
}

// TestRestart builds a graph of 2,000 objects while no collector runs,
// deletes some owners behind its back, and starts one: it must collect
// exactly the dependents of the deleted owners, even when asked to look at
// every object.
func TestRestart(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const owners, perOwner = 400, 4 // 400 ConfigMaps owning 1,600 Secrets
	const deleted = 40              // owners removed while the collector is down

	// A first collector runs and is stopped, as in a restart.
	_, stop := e.startGC(nil)
	stop()

	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 8 {
		wg.Go(func() {
			for i := w; i < owners; i += 8 {
				o, err := e.configMaps("default").Create(e.ctx, &apiobj.ConfigMap{ObjectMeta: apiobj.ObjectMeta{Name: fmt.Sprintf("owner-%04d", i)}})
				if err != nil {
					errs <- err
					return
				}
				for j := range perOwner {
					_, err := e.secrets("default").Create(e.ctx, &apiobj.Secret{ObjectMeta: apiobj.ObjectMeta{
						Name: fmt.Sprintf("dep-%04d-%d", i, j), OwnerReferences: []apiobj.OwnerReference{ref("ConfigMap", "v1", o, j%2 == 0)}}})
					if err != nil {
						errs <- err
						return
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	for i := range deleted {
		require.NoError(t, e.configMaps("default").Delete(e.ctx, fmt.Sprintf("owner-%04d", i)))
	}

	gc, _ := e.startGC(nil)
	require.GreaterOrEqual(t, gc.graph.size(), owners-deleted+owners*perOwner)
	// Make it look at every node, not only those the graph suggests.
	gc.graph.mu.Lock()
	for uid := range gc.graph.nodes {
		gc.deleteQ.Add(uid)
	}
	gc.graph.mu.Unlock()

	want := (owners - deleted) * perOwner
	e.waitFor("dependents of deleted owners collected", func() (bool, error) {
		l, _, err := e.secrets("default").List(e.ctx, client.ListOptions{})
		return len(l) == want, err
	})
	e.waitFor("collector idle", func() (bool, error) { return gc.idle(), nil })
	secrets, _, err := e.secrets("default").List(e.ctx, client.ListOptions{})
	require.NoError(t, err)
	require.Len(t, secrets, want, "no spurious deletions")
	for _, s := range secrets {
		var i, j int
		_, err := fmt.Sscanf(s.Name, "dep-%04d-%d", &i, &j)
		require.NoError(t, err)
		require.GreaterOrEqual(t, i, deleted, "a dependent of a live owner was kept")
	}
	cms, _, err := e.configMaps("default").List(e.ctx, client.ListOptions{})
	require.NoError(t, err)
	left := 0
	for _, cm := range cms {
		if strings.HasPrefix(cm.Name, "owner-") {
			left++
		}
	}
	require.Equal(t, owners-deleted, left, "owners are untouched")
}

func TestDiffOwners(t *testing.T) {
	t.Parallel()
	a := apiobj.OwnerReference{APIVersion: "v1", Kind: "ConfigMap", Name: "a", UID: "a"}
	b := apiobj.OwnerReference{APIVersion: "v1", Kind: "ConfigMap", Name: "b", UID: "b"}
	bBlock := b
	bBlock.BlockOwnerDeletion = apiobj.Bool(true)
	c := apiobj.OwnerReference{APIVersion: "v1", Kind: "ConfigMap", Name: "c", UID: "c"}
	tests := []struct {
		name                    string
		old, cur                []apiobj.OwnerReference
		added, removed, changed []apiobj.OwnerReference
	}{
		{name: "same", old: []apiobj.OwnerReference{a, b}, cur: []apiobj.OwnerReference{b, a}},
		{name: "added", old: []apiobj.OwnerReference{a}, cur: []apiobj.OwnerReference{a, c}, added: []apiobj.OwnerReference{c}},
		{name: "removed", old: []apiobj.OwnerReference{a, b}, cur: []apiobj.OwnerReference{b}, removed: []apiobj.OwnerReference{a}},
		{name: "changed", old: []apiobj.OwnerReference{bBlock}, cur: []apiobj.OwnerReference{b}, changed: []apiobj.OwnerReference{b}},
		{name: "all", old: []apiobj.OwnerReference{a, bBlock}, cur: []apiobj.OwnerReference{b, c},
			added: []apiobj.OwnerReference{c}, removed: []apiobj.OwnerReference{a}, changed: []apiobj.OwnerReference{b}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			added, removed, changed := diffOwners(tt.old, tt.cur)
			require.Equal(t, tt.added, added)
			require.Equal(t, tt.removed, removed)
			require.Equal(t, tt.changed, changed)
		})
	}
}

func TestAbsentCache(t *testing.T) {
	t.Parallel()
	c := newAbsentCache(2)
	c.add("a")
	c.add("b")
	require.True(t, c.has("a")) // a is now the most recent
	c.add("c")                  // evicts b
	require.True(t, c.has("a"))
	require.False(t, c.has("b"))
	require.True(t, c.has("c"))
}

// drain returns the UIDs queued in q, in order, leaving it empty.
func drain(q interface {
	Len() int
	Get() (apiobj.UID, bool)
	Done(apiobj.UID)
}) []apiobj.UID {
	var out []apiobj.UID
	for q.Len() > 0 {
		uid, _ := q.Get()
		q.Done(uid)
		out = append(out, uid)
	}
	return out
}

// TestGraphBuilder feeds events to the graph builder directly, dependent
// before owner, and checks the graph and what it queues.
func TestGraphBuilder(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	gc, err := New(Config{Client: e.c})
	require.NoError(t, err)
	gc.deleteQ = workqueue.New(workqueue.Config[apiobj.UID]{})
	gc.orphanQ = workqueue.New(workqueue.Config[apiobj.UID]{})
	t.Cleanup(gc.deleteQ.ShutDown)
	t.Cleanup(gc.orphanQ.ShutDown)

	owner := objectMeta{ref: objectRef{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: "rs", UID: "rs-uid", Namespace: "default"}}
	ownerRef := apiobj.OwnerReference{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: "rs", UID: "rs-uid", BlockOwnerDeletion: apiobj.Bool(true)}
	pod := objectMeta{ref: objectRef{APIVersion: "v1", Kind: "Pod", Name: "p", UID: "pod-uid", Namespace: "default"},
		owners: []apiobj.OwnerReference{ownerRef}}

	// The dependent first: its owner becomes a virtual node, queued for
	// confirmation.
	gc.process(event{typ: addEvent, obj: pod})
	n, ok := gc.graph.get("rs-uid")
	require.True(t, ok)
	require.True(t, n.virtual)
	require.Len(t, n.dependents, 1)
	require.True(t, n.dependents[0].blocking)
	require.Equal(t, []apiobj.UID{"rs-uid"}, drain(gc.deleteQ))

	// The owner shows up: the node is observed and keeps its dependent;
	// nothing needs deleting.
	gc.process(event{typ: addEvent, obj: owner})
	n, ok = gc.graph.get("rs-uid")
	require.True(t, ok)
	require.False(t, n.virtual)
	require.Len(t, n.dependents, 1)
	require.Empty(t, drain(gc.deleteQ))

	// Foreground deletion of the owner queues its dependents and itself.
	fg := owner
	fg.deleting, fg.finalizers = true, []string{finalizerForeground}
	gc.process(event{typ: updateEvent, obj: fg})
	require.ElementsMatch(t, []apiobj.UID{"pod-uid", "rs-uid"}, drain(gc.deleteQ))

	// The dependent drops its blockOwnerDeletion: the waiting owner is
	// looked at again.
	unblocked := pod
	r := ownerRef
	r.BlockOwnerDeletion = nil
	unblocked.owners = []apiobj.OwnerReference{r}
	gc.process(event{typ: updateEvent, obj: unblocked})
	require.Equal(t, []apiobj.UID{"rs-uid"}, drain(gc.deleteQ))
	n, _ = gc.graph.get("rs-uid")
	require.False(t, n.dependents[0].blocking)

	// Orphaning is queued once, on the transition.
	orphan := owner
	orphan.deleting, orphan.finalizers = true, []string{finalizerOrphan}
	gc.process(event{typ: updateEvent, obj: orphan})
	gc.process(event{typ: updateEvent, obj: orphan})
	require.Equal(t, []apiobj.UID{"rs-uid"}, drain(gc.orphanQ))

	// The owner goes: its dependent is queued, and the node is gone.
	gc.process(event{typ: deleteEvent, obj: owner})
	_, ok = gc.graph.get("rs-uid")
	require.False(t, ok)
	require.Equal(t, []apiobj.UID{"pod-uid"}, drain(gc.deleteQ))

	// A virtual owner whose only dependent goes leaves the graph too.
	other := objectMeta{ref: objectRef{APIVersion: "v1", Kind: "Pod", Name: "q", UID: "q-uid", Namespace: "default"},
		owners: []apiobj.OwnerReference{{APIVersion: "v1", Kind: "ConfigMap", Name: "cm", UID: "cm-uid"}}}
	gc.process(event{typ: addEvent, obj: other})
	_, ok = gc.graph.get("cm-uid")
	require.True(t, ok)
	gc.process(event{typ: deleteEvent, obj: other})
	_, ok = gc.graph.get("cm-uid")
	require.False(t, ok)

	// A virtual delete confirmed by a live lookup drops the virtual node
	// and queues its dependents.
	gc.process(event{typ: addEvent, obj: other})
	drain(gc.deleteQ)
	gc.process(event{typ: virtualDeleteEvent, obj: objectMeta{ref: objectRef{APIVersion: "v1", Kind: "ConfigMap", Name: "cm", UID: "cm-uid", Namespace: "default"}}})
	_, ok = gc.graph.get("cm-uid")
	require.False(t, ok)
	require.Equal(t, []apiobj.UID{"q-uid"}, drain(gc.deleteQ))

	// Two dependents name one UID differently. A lookup that finds nothing
	// at the first name affects only the dependent using it; the virtual
	// node stays, now known by the other name, to be confirmed again.
	byX := objectMeta{ref: objectRef{APIVersion: "v1", Kind: "Pod", Name: "a", UID: "a-uid", Namespace: "default"},
		owners: []apiobj.OwnerReference{{APIVersion: "v1", Kind: "ConfigMap", Name: "x", UID: "u"}}}
	byY := objectMeta{ref: objectRef{APIVersion: "v1", Kind: "Pod", Name: "b", UID: "b-uid", Namespace: "default"},
		owners: []apiobj.OwnerReference{{APIVersion: "v1", Kind: "ConfigMap", Name: "y", UID: "u"}}}
	gc.process(event{typ: addEvent, obj: byX})
	gc.process(event{typ: addEvent, obj: byY})
	drain(gc.deleteQ)
	gc.process(event{typ: virtualDeleteEvent, obj: objectMeta{ref: objectRef{APIVersion: "v1", Kind: "ConfigMap", Name: "x", UID: "u", Namespace: "default"}}})
	n, ok = gc.graph.get("u")
	require.True(t, ok)
	require.True(t, n.virtual)
	require.Equal(t, "y", n.ref.Name)
	require.Contains(t, drain(gc.deleteQ), apiobj.UID("a-uid"))
	require.True(t, gc.absent.has(gc.coordinates(objectRef{APIVersion: "v1", Kind: "ConfigMap", Name: "x", UID: "u", Namespace: "default"})))
}
