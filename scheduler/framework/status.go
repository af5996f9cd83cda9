package framework

import (
	"errors"
	"fmt"
	"strings"
)

// Code is the outcome of running a plugin.
type Code int

// The codes, in the order kube-scheduler numbers them.
const (
	// Success: the plugin ran and the pod may proceed. A nil *Status means
	// Success too.
	Success Code = iota
	// Error: something broke inside the plugin or the scheduler. The pod is
	// retried after backoff; Error is never an answer about the pod.
	Error
	// Unschedulable: the pod does not fit here, but could once the cluster
	// changes (for example after preemption). PostFilter plugins run.
	Unschedulable
	// UnschedulableAndUnresolvable: the pod does not fit here and preempting
	// pods on the node would not help. PostFilter skips such nodes.
	UnschedulableAndUnresolvable
	// Wait: returned by Permit only; the pod waits for Allow or Reject.
	Wait
	// Skip: returned by PreFilter, PreScore or Bind; the plugin has nothing
	// to do for this pod and its later extension points are skipped
	// (Filter after PreFilter, Score after PreScore, and Bind moves on to
	// the next Bind plugin).
	Skip
	// Pending: the pod is waiting for something outside the scheduler (for
	// example a resource claim); it is treated as Unschedulable but only an
	// event that the rejecting plugin's hints accept brings it back.
	Pending
)

var codeNames = [...]string{"Success", "Error", "Unschedulable", "UnschedulableAndUnresolvable", "Wait", "Skip", "Pending"}

// String returns the code's name, as kube-scheduler writes it.
func (c Code) String() string {
	if c >= 0 && int(c) < len(codeNames) {
		return codeNames[c]
	}
	return fmt.Sprintf("Code(%d)", int(c))
}

// Status is the result of running a plugin: a code, human-readable
// reasons, an optional error and the name of the plugin that produced it.
//
// A nil *Status is Success, and every method works on nil. A Status is
// immutable once returned: the scheduler never modifies a Status that a
// plugin returned, so a plugin may return one shared value (built once,
// for example NewStatus(Unschedulable, "Insufficient cpu")) from many
// goroutines and avoid an allocation per node.
type Status struct {
	code    Code
	reasons []string
	err     error
	plugin  string
}

// NewStatus returns a Status with code and reasons. Use it for expected
// outcomes; for failures use AsStatus.
func NewStatus(code Code, reasons ...string) *Status {
	return &Status{code: code, reasons: reasons}
}

// AsStatus wraps err in a Status with code Error. AsStatus(nil) is nil.
func AsStatus(err error) *Status {
	if err == nil {
		return nil
	}
	return &Status{code: Error, reasons: []string{err.Error()}, err: err}
}

// Code returns the code; Success for nil.
func (s *Status) Code() Code {
	if s == nil {
		return Success
	}
	return s.code
}

// Reasons returns the reasons. The slice must not be modified.
func (s *Status) Reasons() []string {
	if s == nil {
		return nil
	}
	if s.err != nil && len(s.reasons) == 0 {
		return []string{s.err.Error()}
	}
	return s.reasons
}

// Message returns the reasons joined by ", ".
func (s *Status) Message() string {
	if s == nil {
		return ""
	}
	return strings.Join(s.Reasons(), ", ")
}

// Plugin returns the name of the plugin that produced the status, as
// recorded by the scheduler (or by WithPlugin).
func (s *Status) Plugin() string {
	if s == nil {
		return ""
	}
	return s.plugin
}

// Err returns the wrapped error, if any.
func (s *Status) Err() error {
	if s == nil {
		return nil
	}
	return s.err
}

// WithPlugin returns a copy of s that names plugin as its source. It
// returns s itself when it already names plugin, and nil for nil.
func (s *Status) WithPlugin(plugin string) *Status {
	if s == nil || s.plugin == plugin {
		return s
	}
	c := *s
	c.plugin = plugin
	return &c
}

// WithError returns a copy of s that wraps err.
func (s *Status) WithError(err error) *Status {
	if s == nil {
		return &Status{code: Success, err: err}
	}
	c := *s
	c.err = err
	return &c
}

// IsSuccess reports whether the code is Success.
func (s *Status) IsSuccess() bool { return s.Code() == Success }

// IsWait reports whether the code is Wait.
func (s *Status) IsWait() bool { return s.Code() == Wait }

// IsSkip reports whether the code is Skip.
func (s *Status) IsSkip() bool { return s.Code() == Skip }

// IsRejected reports whether the pod was rejected: Unschedulable,
// UnschedulableAndUnresolvable or Pending.
func (s *Status) IsRejected() bool {
	c := s.Code()
	return c == Unschedulable || c == UnschedulableAndUnresolvable || c == Pending
}

// AsError returns nil for Success, Skip and Wait, and an error otherwise:
// the wrapped error for Error, or one built from the reasons.
func (s *Status) AsError() error {
	switch s.Code() {
	case Success, Skip, Wait:
		return nil
	}
	if s.err != nil {
		return s.err
	}
	return errors.New(s.Message())
}

// String formats the status for logs.
func (s *Status) String() string {
	if s == nil {
		return "Success"
	}
	var b strings.Builder
	b.WriteString(s.code.String())
	if s.plugin != "" {
		b.WriteString(" (")
		b.WriteString(s.plugin)
		b.WriteString(")")
	}
	if m := s.Message(); m != "" {
		b.WriteString(": ")
		b.WriteString(m)
	}
	return b.String()
}

// Equal reports whether two statuses have the same code, reasons, plugin
// and error (by errors.Is).
func (s *Status) Equal(x *Status) bool {
	if s == nil || x == nil {
		return s.IsSuccess() && x.IsSuccess()
	}
	if s.code != x.code || s.plugin != x.plugin || len(s.reasons) != len(x.reasons) {
		return false
	}
	for i := range s.reasons {
		if s.reasons[i] != x.reasons[i] {
			return false
		}
	}
	if s.err == nil || x.err == nil {
		return s.err == nil && x.err == nil
	}
	return errors.Is(s.err, x.err) || errors.Is(x.err, s.err)
}
