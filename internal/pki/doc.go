// Package pki is the cluster's small certificate authority: it creates a
// self-signed CA, keeps it in a data directory across restarts, and issues
// the serving certificate of the API server and client certificates (the
// admin's, the node agents') signed by it.
//
// Keys are ECDSA P-256. The CA is valid for ten years, issued certificates
// for one. Files in a data directory:
//
//	ca.crt, ca.key         the CA (LoadOrCreateCA)
//	<name>.crt, <name>.key an issued pair (LoadOrIssueServing, LoadOrIssueClient)
//
// Keys are written with mode 0600, certificates with 0644, each atomically
// (a temporary file renamed into place). The Load-or functions are idempotent:
// started again on the same directory they reuse what is there as long as it
// is still valid for what is asked, and re-issue otherwise. They are not safe
// to call concurrently on the same directory.
//
// ServerTLSConfig and ClientTLSConfig build the tls.Configs that go with the
// pairs: the server asks for, but does not require, a client certificate
// (tls.VerifyClientCertIfGiven) so that bearer tokens keep working, and the
// API server's x509 authenticator then maps a verified certificate to a user
// (CN the name, O the groups).
package pki
