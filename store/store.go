package store

import (
	"context"
	"fmt"
	"time"

	"github.com/orcaproj/orca/errdefs"
)

// The store's error vocabulary. They are the shared errdefs sentinels, so
// errors.Is(err, store.ErrNotFound) and errors.Is(err, errdefs.ErrNotFound) are
// the same test.
var (
	ErrNotFound      = errdefs.ErrNotFound
	ErrAlreadyExists = errdefs.ErrAlreadyExists
	ErrConflict      = errdefs.ErrConflict
	ErrGone          = errdefs.ErrGone
	ErrUnavailable   = errdefs.ErrUnavailable
	ErrTimeout       = errdefs.ErrTimeout

	// ErrWatchTooSlow ends a watch whose consumer fell too far behind. It
	// wraps ErrUnavailable. The consumer may resume from the revision of the
	// last event it received plus one, while that revision is retained.
	ErrWatchTooSlow = fmt.Errorf("watcher fell too far behind and was closed: %w", errdefs.ErrUnavailable)
)

// KeyValue is one stored key with its revisions.
type KeyValue struct {
	Key   string
	Value []byte
	// CreateRevision is the revision of the write that created the key.
	CreateRevision int64
	// ModRevision is the revision of the last write to the key.
	ModRevision int64
}

// ListOptions select a page of a prefix.
type ListOptions struct {
	// Limit is the most items to return; 0 means no limit.
	Limit int64
	// Continue is the token from a previous page's ListResult. It carries the
	// revision of the first page, so every page is read at that revision.
	Continue string
	// Revision reads at a past revision; 0 means the current one. It is
	// ignored when Continue is set.
	Revision int64
}

// ListResult is one page of a list.
type ListResult struct {
	Items []KeyValue
	// Revision is the revision the list was read at.
	Revision int64
	// Continue is empty on the last page, and otherwise a token for the next.
	Continue string
	// Remaining counts the items after this page at Revision, when known
	// (-1 when the backend cannot tell cheaply).
	Remaining int64
}

// EventType says what a watch event is.
type EventType int

const (
	// Added: the key was created.
	Added EventType = iota + 1
	// Modified: the key was updated.
	Modified
	// Deleted: the key was deleted or its lease expired. Value is empty and
	// PrevValue holds the last value.
	Deleted
	// Progress is a bookmark: no key changed, but every event up to Revision
	// has been delivered on this watch.
	Progress
	// Error ends the watch. Err says why; the channel closes right after.
	Error
)

func (t EventType) String() string {
	switch t {
	case Added:
		return "ADDED"
	case Modified:
		return "MODIFIED"
	case Deleted:
		return "DELETED"
	case Progress:
		return "PROGRESS"
	case Error:
		return "ERROR"
	}
	return fmt.Sprintf("EventType(%d)", int(t))
}

// Event is one change seen by a watch.
type Event struct {
	Type      EventType
	Key       string
	Value     []byte
	PrevValue []byte
	// Revision is the revision of the write (ModRevision of the key after it,
	// or the deletion revision). For Progress it is the bookmark revision.
	Revision int64
	// CreateRevision of the key; zero for Deleted, Progress and Error.
	CreateRevision int64
	// Err is set only on Error events.
	Err error
}

// WatchOptions configure a watch.
type WatchOptions struct {
	// Prefix watches every key that starts with the key given to Watch.
	Prefix bool
	// Revision is the first revision to deliver (inclusive, as in etcd). Zero
	// means "changes after now". A revision that was compacted away gives
	// ErrGone.
	Revision int64
	// PrevValue asks for Event.PrevValue on Modified and Deleted events.
	PrevValue bool
	// ProgressNotify asks for periodic Progress events while the watch is idle.
	ProgressNotify bool
}

