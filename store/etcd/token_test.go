package etcd

import (
	"errors"
	"testing"

	"github.com/orcaproj/orca/errdefs"
)

// FuzzContinueToken checks that any key survives a continue token, and that
// decoding arbitrary input never panics and fails only with ErrBadRequest.
func FuzzContinueToken(f *testing.F) {
	f.Add(int64(1), "/registry/pods/ns1/a", "/registry/pods/")
	f.Add(int64(42), "/odd/bin\xff\x00\xfe", "/odd/")
	f.Add(int64(7), "", "")
	f.Fuzz(func(t *testing.T, rev int64, last, prefix string) {
		tok := encodeContinue(rev, last)
		got, err := decodeContinue(tok, prefix)
		switch {
		case err != nil && !errors.Is(err, errdefs.ErrBadRequest):
			t.Fatalf("decode error %v does not wrap ErrBadRequest", err)
		case err == nil && (got.Rev != rev || string(got.Last) != last):
			t.Fatalf("round trip of (%d, %q) gave (%d, %q)", rev, last, got.Rev, got.Last)
		case err != nil && rev > 0 && len(last) >= len(prefix) && last[:len(prefix)] == prefix:
			t.Fatalf("valid token (%d, %q) for prefix %q rejected: %v", rev, last, prefix, err)
		}
		// The fuzzed strings as tokens themselves.
		for _, s := range []string{last, prefix} {
			if _, err := decodeContinue(s, prefix); err != nil && !errors.Is(err, errdefs.ErrBadRequest) {
				t.Fatalf("decode(%q) error %v does not wrap ErrBadRequest", s, err)
			}
		}
	})
}
