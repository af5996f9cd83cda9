package memory

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store"
)

var _ store.Interface = (*memStore)(nil)

var errClosed = fmt.Errorf("memory: store is closed: %w", errdefs.ErrUnavailable)

// version is one revision of a key. A tombstone (the key was deleted at
// modRev) has createRev zero.
type version struct {
	modRev    int64
	createRev int64
	value     []byte
}

func (v *version) tombstone() bool { return v.createRev == 0 }

// keyEntry is a key with its retained versions, oldest first. While it is in
// the index it holds at least one version.
type keyEntry struct {
	key      string
	versions []version
}

func (e *keyEntry) latest() *version { return &e.versions[len(e.versions)-1] }

// live returns the key's current version, or nil when it is deleted.
func (e *keyEntry) live() *version {
	if v := e.latest(); !v.tombstone() {
		return v
	}
	return nil
}

// at returns the version visible at rev, or nil when the key did not exist
// then.
func (e *keyEntry) at(rev int64) *version {
	// Most reads are at a revision after the latest write.
	if v := e.latest(); v.modRev <= rev {
		if v.tombstone() {
			return nil
		}
		return v
	}
	lo, hi := 0, len(e.versions)
	for lo < hi { // first version with modRev > rev
		m := int(uint(lo+hi) >> 1)
		if e.versions[m].modRev <= rev {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == 0 || e.versions[lo-1].tombstone() {
		return nil
	}
	return &e.versions[lo-1]
}

// logEntry is the change made at one revision.
type logEntry struct {
	ke        *keyEntry
	typ       store.EventType
	createRev int64  // zero for Deleted
	value     []byte // nil for Deleted
	prev      []byte // the value before a Modified or Deleted
	at        int64  // nanoseconds since memStore.epoch
}

// memStore is the store. Values are copied on the way in and out, so callers
// own the slices they pass and receive.
type memStore struct {
	cfg   Config
	epoch time.Time

	mu sync.RWMutex
	// Guarded by mu:
	closed     bool
	index      btree      // every key with retained versions
	rev        int64      // revision of the latest write
	compactRev int64      // reads at a revision below it give ErrGone
	logStart   int64      // revision of log[0]; watches from below it give ErrGone
	log        []logEntry // one entry per revision logStart..rev
	leases     leaseHeap

	watchers registry

	done      chan struct{} // closed by Close
	leaseKick chan struct{} // wakes the janitor when a lease is added
	wg        sync.WaitGroup
}

// New returns an empty store. It starts one background goroutine (lease
// expiry, age-based compaction and progress notifications) that Close stops.
// New panics if cfg.Validate fails.
func New(cfg Config) store.Interface {
	if err := cfg.Validate(); err != nil {
		panic(err)
	}
	s := &memStore{
		cfg:       cfg.withDefaults(),
		epoch:     time.Now(),
		logStart:  1,
		done:      make(chan struct{}),
		leaseKick: make(chan struct{}, 1),
	}
	s.watchers.init()
	s.wg.Add(1)
	go s.janitor()
	return s
}

func (s *memStore) now() int64 { return int64(time.Since(s.epoch)) }

func checkKey(key string) error {
	if key == "" {
		return fmt.Errorf("memory: empty key: %w", errdefs.ErrBadRequest)
	}
	return nil
}

func clone(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append(make([]byte, 0, len(b)), b...)
}

func (s *memStore) Get(ctx context.Context, key string) (store.KeyValue, error) {
	if err := ctx.Err(); err != nil {
		return store.KeyValue{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return store.KeyValue{}, errClosed
	}
	ke := s.index.Get(key)
	if ke == nil || ke.live() == nil {
		return store.KeyValue{}, fmt.Errorf("memory: key %q: %w", key, store.ErrNotFound)
	}
	v := ke.latest()
	return store.KeyValue{Key: key, Value: clone(v.value), CreateRevision: v.createRev, ModRevision: v.modRev}, nil
}

// readRev checks that rev can be read. s.mu must be held.
func (s *memStore) readRev(rev int64) error {
	switch {
	case rev < s.compactRev:
		return fmt.Errorf("memory: revision %d is compacted (oldest readable %d): %w", rev, s.compactRev, store.ErrGone)
	case rev > s.rev:
		return fmt.Errorf("memory: revision %d is in the future (current %d): %w", rev, s.rev, errdefs.ErrBadRequest)
	}
	return nil
}

func (s *memStore) List(ctx context.Context, prefix string, opts store.ListOptions) (store.ListResult, error) {
	if err := ctx.Err(); err != nil {
		return store.ListResult{}, err
	}
	if opts.Limit < 0 || opts.Revision < 0 {
		return store.ListResult{}, fmt.Errorf("memory: negative limit or revision: %w", errdefs.ErrBadRequest)
	}
	var tok continueToken
	if opts.Continue != "" {
		var err error
		if tok, err = decodeContinue(opts.Continue, prefix); err != nil {
			return store.ListResult{}, err
		}
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return store.ListResult{}, errClosed
	}
	rev, from := s.rev, prefix
	switch {
	case opts.Continue != "":
		rev, from = tok.Rev, tok.Last+"\x00"
	case opts.Revision > 0:
		rev = opts.Revision
	}
	if err := s.readRev(rev); err != nil {
		return store.ListResult{}, err
	}
	var (
		found     []*version
		keys      []string
		size      int
		remaining int64
	)
	s.index.Ascend(from, func(ke *keyEntry) bool {
		if !strings.HasPrefix(ke.key, prefix) {
			return false
		}
		v := ke.at(rev)
		if v == nil {
			return true
		}
		if opts.Limit > 0 && int64(len(found)) == opts.Limit {
			remaining++
			return true
		}
		found = append(found, v)
		keys = append(keys, ke.key)
		size += len(v.value)
		return true
	})
	// One allocation for every value of the page.
	buf := make([]byte, 0, size)
	items := make([]store.KeyValue, len(found))
	for i, v := range found {
		start := len(buf)
		buf = append(buf, v.value...)
		var val []byte
		if v.value != nil {
			val = buf[start:len(buf):len(buf)]
		}
		items[i] = store.KeyValue{Key: keys[i], Value: val, CreateRevision: v.createRev, ModRevision: v.modRev}
	}
	res := store.ListResult{Items: items, Revision: rev, Remaining: remaining}
	if remaining > 0 {
		res.Continue = encodeContinue(rev, keys[len(keys)-1])
	}
	return res, nil
}

func (s *memStore) Count(ctx context.Context, prefix string) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return 0, errClosed
	}
	var n int64
	s.index.Ascend(prefix, func(ke *keyEntry) bool {
		if !strings.HasPrefix(ke.key, prefix) {
			return false
		}
		if ke.live() != nil {
			n++
		}
		return true
	})
	return n, nil
}

func (s *memStore) CurrentRevision(ctx context.Context) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return 0, errClosed
	}
	return s.rev, nil
}

