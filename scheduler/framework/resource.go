package framework

import (
	"strings"

	"github.com/orcaproj/orca/apiobj"
)

// Default requests that scoring assumes for a container that requests no
// CPU or memory, as kube-scheduler does (NonZeroRequested).
const (
	DefaultMilliCPURequest int64 = 100               // 0.1 core
	DefaultMemoryRequest   int64 = 200 * 1024 * 1024 // 200 MiB
)

// Resource is an amount of compute resources in integer units: CPU in
// millicores, memory and ephemeral storage in bytes, everything else
// (extended resources, hugepages, attachable volumes) by name in its own
// unit in ScalarResources.
type Resource struct {
	MilliCPU         int64
	Memory           int64
	EphemeralStorage int64
	// AllowedPodNumber is the "pods" resource (allocatable only).
	AllowedPodNumber int
	// ScalarResources is nil when there are none.
	ScalarResources map[apiobj.ResourceName]int64
}

// NewResource converts a ResourceList.
func NewResource(rl apiobj.ResourceList) *Resource {
	r := &Resource{}
	r.Add(rl)
	return r
}

// Add adds every quantity of rl.
func (r *Resource) Add(rl apiobj.ResourceList) {
	for name, q := range rl {
		switch name {
		case apiobj.ResourceCPU:
			r.MilliCPU += q.MilliValue()
		case apiobj.ResourceMemory:
			r.Memory += q.Value()
		case apiobj.ResourceEphemeralStorage:
			r.EphemeralStorage += q.Value()
		case apiobj.ResourcePods:
			r.AllowedPodNumber += int(q.Value())
		default:
			if IsScalarResourceName(name) {
				r.AddScalar(name, q.Value())
			}
		}
	}
}

// AddResource adds every amount of x.
func (r *Resource) AddResource(x *Resource) {
	r.MilliCPU += x.MilliCPU
	r.Memory += x.Memory
	r.EphemeralStorage += x.EphemeralStorage
	r.AllowedPodNumber += x.AllowedPodNumber
	for n, v := range x.ScalarResources {
		r.AddScalar(n, v)
	}
}

// SubResource subtracts every amount of x.
func (r *Resource) SubResource(x *Resource) {
	r.MilliCPU -= x.MilliCPU
	r.Memory -= x.Memory
	r.EphemeralStorage -= x.EphemeralStorage
	r.AllowedPodNumber -= x.AllowedPodNumber
	for n, v := range x.ScalarResources {
		r.AddScalar(n, -v)
	}
}

// AddScalar adds v to the scalar resource name.
func (r *Resource) AddScalar(name apiobj.ResourceName, v int64) {
	if r.ScalarResources == nil {
		if v == 0 {
			return
		}
		r.ScalarResources = make(map[apiobj.ResourceName]int64, 1)
	}
	r.ScalarResources[name] += v
}

// SetMax raises each amount of r to at least that of x.
func (r *Resource) SetMax(x *Resource) {
	r.MilliCPU = max(r.MilliCPU, x.MilliCPU)
	r.Memory = max(r.Memory, x.Memory)
	r.EphemeralStorage = max(r.EphemeralStorage, x.EphemeralStorage)
	r.AllowedPodNumber = max(r.AllowedPodNumber, x.AllowedPodNumber)
	for n, v := range x.ScalarResources {
		if v > r.ScalarResources[n] {
			if r.ScalarResources == nil {
				r.ScalarResources = make(map[apiobj.ResourceName]int64, 1)
			}
			r.ScalarResources[n] = v
		}
	}
}

// Clone returns a deep copy.
func (r *Resource) Clone() *Resource {
	c := *r
	c.ScalarResources = cloneScalars(r.ScalarResources)
	return &c
}

