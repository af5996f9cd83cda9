// Package orca is a Go SDK of orchestration primitives in the Kubernetes
// mould: composable packages that can be assembled into a complete cluster,
// or used one by one inside programs that are not clusters at all.
//
// The packages, from the bottom up (a package imports only those above it):
//
//   - errdefs: the one error vocabulary (ErrNotFound, ErrConflict, ...),
//     checked with errors.Is on both sides of the wire.
//   - apiobj: the object model. Meta types, every built-in kind, Unstructured
//     for custom kinds, the Scheme (a value, not a global), the JSON/YAML
//     codec, defaulting, validation with field paths, and DeepCopy. Its
//     subpackages resource (Quantity), labels and fields (selectors) and field
//     (validation errors) stand alone.
//   - store: the storage interface with one cluster-wide revision, its
//     conformance suite (store/storetest), and the backends store/memory and
//     store/etcd (with an embedded-etcd helper).
//   - apiserver, client, controller, scheduler, kubelet, cri, cni, csi,
//     deviceplugin, proxy and cluster follow; see the README's status table
//     for what exists today.
//
// Objects encode to the JSON Kubernetes uses, so manifests written for
// Kubernetes decode unchanged, and kubectl is the acceptance client.
package orca
