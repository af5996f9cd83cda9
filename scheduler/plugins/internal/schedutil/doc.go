// Package schedutil holds the pure helpers the default scheduler plugins
// share: label and node selectors compiled once per pod, taint matching, pod
// resource requests in int64 units, pod priority ordering and score
// normalization. Nothing here allocates per node on the hot path: callers
// compile a pod's selectors in PreFilter or PreScore and match them against
// many nodes.
//
// The package is internal to scheduler/plugins; its contracts follow
// kube-scheduler's helpers of the same purpose.
package schedutil
