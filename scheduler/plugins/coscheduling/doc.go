// Package coscheduling is the Coscheduling plugin: gang scheduling, beyond
// kube-scheduler's in-tree set. The pods of a group bind all together or
// not at all.
//
// A pod joins a group with the label
//
//	scheduling.orca.dev/pod-group: <name>
//
// and says how many of the group must be placed before any binds with the
// annotation (or, failing that, label)
//
//	scheduling.orca.dev/min-available: "<n>"
//
// A group is named within its namespace. A pod of a group without
// min-available needs only itself; an invalid value makes the pod
// unschedulable.
//
// PreFilter rejects a pod at once when the group has fewer pods in all
// (scheduled or not, through the Handle's pod lister, when there is one)
// than min-available. Reserve records the pod's reservation; Permit counts
// the group's pods that are reserved, waiting or already bound, and
// either allows the whole group (every sibling waiting at Permit is
// allowed) once the quorum is reached, or makes the pod wait, activating
// its pending siblings so they are tried promptly. When a waiting pod
// times out (Args.PermitWaitingTimeSeconds, default 60) or is otherwise
// rejected, Unreserve rejects every waiting sibling, so their
// reservations are released together.
package coscheduling
