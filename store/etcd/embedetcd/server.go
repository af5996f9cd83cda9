package embedetcd

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"sync"
	"syscall"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/server/v3/embed"
	"go.uber.org/zap"
)

// bindAttempts bounds how often a first start picks new ports after losing
// one to another process between choosing it and binding it.
const bindAttempts = 5

// clientDialTimeout bounds how long NewClient waits for a first connection.
const clientDialTimeout = 5 * time.Second

// ErrStopped is returned by operations that need a running member.
var ErrStopped = errors.New("embedetcd: member is stopped")

// ErrClosed is returned by operations on a closed Server or Cluster.
var ErrClosed = errors.New("embedetcd: closed")

// Server is one embedded etcd member on loopback ports. Its client endpoint
// and peer port stay the same across Stop and Restart. All methods are safe
// for concurrent use.
type Server struct {
	cfg            Config // Name defaulted
	peerURL        url.URL
	clientURL      url.URL // what clients dial: the relay, or etcd itself
	initialCluster string
	clusterToken   string
	// With cfg.Relay, clients and peers reach etcd through these relays,
	// and etcd listens on private ports that change with every start.
	clientRelay, peerRelay *relay

	life sync.Mutex // serialises Stop, Restart and Close

	mu        sync.Mutex // guards the fields below
	etcd      *embed.Etcd
	closeEtcd func() // embed.Etcd.Close panics when called twice; this runs it once
	clients   []*clientv3.Client
	closed    bool
}

// Start starts a single-member etcd on cfg.Dir and returns once it serves
// clients. When ctx ends first, the member is stopped and ctx's error
// returned. Close the Server when done.
func Start(ctx context.Context, cfg Config) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(cfg.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("embedetcd: %w", err)
	}
	cfg.Name = cfg.name()
	for attempt := 1; ; attempt++ {
		ports := []int{0, 0} // relays bind their own
		if !cfg.Relay {
			var err error
			if ports, err = freePorts(2); err != nil {
				return nil, err
			}
		}
		s, err := newServer(cfg, ports[0], ports[1])
		if err != nil {
			return nil, err
		}
		s.initialCluster = s.cfg.Name + "=" + s.peerURL.String()
		s.clusterToken = newClusterToken()
		if err := s.launch(); err != nil {
			s.closeRelays()
			if isAddrInUse(err) && attempt < bindAttempts {
				continue // another process took a port we picked
			}
			return nil, err
		}
		if err := s.waitReady(ctx); err != nil {
			s.Close()
			return nil, err
		}
		return s, nil
	}
}

// newServer fills in a Server's addresses; the ports are unused with relays.
func newServer(cfg Config, peerPort, clientPort int) (*Server, error) {
	s := &Server{cfg: cfg, peerURL: loopbackURL(peerPort), clientURL: loopbackURL(clientPort)}
	if !cfg.Relay {
		return s, nil
	}
	var err error
	if s.clientRelay, err = newRelay(); err != nil {
		return nil, fmt.Errorf("embedetcd: relay: %w", err)
	}
	if s.peerRelay, err = newRelay(); err != nil {
		s.clientRelay.close()
		return nil, fmt.Errorf("embedetcd: relay: %w", err)
	}
	s.clientURL = url.URL{Scheme: "http", Host: s.clientRelay.addr()}
	s.peerURL = url.URL{Scheme: "http", Host: s.peerRelay.addr()}
	return s, nil
}

// launch starts etcd without waiting for it to join its cluster.
func (s *Server) launch() error {
	ec := embed.NewConfig()
	ec.Name = s.cfg.Name
	ec.Dir = s.cfg.Dir
	ec.TickMs = s.cfg.tickMs()
	ec.ElectionMs = s.cfg.electionMs()
	ec.WatchProgressNotifyInterval = s.cfg.progressNotifyInterval()
	ec.UnsafeNoFsync = s.cfg.UnsafeNoFsync
	ec.EnableGRPCGateway = false
	ec.Logger = "zap"
	ec.LogLevel = "error"
	ec.ZapLoggerBuilder = embed.NewZapLoggerBuilder(s.cfg.logger())

	ec.ListenPeerUrls = []url.URL{s.peerURL}
	ec.AdvertisePeerUrls = []url.URL{s.peerURL}
	ec.AdvertiseClientUrls = []url.URL{s.clientURL}
	ec.ListenClientUrls = []url.URL{s.clientURL}
	if s.cfg.Relay {
		// etcd listens on private ports that only the relays dial.
		ec.ListenPeerUrls = []url.URL{loopbackURL(0)}
		ec.ListenClientUrls = []url.URL{loopbackURL(0)}
	}
	ec.InitialCluster = s.initialCluster
	ec.InitialClusterToken = s.clusterToken
	ec.ClusterState = embed.ClusterStateFlagNew

	e, err := embed.StartEtcd(ec) // closes e itself on error
	if err != nil {
		return fmt.Errorf("embedetcd: start %s: %w", s.cfg.Name, err)
	}
	var once sync.Once
	s.mu.Lock()
	s.etcd = e
	s.closeEtcd = func() { once.Do(e.Close) }
	s.mu.Unlock()
	if s.cfg.Relay {
		s.clientRelay.up(e.Clients[0].Addr().String())
		s.peerRelay.up(e.Peers[0].Addr().String())
	}
	return nil
}