// Watcher is a running watch. It ends when the ctx passed to Watch is
// cancelled, or with a terminal Error event; either way Events is closed.
type Watcher interface {
	// Events delivers events in revision order, each once, with no gap inside
	// the retained history. All events of one revision arrive together.
	Events() <-chan Event
	// RequestProgress asks for a Progress event whose revision is at least
	// that of every event already delivered. Safe to call concurrently; it does
	// not block on the consumer.
	RequestProgress()
}

// Reader reads keys.
type Reader interface {
	// Get returns the key's current value, or ErrNotFound.
	Get(ctx context.Context, key string) (KeyValue, error)
	// List returns the keys under prefix in key order. Prefixes are exact byte
	// prefixes: callers end them with "/" so that "ns1/" never matches "ns10/".
	// A Revision or Continue older than the compacted history gives ErrGone.
	List(ctx context.Context, prefix string, opts ListOptions) (ListResult, error)
	// Count returns how many keys are under prefix now.
	Count(ctx context.Context, prefix string) (int64, error)
	// CurrentRevision returns the revision of the latest write.
	CurrentRevision(ctx context.Context) (int64, error)
}

// Writer changes keys. Every successful write raises the cluster-wide revision
// by one and returns the new revision.
type Writer interface {
	// Create writes a key that must not exist; otherwise ErrAlreadyExists.
	Create(ctx context.Context, key string, value []byte, opts ...CreateOption) (int64, error)
	// Update writes a key whose ModRevision is expectedRevision (compare and
	// swap). A different revision gives ErrConflict and a missing key
	// ErrNotFound.
	Update(ctx context.Context, key string, value []byte, expectedRevision int64) (int64, error)
	// Delete removes a key and returns the deletion revision and the last
	// value. With WithExpectedRevision, a different ModRevision gives ErrConflict.
	Delete(ctx context.Context, key string, opts ...DeleteOption) (int64, KeyValue, error)
}

// Interface is a store: keys and opaque values with one cluster-wide revision
// that rises with every write. Its guarantees are etcd's: every operation is
// linearizable, and watches are ordered, unique, reliable, atomic and
// resumable. All methods are safe for concurrent use.
type Interface interface {
	Reader
	Writer
	// Watch streams changes to key (or, with opts.Prefix, under it). A start
	// revision older than the compacted history gives ErrGone, either at once
	// or as the watch's first and terminal Error event.
	Watch(ctx context.Context, key string, opts WatchOptions) (Watcher, error)
	// Compact discards history before revision. Reads and watches at older
	// revisions then give ErrGone.
	Compact(ctx context.Context, revision int64) error
	// Close releases the backend. Calls after Close fail.
	Close() error
}

// CreateOptions are set by CreateOption values.
type CreateOptions struct {
	// TTL, when positive, attaches the key to a lease: the key is deleted
	// (with a Deleted event) once TTL passes.
	TTL time.Duration
}

// CreateOption tweaks one Create.
type CreateOption func(*CreateOptions)

// WithTTL deletes the key once ttl has passed.
func WithTTL(ttl time.Duration) CreateOption {
	return func(o *CreateOptions) { o.TTL = ttl }
}

// BuildCreateOptions applies opts; backends call it.
func BuildCreateOptions(opts ...CreateOption) CreateOptions {
	var o CreateOptions
	for _, f := range opts {
		f(&o)
	}
	return o
}

// DeleteOptions are set by DeleteOption values.
type DeleteOptions struct {
	// ExpectedRevision, when non-zero, is the ModRevision the key must have.
	ExpectedRevision int64
}

// DeleteOption tweaks one Delete.
type DeleteOption func(*DeleteOptions)

// WithExpectedRevision makes a Delete conditional on the key's ModRevision.
func WithExpectedRevision(rev int64) DeleteOption {
	return func(o *DeleteOptions) { o.ExpectedRevision = rev }
}

// BuildDeleteOptions applies opts; backends call it.
func BuildDeleteOptions(opts ...DeleteOption) DeleteOptions {
	var o DeleteOptions
	for _, f := range opts {
		f(&o)
	}
	return o
}
