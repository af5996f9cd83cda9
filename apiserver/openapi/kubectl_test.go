package openapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver/discovery"
	"github.com/orcaproj/orca/apiserver/openapi"
)

// request is one request the stub server saw.
type request struct {
	method, path, contentType, accept string
	body                              []byte
}

// stubServer serves discovery and OpenAPI for a scheme, /version, and
// answers resource requests with resource (nil: 404).
type stubServer struct {
	*httptest.Server
	mu       sync.Mutex
	requests []request
}

func (s *stubServer) seen() []request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]request(nil), s.requests...)
}

func newStub(t *testing.T, scheme *apiobj.Scheme, crds openapi.CRDLookup, resource http.HandlerFunc) *stubServer {
	t.Helper()
	disc := discovery.NewHandler(scheme)
	oapi := openapi.NewHandler(openapi.Config{Scheme: scheme, CRDs: crds})
	s := &stubServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		s.requests = append(s.requests, request{r.Method, r.URL.Path, r.Header.Get("Content-Type"), r.Header.Get("Accept"), body})
		s.mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(body))
		switch {
		case r.URL.Path == "/version":
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"major":"1","minor":"32","gitVersion":"v1.32.0","platform":"linux/amd64"}`)
		case discovery.IsDiscoveryPath(r.URL.Path):
			disc.ServeHTTP(w, r)
		case strings.HasPrefix(r.URL.Path, "/openapi/"):
			oapi.ServeHTTP(w, r)
		case resource != nil:
			resource(w, r)
		default:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}`)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

// kubectl runs kubectl against server and returns stdout and stderr. It
// skips the test when kubectl is not installed.
func kubectl(t *testing.T, server string, stdin string, args ...string) (string, string, error) {
	t.Helper()
	bin, err := exec.LookPath("kubectl")
	if err != nil {
		t.Skip("SKIPPING: kubectl is not on PATH; install kubectl v1.32 to run the kubectl acceptance tests")
	}
	dir := t.TempDir()
	cfg := filepath.Join(dir, "kubeconfig")
	kc := fmt.Sprintf(`apiVersion: v1
kind: Config
clusters:
- name: stub
  cluster:
    server: %s
contexts:
- name: stub
  context:
    cluster: stub
    user: stub
    namespace: default
current-context: stub
users:
- name: stub
  user: {}
`, server)
	if err := os.WriteFile(cfg, []byte(kc), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append([]string{"--kubeconfig", cfg, "--cache-dir", filepath.Join(dir, "cache")}, args...)...)
	cmd.Env = append(os.Environ(), "HOME="+dir, "KUBECONFIG="+cfg)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	return out.String(), errOut.String(), err
}

// widgetScheme returns the built-in scheme plus a custom kind Widget
// (example.com/v1) and the lookup that describes it.
func widgetScheme(t *testing.T) (*apiobj.Scheme, openapi.CRDLookup) {
	t.Helper()
	crd := &apiobj.CustomResourceDefinition{}
	if err := json.Unmarshal([]byte(widgetCRD), crd); err != nil {
		t.Fatal(err)
	}
	s := apiobj.NewScheme()
	if err := s.AddKind(apiobj.KindInfo{GroupVersionKind: apiobj.GroupVersionKind{Group: "example.com", Version: "v1", Kind: "Widget"},
		Resource: "widgets", Singular: "widget", ShortNames: []string{"wd"}, Namespaced: true, Subresources: []string{"status"}}); err != nil {
		t.Fatal(err)
	}
	lookup := openapi.CRDLookupFunc(func(gvk apiobj.GroupVersionKind) (*apiobj.CustomResourceDefinition, *apiobj.CustomResourceDefinitionVersion, bool) {
		if gvk.Group == "example.com" && gvk.Kind == "Widget" && gvk.Version == "v1" {
			return crd, &crd.Spec.Versions[0], true
		}
		return nil, nil, false
	})
	return s, lookup
}

