package scheduler

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
)

// Bounds of the adaptive percentageOfNodesToScore, as in kube-scheduler.
const (
	minFeasibleNodesToFind           = 100
	minFeasibleNodesPercentageToFind = 5
)

// cycleBuffers are reused by every scheduling cycle; only the scheduling
// goroutine touches them.
type cycleBuffers struct {
	filters  []framework.FilterPlugin
	statuses []*framework.Status
	feasible []*framework.NodeInfo
	subset   []*framework.NodeInfo
	scorers  []int
	scores   [][]framework.NodeScore
	totals   []int64
}

// numFeasibleNodesToFind is how many feasible nodes Filter looks for
// before it stops.
func (s *Scheduler) numFeasibleNodesToFind(prof *profile, numAll int) int {
	if numAll < minFeasibleNodesToFind {
		return numAll
	}
	pct := s.cfg.PercentageOfNodesToScore
	if prof.percentage != nil {
		pct = *prof.percentage
	}
	if pct >= 100 {
		return numAll
	}
	if pct <= 0 {
		pct = int32(50 - numAll/125)
		if pct < minFeasibleNodesPercentageToFind {
			pct = minFeasibleNodesPercentageToFind
		}
	}
	n := numAll * int(pct) / 100
	if n < minFeasibleNodesToFind {
		return minFeasibleNodesToFind
	}
	return n
}

// parallel runs work(i) for i in [0, n) on s.workers goroutines, in
// chunks; work returns false to stop everything early.
func (s *Scheduler) parallel(n int, work func(i int) bool) {
	workers := min(s.workers, n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			if !work(i) {
				return
			}
		}
		return
	}
	chunk := framework.ChunkSize(n, workers)
	var next atomic.Int64
	var stop atomic.Bool
	run := func() {
		for !stop.Load() {
			start := int(next.Add(int64(chunk))) - chunk
			if start >= n {
				return
			}
			for i := start; i < min(start+chunk, n); i++ {
				if !work(i) {
					stop.Store(true)
					return
				}
			}
		}
	}
	var wg sync.WaitGroup
	wg.Add(workers - 1)
	for w := 1; w < workers; w++ {
		go func() {
			defer wg.Done()
			run()
		}()
	}
	run()
	wg.Wait()
}

// scheduleOne runs one scheduling cycle and starts its binding cycle. It
// returns false when the queue is closed.
func (s *Scheduler) scheduleOne(ctx context.Context) bool {
	qpi := s.queue.pop()
	if qpi == nil {
		return false
	}
	pod := qpi.Pod
	prof := s.profiles[profileName(pod)]
	if prof == nil || pod.DeletionTimestamp != nil {
		s.queue.done(pod)
		return true
	}
	start := time.Now()
	sampled := s.rand.IntN(100) < pluginMetricsSamplePercent
	state := framework.NewCycleState()

	s.cache.updateSnapshot(s.snapshot)
	host, fitErr, st := s.schedulePod(ctx, prof, state, qpi.PodInfo, sampled)
	if fitErr != nil {
		var nominating *framework.NominatingInfo
		if len(prof.postFilter) != 0 {
			if s.metrics != nil {
				s.metrics.preemptionAttempts.Inc()
			}
			res, pst := prof.runPostFilter(ctx, state, pod, fitErr.Diagnosis.NodeToStatus)
			if pst.Code() == framework.Error {
				s.logger.Error("PostFilter failed", "pod", podRef(pod), "err", pst.AsError())
			} else {
				fitErr.Diagnosis.PostFilterMsg = pst.Message()
			}
			if res != nil {
				nominating = res.NominatingInfo
			}
		}
		qpi.UnschedulablePlugins = fitErr.Diagnosis.UnschedulablePlugins
		qpi.PendingPlugins = fitErr.Diagnosis.PendingPlugins
		s.handleFailure(ctx, prof, qpi, framework.NewStatus(framework.Unschedulable), fitErr, nominating, start)
		return true
	}
	if !st.IsSuccess() {
		s.handleFailure(ctx, prof, qpi, st, nil, nil, start)
		return true
	}

	// Assume: the cache counts the pod on host from now on.
	assumed := *pod
	assumed.Spec.NodeName = host
	api := *qpi.PodInfo
	api.Pod = &assumed
	if err := s.cache.assumePod(&api); err != nil {
		s.handleFailure(ctx, prof, qpi, framework.AsStatus(err), nil, nil, start)
		return true
	}
	s.nominator.delete(pod)

	if st := prof.runReserve(ctx, state, &assumed, host); !st.IsSuccess() {
		s.undoAssume(ctx, prof, state, qpi, &assumed)
		s.rejectedBy(qpi, st)
		s.handleFailure(ctx, prof, qpi, st, nil, nil, start)
		s.released(&assumed)
		return true
	}
	if st := prof.runPermit(ctx, state, &assumed, host); !st.IsSuccess() && !st.IsWait() {
		s.undoAssume(ctx, prof, state, qpi, &assumed)
		s.rejectedBy(qpi, st)
		s.handleFailure(ctx, prof, qpi, st, nil, nil, start)
		s.released(&assumed)
		return true
	}

	s.bindWG.Add(1)
	go func() {
		defer s.bindWG.Done()
		s.bindingCycle(ctx, prof, state, qpi, &assumed, start)
	}()
	return true
}

