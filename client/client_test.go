package client_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store"
	"github.com/orcaproj/orca/store/memory"
)

type env struct {
	store  store.Interface
	server *apiserver.Server
	http   *client.Client
	inproc *client.Client
}

func newEnv(t testing.TB, mcfg memory.Config) *env {
	t.Helper()
	st := memory.New(mcfg)
	t.Cleanup(func() { _ = st.Close() })
	srv, err := apiserver.New(apiserver.Config{Store: st})
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, srv.Bootstrap(ctx))
	t.Cleanup(srv.Close)
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	scheme := apiobj.NewScheme()
	hc, err := client.New(client.Config{Host: hs.URL}, scheme)
	require.NoError(t, err)
	admin := &auth.User{Name: "admin", Groups: []string{auth.GroupMasters}}
	return &env{store: st, server: srv, http: hc, inproc: client.NewInProcess(srv, admin, scheme)}
}

func configMap(name string, data map[string]string) *apiobj.ConfigMap {
	return &apiobj.ConfigMap{ObjectMeta: apiobj.ObjectMeta{Name: name, Namespace: "default", Labels: map[string]string{"app": "x"}}, Data: data}
}

// TestTransportsAgree runs the same CRUD sequence over HTTP and in-process.
func TestTransportsAgree(t *testing.T) {
	t.Parallel()
	e := newEnv(t, memory.Config{})
	for name, c := range map[string]*client.Client{"http": e.http, "inprocess": e.inproc} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			cms := client.For[*apiobj.ConfigMap](c).Namespace("default")
			created, err := cms.Create(ctx, configMap("cm-"+name, map[string]string{"a": "1"}))
			require.NoError(t, err)
			require.NotEmpty(t, created.UID)
			require.NotEmpty(t, created.ResourceVersion)

			_, err = cms.Create(ctx, configMap("cm-"+name, nil))
			require.ErrorIs(t, err, errdefs.ErrAlreadyExists)

			got, err := cms.Get(ctx, "cm-"+name)
			require.NoError(t, err)
			require.Equal(t, "1", got.Data["a"])

			got.Data["a"] = "2"
			updated, err := cms.Update(ctx, got)
			require.NoError(t, err)
			require.NotEqual(t, got.ResourceVersion, updated.ResourceVersion)

			got.Data["a"] = "stale"
			_, err = cms.Update(ctx, got)
			require.ErrorIs(t, err, errdefs.ErrConflict, "a stale resourceVersion conflicts")

			patched, err := cms.Patch(ctx, "cm-"+name, client.MergePatch, []byte(`{"data":{"b":"3"}}`), "")
			require.NoError(t, err)
			require.Equal(t, map[string]string{"a": "2", "b": "3"}, patched.Data)

			items, meta, err := cms.List(ctx, client.ListOptions{LabelSelector: "app=x"})
			require.NoError(t, err)
			require.NotEmpty(t, meta.ResourceVersion)
			require.NotEmpty(t, items)

			require.NoError(t, cms.Delete(ctx, "cm-"+name))
			_, err = cms.Get(ctx, "cm-"+name)
			require.ErrorIs(t, err, errdefs.ErrNotFound)
			require.NoError(t, client.IgnoreNotFound(err))
		})
	}
}

func TestDynamicAndWatch(t *testing.T) {
	t.Parallel()
	e := newEnv(t, memory.Config{})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	dyn, err := client.Dynamic(e.inproc, apiobj.CoreV1.WithResource("configmaps"))
	require.NoError(t, err)
	dyn = dyn.Namespace("default")
	_, meta, err := dyn.List(ctx, client.ListOptions{})
	require.NoError(t, err)

	w, err := dyn.Watch(ctx, client.ListOptions{ResourceVersion: meta.ResourceVersion})
	require.NoError(t, err)
	u := apiobj.NewUnstructured(apiobj.CoreV1.WithKind("ConfigMap"))
	u.SetName("dyn")
	u.SetNamespace("default")
	apiobj.SetNestedField(u.Object, "v", "data", "k")
	_, err = dyn.Create(ctx, u)
	require.NoError(t, err)
	require.NoError(t, dyn.Delete(ctx, "dyn"))

	var seen []client.EventType
	for ev := range w.Events() {
		require.NoError(t, ev.Err)
		require.Equal(t, "dyn", ev.Object.GetName())
		seen = append(seen, ev.Type)
		if len(seen) == 2 {
			break
		}
	}
	require.Equal(t, []client.EventType{client.Added, client.Deleted}, seen)
}

