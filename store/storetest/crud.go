package storetest

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"testing"

	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store"
)

var crudTests = []suiteTest{
	{"CreateGet", testCreateGet},
	{"CreateDuplicate", testCreateDuplicate},
	{"UpdateCompareAndSwap", testUpdateCAS},
	{"UpdateMissing", testUpdateMissing},
	{"Delete", testDelete},
	{"DeletePrecondition", testDeletePrecondition},
	{"RevisionsRiseOnlyOnWrites", testRevisionsRise},
	{"ValuesAreCopied", testValuesAreCopied},
	{"OddKeysAndValues", testOddKeysAndValues},
	{"GuaranteedUpdate", testGuaranteedUpdate},
}

var listTests = []suiteTest{
	{"ListPrefixExact", testListPrefixExact},
	{"ListAtPastRevision", testListAtPastRevision},
	{"ListPaginationAtOneRevision", testListPagination},
	{"ListLimitBoundaries", testListLimitBoundaries},
	{"ListContinueMalformed", testContinueMalformed},
	{"ListCompacted", testListCompacted},
}

func testCreateGet(t *testing.T, s store.Interface) {
	ctx := testContext(t)
	before := mustRevision(t, s)
	rev := mustCreate(t, s, "/crud/a", "one")
	if rev <= before {
		t.Fatalf("Create revision %d not above the revision before it, %d", rev, before)
	}
	if cur := mustRevision(t, s); cur != rev {
		t.Fatalf("CurrentRevision = %d after a Create at %d", cur, rev)
	}
	got, err := s.Get(ctx, "/crud/a")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	want := store.KeyValue{Key: "/crud/a", Value: []byte("one"), CreateRevision: rev, ModRevision: rev}
	if !sameKV(got, want) {
		t.Fatalf("Get = %s, want %s", fmtKV(got), fmtKV(want))
	}
	_, err = s.Get(ctx, "/crud/missing")
	wantErr(t, "Get of a missing key", err, store.ErrNotFound)
	n, err := s.Count(ctx, "/crud/")
	if err != nil || n != 1 {
		t.Fatalf("Count = %d, %v; want 1", n, err)
	}
}

func testCreateDuplicate(t *testing.T, s store.Interface) {
	ctx := testContext(t)
	rev := mustCreate(t, s, "/dup/a", "first")
	_, err := s.Create(ctx, "/dup/a", []byte("second"))
	wantErr(t, "second Create", err, store.ErrAlreadyExists)
	if cur := mustRevision(t, s); cur != rev {
		t.Fatalf("a failed Create moved the revision from %d to %d", rev, cur)
	}
	got, err := s.Get(ctx, "/dup/a")
	if err != nil || string(got.Value) != "first" || got.ModRevision != rev {
		t.Fatalf("Get after duplicate Create = %s, %v", fmtKV(got), err)
	}
}

func testUpdateCAS(t *testing.T, s store.Interface) {
	ctx := testContext(t)
	created := mustCreate(t, s, "/cas/a", "v1")
	rev2 := mustUpdate(t, s, "/cas/a", "v2", created)
	if rev2 <= created {
		t.Fatalf("Update revision %d not above %d", rev2, created)
	}
	_, err := s.Update(ctx, "/cas/a", []byte("stale"), created)
	wantErr(t, "Update with a stale revision", err, store.ErrConflict)
	_, err = s.Update(ctx, "/cas/a", []byte("future"), rev2+100)
	wantErr(t, "Update with a future revision", err, store.ErrConflict)
	got, err := s.Get(ctx, "/cas/a")
	want := store.KeyValue{Key: "/cas/a", Value: []byte("v2"), CreateRevision: created, ModRevision: rev2}
	if err != nil || !sameKV(got, want) {
		t.Fatalf("Get = %s, %v; want %s", fmtKV(got), err, fmtKV(want))
	}
}

func testUpdateMissing(t *testing.T, s store.Interface) {
	ctx := testContext(t)
	_, err := s.Update(ctx, "/upd/never", []byte("v"), 1)
	wantErr(t, "Update of a key never created", err, store.ErrNotFound)
	rev := mustCreate(t, s, "/upd/gone", "v")
	mustDelete(t, s, "/upd/gone")
	_, err = s.Update(ctx, "/upd/gone", []byte("v"), rev)
	wantErr(t, "Update of a deleted key", err, store.ErrNotFound)
}

