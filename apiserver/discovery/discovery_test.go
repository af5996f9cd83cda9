package discovery

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
)

func get(t *testing.T, h http.Handler, path, accept string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func decode[T any](t *testing.T, rec *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &v), rec.Body.String())
	return v
}

const kubectlAccept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json"

func TestStatusCodesAndContentTypes(t *testing.T) {
	t.Parallel()
	h := NewHandler(apiobj.NewScheme())
	tests := []struct {
		name, method, path, accept string
		code                       int
		contentType                string
	}{
		{name: "api legacy", path: "/api", code: 200, contentType: "application/json"},
		{name: "api aggregated v2", path: "/api", accept: kubectlAccept, code: 200, contentType: ContentTypeAggregatedV2},
		{name: "apis aggregated v2beta1", path: "/apis", accept: ContentTypeAggregatedV2Beta1 + ", application/json", code: 200, contentType: ContentTypeAggregatedV2Beta1},
		{name: "apis q prefers legacy", path: "/apis", accept: ContentTypeAggregatedV2 + ";q=0.5, application/json", code: 200, contentType: "application/json"},
		{name: "apis star", path: "/apis", accept: "*/*", code: 200, contentType: "application/json"},
		{name: "apis trailing slash", path: "/apis/", code: 200, contentType: "application/json"},
		{name: "core v1", path: "/api/v1", code: 200, contentType: "application/json"},
		{name: "group", path: "/apis/apps", code: 200, contentType: "application/json"},
		{name: "group version", path: "/apis/apps/v1", accept: "application/json, */*", code: 200, contentType: "application/json"},
		{name: "autoscaling v1 serves no resource", path: "/apis/autoscaling/v1", code: 404},
		{name: "unknown group", path: "/apis/nope.example.com/v1", code: 404},
		{name: "unknown core version", path: "/api/v2", code: 404},
		{name: "resource path", path: "/api/v1/pods", code: 404},
		{name: "protobuf only", path: "/apis", accept: "application/vnd.kubernetes.protobuf", code: 406},
		{name: "protobuf only group version", path: "/apis/apps/v1", accept: "application/vnd.kubernetes.protobuf", code: 406},
		{name: "post", method: http.MethodPost, path: "/apis", code: 405},
		{name: "head", method: http.MethodHead, path: "/apis", code: 200, contentType: "application/json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			method := tt.method
			if method == "" {
				method = http.MethodGet
			}
			req := httptest.NewRequest(method, tt.path, nil)
			if tt.accept != "" {
				req.Header.Set("Accept", tt.accept)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			assert.Equal(t, tt.code, rec.Code, rec.Body.String())
			if tt.contentType != "" {
				assert.Equal(t, tt.contentType, rec.Header().Get("Content-Type"))
			}
			if tt.code >= 400 {
				st := decode[apiobj.Status](t, rec)
				assert.Equal(t, "Status", st.Kind)
				assert.Equal(t, int32(tt.code), st.Code)
			}
		})
	}
}

func TestLegacyDocuments(t *testing.T) {
	t.Parallel()
	h := NewHandler(apiobj.NewScheme())

	versions := decode[APIVersions](t, get(t, h, "/api", ""))
	assert.Equal(t, "APIVersions", versions.Kind)
	assert.Equal(t, []string{"v1"}, versions.Versions)
	require.Len(t, versions.ServerAddressByClientCIDRs, 1)

	groups := decode[APIGroupList](t, get(t, h, "/apis", ""))
	assert.Equal(t, "APIGroupList", groups.Kind)
	byName := map[string]APIGroup{}
	var names []string
	for _, g := range groups.Groups {
		byName[g.Name] = g
		names = append(names, g.Name)
	}
	assert.Equal(t, "apps", names[0], "groups follow kube-apiserver's priority")
	require.Contains(t, byName, "autoscaling")
	assert.Equal(t, "autoscaling/v2", byName["autoscaling"].PreferredVersion.GroupVersion)
	assert.Equal(t, []GroupVersionForDiscovery{{GroupVersion: "autoscaling/v2", Version: "v2"}}, byName["autoscaling"].Versions)
	for _, want := range []string{"apps", "batch", "policy", "rbac.authorization.k8s.io", "storage.k8s.io",
		"apiextensions.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "scheduling.k8s.io",
		"authentication.k8s.io", "authorization.k8s.io"} {
		assert.Contains(t, byName, want)
	}

	group := decode[APIGroup](t, get(t, h, "/apis/apps", ""))
	assert.Equal(t, "APIGroup", group.Kind)
	assert.Equal(t, "apps/v1", group.PreferredVersion.GroupVersion)
}

