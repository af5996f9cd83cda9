package apiserver_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/store/memory"
)

type testServer struct {
	t   *testing.T
	srv *apiserver.Server
	url string
	hc  *http.Client
}

func newServer(t *testing.T, mod func(*apiserver.Config)) *testServer {
	t.Helper()
	st := memory.New(memory.Config{})
	t.Cleanup(func() { _ = st.Close() })
	cfg := apiserver.Config{Store: st, BookmarkInterval: 50 * time.Millisecond}
	if mod != nil {
		mod(&cfg)
	}
	s, err := apiserver.New(cfg)
	require.NoError(t, err)
	require.NoError(t, s.Bootstrap(context.Background()))
	hs := httptest.NewServer(s)
	t.Cleanup(func() {
		s.Close()
		hs.Close()
	})
	return &testServer{t: t, srv: s, url: hs.URL, hc: hs.Client()}
}

type resp struct {
	code   int
	body   []byte
	header http.Header
}

func (r resp) status(t *testing.T) apiobj.Status {
	t.Helper()
	var st apiobj.Status
	require.NoError(t, json.Unmarshal(r.body, &st), string(r.body))
	return st
}

func (r resp) obj(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(r.body, &m), string(r.body))
	return m
}

func (ts *testServer) do(method, path, body string, hdr ...string) resp {
	ts.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, ts.url+path, rd)
	require.NoError(ts.t, err)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	res, err := ts.hc.Do(req)
	require.NoError(ts.t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(ts.t, err)
	return resp{code: res.StatusCode, body: b, header: res.Header}
}

const cmJSON = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"%s"},"data":{"k":"v"}}`

func cmBody(name string) string { return strings.Replace(cmJSON, "%s", name, 1) }

func nested(m map[string]any, path ...string) any {
	var cur any = m
	for _, p := range path {
		mm, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = mm[p]
	}
	return cur
}

func TestCRUDOverHTTP(t *testing.T) {
	t.Parallel()
	ts := newServer(t, nil)
	base := "/api/v1/namespaces/default/configmaps"

	r := ts.do("POST", base, cmBody("a"))
	require.Equal(t, 201, r.code, string(r.body))
	created := r.obj(t)
	rv := nested(created, "metadata", "resourceVersion").(string)
	assert.NotEmpty(t, nested(created, "metadata", "uid"))

	r = ts.do("GET", base+"/a", "")
	require.Equal(t, 200, r.code)
	assert.Equal(t, rv, nested(r.obj(t), "metadata", "resourceVersion"))

	r = ts.do("GET", base+"/a", "", "Accept", "application/yaml")
	require.Equal(t, 200, r.code)
	assert.Equal(t, "application/yaml", r.header.Get("Content-Type"))
	assert.Contains(t, string(r.body), "kind: ConfigMap")

	r = ts.do("POST", base, cmBody("a"))
	assert.Equal(t, 409, r.code)
	assert.Equal(t, apiobj.StatusReasonAlreadyExists, r.status(t).Reason)

	// Update with a stale resourceVersion: 409 Conflict.
	upd := `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","resourceVersion":"` + rv + `"},"data":{"k":"v2"}}`
	r = ts.do("PUT", base+"/a", upd)
	require.Equal(t, 200, r.code, string(r.body))
	r = ts.do("PUT", base+"/a", upd)
	assert.Equal(t, 409, r.code)
	st := r.status(t)
	assert.Equal(t, apiobj.StatusReasonConflict, st.Reason)
	assert.Equal(t, `Operation cannot be fulfilled on configmaps "a": the object has been modified; please apply your changes to the latest version and try again`, st.Message)

	// Patch kinds.
	r = ts.do("PATCH", base+"/a", `{"data":{"m":"1"}}`, "Content-Type", "application/merge-patch+json")
	require.Equal(t, 200, r.code, string(r.body))
	assert.Equal(t, "1", nested(r.obj(t), "data", "m"))
	r = ts.do("PATCH", base+"/a", `[{"op":"remove","path":"/data/m"}]`, "Content-Type", "application/json-patch+json")
	require.Equal(t, 200, r.code, string(r.body))
	r = ts.do("PATCH", base+"/a", `{"data":{"s":"2"}}`, "Content-Type", "application/strategic-merge-patch+json")
	require.Equal(t, 200, r.code, string(r.body))
	assert.Equal(t, "2", nested(r.obj(t), "data", "s"))

	// List.
	r = ts.do("GET", base, "")
	require.Equal(t, 200, r.code)
	assert.Equal(t, "ConfigMapList", r.obj(t)["kind"])
	assert.Len(t, r.obj(t)["items"], 1)
	r = ts.do("GET", "/api/v1/configmaps", "")
	require.Equal(t, 200, r.code)

	r = ts.do("DELETE", base+"/a", "")
	require.Equal(t, 200, r.code, string(r.body))
	assert.Equal(t, "Success", r.obj(t)["status"])
	r = ts.do("GET", base+"/a", "")
	assert.Equal(t, 404, r.code)
	st = r.status(t)
	assert.Equal(t, `configmaps "a" not found`, st.Message)
	assert.Equal(t, apiobj.StatusReasonNotFound, st.Reason)
}

