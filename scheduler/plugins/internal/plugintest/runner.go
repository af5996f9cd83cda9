package plugintest

import (
	"context"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
)

// Runner is a framework.PluginRunner over a fixed list of plugins: it runs
// their PreFilter extensions and Filters in order. It does not add
// nominated pods.
type Runner struct {
	Plugins []framework.Plugin
}

var _ framework.PluginRunner = (*Runner)(nil)

// PreFilter runs every PreFilter, as a cycle would before Filter, and
// records Skips on state.
func (r *Runner) PreFilter(ctx context.Context, state *framework.CycleState, pod *apiobj.Pod) *framework.Status {
	for _, p := range r.Plugins {
		pf, ok := p.(framework.PreFilterPlugin)
		if !ok {
			continue
		}
		_, st := pf.PreFilter(ctx, state, pod)
		if st.IsSkip() {
			state.SkipFilter(p.Name())
			continue
		}
		if !st.IsSuccess() {
			return st.WithPlugin(p.Name())
		}
	}
	return nil
}

// RunFilterPluginsWithNominatedPods runs every Filter until one fails.
func (r *Runner) RunFilterPluginsWithNominatedPods(ctx context.Context, state *framework.CycleState, pod *apiobj.Pod, ni *framework.NodeInfo) *framework.Status {
	for _, p := range r.Plugins {
		f, ok := p.(framework.FilterPlugin)
		if !ok || state.FilterSkipped(p.Name()) {
			continue
		}
		if st := f.Filter(ctx, state, pod, ni); !st.IsSuccess() {
			return st.WithPlugin(p.Name())
		}
	}
	return nil
}

func (r *Runner) ext(state *framework.CycleState, fn func(framework.PreFilterExtensions) *framework.Status) *framework.Status {
	for _, p := range r.Plugins {
		pf, ok := p.(framework.PreFilterPlugin)
		if !ok || state.FilterSkipped(p.Name()) {
			continue
		}
		if e := pf.PreFilterExtensions(); e != nil {
			if st := fn(e); !st.IsSuccess() {
				return st
			}
		}
	}
	return nil
}

// RunPreFilterExtensionAddPod calls every AddPod.
func (r *Runner) RunPreFilterExtensionAddPod(ctx context.Context, state *framework.CycleState, pod *apiobj.Pod, pi *framework.PodInfo, ni *framework.NodeInfo) *framework.Status {
	return r.ext(state, func(e framework.PreFilterExtensions) *framework.Status { return e.AddPod(ctx, state, pod, pi, ni) })
}

// RunPreFilterExtensionRemovePod calls every RemovePod.
func (r *Runner) RunPreFilterExtensionRemovePod(ctx context.Context, state *framework.CycleState, pod *apiobj.Pod, pi *framework.PodInfo, ni *framework.NodeInfo) *framework.Status {
	return r.ext(state, func(e framework.PreFilterExtensions) *framework.Status { return e.RemovePod(ctx, state, pod, pi, ni) })
}
