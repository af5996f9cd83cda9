package noderesources

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
)

// FitName is the name of the NodeResourcesFit plugin.
const FitName = "NodeResourcesFit"

const (
	fitPreFilterStateKey framework.StateKey = "PreFilter" + FitName
	fitPreScoreStateKey  framework.StateKey = "PreScore" + FitName
)

// FitArgs configure NodeResourcesFit (KubeSchedulerConfiguration's
// NodeResourcesFitArgs).
type FitArgs struct {
	// IgnoredResources are extended resources Filter does not check.
	IgnoredResources []string `json:"ignoredResources,omitempty"`
	// IgnoredResourceGroups are extended-resource domains ("example.com")
	// Filter does not check.
	IgnoredResourceGroups []string `json:"ignoredResourceGroups,omitempty"`
	// ScoringStrategy defaults to LeastAllocated over cpu and memory.
	ScoringStrategy *ScoringStrategy `json:"scoringStrategy,omitempty"`
}

// Fit checks that a node has room for the pod's requests and scores nodes
// by the configured strategy.
type Fit struct {
	ignored       map[apiobj.ResourceName]struct{}
	ignoredGroups map[string]struct{}
	scorer        *allocationScorer
}

var (
	_ framework.PreFilterPlugin   = (*Fit)(nil)
	_ framework.FilterPlugin      = (*Fit)(nil)
	_ framework.PreScorePlugin    = (*Fit)(nil)
	_ framework.ScorePlugin       = (*Fit)(nil)
	_ framework.EnqueueExtensions = (*Fit)(nil)
)

// NewFit is NodeResourcesFit's framework.Factory. raw holds FitArgs, or is
// empty for the defaults.
func NewFit(raw json.RawMessage, _ framework.Handle) (framework.Plugin, error) {
	var args FitArgs
	if err := framework.DecodeArgs(raw, &args); err != nil {
		return nil, fmt.Errorf("%s: %w", FitName, err)
	}
	return NewFitWithArgs(args)
}

// NewFitWithArgs builds NodeResourcesFit from decoded args.
func NewFitWithArgs(args FitArgs) (*Fit, error) {
	ss := ScoringStrategy{Type: LeastAllocated}
	if args.ScoringStrategy != nil {
		ss = *args.ScoringStrategy
		if ss.Type == "" {
			ss.Type = LeastAllocated
		}
	}
	if len(ss.Resources) == 0 {
		ss.Resources = defaultResources()
	}
	var shape []UtilizationShapePoint
	if ss.RequestedToCapacityRatio != nil {
		shape = ss.RequestedToCapacityRatio.Shape
	}
	st, err := newStrategy(ss.Type, ss.Resources, shape)
	if err != nil {
		return nil, fmt.Errorf("%s args: scoringStrategy: %w", FitName, err)
	}
	f := &Fit{
		ignored:       make(map[apiobj.ResourceName]struct{}, len(args.IgnoredResources)),
		ignoredGroups: make(map[string]struct{}, len(args.IgnoredResourceGroups)),
		scorer:        newAllocationScorer(st, ss.Resources, false),
	}
	for _, r := range args.IgnoredResources {
		f.ignored[apiobj.ResourceName(r)] = struct{}{}
	}
	for _, g := range args.IgnoredResourceGroups {
		f.ignoredGroups[g] = struct{}{}
	}
	return f, nil
}

// Name returns FitName.
func (*Fit) Name() string { return FitName }

type scalarRequest struct {
	name  apiobj.ResourceName
	value int64
}

// fitState is the pod's request, computed once per cycle.
type fitState struct {
	milliCPU, memory, ephemeral int64
	scalars                     []scalarRequest // non-zero and not ignored
	zero                        bool            // requests nothing at all
}

func (s *fitState) Clone() framework.StateData { return s }

func (f *Fit) computeState(pod *apiobj.Pod) *fitState {
	r := framework.PodRequests(pod, false)
	s := &fitState{milliCPU: r.MilliCPU, memory: r.Memory, ephemeral: r.EphemeralStorage}
	s.zero = r.MilliCPU == 0 && r.Memory == 0 && r.EphemeralStorage == 0 && len(r.ScalarResources) == 0
	for name, v := range r.ScalarResources {
		if v == 0 || f.isIgnored(name) {
			continue
		}
		s.scalars = append(s.scalars, scalarRequest{name, v})
	}
	return s
}

func (f *Fit) isIgnored(name apiobj.ResourceName) bool {
	if !framework.IsExtendedResourceName(name) {
		return false
	}
	if _, ok := f.ignored[name]; ok {
		return true
	}
	if len(f.ignoredGroups) != 0 {
		group, _, _ := strings.Cut(string(name), "/")
		if _, ok := f.ignoredGroups[group]; ok {
			return true
		}
	}
	return false
}

