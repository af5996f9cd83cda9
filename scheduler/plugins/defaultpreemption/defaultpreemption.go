package defaultpreemption

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins/internal/schedutil"
)

// Name is the plugin's name in the registry and in profiles.
const Name = "DefaultPreemption"

// Messages, worded as kube-scheduler words them.
const (
	MsgNoVictims          = "No preemption victims found for incoming pod"
	MsgNotHelpful         = "Preemption is not helpful for scheduling"
	MsgPolicyNever        = "not eligible due to preemptionPolicy=Never."
	MsgTerminatingVictims = "not eligible due to a terminating pod on the nominated node."
)

// Args configure the plugin.
type Args struct {
	// MinCandidateNodesPercentage of the nodes are dry-run at least; 0..100,
	// default 10.
	MinCandidateNodesPercentage *int32 `json:"minCandidateNodesPercentage,omitempty"`
	// MinCandidateNodesAbsolute nodes are dry-run at least; default 100.
	MinCandidateNodesAbsolute *int32 `json:"minCandidateNodesAbsolute,omitempty"`
}

// DefaultPreemption preempts lower-priority pods.
type DefaultPreemption struct {
	h          framework.Handle
	minPercent int32
	minAbs     int32
	now        func() time.Time
	randIntN   func(n int) int
}

var _ framework.PostFilterPlugin = (*DefaultPreemption)(nil)

// New is the plugin's framework.Factory. raw holds Args, or is empty. It
// uses the handle's Snapshot, Parallelizer, Runner, Nominator, WaitingPods
// and, when set, PDBs and Evictor; without an Evictor it finds and reports
// candidates but fails with an Error status rather than evict.
func New(raw json.RawMessage, h framework.Handle) (framework.Plugin, error) {
	var args Args
	if err := framework.DecodeArgs(raw, &args); err != nil {
		return nil, fmt.Errorf("%s: %w", Name, err)
	}
	pl := &DefaultPreemption{h: h, minPercent: 10, minAbs: 100, now: time.Now, randIntN: rand.IntN}
	if args.MinCandidateNodesPercentage != nil {
		pl.minPercent = *args.MinCandidateNodesPercentage
	}
	if args.MinCandidateNodesAbsolute != nil {
		pl.minAbs = *args.MinCandidateNodesAbsolute
	}
	if pl.minPercent < 0 || pl.minPercent > 100 {
		return nil, fmt.Errorf("%s args: minCandidateNodesPercentage: %d not in valid range [0, 100]", Name, pl.minPercent)
	}
	if pl.minAbs < 0 {
		return nil, fmt.Errorf("%s args: minCandidateNodesAbsolute: %d not in valid range [0, inf)", Name, pl.minAbs)
	}
	if pl.minPercent == 0 && pl.minAbs == 0 {
		return nil, fmt.Errorf("%s args: minCandidateNodesPercentage and minCandidateNodesAbsolute cannot both be zero", Name)
	}
	if h.Snapshot == nil || h.Runner == nil {
		return nil, fmt.Errorf("%s: the handle needs a Snapshot and a Runner", Name)
	}
	if pl.h.Parallelizer == nil {
		pl.h.Parallelizer = framework.NewParallelizer(1)
	}
	return pl, nil
}

// Name returns Name.
func (*DefaultPreemption) Name() string { return Name }

// PostFilter tries to make room for pod by preempting lower-priority pods.
func (pl *DefaultPreemption) PostFilter(ctx context.Context, state *framework.CycleState, pod *apiobj.Pod, m framework.NodeToStatusReader) (*framework.PostFilterResult, *framework.Status) {
	res, st := pl.preempt(ctx, state, pod, m)
	if msg := st.Message(); msg != "" && st.Code() != framework.Error {
		return res, framework.NewStatus(st.Code(), "preemption: "+msg)
	}
	return res, st
}

func (pl *DefaultPreemption) preempt(ctx context.Context, state *framework.CycleState, pod *apiobj.Pod, m framework.NodeToStatusReader) (*framework.PostFilterResult, *framework.Status) {
	if ok, msg := pl.eligible(pod, m); !ok {
		return nil, framework.NewStatus(framework.Unschedulable, msg)
	}
	all, err := pl.h.Snapshot.NodeInfos().List()
	if err != nil {
		return nil, framework.AsStatus(err)
	}
	if len(all) == 0 {
		return nil, framework.AsStatus(framework.ErrNoNodesAvailable)
	}
	cands, statuses, err := pl.findCandidates(ctx, state, pod, m)
	if err != nil {
		return nil, framework.AsStatus(err)
	}
	if len(cands) == 0 {
		fe := &framework.FitError{Pod: pod, NumAllNodes: len(all), Diagnosis: framework.Diagnosis{NodeToStatus: statuses}}
		return framework.NewPostFilterResultWithNominatedNode(""),
			framework.NewStatus(framework.Unschedulable, strings.TrimSuffix(fe.Error(), "."))
	}
	best := cands[pickOne(cands, pl.now())]
	if st := pl.prepare(ctx, &best, pod); !st.IsSuccess() {
		return nil, st
	}
	return framework.NewPostFilterResultWithNominatedNode(best.Node), nil
}

