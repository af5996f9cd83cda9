package podtopologyspread

import (
	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
	"github.com/orcaproj/orca/scheduler/framework"
)

// DefaultingType says where a pod without spreading constraints of its own
// gets them from.
type DefaultingType string

const (
	// SystemDefaulting spreads over hostname (maxSkew 3) and zone (maxSkew
	// 5), ScheduleAnyway. Nodes without a zone label still take part in the
	// hostname spreading.
	SystemDefaulting DefaultingType = "System"
	// ListDefaulting uses Args.DefaultConstraints.
	ListDefaulting DefaultingType = "List"
)

// SystemDefaultConstraints are the constraints of SystemDefaulting.
func SystemDefaultConstraints() []apiobj.TopologySpreadConstraint {
	return []apiobj.TopologySpreadConstraint{
		{TopologyKey: apiobj.LabelHostname, WhenUnsatisfiable: apiobj.ScheduleAnyway, MaxSkew: 3},
		{TopologyKey: apiobj.LabelTopologyZone, WhenUnsatisfiable: apiobj.ScheduleAnyway, MaxSkew: 5},
	}
}

// WorkloadLister finds what a pod belongs to, so that default constraints
// spread it with its siblings: the services that select it and its
// controlling ReplicationController, ReplicaSet or StatefulSet. Every
// method returns an error wrapping errdefs.ErrNotFound for a missing
// object. Objects are shared and read-only.
type WorkloadLister interface {
	ListServices(namespace string) ([]*apiobj.Service, error)
	GetReplicationController(namespace, name string) (*apiobj.ReplicationController, error)
	GetReplicaSet(namespace, name string) (*apiobj.ReplicaSet, error)
	GetStatefulSet(namespace, name string) (*apiobj.StatefulSet, error)
}

// DefaultSelector is the selector of the pods a pod is spread with under
// default constraints: the union of the selectors of the services that
// select it and of its controlling ReplicationController, ReplicaSet or
// StatefulSet. It is empty when l is nil or the pod belongs to none.
func DefaultSelector(pod *apiobj.Pod, l WorkloadLister) labels.Selector {
	if l == nil {
		return labels.Everything()
	}
	set := labels.Set{}
	if svcs, err := l.ListServices(pod.Namespace); err == nil {
		podLabels := labels.Set(pod.Labels)
		for _, s := range svcs {
			if len(s.Spec.Selector) == 0 || !labels.SelectorFromSet(s.Spec.Selector).Matches(podLabels) {
				continue
			}
			for k, v := range s.Spec.Selector {
				set[k] = v
			}
		}
	}
	ref := apiobj.ControllerRef(pod)
	if ref == nil {
		return labels.SelectorFromSet(set)
	}
	gv := apiobj.ParseGroupVersion(ref.APIVersion)
	switch {
	case gv.Group == "" && ref.Kind == "ReplicationController":
		if rc, err := l.GetReplicationController(pod.Namespace, ref.Name); err == nil && rc != nil {
			for k, v := range rc.Spec.Selector {
				set[k] = v
			}
		}
		return labels.SelectorFromSet(set)
	case gv.Group == "apps" && ref.Kind == "ReplicaSet":
		if rs, err := l.GetReplicaSet(pod.Namespace, ref.Name); err == nil && rs != nil {
			return addSelector(labels.SelectorFromSet(set), rs.Spec.Selector)
		}
	case gv.Group == "apps" && ref.Kind == "StatefulSet":
		if ss, err := l.GetStatefulSet(pod.Namespace, ref.Name); err == nil && ss != nil {
			return addSelector(labels.SelectorFromSet(set), ss.Spec.Selector)
		}
	}
	return labels.SelectorFromSet(set)
}

func addSelector(sel labels.Selector, ls *apiobj.LabelSelector) labels.Selector {
	other, err := framework.LabelSelectorAsSelector(ls)
	if err != nil {
		return sel
	}
	if reqs, ok := other.Requirements(); ok {
		return sel.Add(reqs...)
	}
	return sel
}
