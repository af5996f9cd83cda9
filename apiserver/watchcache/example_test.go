package watchcache_test

import (
	"context"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver/watchcache"
	"github.com/orcaproj/orca/store/memory"
)

func Example() {
	st := memory.New(memory.Config{})
	defer st.Close()
	c, _ := watchcache.New(watchcache.Config{
		Store:  st,
		Prefix: "/registry/core/configmaps/",
		Decode: func(b []byte, rev int64) (apiobj.Object, error) {
			u := &apiobj.Unstructured{}
			err := u.UnmarshalJSON(b)
			return u, err
		},
	})
	defer c.Stop()
	ctx := context.Background()
	w, _ := c.Watch(ctx, watchcache.WatchOptions{})
	defer w.Stop()
	_, _ = st.Create(ctx, "/registry/core/configmaps/default/a",
		[]byte(`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"default"}}`))
	ev, _ := w.Next(ctx)
	fmt.Println(ev.Type, ev.Object.GetName())
	// Output: ADDED a
}
