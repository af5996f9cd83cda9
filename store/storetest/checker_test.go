package storetest

import (
	"context"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/orcaproj/orca/store"
	"github.com/orcaproj/orca/store/memory"
)

func TestStepKey(t *testing.T) {
	t.Parallel()
	type step struct {
		in  linInput
		out linOutput
	}
	get := func(found bool, v string, rev int64) step {
		return step{linInput{kind: opGet}, linOutput{outcome: outOK, read: obs{found: found, value: v, rev: rev}}}
	}
	create := func(v string, o outcome, rev int64) step {
		return step{linInput{kind: opCreate, value: v}, linOutput{outcome: o, rev: rev}}
	}
	update := func(v string, expect int64, o outcome, rev int64) step {
		return step{linInput{kind: opUpdate, value: v, expect: expect}, linOutput{outcome: o, rev: rev}}
	}
	del := func(expect int64, o outcome, rev int64, last string, lastRev int64) step {
		return step{linInput{kind: opDelete, expect: expect}, linOutput{outcome: o, rev: rev, read: obs{found: o == outOK, value: last, rev: lastRev}}}
	}
	tests := []struct {
		name  string
		steps []step
		ok    bool
	}{
		{name: "create then get", steps: []step{create("a", outOK, 3), get(true, "a", 3)}, ok: true},
		{name: "get of a missing key", steps: []step{get(false, "", 0)}, ok: true},
		{name: "get sees a value never written", steps: []step{create("a", outOK, 3), get(true, "b", 3)}},
		{name: "get sees a wrong revision", steps: []step{create("a", outOK, 3), get(true, "a", 4)}},
		{name: "create over an existing key", steps: []step{create("a", outOK, 3), create("b", outOK, 4)}},
		{name: "exists on a missing key", steps: []step{create("a", outExists, 0)}},
		{name: "cas with the right revision", steps: []step{create("a", outOK, 3), update("b", 3, outOK, 5), get(true, "b", 5)}, ok: true},
		{name: "cas with a stale revision succeeds", steps: []step{create("a", outOK, 3), update("b", 3, outOK, 5), update("c", 3, outOK, 6)}},
		{name: "cas conflict with the right revision", steps: []step{create("a", outOK, 3), update("b", 3, outConflict, 0)}},
		{name: "cas conflict with a stale revision", steps: []step{create("a", outOK, 3), update("b", 2, outConflict, 0)}, ok: true},
		{name: "revision goes back", steps: []step{create("a", outOK, 3), update("b", 3, outOK, 2)}},
		{name: "update of a missing key", steps: []step{update("b", 3, outNotFound, 0)}, ok: true},
		{name: "delete returns the last value", steps: []step{create("a", outOK, 3), del(0, outOK, 4, "a", 3), get(false, "", 0)}, ok: true},
		{name: "delete returns another value", steps: []step{create("a", outOK, 3), del(0, outOK, 4, "x", 3)}},
		{name: "delete precondition conflict", steps: []step{create("a", outOK, 3), del(2, outConflict, 0, "", 0)}, ok: true},
		{name: "delete precondition ignored", steps: []step{create("a", outOK, 3), del(2, outOK, 4, "a", 3)}},
		{name: "unknown create applied", steps: []step{create("a", outUnknown, 0), get(true, "a", 7), update("b", 7, outOK, 9)}, ok: true},
		// Stepped in order, an unknown write applies when it can; porcupine
		// covers "never applied" by ordering it last.
		{name: "unknown create applies when it can", steps: []step{create("a", outUnknown, 0), create("b", outOK, 4)}},
		{name: "unknown update leaves revision open", steps: []step{create("a", outOK, 3), update("b", 3, outUnknown, 0), update("c", 8, outOK, 9)}, ok: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := initKey
			ok := true
			for i, s := range tc.steps {
				var next kstate
				if ok, next = stepKey(st, s.in, s.out); !ok {
					if tc.ok {
						t.Fatalf("step %d (%s) rejected in state %s", i, describeOp(s.in, s.out), describeKey(st))
					}
					break
				}
				st = next
			}
			if ok && !tc.ok {
				t.Fatalf("sequence accepted, want a rejection (end state %s)", describeKey(st))
			}
		})
	}
}

func TestCheckRevisions(t *testing.T) {
	t.Parallel()
	w := func(call, ret, rev int64) record {
		return record{kind: opCreate, call: call, ret: ret, rev: rev, outcome: outOK}
	}
	l := func(call, ret, rev int64) record {
		return record{kind: opList, key: -1, call: call, ret: ret, rev: rev, outcome: outOK}
	}
	tests := []struct {
		name string
		recs []record
		bad  string
	}{
		{name: "sequential", recs: []record{w(0, 1, 5), w(2, 3, 6), l(4, 5, 6), w(6, 7, 9)}},
		{name: "concurrent writes in any order", recs: []record{w(0, 10, 6), w(1, 9, 5)}},
		{name: "write after write goes back", recs: []record{w(0, 1, 6), w(2, 3, 5)}, bad: "goes back"},
		{name: "list after write reads older", recs: []record{w(0, 1, 6), l(2, 3, 5)}, bad: "goes back"},
		{name: "write after list at its revision", recs: []record{l(0, 1, 6), w(2, 3, 6)}, bad: "goes back"},
		{name: "duplicate revisions", recs: []record{w(0, 10, 6), w(1, 9, 6)}, bad: "two writes"},
		{name: "unknown outcomes are ignored", recs: []record{w(0, 1, 6), {kind: opCreate, call: 2, ret: math.MaxInt64, outcome: outUnknown}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			errs := checkRevisions(tc.recs)
			switch {
			case tc.bad == "" && len(errs) > 0:
				t.Fatalf("unexpected problems: %v", errs)
			case tc.bad != "" && (len(errs) == 0 || !strings.Contains(errs[0].Error(), tc.bad)):
				t.Fatalf("problems %v, want one mentioning %q", errs, tc.bad)
			}
		})
	}
}

