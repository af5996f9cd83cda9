package controller

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/clock"
	"github.com/orcaproj/orca/controller/events"
	"github.com/orcaproj/orca/controller/leaderelection"
)

// Runnable is a long-running part the manager runs: Run blocks until ctx is
// done and returns after its goroutines have stopped. A non-nil error
// (other than context.Canceled) stops the whole manager.
type Runnable interface {
	Run(ctx context.Context) error
}

// RunnableFunc adapts a function to Runnable.
type RunnableFunc func(ctx context.Context) error

// Run implements Runnable.
func (f RunnableFunc) Run(ctx context.Context) error { return f(ctx) }

// LeaderElectionRunnable is implemented by runnables that say whether they
// need leadership. Runnables that do not implement it need it: under leader
// election they run only on the leader, and their context ends when
// leadership does.
type LeaderElectionRunnable interface {
	NeedLeaderElection() bool
}

// Checker is a health or readiness check; a nil error means healthy.
type Checker func(req *http.Request) error

// DefaultGracefulShutdownTimeout bounds how long Run waits for runnables to
// stop.
const DefaultGracefulShutdownTimeout = 30 * time.Second

// ErrLeadershipLost is returned (wrapped) by Manager.Run when leadership was
// lost; it is leaderelection.ErrLeadershipLost.
var ErrLeadershipLost = leaderelection.ErrLeadershipLost

// ManagerConfig configures a Manager. Zero values are the documented
// defaults.
type ManagerConfig struct {
	// Client reaches the API server. Required.
	Client *client.Client
	// Resync replays every cached object to the controllers this often;
	// zero means never.
	Resync time.Duration
	// Clock drives leader election, the workqueues and the event recorder;
	// default the real clock.
	Clock clock.Clock
	// Logger; nil discards.
	Logger *slog.Logger
	// Registry receives the controllers' and workqueues' metrics and is
	// served on /metrics; default a new registry with the Go and process
	// collectors.
	Registry *prometheus.Registry
	// MetricsAddr and HealthAddr are where /metrics, and /healthz and
	// /readyz, are served (the same address serves all three); empty means
	// not served ("127.0.0.1:0" picks a port; see the methods of the same
	// names). Handler serves them without a listener.
	MetricsAddr, HealthAddr string
	// LeaderElection, when set, runs the runnables that need leadership
	// only while this manager holds the Lease it names. Its Client, Clock
	// and Logger default to the manager's. Nil means no leader election.
	LeaderElection *leaderelection.Config
	// GracefulShutdownTimeout bounds how long Run waits for runnables to
	// stop once it is stopping (default 30 s); negative waits for ever.
	GracefulShutdownTimeout time.Duration
}

// Validate reports a config that cannot work.
func (c *ManagerConfig) Validate() error {
	if c.Client == nil {
		return errors.New("controller: ManagerConfig.Client is required")
	}
	if c.Resync < 0 {
		return errors.New("controller: ManagerConfig.Resync must not be negative")
	}
	if c.LeaderElection != nil {
		le := c.leaderElection()
		return le.Validate()
	}
	return nil
}

func (c *ManagerConfig) leaderElection() leaderelection.Config {
	le := *c.LeaderElection
	if le.Client == nil {
		le.Client = c.Client
	}
	if le.Clock == nil {
		le.Clock = c.Clock
	}
	if le.Logger == nil {
		le.Logger = c.Logger
	}
	return le
}

// Manager runs controllers and other runnables with shared informers, the
// health and metrics endpoints, and optionally leader election. Its methods
// are safe for concurrent use.
//
// Run starts, in order: the HTTP endpoints, the informer factory, the
// runnables that need no leadership, and leader election, which starts the
// others once this manager leads. Stopping goes the other way: leader-only
// runnables first (then the lease is released), then the rest, informers
// and endpoints.
type Manager struct {
	cfg      ManagerConfig
	factory  *client.Factory
	registry *prometheus.Registry
	clock    clock.Clock
	log      *slog.Logger
	elector  *leaderelection.Elector
	leaders  *group // need leadership
	others   *group // run everywhere
	elected  chan struct{}
	electOne sync.Once
	failed   chan error // the first runnable error; capacity 1

	mu          sync.Mutex // guards the fields below
	state       int        // stateNew, stateRunning, stateStopped
	names       map[string]bool
	healthz     map[string]Checker
	readyz      map[string]Checker
	broadcaster *events.Broadcaster
	metricsAddr string
	healthAddr  string
}

const (
	stateNew = iota
	stateRunning
	stateStopped
)

// NewManager returns a manager for cfg.
func NewManager(cfg ManagerConfig) (*Manager, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg.Clock = clock.OrReal(cfg.Clock)
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.GracefulShutdownTimeout == 0 {
		cfg.GracefulShutdownTimeout = DefaultGracefulShutdownTimeout
	}
	reg := cfg.Registry
	if reg == nil {
		reg = prometheus.NewRegistry()
		reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	}
	m := &Manager{
		cfg:      cfg,
		factory:  client.NewFactory(cfg.Client, cfg.Resync),
		registry: reg,
		clock:    cfg.Clock,
		log:      cfg.Logger,
		elected:  make(chan struct{}),
		failed:   make(chan error, 1),
		names:    map[string]bool{},
		healthz:  map[string]Checker{"ping": func(*http.Request) error { return nil }},
		readyz:   map[string]Checker{"ping": func(*http.Request) error { return nil }},
	}
	report := func(err error) {
		if err != nil && !errors.Is(err, context.Canceled) {
			select {
			case m.failed <- err:
			default:
			}
		}
	}
	m.leaders, m.others = newGroup(report), newGroup(report)
	m.readyz["informers"] = func(*http.Request) error {
		if !m.factory.HasSynced() {
			return errors.New("informers have not synced")
		}
		return nil
	}
	if cfg.LeaderElection != nil {
		e, err := leaderelection.New(cfg.leaderElection())
		if err != nil {
			return nil, err
		}
		m.elector = e
	}
	return m, nil
}

// Client returns the manager's client.
func (m *Manager) Client() *client.Client { return m.cfg.Client }

// Factory returns the shared informer factory: controllers watch through
// it, and reconcilers read its listers (client.InformerFor[T](mgr.Factory())).
func (m *Manager) Factory() *client.Factory { return m.factory }

// Registry returns the metrics registry.
func (m *Manager) Registry() *prometheus.Registry { return m.registry }

// Clock returns the manager's clock.
func (m *Manager) Clock() clock.Clock { return m.clock }

// Logger returns the manager's logger.
func (m *Manager) Logger() *slog.Logger { return m.log }

// Elected is closed once this manager leads, at once when Run starts if
// there is no leader election.
func (m *Manager) Elected() <-chan struct{} { return m.elected }

// Identity returns the leader election identity, or "" without leader
// election.
func (m *Manager) Identity() string {
	if m.elector == nil {
		return ""
	}
	return m.elector.Identity()
}

// EventRecorder returns a recorder whose events name component as their
// source. The manager's one event broadcaster writes them; it runs on
// every replica.
func (m *Manager) EventRecorder(component string) events.Recorder {
	m.mu.Lock()
	b, created := m.broadcaster, false
	if b == nil {
		var err error
		b, err = events.NewBroadcaster(events.Config{Client: m.cfg.Client, Clock: m.clock, Logger: m.log})
		if err != nil {
			panic(err) // the config is valid: the client is set
		}
		m.broadcaster, created = b, true
	}
	m.mu.Unlock()
	if created {
		_ = m.Add(b) // fails only once the manager has stopped; the events are then dropped
	}
	return b.Recorder(component)
}

// Add adds r to the runnables; when the manager is running, r starts at
// once (a leader-only one once this manager leads). Adding after Run has
// returned fails.
func (m *Manager) Add(r Runnable) error {
	m.mu.Lock()
	stopped := m.state == stateStopped
	m.mu.Unlock()
	if stopped {
		return errors.New("controller: the manager has stopped")
	}
	if l, ok := r.(LeaderElectionRunnable); ok && !l.NeedLeaderElection() {
		m.others.add(r)
	} else {
		m.leaders.add(r)
	}
	return nil
}

func (m *Manager) addController(c *Controller) error {
	m.mu.Lock()
	if m.names[c.name] {
		m.mu.Unlock()
		return fmt.Errorf("controller: a controller named %q already exists", c.name)
	}
	m.names[c.name] = true
	m.mu.Unlock()
	c.m = newReconcileMetrics(m.registry, c.name, c.opts.MaxConcurrentReconciles)
	return m.Add(c)
}

