package kubelet

import (
	"context"
	"time"

	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/apiobj"
)

type probeKind int

const (
	probeStartup probeKind = iota
	probeLiveness
	probeReadiness
)

// probeState is the state of one probe of one container instance. The pod
// worker owns it.
type probeState struct {
	containerID string
	next        time.Time // clock time of the next run
	successes   int32     // consecutive
	failures    int32     // consecutive
	ok          bool      // the current result
}

type probeKey struct {
	container string
	kind      probeKind
}

func probeOf(c *apiobj.Container, kind probeKind) *apiobj.Probe {
	switch kind {
	case probeStartup:
		return c.StartupProbe
	case probeLiveness:
		return c.LivenessProbe
	}
	return c.ReadinessProbe
}

func orDefault(v, def int32) int32 {
	if v <= 0 {
		return def
	}
	return v
}

// state returns the probe state of kind for the container instance cs,
// starting afresh when the container is a new one.
func (w *podWorker) probeState(c *apiobj.Container, kind probeKind, cs *runtimev1.ContainerStatus) *probeState {
	key := probeKey{c.Name, kind}
	ps := w.probes[key]
	if ps == nil || ps.containerID != cs.Id {
		p := probeOf(c, kind)
		ps = &probeState{
			containerID: cs.Id,
			next:        time.Unix(0, cs.StartedAt).Add(time.Duration(p.InitialDelaySeconds) * time.Second),
			ok:          kind == probeLiveness, // alive until proven otherwise
		}
		if w.probes == nil {
			w.probes = map[probeKey]*probeState{}
		}
		w.probes[key] = ps
	}
	return ps
}

// probeResult returns whether c's instance cs passed its probe of kind; a
// container without that probe passes.
func (w *podWorker) probeResult(c *apiobj.Container, kind probeKind, cs *runtimev1.ContainerStatus) bool {
	if probeOf(c, kind) == nil {
		return true
	}
	ps := w.probes[probeKey{c.Name, kind}]
	return ps != nil && ps.containerID == cs.Id && ps.ok
}

// runProbes runs the probes that are due on the running containers of pod,
// asks for a sync when the next ones are due, and stops containers whose
// liveness probe failed. It reports whether it stopped any.
//
// Only exec probes run (through CRI ExecSync). httpGet, tcpSocket and grpc
// probes are not run yet; they count as passing.
func (k *Kubelet) runProbes(ctx context.Context, w *podWorker, pod *apiobj.Pod, st *podState) (killed bool) {
	now := k.clock.Now()
	all := make([]*apiobj.Container, 0, len(pod.Spec.InitContainers)+len(pod.Spec.Containers))
	for i := range pod.Spec.InitContainers {
		if isSidecar(&pod.Spec.InitContainers[i]) {
			all = append(all, &pod.Spec.InitContainers[i])
		}
	}
	for i := range pod.Spec.Containers {
		all = append(all, &pod.Spec.Containers[i])
	}
	for _, c := range all {
		cs := st.latest(c.Name)
		if !running(cs) {
			continue
		}
		for _, kind := range []probeKind{probeStartup, probeLiveness, probeReadiness} {
			p := probeOf(c, kind)
			if p == nil {
				continue
			}
			if kind != probeStartup && !w.probeResult(c, probeStartup, cs) {
				continue // liveness and readiness wait for startup
			}
			ps := w.probeState(c, kind, cs)
			if kind == probeStartup && ps.ok {
				continue // a startup probe stops once it passed
			}
			if now.Before(ps.next) {
				k.wakeAt(w.key, ps.next)
				continue
			}
			ok := k.probeOnce(ctx, cs.Id, p)
			if ok {
				ps.successes++
				ps.failures = 0
			} else {
				ps.failures++
				ps.successes = 0
			}
			threshold := orDefault(p.SuccessThreshold, 1)
			if ok && ps.successes >= threshold {
				ps.ok = true
			}
			if !ok && ps.failures >= orDefault(p.FailureThreshold, 3) {
				ps.ok = false
				if kind != probeReadiness {
					// Liveness or startup failed: the container is killed
					// and restarted as the restart policy says.
					grace := gracePeriod(pod)
					if p.TerminationGracePeriodSeconds != nil {
						grace = *p.TerminationGracePeriodSeconds
					}
					_, err := k.rt.StopContainer(ctx, &runtimev1.StopContainerRequest{ContainerId: cs.Id, Timeout: grace})
					killed = killed || err == nil
					continue
				}
			}
			ps.next = now.Add(time.Duration(orDefault(p.PeriodSeconds, 10)) * time.Second)
			k.wakeAt(w.key, ps.next)
		}
	}
	return killed
}

// probeOnce runs p against the container once.
func (k *Kubelet) probeOnce(ctx context.Context, containerID string, p *apiobj.Probe) bool {
	if p.Exec == nil {
		return true // only exec probes are run; see runProbes
	}
	timeout := time.Duration(orDefault(p.TimeoutSeconds, 1)) * time.Second
	r, err := k.rt.ExecSync(ctx, &runtimev1.ExecSyncRequest{ContainerId: containerID, Cmd: p.Exec.Command, Timeout: int64(timeout / time.Second)})
	return err == nil && r.ExitCode == 0
}
