package kubelet

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"reflect"
	goruntime "runtime"
	"strconv"
	"strings"
	"time"

	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/resource"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/errdefs"
)

// DefaultMaxPods is the pods capacity of a node whose capacity comes from
// the machine.
const DefaultMaxPods = 110

// machineCapacity reads the capacity of this machine.
func machineCapacity() (apiobj.ResourceList, error) {
	mem, err := memTotal("/proc/meminfo")
	if err != nil {
		return nil, fmt.Errorf("kubelet: capacity: %w", err)
	}
	return apiobj.ResourceList{
		apiobj.ResourceCPU:    resource.NewQuantity(int64(goruntime.NumCPU()), resource.DecimalSI),
		apiobj.ResourceMemory: resource.NewQuantity(mem, resource.BinarySI),
		apiobj.ResourcePods:   resource.NewQuantity(DefaultMaxPods, resource.DecimalSI),
	}, nil
}

// memTotal returns MemTotal from a meminfo file, in bytes.
func memTotal(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) >= 2 && fs[0] == "MemTotal:" {
			kb, err := strconv.ParseInt(fs[1], 10, 64)
			if err != nil {
				return 0, fmt.Errorf("%s: MemTotal: %w", path, err)
			}
			return kb * 1024, nil
		}
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, fmt.Errorf("%s: no MemTotal", path)
}

// allocatable returns capacity minus reserved, never below zero.
func allocatable(capacity, reserved apiobj.ResourceList) apiobj.ResourceList {
	out := make(apiobj.ResourceList, len(capacity))
	for name, q := range capacity {
		q = q.DeepCopy()
		if r, ok := reserved[name]; ok {
			q.Sub(r)
			if q.Sign() < 0 {
				q = resource.NewQuantity(0, q.Format)
			}
		}
		out[name] = q
	}
	return out
}

// nodeStatus owns the Node object and the Lease: registration, heartbeats
// and status posts. Its fields are used by the goroutine running run only.
type nodeStatus struct {
	k        *Kubelet
	nodes    *client.Resource[*apiobj.Node]
	leases   *client.Resource[*apiobj.Lease]
	version  *runtimev1.VersionResponse
	node     *apiobj.Node // as last written
	lastPost time.Time    // clock time of the last status post
	lease    *apiobj.Lease
}

func newNodeStatus(k *Kubelet, v *runtimev1.VersionResponse) *nodeStatus {
	return &nodeStatus{
		k:       k,
		nodes:   client.For[*apiobj.Node](k.cfg.Client),
		leases:  client.For[*apiobj.Lease](k.cfg.Client).Namespace(NodeLeaseNamespace),
		version: v,
	}
}

func (s *nodeStatus) labels() map[string]string {
	l := maps.Clone(s.k.cfg.Labels)
	if l == nil {
		l = map[string]string{}
	}
	l[apiobj.LabelHostname] = s.k.cfg.Hostname
	l[apiobj.LabelOSStable] = goruntime.GOOS
	l[apiobj.LabelArchStable] = goruntime.GOARCH
	return l
}

// register creates the Node, or adopts the existing one and brings its
// labels up to date, then posts its status.
func (s *nodeStatus) register(ctx context.Context) error {
	cfg := &s.k.cfg
	want := &apiobj.Node{
		ObjectMeta: apiobj.ObjectMeta{Name: cfg.NodeName, Labels: s.labels()},
		Spec:       apiobj.NodeSpec{Taints: cfg.Taints},
	}
	n, err := s.nodes.Create(ctx, want)
	if errors.Is(err, errdefs.ErrAlreadyExists) {
		n, err = s.nodes.Get(ctx, cfg.NodeName)
		if err == nil && !labelsContain(n.Labels, want.Labels) {
			n = n.DeepCopy()
			if n.Labels == nil {
				n.Labels = map[string]string{}
			}
			maps.Copy(n.Labels, want.Labels)
			n, err = s.nodes.Update(ctx, n)
		}
	}
	if err != nil {
		return err
	}
	s.node = n
	s.k.nodeUID = n.UID
	s.k.podCIDRs = n.Spec.PodCIDRs
	if len(s.k.podCIDRs) == 0 && n.Spec.PodCIDR != "" {
		s.k.podCIDRs = []string{n.Spec.PodCIDR}
	}
	if len(s.k.podCIDRs) > 0 {
		_, err := s.k.rt.UpdateRuntimeConfig(ctx, &runtimev1.UpdateRuntimeConfigRequest{
			RuntimeConfig: &runtimev1.RuntimeConfig{NetworkConfig: &runtimev1.NetworkConfig{PodCidr: strings.Join(s.k.podCIDRs, ",")}},
		})
		if err != nil {
			return fmt.Errorf("update runtime config: %w", err)
		}
	}
	return s.post(ctx, true)
}

