package etcd

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"go.etcd.io/etcd/api/v3/mvccpb"
	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store"
)

var _ store.Interface = (*etcdStore)(nil)

// revokeTimeout bounds the clean-up of a lease that a failed Create granted.
const revokeTimeout = time.Second

// etcdStore is a store.Interface over an etcd v3 client. Its fields are set
// by New and never change, except as noted.
type etcdStore struct {
	client    *clientv3.Client
	ownClient bool
	prefix    string
	backlog   int

	done        chan struct{}   // closed by Close; ends every watch
	closing     context.Context // cancelled by Close, to abort watches being created
	cancelClose context.CancelFunc
	wg          sync.WaitGroup // watch goroutines

	mu     sync.Mutex // guards closed
	closed bool
}

// New returns a store over etcd. It dials lazily: an unreachable etcd shows
// up as errors wrapping store.ErrUnavailable or store.ErrTimeout on the
// first calls, not here.
func New(cfg Config) (store.Interface, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	s := &etcdStore{
		client:  cfg.Client,
		prefix:  cfg.Prefix,
		backlog: cfg.WatchBacklog,
		done:    make(chan struct{}),
	}
	s.closing, s.cancelClose = context.WithCancel(context.Background())
	if s.client == nil {
		c, err := cfg.newClient()
		if err != nil {
			return nil, err
		}
		s.client, s.ownClient = c, true
	}
	return s, nil
}

// check fails once the store is closed.
func (s *etcdStore) check() error {
	select {
	case <-s.done:
		return errClosed
	default:
		return nil
	}
}

func checkKey(key string) error {
	if key == "" {
		return fmt.Errorf("store/etcd: empty key: %w", errdefs.ErrBadRequest)
	}
	return nil
}

// full returns the etcd key of a store key.
func (s *etcdStore) full(key string) string { return s.prefix + key }

// rangeEnd returns the end of the etcd range that holds every key starting
// with prefix (a store key).
func (s *etcdStore) rangeEnd(prefix string) string {
	return clientv3.GetPrefixRangeEnd(s.full(prefix))
}

// rangeStart returns an etcd range start for prefix; etcd rejects an empty key.
func (s *etcdStore) rangeStart(prefix string) string {
	if k := s.full(prefix); k != "" {
		return k
	}
	return "\x00"
}

// kv converts an etcd key-value, stripping the store prefix. Values are
// never nil, as in every backend.
func (s *etcdStore) kv(in *mvccpb.KeyValue) store.KeyValue {
	return store.KeyValue{
		Key:            strings.TrimPrefix(string(in.Key), s.prefix),
		Value:          nonNil(in.Value),
		CreateRevision: in.CreateRevision,
		ModRevision:    in.ModRevision,
	}
}

func nonNil(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}

func (s *etcdStore) Get(ctx context.Context, key string) (store.KeyValue, error) {
	if err := s.check(); err != nil {
		return store.KeyValue{}, err
	}
	if err := checkKey(key); err != nil {
		return store.KeyValue{}, err
	}
	resp, err := s.client.Get(ctx, s.full(key))
	if err != nil {
		return store.KeyValue{}, wrapErr("get "+key, err)
	}
	if len(resp.Kvs) == 0 {
		return store.KeyValue{}, fmt.Errorf("store/etcd: key %q: %w", key, store.ErrNotFound)
	}
	return s.kv(resp.Kvs[0]), nil
}

