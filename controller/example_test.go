package controller_test

import (
	"context"
	"fmt"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller"
	"github.com/orcaproj/orca/controller/controllertest"
	"github.com/orcaproj/orca/errdefs"
)

// A tiny controller: every ConfigMap labelled app=greeter gets a Secret of
// the same name, owned by it, holding a greeting. The Secret is recreated
// when it is deleted, because Owns maps Secret changes back to their
// owning ConfigMap.
func Example() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	env, err := controllertest.New(ctx) // a real API server, in process
	if err != nil {
		panic(err)
	}
	defer env.Close()

	mgr, err := controller.NewManager(controller.ManagerConfig{Client: env.Client})
	if err != nil {
		panic(err)
	}
	configMaps := client.InformerFor[*apiobj.ConfigMap](mgr.Factory()).Lister()
	secrets := client.For[*apiobj.Secret](env.Client)
	greeter := controller.ReconcilerFunc(func(ctx context.Context, req controller.Request) (controller.Result, error) {
		cm, err := configMaps.Namespace(req.Namespace).Get(req.Name)
		if err != nil || cm.Labels["app"] != "greeter" {
			return controller.Result{}, client.IgnoreNotFound(err)
		}
		s := &apiobj.Secret{
			ObjectMeta: apiobj.ObjectMeta{Name: cm.Name, Namespace: cm.Namespace,
				OwnerReferences: []apiobj.OwnerReference{apiobj.NewControllerRef(cm, apiobj.CoreV1.WithKind("ConfigMap"))}},
			Data: map[string][]byte{"greeting": []byte("hello, " + cm.Data["name"])},
		}
		_, err = secrets.Create(ctx, s)
		if errdefs.IsAlreadyExists(err) {
			err = nil
		}
		return controller.Result{}, err
	})
	err = controller.NewBuilder(mgr).
		For(controller.Kind[*apiobj.ConfigMap]()).
		Owns(controller.Kind[*apiobj.Secret]()).
		Complete(greeter)
	if err != nil {
		panic(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error)
	go func() { done <- mgr.Run(runCtx) }()

	cm := &apiobj.ConfigMap{ObjectMeta: apiobj.ObjectMeta{Name: "world", Namespace: "default",
		Labels: map[string]string{"app": "greeter"}}, Data: map[string]string{"name": "world"}}
	if _, err := client.For[*apiobj.ConfigMap](env.Client).Create(ctx, cm); err != nil {
		panic(err)
	}
	s := waitForSecret(ctx, secrets, "")
	fmt.Println(string(s.Data["greeting"]))

	// Delete the Secret: the controller puts it back.
	_ = secrets.Namespace("default").Delete(ctx, "world")
	s2 := waitForSecret(ctx, secrets, s.UID)
	fmt.Println("recreated:", s2.UID != s.UID)

	stop()
	fmt.Println("stopped:", <-done)
	// Output:
	// hello, world
	// recreated: true
	// stopped: <nil>
}

// waitForSecret polls for default/world with a UID other than notUID.
func waitForSecret(ctx context.Context, secrets *client.Resource[*apiobj.Secret], notUID apiobj.UID) *apiobj.Secret {
	for {
		s, err := secrets.Namespace("default").Get(ctx, "world")
		if err == nil && s.UID != notUID {
			return s
		}
		if ctx.Err() != nil {
			panic("no secret")
		}
		time.Sleep(5 * time.Millisecond) // polling a condition with a deadline (ctx)
	}
}
