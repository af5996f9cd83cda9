package client_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/store/memory"
)

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond) // polling a condition with a deadline
	}
}

func TestRemovableHandlerAndDynamicFactory(t *testing.T) {
	t.Parallel()
	e := newEnv(t, memory.Config{})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cms := client.For[*apiobj.ConfigMap](e.inproc).Namespace("default")
	_, err := cms.Create(ctx, configMap("before", nil))
	require.NoError(t, err)

	f := client.NewFactory(e.inproc, 0)
	require.True(t, f.HasSynced(), "an empty factory has synced")
	typed := client.InformerFor[*apiobj.ConfigMap](f)
	dynRes, err := client.Dynamic(e.inproc, apiobj.CoreV1.WithResource("configmaps"))
	require.NoError(t, err)
	dyn := client.DynamicInformerFor(f, dynRes.Namespace("default"))
	require.Same(t, dyn, client.DynamicInformerFor(f, dynRes), "dynamic informers are shared per resource")
	require.False(t, f.HasSynced())

	var typedAdds, dynAdds atomic.Int64
	removeTyped := typed.AddRemovableHandler(client.HandlerFuncs[*apiobj.ConfigMap]{
		AddFunc: func(*apiobj.ConfigMap, bool) { typedAdds.Add(1) },
	})
	dyn.AddRemovableHandler(client.HandlerFuncs[*apiobj.Unstructured]{
		AddFunc: func(u *apiobj.Unstructured, _ bool) {
			if u.GroupVersionKind().Kind == "ConfigMap" {
				dynAdds.Add(1)
			}
		},
	})
	runCtx, stop := context.WithCancel(ctx)
	f.Start(runCtx)
	require.True(t, f.WaitForCacheSync(ctx))
	require.True(t, f.HasSynced())
	waitFor(t, "the listed object", func() bool { return typedAdds.Load() >= 1 && dynAdds.Load() >= 1 })

	removeTyped()
	removeTyped()
	base := typedAdds.Load()
	_, err = cms.Create(ctx, configMap("after", nil))
	require.NoError(t, err)
	waitFor(t, "the dynamic informer to see the new object", func() bool { return dynAdds.Load() >= 2 })
	waitFor(t, "the typed cache to see the new object", func() bool {
		_, err := typed.Lister().Namespace("default").Get("after")
		return err == nil
	})
	require.Equal(t, base, typedAdds.Load(), "a removed handler is not called")

	// A handler added after sync gets the cache as initial adds, and a
	// dynamic informer created after Start starts at once.
	var late atomic.Int64
	typed.AddRemovableHandler(client.HandlerFuncs[*apiobj.ConfigMap]{
		AddFunc: func(_ *apiobj.ConfigMap, initial bool) {
			if initial {
				late.Add(1)
			}
		},
	})
	waitFor(t, "initial adds for a late handler", func() bool { return late.Load() >= 2 })
	nsRes, err := client.Dynamic(e.inproc, apiobj.CoreV1.WithResource("namespaces"))
	require.NoError(t, err)
	require.True(t, client.DynamicInformerFor(f, nsRes).WaitForCacheSync(ctx))
	stop()
	f.Wait()
}
