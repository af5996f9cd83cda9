// Package interpodaffinity is the InterPodAffinity plugin: pod affinity and
// anti-affinity, required and preferred, with namespaces, namespace
// selectors, matchLabelKeys and mismatchLabelKeys (merged into the label
// selector by framework.NewAffinityTerm).
//
// Filter enforces, per topology domain (nodes sharing the value of the
// term's topologyKey label):
//   - the pod's required affinity: every term must have a matching pod in
//     the node's domain ("node(s) didn't match pod affinity rules"), except
//     that the first pod of a group whose terms match itself may go where
//     no pod matches yet, provided the node has all the topology keys;
//   - the pod's required anti-affinity: no term may have a matching pod in
//     the node's domain ("node(s) didn't match pod anti-affinity rules");
//   - symmetry: no existing pod's required anti-affinity term may match the
//     pod within that pod's domain ("node(s) didn't satisfy existing pods
//     anti-affinity rules").
//
// PreFilter counts matching pods per domain once per cycle (in parallel
// over nodes); Filter is then a few map lookups per node. AddPod and
// RemovePod update the counts for nominated pods and preemption.
//
// Score adds, per domain, the weights of the pod's preferred terms that
// existing pods match (minus for anti-affinity), the weights of existing
// pods' preferred terms that the pod matches, and hardPodAffinityWeight
// for existing pods' required affinity terms the pod matches; scores are
// normalized to 0..100 between the lowest and highest.
//
// Args (JSON, as InterPodAffinityArgs):
//
//	{"hardPodAffinityWeight": 1, "ignorePreferredTermsOfExistingPods": false}
package interpodaffinity