// rejectedBy records the plugin of a rejection on qpi, for queueing hints.
func (s *Scheduler) rejectedBy(qpi *framework.QueuedPodInfo, st *framework.Status) {
	if !st.IsRejected() || st.Plugin() == "" {
		return
	}
	d := framework.Diagnosis{UnschedulablePlugins: qpi.UnschedulablePlugins, PendingPlugins: qpi.PendingPlugins}
	d.AddPlugin(st)
	qpi.UnschedulablePlugins, qpi.PendingPlugins = d.UnschedulablePlugins, d.PendingPlugins
}

// undoAssume runs Unreserve and forgets the assumed pod; the caller
// calls released after requeueing the pod.
func (s *Scheduler) undoAssume(ctx context.Context, prof *profile, state *framework.CycleState, qpi *framework.QueuedPodInfo, assumed *apiobj.Pod) {
	prof.runUnreserve(ctx, state, assumed, assumed.Spec.NodeName)
	s.cache.forgetPod(assumed)
	if qpi.Pod.Status.NominatedNodeName != "" {
		s.nominator.add(qpi.PodInfo, "")
	}
}

// released lets the pods that an undone reservation kept out try again.
// It runs after the pod itself was requeued, so that the pod does not
// count the event as one that could help it.
func (s *Scheduler) released(assumed *apiobj.Pod) {
	key := framework.PodKey(assumed)
	s.queue.moveAll(framework.EventAssignedPodDelete, assumed, nil, func(p *apiobj.Pod) bool {
		return framework.PodKey(p) != key
	})
}

// bindingCycle waits for Permit, then runs PreBind, Bind and PostBind.
func (s *Scheduler) bindingCycle(ctx context.Context, prof *profile, state *framework.CycleState, qpi *framework.QueuedPodInfo, assumed *apiobj.Pod, start time.Time) {
	host := assumed.Spec.NodeName
	st := prof.waitOnPermit(ctx, assumed)
	if st.IsSuccess() {
		st = prof.runPreBind(ctx, state, assumed, host)
	}
	if st.IsSuccess() {
		st = prof.runBind(ctx, state, assumed, host)
	}
	if !st.IsSuccess() {
		s.undoAssume(ctx, prof, state, qpi, assumed)
		s.rejectedBy(qpi, st)
		s.handleFailure(ctx, prof, qpi, st, nil, nil, start)
		s.released(assumed)
		return
	}
	switch {
	case s.queue.isDeleted(assumed):
		s.cache.forgetPod(assumed)
	case s.cfg.WaitForBindConfirmation:
		s.cache.finishBinding(assumed)
	default:
		s.cache.addPod(assumed)
		if s.index != nil {
			s.index.setIfPresent(assumed)
		}
		s.queue.moveAll(eventAssignedPodAdd, nil, assumed, nil)
	}
	if s.metrics != nil {
		s.metrics.attempt(resultScheduled, prof.name, time.Since(start))
		s.metrics.podAttempts.Observe(float64(qpi.Attempts))
	}
	prof.runPostBind(ctx, state, assumed, host)
	s.queue.done(assumed)
}

