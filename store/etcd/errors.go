package etcd

import (
	"context"
	"errors"
	"fmt"

	"go.etcd.io/etcd/api/v3/v3rpc/rpctypes"
	clientv3 "go.etcd.io/etcd/client/v3"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store"
)

var errClosed = fmt.Errorf("store/etcd: store is closed: %w", store.ErrUnavailable)

// wrapErr maps an etcd client error into the store's vocabulary. The result
// wraps both the sentinel and err, so errors.Is works with either (for
// example store.ErrTimeout and context.DeadlineExceeded).
func wrapErr(op string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("store/etcd: %s: %w", op, err)
	}
	if sentinel := classify(err); sentinel != nil {
		return fmt.Errorf("store/etcd: %s: %w: %w", op, sentinel, err)
	}
	return fmt.Errorf("store/etcd: %s: %w", op, err)
}

// classify returns the store sentinel for an etcd client error.
func classify(err error) error {
	if _, ok := errors.AsType[rpctypes.EtcdError](err); !ok {
		err = rpctypes.Error(err) // decodes a raw gRPC status, as some client paths return
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return store.ErrTimeout
	case errors.Is(err, rpctypes.ErrCompacted):
		return store.ErrGone
	case errors.Is(err, rpctypes.ErrFutureRev):
		return errdefs.ErrBadRequest
	case errors.Is(err, rpctypes.ErrTimeout),
		errors.Is(err, rpctypes.ErrTimeoutDueToLeaderFail),
		errors.Is(err, rpctypes.ErrTimeoutDueToConnectionLost),
		errors.Is(err, rpctypes.ErrTimeoutWaitAppliedIndex):
		return store.ErrTimeout
	case errors.Is(err, rpctypes.ErrTooManyRequests):
		return errdefs.ErrTooManyRequests
	case errors.Is(err, rpctypes.ErrRequestTooLarge):
		return errdefs.ErrRequestEntityTooLarge
	case errors.Is(err, clientv3.ErrNoAvailableEndpoints):
		return store.ErrUnavailable
	}
	switch code(err) {
	case codes.Unavailable, codes.Canceled, codes.Aborted:
		// Canceled without a cancelled ctx: the client connection closed.
		return store.ErrUnavailable
	case codes.DeadlineExceeded:
		return store.ErrTimeout
	case codes.InvalidArgument, codes.OutOfRange:
		return errdefs.ErrBadRequest
	case codes.ResourceExhausted:
		return errdefs.ErrUnavailable // the database quota is full
	case codes.Unauthenticated:
		return errdefs.ErrUnauthorized
	case codes.PermissionDenied:
		return errdefs.ErrForbidden
	}
	return errdefs.ErrInternal
}

// code returns the gRPC code of an etcd client error.
func code(err error) codes.Code {
	var ee rpctypes.EtcdError
	if errors.As(err, &ee) {
		return ee.Code()
	}
	if s, ok := status.FromError(err); ok {
		return s.Code()
	}
	return codes.Unknown
}
