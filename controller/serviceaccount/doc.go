// Package serviceaccount is the service account controller: it keeps a
// ServiceAccount named "default" (or the names Config.ServiceAccounts lists)
// in every namespace, as kube-controller-manager's serviceaccount controller
// does.
//
// A missing account is created when its namespace appears, when the account
// is deleted, and at every resync. Terminating namespaces are left alone:
// the API server would refuse the create. Existing accounts are never
// changed. Tokens are not part of this controller.
//
// New checks a Config; Run blocks until its context is done. Processing a
// namespace is idempotent.
package serviceaccount
