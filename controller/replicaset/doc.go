// Package replicaset is the ReplicaSet controller: it keeps the number of
// pods made from each ReplicaSet's template at spec.replicas, as
// kube-controller-manager's does.
//
// For each ReplicaSet the controller claims pods: it adopts orphans (pods
// without a controller reference) whose labels match the selector, and
// releases owned pods that stopped matching. It then creates pods
// (generateName "<replicaset>-", the template's labels and annotations, a
// controller ownerReference) or deletes the surplus, at most BurstReplicas a
// sync. Creations run in slow-start batches of 1, 2, 4, ... and stop at the
// first batch with an error. Deletions take pods in Kubernetes' rank:
// unscheduled, Pending, Unknown and not-ready pods first, then pods ready for
// less time, with more restarts, and newer.
//
// Expectations make the controller safe against informer lag: after it
// creates or deletes pods it does nothing more for that ReplicaSet until the
// informer has shown it every one of them (or ExpectationsTimeout passes), so
// one observation never causes two rounds of creations.
//
// Status reports replicas, fullyLabeledReplicas, readyReplicas,
// availableReplicas (ready for minReadySeconds) and observedGeneration over
// the active pods (neither terminal nor being deleted), and a ReplicaFailure
// condition (FailedCreate or FailedDelete) while creations or deletions fail.
//
// New checks a Config; Run blocks until its context is done. Syncing a
// ReplicaSet is idempotent.
package replicaset
