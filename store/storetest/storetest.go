package storetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/orcaproj/orca/store"
)

// NewFunc returns a fresh, empty store for one test or benchmark. Stores
// from separate calls must be independent: a write, a Compact or a Close on
// one is invisible to the others. Revisions need not start at any
// particular value.
//
// The suite closes the store when tb ends (with tb.Cleanup, registered after
// NewFunc returns, so it runs before the cleanups NewFunc registered itself,
// such as stopping a server). NewFunc may call tb.Skip or tb.Fatal.
type NewFunc func(tb testing.TB) store.Interface

// waitTimeout bounds every wait for a watch event or a condition.
const waitTimeout = 30 * time.Second

type suiteTest struct {
	name string
	fn   func(t *testing.T, s store.Interface)
}

// Run runs the conformance suite against the stores newStore makes. Each
// sub-test gets its own store and runs in parallel with the others.
func Run(t *testing.T, newStore NewFunc) {
	var tests []suiteTest
	tests = append(tests, crudTests...)
	tests = append(tests, listTests...)
	tests = append(tests, watchTests...)
	tests = append(tests,
		suiteTest{"ListWatchIncrements", testListWatchIncrements},
		suiteTest{"Linearizable", func(t *testing.T, s store.Interface) {
			CheckLinearizable(t, s, LinearizabilityOptions{})
		}},
	)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.fn(t, Open(t, newStore))
		})
	}
	t.Run("Close", func(t *testing.T) {
		t.Parallel()
		s := newStore(t)
		t.Cleanup(func() { _ = s.Close() }) // in case the test stops early
		testClose(t, s)
	})
}

// Open calls newStore and closes the store when tb ends, failing tb if Close
// fails.
func Open(tb testing.TB, newStore NewFunc) store.Interface {
	tb.Helper()
	s := newStore(tb)
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s
}

// testContext is the context for one test's store calls.
func testContext(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

func mustCreate(t testing.TB, s store.Interface, key, value string, opts ...store.CreateOption) int64 {
	t.Helper()
	rev, err := s.Create(t.Context(), key, []byte(value), opts...)
	if err != nil {
		t.Fatalf("Create(%q): %v", key, err)
	}
	return rev
}

func mustUpdate(t testing.TB, s store.Interface, key, value string, expected int64) int64 {
	t.Helper()
	rev, err := s.Update(t.Context(), key, []byte(value), expected)
	if err != nil {
		t.Fatalf("Update(%q, rev %d): %v", key, expected, err)
	}
	return rev
}

func mustDelete(t testing.TB, s store.Interface, key string) int64 {
	t.Helper()
	rev, _, err := s.Delete(t.Context(), key)
	if err != nil {
		t.Fatalf("Delete(%q): %v", key, err)
	}
	return rev
}

func mustRevision(t testing.TB, s store.Interface) int64 {
	t.Helper()
	rev, err := s.CurrentRevision(t.Context())
	if err != nil {
		t.Fatalf("CurrentRevision: %v", err)
	}
	return rev
}

func wantErr(t testing.TB, what string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("%s: got error %v, want one wrapping %v", what, err, target)
	}
}

// sameKV compares two KeyValues, treating nil and empty values as equal.
func sameKV(a, b store.KeyValue) bool {
	return a.Key == b.Key && bytes.Equal(a.Value, b.Value) &&
		a.CreateRevision == b.CreateRevision && a.ModRevision == b.ModRevision
}

func fmtKV(kv store.KeyValue) string {
	return fmt.Sprintf("{%s=%q create %d mod %d}", kv.Key, kv.Value, kv.CreateRevision, kv.ModRevision)
}

func diffKVs(got, want []store.KeyValue) string {
	if len(got) == len(want) {
		same := true
		for i := range got {
			same = same && sameKV(got[i], want[i])
		}
		if same {
			return ""
		}
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "got %d items, want %d:\n", len(got), len(want))
	for i := range max(len(got), len(want)) {
		g, w := "-", "-"
		if i < len(got) {
			g = fmtKV(got[i])
		}
		if i < len(want) {
			w = fmtKV(want[i])
		}
		mark := " "
		if g != w {
			mark = "!"
		}
		fmt.Fprintf(&b, "%s %3d got %s want %s\n", mark, i, g, w)
	}
	return b.String()
}

// eventually polls cond until it holds or waitTimeout passes.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for delay := time.Millisecond; !cond(); delay = min(delay*2, 100*time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", waitTimeout, what)
		}
		time.Sleep(delay)
	}
}

func testClose(t *testing.T, s store.Interface) {
	ctx := testContext(t)
	mustCreate(t, s, "/close/a", "v")
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if _, err := s.Get(ctx, "/close/a"); err == nil {
		t.Errorf("Get after Close succeeded")
	}
	if _, err := s.Create(ctx, "/close/b", nil); err == nil {
		t.Errorf("Create after Close succeeded")
	}
	if _, err := s.List(ctx, "/close/", store.ListOptions{}); err == nil {
		t.Errorf("List after Close succeeded")
	}
	if w, err := s.Watch(ctx, "/close/", store.WatchOptions{Prefix: true}); err == nil {
		// A backend may hand out a watch that ends at once.
		select {
		case ev, ok := <-w.Events():
			if ok && ev.Type != store.Error {
				t.Errorf("watch after Close delivered %v", ev.Type)
			}
		case <-time.After(waitTimeout):
			t.Errorf("watch after Close did not end")
		}
	}
}
