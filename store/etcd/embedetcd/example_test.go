package embedetcd_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/orcaproj/orca/store/etcd/embedetcd"
)

// Example starts an embedded etcd, writes a key with the etcd client,
// restarts the member on the same data directory, and reads the key back.
func Example() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "embedetcd-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	srv, err := embedetcd.Start(ctx, embedetcd.Config{Dir: dir})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close() // closes the client below, then etcd

	client, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.Put(ctx, "greeting", "hello"); err != nil {
		log.Fatal(err)
	}

	srv.Stop()
	if err := srv.Restart(ctx); err != nil {
		log.Fatal(err)
	}
	resp, err := client.Get(ctx, "greeting") // the client reconnects
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s\n", resp.Kvs[0].Value)
	// Output: hello
}

// ExampleStartCluster starts a three-member cluster and stops its leader.
func ExampleStartCluster() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "embedetcd-cluster-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	cl, err := embedetcd.StartCluster(ctx, 3, embedetcd.Config{Dir: dir})
	if err != nil {
		log.Fatal(err)
	}
	defer cl.Close()
	client, err := cl.NewClient() // balances over all three members
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.Put(ctx, "k", "v"); err != nil {
		log.Fatal(err)
	}
	if i := cl.Leader(); i >= 0 {
		cl.Member(i).Stop() // the others elect a new leader
	}
	resp, err := client.Get(ctx, "k")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d endpoints, k=%s\n", len(cl.Endpoints()), resp.Kvs[0].Value)
	// Output: 3 endpoints, k=v
}
