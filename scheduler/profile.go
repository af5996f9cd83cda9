package scheduler

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/scheduler/framework"
)

// Extension point names, for metrics and errors.
const (
	pointPreEnqueue = "PreEnqueue"
	pointQueueSort  = "QueueSort"
	pointPreFilter  = "PreFilter"
	pointFilter     = "Filter"
	pointPostFilter = "PostFilter"
	pointPreScore   = "PreScore"
	pointScore      = "Score"
	pointNormalize  = "NormalizeScore"
	pointReserve    = "Reserve"
	pointUnreserve  = "Unreserve"
	pointPermit     = "Permit"
	pointPreBind    = "PreBind"
	pointBind       = "Bind"
	pointPostBind   = "PostBind"
)

// profile is one configured framework: the plugins of each extension
// point, in order, and the code that runs them.
type profile struct {
	name       string
	percentage *int32
	handle     framework.Handle
	metrics    *metrics
	nominator  *nominator
	waiting    *waitingPods
	clock      Clock

	plugins      map[string]framework.Plugin
	preEnqueue   []framework.PreEnqueuePlugin
	queueSort    framework.QueueSortPlugin
	preFilter    []framework.PreFilterPlugin
	preFilterExt []namedPreFilterExt
	filter       []framework.FilterPlugin
	postFilter   []framework.PostFilterPlugin
	preScore     []framework.PreScorePlugin
	score        []framework.ScorePlugin
	scoreWeight  []int64
	reserve      []framework.ReservePlugin
	permit       []framework.PermitPlugin
	preBind      []framework.PreBindPlugin
	bind         []framework.BindPlugin
	postBind     []framework.PostBindPlugin
	// hints maps each plugin that can reject pods to its registered
	// events. A rejecting plugin without EnqueueExtensions registers
	// every event.
	hints map[string][]framework.ClusterEventWithHint
}

type namedPreFilterExt struct {
	name string
	ext  framework.PreFilterExtensions
}

var _ framework.PluginRunner = (*profile)(nil)

// newProfile instantiates p's plugins from the registry.
func newProfile(cfg *Config, p Profile, h framework.Handle) (*profile, error) {
	prof := &profile{name: p.name(), percentage: p.PercentageOfNodesToScore, handle: h, plugins: map[string]framework.Plugin{}}
	h.Runner = prof
	prof.handle = h
	plugins := mergePlugins(cfg.DefaultPlugins, p.Plugins)
	fail := func(format string, args ...any) error {
		return fmt.Errorf("profile %q: %w: %s", prof.name, errdefs.ErrInvalid, fmt.Sprintf(format, args...))
	}

	args := map[string][]byte{}
	for _, pc := range p.PluginConfig {
		if _, dup := args[pc.Name]; dup {
			return nil, fail("repeated pluginConfig for %q", pc.Name)
		}
		args[pc.Name] = pc.Args
	}
	// Build every plugin enabled anywhere, in first-mention order.
	for _, ps := range pointSets(&plugins) {
		for _, ref := range ps.set.Enabled {
			if _, ok := prof.plugins[ref.Name]; ok {
				continue
			}
			factory, ok := cfg.Registry[ref.Name]
			if !ok {
				return nil, fail("plugin %q is not registered", ref.Name)
			}
			pl, err := factory(args[ref.Name], h)
			if err != nil {
				return nil, fmt.Errorf("profile %q: plugin %q: %w", prof.name, ref.Name, err)
			}
			if pl == nil || pl.Name() != ref.Name {
				return nil, fail("factory of %q built a plugin named %q", ref.Name, nameOf(pl))
			}
			prof.plugins[ref.Name] = pl
		}
	}
	for name := range args {
		if _, ok := prof.plugins[name]; !ok {
			return nil, fail("pluginConfig for %q, which is not enabled", name)
		}
	}

	multi := plugins.MultiPoint.Enabled
	for _, ps := range pointSets(&plugins) {
		if ps.point == "MultiPoint" {
			continue
		}
		refs, err := prof.expand(ps.point, *ps.set, multi)
		if err != nil {
			return nil, fail("%v", err)
		}
		for _, ref := range refs {
			if err := prof.addToPoint(ps.point, ref); err != nil {
				return nil, fail("%v", err)
			}
		}
	}
	prof.registerHints()
	return prof, nil
}

