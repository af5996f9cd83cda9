// Package kubelet is orca's node agent: it registers a Node, heartbeats
// through a Lease, and runs the pods bound to its node through a container
// runtime spoken to over CRI ([cri.Runtime]: containerd, cri/process, or the
// cri/fake simulator).
//
//	k, err := kubelet.New(kubelet.Config{NodeName: "node-a", Client: c, Runtime: rt})
//	...
//	err = k.Run(ctx) // blocks until ctx ends
//
// # What it does
//
//   - Node: creates (or adopts) its Node with the kubernetes.io/hostname,
//     os and arch labels, capacity (from the machine unless configured),
//     allocatable (capacity minus Config.Reserved), addresses, nodeInfo and
//     the Ready, MemoryPressure, DiskPressure and PIDPressure conditions.
//     It renews its Lease in kube-node-lease every RenewInterval and posts
//     the node status when it changes, and at least every
//     StatusUpdateFrequency.
//   - Pod workers: an informer watches the pods with spec.nodeName equal to
//     the node. Each pod has one worker goroutine fed by a channel of "sync"
//     signals; a sync is level-based: it reads the pod and the runtime and
//     closes the gap. It runs the sandbox, the init containers in order
//     (restartPolicy Always init containers are sidecars, started and kept
//     running before the next init container), then the app containers,
//     pulling images as imagePullPolicy says and resolving env (values,
//     $(VAR) references, fieldRef, configMapKeyRef, secretKeyRef, envFrom).
//     Exited containers restart as the pod's restartPolicy says, with
//     CrashLoopBackOff: 10s doubling to 5 minutes, reset after a container
//     ran 10 minutes.
//   - Termination: a pod with a deletionTimestamp has its containers stopped
//     with its grace period (in parallel), its sandboxes stopped and
//     removed, and is then deleted from the API with gracePeriodSeconds 0.
//     A pod that reaches Succeeded or Failed has its sandbox stopped.
//   - PLEG: every RelistPeriod the runtime is relisted; a sandbox or
//     container that changed state signals its pod's worker. Pods found in
//     the runtime with no worker are signalled too: a restarted kubelet
//     adopts them by the pod UID label, and removes those whose pod is gone.
//   - Probes: exec startup, liveness and readiness probes run through CRI
//     ExecSync on the clock, honouring initialDelaySeconds, periodSeconds,
//     timeoutSeconds, successThreshold and failureThreshold. A failed
//     liveness or startup probe stops the container, which restarts as the
//     restart policy says. httpGet, tcpSocket and grpc probes are not run
//     yet and count as passing.
//   - Status: after each sync the pod status (phase, conditions,
//     containerStatuses, initContainerStatuses, podIPs, hostIPs, startTime,
//     qosClass) is computed and written with UpdateStatus when it changed.
//
// Time comes from Config.Clock. Give the kubelet and a cri/fake runtime the
// same *fake.ManualClock and a test drives leases, relists and backoffs by
// advancing it, with no sleeps.
//
// # Not yet
//
// httpGet, tcpSocket and grpc probes, lifecycle
// hooks (preStop and postStart are not run), volumes, resourceFieldRef and
// fileKeyRef env, service environment variables, static pods, the HTTPS
// server (logs, exec, attach, port-forward, stats), resource metrics,
// eviction and image garbage collection.
package kubelet
