package nodeports

import (
	"context"
	"encoding/json"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
)

// Name is the plugin's name in the registry and in profiles.
const Name = "NodePorts"

// ErrReason is the rejection reason, worded as kube-scheduler words it.
const ErrReason = "node(s) didn't have free ports for the requested pod ports"

const preFilterStateKey framework.StateKey = "PreFilter" + Name

var statusConflict = framework.NewStatus(framework.Unschedulable, ErrReason)

// NodePorts filters nodes by free host ports.
type NodePorts struct{}

var (
	_ framework.PreFilterPlugin   = NodePorts{}
	_ framework.FilterPlugin      = NodePorts{}
	_ framework.EnqueueExtensions = NodePorts{}
)

// New is the plugin's framework.Factory; it takes no arguments.
func New(json.RawMessage, framework.Handle) (framework.Plugin, error) { return NodePorts{}, nil }

// Name returns Name.
func (NodePorts) Name() string { return Name }

type preFilterState []apiobj.ContainerPort

func (s preFilterState) Clone() framework.StateData { return s }

// HostPorts returns the ports of the pod's containers and sidecar init
// containers that take a host port.
func HostPorts(pod *apiobj.Pod) []apiobj.ContainerPort {
	var out []apiobj.ContainerPort
	for i := range pod.Spec.Containers {
		for _, p := range pod.Spec.Containers[i].Ports {
			if p.HostPort > 0 {
				out = append(out, p)
			}
		}
	}
	for i := range pod.Spec.InitContainers {
		c := &pod.Spec.InitContainers[i]
		if c.RestartPolicy == nil || *c.RestartPolicy != apiobj.ContainerRestartPolicyAlways {
			continue
		}
		for _, p := range c.Ports {
			if p.HostPort > 0 {
				out = append(out, p)
			}
		}
	}
	return out
}

// PreFilter collects the pod's host ports; it skips pods without any.
func (NodePorts) PreFilter(_ context.Context, state *framework.CycleState, pod *apiobj.Pod) (*framework.PreFilterResult, *framework.Status) {
	ports := HostPorts(pod)
	if len(ports) == 0 {
		return nil, framework.NewStatus(framework.Skip)
	}
	state.Write(preFilterStateKey, preFilterState(ports))
	return nil, nil
}

// PreFilterExtensions returns nil: the state does not depend on other pods.
func (NodePorts) PreFilterExtensions() framework.PreFilterExtensions { return nil }

// Filter rejects a node where a wanted host port is taken.
func (NodePorts) Filter(_ context.Context, state *framework.CycleState, pod *apiobj.Pod, nodeInfo *framework.NodeInfo) *framework.Status {
	var ports []apiobj.ContainerPort
	if d, err := state.Read(preFilterStateKey); err == nil {
		ports = d.(preFilterState)
	} else {
		ports = HostPorts(pod)
	}
	if !Fits(ports, &nodeInfo.UsedPorts) {
		return statusConflict
	}
	return nil
}

// Fits reports whether none of ports conflicts with used.
func Fits(ports []apiobj.ContainerPort, used *framework.HostPortInfo) bool {
	if used.Len() == 0 {
		return true
	}
	for i := range ports {
		if used.CheckConflict(ports[i].HostIP, ports[i].Protocol, ports[i].HostPort) {
			return false
		}
	}
	return true
}

// EventsToRegister registers assigned pod deletions (which free ports) and
// node additions.
func (NodePorts) EventsToRegister() ([]framework.ClusterEventWithHint, error) {
	return []framework.ClusterEventWithHint{
		{Event: framework.EventAssignedPodDelete, QueueingHintFn: isSchedulableAfterPodDeleted},
		{Event: framework.EventNodeAdd},
	}, nil
}

func isSchedulableAfterPodDeleted(pod *apiobj.Pod, oldObj, _ any) (framework.QueueingHint, error) {
	deleted, ok := oldObj.(*apiobj.Pod)
	if !ok {
		return framework.Queue, nil
	}
	want := HostPorts(pod)
	for _, d := range HostPorts(deleted) {
		for _, w := range want {
			if d.HostPort == w.HostPort && protocol(d.Protocol) == protocol(w.Protocol) {
				return framework.Queue, nil
			}
		}
	}
	return framework.QueueSkip, nil
}

func protocol(p apiobj.Protocol) apiobj.Protocol {
	if p == "" {
		return apiobj.ProtocolTCP
	}
	return p
}
