package kubelet

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/cri"
	"github.com/orcaproj/orca/errdefs"
)

// Waiting reasons, as the Kubernetes kubelet reports them.
const (
	ReasonContainerCreating          = "ContainerCreating"
	ReasonPodInitializing            = "PodInitializing"
	ReasonCrashLoopBackOff           = "CrashLoopBackOff"
	ReasonErrImagePull               = "ErrImagePull"
	ReasonErrImageNeverPull          = "ErrImageNeverPull"
	ReasonCreateContainerConfigError = "CreateContainerConfigError"
	ReasonCreateContainerError       = "CreateContainerError"
	ReasonRunContainerError          = "RunContainerError"
)

// podState is what the runtime holds for one pod.
type podState struct {
	sandboxes  []*runtimev1.PodSandbox                 // every sandbox of the pod, newest first
	status     *runtimev1.PodSandboxStatus             // of sandboxes[0], if any
	containers []*runtimev1.Container                  // every container of the pod
	byName     map[string][]*runtimev1.ContainerStatus // newest and previous attempt, newest first
}

func (s *podState) sandbox() *runtimev1.PodSandbox {
	if len(s.sandboxes) == 0 {
		return nil
	}
	return s.sandboxes[0]
}

func (s *podState) latest(name string) *runtimev1.ContainerStatus {
	if l := s.byName[name]; len(l) > 0 {
		return l[0]
	}
	return nil
}

func (s *podState) empty() bool { return len(s.sandboxes) == 0 && len(s.containers) == 0 }

