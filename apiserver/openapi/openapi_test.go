package openapi

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
)

// doc is a decoded JSON document with helpers to walk it.
type doc map[string]any

func (d doc) at(t *testing.T, path ...string) any {
	t.Helper()
	var cur any = map[string]any(d)
	for _, p := range path {
		m, ok := cur.(map[string]any)
		if !ok {
			t.Fatalf("%v: %q is not an object", path, p)
		}
		cur, ok = m[p]
		if !ok {
			t.Fatalf("%v: no %q", path, p)
		}
	}
	return cur
}

func getDoc(t *testing.T, h http.Handler, path string) doc {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var d doc
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &d))
	return d
}

func v3Of(t *testing.T, h *Handler, gv apiobj.GroupVersion) doc {
	t.Helper()
	b, ok := h.V3(gv)
	require.True(t, ok, "%v not served", gv)
	var d doc
	require.NoError(t, json.Unmarshal(b, &d))
	return d
}

func TestDefinitions(t *testing.T) {
	t.Parallel()
	h := NewHandler(Config{})
	var v2doc doc
	require.NoError(t, json.Unmarshal(h.V2(), &v2doc))
	defs := v2doc["definitions"].(map[string]any)
	for _, name := range []string{
		"io.k8s.api.apps.v1.Deployment", "io.k8s.api.apps.v1.DeploymentList", "io.k8s.api.apps.v1.DeploymentSpec",
		"io.k8s.api.core.v1.Pod", "io.k8s.api.core.v1.PodSpec", "io.k8s.api.core.v1.Container", "io.k8s.api.core.v1.PodTemplateSpec",
		"io.k8s.api.core.v1.TopologySelectorTerm", "io.k8s.api.discovery.v1.EndpointPort", "io.k8s.api.discovery.v1.EndpointSlice",
		"io.k8s.api.autoscaling.v1.Scale", "io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler", "io.k8s.api.policy.v1.Eviction",
		"io.k8s.api.rbac.v1.ClusterRole", "io.k8s.api.storage.v1.StorageClass", "io.k8s.api.coordination.v1.Lease",
		"io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition",
		"io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps",
		"io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta",
		"io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector", "io.k8s.apimachinery.pkg.apis.meta.v1.Status",
		"io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions", "io.k8s.apimachinery.pkg.apis.meta.v1.Condition",
	} {
		assert.Contains(t, defs, name)
	}
	for name := range defs {
		assert.False(t, strings.Contains(name, "Unstructured"), name)
	}
	leaves := []struct {
		name   string
		v2     map[string]any
		v3Type any
	}{
		{nameQuantity, map[string]any{"type": "string"}, nil},
		{nameIntOrString, map[string]any{"type": "string", "format": "int-or-string"}, nil},
		{metaV1 + "Time", map[string]any{"type": "string", "format": "date-time"}, "string"},
		{metaV1 + "MicroTime", map[string]any{"type": "string", "format": "date-time"}, "string"},
	}
	core := v3Of(t, h, apiobj.CoreV1)
	for _, l := range leaves {
		d := defs[l.name].(map[string]any)
		for k, v := range l.v2 {
			assert.Equal(t, v, d[k], "%s.%s", l.name, k)
		}
		s := core.at(t, "components", "schemas", l.name).(map[string]any)
		assert.Equal(t, l.v3Type, s["type"], l.name)
	}
	assert.Equal(t, []any{map[string]any{"type": "integer"}, map[string]any{"type": "string"}},
		core.at(t, "components", "schemas", nameIntOrString, "oneOf"))

	deploy := defs["io.k8s.api.apps.v1.Deployment"].(map[string]any)
	assert.Equal(t, []any{map[string]any{"group": "apps", "kind": "Deployment", "version": "v1"}}, deploy[extGVK])
	assert.Equal(t, []any{map[string]any{"group": "apps", "kind": "DeploymentList", "version": "v1"}},
		defs["io.k8s.api.apps.v1.DeploymentList"].(map[string]any)[extGVK])
	assert.Equal(t, []any{map[string]any{"group": "", "kind": "Status", "version": "v1"}},
		defs[nameStatus].(map[string]any)[extGVK])
	assert.Equal(t, map[string]any{"$ref": "#/definitions/" + nameObjectMeta, "description": "Standard object metadata."},
		deploy["properties"].(map[string]any)["metadata"])
}

