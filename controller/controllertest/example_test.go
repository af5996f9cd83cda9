package controllertest_test

import (
	"context"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/controllertest"
)

// In a test, controllertest.Start(t) does the same and closes the server
// when the test ends.
func ExampleNew() {
	ctx := context.Background()
	env, err := controllertest.New(ctx)
	if err != nil {
		panic(err)
	}
	defer env.Close()
	cms := client.For[*apiobj.ConfigMap](env.Client).Namespace("default")
	cm, err := cms.Create(ctx, &apiobj.ConfigMap{ObjectMeta: apiobj.ObjectMeta{Name: "hello"}})
	fmt.Println(cm.Name, err)
	// Output: hello <nil>
}
