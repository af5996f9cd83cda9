// Package kubeconfig reads and writes kubeconfig files in the format kubectl
// uses (apiVersion v1, kind Config: clusters, users, contexts and
// current-context), and turns a context into what an HTTP client needs: the
// server URL, a *tls.Config and credentials (RESTConfig).
//
// Certificate data is embedded (certificate-authority-data,
// client-certificate-data, client-key-data) or named by file; relative file
// paths are relative to the kubeconfig's own directory, as in kubectl.
// Bearer tokens come from token or tokenFile. Credential plugins (exec,
// auth-provider) are kept when a file is rewritten but not run.
//
// NewAdminConfig builds the admin kubeconfig a cluster writes on start, and
// Write stores it with mode 0600.
package kubeconfig
