package memory

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// checkTree verifies the B-tree invariants: sorted keys, node fill, equal leaf
// depth, and the length count.
func checkTree(t *testing.T, tr *btree) []string {
	t.Helper()
	var keys []string
	leafDepth := -1
	var walk func(n *bnode, depth int, root bool)
	walk = func(n *bnode, depth int, root bool) {
		if !root && (len(n.items) < minItems || len(n.items) > maxItems) {
			t.Fatalf("node with %d items, want %d..%d", len(n.items), minItems, maxItems)
		}
		if n.children == nil {
			if leafDepth == -1 {
				leafDepth = depth
			} else if leafDepth != depth {
				t.Fatalf("leaf at depth %d, others at %d", depth, leafDepth)
			}
			for _, it := range n.items {
				keys = append(keys, it.key)
			}
			return
		}
		if len(n.children) != len(n.items)+1 {
			t.Fatalf("inner node with %d items and %d children", len(n.items), len(n.children))
		}
		for i, c := range n.children {
			walk(c, depth+1, false)
			if i < len(n.items) {
				keys = append(keys, n.items[i].key)
			}
		}
	}
	if tr.root != nil {
		walk(tr.root, 0, true)
	}
	if !slices.IsSorted(keys) {
		t.Fatalf("keys out of order")
	}
	for i := 1; i < len(keys); i++ {
		if keys[i] == keys[i-1] {
			t.Fatalf("duplicate key %q", keys[i])
		}
	}
	if len(keys) != tr.Len() {
		t.Fatalf("Len() = %d, walked %d", tr.Len(), len(keys))
	}
	return keys
}

func TestBTreeRandomAgainstMap(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		keySpace int
		ops      int
	}{
		{name: "small", keySpace: 50, ops: 2000},
		{name: "medium", keySpace: 3000, ops: 30000},
		{name: "sparse", keySpace: 100000, ops: 20000},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(1, uint64(tc.keySpace)))
			var tr btree
			ref := map[string]bool{}
			for op := range tc.ops {
				k := fmt.Sprintf("k%06d", rng.IntN(tc.keySpace))
				switch {
				case rng.IntN(3) > 0: // insert bias so the tree grows
					if tr.Get(k) == nil {
						tr.Insert(&keyEntry{key: k})
						ref[k] = true
					}
				default:
					got := tr.Delete(k)
					if (got != nil) != ref[k] {
						t.Fatalf("op %d: Delete(%q) = %v, present %v", op, k, got, ref[k])
					}
					if got != nil && got.key != k {
						t.Fatalf("Delete(%q) returned %q", k, got.key)
					}
					delete(ref, k)
				}
				if op%997 == 0 {
					checkTree(t, &tr)
				}
			}
			keys := checkTree(t, &tr)
			want := make([]string, 0, len(ref))
			for k := range ref {
				want = append(want, k)
			}
			slices.Sort(want)
			if !slices.Equal(keys, want) {
				t.Fatalf("tree holds %d keys, reference %d", len(keys), len(want))
			}
			// Ascend from every 7th key and from keys between entries.
			for i := 0; i < len(want); i += 7 {
				from := want[i]
				var got []string
				tr.Ascend(from, func(e *keyEntry) bool {
					got = append(got, e.key)
					return len(got) < 10
				})
				end := min(i+10, len(want))
				if !slices.Equal(got, want[i:end]) {
					t.Fatalf("Ascend(%q) = %v, want %v", from, got, want[i:end])
				}
				var after []string
				tr.Ascend(from+"\x00", func(e *keyEntry) bool {
					after = append(after, e.key)
					return len(after) < 3
				})
				end = min(i+4, len(want))
				if !slices.Equal(after, want[i+1:end]) {
					t.Fatalf("Ascend(%q+NUL) = %v, want %v", from, after, want[i+1:end])
				}
			}
			// Drain everything.
			for _, k := range want {
				if tr.Delete(k) == nil {
					t.Fatalf("Delete(%q) found nothing", k)
				}
			}
			if tr.Len() != 0 || tr.root != nil {
				t.Fatalf("tree not empty after draining: len %d", tr.Len())
			}
		})
	}
}

func TestBTreeSequential(t *testing.T) {
	t.Parallel()
	var tr btree
	const n = 5000
	for i := range n {
		tr.Insert(&keyEntry{key: fmt.Sprintf("%08d", i)})
	}
	checkTree(t, &tr)
	for i := n - 1; i >= 0; i -= 2 {
		if tr.Delete(fmt.Sprintf("%08d", i)) == nil {
			t.Fatalf("missing %d", i)
		}
	}
	keys := checkTree(t, &tr)
	if len(keys) != n/2 {
		t.Fatalf("got %d keys, want %d", len(keys), n/2)
	}
	if tr.Get("00000000") == nil || tr.Get("00000001") != nil {
		t.Fatalf("Get after deletes is wrong")
	}
}
