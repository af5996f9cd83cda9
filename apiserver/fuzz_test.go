package apiserver_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/store/memory"
)

// FuzzWriteBodies sends arbitrary bytes as create and update bodies. No
// request may panic or answer 5xx, and a refused request must write
// nothing to the store.
func FuzzWriteBodies(f *testing.F) {
	seeds := []string{
		cmBody("seed"),
		`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"keep","resourceVersion":"1"},"data":{"a":"b"}}`,
		`{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"i"}]}}`,
		`{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},"spec":{}}`,
		"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\n",
		`{"metadata":{"name":"x","finalizers":["bad finalizer"]}}`,
		`{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"` + strings.Repeat("a", 300) + `"}}`,
		`[]`, `null`, `{`, ``, "\x00\xff",
		`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"n","namespace":"other"}}`,
		`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"n","labels":{"bad key!":"v"}}}`,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	st := memory.New(memory.Config{})
	defer st.Close()
	srv, err := apiserver.New(apiserver.Config{Store: st, DisableWatchCache: true})
	if err != nil {
		f.Fatal(err)
	}
	defer srv.Close()
	ctx := context.Background()
	if err := srv.Bootstrap(ctx); err != nil {
		f.Fatal(err)
	}
	keep := httptest.NewRecorder()
	srv.ServeHTTP(keep, httptest.NewRequest("POST", "/api/v1/namespaces/default/configmaps",
		strings.NewReader(`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"keep"}}`)))
	targets := []struct{ method, path string }{
		{"POST", "/api/v1/namespaces/default/configmaps?dryRun=All"},
		{"POST", "/api/v1/namespaces/default/pods?dryRun=All"},
		{"POST", "/apis/apps/v1/namespaces/default/deployments?dryRun=All&fieldValidation=Strict"},
		{"PUT", "/api/v1/namespaces/default/configmaps/keep?dryRun=All"},
		{"PUT", "/api/v1/namespaces/default/pods/none"},
		{"POST", "/api/v1/namespaces/default/configmaps"},
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, tg := range targets {
			before, err := st.CurrentRevision(ctx)
			if err != nil {
				t.Fatal(err)
			}
			req := httptest.NewRequest(tg.method, tg.path, strings.NewReader(string(body)))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			if rec.Code >= 500 {
				t.Fatalf("%s %s: %d %s", tg.method, tg.path, rec.Code, rec.Body.String())
			}
			after, err := st.CurrentRevision(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if rec.Code >= 300 && after != before {
				t.Fatalf("%s %s answered %d but wrote to the store", tg.method, tg.path, rec.Code)
			}
			if strings.Contains(tg.path, "dryRun") && after != before {
				t.Fatalf("%s %s: dry run wrote to the store", tg.method, tg.path)
			}
			if rec.Code == http.StatusCreated && !strings.Contains(tg.path, "dryRun") {
				// Clean up so the corpus stays independent.
				var name struct {
					Metadata struct{ Name string } `json:"metadata"`
				}
				_ = jsonUnmarshal(rec.Body.Bytes(), &name)
				del := httptest.NewRecorder()
				srv.ServeHTTP(del, httptest.NewRequest("DELETE", "/api/v1/namespaces/default/configmaps/"+name.Metadata.Name, nil))
			}
		}
	})
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }
