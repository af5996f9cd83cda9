// Package defaultpreemption is the DefaultPreemption PostFilter plugin.
// When a pod fits no node, it looks for a node where evicting pods of
// lower priority would make it fit, as kube-scheduler does:
//
//   - the pod must be allowed to preempt (preemptionPolicy is not Never,
//     and no lower-priority pod is still terminating on the node it is
//     already nominated to);
//   - only nodes rejected as Unschedulable (not UnschedulableAndUnresolvable)
//     are tried, starting at a random offset, until enough candidates are
//     found (10% of them, at least 100);
//   - on each, every lower-priority pod is removed in a what-if copy (with
//     the PreFilter RemovePod extensions) and the Filter plugins are run with
//     nominated pods; then as many victims as possible are reprieved, highest
//     priority first, those whose eviction would violate a
//     PodDisruptionBudget first;
//   - the node is picked by: fewest PDB violations, lowest highest victim
//     priority, smallest sum of priorities, fewest victims, latest start
//     of the highest-priority victims, then the first;
//   - the victims are evicted through the Handle's Evictor (or rejected,
//     if they wait at Permit), lower-priority pods nominated to the node
//     lose their nomination, and the pod is nominated to the node.
//
// Without candidates it reports, for example, "preemption: 0/3 nodes are
// available: 1 No preemption victims found for incoming pod, 2 Preemption
// is not helpful for scheduling".
//
// Args (JSON, as DefaultPreemptionArgs):
//
//	{"minCandidateNodesPercentage": 10, "minCandidateNodesAbsolute": 100}
package defaultpreemption
