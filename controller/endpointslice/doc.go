// Package endpointslice is the EndpointSlice controller: it keeps the
// discovery.k8s.io/v1 EndpointSlices of every Service with a selector, as
// kube-controller-manager's does.
//
// Each pod the selector picks that has an IP and has not finished becomes
// one endpoint per address family the Service serves (spec.ipFamilies, or
// the family of its cluster IP, or both for a headless Service without
// families), with the conditions ready (ready and not terminating, or
// always with publishNotReadyAddresses), serving and terminating, its
// nodeName, its zone (the node's topology.kubernetes.io/zone label), its
// hostname when its subdomain names the Service, and a targetRef. Target
// ports given by name are resolved per pod, so endpoints are grouped by
// address type and port set, and each group is cut into slices of at most
// Config.MaxEndpointsPerSlice endpoints (default 100).
//
// Slices carry the labels kubernetes.io/service-name and
// endpointslice.kubernetes.io/managed-by=endpointslice-controller.k8s.io and
// a controller ownerReference to the Service, so the garbage collector
// removes them with it; the controller deletes them itself as well when it
// sees the Service gone. Changes are applied minimally: endpoints stay in
// the slice that holds them, new ones fill existing slices before new
// slices are made, emptied and surplus slices are deleted, and a slice is
// written only when it changes. A Service with no endpoints keeps one empty
// placeholder slice. Slices managed by others are never touched.
//
// Each sync reads the Service's slices from the API server rather than a
// cache, so a slice just written is never written twice.
//
// EnsureAPIServerEndpoints writes the Endpoints and EndpointSlice of the
// API server's own kubernetes Service, which has no selector.
//
// New checks a Config; Run blocks until its context is done. Processing a
// Service is idempotent.
package endpointslice
