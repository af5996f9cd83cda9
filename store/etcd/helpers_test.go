package etcd_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/orcaproj/orca/store"
	"github.com/orcaproj/orca/store/etcd"
	"github.com/orcaproj/orca/store/etcd/embedetcd"
)

// waitTimeout bounds every wait in these tests.
const waitTimeout = 30 * time.Second

func testContext(tb testing.TB) context.Context {
	tb.Helper()
	ctx, cancel := context.WithTimeout(tb.Context(), time.Minute)
	tb.Cleanup(cancel)
	return ctx
}

// startServer starts a single-member embedded etcd that lives as long as tb.
func startServer(tb testing.TB, relay bool) *embedetcd.Server {
	tb.Helper()
	srv, err := embedetcd.Start(testContext(tb), embedetcd.Config{
		Dir:           tb.TempDir(),
		UnsafeNoFsync: true, // tests do not survive machine crashes
		Relay:         relay,
	})
	if err != nil {
		tb.Fatalf("embedetcd.Start: %v", err)
	}
	tb.Cleanup(srv.Close)
	return srv
}

// openStore returns a store over endpoints that is closed when tb ends.
func openStore(tb testing.TB, cfg etcd.Config) store.Interface {
	tb.Helper()
	s, err := etcd.New(cfg)
	if err != nil {
		tb.Fatalf("etcd.New: %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s
}

// newStore is a storetest.NewFunc: a store over its own embedded etcd, so
// that a Compact in one test is invisible to the others.
func newStore(tb testing.TB) store.Interface {
	tb.Helper()
	srv := startServer(tb, false)
	s, err := etcd.New(etcd.Config{Endpoints: srv.Endpoints(), Prefix: "/orca-test/"})
	if err != nil {
		tb.Fatalf("etcd.New: %v", err)
	}
	return s
}

func mustCreate(tb testing.TB, s store.Interface, key, value string, opts ...store.CreateOption) int64 {
	tb.Helper()
	rev, err := s.Create(tb.Context(), key, []byte(value), opts...)
	if err != nil {
		tb.Fatalf("Create(%q): %v", key, err)
	}
	return rev
}

func wantErr(tb testing.TB, what string, err, target error) {
	tb.Helper()
	if !errors.Is(err, target) {
		tb.Fatalf("%s: got error %v, want one wrapping %v", what, err, target)
	}
}

// next returns the watch's next event, failing tb if none comes in time or
// the channel closes.
func next(tb testing.TB, w store.Watcher) store.Event {
	tb.Helper()
	select {
	case ev, ok := <-w.Events():
		if !ok {
			tb.Fatal("watch channel closed")
		}
		return ev
	case <-time.After(waitTimeout):
		tb.Fatal("no watch event in time")
	}
	return store.Event{}
}

// nextChange skips Progress events.
func nextChange(tb testing.TB, w store.Watcher) store.Event {
	tb.Helper()
	for {
		if ev := next(tb, w); ev.Type != store.Progress {
			return ev
		}
	}
}

// waitClosed waits until the watch channel closes, failing on any event
// other than Progress.
func waitClosed(tb testing.TB, w store.Watcher) {
	tb.Helper()
	deadline := time.After(waitTimeout)
	for {
		select {
		case ev, ok := <-w.Events():
			if !ok {
				return
			}
			if ev.Type != store.Progress {
				tb.Fatalf("unexpected event %v before close", ev.Type)
			}
		case <-deadline:
			tb.Fatal("watch did not end")
		}
	}
}

// eventually polls cond until it holds or waitTimeout passes.
func eventually(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(waitTimeout)
	for delay := time.Millisecond; !cond(); delay = min(2*delay, 50*time.Millisecond) {
		if time.Now().After(deadline) {
			tb.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(delay)
	}
}

func keys(kvs []store.KeyValue) string {
	var ks []string
	for _, kv := range kvs {
		ks = append(ks, kv.Key)
	}
	return strings.Join(ks, ",")
}
