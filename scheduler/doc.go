// Package scheduler places pods on nodes. It is kube-scheduler's design
// as a library: a scheduling queue, a cache of nodes and pods with an
// incrementally updated snapshot, a scheduling cycle that runs the plugins
// of package framework, and an asynchronous binding cycle. It knows
// nothing of the API server: an adapter feeds it objects and binds pods.
//
// # Using it directly
//
// A program that is not a cluster uses the scheduler through its feed
// methods: it adds its machines as Nodes (AddNode, UpdateNode,
// RemoveNode) and its work items as Pods (AddPod, UpdatePod, DeletePod),
// and receives placements through the Binder it supplies in Config. No
// network and no API server are involved; with the default
// WaitForBindConfirmation (false) a successful Bind is final. See the
// package example.
//
// The cluster adapter is the same core with informers calling the feed
// methods, Binder writing pods/binding, WaitForBindConfirmation set, and
// FailureHandler writing the PodScheduled=False condition and an Event.
//
// # Profiles and configuration
//
// Plugins come from Config.Registry, a value the program builds (the
// default plugins' package provides one to merge into). Config.Profiles
// select and order them per extension point, in Go or loaded from a
// KubeSchedulerConfiguration v1 file with LoadConfig, and each pod is
// scheduled by the profile named by its spec.schedulerName.
//
// # The cycles
//
// For each pod popped from the active queue the scheduler updates the
// snapshot (cloning only the nodes that changed), runs PreFilter, then
// Filter in parallel across nodes until it has found
// percentageOfNodesToScore of them (adaptive by default, as in
// kube-scheduler), runs PostFilter (preemption) if none fits, then
// PreScore, Score in parallel, NormalizeScore and weights, and picks a
// highest-scoring node, at random among ties. It assumes the pod on that
// node in the cache, runs Reserve and Permit, and starts the binding
// cycle on its own goroutine: wait for Permit, PreBind, Bind, PostBind.
// On any failure after Reserve it runs Unreserve, forgets the pod and
// requeues it. Pods nominated to a node by preemption are counted on that
// node when filtering pods of lower or equal priority.
//
// A pod that fits nowhere is requeued: pods rejected by plugins wait
// until a cluster event that one of those plugins' queueing hints accepts
// (or 5 minutes); failed pods back off from 1 s to 10 s. The failure,
// with kube-scheduler's explanation ("0/5 nodes are available: 3
// Insufficient cpu, 2 node(s) had untolerated taint {gpu: true}.
// preemption: ..."), goes to Config.FailureHandler.
//
// # Metrics
//
// Config.MetricsRegisterer receives Prometheus collectors named as
// kube-scheduler's: scheduler_schedule_attempts_total and
// scheduler_scheduling_attempt_duration_seconds (by result and profile),
// scheduler_framework_extension_point_duration_seconds,
// scheduler_plugin_execution_duration_seconds (sampled),
// scheduler_pending_pods (by queue), scheduler_queue_incoming_pods_total,
// scheduler_pod_scheduling_attempts and scheduler_preemption_attempts_total.
package scheduler
