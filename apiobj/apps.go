package apiobj

// Labels and annotations of the apps/v1 controllers.
const (
	// ControllerRevisionHashLabelKey labels pods and ControllerRevisions of
	// StatefulSets and DaemonSets with the hash of their template revision.
	ControllerRevisionHashLabelKey = "controller-revision-hash"
	// StatefulSetRevisionLabel is the revision label StatefulSet pods carry.
	StatefulSetRevisionLabel = ControllerRevisionHashLabelKey
	// DefaultDaemonSetUniqueLabelKey tells old DaemonSet pods from new ones.
	DefaultDaemonSetUniqueLabelKey = ControllerRevisionHashLabelKey
	// DeprecatedTemplateGeneration is the legacy DaemonSet template generation annotation.
	DeprecatedTemplateGeneration = "deprecated.daemonset.template.generation"
	// StatefulSetPodNameLabel labels each StatefulSet pod with its own name,
	// so a Service can select exactly one pod.
	StatefulSetPodNameLabel = "statefulset.kubernetes.io/pod-name"
	// PodIndexLabel labels StatefulSet pods with their ordinal.
	PodIndexLabel = "apps.kubernetes.io/pod-index"
	// DefaultDeploymentUniqueLabelKey is added to a ReplicaSet's selector,
	// template and pods, with the template hash as value, so that the
	// ReplicaSets of one Deployment never select each other's pods.
	DefaultDeploymentUniqueLabelKey = "pod-template-hash"
	// DeploymentRevisionAnnotation holds the revision number of a Deployment
	// and of each of its ReplicaSets.
	DeploymentRevisionAnnotation = "deployment.kubernetes.io/revision"
	// DeploymentDesiredReplicasAnnotation records the Deployment's replicas
	// on each ReplicaSet, for proportional scaling.
	DeploymentDesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas"
	// DeploymentMaxReplicasAnnotation records replicas+maxSurge on each
	// ReplicaSet, for proportional scaling.
	DeploymentMaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas"
)

// Deployment declares a set of identical pods, rolled out through ReplicaSets.
type Deployment struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`

	Spec   DeploymentSpec   `json:"spec,omitempty"`
	Status DeploymentStatus `json:"status,omitempty"`
}

// DeploymentSpec is the desired state of a Deployment.
type DeploymentSpec struct {
	// Replicas is the desired pod count; nil means 1.
	Replicas *int32 `json:"replicas,omitempty"`
	// Selector must match Template's labels.
	Selector *LabelSelector  `json:"selector"`
	Template PodTemplateSpec `json:"template"`
	// Strategy says how old pods are replaced; the zero value means RollingUpdate.
	Strategy DeploymentStrategy `json:"strategy,omitempty" patchStrategy:"retainKeys"`
	// MinReadySeconds is how long a pod must be ready before it counts as available.
	MinReadySeconds int32 `json:"minReadySeconds,omitempty"`
	// RevisionHistoryLimit is how many old ReplicaSets to keep; nil means 10.
	RevisionHistoryLimit *int32 `json:"revisionHistoryLimit,omitempty"`
	// Paused stops rollouts (but not scaling) while true.
	Paused bool `json:"paused,omitempty"`
	// ProgressDeadlineSeconds is how long a rollout may stall before the
	// Progressing condition turns False; nil means 600.
	ProgressDeadlineSeconds *int32 `json:"progressDeadlineSeconds,omitempty"`
}

// DeploymentStrategyType is RollingUpdate or Recreate.
type DeploymentStrategyType string

const (
	// RecreateDeploymentStrategyType kills all old pods before creating new ones.
	RecreateDeploymentStrategyType DeploymentStrategyType = "Recreate"
	// RollingUpdateDeploymentStrategyType replaces pods gradually.
	RollingUpdateDeploymentStrategyType DeploymentStrategyType = "RollingUpdate"
)

// DeploymentStrategy says how a Deployment replaces pods.
type DeploymentStrategy struct {
	Type DeploymentStrategyType `json:"type,omitempty"`
	// RollingUpdate is set only when Type is RollingUpdate.
	RollingUpdate *RollingUpdateDeployment `json:"rollingUpdate,omitempty"`
}

// RollingUpdateDeployment bounds a rolling update. Each is a count or a
// percentage of the desired replicas; nil means 25%.
type RollingUpdateDeployment struct {
	// MaxUnavailable is rounded down from a percentage.
	MaxUnavailable *IntOrString `json:"maxUnavailable,omitempty"`
	// MaxSurge is rounded up from a percentage.
	MaxSurge *IntOrString `json:"maxSurge,omitempty"`
}

// DeploymentStatus is the observed state of a Deployment.
type DeploymentStatus struct {
	ObservedGeneration  int64 `json:"observedGeneration,omitempty"`
	Replicas            int32 `json:"replicas,omitempty"`
	UpdatedReplicas     int32 `json:"updatedReplicas,omitempty"`
	ReadyReplicas       int32 `json:"readyReplicas,omitempty"`
	AvailableReplicas   int32 `json:"availableReplicas,omitempty"`
	UnavailableReplicas int32 `json:"unavailableReplicas,omitempty"`
	// TerminatingReplicas is nil when not tracked.
	TerminatingReplicas *int32                `json:"terminatingReplicas,omitempty"`
	Conditions          []DeploymentCondition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type"`
	// CollisionCount disambiguates ReplicaSet names when template hashes collide.
	CollisionCount *int32 `json:"collisionCount,omitempty"`
}

