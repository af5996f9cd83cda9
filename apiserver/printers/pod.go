package printers

import (
	"fmt"
	"strconv"
	"time"

	"github.com/orcaproj/orca/apiobj"
)

// nodeUnreachablePodReason is the status reason of pods on a node that
// stopped reporting.
const nodeUnreachablePodReason = "NodeLost"

var podColumns = []TableColumnDefinition{colName,
	col("Ready", "string", "The number of ready containers out of all containers."),
	col("Status", "string", "The aggregate status of the pod and its containers."),
	col("Restarts", "string", "How many times the containers restarted, and how long ago the last one did."),
	colAge,
	wide(col("IP", "string", "The IP of the pod.")),
	wide(col("Node", "string", "The node the pod is bound to.")),
	wide(col("Nominated Node", "string", "The node the pod is expected to run on once preemption finishes.")),
	wide(col("Readiness Gates", "string", "The number of readiness gates that are met out of all of them.")),
}

var podConverter = &converter{columns: podColumns, cells: func(obj apiobj.Object, now time.Time) ([]any, []TableRowCondition, error) {
	pod, ok := obj.(*apiobj.Pod)
	if !ok {
		return nil, nil, fmt.Errorf("printers: got %T, want *apiobj.Pod", obj)
	}
	cells, conds := printPod(pod, now)
	return cells, conds, nil
}}

func isSidecar(c *apiobj.Container) bool {
	return c != nil && c.RestartPolicy != nil && *c.RestartPolicy == apiobj.ContainerRestartPolicyAlways
}

func podCondition(s *apiobj.PodStatus, t apiobj.PodConditionType) *apiobj.PodCondition {
	for i := range s.Conditions {
		if s.Conditions[i].Type == t {
			return &s.Conditions[i]
		}
	}
	return nil
}

// PodStatus returns the STATUS kubectl prints for pod: the phase, or a
// more telling reason (Init:0/1, Init:CrashLoopBackOff, ContainerCreating,
// CrashLoopBackOff, Completed, Error, OOMKilled, ExitCode:3, NotReady,
// SchedulingGated, Terminating, Unknown and the like).
func PodStatus(pod *apiobj.Pod) string {
	s, _, _, _, _ := podSummary(pod)
	return s
}

