// Package framework is the plugin API of orca's scheduler: the extension
// points a plugin implements, the data it reads (NodeInfo, the snapshot,
// CycleState) and the services it is handed (Handle). It follows
// kube-scheduler's scheduling framework, so a plugin written for one
// reads naturally in the other.
//
// # Extension points
//
// A plugin is anything with a Name. It takes part in scheduling by also
// implementing one or more extension-point interfaces, which the scheduler
// finds by type assertion:
//
//	queueing:   PreEnqueuePlugin, QueueSortPlugin, EnqueueExtensions (optional)
//	scheduling: PreFilterPlugin (+PreFilterExtensions), FilterPlugin,
//	            PostFilterPlugin, PreScorePlugin, ScorePlugin (+ScoreExtensions),
//	            ReservePlugin, PermitPlugin
//	binding:    PreBindPlugin, BindPlugin, PostBindPlugin
//
// The scheduling cycle runs for one pod at a time: PreFilter, Filter (in
// parallel over nodes), PostFilter if no node fits, PreScore, Score (in
// parallel) and NormalizeScore, then Reserve and Permit on the chosen
// node. The binding cycle then runs on its own goroutine: it waits for
// Permit, then runs PreBind, Bind and PostBind. Any failure after Reserve
// runs every Unreserve, forgets the pod's assumed placement, and requeues it.
//
// Every one-method extension point has a func adapter (FilterFunc,
// ScoreFunc, PermitFunc, BindFunc, ...) whose Named method makes it a
// plugin, and FactoryOf turns a ready plugin into a Factory.
//
// # Outcomes are data
//
// Plugins report expected outcomes with a *Status: nil is Success,
// Unschedulable and UnschedulableAndUnresolvable reject the pod (with
// reasons counted in the "0/N nodes are available: ..." explanation, see
// FitError), Wait parks it in Permit, Skip opts out. Only a broken
// plugin returns Error (AsStatus(err)). The scheduler never modifies a
// returned Status, so plugins may return shared, preallocated ones.
//
// # Concurrency
//
// Filter and Score run concurrently for different nodes; they read the
// CycleState and the snapshot's NodeInfos and must not write either.
// PreFilter, PreScore, Reserve, Permit and the extensions run on the
// scheduling goroutine; PreBind, Bind, PostBind and Unreserve may run on
// binding goroutines concurrently with later scheduling cycles.
// Unreserve must be idempotent.
//
// # Queueing hints
//
// A plugin that rejects pods should implement EnqueueExtensions: it lists
// the ClusterEvents that could make such a pod schedulable, each with a
// QueueingHintFn that decides per pod. A rejected pod waits in the
// unschedulable set until an event whose hint (of a plugin that rejected
// it) says Queue, or until the flush timeout.
//
// # Configuration
//
// Plugins are built by a Factory from a Registry, which is an ordinary
// map value: the default plugins' package returns one, a program merges
// its own into it and passes the result to the scheduler. A factory gets
// its plugin args as raw JSON (decode with DecodeArgs) and a Handle.
// Handle is a struct of small interfaces, so a plugin's test sets only
// the fields the plugin uses.
//
// # Data
//
// NodeInfo is a node with its pods and their summed requests, host ports,
// PVC use, images, and the pods that carry affinity terms; PodInfo is a
// pod with its parsed affinity terms and requests (PodRequests); both are
// read-only once published in a snapshot. NewSnapshot builds a
// SharedLister for tests.
package framework
