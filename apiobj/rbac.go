package apiobj

// Wildcards and well-known values of RBAC rules and subjects.
const (
	// APIGroupAll, ResourceAll, VerbAll and NonResourceAll match anything.
	APIGroupAll    = "*"
	ResourceAll    = "*"
	VerbAll        = "*"
	NonResourceAll = "*"

	// Subject kinds. (Kubernetes calls these GroupKind, ServiceAccountKind
	// and UserKind; GroupKind is a type in this package.)
	SubjectKindGroup          = "Group"
	SubjectKindServiceAccount = "ServiceAccount"
	SubjectKindUser           = "User"

	// AutoUpdateAnnotationKey set to "false" on a bootstrap role or binding
	// stops the API server from reconciling it on start.
	AutoUpdateAnnotationKey = "rbac.authorization.kubernetes.io/autoupdate"
)

// PolicyRule grants verbs on resources or on non-resource URLs.
type PolicyRule struct {
	Verbs []string `json:"verbs"`
	// APIGroups: "" is the core group.
	APIGroups []string `json:"apiGroups,omitempty"`
	// Resources may name subresources as "pods/log".
	Resources []string `json:"resources,omitempty"`
	// ResourceNames empty means every name.
	ResourceNames []string `json:"resourceNames,omitempty"`
	// NonResourceURLs are paths such as "/healthz" or "/api/*"; only in
	// ClusterRoles bound by ClusterRoleBindings.
	NonResourceURLs []string `json:"nonResourceURLs,omitempty"`
}

// Subject is a user, group or service account that a binding grants to.
type Subject struct {
	// Kind is User, Group or ServiceAccount.
	Kind string `json:"kind"`
	// APIGroup is "" for ServiceAccount and "rbac.authorization.k8s.io" for
	// User and Group.
	APIGroup string `json:"apiGroup,omitempty"`
	Name     string `json:"name"`
	// Namespace is required for ServiceAccount subjects.
	Namespace string `json:"namespace,omitempty"`
}

// RoleRef names the Role or ClusterRole a binding grants. It is immutable.
type RoleRef struct {
	APIGroup string `json:"apiGroup"`
	Kind     string `json:"kind"`
	Name     string `json:"name"`
}

// Role is a namespaced set of rules.
type Role struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`

	Rules []PolicyRule `json:"rules"`
}

// RoleList is a list of Roles.
type RoleList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`

	Items []Role `json:"items"`
}

// RoleBinding grants a Role, or a ClusterRole within one namespace, to subjects.
type RoleBinding struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`

	Subjects []Subject `json:"subjects,omitempty"`
	RoleRef  RoleRef   `json:"roleRef"`
}

// RoleBindingList is a list of RoleBindings.
type RoleBindingList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`

	Items []RoleBinding `json:"items"`
}

// ClusterRole is a cluster-wide set of rules.
type ClusterRole struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`

	// Rules are overwritten by the controller when AggregationRule is set.
	Rules           []PolicyRule     `json:"rules"`
	AggregationRule *AggregationRule `json:"aggregationRule,omitempty"`
}

// AggregationRule makes a ClusterRole the union of the rules of the
// ClusterRoles that any of the selectors match.
type AggregationRule struct {
	ClusterRoleSelectors []LabelSelector `json:"clusterRoleSelectors,omitempty"`
}

// ClusterRoleList is a list of ClusterRoles.
type ClusterRoleList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`

	Items []ClusterRole `json:"items"`
}

// ClusterRoleBinding grants a ClusterRole cluster-wide to subjects.
type ClusterRoleBinding struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`

	Subjects []Subject `json:"subjects,omitempty"`
	RoleRef  RoleRef   `json:"roleRef"`
}

// ClusterRoleBindingList is a list of ClusterRoleBindings.
type ClusterRoleBindingList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`

	Items []ClusterRoleBinding `json:"items"`
}
