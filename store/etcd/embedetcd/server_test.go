package embedetcd_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/orcaproj/orca/store/etcd/embedetcd"
)

func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func start(t *testing.T, cfg embedetcd.Config) *embedetcd.Server {
	t.Helper()
	s, err := embedetcd.Start(testContext(t), cfg)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

func put(t *testing.T, ctx context.Context, c *clientv3.Client, key, val string) {
	t.Helper()
	if _, err := c.Put(ctx, key, val); err != nil {
		t.Fatalf("Put %s: %v", key, err)
	}
}

func get(t *testing.T, ctx context.Context, c *clientv3.Client, key string) string {
	t.Helper()
	resp, err := c.Get(ctx, key)
	if err != nil {
		t.Fatalf("Get %s: %v", key, err)
	}
	if len(resp.Kvs) != 1 {
		t.Fatalf("Get %s: %d keys, want 1", key, len(resp.Kvs))
	}
	return string(resp.Kvs[0].Value)
}

func TestConfigValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		cfg     embedetcd.Config
		wantErr bool
	}{
		{name: "defaults", cfg: embedetcd.Config{Dir: "d"}},
		{name: "no dir", cfg: embedetcd.Config{}, wantErr: true},
		{name: "election too short", cfg: embedetcd.Config{Dir: "d", TickMs: 100}, wantErr: true},
		{name: "explicit timings", cfg: embedetcd.Config{Dir: "d", TickMs: 100, ElectionMs: 1000}},
		{name: "negative interval", cfg: embedetcd.Config{Dir: "d", ProgressNotifyInterval: -time.Second}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.cfg.Validate()
			if (err != nil) != tt.wantErr {
				t.Fatalf("Validate() = %v, wantErr %v", err, tt.wantErr)
			}
		})
	}
}

// TestRestartKeepsData stops and restarts a member on the same data
// directory and endpoint, with and without a relay.
func TestRestartKeepsData(t *testing.T) {
	t.Parallel()
	for _, relay := range []bool{false, true} {
		name := "direct"
		if relay {
			name = "relay"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := testContext(t)
			s := start(t, embedetcd.Config{Dir: t.TempDir(), Relay: relay, UnsafeNoFsync: true})
			c, err := s.NewClient()
			if err != nil {
				t.Fatal(err)
			}
			put(t, ctx, c, "k", "v1")
			endpoints := s.Endpoints()

			s.Stop()
			if s.Running() {
				t.Fatal("Running after Stop")
			}
			s.Stop() // a second Stop is harmless
			if err := s.Restart(ctx); err != nil {
				t.Fatalf("Restart: %v", err)
			}
			if err := s.Restart(ctx); err == nil {
				t.Fatal("Restart of a running member succeeded")
			}
			if got := s.Endpoints(); got[0] != endpoints[0] {
				t.Fatalf("endpoint moved from %s to %s", endpoints[0], got[0])
			}
			// The old client reconnects to the same endpoint.
			if got := get(t, ctx, c, "k"); got != "v1" {
				t.Fatalf("after restart k = %q, want v1", got)
			}
		})
	}
}

// TestStartAgainOnSameDir closes a server and starts a new one on its
// directory, as a program restarting would.
func TestStartAgainOnSameDir(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	dir := t.TempDir()
	s := start(t, embedetcd.Config{Dir: dir})
	c, err := s.NewClient()
	if err != nil {
		t.Fatal(err)
	}
	put(t, ctx, c, "k", "kept")
	s.Close()
	s.Close() // idempotent
	if _, err := s.NewClient(); err == nil {
		t.Fatal("NewClient after Close succeeded")
	}
	if err := s.Restart(ctx); err == nil {
		t.Fatal("Restart after Close succeeded")
	}

	s2 := start(t, embedetcd.Config{Dir: dir})
	c2, err := s2.NewClient()
	if err != nil {
		t.Fatal(err)
	}
	if got := get(t, ctx, c2, "k"); got != "kept" {
		t.Fatalf("k = %q, want kept", got)
	}
}

