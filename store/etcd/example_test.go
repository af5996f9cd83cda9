package etcd_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"

	"github.com/orcaproj/orca/store"
	"github.com/orcaproj/orca/store/etcd"
	"github.com/orcaproj/orca/store/etcd/embedetcd"
)

// Example starts an embedded etcd, opens a store over it under a prefix,
// and writes, reads and watches a key.
func Example() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "etcd-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	srv, err := embedetcd.Start(ctx, embedetcd.Config{Dir: dir})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	s, err := etcd.New(etcd.Config{Endpoints: srv.Endpoints(), Prefix: "/example"})
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close() // before srv.Close: clients go first

	w, err := s.Watch(ctx, "/registry/core/configmaps/", store.WatchOptions{Prefix: true})
	if err != nil {
		log.Fatal(err)
	}
	key := "/registry/core/configmaps/default/settings"
	rev, err := s.Create(ctx, key, []byte("v1"))
	if err != nil {
		log.Fatal(err)
	}
	if _, err := s.Update(ctx, key, []byte("v2"), rev); err != nil {
		log.Fatal(err)
	}
	_, err = s.Update(ctx, key, []byte("v3"), rev) // rev is stale now
	fmt.Println("stale update conflicts:", errors.Is(err, store.ErrConflict))

	kv, err := s.Get(ctx, key)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s = %s\n", kv.Key, kv.Value)
	for range 2 {
		ev := <-w.Events()
		fmt.Println(ev.Type, ev.Key, string(ev.Value))
	}
	// Output:
	// stale update conflicts: true
	// /registry/core/configmaps/default/settings = v2
	// ADDED /registry/core/configmaps/default/settings v1
	// MODIFIED /registry/core/configmaps/default/settings v2
}