func (s *memStore) Create(ctx context.Context, key string, value []byte, opts ...store.CreateOption) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if err := checkKey(key); err != nil {
		return 0, err
	}
	o := store.BuildCreateOptions(opts...)
	value = clone(value)
	if value == nil {
		value = []byte{}
	}
	now := s.now()
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return 0, errClosed
	}
	ke := s.index.Get(key)
	if ke != nil && ke.live() != nil {
		s.mu.Unlock()
		return 0, fmt.Errorf("memory: key %q: %w", key, store.ErrAlreadyExists)
	}
	if ke == nil {
		ke = &keyEntry{key: key, versions: make([]version, 0, 1)}
		s.index.Insert(ke)
	}
	rev := s.rev + 1
	ke.versions = append(ke.versions, version{modRev: rev, createRev: rev, value: value})
	s.appendLocked(logEntry{ke: ke, typ: store.Added, createRev: rev, value: value, at: now})
	kick := false
	if o.TTL > 0 {
		kick = s.leases.push(lease{at: now + int64(o.TTL), key: key, createRev: rev})
	}
	s.mu.Unlock()
	if kick {
		select {
		case s.leaseKick <- struct{}{}:
		default:
		}
	}
	s.watchers.notify(key)
	return rev, nil
}

func (s *memStore) Update(ctx context.Context, key string, value []byte, expectedRevision int64) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if err := checkKey(key); err != nil {
		return 0, err
	}
	value = clone(value)
	if value == nil {
		value = []byte{}
	}
	now := s.now()
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return 0, errClosed
	}
	ke := s.index.Get(key)
	var cur *version
	if ke != nil {
		cur = ke.live()
	}
	if cur == nil {
		s.mu.Unlock()
		return 0, fmt.Errorf("memory: key %q: %w", key, store.ErrNotFound)
	}
	if cur.modRev != expectedRevision {
		mod := cur.modRev
		s.mu.Unlock()
		return 0, fmt.Errorf("memory: key %q is at revision %d, not %d: %w", key, mod, expectedRevision, store.ErrConflict)
	}
	rev := s.rev + 1
	createRev, prev := cur.createRev, cur.value
	ke.versions = append(ke.versions, version{modRev: rev, createRev: createRev, value: value})
	s.appendLocked(logEntry{ke: ke, typ: store.Modified, createRev: createRev, value: value, prev: prev, at: now})
	s.mu.Unlock()
	s.watchers.notify(key)
	return rev, nil
}