func testDelete(t *testing.T, s store.Interface) {
	ctx := testContext(t)
	created := mustCreate(t, s, "/del/a", "v1")
	modified := mustUpdate(t, s, "/del/a", "v2", created)
	rev, last, err := s.Delete(ctx, "/del/a")
	if err != nil {
		t.Fatalf("Delete: %v", err)
	}
	want := store.KeyValue{Key: "/del/a", Value: []byte("v2"), CreateRevision: created, ModRevision: modified}
	if rev <= modified || !sameKV(last, want) {
		t.Fatalf("Delete = %d, %s; want a revision above %d and %s", rev, fmtKV(last), modified, fmtKV(want))
	}
	_, err = s.Get(ctx, "/del/a")
	wantErr(t, "Get after Delete", err, store.ErrNotFound)
	_, _, err = s.Delete(ctx, "/del/a")
	wantErr(t, "second Delete", err, store.ErrNotFound)
	again := mustCreate(t, s, "/del/a", "v3")
	got, err := s.Get(ctx, "/del/a")
	if err != nil || got.CreateRevision != again || again <= rev {
		t.Fatalf("re-created key = %s, %v; want CreateRevision %d above %d", fmtKV(got), err, again, rev)
	}
}

func testDeletePrecondition(t *testing.T, s store.Interface) {
	ctx := testContext(t)
	created := mustCreate(t, s, "/delpre/a", "v1")
	modified := mustUpdate(t, s, "/delpre/a", "v2", created)
	_, _, err := s.Delete(ctx, "/delpre/a", store.WithExpectedRevision(created))
	wantErr(t, "Delete with a stale precondition", err, store.ErrConflict)
	if got, err := s.Get(ctx, "/delpre/a"); err != nil || string(got.Value) != "v2" {
		t.Fatalf("key after a failed Delete = %s, %v", fmtKV(got), err)
	}
	if cur := mustRevision(t, s); cur != modified {
		t.Fatalf("a failed Delete moved the revision from %d to %d", modified, cur)
	}
	_, _, err = s.Delete(ctx, "/delpre/missing", store.WithExpectedRevision(created))
	wantErr(t, "Delete of a missing key with a precondition", err, store.ErrNotFound)
	if _, _, err := s.Delete(ctx, "/delpre/a", store.WithExpectedRevision(modified)); err != nil {
		t.Fatalf("Delete with the right precondition: %v", err)
	}
}

func testRevisionsRise(t *testing.T, s store.Interface) {
	ctx := testContext(t)
	prev := mustRevision(t, s)
	step := func(what string, rev int64, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if rev <= prev {
			t.Fatalf("%s: revision %d not above %d", what, rev, prev)
		}
		if cur := mustRevision(t, s); cur != rev {
			t.Fatalf("%s: CurrentRevision %d, the write returned %d", what, cur, rev)
		}
		prev = rev
	}
	for i := range 5 {
		key := "/rise/" + strconv.Itoa(i)
		rev, err := s.Create(ctx, key, []byte("a"))
		step("Create", rev, err)
		rev, err = s.Update(ctx, key, []byte("b"), rev)
		step("Update", rev, err)
		rev, _, err = s.Delete(ctx, key)
		step("Delete", rev, err)
	}
	// Reads and failed writes leave the revision alone.
	_, _ = s.Get(ctx, "/rise/0")
	_, _ = s.List(ctx, "/rise/", store.ListOptions{})
	_, _ = s.Update(ctx, "/rise/0", []byte("x"), prev)
	_, _, _ = s.Delete(ctx, "/rise/0")
	if cur := mustRevision(t, s); cur != prev {
		t.Fatalf("reads and failed writes moved the revision from %d to %d", prev, cur)
	}
}

