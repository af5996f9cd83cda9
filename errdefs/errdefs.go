// Package errdefs is orca's one error vocabulary.
//
// Every package that reports an expected failure (a missing object, a
// conflicting write, an expired revision) wraps one of these sentinels with
// %w, and callers test for them with errors.Is. The API server maps them to
// HTTP status codes and Kubernetes Status reasons in exactly one place, and the
// client decodes a Status back into the same sentinels, so a check such as
// errors.Is(err, errdefs.ErrNotFound) works on both sides of the wire.
//
// errdefs imports nothing from orca; every other package may import it.
package errdefs

import "errors"

// The sentinels. Their Error strings are stable but callers must never compare
// them: use errors.Is.
var (
	// ErrNotFound: the object or key does not exist (404, reason NotFound).
	ErrNotFound = errors.New("not found")
	// ErrAlreadyExists: a create found the name taken (409, reason AlreadyExists).
	ErrAlreadyExists = errors.New("already exists")
	// ErrConflict: a precondition or compare-and-swap failed (409, reason Conflict).
	ErrConflict = errors.New("conflict")
	// ErrInvalid: the object failed validation (422, reason Invalid).
	ErrInvalid = errors.New("invalid")
	// ErrGone: the revision or continue token was compacted away (410, reason Expired or Gone).
	ErrGone = errors.New("gone")
	// ErrBadRequest: the request could not be understood (400, reason BadRequest).
	ErrBadRequest = errors.New("bad request")
	// ErrUnauthorized: the caller is not authenticated (401, reason Unauthorized).
	ErrUnauthorized = errors.New("unauthorized")
	// ErrForbidden: the caller may not do this (403, reason Forbidden).
	ErrForbidden = errors.New("forbidden")
	// ErrMethodNotAllowed: the verb is not supported on the resource (405).
	ErrMethodNotAllowed = errors.New("method not allowed")
	// ErrNotAcceptable: no acceptable response media type (406).
	ErrNotAcceptable = errors.New("not acceptable")
	// ErrRequestEntityTooLarge: the request body is too large (413).
	ErrRequestEntityTooLarge = errors.New("request entity too large")
	// ErrUnsupportedMediaType: the request Content-Type is not supported (415).
	ErrUnsupportedMediaType = errors.New("unsupported media type")
	// ErrTooManyRequests: the server is rate limiting; retry later (429).
	ErrTooManyRequests = errors.New("too many requests")
	// ErrTimeout: the operation did not finish in time (504 or 500 with reason Timeout).
	ErrTimeout = errors.New("timeout")
	// ErrUnavailable: the backend cannot serve right now; retry later (503).
	ErrUnavailable = errors.New("unavailable")
	// ErrInternal: something broke that the caller cannot fix (500).
	ErrInternal = errors.New("internal error")
)

// IsNotFound reports whether err wraps ErrNotFound.
func IsNotFound(err error) bool { return errors.Is(err, ErrNotFound) }

// IsAlreadyExists reports whether err wraps ErrAlreadyExists.
func IsAlreadyExists(err error) bool { return errors.Is(err, ErrAlreadyExists) }

// IsConflict reports whether err wraps ErrConflict.
func IsConflict(err error) bool { return errors.Is(err, ErrConflict) }

// IgnoreNotFound returns nil if err wraps ErrNotFound, and err otherwise.
func IgnoreNotFound(err error) error {
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}