// PreFilter computes the pod's requests.
func (f *Fit) PreFilter(_ context.Context, state *framework.CycleState, pod *apiobj.Pod) (*framework.PreFilterResult, *framework.Status) {
	state.Write(fitPreFilterStateKey, f.computeState(pod))
	return nil, nil
}

// PreFilterExtensions returns nil: the state does not depend on other pods.
func (*Fit) PreFilterExtensions() framework.PreFilterExtensions { return nil }

// The reasons, worded as kube-scheduler words them.
const (
	ReasonTooManyPods               = "Too many pods"
	ReasonInsufficientCPU           = "Insufficient cpu"
	ReasonInsufficientMemory        = "Insufficient memory"
	ReasonInsufficientEphemeralDisk = "Insufficient ephemeral-storage"
)

const (
	failPods = 1 << iota
	failCPU
	failMemory
	failEphemeral
	failAll = failPods | failCPU | failMemory | failEphemeral
)

// nativeStatuses holds one shared status per combination of native
// failures, so that Filter does not allocate per rejected node.
var nativeStatuses = func() (out [failAll + 1]*framework.Status) {
	for m := 1; m <= failAll; m++ {
		out[m] = framework.NewStatus(framework.Unschedulable, nativeReasons(m)...)
	}
	return out
}()

func nativeReasons(m int) []string {
	var r []string
	if m&failPods != 0 {
		r = append(r, ReasonTooManyPods)
	}
	if m&failCPU != 0 {
		r = append(r, ReasonInsufficientCPU)
	}
	if m&failMemory != 0 {
		r = append(r, ReasonInsufficientMemory)
	}
	if m&failEphemeral != 0 {
		r = append(r, ReasonInsufficientEphemeralDisk)
	}
	return r
}

// InsufficientResource describes one resource the node lacks.
type InsufficientResource struct {
	ResourceName apiobj.ResourceName
	Reason       string
	Requested    int64
	Used         int64
	Capacity     int64
}

// Filter rejects a node without room for the pod's requests, listing every
// missing resource.
func (f *Fit) Filter(_ context.Context, state *framework.CycleState, pod *apiobj.Pod, nodeInfo *framework.NodeInfo) *framework.Status {
	var s *fitState
	if d, err := state.Read(fitPreFilterStateKey); err == nil {
		s = d.(*fitState)
	} else {
		s = f.computeState(pod)
	}
	m := nativeFailures(s, nodeInfo)
	var scalarFail bool
	for _, sr := range s.scalars {
		if sr.value > nodeInfo.Allocatable.ScalarResources[sr.name]-nodeInfo.Requested.ScalarResources[sr.name] {
			scalarFail = true
			break
		}
	}
	if !scalarFail {
		if m == 0 {
			return nil
		}
		return nativeStatuses[m]
	}
	reasons := nativeReasons(m)
	for _, sr := range s.scalars {
		if sr.value > nodeInfo.Allocatable.ScalarResources[sr.name]-nodeInfo.Requested.ScalarResources[sr.name] {
			reasons = append(reasons, "Insufficient "+string(sr.name))
		}
	}
	return framework.NewStatus(framework.Unschedulable, reasons...)
}

func nativeFailures(s *fitState, ni *framework.NodeInfo) int {
	var m int
	if len(ni.Pods)+1 > ni.Allocatable.AllowedPodNumber {
		m |= failPods
	}
	if s.zero {
		return m
	}
	if s.milliCPU > 0 && s.milliCPU > ni.Allocatable.MilliCPU-ni.Requested.MilliCPU {
		m |= failCPU
	}
	if s.memory > 0 && s.memory > ni.Allocatable.Memory-ni.Requested.Memory {
		m |= failMemory
	}
	if s.ephemeral > 0 && s.ephemeral > ni.Allocatable.EphemeralStorage-ni.Requested.EphemeralStorage {
		m |= failEphemeral
	}
	return m
}

// Fits lists what nodeInfo lacks to run pod, with no resource ignored.
func Fits(pod *apiobj.Pod, nodeInfo *framework.NodeInfo) []InsufficientResource {
	r := framework.PodRequests(pod, false)
	ni := nodeInfo
	var out []InsufficientResource
	if len(ni.Pods)+1 > ni.Allocatable.AllowedPodNumber {
		out = append(out, InsufficientResource{apiobj.ResourcePods, ReasonTooManyPods, 1, int64(len(ni.Pods)), int64(ni.Allocatable.AllowedPodNumber)})
	}
	check := func(name apiobj.ResourceName, reason string, req, used, capacity int64) {
		if req > 0 && req > capacity-used {
			out = append(out, InsufficientResource{name, reason, req, used, capacity})
		}
	}
	check(apiobj.ResourceCPU, ReasonInsufficientCPU, r.MilliCPU, ni.Requested.MilliCPU, ni.Allocatable.MilliCPU)
	check(apiobj.ResourceMemory, ReasonInsufficientMemory, r.Memory, ni.Requested.Memory, ni.Allocatable.Memory)
	check(apiobj.ResourceEphemeralStorage, ReasonInsufficientEphemeralDisk, r.EphemeralStorage, ni.Requested.EphemeralStorage, ni.Allocatable.EphemeralStorage)
	for name, v := range r.ScalarResources {
		check(name, "Insufficient "+string(name), v, ni.Requested.ScalarResources[name], ni.Allocatable.ScalarResources[name])
	}
	return out
}

