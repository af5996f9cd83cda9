package etcd_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/orcaproj/orca/store"
	"github.com/orcaproj/orca/store/etcd"
)

func TestWatchEvents(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	s := openStore(t, etcd.Config{Endpoints: startServer(t, false).Endpoints(), Prefix: "/p/"})
	tests := []struct {
		name      string
		prevValue bool
	}{
		{name: "without PrevValue"},
		{name: "with PrevValue", prevValue: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key := fmt.Sprintf("/w/%v", tt.prevValue)
			w, err := s.Watch(ctx, key, store.WatchOptions{PrevValue: tt.prevValue})
			if err != nil {
				t.Fatal(err)
			}
			c := mustCreate(t, s, key, "v1")
			u, err := s.Update(ctx, key, []byte("v2"), c)
			if err != nil {
				t.Fatal(err)
			}
			d, _, err := s.Delete(ctx, key)
			if err != nil {
				t.Fatal(err)
			}
			var wantPrev []byte
			if tt.prevValue {
				wantPrev = []byte("v1")
			}
			want := []store.Event{
				{Type: store.Added, Key: key, Value: []byte("v1"), Revision: c, CreateRevision: c},
				{Type: store.Modified, Key: key, Value: []byte("v2"), PrevValue: wantPrev, Revision: u, CreateRevision: c},
				// Deleted always carries the last value.
				{Type: store.Deleted, Key: key, PrevValue: []byte("v2"), Revision: d},
			}
			for i, we := range want {
				ev := nextChange(t, w)
				if ev.Type != we.Type || ev.Key != we.Key || string(ev.Value) != string(we.Value) ||
					(ev.PrevValue == nil) != (we.PrevValue == nil) || string(ev.PrevValue) != string(we.PrevValue) ||
					ev.Revision != we.Revision || ev.CreateRevision != we.CreateRevision || ev.Err != nil {
					t.Fatalf("event %d = %+v, want %+v", i, ev, we)
				}
			}
		})
	}
}

// TestWatchTooSlow checks that a consumer that stops reading gets
// ErrWatchTooSlow once its backlog overflows, after a gap-free prefix of the
// events, and that it can resume after its last event.
func TestWatchTooSlow(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	const backlog = 20
	s := openStore(t, etcd.Config{Endpoints: startServer(t, false).Endpoints(), WatchBacklog: backlog})
	w, err := s.Watch(ctx, "/slow/", store.WatchOptions{Prefix: true})
	if err != nil {
		t.Fatal(err)
	}
	first := int64(0)
	// The Events channel holds 100; the backlog 20 more.
	for i := range 200 {
		rev := mustCreate(t, s, fmt.Sprintf("/slow/%03d", i), "v")
		if first == 0 {
			first = rev
		}
	}
	var last int64
	for {
		ev := next(t, w)
		if ev.Type == store.Error {
			wantErr(t, "the watch's end", ev.Err, store.ErrWatchTooSlow)
			wantErr(t, "the watch's end", ev.Err, store.ErrUnavailable)
			break
		}
		if want := max(first, last+1); ev.Revision != want {
			t.Fatalf("event at %d, want %d: a gap", ev.Revision, want)
		}
		last = ev.Revision
	}
	waitClosed(t, w)
	if last == 0 || last >= first+199 {
		t.Fatalf("last event before the end at %d; want some but not all of %d..%d", last, first, first+199)
	}
	// Resume after the last event received.
	w2, err := s.Watch(ctx, "/slow/", store.WatchOptions{Prefix: true, Revision: last + 1})
	if err != nil {
		t.Fatal(err)
	}
	for rev := last + 1; rev <= first+199; rev++ {
		if ev := next(t, w2); ev.Revision != rev {
			t.Fatalf("resumed watch: event at %d, want %d", ev.Revision, rev)
		}
	}
}