// AddHealthzCheck adds a check to /healthz.
func (m *Manager) AddHealthzCheck(name string, check Checker) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.healthz[name] = check
}

// AddReadyzCheck adds a check to /readyz. By default /readyz checks that
// the informers have synced.
func (m *Manager) AddReadyzCheck(name string, check Checker) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.readyz[name] = check
}

// Handler serves /metrics, /healthz and /readyz, as the endpoints do.
// /healthz and /readyz answer 200 "ok" or 500 with the failed checks; with
// ?verbose every check is listed.
func (m *Manager) Handler() http.Handler {
	mux := http.NewServeMux()
	m.routeMetrics(mux)
	m.routeHealth(mux)
	return mux
}

func (m *Manager) routeMetrics(mux *http.ServeMux) {
	mux.Handle("/metrics", promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{}))
}

func (m *Manager) routeHealth(mux *http.ServeMux) {
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { m.serveChecks(w, r, m.healthz) })
	mux.HandleFunc("/readyz", func(w http.ResponseWriter, r *http.Request) { m.serveChecks(w, r, m.readyz) })
}

func (m *Manager) serveChecks(w http.ResponseWriter, r *http.Request, checks map[string]Checker) {
	m.mu.Lock()
	names := make([]string, 0, len(checks))
	for n := range checks {
		names = append(names, n)
	}
	cs := make([]Checker, len(names))
	sort.Strings(names)
	for i, n := range names {
		cs[i] = checks[n]
	}
	m.mu.Unlock()
	var b strings.Builder
	failed := false
	for i, n := range names {
		if err := cs[i](r); err != nil {
			failed = true
			fmt.Fprintf(&b, "[-]%s failed: %v\n", n, err)
		} else {
			fmt.Fprintf(&b, "[+]%s ok\n", n)
		}
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	switch {
	case failed:
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, "%scheck failed\n", b.String())
	case r.URL.Query().Has("verbose"):
		fmt.Fprintf(w, "%scheck passed\n", b.String())
	default:
		fmt.Fprint(w, "ok")
	}
}

// MetricsAddr returns the address /metrics is served on once Run has
// started, or "".
func (m *Manager) MetricsAddr() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.metricsAddr
}

// HealthAddr returns the address /healthz and /readyz are served on once
// Run has started, or "".
func (m *Manager) HealthAddr() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.healthAddr
}

// listen binds the endpoints' listeners and returns their servers.
func (m *Manager) listen() ([]*http.Server, []net.Listener, error) {
	type endpoint struct {
		mux         *http.ServeMux
		ln          net.Listener
		metrics, hc bool
	}
	var eps []*endpoint
	byAddr := map[string]*endpoint{}
	for _, a := range []struct {
		addr    string
		metrics bool
	}{{m.cfg.MetricsAddr, true}, {m.cfg.HealthAddr, false}} {
		if a.addr == "" {
			continue
		}
		ep := byAddr[a.addr]
		if ep == nil {
			ln, err := net.Listen("tcp", a.addr)
			if err != nil {
				for _, e := range eps {
					_ = e.ln.Close()
				}
				return nil, nil, fmt.Errorf("controller: listening on %s: %w", a.addr, err)
			}
			ep = &endpoint{mux: http.NewServeMux(), ln: ln}
			byAddr[a.addr] = ep
			eps = append(eps, ep)
		}
		if a.metrics {
			m.routeMetrics(ep.mux)
			m.mu.Lock()
			m.metricsAddr = ep.ln.Addr().String()
			m.mu.Unlock()
		} else {
			m.routeHealth(ep.mux)
			m.mu.Lock()
			m.healthAddr = ep.ln.Addr().String()
			m.mu.Unlock()
		}
	}
	var srvs []*http.Server
	var lns []net.Listener
	for _, ep := range eps {
		srvs = append(srvs, &http.Server{Handler: ep.mux, ReadHeaderTimeout: 10 * time.Second})
		lns = append(lns, ep.ln)
	}
	return srvs, lns, nil
}