func labelsContain(have, want map[string]string) bool {
	for k, v := range want {
		if hv, ok := have[k]; !ok || hv != v {
			return false
		}
	}
	return true
}

// run renews the lease and posts the node status until ctx ends.
func (s *nodeStatus) run(ctx context.Context) {
	s.k.every(ctx, s.k.cfg.RenewInterval, func(ctx context.Context) {
		if err := s.renewLease(ctx); err != nil && ctx.Err() == nil {
			s.lease = nil // fetch it again next time
		}
		force := s.k.clock.Now().Sub(s.lastPost) >= s.k.cfg.StatusUpdateFrequency
		_ = s.post(ctx, force) // a failed post is retried on the next tick
	})
}

// renewLease creates or renews the node's Lease.
func (s *nodeStatus) renewLease(ctx context.Context) error {
	now := apiobj.NewMicroTime(s.k.clock.Now())
	name := s.k.cfg.NodeName
	if s.lease == nil {
		l, err := s.leases.Get(ctx, name)
		switch {
		case errors.Is(err, errdefs.ErrNotFound):
			l, err = s.leases.Create(ctx, &apiobj.Lease{
				ObjectMeta: apiobj.ObjectMeta{
					Name: name, Namespace: NodeLeaseNamespace,
					OwnerReferences: []apiobj.OwnerReference{{APIVersion: "v1", Kind: "Node", Name: name, UID: s.k.nodeUID}},
				},
				Spec: apiobj.LeaseSpec{
					HolderIdentity:       &name,
					LeaseDurationSeconds: apiobj.Ptr(int32(s.k.cfg.LeaseDuration / time.Second)),
					RenewTime:            &now,
				},
			})
			if err == nil {
				s.lease = l
			}
			return err
		case err != nil:
			return err
		}
		s.lease = l
	}
	l := s.lease.DeepCopy()
	l.Spec.HolderIdentity = &name
	l.Spec.LeaseDurationSeconds = apiobj.Ptr(int32(s.k.cfg.LeaseDuration / time.Second))
	l.Spec.RenewTime = &now
	l, err := s.leases.Update(ctx, l)
	if err != nil {
		return err
	}
	s.lease = l
	return nil
}