var eventAssignedPodAdd = framework.ClusterEvent{Resource: framework.Pod, ActionType: framework.Add}

// handleFailure requeues the pod and reports the failure.
func (s *Scheduler) handleFailure(ctx context.Context, prof *profile, qpi *framework.QueuedPodInfo, st *framework.Status, fitErr *framework.FitError, nominating *framework.NominatingInfo, start time.Time) {
	pod := qpi.Pod
	f := Failure{Pod: pod, Profile: prof.name, Reason: apiobj.PodReasonUnschedulable}
	result := resultUnschedulable
	switch {
	case fitErr != nil:
		f.Err = fitErr
	case st.IsRejected():
		f.Err = st.AsError()
	default:
		result = resultError
		f.Reason = apiobj.PodReasonSchedulerError
		f.Err = st.AsError()
		if f.Err == nil {
			f.Err = errors.New(st.String())
		}
	}
	f.Message = f.Err.Error()
	if s.metrics != nil {
		s.metrics.attempt(result, prof.name, time.Since(start))
	}
	if !s.queue.requeue(qpi) || ctx.Err() != nil {
		return // deleted meanwhile, or the scheduler is stopping
	}
	f.Pod = qpi.Pod // the latest version, if it changed in flight
	if nominating.Mode() == framework.ModeOverride {
		f.NominatedNodeName = nominating.NominatedNodeName
		s.nominator.add(qpi.PodInfo, nominating.NominatedNodeName)
		if nominating.NominatedNodeName == "" {
			s.nominator.delete(pod)
		}
		if s.cfg.Nominations != nil {
			if err := s.cfg.Nominations.SetNominatedNodeName(ctx, pod, nominating.NominatedNodeName); err != nil {
				s.logger.Error("recording nominated node", "pod", podRef(pod), "err", err)
			}
		}
	}
	if result == resultError {
		s.logger.Error("scheduling failed", "pod", podRef(pod), "err", f.Err)
	}
	if s.cfg.FailureHandler != nil {
		s.cfg.FailureHandler.HandleFailure(ctx, f)
	}
}

func podRef(p *apiobj.Pod) string { return p.Namespace + "/" + p.Name }

// schedulePod finds the best node for the pod. It returns the node, or
// a FitError when none fits, or a failure status.
func (s *Scheduler) schedulePod(ctx context.Context, prof *profile, state *framework.CycleState, pi *framework.PodInfo, sampled bool) (string, *framework.FitError, *framework.Status) {
	pod := pi.Pod
	numAll := s.snapshot.numNodes()
	if numAll == 0 {
		return "", &framework.FitError{Pod: pod, Diagnosis: framework.Diagnosis{NodeToStatus: framework.NewNodeToStatus(nil, nil)}}, nil
	}
	if pi.ParseError != nil {
		return "", nil, framework.AsStatus(fmt.Errorf("parsing pod affinity: %w", pi.ParseError))
	}
	diag := framework.Diagnosis{}
	pre, narrowedBy, st := prof.runPreFilter(ctx, state, pod, sampled, &diag)
	if !st.IsSuccess() {
		if !st.IsRejected() {
			return "", nil, st
		}
		diag.NodeToStatus = framework.NewNodeToStatus(nil, st)
		diag.PreFilterMsg = st.Message()
		return "", &framework.FitError{Pod: pod, NumAllNodes: numAll, Diagnosis: diag}, nil
	}

	// A nominated node is tried first; if it fits, it is taken.
	if nn := pod.Status.NominatedNodeName; nn != "" {
		if ni, err := s.snapshot.Get(nn); err == nil {
			ok := pre.AllNodes()
			if !ok {
				_, ok = pre.NodeNames[nn]
			}
			if ok {
				s.buf.filters = prof.activeFilters(state, s.buf.filters)
				if prof.filterWithNominated(ctx, s.buf.filters, state, pod, ni).IsSuccess() {
					return nn, nil, nil
				}
			}
		}
	}

	nodes := s.snapshot.list
	if !pre.AllNodes() {
		s.buf.subset = s.buf.subset[:0]
		for _, ni := range nodes {
			if _, ok := pre.NodeNames[ni.NodeName()]; ok {
				s.buf.subset = append(s.buf.subset, ni)
			}
		}
		nodes = s.buf.subset
	}
	feasible, st := s.findFeasible(ctx, prof, state, pod, nodes, sampled)
	if !st.IsSuccess() {
		return "", nil, st
	}
	if len(feasible) == 0 {
		m := make(map[string]*framework.Status, len(nodes))
		for i, st := range s.buf.statuses[:len(nodes)] {
			if st != nil {
				m[nodes[(s.lastStart+i)%len(nodes)].NodeName()] = st
				diag.AddPlugin(st)
			}
		}
		var absent *framework.Status
		if !pre.AllNodes() {
			absent = framework.NewStatus(framework.UnschedulableAndUnresolvable,
				fmt.Sprintf("node(s) didn't satisfy plugin(s) %v", narrowedBy))
		}
		diag.NodeToStatus = framework.NewNodeToStatus(m, absent)
		return "", &framework.FitError{Pod: pod, NumAllNodes: numAll, Diagnosis: diag}, nil
	}
	if len(feasible) == 1 {
		return feasible[0].NodeName(), nil, nil
	}
	host, st := s.scoreAndSelect(ctx, prof, state, pod, feasible, sampled)
	return host, nil, st
}

