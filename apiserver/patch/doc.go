// Package patch applies the PATCH request bodies of the Kubernetes API to
// stored objects: JSON patch (RFC 6902), JSON merge patch (RFC 7386) and
// strategic merge patch, Kubernetes' own format.
//
// The API server calls Apply with the stored object's JSON, the request
// body, its Content-Type (see ParseType) and the Go type of the kind; it
// then decodes, defaults and validates the result like the body of an
// update. Apply is a pure function of its arguments and safe for concurrent
// use. Every error wraps an errdefs sentinel for the status code, and its
// Error text is the message kube-apiserver sends.
//
// # Strategic merge patch
//
// A strategic merge patch is a merge patch whose lists follow the field's
// struct tags, exactly as in k8s.io/api:
//
//	Containers []Container `json:"containers" patchStrategy:"merge" patchMergeKey:"name"`
//
// A list with patchStrategy "merge" and a patchMergeKey is merged element
// by element by that key; a merged list of primitives (finalizers) is a
// union; any other list is replaced whole. patchStrategy "replace" replaces
// a map whole, and "retainKeys" lets a patch clear the keys it leaves out
// of $retainKeys. The directives are those of Kubernetes: "$patch: replace",
// "$patch: delete" (and "$patch: merge", accepted as a no-op where
// Kubernetes rejects it), $retainKeys, $setElementOrder/<field> and
// $deleteFromPrimitiveList/<field>; null deletes a key. Fields a type does
// not declare, and types with their own JSON encoding (Time, Quantity,
// IntOrString), merge like a JSON merge patch. Custom kinds (a nil schema)
// take no strategic merge patch, as in Kubernetes.
//
// CreateTwoWayMergePatch computes the strategic merge patch between two
// versions of an object, as kubectl does on the client side, and
// CreateMergePatch the JSON merge patch.
//
// Server-side apply (ApplyPatch) needs field ownership, which orca does not
// track; Apply recognises the type and refuses it with
// ErrUnsupportedMediaType (415).
package patch
