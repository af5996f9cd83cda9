package patch_test

import (
	"fmt"
	"reflect"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver/patch"
)

// Patch a Deployment the way `kubectl patch` does by default: the
// containers list is merged by name, not replaced.
func Example() {
	stored := []byte(`{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"patch-demo"},
		"spec":{"template":{"spec":{"containers":[{"name":"patch-demo-ctr","image":"nginx"}]}}}}`)
	body := []byte(`{"spec":{"template":{"spec":{"containers":[{"name":"patch-demo-ctr-2","image":"redis"}]}}}}`)

	t, err := patch.ParseType("application/strategic-merge-patch+json")
	if err != nil {
		panic(err)
	}
	out, err := patch.Apply(t, stored, body, reflect.TypeOf(apiobj.Deployment{}))
	if err != nil {
		panic(err)
	}
	fmt.Println(string(out))
	// Output:
	// {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"patch-demo"},"spec":{"template":{"spec":{"containers":[{"image":"redis","name":"patch-demo-ctr-2"},{"image":"nginx","name":"patch-demo-ctr"}]}}}}
}

// Compute the patch between two versions of an object, as kubectl does,
// and apply it.
func ExampleCreateTwoWayMergePatch() {
	schema := reflect.TypeOf(apiobj.Pod{})
	original := []byte(`{"metadata":{"finalizers":["a","b"]},"spec":{"containers":[{"name":"c","image":"v1"}]}}`)
	modified := []byte(`{"metadata":{"finalizers":["b"]},"spec":{"containers":[{"name":"c","image":"v2"}]}}`)

	p, err := patch.CreateTwoWayMergePatch(original, modified, schema)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(p))
	out, err := patch.Apply(patch.StrategicMergePatch, original, p, schema)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(out))
	// Output:
	// {"metadata":{"$deleteFromPrimitiveList/finalizers":["a"],"$setElementOrder/finalizers":["b"]},"spec":{"$setElementOrder/containers":[{"name":"c"}],"containers":[{"image":"v2","name":"c"}]}}
	// {"metadata":{"finalizers":["b"]},"spec":{"containers":[{"image":"v2","name":"c"}]}}
}
