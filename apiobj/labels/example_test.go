package labels_test

import (
	"fmt"

	"github.com/orcaproj/orca/apiobj/labels"
)

func ExampleParse() {
	sel, err := labels.Parse("tier!=frontend, env in (staging, prod), !canary")
	if err != nil {
		panic(err)
	}
	fmt.Println(sel)
	fmt.Println(sel.Matches(labels.Set{"env": "prod", "tier": "backend"}))
	fmt.Println(sel.Matches(labels.Set{"env": "prod", "canary": "true"}))

	_, err = labels.Parse("env in prod")
	fmt.Println(err)
	// Output:
	// !canary,env in (prod,staging),tier!=frontend
	// true
	// false
	// unable to parse requirement: found 'prod' expected: '('
}

func ExampleSelectorFromSet() {
	sel := labels.SelectorFromSet(labels.Set{"app": "web", "env": "prod"})
	fmt.Println(sel)
	r, err := labels.NewRequirement("replicas", labels.GreaterThan, []string{"2"})
	if err != nil {
		panic(err)
	}
	sel = sel.Add(r)
	fmt.Println(sel, sel.Matches(labels.Set{"app": "web", "env": "prod", "replicas": "3"}))
	// Output:
	// app=web,env=prod
	// app=web,env=prod,replicas>2 true
}

func ExampleValidateQualifiedName() {
	fmt.Println(labels.ValidateQualifiedName("example.com/app"))
	fmt.Println(labels.ValidateQualifiedName("/app"))
	// Output:
	// []
	// [prefix part must be non-empty]
}
