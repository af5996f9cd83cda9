package leaderelection

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"math"
	mrand "math/rand/v2"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/clock"
	"github.com/orcaproj/orca/errdefs"
)

// ErrLeadershipLost is what Run returns when the elector stopped being the
// leader without being asked to: its lease could not be renewed before the
// renew deadline, or another candidate holds it.
var ErrLeadershipLost = errors.New("leaderelection: leadership lost")

// Defaults of Config, as Kubernetes' controller managers use.
const (
	DefaultNamespace     = apiobj.NamespaceSystem
	DefaultLeaseDuration = 15 * time.Second
	DefaultRenewDeadline = 10 * time.Second
	DefaultRetryPeriod   = 2 * time.Second
)

// Config configures an Elector. Zero values are the documented defaults.
type Config struct {
	// Client writes the Lease. Required.
	Client *client.Client
	// Namespace and Name locate the coordination.k8s.io/v1 Lease that
	// candidates compete for. Namespace defaults to kube-system; Name is
	// required.
	Namespace, Name string
	// Identity names this candidate in the Lease's holderIdentity; it must
	// be unique among the candidates. Default: the host name and a random
	// suffix.
	Identity string
	// LeaseDuration is how long other candidates wait, after they last saw
	// the Lease change, before they take it over (default 15 s). It is
	// written to the Lease in whole seconds, rounded up.
	LeaseDuration time.Duration
	// RenewDeadline is how long the leader keeps trying to renew before it
	// gives up (default 10 s): its leader-only work is cancelled once
	// RenewDeadline has passed since the start of its last successful
	// renewal, which is before anyone else may take over.
	RenewDeadline time.Duration
	// RetryPeriod is the wait between attempts to acquire or renew
	// (default 2 s); candidates jitter it downwards.
	RetryPeriod time.Duration
	// Clock measures all of the above; default the real clock.
	Clock clock.Clock
	// Logger; nil discards.
	Logger *slog.Logger
	// OnNewLeader, if set, is called from Run's goroutine whenever the
	// elector sees a new holder (itself included). It must not block.
	OnNewLeader func(identity string)
}

func (c Config) withDefaults() Config {
	if c.Namespace == "" {
		c.Namespace = DefaultNamespace
	}
	if c.Identity == "" {
		c.Identity = DefaultIdentity()
	}
	if c.LeaseDuration == 0 {
		c.LeaseDuration = DefaultLeaseDuration
	}
	if c.RenewDeadline == 0 {
		c.RenewDeadline = DefaultRenewDeadline
	}
	if c.RetryPeriod == 0 {
		c.RetryPeriod = DefaultRetryPeriod
	}
	c.Clock = clock.OrReal(c.Clock)
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// Validate reports a config that cannot work: a missing Client or Name, or
// durations (after defaults) that are not LeaseDuration > RenewDeadline >
// RetryPeriod > 0.
func (c *Config) Validate() error {
	d := c.withDefaults()
	switch {
	case d.Client == nil:
		return errors.New("leaderelection: Config.Client is required")
	case d.Name == "":
		return errors.New("leaderelection: Config.Name is required")
	case d.RetryPeriod <= 0 || d.RenewDeadline <= 0 || d.LeaseDuration <= 0:
		return errors.New("leaderelection: durations must be positive")
	case d.LeaseDuration <= d.RenewDeadline:
		return fmt.Errorf("leaderelection: LeaseDuration %v must be greater than RenewDeadline %v", d.LeaseDuration, d.RenewDeadline)
	case d.RenewDeadline <= d.RetryPeriod:
		return fmt.Errorf("leaderelection: RenewDeadline %v must be greater than RetryPeriod %v", d.RenewDeadline, d.RetryPeriod)
	}
	return nil
}

// DefaultIdentity returns the host name with a random suffix.
func DefaultIdentity() string {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "orca"
	}
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return host + "_" + hex.EncodeToString(b)
}

