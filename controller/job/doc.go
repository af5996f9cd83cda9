// Package job is the Job controller: it runs a Job's pods until enough of
// them succeed, as kube-controller-manager's job controller (Kubernetes
// 1.32) does.
//
// Pods are made from spec.template with the Job as controller owner, the
// batch.kubernetes.io/job-tracking finalizer, and the labels
// batch.kubernetes.io/controller-uid, controller-uid,
// batch.kubernetes.io/job-name and job-name. Orca's API server does not
// generate a Job's selector, and Job validation then makes spec.selector
// and the template immutable, so the controller does what the generated
// selector would do instead: when spec.selector is nil and manualSelector
// is not true, a Job's pods are those labelled controller-uid=<Job UID>
// (see Selector); spec.selector itself is left nil. Pods are always also
// required to be controlled by the Job; orphans are not adopted.
//
// NonIndexed Jobs keep min(parallelism, completions - succeeded) pods
// running. Indexed Jobs run each index of [0, completions) until it
// succeeds once; their pods carry the index in the
// batch.kubernetes.io/job-completion-index annotation and label, the
// JOB_COMPLETION_INDEX variable of every container (a field reference to
// the annotation) and the hostname <job>-<index>, and status.completedIndexes
// lists the succeeded indexes as an interval list ("0-2,5").
//
// A finished pod is counted exactly once: its UID is first written to
// status.uncountedTerminatedPods, then its finalizer is removed, and only
// then is it moved into status.succeeded or status.failed. A failed pod is
// replaced after a backoff of 10 s doubling with each consecutive failure,
// at most 6 minutes. The Job fails (FailureTarget, then Failed once its
// pods are gone) with reason BackoffLimitExceeded when more than
// backoffLimit pods failed, DeadlineExceeded after activeDeadlineSeconds,
// or PodFailurePolicy when a FailJob rule matches; Ignore rules neither
// count nor back off. It succeeds with SuccessCriteriaMet and then
// Complete. Suspending a Job deletes its active pods and sets Suspended;
// resuming resets startTime. Pods deleted by the controller are not failures.
//
// Syncing a Job is idempotent. The Clock in Config drives every time the
// controller reads or writes, so tests advance it by hand.
package job