func testValuesAreCopied(t *testing.T, s store.Interface) {
	ctx := testContext(t)
	in := []byte("original")
	rev, err := s.Create(ctx, "/copy/a", in)
	if err != nil {
		t.Fatal(err)
	}
	copy(in, "clobber!")
	got, err := s.Get(ctx, "/copy/a")
	if err != nil || string(got.Value) != "original" {
		t.Fatalf("Get after mutating Create's input = %q, %v", got.Value, err)
	}
	copy(got.Value, "YYYYYYYY")
	res, err := s.List(ctx, "/copy/", store.ListOptions{})
	if err != nil || len(res.Items) != 1 || string(res.Items[0].Value) != "original" {
		t.Fatalf("List after mutating Get's result = %+v, %v", res.Items, err)
	}
	copy(res.Items[0].Value, "ZZZZZZZZ")
	up := []byte("updated!")
	if _, err := s.Update(ctx, "/copy/a", up, rev); err != nil {
		t.Fatal(err)
	}
	copy(up, "WWWWWWWW")
	got, err = s.Get(ctx, "/copy/a")
	if err != nil || string(got.Value) != "updated!" {
		t.Fatalf("Get after mutating Update's input = %q, %v", got.Value, err)
	}
}

func testOddKeysAndValues(t *testing.T, s store.Interface) {
	ctx := testContext(t)
	cases := []struct {
		name  string
		key   string
		value []byte
	}{
		{name: "empty value", key: "/odd/empty", value: []byte{}},
		{name: "nil value", key: "/odd/nil", value: nil},
		{name: "binary value", key: "/odd/binary", value: []byte{0, 1, 2, 0xff, 0, '\n'}},
		{name: "unicode key", key: "/odd/ключ/名前", value: []byte("ü")},
		{name: "key with spaces", key: "/odd/with space/x", value: []byte("s")},
		{name: "key that is not UTF-8", key: "/odd/bin\xff\x00\xfe", value: []byte("b")},
		{name: "large value", key: "/odd/large", value: bytes.Repeat([]byte("0123456789abcdef"), 64*1024)},
	}
	for _, tc := range cases {
		rev := mustCreate(t, s, tc.key, string(tc.value))
		got, err := s.Get(ctx, tc.key)
		if err != nil || !bytes.Equal(got.Value, tc.value) || got.ModRevision != rev {
			t.Errorf("%s: Get = %d bytes at %d, %v; want %d bytes at %d", tc.name, len(got.Value), got.ModRevision, err, len(tc.value), rev)
		}
	}
	res, err := s.List(ctx, "/odd/", store.ListOptions{})
	if err != nil || len(res.Items) != len(cases) {
		t.Fatalf("List = %d items, %v; want %d", len(res.Items), err, len(cases))
	}
	for i := 1; i < len(res.Items); i++ {
		if res.Items[i-1].Key >= res.Items[i].Key {
			t.Errorf("List not in byte order: %q before %q", res.Items[i-1].Key, res.Items[i].Key)
		}
	}
	// Continue tokens carry these keys intact.
	var paged []store.KeyValue
	opts := store.ListOptions{Limit: 1}
	for {
		page, err := s.List(ctx, "/odd/", opts)
		if err != nil {
			t.Fatalf("paging: %v", err)
		}
		paged = append(paged, page.Items...)
		if page.Continue == "" {
			break
		}
		opts.Continue = page.Continue
	}
	if d := diffKVs(paged, res.Items); d != "" {
		t.Fatalf("paging one key at a time: %s", d)
	}
}