func TestErrors(t *testing.T) {
	t.Parallel()
	ts := newServer(t, func(c *apiserver.Config) { c.MaxBodyBytes = 1024 })
	tests := []struct {
		name, method, path, body string
		hdr                      []string
		code                     int
		reason                   apiobj.StatusReason
		msg                      string
	}{
		{"unknown resource", "GET", "/api/v1/foos", "", nil, 404, apiobj.StatusReasonNotFound, "the server could not find the requested resource"},
		{"unknown group", "GET", "/apis/nope.io/v1/foos", "", nil, 404, apiobj.StatusReasonNotFound, ""},
		{"create componentstatus", "POST", "/api/v1/componentstatuses", `{}`, nil, 405, apiobj.StatusReasonMethodNotAllowed, ""},
		{"too large", "POST", "/api/v1/namespaces/default/configmaps", `{"data":{"k":"` + strings.Repeat("x", 2000) + `"}}`, nil, 413, apiobj.StatusReasonRequestEntityTooLarge, ""},
		{"protobuf that is not protobuf", "POST", "/api/v1/namespaces/default/configmaps", cmBody("p"), []string{"Content-Type", "application/vnd.kubernetes.protobuf"}, 400, apiobj.StatusReasonBadRequest, ""},
		{"not acceptable", "GET", "/api/v1/namespaces/default/configmaps", "", []string{"Accept", "application/vnd.kubernetes.protobuf"}, 406, apiobj.StatusReasonNotAcceptable, ""},
		{"invalid", "POST", "/api/v1/namespaces/default/configmaps", cmBody("Bad_Name"), nil, 422, apiobj.StatusReasonInvalid, ""},
		{"bad json", "POST", "/api/v1/namespaces/default/configmaps", `{"metadata":`, nil, 400, apiobj.StatusReasonBadRequest, ""},
		{"strict", "POST", "/api/v1/namespaces/default/configmaps?fieldValidation=Strict", `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"s"},"bogus":1}`, nil, 400, apiobj.StatusReasonBadRequest, `strict decoding error: unknown field "bogus"`},
		{"field selector", "GET", "/api/v1/pods?fieldSelector=spec.bogus%3Dx", "", nil, 400, apiobj.StatusReasonBadRequest, "field label not supported: spec.bogus"},
		{"namespace missing", "POST", "/api/v1/namespaces/nope/configmaps", cmBody("x"), nil, 404, apiobj.StatusReasonNotFound, `namespaces "nope" not found`},
		{"wrong kind", "POST", "/api/v1/namespaces/default/configmaps", `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"x"}}`, nil, 400, apiobj.StatusReasonBadRequest, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := ts.do(tc.method, tc.path, tc.body, tc.hdr...)
			require.Equal(t, tc.code, r.code, string(r.body))
			st := r.status(t)
			assert.Equal(t, "Status", st.Kind)
			assert.Equal(t, int32(tc.code), st.Code)
			assert.Equal(t, tc.reason, st.Reason)
			if tc.msg != "" {
				assert.Equal(t, tc.msg, st.Message)
			}
			if tc.code == 422 {
				require.NotNil(t, st.Details)
				assert.NotEmpty(t, st.Details.Causes)
			}
		})
	}
}

func TestFieldValidationWarn(t *testing.T) {
	t.Parallel()
	ts := newServer(t, nil)
	r := ts.do("POST", "/api/v1/namespaces/default/configmaps?fieldValidation=Warn", `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"w"},"bogus":1}`)
	require.Equal(t, 201, r.code, string(r.body))
	assert.Equal(t, `299 - "unknown field \"bogus\""`, r.header.Get("Warning"))
}

