package memory

// btree is an in-memory B-tree of *keyEntry ordered by key. It is not safe
// for concurrent use; memStore guards it with its mutex.
//
// Every node except the root holds between minItems and maxItems items. An
// inner node with n items has n+1 children; child i holds the keys between
// items[i-1] and items[i].
type btree struct {
	root   *bnode
	length int
}

type bnode struct {
	items    []*keyEntry
	children []*bnode // nil for a leaf
}

const (
	// degree is the B-tree's minimum degree t: nodes hold t-1..2t-1 items.
	degree   = 32
	maxItems = 2*degree - 1
	minItems = degree - 1
)

// Len returns the number of items.
func (t *btree) Len() int { return t.length }

// Get returns the entry for key, or nil.
func (t *btree) Get(key string) *keyEntry {
	for n := t.root; n != nil; {
		i, found := n.find(key)
		if found {
			return n.items[i]
		}
		if n.children == nil {
			return nil
		}
		n = n.children[i]
	}
	return nil
}

// Insert adds e, whose key must not be in the tree.
func (t *btree) Insert(e *keyEntry) {
	if t.root == nil {
		t.root = &bnode{items: make([]*keyEntry, 0, 4)}
	}
	if len(t.root.items) >= maxItems {
		old := t.root
		mid, right := old.split(maxItems / 2)
		t.root = &bnode{items: []*keyEntry{mid}, children: []*bnode{old, right}}
	}
	t.root.insert(e)
	t.length++
}

// Delete removes and returns the entry for key, or returns nil.
func (t *btree) Delete(key string) *keyEntry {
	if t.root == nil {
		return nil
	}
	out := t.root.remove(key, removeExact)
	if len(t.root.items) == 0 {
		if t.root.children != nil {
			t.root = t.root.children[0]
		} else {
			t.root = nil
		}
	}
	if out != nil {
		t.length--
	}
	return out
}

// Ascend calls fn for every entry whose key is >= from, in key order, until
// fn returns false.
func (t *btree) Ascend(from string, fn func(*keyEntry) bool) {
	if t.root != nil {
		t.root.ascend(from, fn)
	}
}

// find returns the index of the first item whose key is >= key, and whether
// it equals key.
func (n *bnode) find(key string) (int, bool) {
	lo, hi := 0, len(n.items)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if n.items[m].key < key {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, lo < len(n.items) && n.items[lo].key == key
}

// split cuts n at item i: n keeps items[:i], the returned node gets
// items[i+1:], and items[i] is returned to move up.
func (n *bnode) split(i int) (*keyEntry, *bnode) {
	mid := n.items[i]
	right := &bnode{items: make([]*keyEntry, len(n.items)-i-1, maxItems)}
	copy(right.items, n.items[i+1:])
	clear(n.items[i:])
	n.items = n.items[:i]
	if n.children != nil {
		right.children = make([]*bnode, len(n.children)-i-1, maxItems+1)
		copy(right.children, n.children[i+1:])
		clear(n.children[i+1:])
		n.children = n.children[:i+1]
	}
	return mid, right
}

// insert adds e below n, which is not full.
func (n *bnode) insert(e *keyEntry) {
	for {
		i, found := n.find(e.key)
		if found {
			panic("memory: btree insert of a key that is present: " + e.key)
		}
		if n.children == nil {
			n.items = insertAt(n.items, i, e)
			return
		}
		if len(n.children[i].items) >= maxItems {
			mid, right := n.children[i].split(maxItems / 2)
			n.items = insertAt(n.items, i, mid)
			n.children = insertAt(n.children, i+1, right)
			if e.key > mid.key {
				i++
			}
		}
		n = n.children[i]
	}
}

type removeKind int

const (
	removeExact removeKind = iota
	removeMax
)

// remove deletes key (or, with removeMax, the largest item) from the subtree
// at n. Before descending into a child it makes sure the child holds more
// than minItems, so a removal never leaves a node under-full.
func (n *bnode) remove(key string, kind removeKind) *keyEntry {
	var i int
	var found bool
	switch kind {
	case removeMax:
		if n.children == nil {
			last := len(n.items) - 1
			out := n.items[last]
			n.items[last] = nil
			n.items = n.items[:last]
			return out
		}
		i = len(n.items)
	default:
		i, found = n.find(key)
		if n.children == nil {
			if !found {
				return nil
			}
			out := n.items[i]
			n.items = deleteAt(n.items, i)
			return out
		}
	}
	if len(n.children[i].items) <= minItems {
		n.growChild(i)
		return n.remove(key, kind)
	}
	if found {
		// Replace the item with its predecessor, the largest key of the
		// left child.
		out := n.items[i]
		n.items[i] = n.children[i].remove("", removeMax)
		return out
	}
	return n.children[i].remove(key, kind)
}

// growChild gives child i more than minItems by borrowing an item from a
// sibling or, when neither can spare one, by merging it with a sibling.
func (n *bnode) growChild(i int) {
	switch {
	case i > 0 && len(n.children[i-1].items) > minItems:
		child, left := n.children[i], n.children[i-1]
		last := len(left.items) - 1
		child.items = insertAt(child.items, 0, n.items[i-1])
		n.items[i-1] = left.items[last]
		left.items[last] = nil
		left.items = left.items[:last]
		if left.children != nil {
			lc := len(left.children) - 1
			child.children = insertAt(child.children, 0, left.children[lc])
			left.children[lc] = nil
			left.children = left.children[:lc]
		}
	case i < len(n.items) && len(n.children[i+1].items) > minItems:
		child, right := n.children[i], n.children[i+1]
		child.items = append(child.items, n.items[i])
		n.items[i] = right.items[0]
		right.items = deleteAt(right.items, 0)
		if right.children != nil {
			child.children = append(child.children, right.children[0])
			right.children = deleteAt(right.children, 0)
		}
	default:
		if i >= len(n.items) {
			i--
		}
		child, right := n.children[i], n.children[i+1]
		child.items = append(child.items, n.items[i])
		child.items = append(child.items, right.items...)
		if child.children != nil {
			child.children = append(child.children, right.children...)
		}
		n.items = deleteAt(n.items, i)
		n.children = deleteAt(n.children, i+1)
	}
}

func (n *bnode) ascend(from string, fn func(*keyEntry) bool) bool {
	i, _ := n.find(from)
	for ; i < len(n.items); i++ {
		if n.children != nil && !n.children[i].ascend(from, fn) {
			return false
		}
		if !fn(n.items[i]) {
			return false
		}
	}
	if n.children != nil {
		return n.children[len(n.children)-1].ascend(from, fn)
	}
	return true
}

func insertAt[T any](s []T, i int, v T) []T {
	var zero T
	s = append(s, zero)
	copy(s[i+1:], s[i:])
	s[i] = v
	return s
}

func deleteAt[T any](s []T, i int) []T {
	copy(s[i:], s[i+1:])
	var zero T
	s[len(s)-1] = zero
	return s[:len(s)-1]
}