func testGuaranteedUpdate(t *testing.T, s store.Interface) {
	ctx := testContext(t)
	rev := mustCreate(t, s, "/gu/a", "same")
	calls := 0
	kv, err := store.GuaranteedUpdate(ctx, s, "/gu/a", store.GuaranteedUpdateOptions{}, func(cur store.KeyValue) ([]byte, error) {
		calls++
		return bytes.Clone(cur.Value), nil
	})
	if err != nil || calls != 1 || kv.ModRevision != rev || string(kv.Value) != "same" {
		t.Fatalf("no-op GuaranteedUpdate = %s, %v after %d calls", fmtKV(kv), err, calls)
	}
	if cur := mustRevision(t, s); cur != rev {
		t.Fatalf("a no-op GuaranteedUpdate wrote: revision %d -> %d", rev, cur)
	}
	kv, err = store.GuaranteedUpdate(ctx, s, "/gu/a", store.GuaranteedUpdateOptions{}, func(cur store.KeyValue) ([]byte, error) {
		return append(bytes.Clone(cur.Value), '!'), nil
	})
	if err != nil || string(kv.Value) != "same!" || kv.ModRevision <= rev || kv.CreateRevision != rev {
		t.Fatalf("GuaranteedUpdate = %s, %v", fmtKV(kv), err)
	}
	_, err = store.GuaranteedUpdate(ctx, s, "/gu/missing", store.GuaranteedUpdateOptions{}, func(store.KeyValue) ([]byte, error) {
		return []byte("x"), nil
	})
	wantErr(t, "GuaranteedUpdate of a missing key", err, store.ErrNotFound)
	kv, err = store.GuaranteedUpdate(ctx, s, "/gu/new", store.GuaranteedUpdateOptions{CreateIfMissing: true}, func(cur store.KeyValue) ([]byte, error) {
		if cur.ModRevision != 0 || cur.Value != nil {
			return nil, fmt.Errorf("missing key passed as %s", fmtKV(cur))
		}
		return []byte("made"), nil
	})
	if err != nil || string(kv.Value) != "made" || kv.CreateRevision != kv.ModRevision {
		t.Fatalf("GuaranteedUpdate with CreateIfMissing = %s, %v", fmtKV(kv), err)
	}
}

