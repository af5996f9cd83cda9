// Package field describes validation errors by the path of the field they are
// about, as Kubernetes does: spec.template.spec.containers[0].image.
//
// Validators build an ErrorList with the constructors (Required, Invalid,
// NotSupported, ...). The API server turns a non-empty list into a 422 Status
// whose details.causes carry each error's field path, type and message.
package field

import (
	"fmt"
	"strconv"
	"strings"
)

// Path is an immutable field path. The nil *Path is the root.
type Path struct {
	name   string // a field name, or "" for an index/key step
	index  string // "[0]" or "[key]"
	parent *Path
}

// NewPath starts a path at name, with optional further names.
func NewPath(name string, more ...string) *Path {
	p := &Path{name: name}
	for _, m := range more {
		p = p.Child(m)
	}
	return p
}

// Child returns the path of a field below p.
func (p *Path) Child(name string, more ...string) *Path {
	c := &Path{name: name, parent: p}
	for _, m := range more {
		c = c.Child(m)
	}
	return c
}

// Index returns the path of the i-th element of the list at p.
func (p *Path) Index(i int) *Path {
	return &Path{index: "[" + strconv.Itoa(i) + "]", parent: p}
}

// Key returns the path of the map entry key at p.
func (p *Path) Key(key string) *Path {
	return &Path{index: "[" + key + "]", parent: p}
}

// Root returns the first element of the path.
func (p *Path) Root() *Path {
	for p != nil && p.parent != nil {
		p = p.parent
	}
	return p
}

// String renders the path: a.b[0].c[key].
func (p *Path) String() string {
	if p == nil {
		return "<nil>"
	}
	var parts []*Path
	for q := p; q != nil; q = q.parent {
		parts = append(parts, q)
	}
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		q := parts[i]
		if q.index != "" {
			b.WriteString(q.index)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(q.name)
	}
	return b.String()
}

// ErrorType is the kind of a field error. Its string is the Status cause reason.
type ErrorType string

// The error types, with the cause reasons Kubernetes puts on the wire.
const (
	ErrorTypeNotFound     ErrorType = "FieldValueNotFound"
	ErrorTypeRequired     ErrorType = "FieldValueRequired"
	ErrorTypeDuplicate    ErrorType = "FieldValueDuplicate"
	ErrorTypeInvalid      ErrorType = "FieldValueInvalid"
	ErrorTypeNotSupported ErrorType = "FieldValueNotSupported"
	ErrorTypeForbidden    ErrorType = "FieldValueForbidden"
	ErrorTypeTooLong      ErrorType = "FieldValueTooLong"
	ErrorTypeTooMany      ErrorType = "FieldValueTooMany"
	ErrorTypeInternal     ErrorType = "InternalError"
	ErrorTypeTypeInvalid  ErrorType = "FieldValueTypeInvalid"
)

// String is the human description used in messages ("Required value").
func (t ErrorType) String() string {
	switch t {
	case ErrorTypeNotFound:
		return "Not found"
	case ErrorTypeRequired:
		return "Required value"
	case ErrorTypeDuplicate:
		return "Duplicate value"
	case ErrorTypeInvalid:
		return "Invalid value"
	case ErrorTypeNotSupported:
		return "Unsupported value"
	case ErrorTypeForbidden:
		return "Forbidden"
	case ErrorTypeTooLong:
		return "Too long"
	case ErrorTypeTooMany:
		return "Too many"
	case ErrorTypeInternal:
		return "Internal error"
	case ErrorTypeTypeInvalid:
		return "Invalid value"
	}
	return string(t)
}

// omitValue marks an error whose value is not shown.
type omitValue struct{}

// OmitValue may be passed as BadValue to leave the value out of the message.
var OmitValue = omitValue{}

// Error is one validation failure.
type Error struct {
	Type     ErrorType
	Field    string
	BadValue any
	Detail   string
}

// Error renders "field: Type: value: detail" as Kubernetes does.
func (e *Error) Error() string {
	return e.Field + ": " + e.ErrorBody()
}