// DeploymentConditionType names a Deployment condition.
type DeploymentConditionType string

const (
	// DeploymentAvailable: at least the minimum number of pods is available.
	DeploymentAvailable DeploymentConditionType = "Available"
	// DeploymentProgressing: a rollout is making progress, or has completed.
	DeploymentProgressing DeploymentConditionType = "Progressing"
	// DeploymentReplicaFailure: a pod could not be created or deleted.
	DeploymentReplicaFailure DeploymentConditionType = "ReplicaFailure"
)

// DeploymentCondition is one observation of a Deployment's state.
type DeploymentCondition struct {
	Type               DeploymentConditionType `json:"type"`
	Status             ConditionStatus         `json:"status"`
	LastUpdateTime     Time                    `json:"lastUpdateTime,omitzero"`
	LastTransitionTime Time                    `json:"lastTransitionTime,omitzero"`
	Reason             string                  `json:"reason,omitempty"`
	Message            string                  `json:"message,omitempty"`
}

// DeploymentList is a list of Deployments.
type DeploymentList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`

	Items []Deployment `json:"items"`
}

// ReplicaSet keeps a number of identical pods running.
type ReplicaSet struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`

	Spec   ReplicaSetSpec   `json:"spec,omitempty"`
	Status ReplicaSetStatus `json:"status,omitempty"`
}

// ReplicaSetSpec is the desired state of a ReplicaSet.
type ReplicaSetSpec struct {
	// Replicas is the desired pod count; nil means 1.
	Replicas        *int32 `json:"replicas,omitempty"`
	MinReadySeconds int32  `json:"minReadySeconds,omitempty"`
	// Selector must match Template's labels.
	Selector *LabelSelector  `json:"selector"`
	Template PodTemplateSpec `json:"template,omitempty"`
}

// ReplicaSetStatus is the observed state of a ReplicaSet.
type ReplicaSetStatus struct {
	Replicas             int32                 `json:"replicas"`
	FullyLabeledReplicas int32                 `json:"fullyLabeledReplicas,omitempty"`
	ReadyReplicas        int32                 `json:"readyReplicas,omitempty"`
	AvailableReplicas    int32                 `json:"availableReplicas,omitempty"`
	TerminatingReplicas  *int32                `json:"terminatingReplicas,omitempty"`
	ObservedGeneration   int64                 `json:"observedGeneration,omitempty"`
	Conditions           []ReplicaSetCondition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type"`
}

