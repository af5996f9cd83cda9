// Package discovery serves the API discovery documents that kubectl and
// client-go read to learn which groups, versions and resources a server
// has: the legacy documents (/api, /apis, /api/v1, /apis/{group} and
// /apis/{group}/{version}) and aggregated discovery (apidiscovery.k8s.io
// v2 and v2beta1, which kubectl 1.32 asks for first).
//
// Everything comes from an apiobj.Scheme: each kind with a Resource is a
// resource, with its verbs, short names, categories, scope and singular
// name, and each of its Subresources a "resource/subresource" entry with
// the kind Kubernetes gives it (deployments/scale is autoscaling/v1 Scale,
// pods/eviction is policy/v1 Eviction, the status subresources are the
// object itself). Custom kinds come and go with their definitions; the
// Handler notices on the next request.
//
// The API server mounts a Handler for the paths IsDiscoveryPath accepts.
// The document types (APIGroupList, APIResourceList, APIGroupDiscoveryList
// and the rest) live here rather than in apiobj, because they are never
// stored.
package discovery