func nameOf(p framework.Plugin) string {
	if p == nil {
		return "<nil>"
	}
	return p.Name()
}

// expand orders one extension point's plugins as kube-scheduler does:
// first the point's own plugins that MultiPoint also names (in the
// point's order), then MultiPoint plugins that implement the point and
// that it does not disable, then the point's other plugins.
func (prof *profile) expand(point string, set framework.PluginSet, multi []framework.PluginRef) ([]framework.PluginRef, error) {
	disabled := map[string]bool{}
	for _, r := range set.Disabled {
		disabled[r.Name] = true
	}
	own := map[string]bool{}
	for _, r := range set.Enabled {
		if own[r.Name] {
			return nil, fmt.Errorf("plugin %q enabled twice at %s", r.Name, point)
		}
		own[r.Name] = true
		if !implements(prof.plugins[r.Name], point) {
			return nil, fmt.Errorf("plugin %q does not extend %s", r.Name, point)
		}
	}
	inMulti := map[string]bool{}
	var fromMulti []framework.PluginRef
	for _, r := range multi {
		if inMulti[r.Name] {
			continue
		}
		inMulti[r.Name] = true
		if own[r.Name] || disabled[r.Name] || disabled["*"] || !implements(prof.plugins[r.Name], point) {
			continue
		}
		fromMulti = append(fromMulti, r)
	}
	var out []framework.PluginRef
	for _, r := range set.Enabled {
		if inMulti[r.Name] {
			out = append(out, r)
		}
	}
	out = append(out, fromMulti...)
	for _, r := range set.Enabled {
		if !inMulti[r.Name] {
			out = append(out, r)
		}
	}
	return out, nil
}

func implements(p framework.Plugin, point string) bool {
	var ok bool
	switch point {
	case pointPreEnqueue:
		_, ok = p.(framework.PreEnqueuePlugin)
	case pointQueueSort:
		_, ok = p.(framework.QueueSortPlugin)
	case pointPreFilter:
		_, ok = p.(framework.PreFilterPlugin)
	case pointFilter:
		_, ok = p.(framework.FilterPlugin)
	case pointPostFilter:
		_, ok = p.(framework.PostFilterPlugin)
	case pointPreScore:
		_, ok = p.(framework.PreScorePlugin)
	case pointScore:
		_, ok = p.(framework.ScorePlugin)
	case pointReserve:
		_, ok = p.(framework.ReservePlugin)
	case pointPermit:
		_, ok = p.(framework.PermitPlugin)
	case pointPreBind:
		_, ok = p.(framework.PreBindPlugin)
	case pointBind:
		_, ok = p.(framework.BindPlugin)
	case pointPostBind:
		_, ok = p.(framework.PostBindPlugin)
	}
	return ok
}

func (prof *profile) addToPoint(point string, ref framework.PluginRef) error {
	p := prof.plugins[ref.Name]
	switch point {
	case pointPreEnqueue:
		prof.preEnqueue = append(prof.preEnqueue, p.(framework.PreEnqueuePlugin))
	case pointQueueSort:
		if prof.queueSort != nil {
			return fmt.Errorf("only one QueueSort plugin may be enabled, got %q and %q", prof.queueSort.Name(), ref.Name)
		}
		prof.queueSort = p.(framework.QueueSortPlugin)
	case pointPreFilter:
		pf := p.(framework.PreFilterPlugin)
		prof.preFilter = append(prof.preFilter, pf)
		if ext := pf.PreFilterExtensions(); ext != nil {
			prof.preFilterExt = append(prof.preFilterExt, namedPreFilterExt{ref.Name, ext})
		}
	case pointFilter:
		prof.filter = append(prof.filter, p.(framework.FilterPlugin))
	case pointPostFilter:
		prof.postFilter = append(prof.postFilter, p.(framework.PostFilterPlugin))
	case pointPreScore:
		prof.preScore = append(prof.preScore, p.(framework.PreScorePlugin))
	case pointScore:
		if ref.Weight < 0 {
			return fmt.Errorf("score plugin %q has negative weight %d", ref.Name, ref.Weight)
		}
		w := int64(ref.Weight)
		if w == 0 {
			w = 1
		}
		prof.score = append(prof.score, p.(framework.ScorePlugin))
		prof.scoreWeight = append(prof.scoreWeight, w)
	case pointReserve:
		prof.reserve = append(prof.reserve, p.(framework.ReservePlugin))
	case pointPermit:
		prof.permit = append(prof.permit, p.(framework.PermitPlugin))
	case pointPreBind:
		prof.preBind = append(prof.preBind, p.(framework.PreBindPlugin))
	case pointBind:
		prof.bind = append(prof.bind, p.(framework.BindPlugin))
	case pointPostBind:
		prof.postBind = append(prof.postBind, p.(framework.PostBindPlugin))
	}
	return nil
}