// observe reads the runtime state of the pod with uid.
func (k *Kubelet) observe(ctx context.Context, uid apiobj.UID) (*podState, error) {
	sel := map[string]string{cri.LabelPodUID: string(uid)}
	sbs, err := k.rt.ListPodSandbox(ctx, &runtimev1.ListPodSandboxRequest{Filter: &runtimev1.PodSandboxFilter{LabelSelector: sel}})
	if err != nil {
		return nil, fmt.Errorf("list sandboxes: %w", err)
	}
	cs, err := k.rt.ListContainers(ctx, &runtimev1.ListContainersRequest{Filter: &runtimev1.ContainerFilter{LabelSelector: sel}})
	if err != nil {
		return nil, fmt.Errorf("list containers: %w", err)
	}
	st := &podState{sandboxes: sbs.Items, containers: cs.Containers, byName: map[string][]*runtimev1.ContainerStatus{}}
	slices.SortFunc(st.sandboxes, func(a, b *runtimev1.PodSandbox) int {
		if a.Metadata.GetAttempt() != b.Metadata.GetAttempt() {
			return int(b.Metadata.GetAttempt()) - int(a.Metadata.GetAttempt())
		}
		return cmpInt64(b.CreatedAt, a.CreatedAt)
	})
	if sb := st.sandbox(); sb != nil {
		r, err := k.rt.PodSandboxStatus(ctx, &runtimev1.PodSandboxStatusRequest{PodSandboxId: sb.Id})
		if err != nil && !cri.IsNotFound(err) {
			return nil, fmt.Errorf("sandbox status: %w", err)
		}
		st.status = r.GetStatus()
	}
	grouped := map[string][]*runtimev1.Container{}
	for _, c := range st.containers {
		n := c.Metadata.GetName()
		grouped[n] = append(grouped[n], c)
	}
	for name, l := range grouped {
		slices.SortFunc(l, func(a, b *runtimev1.Container) int {
			if a.Metadata.GetAttempt() != b.Metadata.GetAttempt() {
				return int(b.Metadata.GetAttempt()) - int(a.Metadata.GetAttempt())
			}
			return cmpInt64(b.CreatedAt, a.CreatedAt)
		})
		for _, c := range l[:min(2, len(l))] {
			r, err := k.rt.ContainerStatus(ctx, &runtimev1.ContainerStatusRequest{ContainerId: c.Id})
			if cri.IsNotFound(err) {
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("container status: %w", err)
			}
			st.byName[name] = append(st.byName[name], r.Status)
		}
	}
	return st, nil
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// currentPod returns the pod of key from the informer cache, or nil when it
// is gone (or replaced by another pod of the same name).
func (k *Kubelet) currentPod(key podKey) *apiobj.Pod {
	p, err := k.lister.Namespace(key.namespace).Get(key.name)
	if err != nil || p.UID != key.uid {
		return nil
	}
	return p
}

// syncPod brings the runtime in line with the pod of w and writes the pod's
// status. done reports that the pod is gone from the API and the runtime,
// so the worker can end. It is level-based: calling it again with nothing
// changed changes nothing.
func (k *Kubelet) syncPod(ctx context.Context, w *podWorker) (done bool, err error) {
	pod := k.currentPod(w.key)
	st, err := k.observe(ctx, w.key.uid)
	if err != nil {
		return false, err
	}
	if pod == nil {
		if err := k.killPod(ctx, st, 0); err != nil {
			return false, err
		}
		return true, nil
	}
	if pod.DeletionTimestamp != nil {
		return k.terminate(ctx, pod, st)
	}
	if terminal(pod.Status.Phase) || w.terminal {
		// Nothing runs again; release the sandbox, keep the records for
		// status until the pod is deleted.
		return false, k.stopPod(ctx, st, gracePeriod(pod))
	}

	// Each pass starts what the last one allows: an init container that
	// exited at once lets the next one start in the same sync.
	for range len(pod.Spec.InitContainers) + 2 {
		w.waiting = map[string]apiobj.ContainerStateWaiting{}
		changed, err := k.syncContainers(ctx, w, pod, st)
		if err != nil {
			return false, err
		}
		if !changed {
			break
		}
		if st, err = k.observe(ctx, w.key.uid); err != nil {
			return false, err
		}
	}
	if k.runProbes(ctx, w, pod, st) {
		// A container failed its liveness probe and was stopped: sync
		// again to restart it.
		if st, err = k.observe(ctx, w.key.uid); err != nil {
			return false, err
		}
		defer k.signal(w.key.uid, w.key.namespace, w.key.name)
	}
	status := k.podStatus(pod, st, w)
	if err := k.writeStatus(ctx, w, pod, status); err != nil {
		return false, err
	}
	if terminal(status.Phase) {
		// The informer cache may lag behind this write; remember it so
		// the next sync does not start the pod again.
		w.terminal = true
		return false, k.stopPod(ctx, st, gracePeriod(pod))
	}
	return false, nil
}

func terminal(p apiobj.PodPhase) bool { return p == apiobj.PodSucceeded || p == apiobj.PodFailed }

// gracePeriod is how long containers of pod get between SIGTERM and SIGKILL.
func gracePeriod(pod *apiobj.Pod) int64 {
	if pod.DeletionGracePeriodSeconds != nil {
		return *pod.DeletionGracePeriodSeconds
	}
	if pod.Spec.TerminationGracePeriodSeconds != nil {
		return *pod.Spec.TerminationGracePeriodSeconds
	}
	return apiobj.DefaultTerminationGracePeriodSeconds
}

// terminate stops a pod being deleted and removes it from the runtime, then
// from the API.
func (k *Kubelet) terminate(ctx context.Context, pod *apiobj.Pod, st *podState) (bool, error) {
	if err := k.killPod(ctx, st, gracePeriod(pod)); err != nil {
		return false, err
	}
	err := k.pods.Namespace(pod.Namespace).Delete(ctx, pod.Name, client.DeleteOptions{GracePeriodSeconds: apiobj.Int64(0), UID: pod.UID})
	if err != nil && !errors.Is(err, errdefs.ErrNotFound) && !errors.Is(err, errdefs.ErrConflict) {
		return false, fmt.Errorf("delete pod: %w", err)
	}
	return true, nil
}

// stopPod stops every container (with grace seconds each, in parallel) and
// every sandbox of st. Idempotent.
func (k *Kubelet) stopPod(ctx context.Context, st *podState, grace int64) error {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	for _, c := range st.containers {
		if c.State == runtimev1.ContainerState_CONTAINER_EXITED {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := k.rt.StopContainer(ctx, &runtimev1.StopContainerRequest{ContainerId: c.Id, Timeout: grace})
			if err != nil && !cri.IsNotFound(err) {
				mu.Lock()
				errs = append(errs, fmt.Errorf("stop container %s: %w", c.Metadata.GetName(), err))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	for _, sb := range st.sandboxes {
		if sb.State != runtimev1.PodSandboxState_SANDBOX_READY {
			continue
		}
		if _, err := k.rt.StopPodSandbox(ctx, &runtimev1.StopPodSandboxRequest{PodSandboxId: sb.Id}); err != nil && !cri.IsNotFound(err) {
			errs = append(errs, fmt.Errorf("stop sandbox: %w", err))
		}
	}
	return errors.Join(errs...)
}

// killPod stops the pod as stopPod does, then removes its containers and
// sandboxes from the runtime. Idempotent.
func (k *Kubelet) killPod(ctx context.Context, st *podState, grace int64) error {
	if st.empty() {
		return nil
	}
	if err := k.stopPod(ctx, st, grace); err != nil {
		return err
	}
	for _, c := range st.containers {
		if _, err := k.rt.RemoveContainer(ctx, &runtimev1.RemoveContainerRequest{ContainerId: c.Id}); err != nil && !cri.IsNotFound(err) {
			return fmt.Errorf("remove container: %w", err)
		}
	}
	for _, sb := range st.sandboxes {
		if _, err := k.rt.RemovePodSandbox(ctx, &runtimev1.RemovePodSandboxRequest{PodSandboxId: sb.Id}); err != nil && !cri.IsNotFound(err) {
			return fmt.Errorf("remove sandbox: %w", err)
		}
	}
	return nil
}

// isSidecar reports whether c, an init container, is a restartable one.
func isSidecar(c *apiobj.Container) bool {
	return c.RestartPolicy != nil && *c.RestartPolicy == apiobj.ContainerRestartPolicyAlways
}

func exited(s *runtimev1.ContainerStatus) bool {
	return s != nil && s.State == runtimev1.ContainerState_CONTAINER_EXITED
}

func running(s *runtimev1.ContainerStatus) bool {
	return s != nil && s.State == runtimev1.ContainerState_CONTAINER_RUNNING
}

// syncContainers makes sure the sandbox exists, then runs the init
// containers in order and the app containers. changed reports that it
// changed the runtime.
func (k *Kubelet) syncContainers(ctx context.Context, w *podWorker, pod *apiobj.Pod, st *podState) (changed bool, err error) {
	sb := st.sandbox()
	if sb == nil || sb.State != runtimev1.PodSandboxState_SANDBOX_READY {
		var attempt uint32
		if sb != nil && pod.Spec.RestartPolicy == apiobj.RestartPolicyNever && len(st.containers) > 0 {
			// Containers that must not restart ran in the dead sandbox.
			return false, nil
		}
		if sb != nil {
			// The sandbox died: everything starts again in a new one.
			if err := k.stopPod(ctx, st, 0); err != nil {
				return false, err
			}
			attempt = sb.Metadata.GetAttempt() + 1
		}
		cfg := k.sandboxConfig(pod, attempt)
		if _, err := k.rt.RunPodSandbox(ctx, &runtimev1.RunPodSandboxRequest{Config: cfg}); err != nil {
			return false, fmt.Errorf("run sandbox: %w", err)
		}
		if st, err = k.observe(ctx, pod.UID); err != nil {
			return true, err
		}
		changed = true
		if st.sandbox() == nil {
			return true, errors.New("run sandbox: the new sandbox is not listed")
		}
	}
	sb = st.sandbox()
	sbCfg := k.sandboxConfig(pod, sb.Metadata.GetAttempt())
	env := &envSource{k: k, pod: pod, podIP: st.status.GetNetwork().GetIp()}

	start := func(c *apiobj.Container, last *runtimev1.ContainerStatus) (bool, error) {
		if last != nil && last.State == runtimev1.ContainerState_CONTAINER_CREATED {
			// Created but never started, e.g. by a kubelet that stopped.
			_, err := k.rt.StartContainer(ctx, &runtimev1.StartContainerRequest{ContainerId: last.Id})
			if err != nil {
				w.waiting[c.Name] = apiobj.ContainerStateWaiting{Reason: ReasonRunContainerError, Message: err.Error()}
				return false, nil
			}
			return true, nil
		}
		var attempt uint32
		if last != nil {
			attempt = last.Metadata.GetAttempt() + 1
			if !k.backoffAllows(w, pod, c, last) {
				return false, nil
			}
		}
		ok := k.startContainer(ctx, w, pod, sb.Id, sbCfg, c, attempt, env)
		return ok, nil
	}

	// Init containers, in order.
	for i := range pod.Spec.InitContainers {
		c := &pod.Spec.InitContainers[i]
		last := st.latest(c.Name)
		if isSidecar(c) {
			if running(last) {
				continue
			}
			ok, err := start(c, last)
			if ok {
				changed = true
			}
			if err != nil || !ok {
				return changed, err
			}
			// Started: the next pass goes on once it is running.
			return changed, nil
		}
		switch {
		case exited(last) && last.ExitCode == 0:
			continue
		case exited(last) && pod.Spec.RestartPolicy == apiobj.RestartPolicyNever:
			return changed, nil // the pod has failed
		case last == nil || exited(last) || last.State == runtimev1.ContainerState_CONTAINER_CREATED:
			ok, err := start(c, last)
			return changed || ok, err
		default: // running or unknown: wait for it
			return changed, nil
		}
	}

	// App containers.
	for i := range pod.Spec.Containers {
		c := &pod.Spec.Containers[i]
		last := st.latest(c.Name)
		if running(last) || (last != nil && last.State == runtimev1.ContainerState_CONTAINER_UNKNOWN) {
			continue
		}
		if exited(last) && !shouldRestart(pod.Spec.RestartPolicy, last.ExitCode) {
			continue
		}
		ok, err := start(c, last)
		if err != nil {
			return changed, err
		}
		changed = changed || ok
	}
	return changed, nil
}

func shouldRestart(p apiobj.RestartPolicy, exitCode int32) bool {
	switch p {
	case apiobj.RestartPolicyNever:
		return false
	case apiobj.RestartPolicyOnFailure:
		return exitCode != 0
	}
	return true
}

// backoffAllows reports whether the exited container last of c may be
// restarted now. If not, it records CrashLoopBackOff and asks for a sync
// when the backoff ends. If so, it counts the restart.
func (k *Kubelet) backoffAllows(w *podWorker, pod *apiobj.Pod, c *apiobj.Container, last *runtimev1.ContainerStatus) bool {
	now := k.clock.Now()
	e := w.backoff[c.Name]
	if e != nil && last.FinishedAt != 0 {
		ran := time.Duration(last.FinishedAt - last.StartedAt)
		if last.StartedAt != 0 && ran >= backoffReset || now.Sub(e.last) > 2*backoffMax {
			e = nil
		}
	}
	if e != nil {
		finished := time.Unix(0, last.FinishedAt)
		if until := finished.Add(e.delay); now.Before(until) {
			w.waiting[c.Name] = apiobj.ContainerStateWaiting{
				Reason:  ReasonCrashLoopBackOff,
				Message: fmt.Sprintf("back-off %s restarting failed container=%s pod=%s_%s(%s)", e.delay, c.Name, pod.Name, pod.Namespace, pod.UID),
			}
			k.wakeAt(w.key, until)
			return false
		}
		e.delay = min(2*e.delay, backoffMax)
	} else {
		e = &backoffEntry{delay: backoffInitial}
	}
	e.last = now
	w.backoff[c.Name] = e
	return true
}

// startContainer pulls the image if needed, creates and starts attempt of
// c. It reports whether the container started; a failure is recorded as a
// waiting reason and retried after a backoff.
func (k *Kubelet) startContainer(ctx context.Context, w *podWorker, pod *apiobj.Pod, sandboxID string, sbCfg *runtimev1.PodSandboxConfig, c *apiobj.Container, attempt uint32, env *envSource) bool {
	fail := func(reason string, err error) bool {
		w.waiting[c.Name] = apiobj.ContainerStateWaiting{Reason: reason, Message: err.Error()}
		k.wakeAt(w.key, k.clock.Now().Add(backoffInitial))
		return false
	}
	if reason, err := k.ensureImage(ctx, c); err != nil {
		return fail(reason, err)
	}
	envs, err := env.resolve(ctx, c)
	if err != nil {
		return fail(ReasonCreateContainerConfigError, err)
	}
	cfg := &runtimev1.ContainerConfig{
		Metadata:   &runtimev1.ContainerMetadata{Name: c.Name, Attempt: attempt},
		Image:      &runtimev1.ImageSpec{Image: c.Image, UserSpecifiedImage: c.Image},
		Command:    expandAll(c.Command, envs),
		Args:       expandAll(c.Args, envs),
		WorkingDir: c.WorkingDir,
		Envs:       envs,
		Labels: map[string]string{
			cri.LabelPodUID: string(pod.UID), cri.LabelPodName: pod.Name, cri.LabelPodNamespace: pod.Namespace,
			cri.LabelContainerName: c.Name,
		},
		Annotations: map[string]string{
			cri.AnnotationContainerHash:             containerHash(c),
			cri.AnnotationRestartCount:              strconv.FormatUint(uint64(attempt), 10),
			cri.AnnotationTerminationMessagePath:    c.TerminationMessagePath,
			cri.AnnotationTerminationMessagePolicy:  string(c.TerminationMessagePolicy),
			cri.AnnotationPodTerminationGracePeriod: strconv.FormatInt(gracePeriod(pod), 10),
		},
		LogPath:   filepath.Join(c.Name, strconv.FormatUint(uint64(attempt), 10)+".log"),
		Stdin:     c.Stdin,
		StdinOnce: c.StdinOnce,
		Tty:       c.TTY,
	}
	r, err := k.rt.CreateContainer(ctx, &runtimev1.CreateContainerRequest{PodSandboxId: sandboxID, Config: cfg, SandboxConfig: sbCfg})
	if err != nil {
		return fail(ReasonCreateContainerError, err)
	}
	if _, err := k.rt.StartContainer(ctx, &runtimev1.StartContainerRequest{ContainerId: r.ContainerId}); err != nil {
		return fail(ReasonRunContainerError, err)
	}
	return true
}

func containerHash(c *apiobj.Container) string {
	b, _ := json.Marshal(c)
	h := fnv.New32a()
	_, _ = h.Write(b)
	return strconv.FormatUint(uint64(h.Sum32()), 16)
}

// ensureImage pulls c's image as its pull policy says. On failure it
// returns the waiting reason.
func (k *Kubelet) ensureImage(ctx context.Context, c *apiobj.Container) (string, error) {
	policy := c.ImagePullPolicy
	if policy == "" {
		policy = apiobj.PullIfNotPresent
		if i := strings.LastIndex(c.Image, ":"); i < 0 || strings.Contains(c.Image[i:], "/") || c.Image[i+1:] == "latest" {
			if !strings.Contains(c.Image, "@") {
				policy = apiobj.PullAlways
			}
		}
	}
	spec := &runtimev1.ImageSpec{Image: c.Image, UserSpecifiedImage: c.Image}
	if policy != apiobj.PullAlways {
		r, err := k.rt.ImageStatus(ctx, &runtimev1.ImageStatusRequest{Image: spec})
		if err != nil {
			return ReasonErrImagePull, fmt.Errorf("image status %s: %w", c.Image, err)
		}
		if r.Image != nil {
			return "", nil
		}
		if policy == apiobj.PullNever {
			return ReasonErrImageNeverPull, fmt.Errorf("container image %q is not present with pull policy of Never", c.Image)
		}
	}
	if _, err := k.rt.PullImage(ctx, &runtimev1.PullImageRequest{Image: spec}); err != nil {
		return ReasonErrImagePull, fmt.Errorf("pull image %s: %w", c.Image, err)
	}
	return "", nil
}

// sandboxConfig is the CRI sandbox config of attempt of pod.
func (k *Kubelet) sandboxConfig(pod *apiobj.Pod, attempt uint32) *runtimev1.PodSandboxConfig {
	labels := maps.Clone(pod.Labels)
	if labels == nil {
		labels = map[string]string{}
	}
	labels[cri.LabelPodUID] = string(pod.UID)
	labels[cri.LabelPodName] = pod.Name
	labels[cri.LabelPodNamespace] = pod.Namespace
	hostname := pod.Spec.Hostname
	if hostname == "" {
		hostname = pod.Name
	}
	netMode := runtimev1.NamespaceMode_POD
	if pod.Spec.HostNetwork {
		netMode = runtimev1.NamespaceMode_NODE
		hostname = k.cfg.Hostname
	}
	var ports []*runtimev1.PortMapping
	for _, c := range pod.Spec.Containers {
		for _, p := range c.Ports {
			if p.HostPort == 0 {
				continue
			}
			proto := runtimev1.Protocol_TCP
			switch p.Protocol {
			case apiobj.ProtocolUDP:
				proto = runtimev1.Protocol_UDP
			case apiobj.ProtocolSCTP:
				proto = runtimev1.Protocol_SCTP
			}
			ports = append(ports, &runtimev1.PortMapping{Protocol: proto, ContainerPort: p.ContainerPort, HostPort: p.HostPort, HostIp: p.HostIP})
		}
	}
	return &runtimev1.PodSandboxConfig{
		Metadata:     &runtimev1.PodSandboxMetadata{Name: pod.Name, Namespace: pod.Namespace, Uid: string(pod.UID), Attempt: attempt},
		Hostname:     hostname,
		LogDirectory: filepath.Join(k.cfg.RootDir, "pods", pod.Namespace+"_"+pod.Name+"_"+string(pod.UID)),
		PortMappings: ports,
		Labels:       labels,
		Annotations:  maps.Clone(pod.Annotations),
		Linux: &runtimev1.LinuxPodSandboxConfig{
			SecurityContext: &runtimev1.LinuxSandboxSecurityContext{
				NamespaceOptions: &runtimev1.NamespaceOption{Network: netMode, Pid: runtimev1.NamespaceMode_CONTAINER, Ipc: runtimev1.NamespaceMode_POD},
			},
		},
	}
}
