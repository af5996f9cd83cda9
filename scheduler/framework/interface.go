package framework

import (
	"context"
	"time"

	"github.com/orcaproj/orca/apiobj"
)

// Score bounds. Score plugins return scores in [MinNodeScore, MaxNodeScore]
// after NormalizeScore; the scheduler multiplies them by the plugin weight.
const (
	MaxNodeScore int64 = 100
	MinNodeScore int64 = 0
	// MaxTotalScore bounds the weighted sum over all plugins.
	MaxTotalScore int64 = 1<<63 - 1
)

// Plugin is what every plugin is: a unique name. A plugin implements one
// or more of the extension-point interfaces below; the scheduler finds
// them by type assertion.
type Plugin interface {
	Name() string
}

// PreEnqueuePlugin is called before a pod is added to the active queue.
// Anything but Success keeps the pod out (it waits in the unschedulable
// set, "gated", until an event makes the plugin's hints say Queue).
// PreEnqueue must be cheap: it runs on event handlers' goroutines.
type PreEnqueuePlugin interface {
	Plugin
	PreEnqueue(ctx context.Context, pod *apiobj.Pod) *Status
}

// QueueSortPlugin orders the active queue. A profile has exactly one, and
// all profiles of a scheduler must use the same one.
type QueueSortPlugin interface {
	Plugin
	// Less reports whether a should be scheduled before b.
	Less(a, b *QueuedPodInfo) bool
}

// PreFilterPlugin runs once per scheduling cycle before Filter. It may
// compute state for Filter (stored in the CycleState) and may restrict the
// nodes that Filter considers through PreFilterResult.
//
// Returning Skip skips this plugin's Filter for the cycle. Returning a
// rejection stops the cycle: the pod is unschedulable on every node.
type PreFilterPlugin interface {
	Plugin
	PreFilter(ctx context.Context, state *CycleState, pod *apiobj.Pod) (*PreFilterResult, *Status)
	// PreFilterExtensions returns the incremental updaters, or nil when the
	// plugin's state does not depend on other pods.
	PreFilterExtensions() PreFilterExtensions
}

// PreFilterExtensions update a plugin's PreFilter state when the
// scheduler evaluates a node as if a pod were added or removed (for
// nominated pods and preemption). state is a clone owned by the caller.
type PreFilterExtensions interface {
	AddPod(ctx context.Context, state *CycleState, podToSchedule *apiobj.Pod, podInfoToAdd *PodInfo, nodeInfo *NodeInfo) *Status
	RemovePod(ctx context.Context, state *CycleState, podToSchedule *apiobj.Pod, podInfoToRemove *PodInfo, nodeInfo *NodeInfo) *Status
}

// FilterPlugin decides whether the pod may run on a node. Filter runs for
// many nodes in parallel: it must be safe for concurrent use, must only
// read state and nodeInfo, and should not allocate on the success path.
// Return Unschedulable (or UnschedulableAndUnresolvable) with reasons that
// read well in "0/N nodes are available: 3 <reason>".
type FilterPlugin interface {
	Plugin
	Filter(ctx context.Context, state *CycleState, pod *apiobj.Pod, nodeInfo *NodeInfo) *Status
}

// PostFilterPlugin runs when no node passed Filter, typically to preempt.
// filteredNodeStatus holds each node's rejection. Success with a
// NominatingInfo nominates a node; Unschedulable means the plugin could
// not help (its reasons are added to the explanation).
type PostFilterPlugin interface {
	Plugin
	PostFilter(ctx context.Context, state *CycleState, pod *apiobj.Pod, filteredNodeStatus NodeToStatusReader) (*PostFilterResult, *Status)
}

// PreScorePlugin runs once before Score with the feasible nodes. Skip
// skips this plugin's Score for the cycle.
type PreScorePlugin interface {
	Plugin
	PreScore(ctx context.Context, state *CycleState, pod *apiobj.Pod, nodes []*NodeInfo) *Status
}

// ScorePlugin ranks feasible nodes. Score runs for many nodes in parallel
// and must be safe for concurrent use. Scores are normalised by
// ScoreExtensions (if any) into [MinNodeScore, MaxNodeScore], then
// multiplied by the plugin's weight.
type ScorePlugin interface {
	Plugin
	Score(ctx context.Context, state *CycleState, pod *apiobj.Pod, nodeInfo *NodeInfo) (int64, *Status)
	// ScoreExtensions returns the normaliser, or nil.
	ScoreExtensions() ScoreExtensions
}

// ScoreExtensions normalises a plugin's scores in place after all nodes
// are scored.
type ScoreExtensions interface {
	NormalizeScore(ctx context.Context, state *CycleState, pod *apiobj.Pod, scores NodeScoreList) *Status
}