func TestTooManyRequests(t *testing.T) {
	t.Parallel()
	block := make(chan struct{})
	var once sync.Once
	entered := make(chan struct{})
	ts := newServer(t, func(c *apiserver.Config) {
		c.MaxRequestsInFlight = 1
		c.Authorizer = auth.AuthorizerFunc(func(ctx context.Context, a auth.Attributes) (auth.Decision, string, error) {
			if a.Resource == "secrets" {
				once.Do(func() { close(entered) })
				<-block
			}
			return auth.DecisionAllow, "", nil
		})
	})
	done := make(chan resp)
	go func() { done <- ts.do("GET", "/api/v1/namespaces/default/secrets", "") }()
	<-entered
	r := ts.do("GET", "/api/v1/namespaces/default/configmaps", "")
	assert.Equal(t, 429, r.code)
	assert.Equal(t, "1", r.header.Get("Retry-After"))
	assert.Equal(t, apiobj.StatusReasonTooManyRequests, r.status(t).Reason)
	close(block)
	assert.Equal(t, 200, (<-done).code)
}

func TestAuth(t *testing.T) {
	t.Parallel()
	ts := newServer(t, func(c *apiserver.Config) {
		c.Authenticator = auth.AuthenticatorFunc(func(r *http.Request) (*auth.User, bool, error) {
			if r.Header.Get("Authorization") == "Bearer good" {
				return &auth.User{Name: "jane", Groups: []string{auth.GroupAuthenticated}}, true, nil
			}
			return nil, false, nil
		})
		c.Authorizer = auth.AuthorizerFunc(func(ctx context.Context, a auth.Attributes) (auth.Decision, string, error) {
			if a.Resource == "configmaps" {
				return auth.DecisionAllow, "", nil
			}
			return auth.DecisionNoOpinion, "", nil
		})
	})
	r := ts.do("GET", "/api/v1/namespaces/default/pods", "")
	assert.Equal(t, 401, r.code)
	assert.Equal(t, apiobj.StatusReasonUnauthorized, r.status(t).Reason)
	r = ts.do("GET", "/api/v1/namespaces/default/pods", "", "Authorization", "Bearer good")
	assert.Equal(t, 403, r.code)
	assert.Equal(t, `pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"`, r.status(t).Message)
	r = ts.do("GET", "/api/v1/nodes/n1", "", "Authorization", "Bearer good")
	assert.Equal(t, `nodes "n1" is forbidden: User "jane" cannot get resource "nodes" in API group "" at the cluster scope`, r.status(t).Message)
	r = ts.do("GET", "/api/v1/namespaces/default/configmaps", "", "Authorization", "Bearer good")
	assert.Equal(t, 200, r.code)
	// Health and version need no credentials.
	assert.Equal(t, 200, ts.do("GET", "/readyz", "").code)
	assert.Equal(t, 200, ts.do("GET", "/version", "").code)
}

func TestHealthVersionMetrics(t *testing.T) {
	t.Parallel()
	ts := newServer(t, nil)
	for _, p := range []string{"/healthz", "/livez", "/readyz"} {
		r := ts.do("GET", p, "")
		assert.Equal(t, 200, r.code)
		assert.Equal(t, "ok", string(r.body))
	}
	r := ts.do("GET", "/readyz?verbose", "")
	assert.Contains(t, string(r.body), "[+]etcd ok")
	assert.Contains(t, string(r.body), "readyz check passed")
	r = ts.do("GET", "/version", "")
	v := r.obj(t)
	assert.Equal(t, "1", v["major"])
	assert.Equal(t, "32", v["minor"])
	ts.do("GET", "/api/v1/namespaces", "")
	r = ts.do("GET", "/metrics", "")
	assert.Equal(t, 200, r.code)
	assert.Contains(t, string(r.body), `apiserver_request_total{code="200",group="",resource="namespaces",subresource="",verb="list",version="v1"}`)
}

func TestDiscovery(t *testing.T) {
	t.Parallel()
	ts := newServer(t, nil)
	r := ts.do("GET", "/api", "")
	assert.Equal(t, []any{"v1"}, r.obj(t)["versions"])
	r = ts.do("GET", "/apis", "")
	assert.Contains(t, string(r.body), `"name":"apps"`)
	r = ts.do("GET", "/api/v1", "")
	assert.Contains(t, string(r.body), `"name":"pods/status"`)
	r = ts.do("GET", "/apis/apps/v1", "")
	assert.Contains(t, string(r.body), `"name":"deployments/scale"`)
}

