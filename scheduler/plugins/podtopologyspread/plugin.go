package podtopologyspread

import (
	"encoding/json"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
)

// Name is the plugin's name in the registry and in profiles.
const Name = "PodTopologySpread"

// Reasons, worded as kube-scheduler words them.
const (
	ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints"
	ErrReasonNodeLabelNotMatch   = ErrReasonConstraintsNotMatch + " (missing required label)"
)

// Args configure the plugin (KubeSchedulerConfiguration's
// PodTopologySpreadArgs).
type Args struct {
	// DefaultConstraints apply to pods without constraints of their own
	// when DefaultingType is List. Their labelSelector must be empty: the
	// selector comes from the pod's services and controller.
	DefaultConstraints []apiobj.TopologySpreadConstraint `json:"defaultConstraints,omitempty"`
	// DefaultingType defaults to System.
	DefaultingType DefaultingType `json:"defaultingType,omitempty"`
}

// PodTopologySpread spreads pods over topology domains.
type PodTopologySpread struct {
	snapshot        framework.SharedLister
	parallelizer    framework.Parallelizer
	workloads       WorkloadLister
	defaults        []apiobj.TopologySpreadConstraint
	systemDefaulted bool
	// counters keep domain counts across cycles (see counter).
	counters counters
}

var (
	_ framework.PreFilterPlugin     = (*PodTopologySpread)(nil)
	_ framework.PreFilterExtensions = (*PodTopologySpread)(nil)
	_ framework.FilterPlugin        = (*PodTopologySpread)(nil)
	_ framework.PreScorePlugin      = (*PodTopologySpread)(nil)
	_ framework.ScorePlugin         = (*PodTopologySpread)(nil)
	_ framework.ScoreExtensions     = (*PodTopologySpread)(nil)
	_ framework.EnqueueExtensions   = (*PodTopologySpread)(nil)
)

// New is the plugin's framework.Factory without a WorkloadLister: default
// constraints then never apply, since no pod is known to belong to a
// service or controller.
func New(raw json.RawMessage, h framework.Handle) (framework.Plugin, error) {
	return NewFactory(nil)(raw, h)
}

// NewFactory returns a Factory whose plugins find pods' services and
// controllers through l (nil: none) for the default constraints.
func NewFactory(l WorkloadLister) framework.Factory {
	return func(raw json.RawMessage, h framework.Handle) (framework.Plugin, error) {
		var args Args
		if err := framework.DecodeArgs(raw, &args); err != nil {
			return nil, fmt.Errorf("%s: %w", Name, err)
		}
		return NewWithArgs(args, h, l)
	}
}

// NewWithArgs builds the plugin from decoded args.
func NewWithArgs(args Args, h framework.Handle, l WorkloadLister) (*PodTopologySpread, error) {
	if h.Snapshot == nil {
		return nil, fmt.Errorf("%s: the handle has no snapshot", Name)
	}
	pl := &PodTopologySpread{snapshot: h.Snapshot, parallelizer: h.Parallelizer, workloads: l}
	if pl.parallelizer == nil {
		pl.parallelizer = framework.NewParallelizer(1)
	}
	switch args.DefaultingType {
	case "", SystemDefaulting:
		if len(args.DefaultConstraints) != 0 {
			return nil, fmt.Errorf("%s args: defaultConstraints: must be empty when defaultingType is System", Name)
		}
		pl.defaults = SystemDefaultConstraints()
		pl.systemDefaulted = true
	case ListDefaulting:
		for i, c := range args.DefaultConstraints {
			if c.LabelSelector != nil {
				return nil, fmt.Errorf("%s args: defaultConstraints[%d].labelSelector: must not be set; the selector comes from the pod's services and controller", Name, i)
			}
			if c.MaxSkew <= 0 {
				return nil, fmt.Errorf("%s args: defaultConstraints[%d].maxSkew: %d must be greater than zero", Name, i, c.MaxSkew)
			}
			if c.TopologyKey == "" {
				return nil, fmt.Errorf("%s args: defaultConstraints[%d].topologyKey: required", Name, i)
			}
			if c.WhenUnsatisfiable != apiobj.DoNotSchedule && c.WhenUnsatisfiable != apiobj.ScheduleAnyway {
				return nil, fmt.Errorf("%s args: defaultConstraints[%d].whenUnsatisfiable: unsupported value %q", Name, i, c.WhenUnsatisfiable)
			}
		}
		pl.defaults = args.DefaultConstraints
	default:
		return nil, fmt.Errorf("%s args: defaultingType: unsupported value %q", Name, args.DefaultingType)
	}
	return pl, nil
}

// Name returns Name.
func (*PodTopologySpread) Name() string { return Name }

// constraints returns the pod's constraints with the action, or the
// default ones (with the pod's default selector) when it has none.
func (pl *PodTopologySpread) constraints(pod *apiobj.Pod, action apiobj.UnsatisfiableConstraintAction) ([]constraint, error) {
	if len(pod.Spec.TopologySpreadConstraints) != 0 {
		return compileConstraints(pod.Spec.TopologySpreadConstraints, pod.Labels, action)
	}
	cs, err := compileConstraints(pl.defaults, pod.Labels, action)
	if err != nil || len(cs) == 0 {
		return nil, err
	}
	sel := DefaultSelector(pod, pl.workloads)
	if sel.Empty() {
		return nil, nil
	}
	for i := range cs {
		cs[i].selector = sel
	}
	return cs, nil
}
