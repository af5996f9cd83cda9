package coscheduling

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
	"github.com/orcaproj/orca/scheduler/framework"
)

// Name is the plugin's name in the registry and in profiles.
const Name = "Coscheduling"

// The keys that put a pod in a group.
const (
	// PodGroupLabel names the pod's group (a label).
	PodGroupLabel = "scheduling.orca.dev/pod-group"
	// MinAvailableKey is the group's quorum: an annotation, or a label.
	MinAvailableKey = "scheduling.orca.dev/min-available"
)

// DefaultPermitWaitingTime is how long a pod waits at Permit for its group.
const DefaultPermitWaitingTime = 60 * time.Second

// Args configure the plugin.
type Args struct {
	// PermitWaitingTimeSeconds is how long a pod waits at Permit for the
	// rest of its group; default 60.
	PermitWaitingTimeSeconds *int64 `json:"permitWaitingTimeSeconds,omitempty"`
}

// Coscheduling holds pods at Permit until their group's quorum is
// reserved.
type Coscheduling struct {
	h       framework.Handle
	timeout time.Duration

	mu sync.Mutex
	// reserved are the pods between Reserve and the end of binding (or
	// Unreserve), by group key and pod key.
	reserved map[string]map[string]struct{}
}

var (
	_ framework.PreFilterPlugin   = (*Coscheduling)(nil)
	_ framework.ReservePlugin     = (*Coscheduling)(nil)
	_ framework.PermitPlugin      = (*Coscheduling)(nil)
	_ framework.PostBindPlugin    = (*Coscheduling)(nil)
	_ framework.EnqueueExtensions = (*Coscheduling)(nil)
)

// New is the plugin's framework.Factory. raw holds Args, or is empty. It
// uses the handle's Snapshot and WaitingPods, and, when set, Pods and
// Activator.
func New(raw json.RawMessage, h framework.Handle) (framework.Plugin, error) {
	var args Args
	if err := framework.DecodeArgs(raw, &args); err != nil {
		return nil, fmt.Errorf("%s: %w", Name, err)
	}
	pl := &Coscheduling{h: h, timeout: DefaultPermitWaitingTime, reserved: map[string]map[string]struct{}{}}
	if args.PermitWaitingTimeSeconds != nil {
		if *args.PermitWaitingTimeSeconds <= 0 {
			return nil, fmt.Errorf("%s args: permitWaitingTimeSeconds: %d must be positive", Name, *args.PermitWaitingTimeSeconds)
		}
		pl.timeout = time.Duration(*args.PermitWaitingTimeSeconds) * time.Second
	}
	return pl, nil
}

// Name returns Name.
func (*Coscheduling) Name() string { return Name }

// Group returns the pod's group name and quorum; ok is false for a pod in
// no group. err reports an invalid min-available.
func Group(pod *apiobj.Pod) (name string, minAvailable int, ok bool, err error) {
	name = pod.Labels[PodGroupLabel]
	if name == "" {
		return "", 0, false, nil
	}
	v, found := pod.Annotations[MinAvailableKey]
	if !found {
		v, found = pod.Labels[MinAvailableKey]
	}
	if !found {
		return name, 1, true, nil
	}
	n, perr := strconv.Atoi(v)
	if perr != nil || n < 1 {
		return name, 0, true, fmt.Errorf("pod group %q: %s %q must be a positive integer", name, MinAvailableKey, v)
	}
	return name, n, true, nil
}

func groupKey(namespace, name string) string { return namespace + "/" + name }

// inGroup reports whether p belongs to the group name of namespace ns.
func inGroup(p *apiobj.Pod, ns, name string) bool {
	return p.Namespace == ns && p.Labels[PodGroupLabel] == name
}

// PreFilter rejects a pod whose group cannot reach its quorum with the
// pods that exist. It skips pods in no group.
func (pl *Coscheduling) PreFilter(_ context.Context, _ *framework.CycleState, pod *apiobj.Pod) (*framework.PreFilterResult, *framework.Status) {
	name, minAvailable, ok, err := Group(pod)
	if !ok {
		return nil, framework.NewStatus(framework.Skip)
	}
	if err != nil {
		return nil, framework.NewStatus(framework.UnschedulableAndUnresolvable, err.Error())
	}
	if minAvailable <= 1 || pl.h.Pods == nil {
		return nil, framework.NewStatus(framework.Skip)
	}
	pods, err := pl.h.Pods.ListPods(pod.Namespace, labels.SelectorFromSet(labels.Set{PodGroupLabel: name}))
	if err != nil {
		return nil, framework.AsStatus(fmt.Errorf("listing pods of group %q: %w", name, err))
	}
	n := 0
	self := false
	for _, p := range pods {
		if p.DeletionTimestamp != nil || !inGroup(p, pod.Namespace, name) {
			continue
		}
		if framework.PodKey(p) == framework.PodKey(pod) {
			self = true
		}
		n++
	}
	if !self {
		n++
	}
	if n < minAvailable {
		return nil, framework.NewStatus(framework.UnschedulableAndUnresolvable,
			fmt.Sprintf("pod group %q has %d pod(s), fewer than its min-available %d", name, n, minAvailable))
	}
	return nil, framework.NewStatus(framework.Skip)
}

// PreFilterExtensions returns nil.
func (*Coscheduling) PreFilterExtensions() framework.PreFilterExtensions { return nil }

// Reserve records the pod's reservation.
func (pl *Coscheduling) Reserve(_ context.Context, _ *framework.CycleState, pod *apiobj.Pod, _ string) *framework.Status {
	name, _, ok, _ := Group(pod)
	if !ok {
		return nil
	}
	gk := groupKey(pod.Namespace, name)
	pl.mu.Lock()
	defer pl.mu.Unlock()
	if pl.reserved[gk] == nil {
		pl.reserved[gk] = map[string]struct{}{}
	}
	pl.reserved[gk][framework.PodKey(pod)] = struct{}{}
	return nil
}