func TestTableAndPartialMetadata(t *testing.T) {
	t.Parallel()
	ts := newServer(t, nil)
	require.Equal(t, 201, ts.do("POST", "/api/v1/namespaces/default/configmaps", cmBody("t")).code)
	r := ts.do("GET", "/api/v1/namespaces/default/configmaps", "", "Accept",
		"application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json")
	require.Equal(t, 200, r.code, string(r.body))
	tbl := r.obj(t)
	assert.Equal(t, "Table", tbl["kind"])
	assert.Equal(t, "meta.k8s.io/v1", tbl["apiVersion"])
	rows := tbl["rows"].([]any)
	require.Len(t, rows, 1)
	assert.Equal(t, "t", rows[0].(map[string]any)["cells"].([]any)[0])
	assert.Equal(t, "PartialObjectMetadata", nested(rows[0].(map[string]any), "object", "kind"))

	r = ts.do("GET", "/api/v1/namespaces/default/configmaps", "", "Accept", "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io")
	require.Equal(t, 200, r.code)
	assert.Equal(t, "PartialObjectMetadataList", r.obj(t)["kind"])
	r = ts.do("GET", "/api/v1/namespaces/default/configmaps/t", "", "Accept", "application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io")
	require.Equal(t, 200, r.code)
	assert.Equal(t, "PartialObjectMetadata", r.obj(t)["kind"])
	assert.Nil(t, r.obj(t)["data"])
}

// watchStream reads watch events from a streaming response.
type watchStream struct {
	t    *testing.T
	body io.ReadCloser
	sc   *bufio.Scanner
}

func (ts *testServer) watch(path string) *watchStream {
	ts.t.Helper()
	req, err := http.NewRequest("GET", ts.url+path, nil)
	require.NoError(ts.t, err)
	res, err := ts.hc.Do(req)
	require.NoError(ts.t, err)
	require.Equal(ts.t, 200, res.StatusCode)
	ws := &watchStream{t: ts.t, body: res.Body, sc: bufio.NewScanner(res.Body)}
	ws.sc.Buffer(make([]byte, 1<<20), 1<<20)
	ts.t.Cleanup(func() { _ = res.Body.Close() })
	return ws
}

type event struct {
	Type   string         `json:"type"`
	Object map[string]any `json:"object"`
}

func (ws *watchStream) next() event {
	ws.t.Helper()
	got := make(chan event, 1)
	go func() {
		if ws.sc.Scan() {
			var ev event
			_ = json.Unmarshal(ws.sc.Bytes(), &ev)
			got <- ev
			return
		}
		got <- event{Type: "EOF"}
	}()
	select {
	case ev := <-got:
		return ev
	case <-time.After(5 * time.Second):
		ws.t.Fatal("no watch event within 5s")
		return event{}
	}
}

func TestWatchOverHTTP(t *testing.T) {
	t.Parallel()
	ts := newServer(t, nil)
	base := "/api/v1/namespaces/default/configmaps"
	r := ts.do("POST", base, cmBody("w"))
	require.Equal(t, 201, r.code)
	rv := nested(r.obj(t), "metadata", "resourceVersion").(string)

	ws := ts.watch(base + "?watch=1&resourceVersion=" + rv + "&allowWatchBookmarks=true")
	// A no-op update (same body) emits nothing; a change emits MODIFIED.
	cur := ts.do("GET", base+"/w", "")
	require.Equal(t, 200, ts.do("PUT", base+"/w", string(cur.body)).code)
	r = ts.do("PATCH", base+"/w", `{"data":{"k":"v2"}}`, "Content-Type", "application/merge-patch+json")
	require.Equal(t, 200, r.code)
	ev := ws.next()
	for ev.Type == "BOOKMARK" {
		ev = ws.next()
	}
	assert.Equal(t, "MODIFIED", ev.Type)
	assert.Equal(t, "v2", nested(ev.Object, "data", "k"))
	// Bookmarks arrive on an idle watch.
	ev = ws.next()
	assert.Equal(t, "BOOKMARK", ev.Type)
	assert.Equal(t, "ConfigMap", ev.Object["kind"])

	// Streaming list.
	ws2 := ts.watch(base + "?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true")
	ev = ws2.next()
	assert.Equal(t, "ADDED", ev.Type)
	ev = ws2.next()
	assert.Equal(t, "BOOKMARK", ev.Type)
	assert.Equal(t, "true", nested(ev.Object, "metadata", "annotations", "k8s.io/initial-events-end"))

	// timeoutSeconds ends the stream.
	ws3 := ts.watch(base + "?watch=1&timeoutSeconds=1&resourceVersion=" + rv)
	for {
		ev := ws3.next()
		if ev.Type == "EOF" {
			break
		}
	}
}

