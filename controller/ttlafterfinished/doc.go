// Package ttlafterfinished is the TTL-after-finished controller: it deletes
// a finished Job (one with a True Complete or Failed condition) once
// spec.ttlSecondsAfterFinished seconds have passed since it finished, as
// kube-controller-manager's does. The finish time is the last transition of
// that condition. Deletion uses propagationPolicy Background, so the
// garbage collector removes the Job's pods, and preconditions on the UID
// and resourceVersion the controller last read from the server, so a Job
// whose TTL was just changed is looked at again instead.
//
// Jobs without a TTL, and running Jobs, are never touched. The Clock in
// Config decides when a TTL has passed, so tests advance it by hand.
// Processing a Job is idempotent.
package ttlafterfinished
