package cri

import (
	"context"
	"io"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"
)

// InProcess returns a Runtime that calls srv directly, without a socket.
//
// It keeps the semantics of the wire: each request is copied before srv sees
// it and each response is copied before the caller does, so neither side can
// change the other's memory; an error that is not a gRPC status becomes one
// (codes.Unknown, or Canceled and DeadlineExceeded for context errors), as
// gRPC would send it. grpc.CallOptions are accepted and ignored. Server
// streams run the handler on its own goroutine, which ends when the handler
// returns; cancel the call's ctx to stop a stream early.
func InProcess(srv Server) Runtime { return inProcess{srv} }

type inProcess struct{ s Server }

var _ Runtime = inProcess{}

// clone copies m the way a round trip through the wire would: a nil message
// arrives as an empty one.
func clone[M proto.Message](m M) M {
	r := m.ProtoReflect()
	if !r.IsValid() {
		return r.Type().New().Interface().(M)
	}
	return proto.Clone(m).(M)
}

// wireError returns err as gRPC would deliver it to a client.
func wireError(err error) error {
	if s, ok := status.FromError(err); ok {
		return s.Err()
	}
	if s := status.FromContextError(err); s.Code() != codes.Unknown {
		return s.Err()
	}
	return status.Error(codes.Unknown, err.Error())
}

func unary[Req, Resp proto.Message](ctx context.Context, in Req, f func(context.Context, Req) (Resp, error)) (Resp, error) {
	var zero Resp
	if err := ctx.Err(); err != nil {
		return zero, status.FromContextError(err).Err()
	}
	out, err := f(ctx, clone(in))
	if err != nil {
		return zero, wireError(err)
	}
	return clone(out), nil
}

// stream runs a server-streaming handler on its own goroutine and hands its
// messages, copied, to the returned client stream.
func stream[Req proto.Message, T any](ctx context.Context, in Req, h func(Req, grpc.ServerStreamingServer[T]) error) (grpc.ServerStreamingClient[T], error) {
	if err := ctx.Err(); err != nil {
		return nil, status.FromContextError(err).Err()
	}
	ctx, cancel := context.WithCancel(ctx)
	p := &pipe[T]{ctx: ctx, ch: make(chan *T), done: make(chan struct{})}
	req := clone(in)
	go func() {
		defer cancel()
		if err := h(req, (*pipeServer[T])(p)); err != nil {
			p.err = wireError(err)
		}
		close(p.done)
	}()
	return (*pipeClient[T])(p), nil
}

// pipe joins the two ends of an in-process server stream. err is written
// before done is closed and read only after.
type pipe[T any] struct {
	ctx  context.Context
	ch   chan *T
	done chan struct{}
	err  error
}

type pipeServer[T any] pipe[T]

func (p *pipeServer[T]) Send(m *T) error {
	c := any(clone(any(m).(proto.Message))).(*T)
	select {
	case p.ch <- c:
		return nil
	case <-p.ctx.Done():
		return status.FromContextError(p.ctx.Err()).Err()
	}
}
func (p *pipeServer[T]) SetHeader(metadata.MD) error  { return nil }
func (p *pipeServer[T]) SendHeader(metadata.MD) error { return nil }
func (p *pipeServer[T]) SetTrailer(metadata.MD)       {}
func (p *pipeServer[T]) Context() context.Context     { return p.ctx }
func (p *pipeServer[T]) SendMsg(m any) error {
	t, ok := m.(*T)
	if !ok {
		return status.Errorf(codes.Internal, "in-process stream: cannot send %T", m)
	}
	return p.Send(t)
}
func (p *pipeServer[T]) RecvMsg(any) error { return io.EOF }

type pipeClient[T any] pipe[T]

