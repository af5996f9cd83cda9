package crdschema_test

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver/crdschema"
)

// loadCRD reads a CustomResourceDefinition manifest.
func loadCRD(path string) (*apiobj.CustomResourceDefinition, error) {
	y, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	j, _, err := apiobj.ToJSON(y, false)
	if err != nil {
		return nil, err
	}
	crd := &apiobj.CustomResourceDefinition{}
	return crd, json.Unmarshal(j, crd)
}

func ExampleNew() {
	crd, err := loadCRD("../../apiobj/testdata/manifests/crd.yaml")
	if err != nil {
		panic(err)
	}
	schema, err := crdschema.New(crd, "v1")
	if err != nil {
		panic(err)
	}
	u := &apiobj.Unstructured{}
	if err := u.UnmarshalJSON([]byte(`{
		"apiVersion": "stable.example.com/v1",
		"kind": "CronTab",
		"metadata": {"name": "my-cron"},
		"spec": {"replicas": 11, "mode": "x", "color": "blue",
		         "anything": {"kept": true}}
	}`)); err != nil {
		panic(err)
	}

	for _, p := range schema.Prune(u.Object) {
		fmt.Printf("unknown field %q\n", p)
	}
	for _, e := range schema.Validate(u.Object) {
		fmt.Println(e)
	}

	delete(u.Object["spec"].(map[string]any), "replicas")
	schema.Default(u.Object)
	fmt.Println("defaulted replicas:", u.Object["spec"].(map[string]any)["replicas"])
	// Output:
	// unknown field "spec.color"
	// spec.cronSpec: Required value
	// spec.mode: Unsupported value: "x": supported values: "fast", "slow"
	// spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10
	// defaulted replicas: 1
}
