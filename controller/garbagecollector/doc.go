// Package garbagecollector deletes objects whose owners are gone, as
// kube-controller-manager's garbage collector does, and carries out the
// Background, Foreground and Orphan propagation policies of deletes.
//
// The collector discovers every resource the API server serves
// (client.ServerResources: built-in and custom kinds) and watches each one
// that supports list, watch and delete with a metadata-only informer
// (client.MetadataOnly). From what it sees it keeps a graph of
// ownerReferences, keyed by UID. It discovers again every DiscoveryInterval
// and at once when a CustomResourceDefinition changes, so custom kinds are
// collected as soon as they are served.
//
// What it does:
//
//   - Background (the default): when an owner is gone — absent and
//     confirmed absent by a live GET, or found with another UID — each
//     dependent whose owners are all gone is deleted (propagationPolicy
//     Background, with UID and resourceVersion preconditions). A dependent
//     with an owner left only loses the references to the gone ones (a merge
//     patch conditional on its resourceVersion).
//   - Foreground: an owner with a deletionTimestamp and the
//     foregroundDeletion finalizer has its dependents deleted (those that
//     have dependents of their own in the foreground too), and keeps the
//     finalizer until no dependent whose reference sets blockOwnerDeletion
//     is left.
//   - Orphan: an owner with a deletionTimestamp and the orphan finalizer has
//     its references removed from every dependent, then loses the finalizer.
//
// The graph only says where to look: every decision is taken on objects read
// live from the server. An owner referred to before any informer has shown
// it is a virtual node, confirmed or dropped by a live lookup; owners
// confirmed absent are remembered (up to 500) to spare lookups. At start, and
// after a restart, no worker runs until every informer has synced and the
// graph holds what they listed.
//
// Like Kubernetes, it finds dependents through the graph: a dependent
// created an instant before its owner is deleted with Orphan or Foreground
// may not be waited for, and is then collected as the dependent of an absent
// owner. Resources in Config.IgnoredResources (events by default) are never
// watched, so their objects are never collected.
//
// New checks a Config; Run blocks until its context is done. The cluster
// package runs one collector per control plane (under leader election).
package garbagecollector
