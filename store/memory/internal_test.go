package memory

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store"
)

func TestContinueTokenRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		rev    int64
		last   string
		prefix string
	}{
		{name: "plain", rev: 7, last: "/registry/pods/ns/a", prefix: "/registry/pods/"},
		{name: "binary key", rev: 1 << 40, last: "/p/\x00\xff\"\\", prefix: "/p/"},
		{name: "empty prefix", rev: 1, last: "k", prefix: ""},
	}
	for _, tc := range tests {
		tok, err := decodeContinue(encodeContinue(tc.rev, tc.last), tc.prefix)
		if err != nil || tok.Rev != tc.rev || tok.Last != tc.last {
			t.Errorf("%s: round trip = %+v, %v", tc.name, tok, err)
		}
	}
}

func FuzzDecodeContinue(f *testing.F) {
	f.Add(encodeContinue(5, "/a/b"), "/a/")
	f.Add(encodeContinue(1, "/a/b"), "/b/")
	f.Add("", "/")
	f.Add("e30", "/")                                      // {}
	f.Add("eyJ2IjoxLCJyZXYiOi0xLCJsYXN0IjoiTHc9PSJ9", "/") // negative revision
	f.Add("!!", "/")
	f.Fuzz(func(t *testing.T, token, prefix string) {
		tok, err := decodeContinue(token, prefix)
		if err != nil {
			if !errors.Is(err, errdefs.ErrBadRequest) {
				t.Fatalf("error %v does not wrap ErrBadRequest", err)
			}
			return
		}
		if tok.Rev <= 0 || !strings.HasPrefix(tok.Last, prefix) {
			t.Fatalf("accepted %+v for prefix %q", tok, prefix)
		}
		again, err := decodeContinue(encodeContinue(tok.Rev, tok.Last), prefix)
		if err != nil || again != tok {
			t.Fatalf("re-encoding %+v gave %+v, %v", tok, again, err)
		}
	})
}

// TestVersionsTrimmed checks that compaction releases old versions of a hot
// key and removes deleted keys from the index.
func TestVersionsTrimmed(t *testing.T) {
	t.Parallel()
	const history = 10
	s := New(Config{HistoryRevisions: history}).(*memStore)
	defer s.Close()
	ctx := t.Context()
	rev, err := s.Create(ctx, "/hot", []byte("0"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 1000 {
		if rev, err = s.Update(ctx, "/hot", fmt.Appendf(nil, "%d", i), rev); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 50 {
		key := fmt.Sprintf("/gone/%d", i)
		if _, err := s.Create(ctx, key, nil); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.Delete(ctx, key); err != nil {
			t.Fatal(err)
		}
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if got := len(s.log); got != history {
		t.Errorf("history holds %d entries, want %d", got, history)
	}
	hot := s.index.Get("/hot")
	if hot == nil || len(hot.versions) != 1 || cap(hot.versions) > 64 {
		t.Errorf("hot key keeps %d versions (capacity %d), want 1", len(hot.versions), cap(hot.versions))
	}
	// Only the deletions still in the history keep their keys' tombstones.
	if n := s.index.Len(); n > 1+history {
		t.Errorf("index holds %d keys, want at most %d", n, 1+history)
	}
	for _, e := range s.log {
		if e.typ == store.Deleted && s.index.Get(e.ke.key) != e.ke {
			t.Errorf("deleted key %q left the index while its deletion is in the history", e.ke.key)
		}
	}
}
