package etcd

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"

	"go.etcd.io/etcd/api/v3/mvccpb"
	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store"
)

// watchChanSize is the capacity of a watcher's Events channel. Events beyond
// it wait in the watcher's backlog (Config.WatchBacklog).
const watchChanSize = 100

var errWatchClosed = fmt.Errorf("store/etcd: watch stream closed: %w", store.ErrUnavailable)

// watcher forwards one etcd watch. Its goroutine (run) owns the backlog and
// is the only sender on out.
type watcher struct {
	s         *etcdStore
	ctx       context.Context // the caller's: cancelling it ends the watch quietly
	wctx      context.Context // the etcd watch's; cancelled when run returns
	wch       clientv3.WatchChan
	out       chan store.Event
	prevValue bool

	// RequestProgress state: wanted is set by every call, busy while a
	// goroutine is passing requests on to etcd.
	progressWanted, progressBusy atomic.Bool
}

var _ store.Watcher = (*watcher)(nil)

func (s *etcdStore) Watch(ctx context.Context, key string, opts store.WatchOptions) (store.Watcher, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	if key == "" && !opts.Prefix {
		return nil, fmt.Errorf("store/etcd: watch of the empty key: %w", errdefs.ErrBadRequest)
	}
	if opts.Revision < 0 {
		return nil, fmt.Errorf("store/etcd: negative watch revision %d: %w", opts.Revision, errdefs.ErrBadRequest)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	k := s.full(key)
	// Deleted events always carry the last value, so always ask for it.
	ops := []clientv3.OpOption{clientv3.WithPrevKV()}
	if opts.Prefix {
		k = s.rangeStart(key)
		ops = append(ops, clientv3.WithRange(s.rangeEnd(key)))
	}
	start := opts.Revision
	if start == 0 {
		// "After now", as an explicit revision: clientv3 resumes a broken
		// watch that started at 0 from the revision it was created at,
		// which delivers that revision's events a second time.
		cur, err := s.CurrentRevision(ctx)
		if err != nil {
			return nil, err
		}
		start = cur + 1
	}
	ops = append(ops, clientv3.WithRev(start))
	if opts.ProgressNotify {
		ops = append(ops, clientv3.WithProgressNotify())
	}

	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil, errClosed
	}
	s.wg.Add(1) // before Close can Wait
	s.mu.Unlock()

	// WithRequireLeader makes a member that loses its leader cancel the watch
	// (an Error event) instead of leaving it silently stale.
	wctx, cancel := context.WithCancel(clientv3.WithRequireLeader(ctx))
	stop := context.AfterFunc(s.closing, cancel) // Close ends it, even while it is being created
	w := &watcher{
		s:         s,
		ctx:       ctx,
		wctx:      wctx,
		out:       make(chan store.Event, watchChanSize),
		prevValue: opts.PrevValue,
	}
	w.wch = s.client.Watch(wctx, k, ops...)
	go func() {
		defer s.wg.Done()
		defer stop()
		defer cancel()
		w.run(start)
	}()
	return w, nil
}

func (w *watcher) Events() <-chan store.Event { return w.out }

// RequestProgress asks etcd for a progress notification on this watch's
// stream. Calls that arrive while one is being passed on are folded into it.
func (w *watcher) RequestProgress() {
	w.progressWanted.Store(true)
	if !w.progressBusy.CompareAndSwap(false, true) {
		return
	}
	go func() {
		for {
			for w.progressWanted.Swap(false) {
				if w.wctx.Err() != nil {
					break // the watch ended
				}
				// An error means the stream is gone; the watch then ends
				// with an Error event of its own.
				_ = w.s.client.RequestProgress(w.wctx)
			}
			w.progressBusy.Store(false)
			if !w.progressWanted.Load() || !w.progressBusy.CompareAndSwap(false, true) {
				return
			}
		}
	}()
}