var allEvents = []framework.ClusterEventWithHint{{Event: framework.ClusterEvent{Resource: framework.WildCard, ActionType: framework.All}}}

// registerHints collects the events of the plugins that can reject pods.
func (prof *profile) registerHints() {
	prof.hints = map[string][]framework.ClusterEventWithHint{}
	var rejecting []framework.Plugin
	for _, p := range prof.preEnqueue {
		rejecting = append(rejecting, p)
	}
	for _, p := range prof.preFilter {
		rejecting = append(rejecting, p)
	}
	for _, p := range prof.filter {
		rejecting = append(rejecting, p)
	}
	for _, p := range prof.reserve {
		rejecting = append(rejecting, p)
	}
	for _, p := range prof.permit {
		rejecting = append(rejecting, p)
	}
	for _, p := range rejecting {
		if _, done := prof.hints[p.Name()]; done {
			continue
		}
		ext, ok := p.(framework.EnqueueExtensions)
		if !ok {
			prof.hints[p.Name()] = allEvents
			continue
		}
		evs, err := ext.EventsToRegister()
		if err != nil {
			prof.hints[p.Name()] = allEvents
			continue
		}
		prof.hints[p.Name()] = slices.Clip(evs)
	}
}

func (prof *profile) observe(point string, s *framework.Status, start time.Time) {
	if prof.metrics != nil {
		prof.metrics.extension(point, s, prof.name, start)
	}
}

func (prof *profile) observePlugin(sampled bool, plugin, point string, s *framework.Status, start time.Time) {
	if sampled && prof.metrics != nil {
		prof.metrics.plugin(plugin, point, s, time.Since(start))
	}
}

// runPreEnqueue runs PreEnqueue plugins until one does not succeed.
func (prof *profile) runPreEnqueue(ctx context.Context, pod *apiobj.Pod) *framework.Status {
	for _, p := range prof.preEnqueue {
		if s := p.PreEnqueue(ctx, pod); !s.IsSuccess() {
			if !s.IsRejected() {
				s = errorStatus(s)
			}
			return s.WithPlugin(p.Name())
		}
	}
	return nil
}

// errorStatus turns a status with an unexpected code into Error.
func errorStatus(s *framework.Status) *framework.Status {
	if s.Code() == framework.Error {
		return s
	}
	return framework.AsStatus(fmt.Errorf("unexpected status %v", s))
}

// runPreFilter runs every PreFilter plugin, merging their results and
// recording those that returned Skip. A rejection stops at once.
func (prof *profile) runPreFilter(ctx context.Context, state *framework.CycleState, pod *apiobj.Pod, sampled bool, d *framework.Diagnosis) (res *framework.PreFilterResult, narrowedBy []string, st *framework.Status) {
	start := time.Now()
	defer func() { prof.observe(pointPreFilter, st, start) }()
	for _, p := range prof.preFilter {
		t := time.Now()
		r, s := p.PreFilter(ctx, state, pod)
		prof.observePlugin(sampled, p.Name(), pointPreFilter, s, t)
		if s.IsSkip() {
			state.SkipFilter(p.Name())
			continue
		}
		if !s.IsSuccess() {
			s = s.WithPlugin(p.Name())
			if s.IsRejected() {
				d.AddPlugin(s)
				return nil, nil, s
			}
			return nil, nil, framework.AsStatus(fmt.Errorf("running PreFilter plugin %q: %w", p.Name(), s.AsError())).WithPlugin(p.Name())
		}
		if !r.AllNodes() {
			narrowedBy = append(narrowedBy, p.Name())
		}
		res = res.Merge(r)
		if !res.AllNodes() && len(res.NodeNames) == 0 {
			msg := "node(s) didn't satisfy plugin " + p.Name()
			if len(narrowedBy) > 1 {
				msg = fmt.Sprintf("node(s) didn't satisfy plugins %v simultaneously", narrowedBy)
			}
			s := framework.NewStatus(framework.UnschedulableAndUnresolvable, msg).WithPlugin(p.Name())
			d.AddPlugin(s)
			return nil, nil, s
		}
	}
	return res, narrowedBy, nil
}

