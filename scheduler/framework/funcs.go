package framework

import (
	"context"
	"encoding/json"
	"time"

	"github.com/orcaproj/orca/apiobj"
)

// Func adapters. Each XxxFunc implements the Xxx method of its extension
// point; Named turns it into a plugin with a name:
//
//	noGPU := framework.FilterFunc(func(ctx context.Context, s *framework.CycleState,
//		pod *apiobj.Pod, n *framework.NodeInfo) *framework.Status { ... }).Named("NoGPU")
//
// FactoryOf wraps such a plugin for a Registry.

type named struct{ name string }

func (n named) Name() string { return n.name }

// PreEnqueueFunc adapts a function to PreEnqueuePlugin.
type PreEnqueueFunc func(ctx context.Context, pod *apiobj.Pod) *Status

// PreEnqueue calls f.
func (f PreEnqueueFunc) PreEnqueue(ctx context.Context, pod *apiobj.Pod) *Status { return f(ctx, pod) }

// Named returns f as a plugin called name.
func (f PreEnqueueFunc) Named(name string) PreEnqueuePlugin {
	return struct {
		named
		PreEnqueueFunc
	}{named{name}, f}
}

// LessFunc adapts a function to QueueSortPlugin.
type LessFunc func(a, b *QueuedPodInfo) bool

// Less calls f.
func (f LessFunc) Less(a, b *QueuedPodInfo) bool { return f(a, b) }

// Named returns f as a plugin called name.
func (f LessFunc) Named(name string) QueueSortPlugin {
	return struct {
		named
		LessFunc
	}{named{name}, f}
}

// PreFilterFunc adapts a function to PreFilterPlugin with no extensions.
type PreFilterFunc func(ctx context.Context, state *CycleState, pod *apiobj.Pod) (*PreFilterResult, *Status)

// PreFilter calls f.
func (f PreFilterFunc) PreFilter(ctx context.Context, state *CycleState, pod *apiobj.Pod) (*PreFilterResult, *Status) {
	return f(ctx, state, pod)
}

// PreFilterExtensions returns nil.
func (f PreFilterFunc) PreFilterExtensions() PreFilterExtensions { return nil }

// Named returns f as a plugin called name.
func (f PreFilterFunc) Named(name string) PreFilterPlugin {
	return struct {
		named
		PreFilterFunc
	}{named{name}, f}
}

// FilterFunc adapts a function to FilterPlugin.
type FilterFunc func(ctx context.Context, state *CycleState, pod *apiobj.Pod, nodeInfo *NodeInfo) *Status

// Filter calls f.
func (f FilterFunc) Filter(ctx context.Context, state *CycleState, pod *apiobj.Pod, nodeInfo *NodeInfo) *Status {
	return f(ctx, state, pod, nodeInfo)
}

// Named returns f as a plugin called name.
func (f FilterFunc) Named(name string) FilterPlugin {
	return struct {
		named
		FilterFunc
	}{named{name}, f}
}

// PostFilterFunc adapts a function to PostFilterPlugin.
type PostFilterFunc func(ctx context.Context, state *CycleState, pod *apiobj.Pod, filteredNodeStatus NodeToStatusReader) (*PostFilterResult, *Status)

// PostFilter calls f.
func (f PostFilterFunc) PostFilter(ctx context.Context, state *CycleState, pod *apiobj.Pod, m NodeToStatusReader) (*PostFilterResult, *Status) {
	return f(ctx, state, pod, m)
}

// Named returns f as a plugin called name.
func (f PostFilterFunc) Named(name string) PostFilterPlugin {
	return struct {
		named
		PostFilterFunc
	}{named{name}, f}
}

// PreScoreFunc adapts a function to PreScorePlugin.
type PreScoreFunc func(ctx context.Context, state *CycleState, pod *apiobj.Pod, nodes []*NodeInfo) *Status

// PreScore calls f.
func (f PreScoreFunc) PreScore(ctx context.Context, state *CycleState, pod *apiobj.Pod, nodes []*NodeInfo) *Status {
	return f(ctx, state, pod, nodes)
}

// Named returns f as a plugin called name.
func (f PreScoreFunc) Named(name string) PreScorePlugin {
	return struct {
		named
		PreScoreFunc
	}{named{name}, f}
}

// ScoreFunc adapts a function to ScorePlugin with no normaliser: its
// scores must already lie in [MinNodeScore, MaxNodeScore].
type ScoreFunc func(ctx context.Context, state *CycleState, pod *apiobj.Pod, nodeInfo *NodeInfo) (int64, *Status)

// Score calls f.
func (f ScoreFunc) Score(ctx context.Context, state *CycleState, pod *apiobj.Pod, nodeInfo *NodeInfo) (int64, *Status) {
	return f(ctx, state, pod, nodeInfo)
}

// ScoreExtensions returns nil.
func (f ScoreFunc) ScoreExtensions() ScoreExtensions { return nil }

// Named returns f as a plugin called name.
func (f ScoreFunc) Named(name string) ScorePlugin {
	return struct {
		named
		ScoreFunc
	}{named{name}, f}
}

// PermitFunc adapts a function to PermitPlugin.
type PermitFunc func(ctx context.Context, state *CycleState, pod *apiobj.Pod, nodeName string) (*Status, time.Duration)

// Permit calls f.
func (f PermitFunc) Permit(ctx context.Context, state *CycleState, pod *apiobj.Pod, nodeName string) (*Status, time.Duration) {
	return f(ctx, state, pod, nodeName)
}

// Named returns f as a plugin called name.
func (f PermitFunc) Named(name string) PermitPlugin {
	return struct {
		named
		PermitFunc
	}{named{name}, f}
}

// PreBindFunc adapts a function to PreBindPlugin.
type PreBindFunc func(ctx context.Context, state *CycleState, pod *apiobj.Pod, nodeName string) *Status

// PreBind calls f.
func (f PreBindFunc) PreBind(ctx context.Context, state *CycleState, pod *apiobj.Pod, nodeName string) *Status {
	return f(ctx, state, pod, nodeName)
}

// Named returns f as a plugin called name.
func (f PreBindFunc) Named(name string) PreBindPlugin {
	return struct {
		named
		PreBindFunc
	}{named{name}, f}
}

// BindFunc adapts a function to BindPlugin.
type BindFunc func(ctx context.Context, state *CycleState, pod *apiobj.Pod, nodeName string) *Status

// Bind calls f.
func (f BindFunc) Bind(ctx context.Context, state *CycleState, pod *apiobj.Pod, nodeName string) *Status {
	return f(ctx, state, pod, nodeName)
}

// Named returns f as a plugin called name.
func (f BindFunc) Named(name string) BindPlugin {
	return struct {
		named
		BindFunc
	}{named{name}, f}
}

// PostBindFunc adapts a function to PostBindPlugin.
type PostBindFunc func(ctx context.Context, state *CycleState, pod *apiobj.Pod, nodeName string)

// PostBind calls f.
func (f PostBindFunc) PostBind(ctx context.Context, state *CycleState, pod *apiobj.Pod, nodeName string) {
	f(ctx, state, pod, nodeName)
}

// Named returns f as a plugin called name.
func (f PostBindFunc) Named(name string) PostBindPlugin {
	return struct {
		named
		PostBindFunc
	}{named{name}, f}
}

// FactoryOf returns a Factory that ignores its arguments and handle and
// returns p. It suits plugins built from func adapters.
func FactoryOf(p Plugin) Factory {
	return func(json.RawMessage, Handle) (Plugin, error) { return p, nil }
}