func testListPrefixExact(t *testing.T, s store.Interface) {
	ctx := testContext(t)
	for _, k := range []string{"/pfx/ns1/a", "/pfx/ns1/b", "/pfx/ns10/a", "/pfx/ns1", "/pfx/ns2/a", "/pfx/ns0/z", "/pfx/ns1/sub/c"} {
		mustCreate(t, s, k, k)
	}
	res, err := s.List(ctx, "/pfx/ns1/", store.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, kv := range res.Items {
		keys = append(keys, kv.Key)
	}
	want := []string{"/pfx/ns1/a", "/pfx/ns1/b", "/pfx/ns1/sub/c"}
	if fmt.Sprint(keys) != fmt.Sprint(want) {
		t.Fatalf("List(/pfx/ns1/) = %v, want %v", keys, want)
	}
	if n, err := s.Count(ctx, "/pfx/ns1/"); err != nil || n != 3 {
		t.Fatalf("Count(/pfx/ns1/) = %d, %v; want 3", n, err)
	}
	if n, err := s.Count(ctx, "/pfx/ns10/"); err != nil || n != 1 {
		t.Fatalf("Count(/pfx/ns10/) = %d, %v; want 1", n, err)
	}
	if n, err := s.Count(ctx, "/pfx/nope/"); err != nil || n != 0 {
		t.Fatalf("Count(/pfx/nope/) = %d, %v; want 0", n, err)
	}
	res, err = s.List(ctx, "/pfx/", store.ListOptions{})
	if err != nil || len(res.Items) != 7 {
		t.Fatalf("List(/pfx/) = %d items, %v; want 7", len(res.Items), err)
	}
}

func testListAtPastRevision(t *testing.T, s store.Interface) {
	ctx := testContext(t)
	r1 := mustCreate(t, s, "/past/a", "a1")
	r2 := mustCreate(t, s, "/past/b", "b1")
	snapshot := mustRevision(t, s)
	r3 := mustUpdate(t, s, "/past/a", "a2", r1)
	mustDelete(t, s, "/past/b")
	r5 := mustCreate(t, s, "/past/c", "c1")

	res, err := s.List(ctx, "/past/", store.ListOptions{Revision: snapshot})
	if err != nil {
		t.Fatal(err)
	}
	want := []store.KeyValue{
		{Key: "/past/a", Value: []byte("a1"), CreateRevision: r1, ModRevision: r1},
		{Key: "/past/b", Value: []byte("b1"), CreateRevision: r2, ModRevision: r2},
	}
	if d := diffKVs(res.Items, want); d != "" || res.Revision != snapshot {
		t.Fatalf("List at revision %d (got revision %d): %s", snapshot, res.Revision, d)
	}
	res, err = s.List(ctx, "/past/", store.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want = []store.KeyValue{
		{Key: "/past/a", Value: []byte("a2"), CreateRevision: r1, ModRevision: r3},
		{Key: "/past/c", Value: []byte("c1"), CreateRevision: r5, ModRevision: r5},
	}
	if d := diffKVs(res.Items, want); d != "" || res.Revision != r5 {
		t.Fatalf("List now (got revision %d, want %d): %s", res.Revision, r5, d)
	}
}

// snapshotAt lists prefix at rev in one page.
func snapshotAt(t testing.TB, s store.Interface, prefix string, rev int64) []store.KeyValue {
	t.Helper()
	res, err := s.List(t.Context(), prefix, store.ListOptions{Revision: rev})
	if err != nil {
		t.Fatalf("List(%q) at %d: %v", prefix, rev, err)
	}
	return res.Items
}

func testListPagination(t *testing.T, s store.Interface) {
	ctx := testContext(t)
	const n = 50
	revs := map[string]int64{}
	for i := range n {
		k := fmt.Sprintf("/page/%03d", i)
		revs[k] = mustCreate(t, s, k, "v0")
	}
	// A writer changes the prefix the whole time the pages are read.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var writeErr error
	wg.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			k := fmt.Sprintf("/page/%03d", (i*7)%n)
			if _, err := store.GuaranteedUpdate(ctx, s, k, store.GuaranteedUpdateOptions{CreateIfMissing: true}, func(cur store.KeyValue) ([]byte, error) {
				return fmt.Appendf(nil, "w%d", i), nil
			}); err != nil {
				writeErr = err
				return
			}
			if _, err := s.Create(ctx, fmt.Sprintf("/page/%03d-new%d", i%n, i), []byte("new")); err != nil {
				writeErr = err
				return
			}
		}
	})
	var got []store.KeyValue
	var first store.ListResult
	opts := store.ListOptions{Limit: 7}
	for page := 0; ; page++ {
		res, err := s.List(ctx, "/page/", opts)
		if err != nil {
			t.Fatalf("page %d: %v", page, err)
		}
		if page == 0 {
			first = res
		} else if res.Revision != first.Revision {
			t.Fatalf("page %d read at revision %d, the first page at %d", page, res.Revision, first.Revision)
		}
		if int64(len(res.Items)) > opts.Limit {
			t.Fatalf("page %d has %d items, limit %d", page, len(res.Items), opts.Limit)
		}
		got = append(got, res.Items...)
		if res.Continue != "" && res.Remaining == 0 {
			t.Fatalf("page %d: Remaining 0 but a continue token", page)
		}
		if res.Continue == "" {
			if res.Remaining > 0 {
				t.Fatalf("last page says %d remain", res.Remaining)
			}
			break
		}
		if res.Remaining >= 0 {
			defer func(page int, remaining int64, seen int) {
				if want := int64(len(got) - seen); remaining != want {
					t.Errorf("page %d: Remaining %d, but %d items followed", page, remaining, want)
				}
			}(page, res.Remaining, len(got))
		}
		// And a few writes between pages, some behind the cursor and some
		// ahead of it.
		mustDelete(t, s, fmt.Sprintf("/page/%03d", n-1-page))
		mustCreate(t, s, fmt.Sprintf("/page/%03d-between", page), "b")
		opts.Continue = res.Continue
	}
	close(stop)
	wg.Wait()
	if writeErr != nil {
		t.Fatalf("concurrent writer: %v", writeErr)
	}
	if len(got) < n {
		t.Fatalf("pages hold %d items, but %d keys existed before the first page", len(got), n)
	}
	if d := diffKVs(got, snapshotAt(t, s, "/page/", first.Revision)); d != "" {
		t.Fatalf("pages differ from one List at revision %d: %s", first.Revision, d)
	}
}

