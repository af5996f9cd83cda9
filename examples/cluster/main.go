// Command cluster will start a whole orca cluster in one process: the store,
// the API server, the scheduler, the controllers and node agents.
//
// The control plane is not built yet (see the README's status table), so
// today it parses its flags, says so, and exits with status 2. It does not
// pretend to run a cluster.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	dataDir := flag.String("data-dir", "./orca-data", "etcd data, CA and certificates, the admin kubeconfig")
	storeKind := flag.String("store", "embedded-etcd", "embedded-etcd, memory, or etcd (with --etcd-endpoints)")
	_ = flag.String("etcd-endpoints", "", "comma-separated etcd endpoints for --store etcd")
	_ = flag.String("listen", "127.0.0.1:6443", "HTTPS address of the API server")
	kubeconfig := flag.String("kubeconfig", "", "where the admin kubeconfig is written (default <data-dir>/admin.kubeconfig)")
	_ = flag.Int("nodes", 1, "node agents run in this process")
	_ = flag.String("runtime", "process", "process, fake, or remote (with --runtime-endpoint)")
	_ = flag.String("runtime-endpoint", "", "CRI socket for --runtime remote")
	flag.Parse()
	if *kubeconfig == "" {
		*kubeconfig = filepath.Join(*dataDir, "admin.kubeconfig")
	}
	switch *storeKind {
	case "embedded-etcd", "memory", "etcd":
	default:
		fmt.Fprintf(os.Stderr, "cluster: unknown --store %q (want embedded-etcd, memory or etcd)\n", *storeKind)
		os.Exit(2)
	}
	fmt.Fprintln(os.Stderr, "cluster: the orca control plane is not built yet: the API server, scheduler, controllers and node agent")
	fmt.Fprintln(os.Stderr, "cluster: are open issues. Today orca provides the object model (apiobj) and the store (store/...).")
	fmt.Fprintln(os.Stderr, "cluster: see README.md, section Status.")
	os.Exit(2)
}
