package cri

import (
	"context"
	"errors"
	"net"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"
)

// Runtime is a container runtime as the kubelet sees it: the CRI v1
// RuntimeService and ImageService client method sets. A client made from a
// gRPC connection ([NewClient]) satisfies it, and so does a [Server] seen
// through [InProcess].
//
// Its methods are safe for concurrent use. Errors are gRPC status errors.
type Runtime interface {
	runtimev1.RuntimeServiceClient
	runtimev1.ImageServiceClient
}

// Server is a container runtime implemented in Go: the CRI v1 RuntimeService
// and ImageService server interfaces. Implementations embed
// runtimev1.UnimplementedRuntimeServiceServer and
// runtimev1.UnimplementedImageServiceServer, so that methods added to CRI
// later answer codes.Unimplemented until they are written.
//
// Like any gRPC server, a Server may keep the request messages it is given;
// callers must not change a request after passing it in. The messages it
// returns may share memory with its state and must be treated as read-only.
// [InProcess] and gRPC both copy, so this matters only to code that calls a
// Server's methods directly.
type Server interface {
	runtimev1.RuntimeServiceServer
	runtimev1.ImageServiceServer
}

// Labels the kubelet puts on every sandbox and container, with the keys the
// Kubernetes kubelet uses. A kubelet finds its pods in a runtime by them.
const (
	LabelPodUID        = "io.kubernetes.pod.uid"
	LabelPodName       = "io.kubernetes.pod.name"
	LabelPodNamespace  = "io.kubernetes.pod.namespace"
	LabelContainerName = "io.kubernetes.container.name" // containers only
)

// Annotations the kubelet puts on containers (not sandboxes), with the keys
// the Kubernetes kubelet uses. They carry what the kubelet needs to rebuild a
// container's status after a restart.
const (
	AnnotationContainerHash             = "io.kubernetes.container.hash"
	AnnotationRestartCount              = "io.kubernetes.container.restartCount"
	AnnotationTerminationMessagePath    = "io.kubernetes.container.terminationMessagePath"
	AnnotationTerminationMessagePolicy  = "io.kubernetes.container.terminationMessagePolicy"
	AnnotationPodTerminationGracePeriod = "io.kubernetes.pod.terminationGracePeriod"
)

// Container reasons, as containerd reports them in ContainerStatus.Reason
// for an exited container.
const (
	ReasonCompleted  = "Completed"  // exited with code 0
	ReasonError      = "Error"      // exited with a non-zero code
	ReasonOOMKilled  = "OOMKilled"  // killed by the kernel for memory
	ReasonStartError = "StartError" // never ran: its start failed
)

// NewClient returns a Runtime that calls a CRI runtime over conn, for
// example a *grpc.ClientConn dialled to containerd's socket. Closing conn is
// the caller's job.
func NewClient(conn grpc.ClientConnInterface) Runtime {
	return client{
		RuntimeServiceClient: runtimev1.NewRuntimeServiceClient(conn),
		ImageServiceClient:   runtimev1.NewImageServiceClient(conn),
	}
}

type client struct {
	runtimev1.RuntimeServiceClient
	runtimev1.ImageServiceClient
}

// Register registers both CRI services of srv on s.
func Register(s *grpc.Server, srv Server) {
	runtimev1.RegisterRuntimeServiceServer(s, srv)
	runtimev1.RegisterImageServiceServer(s, srv)
}

// stopGrace bounds how long Serve waits for in-flight calls once ctx ends.
const stopGrace = 5 * time.Second

// Serve serves both CRI services of srv on lis until ctx ends, so that any
// CRI client (crictl, a kubelet) can drive srv. It blocks. When ctx ends it
// stops accepting calls, waits up to five seconds for those in flight, cancels
// the rest, and returns nil. It returns an error only if serving failed. lis is
// closed in every case.
func Serve(ctx context.Context, lis net.Listener, srv Server, opts ...grpc.ServerOption) error {
	gs := grpc.NewServer(opts...)
	Register(gs, srv)
	errc := make(chan error, 1)
	go func() { errc <- gs.Serve(lis) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	stopped := make(chan struct{})
	go func() {
		gs.GracefulStop()
		close(stopped)
	}()
	t := time.NewTimer(stopGrace)
	defer t.Stop()
	select {
	case <-stopped:
	case <-t.C:
		gs.Stop()
		<-stopped
	}
	if err := <-errc; err != nil && !errors.Is(err, grpc.ErrServerStopped) {
		return err
	}
	return nil
}

// IsNotFound reports whether err is a gRPC status error with code NotFound,
// which runtimes return for an unknown sandbox, container or image.
func IsNotFound(err error) bool { return status.Code(err) == codes.NotFound }

// IsUnimplemented reports whether err is a gRPC status error with code
// Unimplemented: the runtime does not offer the method.
func IsUnimplemented(err error) bool { return status.Code(err) == codes.Unimplemented }
