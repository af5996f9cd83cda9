// Package process is a container runtime that runs each container's command
// as a plain host process, and serves it through CRI v1. It is orca's default
// runtime where no containerd is installed, and the one its tests use for
// real processes.
//
// It is to containerd what Nomad's raw_exec driver is to its docker driver:
// no image, no root file system, and no isolation beyond what is listed here.
//
//   - Images are names. ImageService keeps the list of "pulled" names in
//     RootDir; PullImage records a name and downloads nothing. A container's
//     ImageRef is a stable digest of its image name.
//   - Command and args are resolved on the host file system: the command (or,
//     without one, the first arg) through the container's PATH (its env, else
//     Config.DefaultPath), at CreateContainer, so that a missing executable
//     fails the create. There is no image entrypoint to fall back on.
//   - Each container has its own working directory,
//     <RootDir>/sandboxes/<pod>/containers/<id>, unless its config names a
//     WorkingDir that exists on the host. Its environment is exactly the
//     config's envs, plus PATH and HOSTNAME when they are missing. CRI mounts
//     cannot be mounted without a mount namespace: each becomes a symlink at
//     its container path inside the runtime's working directory
//     (a mount at /etc/config is <workdir>/etc/config). Devices, SELinux,
//     AppArmor, seccomp and capabilities are ignored; RunAsUser, RunAsGroup
//     and SupplementalGroups are applied when the runtime runs as root.
//   - Processes are not in a pid, mount, IPC or UTS namespace: they see the
//     host's processes, files and hostname, and run as the runtime's user
//     unless RunAsUser says otherwise. Each container is its own process
//     group; Stop signals the group, and when the main process exits the rest
//     of its group (or of its cgroup) is killed, as a pid namespace would.
//   - Networking: when the runtime runs as root and Config.Network is set,
//     every pod not on the host network gets its own network namespace,
//     bound under <RootDir>/netns and handed to the hook (the cni package
//     implements it). Otherwise pods share the host network and
//     PodSandboxStatus reports the host IP (Config.HostIP).
//   - Resources: where cgroup v2 is writable, each container gets a cgroup
//     under Config.CgroupParent, is started in it (CLONE_INTO_CGROUP), and
//     gets cpu.max, cpu.weight and memory.max from its
//     LinuxContainerResources, updated by UpdateContainerResources. Stats come
//     from the cgroup (cpu.stat, memory.current) and, where a controller is
//     missing, from /proc. The Status condition ResourceLimitsEnforced says
//     whether limits apply and, if not, why. OOM kills are reported (reason
//     OOMKilled) when the memory controller is on.
//
// # Logs
//
// A container's stdout and stderr go, in the CRI log format
// (<RFC3339Nano> stdout|stderr F|P <content>), to the file the kubelet asks
// for: the sandbox's LogDirectory joined with the container's LogPath. Lines
// longer than Config.MaxLogLineSize are split into P entries ending with an F
// entry; output that ends without a newline is written as a final P entry.
// Without a LogDirectory or a LogPath the output is read and dropped.
// ReopenContainerLog supports the kubelet's log rotation.
//
// # State and restarts
//
// Every sandbox and container has a small JSON record under RootDir. Close
// leaves containers running; New on the same RootDir finds them again:
// a container recorded as running whose pid still names the same process
// (checked with the start time in /proc/<pid>/stat) is adopted, not started
// again; one whose process is gone is reported exited with reason Unknown.
// Containers write to FIFOs that they themselves hold open, so a restart
// loses no output beyond the pipe buffer and never kills them with SIGPIPE.
// Exit codes of adopted containers are known when the same OS process
// started them (a Runtime closed and opened again in one program, as in
// tests and in-process cluster restarts); a container adopted by another OS
// process is watched through a pidfd and, when it exits, is reported with
// exit code 255 and reason Unknown, since only a parent can collect an exit
// status. The stdin pipe of a container created with Stdin does not survive
// a restart.
//
// # Exec, attach and port-forward
//
// ExecSync runs a command with the container's env, working directory,
// cgroup and network namespace, and honours its timeout by killing the
// command's process group. Exec, Attach and PortForward follow the CRI
// pattern: they return a single-use URL on a local streaming server
// (Config.StreamingAddr). That server speaks the Kubernetes WebSocket
// channel protocols (v5.channel.k8s.io down to channel.k8s.io for exec and
// attach, with TTY and resize; v4.channel.k8s.io for port-forward). It does
// not speak SPDY: a client that can only use SPDY must be fronted by a
// translating proxy. Container TTYs (ContainerConfig.Tty) are not supported:
// such containers get pipes.
//
// # Serving and embedding
//
// A Runtime is a cri.Server: cri.Serve exposes it on a socket for crictl or a
// kubelet, and cri.InProcess gives the kubelet a cri.Runtime without one.
// CheckpointContainer, CheckpointPod and RestorePod answer Unimplemented.
// The runtime is Linux-only.
package process
