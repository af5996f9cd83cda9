package apiobj

// PodDisruptionBudget limits how many pods of a set voluntary disruptions
// (evictions) may take down at once.
type PodDisruptionBudget struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`

	Spec   PodDisruptionBudgetSpec   `json:"spec,omitempty" protobuf:"bytes,2,opt,name=spec"`
	Status PodDisruptionBudgetStatus `json:"status,omitempty" protobuf:"bytes,3,opt,name=status"`
}

// PodDisruptionBudgetSpec is the desired budget. At most one of
// MinAvailable and MaxUnavailable is set; each is a count or a percentage.
type PodDisruptionBudgetSpec struct {
	MinAvailable *IntOrString `json:"minAvailable,omitempty" protobuf:"bytes,1,opt,name=minAvailable"`
	// Selector nil selects no pods; empty selects every pod in the namespace.
	Selector       *LabelSelector `json:"selector,omitempty" patchStrategy:"replace" protobuf:"bytes,2,opt,name=selector"`
	MaxUnavailable *IntOrString   `json:"maxUnavailable,omitempty" protobuf:"bytes,3,opt,name=maxUnavailable"`
	// UnhealthyPodEvictionPolicy nil means IfHealthyBudget.
	UnhealthyPodEvictionPolicy *UnhealthyPodEvictionPolicyType `json:"unhealthyPodEvictionPolicy,omitempty" protobuf:"bytes,4,opt,name=unhealthyPodEvictionPolicy"`
}

// UnhealthyPodEvictionPolicyType says when running but not ready pods may be evicted.
type UnhealthyPodEvictionPolicyType string

const (
	// IfHealthyBudget evicts unready pods only while the budget is met.
	IfHealthyBudget UnhealthyPodEvictionPolicyType = "IfHealthyBudget"
	// AlwaysAllow always lets unready pods be evicted.
	AlwaysAllow UnhealthyPodEvictionPolicyType = "AlwaysAllow"
)

// PodDisruptionBudgetStatus is the observed state of a budget.
type PodDisruptionBudgetStatus struct {
	ObservedGeneration int64 `json:"observedGeneration,omitempty" protobuf:"varint,1,opt,name=observedGeneration"`
	// DisruptedPods maps pods evicted but not yet deleted to the eviction time.
	DisruptedPods map[string]Time `json:"disruptedPods,omitempty" protobuf:"bytes,2,rep,name=disruptedPods"`
	// DisruptionsAllowed is how many pods may be evicted now.
	DisruptionsAllowed int32       `json:"disruptionsAllowed" protobuf:"varint,3,opt,name=disruptionsAllowed"`
	CurrentHealthy     int32       `json:"currentHealthy" protobuf:"varint,4,opt,name=currentHealthy"`
	DesiredHealthy     int32       `json:"desiredHealthy" protobuf:"varint,5,opt,name=desiredHealthy"`
	ExpectedPods       int32       `json:"expectedPods" protobuf:"varint,6,opt,name=expectedPods"`
	Conditions         []Condition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type" protobuf:"bytes,7,rep,name=conditions"`
}

// PodDisruptionBudget condition type and reasons.
const (
	// DisruptionAllowedCondition is True when disruptionsAllowed > 0.
	DisruptionAllowedCondition = "DisruptionAllowed"
	SyncFailedReason           = "SyncFailed"
	SufficientPodsReason       = "SufficientPods"
	InsufficientPodsReason     = "InsufficientPods"
)

// PodDisruptionBudgetList is a list of PodDisruptionBudgets.
type PodDisruptionBudgetList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`

	Items []PodDisruptionBudget `json:"items" protobuf:"bytes,2,rep,name=items"`
}

// Eviction is posted to a pod's eviction subresource to delete the pod
// subject to its disruption budgets. It has no list kind.
type Eviction struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`

	DeleteOptions *DeleteOptions `json:"deleteOptions,omitempty" protobuf:"bytes,2,opt,name=deleteOptions"`
}

// DeleteOptions (meta/v1) tune a delete.
type DeleteOptions struct {
	TypeMeta `json:",inline"`

	// GracePeriodSeconds overrides the object's grace period; 0 means now.
	GracePeriodSeconds *int64 `json:"gracePeriodSeconds,omitempty" protobuf:"varint,1,opt,name=gracePeriodSeconds"`
	// Preconditions must hold or the delete fails with Conflict.
	Preconditions *Preconditions `json:"preconditions,omitempty" protobuf:"bytes,2,opt,name=preconditions"`
	// Deprecated: use PropagationPolicy.
	OrphanDependents *bool `json:"orphanDependents,omitempty" protobuf:"varint,3,opt,name=orphanDependents"`
	// PropagationPolicy nil means the resource's default (usually Background).
	PropagationPolicy *DeletionPropagation `json:"propagationPolicy,omitempty" protobuf:"varint,4,opt,name=propagationPolicy"`
	// DryRun ["All"] runs every stage but persists nothing.
	DryRun []string `json:"dryRun,omitempty" protobuf:"bytes,5,rep,name=dryRun"`
	// IgnoreStoreReadErrorWithClusterBreakingPotential deletes an object
	// that cannot be decoded from storage.
	IgnoreStoreReadErrorWithClusterBreakingPotential *bool `json:"ignoreStoreReadErrorWithClusterBreakingPotential,omitempty" protobuf:"varint,6,opt,name=ignoreStoreReadErrorWithClusterBreakingPotential"`
}

// Preconditions of a delete.
type Preconditions struct {
	UID             *UID    `json:"uid,omitempty" protobuf:"bytes,1,opt,name=uid"`
	ResourceVersion *string `json:"resourceVersion,omitempty" protobuf:"bytes,2,opt,name=resourceVersion"`
}

// DeletionPropagation says what happens to an object's dependents.
type DeletionPropagation string

const (
	// DeletePropagationOrphan leaves dependents, removing their owner reference.
	DeletePropagationOrphan DeletionPropagation = "Orphan"
	// DeletePropagationBackground deletes the owner now and dependents after.
	DeletePropagationBackground DeletionPropagation = "Background"
	// DeletePropagationForeground keeps the owner (with the foregroundDeletion
	// finalizer) until dependents with blockOwnerDeletion are gone.
	DeletePropagationForeground DeletionPropagation = "Foreground"
)

// DryRunAll is the DeleteOptions.DryRun value that enables dry run.
const DryRunAll = "All"