// desiredStatus computes the node status at now, keeping the transition
// times of conditions whose status did not change.
func (s *nodeStatus) desiredStatus(ctx context.Context, now apiobj.Time) apiobj.NodeStatus {
	cfg := &s.k.cfg
	ready, msg := apiobj.ConditionTrue, "kubelet is posting ready status"
	reason := "KubeletReady"
	st, err := s.k.rt.Status(ctx, &runtimev1.StatusRequest{})
	switch {
	case err != nil:
		ready, reason, msg = apiobj.ConditionFalse, "KubeletNotReady", "container runtime status check failed: "+err.Error()
	default:
		// Only the two conditions CRI requires decide readiness, as in
		// Kubernetes; runtimes may report informational ones besides.
		for _, c := range st.GetStatus().GetConditions() {
			if (c.Type == runtimev1.RuntimeReady || c.Type == runtimev1.NetworkReady) && !c.Status {
				ready, reason = apiobj.ConditionFalse, "KubeletNotReady"
				msg = fmt.Sprintf("container runtime not ready: %s=false reason:%s message:%s", c.Type, c.Reason, c.Message)
				break
			}
		}
	}
	conds := []apiobj.NodeCondition{
		{Type: apiobj.NodeMemoryPressure, Status: apiobj.ConditionFalse, Reason: "KubeletHasSufficientMemory", Message: "kubelet has sufficient memory available"},
		{Type: apiobj.NodeDiskPressure, Status: apiobj.ConditionFalse, Reason: "KubeletHasNoDiskPressure", Message: "kubelet has no disk pressure"},
		{Type: apiobj.NodePIDPressure, Status: apiobj.ConditionFalse, Reason: "KubeletHasSufficientPID", Message: "kubelet has sufficient PID available"},
		{Type: apiobj.NodeReady, Status: ready, Reason: reason, Message: msg},
	}
	for i := range conds {
		c := &conds[i]
		c.LastHeartbeatTime = now
		c.LastTransitionTime = now
		if s.node != nil {
			if _, old := apiobj.GetNodeCondition(&s.node.Status, c.Type); old != nil && old.Status == c.Status && !old.LastTransitionTime.IsZero() {
				c.LastTransitionTime = old.LastTransitionTime
			}
		}
	}
	var images []apiobj.ContainerImage
	if s.node != nil {
		images = s.node.Status.Images
	}
	return apiobj.NodeStatus{
		Capacity:    cfg.Capacity,
		Allocatable: allocatable(cfg.Capacity, cfg.Reserved),
		Phase:       apiobj.NodeRunning,
		Conditions:  conds,
		Addresses: []apiobj.NodeAddress{
			{Type: apiobj.NodeInternalIP, Address: cfg.NodeIP},
			{Type: apiobj.NodeHostName, Address: cfg.Hostname},
		},
		NodeInfo: apiobj.NodeSystemInfo{
			KernelVersion:           kernelVersion(),
			OSImage:                 goruntime.GOOS,
			ContainerRuntimeVersion: s.version.RuntimeName + "://" + s.version.RuntimeVersion,
			KubeletVersion:          Version,
			OperatingSystem:         goruntime.GOOS,
			Architecture:            goruntime.GOARCH,
		},
		Images: images,
	}
}

// post writes the node status if it changed (heartbeat times aside) or
// force is set.
func (s *nodeStatus) post(ctx context.Context, force bool) error {
	now := apiobj.NewTime(s.k.clock.Now())
	want := s.desiredStatus(ctx, now)
	if !force && s.node != nil && sameNodeStatus(s.node.Status, want) {
		return nil
	}
	n := s.node.DeepCopy()
	n.Status = want
	out, err := s.nodes.UpdateStatus(ctx, n)
	if errors.Is(err, errdefs.ErrConflict) {
		var fresh *apiobj.Node
		if fresh, err = s.nodes.Get(ctx, n.Name); err == nil {
			fresh = fresh.DeepCopy()
			fresh.Status = want
			out, err = s.nodes.UpdateStatus(ctx, fresh)
		}
	}
	if err != nil {
		return err
	}
	s.node = out
	s.lastPost = now.Time
	return nil
}

// sameNodeStatus compares a and b without the heartbeat times.
func sameNodeStatus(a, b apiobj.NodeStatus) bool {
	strip := func(s apiobj.NodeStatus) apiobj.NodeStatus {
		s.Conditions = append([]apiobj.NodeCondition(nil), s.Conditions...)
		for i := range s.Conditions {
			s.Conditions[i].LastHeartbeatTime = apiobj.Time{}
		}
		return s
	}
	a, b = strip(a), strip(b)
	return reflect.DeepEqual(a.Conditions, b.Conditions) && reflect.DeepEqual(a.Addresses, b.Addresses) &&
		reflect.DeepEqual(a.NodeInfo, b.NodeInfo) && sameResources(a.Capacity, b.Capacity) &&
		sameResources(a.Allocatable, b.Allocatable)
}

func sameResources(a, b apiobj.ResourceList) bool {
	if len(a) != len(b) {
		return false
	}
	for k, q := range a {
		if r, ok := b[k]; !ok || q.Cmp(r) != 0 {
			return false
		}
	}
	return true
}

func kernelVersion() string {
	b, err := os.ReadFile("/proc/sys/kernel/osrelease")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}