// ReplicaSetConditionType names a ReplicaSet condition.
type ReplicaSetConditionType string

// ReplicaSetReplicaFailure: a pod could not be created or deleted.
const ReplicaSetReplicaFailure ReplicaSetConditionType = "ReplicaFailure"

// ReplicaSetCondition is one observation of a ReplicaSet's state.
type ReplicaSetCondition struct {
	Type               ReplicaSetConditionType `json:"type"`
	Status             ConditionStatus         `json:"status"`
	LastTransitionTime Time                    `json:"lastTransitionTime,omitzero"`
	Reason             string                  `json:"reason,omitempty"`
	Message            string                  `json:"message,omitempty"`
}

// ReplicaSetList is a list of ReplicaSets.
type ReplicaSetList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`

	Items []ReplicaSet `json:"items"`
}

// DaemonSet runs one pod on every eligible node.
type DaemonSet struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`

	Spec   DaemonSetSpec   `json:"spec,omitempty"`
	Status DaemonSetStatus `json:"status,omitempty"`
}

// DaemonSetSpec is the desired state of a DaemonSet.
type DaemonSetSpec struct {
	// Selector must match Template's labels.
	Selector       *LabelSelector          `json:"selector"`
	Template       PodTemplateSpec         `json:"template"`
	UpdateStrategy DaemonSetUpdateStrategy `json:"updateStrategy,omitempty"`
	// MinReadySeconds is how long a pod must be ready before it counts as available.
	MinReadySeconds int32 `json:"minReadySeconds,omitempty"`
	// RevisionHistoryLimit is how many old ControllerRevisions to keep; nil means 10.
	RevisionHistoryLimit *int32 `json:"revisionHistoryLimit,omitempty"`
}

// DaemonSetUpdateStrategyType is RollingUpdate or OnDelete.
type DaemonSetUpdateStrategyType string

const (
	// RollingUpdateDaemonSetStrategyType replaces pods node by node.
	RollingUpdateDaemonSetStrategyType DaemonSetUpdateStrategyType = "RollingUpdate"
	// OnDeleteDaemonSetStrategyType replaces a pod only after it is deleted.
	OnDeleteDaemonSetStrategyType DaemonSetUpdateStrategyType = "OnDelete"
)

// DaemonSetUpdateStrategy says how a DaemonSet replaces pods.
type DaemonSetUpdateStrategy struct {
	Type DaemonSetUpdateStrategyType `json:"type,omitempty"`
	// RollingUpdate is set only when Type is RollingUpdate.
	RollingUpdate *RollingUpdateDaemonSet `json:"rollingUpdate,omitempty"`
}

// RollingUpdateDaemonSet bounds a DaemonSet rolling update, as a count or a
// percentage of desiredNumberScheduled (rounded up).
type RollingUpdateDaemonSet struct {
	// MaxUnavailable defaults to 1.
	MaxUnavailable *IntOrString `json:"maxUnavailable,omitempty"`
	// MaxSurge defaults to 0.
	MaxSurge *IntOrString `json:"maxSurge,omitempty"`
}

// DaemonSetStatus is the observed state of a DaemonSet.
type DaemonSetStatus struct {
	CurrentNumberScheduled int32                `json:"currentNumberScheduled"`
	NumberMisscheduled     int32                `json:"numberMisscheduled"`
	DesiredNumberScheduled int32                `json:"desiredNumberScheduled"`
	NumberReady            int32                `json:"numberReady"`
	ObservedGeneration     int64                `json:"observedGeneration,omitempty"`
	UpdatedNumberScheduled int32                `json:"updatedNumberScheduled,omitempty"`
	NumberAvailable        int32                `json:"numberAvailable,omitempty"`
	NumberUnavailable      int32                `json:"numberUnavailable,omitempty"`
	CollisionCount         *int32               `json:"collisionCount,omitempty"`
	Conditions             []DaemonSetCondition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type"`
}

