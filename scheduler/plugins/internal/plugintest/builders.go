package plugintest

import (
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/resource"
)

// PodWrapper builds a Pod.
type PodWrapper struct{ apiobj.Pod }

// MakePod starts a pod in namespace "default" with one container "c".
func MakePod(name string) *PodWrapper {
	p := &PodWrapper{}
	p.Name = name
	p.Pod.Namespace = "default"
	p.Pod.UID = apiobj.UID("uid-" + name)
	p.Spec.Containers = []apiobj.Container{{Name: "c", Image: "img"}}
	return p
}

// Obj returns the pod.
func (p *PodWrapper) Obj() *apiobj.Pod { return &p.Pod }

// Namespace sets the namespace.
func (p *PodWrapper) Namespace(ns string) *PodWrapper { p.Pod.Namespace = ns; return p }

// UID sets the UID.
func (p *PodWrapper) UID(uid string) *PodWrapper { p.Pod.UID = apiobj.UID(uid); return p }

// Node sets spec.nodeName.
func (p *PodWrapper) Node(n string) *PodWrapper { p.Spec.NodeName = n; return p }

// Label adds a label.
func (p *PodWrapper) Label(k, v string) *PodWrapper {
	if p.Labels == nil {
		p.Labels = map[string]string{}
	}
	p.Labels[k] = v
	return p
}

// Annotation adds an annotation.
func (p *PodWrapper) Annotation(k, v string) *PodWrapper {
	if p.Annotations == nil {
		p.Annotations = map[string]string{}
	}
	p.Annotations[k] = v
	return p
}

// Priority sets spec.priority.
func (p *PodWrapper) Priority(v int32) *PodWrapper { p.Spec.Priority = &v; return p }

// StartTime sets status.startTime.
func (p *PodWrapper) StartTime(t time.Time) *PodWrapper {
	st := apiobj.NewTime(t)
	p.Status.StartTime = &st
	return p
}

// Req sets the first container's requests, e.g. Req("cpu", "1", "memory", "1Gi").
func (p *PodWrapper) Req(kv ...string) *PodWrapper {
	p.Spec.Containers[0].Resources.Requests = ResourceList(kv...)
	return p
}

// Container adds a container with requests.
func (p *PodWrapper) Container(image string, kv ...string) *PodWrapper {
	c := apiobj.Container{Name: "c" + string(rune('0'+len(p.Spec.Containers))), Image: image}
	if len(kv) != 0 {
		c.Resources.Requests = ResourceList(kv...)
	}
	p.Spec.Containers = append(p.Spec.Containers, c)
	return p
}

// InitReq adds an init container with requests.
func (p *PodWrapper) InitReq(kv ...string) *PodWrapper {
	p.Spec.InitContainers = append(p.Spec.InitContainers, apiobj.Container{Name: "init", Resources: apiobj.ResourceRequirements{Requests: ResourceList(kv...)}})
	return p
}

// Overhead sets spec.overhead.
func (p *PodWrapper) Overhead(kv ...string) *PodWrapper {
	p.Spec.Overhead = ResourceList(kv...)
	return p
}

// HostPort adds a host port to the first container.
func (p *PodWrapper) HostPort(ip string, proto apiobj.Protocol, port int32) *PodWrapper {
	p.Spec.Containers[0].Ports = append(p.Spec.Containers[0].Ports, apiobj.ContainerPort{HostIP: ip, Protocol: proto, HostPort: port, ContainerPort: port})
	return p
}

// Toleration adds a toleration.
func (p *PodWrapper) Toleration(t apiobj.Toleration) *PodWrapper {
	p.Spec.Tolerations = append(p.Spec.Tolerations, t)
	return p
}

// NodeSelector sets spec.nodeSelector.
func (p *PodWrapper) NodeSelector(m map[string]string) *PodWrapper { p.Spec.NodeSelector = m; return p }

func (p *PodWrapper) affinity() *apiobj.Affinity {
	if p.Spec.Affinity == nil {
		p.Spec.Affinity = &apiobj.Affinity{}
	}
	return p.Spec.Affinity
}

