package deployment_test

import (
	"context"
	"fmt"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/deployment"
	"github.com/orcaproj/orca/controller/replicaset"
	"github.com/orcaproj/orca/store/memory"
)

// A Deployment of two: the deployment controller makes a ReplicaSet, and
// the replicaset controller its pods.
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

	dc, err := deployment.New(deployment.Config{Client: c})
	if err != nil {
		panic(err)
	}
	rc, err := replicaset.New(replicaset.Config{Client: c})
	if err != nil {
		panic(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 2)
	go func() { done <- dc.Run(runCtx) }()
	go func() { done <- rc.Run(runCtx) }()

	web := map[string]string{"app": "web"}
	_, err = client.For[*apiobj.Deployment](c).Namespace("default").Create(ctx, &apiobj.Deployment{
		ObjectMeta: apiobj.ObjectMeta{Name: "web"},
		Spec: apiobj.DeploymentSpec{
			Replicas: apiobj.Int32(2),
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
	for {
		d, err := client.For[*apiobj.Deployment](c).Namespace("default").Get(ctx, "web")
		if err != nil {
			panic(err)
		}
		if d.Status.Replicas == 2 && d.Status.UpdatedReplicas == 2 {
			fmt.Println("revision", d.Annotations[apiobj.DeploymentRevisionAnnotation], "replicas", d.Status.Replicas)
			break
		}
		if ctx.Err() != nil {
			panic("never rolled out")
		}
		time.Sleep(10 * time.Millisecond)
	}

	stop()
	fmt.Println("Run returned:", <-done, <-done)
	// Output:
	// revision 1 replicas 2
	// Run returned: <nil> <nil>
}
