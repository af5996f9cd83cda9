package predicate_test

import (
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/controller/predicate"
)

func Example() {
	old := &apiobj.Deployment{ObjectMeta: apiobj.ObjectMeta{Name: "web", Generation: 1, Labels: map[string]string{"tier": "web"}}}
	statusOnly := old.DeepCopy()
	statusOnly.Status.ReadyReplicas = 3
	relabelled := old.DeepCopy()
	relabelled.Labels["tier"] = "frontend"

	specOrLabels := predicate.Or(predicate.GenerationChanged(), predicate.LabelsChanged())
	fmt.Println("status update passes:", specOrLabels.Update(old, statusOnly))
	fmt.Println("label change passes:", specOrLabels.Update(old, relabelled))

	inDefault := predicate.FilterFunc(func(o apiobj.Object) bool { return o.GetNamespace() == "default" })
	fmt.Println("create outside default passes:", predicate.And(specOrLabels, inDefault).Create(old))
	// Output:
	// status update passes: false
	// label change passes: true
	// create outside default passes: false
}