type scoreState struct{ podRequests []int64 }

func (s *scoreState) Clone() framework.StateData { return s }

// PreScore computes the pod's requests of the scored resources.
func (f *Fit) PreScore(_ context.Context, state *framework.CycleState, pod *apiobj.Pod, _ []*framework.NodeInfo) *framework.Status {
	state.Write(fitPreScoreStateKey, &scoreState{podRequests: f.scorer.podRequests(pod)})
	return nil
}

// Score scores the node by the strategy.
func (f *Fit) Score(_ context.Context, state *framework.CycleState, pod *apiobj.Pod, nodeInfo *framework.NodeInfo) (int64, *framework.Status) {
	var reqs []int64
	if d, err := state.Read(fitPreScoreStateKey); err == nil {
		reqs = d.(*scoreState).podRequests
	} else {
		reqs = f.scorer.podRequests(pod)
	}
	return f.scorer.score(nodeInfo, reqs), nil
}

// ScoreExtensions returns nil: scores are already in 0..100.
func (*Fit) ScoreExtensions() framework.ScoreExtensions { return nil }

// EventsToRegister registers assigned pod deletions and scale-downs, and
// node additions and allocatable changes.
func (f *Fit) EventsToRegister() ([]framework.ClusterEventWithHint, error) {
	return []framework.ClusterEventWithHint{
		{Event: framework.ClusterEvent{Resource: framework.Pod, ActionType: framework.Delete | framework.UpdatePodScaleDown}, QueueingHintFn: isSchedulableAfterPodEvent},
		{Event: framework.ClusterEvent{Resource: framework.Node, ActionType: framework.Add | framework.UpdateNodeAllocatable}, QueueingHintFn: isSchedulableAfterNodeChange},
	}, nil
}

func isSchedulableAfterPodEvent(pod *apiobj.Pod, oldObj, newObj any) (framework.QueueingHint, error) {
	old, _ := oldObj.(*apiobj.Pod)
	if newObj == nil {
		if old != nil && old.Spec.NodeName == "" {
			return framework.QueueSkip, nil
		}
		return framework.Queue, nil
	}
	cur, ok := newObj.(*apiobj.Pod)
	if !ok || old == nil {
		return framework.Queue, nil
	}
	if framework.PodKey(cur) == framework.PodKey(pod) {
		return framework.Queue, nil
	}
	if cur.Spec.NodeName == "" {
		return framework.QueueSkip, nil
	}
	want := framework.PodRequests(pod, false)
	before, after := framework.PodRequests(old, false), framework.PodRequests(cur, false)
	if (want.MilliCPU > 0 && after.MilliCPU < before.MilliCPU) ||
		(want.Memory > 0 && after.Memory < before.Memory) ||
		(want.EphemeralStorage > 0 && after.EphemeralStorage < before.EphemeralStorage) {
		return framework.Queue, nil
	}
	for name, v := range want.ScalarResources {
		if v > 0 && after.ScalarResources[name] < before.ScalarResources[name] {
			return framework.Queue, nil
		}
	}
	return framework.QueueSkip, nil
}

func isSchedulableAfterNodeChange(pod *apiobj.Pod, oldObj, newObj any) (framework.QueueingHint, error) {
	n, ok := newObj.(*apiobj.Node)
	if !ok {
		return framework.Queue, nil
	}
	ni := framework.NewNodeInfo()
	ni.SetNode(n)
	if len(Fits(pod, ni)) != 0 {
		return framework.QueueSkip, nil
	}
	old, ok := oldObj.(*apiobj.Node)
	if !ok {
		return framework.Queue, nil
	}
	before := framework.NewResource(old.Status.Allocatable)
	after := &ni.Allocatable
	want := framework.PodRequests(pod, false)
	if after.AllowedPodNumber > before.AllowedPodNumber ||
		(want.MilliCPU > 0 && after.MilliCPU > before.MilliCPU) ||
		(want.Memory > 0 && after.Memory > before.Memory) ||
		(want.EphemeralStorage > 0 && after.EphemeralStorage > before.EphemeralStorage) {
		return framework.Queue, nil
	}
	for name, v := range want.ScalarResources {
		if v > 0 && after.ScalarResources[name] > before.ScalarResources[name] {
			return framework.Queue, nil
		}
	}
	return framework.QueueSkip, nil
}