// NodeAffinityRequired sets the required node affinity terms.
func (p *PodWrapper) NodeAffinityRequired(terms ...apiobj.NodeSelectorTerm) *PodWrapper {
	a := p.affinity()
	if a.NodeAffinity == nil {
		a.NodeAffinity = &apiobj.NodeAffinity{}
	}
	a.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution = &apiobj.NodeSelector{NodeSelectorTerms: terms}
	return p
}

// NodeAffinityPreferred adds a preferred node affinity term.
func (p *PodWrapper) NodeAffinityPreferred(weight int32, term apiobj.NodeSelectorTerm) *PodWrapper {
	a := p.affinity()
	if a.NodeAffinity == nil {
		a.NodeAffinity = &apiobj.NodeAffinity{}
	}
	a.NodeAffinity.PreferredDuringSchedulingIgnoredDuringExecution = append(a.NodeAffinity.PreferredDuringSchedulingIgnoredDuringExecution,
		apiobj.PreferredSchedulingTerm{Weight: weight, Preference: term})
	return p
}

// PodAffinityTerm builds a term selecting pods with label k=v.
func PodAffinityTerm(topologyKey, k, v string) apiobj.PodAffinityTerm {
	return apiobj.PodAffinityTerm{
		TopologyKey:   topologyKey,
		LabelSelector: &apiobj.LabelSelector{MatchLabels: map[string]string{k: v}},
	}
}

// PodAffinity adds a required pod affinity term.
func (p *PodWrapper) PodAffinity(t apiobj.PodAffinityTerm) *PodWrapper {
	a := p.affinity()
	if a.PodAffinity == nil {
		a.PodAffinity = &apiobj.PodAffinity{}
	}
	a.PodAffinity.RequiredDuringSchedulingIgnoredDuringExecution = append(a.PodAffinity.RequiredDuringSchedulingIgnoredDuringExecution, t)
	return p
}

// PodAntiAffinity adds a required pod anti-affinity term.
func (p *PodWrapper) PodAntiAffinity(t apiobj.PodAffinityTerm) *PodWrapper {
	a := p.affinity()
	if a.PodAntiAffinity == nil {
		a.PodAntiAffinity = &apiobj.PodAntiAffinity{}
	}
	a.PodAntiAffinity.RequiredDuringSchedulingIgnoredDuringExecution = append(a.PodAntiAffinity.RequiredDuringSchedulingIgnoredDuringExecution, t)
	return p
}

// PreferredPodAffinity adds a preferred pod affinity term.
func (p *PodWrapper) PreferredPodAffinity(weight int32, t apiobj.PodAffinityTerm) *PodWrapper {
	a := p.affinity()
	if a.PodAffinity == nil {
		a.PodAffinity = &apiobj.PodAffinity{}
	}
	a.PodAffinity.PreferredDuringSchedulingIgnoredDuringExecution = append(a.PodAffinity.PreferredDuringSchedulingIgnoredDuringExecution,
		apiobj.WeightedPodAffinityTerm{Weight: weight, PodAffinityTerm: t})
	return p
}

// PreferredPodAntiAffinity adds a preferred pod anti-affinity term.
func (p *PodWrapper) PreferredPodAntiAffinity(weight int32, t apiobj.PodAffinityTerm) *PodWrapper {
	a := p.affinity()
	if a.PodAntiAffinity == nil {
		a.PodAntiAffinity = &apiobj.PodAntiAffinity{}
	}
	a.PodAntiAffinity.PreferredDuringSchedulingIgnoredDuringExecution = append(a.PodAntiAffinity.PreferredDuringSchedulingIgnoredDuringExecution,
		apiobj.WeightedPodAffinityTerm{Weight: weight, PodAffinityTerm: t})
	return p
}

