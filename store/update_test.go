package store_test

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"

	"github.com/orcaproj/orca/store"
	"github.com/orcaproj/orca/store/memory"
)

// racer runs a hook once, just before the first Update or Create reaches the
// store, to stand in for a concurrent writer.
type racer struct {
	store.Interface
	beforeUpdate, beforeCreate func(s store.Interface)
	updates, creates           int
}

func (r *racer) Update(ctx context.Context, key string, value []byte, rev int64) (int64, error) {
	if r.updates++; r.updates == 1 && r.beforeUpdate != nil {
		r.beforeUpdate(r.Interface)
	}
	return r.Interface.Update(ctx, key, value, rev)
}

func (r *racer) Create(ctx context.Context, key string, value []byte, opts ...store.CreateOption) (int64, error) {
	if r.creates++; r.creates == 1 && r.beforeCreate != nil {
		r.beforeCreate(r.Interface)
	}
	return r.Interface.Create(ctx, key, value, opts...)
}

// appendX appends "x" to the value.
func appendX(cur store.KeyValue) ([]byte, error) { return append(cur.Value, 'x'), nil }

func TestGuaranteedUpdate(t *testing.T) {
	t.Parallel()
	errFn := errors.New("fn refused")
	const key = "/k"
	tests := []struct {
		name    string
		initial string // "" means the key is missing
		opts    store.GuaranteedUpdateOptions
		racer   racer
		fn      store.UpdateFunc
		want    string // final value; "" means missing
		wantErr error
		calls   int // times fn ran
		writes  int // revisions written by GuaranteedUpdate itself
	}{
		{
			name: "updates", initial: "a", fn: appendX,
			want: "ax", calls: 1, writes: 1,
		},
		{
			name: "skips a no-op", initial: "a",
			fn:   func(cur store.KeyValue) ([]byte, error) { return []byte("a"), nil },
			want: "a", calls: 1, writes: 0,
		},
		{
			name: "retries after a conflict", initial: "a", fn: appendX,
			racer: racer{beforeUpdate: func(s store.Interface) {
				kv, _ := s.Get(context.Background(), key)
				s.Update(context.Background(), key, []byte("b"), kv.ModRevision)
			}},
			want: "bx", calls: 2, writes: 1,
		},
		{
			name: "missing key", fn: appendX,
			wantErr: store.ErrNotFound, calls: 0,
		},
		{
			name: "creates a missing key", opts: store.GuaranteedUpdateOptions{CreateIfMissing: true},
			fn: func(cur store.KeyValue) ([]byte, error) {
				if cur.Value != nil || cur.ModRevision != 0 {
					return nil, errors.New("missing key passed with a value")
				}
				return []byte("new"), nil
			},
			want: "new", calls: 1, writes: 1,
		},
		{
			name: "create loses a race and updates", opts: store.GuaranteedUpdateOptions{CreateIfMissing: true}, fn: appendX,
			racer: racer{beforeCreate: func(s store.Interface) {
				s.Create(context.Background(), key, []byte("c"))
			}},
			want: "cx", calls: 2, writes: 1,
		},
		{
			name: "key deleted under the update", initial: "a", fn: appendX,
			racer: racer{beforeUpdate: func(s store.Interface) {
				s.Delete(context.Background(), key)
			}},
			wantErr: store.ErrNotFound, calls: 1,
		},
		{
			name: "key deleted under the update, then created", initial: "a", fn: appendX,
			opts: store.GuaranteedUpdateOptions{CreateIfMissing: true},
			racer: racer{beforeUpdate: func(s store.Interface) {
				s.Delete(context.Background(), key)
			}},
			want: "x", calls: 2, writes: 1,
		},
		{
			name: "fn error aborts", initial: "a",
			fn:      func(store.KeyValue) ([]byte, error) { return nil, errFn },
			want:    "a",
			wantErr: errFn, calls: 1,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			base := memory.New(memory.Config{})
			t.Cleanup(func() { base.Close() })
			if tc.initial != "" {
				if _, err := base.Create(ctx, key, []byte(tc.initial)); err != nil {
					t.Fatal(err)
				}
			}
			r := tc.racer
			r.Interface = base
			calls := 0
			var racerWrites int64
			fn := func(cur store.KeyValue) ([]byte, error) {
				calls++
				return tc.fn(cur)
			}
			before, _ := base.CurrentRevision(ctx)
			// Count the racer's own writes so that only GuaranteedUpdate's
			// are compared.
			if r.beforeUpdate != nil {
				hook := r.beforeUpdate
				r.beforeUpdate = func(s store.Interface) { racerWrites++; hook(s) }
			}
			if r.beforeCreate != nil {
				hook := r.beforeCreate
				r.beforeCreate = func(s store.Interface) { racerWrites++; hook(s) }
			}
			kv, err := store.GuaranteedUpdate(ctx, &r, key, tc.opts, fn)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("error %v, want %v", err, tc.wantErr)
			}
			if calls != tc.calls {
				t.Errorf("fn ran %d times, want %d", calls, tc.calls)
			}
			after, _ := base.CurrentRevision(ctx)
			if got := after - before - racerWrites; got != int64(tc.writes) {
				t.Errorf("%d writes, want %d", got, tc.writes)
			}
			cur, gerr := base.Get(ctx, key)
			if tc.want == "" {
				if !errors.Is(gerr, store.ErrNotFound) {
					t.Fatalf("key = %q, %v; want it missing", cur.Value, gerr)
				}
				return
			}
			if gerr != nil || string(cur.Value) != tc.want {
				t.Fatalf("key = %q, %v; want %q", cur.Value, gerr, tc.want)
			}
			if err == nil && (string(kv.Value) != tc.want || kv.ModRevision != cur.ModRevision || kv.CreateRevision != cur.CreateRevision) {
				t.Fatalf("returned %+v, the store holds %+v", kv, cur)
			}
		})
	}
}

func TestGuaranteedUpdateContextDone(t *testing.T) {
	t.Parallel()
	s := memory.New(memory.Config{})
	t.Cleanup(func() { s.Close() })
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := store.GuaranteedUpdate(ctx, s, "/k", store.GuaranteedUpdateOptions{CreateIfMissing: true}, appendX)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
}

func TestGuaranteedUpdateConcurrentIncrements(t *testing.T) {
	t.Parallel()
	s := memory.New(memory.Config{})
	t.Cleanup(func() { s.Close() })
	ctx := t.Context()
	const goroutines, each = 8, 50
	var wg sync.WaitGroup
	errs := make([]error, goroutines)
	for g := range goroutines {
		wg.Go(func() {
			for range each {
				_, err := store.GuaranteedUpdate(ctx, s, "/n", store.GuaranteedUpdateOptions{CreateIfMissing: true}, func(cur store.KeyValue) ([]byte, error) {
					n := 0
					if cur.Value != nil {
						var err error
						if n, err = strconv.Atoi(string(cur.Value)); err != nil {
							return nil, err
						}
					}
					return strconv.AppendInt(nil, int64(n+1), 10), nil
				})
				if err != nil {
					errs[g] = err
					return
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	kv, err := s.Get(ctx, "/n")
	if err != nil || string(kv.Value) != strconv.Itoa(goroutines*each) {
		t.Fatalf("counter = %q, %v; want %d", kv.Value, err, goroutines*each)
	}
}
