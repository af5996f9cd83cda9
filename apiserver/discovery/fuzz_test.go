package discovery

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/orcaproj/orca/apiobj"
)

// FuzzServe sends arbitrary paths and Accept headers: the handler must
// never panic nor answer 5xx.
func FuzzServe(f *testing.F) {
	h := NewHandler(apiobj.NewScheme())
	for _, s := range []struct{ path, accept string }{
		{"/api", kubectlAccept}, {"/apis", "application/json;q=0"}, {"/apis/apps/v1", "*/*"},
		{"/apis/apps", `application/json;g="x`}, {"/api/v1", ";;,,"}, {"/apis//x", ""},
	} {
		f.Add(s.path, s.accept)
	}
	f.Fuzz(func(t *testing.T, path, accept string) {
		req, err := http.NewRequest(http.MethodGet, "http://x/", nil)
		if err != nil {
			t.Skip()
		}
		req.URL.Path = path
		req.Header.Set("Accept", accept)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %q: %d", path, accept, rec.Code)
		}
	})
}
