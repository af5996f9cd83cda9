package discovery_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver/discovery"
)

func ExampleNewHandler() {
	h := discovery.NewHandler(apiobj.NewScheme())

	req := httptest.NewRequest(http.MethodGet, "/apis/apps/v1", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)

	var list discovery.APIResourceList
	if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil {
		panic(err)
	}
	for _, r := range list.APIResources {
		if r.Name == "deployments" || r.Name == "deployments/scale" {
			fmt.Println(r.Name, r.Kind, r.Group, r.Version, r.Verbs)
		}
	}

	// kubectl asks for aggregated discovery first.
	req = httptest.NewRequest(http.MethodGet, "/apis", nil)
	req.Header.Set("Accept", discovery.ContentTypeAggregatedV2+",application/json")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	fmt.Println(rec.Header().Get("Content-Type"))
	// Output:
	// deployments Deployment   [create delete deletecollection get list patch update watch]
	// deployments/scale Scale autoscaling v1 [get patch update]
	// application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList
}
