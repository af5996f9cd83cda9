package storetest

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anishathalye/porcupine"

	"github.com/orcaproj/orca/store"
)

// LinearizabilityOptions configure RecordHistory and CheckLinearizable. The
// zero value gives the suite's workload.
type LinearizabilityOptions struct {
	// Clients run the keyed workload concurrently. Zero means 12.
	Clients int
	// Operations is the length of the keyed workload. Zero means 10000
	// (2000 in CheckLinearizable under -short).
	Operations int
	// ListOperations is the length of the list workload, whose history is
	// checked without partitioning: many operations with an unknown outcome
	// make it expensive to check. Zero means Operations/10 (at least 50);
	// negative means none.
	ListOperations int
	// Keys is how many keys the keyed workload shares. Zero means 5.
	Keys int
	// Prefix is where the workloads' keys live; it must end with "/" and
	// hold no keys. Empty means a fresh random prefix under
	// "/storetest/linearizable/".
	Prefix string
	// OpTimeout bounds one operation. An operation that fails with an
	// error outside the store's vocabulary (ErrNotFound, ErrAlreadyExists,
	// ErrConflict), times out included, has an unknown outcome: a write
	// then counts as possibly applied, and a read is dropped. Zero means
	// 10 seconds.
	OpTimeout time.Duration
	// CheckTimeout bounds the porcupine checker. Zero means 2 minutes.
	CheckTimeout time.Duration
	// During, when set, runs concurrently with the workloads, with a
	// context that is cancelled when they finish. It is where a test stops
	// and restarts a backend member, for example.
	During func(ctx context.Context)
	// Seed seeds the workloads' random choices. Zero picks a seed, which
	// History.Seed reports.
	Seed uint64
	// VisualizationDir is where Check writes porcupine's HTML
	// visualization of a violation. Empty means os.TempDir().
	VisualizationDir string
}

func (o LinearizabilityOptions) withDefaults() LinearizabilityOptions {
	if o.Clients <= 0 {
		o.Clients = 12
	}
	if o.Operations <= 0 {
		o.Operations = 10000
	}
	if o.Keys <= 0 {
		o.Keys = 5
	}
	if o.ListOperations == 0 {
		o.ListOperations = max(o.Operations/10, 50)
	}
	if o.Prefix == "" {
		o.Prefix = fmt.Sprintf("/storetest/linearizable/%016x/", rand.Uint64())
	}
	if o.OpTimeout <= 0 {
		o.OpTimeout = 10 * time.Second
	}
	if o.CheckTimeout <= 0 {
		o.CheckTimeout = 2 * time.Minute
	}
	if o.Seed == 0 {
		o.Seed = rand.Uint64() | 1
	}
	return o
}

// CheckLinearizable records a concurrent history against s with
// RecordHistory and fails tb unless History.Check accepts it. s must be
// usable for the whole call; opts.During may disturb it.
func CheckLinearizable(tb testing.TB, s store.Interface, opts LinearizabilityOptions) {
	tb.Helper()
	if opts.Operations <= 0 && testing.Short() {
		opts.Operations = 2000
	}
	h, err := RecordHistory(tb.Context(), s, opts)
	if err != nil {
		tb.Fatalf("recording the history: %v", err)
	}
	tb.Logf("recorded %d operations from %d clients in %v, seed %d: %s",
		h.Len(), h.opts.Clients+listClients, h.elapsed.Round(time.Millisecond), h.opts.Seed, h.Summary())
	start := time.Now()
	if err := h.Check(); err != nil {
		tb.Fatal(err)
	}
	tb.Logf("checked in %v", time.Since(start).Round(time.Millisecond))
}

// The list workload's size, fixed so that its model state is an array.
const (
	listClients = 6
	listKeys    = 3
)

type opKind uint8

const (
	opGet opKind = iota
	opCreate
	opUpdate
	opDelete
	opList
)

func (k opKind) String() string {
	return [...]string{"get", "create", "update", "delete", "list"}[k]
}

type outcome uint8

const (
	outOK outcome = iota
	outNotFound
	outExists
	outConflict
	outUnknown
)

func (o outcome) String() string {
	return [...]string{"ok", "not-found", "exists", "conflict", "unknown"}[o]
}

func classify(err error) outcome {
	switch {
	case err == nil:
		return outOK
	case errors.Is(err, store.ErrNotFound):
		return outNotFound
	case errors.Is(err, store.ErrAlreadyExists):
		return outExists
	case errors.Is(err, store.ErrConflict):
		return outConflict
	}
	return outUnknown
}

// obs is one key as a read saw it.
type obs struct {
	found bool
	value string
	rev   int64 // ModRevision
}

// record is one operation of a history.
type record struct {
	client  int
	kind    opKind
	key     int    // index into the workload's keys; -1 for List
	value   string // Create and Update
	expect  int64  // Update: expected revision; Delete: precondition, 0 for none
	call    int64  // nanoseconds since the history started
	ret     int64  // math.MaxInt64 when the outcome is unknown
	outcome outcome
	rev     int64 // writes: new revision; List: read revision
	read    obs   // Get: the key; Delete: the last value
	list    []obs // List: every key, by index
	err     error // the error, when the outcome is unknown
}

// History is a recorded concurrent history of operations against a store.
// What Check verifies, and what it does not:
//
//   - The keyed workload (Clients clients, Operations operations over Keys
//     keys: Get, Create, Update with the revision the client last saw,
//     Delete with and without a precondition, and List of the whole prefix)
//     is checked with porcupine, partitioned by key. A List contributes a
//     read of every key to every partition, at the List's call and return
//     times. Per key this checks values, existence, ModRevisions and the
//     outcome of every precondition. It does not, by itself, check that a
//     List is one atomic snapshot across keys.
//   - Across keys, revisions are checked directly: revisions of successful
//     writes are unique; a write or List that starts after another write
//     or List returned has a larger (List: not smaller) revision; every
//     List item's ModRevision is at most the List's revision; and each List
//     equals the state obtained by applying the successful writes up to
//     the List's revision in revision order. Keys touched by a write with an
//     unknown outcome whose revision the history never revealed are left
//     out of that last check from the write's call on. A Get returns no
//     read revision, so Gets are checked per key only.
//   - A smaller list workload (6 clients, ListOperations operations over
//     3 keys, with many Lists) runs at the same time under a second prefix
//     and is checked with porcupine without partitioning, so that the model
//     itself checks that each List is one atomic snapshot. Its model also
//     tracks the global revision: writes get rising revisions along the
//     linearization, and a List at revision R lies after every write with a
//     revision up to R and before every write above it.
type History struct {
	opts    LinearizabilityOptions
	keyed   []record // the keyed workload, over opts.Keys keys
	listed  []record // the list workload, over listKeys keys
	elapsed time.Duration
	bad     []error // problems found while recording (keys outside the workload)
}

// Len returns the number of operations recorded.
func (h *History) Len() int { return len(h.keyed) + len(h.listed) }

// Unknown returns how many operations had an unknown outcome.
func (h *History) Unknown() int {
	n := 0
	for _, r := range slices.Concat(h.keyed, h.listed) {
		if r.outcome == outUnknown {
			n++
		}
	}
	return n
}

// Summary counts the operations by kind and outcome.
func (h *History) Summary() string {
	var counts [opList + 1][outUnknown + 1]int
	for _, r := range slices.Concat(h.keyed, h.listed) {
		counts[r.kind][r.outcome]++
	}
	var parts []string
	for k := range counts {
		var outs []string
		for o, n := range counts[k] {
			if n > 0 {
				outs = append(outs, fmt.Sprintf("%d %s", n, outcome(o)))
			}
		}
		parts = append(parts, fmt.Sprintf("%s: %s", opKind(k), strings.Join(outs, ", ")))
	}
	return strings.Join(parts, "; ")
}

// Seed returns the seed of the workload's random choices.
func (h *History) Seed() uint64 { return h.opts.Seed }

