// Package fake is an in-memory container runtime for tests and simulated
// nodes, in the spirit of kwok: a cri.Server whose sandboxes and containers
// are records with a clock, not processes.
//
// One Runtime stands for one node. It runs no goroutines and holds no timers:
// a container's state is computed from the Clock whenever it is read, so a
// thousand fake nodes with thirty pods each fit in one process
// (BenchmarkFake1000Nodes measures it). Drive time with a ManualClock and a
// test needs no sleeps.
//
//	rt, _ := fake.New(fake.Config{PodCIDR: "10.244.1.0/24"})
//	var runtime cri.Runtime = rt.Client() // what the kubelet consumes
//	// or: cri.Serve(ctx, listener, rt)   // for crictl
//
// # Behaviours
//
// A container runs until stopped, unless told otherwise. What it does is a
// Behavior, chosen per container in two ways:
//
//   - Annotations. The fake reads the sandbox's annotations (the kubelet
//     copies a pod's annotations there), then the container's own. A pod
//     annotation "fake.orca.dev/KEY" applies to every container of the pod,
//     "NAME.fake.orca.dev/KEY" to container NAME only, and a container
//     annotation "fake.orca.dev/KEY" to that container; later ones win.
//   - Config.Behavior, a hook that sees the configs and the Behavior the
//     annotations made, and may change it.
//
// The keys (see the Annotation constants for details):
//
//	fake.orca.dev/start-delay: 2s      CREATED for 2s after StartContainer, then RUNNING
//	fake.orca.dev/exit-after: 5s       exits 5s after it started running ...
//	fake.orca.dev/exit-code: "1"       ... with this code (alone: exits at once)
//	fake.orca.dev/exit-reason: OOMKilled
//	fake.orca.dev/crash-loop: "true"   every attempt exits after 1s with code 1;
//	                                   "3": attempts 0, 1 and 2 do, later ones run
//	fake.orca.dev/stop-delay: 10s      takes 10s to honour SIGTERM ("1h": ignores it)
//	fake.orca.dev/ready: "false"       exec probes fail
//	fake.orca.dev/ready-after: 30s     exec probes fail for the first 30s
//	fake.orca.dev/cpu-nanocores: 250m  CPU use in stats (nanocores, or "m" for millicores)
//	fake.orca.dev/memory-bytes: 64Mi   memory working set in stats
//	fake.orca.dev/stdout: "a\nb"       lines written to the log file at start
//	fake.orca.dev/stderr: "oops"
//	fake.orca.dev/exec: '[{"command":["cat","/tmp/healthy"],"exitCode":1}]'
//
// Exec probes reach the fake as ExecSync. Its answer comes from Config.Exec,
// else the first matching rule of the exec annotation, else readiness: exit
// code 1 while not ready, 0 when ready. To fail only a readiness probe and
// not a liveness probe, script the readiness command with a rule.
//
// # What is modelled
//
// Sandboxes get IPs from a per-node pod CIDR (Config.PodCIDR, or the one the
// kubelet sends through UpdateRuntimeConfig); host-network sandboxes report
// Config.NodeIP. Names are reserved as in containerd: a second sandbox with
// the same name, namespace, UID and attempt, or a second container with the
// same name and attempt in a sandbox, fails with codes.AlreadyExists. Images
// must be pulled (or listed in Config.Images) before a container uses them.
// Stop and Remove are idempotent. Stats report the Behavior's usage. Log files
// are written in the CRI log format when the sandbox has a LogDirectory.
//
// Runtime.Exit ends a running container from the outside (a crash, an OOM
// kill) and Runtime.SetCondition flips the runtime's readiness, for kubelet
// tests.
//
// Not modelled: processes, filesystems, mounts and devices (recorded only),
// resource limits (recorded, reported in ContainerStatus), networking beyond
// IPs, streaming (Exec, Attach and PortForward fail with codes.Unimplemented:
// there is no stream to hand out), GetContainerEvents, checkpoints, and pod
// sandbox metrics.
package fake