// Elector campaigns for a Lease and runs leader-only work while it holds
// it. Its methods are safe for concurrent use; Run runs at most once at a
// time.
type Elector struct {
	cfg     Config
	leases  *client.Resource[*apiobj.Lease]
	running atomic.Bool
	term    atomic.Pointer[term] // the current term of leadership, nil when not leading
	holder  atomic.Pointer[string]
}

// New returns an elector for cfg.
func New(cfg Config) (*Elector, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	return &Elector{cfg: cfg, leases: client.For[*apiobj.Lease](cfg.Client).Namespace(cfg.Namespace)}, nil
}

// Identity returns the elector's identity.
func (e *Elector) Identity() string { return e.cfg.Identity }

// IsLeader reports whether the elector holds the lease now: it has acquired
// it and its renew deadline has not passed by its clock.
func (e *Elector) IsLeader() bool {
	t := e.term.Load()
	return t != nil && t.Err() == nil
}

// Leader returns the last holder the elector saw, or "".
func (e *Elector) Leader() string {
	if h := e.holder.Load(); h != nil {
		return *h
	}
	return ""
}

// Run campaigns until it acquires the lease, then calls lead with a context
// that is cancelled when leadership ends, and keeps renewing the lease while
// lead runs.
//
// The leader's context reports cancellation (its Err) as soon as the renew
// deadline has passed on the elector's clock, even before its Done channel
// closes, so that work which checks ctx.Err() before acting never acts after
// leadership is lost, not even in a process that was paused.
//
// Run returns after lead has returned:
//   - nil when ctx is done; if it was leading, it released the lease first,
//     by clearing holderIdentity, so that another candidate takes over at
//     once;
//   - ErrLeadershipLost (joined with lead's error, if any) when the lease
//     could not be renewed in time or another candidate holds it; the lease
//     is not touched;
//   - lead's error, after releasing the lease, when lead returns on its own
//     while leading.
func (e *Elector) Run(ctx context.Context, lead func(ctx context.Context) error) error {
	if !e.running.CompareAndSwap(false, true) {
		return errors.New("leaderelection: Run is already running")
	}
	defer e.running.Store(false)
	var obs observation
	log := e.cfg.Logger.With("lease", e.cfg.Namespace+"/"+e.cfg.Name, "identity", e.cfg.Identity)
	log.Info("campaigning for leadership")
	for {
		if ok, _, at := e.tryAcquireOrRenew(ctx, &obs, false); ok {
			log.Info("acquired leadership")
			return e.lead(ctx, &obs, at, lead, log)
		}
		if !clock.Sleep(ctx, e.cfg.Clock, e.jitteredRetry()) {
			return nil
		}
	}
}

// jitteredRetry returns a wait between 3/4 and all of RetryPeriod, so that
// candidates spread out but never wait longer than RetryPeriod.
func (e *Elector) jitteredRetry() time.Duration {
	rp := e.cfg.RetryPeriod
	return rp - time.Duration(mrand.Int64N(int64(rp)/4+1))
}

// lead runs one term: lead(ctx) plus the renew loop.
func (e *Elector) lead(ctx context.Context, obs *observation, acquired time.Time, lead func(context.Context) error,
	log *slog.Logger) error {
	t := newTerm(ctx, e.cfg.Clock, acquired.Add(e.cfg.RenewDeadline))
	e.term.Store(t)
	defer e.term.Store(nil)
	defer t.stop()

	done := make(chan error, 1)
	go func() { done <- lead(t) }()
	tick := make(chan struct{}, 1)
	poke := func() {
		select {
		case tick <- struct{}{}:
		default:
		}
	}
	for {
		timer := e.cfg.Clock.AfterFunc(e.cfg.RetryPeriod, poke)
		select {
		case <-ctx.Done():
			timer.Stop()
			return e.end(ctx, t, done, log)
		case err := <-done:
			timer.Stop()
			done <- err
			return e.end(ctx, t, done, log)
		case <-t.Done():
			timer.Stop()
			return e.end(ctx, t, done, log)
		case <-tick:
		}
		if !e.cfg.Clock.Now().Before(t.deadline()) {
			return e.end(ctx, t, done, log)
		}
		ok, other, at := e.tryAcquireOrRenew(t, obs, true)
		switch {
		case ok:
			t.extend(at.Add(e.cfg.RenewDeadline))
		case other:
			log.Warn("another candidate holds the lease", "holder", e.Leader())
			t.lose()
			return e.end(ctx, t, done, log)
		}
	}
}

