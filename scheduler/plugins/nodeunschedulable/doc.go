// Package nodeunschedulable is the NodeUnschedulable filter plugin: it
// rejects nodes with spec.unschedulable set ("node(s) were unschedulable")
// unless the pod tolerates the node.kubernetes.io/unschedulable:NoSchedule
// taint.
package nodeunschedulable
