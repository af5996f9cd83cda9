package apiobj

// NewScheme returns a Scheme with every built-in kind, their REST resources
// as Kubernetes names them (kubectl api-resources), and their defaulting and
// validation hooks. Each call returns a new, independent Scheme.
func NewScheme() *Scheme {
	s := NewEmptyScheme()
	for _, k := range builtinKinds() {
		attachHooks(&k)
		if err := s.AddKind(k); err != nil {
			panic(err) // the built-in table is fixed; a clash is a programming error
		}
	}
	return s
}

// kind builds a KindInfo for a typed kind T with list L.
func kind[T any, L any, PT interface {
	*T
	Object
}, PL interface {
	*L
	ListObject
}](gv GroupVersion, name, resource string, namespaced bool, opts ...func(*KindInfo)) KindInfo {
	k := KindInfo{
		GroupVersionKind: gv.WithKind(name),
		Resource:         resource,
		Namespaced:       namespaced,
		New:              func() Object { return PT(new(T)) },
		NewList:          func() ListObject { return PL(new(L)) },
	}
	for _, o := range opts {
		o(&k)
	}
	return k
}

// single builds a KindInfo for a kind T that has no list (reviews, Binding,
// Scale, Eviction).
func single[T any, PT interface {
	*T
	Object
}](gv GroupVersion, name, resource string, namespaced bool, opts ...func(*KindInfo)) KindInfo {
	k := KindInfo{
		GroupVersionKind: gv.WithKind(name),
		Resource:         resource,
		Namespaced:       namespaced,
		New:              func() Object { return PT(new(T)) },
	}
	for _, o := range opts {
		o(&k)
	}
	return k
}

func short(names ...string) func(*KindInfo) { return func(k *KindInfo) { k.ShortNames = names } }
func cats(names ...string) func(*KindInfo)  { return func(k *KindInfo) { k.Categories = names } }
func subs(names ...string) func(*KindInfo)  { return func(k *KindInfo) { k.Subresources = names } }
func verbs(names ...string) func(*KindInfo) { return func(k *KindInfo) { k.Verbs = names } }

const (
	namespaced = true
	cluster    = false
)

var statusOnly = subs("status")

