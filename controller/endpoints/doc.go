// Package endpoints is the endpoints controller: it keeps, for every Service
// with a selector, a core/v1 Endpoints object of the same name listing the
// pods the selector picks, as kube-controller-manager's does.
//
// Pods without an IP, pods in phase Succeeded or Failed, and terminating
// pods are left out (terminating ones are kept when the Service publishes
// not-ready addresses). Ready pods go in addresses and the others in
// notReadyAddresses, unless spec.publishNotReadyAddresses puts them all in
// addresses. Each address carries the pod IP (of the Service's first IP
// family), nodeName, targetRef and, for a pod whose subdomain names the
// Service, its hostname. A target port given by name is looked up in each
// pod's containers, so pods may serve it on different numbers; a pod that
// lacks the name is left out of that port. Addresses are then grouped into
// subsets by their set of ports, as Kubernetes repacks them. A headless
// Service without ports gets subsets with addresses only.
//
// Services without a selector (the API server's kubernetes Service among
// them) are never touched: their Endpoints are managed by someone else.
// When a selector-based Service is deleted, its Endpoints are deleted too.
// The Endpoints carry the Service's labels, plus service.kubernetes.io/headless
// for headless Services, and are written only when they change. Past
// MaxAddresses (1000) addresses the object is truncated, ready addresses
// kept first, and annotated endpoints.kubernetes.io/over-capacity=truncated;
// the EndpointSlices (package endpointslice) hold every endpoint.
//
// New checks a Config; Run blocks until its context is done. Processing a
// Service is idempotent.
package endpoints
