package etcd_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store"
	"github.com/orcaproj/orca/store/etcd"
)

func TestConfigValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		cfg     etcd.Config
		wantErr bool
	}{
		{name: "endpoints", cfg: etcd.Config{Endpoints: []string{"http://127.0.0.1:2379"}}},
		{name: "neither client nor endpoints", cfg: etcd.Config{}, wantErr: true},
		{name: "negative dial timeout", cfg: etcd.Config{Endpoints: []string{"x"}, DialTimeout: -time.Second}, wantErr: true},
		{name: "negative backlog", cfg: etcd.Config{Endpoints: []string{"x"}, WatchBacklog: -1}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.cfg.Validate()
			if (err != nil) != tt.wantErr {
				t.Fatalf("Validate() = %v, wantErr %v", err, tt.wantErr)
			}
			if err != nil && !errors.Is(err, errdefs.ErrInvalid) {
				t.Fatalf("Validate() = %v, want one wrapping ErrInvalid", err)
			}
			if _, err := etcd.New(tt.cfg); tt.wantErr && err == nil {
				t.Fatal("New accepted an invalid Config")
			}
		})
	}
}

// TestPrefix checks that keys live under the configured prefix, come back
// without it, and that stores with neighbouring prefixes do not see each
// other.
func TestPrefix(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := startServer(t, false)
	client, err := srv.NewClient()
	if err != nil {
		t.Fatal(err)
	}
	a := openStore(t, etcd.Config{Client: client, Prefix: "/tenant-a/"})
	b := openStore(t, etcd.Config{Client: client, Prefix: "/tenant-a2/"})
	mustCreate(t, a, "/registry/pods/ns1/p", "a")
	mustCreate(t, a, "/registry/pods/ns10/p", "a10")
	mustCreate(t, b, "/registry/pods/ns1/p", "b")

	raw, err := client.Get(ctx, "/tenant-a//registry/pods/ns1/p")
	if err != nil || len(raw.Kvs) != 1 || string(raw.Kvs[0].Value) != "a" {
		t.Fatalf("raw etcd key: %v %v", raw, err)
	}
	kv, err := a.Get(ctx, "/registry/pods/ns1/p")
	if err != nil || kv.Key != "/registry/pods/ns1/p" || string(kv.Value) != "a" {
		t.Fatalf("Get = %+v, %v", kv, err)
	}
	res, err := a.List(ctx, "/registry/pods/ns1/", store.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := keys(res.Items); got != "/registry/pods/ns1/p" {
		t.Fatalf("List ns1/ = %s; the prefix must be exact", got)
	}
	res, err = a.List(ctx, "", store.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := keys(res.Items); got != "/registry/pods/ns1/p,/registry/pods/ns10/p" {
		t.Fatalf("List of everything in a = %s", got)
	}
	for _, tc := range []struct {
		s    store.Interface
		want int64
	}{{a, 2}, {b, 1}} {
		if n, err := tc.s.Count(ctx, ""); err != nil || n != tc.want {
			t.Fatalf("Count = %d, %v; want %d", n, err, tc.want)
		}
	}

	w, err := a.Watch(ctx, "/registry/", store.WatchOptions{Prefix: true})
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, b, "/registry/x", "b")
	rev := mustCreate(t, a, "/registry/x", "a")
	if ev := nextChange(t, w); ev.Key != "/registry/x" || ev.Revision != rev || string(ev.Value) != "a" {
		t.Fatalf("watch event %+v; want a's own key without prefix at %d", ev, rev)
	}
}

// TestCallerOwnedClient checks that Close leaves a caller's client open and
// closes a client the store made.
func TestCallerOwnedClient(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	srv := startServer(t, false)
	client, err := srv.NewClient()
	if err != nil {
		t.Fatal(err)
	}
	s, err := etcd.New(etcd.Config{Client: client})
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, s, "/k", "v")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if _, err := client.Get(ctx, "/k"); err != nil {
		t.Fatalf("caller's client unusable after store Close: %v", err)
	}
	_, err = s.Get(ctx, "/k")
	wantErr(t, "Get after Close", err, store.ErrUnavailable)
}

