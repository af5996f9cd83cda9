package pki_test

import (
	"fmt"
	"log"
	"os"

	"github.com/orcaproj/orca/internal/pki"
)

// A cluster's first start: create the CA in the data directory, then the API
// server's serving pair and the admin's client pair. Started again on the
// same directory, the same calls return what is stored.
func Example() {
	dir, err := os.MkdirTemp("", "orca-pki")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	ca, err := pki.LoadOrCreateCA(dir, "orca-ca")
	if err != nil {
		log.Fatal(err)
	}
	serving, err := pki.LoadOrIssueServing(dir, "apiserver", ca, "kube-apiserver", pki.APIServerHosts("10.96.0.1")...)
	if err != nil {
		log.Fatal(err)
	}
	admin, err := pki.LoadOrIssueClient(dir, "admin", ca, "admin", "system:masters")
	if err != nil {
		log.Fatal(err)
	}
	_ = pki.ServerTLSConfig(serving, ca.Pool()) // for the API server's listener

	again, err := pki.LoadOrIssueClient(dir, "admin", ca, "admin", "system:masters")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(serving.Cert.IPAddresses)
	fmt.Println(admin.Cert.Subject.CommonName, admin.Cert.Subject.Organization)
	fmt.Println("reused:", again.Cert.SerialNumber.Cmp(admin.Cert.SerialNumber) == 0)
	// Output:
	// [127.0.0.1 10.96.0.1]
	// admin [system:masters]
	// reused: true
}
