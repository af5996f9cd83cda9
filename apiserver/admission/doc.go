// Package admission is the API server's last gate before storage: mutating
// plugins may change an object, then validating plugins may reject it. Both
// run after authentication and authorization, and after defaulting; the
// object's own validation runs between the two phases.
//
// Built-in plugins, each built from a small getter interface that the API
// server implements over its watch cache:
//
//   - NamespaceLifecycle: nothing is created or updated in a namespace that
//     is missing (404) and nothing is created in one that is terminating
//     (403); the system namespaces default, kube-system, kube-public and
//     kube-node-lease cannot be deleted.
//   - ServiceAccount: pods that name no service account get "default".
//   - Priority: a pod's spec.priority and spec.preemptionPolicy come from its
//     PriorityClass, or from the global default class; only one class may be
//     the global default, and the built-in system classes cannot be deleted.
//
// A plugin is a Mutator, a Validator, or both (Plugin). NewChain sorts
// plugins into a Chain's phases; Defaults returns the built-in chain in the
// order Kubernetes runs these plugins. Errors wrap the errdefs sentinels (or
// are *apiobj.StatusError values), so the API server sends the status and
// message Kubernetes would.
package admission
