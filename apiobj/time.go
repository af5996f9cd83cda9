package apiobj

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

// Time is a timestamp that encodes as RFC 3339 in UTC with seconds precision,
// as Kubernetes does. Its zero value encodes as null (and is omitted by
// fields tagged omitzero). Decoded values are in UTC.
type Time struct {
	time.Time
}

// NewTime wraps t, truncated to seconds and in UTC.
func NewTime(t time.Time) Time { return Time{t.UTC().Truncate(time.Second)} }

// Now returns the current time truncated to seconds.
func Now() Time { return NewTime(time.Now()) }

// Equal reports whether t and u are the same instant.
func (t Time) Equal(u Time) bool { return t.Time.Equal(u.Time) }

// Before reports whether t is before u.
func (t Time) Before(u Time) bool { return t.Time.Before(u.Time) }

// IsZero reports whether t is the zero time.
func (t Time) IsZero() bool { return t.Time.IsZero() }

// MarshalJSON implements json.Marshaler.
func (t Time) MarshalJSON() ([]byte, error) {
	if t.Time.IsZero() {
		return []byte("null"), nil
	}
	b := make([]byte, 0, len(time.RFC3339)+2)
	b = append(b, '"')
	b = t.UTC().AppendFormat(b, time.RFC3339)
	return append(b, '"'), nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (t *Time) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		t.Time = time.Time{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("time: %w", err)
	}
	pt, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return err
	}
	t.Time = pt.UTC()
	return nil
}

// MicroTime is a timestamp with microsecond precision on the wire, used by
// Events and Leases.
type MicroTime struct {
	time.Time
}

const microTimeFormat = "2006-01-02T15:04:05.000000Z07:00"

// NewMicroTime wraps t, truncated to microseconds and in UTC.
func NewMicroTime(t time.Time) MicroTime { return MicroTime{t.UTC().Truncate(time.Microsecond)} }

// NowMicro returns the current time truncated to microseconds.
func NowMicro() MicroTime { return NewMicroTime(time.Now()) }

// Equal reports whether t and u are the same instant.
func (t MicroTime) Equal(u MicroTime) bool { return t.Time.Equal(u.Time) }

// IsZero reports whether t is the zero time.
func (t MicroTime) IsZero() bool { return t.Time.IsZero() }

// MarshalJSON implements json.Marshaler.
func (t MicroTime) MarshalJSON() ([]byte, error) {
	if t.Time.IsZero() {
		return []byte("null"), nil
	}
	b := make([]byte, 0, len(microTimeFormat)+2)
	b = append(b, '"')
	b = t.UTC().AppendFormat(b, microTimeFormat)
	return append(b, '"'), nil
}

// UnmarshalJSON implements json.Unmarshaler. It accepts RFC 3339 with or
// without fractional seconds.
func (t *MicroTime) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		t.Time = time.Time{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("microtime: %w", err)
	}
	pt, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return err
	}
	t.Time = pt.UTC().Truncate(time.Microsecond)
	return nil
}

// Duration is a time.Duration that encodes as a Go duration string ("1h2m3s").
type Duration struct {
	time.Duration
}

// MarshalJSON implements json.Marshaler.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(d.Duration.String()) }

// UnmarshalJSON implements json.Unmarshaler.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("duration: %w", err)
	}
	pd, err := time.ParseDuration(s)
	if err != nil {
		return err
	}
	d.Duration = pd
	return nil
}

// RawJSON is a JSON value kept verbatim (Kubernetes' RawExtension and
// apiextensions' JSON). Nil encodes as null.
type RawJSON []byte

// MarshalJSON implements json.Marshaler.
func (r RawJSON) MarshalJSON() ([]byte, error) {
	if len(r) == 0 {
		return []byte("null"), nil
	}
	return r, nil
}

// UnmarshalJSON implements json.Unmarshaler. It keeps a copy of b.
func (r *RawJSON) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		*r = nil
		return nil
	}
	*r = append((*r)[:0], b...)
	return nil
}
