package apiserver_test

import (
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"strings"

	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/store/memory"
)

// Example serves the API over an in-memory store and creates a ConfigMap
// through the handler, as the in-process client transport does.
func Example() {
	st := memory.New(memory.Config{})
	defer st.Close()
	srv, err := apiserver.New(apiserver.Config{Store: st})
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	if err := srv.Bootstrap(context.Background()); err != nil {
		panic(err)
	}

	req := httptest.NewRequest("POST", "/api/v1/namespaces/default/configmaps",
		strings.NewReader(`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"hello"},"data":{"k":"v"}}`))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	fmt.Println(rec.Code)

	rec = httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/namespaces/default/configmaps/nope", nil))
	body, _ := io.ReadAll(rec.Body)
	fmt.Println(rec.Code, strings.Contains(string(body), `"reason":"NotFound"`))
	// Output:
	// 201
	// 404 true
}