// ReservePlugin is told when the scheduler reserves a node for a pod
// (Reserve, after the pod is assumed in the cache) and when that
// reservation is undone (Unreserve, on any later failure). If Reserve
// fails, the Unreserve of every Reserve plugin runs, in reverse order.
// Unreserve must be idempotent and must not fail; it may be called even if
// Reserve was never called for this plugin.
type ReservePlugin interface {
	Plugin
	Reserve(ctx context.Context, state *CycleState, pod *apiobj.Pod, nodeName string) *Status
	Unreserve(ctx context.Context, state *CycleState, pod *apiobj.Pod, nodeName string)
}

// PermitPlugin approves, rejects or delays binding. Returning Wait with a
// timeout parks the pod (see WaitingPod) until every waiting plugin allows
// it, any rejects it, or the shortest timeout expires (a rejection). The
// timeout is capped at 15 minutes.
type PermitPlugin interface {
	Plugin
	Permit(ctx context.Context, state *CycleState, pod *apiobj.Pod, nodeName string) (*Status, time.Duration)
}

// PreBindPlugin runs in the binding cycle before Bind, e.g. to provision
// volumes. A failure undoes the reservation and requeues the pod.
type PreBindPlugin interface {
	Plugin
	PreBind(ctx context.Context, state *CycleState, pod *apiobj.Pod, nodeName string) *Status
}

// BindPlugin binds the pod to the node. Bind plugins run in order until
// one returns anything but Skip. A failure undoes the reservation and
// requeues the pod.
type BindPlugin interface {
	Plugin
	Bind(ctx context.Context, state *CycleState, pod *apiobj.Pod, nodeName string) *Status
}

// PostBindPlugin is told after a successful bind. It cannot fail.
type PostBindPlugin interface {
	Plugin
	PostBind(ctx context.Context, state *CycleState, pod *apiobj.Pod, nodeName string)
}

// EnqueueExtensions is an optional ability of a plugin that rejects pods
// (PreEnqueue, PreFilter, Filter, Reserve, Permit): it lists the events
// that may make a pod it rejected schedulable, each with a hint that
// decides per pod. A rejecting plugin that does not implement it is
// treated as registering every event with no hint. Returning an empty
// list means no event helps: such pods wait for the flush timeout.
type EnqueueExtensions interface {
	Plugin
	EventsToRegister() ([]ClusterEventWithHint, error)
}

// PreFilterResult restricts the nodes that Filter evaluates.
type PreFilterResult struct {
	// NodeNames are the only nodes worth evaluating; nil means all nodes.
	// A non-nil empty set means none.
	NodeNames map[string]struct{}
}

// AllNodes reports whether r places no restriction.
func (r *PreFilterResult) AllNodes() bool { return r == nil || r.NodeNames == nil }

// Merge returns the intersection of r and in.
func (r *PreFilterResult) Merge(in *PreFilterResult) *PreFilterResult {
	if r.AllNodes() {
		return in
	}
	if in.AllNodes() {
		return r
	}
	out := make(map[string]struct{})
	for n := range r.NodeNames {
		if _, ok := in.NodeNames[n]; ok {
			out[n] = struct{}{}
		}
	}
	return &PreFilterResult{NodeNames: out}
}

// NominatingMode says what PostFilter asks the scheduler to do with the
// pod's nominated node.
type NominatingMode int

const (
	// ModeNoop leaves the nomination as it is.
	ModeNoop NominatingMode = iota
	// ModeOverride sets the nomination to NominatedNodeName ("" clears it).
	ModeOverride
)

// NominatingInfo is a request to change a pod's nominated node.
type NominatingInfo struct {
	NominatedNodeName string
	NominatingMode    NominatingMode
}

// Mode returns the mode; ModeNoop for nil.
func (n *NominatingInfo) Mode() NominatingMode {
	if n == nil {
		return ModeNoop
	}
	return n.NominatingMode
}

// PostFilterResult is what a PostFilter plugin asks for.
type PostFilterResult struct {
	*NominatingInfo
}

// NewPostFilterResultWithNominatedNode nominates name.
func NewPostFilterResultWithNominatedNode(name string) *PostFilterResult {
	return &PostFilterResult{&NominatingInfo{NominatedNodeName: name, NominatingMode: ModeOverride}}
}

// NodeScore is one node's score.
type NodeScore struct {
	Name  string
	Score int64
}

// NodeScoreList holds one plugin's scores, in the order of the nodes given
// to PreScore.
type NodeScoreList []NodeScore

// NodePluginScores is a node's total and per-plugin scores.
type NodePluginScores struct {
	Name       string
	Scores     []PluginScore
	TotalScore int64
}

// PluginScore is one plugin's weighted score for a node.
type PluginScore struct {
	Name  string
	Score int64
}
