package nodeipam

import (
	"context"
	"fmt"
	"net/netip"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/client"
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

// start runs a controller for cfg and returns a function that stops it and
// waits for Run to return.
func (e *env) start(cfg Config) (stop func()) {
	e.t.Helper()
	cfg.Client = e.c
	nc, err := New(cfg)
	require.NoError(e.t, err)
	ctx, cancel := context.WithCancel(e.ctx)
	done := make(chan error, 1)
	go func() { done <- nc.Run(ctx) }()
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			require.NoError(e.t, err)
		case <-time.After(testTimeout):
			e.t.Fatalf("Run did not return after cancel\n%s", stacks())
		}
	}
	e.t.Cleanup(stop)
	return stop
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

func (e *env) nodes() *client.Resource[*apiobj.Node] { return client.For[*apiobj.Node](e.c) }

func (e *env) createNode(name string, cidrs ...string) {
	e.t.Helper()
	n := &apiobj.Node{ObjectMeta: apiobj.ObjectMeta{Name: name}}
	if len(cidrs) > 0 {
		n.Spec.PodCIDR, n.Spec.PodCIDRs = cidrs[0], cidrs
	}
	_, err := e.nodes().Create(e.ctx, n)
	require.NoError(e.t, err)
}

// allAssigned waits until want nodes have pod CIDRs and returns them by
// node, failing on any CIDR held twice.
func (e *env) allAssigned(want int) map[string][]string {
	e.t.Helper()
	var got map[string][]string
	e.waitFor(fmt.Sprintf("%d nodes with pod CIDRs", want), func() (bool, error) {
		ns, _, err := e.nodes().List(e.ctx, client.ListOptions{})
		if err != nil {
			return false, err
		}
		got = map[string][]string{}
		for _, n := range ns {
			if len(n.Spec.PodCIDRs) > 0 {
				got[n.Name] = n.Spec.PodCIDRs
				require.Equal(e.t, n.Spec.PodCIDRs[0], n.Spec.PodCIDR)
			}
		}
		return len(got) >= want, nil
	})
	seen := map[string]string{}
	for n, cs := range got {
		for _, c := range cs {
			if o, dup := seen[c]; dup {
				e.t.Fatalf("CIDR %s held by %s and %s", c, o, n)
			}
			seen[c] = n
		}
	}
	return got
}

func TestAssignsUniqueCIDRsTo300Nodes(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.start(Config{ClusterCIDRs: []string{"10.0.0.0/15"}})
	for i := range 300 {
		e.createNode(fmt.Sprintf("node-%03d", i))
	}
	got := e.allAssigned(300)
	cluster := netip.MustParsePrefix("10.0.0.0/15")
	for n, cs := range got {
		require.Len(t, cs, 1, n)
		p := netip.MustParsePrefix(cs[0])
		require.Equal(t, 24, p.Bits(), n)
		require.True(t, cluster.Contains(p.Addr()), "%s: %s outside %s", n, p, cluster)
	}
}

func TestReusesReleasedCIDR(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.start(Config{ClusterCIDRs: []string{"10.1.0.0/22"}}) // four /24s
	for i := range 4 {
		e.createNode(fmt.Sprintf("n%d", i))
	}
	got := e.allAssigned(4)
	e.createNode("late")
	n, err := e.nodes().Get(e.ctx, "late")
	require.NoError(t, err)
	require.Empty(t, n.Spec.PodCIDRs, "the range is full")

	freed := got["n2"][0]
	require.NoError(t, e.nodes().Delete(e.ctx, "n2"))
	e.waitFor("late node gets the freed CIDR", func() (bool, error) {
		n, err := e.nodes().Get(e.ctx, "late")
		if err != nil {
			return false, err
		}
		if len(n.Spec.PodCIDRs) == 0 {
			return false, nil
		}
		require.Equal(t, []string{freed}, n.Spec.PodCIDRs)
		return true, nil
	})
}

func TestSurvivesRestart(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cfg := Config{ClusterCIDRs: []string{"10.2.0.0/16"}}
	// A node that came with a CIDR, before any controller ran.
	e.createNode("preset", "10.2.0.0/24")
	stop := e.start(cfg)
	for i := range 5 {
		e.createNode(fmt.Sprintf("a%d", i))
	}
	before := e.allAssigned(6)
	require.Equal(t, []string{"10.2.0.0/24"}, before["preset"])
	stop()

	e.start(cfg)
	for i := range 5 {
		e.createNode(fmt.Sprintf("b%d", i))
	}
	after := e.allAssigned(11) // fails on any CIDR given twice
	for n, cs := range before {
		require.Equal(t, cs, after[n], "a restart must not move %s", n)
	}
}

func TestDualStack(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.start(Config{ClusterCIDRs: []string{"10.3.0.0/16", "fd00:10::/56"}})
	e.createNode("dual")
	got := e.allAssigned(1)
	require.Len(t, got["dual"], 2)
	v4, v6 := netip.MustParsePrefix(got["dual"][0]), netip.MustParsePrefix(got["dual"][1])
	require.True(t, v4.Addr().Is4())
	require.Equal(t, 24, v4.Bits())
	require.True(t, v6.Addr().Is6())
	require.Equal(t, 64, v6.Bits())
	require.True(t, netip.MustParsePrefix("fd00:10::/56").Contains(v6.Addr()))
}

func TestCIDRSetIndexRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		cluster string
		mask    int
		i       int
		want    string
	}{
		{name: "v4 first", cluster: "10.244.0.0/16", mask: 24, i: 0, want: "10.244.0.0/24"},
		{name: "v4 middle", cluster: "10.244.0.0/16", mask: 24, i: 37, want: "10.244.37.0/24"},
		{name: "v4 last", cluster: "10.244.0.0/16", mask: 24, i: 255, want: "10.244.255.0/24"},
		{name: "v4 /26", cluster: "192.168.0.0/24", mask: 26, i: 3, want: "192.168.0.192/26"},
		{name: "v6", cluster: "fd00::/48", mask: 64, i: 0x1234, want: "fd00:0:0:1234::/64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := newCIDRSet(netip.MustParsePrefix(tt.cluster), tt.mask)
			require.NoError(t, err)
			p := s.subnet(tt.i)
			require.Equal(t, tt.want, p.String())
			i, ok := s.index(p)
			require.True(t, ok)
			require.Equal(t, tt.i, i)
		})
	}
}

func TestConfigValidate(t *testing.T) {
	t.Parallel()
	c := &client.Client{}
	tests := []struct {
		name string
		cfg  Config
		ok   bool
	}{
		{name: "defaults", cfg: Config{Client: c}, ok: true},
		{name: "no client", cfg: Config{}},
		{name: "bad cidr", cfg: Config{Client: c, ClusterCIDRs: []string{"nope"}}},
		{name: "too many subnets", cfg: Config{Client: c, ClusterCIDRs: []string{"10.0.0.0/8"}, NodeMaskSizeIPv4: 28}},
		{name: "mask wider than cluster", cfg: Config{Client: c, ClusterCIDRs: []string{"10.0.0.0/24"}, NodeMaskSizeIPv4: 16}},
		{name: "same family twice", cfg: Config{Client: c, ClusterCIDRs: []string{"10.0.0.0/16", "10.1.0.0/16"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.cfg.Validate()
			if tt.ok {
				require.NoError(t, err)
			} else {
				require.Error(t, err)
			}
		})
	}
}
