package endpointslice_test

import (
	"context"
	"fmt"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/endpointslice"
	"github.com/orcaproj/orca/store/memory"
)

// A Service selecting one ready pod gets an EndpointSlice holding it; the
// API server's own kubernetes Service is pointed at its address with
// EnsureAPIServerEndpoints.
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
	if err := endpointslice.EnsureAPIServerEndpoints(ctx, c, "192.0.2.1", 6443); err != nil {
		panic(err)
	}

	sc, err := endpointslice.New(endpointslice.Config{Client: c})
	if err != nil {
		panic(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- sc.Run(runCtx) }()

	_, err = client.For[*apiobj.Service](c).Namespace("default").Create(ctx, &apiobj.Service{
		ObjectMeta: apiobj.ObjectMeta{Name: "web"},
		Spec: apiobj.ServiceSpec{Selector: map[string]string{"app": "web"},
			Ports: []apiobj.ServicePort{{Name: "http", Port: 80, TargetPort: apiobj.FromInt32(8080)}}},
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

	slices := client.For[*apiobj.EndpointSlice](c).Namespace("default")
	for {
		items, _, err := slices.List(ctx, client.ListOptions{LabelSelector: apiobj.EndpointSliceServiceNameLabel + "=web"})
		if err == nil && len(items) == 1 && len(items[0].Endpoints) == 1 {
			s := items[0]
			fmt.Printf("%s %s:%d ready=%v\n", s.AddressType, s.Endpoints[0].Addresses[0], *s.Ports[0].Port, *s.Endpoints[0].Conditions.Ready)
			break
		}
		if ctx.Err() != nil {
			panic("no slice")
		}
		time.Sleep(10 * time.Millisecond)
	}
	api, err := slices.Get(ctx, "kubernetes")
	if err != nil {
		panic(err)
	}
	fmt.Printf("kubernetes: %s:%d\n", api.Endpoints[0].Addresses[0], *api.Ports[0].Port)
	stop()
	fmt.Println("Run returned:", <-done)
	// Output:
	// IPv4 10.244.0.5:8080 ready=true
	// kubernetes: 192.0.2.1:6443
	// Run returned: <nil>
}
