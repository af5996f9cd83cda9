package garbagecollector_test

import (
	"context"
	"fmt"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/garbagecollector"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store/memory"
)

// An API server in the process, a collector, and a ConfigMap that owns
// another: deleting the owner deletes the dependent.
func Example() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	st := memory.New(memory.Config{})
	defer st.Close()
	srv, err := apiserver.New(apiserver.Config{Store: st})
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	if err := srv.Bootstrap(ctx); err != nil {
		panic(err)
	}
	c := client.NewInProcess(srv, &auth.User{Name: "admin", Groups: []string{auth.GroupMasters}}, apiobj.NewScheme())

	gc, err := garbagecollector.New(garbagecollector.Config{Client: c})
	if err != nil {
		panic(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- gc.Run(runCtx) }()

	cms := client.For[*apiobj.ConfigMap](c).Namespace("default")
	owner, err := cms.Create(ctx, &apiobj.ConfigMap{ObjectMeta: apiobj.ObjectMeta{Name: "owner"}})
	if err != nil {
		panic(err)
	}
	_, err = cms.Create(ctx, &apiobj.ConfigMap{ObjectMeta: apiobj.ObjectMeta{Name: "dependent",
		OwnerReferences: []apiobj.OwnerReference{{APIVersion: "v1", Kind: "ConfigMap", Name: owner.Name, UID: owner.UID}}}})
	if err != nil {
		panic(err)
	}
	if err := cms.Delete(ctx, "owner"); err != nil {
		panic(err)
	}
	for {
		_, err := cms.Get(ctx, "dependent")
		if errdefs.IsNotFound(err) {
			break
		}
		if ctx.Err() != nil {
			panic("dependent never collected")
		}
		time.Sleep(10 * time.Millisecond)
	}
	fmt.Println("dependent collected")

	stop()
	fmt.Println("Run returned:", <-done)
	// Output:
	// dependent collected
	// Run returned: <nil>
}
