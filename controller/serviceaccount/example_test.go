package serviceaccount_test

import (
	"context"
	"fmt"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/serviceaccount"
	"github.com/orcaproj/orca/store/memory"
)

// A new namespace gets its default ServiceAccount.
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

	sc, err := serviceaccount.New(serviceaccount.Config{Client: c})
	if err != nil {
		panic(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- sc.Run(runCtx) }()

	if _, err := client.For[*apiobj.Namespace](c).Create(ctx, &apiobj.Namespace{ObjectMeta: apiobj.ObjectMeta{Name: "team"}}); err != nil {
		panic(err)
	}
	sas := client.For[*apiobj.ServiceAccount](c).Namespace("team")
	for {
		if sa, err := sas.Get(ctx, "default"); err == nil {
			fmt.Println("found", sa.Namespace+"/"+sa.Name)
			break
		}
		if ctx.Err() != nil {
			panic("no default service account")
		}
		time.Sleep(10 * time.Millisecond)
	}
	stop()
	fmt.Println("Run returned:", <-done)
	// Output:
	// found team/default
	// Run returned: <nil>
}