func (pl *Coscheduling) forget(pod *apiobj.Pod, name string) {
	gk := groupKey(pod.Namespace, name)
	pl.mu.Lock()
	defer pl.mu.Unlock()
	if g := pl.reserved[gk]; g != nil {
		delete(g, framework.PodKey(pod))
		if len(g) == 0 {
			delete(pl.reserved, gk)
		}
	}
}

// Unreserve forgets the pod's reservation and rejects its waiting
// siblings: a group binds all together or not at all. It is idempotent.
func (pl *Coscheduling) Unreserve(_ context.Context, _ *framework.CycleState, pod *apiobj.Pod, _ string) {
	name, _, ok, _ := Group(pod)
	if !ok {
		return
	}
	pl.forget(pod, name)
	if pl.h.WaitingPods == nil {
		return
	}
	self := framework.PodKey(pod)
	var siblings []framework.WaitingPod
	pl.h.WaitingPods.Iterate(func(wp framework.WaitingPod) {
		p := wp.Pod()
		if inGroup(p, pod.Namespace, name) && framework.PodKey(p) != self {
			siblings = append(siblings, wp)
		}
	})
	msg := fmt.Sprintf("pod group %q was rejected: %s/%s could not be placed", name, pod.Namespace, pod.Name)
	for _, wp := range siblings {
		wp.Reject(Name, msg)
	}
}

// countPlaced counts the group's pods that are reserved by this plugin or
// assigned (bound, assumed or waiting) in the snapshot, with pod itself.
func (pl *Coscheduling) countPlaced(pod *apiobj.Pod, name string) int {
	seen := map[string]struct{}{framework.PodKey(pod): {}}
	pl.mu.Lock()
	for k := range pl.reserved[groupKey(pod.Namespace, name)] {
		seen[k] = struct{}{}
	}
	pl.mu.Unlock()
	if pl.h.Snapshot != nil {
		if all, err := pl.h.Snapshot.NodeInfos().List(); err == nil {
			for _, ni := range all {
				for _, pi := range ni.Pods {
					if pi.Pod.DeletionTimestamp == nil && inGroup(pi.Pod, pod.Namespace, name) {
						seen[framework.PodKey(pi.Pod)] = struct{}{}
					}
				}
			}
		}
	}
	return len(seen)
}

// Permit allows the pod, and every waiting sibling, once the group's
// quorum is placed; otherwise the pod waits.
func (pl *Coscheduling) Permit(_ context.Context, _ *framework.CycleState, pod *apiobj.Pod, _ string) (*framework.Status, time.Duration) {
	name, minAvailable, ok, err := Group(pod)
	if !ok {
		return nil, 0
	}
	if err != nil {
		return framework.NewStatus(framework.UnschedulableAndUnresolvable, err.Error()), 0
	}
	if minAvailable <= 1 {
		return nil, 0
	}
	placed := pl.countPlaced(pod, name)
	if placed >= minAvailable {
		if pl.h.WaitingPods != nil {
			var siblings []framework.WaitingPod
			pl.h.WaitingPods.Iterate(func(wp framework.WaitingPod) {
				if inGroup(wp.Pod(), pod.Namespace, name) {
					siblings = append(siblings, wp)
				}
			})
			for _, wp := range siblings {
				wp.Allow(Name)
			}
		}
		return nil, 0
	}
	pl.activateSiblings(pod, name)
	return framework.NewStatus(framework.Wait,
		fmt.Sprintf("waiting for pod group %q: %d of %d pods placed", name, placed, minAvailable)), pl.timeout
}

// activateSiblings moves the group's unscheduled pods to the active queue.
func (pl *Coscheduling) activateSiblings(pod *apiobj.Pod, name string) {
	if pl.h.Pods == nil || pl.h.Activator == nil {
		return
	}
	pods, err := pl.h.Pods.ListPods(pod.Namespace, labels.SelectorFromSet(labels.Set{PodGroupLabel: name}))
	if err != nil {
		return
	}
	var pending []*apiobj.Pod
	for _, p := range pods {
		if p.Spec.NodeName == "" && p.DeletionTimestamp == nil && inGroup(p, pod.Namespace, name) && framework.PodKey(p) != framework.PodKey(pod) {
			pending = append(pending, p)
		}
	}
	if len(pending) != 0 {
		pl.h.Activator.Activate(pending...)
	}
}

// PostBind forgets the reservation: the pod is now in the snapshot as
// bound.
func (pl *Coscheduling) PostBind(_ context.Context, _ *framework.CycleState, pod *apiobj.Pod, _ string) {
	if name, _, ok, _ := Group(pod); ok {
		pl.forget(pod, name)
	}
}

// EventsToRegister registers pods added to the cluster: a new sibling can
// complete a group that PreFilter found too small.
func (pl *Coscheduling) EventsToRegister() ([]framework.ClusterEventWithHint, error) {
	hint := func(pod *apiobj.Pod, _, newObj any) (framework.QueueingHint, error) {
		p, ok := newObj.(*apiobj.Pod)
		if !ok {
			return framework.Queue, nil
		}
		if name := pod.Labels[PodGroupLabel]; name != "" && inGroup(p, pod.Namespace, name) {
			return framework.Queue, nil
		}
		return framework.QueueSkip, nil
	}
	return []framework.ClusterEventWithHint{
		{Event: framework.ClusterEvent{Resource: framework.UnscheduledPod, ActionType: framework.Add}, QueueingHintFn: hint},
		{Event: framework.ClusterEvent{Resource: framework.Pod, ActionType: framework.Add}, QueueingHintFn: hint},
	}, nil
}
