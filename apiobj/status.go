package apiobj

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/orcaproj/orca/apiobj/field"
	"github.com/orcaproj/orca/errdefs"
)

// StatusReason is the machine-readable reason of a failed Status.
type StatusReason string

// The reasons Kubernetes uses.
const (
	StatusReasonUnknown               StatusReason = ""
	StatusReasonUnauthorized          StatusReason = "Unauthorized"
	StatusReasonForbidden             StatusReason = "Forbidden"
	StatusReasonNotFound              StatusReason = "NotFound"
	StatusReasonAlreadyExists         StatusReason = "AlreadyExists"
	StatusReasonConflict              StatusReason = "Conflict"
	StatusReasonGone                  StatusReason = "Gone"
	StatusReasonInvalid               StatusReason = "Invalid"
	StatusReasonServerTimeout         StatusReason = "ServerTimeout"
	StatusReasonTimeout               StatusReason = "Timeout"
	StatusReasonTooManyRequests       StatusReason = "TooManyRequests"
	StatusReasonBadRequest            StatusReason = "BadRequest"
	StatusReasonMethodNotAllowed      StatusReason = "MethodNotAllowed"
	StatusReasonNotAcceptable         StatusReason = "NotAcceptable"
	StatusReasonRequestEntityTooLarge StatusReason = "RequestEntityTooLarge"
	StatusReasonUnsupportedMediaType  StatusReason = "UnsupportedMediaType"
	StatusReasonInternalError         StatusReason = "InternalError"
	StatusReasonExpired               StatusReason = "Expired"
	StatusReasonServiceUnavailable    StatusReason = "ServiceUnavailable"
)

// Status values of Status.Status.
const (
	StatusSuccess = "Success"
	StatusFailure = "Failure"
)

// Status is the object the API returns for errors and for some deletes.
type Status struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata" protobuf:"bytes,1,opt,name=metadata"`
	// Status is "Success" or "Failure".
	Status  string         `json:"status,omitempty" protobuf:"bytes,2,opt,name=status"`
	Message string         `json:"message,omitempty" protobuf:"bytes,3,opt,name=message"`
	Reason  StatusReason   `json:"reason,omitempty" protobuf:"bytes,4,opt,name=reason"`
	Details *StatusDetails `json:"details,omitempty" protobuf:"bytes,5,opt,name=details"`
	Code    int32          `json:"code,omitempty" protobuf:"varint,6,opt,name=code"`
}

// StatusDetails names the object a Status is about and the causes.
type StatusDetails struct {
	Name              string        `json:"name,omitempty" protobuf:"bytes,1,opt,name=name"`
	Group             string        `json:"group,omitempty" protobuf:"bytes,2,opt,name=group"`
	Kind              string        `json:"kind,omitempty" protobuf:"bytes,3,opt,name=kind"`
	UID               UID           `json:"uid,omitempty" protobuf:"bytes,6,opt,name=uid"`
	Causes            []StatusCause `json:"causes,omitempty" protobuf:"bytes,4,rep,name=causes"`
	RetryAfterSeconds int32         `json:"retryAfterSeconds,omitempty" protobuf:"varint,5,opt,name=retryAfterSeconds"`
}

// CauseType is the type of a StatusCause; field validation uses the
// field.ErrorType strings ("FieldValueRequired" and so on).
type CauseType string

// StatusCause is one reason behind a Status, usually a field error.
type StatusCause struct {
	Type    CauseType `json:"reason,omitempty" protobuf:"bytes,1,opt,name=reason"`
	Message string    `json:"message,omitempty" protobuf:"bytes,2,opt,name=message"`
	Field   string    `json:"field,omitempty" protobuf:"bytes,3,opt,name=field"`
}

// StatusError is an error that carries a Status. It matches the errdefs
// sentinel of its reason with errors.Is, so errors.Is(err, errdefs.ErrNotFound)
// holds for a 404 Status decoded from the wire.
type StatusError struct {
	Status Status
}

// Error returns the Status message.
func (e *StatusError) Error() string { return e.Status.Message }

// Is matches the errdefs sentinel of the Status reason or code.
func (e *StatusError) Is(target error) bool {
	s := sentinelOf(e.Status.Reason, e.Status.Code)
	return s != nil && s == target
}