// findFeasible runs Filter over nodes in parallel, starting where the
// previous cycle stopped, until it has found numFeasibleNodesToFind.
// Rejections are left in s.buf.statuses, indexed by evaluation order
// from s.lastStart.
func (s *Scheduler) findFeasible(ctx context.Context, prof *profile, state *framework.CycleState, pod *apiobj.Pod, nodes []*framework.NodeInfo, sampled bool) ([]*framework.NodeInfo, *framework.Status) {
	start := time.Now()
	n := len(nodes)
	want := s.numFeasibleNodesToFind(prof, n)
	filters := prof.activeFilters(state, s.buf.filters)
	s.buf.filters = filters
	if cap(s.buf.statuses) < n {
		s.buf.statuses = make([]*framework.Status, n)
	}
	statuses := s.buf.statuses[:n]
	clear(statuses)
	if cap(s.buf.feasible) < want {
		s.buf.feasible = make([]*framework.NodeInfo, want)
	}
	feasible := s.buf.feasible[:want]
	startIdx := s.nextStart % n
	s.lastStart = startIdx

	if len(filters) == 0 && prof.nominator.count.Load() == 0 {
		for i := 0; i < want; i++ {
			feasible[i] = nodes[(startIdx+i)%n]
		}
		s.nextStart = (startIdx + want) % n
		return feasible, nil
	}

	var found, processed atomic.Int64
	var firstErr atomic.Pointer[framework.Status]
	s.parallel(n, func(i int) bool {
		ni := nodes[(startIdx+i)%n]
		var st *framework.Status
		if sampled && i%pluginMetricsNodeStride == 0 {
			st = prof.filterTimed(ctx, filters, state, pod, ni)
		} else {
			st = prof.filterWithNominated(ctx, filters, state, pod, ni)
		}
		processed.Add(1)
		if st.IsSuccess() {
			k := found.Add(1)
			if k > int64(want) {
				found.Add(-1)
				processed.Add(-1)
				return false
			}
			feasible[k-1] = ni
			return k < int64(want)
		}
		statuses[i] = st
		if st.Code() == framework.Error {
			firstErr.CompareAndSwap(nil, st)
			return false
		}
		return true
	})
	prof.observe(pointFilter, firstErr.Load(), start)
	if st := firstErr.Load(); st != nil {
		return nil, st
	}
	s.nextStart = (startIdx + int(processed.Load())) % n
	return feasible[:found.Load()], nil
}