func TestCheckListSnapshots(t *testing.T) {
	t.Parallel()
	recs := []record{
		{kind: opCreate, key: 0, value: "a", rev: 5, call: 0, ret: 1, outcome: outOK},
		{kind: opCreate, key: 1, value: "b", rev: 6, call: 2, ret: 3, outcome: outOK},
		{kind: opDelete, key: 0, rev: 7, call: 4, ret: 5, outcome: outOK},
	}
	list := func(rev int64, l ...obs) record {
		return record{kind: opList, key: -1, rev: rev, list: l, call: 10, ret: 11, outcome: outOK}
	}
	a, b, none := obs{found: true, value: "a", rev: 5}, obs{found: true, value: "b", rev: 6}, obs{}
	tests := []struct {
		name string
		list record
		ok   bool
	}{
		{name: "at 5", list: list(5, a, none), ok: true},
		{name: "at 6", list: list(6, a, b), ok: true},
		{name: "at 7", list: list(7, none, b), ok: true},
		{name: "mixed snapshot", list: list(7, a, b)},
		{name: "missing item", list: list(6, a, none)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			errs := checkListSnapshots(append(recs[:3:3], tc.list), 2)
			if (len(errs) == 0) != tc.ok {
				t.Fatalf("problems %v, want ok %v", errs, tc.ok)
			}
		})
	}
}

// broken wraps a correct store and breaks one guarantee, to show that
// History.Check notices.
type broken struct {
	store.Interface
	mode string
	mu   sync.Mutex
	n    int
	old  map[string]store.KeyValue
}

func (b *broken) tick() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.n++
	return b.n
}

func (b *broken) Get(ctx context.Context, key string) (store.KeyValue, error) {
	kv, err := b.Interface.Get(ctx, key)
	if b.mode != "stale read" {
		return kv, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if old, ok := b.old[key]; ok && b.n%7 == 0 {
		b.n++
		return old, nil // a value that has been overwritten since
	}
	b.n++
	if err == nil {
		if _, ok := b.old[key]; !ok {
			b.old[key] = kv
		}
	}
	return kv, err
}

func (b *broken) Update(ctx context.Context, key string, v []byte, expected int64) (int64, error) {
	if b.mode == "lost cas" && b.tick()%5 == 0 {
		if cur, err := b.Interface.Get(ctx, key); err == nil {
			expected = cur.ModRevision // blind write
		}
	}
	return b.Interface.Update(ctx, key, v, expected)
}

func (b *broken) List(ctx context.Context, prefix string, opts store.ListOptions) (store.ListResult, error) {
	res, err := b.Interface.List(ctx, prefix, opts)
	if b.mode != "stale list" || err != nil || res.Revision <= 10 {
		return res, err
	}
	// Items from ten revisions ago, under the current revision.
	old, err := b.Interface.List(ctx, prefix, store.ListOptions{Revision: res.Revision - 10})
	old.Revision = res.Revision
	return old, err
}

func TestHistoryCheck(t *testing.T) {
	t.Parallel()
	tests := []struct {
		mode string
		ok   bool
	}{
		{mode: "", ok: true},
		{mode: "stale read"},
		{mode: "lost cas"},
		{mode: "stale list"},
	}
	for _, tc := range tests {
		t.Run("mode="+tc.mode, func(t *testing.T) {
			t.Parallel()
			s := &broken{Interface: memory.New(memory.Config{}), mode: tc.mode, old: map[string]store.KeyValue{}}
			t.Cleanup(func() { s.Close() })
			h, err := RecordHistory(t.Context(), s, LinearizabilityOptions{
				Operations: 3000, Keys: 3, ListOperations: 600, VisualizationDir: t.TempDir(),
			})
			if err != nil {
				t.Fatal(err)
			}
			err = h.Check()
			if (err == nil) != tc.ok {
				t.Fatalf("Check() = %v, want ok %v (seed %d; %s)", err, tc.ok, h.Seed(), h.Summary())
			}
			t.Logf("%v", err)
		})
	}
}

func TestRecordHistoryNeedsAnEmptyPrefix(t *testing.T) {
	t.Parallel()
	s := memory.New(memory.Config{})
	t.Cleanup(func() { s.Close() })
	mustCreate(t, s, "/taken/x", "v")
	if _, err := RecordHistory(t.Context(), s, LinearizabilityOptions{Prefix: "/taken/"}); err == nil {
		t.Fatal("RecordHistory over a prefix that holds keys succeeded")
	}
	if _, err := RecordHistory(t.Context(), s, LinearizabilityOptions{Prefix: "/no-slash"}); err == nil {
		t.Fatal("RecordHistory with a prefix that does not end in / succeeded")
	}
}