// SpreadConstraint adds a topology spread constraint selecting pods with
// label k=v.
func (p *PodWrapper) SpreadConstraint(maxSkew int32, key string, when apiobj.UnsatisfiableConstraintAction, k, v string) *PodWrapper {
	c := apiobj.TopologySpreadConstraint{MaxSkew: maxSkew, TopologyKey: key, WhenUnsatisfiable: when}
	if k != "" {
		c.LabelSelector = &apiobj.LabelSelector{MatchLabels: map[string]string{k: v}}
	} else {
		c.LabelSelector = &apiobj.LabelSelector{}
	}
	p.Spec.TopologySpreadConstraints = append(p.Spec.TopologySpreadConstraints, c)
	return p
}

// Constraint adds a topology spread constraint as given.
func (p *PodWrapper) Constraint(c apiobj.TopologySpreadConstraint) *PodWrapper {
	p.Spec.TopologySpreadConstraints = append(p.Spec.TopologySpreadConstraints, c)
	return p
}

// Volume adds a volume.
func (p *PodWrapper) Volume(v apiobj.Volume) *PodWrapper {
	p.Spec.Volumes = append(p.Spec.Volumes, v)
	return p
}

// PVC adds a persistentVolumeClaim volume.
func (p *PodWrapper) PVC(claim string) *PodWrapper {
	return p.Volume(apiobj.Volume{Name: "v-" + claim, VolumeSource: apiobj.VolumeSource{
		PersistentVolumeClaim: &apiobj.PersistentVolumeClaimVolumeSource{ClaimName: claim}}})
}

// Terminating sets a deletion timestamp.
func (p *PodWrapper) Terminating() *PodWrapper {
	t := apiobj.NewTime(time.Unix(1, 0))
	p.DeletionTimestamp = &t
	return p
}

// NodeWrapper builds a Node.
type NodeWrapper struct{ apiobj.Node }

// MakeNode starts a node with the hostname label and room for 110 pods.
func MakeNode(name string) *NodeWrapper {
	n := &NodeWrapper{}
	n.Name = name
	n.Labels = map[string]string{apiobj.LabelHostname: name}
	n.Status.Allocatable = ResourceList("pods", "110")
	return n
}

// Obj returns the node.
func (n *NodeWrapper) Obj() *apiobj.Node { return &n.Node }

// Label adds a label.
func (n *NodeWrapper) Label(k, v string) *NodeWrapper { n.Labels[k] = v; return n }

// Capacity sets allocatable resources (pods stays 110 unless given).
func (n *NodeWrapper) Capacity(kv ...string) *NodeWrapper {
	rl := ResourceList(kv...)
	for k, v := range rl {
		n.Status.Allocatable[k] = v
	}
	return n
}

// Taint adds a taint.
func (n *NodeWrapper) Taint(key, value string, effect apiobj.TaintEffect) *NodeWrapper {
	n.Spec.Taints = append(n.Spec.Taints, apiobj.Taint{Key: key, Value: value, Effect: effect})
	return n
}

// Unschedulable sets spec.unschedulable.
func (n *NodeWrapper) Unschedulable() *NodeWrapper { n.Spec.Unschedulable = true; return n }

// Image adds an image with its names.
func (n *NodeWrapper) Image(size int64, names ...string) *NodeWrapper {
	n.Status.Images = append(n.Status.Images, apiobj.ContainerImage{Names: names, SizeBytes: size})
	return n
}

// ResourceList parses name, quantity pairs.
func ResourceList(kv ...string) apiobj.ResourceList {
	rl := apiobj.ResourceList{}
	for i := 0; i+1 < len(kv); i += 2 {
		rl[apiobj.ResourceName(kv[i])] = resource.MustParse(kv[i+1])
	}
	return rl
}

// Expr builds a node selector requirement.
func Expr(key string, op apiobj.NodeSelectorOperator, values ...string) apiobj.NodeSelectorRequirement {
	return apiobj.NodeSelectorRequirement{Key: key, Operator: op, Values: values}
}

// Term builds a node selector term from label expressions.
func Term(exprs ...apiobj.NodeSelectorRequirement) apiobj.NodeSelectorTerm {
	return apiobj.NodeSelectorTerm{MatchExpressions: exprs}
}