func TestCRUDEdges(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	s := openStore(t, etcd.Config{Endpoints: startServer(t, false).Endpoints(), Prefix: "/p/"})
	rev := mustCreate(t, s, "/a", "")

	kv, err := s.Get(ctx, "/a")
	if err != nil || kv.Value == nil || len(kv.Value) != 0 || kv.CreateRevision != rev || kv.ModRevision != rev {
		t.Fatalf("Get empty value = %+v, %v; want a non-nil empty value at %d", kv, err, rev)
	}
	tests := []struct {
		name string
		op   func() error
		want error
	}{
		{"create existing", func() error { _, err := s.Create(ctx, "/a", nil); return err }, store.ErrAlreadyExists},
		{"create empty key", func() error { _, err := s.Create(ctx, "", nil); return err }, errdefs.ErrBadRequest},
		{"get missing", func() error { _, err := s.Get(ctx, "/missing"); return err }, store.ErrNotFound},
		{"update missing", func() error { _, err := s.Update(ctx, "/missing", nil, 5); return err }, store.ErrNotFound},
		{"update stale", func() error { _, err := s.Update(ctx, "/a", nil, rev+100); return err }, store.ErrConflict},
		{"update zero revision", func() error { _, err := s.Update(ctx, "/a", nil, 0); return err }, store.ErrConflict},
		{"update zero revision missing", func() error { _, err := s.Update(ctx, "/missing", nil, 0); return err }, store.ErrNotFound},
		{"delete missing", func() error { _, _, err := s.Delete(ctx, "/missing"); return err }, store.ErrNotFound},
		{"delete stale", func() error {
			_, _, err := s.Delete(ctx, "/a", store.WithExpectedRevision(rev+100))
			return err
		}, store.ErrConflict},
		{"delete missing with revision", func() error {
			_, _, err := s.Delete(ctx, "/missing", store.WithExpectedRevision(rev))
			return err
		}, store.ErrNotFound},
		{"list future revision", func() error {
			_, err := s.List(ctx, "/", store.ListOptions{Revision: rev + 1000})
			return err
		}, errdefs.ErrBadRequest},
		{"list negative limit", func() error { _, err := s.List(ctx, "/", store.ListOptions{Limit: -1}); return err }, errdefs.ErrBadRequest},
		{"list bad token", func() error { _, err := s.List(ctx, "/", store.ListOptions{Continue: "!!"}); return err }, errdefs.ErrBadRequest},
		{"watch empty key", func() error { _, err := s.Watch(ctx, "", store.WatchOptions{}); return err }, errdefs.ErrBadRequest},
		{"compact future", func() error { return s.Compact(ctx, rev+1000) }, errdefs.ErrBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantErr(t, tt.name, tt.op(), tt.want)
		})
	}

	rev2, err := s.Update(ctx, "/a", []byte("v2"), rev)
	if err != nil {
		t.Fatal(err)
	}
	delRev, last, err := s.Delete(ctx, "/a", store.WithExpectedRevision(rev2))
	if err != nil {
		t.Fatal(err)
	}
	if delRev <= rev2 || last.Key != "/a" || string(last.Value) != "v2" || last.ModRevision != rev2 || last.CreateRevision != rev {
		t.Fatalf("Delete = %d, %+v; want the last value at %d", delRev, last, rev2)
	}
	if cur, err := s.CurrentRevision(ctx); err != nil || cur != delRev {
		t.Fatalf("CurrentRevision = %d, %v; want %d", cur, err, delRev)
	}
}

// TestErrorsOfExpiredContext checks the mapping of deadlines and
// cancellation on real calls.
func TestErrorsOfExpiredContext(t *testing.T) {
	t.Parallel()
	s := openStore(t, etcd.Config{Endpoints: startServer(t, false).Endpoints()})
	expired, cancel := context.WithDeadline(t.Context(), time.Now().Add(-time.Second))
	defer cancel()
	_, err := s.Get(expired, "/k")
	wantErr(t, "Get with an expired deadline", err, store.ErrTimeout)
	wantErr(t, "Get with an expired deadline", err, context.DeadlineExceeded)

	cancelled, cancel2 := context.WithCancel(t.Context())
	cancel2()
	_, err = s.Create(cancelled, "/k", nil)
	wantErr(t, "Create with a cancelled ctx", err, context.Canceled)
}

