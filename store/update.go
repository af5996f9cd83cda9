package store

import (
	"bytes"
	"context"
	"errors"
)

// UpdateFunc computes a key's new value from its current one. current.Value is
// nil and current.ModRevision zero when the key does not exist (only with
// GuaranteedUpdateOptions.CreateIfMissing). Returning an error aborts the
// update with that error. It may run several times and must not have side
// effects that matter when it is retried.
type UpdateFunc func(current KeyValue) ([]byte, error)

// GuaranteedUpdateOptions tweak GuaranteedUpdate.
type GuaranteedUpdateOptions struct {
	// CreateIfMissing calls fn with an empty KeyValue when the key is missing
	// and creates it, instead of returning ErrNotFound.
	CreateIfMissing bool
}

// GuaranteedUpdate reads key, applies fn, and writes the result with a
// compare-and-swap, retrying from a fresh read on ErrConflict until it
// succeeds, fn fails, or ctx is done. When fn returns the current bytes
// unchanged, nothing is written and the current KeyValue is returned.
func GuaranteedUpdate(ctx context.Context, s Interface, key string, opts GuaranteedUpdateOptions, fn UpdateFunc) (KeyValue, error) {
	for {
		if err := ctx.Err(); err != nil {
			return KeyValue{}, err
		}
		cur, err := s.Get(ctx, key)
		missing := errors.Is(err, ErrNotFound)
		if err != nil && !(missing && opts.CreateIfMissing) {
			return KeyValue{}, err
		}
		next, err := fn(cur)
		if err != nil {
			return KeyValue{}, err
		}
		if !missing && bytes.Equal(next, cur.Value) {
			return cur, nil
		}
		var rev int64
		if missing {
			rev, err = s.Create(ctx, key, next)
			if errors.Is(err, ErrAlreadyExists) {
				continue
			}
		} else {
			rev, err = s.Update(ctx, key, next, cur.ModRevision)
			if errors.Is(err, ErrConflict) || errors.Is(err, ErrNotFound) {
				if errors.Is(err, ErrNotFound) && !opts.CreateIfMissing {
					return KeyValue{}, err
				}
				continue
			}
		}
		if err != nil {
			return KeyValue{}, err
		}
		out := KeyValue{Key: key, Value: next, ModRevision: rev, CreateRevision: cur.CreateRevision}
		if missing {
			out.CreateRevision = rev
		}
		return out, nil
	}
}