const widgetCRD = `{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
"metadata":{"name":"widgets.example.com"},
"spec":{"group":"example.com","scope":"Namespaced","names":{"plural":"widgets","singular":"widget","kind":"Widget","shortNames":["wd"]},
"versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}},
"schema":{"openAPIV3Schema":{"type":"object","description":"Widget is a thing made of parts.","properties":{
  "spec":{"type":"object","description":"Spec is the desired widget.","required":["size"],"properties":{
    "size":{"type":"integer","minimum":1,"description":"Size in parts."},
    "color":{"type":"string","enum":["red","blue"],"nullable":true},
    "port":{"x-kubernetes-int-or-string":true,"anyOf":[{"type":"integer"},{"type":"string"}]},
    "tags":{"type":"array","items":{"type":"string"},"x-kubernetes-list-type":"set"},
    "extra":{"type":"object","x-kubernetes-preserve-unknown-fields":true}},
    "x-kubernetes-validations":[{"rule":"self.size < 100"}]},
  "status":{"type":"object","properties":{"ready":{"type":"boolean"}}}}}}}]}}`

func TestKubectlAPIResourcesAndVersions(t *testing.T) {
	t.Parallel()
	scheme, crds := widgetScheme(t)
	s := newStub(t, scheme, crds, nil)

	out, errOut, err := kubectl(t, s.URL, "", "api-resources")
	if err != nil {
		t.Fatalf("kubectl api-resources: %v\n%s", err, errOut)
	}
	for _, want := range []string{
		"NAME                        SHORTNAMES   APIVERSION                     NAMESPACED   KIND",
		"pods                        po           v1                             true         Pod",
		"deployments                 deploy       apps/v1                        true         Deployment",
		"horizontalpodautoscalers    hpa          autoscaling/v2                 true         HorizontalPodAutoscaler",
		"customresourcedefinitions   crd,crds     apiextensions.k8s.io/v1        false        CustomResourceDefinition",
		"widgets                     wd           example.com/v1                 true         Widget",
	} {
		if !strings.Contains(out, want+"\n") {
			t.Errorf("api-resources lacks line %q:\n%s", want, out)
		}
	}

	out, errOut, err = kubectl(t, s.URL, "", "api-versions")
	if err != nil {
		t.Fatalf("kubectl api-versions: %v\n%s", err, errOut)
	}
	want := strings.Join([]string{"apiextensions.k8s.io/v1", "apps/v1", "authentication.k8s.io/v1", "authorization.k8s.io/v1",
		"autoscaling/v2", "batch/v1", "coordination.k8s.io/v1", "discovery.k8s.io/v1", "example.com/v1", "policy/v1",
		"rbac.authorization.k8s.io/v1", "scheduling.k8s.io/v1", "storage.k8s.io/v1", "v1"}, "\n") + "\n"
	if out != want {
		t.Errorf("api-versions:\n%s\nwant:\n%s", out, want)
	}
	// kubectl took aggregated discovery; it never asked for a group version list.
	for _, r := range s.seen() {
		if r.path == "/apis/apps/v1" {
			t.Errorf("kubectl fell back to legacy discovery: %s %s", r.method, r.path)
		}
	}
}

func TestKubectlExplain(t *testing.T) {
	t.Parallel()
	scheme, crds := widgetScheme(t)
	s := newStub(t, scheme, crds, nil)
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"deployment strategy from v3", []string{"explain", "deployment.spec.strategy"}, []string{
			"GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n",
			"FIELD: strategy <DeploymentStrategy>",
			"DESCRIPTION:\n    Strategy says how old pods are replaced",
			"FIELDS:\n  rollingUpdate\t<RollingUpdateDeployment>\n",
			"  type\t<string>\n",
		}},
		{"required fields", []string{"explain", "deployment.spec"}, []string{
			"  selector\t<LabelSelector> -required-\n",
			"  template\t<PodTemplateSpec> -required-\n",
			"  replicas\t<integer>\n",
		}},
		{"pod containers", []string{"explain", "pods.spec.containers.resources"}, []string{
			"KIND:       Pod\nVERSION:    v1\n",
			"FIELD: resources <ResourceRequirements>",
			"  limits\t<map[string]Quantity>\n",
		}},
		{"recursive", []string{"explain", "deployment.spec.strategy", "--recursive"}, []string{
			"  rollingUpdate\t<RollingUpdateDeployment>\n    maxSurge\t<IntOrString>\n    maxUnavailable\t<IntOrString>\n  type\t<string>\n",
		}},
		{"from v2", []string{"explain", "--output=plaintext-openapiv2", "deployment.spec.strategy"}, []string{
			"KIND:     Deployment\nVERSION:  apps/v1\n",
			"RESOURCE: strategy <Object>",
			"   rollingUpdate\t<Object>\n",
		}},
		{"custom kind", []string{"explain", "widgets.spec"}, []string{
			"GROUP:      example.com\nKIND:       Widget\nVERSION:    v1\n",
			"FIELD: spec <Object>",
			"Spec is the desired widget.",
			"  size\t<integer> -required-\n    Size in parts.\n",
			"  color\t<string>\n  enum: red, blue\n",
			"  tags\t<[]string>\n",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, errOut, err := kubectl(t, s.URL, "", tt.args...)
			if err != nil {
				t.Fatalf("kubectl %v: %v\n%s", tt.args, err, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("kubectl %v output lacks %q:\n%s", tt.args, w, out)
				}
			}
		})
	}
}