// TestUnreachable checks the errors of a store whose etcd is gone.
func TestUnreachable(t *testing.T) {
	t.Parallel()
	srv := startServer(t, true)
	s := openStore(t, etcd.Config{Endpoints: srv.Endpoints()})
	mustCreate(t, s, "/k", "v")
	srv.Stop()
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	_, err := s.Get(ctx, "/k")
	if !errors.Is(err, store.ErrTimeout) && !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("Get from a stopped etcd = %v; want ErrTimeout or ErrUnavailable", err)
	}
}

func TestListPages(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	s := openStore(t, etcd.Config{Endpoints: startServer(t, false).Endpoints(), Prefix: "/p/"})
	for i := range 25 {
		mustCreate(t, s, fmt.Sprintf("/items/%02d", i), "v")
	}
	mustCreate(t, s, "/itemsX", "outside the prefix")

	var got []store.KeyValue
	opts := store.ListOptions{Limit: 10}
	var firstRev int64
	for page := 0; ; page++ {
		res, err := s.List(ctx, "/items/", opts)
		if err != nil {
			t.Fatalf("page %d: %v", page, err)
		}
		if page == 0 {
			firstRev = res.Revision
			// A write after the first page is invisible to the rest.
			mustCreate(t, s, "/items/99", "late")
		}
		if res.Revision != firstRev {
			t.Fatalf("page %d read at %d, want %d", page, res.Revision, firstRev)
		}
		got = append(got, res.Items...)
		if want := int64(25 - len(got)); res.Remaining != want {
			t.Fatalf("page %d: Remaining = %d, want %d", page, res.Remaining, want)
		}
		if res.Continue == "" {
			break
		}
		if _, err := s.List(ctx, "/other/", store.ListOptions{Continue: res.Continue}); !errors.Is(err, errdefs.ErrBadRequest) {
			t.Fatalf("token used for another prefix: %v", err)
		}
		opts.Continue = res.Continue
	}
	if len(got) != 25 || got[0].Key != "/items/00" || got[24].Key != "/items/24" {
		t.Fatalf("pages hold %s", keys(got))
	}

	// A token whose revision is compacted away gives ErrGone.
	res, err := s.List(ctx, "/items/", store.ListOptions{Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	cur, err := s.CurrentRevision(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, s, "/bump", "")
	if err := s.Compact(ctx, cur+1); err != nil {
		t.Fatal(err)
	}
	if err := s.Compact(ctx, cur); err != nil {
		t.Fatalf("compacting an already compacted revision: %v", err)
	}
	_, err = s.List(ctx, "/items/", store.ListOptions{Continue: res.Continue})
	wantErr(t, "List with a compacted token", err, store.ErrGone)
	_, err = s.List(ctx, "/items/", store.ListOptions{Revision: cur})
	wantErr(t, "List at a compacted revision", err, store.ErrGone)
}

func TestTTL(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	s := openStore(t, etcd.Config{Endpoints: startServer(t, false).Endpoints()})
	w, err := s.Watch(ctx, "/ttl/", store.WatchOptions{Prefix: true})
	if err != nil {
		t.Fatal(err)
	}
	rev := mustCreate(t, s, "/ttl/k", "v", store.WithTTL(100*time.Millisecond))
	// Update keeps the key's lease.
	if _, err := s.Update(ctx, "/ttl/k", []byte("v2"), rev); err != nil {
		t.Fatal(err)
	}
	mustCreate(t, s, "/ttl/forever", "v")
	for _, want := range []store.EventType{store.Added, store.Modified, store.Added, store.Deleted} {
		ev := nextChange(t, w)
		if ev.Type != want {
			t.Fatalf("event %v %s, want %v", ev.Type, ev.Key, want)
		}
		if want == store.Deleted && (ev.Key != "/ttl/k" || string(ev.PrevValue) != "v2") {
			t.Fatalf("expiry event %+v", ev)
		}
	}
	if _, err := s.Get(ctx, "/ttl/forever"); err != nil {
		t.Fatalf("key without TTL: %v", err)
	}
	// A failed Create with a TTL leaves the existing key alone.
	_, err = s.Create(ctx, "/ttl/forever", []byte("x"), store.WithTTL(time.Second))
	wantErr(t, "Create over an existing key", err, store.ErrAlreadyExists)
	if kv, err := s.Get(ctx, "/ttl/forever"); err != nil || !bytes.Equal(kv.Value, []byte("v")) {
		t.Fatalf("existing key = %+v, %v", kv, err)
	}
}
