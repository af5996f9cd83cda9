package replicaset_test

import (
	"context"
	"fmt"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/replicaset"
	"github.com/orcaproj/orca/store/memory"
)

// A ReplicaSet of three: the controller creates three pods.
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

	rc, err := replicaset.New(replicaset.Config{Client: c})
	if err != nil {
		panic(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- rc.Run(runCtx) }()

	web := map[string]string{"app": "web"}
	_, err = client.For[*apiobj.ReplicaSet](c).Namespace("default").Create(ctx, &apiobj.ReplicaSet{
		ObjectMeta: apiobj.ObjectMeta{Name: "web"},
		Spec: apiobj.ReplicaSetSpec{
			Replicas: apiobj.Int32(3),
			Selector: &apiobj.LabelSelector{MatchLabels: web},
			Template: apiobj.PodTemplateSpec{
				ObjectMeta: apiobj.ObjectMeta{Labels: web},
				Spec:       apiobj.PodSpec{Containers: []apiobj.Container{{Name: "web", Image: "nginx"}}},
			},
		},
	})
	if err != nil {
		panic(err)
	}
	pods := client.For[*apiobj.Pod](c).Namespace("default")
	for {
		items, _, err := pods.List(ctx, client.ListOptions{LabelSelector: "app=web"})
		if err != nil {
			panic(err)
		}
		if len(items) == 3 {
			break
		}
		if ctx.Err() != nil {
			panic("pods never appeared")
		}
		time.Sleep(10 * time.Millisecond)
	}
	fmt.Println("pods: 3")

	stop()
	fmt.Println("Run returned:", <-done)
	// Output:
	// pods: 3
	// Run returned: <nil>
}
