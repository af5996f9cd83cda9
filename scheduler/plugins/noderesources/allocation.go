package noderesources

import (
	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/scheduler/framework"
)

// allocationScorer scores nodes by how much of each configured resource
// would be requested with the incoming pod on them.
type allocationScorer struct {
	strategy  *strategy
	resources []apiobj.ResourceName
	scalar    []bool // per resource: kept in Resource.ScalarResources
	// useRequested scores CPU and memory by the actual requests; otherwise
	// pods without requests count with the non-zero defaults.
	useRequested bool
}

func newAllocationScorer(s *strategy, resources []ResourceSpec, useRequested bool) *allocationScorer {
	a := &allocationScorer{strategy: s, useRequested: useRequested}
	for _, r := range resources {
		n := apiobj.ResourceName(r.Name)
		a.resources = append(a.resources, n)
		a.scalar = append(a.scalar, framework.IsScalarResourceName(n))
	}
	return a
}

// podRequests returns the pod's request of each scored resource, in the
// order of a.resources.
func (a *allocationScorer) podRequests(pod *apiobj.Pod) []int64 {
	reqs := framework.PodRequests(pod, false)
	var nz framework.Resource
	if !a.useRequested {
		nz = framework.PodRequests(pod, true)
	}
	out := make([]int64, len(a.resources))
	for i, r := range a.resources {
		switch r {
		case apiobj.ResourceCPU:
			out[i] = reqs.MilliCPU
			if !a.useRequested {
				out[i] = nz.MilliCPU
			}
		case apiobj.ResourceMemory:
			out[i] = reqs.Memory
			if !a.useRequested {
				out[i] = nz.Memory
			}
		default:
			out[i] = reqs.Get(r)
		}
	}
	return out
}

// isBestEffort reports whether the pod requests none of the resources.
func isBestEffort(podRequests []int64) bool {
	for _, r := range podRequests {
		if r != 0 {
			return false
		}
	}
	return true
}

const maxStackResources = 8

// score scores the node for a pod with the given requests. It does not
// allocate for up to maxStackResources resources.
func (a *allocationScorer) score(nodeInfo *framework.NodeInfo, podRequests []int64) int64 {
	n := len(a.resources)
	var reqBuf, allocBuf [maxStackResources]int64
	var requested, allocatable []int64
	if n <= maxStackResources {
		requested, allocatable = reqBuf[:n], allocBuf[:n]
	} else {
		requested, allocatable = make([]int64, n), make([]int64, n)
	}
	used := &nodeInfo.NonZeroRequested
	if a.useRequested {
		used = &nodeInfo.Requested
	}
	alloc := &nodeInfo.Allocatable
	for i, r := range a.resources {
		podReq := podRequests[i]
		switch r {
		case apiobj.ResourceCPU:
			allocatable[i], requested[i] = alloc.MilliCPU, used.MilliCPU+podReq
		case apiobj.ResourceMemory:
			allocatable[i], requested[i] = alloc.Memory, used.Memory+podReq
		case apiobj.ResourceEphemeralStorage:
			allocatable[i], requested[i] = alloc.EphemeralStorage, nodeInfo.Requested.EphemeralStorage+podReq
		default:
			if podReq == 0 && a.scalar[i] {
				// An extended resource the pod does not ask for is not scored.
				continue
			}
			if v, ok := alloc.ScalarResources[r]; ok {
				allocatable[i], requested[i] = v, nodeInfo.Requested.ScalarResources[r]+podReq
			}
		}
		if allocatable[i] == 0 {
			requested[i] = 0
		}
	}
	return a.strategy.score(requested, allocatable)
}