// Recv returns the next message, io.EOF once the handler returned nil, or
// the handler's error.
func (p *pipeClient[T]) Recv() (*T, error) {
	select {
	case m := <-p.ch:
		return m, nil
	case <-p.done:
		if p.err != nil {
			return nil, p.err
		}
		return nil, io.EOF
	case <-p.ctx.Done():
		// The handler may have finished at the same moment; prefer its result.
		select {
		case <-p.done:
			if p.err != nil {
				return nil, p.err
			}
			return nil, io.EOF
		default:
		}
		return nil, status.FromContextError(p.ctx.Err()).Err()
	}
}
func (p *pipeClient[T]) Header() (metadata.MD, error) { return metadata.MD{}, nil }
func (p *pipeClient[T]) Trailer() metadata.MD         { return metadata.MD{} }
func (p *pipeClient[T]) CloseSend() error             { return nil }
func (p *pipeClient[T]) Context() context.Context     { return p.ctx }
func (p *pipeClient[T]) SendMsg(any) error {
	return status.Error(codes.Internal, "in-process stream: the request was already sent")
}
func (p *pipeClient[T]) RecvMsg(m any) error {
	t, ok := m.(*T)
	if !ok {
		return status.Errorf(codes.Internal, "in-process stream: cannot receive into %T", m)
	}
	got, err := p.Recv()
	if err != nil {
		return err
	}
	proto.Merge(any(t).(proto.Message), any(got).(proto.Message))
	return nil
}

// RuntimeService.

