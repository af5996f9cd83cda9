package apiobj

// Labels, annotations and finalizers of the batch/v1 controllers.
const (
	// JobCompletionIndexAnnotation holds an Indexed Job pod's completion
	// index; it is set as a label too.
	JobCompletionIndexAnnotation = "batch.kubernetes.io/job-completion-index"
	// JobCompletionIndexLabel is the pod-index label of Indexed Job pods.
	JobCompletionIndexLabel = "job.kubernetes.io/pod-index"
	// JobTrackingFinalizer keeps a Job's pods until the Job status counts them.
	JobTrackingFinalizer = "batch.kubernetes.io/job-tracking"
	// JobNameLabel labels a Job's pods with the Job name.
	JobNameLabel = "batch.kubernetes.io/job-name"
	// ControllerUIDLabel labels a Job's pods with the Job UID; the Job's
	// generated selector matches it.
	ControllerUIDLabel = "batch.kubernetes.io/controller-uid"
	// LegacyJobNameLabel is the unprefixed job-name label, still set and honoured.
	LegacyJobNameLabel = "job-name"
	// LegacyControllerUIDLabel is the unprefixed controller-uid label, still
	// set and honoured.
	LegacyControllerUIDLabel = "controller-uid"
	// JobIndexFailureCountAnnotation counts the failures of an index so far.
	JobIndexFailureCountAnnotation = "batch.kubernetes.io/job-index-failure-count"
	// JobIndexIgnoredFailureCountAnnotation counts failures of an index that
	// a pod failure policy ignored.
	JobIndexIgnoredFailureCountAnnotation = "batch.kubernetes.io/job-index-ignored-failure-count"
	// CronJobScheduledTimestampAnnotation holds the RFC 3339 time a CronJob
	// scheduled the Job for.
	CronJobScheduledTimestampAnnotation = "batch.kubernetes.io/cronjob-scheduled-timestamp"
)