// eligible reports whether pod may preempt others.
func (pl *DefaultPreemption) eligible(pod *apiobj.Pod, m framework.NodeToStatusReader) (bool, string) {
	if p := pod.Spec.PreemptionPolicy; p != nil && *p == apiobj.PreemptNever {
		return false, MsgPolicyNever
	}
	nom := pod.Status.NominatedNodeName
	if nom == "" {
		return true, ""
	}
	// If the pod was rejected as unresolvable on its nominated node,
	// preempting elsewhere is worth a try.
	if m.Get(nom).Code() == framework.UnschedulableAndUnresolvable {
		return true, ""
	}
	if ni, err := pl.h.Snapshot.NodeInfos().Get(nom); err == nil {
		prio := schedutil.PodPriority(pod)
		for _, p := range ni.Pods {
			if p.Pod.DeletionTimestamp != nil && schedutil.PodPriority(p.Pod) < prio {
				// Wait for the earlier victims to go.
				return false, MsgTerminatingVictims
			}
		}
	}
	return true, ""
}

// numCandidates is how many candidates to find among n potential nodes.
func (pl *DefaultPreemption) numCandidates(n int) int {
	c := n * int(pl.minPercent) / 100
	c = max(c, int(pl.minAbs))
	return min(c, n)
}

type result struct {
	idx  int
	cand Candidate
}

// findCandidates dry-runs preemption on the nodes that failed as
// Unschedulable. statuses holds why each evaluated node failed.
func (pl *DefaultPreemption) findCandidates(ctx context.Context, state *framework.CycleState, pod *apiobj.Pod, m framework.NodeToStatusReader) ([]Candidate, *framework.NodeToStatus, error) {
	potential, err := m.NodesForStatusCode(pl.h.Snapshot.NodeInfos(), framework.Unschedulable)
	if err != nil {
		return nil, nil, err
	}
	statuses := framework.NewNodeToStatus(nil, framework.NewStatus(framework.UnschedulableAndUnresolvable, MsgNotHelpful))
	if len(potential) == 0 {
		return nil, statuses, nil
	}
	var pdbs []pdbInfo
	if pl.h.PDBs != nil {
		list, err := pl.h.PDBs.ListPDBs()
		if err != nil {
			return nil, nil, fmt.Errorf("listing PodDisruptionBudgets: %w", err)
		}
		pdbs = compilePDBs(list)
	}
	n := len(potential)
	want := pl.numCandidates(n)
	offset := pl.randIntN(n)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu                      sync.Mutex
		nonViolating, violating []result
		failed                  = map[string]*framework.Status{}
		runErr                  error
	)
	pl.h.Parallelizer.Until(ctx, n, func(i int) {
		idx := (offset + i) % n
		ni := potential[idx].Clone()
		victims, violations, st, err := pl.selectVictims(ctx, state.Clone(), pod, ni, pdbs)
		mu.Lock()
		defer mu.Unlock()
		switch {
		case err != nil:
			if runErr == nil {
				runErr = err
			}
			cancel()
		case st.IsSuccess() && len(victims) != 0:
			r := result{idx: i, cand: Candidate{Node: ni.NodeName(), Victims: victims, NumPDBViolations: violations}}
			if violations == 0 {
				nonViolating = append(nonViolating, r)
			} else {
				violating = append(violating, r)
			}
			if len(nonViolating) > 0 && len(nonViolating)+len(violating) >= want {
				cancel()
			}
		case !st.IsSuccess():
			failed[ni.NodeName()] = st
		}
	})
	if runErr != nil {
		return nil, nil, runErr
	}
	byOrder := func(a, b result) int { return a.idx - b.idx }
	slices.SortFunc(nonViolating, byOrder)
	slices.SortFunc(violating, byOrder)
	out := make([]Candidate, 0, len(nonViolating)+len(violating))
	for _, r := range nonViolating {
		out = append(out, r.cand)
	}
	for _, r := range violating {
		out = append(out, r.cand)
	}
	for name, st := range failed {
		statuses.Set(name, st)
	}
	return out, statuses, nil
}

var statusNoVictims = framework.NewStatus(framework.UnschedulableAndUnresolvable, MsgNoVictims)