// runFilter runs the given filters on one node and returns the first
// rejection, with the plugin named.
func runFilter(ctx context.Context, filters []framework.FilterPlugin, state *framework.CycleState, pod *apiobj.Pod, ni *framework.NodeInfo) *framework.Status {
	for _, p := range filters {
		if s := p.Filter(ctx, state, pod, ni); !s.IsSuccess() {
			if !s.IsRejected() {
				return framework.AsStatus(fmt.Errorf("running Filter plugin %q: %w", p.Name(), s.AsError())).WithPlugin(p.Name())
			}
			return s.WithPlugin(p.Name())
		}
	}
	return nil
}

// activeFilters returns the filters not skipped in state, reusing buf.
func (prof *profile) activeFilters(state *framework.CycleState, buf []framework.FilterPlugin) []framework.FilterPlugin {
	buf = buf[:0]
	for _, p := range prof.filter {
		if !state.FilterSkipped(p.Name()) {
			buf = append(buf, p)
		}
	}
	return buf
}

// filterWithNominated runs filters on ni with the nominated pods of
// higher or equal priority added (if any), and then without them: the
// pod must fit both ways, as in kube-scheduler.
func (prof *profile) filterWithNominated(ctx context.Context, filters []framework.FilterPlugin, state *framework.CycleState, pod *apiobj.Pod, ni *framework.NodeInfo) *framework.Status {
	if prof.nominator.count.Load() != 0 {
		added, st, info, err := prof.addNominatedPods(ctx, state, pod, ni)
		if err != nil {
			return err
		}
		if added {
			if s := runFilter(ctx, filters, st, pod, info); !s.IsSuccess() {
				return s
			}
		}
	}
	return runFilter(ctx, filters, state, pod, ni)
}

func podPriority(pod *apiobj.Pod) int32 {
	if pod.Spec.Priority != nil {
		return *pod.Spec.Priority
	}
	return 0
}

// addNominatedPods returns clones of state and ni with the pods
// nominated to ni's node that have priority >= pod's added.
func (prof *profile) addNominatedPods(ctx context.Context, state *framework.CycleState, pod *apiobj.Pod, ni *framework.NodeInfo) (bool, *framework.CycleState, *framework.NodeInfo, *framework.Status) {
	if ni.Node() == nil {
		return false, state, ni, nil
	}
	nominated := prof.nominator.NominatedPodsForNode(ni.NodeName())
	if len(nominated) == 0 {
		return false, state, ni, nil
	}
	var stateOut *framework.CycleState
	var niOut *framework.NodeInfo
	prio := podPriority(pod)
	key := framework.PodKey(pod)
	for _, pi := range nominated {
		if podPriority(pi.Pod) < prio || framework.PodKey(pi.Pod) == key {
			continue
		}
		if stateOut == nil {
			stateOut, niOut = state.Clone(), ni.Clone()
		}
		niOut.AddPodInfo(pi)
		if s := prof.RunPreFilterExtensionAddPod(ctx, stateOut, pod, pi, niOut); !s.IsSuccess() {
			return false, state, ni, s
		}
	}
	if stateOut == nil {
		return false, state, ni, nil
	}
	return true, stateOut, niOut, nil
}

// RunFilterPluginsWithNominatedPods implements framework.PluginRunner.
func (prof *profile) RunFilterPluginsWithNominatedPods(ctx context.Context, state *framework.CycleState, pod *apiobj.Pod, ni *framework.NodeInfo) *framework.Status {
	return prof.filterWithNominated(ctx, prof.activeFilters(state, nil), state, pod, ni)
}