// Job runs pods until a number of them succeed.
type Job struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`

	Spec   JobSpec   `json:"spec,omitempty" protobuf:"bytes,2,opt,name=spec"`
	Status JobStatus `json:"status,omitempty" protobuf:"bytes,3,opt,name=status"`
}

// JobSpec is the desired behaviour of a Job.
type JobSpec struct {
	// Parallelism is the most pods running at once; nil means 1.
	Parallelism *int32 `json:"parallelism,omitempty" protobuf:"varint,1,opt,name=parallelism"`
	// Completions is how many pods must succeed; nil means any one success
	// finishes the Job.
	Completions *int32 `json:"completions,omitempty" protobuf:"varint,2,opt,name=completions"`
	// ActiveDeadlineSeconds bounds the Job's run time from startTime.
	ActiveDeadlineSeconds *int64            `json:"activeDeadlineSeconds,omitempty" protobuf:"varint,3,opt,name=activeDeadlineSeconds"`
	PodFailurePolicy      *PodFailurePolicy `json:"podFailurePolicy,omitempty" protobuf:"bytes,11,opt,name=podFailurePolicy"`
	SuccessPolicy         *SuccessPolicy    `json:"successPolicy,omitempty" protobuf:"bytes,16,opt,name=successPolicy"`
	// BackoffLimit is how many pod failures fail the Job; nil means 6.
	BackoffLimit *int32 `json:"backoffLimit,omitempty" protobuf:"varint,7,opt,name=backoffLimit"`
	// BackoffLimitPerIndex bounds failures per index of an Indexed Job.
	BackoffLimitPerIndex *int32 `json:"backoffLimitPerIndex,omitempty" protobuf:"varint,12,opt,name=backoffLimitPerIndex"`
	// MaxFailedIndexes fails the Job once more indexes than this have failed.
	MaxFailedIndexes *int32 `json:"maxFailedIndexes,omitempty" protobuf:"varint,13,opt,name=maxFailedIndexes"`
	// Selector is normally generated from the controller-uid label.
	Selector *LabelSelector `json:"selector,omitempty" protobuf:"bytes,4,opt,name=selector"`
	// ManualSelector true means the user chose Selector and no labels are generated.
	ManualSelector *bool           `json:"manualSelector,omitempty" protobuf:"varint,5,opt,name=manualSelector"`
	Template       PodTemplateSpec `json:"template" protobuf:"bytes,6,opt,name=template"`
	// TTLSecondsAfterFinished makes a finished Job eligible for deletion
	// after this many seconds; nil means never.
	TTLSecondsAfterFinished *int32 `json:"ttlSecondsAfterFinished,omitempty" protobuf:"varint,8,opt,name=ttlSecondsAfterFinished"`
	// CompletionMode nil means NonIndexed.
	CompletionMode *CompletionMode `json:"completionMode,omitempty" protobuf:"bytes,9,opt,name=completionMode"`
	// Suspend true stops pod creation and deletes active pods.
	Suspend *bool `json:"suspend,omitempty" protobuf:"varint,10,opt,name=suspend"`
	// PodReplacementPolicy nil means TerminatingOrFailed (Failed with a pod
	// failure policy).
	PodReplacementPolicy *PodReplacementPolicy `json:"podReplacementPolicy,omitempty" protobuf:"bytes,14,opt,name=podReplacementPolicy"`
	// ManagedBy names the controller that reconciles this Job; nil or
	// "kubernetes.io/job-controller" means the built-in one.
	ManagedBy *string `json:"managedBy,omitempty" protobuf:"bytes,15,opt,name=managedBy"`
}

// CompletionMode is NonIndexed or Indexed.
type CompletionMode string

const (
	// NonIndexedCompletion: the Job completes after .spec.completions successes.
	NonIndexedCompletion CompletionMode = "NonIndexed"
	// IndexedCompletion: each index in [0, completions) must succeed once.
	IndexedCompletion CompletionMode = "Indexed"
)

// PodReplacementPolicy says when a replacement pod may be created.
type PodReplacementPolicy string

const (
	// PodReplacementTerminatingOrFailed replaces a pod as soon as it is
	// terminating or failed.
	PodReplacementTerminatingOrFailed PodReplacementPolicy = "TerminatingOrFailed"
	// PodReplacementFailed replaces a pod only once it has fully terminated
	// as failed.
	PodReplacementFailed PodReplacementPolicy = "Failed"
)

// PodFailurePolicy decides how a failed pod counts; the first matching rule wins.
type PodFailurePolicy struct {
	Rules []PodFailurePolicyRule `json:"rules" protobuf:"bytes,1,opt,name=rules"`
}

// PodFailurePolicyAction is what a matching rule does.
type PodFailurePolicyAction string

const (
	// PodFailurePolicyActionFailJob fails the whole Job.
	PodFailurePolicyActionFailJob PodFailurePolicyAction = "FailJob"
	// PodFailurePolicyActionFailIndex fails the pod's index only.
	PodFailurePolicyActionFailIndex PodFailurePolicyAction = "FailIndex"
	// PodFailurePolicyActionIgnore does not count the failure.
	PodFailurePolicyActionIgnore PodFailurePolicyAction = "Ignore"
	// PodFailurePolicyActionCount counts the failure against backoffLimit.
	PodFailurePolicyActionCount PodFailurePolicyAction = "Count"
)

// PodFailurePolicyRule matches exit codes or pod conditions; exactly one of
// OnExitCodes and OnPodConditions is set.
type PodFailurePolicyRule struct {
	Action          PodFailurePolicyAction                   `json:"action" protobuf:"bytes,1,req,name=action"`
	OnExitCodes     *PodFailurePolicyOnExitCodesRequirement  `json:"onExitCodes,omitempty" protobuf:"bytes,2,opt,name=onExitCodes"`
	OnPodConditions []PodFailurePolicyOnPodConditionsPattern `json:"onPodConditions,omitempty" protobuf:"bytes,3,opt,name=onPodConditions"`
}

// PodFailurePolicyOnExitCodesOperator is In or NotIn.
type PodFailurePolicyOnExitCodesOperator string

const (
	PodFailurePolicyOnExitCodesOpIn    PodFailurePolicyOnExitCodesOperator = "In"
	PodFailurePolicyOnExitCodesOpNotIn PodFailurePolicyOnExitCodesOperator = "NotIn"
)

// PodFailurePolicyOnExitCodesRequirement matches non-zero container exit codes.
type PodFailurePolicyOnExitCodesRequirement struct {
	// ContainerName nil matches every container.
	ContainerName *string                             `json:"containerName,omitempty" protobuf:"bytes,1,opt,name=containerName"`
	Operator      PodFailurePolicyOnExitCodesOperator `json:"operator" protobuf:"bytes,2,req,name=operator"`
	// Values is sorted and free of duplicates.
	Values []int32 `json:"values" protobuf:"varint,3,rep,name=values"`
}

// PodFailurePolicyOnPodConditionsPattern matches a pod condition.
type PodFailurePolicyOnPodConditionsPattern struct {
	Type PodConditionType `json:"type" protobuf:"bytes,1,req,name=type"`
	// Status defaults to True.
	Status ConditionStatus `json:"status" protobuf:"bytes,2,req,name=status"`
}

// SuccessPolicy lets an Indexed Job succeed early; any matching rule wins.
type SuccessPolicy struct {
	Rules []SuccessPolicyRule `json:"rules" protobuf:"bytes,1,opt,name=rules"`
}

// SuccessPolicyRule is met when the given indexes, or that many of them,
// have succeeded.
type SuccessPolicyRule struct {
	// SucceededIndexes is an interval list such as "1,3-5,7".
	SucceededIndexes *string `json:"succeededIndexes,omitempty" protobuf:"bytes,1,opt,name=succeededIndexes"`
	SucceededCount   *int32  `json:"succeededCount,omitempty" protobuf:"varint,2,opt,name=succeededCount"`
}

// JobStatus is the observed state of a Job.
type JobStatus struct {
	Conditions []JobCondition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type" protobuf:"bytes,1,rep,name=conditions"`
	// StartTime is when the controller started the Job; reset on resume.
	StartTime *Time `json:"startTime,omitempty" protobuf:"bytes,2,opt,name=startTime"`
	// CompletionTime is set only when the Job succeeded.
	CompletionTime *Time  `json:"completionTime,omitempty" protobuf:"bytes,3,opt,name=completionTime"`
	Active         int32  `json:"active,omitempty" protobuf:"varint,4,opt,name=active"`
	Succeeded      int32  `json:"succeeded,omitempty" protobuf:"varint,5,opt,name=succeeded"`
	Failed         int32  `json:"failed,omitempty" protobuf:"varint,6,opt,name=failed"`
	Terminating    *int32 `json:"terminating,omitempty" protobuf:"varint,11,opt,name=terminating"`
	// CompletedIndexes is an interval list such as "1,3-5,7".
	CompletedIndexes string `json:"completedIndexes,omitempty" protobuf:"bytes,7,opt,name=completedIndexes"`
	// FailedIndexes is an interval list; set only with backoffLimitPerIndex.
	FailedIndexes *string `json:"failedIndexes,omitempty" protobuf:"bytes,10,opt,name=failedIndexes"`
	// UncountedTerminatedPods holds pods that finished but are not yet counted.
	UncountedTerminatedPods *UncountedTerminatedPods `json:"uncountedTerminatedPods,omitempty" protobuf:"bytes,8,opt,name=uncountedTerminatedPods"`
	Ready                   *int32                   `json:"ready,omitempty" protobuf:"varint,9,opt,name=ready"`
}

