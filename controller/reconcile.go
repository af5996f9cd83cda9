package controller

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/orcaproj/orca/apiobj"
)

// Request names the object to reconcile. It carries a key, never an event:
// the reconciler reads the object's current state and converges to it, so
// reconciling the same request twice is harmless.
type Request struct {
	Namespace string
	Name      string
}

// String returns "namespace/name", or "name" for cluster-scoped objects.
func (r Request) String() string {
	if r.Namespace == "" {
		return r.Name
	}
	return r.Namespace + "/" + r.Name
}

// RequestFor returns the request that names obj.
func RequestFor(obj apiobj.MetaAccessor) Request {
	return Request{Namespace: obj.GetNamespace(), Name: obj.GetName()}
}

// Result says whether and when to reconcile a request again. The zero
// Result means done: the request is not retried until something changes.
type Result struct {
	// Requeue asks for another reconcile after the rate limiter's backoff.
	Requeue bool
	// RequeueAfter, when positive, asks for another reconcile after this
	// long (and resets the backoff); it takes precedence over Requeue.
	RequeueAfter time.Duration
}

// IsZero reports whether r asks for nothing.
func (r Result) IsZero() bool { return r == Result{} }

// Reconciler converges the world to the state that a request's object
// declares. Implementations must be safe for concurrent use when a
// controller runs more than one worker; one request is never reconciled by
// two workers at once.
//
// Returning an error retries the request with backoff, unless it wraps
// TerminalError. A panic is recovered and treated as an error.
type Reconciler interface {
	Reconcile(ctx context.Context, req Request) (Result, error)
}

// ReconcilerFunc adapts a function to Reconciler.
type ReconcilerFunc func(ctx context.Context, req Request) (Result, error)

// Reconcile implements Reconciler.
func (f ReconcilerFunc) Reconcile(ctx context.Context, req Request) (Result, error) {
	return f(ctx, req)
}

// ErrTerminal matches, with errors.Is, every error made by TerminalError.
var ErrTerminal = errors.New("terminal error")

// TerminalError wraps err to say that retrying cannot help (invalid input,
// say): the controller records it and does not requeue the request. The
// result still matches err with errors.Is and errors.As.
func TerminalError(err error) error {
	if err == nil {
		err = errors.New("unknown terminal error")
	}
	return &terminalError{err}
}

type terminalError struct{ err error }

func (e *terminalError) Error() string        { return "terminal error: " + e.err.Error() }
func (e *terminalError) Unwrap() error        { return e.err }
func (e *terminalError) Is(target error) bool { return target == ErrTerminal }

type loggerKey struct{}

// reconcileLogger is what a reconcile's context carries: the controller's
// logger and the request, joined only when LoggerFrom asks.
type reconcileLogger struct {
	log        *slog.Logger
	controller string
	req        Request
}

// LoggerFrom returns the logger of the reconcile that ctx belongs to, with
// the controller's name and the request as attributes; outside a reconcile,
// a logger that discards.
func LoggerFrom(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(loggerKey{}).(*reconcileLogger); ok {
		return l.log.With("controller", l.controller, "namespace", l.req.Namespace, "name", l.req.Name)
	}
	return slog.New(slog.DiscardHandler)
}
