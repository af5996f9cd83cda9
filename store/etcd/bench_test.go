package etcd_test

import (
	"fmt"
	"testing"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/orcaproj/orca/store/storetest"
)

// The shared benchmarks from storetest, so that the figures compare with the
// memory backend, and the same transactions made with the bare etcd client
// (BenchmarkRawClient*), so that the figures show what the store adds over
// the client. Each benchmark starts its own embedded etcd with fsync off, so
// that disk latency does not drown the difference. Run with:
//
//	go test -run '^$' -bench . ./store/etcd
//
// BenchmarkMemory100kKeys measures the Go heap of this process, which holds
// the store and its client and also the embedded etcd server (its key index
// and in-memory raft log, but not its memory-mapped database). An external
// etcd would hold the server's part.

func BenchmarkCreate(b *testing.B)  { storetest.BenchCreate(b, newStore) }
func BenchmarkUpdate(b *testing.B)  { storetest.BenchUpdate(b, newStore) }
func BenchmarkGet(b *testing.B)     { storetest.BenchGet(b, newStore) }
func BenchmarkList10k(b *testing.B) { storetest.BenchList10k(b, newStore) }
func BenchmarkWatchFanout1000(b *testing.B) {
	storetest.BenchWatchFanout(b, newStore, 1000)
}
func BenchmarkMemory100kKeys(b *testing.B) { storetest.BenchMemoryPer100kKeys(b, newStore) }

// rawPrefix is the prefix newStore's stores use, so raw keys are as long.
const rawPrefix = "/orca-test/"

// The keys and values of storetest's benchmarks.
func rawKey(i int) string {
	return fmt.Sprintf("%s/registry/core/pods/ns-%02d/pod-%08d", rawPrefix, i%50, i)
}

func rawValue(i int) string {
	v := make([]byte, 1024)
	for j := range v {
		v[j] = byte('a' + (i+j)%26)
	}
	return string(v)
}

func rawClient(b *testing.B) *clientv3.Client {
	b.Helper()
	c, err := startServer(b, false).NewClient()
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// rawFill creates keys 0..n-1 and returns their ModRevisions.
func rawFill(b *testing.B, c *clientv3.Client, n int) []int64 {
	b.Helper()
	revs := make([]int64, n)
	for i := range n {
		resp, err := c.Put(b.Context(), rawKey(i), rawValue(i))
		if err != nil {
			b.Fatal(err)
		}
		revs[i] = resp.Header.Revision
	}
	return revs
}

// BenchmarkRawClientCreate is the transaction of Create: put if absent.
func BenchmarkRawClientCreate(b *testing.B) {
	c := rawClient(b)
	ctx := b.Context()
	value := rawValue(0)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		k := rawKey(i)
		resp, err := c.Txn(ctx).
			If(clientv3.Compare(clientv3.ModRevision(k), "=", 0)).
			Then(clientv3.OpPut(k, value)).
			Commit()
		if err != nil || !resp.Succeeded {
			b.Fatalf("txn: %v, %v", resp, err)
		}
	}
}

// BenchmarkRawClientUpdate is the transaction of Update: put if the
// ModRevision matches, keeping the lease, else read the key.
func BenchmarkRawClientUpdate(b *testing.B) {
	c := rawClient(b)
	ctx := b.Context()
	revs := rawFill(b, c, 1000)
	value := rawValue(1)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		n := i % len(revs)
		k := rawKey(n)
		resp, err := c.Txn(ctx).
			If(clientv3.Compare(clientv3.ModRevision(k), "=", revs[n])).
			Then(clientv3.OpPut(k, value, clientv3.WithIgnoreLease())).
			Else(clientv3.OpGet(k)).
			Commit()
		if err != nil || !resp.Succeeded {
			b.Fatalf("txn: %v, %v", resp, err)
		}
		revs[n] = resp.Header.Revision
	}
}

// BenchmarkRawClientGet is the read of Get.
func BenchmarkRawClientGet(b *testing.B) {
	c := rawClient(b)
	ctx := b.Context()
	revs := rawFill(b, c, 1000)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		resp, err := c.Get(ctx, rawKey(i%len(revs)))
		if err != nil || len(resp.Kvs) != 1 {
			b.Fatalf("get: %v, %v", resp, err)
		}
	}
}