// TestStopWithOpenWatch checks that a relay lets Stop return promptly while
// a client holds a watch stream open.
func TestStopWithOpenWatch(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	s := start(t, embedetcd.Config{Dir: t.TempDir(), Relay: true, UnsafeNoFsync: true})
	c, err := s.NewClient()
	if err != nil {
		t.Fatal(err)
	}
	wch := c.Watch(ctx, "k")
	put(t, ctx, c, "k", "v")
	if resp := <-wch; len(resp.Events) != 1 {
		t.Fatalf("watch: %+v", resp)
	}
	begin := time.Now()
	s.Stop()
	// Without the relay, Stop waits about 5 s for the stream to drain.
	if d := time.Since(begin); d > 3*time.Second {
		t.Fatalf("Stop took %v with an open watch", d)
	}
}

func TestProgressNotify(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	s := start(t, embedetcd.Config{Dir: t.TempDir(), ProgressNotifyInterval: 50 * time.Millisecond})
	c, err := s.NewClient()
	if err != nil {
		t.Fatal(err)
	}
	wch := c.Watch(ctx, "idle", clientv3.WithProgressNotify())
	select {
	case resp := <-wch:
		if !resp.IsProgressNotify() {
			t.Fatalf("got %+v, want a progress notification", resp)
		}
	case <-ctx.Done():
		t.Fatal("no progress notification")
	}
}

func TestClusterFailover(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	dir := t.TempDir()
	cl, err := embedetcd.StartCluster(ctx, 3, embedetcd.Config{Dir: dir, UnsafeNoFsync: true})
	if err != nil {
		t.Fatalf("StartCluster: %v", err)
	}
	t.Cleanup(cl.Close)
	if _, err := embedetcd.StartCluster(ctx, 3, embedetcd.Config{Dir: dir}); err == nil {
		t.Fatal("StartCluster on a directory in use succeeded")
	}
	if got := len(cl.Endpoints()); got != 3 {
		t.Fatalf("%d endpoints, want 3", got)
	}
	c, err := cl.NewClient()
	if err != nil {
		t.Fatal(err)
	}
	put(t, ctx, c, "a", "1")

	leader := waitLeader(t, ctx, cl)
	m := cl.Member(leader)
	m.Stop()
	// The client fails over to the other members. A write in flight when the
	// leader went away waits for etcd's request timeout, so each try gets a
	// short deadline of its own.
	retry(t, ctx, func(ctx context.Context) error { _, err := c.Put(ctx, "b", "2"); return err })
	if got := get(t, ctx, c, "a"); got != "1" {
		t.Fatalf("a = %q, want 1", got)
	}

	if err := m.Restart(ctx); err != nil {
		t.Fatalf("Restart: %v", err)
	}
	mc, err := m.NewClient()
	if err != nil {
		t.Fatal(err)
	}
	if got := get(t, ctx, mc, "b"); got != "2" {
		t.Fatalf("b on restarted member = %q, want 2", got)
	}
	if filepath.Dir(m.Dir()) != dir {
		t.Fatalf("member dir %s is not under %s", m.Dir(), dir)
	}
}

func waitLeader(t *testing.T, ctx context.Context, cl *embedetcd.Cluster) int {
	t.Helper()
	for {
		if i := cl.Leader(); i >= 0 {
			return i
		}
		select {
		case <-ctx.Done():
			t.Fatal("no leader")
		case <-time.After(10 * time.Millisecond):
		}
	}
}

func retry(t *testing.T, ctx context.Context, f func(context.Context) error) {
	t.Helper()
	for {
		tryCtx, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
		err := f(tryCtx)
		cancel()
		if err == nil {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("still failing at deadline: %v", err)
		case <-time.After(20 * time.Millisecond):
		}
	}
}