const lastApplied = `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},"spec":{"selector":{"matchLabels":{"app":"web"}},"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx:1","env":[{"name":"A","value":"1"}]},{"name":"side","image":"busybox"}]}}}}`

// TestKubectlApplyUsesPatchMetadata checks that kubectl computes a strategic
// merge patch from the published patch metadata (merge keys and strategies)
// for built-in kinds, and falls back to a JSON merge patch for custom kinds.
func TestKubectlApplyUsesPatchMetadata(t *testing.T) {
	t.Parallel()
	scheme, crds := widgetScheme(t)
	deployment := map[string]any{}
	if err := json.Unmarshal([]byte(lastApplied), &deployment); err != nil {
		t.Fatal(err)
	}
	deployment["metadata"] = map[string]any{"name": "web", "namespace": "default", "uid": "u1", "resourceVersion": "3",
		"annotations": map[string]any{"kubectl.kubernetes.io/last-applied-configuration": lastApplied}}
	widget := map[string]any{"apiVersion": "example.com/v1", "kind": "Widget",
		"metadata": map[string]any{"name": "w", "namespace": "default", "uid": "u2", "resourceVersion": "4",
			"annotations": map[string]any{"kubectl.kubernetes.io/last-applied-configuration": `{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w","namespace":"default"},"spec":{"size":1,"tags":["a"]}}`}},
		"spec": map[string]any{"size": 1, "tags": []any{"a"}}}
	s := newStub(t, scheme, crds, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/apis/apps/v1/namespaces/default/deployments/web":
			_ = json.NewEncoder(w).Encode(deployment)
		case "/apis/example.com/v1/namespaces/default/widgets/w":
			_ = json.NewEncoder(w).Encode(widget)
		default:
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}`)
		}
	})
	manifest := `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  selector:
    matchLabels: {app: web}
  strategy:
    type: Recreate
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:2
        env:
        - {name: A, value: "1"}
        - {name: B, value: "2"}
---
apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
  namespace: default
spec:
  size: 2
  tags: [a, b]
`
	out, errOut, err := kubectl(t, s.URL, manifest, "apply", "-f", "-")
	if err != nil {
		t.Fatalf("kubectl apply: %v\n%s", err, errOut)
	}
	if want := "deployment.apps/web configured\nwidget.example.com/w configured\n"; out != want {
		t.Errorf("apply printed %q, want %q", out, want)
	}
	if strings.Contains(errOut, "warning") {
		t.Errorf("apply warned: %s", errOut)
	}
	var patches []request
	for _, r := range s.seen() {
		if r.method == http.MethodPatch {
			patches = append(patches, r)
		}
	}
	if len(patches) != 2 {
		t.Fatalf("want 2 patches, got %d", len(patches))
	}
	if patches[0].contentType != "application/strategic-merge-patch+json" {
		t.Errorf("deployment patch type %q", patches[0].contentType)
	}
	var smp map[string]any
	if err := json.Unmarshal(patches[0].body, &smp); err != nil {
		t.Fatal(err)
	}
	spec := smp["spec"].(map[string]any)
	podSpec := spec["template"].(map[string]any)["spec"].(map[string]any)
	// The merge key "name" of containers and env is what makes kubectl
	// write $setElementOrder and delete the dropped container by name.
	wantPod := map[string]any{
		"$setElementOrder/containers": []any{map[string]any{"name": "web"}},
		"containers": []any{
			map[string]any{"$setElementOrder/env": []any{map[string]any{"name": "A"}, map[string]any{"name": "B"}},
				"env": []any{map[string]any{"name": "B", "value": "2"}}, "image": "nginx:2", "name": "web"},
			map[string]any{"$patch": "delete", "name": "side"},
		},
	}
	if got, _ := json.Marshal(podSpec); !jsonEqual(got, wantPod) {
		t.Errorf("pod spec patch:\n%s\nwant:\n%s", got, mustJSON(wantPod))
	}
	// retainKeys on strategy.
	if got, _ := json.Marshal(spec["strategy"]); !jsonEqual(got, map[string]any{"$retainKeys": []any{"type"}, "rollingUpdate": nil, "type": "Recreate"}) {
		t.Errorf("strategy patch: %s", got)
	}
	if patches[1].contentType != "application/merge-patch+json" {
		t.Errorf("widget patch type %q", patches[1].contentType)
	}
	if !strings.Contains(string(patches[1].body), `"tags":["a","b"]`) {
		t.Errorf("widget patch %s", patches[1].body)
	}
}

func jsonEqual(b []byte, want any) bool {
	var got any
	if err := json.Unmarshal(b, &got); err != nil {
		return false
	}
	return reflect.DeepEqual(got, normalize(want))
}

func normalize(v any) any {
	var out any
	_ = json.Unmarshal(mustJSON(v), &out)
	return out
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// Gizmo is a typed kind of a group kubectl has never heard of.
type Gizmo struct {
	apiobj.TypeMeta   `json:",inline"`
	apiobj.ObjectMeta `json:"metadata,omitempty"`
	Spec              GizmoSpec `json:"spec"`
}

type GizmoSpec struct {
	Parts []GizmoPart `json:"parts,omitempty" patchStrategy:"merge" patchMergeKey:"id"`
}

type GizmoPart struct {
	ID   string `json:"id"`
	Size int    `json:"size,omitempty"`
}

func (g *Gizmo) DeepCopyObject() apiobj.Object {
	c := *g
	c.ObjectMeta = *g.ObjectMeta.DeepCopy()
	c.Spec.Parts = append([]GizmoPart(nil), g.Spec.Parts...)
	return &c
}

// TestKubectlApplyReadsPatchMetadataFromOpenAPI shows that kubectl takes
// merge keys from the v3 documents: it knows nothing of Gizmo, yet sends a
// strategic merge patch keyed by the part id.
func TestKubectlApplyReadsPatchMetadataFromOpenAPI(t *testing.T) {
	t.Parallel()
	scheme := apiobj.NewScheme()
	if err := scheme.AddKind(apiobj.KindInfo{GroupVersionKind: apiobj.GroupVersionKind{Group: "example.org", Version: "v1", Kind: "Gizmo"},
		Resource: "gizmos", Namespaced: true, New: func() apiobj.Object { return &Gizmo{} }}); err != nil {
		t.Fatal(err)
	}
	applied := `{"apiVersion":"example.org/v1","kind":"Gizmo","metadata":{"name":"g","namespace":"default"},"spec":{"parts":[{"id":"a","size":1},{"id":"b","size":2}]}}`
	live := map[string]any{"apiVersion": "example.org/v1", "kind": "Gizmo",
		"metadata": map[string]any{"name": "g", "namespace": "default", "uid": "u", "resourceVersion": "1",
			"annotations": map[string]any{"kubectl.kubernetes.io/last-applied-configuration": applied}},
		"spec": map[string]any{"parts": []any{map[string]any{"id": "a", "size": 1}, map[string]any{"id": "b", "size": 2}}}}
	s := newStub(t, scheme, nil, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(live)
	})
	manifest := `{"apiVersion":"example.org/v1","kind":"Gizmo","metadata":{"name":"g","namespace":"default"},"spec":{"parts":[{"id":"b","size":3}]}}`
	if _, errOut, err := kubectl(t, s.URL, manifest, "apply", "-f", "-"); err != nil {
		t.Fatalf("kubectl apply: %v\n%s", err, errOut)
	}
	for _, r := range s.seen() {
		if r.method != http.MethodPatch {
			continue
		}
		if r.contentType != "application/strategic-merge-patch+json" {
			t.Fatalf("patch type %q, body %s", r.contentType, r.body)
		}
		var patch map[string]any
		if err := json.Unmarshal(r.body, &patch); err != nil {
			t.Fatal(err)
		}
		want := map[string]any{
			"$setElementOrder/parts": []any{map[string]any{"id": "b"}},
			"parts":                  []any{map[string]any{"id": "b", "size": 3}, map[string]any{"$patch": "delete", "id": "a"}},
		}
		if got, _ := json.Marshal(patch["spec"]); !jsonEqual(got, want) {
			t.Errorf("spec patch %s, want %s", got, mustJSON(want))
		}
		return
	}
	t.Fatal("kubectl sent no patch")
}
