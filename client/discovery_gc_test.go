package client_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/store/memory"
)

func TestServerResources(t *testing.T) {
	t.Parallel()
	e := newEnv(t, memory.Config{})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	for name, c := range map[string]*client.Client{"http": e.http, "inprocess": e.inproc} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			res, err := client.ServerResources(ctx, c)
			require.NoError(t, err)
			find := func(group, version, resource string) (client.APIResource, bool) {
				for _, r := range res {
					if r.Group == group && r.Version == version && r.Resource == resource {
						return r, true
					}
				}
				return client.APIResource{}, false
			}
			pods, ok := find("", "v1", "pods")
			require.True(t, ok)
			require.True(t, pods.Namespaced)
			require.True(t, pods.Preferred)
			require.True(t, pods.Supports("list", "watch", "delete", "deletecollection"))
			require.Equal(t, apiobj.CoreV1.WithKind("Pod"), pods.GroupVersionKind())
			ns, ok := find("", "v1", "namespaces")
			require.True(t, ok)
			require.False(t, ns.Namespaced)
			deploy, ok := find("apps", "v1", "deployments")
			require.True(t, ok)
			require.Equal(t, "Deployment", deploy.Kind)
			for _, r := range res {
				require.NotContains(t, r.Resource, "/", "subresources are left out")
			}
		})
	}
}

func TestMetadataOnly(t *testing.T) {
	t.Parallel()
	e := newEnv(t, memory.Config{})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	gvr := apiobj.CoreV1.WithResource("configmaps")
	gvk := apiobj.CoreV1.WithKind("ConfigMap")
	for name, c := range map[string]*client.Client{"http": e.http, "inprocess": e.inproc} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			full := client.DynamicScoped(c, gvr, gvk, true).Namespace("default")
			meta := client.DynamicScoped(client.MetadataOnly(c), gvr, gvk, true).Namespace("default")
			cm := apiobj.NewUnstructured(gvk)
			cm.SetName("meta-" + name)
			cm.SetLabels(map[string]string{"app": "meta"})
			apiobj.SetNestedField(cm.Object, "v", "data", "k")
			_, err := full.Create(ctx, cm)
			require.NoError(t, err)

			got, err := meta.Get(ctx, "meta-"+name)
			require.NoError(t, err)
			require.Equal(t, "PartialObjectMetadata", got.GroupVersionKind().Kind)
			require.Equal(t, "meta", got.GetLabels()["app"])
			require.NotEmpty(t, got.GetUID())
			_, hasData := got.Object["data"]
			require.False(t, hasData, "only metadata comes back")

			items, lm, err := meta.List(ctx, client.ListOptions{LabelSelector: "app=meta"})
			require.NoError(t, err)
			require.NotEmpty(t, lm.ResourceVersion)
			require.NotEmpty(t, items)
			for _, it := range items {
				_, hasData := it.Object["data"]
				require.False(t, hasData)
			}

			// Writes are unchanged: a patch through the metadata client
			// works and answers with the whole object.
			patched, err := meta.Patch(ctx, "meta-"+name, client.MergePatch, []byte(`{"metadata":{"labels":{"x":"y"}}}`), "")
			require.NoError(t, err)
			require.Equal(t, "y", patched.GetLabels()["x"])
			require.NoError(t, meta.Delete(ctx, "meta-"+name))
		})
	}
}