func TestWatchCompacted(t *testing.T) {
	t.Parallel()
	var st *memory.Config
	_ = st
	ts := newServer(t, nil)
	ws := ts.watch("/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=1")
	ev := ws.next()
	assert.Equal(t, "ERROR", ev.Type)
	assert.Equal(t, float64(410), ev.Object["code"])
	assert.Equal(t, "Expired", ev.Object["reason"])
}

func TestSubresourcesOverHTTP(t *testing.T) {
	t.Parallel()
	ts := newServer(t, nil)
	pod := `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"busybox"}]}}`
	require.Equal(t, 201, ts.do("POST", "/api/v1/namespaces/default/pods", pod).code)
	bind := `{"apiVersion":"v1","kind":"Binding","metadata":{"name":"p"},"target":{"kind":"Node","name":"n1"}}`
	r := ts.do("POST", "/api/v1/namespaces/default/pods/p/binding", bind)
	require.Equal(t, 201, r.code, string(r.body))
	r = ts.do("POST", "/api/v1/namespaces/default/pods/p/binding", bind)
	assert.Equal(t, 409, r.code)
	r = ts.do("GET", "/api/v1/pods?fieldSelector=spec.nodeName%3Dn1", "")
	require.Equal(t, 200, r.code)
	assert.Len(t, r.obj(t)["items"], 1)

	// Status split.
	r = ts.do("PATCH", "/api/v1/namespaces/default/pods/p/status", `{"status":{"phase":"Running"}}`, "Content-Type", "application/merge-patch+json")
	require.Equal(t, 200, r.code, string(r.body))
	assert.Equal(t, "Running", nested(r.obj(t), "status", "phase"))
	r = ts.do("PATCH", "/api/v1/namespaces/default/pods/p", `{"status":{"phase":"Failed"},"metadata":{"labels":{"a":"b"}}}`, "Content-Type", "application/merge-patch+json")
	require.Equal(t, 200, r.code, string(r.body))
	assert.Equal(t, "Running", nested(r.obj(t), "status", "phase"))

	// Graceful deletion of a bound pod.
	r = ts.do("DELETE", "/api/v1/namespaces/default/pods/p", "")
	require.Equal(t, 200, r.code)
	assert.NotNil(t, nested(r.obj(t), "metadata", "deletionTimestamp"))
	r = ts.do("DELETE", "/api/v1/namespaces/default/pods/p?gracePeriodSeconds=0", "")
	require.Equal(t, 200, r.code)
	assert.Equal(t, 404, ts.do("GET", "/api/v1/namespaces/default/pods/p", "").code)

	// Scale.
	dep := `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"d"}},"template":{"metadata":{"labels":{"app":"d"}},"spec":{"containers":[{"name":"c","image":"busybox"}]}}}}`
	require.Equal(t, 201, ts.do("POST", "/apis/apps/v1/namespaces/default/deployments", dep).code)
	r = ts.do("GET", "/apis/apps/v1/namespaces/default/deployments/d/scale", "")
	require.Equal(t, 200, r.code, string(r.body))
	assert.Equal(t, "Scale", r.obj(t)["kind"])
	r = ts.do("PATCH", "/apis/apps/v1/namespaces/default/deployments/d/scale", `{"spec":{"replicas":4}}`, "Content-Type", "application/merge-patch+json")
	require.Equal(t, 200, r.code, string(r.body))
	assert.Equal(t, float64(4), nested(r.obj(t), "spec", "replicas"))
	r = ts.do("GET", "/apis/apps/v1/namespaces/default/deployments/d", "")
	assert.Equal(t, float64(4), nested(r.obj(t), "spec", "replicas"))

	// Namespace lifecycle and finalize.
	require.Equal(t, 201, ts.do("POST", "/api/v1/namespaces", `{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"t1"}}`).code)
	r = ts.do("DELETE", "/api/v1/namespaces/t1", "")
	require.Equal(t, 200, r.code)
	assert.Equal(t, "Terminating", nested(r.obj(t), "status", "phase"))
	assert.Equal(t, 403, ts.do("POST", "/api/v1/namespaces/t1/configmaps", cmBody("x")).code)
	ns := ts.do("GET", "/api/v1/namespaces/t1", "").obj(t)
	ns["spec"] = map[string]any{"finalizers": []any{}}
	b, _ := json.Marshal(ns)
	r = ts.do("PUT", "/api/v1/namespaces/t1/finalize", string(b))
	require.Equal(t, 200, r.code, string(r.body))
	assert.Equal(t, 404, ts.do("GET", "/api/v1/namespaces/t1", "").code)
}