// RunPreFilterExtensionAddPod implements framework.PluginRunner.
func (prof *profile) RunPreFilterExtensionAddPod(ctx context.Context, state *framework.CycleState, podToSchedule *apiobj.Pod, add *framework.PodInfo, ni *framework.NodeInfo) *framework.Status {
	for _, e := range prof.preFilterExt {
		if state.FilterSkipped(e.name) {
			continue
		}
		if s := e.ext.AddPod(ctx, state, podToSchedule, add, ni); !s.IsSuccess() {
			return framework.AsStatus(fmt.Errorf("running AddPod on PreFilter plugin %q: %w", e.name, s.AsError())).WithPlugin(e.name)
		}
	}
	return nil
}

// RunPreFilterExtensionRemovePod implements framework.PluginRunner.
func (prof *profile) RunPreFilterExtensionRemovePod(ctx context.Context, state *framework.CycleState, podToSchedule *apiobj.Pod, remove *framework.PodInfo, ni *framework.NodeInfo) *framework.Status {
	for _, e := range prof.preFilterExt {
		if state.FilterSkipped(e.name) {
			continue
		}
		if s := e.ext.RemovePod(ctx, state, podToSchedule, remove, ni); !s.IsSuccess() {
			return framework.AsStatus(fmt.Errorf("running RemovePod on PreFilter plugin %q: %w", e.name, s.AsError())).WithPlugin(e.name)
		}
	}
	return nil
}

// runPostFilter runs PostFilter plugins until one succeeds or returns
// UnschedulableAndUnresolvable; otherwise the reasons are gathered.
func (prof *profile) runPostFilter(ctx context.Context, state *framework.CycleState, pod *apiobj.Pod, m framework.NodeToStatusReader) (res *framework.PostFilterResult, st *framework.Status) {
	start := time.Now()
	defer func() { prof.observe(pointPostFilter, st, start) }()
	var reasons []string
	var rejector string
	for _, p := range prof.postFilter {
		r, s := p.PostFilter(ctx, state, pod, m)
		if s.IsSuccess() {
			return r, nil
		}
		if s.Code() == framework.UnschedulableAndUnresolvable {
			return r, s.WithPlugin(p.Name())
		}
		if !s.IsRejected() {
			return nil, framework.AsStatus(fmt.Errorf("running PostFilter plugin %q: %w", p.Name(), s.AsError())).WithPlugin(p.Name())
		}
		if r != nil && r.Mode() != framework.ModeNoop {
			res = r
		}
		reasons = append(reasons, s.Reasons()...)
		rejector = p.Name()
	}
	if len(prof.postFilter) == 0 {
		return nil, framework.NewStatus(framework.Unschedulable)
	}
	return res, framework.NewStatus(framework.Unschedulable, reasons...).WithPlugin(rejector)
}

// runPreScore runs PreScore plugins, recording Skips.
func (prof *profile) runPreScore(ctx context.Context, state *framework.CycleState, pod *apiobj.Pod, nodes []*framework.NodeInfo, sampled bool) (st *framework.Status) {
	start := time.Now()
	defer func() { prof.observe(pointPreScore, st, start) }()
	for _, p := range prof.preScore {
		t := time.Now()
		s := p.PreScore(ctx, state, pod, nodes)
		prof.observePlugin(sampled, p.Name(), pointPreScore, s, t)
		if s.IsSkip() {
			state.SkipScore(p.Name())
			continue
		}
		if !s.IsSuccess() {
			return framework.AsStatus(fmt.Errorf("running PreScore plugin %q: %w", p.Name(), s.AsError())).WithPlugin(p.Name())
		}
	}
	return nil
}

// runReserve runs Reserve plugins in order; on failure the caller runs
// runUnreserve.
func (prof *profile) runReserve(ctx context.Context, state *framework.CycleState, pod *apiobj.Pod, node string) (st *framework.Status) {
	start := time.Now()
	defer func() { prof.observe(pointReserve, st, start) }()
	for _, p := range prof.reserve {
		if s := p.Reserve(ctx, state, pod, node); !s.IsSuccess() {
			if s.IsRejected() {
				return s.WithPlugin(p.Name())
			}
			return framework.AsStatus(fmt.Errorf("running Reserve plugin %q: %w", p.Name(), s.AsError())).WithPlugin(p.Name())
		}
	}
	return nil
}