// podSummary computes the STATUS, the ready and total container counts,
// the restart count and the time of the last restart.
func podSummary(pod *apiobj.Pod) (reason string, ready, total, restarts int, lastRestart time.Time) {
	phase := pod.Status.Phase
	reason = string(phase)
	if pod.Status.Reason != "" {
		reason = pod.Status.Reason
	}
	for _, c := range pod.Status.Conditions {
		if c.Type == apiobj.PodScheduled && c.Reason == apiobj.PodReasonSchedulingGated {
			reason = apiobj.PodReasonSchedulingGated
		}
	}

	initSpecs := map[string]*apiobj.Container{}
	total = len(pod.Spec.Containers)
	for i := range pod.Spec.InitContainers {
		c := &pod.Spec.InitContainers[i]
		initSpecs[c.Name] = c
		if isSidecar(c) {
			total++
		}
	}

	var sidecarRestarts int
	var sidecarLast time.Time
	later := func(t *time.Time, s apiobj.ContainerState) {
		if s.Terminated != nil && s.Terminated.FinishedAt.After(*t) {
			*t = s.Terminated.FinishedAt.Time
		}
	}
	initializing := false
	for i, cs := range pod.Status.InitContainerStatuses {
		restarts += int(cs.RestartCount)
		later(&lastRestart, cs.LastTerminationState)
		sidecar := isSidecar(initSpecs[cs.Name])
		if sidecar {
			sidecarRestarts += int(cs.RestartCount)
			later(&sidecarLast, cs.LastTerminationState)
		}
		switch {
		case cs.State.Terminated != nil && cs.State.Terminated.ExitCode == 0:
			continue
		case sidecar && cs.Started != nil && *cs.Started:
			if cs.Ready {
				ready++
			}
			continue
		case cs.State.Terminated != nil:
			t := cs.State.Terminated
			switch {
			case t.Reason != "":
				reason = "Init:" + t.Reason
			case t.Signal != 0:
				reason = fmt.Sprintf("Init:Signal:%d", t.Signal)
			default:
				reason = fmt.Sprintf("Init:ExitCode:%d", t.ExitCode)
			}
		case cs.State.Waiting != nil && cs.State.Waiting.Reason != "" && cs.State.Waiting.Reason != "PodInitializing":
			reason = "Init:" + cs.State.Waiting.Reason
		default:
			reason = fmt.Sprintf("Init:%d/%d", i, len(pod.Spec.InitContainers))
		}
		initializing = true
		break
	}

	if c := podCondition(&pod.Status, apiobj.PodInitialized); !initializing || (c != nil && c.Status == apiobj.ConditionTrue) {
		restarts, lastRestart = sidecarRestarts, sidecarLast
		hasRunning := false
		for i := len(pod.Status.ContainerStatuses) - 1; i >= 0; i-- {
			cs := pod.Status.ContainerStatuses[i]
			restarts += int(cs.RestartCount)
			later(&lastRestart, cs.LastTerminationState)
			switch st := cs.State; {
			case st.Waiting != nil && st.Waiting.Reason != "":
				reason = st.Waiting.Reason
			case st.Terminated != nil && st.Terminated.Reason != "":
				reason = st.Terminated.Reason
			case st.Terminated != nil && st.Terminated.Signal != 0:
				reason = fmt.Sprintf("Signal:%d", st.Terminated.Signal)
			case st.Terminated != nil:
				reason = fmt.Sprintf("ExitCode:%d", st.Terminated.ExitCode)
			case cs.Ready && st.Running != nil:
				hasRunning = true
				ready++
			}
		}
		if reason == "Completed" && hasRunning {
			if c := podCondition(&pod.Status, apiobj.PodReady); c != nil && c.Status == apiobj.ConditionTrue {
				reason = "Running"
			} else {
				reason = "NotReady"
			}
		}
	}

	terminal := phase == apiobj.PodSucceeded || phase == apiobj.PodFailed
	switch {
	case pod.DeletionTimestamp != nil && pod.Status.Reason == nodeUnreachablePodReason:
		reason = "Unknown"
	case pod.DeletionTimestamp != nil && !terminal:
		reason = "Terminating"
	}
	return reason, ready, total, restarts, lastRestart
}

func printPod(pod *apiobj.Pod, now time.Time) ([]any, []TableRowCondition) {
	reason, ready, total, restarts, last := podSummary(pod)
	restartCell := strconv.Itoa(restarts)
	if restarts != 0 && !last.IsZero() {
		restartCell = fmt.Sprintf("%d (%s ago)", restarts, since(last, now))
	}
	var conds []TableRowCondition
	switch pod.Status.Phase {
	case apiobj.PodSucceeded:
		conds = []TableRowCondition{{Type: RowCompleted, Status: apiobj.ConditionTrue, Reason: string(pod.Status.Phase),
			Message: "The pod has completed successfully."}}
	case apiobj.PodFailed:
		conds = []TableRowCondition{{Type: RowCompleted, Status: apiobj.ConditionTrue, Reason: string(pod.Status.Phase),
			Message: "The pod failed."}}
	}

	ip := "<none>"
	if len(pod.Status.PodIPs) > 0 && pod.Status.PodIPs[0].IP != "" {
		ip = pod.Status.PodIPs[0].IP
	} else if pod.Status.PodIP != "" {
		ip = pod.Status.PodIP
	}
	gates := "<none>"
	if n := len(pod.Spec.ReadinessGates); n > 0 {
		met := 0
		for _, g := range pod.Spec.ReadinessGates {
			if c := podCondition(&pod.Status, g.ConditionType); c != nil && c.Status == apiobj.ConditionTrue {
				met++
			}
		}
		gates = fmt.Sprintf("%d/%d", met, n)
	}
	cells := []any{pod.Name, fmt.Sprintf("%d/%d", ready, total), reason, restartCell, age(pod.CreationTimestamp, now),
		ip, firstNonEmpty(pod.Spec.NodeName, "<none>"), firstNonEmpty(pod.Status.NominatedNodeName, "<none>"), gates}
	return cells, conds
}
