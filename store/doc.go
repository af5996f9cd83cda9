// Package store is orca's storage interface: keys and opaque values with one
// cluster-wide revision, in the model of etcd v3.
//
// The API server is the store's only writer in a cluster; an embedding
// program may use a store directly. Backends live in subpackages:
// store/memory (a multi-version store in memory) and store/etcd (over the etcd
// v3 client, with a helper that starts an embedded etcd). store/storetest is
// the conformance suite that every backend runs.
//
// Keys follow /registry/<group>/<resource>/<namespace>/<name>; the core group
// is written "core". Prefixes end with "/" so that one namespace never
// matches another that shares its leading characters.
//
// The package does not import apiobj: values are opaque bytes.
package store
