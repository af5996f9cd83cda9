// Package deployment is the Deployment controller: it rolls Deployments out
// through ReplicaSets, as kube-controller-manager's does. It runs beside the
// replicaset controller, which makes the pods.
//
// The ReplicaSet whose template equals the Deployment's (ignoring the
// pod-template-hash label) is the new one; when there is none the controller
// creates "<deployment>-<hash>", where hash is ComputeHash of the template
// and status.collisionCount, and adds the label pod-template-hash=<hash> to
// its selector and template, so its pods carry it too. A name taken by a
// ReplicaSet with another template raises collisionCount.
//
// Revisions: the new ReplicaSet's deployment.kubernetes.io/revision is one
// more than the highest among the old ones, and the Deployment carries the
// same. Rolling back (kubectl rollout undo writes an older ReplicaSet's
// template into the Deployment) therefore reuses that ReplicaSet and gives
// it the next revision, keeping its earlier one in
// deployment.kubernetes.io/revision-history. Every ReplicaSet records the
// Deployment's replicas and replicas+maxSurge in desired-replicas and
// max-replicas annotations.
//
// RollingUpdate scales the new ReplicaSet up as far as maxSurge allows and
// old ones down as far as maxUnavailable allows (unavailable pods first),
// counting pods as available after minReadySeconds. Recreate scales every
// old ReplicaSet to zero, waits for their pods to go, then scales the new
// one up. A change of replicas during a rollout (or while paused) is spread
// over the active ReplicaSets in proportion to their sizes. A paused
// Deployment makes no rollout progress, but scaling still applies. Once a
// rollout completes, old ReplicaSets with no replicas beyond
// revisionHistoryLimit are deleted, oldest revision first.
//
// Status follows Kubernetes field for field, so kubectl rollout status
// works: replicas, updatedReplicas, readyReplicas, availableReplicas,
// unavailableReplicas, observedGeneration, and the conditions Available
// (MinimumReplicasAvailable or MinimumReplicasUnavailable) and Progressing
// (NewReplicaSetCreated, FoundNewReplicaSet, ReplicaSetUpdated,
// NewReplicaSetAvailable, DeploymentPaused, DeploymentResumed, or False with
// ProgressDeadlineExceeded once progressDeadlineSeconds pass without
// progress).
//
// New checks a Config; Run blocks until its context is done. Syncing a
// Deployment is idempotent.
package deployment
