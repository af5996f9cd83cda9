package nodeipam_test

import (
	"context"
	"fmt"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/nodeipam"
	"github.com/orcaproj/orca/store/memory"
)

// A new node gets the first /24 of the cluster CIDR.
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

	ipam, err := nodeipam.New(nodeipam.Config{Client: c, ClusterCIDRs: []string{"10.244.0.0/16"}})
	if err != nil {
		panic(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- ipam.Run(runCtx) }()

	nodes := client.For[*apiobj.Node](c)
	if _, err := nodes.Create(ctx, &apiobj.Node{ObjectMeta: apiobj.ObjectMeta{Name: "worker-1"}}); err != nil {
		panic(err)
	}
	for {
		n, err := nodes.Get(ctx, "worker-1")
		if err != nil {
			panic(err)
		}
		if n.Spec.PodCIDR != "" {
			fmt.Println("podCIDR:", n.Spec.PodCIDR)
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	stop()
	fmt.Println("Run returned:", <-done)
	// Output:
	// podCIDR: 10.244.0.0/24
	// Run returned: <nil>
}
