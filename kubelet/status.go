package kubelet

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
)

// podStatus computes the status of pod from the runtime state st and the
// waiting reasons and probe results of its worker. Conditions whose status did not
// change keep their transition times.
func (k *Kubelet) podStatus(pod *apiobj.Pod, st *podState, w *podWorker) apiobj.PodStatus {
	now := apiobj.NewTime(k.clock.Now())
	old := &pod.Status
	s := apiobj.PodStatus{
		HostIP:   k.cfg.NodeIP,
		HostIPs:  []apiobj.HostIP{{IP: k.cfg.NodeIP}},
		QOSClass: QOSClass(pod),
		PodIP:    old.PodIP,
		PodIPs:   old.PodIPs,
	}
	if old.StartTime != nil {
		s.StartTime = old.StartTime
	} else {
		s.StartTime = &now
	}
	sandboxReady := st.status != nil && st.status.State == runtimev1.PodSandboxState_SANDBOX_READY
	if net := st.status.GetNetwork(); sandboxReady && net.GetIp() != "" {
		s.PodIP = net.Ip
		s.PodIPs = []apiobj.PodIP{{IP: net.Ip}}
		for _, ip := range net.AdditionalIps {
			s.PodIPs = append(s.PodIPs, apiobj.PodIP{IP: ip.Ip})
		}
	}

	// Init containers.
	initialized := true
	initFailed := false
	var pendingInit []string
	for i := range pod.Spec.InitContainers {
		c := &pod.Spec.InitContainers[i]
		cs := k.containerStatus(c, st, w, ReasonPodInitializing)
		s.InitContainerStatuses = append(s.InitContainerStatuses, cs)
		last := st.latest(c.Name)
		switch {
		case isSidecar(c):
			if !running(last) {
				initialized = false
				pendingInit = append(pendingInit, c.Name)
			}
		case exited(last) && last.ExitCode == 0:
		default:
			initialized = false
			pendingInit = append(pendingInit, c.Name)
			if exited(last) && pod.Spec.RestartPolicy == apiobj.RestartPolicyNever {
				initFailed = true
			}
		}
	}
	for _, c := range pod.Spec.Containers {
		if st.latest(c.Name) != nil {
			initialized = true // app containers ran: initialization is over
			break
		}
	}

	// App containers.
	defaultReason := ReasonContainerCreating
	if !initialized {
		defaultReason = ReasonPodInitializing
	}
	var unready []string
	var nRunning, nWaiting, nStopped, nSucceeded, nFailed int
	for i := range pod.Spec.Containers {
		c := &pod.Spec.Containers[i]
		cs := k.containerStatus(c, st, w, defaultReason)
		s.ContainerStatuses = append(s.ContainerStatuses, cs)
		if !cs.Ready {
			unready = append(unready, c.Name)
		}
		switch {
		case cs.State.Running != nil:
			nRunning++
		case cs.State.Terminated != nil:
			nStopped++
			if cs.State.Terminated.ExitCode == 0 {
				nSucceeded++
			} else {
				nFailed++
			}
		case cs.State.Waiting != nil && cs.LastTerminationState.Terminated != nil:
			nStopped++
			if cs.LastTerminationState.Terminated.ExitCode == 0 {
				nSucceeded++
			} else {
				nFailed++
			}
		default:
			nWaiting++
		}
	}

	// Phase, as Kubernetes computes it.
	switch {
	case initFailed:
		s.Phase = apiobj.PodFailed
	case !initialized || nWaiting > 0:
		s.Phase = apiobj.PodPending
	case nRunning > 0:
		s.Phase = apiobj.PodRunning
	case pod.Spec.RestartPolicy == apiobj.RestartPolicyAlways || pod.Spec.RestartPolicy == "":
		s.Phase = apiobj.PodRunning
	case nStopped == nSucceeded:
		s.Phase = apiobj.PodSucceeded
	case pod.Spec.RestartPolicy == apiobj.RestartPolicyOnFailure:
		s.Phase = apiobj.PodRunning
	default:
		s.Phase = apiobj.PodFailed
	}

	// Conditions.
	cond := func(t apiobj.PodConditionType, ok bool, reason, msg string) apiobj.PodCondition {
		c := apiobj.PodCondition{Type: t, Status: apiobj.ConditionFalse, LastTransitionTime: now}
		if ok {
			c.Status = apiobj.ConditionTrue
		} else {
			c.Reason, c.Message = reason, msg
		}
		if _, o := apiobj.GetPodCondition(old, t); o != nil && o.Status == c.Status && !o.LastTransitionTime.IsZero() {
			c.LastTransitionTime = o.LastTransitionTime
		}
		return c
	}
	containersReady := len(unready) == 0
	readyReason, readyMsg := "ContainersNotReady", fmt.Sprintf("containers with unready status: [%s]", strings.Join(unready, " "))
	if s.Phase == apiobj.PodSucceeded || s.Phase == apiobj.PodFailed {
		containersReady, readyReason, readyMsg = false, "PodCompleted", ""
	}
	podReady := containersReady
	reason, msg := readyReason, readyMsg
	if podReady {
		var notReady []string
		for _, g := range pod.Spec.ReadinessGates {
			if _, c := apiobj.GetPodCondition(old, g.ConditionType); c == nil || c.Status != apiobj.ConditionTrue {
				notReady = append(notReady, string(g.ConditionType))
			}
		}
		if len(notReady) > 0 {
			podReady, reason = false, "ReadinessGatesNotReady"
			msg = fmt.Sprintf("corresponding condition of pod readiness gate %q does not exist or is not True", strings.Join(notReady, ","))
		}
	}
	scheduled := apiobj.PodCondition{Type: apiobj.PodScheduled, Status: apiobj.ConditionTrue, LastTransitionTime: now}
	if _, o := apiobj.GetPodCondition(old, apiobj.PodScheduled); o != nil {
		scheduled = *o
	}
	s.Conditions = []apiobj.PodCondition{
		cond(apiobj.PodReadyToStartContainers, sandboxReady, "", ""),
		cond(apiobj.PodInitialized, initialized, "ContainersNotInitialized",
			fmt.Sprintf("containers with incomplete status: [%s]", strings.Join(pendingInit, " "))),
		cond(apiobj.PodReady, podReady, reason, msg),
		cond(apiobj.ContainersReady, containersReady, readyReason, readyMsg),
		scheduled,
	}
	// Keep conditions that others own (readiness gates, DisruptionTarget).
	for _, c := range old.Conditions {
		switch c.Type {
		case apiobj.PodReadyToStartContainers, apiobj.PodInitialized, apiobj.PodReady, apiobj.ContainersReady, apiobj.PodScheduled:
		default:
			s.Conditions = append(s.Conditions, c)
		}
	}
	return s
}

