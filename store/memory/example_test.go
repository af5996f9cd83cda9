package memory_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/orcaproj/orca/store"
	"github.com/orcaproj/orca/store/memory"
)

func Example() {
	s := memory.New(memory.Config{})
	defer s.Close()
	ctx := context.Background()

	const key = "/registry/core/pods/default/web"
	w, err := s.Watch(ctx, "/registry/core/pods/", store.WatchOptions{Prefix: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	rev, _ := s.Create(ctx, key, []byte(`{"kind":"Pod"}`))
	_, err = s.Update(ctx, key, []byte(`{"kind":"Pod","spec":{}}`), rev)
	fmt.Println("update:", err)
	_, err = s.Update(ctx, key, []byte(`{}`), rev) // rev is stale now
	fmt.Println("stale update conflicts:", errors.Is(err, store.ErrConflict))

	kv, _ := s.Get(ctx, key)
	fmt.Printf("%s created at %d, modified at %d\n", kv.Value, kv.CreateRevision, kv.ModRevision)
	for range 2 {
		ev := <-w.Events()
		fmt.Println(ev.Type, ev.Key, ev.Revision)
	}
	// Output:
	// update: <nil>
	// stale update conflicts: true
	// {"kind":"Pod","spec":{}} created at 1, modified at 2
	// ADDED /registry/core/pods/default/web 1
	// MODIFIED /registry/core/pods/default/web 2
}
