// Package cluster assembles orca's parts into a running cluster in one
// process: cluster.New(Config) then Run(ctx).
//
// Today a cluster is the store (embedded etcd, memory, or an external etcd)
// and the Kubernetes-compatible API server behind TLS, with a CA created in
// the data directory on first start and reused after, a serving certificate
// for 127.0.0.1, localhost and the kubernetes Service IP, client-certificate
// and static-token authentication, RBAC with the default bootstrap policy,
// and the default admission plugins. It writes an admin kubeconfig (CN
// admin, O system:masters) that kubectl uses unchanged. The scheduler, the
// controller manager and node agents join as their issues land; the
// README's status table says which.
//
// Started again on the same data directory, a cluster keeps every object.
package cluster