func (c inProcess) Version(ctx context.Context, in *runtimev1.VersionRequest, _ ...grpc.CallOption) (*runtimev1.VersionResponse, error) {
	return unary(ctx, in, c.s.Version)
}
func (c inProcess) RunPodSandbox(ctx context.Context, in *runtimev1.RunPodSandboxRequest, _ ...grpc.CallOption) (*runtimev1.RunPodSandboxResponse, error) {
	return unary(ctx, in, c.s.RunPodSandbox)
}
func (c inProcess) StopPodSandbox(ctx context.Context, in *runtimev1.StopPodSandboxRequest, _ ...grpc.CallOption) (*runtimev1.StopPodSandboxResponse, error) {
	return unary(ctx, in, c.s.StopPodSandbox)
}
func (c inProcess) RemovePodSandbox(ctx context.Context, in *runtimev1.RemovePodSandboxRequest, _ ...grpc.CallOption) (*runtimev1.RemovePodSandboxResponse, error) {
	return unary(ctx, in, c.s.RemovePodSandbox)
}
func (c inProcess) PodSandboxStatus(ctx context.Context, in *runtimev1.PodSandboxStatusRequest, _ ...grpc.CallOption) (*runtimev1.PodSandboxStatusResponse, error) {
	return unary(ctx, in, c.s.PodSandboxStatus)
}
func (c inProcess) ListPodSandbox(ctx context.Context, in *runtimev1.ListPodSandboxRequest, _ ...grpc.CallOption) (*runtimev1.ListPodSandboxResponse, error) {
	return unary(ctx, in, c.s.ListPodSandbox)
}
func (c inProcess) StreamPodSandboxes(ctx context.Context, in *runtimev1.StreamPodSandboxesRequest, _ ...grpc.CallOption) (grpc.ServerStreamingClient[runtimev1.StreamPodSandboxesResponse], error) {
	return stream(ctx, in, c.s.StreamPodSandboxes)
}
func (c inProcess) CreateContainer(ctx context.Context, in *runtimev1.CreateContainerRequest, _ ...grpc.CallOption) (*runtimev1.CreateContainerResponse, error) {
	return unary(ctx, in, c.s.CreateContainer)
}
func (c inProcess) StartContainer(ctx context.Context, in *runtimev1.StartContainerRequest, _ ...grpc.CallOption) (*runtimev1.StartContainerResponse, error) {
	return unary(ctx, in, c.s.StartContainer)
}
func (c inProcess) StopContainer(ctx context.Context, in *runtimev1.StopContainerRequest, _ ...grpc.CallOption) (*runtimev1.StopContainerResponse, error) {
	return unary(ctx, in, c.s.StopContainer)
}
func (c inProcess) RemoveContainer(ctx context.Context, in *runtimev1.RemoveContainerRequest, _ ...grpc.CallOption) (*runtimev1.RemoveContainerResponse, error) {
	return unary(ctx, in, c.s.RemoveContainer)
}
func (c inProcess) ListContainers(ctx context.Context, in *runtimev1.ListContainersRequest, _ ...grpc.CallOption) (*runtimev1.ListContainersResponse, error) {
	return unary(ctx, in, c.s.ListContainers)
}
func (c inProcess) StreamContainers(ctx context.Context, in *runtimev1.StreamContainersRequest, _ ...grpc.CallOption) (grpc.ServerStreamingClient[runtimev1.StreamContainersResponse], error) {
	return stream(ctx, in, c.s.StreamContainers)
}
func (c inProcess) ContainerStatus(ctx context.Context, in *runtimev1.ContainerStatusRequest, _ ...grpc.CallOption) (*runtimev1.ContainerStatusResponse, error) {
	return unary(ctx, in, c.s.ContainerStatus)
}
func (c inProcess) UpdateContainerResources(ctx context.Context, in *runtimev1.UpdateContainerResourcesRequest, _ ...grpc.CallOption) (*runtimev1.UpdateContainerResourcesResponse, error) {
	return unary(ctx, in, c.s.UpdateContainerResources)
}
func (c inProcess) ReopenContainerLog(ctx context.Context, in *runtimev1.ReopenContainerLogRequest, _ ...grpc.CallOption) (*runtimev1.ReopenContainerLogResponse, error) {
	return unary(ctx, in, c.s.ReopenContainerLog)
}
func (c inProcess) ExecSync(ctx context.Context, in *runtimev1.ExecSyncRequest, _ ...grpc.CallOption) (*runtimev1.ExecSyncResponse, error) {
	return unary(ctx, in, c.s.ExecSync)
}
func (c inProcess) Exec(ctx context.Context, in *runtimev1.ExecRequest, _ ...grpc.CallOption) (*runtimev1.ExecResponse, error) {
	return unary(ctx, in, c.s.Exec)
}
func (c inProcess) Attach(ctx context.Context, in *runtimev1.AttachRequest, _ ...grpc.CallOption) (*runtimev1.AttachResponse, error) {
	return unary(ctx, in, c.s.Attach)
}
func (c inProcess) PortForward(ctx context.Context, in *runtimev1.PortForwardRequest, _ ...grpc.CallOption) (*runtimev1.PortForwardResponse, error) {
	return unary(ctx, in, c.s.PortForward)
}
func (c inProcess) ContainerStats(ctx context.Context, in *runtimev1.ContainerStatsRequest, _ ...grpc.CallOption) (*runtimev1.ContainerStatsResponse, error) {
	return unary(ctx, in, c.s.ContainerStats)
}
func (c inProcess) ListContainerStats(ctx context.Context, in *runtimev1.ListContainerStatsRequest, _ ...grpc.CallOption) (*runtimev1.ListContainerStatsResponse, error) {
	return unary(ctx, in, c.s.ListContainerStats)
}
func (c inProcess) StreamContainerStats(ctx context.Context, in *runtimev1.StreamContainerStatsRequest, _ ...grpc.CallOption) (grpc.ServerStreamingClient[runtimev1.StreamContainerStatsResponse], error) {
	return stream(ctx, in, c.s.StreamContainerStats)
}
func (c inProcess) PodSandboxStats(ctx context.Context, in *runtimev1.PodSandboxStatsRequest, _ ...grpc.CallOption) (*runtimev1.PodSandboxStatsResponse, error) {
	return unary(ctx, in, c.s.PodSandboxStats)
}
func (c inProcess) ListPodSandboxStats(ctx context.Context, in *runtimev1.ListPodSandboxStatsRequest, _ ...grpc.CallOption) (*runtimev1.ListPodSandboxStatsResponse, error) {
	return unary(ctx, in, c.s.ListPodSandboxStats)
}
func (c inProcess) StreamPodSandboxStats(ctx context.Context, in *runtimev1.StreamPodSandboxStatsRequest, _ ...grpc.CallOption) (grpc.ServerStreamingClient[runtimev1.StreamPodSandboxStatsResponse], error) {
	return stream(ctx, in, c.s.StreamPodSandboxStats)
}
func (c inProcess) UpdateRuntimeConfig(ctx context.Context, in *runtimev1.UpdateRuntimeConfigRequest, _ ...grpc.CallOption) (*runtimev1.UpdateRuntimeConfigResponse, error) {
	return unary(ctx, in, c.s.UpdateRuntimeConfig)
}
func (c inProcess) Status(ctx context.Context, in *runtimev1.StatusRequest, _ ...grpc.CallOption) (*runtimev1.StatusResponse, error) {
	return unary(ctx, in, c.s.Status)
}
func (c inProcess) CheckpointContainer(ctx context.Context, in *runtimev1.CheckpointContainerRequest, _ ...grpc.CallOption) (*runtimev1.CheckpointContainerResponse, error) {
	return unary(ctx, in, c.s.CheckpointContainer)
}
func (c inProcess) CheckpointPod(ctx context.Context, in *runtimev1.CheckpointPodRequest, _ ...grpc.CallOption) (*runtimev1.CheckpointPodResponse, error) {
	return unary(ctx, in, c.s.CheckpointPod)
}
func (c inProcess) RestorePod(ctx context.Context, in *runtimev1.RestorePodRequest, _ ...grpc.CallOption) (*runtimev1.RestorePodResponse, error) {
	return unary(ctx, in, c.s.RestorePod)
}
func (c inProcess) GetContainerEvents(ctx context.Context, in *runtimev1.GetEventsRequest, _ ...grpc.CallOption) (grpc.ServerStreamingClient[runtimev1.ContainerEventResponse], error) {
	return stream(ctx, in, c.s.GetContainerEvents)
}
func (c inProcess) ListMetricDescriptors(ctx context.Context, in *runtimev1.ListMetricDescriptorsRequest, _ ...grpc.CallOption) (*runtimev1.ListMetricDescriptorsResponse, error) {
	return unary(ctx, in, c.s.ListMetricDescriptors)
}
func (c inProcess) ListPodSandboxMetrics(ctx context.Context, in *runtimev1.ListPodSandboxMetricsRequest, _ ...grpc.CallOption) (*runtimev1.ListPodSandboxMetricsResponse, error) {
	return unary(ctx, in, c.s.ListPodSandboxMetrics)
}
func (c inProcess) StreamPodSandboxMetrics(ctx context.Context, in *runtimev1.StreamPodSandboxMetricsRequest, _ ...grpc.CallOption) (grpc.ServerStreamingClient[runtimev1.StreamPodSandboxMetricsResponse], error) {
	return stream(ctx, in, c.s.StreamPodSandboxMetrics)
}
func (c inProcess) RuntimeConfig(ctx context.Context, in *runtimev1.RuntimeConfigRequest, _ ...grpc.CallOption) (*runtimev1.RuntimeConfigResponse, error) {
	return unary(ctx, in, c.s.RuntimeConfig)
}
func (c inProcess) UpdatePodSandboxResources(ctx context.Context, in *runtimev1.UpdatePodSandboxResourcesRequest, _ ...grpc.CallOption) (*runtimev1.UpdatePodSandboxResourcesResponse, error) {
	return unary(ctx, in, c.s.UpdatePodSandboxResources)
}