func (s *memStore) Delete(ctx context.Context, key string, opts ...store.DeleteOption) (int64, store.KeyValue, error) {
	if err := ctx.Err(); err != nil {
		return 0, store.KeyValue{}, err
	}
	if err := checkKey(key); err != nil {
		return 0, store.KeyValue{}, err
	}
	o := store.BuildDeleteOptions(opts...)
	now := s.now()
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return 0, store.KeyValue{}, errClosed
	}
	ke := s.index.Get(key)
	var cur *version
	if ke != nil {
		cur = ke.live()
	}
	if cur == nil {
		s.mu.Unlock()
		return 0, store.KeyValue{}, fmt.Errorf("memory: key %q: %w", key, store.ErrNotFound)
	}
	if o.ExpectedRevision != 0 && cur.modRev != o.ExpectedRevision {
		mod := cur.modRev
		s.mu.Unlock()
		return 0, store.KeyValue{}, fmt.Errorf("memory: key %q is at revision %d, not %d: %w", key, mod, o.ExpectedRevision, store.ErrConflict)
	}
	last := store.KeyValue{Key: key, Value: clone(cur.value), CreateRevision: cur.createRev, ModRevision: cur.modRev}
	rev := s.deleteLocked(ke, now)
	s.mu.Unlock()
	s.watchers.notify(key)
	return rev, last, nil
}

// deleteLocked writes a tombstone for ke, which is live, and returns its
// revision. s.mu must be held for writing.
func (s *memStore) deleteLocked(ke *keyEntry, now int64) int64 {
	prev := ke.latest().value
	rev := s.rev + 1
	ke.versions = append(ke.versions, version{modRev: rev})
	s.appendLocked(logEntry{ke: ke, typ: store.Deleted, prev: prev, at: now})
	return rev
}

// appendLocked records the change at revision s.rev+1 and compacts the
// history down to HistoryRevisions. s.mu must be held for writing.
func (s *memStore) appendLocked(e logEntry) {
	s.rev++
	s.log = append(s.log, e)
	if excess := len(s.log) - s.cfg.HistoryRevisions; excess > 0 {
		s.dropLocked(excess)
	}
}

// dropLocked discards the n oldest history entries and the versions that
// only they could reveal. s.mu must be held for writing.
func (s *memStore) dropLocked(n int) {
	for i := range n {
		s.trimLocked(s.log[i].ke, s.logStart+int64(i))
	}
	clear(s.log[:n])
	s.log = s.log[n:]
	s.logStart += int64(n)
	s.compactRev = max(s.compactRev, s.logStart-1)
}