func TestWatchFromCompacted(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	s := openStore(t, etcd.Config{Endpoints: startServer(t, false).Endpoints()})
	rev := mustCreate(t, s, "/c/a", "v")
	mustCreate(t, s, "/c/b", "v")
	if err := s.Compact(ctx, rev+1); err != nil {
		t.Fatal(err)
	}
	w, err := s.Watch(ctx, "/c/", store.WatchOptions{Prefix: true, Revision: rev})
	if err != nil {
		wantErr(t, "Watch from a compacted revision", err, store.ErrGone)
		return
	}
	ev := next(t, w)
	if ev.Type != store.Error {
		t.Fatalf("first event %v, want Error", ev.Type)
	}
	wantErr(t, "Watch from a compacted revision", ev.Err, store.ErrGone)
	waitClosed(t, w)
}

func TestWatchEnds(t *testing.T) {
	t.Parallel()
	srv := startServer(t, false)
	t.Run("ctx cancelled", func(t *testing.T) {
		t.Parallel()
		s := openStore(t, etcd.Config{Endpoints: srv.Endpoints()})
		ctx, cancel := context.WithCancel(t.Context())
		w, err := s.Watch(ctx, "/k", store.WatchOptions{})
		if err != nil {
			t.Fatal(err)
		}
		cancel()
		waitClosed(t, w)
	})
	t.Run("store closed", func(t *testing.T) {
		t.Parallel()
		s, err := etcd.New(etcd.Config{Endpoints: srv.Endpoints()})
		if err != nil {
			t.Fatal(err)
		}
		w, err := s.Watch(t.Context(), "/k", store.WatchOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		ev := next(t, w)
		if ev.Type != store.Error {
			t.Fatalf("event %v after Close, want Error", ev.Type)
		}
		wantErr(t, "watch after Close", ev.Err, store.ErrUnavailable)
		waitClosed(t, w)
		if _, err := s.Watch(t.Context(), "/k", store.WatchOptions{}); err == nil {
			t.Fatal("Watch after Close succeeded")
		}
	})
	t.Run("caller's client closed", func(t *testing.T) {
		t.Parallel()
		client, err := srv.NewClient()
		if err != nil {
			t.Fatal(err)
		}
		s := openStore(t, etcd.Config{Client: client})
		w, err := s.Watch(t.Context(), "/k", store.WatchOptions{})
		if err != nil {
			t.Fatal(err)
		}
		client.Close()
		ev := next(t, w)
		if ev.Type != store.Error {
			t.Fatalf("event %v after the client closed, want Error", ev.Type)
		}
		wantErr(t, "watch of a closed client", ev.Err, store.ErrUnavailable)
		waitClosed(t, w)
	})
}

func TestWatchProgress(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	s := openStore(t, etcd.Config{Endpoints: startServer(t, false).Endpoints()})

	t.Run("RequestProgress", func(t *testing.T) {
		w, err := s.Watch(ctx, "/rp/", store.WatchOptions{Prefix: true})
		if err != nil {
			t.Fatal(err)
		}
		rev := mustCreate(t, s, "/rp/a", "v")
		other := mustCreate(t, s, "/elsewhere", "v")
		if ev := next(t, w); ev.Revision != rev {
			t.Fatalf("event at %d, want %d", ev.Revision, rev)
		}
		for range 3 {
			w.RequestProgress() // concurrent calls fold into one
		}
		ev := next(t, w)
		if ev.Type != store.Progress || ev.Revision < other {
			t.Fatalf("got %v at %d, want Progress at %d or later", ev.Type, ev.Revision, other)
		}
	})
	t.Run("ProgressNotify", func(t *testing.T) {
		w, err := s.Watch(ctx, "/pn/", store.WatchOptions{Prefix: true, ProgressNotify: true})
		if err != nil {
			t.Fatal(err)
		}
		rev := mustCreate(t, s, "/elsewhere2", "v")
		// The embedded etcd notifies idle watches every 100 ms.
		deadline := time.Now().Add(waitTimeout)
		for {
			ev := next(t, w)
			if ev.Type != store.Progress {
				t.Fatalf("got %v on an idle watch", ev.Type)
			}
			if ev.Revision >= rev {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("progress stuck at %d, want %d", ev.Revision, rev)
			}
		}
	})
}