// ImageService.

func (c inProcess) ListImages(ctx context.Context, in *runtimev1.ListImagesRequest, _ ...grpc.CallOption) (*runtimev1.ListImagesResponse, error) {
	return unary(ctx, in, c.s.ListImages)
}
func (c inProcess) StreamImages(ctx context.Context, in *runtimev1.StreamImagesRequest, _ ...grpc.CallOption) (grpc.ServerStreamingClient[runtimev1.StreamImagesResponse], error) {
	return stream(ctx, in, c.s.StreamImages)
}
func (c inProcess) ImageStatus(ctx context.Context, in *runtimev1.ImageStatusRequest, _ ...grpc.CallOption) (*runtimev1.ImageStatusResponse, error) {
	return unary(ctx, in, c.s.ImageStatus)
}
func (c inProcess) PullImage(ctx context.Context, in *runtimev1.PullImageRequest, _ ...grpc.CallOption) (*runtimev1.PullImageResponse, error) {
	return unary(ctx, in, c.s.PullImage)
}
func (c inProcess) RemoveImage(ctx context.Context, in *runtimev1.RemoveImageRequest, _ ...grpc.CallOption) (*runtimev1.RemoveImageResponse, error) {
	return unary(ctx, in, c.s.RemoveImage)
}
func (c inProcess) ImageFsInfo(ctx context.Context, in *runtimev1.ImageFsInfoRequest, _ ...grpc.CallOption) (*runtimev1.ImageFsInfoResponse, error) {
	return unary(ctx, in, c.s.ImageFsInfo)
}