// trimLocked drops the versions of ke older than rev, the revision of one of
// its writes that is leaving the history, and a tombstone at rev. A key left
// without versions leaves the index.
func (s *memStore) trimLocked(ke *keyEntry, rev int64) {
	vs := ke.versions
	i := 0
	for i < len(vs) && vs[i].modRev < rev {
		i++
	}
	if i < len(vs) && vs[i].modRev == rev && vs[i].tombstone() {
		i++
	}
	if i == 0 {
		return
	}
	clear(vs[:i])
	vs = vs[i:]
	switch {
	case len(vs) == 0:
		// The key's last write was this deletion: nothing is left to read.
		if s.index.Get(ke.key) == ke {
			s.index.Delete(ke.key)
		}
		vs = nil
	case cap(vs) > 8 && len(vs) <= cap(vs)/4:
		vs = append(make([]version, 0, len(vs)*2), vs...)
	}
	ke.versions = vs
}

func (s *memStore) Compact(ctx context.Context, revision int64) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return errClosed
	}
	if revision > s.rev {
		return fmt.Errorf("memory: cannot compact revision %d, current is %d: %w", revision, s.rev, errdefs.ErrBadRequest)
	}
	if revision <= s.compactRev {
		return nil
	}
	if n := revision - s.logStart; n > 0 {
		s.dropLocked(int(n))
	}
	s.compactRev = revision
	return nil
}

// compactByAge drops history older than HistoryAge.
func (s *memStore) compactByAge() {
	cutoff := s.now() - int64(s.cfg.HistoryAge)
	s.mu.Lock()
	defer s.mu.Unlock()
	lo, hi := 0, len(s.log)
	for lo < hi { // first entry younger than cutoff
		m := int(uint(lo+hi) >> 1)
		if s.log[m].at <= cutoff {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo > 0 {
		s.dropLocked(lo)
	}
}

// expireLeases deletes the keys whose leases are due and returns when the
// next lease is due (0 when none is left).
func (s *memStore) expireLeases() int64 {
	now := s.now()
	var keys []string
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return 0
	}
	for len(s.leases) > 0 && s.leases[0].at <= now {
		l := s.leases.pop()
		ke := s.index.Get(l.key)
		if ke == nil {
			continue
		}
		if cur := ke.live(); cur == nil || cur.createRev != l.createRev {
			continue // deleted, or deleted and created again without this lease
		}
		s.deleteLocked(ke, now)
		keys = append(keys, l.key)
	}
	var next int64
	if len(s.leases) > 0 {
		next = s.leases[0].at
	}
	s.mu.Unlock()
	for _, k := range keys {
		s.watchers.notify(k)
	}
	return next
}

// janitor runs lease expiry, age-based compaction and progress ticks until
// Close.
func (s *memStore) janitor() {
	defer s.wg.Done()
	ageEvery := min(max(s.cfg.HistoryAge/10, 10*time.Millisecond), 10*time.Second)
	ageTick := time.NewTicker(ageEvery)
	defer ageTick.Stop()
	progressTick := time.NewTicker(s.cfg.ProgressInterval)
	defer progressTick.Stop()
	leaseTimer := time.NewTimer(time.Hour)
	leaseTimer.Stop()
	defer leaseTimer.Stop()
	for {
		select {
		case <-s.done:
			return
		case <-ageTick.C:
			s.compactByAge()
			continue
		case <-progressTick.C:
			s.watchers.tickProgress()
			continue
		case <-s.leaseKick:
		case <-leaseTimer.C:
		}
		if next := s.expireLeases(); next > 0 {
			leaseTimer.Reset(time.Duration(next - s.now()))
		}
	}
}

func (s *memStore) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	s.mu.Unlock()
	close(s.done)
	s.watchers.signalAll()
	s.wg.Wait()
	s.mu.Lock()
	s.index = btree{}
	s.log = nil
	s.leases = nil
	s.mu.Unlock()
	return nil
}