func (s *etcdStore) List(ctx context.Context, prefix string, opts store.ListOptions) (store.ListResult, error) {
	if err := s.check(); err != nil {
		return store.ListResult{}, err
	}
	if opts.Limit < 0 || opts.Revision < 0 {
		return store.ListResult{}, fmt.Errorf("store/etcd: negative limit or revision: %w", errdefs.ErrBadRequest)
	}
	start, rev := s.rangeStart(prefix), opts.Revision
	if opts.Continue != "" {
		tok, err := decodeContinue(opts.Continue, prefix)
		if err != nil {
			return store.ListResult{}, err
		}
		start, rev = s.full(string(tok.Last))+"\x00", tok.Rev
	}
	ops := []clientv3.OpOption{clientv3.WithRange(s.rangeEnd(prefix))}
	if rev > 0 {
		ops = append(ops, clientv3.WithRev(rev))
	}
	if opts.Limit > 0 {
		ops = append(ops, clientv3.WithLimit(opts.Limit))
	}
	resp, err := s.client.Get(ctx, start, ops...)
	if err != nil {
		return store.ListResult{}, wrapErr("list "+prefix, err)
	}
	if rev == 0 {
		rev = resp.Header.Revision
	}
	res := store.ListResult{
		Items:     make([]store.KeyValue, len(resp.Kvs)),
		Revision:  rev,
		Remaining: resp.Count - int64(len(resp.Kvs)),
	}
	for i, kv := range resp.Kvs {
		res.Items[i] = s.kv(kv)
	}
	if resp.More && len(res.Items) > 0 {
		res.Continue = encodeContinue(rev, res.Items[len(res.Items)-1].Key)
	}
	return res, nil
}

func (s *etcdStore) Count(ctx context.Context, prefix string) (int64, error) {
	if err := s.check(); err != nil {
		return 0, err
	}
	resp, err := s.client.Get(ctx, s.rangeStart(prefix), clientv3.WithRange(s.rangeEnd(prefix)), clientv3.WithCountOnly())
	if err != nil {
		return 0, wrapErr("count "+prefix, err)
	}
	return resp.Count, nil
}

func (s *etcdStore) CurrentRevision(ctx context.Context) (int64, error) {
	if err := s.check(); err != nil {
		return 0, err
	}
	// A linearizable read of one key; its header carries the revision.
	resp, err := s.client.Get(ctx, s.rangeStart(""), clientv3.WithCountOnly())
	if err != nil {
		return 0, wrapErr("current revision", err)
	}
	return resp.Header.Revision, nil
}

func (s *etcdStore) Create(ctx context.Context, key string, value []byte, opts ...store.CreateOption) (int64, error) {
	if err := s.check(); err != nil {
		return 0, err
	}
	if err := checkKey(key); err != nil {
		return 0, err
	}
	o := store.BuildCreateOptions(opts...)
	k := s.full(key)
	var putOpts []clientv3.OpOption
	var lease clientv3.LeaseID
	if o.TTL > 0 {
		resp, err := s.client.Grant(ctx, ttlSeconds(o.TTL))
		if err != nil {
			return 0, wrapErr("create "+key+": grant lease", err)
		}
		lease = resp.ID
		putOpts = append(putOpts, clientv3.WithLease(lease))
	}
	resp, err := s.client.Txn(ctx).
		If(clientv3.Compare(clientv3.ModRevision(k), "=", 0)).
		Then(clientv3.OpPut(k, string(value), putOpts...)).
		Commit()
	if err == nil && !resp.Succeeded {
		err = fmt.Errorf("store/etcd: key %q: %w", key, store.ErrAlreadyExists)
	} else if err != nil {
		err = wrapErr("create "+key, err)
	}
	if err != nil {
		if lease != 0 {
			// Best effort: an unused lease expires by itself after the TTL.
			rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), revokeTimeout)
			_, _ = s.client.Revoke(rctx, lease)
			cancel()
		}
		return 0, err
	}
	return resp.Header.Revision, nil
}

// ttlSeconds rounds a TTL up to etcd's lease granularity of whole seconds.
func ttlSeconds(ttl time.Duration) int64 {
	return int64((ttl + time.Second - 1) / time.Second)
}

func (s *etcdStore) Update(ctx context.Context, key string, value []byte, expectedRevision int64) (int64, error) {
	if err := s.check(); err != nil {
		return 0, err
	}
	if err := checkKey(key); err != nil {
		return 0, err
	}
	k := s.full(key)
	if expectedRevision <= 0 {
		// No existing key has this revision; only tell NotFound from Conflict.
		return 0, s.missedRevision(ctx, key, expectedRevision)
	}
	// WithIgnoreLease keeps the key's TTL lease, if it has one.
	resp, err := s.client.Txn(ctx).
		If(clientv3.Compare(clientv3.ModRevision(k), "=", expectedRevision)).
		Then(clientv3.OpPut(k, string(value), clientv3.WithIgnoreLease())).
		Else(clientv3.OpGet(k)).
		Commit()
	if err != nil {
		return 0, wrapErr("update "+key, err)
	}
	if !resp.Succeeded {
		return 0, failedCAS(key, expectedRevision, resp)
	}
	return resp.Header.Revision, nil
}

