package etcd

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"go.etcd.io/etcd/api/v3/v3rpc/rpctypes"
	clientv3 "go.etcd.io/etcd/client/v3"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store"
)

func TestWrapErr(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		want error // a sentinel the result must wrap
	}{
		{"deadline", context.DeadlineExceeded, store.ErrTimeout},
		{"wrapped deadline", fmt.Errorf("rpc: %w", context.DeadlineExceeded), store.ErrTimeout},
		{"cancelled", context.Canceled, context.Canceled},
		{"compacted", rpctypes.ErrCompacted, store.ErrGone},
		{"compacted on the wire", rpctypes.ErrGRPCCompacted, store.ErrGone},
		{"future revision", rpctypes.ErrFutureRev, errdefs.ErrBadRequest},
		{"request timed out", rpctypes.ErrTimeout, store.ErrTimeout},
		{"leader failed", rpctypes.ErrTimeoutDueToLeaderFail, store.ErrTimeout},
		{"connection lost", rpctypes.ErrTimeoutDueToConnectionLost, store.ErrTimeout},
		{"no leader", rpctypes.ErrNoLeader, store.ErrUnavailable},
		{"leader changed", rpctypes.ErrLeaderChanged, store.ErrUnavailable},
		{"stopped", rpctypes.ErrStopped, store.ErrUnavailable},
		{"too many requests", rpctypes.ErrTooManyRequests, errdefs.ErrTooManyRequests},
		{"request too large", rpctypes.ErrRequestTooLarge, errdefs.ErrRequestEntityTooLarge},
		{"no space", rpctypes.ErrNoSpace, store.ErrUnavailable},
		{"no endpoints", clientv3.ErrNoAvailableEndpoints, store.ErrUnavailable},
		{"transport unavailable", status.Error(codes.Unavailable, "connection refused"), store.ErrUnavailable},
		{"client closing", status.Error(codes.Canceled, "grpc: the client connection is closing"), store.ErrUnavailable},
		{"server deadline", status.Error(codes.DeadlineExceeded, "deadline"), store.ErrTimeout},
		{"permission denied", rpctypes.ErrPermissionDenied, errdefs.ErrForbidden},
		{"invalid auth token", rpctypes.ErrInvalidAuthToken, errdefs.ErrUnauthorized},
		{"unknown", errors.New("boom"), errdefs.ErrInternal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := wrapErr("op", tt.err)
			if !errors.Is(got, tt.want) {
				t.Fatalf("wrapErr(%v) = %v, want one wrapping %v", tt.err, got, tt.want)
			}
			if !errors.Is(got, tt.err) {
				t.Fatalf("wrapErr(%v) = %v, which no longer wraps the original", tt.err, got)
			}
		})
	}
	if wrapErr("op", nil) != nil {
		t.Fatal("wrapErr(nil) is not nil")
	}
}