// selectVictims finds the fewest, least important pods to remove from ni
// (a clone) for pod to fit, preferring to spare pods protected by PDBs.
// Victims come most important first.
func (pl *DefaultPreemption) selectVictims(ctx context.Context, state *framework.CycleState, pod *apiobj.Pod, ni *framework.NodeInfo, pdbs []pdbInfo) ([]*apiobj.Pod, int, *framework.Status, error) {
	run := pl.h.Runner
	remove := func(pi *framework.PodInfo) error {
		if err := ni.RemovePod(pi.Pod); err != nil {
			return err
		}
		if st := run.RunPreFilterExtensionRemovePod(ctx, state, pod, pi, ni); !st.IsSuccess() {
			return st.AsError()
		}
		return nil
	}
	add := func(pi *framework.PodInfo) error {
		ni.AddPodInfo(pi)
		if st := run.RunPreFilterExtensionAddPod(ctx, state, pod, pi, ni); !st.IsSuccess() {
			return st.AsError()
		}
		return nil
	}
	prio := schedutil.PodPriority(pod)
	var potential []*framework.PodInfo
	for _, pi := range ni.Pods {
		if schedutil.PodPriority(pi.Pod) < prio {
			potential = append(potential, pi)
		}
	}
	if len(potential) == 0 {
		return nil, 0, statusNoVictims, nil
	}
	for _, pi := range potential {
		if err := remove(pi); err != nil {
			return nil, 0, nil, err
		}
	}
	if st := run.RunFilterPluginsWithNominatedPods(ctx, state, pod, ni); !st.IsSuccess() {
		if st.Code() == framework.Error {
			return nil, 0, nil, st.AsError()
		}
		return nil, 0, st, nil
	}
	slices.SortStableFunc(potential, func(a, b *framework.PodInfo) int {
		if schedutil.MoreImportantPod(a.Pod, b.Pod) {
			return -1
		}
		if schedutil.MoreImportantPod(b.Pod, a.Pod) {
			return 1
		}
		return 0
	})
	podOf := func(pi *framework.PodInfo) *apiobj.Pod { return pi.Pod }
	violating, nonViolating := splitByPDBViolation(potential, podOf, pdbs)
	var victims []*apiobj.Pod
	numViolating := 0
	reprieve := func(pi *framework.PodInfo) (bool, error) {
		if err := add(pi); err != nil {
			return false, err
		}
		st := run.RunFilterPluginsWithNominatedPods(ctx, state, pod, ni)
		if st.Code() == framework.Error {
			return false, st.AsError()
		}
		if st.IsSuccess() {
			return true, nil
		}
		if err := remove(pi); err != nil {
			return false, err
		}
		victims = append(victims, pi.Pod)
		return false, nil
	}
	for _, pi := range violating {
		fits, err := reprieve(pi)
		if err != nil {
			return nil, 0, nil, err
		}
		if !fits {
			numViolating++
		}
	}
	for _, pi := range nonViolating {
		if _, err := reprieve(pi); err != nil {
			return nil, 0, nil, err
		}
	}
	if len(violating) != 0 && len(nonViolating) != 0 {
		slices.SortStableFunc(victims, func(a, b *apiobj.Pod) int {
			if schedutil.MoreImportantPod(a, b) {
				return -1
			}
			if schedutil.MoreImportantPod(b, a) {
				return 1
			}
			return 0
		})
	}
	return victims, numViolating, nil, nil
}

// errNoEvictor is returned when the handle cannot evict.
var errNoEvictor = errors.New("preemption: the scheduler has no evictor to remove victims")

// prepare evicts the candidate's victims and clears the nominations of
// lower-priority pods on the node.
func (pl *DefaultPreemption) prepare(ctx context.Context, c *Candidate, pod *apiobj.Pod) *framework.Status {
	for _, v := range c.Victims {
		if pl.h.WaitingPods != nil {
			if wp := pl.h.WaitingPods.Get(framework.PodKey(v)); wp != nil {
				wp.Reject(Name, "preempted")
				continue
			}
		}
		if pl.h.Evictor == nil {
			return framework.AsStatus(errNoEvictor)
		}
		if err := pl.h.Evictor.Evict(ctx, v, pod); err != nil {
			return framework.AsStatus(fmt.Errorf("preempting pod %s/%s: %w", v.Namespace, v.Name, err))
		}
	}
	if pl.h.Nominator != nil {
		prio := schedutil.PodPriority(pod)
		var lower []*apiobj.Pod
		for _, pi := range pl.h.Nominator.NominatedPodsForNode(c.Node) {
			if schedutil.PodPriority(pi.Pod) < prio && framework.PodKey(pi.Pod) != framework.PodKey(pod) {
				lower = append(lower, pi.Pod)
			}
		}
		if len(lower) != 0 {
			if err := pl.h.Nominator.ClearNominatedNodeName(ctx, lower...); err != nil {
				return framework.AsStatus(fmt.Errorf("clearing nominations on %s: %w", c.Node, err))
			}
		}
	}
	return nil
}