// containerStatus is the status of container c.
func (k *Kubelet) containerStatus(c *apiobj.Container, st *podState, pw *podWorker, defaultReason string) apiobj.ContainerStatus {
	cs := apiobj.ContainerStatus{Name: c.Name, Image: c.Image, Started: apiobj.Bool(false)}
	list := st.byName[c.Name]
	w, hasWaiting := pw.waiting[c.Name]
	if len(list) == 0 {
		cs.State.Waiting = &apiobj.ContainerStateWaiting{Reason: defaultReason}
		if hasWaiting {
			cs.State.Waiting = &w
		}
		return cs
	}
	cur := list[0]
	cs.RestartCount = int32(cur.Metadata.GetAttempt())
	cs.ImageID = cur.ImageRef
	cs.ContainerID = k.runtime + "://" + cur.Id
	if len(list) > 1 && exited(list[1]) {
		cs.LastTerminationState.Terminated = k.terminated(list[1])
	}
	switch cur.State {
	case runtimev1.ContainerState_CONTAINER_RUNNING:
		cs.State.Running = &apiobj.ContainerStateRunning{StartedAt: apiobj.NewTime(time.Unix(0, cur.StartedAt))}
		started := pw.probeResult(c, probeStartup, cur)
		cs.Started = apiobj.Bool(started)
		cs.Ready = started && pw.probeResult(c, probeReadiness, cur)
	case runtimev1.ContainerState_CONTAINER_EXITED:
		if hasWaiting {
			cs.State.Waiting = &w
			cs.LastTerminationState.Terminated = k.terminated(cur)
		} else {
			cs.State.Terminated = k.terminated(cur)
		}
	case runtimev1.ContainerState_CONTAINER_CREATED:
		cs.State.Waiting = &apiobj.ContainerStateWaiting{Reason: ReasonContainerCreating}
		if hasWaiting {
			cs.State.Waiting = &w
		}
	default:
		cs.State.Waiting = &apiobj.ContainerStateWaiting{Reason: "ContainerStatusUnknown", Message: cur.Message}
	}
	return cs
}