// DaemonSetConditionType names a DaemonSet condition.
type DaemonSetConditionType string

// DaemonSetCondition is one observation of a DaemonSet's state.
type DaemonSetCondition struct {
	Type               DaemonSetConditionType `json:"type"`
	Status             ConditionStatus        `json:"status"`
	LastTransitionTime Time                   `json:"lastTransitionTime,omitzero"`
	Reason             string                 `json:"reason,omitempty"`
	Message            string                 `json:"message,omitempty"`
}

// DaemonSetList is a list of DaemonSets.
type DaemonSetList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`

	Items []DaemonSet `json:"items"`
}

// StatefulSet runs pods with stable, ordinal identities and per-pod storage.
type StatefulSet struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`

	Spec   StatefulSetSpec   `json:"spec,omitempty"`
	Status StatefulSetStatus `json:"status,omitempty"`
}

// StatefulSetSpec is the desired state of a StatefulSet.
type StatefulSetSpec struct {
	// Replicas is the desired pod count; nil means 1.
	Replicas *int32 `json:"replicas,omitempty"`
	// Selector must match Template's labels.
	Selector *LabelSelector  `json:"selector"`
	Template PodTemplateSpec `json:"template"`
	// VolumeClaimTemplates are stamped out once per pod ordinal.
	VolumeClaimTemplates []PersistentVolumeClaim `json:"volumeClaimTemplates,omitempty"`
	// ServiceName is the headless Service that gives pods their DNS names.
	ServiceName         string                    `json:"serviceName,omitempty"`
	PodManagementPolicy PodManagementPolicyType   `json:"podManagementPolicy,omitempty"`
	UpdateStrategy      StatefulSetUpdateStrategy `json:"updateStrategy,omitempty"`
	// RevisionHistoryLimit is how many old ControllerRevisions to keep; nil means 10.
	RevisionHistoryLimit *int32 `json:"revisionHistoryLimit,omitempty"`
	MinReadySeconds      int32  `json:"minReadySeconds,omitempty"`
	// PersistentVolumeClaimRetentionPolicy nil means Retain for both events.
	PersistentVolumeClaimRetentionPolicy *StatefulSetPersistentVolumeClaimRetentionPolicy `json:"persistentVolumeClaimRetentionPolicy,omitempty"`
	// Ordinals nil means ordinals start at 0.
	Ordinals *StatefulSetOrdinals `json:"ordinals,omitempty"`
}

// PodManagementPolicyType is OrderedReady or Parallel.
type PodManagementPolicyType string

const (
	// OrderedReadyPodManagement creates pods one at a time in ordinal order,
	// each after the previous is ready, and deletes them in reverse.
	OrderedReadyPodManagement PodManagementPolicyType = "OrderedReady"
	// ParallelPodManagement creates and deletes pods without waiting.
	ParallelPodManagement PodManagementPolicyType = "Parallel"
)

// StatefulSetUpdateStrategyType is RollingUpdate or OnDelete.
type StatefulSetUpdateStrategyType string

const (
	// RollingUpdateStatefulSetStrategyType replaces pods in reverse ordinal order.
	RollingUpdateStatefulSetStrategyType StatefulSetUpdateStrategyType = "RollingUpdate"
	// OnDeleteStatefulSetStrategyType replaces a pod only after it is deleted.
	OnDeleteStatefulSetStrategyType StatefulSetUpdateStrategyType = "OnDelete"
)

// StatefulSetUpdateStrategy says how a StatefulSet replaces pods.
type StatefulSetUpdateStrategy struct {
	Type StatefulSetUpdateStrategyType `json:"type,omitempty"`
	// RollingUpdate is set only when Type is RollingUpdate.
	RollingUpdate *RollingUpdateStatefulSetStrategy `json:"rollingUpdate,omitempty"`
}