func TestResourceLists(t *testing.T) {
	t.Parallel()
	h := NewHandler(apiobj.NewScheme())
	find := func(l APIResourceList, name string) APIResource {
		t.Helper()
		for _, r := range l.APIResources {
			if r.Name == name {
				return r
			}
		}
		t.Fatalf("%s: no resource %s", l.GroupVersion, name)
		return APIResource{}
	}
	core := decode[APIResourceList](t, get(t, h, "/api/v1", ""))
	apps := decode[APIResourceList](t, get(t, h, "/apis/apps/v1", ""))
	auth := decode[APIResourceList](t, get(t, h, "/apis/authorization.k8s.io/v1", ""))
	assert.Equal(t, "v1", core.GroupVersion)
	assert.Equal(t, "apps/v1", apps.GroupVersion)

	tests := []struct {
		name string
		list APIResourceList
		want APIResource
	}{
		{"pods", core, APIResource{Name: "pods", SingularName: "pod", Namespaced: true, Kind: "Pod",
			Verbs: apiobj.VerbsAll, ShortNames: []string{"po"}, Categories: []string{"all"}}},
		{"pods/status", core, APIResource{Name: "pods/status", Namespaced: true, Kind: "Pod", Verbs: []string{"get", "patch", "update"}}},
		{"pods/eviction", core, APIResource{Name: "pods/eviction", Namespaced: true, Group: "policy", Version: "v1", Kind: "Eviction", Verbs: []string{"create"}}},
		{"pods/binding", core, APIResource{Name: "pods/binding", Namespaced: true, Kind: "Binding", Verbs: []string{"create"}}},
		{"pods/log", core, APIResource{Name: "pods/log", Namespaced: true, Kind: "Pod", Verbs: []string{"get"}}},
		{"pods/exec", core, APIResource{Name: "pods/exec", Namespaced: true, Kind: "PodExecOptions", Verbs: []string{"create", "get"}}},
		{"nodes/proxy", core, APIResource{Name: "nodes/proxy", Kind: "NodeProxyOptions", Verbs: []string{"create", "delete", "get", "patch", "update"}}},
		{"namespaces", core, APIResource{Name: "namespaces", SingularName: "namespace", Kind: "Namespace",
			Verbs: []string{"create", "delete", "get", "list", "patch", "update", "watch"}, ShortNames: []string{"ns"}}},
		{"namespaces/finalize", core, APIResource{Name: "namespaces/finalize", Kind: "Namespace", Verbs: []string{"update"}}},
		{"serviceaccounts/token", core, APIResource{Name: "serviceaccounts/token", Namespaced: true, Group: "authentication.k8s.io", Version: "v1", Kind: "TokenRequest", Verbs: []string{"create"}}},
		{"bindings", core, APIResource{Name: "bindings", SingularName: "binding", Namespaced: true, Kind: "Binding", Verbs: []string{"create"}}},
		{"deployments/scale", apps, APIResource{Name: "deployments/scale", Namespaced: true, Group: "autoscaling", Version: "v1", Kind: "Scale", Verbs: []string{"get", "patch", "update"}}},
		{"statefulsets", apps, APIResource{Name: "statefulsets", SingularName: "statefulset", Namespaced: true, Kind: "StatefulSet",
			Verbs: apiobj.VerbsAll, ShortNames: []string{"sts"}, Categories: []string{"all"}}},
		{"selfsubjectaccessreviews", auth, APIResource{Name: "selfsubjectaccessreviews", SingularName: "selfsubjectaccessreview", Kind: "SelfSubjectAccessReview", Verbs: []string{"create"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, find(tt.list, tt.name))
		})
	}
	// Resources come sorted by name, each followed by its subresources.
	var names []string
	for _, r := range core.APIResources {
		names = append(names, r.Name)
	}
	assert.True(t, slices.IsSorted(names), "%v", names)
}