// UncountedTerminatedPods lists UIDs of finished pods whose finalizer was
// not yet removed and counted.
type UncountedTerminatedPods struct {
	Succeeded []UID `json:"succeeded,omitempty" protobuf:"bytes,1,rep,name=succeeded"`
	Failed    []UID `json:"failed,omitempty" protobuf:"bytes,2,rep,name=failed"`
}

// JobConditionType names a Job condition.
type JobConditionType string

const (
	JobSuspended JobConditionType = "Suspended"
	JobComplete  JobConditionType = "Complete"
	JobFailed    JobConditionType = "Failed"
	// JobFailureTarget: the Job will fail once its pods have terminated.
	JobFailureTarget JobConditionType = "FailureTarget"
	// JobSuccessCriteriaMet: the Job will complete once its pods have terminated.
	JobSuccessCriteriaMet JobConditionType = "SuccessCriteriaMet"
)

// JobCondition is one observation of a Job's state.
type JobCondition struct {
	Type               JobConditionType `json:"type" protobuf:"bytes,1,opt,name=type"`
	Status             ConditionStatus  `json:"status" protobuf:"bytes,2,opt,name=status"`
	LastProbeTime      Time             `json:"lastProbeTime,omitzero" protobuf:"bytes,3,opt,name=lastProbeTime"`
	LastTransitionTime Time             `json:"lastTransitionTime,omitzero" protobuf:"bytes,4,opt,name=lastTransitionTime"`
	Reason             string           `json:"reason,omitempty" protobuf:"bytes,5,opt,name=reason"`
	Message            string           `json:"message,omitempty" protobuf:"bytes,6,opt,name=message"`
}

