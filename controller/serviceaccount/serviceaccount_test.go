package serviceaccount

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store/memory"
)

const testTimeout = 30 * time.Second

type env struct {
	t   *testing.T
	ctx context.Context
	c   *client.Client
}

func newEnv(t *testing.T) *env {
	t.Helper()
	st := memory.New(memory.Config{})
	t.Cleanup(func() { _ = st.Close() })
	srv, err := apiserver.New(apiserver.Config{Store: st})
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 2*testTimeout)
	t.Cleanup(cancel)
	require.NoError(t, srv.Bootstrap(ctx))
	t.Cleanup(srv.Close)
	admin := &auth.User{Name: "admin", Groups: []string{auth.GroupMasters}}
	return &env{t: t, ctx: ctx, c: client.NewInProcess(srv, admin, apiobj.NewScheme())}
}

func (e *env) start(cfg Config) {
	e.t.Helper()
	cfg.Client = e.c
	sc, err := New(cfg)
	require.NoError(e.t, err)
	ctx, cancel := context.WithCancel(e.ctx)
	done := make(chan error, 1)
	go func() { done <- sc.Run(ctx) }()
	e.t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			require.NoError(e.t, err)
		case <-time.After(testTimeout):
			e.t.Fatalf("Run did not return after cancel\n%s", stacks())
		}
	})
}

func stacks() string {
	buf := make([]byte, 1<<20)
	return string(buf[:runtime.Stack(buf, true)])
}

func (e *env) waitFor(what string, cond func() (bool, error)) {
	e.t.Helper()
	deadline := time.Now().Add(testTimeout)
	for {
		ok, err := cond()
		require.NoError(e.t, err, what)
		if ok {
			return
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("timed out waiting for %s\n%s", what, stacks())
		}
		time.Sleep(5 * time.Millisecond) // polling a condition with a deadline
	}
}

func (e *env) createNamespace(name string) {
	e.t.Helper()
	_, err := client.For[*apiobj.Namespace](e.c).Create(e.ctx, &apiobj.Namespace{ObjectMeta: apiobj.ObjectMeta{Name: name}})
	require.NoError(e.t, err)
}

func (e *env) hasAccount(ns, name string) (bool, error) {
	_, err := client.For[*apiobj.ServiceAccount](e.c).Namespace(ns).Get(e.ctx, name)
	if errdefs.IsNotFound(err) {
		return false, nil
	}
	return err == nil, err
}

func TestConfigValidate(t *testing.T) {
	t.Parallel()
	c := &client.Client{}
	tests := []struct {
		name string
		cfg  Config
		ok   bool
	}{
		{name: "no client", cfg: Config{}},
		{name: "negative workers", cfg: Config{Client: c, Workers: -1}},
		{name: "empty account name", cfg: Config{Client: c, ServiceAccounts: []string{""}}},
		{name: "defaults", cfg: Config{Client: c}, ok: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := New(tt.cfg)
			require.Equal(t, tt.ok, err == nil, "err: %v", err)
		})
	}
}

func TestDefaultAccountCreatedAndRecreated(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.start(Config{Workers: 2})

	e.waitFor("default account in the default namespace", func() (bool, error) { return e.hasAccount("default", DefaultName) })
	e.createNamespace("team-a")
	e.waitFor("default account in a new namespace", func() (bool, error) { return e.hasAccount("team-a", DefaultName) })

	sas := client.For[*apiobj.ServiceAccount](e.c).Namespace("team-a")
	require.NoError(t, sas.Delete(e.ctx, DefaultName))
	e.waitFor("default account recreated", func() (bool, error) { return e.hasAccount("team-a", DefaultName) })
}

func TestExistingAccountKept(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.createNamespace("kept")
	sas := client.For[*apiobj.ServiceAccount](e.c).Namespace("kept")
	orig, err := sas.Create(e.ctx, &apiobj.ServiceAccount{
		ObjectMeta:                   apiobj.ObjectMeta{Name: DefaultName},
		AutomountServiceAccountToken: apiobj.Bool(false),
	})
	require.NoError(t, err)
	e.start(Config{Workers: 1, ServiceAccounts: []string{DefaultName, "builder"}})
	e.waitFor("extra account", func() (bool, error) { return e.hasAccount("kept", "builder") })
	got, err := sas.Get(e.ctx, DefaultName)
	require.NoError(t, err)
	require.Equal(t, orig.ResourceVersion, got.ResourceVersion, "an existing account is not rewritten")
}

func TestTerminatingNamespaceLeftAlone(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	// No namespace controller runs, so a deleted namespace stays
	// terminating: it keeps the kubernetes finalizer.
	e.createNamespace("leaving")
	nss := client.For[*apiobj.Namespace](e.c)
	require.NoError(t, nss.Delete(e.ctx, "leaving"))
	ns, err := nss.Get(e.ctx, "leaving")
	require.NoError(t, err)
	require.NotNil(t, ns.DeletionTimestamp)

	// One worker and a FIFO queue: the namespaces of the initial list,
	// "leaving" among them, are processed before "probe", created later.
	e.start(Config{Workers: 1})
	e.createNamespace("probe")
	e.waitFor("default account in probe", func() (bool, error) { return e.hasAccount("probe", DefaultName) })
	ok, err := e.hasAccount("leaving", DefaultName)
	require.NoError(t, err)
	require.False(t, ok, "no account is created in a terminating namespace")
}
