// Command cluster starts an orca cluster in one process and prints
//
//	cluster ready: kubeconfig=PATH
//
// once it serves. It stops cleanly on SIGINT or SIGTERM. Started again on the
// same --data-dir, it keeps every object.
//
// The cluster runs the store, the API server, the scheduler, the built-in
// controllers that exist so far, and --nodes node agents on the --runtime
// container runtime (see the README's status table for what is missing).
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/orcaproj/orca/cluster"
)

func main() {
	dataDir := flag.String("data-dir", "./orca-data", "etcd data, CA and certificates, the admin kubeconfig")
	storeKind := flag.String("store", "embedded-etcd", "embedded-etcd, memory, or etcd (with --etcd-endpoints)")
	endpoints := flag.String("etcd-endpoints", "", "comma-separated etcd endpoints for --store etcd")
	listen := flag.String("listen", "127.0.0.1:6443", "HTTPS address of the API server")
	kubeconfig := flag.String("kubeconfig", "", "where the admin kubeconfig is written (default <data-dir>/admin.kubeconfig)")
	tokenFile := flag.String("token-auth-file", "", "static token file (token,user,uid,\"group1,group2\")")
	nodes := flag.Int("nodes", 1, "node agents run in this process")
	runtime := flag.String("runtime", "process", "process (real host processes), fake (simulated), or remote (not built yet)")
	runtimeEndpoint := flag.String("runtime-endpoint", "", "CRI socket for --runtime remote")
	flag.Parse()

	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	var eps []string
	if *endpoints != "" {
		eps = strings.Split(*endpoints, ",")
	}
	c, err := cluster.New(cluster.Config{
		DataDir:         *dataDir,
		Store:           cluster.StoreKind(*storeKind),
		EtcdEndpoints:   eps,
		Listen:          *listen,
		Kubeconfig:      *kubeconfig,
		TokenFile:       *tokenFile,
		Nodes:           *nodes,
		Runtime:         cluster.RuntimeKind(*runtime),
		RuntimeEndpoint: *runtimeEndpoint,
		Logger:          log,
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- c.Run(ctx) }()
	select {
	case <-c.Ready():
		fmt.Printf("cluster ready: kubeconfig=%s\n", c.Kubeconfig())
	case err := <-errc:
		fmt.Fprintln(os.Stderr, "cluster:", err)
		os.Exit(1)
	}
	if err := <-errc; err != nil {
		fmt.Fprintln(os.Stderr, "cluster:", err)
		os.Exit(1)
	}
}