func (k *Kubelet) terminated(s *runtimev1.ContainerStatus) *apiobj.ContainerStateTerminated {
	t := &apiobj.ContainerStateTerminated{
		ExitCode:    s.ExitCode,
		Reason:      s.Reason,
		Message:     s.Message,
		ContainerID: k.runtime + "://" + s.Id,
	}
	if t.Reason == "" {
		t.Reason = "Error"
		if s.ExitCode == 0 {
			t.Reason = "Completed"
		}
	}
	if s.StartedAt != 0 {
		t.StartedAt = apiobj.NewTime(time.Unix(0, s.StartedAt))
	}
	if s.FinishedAt != 0 {
		t.FinishedAt = apiobj.NewTime(time.Unix(0, s.FinishedAt))
	}
	return t
}

// writeStatus writes status to pod if it differs from what the pod has and
// from what this worker wrote last.
func (k *Kubelet) writeStatus(ctx context.Context, w *podWorker, pod *apiobj.Pod, status apiobj.PodStatus) error {
	want, err := json.Marshal(status)
	if err != nil {
		return err
	}
	have, err := json.Marshal(pod.Status)
	if err != nil {
		return err
	}
	if bytes.Equal(want, have) || bytes.Equal(want, w.lastStatus) {
		return nil
	}
	res := k.pods.Namespace(pod.Namespace)
	p := pod.DeepCopy()
	p.Status = status
	_, err = res.UpdateStatus(ctx, p)
	if errors.Is(err, errdefs.ErrConflict) {
		if p, err = res.Get(ctx, pod.Name); err == nil {
			if p.UID != pod.UID {
				return nil
			}
			p = p.DeepCopy()
			p.Status = status
			_, err = res.UpdateStatus(ctx, p)
		}
	}
	if errors.Is(err, errdefs.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("update pod status: %w", err)
	}
	w.lastStatus = want
	return nil
}

// QOSClass returns the quality of service class of pod, computed as
// Kubernetes does from the cpu and memory requests and limits of its
// containers and init containers: BestEffort when none is set, Guaranteed
// when every container limits both and requests equal limits, else
// Burstable.
func QOSClass(pod *apiobj.Pod) apiobj.PodQOSClass {
	guaranteed, set := true, false
	check := func(c *apiobj.Container) {
		for _, name := range []apiobj.ResourceName{apiobj.ResourceCPU, apiobj.ResourceMemory} {
			lim, hasLim := c.Resources.Limits[name]
			req, hasReq := c.Resources.Requests[name]
			hasLim = hasLim && !lim.IsZero()
			hasReq = hasReq && !req.IsZero()
			set = set || hasLim || hasReq
			if !hasLim || (hasReq && req.Cmp(lim) != 0) {
				guaranteed = false
			}
		}
	}
	for i := range pod.Spec.InitContainers {
		check(&pod.Spec.InitContainers[i])
	}
	for i := range pod.Spec.Containers {
		check(&pod.Spec.Containers[i])
	}
	switch {
	case !set:
		return apiobj.PodQOSBestEffort
	case guaranteed:
		return apiobj.PodQOSGuaranteed
	}
	return apiobj.PodQOSBurstable
}