// run forwards events from revision start on until the watch ends, then
// closes out.
func (w *watcher) run(start int64) {
	defer close(w.out)
	var (
		backlog  []store.Event // events not yet in out, oldest first
		head     int           // backlog[head] is the next to send
		lastSent int64         // revision of the last event sent
		// seen is the highest revision taken from etcd, bookmarks included.
		// Starting below start also drops the earlier events that clientv3
		// may replay when it resumes a watch from a future revision after a
		// progress notification.
		seen = start - 1
	)
	for {
		var out chan<- store.Event
		var next store.Event
		if head < len(backlog) {
			out, next = w.out, backlog[head]
		}
		select {
		case out <- next:
			backlog[head] = store.Event{}
			head++
			if head == len(backlog) {
				backlog, head = backlog[:0], 0
			}
			if next.Type != store.Progress {
				lastSent = next.Revision
			}
		case resp, ok := <-w.wch:
			pending := backlog[head:]
			switch {
			case !ok:
				select {
				case <-w.s.done:
					w.sayClosed()
				default:
					w.end(pending, errWatchClosed)
				}
				return
			case resp.Err() != nil:
				w.end(pending, watchErr(resp))
				return
			}
			evs := w.translate(resp, &seen)
			if len(pending) > 0 && len(pending)+len(evs) > w.s.backlog {
				// Finish the revision the consumer is in the middle of, so
				// that resuming after its last event misses nothing.
				n := 0
				for n < len(pending) && pending[n].Type != store.Progress && pending[n].Revision == lastSent {
					n++
				}
				w.end(pending[:n], store.ErrWatchTooSlow)
				return
			}
			backlog = append(backlog, evs...)
		case <-w.ctx.Done():
			return
		case <-w.s.done:
			w.sayClosed()
			return
		}
	}
}

// end delivers pending and then an Error event with err, unless the caller
// cancels or the store closes first.
func (w *watcher) end(pending []store.Event, err error) {
	if w.ctx.Err() != nil {
		return // the caller ended the watch; the channel just closes
	}
	for _, ev := range append(pending, store.Event{Type: store.Error, Err: err}) {
		select {
		case w.out <- ev:
		case <-w.ctx.Done():
			return
		case <-w.s.done:
			w.sayClosed()
			return
		}
	}
}

// sayClosed tells the consumer that the store closed, if out has room.
func (w *watcher) sayClosed() {
	if w.ctx.Err() != nil {
		return
	}
	select {
	case w.out <- store.Event{Type: store.Error, Err: errClosed}:
	default:
	}
}

// watchErr maps the error that ends an etcd watch.
func watchErr(resp clientv3.WatchResponse) error {
	if resp.CompactRevision != 0 {
		return fmt.Errorf("store/etcd: watch: history before revision %d is compacted: %w: %w",
			resp.CompactRevision, store.ErrGone, resp.Err())
	}
	return wrapErr("watch", resp.Err())
}

// translate converts one etcd watch response. It drops events at or below
// *seen, which a resumed etcd watch may deliver again, and raises *seen.
func (w *watcher) translate(resp clientv3.WatchResponse, seen *int64) []store.Event {
	if resp.IsProgressNotify() {
		rev := resp.Header.Revision
		*seen = max(*seen, rev)
		return []store.Event{{Type: store.Progress, Revision: rev}}
	}
	evs := make([]store.Event, 0, len(resp.Events))
	floor := *seen
	for _, e := range resp.Events {
		if e.Kv.ModRevision <= floor {
			continue
		}
		*seen = max(*seen, e.Kv.ModRevision)
		ev := store.Event{
			Key:      strings.TrimPrefix(string(e.Kv.Key), w.s.prefix),
			Revision: e.Kv.ModRevision,
		}
		switch {
		case e.Type == mvccpb.DELETE:
			ev.Type = store.Deleted
			ev.PrevValue = prevValue(e.PrevKv)
		case e.IsCreate():
			ev.Type = store.Added
			ev.Value = nonNil(e.Kv.Value)
			ev.CreateRevision = e.Kv.CreateRevision
		default:
			ev.Type = store.Modified
			ev.Value = nonNil(e.Kv.Value)
			ev.CreateRevision = e.Kv.CreateRevision
			if w.prevValue {
				ev.PrevValue = prevValue(e.PrevKv)
			}
		}
		evs = append(evs, ev)
	}
	return evs
}

func prevValue(kv *mvccpb.KeyValue) []byte {
	if kv == nil {
		return nil
	}
	return nonNil(kv.Value)
}