// RecordHistory runs the linearizability workloads against s and returns
// their history. It fails only when the workload cannot start; errors of
// individual operations are part of the history.
func RecordHistory(ctx context.Context, s store.Interface, opts LinearizabilityOptions) (*History, error) {
	opts = opts.withDefaults()
	if !strings.HasSuffix(opts.Prefix, "/") {
		return nil, fmt.Errorf("storetest: prefix %q does not end with /", opts.Prefix)
	}
	n, err := s.Count(ctx, opts.Prefix)
	if err != nil {
		return nil, fmt.Errorf("storetest: counting prefix %q: %w", opts.Prefix, err)
	}
	if n != 0 {
		return nil, fmt.Errorf("storetest: prefix %q holds %d keys; it must be empty", opts.Prefix, n)
	}
	h := &History{opts: opts}
	keyed := &workload{
		s: s, prefix: opts.Prefix + "k/", clients: opts.Clients, ops: int64(opts.Operations),
		opTimeout: opts.OpTimeout, weights: [5]int{opGet: 25, opCreate: 15, opUpdate: 30, opDelete: 10, opList: 20},
	}
	listed := &workload{
		s: s, prefix: opts.Prefix + "l/", clients: listClients, ops: int64(max(opts.ListOperations, 0)),
		opTimeout: opts.OpTimeout, weights: [5]int{opGet: 10, opCreate: 20, opUpdate: 20, opDelete: 15, opList: 35},
		clientBase: opts.Clients,
	}
	for i := range opts.Keys {
		keyed.keys = append(keyed.keys, keyed.prefix+strconv.Itoa(i))
	}
	for i := range listKeys {
		listed.keys = append(listed.keys, listed.prefix+strconv.Itoa(i))
	}
	start := time.Now()
	wctx, cancel := context.WithCancel(ctx)
	var during sync.WaitGroup
	if opts.During != nil {
		during.Go(func() { opts.During(wctx) })
	}
	var wg sync.WaitGroup
	wg.Go(func() { keyed.run(ctx, start, opts.Seed) })
	wg.Go(func() { listed.run(ctx, start, opts.Seed+1) })
	wg.Wait()
	cancel()
	during.Wait()
	h.elapsed = time.Since(start)
	h.keyed, h.listed = keyed.history(), listed.history()
	h.bad = append(keyed.bad, listed.bad...)
	return h, nil
}

// workload is a set of clients running random operations over keys.
type workload struct {
	s          store.Interface
	prefix     string
	keys       []string
	clients    int
	clientBase int
	ops        int64
	opTimeout  time.Duration
	weights    [5]int

	issued atomic.Int64
	mu     sync.Mutex
	recs   [][]record
	bad    []error
}

func (w *workload) run(ctx context.Context, start time.Time, seed uint64) {
	w.recs = make([][]record, w.clients)
	var wg sync.WaitGroup
	for c := range w.clients {
		wg.Go(func() { w.recs[c] = w.client(ctx, start, c, seed) })
	}
	wg.Wait()
}

func (w *workload) history() []record {
	var all []record
	for _, r := range w.recs {
		all = append(all, r...)
	}
	return all
}

func (w *workload) pick(rng *rand.Rand) opKind {
	total := 0
	for _, x := range w.weights {
		total += x
	}
	n := rng.IntN(total)
	for k, x := range w.weights {
		if n < x {
			return opKind(k)
		}
		n -= x
	}
	return opGet
}

