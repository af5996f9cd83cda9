package framework

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/orcaproj/orca/errdefs"
)

// Registry maps plugin names to factories. It is a value: build one,
// merge the default plugins' registry with your own, and pass it to the
// scheduler. Nothing registers itself.
type Registry map[string]Factory

// Register adds a factory; it fails with errdefs.ErrAlreadyExists if name
// is taken.
func (r Registry) Register(name string, f Factory) error {
	if _, ok := r[name]; ok {
		return fmt.Errorf("plugin %q: %w", name, errdefs.ErrAlreadyExists)
	}
	r[name] = f
	return nil
}

// Unregister removes name; it fails with errdefs.ErrNotFound if absent.
func (r Registry) Unregister(name string) error {
	if _, ok := r[name]; !ok {
		return fmt.Errorf("plugin %q: %w", name, errdefs.ErrNotFound)
	}
	delete(r, name)
	return nil
}

// Merge adds every factory of in; it fails on the first name taken, and
// then r holds the names merged before it.
func (r Registry) Merge(in Registry) error {
	names := make([]string, 0, len(in))
	for n := range in {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if err := r.Register(n, in[n]); err != nil {
			return err
		}
	}
	return nil
}

// Names returns the registered names, sorted.
func (r Registry) Names() []string {
	names := make([]string, 0, len(r))
	for n := range r {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// DecodeArgs decodes a plugin's args into out strictly: unknown fields
// are errors (wrapping errdefs.ErrInvalid), except "apiVersion" and
// "kind", which KubeSchedulerConfiguration files carry in each args
// object. Empty or null args leave out untouched, so a factory sets its
// defaults first and then decodes.
func DecodeArgs(args json.RawMessage, out any) error {
	trimmed := bytes.TrimSpace(args)
	if len(trimmed) == 0 || bytes.Equal(trimmed, []byte("null")) {
		return nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(trimmed, &m); err != nil {
		return fmt.Errorf("plugin args: %w: %v", errdefs.ErrInvalid, err)
	}
	if _, ok := m["apiVersion"]; ok {
		delete(m, "apiVersion")
	}
	if _, ok := m["kind"]; ok {
		delete(m, "kind")
	}
	b, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("plugin args: %w: %v", errdefs.ErrInvalid, err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(out); err != nil {
		return fmt.Errorf("plugin args: %w: %v", errdefs.ErrInvalid, err)
	}
	return nil
}

// EncodeArgs marshals typed args for a Go-built configuration.
func EncodeArgs(v any) (json.RawMessage, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("plugin args: %w: %v", errdefs.ErrInvalid, err)
	}
	return b, nil
}
