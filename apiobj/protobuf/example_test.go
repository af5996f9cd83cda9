package protobuf_test

import (
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/protobuf"
)

// The API server reads a protobuf request body, as kubectl sends it for
// `kubectl create configmap cm --from-literal=a=b`.
func ExampleDecode() {
	cm := &apiobj.ConfigMap{
		ObjectMeta: apiobj.ObjectMeta{Name: "cm", Namespace: "default"},
		Data:       map[string]string{"a": "b"},
	}
	cm.SetGroupVersionKind(apiobj.GroupVersionKind{Version: "v1", Kind: "ConfigMap"})
	body, err := protobuf.Encode(cm)
	if err != nil {
		panic(err)
	}

	contentType := "application/vnd.kubernetes.protobuf"
	if protobuf.IsProtobuf(contentType) {
		obj, err := protobuf.Decode(body, apiobj.NewScheme())
		if err != nil {
			panic(err)
		}
		got := obj.(*apiobj.ConfigMap)
		fmt.Println(got.APIVersion, got.Kind, got.Namespace+"/"+got.Name, got.Data["a"])
	}
	// Output: v1 ConfigMap default/cm b
}
