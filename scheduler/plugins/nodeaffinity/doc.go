// Package nodeaffinity is the NodeAffinity plugin.
//
// Filter requires a node to match the pod's spec.nodeSelector and its
// required node affinity (matchExpressions on node labels, matchFields on
// metadata.name), rejecting with "node(s) didn't match Pod's node
// affinity/selector". PreFilter restricts the cycle to the nodes named by
// "metadata.name In" matchFields when every term names nodes. Score sums
// the weights of the preferred terms a node matches, normalized to 0..100.
//
// Args (JSON, as KubeSchedulerConfiguration's NodeAffinityArgs):
//
//	{"addedAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {...},
//	                   "preferredDuringSchedulingIgnoredDuringExecution": [...]}}
//
// addedAffinity applies to every pod of the profile; a node that fails its
// required part is rejected with "node(s) didn't match scheduler-enforced
// node affinity".
package nodeaffinity