func TestAggregated(t *testing.T) {
	t.Parallel()
	h := NewHandler(apiobj.NewScheme())
	api := decode[APIGroupDiscoveryList](t, get(t, h, "/api", kubectlAccept))
	assert.Equal(t, "APIGroupDiscoveryList", api.Kind)
	assert.Equal(t, "apidiscovery.k8s.io/v2", api.APIVersion)
	require.Len(t, api.Items, 1)
	assert.Equal(t, "", api.Items[0].Metadata.Name)
	require.Len(t, api.Items[0].Versions, 1)
	assert.Equal(t, "v1", api.Items[0].Versions[0].Version)
	assert.Equal(t, DiscoveryFreshnessCurrent, api.Items[0].Versions[0].Freshness)

	apis := decode[APIGroupDiscoveryList](t, get(t, h, "/apis", kubectlAccept))
	var apps, autoscaling *APIGroupDiscovery
	for i := range apis.Items {
		switch apis.Items[i].Metadata.Name {
		case "apps":
			apps = &apis.Items[i]
		case "autoscaling":
			autoscaling = &apis.Items[i]
		case "":
			t.Fatal("the core group must not be in /apis")
		}
	}
	require.NotNil(t, apps)
	require.NotNil(t, autoscaling)
	assert.Equal(t, "v2", autoscaling.Versions[0].Version, "the preferred version comes first")

	var deploy *APIResourceDiscovery
	for i, r := range apps.Versions[0].Resources {
		if r.Resource == "deployments" {
			deploy = &apps.Versions[0].Resources[i]
		}
	}
	require.NotNil(t, deploy)
	assert.Equal(t, APIResourceDiscovery{
		Resource:         "deployments",
		ResponseKind:     &GroupVersionKind{Kind: "Deployment"},
		Scope:            ScopeNamespace,
		SingularResource: "deployment",
		Verbs:            apiobj.VerbsAll,
		ShortNames:       []string{"deploy"},
		Categories:       []string{"all"},
		Subresources: []APISubresourceDiscovery{
			{Subresource: "scale", ResponseKind: &GroupVersionKind{Group: "autoscaling", Version: "v1", Kind: "Scale"}, Verbs: []string{"get", "patch", "update"}},
			{Subresource: "status", ResponseKind: &GroupVersionKind{Kind: "Deployment"}, Verbs: []string{"get", "patch", "update"}},
		},
	}, *deploy)

	// The wire shape client-go decodes: metadata with a null creationTimestamp.
	var raw map[string]any
	require.NoError(t, json.Unmarshal(get(t, h, "/apis", kubectlAccept).Body.Bytes(), &raw))
	item := raw["items"].([]any)[0].(map[string]any)
	assert.Equal(t, map[string]any{"name": "apps", "creationTimestamp": nil}, item["metadata"])
}

func TestETag(t *testing.T) {
	t.Parallel()
	h := NewHandler(apiobj.NewScheme())
	first := get(t, h, "/apis", kubectlAccept)
	etag := first.Header().Get("ETag")
	require.NotEmpty(t, etag)

	req := httptest.NewRequest(http.MethodGet, "/apis", nil)
	req.Header.Set("Accept", kubectlAccept)
	req.Header.Set("If-None-Match", etag)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusNotModified, rec.Code)
	assert.Empty(t, rec.Body.Bytes())

	// v2beta1 is the same content in another envelope: another tag.
	assert.NotEqual(t, etag, get(t, h, "/apis", ContentTypeAggregatedV2Beta1).Header().Get("ETag"))
}

func widgetKind(version string) apiobj.KindInfo {
	return apiobj.KindInfo{
		GroupVersionKind: apiobj.GroupVersionKind{Group: "example.com", Version: version, Kind: "Widget"},
		Resource:         "widgets",
		Singular:         "widget",
		ShortNames:       []string{"wd"},
		Categories:       []string{"all"},
		Namespaced:       true,
		Subresources:     []string{"status", "scale"},
	}
}

