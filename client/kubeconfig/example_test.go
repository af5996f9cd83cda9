package kubeconfig_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/orcaproj/orca/client/kubeconfig"
	"github.com/orcaproj/orca/internal/pki"
)

// A cluster writes its admin kubeconfig; a client loads it and gets what it
// needs to call the API server.
func Example() {
	dir, err := os.MkdirTemp("", "orca-kubeconfig")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	ca, err := pki.NewCA("orca-ca")
	if err != nil {
		log.Fatal(err)
	}
	admin, err := ca.IssueClient("admin", "system:masters")
	if err != nil {
		log.Fatal(err)
	}
	path := filepath.Join(dir, "admin.kubeconfig")
	cfg := kubeconfig.NewAdminConfig("https://127.0.0.1:6443", ca.CertPEM, admin.CertPEM, admin.KeyPEM)
	if err := kubeconfig.Write(path, cfg); err != nil {
		log.Fatal(err)
	}

	loaded, err := kubeconfig.Load(path)
	if err != nil {
		log.Fatal(err)
	}
	rc, err := loaded.RESTConfig("") // the current context
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(loaded.CurrentContext)
	fmt.Println(rc.Host)
	fmt.Println("client certificates:", len(rc.TLS.Certificates))
	_ = rc.HTTPClient() // ready for requests
	// Output:
	// orca-admin@orca
	// https://127.0.0.1:6443
	// client certificates: 1
}