// ErrorBody is the message without the field path.
func (e *Error) ErrorBody() string {
	var s string
	switch e.Type {
	case ErrorTypeRequired, ErrorTypeForbidden, ErrorTypeTooLong, ErrorTypeInternal:
		s = e.Type.String()
	default:
		if _, ok := e.BadValue.(omitValue); ok {
			s = e.Type.String()
		} else {
			s = e.Type.String() + ": " + renderValue(e.BadValue)
		}
	}
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

func renderValue(v any) string {
	switch t := v.(type) {
	case nil:
		return "null"
	case string:
		return strconv.Quote(t)
	case *string:
		if t == nil {
			return "null"
		}
		return strconv.Quote(*t)
	case int, int32, int64, uint, uint32, uint64, bool, float32, float64:
		return fmt.Sprint(t)
	case fmt.Stringer:
		return strconv.Quote(t.String())
	}
	// Kubernetes renders composite values with Go syntax:
	// map[string]string{"app":"web"}.
	return fmt.Sprintf("%#v", v)
}

// ErrorList is a list of field errors.
type ErrorList []*Error

// ToAggregate renders the list as one error, or nil when empty.
func (l ErrorList) ToAggregate() error {
	if len(l) == 0 {
		return nil
	}
	if len(l) == 1 {
		return l[0]
	}
	parts := make([]string, len(l))
	for i, e := range l {
		parts[i] = e.Error()
	}
	return fmt.Errorf("[%s]", strings.Join(parts, ", "))
}

// Filter returns the errors for which keep is true.
func (l ErrorList) Filter(keep func(*Error) bool) ErrorList {
	var out ErrorList
	for _, e := range l {
		if keep(e) {
			out = append(out, e)
		}
	}
	return out
}

// Required reports a missing value.
func Required(p *Path, detail string) *Error {
	return &Error{Type: ErrorTypeRequired, Field: p.String(), Detail: detail}
}

// Invalid reports a malformed value.
func Invalid(p *Path, value any, detail string) *Error {
	return &Error{Type: ErrorTypeInvalid, Field: p.String(), BadValue: value, Detail: detail}
}

// Duplicate reports a value that must be unique.
func Duplicate(p *Path, value any) *Error {
	return &Error{Type: ErrorTypeDuplicate, Field: p.String(), BadValue: value}
}

// NotFound reports a reference to something that does not exist.
func NotFound(p *Path, value any) *Error {
	return &Error{Type: ErrorTypeNotFound, Field: p.String(), BadValue: value}
}

// NotSupported reports a value outside an enumeration.
func NotSupported[T ~string](p *Path, value any, valid []T) *Error {
	var detail string
	if len(valid) > 0 {
		q := make([]string, len(valid))
		for i, v := range valid {
			q[i] = strconv.Quote(string(v))
		}
		detail = "supported values: " + strings.Join(q, ", ")
	}
	return &Error{Type: ErrorTypeNotSupported, Field: p.String(), BadValue: value, Detail: detail}
}

// Forbidden reports a value that may not be set, or may not change.
func Forbidden(p *Path, detail string) *Error {
	return &Error{Type: ErrorTypeForbidden, Field: p.String(), Detail: detail}
}

// TooLong reports a value longer than max.
func TooLong(p *Path, value any, max int) *Error {
	detail := "value is too long"
	if max >= 0 {
		detail = fmt.Sprintf("may not be more than %d bytes", max)
	}
	return &Error{Type: ErrorTypeTooLong, Field: p.String(), BadValue: value, Detail: detail}
}

// TooMany reports a list with more than max items.
func TooMany(p *Path, actual, max int) *Error {
	return &Error{Type: ErrorTypeTooMany, Field: p.String(), BadValue: actual,
		Detail: fmt.Sprintf("must have at most %d items", max)}
}

// TypeInvalid reports a value of the wrong type.
func TypeInvalid(p *Path, value any, detail string) *Error {
	return &Error{Type: ErrorTypeTypeInvalid, Field: p.String(), BadValue: value, Detail: detail}
}

// InternalError reports a validator failure.
func InternalError(p *Path, err error) *Error {
	return &Error{Type: ErrorTypeInternal, Field: p.String(), Detail: err.Error()}
}