func TestFields(t *testing.T) {
	t.Parallel()
	h := NewHandler(Config{})
	apps := v3Of(t, h, apiobj.AppsV1)
	core := v3Of(t, h, apiobj.CoreV1)
	schemas := func(d doc, name string) map[string]any {
		return d.at(t, "components", "schemas", name).(map[string]any)
	}
	prop := func(s map[string]any, name string) map[string]any {
		t.Helper()
		return s["properties"].(map[string]any)[name].(map[string]any)
	}

	spec := schemas(apps, "io.k8s.api.apps.v1.DeploymentSpec")
	assert.Equal(t, []any{"selector", "template"}, spec["required"], "fields without omitempty are required")
	assert.Equal(t, map[string]any{"type": "integer", "format": "int32", "description": "Replicas is the desired pod count; nil means 1."}, prop(spec, "replicas"))
	strategy := prop(spec, "strategy")
	assert.Equal(t, "retainKeys", strategy[extPatchStrategy])
	assert.Equal(t, []any{map[string]any{"$ref": "#/components/schemas/io.k8s.api.apps.v1.DeploymentStrategy"}}, strategy["allOf"],
		"a reference with siblings is wrapped in allOf in v3")
	assert.Equal(t, "DeploymentStrategyType is RollingUpdate or Recreate.",
		prop(schemas(apps, "io.k8s.api.apps.v1.DeploymentStrategy"), "type")["description"], "enum-like types describe fields of their type")

	podSpec := schemas(core, "io.k8s.api.core.v1.PodSpec")
	containers := prop(podSpec, "containers")
	assert.Equal(t, "merge", containers[extPatchStrategy])
	assert.Equal(t, "name", containers[extPatchMergeKey])
	assert.Equal(t, "array", containers["type"])
	assert.Equal(t, map[string]any{"$ref": "#/components/schemas/io.k8s.api.core.v1.Container"}, containers["items"])
	assert.Equal(t, "merge,retainKeys", prop(podSpec, "volumes")[extPatchStrategy])
	assert.Contains(t, podSpec["required"], "containers")
	assert.Equal(t, "uid", prop(schemas(core, nameObjectMeta), "ownerReferences")[extPatchMergeKey])

	secret := schemas(core, "io.k8s.api.core.v1.Secret")
	assert.Equal(t, map[string]any{"type": "string", "format": "byte"}, prop(secret, "data")["additionalProperties"])
	assert.Equal(t, "object", prop(secret, "data")["type"])
	limits := prop(schemas(core, "io.k8s.api.core.v1.ResourceRequirements"), "limits")
	assert.Equal(t, map[string]any{"$ref": "#/components/schemas/" + nameQuantity}, limits["additionalProperties"])
	// Inline embedded structs are flattened, as encoding/json does.
	ephemeral := schemas(core, "io.k8s.api.core.v1.EphemeralContainer")
	assert.Contains(t, ephemeral["properties"], "image")
	assert.Contains(t, ephemeral["properties"], "targetContainerName")
	assert.Contains(t, schemas(core, "io.k8s.api.core.v1.Pod")["properties"], "apiVersion")
	managed := prop(schemas(core, metaV1+"ManagedFieldsEntry"), "fieldsV1")
	assert.Equal(t, "#/components/schemas/"+nameFieldsV1, managed["$ref"], "a bare reference needs no allOf")
}

