package cri_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/cri"
	"github.com/orcaproj/orca/cri/fake"
)

// stub is a Server whose few methods misbehave on purpose.
type stub struct {
	runtimev1.UnimplementedRuntimeServiceServer
	runtimev1.UnimplementedImageServiceServer
	kept   *runtimev1.RunPodSandboxRequest
	shared *runtimev1.VersionResponse
	events []*runtimev1.ContainerEventResponse
}

func (s *stub) RunPodSandbox(_ context.Context, req *runtimev1.RunPodSandboxRequest) (*runtimev1.RunPodSandboxResponse, error) {
	s.kept = req
	return &runtimev1.RunPodSandboxResponse{PodSandboxId: "sb"}, nil
}

func (s *stub) Version(context.Context, *runtimev1.VersionRequest) (*runtimev1.VersionResponse, error) {
	return s.shared, nil
}

func (s *stub) Status(ctx context.Context, _ *runtimev1.StatusRequest) (*runtimev1.StatusResponse, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

func (s *stub) StopPodSandbox(context.Context, *runtimev1.StopPodSandboxRequest) (*runtimev1.StopPodSandboxResponse, error) {
	return nil, fmt.Errorf("wrapped: %w", status.Error(codes.NotFound, "no such sandbox"))
}

func (s *stub) RemovePodSandbox(context.Context, *runtimev1.RemovePodSandboxRequest) (*runtimev1.RemovePodSandboxResponse, error) {
	return nil, errors.New("disk on fire")
}

func (s *stub) PodSandboxStatus(context.Context, *runtimev1.PodSandboxStatusRequest) (*runtimev1.PodSandboxStatusResponse, error) {
	return nil, nil // a nil message arrives as an empty one over the wire
}

func (s *stub) GetContainerEvents(req *runtimev1.GetEventsRequest, stream runtimev1.RuntimeService_GetContainerEventsServer) error {
	for _, e := range s.events {
		if err := stream.Send(e); err != nil {
			return err
		}
	}
	if len(s.events) == 0 {
		<-stream.Context().Done()
		return stream.Context().Err()
	}
	return status.Error(codes.Aborted, "events end here")
}

func TestInProcessCopies(t *testing.T) {
	t.Parallel()
	s := &stub{shared: &runtimev1.VersionResponse{RuntimeName: "stub"}}
	rt := cri.InProcess(s)
	ctx := context.Background()

	req := &runtimev1.RunPodSandboxRequest{Config: &runtimev1.PodSandboxConfig{Labels: map[string]string{"a": "1"}}}
	if _, err := rt.RunPodSandbox(ctx, req); err != nil {
		t.Fatal(err)
	}
	req.Config.Labels["a"] = "changed"
	if got := s.kept.Config.Labels["a"]; got != "1" {
		t.Errorf("the server saw the caller's later change: %q", got)
	}

	v, err := rt.Version(ctx, &runtimev1.VersionRequest{})
	if err != nil {
		t.Fatal(err)
	}
	v.RuntimeName = "changed"
	if s.shared.RuntimeName != "stub" {
		t.Errorf("the caller changed the server's response: %q", s.shared.RuntimeName)
	}

	st, err := rt.PodSandboxStatus(ctx, &runtimev1.PodSandboxStatusRequest{})
	if err != nil || st == nil {
		t.Errorf("nil response = %v, %v; want an empty message", st, err)
	}
	if _, err := rt.RunPodSandbox(ctx, nil); err != nil {
		t.Errorf("nil request: %v", err)
	}
	if s.kept == nil {
		t.Errorf("a nil request did not arrive as an empty one")
	}
}

func TestInProcessErrors(t *testing.T) {
	t.Parallel()
	rt := cri.InProcess(&stub{})
	ctx := context.Background()

	_, err := rt.StopPodSandbox(ctx, &runtimev1.StopPodSandboxRequest{})
	if !cri.IsNotFound(err) {
		t.Errorf("wrapped status error = %v, want NotFound", err)
	}
	_, err = rt.RemovePodSandbox(ctx, &runtimev1.RemovePodSandboxRequest{})
	if status.Code(err) != codes.Unknown || status.Convert(err).Message() != "disk on fire" {
		t.Errorf("plain error = %v, want Unknown with its text", err)
	}
	_, err = rt.ListImages(ctx, &runtimev1.ListImagesRequest{})
	if !cri.IsUnimplemented(err) {
		t.Errorf("unimplemented method = %v", err)
	}
	short, cancel := context.WithTimeout(ctx, 10*time.Millisecond)
	defer cancel()
	_, err = rt.Status(short, &runtimev1.StatusRequest{})
	if status.Code(err) != codes.DeadlineExceeded {
		t.Errorf("deadline = %v, want DeadlineExceeded", err)
	}
	done, cancelDone := context.WithCancel(ctx)
	cancelDone()
	_, err = rt.Version(done, &runtimev1.VersionRequest{})
	if status.Code(err) != codes.Canceled {
		t.Errorf("cancelled ctx = %v, want Canceled", err)
	}
}

func TestInProcessStream(t *testing.T) {
	t.Parallel()
	events := []*runtimev1.ContainerEventResponse{{ContainerId: "a"}, {ContainerId: "b"}}
	s := &stub{events: events}
	rt := cri.InProcess(s)
	stream, err := rt.GetContainerEvents(context.Background(), &runtimev1.GetEventsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for {
		e, err := stream.Recv()
		if err != nil {
			if status.Code(err) != codes.Aborted {
				t.Errorf("end of stream = %v, want the handler's Aborted", err)
			}
			break
		}
		e.ContainerId += "!" // the caller owns what it receives
		got = append(got, e.ContainerId)
	}
	if len(got) != 2 || got[0] != "a!" || events[0].ContainerId != "a" {
		t.Errorf("got %v; server's events %v", got, events)
	}

	// A stream that only ends with its context.
	ctx, cancel := context.WithCancel(context.Background())
	stream, err = cri.InProcess(&stub{}).GetContainerEvents(ctx, &runtimev1.GetEventsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	if _, err := stream.Recv(); status.Code(err) != codes.Canceled {
		t.Errorf("Recv after cancel = %v, want Canceled", err)
	}
}

func TestInProcessStreamEOF(t *testing.T) {
	t.Parallel()
	rt, err := fake.New(fake.Config{})
	if err != nil {
		t.Fatal(err)
	}
	stream, err := rt.Client().StreamImages(context.Background(), &runtimev1.StreamImagesRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := stream.Recv(); err != io.EOF {
		t.Errorf("empty stream Recv = %v, want io.EOF", err)
	}
	var msg runtimev1.StreamImagesResponse
	if err := stream.RecvMsg(&msg); err != io.EOF {
		t.Errorf("RecvMsg after the end = %v, want io.EOF", err)
	}
}

func TestServe(t *testing.T) {
	t.Parallel()
	rt, err := fake.New(fake.Config{})
	if err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(t.TempDir(), "cri.sock")
	lis, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- cri.Serve(ctx, lis, rt) }()

	conn, err := grpc.NewClient("unix://"+sock, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	client := cri.NewClient(conn)
	v, err := client.Version(context.Background(), &runtimev1.VersionRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if v.RuntimeName != fake.RuntimeName {
		t.Errorf("runtime name = %q", v.RuntimeName)
	}
	_, err = client.PodSandboxStatus(context.Background(), &runtimev1.PodSandboxStatusRequest{PodSandboxId: "nope"})
	if !cri.IsNotFound(err) {
		t.Errorf("PodSandboxStatus(unknown) over gRPC = %v, want NotFound", err)
	}
	cancel()
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve returned %v after ctx ended, want nil", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after ctx ended")
	}
}

func TestServeListenerError(t *testing.T) {
	t.Parallel()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	lis.Close()
	rt, _ := fake.New(fake.Config{})
	if err := cri.Serve(context.Background(), lis, rt); err == nil {
		t.Fatal("Serve on a closed listener returned nil")
	}
}