func (w *workload) client(ctx context.Context, start time.Time, c int, seed uint64) []record {
	rng := rand.New(rand.NewPCG(seed, uint64(c)))
	seen := make([]int64, len(w.keys)) // ModRevision this client last saw per key
	var recs []record
	seq := 0
	now := func() int64 { return int64(time.Since(start)) }
	for w.issued.Add(1) <= w.ops && ctx.Err() == nil {
		r := record{client: w.clientBase + c, kind: w.pick(rng), key: rng.IntN(len(w.keys))}
		key := w.keys[r.key]
		octx, cancel := context.WithTimeout(ctx, w.opTimeout)
		var err error
		switch r.kind {
		case opGet:
			r.call = now()
			var kv store.KeyValue
			kv, err = w.s.Get(octx, key)
			r.ret = now()
			if err == nil {
				r.read = obs{found: true, value: string(kv.Value), rev: kv.ModRevision}
				seen[r.key] = kv.ModRevision
			}
		case opCreate, opUpdate:
			seq++
			r.value = fmt.Sprintf("c%d-%d", r.client, seq)
			r.call = now()
			if r.kind == opCreate {
				r.rev, err = w.s.Create(octx, key, []byte(r.value))
			} else {
				r.expect = seen[r.key]
				if rng.IntN(10) == 0 {
					r.expect = rng.Int64N(max(seen[r.key], 1)) + 1 // often stale
				}
				r.rev, err = w.s.Update(octx, key, []byte(r.value), r.expect)
			}
			r.ret = now()
			if err == nil {
				seen[r.key] = r.rev
			}
		case opDelete:
			var opts []store.DeleteOption
			if rng.IntN(2) == 0 {
				r.expect = seen[r.key]
				if r.expect == 0 {
					r.expect = 1
				}
				opts = append(opts, store.WithExpectedRevision(r.expect))
			}
			r.call = now()
			var last store.KeyValue
			r.rev, last, err = w.s.Delete(octx, key, opts...)
			r.ret = now()
			if err == nil {
				r.read = obs{found: true, value: string(last.Value), rev: last.ModRevision}
			}
		case opList:
			r.key = -1
			r.call = now()
			var res store.ListResult
			res, err = w.s.List(octx, w.prefix, store.ListOptions{})
			r.ret = now()
			if err == nil {
				r.rev = res.Revision
				r.list = make([]obs, len(w.keys))
				for i, kv := range res.Items {
					idx := slices.Index(w.keys, kv.Key)
					if idx < 0 || (i > 0 && res.Items[i-1].Key >= kv.Key) {
						w.mu.Lock()
						w.bad = append(w.bad, fmt.Errorf("list of %q at revision %d returned key %q out of order or outside the workload", w.prefix, res.Revision, kv.Key))
						w.mu.Unlock()
						continue
					}
					r.list[idx] = obs{found: true, value: string(kv.Value), rev: kv.ModRevision}
					seen[idx] = kv.ModRevision
				}
			}
		}
		cancel()
		r.outcome = classify(err)
		if r.outcome == outUnknown {
			r.err = err
			if r.kind == opGet || r.kind == opList {
				continue // a failed read constrains nothing
			}
			r.ret = math.MaxInt64
		}
		recs = append(recs, r)
	}
	return recs
}

// Check reports whether the history is linearizable, as the History
// documentation describes. The error lists what is wrong; when porcupine finds a
// violation, it also names an HTML visualization written to
// LinearizabilityOptions.VisualizationDir.
func (h *History) Check() error {
	errs := slices.Clone(h.bad)
	errs = append(errs, checkRevisions(slices.Concat(h.keyed, h.listed))...)
	errs = append(errs, checkListSnapshots(h.keyed, h.opts.Keys)...)
	errs = append(errs, checkListSnapshots(h.listed, listKeys)...)
	if err := h.porcupineKeyed(); err != nil {
		errs = append(errs, err)
	}
	if err := h.porcupineListed(); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 10 {
		errs = append(errs[:10], fmt.Errorf("... and %d more problems", len(errs)-10))
	}
	return errors.Join(errs...)
}

func (r *record) describe() string {
	ret := "∞"
	if r.ret != math.MaxInt64 {
		ret = strconv.FormatInt(r.ret, 10)
	}
	return fmt.Sprintf("client %d %s key %d value %q expect %d [%d,%s] -> %s rev %d read %+v list %+v",
		r.client, r.kind, r.key, r.value, r.expect, r.call, ret, r.outcome, r.rev, r.read, r.list)
}

func isWrite(k opKind) bool { return k == opCreate || k == opUpdate || k == opDelete }