// runUnreserve runs every Unreserve, in reverse order.
func (prof *profile) runUnreserve(ctx context.Context, state *framework.CycleState, pod *apiobj.Pod, node string) {
	start := time.Now()
	for i := len(prof.reserve) - 1; i >= 0; i-- {
		prof.reserve[i].Unreserve(ctx, state, pod, node)
	}
	prof.observe(pointUnreserve, nil, start)
}

// runPermit runs Permit plugins. Wait parks the pod in the waiting map
// and returns Wait; a rejection is returned with its plugin.
func (prof *profile) runPermit(ctx context.Context, state *framework.CycleState, pod *apiobj.Pod, node string) (st *framework.Status) {
	start := time.Now()
	defer func() { prof.observe(pointPermit, st, start) }()
	var timeouts map[string]time.Duration
	for _, p := range prof.permit {
		s, d := p.Permit(ctx, state, pod, node)
		if s.IsSuccess() {
			continue
		}
		if s.IsRejected() {
			return s.WithPlugin(p.Name())
		}
		if s.IsWait() {
			if timeouts == nil {
				timeouts = map[string]time.Duration{}
			}
			timeouts[p.Name()] = d
			continue
		}
		return framework.AsStatus(fmt.Errorf("running Permit plugin %q: %w", p.Name(), s.AsError())).WithPlugin(p.Name())
	}
	if timeouts != nil {
		prof.waiting.add(newWaitingPod(prof.clock, pod, timeouts))
		return framework.NewStatus(framework.Wait)
	}
	return nil
}

// waitOnPermit blocks until a parked pod is allowed or rejected.
func (prof *profile) waitOnPermit(ctx context.Context, pod *apiobj.Pod) *framework.Status {
	key := framework.PodKey(pod)
	wp := prof.waiting.get(key)
	if wp == nil {
		return nil
	}
	defer prof.waiting.remove(key)
	select {
	case s := <-wp.done:
		return s
	case <-ctx.Done():
		wp.Reject("", "scheduler stopped")
		return framework.AsStatus(ctx.Err())
	}
}

func (prof *profile) runPreBind(ctx context.Context, state *framework.CycleState, pod *apiobj.Pod, node string) (st *framework.Status) {
	start := time.Now()
	defer func() { prof.observe(pointPreBind, st, start) }()
	for _, p := range prof.preBind {
		if s := p.PreBind(ctx, state, pod, node); !s.IsSuccess() {
			if s.IsRejected() {
				return s.WithPlugin(p.Name())
			}
			return framework.AsStatus(fmt.Errorf("running PreBind plugin %q: %w", p.Name(), s.AsError())).WithPlugin(p.Name())
		}
	}
	return nil
}

// errNoBinder is returned when no Bind plugin handled a pod and there is
// no Binder.
var errNoBinder = errors.New("no Bind plugin bound the pod and no Binder is configured")

// runBind runs Bind plugins until one does not Skip; if all skip, the
// handle's Binder binds.
func (prof *profile) runBind(ctx context.Context, state *framework.CycleState, pod *apiobj.Pod, node string) (st *framework.Status) {
	start := time.Now()
	defer func() { prof.observe(pointBind, st, start) }()
	for _, p := range prof.bind {
		s := p.Bind(ctx, state, pod, node)
		if s.IsSkip() {
			continue
		}
		if !s.IsSuccess() {
			if s.IsRejected() {
				return s.WithPlugin(p.Name())
			}
			return framework.AsStatus(fmt.Errorf("running Bind plugin %q: %w", p.Name(), s.AsError())).WithPlugin(p.Name())
		}
		return nil
	}
	if prof.handle.Binder == nil {
		return framework.AsStatus(errNoBinder)
	}
	if err := prof.handle.Binder.Bind(ctx, pod, node); err != nil {
		return framework.AsStatus(fmt.Errorf("binding: %w", err))
	}
	return nil
}

func (prof *profile) runPostBind(ctx context.Context, state *framework.CycleState, pod *apiobj.Pod, node string) {
	start := time.Now()
	for _, p := range prof.postBind {
		p.PostBind(ctx, state, pod, node)
	}
	prof.observe(pointPostBind, nil, start)
}
