package auth

import (
	"context"
	"slices"

	"github.com/orcaproj/orca/apiobj"
)

// NodeLeaseNamespace holds the node agents' heartbeat Leases.
const NodeLeaseNamespace = "kube-node-lease"

// nodeRule is one grant of the node authorizer.
type nodeRule struct {
	verbs     []string
	group     string
	resources []string // resource or resource/subresource
	// own limits the rule to the object named after the node; requests that
	// carry no name (create, list, watch) are then not allowed by it.
	own bool
	// namespace, when set, limits the rule to that namespace.
	namespace string
}

var (
	nodeRead  = []string{"get", "list", "watch"}
	nodeWrite = []string{"get", "update", "patch", "delete"}
)

// nodeRules is what a node agent may do: a simplified form of Kubernetes'
// Node authorizer and NodeRestriction admission, which limit a kubelet to
// the objects related to its own node through a graph of pods, secrets and
// volumes. orca's node authorizer keeps the restriction to its own Node,
// Node status, Lease and CSINode, and lets a node read what any pod might
// need.
var nodeRules = []nodeRule{
	{verbs: nodeRead, group: "", resources: []string{"pods", "nodes", "services", "endpoints", "configmaps", "secrets",
		"persistentvolumeclaims", "persistentvolumes", "serviceaccounts", "namespaces"}},
	{verbs: nodeRead, group: "discovery.k8s.io", resources: []string{"endpointslices"}},
	{verbs: nodeRead, group: "storage.k8s.io", resources: []string{"csidrivers", "csinodes", "volumeattachments", "storageclasses"}},
	{verbs: nodeRead, group: "node.k8s.io", resources: []string{"runtimeclasses"}},

	// Its own Node: register (the name of a create is checked by admission,
	// not here), heartbeat status, and delete itself.
	{verbs: []string{"create"}, group: "", resources: []string{"nodes"}},
	{verbs: nodeWrite, group: "", resources: []string{"nodes", "nodes/status"}, own: true},
	// Its own Lease.
	{verbs: []string{"create", "list", "watch"}, group: "coordination.k8s.io", resources: []string{"leases"}, namespace: NodeLeaseNamespace},
	{verbs: nodeWrite, group: "coordination.k8s.io", resources: []string{"leases"}, namespace: NodeLeaseNamespace, own: true},
	// Its own CSINode.
	{verbs: []string{"create"}, group: "storage.k8s.io", resources: []string{"csinodes"}},
	{verbs: nodeWrite, group: "storage.k8s.io", resources: []string{"csinodes"}, own: true},

	// Pods: mirror pods, final deletion after graceful termination, status.
	{verbs: []string{"create", "delete"}, group: "", resources: []string{"pods"}},
	{verbs: []string{"update", "patch"}, group: "", resources: []string{"pods/status"}},
	{verbs: []string{"create"}, group: "", resources: []string{"pods/eviction", "serviceaccounts/token"}},
	{verbs: []string{"update", "patch"}, group: "", resources: []string{"persistentvolumeclaims/status"}},

	{verbs: []string{"create", "update", "patch"}, group: "", resources: []string{"events"}},
	{verbs: []string{"create", "update", "patch"}, group: "events.k8s.io", resources: []string{"events"}},
	{verbs: []string{"create", "get", "list", "watch"}, group: "certificates.k8s.io", resources: []string{"certificatesigningrequests"}},
	{verbs: []string{"create"}, group: "authentication.k8s.io", resources: []string{"tokenreviews"}},
	{verbs: []string{"create"}, group: "authorization.k8s.io", resources: []string{"subjectaccessreviews", "localsubjectaccessreviews"}},
}

type nodeAuthorizer struct{}

var (
	_ Authorizer   = nodeAuthorizer{}
	_ RuleResolver = nodeAuthorizer{}
)

// NodeAuthorizer authorizes node agents: users named system:node:<name> in
// the group system:nodes (see NodeName). A node may read pods, nodes,
// services, endpoints and endpointslices, configmaps, secrets, volumes and
// storage objects; create and update its own Node and Node status and its
// own Lease in kube-node-lease; create and delete pods (mirror pods, and the
// final deletion after graceful termination) and update pod status; and
// write events. It has no opinion about other users or requests, so RBAC
// (and the bootstrap policy's discovery roles) still applies to nodes.
//
// It is simpler than Kubernetes' Node authorizer, which limits each node to
// the pods bound to it and the secrets, configmaps and volumes those pods
// use; here any node may read any of them.
func NodeAuthorizer() Authorizer { return nodeAuthorizer{} }

// Authorize implements Authorizer.
func (nodeAuthorizer) Authorize(_ context.Context, a Attributes) (Decision, string, error) {
	node, ok := NodeName(a.User)
	if !ok || !a.ResourceRequest {
		return DecisionNoOpinion, "", nil
	}
	resource := resourceString(a)
	for _, r := range nodeRules {
		if r.group != a.APIGroup || !slices.Contains(r.verbs, a.Verb) || !slices.Contains(r.resources, resource) {
			continue
		}
		if r.namespace != "" && r.namespace != a.Namespace {
			continue
		}
		if r.own && a.Name != node {
			continue
		}
		return DecisionAllow, "", nil
	}
	return DecisionNoOpinion, "", nil
}

// RulesFor implements RuleResolver. A node's grants that depend on its own
// name are listed with it as the resourceName.
func (nodeAuthorizer) RulesFor(_ context.Context, u *User, namespace string) (Rules, bool, error) {
	node, ok := NodeName(u)
	if !ok {
		return Rules{}, false, nil
	}
	var out Rules
	for _, r := range nodeRules {
		if r.namespace != "" && r.namespace != namespace {
			continue
		}
		rr := apiobj.ResourceRule{
			Verbs:     slices.Clone(r.verbs),
			APIGroups: []string{r.group},
			Resources: slices.Clone(r.resources),
		}
		if r.own {
			rr.ResourceNames = []string{node}
		}
		out.Resource = append(out.Resource, rr)
	}
	return out, false, nil
}
