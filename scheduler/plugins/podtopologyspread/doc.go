// Package podtopologyspread is the PodTopologySpread plugin: it spreads
// pods over topology domains (nodes sharing a label value, such as a zone
// or a hostname) by their spec.topologySpreadConstraints.
//
// A DoNotSchedule (hard) constraint is a filter: placing the pod in a
// domain must not make that domain's matching pods exceed the global
// minimum by more than maxSkew ("node(s) didn't match pod topology spread
// constraints"); a node without the topology key is rejected ("... (missing
// required label)"). The global minimum is taken over the eligible
// domains, and is 0 while there are fewer than minDomains of them. Eligible
// nodes have every constraint's topology key and pass its
// nodeAffinityPolicy (Honor by default: the pod's node selector and
// required affinity) and nodeTaintsPolicy (Ignore by default). matchLabelKeys
// narrow the selector to pods sharing the pod's values for those keys.
//
// A ScheduleAnyway (soft) constraint is a score: domains with fewer
// matching pods score higher, weighted by log(number of domains + 2).
//
// Pods without constraints of their own get the cluster defaults: with
// DefaultingType System (the default), hostname maxSkew 3 and zone maxSkew
// 5, both ScheduleAnyway; with List, Args.DefaultConstraints. Defaults
// select the pods of the same services and controller
// (ReplicationController, ReplicaSet, StatefulSet), found through the
// WorkloadLister given to NewFactory. Without one (New), no pod has
// defaults.
//
// PreFilter and PreScore count matching pods once per cycle, in parallel
// over nodes; Filter and Score are map lookups.
package podtopologyspread
