package storetest

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/orcaproj/orca/store"
)

const incCounters = 4

// testListWatchIncrements has writers increment counters with
// GuaranteedUpdate while reflectors list, watch from the list's revision
// plus one, and re-list now and then, as an informer does. No increment may
// be lost: the counters end at the number of successful increments, a watch
// opened before the writers sees every value of every counter in order, and
// every reflector's view moves by exactly one per event.
func testListWatchIncrements(t *testing.T, s store.Interface) {
	ctx := testContext(t)
	const counters = incCounters
	writers, perWriter := 8, 40
	if testing.Short() {
		writers, perWriter = 4, 15
	}
	keys := make([]string, counters)
	for i := range keys {
		keys[i] = "/inc/c" + strconv.Itoa(i)
		mustCreate(t, s, keys[i], "0")
	}
	start, err := s.List(ctx, "/inc/", store.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	all := watchStream(t, ctx, s, "/inc/", store.WatchOptions{Prefix: true, Revision: start.Revision + 1})

	var final [counters]int64 // set before done closes
	done := make(chan struct{})
	var successes [counters]atomic.Int64
	var rwg sync.WaitGroup
	reflectorErrs := make([]error, 2)
	for r := range reflectorErrs {
		rwg.Go(func() { reflectorErrs[r] = reflect(ctx, s, keys, r, done, &final) })
	}

	var wg sync.WaitGroup
	writeErrs := make([]error, writers)
	for w := range writers {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			for range perWriter {
				k := rng.IntN(counters)
				_, err := store.GuaranteedUpdate(ctx, s, keys[k], store.GuaranteedUpdateOptions{}, func(cur store.KeyValue) ([]byte, error) {
					n, err := strconv.ParseInt(string(cur.Value), 10, 64)
					if err != nil {
						return nil, fmt.Errorf("counter %s holds %q", keys[k], cur.Value)
					}
					return strconv.AppendInt(nil, n+1, 10), nil
				})
				if err != nil {
					writeErrs[w] = err
					return
				}
				successes[k].Add(1)
			}
		})
	}
	wg.Wait()
	if err := errors.Join(writeErrs...); err != nil {
		t.Fatal(err)
	}
	for k := range final {
		final[k] = successes[k].Load()
	}
	close(done)

	for k, key := range keys {
		kv, err := s.Get(ctx, key)
		if err != nil || string(kv.Value) != strconv.FormatInt(final[k], 10) {
			t.Errorf("counter %s = %q, %v; %d increments succeeded", key, kv.Value, err, final[k])
		}
	}
	// The watch opened before the writers saw 1, 2, ... final per counter.
	seen := make([]int64, counters)
	idx := map[string]int{}
	for k, key := range keys {
		idx[key] = k
	}
	for k := 0; k < counters; {
		if seen[k] == final[k] {
			k++
			continue
		}
		ev, err := all.next()
		if err != nil {
			t.Fatalf("watch from revision %d: %v", start.Revision+1, err)
		}
		if ev.Type == store.Progress {
			continue
		}
		c, ok := idx[ev.Key]
		if ev.Type != store.Modified || !ok || string(ev.Value) != strconv.FormatInt(seen[c]+1, 10) {
			t.Fatalf("watch: %s after value %d", fmtEvent(ev), seen[c])
		}
		seen[c]++
	}
	rwg.Wait()
	if err := errors.Join(reflectorErrs...); err != nil {
		t.Fatal(err)
	}
}

// reflect lists and watches keys until done is closed and its view equals
// final, re-listing after a random number of events.
func reflect(ctx context.Context, s store.Interface, keys []string, id int, done <-chan struct{}, final *[incCounters]int64) error {
	rng := rand.New(rand.NewPCG(uint64(id), 11))
	idx := map[string]int{}
	for k, key := range keys {
		idx[key] = k
	}
	view := make([]int64, len(keys))
	caughtUp := func() bool {
		select {
		case <-done:
		default:
			return false
		}
		for k := range view {
			if view[k] != final[k] {
				return false
			}
		}
		return true
	}
	deadline := time.NewTimer(2 * waitTimeout)
	defer deadline.Stop()
	for cycle := 0; ; cycle++ {
		res, err := s.List(ctx, "/inc/", store.ListOptions{})
		if err != nil {
			return fmt.Errorf("reflector %d: list: %w", id, err)
		}
		if len(res.Items) != len(keys) {
			return fmt.Errorf("reflector %d: list returned %d counters", id, len(res.Items))
		}
		for _, kv := range res.Items {
			n, err := strconv.ParseInt(string(kv.Value), 10, 64)
			k, ok := idx[kv.Key]
			if err != nil || !ok || n < view[k] {
				return fmt.Errorf("reflector %d: list at %d has %s=%q, view had %d", id, res.Revision, kv.Key, kv.Value, view[k])
			}
			view[k] = n
		}
		if caughtUp() {
			return nil
		}
		wctx, cancel := context.WithCancel(ctx)
		w, err := s.Watch(wctx, "/inc/", store.WatchOptions{Prefix: true, Revision: res.Revision + 1})
		if err != nil {
			cancel()
			return fmt.Errorf("reflector %d: watch from %d: %w", id, res.Revision+1, err)
		}
		st := newStream(fmt.Sprintf("reflector %d cycle %d", id, cycle), w)
		budget := 5 + rng.IntN(20)
		err = func() error {
			defer cancel()
			wait := done
			for budget > 0 {
				var ev store.Event
				var ok bool
				select {
				case ev, ok = <-w.Events():
				case <-wait:
					if caughtUp() {
						return nil
					}
					wait = nil // closed: stop selecting on it
					continue
				case <-deadline.C:
					return fmt.Errorf("reflector %d: view %v did not reach %v", id, view, *final)
				}
				if !ok {
					return fmt.Errorf("reflector %d: watch closed", id)
				}
				if err := st.check(ev); err != nil {
					return err
				}
				switch ev.Type {
				case store.Progress:
					continue
				case store.Error:
					return fmt.Errorf("reflector %d: watch ended: %w", id, ev.Err)
				}
				k, ok := idx[ev.Key]
				if ev.Type != store.Modified || !ok || string(ev.Value) != strconv.FormatInt(view[k]+1, 10) {
					return fmt.Errorf("reflector %d: %s after value %d", id, fmtEvent(ev), view[k])
				}
				view[k]++
				budget--
				if caughtUp() {
					return nil
				}
			}
			return nil
		}()
		if err != nil || caughtUp() {
			return err
		}
	}
}
