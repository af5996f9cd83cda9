package openapi_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver/openapi"
)

func ExampleNewHandler() {
	h := openapi.NewHandler(openapi.Config{Scheme: apiobj.NewScheme()})

	// The v3 index links one document per group version.
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/openapi/v3", nil))
	var index struct {
		Paths map[string]struct {
			ServerRelativeURL string `json:"serverRelativeURL"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &index); err != nil {
		panic(err)
	}
	url := index.Paths["apis/apps/v1"].ServerRelativeURL

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, url, nil))
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Required   []string `json:"required"`
				Properties map[string]struct {
					Strategy string `json:"x-kubernetes-patch-strategy"`
				} `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		panic(err)
	}
	spec := doc.Components.Schemas["io.k8s.api.apps.v1.DeploymentSpec"]
	fmt.Println(rec.Header().Get("Cache-Control"))
	fmt.Println(spec.Required)
	fmt.Println(spec.Properties["strategy"].Strategy)
	// Output:
	// public, immutable
	// [selector template]
	// retainKeys
}