func builtinKinds() []KindInfo {
	all := cats("all")
	return []KindInfo{
		// core/v1
		single[Binding](CoreV1, "Binding", "bindings", namespaced, verbs("create")),
		kind[ConfigMap, ConfigMapList](CoreV1, "ConfigMap", "configmaps", namespaced, short("cm")),
		kind[Endpoints, EndpointsList](CoreV1, "Endpoints", "endpoints", namespaced, short("ep")),
		kind[Event, EventList](CoreV1, "Event", "events", namespaced, short("ev")),
		kind[LimitRange, LimitRangeList](CoreV1, "LimitRange", "limitranges", namespaced, short("limits")),
		kind[Namespace, NamespaceList](CoreV1, "Namespace", "namespaces", cluster, short("ns"), subs("status", "finalize"),
			verbs("create", "delete", "get", "list", "patch", "update", "watch")),
		kind[Node, NodeList](CoreV1, "Node", "nodes", cluster, short("no"), subs("status", "proxy")),
		kind[PersistentVolumeClaim, PersistentVolumeClaimList](CoreV1, "PersistentVolumeClaim", "persistentvolumeclaims", namespaced, short("pvc"), statusOnly),
		kind[PersistentVolume, PersistentVolumeList](CoreV1, "PersistentVolume", "persistentvolumes", cluster, short("pv"), statusOnly),
		kind[Pod, PodList](CoreV1, "Pod", "pods", namespaced, short("po"), all,
			subs("attach", "binding", "ephemeralcontainers", "eviction", "exec", "log", "portforward", "proxy", "resize", "status")),
		kind[PodTemplate, PodTemplateList](CoreV1, "PodTemplate", "podtemplates", namespaced),
		kind[ReplicationController, ReplicationControllerList](CoreV1, "ReplicationController", "replicationcontrollers", namespaced, short("rc"), all, subs("scale", "status")),
		kind[ComponentStatus, ComponentStatusList](CoreV1, "ComponentStatus", "componentstatuses", cluster, short("cs"), verbs("get", "list")),
		kind[ResourceQuota, ResourceQuotaList](CoreV1, "ResourceQuota", "resourcequotas", namespaced, short("quota"), statusOnly),
		kind[Secret, SecretList](CoreV1, "Secret", "secrets", namespaced),
		kind[ServiceAccount, ServiceAccountList](CoreV1, "ServiceAccount", "serviceaccounts", namespaced, short("sa"), subs("token")),
		kind[Service, ServiceList](CoreV1, "Service", "services", namespaced, short("svc"), all, subs("proxy", "status"),
			verbs("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch")),

		// apps/v1
		kind[ControllerRevision, ControllerRevisionList](AppsV1, "ControllerRevision", "controllerrevisions", namespaced),
		kind[DaemonSet, DaemonSetList](AppsV1, "DaemonSet", "daemonsets", namespaced, short("ds"), all, statusOnly),
		kind[Deployment, DeploymentList](AppsV1, "Deployment", "deployments", namespaced, short("deploy"), all, subs("scale", "status")),
		kind[ReplicaSet, ReplicaSetList](AppsV1, "ReplicaSet", "replicasets", namespaced, short("rs"), all, subs("scale", "status")),
		kind[StatefulSet, StatefulSetList](AppsV1, "StatefulSet", "statefulsets", namespaced, short("sts"), all, subs("scale", "status")),

		// batch/v1
		kind[CronJob, CronJobList](BatchV1, "CronJob", "cronjobs", namespaced, short("cj"), all, statusOnly),
		kind[Job, JobList](BatchV1, "Job", "jobs", namespaced, all, statusOnly),

		// autoscaling
		kind[HorizontalPodAutoscaler, HorizontalPodAutoscalerList](AutoscalingV2, "HorizontalPodAutoscaler", "horizontalpodautoscalers", namespaced, short("hpa"), all, statusOnly),

		// coordination.k8s.io/v1
		kind[Lease, LeaseList](CoordinationV1, "Lease", "leases", namespaced),

		// discovery.k8s.io/v1
		kind[EndpointSlice, EndpointSliceList](DiscoveryV1, "EndpointSlice", "endpointslices", namespaced),

		// policy/v1
		kind[PodDisruptionBudget, PodDisruptionBudgetList](PolicyV1, "PodDisruptionBudget", "poddisruptionbudgets", namespaced, short("pdb"), statusOnly),

		// scheduling.k8s.io/v1
		kind[PriorityClass, PriorityClassList](SchedulingV1, "PriorityClass", "priorityclasses", cluster, short("pc")),

		// rbac.authorization.k8s.io/v1
		kind[ClusterRoleBinding, ClusterRoleBindingList](RbacV1, "ClusterRoleBinding", "clusterrolebindings", cluster),
		kind[ClusterRole, ClusterRoleList](RbacV1, "ClusterRole", "clusterroles", cluster),
		kind[RoleBinding, RoleBindingList](RbacV1, "RoleBinding", "rolebindings", namespaced),
		kind[Role, RoleList](RbacV1, "Role", "roles", namespaced),

		// storage.k8s.io/v1
		kind[CSIDriver, CSIDriverList](StorageV1, "CSIDriver", "csidrivers", cluster),
		kind[CSINode, CSINodeList](StorageV1, "CSINode", "csinodes", cluster),
		kind[StorageClass, StorageClassList](StorageV1, "StorageClass", "storageclasses", cluster, short("sc")),
		kind[CSIStorageCapacity, CSIStorageCapacityList](StorageV1, "CSIStorageCapacity", "csistoragecapacities", namespaced),
		kind[VolumeAttributesClass, VolumeAttributesClassList](StorageV1, "VolumeAttributesClass", "volumeattributesclasses", cluster, short("vac")),
		kind[VolumeAttachment, VolumeAttachmentList](StorageV1, "VolumeAttachment", "volumeattachments", cluster, statusOnly),

		// apiextensions.k8s.io/v1
		kind[CustomResourceDefinition, CustomResourceDefinitionList](ApiextensionsV1, "CustomResourceDefinition", "customresourcedefinitions", cluster,
			short("crd", "crds"), cats("api-extensions"), statusOnly),

		// authentication.k8s.io/v1 and authorization.k8s.io/v1: create-only reviews
		single[TokenReview](AuthenticationV1, "TokenReview", "tokenreviews", cluster, verbs("create")),
		single[SelfSubjectReview](AuthenticationV1, "SelfSubjectReview", "selfsubjectreviews", cluster, verbs("create")),
		single[SelfSubjectRulesReview](AuthorizationV1, "SelfSubjectRulesReview", "selfsubjectrulesreviews", namespaced, verbs("create")),
		single[SubjectAccessReview](AuthorizationV1, "SubjectAccessReview", "subjectaccessreviews", cluster, verbs("create")),
		single[SelfSubjectAccessReview](AuthorizationV1, "SelfSubjectAccessReview", "selfsubjectaccessreviews", cluster, verbs("create")),
		single[LocalSubjectAccessReview](AuthorizationV1, "LocalSubjectAccessReview", "localsubjectaccessreviews", namespaced, verbs("create")),

		// Kinds that travel on the wire but are not resources of their own.
		single[Scale](AutoscalingV1, "Scale", "", namespaced),
		single[Eviction](PolicyV1, "Eviction", "", namespaced),
		single[TokenRequest](AuthenticationV1, "TokenRequest", "", namespaced),
	}
}
