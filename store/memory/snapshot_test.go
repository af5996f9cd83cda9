package memory_test

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store"
	"github.com/orcaproj/orca/store/memory"
)

func snapshot(t *testing.T, s store.Interface) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := s.(memory.Snapshotter).Snapshot(&buf); err != nil {
		t.Fatalf("Snapshot: %v", err)
	}
	return buf.Bytes()
}

func restore(t *testing.T, b []byte) store.Interface {
	t.Helper()
	s, err := memory.Restore(bytes.NewReader(b), memory.Config{})
	if err != nil {
		t.Fatalf("Restore: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestSnapshotRestore(t *testing.T) {
	t.Parallel()
	s := open(t, memory.Config{})
	ctx := t.Context()
	for i := range 200 {
		create(t, s, fmt.Sprintf("/snap/%03d", i), fmt.Sprintf("v%d", i))
	}
	rev := create(t, s, "/snap/updated", "1")
	if _, err := s.Update(ctx, "/snap/updated", []byte("2"), rev); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Delete(ctx, "/snap/007"); err != nil {
		t.Fatal(err)
	}
	create(t, s, "/snap/empty", "")
	create(t, s, "/snap/bin\xff", "\x00\x01")
	create(t, s, "/snap/lease", "l", store.WithTTL(time.Hour))
	want, err := s.List(ctx, "", store.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}

	r := restore(t, snapshot(t, s))
	got, err := r.List(ctx, "", store.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Revision != want.Revision || len(got.Items) != len(want.Items) {
		t.Fatalf("restored %d items at %d, want %d at %d", len(got.Items), got.Revision, len(want.Items), want.Revision)
	}
	for i := range want.Items {
		g, w := got.Items[i], want.Items[i]
		if g.Key != w.Key || !bytes.Equal(g.Value, w.Value) || g.CreateRevision != w.CreateRevision || g.ModRevision != w.ModRevision {
			t.Fatalf("item %d: got %+v, want %+v", i, g, w)
		}
	}
	// History starts at the snapshot.
	if _, err := r.List(ctx, "", store.ListOptions{Revision: want.Revision - 1}); !errors.Is(err, store.ErrGone) {
		t.Fatalf("List before the snapshot: %v, want ErrGone", err)
	}
	if _, err := r.Watch(ctx, "/snap/", store.WatchOptions{Prefix: true, Revision: want.Revision}); !errors.Is(err, store.ErrGone) {
		t.Fatalf("Watch from the snapshot's revision: %v, want ErrGone", err)
	}
	w, err := r.Watch(ctx, "/snap/", store.WatchOptions{Prefix: true, Revision: want.Revision + 1})
	if err != nil {
		t.Fatal(err)
	}
	next1 := create(t, r, "/snap/after", "a")
	if next1 != want.Revision+1 {
		t.Fatalf("first write after Restore at %d, want %d", next1, want.Revision+1)
	}
	if ev, _ := next(t, w); ev.Revision != next1 {
		t.Fatalf("watch after Restore: %+v", ev)
	}
	// Writes to the original do not reach the copy.
	create(t, s, "/snap/only-original", "o")
	if _, err := r.Get(ctx, "/snap/only-original"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("restored store sees the original's write: %v", err)
	}
}

func TestRestoredLeaseExpires(t *testing.T) {
	t.Parallel()
	s := open(t, memory.Config{})
	// The first incarnation's lease is still in the store's lease heap
	// when the snapshot is taken; only the second one's may be saved.
	create(t, s, "/rl/k", "old", store.WithTTL(time.Hour))
	if _, _, err := s.Delete(t.Context(), "/rl/k"); err != nil {
		t.Fatal(err)
	}
	create(t, s, "/rl/k", "v", store.WithTTL(100*time.Millisecond))
	r := restore(t, snapshot(t, s))
	w, err := r.Watch(t.Context(), "/rl/", store.WatchOptions{Prefix: true})
	if err != nil {
		t.Fatal(err)
	}
	ev, _ := next(t, w)
	if ev.Type != store.Deleted || ev.Key != "/rl/k" {
		t.Fatalf("restored lease: %+v, want the key's expiry", ev)
	}
}

func TestRestoreRejectsDamage(t *testing.T) {
	t.Parallel()
	s := open(t, memory.Config{})
	create(t, s, "/d/a", "one", store.WithTTL(time.Hour))
	create(t, s, "/d/b", "two")
	good := snapshot(t, s)
	var cases []struct {
		name string
		data []byte
	}
	for n := range len(good) {
		cases = append(cases, struct {
			name string
			data []byte
		}{fmt.Sprintf("truncated to %d", n), good[:n]})
	}
	for i := range good {
		b := bytes.Clone(good)
		b[i] ^= 0x40
		cases = append(cases, struct {
			name string
			data []byte
		}{fmt.Sprintf("byte %d flipped", i), b})
	}
	cases = append(cases, struct {
		name string
		data []byte
	}{"trailing data", append(bytes.Clone(good), 0)})
	for _, tc := range cases {
		r, err := memory.Restore(bytes.NewReader(tc.data), memory.Config{})
		if err == nil {
			r.Close()
			t.Errorf("%s: Restore succeeded", tc.name)
		} else if !errors.Is(err, errdefs.ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", tc.name, err)
		}
	}
}

func TestSnapshotAfterClose(t *testing.T) {
	t.Parallel()
	s := memory.New(memory.Config{})
	s.Close()
	if err := s.(memory.Snapshotter).Snapshot(&bytes.Buffer{}); !errors.Is(err, errdefs.ErrUnavailable) {
		t.Fatalf("Snapshot after Close: %v", err)
	}
}

func FuzzRestore(f *testing.F) {
	s := memory.New(memory.Config{})
	ctx := f.Context()
	s.Create(ctx, "/f/a", []byte("one"), store.WithTTL(time.Hour))
	s.Create(ctx, "/f/b", nil)
	var buf bytes.Buffer
	s.(memory.Snapshotter).Snapshot(&buf)
	s.Close()
	f.Add(buf.Bytes())
	f.Add([]byte("ORCAMEM1"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := memory.Restore(bytes.NewReader(data), memory.Config{})
		if err != nil {
			if !errors.Is(err, errdefs.ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		defer r.Close()
		// An accepted snapshot gives a working store, whose own snapshot
		// restores to the same keys.
		want, err := r.List(t.Context(), "", store.ListOptions{})
		if err != nil {
			t.Fatalf("List of a restored store: %v", err)
		}
		var again bytes.Buffer
		if err := r.(memory.Snapshotter).Snapshot(&again); err != nil {
			t.Fatal(err)
		}
		r2, err := memory.Restore(&again, memory.Config{})
		if err != nil {
			t.Fatalf("restoring a fresh snapshot: %v", err)
		}
		defer r2.Close()
		got, err := r2.List(t.Context(), "", store.ListOptions{})
		if err != nil || got.Revision != want.Revision || len(got.Items) != len(want.Items) {
			t.Fatalf("second restore: %d items at %d, %v; want %d at %d", len(got.Items), got.Revision, err, len(want.Items), want.Revision)
		}
	})
}
