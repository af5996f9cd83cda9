package process

import (
	"fmt"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/orcaproj/orca/errdefs"
)

// rpcError is an error that is at once a gRPC status (so cri.Serve sends the
// right code) and an errdefs sentinel (so in-process callers can use
// errors.Is).
type rpcError struct {
	code     codes.Code
	sentinel error
	msg      string
}

func (e *rpcError) Error() string              { return e.msg }
func (e *rpcError) Unwrap() error              { return e.sentinel }
func (e *rpcError) GRPCStatus() *status.Status { return status.New(e.code, e.msg) }

func newError(code codes.Code, sentinel error, format string, args ...any) error {
	return &rpcError{code: code, sentinel: sentinel, msg: fmt.Sprintf(format, args...)}
}

func notFound(kind, id string) error {
	return newError(codes.NotFound, errdefs.ErrNotFound, "%s %q not found", kind, id)
}

func invalid(format string, args ...any) error {
	return newError(codes.InvalidArgument, errdefs.ErrInvalid, format, args...)
}

func precondition(format string, args ...any) error {
	return newError(codes.FailedPrecondition, errdefs.ErrConflict, format, args...)
}

func internal(format string, args ...any) error {
	return newError(codes.Internal, errdefs.ErrInternal, format, args...)
}

func unsupported(what string) error {
	return newError(codes.Unimplemented, errdefs.ErrMethodNotAllowed, "process runtime: %s is not supported", what)
}
