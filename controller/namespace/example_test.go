package namespace_test

import (
	"context"
	"fmt"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/namespace"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store/memory"
)

// Deleting a namespace that holds a ConfigMap: the controller deletes the
// ConfigMap, then the namespace goes.
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

	nc, err := namespace.New(namespace.Config{Client: c})
	if err != nil {
		panic(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- nc.Run(runCtx) }()

	nss := client.For[*apiobj.Namespace](c)
	if _, err := nss.Create(ctx, &apiobj.Namespace{ObjectMeta: apiobj.ObjectMeta{Name: "scratch"}}); err != nil {
		panic(err)
	}
	cms := client.For[*apiobj.ConfigMap](c).Namespace("scratch")
	if _, err := cms.Create(ctx, &apiobj.ConfigMap{ObjectMeta: apiobj.ObjectMeta{Name: "settings"}}); err != nil {
		panic(err)
	}
	if err := nss.Delete(ctx, "scratch"); err != nil {
		panic(err)
	}
	for {
		_, err := nss.Get(ctx, "scratch")
		if errdefs.IsNotFound(err) {
			break
		}
		if ctx.Err() != nil {
			panic("namespace never went")
		}
		time.Sleep(10 * time.Millisecond)
	}
	_, err = cms.Get(ctx, "settings")
	fmt.Println("namespace gone; its ConfigMap found:", !errdefs.IsNotFound(err))

	stop()
	fmt.Println("Run returned:", <-done)
	// Output:
	// namespace gone; its ConfigMap found: false
	// Run returned: <nil>
}
