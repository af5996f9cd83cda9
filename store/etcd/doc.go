// Package etcd is the store.Interface backend over an etcd v3 cluster, and
// the one that production clusters use; store/memory is its in-process twin.
// Both pass the conformance suite in store/storetest. Subpackage embedetcd
// starts an etcd inside the process, for tests and for the all-in-one
// example cluster.
//
// # Keys and revisions
//
// Every store key is an etcd key under Config.Prefix; the prefix is added on
// the way in and stripped on the way out, so several stores (or tests) can
// share one etcd. Revisions are etcd's: the store revision is etcd's
// cluster-wide revision, a KeyValue's revisions are the etcd key's, and a
// successful write returns the revision etcd assigned to it. Values are
// opaque bytes and never nil on the way out.
//
// Writes are single etcd transactions. Create puts the key only if its
// ModRevision is 0 (it does not exist); Update and Delete with an expected
// revision compare the key's ModRevision, and read the key in the same
// transaction when the compare fails, to tell store.ErrNotFound from
// store.ErrConflict. A Create with store.WithTTL first grants an etcd lease
// of the TTL rounded up to whole seconds (etcd may raise it to its minimum
// lease TTL) and attaches the key to it; Update keeps the key's lease.
//
// Reads are linearizable. List reads one page with a range and a limit at
// one revision, the first page's; its continue token carries that revision
// and the last key returned. Remaining is exact. A revision or token older
// than the compacted history gives store.ErrGone, and one above the current
// revision errdefs.ErrBadRequest. Compact compacts all of etcd, not just the
// prefix, and returns once the compaction is applied.
//
// # Watches
//
// A watch is an etcd watch from an explicit revision (for "now", one past the
// current revision, read when Watch is called) with previous values and,
// when asked, progress notifications, which become store.Progress events;
// RequestProgress asks etcd for one on the watch's stream. Deleted events
// always carry PrevValue, Modified events when WatchOptions.PrevValue is set.
//
// The etcd client resumes a watch by itself when its connection breaks, and
// the store drops any event it already delivered, so a resumed watch has
// neither a gap nor a duplicate. A watch ends with a store.Error event when
// etcd compacts past it (wrapping store.ErrGone), when its member loses the
// cluster leader (wrapping store.ErrUnavailable: the watch is not left
// attached to a member cut off from the quorum), when the client closes, or
// when the store closes. Resume from the revision after the last event.
//
// Events reach the consumer through a channel and a backlog of at most
// Config.WatchBacklog events (beyond one batch from etcd). A consumer that
// falls further behind gets an Error event wrapping store.ErrWatchTooSlow
// after the events it has room for; it never slows etcd, the client or
// other watches down.
//
// # Errors
//
// Errors wrap the store's vocabulary as well as the etcd client's error: a
// deadline gives store.ErrTimeout (and context.DeadlineExceeded), an etcd
// request timeout store.ErrTimeout, a lost connection, a lost leader or a
// closed client store.ErrUnavailable, and a compacted revision store.ErrGone.
// A write that fails with ErrTimeout or ErrUnavailable may still have been
// applied.
//
// # Clients
//
// New dials etcd itself from Config.Endpoints and closes that client in
// Close, or uses Config.Client, which stays the caller's to close. The etcd
// client balances requests over every endpoint and moves to another member
// when one is lost. All methods are safe for concurrent use.
package etcd
