package apiobj

// The API group versions of the built-in kinds. They are values, not a
// registry: the scheme that serves them is built explicitly.
var (
	// CoreV1 is the legacy core group ("v1" on the wire).
	CoreV1 = GroupVersion{Version: "v1"}

	AppsV1           = GroupVersion{Group: "apps", Version: "v1"}
	BatchV1          = GroupVersion{Group: "batch", Version: "v1"}
	AutoscalingV1    = GroupVersion{Group: "autoscaling", Version: "v1"}
	AutoscalingV2    = GroupVersion{Group: "autoscaling", Version: "v2"}
	CoordinationV1   = GroupVersion{Group: "coordination.k8s.io", Version: "v1"}
	DiscoveryV1      = GroupVersion{Group: "discovery.k8s.io", Version: "v1"}
	PolicyV1         = GroupVersion{Group: "policy", Version: "v1"}
	SchedulingV1     = GroupVersion{Group: "scheduling.k8s.io", Version: "v1"}
	RbacV1           = GroupVersion{Group: "rbac.authorization.k8s.io", Version: "v1"}
	StorageV1        = GroupVersion{Group: "storage.k8s.io", Version: "v1"}
	ApiextensionsV1  = GroupVersion{Group: "apiextensions.k8s.io", Version: "v1"}
	AuthenticationV1 = GroupVersion{Group: "authentication.k8s.io", Version: "v1"}
	AuthorizationV1  = GroupVersion{Group: "authorization.k8s.io", Version: "v1"}
)
