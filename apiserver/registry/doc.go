// Package registry is the API server's generic storage: it serves every kind
// of an apiobj.Scheme, built-in or custom (Unstructured), over a
// store.Interface with Kubernetes' semantics.
//
// A write runs: defaulting (Scheme hook), mutating admission, the server's
// own preparation (uid, creationTimestamp, generation, status reset, name
// generation, allocation of Service addresses and node ports), validation
// (Scheme hook, or metadata rules and the CRSchemaValidator for custom
// kinds), validating admission, then a compare-and-swap in the store.
//
// Storage layout: /registry/<group>/<resource>/<namespace>/<name>, with the
// core group written "core" and no namespace segment for cluster-scoped
// kinds. Values are the object's JSON without metadata.resourceVersion; the
// resourceVersion is the key's ModRevision, set on every read. Allocator
// state lives at /registry/ranges/serviceips and
// /registry/ranges/servicenodeports, so several servers can share a store.
//
// Semantics worth knowing:
//   - An update that changes nothing writes nothing (and so emits no watch
//     event). generation rises when anything outside metadata and status
//     changes.
//   - The main resource never changes status when the kind has a status
//     subresource; the status subresource changes only status (built-in
//     kinds also take labels and annotations from it).
//   - Delete honors preconditions, finalizers (the object gets a
//     deletionTimestamp and stays until they are gone), propagationPolicy
//     (Orphan and Foreground add the "orphan" and "foregroundDeletion"
//     finalizers for the garbage collector) and, for pods bound to a node,
//     a grace period (the node agent finishes with grace 0).
//   - Namespaces: creates in a missing namespace get 404, in a terminating
//     one 403. Deleting a namespace makes it Terminating; it goes once its
//     spec.finalizers (namespaces/finalize) and metadata.finalizers are empty.
//   - Creating a CustomResourceDefinition serves its kind at once; deleting
//     it deletes every object of the kind.
//
// Reads go to the store unless a watch cache is installed with SetReader.
package registry
