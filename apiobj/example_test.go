package apiobj_test

import (
	"fmt"

	"github.com/orcaproj/orca/apiobj"
)

// Decode a Kubernetes manifest, default it, validate it and encode it back.
func Example() {
	scheme := apiobj.NewScheme()
	codec := apiobj.NewCodec(scheme)
	obj, err := codec.Decode([]byte(`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`))
	if err != nil {
		panic(err)
	}
	d := obj.(*apiobj.Deployment)
	scheme.Default(d)
	fmt.Println("replicas:", *d.Spec.Replicas, "strategy:", d.Spec.Strategy.Type)
	fmt.Println("pull policy:", d.Spec.Template.Spec.Containers[0].ImagePullPolicy)
	fmt.Println("errors:", len(scheme.Validate(d)))
	// Output:
	// replicas: 1 strategy: RollingUpdate
	// pull policy: IfNotPresent
	// errors: 0
}