// JobList is a list of Jobs.
type JobList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`

	Items []Job `json:"items" protobuf:"bytes,2,rep,name=items"`
}

// JobTemplateSpec is the metadata and spec of Jobs made from a template.
type JobTemplateSpec struct {
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`

	Spec JobSpec `json:"spec,omitempty" protobuf:"bytes,2,opt,name=spec"`
}

// CronJob creates Jobs on a cron schedule.
type CronJob struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`

	Spec   CronJobSpec   `json:"spec,omitempty" protobuf:"bytes,2,opt,name=spec"`
	Status CronJobStatus `json:"status,omitempty" protobuf:"bytes,3,opt,name=status"`
}

// CronJobSpec is the desired behaviour of a CronJob.
type CronJobSpec struct {
	// Schedule is in cron format.
	Schedule string `json:"schedule" protobuf:"bytes,1,opt,name=schedule"`
	// TimeZone is an IANA name; nil means the controller's local zone.
	TimeZone *string `json:"timeZone,omitempty" protobuf:"bytes,8,opt,name=timeZone"`
	// StartingDeadlineSeconds: a run missed by more than this is skipped.
	StartingDeadlineSeconds *int64 `json:"startingDeadlineSeconds,omitempty" protobuf:"varint,2,opt,name=startingDeadlineSeconds"`
	// ConcurrencyPolicy empty means Allow.
	ConcurrencyPolicy ConcurrencyPolicy `json:"concurrencyPolicy,omitempty" protobuf:"bytes,3,opt,name=concurrencyPolicy"`
	// Suspend true stops new runs; running Jobs are left alone.
	Suspend     *bool           `json:"suspend,omitempty" protobuf:"varint,4,opt,name=suspend"`
	JobTemplate JobTemplateSpec `json:"jobTemplate" protobuf:"bytes,5,opt,name=jobTemplate"`
	// SuccessfulJobsHistoryLimit nil means 3.
	SuccessfulJobsHistoryLimit *int32 `json:"successfulJobsHistoryLimit,omitempty" protobuf:"varint,6,opt,name=successfulJobsHistoryLimit"`
	// FailedJobsHistoryLimit nil means 1.
	FailedJobsHistoryLimit *int32 `json:"failedJobsHistoryLimit,omitempty" protobuf:"varint,7,opt,name=failedJobsHistoryLimit"`
}

// ConcurrencyPolicy says what to do when a run is due while one is active.
type ConcurrencyPolicy string

const (
	// AllowConcurrent runs Jobs concurrently.
	AllowConcurrent ConcurrencyPolicy = "Allow"
	// ForbidConcurrent skips the new run.
	ForbidConcurrent ConcurrencyPolicy = "Forbid"
	// ReplaceConcurrent deletes the active Job and starts the new one.
	ReplaceConcurrent ConcurrencyPolicy = "Replace"
)

// CronJobStatus is the observed state of a CronJob.
type CronJobStatus struct {
	// Active references the Jobs currently running.
	Active             []ObjectReference `json:"active,omitempty" protobuf:"bytes,1,rep,name=active"`
	LastScheduleTime   *Time             `json:"lastScheduleTime,omitempty" protobuf:"bytes,4,opt,name=lastScheduleTime"`
	LastSuccessfulTime *Time             `json:"lastSuccessfulTime,omitempty" protobuf:"bytes,5,opt,name=lastSuccessfulTime"`
}

// CronJobList is a list of CronJobs.
type CronJobList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`

	Items []CronJob `json:"items" protobuf:"bytes,2,rep,name=items"`
}
