// Package noderesources holds two plugins.
//
// NodeResourcesFit (NewFit) rejects a node that lacks room for the pod's
// requests: CPU, memory, ephemeral storage, every extended resource the pod
// asks for, and the pod count. Requests are the sum over containers raised
// to the largest init container, plus sidecars, pod-level resources and the
// pod overhead (framework.PodRequests). Each missing resource is a reason:
// "Insufficient cpu", "Insufficient memory", "Insufficient
// ephemeral-storage", "Insufficient example.com/gpu", "Too many pods".
// Score follows the scoring strategy: LeastAllocated (the default: spread),
// MostAllocated (bin packing) or RequestedToCapacityRatio (a
// piecewise-linear shape over utilization), averaged over the configured
// resources by weight. CPU and memory are scored with the non-zero
// defaults (100m, 200Mi) for containers that request none.
//
// NodeResourcesBalancedAllocation (NewBalancedAllocation) scores nodes by
// how even the requested fractions of the resources would be with the pod
// placed: (1 - standard deviation) * 100. It skips pods that request none
// of its resources.
//
// Args are JSON in the shape of KubeSchedulerConfiguration's
// NodeResourcesFitArgs and NodeResourcesBalancedAllocationArgs:
//
//	{"ignoredResources": ["example.com/foo"],
//	 "scoringStrategy": {"type": "RequestedToCapacityRatio",
//	   "resources": [{"name": "cpu", "weight": 1}],
//	   "requestedToCapacityRatio": {"shape": [{"utilization": 0, "score": 0},
//	                                          {"utilization": 100, "score": 10}]}}}
package noderesources
