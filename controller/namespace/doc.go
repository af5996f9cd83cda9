// Package namespace is the namespace controller: it empties terminating
// namespaces and then releases them, as kube-controller-manager's does.
//
// Deleting a namespace makes it Terminating (the API server sets its
// deletionTimestamp and keeps it while spec.finalizers holds "kubernetes").
// For each such namespace the controller deletes every object in it, across
// every namespaced resource the server serves, custom kinds included
// (discovered with client.ServerResources at each pass): with
// deletecollection where the resource supports it and list plus delete
// otherwise, always with propagationPolicy Background. It then lists again
// and, while anything is left, looks again later: after half the longest
// grace period plus a second for pods that are terminating gracefully, after
// 15 s for objects held by finalizers, and with exponential backoff for
// anything else. Each pass records its outcome in the namespace's status
// conditions, worded as Kubernetes words them:
// NamespaceDeletionDiscoveryFailure, NamespaceDeletionGroupVersionParsingFailure,
// NamespaceDeletionContentFailure, NamespaceContentRemaining and
// NamespaceFinalizersRemaining. Once nothing is left it removes "kubernetes"
// through the namespaces/{name}/finalize subresource, after which the API
// server deletes the namespace.
//
// Processing a namespace is idempotent; a namespace that is not terminating
// is never touched. New checks a Config; Run blocks until its context is
// done.
package namespace