func TestCRDLifecycle(t *testing.T) {
	t.Parallel()
	ts := newServer(t, nil)
	crd := `{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"widgets.example.com"},
"spec":{"group":"example.com","scope":"Namespaced","names":{"plural":"widgets","singular":"widget","kind":"Widget","listKind":"WidgetList"},
"versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}},
"subresources":{"status":{},"scale":{"specReplicasPath":".spec.replicas","statusReplicasPath":".status.replicas"}}}]}}`
	r := ts.do("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd)
	require.Equal(t, 201, r.code, string(r.body))
	assert.Contains(t, string(r.body), `"Established"`)

	base := "/apis/example.com/v1/namespaces/default/widgets"
	ws := ts.watch(base + "?watch=1")
	w := `{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w1"},"spec":{"replicas":1,"color":"blue"},"status":{"replicas":9}}`
	r = ts.do("POST", base, w)
	require.Equal(t, 201, r.code, string(r.body))
	assert.Nil(t, r.obj(t)["status"], "status is dropped on create when the status subresource is on")
	ev := ws.next()
	assert.Equal(t, "ADDED", ev.Type)
	assert.Equal(t, "blue", nested(ev.Object, "spec", "color"))

	r = ts.do("PATCH", base+"/w1/status", `{"status":{"replicas":2}}`, "Content-Type", "application/merge-patch+json")
	require.Equal(t, 200, r.code, string(r.body))
	r = ts.do("PUT", base+"/w1/scale", `{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"w1"},"spec":{"replicas":5}}`)
	require.Equal(t, 200, r.code, string(r.body))
	assert.Equal(t, float64(2), nested(r.obj(t), "status", "replicas"))
	r = ts.do("GET", base+"/w1", "")
	assert.Equal(t, float64(5), nested(r.obj(t), "spec", "replicas"))
	assert.Equal(t, float64(2), nested(r.obj(t), "metadata", "generation"))
	r = ts.do("PATCH", base+"/w1", `{"spec":{"x":1}}`, "Content-Type", "application/strategic-merge-patch+json")
	assert.Equal(t, 415, r.code)
	r = ts.do("GET", "/apis/example.com/v1", "")
	assert.Contains(t, string(r.body), `"name":"widgets/scale"`)

	r = ts.do("DELETE", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com", "")
	require.Equal(t, 200, r.code, string(r.body))
	assert.Equal(t, 404, ts.do("GET", base+"/w1", "").code)
	cnt, err := ts.srv.Registry().Store().Count(context.Background(), "/registry/example.com/widgets/")
	require.NoError(t, err)
	assert.Zero(t, cnt)
}

func TestPaginationOverHTTP(t *testing.T) {
	t.Parallel()
	ts := newServer(t, nil)
	base := "/api/v1/namespaces/default/configmaps"
	for i := 0; i < 5; i++ {
		require.Equal(t, 201, ts.do("POST", base, cmBody("c"+string(rune('a'+i)))).code)
	}
	r := ts.do("GET", base+"?limit=2", "")
	m := r.obj(t)
	assert.Len(t, m["items"], 2)
	cont := nested(m, "metadata", "continue").(string)
	assert.Equal(t, float64(3), nested(m, "metadata", "remainingItemCount"))
	r = ts.do("GET", base+"?limit=10&continue="+cont, "")
	assert.Len(t, r.obj(t)["items"], 3)
	assert.Equal(t, 400, ts.do("GET", base+"?limit=2&continue=garbage", "").code/100*100)
}

func TestDryRunOverHTTP(t *testing.T) {
	t.Parallel()
	ts := newServer(t, nil)
	base := "/api/v1/namespaces/default/configmaps"
	r := ts.do("POST", base+"?dryRun=All", cmBody("d"))
	require.Equal(t, 201, r.code, string(r.body))
	assert.Equal(t, 404, ts.do("GET", base+"/d", "").code)
	r = ts.do("POST", base, `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"generateName":"g-"}}`)
	require.Equal(t, 201, r.code)
	assert.True(t, strings.HasPrefix(nested(r.obj(t), "metadata", "name").(string), "g-"))
}