func sentinelOf(reason StatusReason, code int32) error {
	switch reason {
	case StatusReasonNotFound:
		return errdefs.ErrNotFound
	case StatusReasonAlreadyExists:
		return errdefs.ErrAlreadyExists
	case StatusReasonConflict:
		return errdefs.ErrConflict
	case StatusReasonInvalid:
		return errdefs.ErrInvalid
	case StatusReasonGone, StatusReasonExpired:
		return errdefs.ErrGone
	case StatusReasonBadRequest:
		return errdefs.ErrBadRequest
	case StatusReasonUnauthorized:
		return errdefs.ErrUnauthorized
	case StatusReasonForbidden:
		return errdefs.ErrForbidden
	case StatusReasonMethodNotAllowed:
		return errdefs.ErrMethodNotAllowed
	case StatusReasonNotAcceptable:
		return errdefs.ErrNotAcceptable
	case StatusReasonRequestEntityTooLarge:
		return errdefs.ErrRequestEntityTooLarge
	case StatusReasonUnsupportedMediaType:
		return errdefs.ErrUnsupportedMediaType
	case StatusReasonTooManyRequests:
		return errdefs.ErrTooManyRequests
	case StatusReasonTimeout, StatusReasonServerTimeout:
		return errdefs.ErrTimeout
	case StatusReasonServiceUnavailable:
		return errdefs.ErrUnavailable
	case StatusReasonInternalError:
		return errdefs.ErrInternal
	}
	switch code {
	case http.StatusNotFound:
		return errdefs.ErrNotFound
	case http.StatusConflict:
		return errdefs.ErrConflict
	case http.StatusUnprocessableEntity:
		return errdefs.ErrInvalid
	case http.StatusGone:
		return errdefs.ErrGone
	case http.StatusBadRequest:
		return errdefs.ErrBadRequest
	case http.StatusUnauthorized:
		return errdefs.ErrUnauthorized
	case http.StatusForbidden:
		return errdefs.ErrForbidden
	case http.StatusTooManyRequests:
		return errdefs.ErrTooManyRequests
	case http.StatusServiceUnavailable:
		return errdefs.ErrUnavailable
	case http.StatusInternalServerError:
		return errdefs.ErrInternal
	}
	return nil
}

// statusOf is the one table from errdefs sentinels to HTTP code and reason.
var statusOf = []struct {
	err    error
	code   int32
	reason StatusReason
}{
	{errdefs.ErrNotFound, http.StatusNotFound, StatusReasonNotFound},
	{errdefs.ErrAlreadyExists, http.StatusConflict, StatusReasonAlreadyExists},
	{errdefs.ErrConflict, http.StatusConflict, StatusReasonConflict},
	{errdefs.ErrInvalid, http.StatusUnprocessableEntity, StatusReasonInvalid},
	{errdefs.ErrGone, http.StatusGone, StatusReasonExpired},
	{errdefs.ErrBadRequest, http.StatusBadRequest, StatusReasonBadRequest},
	{errdefs.ErrUnauthorized, http.StatusUnauthorized, StatusReasonUnauthorized},
	{errdefs.ErrForbidden, http.StatusForbidden, StatusReasonForbidden},
	{errdefs.ErrMethodNotAllowed, http.StatusMethodNotAllowed, StatusReasonMethodNotAllowed},
	{errdefs.ErrNotAcceptable, http.StatusNotAcceptable, StatusReasonNotAcceptable},
	{errdefs.ErrRequestEntityTooLarge, http.StatusRequestEntityTooLarge, StatusReasonRequestEntityTooLarge},
	{errdefs.ErrUnsupportedMediaType, http.StatusUnsupportedMediaType, StatusReasonUnsupportedMediaType},
	{errdefs.ErrTooManyRequests, http.StatusTooManyRequests, StatusReasonTooManyRequests},
	{errdefs.ErrTimeout, http.StatusGatewayTimeout, StatusReasonTimeout},
	{errdefs.ErrUnavailable, http.StatusServiceUnavailable, StatusReasonServiceUnavailable},
	{errdefs.ErrInternal, http.StatusInternalServerError, StatusReasonInternalError},
}

// StatusFromError turns any error into the Status the API returns for it. A
// StatusError keeps its Status; an error wrapping an errdefs sentinel gets
// that sentinel's code and reason; anything else is a 500. This is the one
// place where the error vocabulary meets HTTP.
func StatusFromError(err error) Status {
	var se *StatusError
	if errors.As(err, &se) {
		return se.Status
	}
	for _, m := range statusOf {
		if errors.Is(err, m.err) {
			return failure(m.code, m.reason, err.Error(), nil)
		}
	}
	return failure(http.StatusInternalServerError, StatusReasonInternalError, err.Error(), nil)
}

