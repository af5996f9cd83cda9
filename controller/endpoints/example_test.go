package endpoints_test

import (
	"context"
	"fmt"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/endpoints"
	"github.com/orcaproj/orca/store/memory"
)

// A Service selecting one ready pod gets Endpoints listing it.
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

	ec, err := endpoints.New(endpoints.Config{Client: c})
	if err != nil {
		panic(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- ec.Run(runCtx) }()

	_, err = client.For[*apiobj.Service](c).Namespace("default").Create(ctx, &apiobj.Service{
		ObjectMeta: apiobj.ObjectMeta{Name: "web"},
		Spec: apiobj.ServiceSpec{Selector: map[string]string{"app": "web"},
			Ports: []apiobj.ServicePort{{Port: 80, TargetPort: apiobj.FromInt32(8080)}}},
	})
	if err != nil {
		panic(err)
	}
	pods := client.For[*apiobj.Pod](c).Namespace("default")
	pod, err := pods.Create(ctx, &apiobj.Pod{
		ObjectMeta: apiobj.ObjectMeta{Name: "web-1", Labels: map[string]string{"app": "web"}},
		Spec:       apiobj.PodSpec{Containers: []apiobj.Container{{Name: "web", Image: "nginx"}}},
	})
	if err != nil {
		panic(err)
	}
	// What a kubelet would report.
	pod.Status.PodIP = "10.244.0.5"
	pod.Status.Conditions = []apiobj.PodCondition{{Type: apiobj.PodReady, Status: apiobj.ConditionTrue}}
	if _, err := pods.UpdateStatus(ctx, pod); err != nil {
		panic(err)
	}

	eps := client.For[*apiobj.Endpoints](c).Namespace("default")
	for {
		ep, err := eps.Get(ctx, "web")
		if err == nil && len(ep.Subsets) > 0 {
			ss := ep.Subsets[0]
			fmt.Printf("%s:%d (pod %s)\n", ss.Addresses[0].IP, ss.Ports[0].Port, ss.Addresses[0].TargetRef.Name)
			break
		}
		if ctx.Err() != nil {
			panic("no endpoints")
		}
		time.Sleep(10 * time.Millisecond)
	}
	stop()
	fmt.Println("Run returned:", <-done)
	// Output:
	// 10.244.0.5:8080 (pod web-1)
	// Run returned: <nil>
}