// Run runs everything until ctx is done, a runnable fails, or leadership
// is lost, and returns after everything has stopped (or the graceful
// shutdown timeout has passed). It returns nil after ctx is done, the
// first runnable error, or an error wrapping ErrLeadershipLost. A manager
// runs once.
func (m *Manager) Run(ctx context.Context) error {
	m.mu.Lock()
	if m.state != stateNew {
		m.mu.Unlock()
		return errors.New("controller: the manager was already started")
	}
	m.state = stateRunning
	m.mu.Unlock()
	defer func() {
		m.mu.Lock()
		m.state = stateStopped
		m.mu.Unlock()
	}()

	srvs, lns, err := m.listen()
	if err != nil {
		return err
	}
	var servers sync.WaitGroup
	for i, s := range srvs {
		servers.Add(1)
		go func() {
			defer servers.Done()
			if err := s.Serve(lns[i]); err != nil && !errors.Is(err, http.ErrServerClosed) {
				m.log.Error("endpoint failed", "addr", lns[i].Addr().String(), "err", err)
			}
		}()
	}

	// base outlives ctx so that stopping can go in order: leaders first.
	base, stopBase := context.WithCancel(context.WithoutCancel(ctx))
	defer stopBase()
	leaderBase, stopLeaders := context.WithCancel(base)
	defer stopLeaders()

	m.factory.Start(base)
	othersDone := make(chan struct{})
	go func() { defer close(othersDone); m.others.run(base) }()
	leadersDone := make(chan error, 1)
	if m.elector == nil {
		m.markElected()
		go func() { m.leaders.run(leaderBase); leadersDone <- nil }()
	} else {
		go func() {
			leadersDone <- m.elector.Run(leaderBase, func(lctx context.Context) error {
				m.markElected()
				m.log.Info("leading: starting leader-only runnables")
				m.leaders.run(lctx)
				return nil
			})
		}()
	}

	var runErr error
	select {
	case <-ctx.Done():
	case runErr = <-m.failed:
		m.log.Error("a runnable failed; stopping", "err", runErr)
	case runErr = <-leadersDone:
		leadersDone <- runErr // for the wait below
		if runErr != nil {
			runErr = fmt.Errorf("controller: manager stopping: %w", runErr)
			m.log.Error("stopping", "err", runErr)
		}
	}

	var expired <-chan time.Time
	if m.cfg.GracefulShutdownTimeout > 0 {
		t := time.NewTimer(m.cfg.GracefulShutdownTimeout)
		defer t.Stop()
		expired = t.C
	}
	timedOut := errors.New("controller: runnables did not stop within the graceful shutdown timeout")
	stopLeaders()
	select {
	case <-leadersDone:
	case <-expired:
		return errors.Join(runErr, timedOut)
	}
	stopBase()
	rest := make(chan struct{})
	go func() {
		<-othersDone
		m.factory.Wait()
		close(rest)
	}()
	select {
	case <-rest:
	case <-expired:
		return errors.Join(runErr, timedOut)
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, s := range srvs {
		_ = s.Shutdown(sctx)
	}
	servers.Wait()
	if runErr == nil {
		select {
		case runErr = <-m.failed: // a runnable that failed while stopping
		default:
		}
	}
	return runErr
}

func (m *Manager) markElected() { m.electOne.Do(func() { close(m.elected) }) }

// group runs runnables with one context, and those added while it runs.
type group struct {
	report func(error)
	wake   chan struct{} // capacity 1
	mu     sync.Mutex    // guards pending
	// pending are added and not yet started.
	pending []Runnable
}

func newGroup(report func(error)) *group {
	return &group{report: report, wake: make(chan struct{}, 1)}
}

func (g *group) add(r Runnable) {
	g.mu.Lock()
	g.pending = append(g.pending, r)
	g.mu.Unlock()
	select {
	case g.wake <- struct{}{}:
	default:
	}
}

// run starts the pending runnables and later additions with ctx until ctx
// is done, then waits for them to return.
func (g *group) run(ctx context.Context) {
	var wg sync.WaitGroup
	for {
		g.mu.Lock()
		batch := g.pending
		g.pending = nil
		g.mu.Unlock()
		for _, r := range batch {
			wg.Add(1)
			go func() {
				defer wg.Done()
				g.report(r.Run(ctx))
			}()
		}
		select {
		case <-ctx.Done():
			wg.Wait()
			return
		case <-g.wake:
		}
	}
}