// TestInformerConvergesAcrossBreaksAndCompaction changes 10,000 objects
// while the informer's watches are cut and the store is compacted (which
// forces relists), and checks the cache ends equal to the store.
func TestInformerConvergesAcrossBreaksAndCompaction(t *testing.T) {
	t.Parallel()
	e := newEnv(t, memory.Config{HistoryRevisions: 2000})
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	cms := client.For[*apiobj.ConfigMap](e.inproc).Namespace("default")

	inf := client.NewInformer(cms, client.InformerOptions[*apiobj.ConfigMap]{
		PageSize:     300,
		WatchTimeout: time.Second, // short watches: the informer keeps re-watching
	})
	var adds, updates, deletes, tombstones atomic.Int64
	inf.AddHandler(client.HandlerFuncs[*apiobj.ConfigMap]{
		AddFunc:    func(*apiobj.ConfigMap, bool) { adds.Add(1) },
		UpdateFunc: func(_, _ *apiobj.ConfigMap) { updates.Add(1) },
		DeleteFunc: func(_ *apiobj.ConfigMap, tomb bool) {
			deletes.Add(1)
			if tomb {
				tombstones.Add(1)
			}
		},
	})
	runCtx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); _ = inf.Run(runCtx) }()
	require.True(t, inf.WaitForCacheSync(ctx))

	const objects = 1000
	const rounds = 10 // 10 rounds over 1,000 objects: 10,000 changes
	for r := range rounds {
		var g sync.WaitGroup
		for w := range 4 {
			g.Add(1)
			go func() {
				defer g.Done()
				for i := w; i < objects; i += 4 {
					name := fmt.Sprintf("cm-%04d", i)
					var err error
					switch {
					case r == 0:
						_, err = cms.Create(ctx, configMap(name, map[string]string{"round": "0"}))
					case r%3 == 2 && i%5 == 0:
						err = cms.Delete(ctx, name)
						if errors.Is(err, errdefs.ErrNotFound) {
							_, err = cms.Create(ctx, configMap(name, map[string]string{"round": fmt.Sprint(r)}))
						}
					default:
						_, err = cms.Patch(ctx, name, client.MergePatch, []byte(fmt.Sprintf(`{"data":{"round":"%d"}}`, r)), "")
						if errors.Is(err, errdefs.ErrNotFound) {
							_, err = cms.Create(ctx, configMap(name, map[string]string{"round": fmt.Sprint(r)}))
						}
					}
					require.NoError(t, err)
				}
			}()
		}
		g.Wait()
		if r%3 == 1 {
			// Compact to the current revision: a watch resuming from an
			// older one gets 410 and the informer must relist.
			rev, err := e.store.CurrentRevision(ctx)
			require.NoError(t, err)
			require.NoError(t, e.store.Compact(ctx, rev))
		}
	}

	want, meta, err := cms.List(ctx, client.ListOptions{})
	require.NoError(t, err)
	deadline := time.Now().Add(60 * time.Second)
	for {
		cached := inf.Lister().Namespace("default").List(nil)
		if sameObjects(cached, want) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("informer cache (%d objects, rv %s) never matched the store (%d objects, rv %s)",
				len(cached), inf.LastSyncResourceVersion(), len(want), meta.ResourceVersion)
		}
		time.Sleep(20 * time.Millisecond) // polling a condition with a deadline
	}
	stop()
	wg.Wait()
	require.Positive(t, adds.Load())
	require.Positive(t, updates.Load())
	require.Positive(t, deletes.Load())
	t.Logf("lists=%d adds=%d updates=%d deletes=%d (tombstones %d)", inf.Lists(), adds.Load(), updates.Load(), deletes.Load(), tombstones.Load())
}

func sameObjects(a, b []*apiobj.ConfigMap) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]string{}
	for _, o := range a {
		m[o.Name] = o.ResourceVersion
	}
	for _, o := range b {
		if m[o.Name] != o.ResourceVersion {
			return false
		}
	}
	return true
}
