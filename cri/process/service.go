package process

import (
	"context"
	"encoding/json"

	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"
)

// ConditionResourceLimits is the runtime condition, beside RuntimeReady and
// NetworkReady, that says whether container CPU and memory limits are
// enforced through cgroups.
const ConditionResourceLimits = "ResourceLimitsEnforced"

// Version reports the runtime's name and versions.
func (r *server) Version(ctx context.Context, req *runtimev1.VersionRequest) (*runtimev1.VersionResponse, error) {
	return &runtimev1.VersionResponse{
		Version:           "0.1.0",
		RuntimeName:       RuntimeName,
		RuntimeVersion:    RuntimeVersion,
		RuntimeApiVersion: CRIVersion,
	}, nil
}

// Status reports RuntimeReady and NetworkReady, both true while the runtime
// is open (pods on the host network need no setup), and
// ResourceLimitsEnforced, false with a reason where cgroups are unavailable.
func (r *server) Status(ctx context.Context, req *runtimev1.StatusRequest) (*runtimev1.StatusResponse, error) {
	ready := !r.isClosed()
	runtimeCond := &runtimev1.RuntimeCondition{Type: runtimev1.RuntimeReady, Status: ready}
	netCond := &runtimev1.RuntimeCondition{Type: runtimev1.NetworkReady, Status: ready}
	if !ready {
		runtimeCond.Reason, runtimeCond.Message = "RuntimeClosed", "the process runtime is closed"
		netCond.Reason, netCond.Message = "RuntimeClosed", "the process runtime is closed"
	}
	limits := &runtimev1.RuntimeCondition{Type: ConditionResourceLimits, Status: r.cgReason == ""}
	if r.cgReason != "" {
		limits.Reason = "CgroupsUnavailable"
		if r.cg != nil {
			limits.Reason = "CgroupControllersMissing"
		}
		limits.Message = r.cgReason
	}
	resp := &runtimev1.StatusResponse{
		Status: &runtimev1.RuntimeStatus{Conditions: []*runtimev1.RuntimeCondition{runtimeCond, netCond, limits}},
		RuntimeHandlers: []*runtimev1.RuntimeHandler{{
			Name:     "",
			Features: &runtimev1.RuntimeHandlerFeatures{},
		}},
		Features: &runtimev1.RuntimeFeatures{},
	}
	if req.GetVerbose() {
		network := "host"
		if r.netOn {
			network = "pod network namespaces through the Network hook"
		}
		cg := ""
		if r.cg != nil {
			cg = r.cg.parent
		}
		b, _ := json.Marshal(map[string]string{
			"rootDir": r.cfg.RootDir, "network": network, "hostIP": r.hostIP,
			"cgroupParent": cg, "streamingURL": r.StreamingURL(),
		})
		resp.Info = map[string]string{"config": string(b)}
	}
	return resp, nil
}

// UpdateRuntimeConfig accepts the pod CIDR; the process runtime has no use
// for it (the Network hook owns addressing).
func (r *server) UpdateRuntimeConfig(ctx context.Context, req *runtimev1.UpdateRuntimeConfigRequest) (*runtimev1.UpdateRuntimeConfigResponse, error) {
	return &runtimev1.UpdateRuntimeConfigResponse{}, nil
}

// RuntimeConfig reports the cgroupfs driver.
func (r *server) RuntimeConfig(ctx context.Context, req *runtimev1.RuntimeConfigRequest) (*runtimev1.RuntimeConfigResponse, error) {
	return &runtimev1.RuntimeConfigResponse{
		Linux: &runtimev1.LinuxRuntimeConfiguration{CgroupDriver: runtimev1.CgroupDriver_CGROUPFS},
	}, nil
}

// CheckpointContainer fails with Unimplemented: processes cannot be
// checkpointed by this runtime.
func (r *server) CheckpointContainer(ctx context.Context, req *runtimev1.CheckpointContainerRequest) (*runtimev1.CheckpointContainerResponse, error) {
	return nil, unsupported("checkpointing containers")
}

// CheckpointPod fails with Unimplemented, like CheckpointContainer.
func (r *server) CheckpointPod(ctx context.Context, req *runtimev1.CheckpointPodRequest) (*runtimev1.CheckpointPodResponse, error) {
	return nil, unsupported("checkpointing pods")
}

// RestorePod fails with Unimplemented, like CheckpointContainer.
func (r *server) RestorePod(ctx context.Context, req *runtimev1.RestorePodRequest) (*runtimev1.RestorePodResponse, error) {
	return nil, unsupported("restoring pods")
}