func cloneScalars(m map[apiobj.ResourceName]int64) map[apiobj.ResourceName]int64 {
	if m == nil {
		return nil
	}
	c := make(map[apiobj.ResourceName]int64, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// IsZero reports whether every amount is zero.
func (r *Resource) IsZero() bool {
	if r.MilliCPU != 0 || r.Memory != 0 || r.EphemeralStorage != 0 || r.AllowedPodNumber != 0 {
		return false
	}
	for _, v := range r.ScalarResources {
		if v != 0 {
			return false
		}
	}
	return true
}

// Get returns the amount of a resource by name, in the units above.
func (r *Resource) Get(name apiobj.ResourceName) int64 {
	switch name {
	case apiobj.ResourceCPU:
		return r.MilliCPU
	case apiobj.ResourceMemory:
		return r.Memory
	case apiobj.ResourceEphemeralStorage:
		return r.EphemeralStorage
	case apiobj.ResourcePods:
		return int64(r.AllowedPodNumber)
	}
	return r.ScalarResources[name]
}

// IsNativeResource reports whether name has no domain prefix or the
// kubernetes.io/ one.
func IsNativeResource(name apiobj.ResourceName) bool {
	return !strings.Contains(string(name), "/") || IsPrefixedNativeResource(name)
}

// IsPrefixedNativeResource reports whether name is in the kubernetes.io/
// domain.
func IsPrefixedNativeResource(name apiobj.ResourceName) bool {
	return strings.Contains(string(name), apiobj.ResourceDefaultNamespacePrefix)
}

// IsExtendedResourceName reports whether name is an extended resource: a
// domain-qualified name outside kubernetes.io/ that is not a quota
// "requests." name.
func IsExtendedResourceName(name apiobj.ResourceName) bool {
	if IsNativeResource(name) || strings.HasPrefix(string(name), apiobj.DefaultResourceRequestsPrefix) {
		return false
	}
	return true
}

// IsHugePageResourceName reports whether name is hugepages-<size>.
func IsHugePageResourceName(name apiobj.ResourceName) bool {
	return strings.HasPrefix(string(name), apiobj.ResourceHugePagesPrefix)
}

// IsAttachableVolumeResourceName reports whether name is attachable-volumes-*.
func IsAttachableVolumeResourceName(name apiobj.ResourceName) bool {
	return strings.HasPrefix(string(name), apiobj.ResourceAttachableVolumesPrefix)
}

// IsScalarResourceName reports whether name is kept in
// Resource.ScalarResources: extended, hugepages, prefixed native or
// attachable-volume resources.
func IsScalarResourceName(name apiobj.ResourceName) bool {
	return IsExtendedResourceName(name) || IsHugePageResourceName(name) ||
		IsPrefixedNativeResource(name) || IsAttachableVolumeResourceName(name)
}

func isSidecar(c *apiobj.Container) bool {
	return c.RestartPolicy != nil && *c.RestartPolicy == apiobj.ContainerRestartPolicyAlways
}

// PodRequests returns what the pod asks of a node, as kube-scheduler
// computes it: the sum over containers, raised to the largest init
// container (counting sidecars started before it), plus sidecars, with
// pod-level resources replacing CPU and memory when set, plus the pod
// overhead. nonZero applies DefaultMilliCPURequest and
// DefaultMemoryRequest to containers that request no CPU or memory (for
// scoring); scalar resources are left out of the nonZero form.
func PodRequests(pod *apiobj.Pod, nonZero bool) Resource {
	var reqs Resource
	var c Resource
	for i := range pod.Spec.Containers {
		containerRequests(&c, &pod.Spec.Containers[i], nonZero)
		reqs.AddResource(&c)
	}
	if len(pod.Spec.InitContainers) != 0 {
		var sidecars, initMax Resource
		for i := range pod.Spec.InitContainers {
			ic := &pod.Spec.InitContainers[i]
			containerRequests(&c, ic, nonZero)
			if isSidecar(ic) {
				reqs.AddResource(&c)
				sidecars.AddResource(&c)
				initMax.SetMax(&sidecars)
				continue
			}
			c.AddResource(&sidecars)
			initMax.SetMax(&c)
		}
		reqs.SetMax(&initMax)
	}
	if pr := pod.Spec.Resources; pr != nil {
		if q, ok := pr.Requests[apiobj.ResourceCPU]; ok {
			reqs.MilliCPU = q.MilliValue()
		} else if q, ok := pr.Limits[apiobj.ResourceCPU]; ok {
			reqs.MilliCPU = q.MilliValue()
		}
		if q, ok := pr.Requests[apiobj.ResourceMemory]; ok {
			reqs.Memory = q.Value()
		} else if q, ok := pr.Limits[apiobj.ResourceMemory]; ok {
			reqs.Memory = q.Value()
		}
	}
	if pod.Spec.Overhead != nil {
		var o Resource
		o.Add(pod.Spec.Overhead)
		if nonZero {
			o.ScalarResources = nil
		}
		reqs.AddResource(&o)
	}
	reqs.AllowedPodNumber = 0
	return reqs
}

// containerRequests sets *r to the container's requests, reusing r's map.
func containerRequests(r *Resource, c *apiobj.Container, nonZero bool) {
	m := r.ScalarResources
	clear(m)
	*r = Resource{ScalarResources: m}
	if nonZero {
		rl := c.Resources.Requests
		if q, ok := rl[apiobj.ResourceCPU]; ok {
			r.MilliCPU = q.MilliValue()
		} else {
			r.MilliCPU = DefaultMilliCPURequest
		}
		if q, ok := rl[apiobj.ResourceMemory]; ok {
			r.Memory = q.Value()
		} else {
			r.Memory = DefaultMemoryRequest
		}
		return
	}
	r.Add(c.Resources.Requests)
}
