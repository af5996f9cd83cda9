// Package storetest is the conformance suite for store.Interface backends,
// and the benchmarks they share.
//
// Every backend runs the suite from its own tests, with a function that
// makes a fresh store:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(tb testing.TB) store.Interface {
//			return memory.New(memory.Config{})
//		})
//	}
//
// and the benchmarks from its bench_test.go:
//
//	func BenchmarkCreate(b *testing.B) { storetest.BenchCreate(b, newStore) }
//
// The same NewFunc (func(testing.TB) store.Interface) serves tests and
// benchmarks. The suite closes each store when its test ends.
//
// # What the suite checks
//
//   - Linearizability, with porcupine: a history of 10,000 operations
//     (2,000 with -short) from 12 concurrent clients over 5 keys (Get,
//     Create, compare-and-swap Update, Delete with and without a
//     precondition, List of their prefix), checked per key, plus direct
//     checks that revisions follow real time and that every List is one
//     snapshot, plus a smaller unpartitioned history that checks List
//     atomicity with porcupine itself. linearizable.go says exactly what is
//     and is not checked. CheckLinearizable and RecordHistory expose the
//     workload, so a backend can run it while it injects faults
//     (LinearizabilityOptions.During); writes that fail with an error
//     outside the store's vocabulary count as possibly applied.
//   - Watches: from every retained revision a watch yields exactly the
//     matching suffix of the history; streams of sub-prefixes merge into the
//     stream of their parent prefix; a watch from a compacted revision gives
//     store.ErrGone; Progress events never go back behind a delivered event,
//     and catch up with the store's revision; cancellation closes the
//     channel; TTL expiry emits Deleted events.
//   - List-then-watch loops: writers increment counters with
//     store.GuaranteedUpdate while reflectors list, watch from the list's
//     revision plus one and re-list; no increment is lost or seen twice.
//   - Edge cases: duplicate Create (ErrAlreadyExists), Update of a missing
//     key (ErrNotFound), stale compare-and-swap and Delete preconditions
//     (ErrConflict), exact prefixes ("ns1/" never matches "ns10/"),
//     pagination at one revision under concurrent writes, malformed and
//     foreign continue tokens (errdefs.ErrBadRequest), reads below the
//     compacted revision (ErrGone), values copied in and out, no-op
//     GuaranteedUpdate, and calls after Close.
//
// Each sub-test runs in parallel on its own store. A helper that waits does
// so on a condition with a 30 second deadline; nothing sleeps for a fixed
// time except the TTL test's one-second lease (the shortest etcd grants).
package storetest
