package registry_test

import (
	"context"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver/registry"
	"github.com/orcaproj/orca/store/memory"
)

func Example() {
	st := memory.New(memory.Config{})
	defer st.Close()
	reg, _ := registry.New(registry.Config{Store: st, Scheme: apiobj.NewScheme()})
	defer reg.Close()
	ctx := context.Background()
	_ = reg.Bootstrap(ctx, 6443)

	res, _ := reg.Resource(apiobj.CoreV1.WithResource("configmaps"))
	obj, err := reg.Create(ctx, res, "default", &apiobj.ConfigMap{
		ObjectMeta: apiobj.ObjectMeta{GenerateName: "demo-"},
		Data:       map[string]string{"k": "v"},
	}, registry.CreateOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(obj.GetGeneration(), len(obj.GetName()))
	// Output: 1 10
}