// end ends a term: it notes whether leadership was lost (the renew
// deadline passed, or another holds the lease) before stopping the term,
// waits for lead to return, and releases the lease unless it was lost.
// Which event woke the caller does not matter, only the state: a lead that
// returned because its deadline passed has lost the lease, not stepped
// down.
func (e *Elector) end(ctx context.Context, t *term, done chan error, log *slog.Logger) error {
	lost := ctx.Err() == nil && (t.lost.Load() || !e.cfg.Clock.Now().Before(t.deadline()))
	t.stop()
	err := <-done
	if errors.Is(err, context.Canceled) {
		err = nil
	}
	if lost {
		log.Warn("leadership lost: the lease was not renewed before the renew deadline, or was taken")
		return errors.Join(ErrLeadershipLost, err)
	}
	e.release(ctx, log)
	return err
}

// observation is what a candidate last saw of the lease: its
// resourceVersion and when, by the candidate's clock, it was first seen.
// Expiry is measured from that local time, never from the renewTime
// written by another machine's clock.
type observation struct {
	rv   string
	seen time.Time
}

// tryAcquireOrRenew reads the lease and writes it with this candidate as
// holder when it is free, expired, or already ours. The renewTime it
// writes, and returns as at, is taken after the read and before the write:
// no later than anyone can see the write, so a term measured from it ends
// early enough, and no earlier than the state it read, so the lease's
// history shows terms in order. leading says the caller holds the lease;
// then another holder means the lease is lost (other is true) and it is
// never taken back.
func (e *Elector) tryAcquireOrRenew(ctx context.Context, obs *observation, leading bool) (ok, other bool, at time.Time) {
	id := e.cfg.Identity
	lease, err := e.leases.Get(ctx, e.cfg.Name)
	if errors.Is(err, errdefs.ErrNotFound) {
		if leading {
			return false, true, at
		}
		l := &apiobj.Lease{ObjectMeta: apiobj.ObjectMeta{Name: e.cfg.Name, Namespace: e.cfg.Namespace}}
		at = e.cfg.Clock.Now()
		e.setHolder(&l.Spec, at, true)
		created, err := e.leases.Create(ctx, l)
		if err != nil {
			e.cfg.Logger.Debug("creating the lease failed", "err", err)
			return false, false, at
		}
		e.observe(obs, created)
		return true, false, at
	}
	if err != nil {
		e.cfg.Logger.Debug("reading the lease failed", "err", err)
		return false, false, at
	}
	e.observe(obs, lease)
	holder := holderOf(lease)
	at = e.cfg.Clock.Now()
	if holder != "" && holder != id {
		if leading {
			return false, true, at
		}
		if at.Before(obs.seen.Add(durationOf(lease, e.cfg.LeaseDuration))) {
			return false, false, at
		}
	}
	l := lease.DeepCopy()
	e.setHolder(&l.Spec, at, holder != id)
	updated, err := e.leases.Update(ctx, l)
	if err != nil {
		e.cfg.Logger.Debug("writing the lease failed", "err", err)
		return false, false, at
	}
	e.observe(obs, updated)
	return true, false, at
}

// setHolder makes this candidate the holder as of now; acquire marks a new
// term (acquireTime and a transition).
func (e *Elector) setHolder(s *apiobj.LeaseSpec, now time.Time, acquire bool) {
	t := apiobj.NewMicroTime(now)
	s.HolderIdentity = apiobj.Ptr(e.cfg.Identity)
	s.LeaseDurationSeconds = apiobj.Int32(int32(math.Ceil(e.cfg.LeaseDuration.Seconds())))
	s.RenewTime = &t
	if acquire || s.AcquireTime == nil {
		s.AcquireTime = &t
	}
	if acquire {
		n := int32(0)
		if s.LeaseTransitions != nil {
			n = *s.LeaseTransitions + 1
		}
		s.LeaseTransitions = &n
	}
}

