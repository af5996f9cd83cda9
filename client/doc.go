// Package client talks to an orca (or Kubernetes) API server.
//
// One Client serves two transports with the same semantics: HTTP, built
// from a Config (or a kubeconfig through client/kubeconfig), with TLS, bearer
// tokens or client certificates, retries on 429 with Retry-After and a
// client-side QPS limit; and in-process (NewInProcess), which calls the API
// server's handler directly without a socket, for embedding and tests.
//
// For[T] gives a typed view of a resource (For[*apiobj.Pod](c)); Dynamic gives
// the same operations on Unstructured objects of any resource, custom kinds
// included. Errors are *apiobj.StatusError values that match the errdefs
// sentinels: errors.Is(err, errdefs.ErrNotFound) works as on the server.
//
// Informers keep a local cache of a resource by listing and watching,
// relist when the watch is too old (410), and tell handlers about changes,
// with tombstones for deletes that were missed. Factory shares one informer
// per resource. Objects handed out by informers and listers are shared and
// read-only: DeepCopy before changing them.
package client
