// Package cri is orca's layer over the Container Runtime Interface (CRI), the
// gRPC API that the kubelet uses to run pods and that containerd and CRI-O
// implement. The messages and gRPC services come unchanged from
// k8s.io/cri-api/pkg/apis/runtime/v1; this package adds only what every
// runtime and every consumer of a runtime shares.
//
// # The two shapes of a runtime
//
// [Runtime] is the client side: the RuntimeService and ImageService method
// sets of CRI v1, exactly as protoc generates them for clients. The kubelet
// consumes a Runtime and nothing else, so a gRPC connection to containerd
// satisfies it directly ([NewClient]), with no wrapper in between.
//
// [Server] is the implementation side: the two generated server interfaces.
// A runtime written in Go implements Server. [Serve] puts it on a socket for
// any CRI client (crictl, a kubelet in another process), and [InProcess]
// turns it into a Runtime without a socket, with the same copy-in, copy-out
// semantics as the wire.
//
// k8s.io/cri-api also ships Go interfaces in pkg/apis (RuntimeService,
// ImageManagerService). orca does not use them: their methods take unpacked
// arguments, so a generated gRPC client does not satisfy them, and an
// adapter would hide the request and response messages that CRI evolves by
// adding fields.
//
// # The three runtimes
//
//   - cri/remote: a gRPC client for a runtime on a unix socket: containerd
//     or CRI-O, which run real OCI containers.
//   - cri/process: runs each container's command as a host process, as
//     Nomad's raw_exec does. It serves CRI itself, so crictl can drive it.
//   - cri/fake: simulates containers in memory, in the spirit of kwok. One
//     fake per node; a thousand fake nodes fit in one process.
//
// cri/runtimetest is the conformance suite that all three pass.
//
// # Conventions the kubelet keeps
//
// Sandboxes and containers carry the labels and annotations in this package
// (LabelPodUID and friends), the same keys as the Kubernetes kubelet, so a
// restarted kubelet finds its pods again and crictl output looks familiar.
// Container logs use the CRI log format, one line per entry:
//
//	<RFC3339Nano time> <stdout|stderr> <F|P> <content>
//
// [LogWriter] writes it and [ParseLogLine] reads it.
//
// Errors from a Runtime are gRPC status errors; test them with
// status.Code(err) or [IsNotFound], never by their text.
package cri
