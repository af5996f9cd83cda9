package auth

import (
	"slices"

	"github.com/orcaproj/orca/apiobj"
)

// Identities of the control-plane components, bound by BootstrapPolicy.
const (
	UserKubeScheduler         = "system:kube-scheduler"
	UserKubeControllerManager = "system:kube-controller-manager"
	UserKubeProxy             = "system:kube-proxy"
	// GroupMonitoring may read /metrics and the health endpoints.
	GroupMonitoring = "system:monitoring"
)

// Labels and annotations of the bootstrap policy.
const (
	// BootstrappingLabel marks the objects of the bootstrap policy, with
	// the value BootstrappingValue.
	BootstrappingLabel = "kubernetes.io/bootstrapping"
	BootstrappingValue = "rbac-defaults"
)

var (
	verbsRead      = []string{"get", "list", "watch"}
	verbsWrite     = []string{"create", "update", "patch", "delete", "deletecollection"}
	verbsReadWrite = []string{"get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"}
	verbsEvents    = []string{"create", "update", "patch"}
)

// resourceRule grants verbs on resources of one API group.
func resourceRule(verbs []string, group string, resources ...string) apiobj.PolicyRule {
	return apiobj.PolicyRule{Verbs: slices.Clone(verbs), APIGroups: []string{group}, Resources: resources}
}

// urlRule grants verbs on non-resource URLs.
func urlRule(verbs []string, urls ...string) apiobj.PolicyRule {
	return apiobj.PolicyRule{Verbs: slices.Clone(verbs), NonResourceURLs: urls}
}

// BootstrapPolicy returns the RBAC objects Kubernetes creates at start, for
// the API server to create when they are missing. Each call returns new
// objects that the caller owns. They carry the label
// kubernetes.io/bootstrapping=rbac-defaults and the annotation
// rbac.authorization.kubernetes.io/autoupdate=true; Kubernetes re-applies
// such objects on every start unless the annotation was set to "false",
// and the API server may do the same.
//
// ClusterRoles:
//
//   - cluster-admin: everything, including every non-resource URL;
//   - admin, edit, view: aggregated from the ClusterRoles labelled
//     rbac.authorization.k8s.io/aggregate-to-{admin,edit,view}=true, with
//     edit in admin and view in edit, and system:aggregate-to-{admin,edit,view}
//     holding the built-in rules (view reads workloads but not secrets; edit
//     writes them and reads secrets; admin also manages roles and bindings);
//   - system:discovery, system:basic-user, system:public-info-viewer: the
//     discovery and health URLs, and self access reviews;
//   - system:monitoring: /metrics and the health checks;
//   - system:node: what a node agent needs, for clusters without
//     NodeAuthorizer (Kubernetes creates it unbound, and so does this);
//   - system:node-proxier, system:kube-scheduler,
//     system:kube-controller-manager: the control-plane components;
//   - system:auth-delegator: token and access reviews, for delegated
//     authentication.
//
// ClusterRoleBindings: cluster-admin to the group system:masters;
// system:discovery and system:basic-user to system:authenticated;
// system:public-info-viewer to system:authenticated and
// system:unauthenticated; system:monitoring to the group system:monitoring;
// and the component roles to the users system:kube-proxy,
// system:kube-scheduler and system:kube-controller-manager.
//
// system:kube-controller-manager differs from Kubernetes, which runs each
// controller under its own service account: orca's controllers share one
// identity, so the role may read, update and delete any resource and create
// the kinds controllers create.
func BootstrapPolicy() []apiobj.Object {
	var objs []apiobj.Object
	for _, r := range bootstrapClusterRoles() {
		objs = append(objs, r)
	}
	for _, b := range bootstrapClusterRoleBindings() {
		objs = append(objs, b)
	}
	return objs
}

func bootstrapMeta(name string, extraLabels map[string]string) apiobj.ObjectMeta {
	labels := map[string]string{BootstrappingLabel: BootstrappingValue}
	for k, v := range extraLabels {
		labels[k] = v
	}
	return apiobj.ObjectMeta{
		Name:        name,
		Labels:      labels,
		Annotations: map[string]string{apiobj.AutoUpdateAnnotationKey: "true"},
	}
}

func clusterRole(name string, labels map[string]string, rules ...apiobj.PolicyRule) *apiobj.ClusterRole {
	return &apiobj.ClusterRole{
		TypeMeta:   apiobj.TypeMeta{APIVersion: apiobj.RbacV1.String(), Kind: "ClusterRole"},
		ObjectMeta: bootstrapMeta(name, labels),
		Rules:      rules,
	}
}

func aggregatedClusterRole(name string, labels map[string]string, selectLabel string) *apiobj.ClusterRole {
	r := clusterRole(name, labels)
	r.AggregationRule = &apiobj.AggregationRule{ClusterRoleSelectors: []apiobj.LabelSelector{
		{MatchLabels: map[string]string{selectLabel: "true"}},
	}}
	return r
}