func TestCustomKindsComeAndGo(t *testing.T) {
	t.Parallel()
	s := apiobj.NewScheme()
	h := NewHandler(s)
	assert.Equal(t, http.StatusNotFound, get(t, h, "/apis/example.com/v1", "").Code)
	etag := get(t, h, "/apis", kubectlAccept).Header().Get("ETag")

	require.NoError(t, s.AddKind(widgetKind("v1beta1")))
	require.NoError(t, s.AddKind(widgetKind("v1")))
	group := decode[APIGroup](t, get(t, h, "/apis/example.com", ""))
	assert.Equal(t, "v1", group.PreferredVersion.Version)
	assert.Equal(t, []GroupVersionForDiscovery{
		{GroupVersion: "example.com/v1", Version: "v1"},
		{GroupVersion: "example.com/v1beta1", Version: "v1beta1"},
	}, group.Versions)
	list := decode[APIResourceList](t, get(t, h, "/apis/example.com/v1", ""))
	require.Len(t, list.APIResources, 3)
	assert.Equal(t, "widgets/scale", list.APIResources[1].Name)
	assert.Equal(t, "Scale", list.APIResources[1].Kind)
	assert.Equal(t, "autoscaling", list.APIResources[1].Group)
	assert.NotEqual(t, etag, get(t, h, "/apis", kubectlAccept).Header().Get("ETag"))

	s.RemoveKind(widgetKind("v1").GroupVersionKind)
	s.RemoveKind(widgetKind("v1beta1").GroupVersionKind)
	assert.Equal(t, http.StatusNotFound, get(t, h, "/apis/example.com", "").Code)
	assert.Equal(t, etag, get(t, h, "/apis", kubectlAccept).Header().Get("ETag"))

	h.Invalidate()
	assert.Equal(t, etag, get(t, h, "/apis", kubectlAccept).Header().Get("ETag"))
}

func TestConcurrentRequestsWhileKindsChange(t *testing.T) {
	t.Parallel()
	s := apiobj.NewScheme()
	h := NewHandler(s)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				for _, p := range []string{"/api", "/apis", "/apis/example.com/v1", "/api/v1"} {
					req := httptest.NewRequest(http.MethodGet, p, nil)
					if i%2 == 0 {
						req.Header.Set("Accept", kubectlAccept)
					}
					h.ServeHTTP(httptest.NewRecorder(), req)
				}
			}
		}()
	}
	for i := range 50 {
		k := widgetKind(fmt.Sprintf("v%d", i%3+1))
		_ = s.AddKind(k)
		if i%2 == 1 {
			s.RemoveKind(k.GroupVersionKind)
		}
		if i%10 == 0 {
			h.Invalidate()
		}
	}
	wg.Wait()
}

func TestCompareVersions(t *testing.T) {
	t.Parallel()
	in := []string{"v1alpha1", "foo1", "v1beta1", "v11alpha2", "v12alpha1", "v1", "v2", "v2beta2", "v10beta3", "v10", "foo10", "v3beta1"}
	slices.SortFunc(in, CompareVersions)
	assert.Equal(t, []string{"v10", "v2", "v1", "v10beta3", "v3beta1", "v2beta2", "v1beta1", "v12alpha1", "v11alpha2", "v1alpha1", "foo1", "foo10"}, in)
}

func TestIsDiscoveryPath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		path string
		want bool
	}{
		{"/api", true}, {"/api/", true}, {"/api/v1", true}, {"/api/v1/", true},
		{"/apis", true}, {"/apis/apps", true}, {"/apis/apps/v1", true}, {"/apis/apps/v1/", true},
		{"/api/v1/pods", false}, {"/apis/apps/v1/deployments", false}, {"/", false}, {"", false},
		{"/openapi/v2", false}, {"/apis//v1", false}, {"api", false}, {"/version", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, IsDiscoveryPath(tt.path), tt.path)
	}
}
