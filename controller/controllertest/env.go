package controllertest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/store"
	"github.com/orcaproj/orca/store/memory"
)

// Env is a running API server and an admin client of it.
type Env struct {
	Store  store.Interface
	Server *apiserver.Server
	// Client is an in-process client with the admin's rights and its own
	// scheme (apiobj.NewScheme), which tests may extend with custom kinds.
	Client *client.Client
}

// New starts an API server; Close stops it.
func New(ctx context.Context) (*Env, error) {
	st := memory.New(memory.Config{})
	srv, err := apiserver.New(apiserver.Config{Store: st})
	if err != nil {
		return nil, err
	}
	if err := srv.Bootstrap(ctx); err != nil {
		srv.Close()
		_ = st.Close()
		return nil, err
	}
	admin := &auth.User{Name: "admin", Groups: []string{auth.GroupMasters}}
	e := &Env{Store: st, Server: srv, Client: client.NewInProcess(srv, admin, apiobj.NewScheme())}
	if err := primeWatchCaches(ctx, e.Client); err != nil {
		e.Close()
		return nil, err
	}
	return e, nil
}

// primeWatchCaches starts the API server's watch cache of every built-in
// resource and waits until each has loaded: a streaming watch (initial
// events) ends its initial state with a bookmark only once the cache is up.
//
// This works around an API server bug: a watch cache starts on first use
// and begins its history at its own first list, which can be later than
// the list a client just got from the store; the client's watch from that
// list's resourceVersion then gets 410 Gone, and an informer relists,
// missing any object created and deleted in between. Remove this once the
// watch cache serves such watches.
func primeWatchCaches(ctx context.Context, c *client.Client) error {
	for _, k := range c.Scheme().Kinds() {
		if k.Resource == "" || !slices.Contains(verbs(k), "watch") {
			continue
		}
		r := client.DynamicScoped(c, k.GroupVersionResource(), k.GroupVersionKind, k.Namespaced)
		if err := streamInitialEvents(ctx, r); err != nil {
			return fmt.Errorf("controllertest: priming the %s watch cache: %w", k.Resource, err)
		}
	}
	return nil
}

func streamInitialEvents(ctx context.Context, r *client.Resource[*apiobj.Unstructured]) error {
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := r.Watch(wctx, client.ListOptions{
		SendInitialEvents: apiobj.Bool(true), ResourceVersionMatch: "NotOlderThan", AllowWatchBookmarks: true,
	})
	if err != nil {
		return err
	}
	for ev := range w.Events() {
		switch ev.Type {
		case client.Error:
			return ev.Err
		case client.Bookmark:
			return nil
		}
	}
	return errors.New("the watch ended before its initial events")
}

func verbs(k *apiobj.KindInfo) []string {
	if k.Verbs == nil {
		return apiobj.VerbsAll
	}
	return k.Verbs
}

// Close stops the server and its store; watches end.
func (e *Env) Close() {
	e.Server.Close()
	_ = e.Store.Close()
}

// Start starts an API server for t and closes it when t ends.
func Start(t testing.TB) *Env {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	e, err := New(ctx)
	if err != nil {
		t.Fatalf("controllertest: %v", err)
	}
	t.Cleanup(e.Close)
	return e
}

// Eventually polls cond every few milliseconds until it holds, and fails t
// with what once timeout has passed.
func Eventually(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", timeout, what)
		}
		time.Sleep(2 * time.Millisecond) // polling a condition with a deadline
	}
}