func bootstrapClusterRoles() []*apiobj.ClusterRole {
	healthURLs := []string{"/healthz", "/livez", "/readyz", "/version", "/version/"}
	return []*apiobj.ClusterRole{
		clusterRole("cluster-admin", nil,
			resourceRule([]string{"*"}, "*", "*"),
			urlRule([]string{"*"}, "*")),

		aggregatedClusterRole("admin", nil, AggregateToAdminLabel),
		aggregatedClusterRole("edit", map[string]string{AggregateToAdminLabel: "true"}, AggregateToEditLabel),
		aggregatedClusterRole("view", map[string]string{AggregateToEditLabel: "true"}, AggregateToViewLabel),

		clusterRole("system:aggregate-to-admin", map[string]string{AggregateToAdminLabel: "true"},
			resourceRule([]string{"create"}, "authorization.k8s.io", "localsubjectaccessreviews"),
			resourceRule(verbsReadWrite, "rbac.authorization.k8s.io", "roles", "rolebindings")),
		clusterRole("system:aggregate-to-edit", map[string]string{AggregateToEditLabel: "true"},
			// Reading these escalates (exec, secrets), so view does not have it.
			resourceRule(verbsRead, "", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward", "secrets", "services/proxy"),
			resourceRule([]string{"impersonate"}, "", "serviceaccounts"),
			resourceRule(verbsWrite, "", "pods", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward"),
			resourceRule([]string{"create"}, "", "pods/eviction"),
			resourceRule(verbsWrite, "", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts",
				"services", "services/proxy", "persistentvolumeclaims", "configmaps", "secrets", "events"),
			resourceRule([]string{"create"}, "", "serviceaccounts/token"),
			resourceRule(verbsWrite, "apps", "statefulsets", "statefulsets/scale", "daemonsets",
				"deployments", "deployments/scale", "deployments/rollback", "replicasets", "replicasets/scale"),
			resourceRule(verbsWrite, "autoscaling", "horizontalpodautoscalers"),
			resourceRule(verbsWrite, "batch", "jobs", "cronjobs"),
			resourceRule(verbsWrite, "policy", "poddisruptionbudgets"),
			resourceRule(verbsWrite, "networking.k8s.io", "networkpolicies", "ingresses"),
			resourceRule(verbsReadWrite, "coordination.k8s.io", "leases")),
		clusterRole("system:aggregate-to-view", map[string]string{AggregateToViewLabel: "true"},
			resourceRule(verbsRead, "", "pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts",
				"services", "services/status", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "configmaps"),
			resourceRule(verbsRead, "", "limitranges", "resourcequotas", "bindings", "events", "pods/status",
				"resourcequotas/status", "namespaces/status", "replicationcontrollers/status", "pods/log"),
			// In a RoleBinding this reads only the binding's own namespace.
			resourceRule(verbsRead, "", "namespaces"),
			resourceRule(verbsRead, "discovery.k8s.io", "endpointslices"),
			resourceRule(verbsRead, "apps", "controllerrevisions", "statefulsets", "statefulsets/status", "statefulsets/scale",
				"daemonsets", "daemonsets/status", "deployments", "deployments/status", "deployments/scale",
				"replicasets", "replicasets/status", "replicasets/scale"),
			resourceRule(verbsRead, "autoscaling", "horizontalpodautoscalers", "horizontalpodautoscalers/status"),
			resourceRule(verbsRead, "batch", "jobs", "cronjobs", "cronjobs/status", "jobs/status"),
			resourceRule(verbsRead, "policy", "poddisruptionbudgets", "poddisruptionbudgets/status"),
			resourceRule(verbsRead, "networking.k8s.io", "networkpolicies", "ingresses", "ingresses/status")),

		clusterRole("system:discovery", nil,
			urlRule([]string{"get"}, append(slices.Clone(healthURLs), "/openapi", "/openapi/*", "/api", "/api/*", "/apis", "/apis/*")...)),
		clusterRole("system:basic-user", nil,
			resourceRule([]string{"create"}, "authorization.k8s.io", "selfsubjectaccessreviews", "selfsubjectrulesreviews"),
			resourceRule([]string{"create"}, "authentication.k8s.io", "selfsubjectreviews")),
		clusterRole("system:public-info-viewer", nil, urlRule([]string{"get"}, healthURLs...)),
		clusterRole("system:monitoring", nil,
			urlRule([]string{"get"}, "/metrics", "/metrics/slis", "/livez", "/readyz", "/healthz", "/livez/*", "/readyz/*", "/healthz/*")),

		clusterRole("system:node", nil, nodeClusterRoleRules()...),
		clusterRole("system:node-proxier", nil,
			resourceRule([]string{"list", "watch"}, "", "services", "endpoints"),
			resourceRule(verbsRead, "", "nodes"),
			resourceRule([]string{"list", "watch"}, "discovery.k8s.io", "endpointslices"),
			resourceRule(verbsEvents, "", "events"),
			resourceRule(verbsEvents, "events.k8s.io", "events")),
		clusterRole("system:kube-scheduler", nil,
			resourceRule(verbsEvents, "", "events"),
			resourceRule(verbsEvents, "events.k8s.io", "events"),
			resourceRule([]string{"create", "get", "update"}, "coordination.k8s.io", "leases"),
			resourceRule(verbsRead, "", "nodes", "namespaces", "replicationcontrollers", "services",
				"persistentvolumeclaims", "persistentvolumes"),
			resourceRule([]string{"get", "list", "watch", "delete"}, "", "pods"),
			resourceRule([]string{"create"}, "", "bindings", "pods/binding"),
			resourceRule([]string{"update", "patch"}, "", "pods/status"),
			resourceRule(verbsRead, "apps", "replicasets", "statefulsets"),
			resourceRule(verbsRead, "policy", "poddisruptionbudgets"),
			resourceRule(verbsRead, "storage.k8s.io", "storageclasses", "csinodes", "csidrivers", "csistoragecapacities"),
			resourceRule([]string{"create"}, "authentication.k8s.io", "tokenreviews"),
			resourceRule([]string{"create"}, "authorization.k8s.io", "subjectaccessreviews")),
		clusterRole("system:kube-controller-manager", nil,
			resourceRule([]string{"get", "list", "watch", "update", "patch", "delete", "deletecollection"}, "*", "*"),
			resourceRule([]string{"create"}, "", "pods", "pods/eviction", "pods/binding", "events", "endpoints",
				"serviceaccounts", "serviceaccounts/token", "secrets", "configmaps", "persistentvolumes", "persistentvolumeclaims"),
			resourceRule([]string{"create"}, "apps", "replicasets", "controllerrevisions"),
			resourceRule([]string{"create"}, "batch", "jobs"),
			resourceRule([]string{"create"}, "discovery.k8s.io", "endpointslices"),
			resourceRule([]string{"create"}, "coordination.k8s.io", "leases"),
			resourceRule([]string{"create"}, "events.k8s.io", "events"),
			resourceRule([]string{"create"}, "storage.k8s.io", "volumeattachments"),
			resourceRule([]string{"create"}, "authentication.k8s.io", "tokenreviews"),
			resourceRule([]string{"create"}, "authorization.k8s.io", "subjectaccessreviews")),
		clusterRole("system:auth-delegator", nil,
			resourceRule([]string{"create"}, "authentication.k8s.io", "tokenreviews"),
			resourceRule([]string{"create"}, "authorization.k8s.io", "subjectaccessreviews")),
	}
}

// nodeClusterRoleRules are the node authorizer's grants without the
// own-object and namespace limits, which RBAC cannot express.
func nodeClusterRoleRules() []apiobj.PolicyRule {
	var rules []apiobj.PolicyRule
	for _, r := range nodeRules {
		rules = append(rules, resourceRule(r.verbs, r.group, slices.Clone(r.resources)...))
	}
	return rules
}

func clusterRoleBinding(name, role string, subjects ...apiobj.Subject) *apiobj.ClusterRoleBinding {
	return &apiobj.ClusterRoleBinding{
		TypeMeta:   apiobj.TypeMeta{APIVersion: apiobj.RbacV1.String(), Kind: "ClusterRoleBinding"},
		ObjectMeta: bootstrapMeta(name, nil),
		RoleRef:    apiobj.RoleRef{APIGroup: apiobj.RbacV1.Group, Kind: "ClusterRole", Name: role},
		Subjects:   subjects,
	}
}

func groupSubject(name string) apiobj.Subject {
	return apiobj.Subject{Kind: apiobj.SubjectKindGroup, APIGroup: apiobj.RbacV1.Group, Name: name}
}

func userSubject(name string) apiobj.Subject {
	return apiobj.Subject{Kind: apiobj.SubjectKindUser, APIGroup: apiobj.RbacV1.Group, Name: name}
}

func bootstrapClusterRoleBindings() []*apiobj.ClusterRoleBinding {
	return []*apiobj.ClusterRoleBinding{
		clusterRoleBinding("cluster-admin", "cluster-admin", groupSubject(GroupMasters)),
		clusterRoleBinding("system:discovery", "system:discovery", groupSubject(GroupAuthenticated)),
		clusterRoleBinding("system:basic-user", "system:basic-user", groupSubject(GroupAuthenticated)),
		clusterRoleBinding("system:public-info-viewer", "system:public-info-viewer",
			groupSubject(GroupAuthenticated), groupSubject(GroupUnauthenticated)),
		clusterRoleBinding("system:monitoring", "system:monitoring", groupSubject(GroupMonitoring)),
		clusterRoleBinding("system:node-proxier", "system:node-proxier", userSubject(UserKubeProxy)),
		clusterRoleBinding("system:kube-scheduler", "system:kube-scheduler", userSubject(UserKubeScheduler)),
		clusterRoleBinding("system:kube-controller-manager", "system:kube-controller-manager", userSubject(UserKubeControllerManager)),
	}
}