// checkRevisions checks that revisions of successful writes are unique and
// that revisions follow real time across all keys.
func checkRevisions(recs []record) []error {
	var errs []error
	var known []*record // successful writes and Lists
	byRev := map[int64]*record{}
	for i := range recs {
		r := &recs[i]
		if r.outcome != outOK || (!isWrite(r.kind) && r.kind != opList) {
			continue
		}
		known = append(known, r)
		if !isWrite(r.kind) {
			for _, o := range r.list {
				if o.found && o.rev > r.rev {
					errs = append(errs, fmt.Errorf("list item at revision %d is newer than the list's revision: %s", o.rev, r.describe()))
				}
			}
			continue
		}
		if o, dup := byRev[r.rev]; dup {
			errs = append(errs, fmt.Errorf("two writes got revision %d:\n  %s\n  %s", r.rev, o.describe(), r.describe()))
		}
		byRev[r.rev] = r
	}
	// Sweep by call time, keeping the largest revision of the operations
	// that returned before the current one was called.
	byRet := slices.Clone(known)
	slices.SortFunc(byRet, func(a, b *record) int { return cmpInt(a.ret, b.ret) })
	byCall := slices.Clone(known)
	slices.SortFunc(byCall, func(a, b *record) int { return cmpInt(a.call, b.call) })
	var maxRev int64
	var maxRec *record
	j := 0
	for _, r := range byCall {
		for j < len(byRet) && byRet[j].ret < r.call {
			if byRet[j].rev > maxRev {
				maxRev, maxRec = byRet[j].rev, byRet[j]
			}
			j++
		}
		if maxRec == nil {
			continue
		}
		if isWrite(r.kind) && r.rev <= maxRev || r.kind == opList && r.rev < maxRev {
			errs = append(errs, fmt.Errorf("revision goes back in real time:\n  %s\nstarted after\n  %s", r.describe(), maxRec.describe()))
		}
	}
	return errs
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// checkListSnapshots checks that every successful List equals the state of
// its keys at the List's revision, rebuilt from the writes.
func checkListSnapshots(recs []record, nkeys int) []error {
	type point struct {
		rev int64
		o   obs
	}
	timeline := make([][]point, nkeys) // per key, by revision
	blindFrom := make([]int64, nkeys)  // unresolved unknown write called at
	valueRev := map[string]int64{}     // value -> ModRevision seen by a read
	for i := range blindFrom {
		blindFrom[i] = math.MaxInt64
	}
	for _, r := range recs {
		if r.outcome != outOK {
			continue
		}
		switch r.kind {
		case opGet:
			if r.read.found {
				valueRev[r.read.value] = r.read.rev
			}
		case opList:
			for _, o := range r.list {
				if o.found {
					valueRev[o.value] = o.rev
				}
			}
		}
	}
	for _, r := range recs {
		if !isWrite(r.kind) {
			continue
		}
		switch {
		case r.outcome == outOK && r.kind == opDelete:
			timeline[r.key] = append(timeline[r.key], point{rev: r.rev})
		case r.outcome == outOK:
			timeline[r.key] = append(timeline[r.key], point{rev: r.rev, o: obs{found: true, value: r.value, rev: r.rev}})
		case r.outcome == outUnknown:
			if rev, ok := valueRev[r.value]; ok && r.kind != opDelete {
				timeline[r.key] = append(timeline[r.key], point{rev: rev, o: obs{found: true, value: r.value, rev: rev}})
			} else {
				blindFrom[r.key] = min(blindFrom[r.key], r.call)
			}
		}
	}
	for _, tl := range timeline {
		slices.SortFunc(tl, func(a, b point) int { return cmpInt(a.rev, b.rev) })
	}
	var errs []error
	for _, r := range recs {
		if r.kind != opList || r.outcome != outOK {
			continue
		}
		for k, got := range r.list {
			if blindFrom[k] < r.ret {
				continue
			}
			tl := timeline[k]
			i, _ := slices.BinarySearchFunc(tl, r.rev+1, func(p point, rev int64) int { return cmpInt(p.rev, rev) })
			var want obs
			if i > 0 {
				want = tl[i-1].o
			}
			if got != want {
				errs = append(errs, fmt.Errorf("list at revision %d saw key %d as %+v, but the writes up to that revision leave %+v: %s", r.rev, k, got, want, r.describe()))
			}
		}
	}
	return errs
}

// kstate is one key in the porcupine models. revKnown is false after a write
// with an unknown outcome, until a read pins the revision.
type kstate struct {
	exists   bool
	value    string
	rev      int64
	revKnown bool
}

var initKey = kstate{revKnown: true}

type linInput struct {
	kind   opKind
	value  string
	expect int64
}

type linOutput struct {
	outcome outcome
	rev     int64
	read    obs
}

func later(st kstate, rev int64) bool { return !st.revKnown || rev > st.rev }

// stepKey is the sequential specification of one key.
func stepKey(st kstate, in linInput, out linOutput) (bool, kstate) {
	switch in.kind {
	case opGet, opList:
		if !out.read.found {
			return !st.exists, st
		}
		if !st.exists || st.value != out.read.value || st.revKnown && st.rev != out.read.rev {
			return false, st
		}
		st.rev, st.revKnown = out.read.rev, true
		return true, st
	case opCreate:
		switch out.outcome {
		case outOK:
			return !st.exists && later(st, out.rev), kstate{exists: true, value: in.value, rev: out.rev, revKnown: true}
		case outExists:
			return st.exists, st
		case outUnknown:
			if st.exists {
				return true, st
			}
			return true, kstate{exists: true, value: in.value}
		}
	case opUpdate:
		match := st.exists && (!st.revKnown || st.rev == in.expect)
		switch out.outcome {
		case outOK:
			return match && later(st, out.rev), kstate{exists: true, value: in.value, rev: out.rev, revKnown: true}
		case outConflict:
			return st.exists && (!st.revKnown || st.rev != in.expect), st
		case outNotFound:
			return !st.exists, st
		case outUnknown:
			if match {
				return true, kstate{exists: true, value: in.value}
			}
			return true, st
		}
	case opDelete:
		match := st.exists && (in.expect == 0 || !st.revKnown || st.rev == in.expect)
		switch out.outcome {
		case outOK:
			ok := match && later(st, out.rev) && out.read.found && out.read.value == st.value &&
				(!st.revKnown || out.read.rev == st.rev)
			return ok, kstate{rev: out.rev, revKnown: true}
		case outConflict:
			return st.exists && in.expect != 0 && (!st.revKnown || st.rev != in.expect), st
		case outNotFound:
			return !st.exists, st
		case outUnknown:
			if match {
				return true, kstate{}
			}
			return true, st
		}
	}
	return false, st
}

func describeOp(in linInput, out linOutput) string {
	switch in.kind {
	case opGet, opList:
		if !out.read.found {
			return in.kind.String() + " -> missing"
		}
		return fmt.Sprintf("%s -> %s@%d", in.kind, out.read.value, out.read.rev)
	case opCreate:
		return fmt.Sprintf("create(%s) -> %s@%d", in.value, out.outcome, out.rev)
	case opUpdate:
		return fmt.Sprintf("update(%s, if@%d) -> %s@%d", in.value, in.expect, out.outcome, out.rev)
	default:
		return fmt.Sprintf("delete(if@%d) -> %s@%d", in.expect, out.outcome, out.rev)
	}
}

func describeKey(st kstate) string {
	rev := "?"
	if st.revKnown {
		rev = strconv.FormatInt(st.rev, 10)
	}
	if !st.exists {
		return "missing@" + rev
	}
	return st.value + "@" + rev
}

func hashKey(h interface{ Write([]byte) (int, error) }, st kstate) {
	var b [18]byte
	for i := range 8 {
		b[i] = byte(st.rev >> (8 * i))
	}
	if st.exists {
		b[16] = 1
	}
	if st.revKnown {
		b[17] = 1
	}
	h.Write(b[:])
	h.Write([]byte(st.value))
}

// keyedInput is a porcupine input of the keyed workload: one key's share
// of an operation.
type keyedInput struct {
	key int
	linInput
}

func (h *History) porcupineKeyed() error {
	var ops []porcupine.Operation
	add := func(r *record, key int, out linOutput) {
		ops = append(ops, porcupine.Operation{
			ClientId: r.client,
			Input:    keyedInput{key: key, linInput: linInput{kind: r.kind, value: r.value, expect: r.expect}},
			Call:     r.call,
			Output:   out,
			Return:   r.ret,
		})
	}
	for i := range h.keyed {
		r := &h.keyed[i]
		if r.kind == opList {
			for k, o := range r.list {
				add(r, k, linOutput{outcome: r.outcome, rev: r.rev, read: o})
			}
			continue
		}
		add(r, r.key, linOutput{outcome: r.outcome, rev: r.rev, read: r.read})
	}
	model := porcupine.Model{
		Partition: func(history []porcupine.Operation) [][]porcupine.Operation {
			parts := make([][]porcupine.Operation, h.opts.Keys)
			for _, op := range history {
				k := op.Input.(keyedInput).key
				parts[k] = append(parts[k], op)
			}
			return parts
		},
		Init: func() interface{} { return initKey },
		Step: func(state, input, output interface{}) (bool, interface{}) {
			return stepKey(state.(kstate), input.(keyedInput).linInput, output.(linOutput))
		},
		Hash: func(state interface{}) uint64 {
			f := fnv.New64a()
			hashKey(f, state.(kstate))
			return f.Sum64()
		},
		DescribeOperation: func(input, output interface{}) string {
			in := input.(keyedInput)
			return fmt.Sprintf("k%d: %s", in.key, describeOp(in.linInput, output.(linOutput)))
		},
		DescribeState: func(state interface{}) string { return describeKey(state.(kstate)) },
	}
	return runPorcupine("keyed", model, ops, h.opts)
}

// listedState is the whole state of the list workload: its keys, and the
// highest revision returned by a write or List linearized so far. Revisions
// are global, so they must rise along the linearization: a write gets a
// revision above it, and a List reads at or above it.
type listedState struct {
	keys [listKeys]kstate
	rev  int64
}

// listedInput is a porcupine input of the list workload.
type listedInput struct {
	key int // -1 for List
	linInput
}

type listedOutput struct {
	linOutput
	list []obs
}

func stepListed(st listedState, in listedInput, out listedOutput) (bool, listedState) {
	if in.kind != opList {
		ok, next := stepKey(st.keys[in.key], in.linInput, out.linOutput)
		if ok && out.outcome == outOK && isWrite(in.kind) {
			ok = out.rev > st.rev
			st.rev = out.rev
		}
		st.keys[in.key] = next
		return ok, st
	}
	if out.rev < st.rev {
		return false, st
	}
	for k, o := range out.list {
		ok, next := stepKey(st.keys[k], in.linInput, linOutput{read: o})
		if !ok || o.rev > out.rev {
			return false, st
		}
		st.keys[k] = next
	}
	st.rev = out.rev
	return true, st
}

func (h *History) porcupineListed() error {
	ops := make([]porcupine.Operation, 0, len(h.listed))
	for i := range h.listed {
		r := &h.listed[i]
		ops = append(ops, porcupine.Operation{
			ClientId: r.client,
			Input:    listedInput{key: r.key, linInput: linInput{kind: r.kind, value: r.value, expect: r.expect}},
			Call:     r.call,
			Output:   listedOutput{linOutput: linOutput{outcome: r.outcome, rev: r.rev, read: r.read}, list: r.list},
			Return:   r.ret,
		})
	}
	model := porcupine.Model{
		Init: func() interface{} {
			var st listedState
			for i := range st.keys {
				st.keys[i] = initKey
			}
			return st
		},
		Step: func(state, input, output interface{}) (bool, interface{}) {
			return stepListed(state.(listedState), input.(listedInput), output.(listedOutput))
		},
		Hash: func(state interface{}) uint64 {
			st := state.(listedState)
			f := fnv.New64a()
			for _, k := range st.keys {
				hashKey(f, k)
			}
			hashKey(f, kstate{rev: st.rev})
			return f.Sum64()
		},
		DescribeOperation: func(input, output interface{}) string {
			in := input.(listedInput)
			out := output.(listedOutput)
			if in.kind != opList {
				return fmt.Sprintf("k%d: %s", in.key, describeOp(in.linInput, out.linOutput))
			}
			parts := make([]string, len(out.list))
			for k, o := range out.list {
				parts[k] = describeKey(kstate{exists: o.found, value: o.value, rev: o.rev, revKnown: true})
			}
			return fmt.Sprintf("list@%d -> [%s]", out.rev, strings.Join(parts, " "))
		},
		DescribeState: func(state interface{}) string {
			st := state.(listedState)
			parts := make([]string, len(st.keys))
			for k, s := range st.keys {
				parts[k] = describeKey(s)
			}
			return fmt.Sprintf("[%s] @%d", strings.Join(parts, " "), st.rev)
		},
	}
	return runPorcupine("list", model, ops, h.opts)
}

func runPorcupine(name string, model porcupine.Model, ops []porcupine.Operation, opts LinearizabilityOptions) error {
	if len(ops) == 0 {
		return nil
	}
	res, info := porcupine.CheckOperationsVerbose(model, ops, opts.CheckTimeout)
	switch res {
	case porcupine.Ok:
		return nil
	case porcupine.Unknown:
		return fmt.Errorf("porcupine could not decide the %s workload's %d operations within %v", name, len(ops), opts.CheckTimeout)
	}
	msg := fmt.Sprintf("porcupine: the %s workload's history (%d operations) is not linearizable", name, len(ops))
	f, err := os.CreateTemp(opts.VisualizationDir, "storetest-"+name+"-*.html")
	if err != nil {
		return fmt.Errorf("%s (no visualization: %v)", msg, err)
	}
	defer f.Close()
	if err := porcupine.Visualize(model, info, f); err != nil {
		return fmt.Errorf("%s (no visualization: %v)", msg, err)
	}
	return fmt.Errorf("%s; visualization: %s", msg, f.Name())
}