// RollingUpdateStatefulSetStrategy bounds a StatefulSet rolling update.
type RollingUpdateStatefulSetStrategy struct {
	// Partition: only pods with ordinal >= Partition are updated; nil means 0.
	Partition *int32 `json:"partition,omitempty"`
	// MaxUnavailable is a count or percentage (rounded up); nil means 1.
	MaxUnavailable *IntOrString `json:"maxUnavailable,omitempty"`
}

// PersistentVolumeClaimRetentionPolicyType is Retain or Delete.
type PersistentVolumeClaimRetentionPolicyType string

const (
	// RetainPersistentVolumeClaimRetentionPolicyType keeps the claims.
	RetainPersistentVolumeClaimRetentionPolicyType PersistentVolumeClaimRetentionPolicyType = "Retain"
	// DeletePersistentVolumeClaimRetentionPolicyType deletes the claims.
	DeletePersistentVolumeClaimRetentionPolicyType PersistentVolumeClaimRetentionPolicyType = "Delete"
)

// StatefulSetPersistentVolumeClaimRetentionPolicy says what happens to
// claims made from VolumeClaimTemplates; empty means Retain.
type StatefulSetPersistentVolumeClaimRetentionPolicy struct {
	// WhenDeleted applies when the StatefulSet is deleted.
	WhenDeleted PersistentVolumeClaimRetentionPolicyType `json:"whenDeleted,omitempty"`
	// WhenScaled applies to ordinals removed by a scale-down.
	WhenScaled PersistentVolumeClaimRetentionPolicyType `json:"whenScaled,omitempty"`
}

// StatefulSetOrdinals sets the first ordinal.
type StatefulSetOrdinals struct {
	// Start is the ordinal of the first replica; replicas are numbered
	// [Start, Start+replicas).
	Start int32 `json:"start"`
}

// StatefulSetStatus is the observed state of a StatefulSet.
type StatefulSetStatus struct {
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`
	Replicas           int32 `json:"replicas"`
	ReadyReplicas      int32 `json:"readyReplicas,omitempty"`
	CurrentReplicas    int32 `json:"currentReplicas,omitempty"`
	UpdatedReplicas    int32 `json:"updatedReplicas,omitempty"`
	// CurrentRevision is the ControllerRevision of pods [0, currentReplicas).
	CurrentRevision string `json:"currentRevision,omitempty"`
	// UpdateRevision is the ControllerRevision of the current template.
	UpdateRevision    string                 `json:"updateRevision,omitempty"`
	CollisionCount    *int32                 `json:"collisionCount,omitempty"`
	Conditions        []StatefulSetCondition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type"`
	AvailableReplicas int32                  `json:"availableReplicas"`
}

// StatefulSetConditionType names a StatefulSet condition.
type StatefulSetConditionType string

// StatefulSetCondition is one observation of a StatefulSet's state.
type StatefulSetCondition struct {
	Type               StatefulSetConditionType `json:"type"`
	Status             ConditionStatus          `json:"status"`
	LastTransitionTime Time                     `json:"lastTransitionTime,omitzero"`
	Reason             string                   `json:"reason,omitempty"`
	Message            string                   `json:"message,omitempty"`
}

// StatefulSetList is a list of StatefulSets.
type StatefulSetList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`

	Items []StatefulSet `json:"items"`
}

// ControllerRevision is an immutable snapshot of a controller's template,
// used by StatefulSets and DaemonSets for rollout and rollback.
type ControllerRevision struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`

	// Data is the serialized state, kept verbatim.
	Data RawJSON `json:"data,omitempty"`
	// Revision orders the revisions of one owner.
	Revision int64 `json:"revision"`
}

// ControllerRevisionList is a list of ControllerRevisions.
type ControllerRevisionList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`

	Items []ControllerRevision `json:"items"`
}