func (s *etcdStore) Delete(ctx context.Context, key string, opts ...store.DeleteOption) (int64, store.KeyValue, error) {
	if err := s.check(); err != nil {
		return 0, store.KeyValue{}, err
	}
	if err := checkKey(key); err != nil {
		return 0, store.KeyValue{}, err
	}
	o := store.BuildDeleteOptions(opts...)
	k := s.full(key)
	if o.ExpectedRevision < 0 {
		return 0, store.KeyValue{}, s.missedRevision(ctx, key, o.ExpectedRevision)
	}
	cmp := clientv3.Compare(clientv3.CreateRevision(k), ">", 0) // the key exists
	if o.ExpectedRevision > 0 {
		cmp = clientv3.Compare(clientv3.ModRevision(k), "=", o.ExpectedRevision)
	}
	resp, err := s.client.Txn(ctx).
		If(cmp).
		Then(clientv3.OpDelete(k, clientv3.WithPrevKV())).
		Else(clientv3.OpGet(k)).
		Commit()
	if err != nil {
		return 0, store.KeyValue{}, wrapErr("delete "+key, err)
	}
	if !resp.Succeeded {
		return 0, store.KeyValue{}, failedCAS(key, o.ExpectedRevision, resp)
	}
	del := resp.Responses[0].GetResponseDeleteRange()
	if del == nil || len(del.PrevKvs) == 0 {
		return 0, store.KeyValue{}, fmt.Errorf("store/etcd: delete %q: etcd returned no previous value: %w", key, errdefs.ErrInternal)
	}
	return resp.Header.Revision, s.kv(del.PrevKvs[0]), nil
}

// failedCAS explains a transaction whose compare failed from the Get in its
// Else branch.
func failedCAS(key string, expected int64, resp *clientv3.TxnResponse) error {
	var kvs []*mvccpb.KeyValue
	if len(resp.Responses) > 0 {
		if r := resp.Responses[0].GetResponseRange(); r != nil {
			kvs = r.Kvs
		}
	}
	if len(kvs) == 0 {
		return fmt.Errorf("store/etcd: key %q: %w", key, store.ErrNotFound)
	}
	return fmt.Errorf("store/etcd: key %q is at revision %d, not %d: %w", key, kvs[0].ModRevision, expected, store.ErrConflict)
}

// missedRevision reports why a write that expected an impossible revision
// fails: ErrNotFound for a missing key, ErrConflict otherwise.
func (s *etcdStore) missedRevision(ctx context.Context, key string, expected int64) error {
	kv, err := s.Get(ctx, key)
	if err != nil {
		return err
	}
	return fmt.Errorf("store/etcd: key %q is at revision %d, not %d: %w", key, kv.ModRevision, expected, store.ErrConflict)
}

// Compact compacts etcd's whole keyspace, not just this store's prefix, and
// waits until the compaction is applied to the backend.
func (s *etcdStore) Compact(ctx context.Context, revision int64) error {
	if err := s.check(); err != nil {
		return err
	}
	if revision <= 0 {
		return nil
	}
	_, err := s.client.Compact(ctx, revision, clientv3.WithCompactPhysical())
	if err != nil {
		if classify(err) == store.ErrGone {
			return nil // already compacted at or past revision
		}
		return wrapErr(fmt.Sprintf("compact %d", revision), err)
	}
	return nil
}

func (s *etcdStore) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	close(s.done)
	s.cancelClose()
	s.mu.Unlock()
	s.wg.Wait()
	if s.ownClient {
		if err := s.client.Close(); err != nil && !errors.Is(err, context.Canceled) {
			return wrapErr("close", err)
		}
	}
	return nil
}
