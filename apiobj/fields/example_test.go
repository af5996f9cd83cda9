package fields_test

import (
	"fmt"

	"github.com/orcaproj/orca/apiobj/fields"
)

func ExampleParseSelector() {
	sel, err := fields.ParseSelector("status.phase!=Succeeded,spec.nodeName=node-1")
	if err != nil {
		panic(err)
	}
	fmt.Println(sel)
	fmt.Println(sel.Matches(fields.Set{"spec.nodeName": "node-1", "status.phase": "Running"}))
	if node, ok := sel.RequiresExactMatch("spec.nodeName"); ok {
		fmt.Println("only pods on", node)
	}

	_, err = fields.ParseSelector("spec.nodeName")
	fmt.Println(err)
	// Output:
	// spec.nodeName=node-1,status.phase!=Succeeded
	// true
	// only pods on node-1
	// invalid selector: 'spec.nodeName'; can't understand 'spec.nodeName'
}

func ExampleEscapeValue() {
	sel := fields.OneTermEqualSelector("metadata.annotations.note", "a=b, c")
	fmt.Println(sel)
	parsed, err := fields.ParseSelector(sel.String())
	if err != nil {
		panic(err)
	}
	fmt.Println(parsed.Requirements()[0].Value)
	// Output:
	// metadata.annotations.note=a\=b\, c
	// a=b, c
}
