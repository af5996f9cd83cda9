// Package nodelifecycle is the node lifecycle controller, as
// kube-controller-manager's (with its taint-based eviction manager).
//
// Every MonitorPeriod (default 5 s) it lists nodes and their Leases in
// kube-node-lease from the API server (the pods of a node only while it
// is not ready or carries a NoExecute taint), and for each node:
//
//   - Health. A node is heard from when its Lease's spec.renewTime or its
//     Ready condition's lastHeartbeatTime changes; the controller times
//     this on its own clock, so node clocks need not agree with it. A
//     node not heard from for GracePeriod (default 40 s) has its Ready,
//     MemoryPressure, DiskPressure and PIDPressure conditions set to
//     Unknown, reason NodeStatusUnknown, message "Kubelet stopped posting
//     node status." (NodeStatusNeverUpdated and "Kubelet never posted node
//     status." for a condition it never reported). Only the node agent
//     sets them back.
//   - Pods. While Ready is not True, the Ready condition of the node's pods
//     is set to False.
//   - Taints. Ready=False gives node.kubernetes.io/not-ready and
//     Ready=Unknown node.kubernetes.io/unreachable, each NoSchedule at once
//     and then NoExecute; Ready=True removes both. A node newly getting a
//     NoExecute taint takes a token from a bucket (EvictionRate, default
//     0.1 nodes per second, burst 1: --node-eviction-rate), so a wide
//     outage evicts gradually, longest waiting node first; switching one
//     of these NoExecute taints for the other needs no token.
//   - Eviction. Pods on a node with NoExecute taints (any, not only these)
//     that do not tolerate all of them are deleted at once; a pod that
//     does is deleted once the smallest tolerationSeconds among the
//     tolerations it uses has passed since the newest taint's timeAdded.
//     No tolerationSeconds means forever. Evicted pods get a
//     DisruptionTarget condition (reason DeletionByTaintManager) and are
//     deleted with their own grace period; podgc finishes those on lost
//     nodes.
//
// Pods' 300 s tolerations of not-ready and unreachable come from the API
// server's DefaultTolerationSeconds admission plugin in Kubernetes; this
// package offers DefaultTolerations for an admission chain to call. The
// controller honors only what the pod carries.
//
// Each pass is idempotent; a failed write is retried by the next pass.
// The Clock is injectable. New checks a Config; Run blocks until its
// context is done.
package nodelifecycle
