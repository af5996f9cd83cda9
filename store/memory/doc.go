// Package memory is a multi-version store.Interface held in memory.
//
// It is the store behind in-process clusters and tests (cluster/clustertest),
// and it passes the same conformance suite as the etcd backend
// (store/storetest). A store starts empty and its contents are lost on
// Close, unless they were saved with Snapshot (an optional ability, found by
// type assertion to Snapshotter) and loaded with Restore.
//
// # Model
//
// Keys live in an ordered index (a B-tree), and each key keeps the versions
// that the retained history can still reveal, so reads at a past revision and
// every page of a paginated list (which is read at the first page's revision)
// see one consistent snapshot. Every write raises the store's revision by one
// and appends one change to the history.
//
// The history is retained for at most Config.HistoryRevisions revisions and
// Config.HistoryAge, and is compacted automatically past either bound;
// Compact discards it explicitly (Compact at or below the compacted revision
// does nothing, and above the current revision gives
// errdefs.ErrBadRequest). Reads, continue tokens and watches at a
// revision older than the retained history give store.ErrGone. Continue
// tokens carry the list's revision and the last key returned; a token that
// cannot be decoded, or that belongs to another prefix, gives an error
// wrapping errdefs.ErrBadRequest. A List at a revision above the current one
// gives errdefs.ErrBadRequest too.
//
// Values are copied in and out: callers own the slices they pass and
// receive.
//
// # Leases
//
// A key created with store.WithTTL is deleted when the TTL has passed, with a
// Deleted event. Update keeps the key's lease; deleting the key drops it.
//
// # Watches
//
// A watch does not get events pushed to it. It reads the shared history from
// its own cursor in its own goroutine, and writers only wake it. A slow
// consumer therefore never blocks writers or other watchers, and costs no
// memory beyond a small channel buffer. A watch whose cursor falls out of the
// retained history (its consumer fell more than the history behind) ends
// with an Error event carrying store.ErrWatchTooSlow; the consumer resumes
// from the revision after its last event, or relists when that is gone.
//
// Watching from a retained revision replays the history and then continues
// live, with no gap and no duplicate. RequestProgress yields a Progress event
// whose revision is at least the store's revision at the time of the call.
// With ProgressNotify, a watch that delivered nothing for
// Config.ProgressInterval gets a Progress event. Deleted events always carry
// PrevValue; Modified events carry it when WatchOptions.PrevValue is set.
//
// After Close every watch ends: its channel closes, after an Error event
// wrapping errdefs.ErrUnavailable when the consumer's buffer has room.
//
// All methods are safe for concurrent use.
package memory
