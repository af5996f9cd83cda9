package cri_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/cri"
	"github.com/orcaproj/orca/cri/fake"
)

// A runtime implemented in Go (here the fake) is served on a unix socket,
// and a client reaches it the way the kubelet reaches containerd.
func Example() {
	dir, err := os.MkdirTemp("", "cri-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	sock := filepath.Join(dir, "cri.sock")
	lis, err := net.Listen("unix", sock)
	if err != nil {
		panic(err)
	}
	server, err := fake.New(fake.Config{})
	if err != nil {
		panic(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- cri.Serve(ctx, lis, server) }()

	conn, err := grpc.NewClient("unix://"+sock, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		panic(err)
	}
	var runtime cri.Runtime = cri.NewClient(conn)
	v, err := runtime.Version(context.Background(), &runtimev1.VersionRequest{})
	if err != nil {
		panic(err)
	}
	fmt.Println(v.RuntimeName, v.RuntimeApiVersion)

	// The same server without a socket:
	runtime = cri.InProcess(server)
	_, err = runtime.ContainerStatus(context.Background(), &runtimev1.ContainerStatusRequest{ContainerId: "nope"})
	fmt.Println(cri.IsNotFound(err))

	conn.Close()
	stop()
	fmt.Println(<-served)
	// Output:
	// orca-fake v1
	// true
	// <nil>
}