// filterTimed is filterWithNominated that also records each plugin's
// duration (for sampled cycles).
func (prof *profile) filterTimed(ctx context.Context, filters []framework.FilterPlugin, state *framework.CycleState, pod *apiobj.Pod, ni *framework.NodeInfo) *framework.Status {
	if prof.nominator.count.Load() != 0 {
		return prof.filterWithNominated(ctx, filters, state, pod, ni)
	}
	for _, p := range filters {
		t := time.Now()
		s := p.Filter(ctx, state, pod, ni)
		prof.observePlugin(true, p.Name(), pointFilter, s, t)
		if !s.IsSuccess() {
			if !s.IsRejected() {
				return framework.AsStatus(fmt.Errorf("running Filter plugin %q: %w", p.Name(), s.AsError())).WithPlugin(p.Name())
			}
			return s.WithPlugin(p.Name())
		}
	}
	return nil
}

// scoreAndSelect runs PreScore, Score, NormalizeScore and weights, and
// picks a node with the highest total, at random among ties.
func (s *Scheduler) scoreAndSelect(ctx context.Context, prof *profile, state *framework.CycleState, pod *apiobj.Pod, feasible []*framework.NodeInfo, sampled bool) (string, *framework.Status) {
	if st := prof.runPreScore(ctx, state, pod, feasible, sampled); !st.IsSuccess() {
		return "", st
	}
	n := len(feasible)
	s.buf.scorers = s.buf.scorers[:0]
	for j, p := range prof.score {
		if !state.ScoreSkipped(p.Name()) {
			s.buf.scorers = append(s.buf.scorers, j)
		}
	}
	scorers := s.buf.scorers
	for len(s.buf.scores) < len(scorers) {
		s.buf.scores = append(s.buf.scores, nil)
	}
	for k := range scorers {
		if cap(s.buf.scores[k]) < n {
			s.buf.scores[k] = make([]framework.NodeScore, n)
		}
		s.buf.scores[k] = s.buf.scores[k][:n]
	}
	if cap(s.buf.totals) < n {
		s.buf.totals = make([]int64, n)
	}
	totals := s.buf.totals[:n]
	clear(totals)

	if len(scorers) != 0 {
		start := time.Now()
		var firstErr atomic.Pointer[framework.Status]
		s.parallel(n, func(i int) bool {
			ni := feasible[i]
			timed := sampled && i%pluginMetricsNodeStride == 0
			for k, j := range scorers {
				p := prof.score[j]
				var t time.Time
				if timed {
					t = time.Now()
				}
				sc, st := p.Score(ctx, state, pod, ni)
				if timed {
					prof.observePlugin(true, p.Name(), pointScore, st, t)
				}
				if !st.IsSuccess() {
					firstErr.CompareAndSwap(nil, framework.AsStatus(fmt.Errorf("running Score plugin %q: %w", p.Name(), st.AsError())).WithPlugin(p.Name()))
					return false
				}
				s.buf.scores[k][i] = framework.NodeScore{Name: ni.NodeName(), Score: sc}
			}
			return true
		})
		prof.observe(pointScore, firstErr.Load(), start)
		if st := firstErr.Load(); st != nil {
			return "", st
		}
		start = time.Now()
		for k, j := range scorers {
			p := prof.score[j]
			if ext := p.ScoreExtensions(); ext != nil {
				if st := ext.NormalizeScore(ctx, state, pod, s.buf.scores[k]); !st.IsSuccess() {
					return "", framework.AsStatus(fmt.Errorf("running NormalizeScore of plugin %q: %w", p.Name(), st.AsError())).WithPlugin(p.Name())
				}
			}
			w := prof.scoreWeight[j]
			for i, ns := range s.buf.scores[k] {
				if ns.Score < framework.MinNodeScore || ns.Score > framework.MaxNodeScore {
					return "", framework.AsStatus(fmt.Errorf("plugin %q returns an invalid score %d, it should in the range of [%d, %d] after normalizing",
						p.Name(), ns.Score, framework.MinNodeScore, framework.MaxNodeScore)).WithPlugin(p.Name())
				}
				totals[i] += ns.Score * w
			}
		}
		prof.observe(pointNormalize, nil, start)
	}

	// Reservoir sampling among the highest totals.
	best, ties := 0, 1
	for i := 1; i < n; i++ {
		switch {
		case totals[i] > totals[best]:
			best, ties = i, 1
		case totals[i] == totals[best]:
			ties++
			if s.rand.IntN(ties) == 0 {
				best = i
			}
		}
	}
	return feasible[best].NodeName(), nil
}