// observe records a read or written lease: a new resourceVersion restarts
// the expiry wait, and a new holder is announced.
func (e *Elector) observe(obs *observation, l *apiobj.Lease) {
	if l.ResourceVersion == obs.rv {
		return
	}
	obs.rv = l.ResourceVersion
	obs.seen = e.cfg.Clock.Now()
	h := holderOf(l)
	if prev := e.holder.Swap(&h); (prev == nil || *prev != h) && h != "" && e.cfg.OnNewLeader != nil {
		e.cfg.OnNewLeader(h)
	}
}

// release clears holderIdentity if this candidate still holds the lease,
// so that others need not wait for it to expire. renewTime is set to the
// release time: the end of this holder's term in the lease's history.
func (e *Elector) release(ctx context.Context, log *slog.Logger) {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), e.cfg.RenewDeadline)
	defer cancel()
	lease, err := e.leases.Get(rctx, e.cfg.Name)
	if err != nil || holderOf(lease) != e.cfg.Identity {
		return
	}
	l := lease.DeepCopy()
	now := apiobj.NewMicroTime(e.cfg.Clock.Now())
	l.Spec.HolderIdentity = nil
	l.Spec.RenewTime = &now
	if _, err := e.leases.Update(rctx, l); err != nil {
		log.Warn("releasing the lease failed", "err", err)
		return
	}
	log.Info("released the lease")
}

func holderOf(l *apiobj.Lease) string {
	if l.Spec.HolderIdentity == nil {
		return ""
	}
	return *l.Spec.HolderIdentity
}

func durationOf(l *apiobj.Lease, def time.Duration) time.Duration {
	if l.Spec.LeaseDurationSeconds == nil || *l.Spec.LeaseDurationSeconds <= 0 {
		return def
	}
	return time.Duration(*l.Spec.LeaseDurationSeconds) * time.Second
}

// term is the context of one term of leadership. It is cancelled when its
// deadline passes on the clock: by a timer, and also by Err itself, which
// checks the clock, so that a caller that checks Err never acts after the
// deadline even if the timer has not fired yet (a paused process).
type term struct {
	context.Context
	cancel context.CancelFunc
	clock  clock.Clock
	lost   atomic.Bool // another candidate holds the lease
	mu     sync.Mutex  // guards until and timer
	until  time.Time
	timer  clock.Timer
}

func newTerm(parent context.Context, c clock.Clock, until time.Time) *term {
	ctx, cancel := context.WithCancel(parent)
	t := &term{Context: ctx, cancel: cancel, clock: c}
	t.extend(until)
	return t
}

// Err implements context.Context.
func (t *term) Err() error {
	if err := t.Context.Err(); err != nil {
		return err
	}
	if !t.clock.Now().Before(t.deadline()) {
		t.cancel()
		return t.Context.Err()
	}
	return nil
}

func (t *term) deadline() time.Time {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.until
}

// extend moves the deadline to until and re-arms the timer.
func (t *term) extend(until time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.until = until
	t.armLocked()
}

func (t *term) armLocked() {
	if t.timer != nil {
		t.timer.Stop()
	}
	t.timer = t.clock.AfterFunc(t.until.Sub(t.clock.Now()), t.check)
}

func (t *term) check() {
	if t.Context.Err() != nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.clock.Now().Before(t.until) {
		t.cancel()
		return
	}
	t.armLocked() // extended since this timer was armed
}

// lose ends the term because the lease is someone else's.
func (t *term) lose() {
	t.lost.Store(true)
	t.cancel()
}

// stop cancels the term and its timer.
func (t *term) stop() {
	t.cancel()
	t.mu.Lock()
	if t.timer != nil {
		t.timer.Stop()
	}
	t.mu.Unlock()
}
