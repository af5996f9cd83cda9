// Package podgc is the pod garbage collector, as kube-controller-manager's.
//
// Every Period (default 20 s) it lists pods and nodes from the API server
// and deletes, with grace period 0:
//
//   - terminated pods (phase Succeeded or Failed) beyond
//     TerminatedPodThreshold (default 12,500), oldest first;
//   - pods bound to a node that no longer exists, once the node has been
//     missing for Quarantine (default 40 s) and a live GET of it still
//     answers NotFound;
//   - terminating pods that were never scheduled;
//   - terminating pods on a node that is not Ready and carries the
//     node.kubernetes.io/out-of-service NoExecute taint.
//
// A pod that has not terminated is first marked Failed with a
// DisruptionTarget condition (reason DeletionByPodGC). Each pass is
// idempotent. The Clock is injectable so that tests can move the period
// and the quarantine by hand. New checks a Config; Run blocks until its
// context is done.
package podgc