// waitReady waits until the launched member serves clients; on failure it
// stops the member. The caller holds s.life or owns s alone.
func (s *Server) waitReady(ctx context.Context) error {
	s.mu.Lock()
	e := s.etcd
	s.mu.Unlock()
	if e == nil {
		return ErrStopped
	}
	select {
	case <-e.Server.ReadyNotify():
		return nil
	case err := <-e.Err():
		s.stop(true)
		return fmt.Errorf("embedetcd: %s failed to start: %w", s.cfg.Name, err)
	case <-e.Server.StopNotify():
		s.stop(true)
		return fmt.Errorf("embedetcd: %s stopped while starting", s.cfg.Name)
	case <-ctx.Done():
		s.stop(true)
		return fmt.Errorf("embedetcd: waiting for %s: %w", s.cfg.Name, ctx.Err())
	}
}

// Name returns the member name.
func (s *Server) Name() string { return s.cfg.Name }

// Dir returns the data directory.
func (s *Server) Dir() string { return s.cfg.Dir }

// Endpoints returns the client URLs. They do not change across Restart.
func (s *Server) Endpoints() []string { return []string{s.clientURL.String()} }

// Running reports whether the member is started.
func (s *Server) Running() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.etcd != nil
}

// IsLeader reports whether the member is running and is its cluster's raft
// leader.
func (s *Server) IsLeader() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.etcd == nil {
		return false
	}
	srv := s.etcd.Server
	return srv.Leader() == srv.MemberID()
}

// NewClient returns a client of this member with a quiet logger. The Server
// closes it in Close (before stopping etcd); the caller may close it sooner.
func (s *Server) NewClient() (*clientv3.Client, error) {
	return s.trackClient(s.Endpoints())
}

func (s *Server) trackClient(endpoints []string) (*clientv3.Client, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, ErrClosed
	}
	c, err := newClient(endpoints)
	if err != nil {
		return nil, err
	}
	s.clients = append(s.clients, c)
	return c, nil
}

func newClient(endpoints []string) (*clientv3.Client, error) {
	c, err := clientv3.New(clientv3.Config{
		Endpoints:   endpoints,
		DialTimeout: clientDialTimeout,
		Logger:      zap.NewNop(),
	})
	if err != nil {
		return nil, fmt.Errorf("embedetcd: client: %w", err)
	}
	return c, nil
}

// Stop stops the member abruptly, as a crash would, and keeps its data
// directory so that Restart can bring it back: raft stops without handing
// leadership over, and in-flight requests fail. With a relay, client
// connections are cut first; without one, open watch streams delay Stop by up
// to etcd's request timeout (about 5 s). Stopping a stopped member does
// nothing.
func (s *Server) Stop() {
	s.life.Lock()
	defer s.life.Unlock()
	s.stop(true)
}

// stop stops etcd; hard skips the leadership transfer of a graceful stop.
func (s *Server) stop(hard bool) {
	s.mu.Lock()
	e, closeEtcd := s.etcd, s.closeEtcd
	s.etcd, s.closeEtcd = nil, nil
	s.mu.Unlock()
	if s.cfg.Relay {
		// Cut clients and peers first, so that nothing waits on them.
		s.clientRelay.down()
		s.peerRelay.down()
	}
	if e == nil {
		return
	}
	if hard {
		e.Server.HardStop()
	}
	closeEtcd()
}

// Restart starts a stopped member again on the same data directory and
// ports, and waits until it serves clients. In a cluster that needs a quorum
// of members running. Without a relay it fails if another process took one
// of the member's ports meanwhile; relays keep theirs while etcd is down.
func (s *Server) Restart(ctx context.Context) error {
	s.life.Lock()
	defer s.life.Unlock()
	s.mu.Lock()
	closed, running := s.closed, s.etcd != nil
	s.mu.Unlock()
	switch {
	case closed:
		return ErrClosed
	case running:
		return fmt.Errorf("embedetcd: %s is already running", s.cfg.Name)
	}
	if err := s.launch(); err != nil {
		return err
	}
	return s.waitReady(ctx)
}

// Close closes the clients made by NewClient, stops the member gracefully
// (a leader first hands leadership to a peer) and releases its ports. The
// data directory stays. Close is idempotent.
func (s *Server) Close() { s.close(false) }

func (s *Server) close(hard bool) {
	s.life.Lock()
	defer s.life.Unlock()
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	clients := s.clients
	s.clients = nil
	s.mu.Unlock()
	for _, c := range clients {
		c.Close()
	}
	s.stop(hard)
	s.closeRelays()
}

func (s *Server) closeRelays() {
	if s.cfg.Relay {
		s.clientRelay.close()
		s.peerRelay.close()
	}
}

func loopbackURL(port int) url.URL {
	return url.URL{Scheme: "http", Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(port))}
}

// freePorts returns n loopback ports that were free a moment ago. Another
// process may take one before etcd binds it; callers retry on EADDRINUSE.
func freePorts(n int) ([]int, error) {
	ports := make([]int, 0, n)
	var lns []net.Listener
	defer func() {
		for _, ln := range lns {
			ln.Close()
		}
	}()
	for range n {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("embedetcd: pick a port: %w", err)
		}
		lns = append(lns, ln)
		ports = append(ports, ln.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

func isAddrInUse(err error) bool { return errors.Is(err, syscall.EADDRINUSE) }

func newClusterToken() string {
	return "orca-" + strconv.FormatInt(time.Now().UnixNano(), 36)
}