func testListLimitBoundaries(t *testing.T, s store.Interface) {
	ctx := testContext(t)
	for i := range 5 {
		mustCreate(t, s, fmt.Sprintf("/lim/%d", i), "v")
	}
	tests := []struct {
		name      string
		limit     int64
		wantItems int
		wantMore  bool
	}{
		{name: "no limit", limit: 0, wantItems: 5},
		{name: "limit below count", limit: 4, wantItems: 4, wantMore: true},
		{name: "limit equal to count", limit: 5, wantItems: 5},
		{name: "limit above count", limit: 6, wantItems: 5},
		{name: "limit one", limit: 1, wantItems: 1, wantMore: true},
	}
	for _, tc := range tests {
		res, err := s.List(ctx, "/lim/", store.ListOptions{Limit: tc.limit})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if len(res.Items) != tc.wantItems || (res.Continue != "") != tc.wantMore {
			t.Errorf("%s: %d items, continue %q; want %d items, more %v", tc.name, len(res.Items), res.Continue, tc.wantItems, tc.wantMore)
		}
		if res.Remaining >= 0 && res.Remaining != int64(5-len(res.Items)) {
			t.Errorf("%s: Remaining %d, want %d", tc.name, res.Remaining, 5-len(res.Items))
		}
	}
	res, err := s.List(ctx, "/lim-empty/", store.ListOptions{Limit: 3})
	if err != nil || len(res.Items) != 0 || res.Continue != "" {
		t.Fatalf("List of an empty prefix = %+v, %v", res, err)
	}
}

func testContinueMalformed(t *testing.T, s store.Interface) {
	ctx := testContext(t)
	for i := range 4 {
		mustCreate(t, s, fmt.Sprintf("/cont/a/%d", i), "v")
		mustCreate(t, s, fmt.Sprintf("/cont/b/%d", i), "v")
	}
	res, err := s.List(ctx, "/cont/a/", store.ListOptions{Limit: 2})
	if err != nil || res.Continue == "" {
		t.Fatalf("first page: %+v, %v", res, err)
	}
	tests := []struct {
		name   string
		prefix string
		token  string
	}{
		{name: "not base64", prefix: "/cont/a/", token: "!!not a token!!"},
		{name: "garbage", prefix: "/cont/a/", token: "AAAAAAAAAAAAAAAAAAAAAAAA"},
		{name: "truncated", prefix: "/cont/a/", token: res.Continue[:len(res.Continue)/2]},
		{name: "other prefix", prefix: "/cont/b/", token: res.Continue},
	}
	for _, tc := range tests {
		_, err := s.List(ctx, tc.prefix, store.ListOptions{Continue: tc.token})
		if !errors.Is(err, errdefs.ErrBadRequest) {
			t.Errorf("%s: got %v, want an error wrapping errdefs.ErrBadRequest", tc.name, err)
		}
	}
	// The good token still works, and Revision is ignored next to it.
	next, err := s.List(ctx, "/cont/a/", store.ListOptions{Continue: res.Continue, Revision: 1})
	if err != nil || len(next.Items) != 2 || next.Revision != res.Revision {
		t.Fatalf("second page = %+v, %v", next, err)
	}
}

func testListCompacted(t *testing.T, s store.Interface) {
	ctx := testContext(t)
	for i := range 6 {
		mustCreate(t, s, fmt.Sprintf("/compact/%d", i), "v")
	}
	page, err := s.List(ctx, "/compact/", store.ListOptions{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	old := page.Revision
	mustUpdate(t, s, "/compact/0", "v2", page.Items[0].ModRevision)
	cut := mustCreate(t, s, "/compact/x", "v")
	mustCreate(t, s, "/compact/y", "v")
	if err := s.Compact(ctx, cut); err != nil {
		t.Fatalf("Compact(%d): %v", cut, err)
	}
	_, err = s.List(ctx, "/compact/", store.ListOptions{Revision: old})
	wantErr(t, "List below the compacted revision", err, store.ErrGone)
	_, err = s.List(ctx, "/compact/", store.ListOptions{Continue: page.Continue})
	wantErr(t, "continue token below the compacted revision", err, store.ErrGone)
	res, err := s.List(ctx, "/compact/", store.ListOptions{Revision: cut})
	if err != nil || len(res.Items) != 7 {
		t.Fatalf("List at the compacted revision itself = %d items, %v; want 7", len(res.Items), err)
	}
	// Data survives compaction.
	if got, err := s.Get(ctx, "/compact/0"); err != nil || string(got.Value) != "v2" {
		t.Fatalf("Get after Compact = %s, %v", fmtKV(got), err)
	}
	if n, err := s.Count(ctx, "/compact/"); err != nil || n != 8 {
		t.Fatalf("Count after Compact = %d, %v; want 8", n, err)
	}
}