func TestPaths(t *testing.T) {
	t.Parallel()
	h := NewHandler(Config{})
	apps := v3Of(t, h, apiobj.AppsV1)
	paths := apps["paths"].(map[string]any)
	for _, p := range []string{
		"/apis/apps/v1/deployments",
		"/apis/apps/v1/namespaces/{namespace}/deployments",
		"/apis/apps/v1/namespaces/{namespace}/deployments/{name}",
		"/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status",
		"/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale",
	} {
		assert.Contains(t, paths, p)
	}
	gvk := func(path, method string) any {
		return apps.at(t, "paths", path, method, extGVK)
	}
	assert.Equal(t, map[string]any{"group": "apps", "kind": "Deployment", "version": "v1"}, gvk("/apis/apps/v1/deployments", "get"))
	assert.Equal(t, map[string]any{"group": "autoscaling", "kind": "Scale", "version": "v1"}, gvk("/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale", "patch"))
	patch := apps.at(t, "paths", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}", "patch").(map[string]any)
	assert.Contains(t, patch["requestBody"].(map[string]any)["content"], "application/strategic-merge-patch+json")
	var names []string
	for _, p := range patch["parameters"].([]any) {
		names = append(names, p.(map[string]any)["name"].(string))
	}
	assert.Contains(t, names, "fieldValidation")
	assert.Equal(t, "patchAppsV1NamespacedDeployment", patch["operationId"])
	assert.Equal(t, "patch", patch[extAction])
	// Every schema the document references is in it.
	b, _ := h.V3(apiobj.AppsV1)
	for _, ref := range strings.Split(string(b), `"$ref":"#/components/schemas/`)[1:] {
		name := ref[:strings.IndexByte(ref, '"')]
		assert.Contains(t, apps.at(t, "components", "schemas"), name)
	}

	core := v3Of(t, h, apiobj.CoreV1)
	assert.Equal(t, map[string]any{"group": "policy", "kind": "Eviction", "version": "v1"},
		core.at(t, "paths", "/api/v1/namespaces/{namespace}/pods/{name}/eviction", "post", extGVK))
	assert.Equal(t, map[string]any{"group": "", "kind": "Node", "version": "v1"}, core.at(t, "paths", "/api/v1/nodes/{name}", "get", extGVK))
	assert.NotContains(t, core["paths"], "/api/v1/namespaces/{namespace}/pods/{name}/exec")
	auth := v3Of(t, h, apiobj.AuthorizationV1)
	assert.Equal(t, map[string]any{"group": "authorization.k8s.io", "kind": "SelfSubjectAccessReview", "version": "v1"},
		auth.at(t, "paths", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", "post", extGVK))

	_, ok := h.V3(apiobj.AutoscalingV1)
	assert.False(t, ok, "autoscaling/v1 serves no resource")
	_, ok = h.V3(apiobj.AutoscalingV2)
	assert.True(t, ok)
}

func widget(version string) apiobj.KindInfo {
	return apiobj.KindInfo{GroupVersionKind: apiobj.GroupVersionKind{Group: "stable.example.com", Version: version, Kind: "CronTab"},
		Resource: "crontabs", Namespaced: true, ListKind: "CronTabList", Subresources: []string{"status", "scale"}}
}

func cronTabLookup(schema *apiobj.JSONSchemaProps) CRDLookupFunc {
	return func(gvk apiobj.GroupVersionKind) (*apiobj.CustomResourceDefinition, *apiobj.CustomResourceDefinitionVersion, bool) {
		if gvk.Group != "stable.example.com" {
			return nil, nil, false
		}
		crd := &apiobj.CustomResourceDefinition{Spec: apiobj.CustomResourceDefinitionSpec{Group: "stable.example.com",
			Versions: []apiobj.CustomResourceDefinitionVersion{{Name: gvk.Version, Schema: &apiobj.CustomResourceValidation{OpenAPIV3Schema: schema}}}}}
		return crd, &crd.Spec.Versions[0], true
	}
}

func TestCustomKinds(t *testing.T) {
	t.Parallel()
	var props apiobj.JSONSchemaProps
	require.NoError(t, json.Unmarshal([]byte(`{"type":"object","properties":{
		"spec":{"type":"object","properties":{
			"cronSpec":{"type":"string","pattern":"^\\d+$","nullable":true},
			"replicas":{"type":"integer","default":1,"minimum":0},
			"port":{"x-kubernetes-int-or-string":true,"anyOf":[{"type":"integer"},{"type":"string"}]},
			"list":{"type":"array"},
			"any":{"type":"object","x-kubernetes-preserve-unknown-fields":true},
			"mode":{"type":"string","enum":["a","b"]}},
			"x-kubernetes-validations":[{"rule":"self.replicas < 10"}]}}}`), &props))
	s := apiobj.NewScheme()
	h := NewHandler(Config{Scheme: s, CRDs: cronTabLookup(&props)})
	_, ok := h.V3(apiobj.GroupVersion{Group: "stable.example.com", Version: "v1"})
	require.False(t, ok)

	require.NoError(t, s.AddKind(widget("v1")))
	d := v3Of(t, h, apiobj.GroupVersion{Group: "stable.example.com", Version: "v1"})
	ct := d.at(t, "components", "schemas", "com.example.stable.v1.CronTab").(map[string]any)
	assert.Equal(t, []any{map[string]any{"group": "stable.example.com", "kind": "CronTab", "version": "v1"}}, ct[extGVK])
	assert.Equal(t, "object", ct["type"])
	spec := d.at(t, "components", "schemas", "com.example.stable.v1.CronTab", "properties", "spec").(map[string]any)
	assert.Equal(t, []any{map[string]any{"rule": "self.replicas < 10"}}, spec["x-kubernetes-validations"])
	assert.Equal(t, true, d.at(t, "components", "schemas", "com.example.stable.v1.CronTab", "properties", "spec", "properties", "cronSpec", "nullable"))
	assert.Equal(t, float64(1), d.at(t, "components", "schemas", "com.example.stable.v1.CronTab", "properties", "spec", "properties", "replicas", "default"))
	assert.Equal(t, map[string]any{"$ref": "#/components/schemas/" + nameObjectMeta, "description": descMetadata},
		map[string]any{"$ref": d.at(t, "components", "schemas", "com.example.stable.v1.CronTab", "properties", "metadata", "allOf").([]any)[0].(map[string]any)["$ref"],
			"description": d.at(t, "components", "schemas", "com.example.stable.v1.CronTab", "properties", "metadata", "description")})
	list := d.at(t, "components", "schemas", "com.example.stable.v1.CronTabList").(map[string]any)
	assert.Equal(t, []any{"items"}, list["required"])
	patch := d.at(t, "paths", "/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}", "patch", "requestBody", "content").(map[string]any)
	assert.NotContains(t, patch, "application/strategic-merge-patch+json", "custom kinds take merge patch, as in Kubernetes")
	assert.Contains(t, patch, "application/merge-patch+json")
	assert.Equal(t, map[string]any{"group": "autoscaling", "kind": "Scale", "version": "v1"},
		d.at(t, "paths", "/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}/scale", "get", extGVK))

	// v2 keeps only what v2 readers understand.
	var v2doc doc
	require.NoError(t, json.Unmarshal(h.V2(), &v2doc))
	v2spec := v2doc.at(t, "definitions", "com.example.stable.v1.CronTab", "properties", "spec").(map[string]any)
	assert.NotContains(t, v2spec, "x-kubernetes-validations")
	fields := v2spec["properties"].(map[string]any)
	assert.NotContains(t, fields["cronSpec"], "nullable")
	assert.NotContains(t, fields["port"], "type")
	assert.NotContains(t, fields["port"], "anyOf")
	assert.NotContains(t, fields["list"], "type", "an array without items is untyped in v2")
	assert.NotContains(t, fields["any"], "type")
	assert.Equal(t, []any{"a", "b"}, fields["mode"].(map[string]any)["enum"])

	// The kind goes away with its definition.
	s.RemoveKind(widget("v1").GroupVersionKind)
	_, ok = h.V3(apiobj.GroupVersion{Group: "stable.example.com", Version: "v1"})
	assert.False(t, ok)
	assert.NotContains(t, string(h.V2()), "com.example.stable.v1.CronTab")
}

func TestCustomKindWithoutSchema(t *testing.T) {
	t.Parallel()
	s := apiobj.NewEmptyScheme()
	require.NoError(t, s.AddKind(widget("v1beta1")))
	h := NewHandler(Config{Scheme: s})
	d := v3Of(t, h, apiobj.GroupVersion{Group: "stable.example.com", Version: "v1beta1"})
	ct := d.at(t, "components", "schemas", "com.example.stable.v1beta1.CronTab").(map[string]any)
	assert.Equal(t, true, ct["x-kubernetes-preserve-unknown-fields"])
	assert.Contains(t, ct["properties"], "metadata")
}

func TestInvalidateRereadsSchemas(t *testing.T) {
	t.Parallel()
	s := apiobj.NewEmptyScheme()
	require.NoError(t, s.AddKind(widget("v1")))
	var mu sync.Mutex
	desc := "first"
	lookup := CRDLookupFunc(func(gvk apiobj.GroupVersionKind) (*apiobj.CustomResourceDefinition, *apiobj.CustomResourceDefinitionVersion, bool) {
		mu.Lock()
		defer mu.Unlock()
		return cronTabLookup(&apiobj.JSONSchemaProps{Type: "object", Description: desc})(gvk)
	})
	h := NewHandler(Config{Scheme: s, CRDs: lookup})
	gv := apiobj.GroupVersion{Group: "stable.example.com", Version: "v1"}
	assert.Equal(t, "first", v3Of(t, h, gv).at(t, "components", "schemas", "com.example.stable.v1.CronTab", "description"))
	mu.Lock()
	desc = "second"
	mu.Unlock()
	assert.Equal(t, "first", v3Of(t, h, gv).at(t, "components", "schemas", "com.example.stable.v1.CronTab", "description"), "cached")
	h.Invalidate()
	assert.Equal(t, "second", v3Of(t, h, gv).at(t, "components", "schemas", "com.example.stable.v1.CronTab", "description"))
}

func TestServing(t *testing.T) {
	t.Parallel()
	h := NewHandler(Config{})
	index := getDoc(t, h, "/openapi/v3")
	paths := index["paths"].(map[string]any)
	assert.Contains(t, paths, "api/v1")
	assert.Contains(t, paths, "apis/apps/v1")
	assert.Contains(t, paths, "apis/autoscaling/v2")
	assert.NotContains(t, paths, "apis/autoscaling/v1")
	url := paths["apis/apps/v1"].(map[string]any)["serverRelativeURL"].(string)
	require.True(t, strings.HasPrefix(url, "/openapi/v3/apis/apps/v1?hash="), url)

	serve := func(method, target string, headers ...string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, target, nil)
		for i := 0; i+1 < len(headers); i += 2 {
			req.Header.Set(headers[i], headers[i+1])
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	rec := serve(http.MethodGet, url)
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, "public, immutable", rec.Header().Get("Cache-Control"))
	assert.Equal(t, "application/json", rec.Header().Get("Content-Type"))
	etag := rec.Header().Get("ETag")
	assert.Equal(t, http.StatusNotModified, serve(http.MethodGet, url, "If-None-Match", etag).Code)

	rec = serve(http.MethodGet, "/openapi/v3/apis/apps/v1?hash=stale")
	assert.Equal(t, http.StatusMovedPermanently, rec.Code)
	assert.Equal(t, url, rec.Header().Get("Location"))
	assert.Equal(t, "no-cache, private", serve(http.MethodGet, "/openapi/v3/apis/apps/v1").Header().Get("Cache-Control"))

	tests := []struct {
		name, path, accept string
		code               int
		contentType        string
	}{
		{"v2 json by default", "/openapi/v2", "", 200, "application/json"},
		{"v2 json", "/openapi/v2", "application/json", 200, "application/json"},
		{"v2 protobuf as client-go asks", "/openapi/v2", ContentTypeV2Proto, 200, ContentTypeV2ProtoAnswer},
		{"v2 protobuf by the dotted name", "/openapi/v2", ContentTypeV2ProtoAnswer, 200, ContentTypeV2ProtoAnswer},
		{"v2 json preferred", "/openapi/v2", "application/json, " + ContentTypeV2Proto, 200, "application/json"},
		{"v2 protobuf preferred", "/openapi/v2", ContentTypeV2Proto + ", application/json", 200, ContentTypeV2ProtoAnswer},
		{"v2 unacceptable", "/openapi/v2", "text/html", 406, "application/json"},
		{"v3 index protobuf only", "/openapi/v3", "application/com.github.proto-openapi.spec.v3@v1.0+protobuf", 406, "application/json"},
		{"unknown group version", "/openapi/v3/apis/nope/v1", "", 404, "application/json"},
		{"unknown path", "/openapi/v4", "", 404, "application/json"},
		{"trailing slash", "/openapi/v3/", "", 200, "application/json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := serve(http.MethodGet, tt.path, "Accept", tt.accept)
			assert.Equal(t, tt.code, rec.Code, rec.Body.String())
			assert.Equal(t, tt.contentType, rec.Header().Get("Content-Type"))
		})
	}
	assert.Equal(t, http.StatusMethodNotAllowed, serve(http.MethodPost, "/openapi/v2").Code)
	rec = serve(http.MethodGet, "/openapi/v2", "Accept", ContentTypeV2Proto)
	assert.Equal(t, http.StatusNotModified, serve(http.MethodGet, "/openapi/v2", "Accept", ContentTypeV2Proto, "If-None-Match", rec.Header().Get("ETag")).Code)
	assert.NotEqual(t, rec.Header().Get("ETag"), serve(http.MethodGet, "/openapi/v2").Header().Get("ETag"))
}

// wireFields splits a protobuf message into its fields.
type wireField struct {
	num   int
	wire  int
	bytes []byte
	value uint64
}

func wireFields(t *testing.T, b []byte) []wireField {
	t.Helper()
	var out []wireField
	for len(b) > 0 {
		key, n := binary.Uvarint(b)
		require.Positive(t, n)
		b = b[n:]
		f := wireField{num: int(key >> 3), wire: int(key & 7)}
		switch f.wire {
		case wireVarint:
			f.value, n = binary.Uvarint(b)
			require.Positive(t, n)
			b = b[n:]
		case wire64:
			f.value = binary.LittleEndian.Uint64(b)
			b = b[8:]
		case wireBytes:
			l, n := binary.Uvarint(b)
			require.Positive(t, n)
			b = b[n:]
			require.GreaterOrEqual(t, uint64(len(b)), l)
			f.bytes, b = b[:l], b[l:]
		default:
			t.Fatalf("unexpected wire type %d", f.wire)
		}
		out = append(out, f)
	}
	return out
}

func field(t *testing.T, fs []wireField, num int) []wireField {
	t.Helper()
	for _, f := range fs {
		if f.num == num {
			return wireFields(t, f.bytes)
		}
	}
	t.Fatalf("no field %d", num)
	return nil
}

func TestV2Protobuf(t *testing.T) {
	t.Parallel()
	h := NewHandler(Config{})
	var jsonDoc doc
	require.NoError(t, json.Unmarshal(h.V2(), &jsonDoc))
	d := h.current()
	d.buildV2()
	top := wireFields(t, d.v2Proto)
	assert.Equal(t, "2.0", string(top[0].bytes))
	assert.Equal(t, 1, top[0].num)

	// definitions (9) hold one NamedSchema (1) per JSON definition.
	var names []string
	var deploySpec []wireField
	for _, named := range wireFields(t, findBytes(t, top, 9)) {
		nf := wireFields(t, named.bytes)
		name := string(nf[0].bytes)
		names = append(names, name)
		if name == "io.k8s.api.apps.v1.DeploymentSpec" {
			deploySpec = wireFields(t, nf[1].bytes)
		}
	}
	assert.Len(t, names, len(jsonDoc["definitions"].(map[string]any)))
	require.NotNil(t, deploySpec)
	// required (19) and type (22).
	var required []string
	for _, f := range deploySpec {
		if f.num == 19 {
			required = append(required, string(f.bytes))
		}
	}
	assert.Equal(t, []string{"selector", "template"}, required)
	assert.Equal(t, "object", string(field(t, deploySpec, 22)[0].bytes))
	// properties (25): the strategy reference carries its patch strategy as
	// a vendor extension (31) whose value is YAML.
	for _, p := range field(t, deploySpec, 25) {
		np := wireFields(t, p.bytes)
		if string(np[0].bytes) != "strategy" {
			continue
		}
		s := wireFields(t, np[1].bytes)
		assert.Equal(t, "#/definitions/io.k8s.api.apps.v1.DeploymentStrategy", string(s[0].bytes))
		ext := field(t, s, 31)
		assert.Equal(t, extPatchStrategy, string(ext[0].bytes))
		assert.Equal(t, `"retainKeys"`, string(wireFields(t, ext[1].bytes)[0].bytes))
	}
	// paths (8) hold one NamedPathItem (2) per JSON path.
	var paths int
	for _, f := range wireFields(t, findBytes(t, top, 8)) {
		if f.num == 2 {
			paths++
		}
	}
	assert.Equal(t, len(jsonDoc["paths"].(map[string]any)), paths)
}

func findBytes(t *testing.T, fs []wireField, num int) []byte {
	t.Helper()
	for _, f := range fs {
		if f.num == num {
			return f.bytes
		}
	}
	t.Fatalf("no field %d", num)
	return nil
}

func TestProtoScalars(t *testing.T) {
	t.Parallel()
	var p pbuf
	v := 1.5
	n := int64(300)
	p.doublep(7, &v)
	p.int64p(11, &n)
	p.boolean(16, true)
	p.boolean(8, false)
	p.str(2, "")
	fs := wireFields(t, p.b)
	require.Len(t, fs, 3)
	assert.Equal(t, 1.5, math.Float64frombits(fs[0].value))
	assert.Equal(t, uint64(300), fs[1].value)
	assert.Equal(t, uint64(1), fs[2].value)
}

func TestGroupPackage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		gv   apiobj.GroupVersion
		want string
	}{
		{apiobj.CoreV1, "io.k8s.api.core.v1"},
		{apiobj.AppsV1, "io.k8s.api.apps.v1"},
		{apiobj.RbacV1, "io.k8s.api.rbac.v1"},
		{apiobj.StorageV1, "io.k8s.api.storage.v1"},
		{apiobj.ApiextensionsV1, "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1"},
		{apiobj.AutoscalingV2, "io.k8s.api.autoscaling.v2"},
		{apiobj.GroupVersion{Group: "stable.example.com", Version: "v1"}, "com.example.stable.v1"},
		{apiobj.GroupVersion{Group: "cert-manager.io", Version: "v1"}, "io.cert-manager.v1"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, groupPackage(tt.gv), fmt.Sprint(tt.gv))
	}
	assert.Equal(t, "RbacAuthorizationV1", camel(apiobj.RbacV1))
	assert.Equal(t, "CoreV1", camel(apiobj.CoreV1))
	assert.Equal(t, "StableExampleComV1", camel(apiobj.GroupVersion{Group: "stable.example.com", Version: "v1"}))
}

func TestConcurrentRequestsWhileKindsChange(t *testing.T) {
	t.Parallel()
	s := apiobj.NewScheme()
	h := NewHandler(Config{Scheme: s})
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				for _, p := range []string{"/openapi/v3", "/openapi/v3/apis/stable.example.com/v1", "/openapi/v2"} {
					req := httptest.NewRequest(http.MethodGet, p, nil)
					if i == 0 {
						req.Header.Set("Accept", ContentTypeV2Proto)
					}
					h.ServeHTTP(httptest.NewRecorder(), req)
				}
			}
		}()
	}
	for i := range 10 {
		k := widget("v1")
		if i%2 == 0 {
			_ = s.AddKind(k)
		} else {
			s.RemoveKind(k.GroupVersionKind)
		}
	}
	wg.Wait()
}