func failure(code int32, reason StatusReason, msg string, d *StatusDetails) Status {
	return Status{
		TypeMeta: TypeMeta{Kind: "Status", APIVersion: "v1"},
		Status:   StatusFailure,
		Message:  msg,
		Reason:   reason,
		Details:  d,
		Code:     code,
	}
}

// NewNotFound is `<resource> "<name>" not found`.
func NewNotFound(gr GroupResource, name string) *StatusError {
	return &StatusError{failure(http.StatusNotFound, StatusReasonNotFound,
		fmt.Sprintf("%s %q not found", gr, name),
		&StatusDetails{Name: name, Group: gr.Group, Kind: gr.Resource})}
}

// NewAlreadyExists is `<resource> "<name>" already exists`.
func NewAlreadyExists(gr GroupResource, name string) *StatusError {
	return &StatusError{failure(http.StatusConflict, StatusReasonAlreadyExists,
		fmt.Sprintf("%s %q already exists", gr, name),
		&StatusDetails{Name: name, Group: gr.Group, Kind: gr.Resource})}
}

// NewConflict is `Operation cannot be fulfilled on <resource> "<name>": <why>`.
func NewConflict(gr GroupResource, name string, why error) *StatusError {
	return &StatusError{failure(http.StatusConflict, StatusReasonConflict,
		fmt.Sprintf("Operation cannot be fulfilled on %s %q: %v", gr, name, why),
		&StatusDetails{Name: name, Group: gr.Group, Kind: gr.Resource})}
}

// NewInvalid is the 422 Status for a list of field errors, with one cause per
// error: `<Kind> "<name>" is invalid: [<errors>]`.
func NewInvalid(gk GroupKind, name string, errs field.ErrorList) *StatusError {
	causes := make([]StatusCause, 0, len(errs))
	for _, e := range errs {
		causes = append(causes, StatusCause{Type: CauseType(e.Type), Message: e.ErrorBody(), Field: e.Field})
	}
	msg := fmt.Sprintf("%s %q is invalid", gk, name)
	switch len(errs) {
	case 0:
	case 1:
		msg += ": " + errs[0].Error()
	default:
		parts := make([]string, len(errs))
		for i, e := range errs {
			parts[i] = e.Error()
		}
		msg += ": [" + strings.Join(parts, ", ") + "]"
	}
	return &StatusError{failure(http.StatusUnprocessableEntity, StatusReasonInvalid, msg,
		&StatusDetails{Name: name, Group: gk.Group, Kind: gk.Kind, Causes: causes})}
}

// NewBadRequest is a 400 with msg.
func NewBadRequest(msg string) *StatusError {
	return &StatusError{failure(http.StatusBadRequest, StatusReasonBadRequest, msg, nil)}
}

// NewForbidden is `<resource> "<name>" is forbidden: <why>`.
func NewForbidden(gr GroupResource, name string, why error) *StatusError {
	msg := fmt.Sprintf("%s %q is forbidden: %v", gr, name, why)
	if name == "" {
		msg = fmt.Sprintf("%s is forbidden: %v", gr, why)
	}
	return &StatusError{failure(http.StatusForbidden, StatusReasonForbidden, msg,
		&StatusDetails{Name: name, Group: gr.Group, Kind: gr.Resource})}
}

// NewGone is a 410 with reason Expired, as for a compacted resourceVersion.
func NewGone(msg string) *StatusError {
	return &StatusError{failure(http.StatusGone, StatusReasonExpired, msg, nil)}
}

// NewTooManyRequests is a 429 that asks the client to retry after seconds.
func NewTooManyRequests(msg string, retryAfterSeconds int32) *StatusError {
	return &StatusError{failure(http.StatusTooManyRequests, StatusReasonTooManyRequests, msg,
		&StatusDetails{RetryAfterSeconds: retryAfterSeconds})}
}

// NewInternalError is a 500 that wraps err's message.
func NewInternalError(err error) *StatusError {
	return &StatusError{failure(http.StatusInternalServerError, StatusReasonInternalError,
		fmt.Sprintf("Internal error occurred: %v", err), &StatusDetails{Causes: []StatusCause{{Message: err.Error()}}})}
}

// NewStatusError builds a failure Status of any code and reason.
func NewStatusError(code int32, reason StatusReason, msg string) *StatusError {
	return &StatusError{failure(code, reason, msg, nil)}
}
