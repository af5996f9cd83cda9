package patch

import (
	"bytes"
	"reflect"
	"slices"
	"strings"

	"github.com/orcaproj/orca/errdefs"
)

// The strategic merge patch directives.
const (
	directiveMarker       = "$patch"
	retainKeysDirective   = "$retainKeys"
	setElementOrderPrefix = "$setElementOrder/"
	deleteFromListPrefix  = "$deleteFromPrimitiveList/"

	replaceDirective = "replace"
	deleteDirective  = "delete"
	mergeDirective   = "merge"
)

// applyStrategic applies a strategic merge patch to original with the
// field metadata of schema.
func applyStrategic(original, patch []byte, schema reflect.Type) ([]byte, error) {
	pv, err := decode(patch)
	if err != nil {
		return nil, badRequest("error decoding strategic merge patch: %v", err)
	}
	if pv == nil {
		return bytes.Clone(original), nil // Kubernetes reads a null patch as an empty one.
	}
	pm, ok := pv.(map[string]any)
	if !ok {
		return nil, badRequest("a strategic merge patch must be a JSON object")
	}
	ov, err := decode(original)
	if err != nil {
		return nil, &patchError{kind: errdefs.ErrInternal, msg: "the stored object is not valid JSON: " + err.Error()}
	}
	om, _ := ov.(map[string]any)
	merged, err := mergeObject(om, pm, newNode(schema))
	if err != nil {
		return nil, err
	}
	return encode(merged)
}

// mergeObject merges the patch object into orig, which it may modify and
// return; orig may be nil.
func mergeObject(orig, patch map[string]any, n node) (map[string]any, error) {
	if d, ok := patch[directiveMarker]; ok {
		switch d {
		case replaceDirective:
			// The object becomes the patch, with its own directives
			// resolved against nothing.
			return mergeObject(nil, without(patch, directiveMarker), n)
		case deleteDirective:
			// As in Kubernetes, the object is emptied, not removed.
			return map[string]any{}, nil
		case mergeDirective:
			// Merging is what happens anyway; Kubernetes rejects the
			// directive in maps, orca accepts it as a no-op.
		default:
			return nil, badRequest("unknown patch type: %s in map: %s", short(d), short(patch))
		}
	}
	if orig == nil {
		orig = map[string]any{}
	}

	if err := applyRetainKeys(orig, patch); err != nil {
		return nil, err
	}

	keys := sortedKeys(patch)
	done := map[string]bool{}

	// $deleteFromPrimitiveList removes values from the original list.
	for _, k := range keys {
		field, ok := strings.CutPrefix(k, deleteFromListPrefix)
		if !ok {
			continue
		}
		del, ok := patch[k].([]any)
		if !ok {
			return nil, badRequest("invalid patch format of primitive list: %s must be a list", k)
		}
		if err := deleteFromList(orig, field, del); err != nil {
			return nil, err
		}
	}

	// $setElementOrder merges the list it names and then orders it.
	for _, k := range keys {
		field, ok := strings.CutPrefix(k, setElementOrderPrefix)
		if !ok {
			continue
		}
		handled, err := setElementOrder(orig, patch, field, patch[k], n)
		if err != nil {
			return nil, err
		}
		if handled {
			done[field] = true
		}
	}

	for _, k := range keys {
		if done[k] || isDirectiveKey(k) {
			continue
		}
		pv := patch[k]
		if pv == nil {
			delete(orig, k)
			continue
		}
		fn, meta := n.field(k)
		ov, found := orig[k]
		if !found || ov == nil {
			v, err := clean(pv, fn, meta)
			if err != nil {
				return nil, err
			}
			orig[k] = v
			continue
		}
		v, err := mergeValue(ov, pv, fn, meta)
		if err != nil {
			return nil, err
		}
		orig[k] = v
	}
	return orig, nil
}

// mergeValue merges the patch value of a field into its original value.
func mergeValue(ov, pv any, n node, meta fieldMeta) (any, error) {
	switch p := pv.(type) {
	case map[string]any:
		o, ok := ov.(map[string]any)
		if !ok || meta.strategy == replaceDirective {
			return clean(p, n, meta)
		}
		return mergeObject(o, p, n)
	case []any:
		o, ok := ov.([]any)
		if !ok || meta.strategy != mergeDirective {
			return clean(p, n, meta)
		}
		return mergeList(o, p, n.elem(), meta.mergeKey)
	}
	return pv, nil
}

// clean returns a patch value as it stands when there is nothing to merge
// it into: maps lose their null entries and have their directives
// resolved, merged lists are deduplicated, and directive elements of
// atomic lists are dropped.
func clean(pv any, n node, meta fieldMeta) (any, error) {
	switch p := pv.(type) {
	case map[string]any:
		return mergeObject(nil, p, n)
	case []any:
		if meta.strategy == mergeDirective {
			return mergeList(nil, p, n.elem(), meta.mergeKey)
		}
		en := n.elem()
		out := make([]any, 0, len(p))
		for _, e := range p {
			if m, ok := e.(map[string]any); ok {
				if _, directive := m[directiveMarker]; directive {
					continue
				}
				c, err := mergeObject(nil, m, en)
				if err != nil {
					return nil, err
				}
				e = c
			}
			out = append(out, e)
		}
		return out, nil
	}
	return pv, nil
}

func isDirectiveKey(k string) bool {
	return k == directiveMarker || k == retainKeysDirective ||
		strings.HasPrefix(k, setElementOrderPrefix) || strings.HasPrefix(k, deleteFromListPrefix)
}

func without(m map[string]any, k string) map[string]any {
	out := make(map[string]any, len(m))
	for mk, v := range m {
		if mk != k {
			out[mk] = v
		}
	}
	return out
}

// applyRetainKeys clears the original keys a $retainKeys list leaves out,
// after checking that the patch sets no key outside it.
func applyRetainKeys(orig, patch map[string]any) error {
	rv, ok := patch[retainKeysDirective]
	if !ok {
		return nil
	}
	list, ok := rv.([]any)
	if !ok {
		return badRequest("invalid patch format of retainKeys: %s must be a list of strings", retainKeysDirective)
	}
	keep := make(map[string]bool, len(list))
	for _, v := range list {
		s, ok := v.(string)
		if !ok {
			return badRequest("invalid patch format of retainKeys: %s must be a list of strings", retainKeysDirective)
		}
		keep[s] = true
	}
	for k, v := range patch {
		if v == nil || isDirectiveKey(k) {
			continue
		}
		if !keep[k] {
			return invalid("patch content doesn't match retainKeys list: %q is not in %s", k, retainKeysDirective)
		}
	}
	for k := range orig {
		if !keep[k] {
			delete(orig, k)
		}
	}
	return nil
}

// deleteFromList removes from orig[field] every value listed in del.
func deleteFromList(orig map[string]any, field string, del []any) error {
	if field == "" {
		return badRequest("invalid patch format of primitive list: %s needs a field name", deleteFromListPrefix)
	}
	drop := make(map[string]bool, len(del))
	for _, v := range del {
		if !isScalar(v) {
			return badRequest("invalid patch format of primitive list: %s%s holds a non-primitive value", deleteFromListPrefix, field)
		}
		drop[key(v)] = true
	}
	list, ok := orig[field].([]any)
	if !ok {
		return nil
	}
	out := make([]any, 0, len(list))
	for _, v := range list {
		if isScalar(v) && drop[key(v)] {
			continue
		}
		out = append(out, v)
	}
	orig[field] = out
	return nil
}

// setElementOrder handles one $setElementOrder/field directive: it merges
// patch[field] into orig[field] and orders the result. It reports whether
// it consumed patch[field].
func setElementOrder(orig, patch map[string]any, field string, orderV any, n node) (bool, error) {
	if field == "" {
		return false, badRequest("invalid patch format of setElementOrder list: %s needs a field name", setElementOrderPrefix)
	}
	order, ok := orderV.([]any)
	if !ok {
		return false, badRequest("invalid patch format of setElementOrder list: %s%s must be a list", setElementOrderPrefix, field)
	}
	fn, meta := n.field(field)
	pv, inPatch := patch[field]
	pl, patchIsList := pv.([]any)
	if inPatch && !patchIsList {
		return false, nil // null or a non-list: the main loop handles it
	}
	ov, inOrig := orig[field]
	ol, origIsList := ov.([]any)
	if inOrig && ov != nil && !origIsList {
		return false, nil // the patch list replaces a non-list below
	}
	mk := meta.mergeKey
	if err := checkOrder(pl, order, mk); err != nil {
		return false, err
	}

	var merged []any
	switch {
	case !origIsList && !inPatch:
		return false, nil
	case !origIsList:
		v, err := clean(pl, fn, meta)
		if err != nil {
			return false, err
		}
		merged = v.([]any)
	case !inPatch:
		merged = ol
	default:
		v, err := mergeValue(ol, pl, fn, meta)
		if err != nil {
			return false, err
		}
		merged = v.([]any)
	}

	ordered, err := reorder(merged, order, ol, mk)
	if err != nil {
		return false, err
	}
	orig[field] = ordered
	return inPatch, nil
}

// checkOrder verifies that the patch list names its elements in the order
// the $setElementOrder list gives, as Kubernetes requires; deletions and
// other directive elements are not counted.
func checkOrder(patchList, order []any, mk string) error {
	if len(patchList) == 0 || len(order) == 0 {
		return nil
	}
	idx := map[string]int{}
	for i, e := range order {
		k, ok := elementKey(e, mk)
		if !ok {
			return badRequest("invalid patch format of setElementOrder list: element %s lacks merge key %q", short(e), mk)
		}
		if _, seen := idx[k]; !seen {
			idx[k] = i
		}
	}
	last := -1
	for _, e := range patchList {
		if isDirectiveElement(e) {
			continue
		}
		k, ok := elementKey(e, mk)
		if !ok {
			return badRequest("map: %s does not contain declared merge key: %s", short(e), mk)
		}
		i, found := idx[k]
		if !found || i < last {
			return badRequest("invalid patch format of setElementOrder list: the order in the patch list does not match the %s list", setElementOrderPrefix)
		}
		last = i
	}
	return nil
}

func isDirectiveElement(e any) bool {
	m, ok := e.(map[string]any)
	if !ok {
		return false
	}
	_, ok = m[directiveMarker]
	return ok
}

// elementKey identifies a list element: by its merge key value when the
// list has one, else by its whole value. ok is false for an element that
// lacks the merge key.
func elementKey(e any, mk string) (string, bool) {
	if mk == "" {
		return key(e), true
	}
	m, ok := e.(map[string]any)
	if !ok {
		// A primitive in a keyed list: identified by value.
		return key(e), true
	}
	v, ok := m[mk]
	if !ok {
		return "", false
	}
	return key(v), true
}

// mergeList merges a patch list into an original list of a field with the
// merge strategy: primitives are unioned, objects are merged by mergeKey.
// orig may be nil.
func mergeList(orig, patch []any, en node, mk string) ([]any, error) {
	if len(orig) == 0 && len(patch) == 0 {
		if orig == nil {
			return []any{}, nil
		}
		return orig, nil
	}
	maps, err := listKind(orig, patch)
	if err != nil {
		return nil, err
	}
	if !maps {
		return mergePrimitives(orig, patch), nil
	}
	if mk == "" {
		return nil, badRequest("cannot merge lists of objects without a merge key")
	}

	// Special elements first: deletions and $patch: replace.
	plain := make([]any, 0, len(patch))
	replace := false
	deleted := map[string]bool{}
	for _, e := range patch {
		m := e.(map[string]any)
		d, ok := m[directiveMarker]
		if !ok {
			plain = append(plain, e)
			continue
		}
		switch d {
		case deleteDirective:
			v, ok := m[mk]
			if !ok {
				return nil, badRequest("map: %s does not contain declared merge key: %s", short(m), mk)
			}
			deleted[key(v)] = true
		case replaceDirective:
			replace = true
		case mergeDirective:
			// Kubernetes rejects it; merging is the default anyway.
		default:
			return nil, badRequest("unknown patch type: %s in map: %s", short(d), short(m))
		}
	}
	if len(deleted) > 0 {
		orig = deleteByKey(orig, mk, deleted)
	}
	if replace {
		out := make([]any, 0, len(plain))
		for _, e := range plain {
			c, err := mergeObject(nil, e.(map[string]any), en)
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		}
		return out, nil
	}

	merged := slices.Clone(orig)
	if merged == nil {
		merged = []any{}
	}
	index := map[string]int{}
	serverPos := map[string]int{}
	for i, e := range merged {
		k, ok := elementKey(e, mk)
		if !ok {
			continue // Kubernetes skips original elements without the key too.
		}
		if _, seen := index[k]; !seen {
			index[k] = i
			serverPos[k] = i
		}
	}
	patchPos := map[string]int{}
	for _, e := range plain {
		m := e.(map[string]any)
		v, ok := m[mk]
		if !ok {
			return nil, badRequest("map: %s does not contain declared merge key: %s", short(m), mk)
		}
		k := key(v)
		if _, seen := patchPos[k]; !seen {
			patchPos[k] = len(patchPos)
		}
		if i, found := index[k]; found {
			om, _ := merged[i].(map[string]any)
			c, err := mergeObject(om, m, en)
			if err != nil {
				return nil, err
			}
			merged[i] = c
			continue
		}
		c, err := mergeObject(nil, m, en)
		if err != nil {
			return nil, err
		}
		index[k] = len(merged)
		merged = append(merged, c)
	}
	return interleave(merged, patchPos, serverPos, func(e any) (string, bool) { return elementKey(e, mk) }), nil
}

// listKind reports whether the elements of both lists are objects (true)
// or primitives (false); a mix, or a list of lists, is an error.
func listKind(lists ...[]any) (bool, error) {
	seen := false
	maps := false
	for _, l := range lists {
		for _, e := range l {
			switch e.(type) {
			case []any:
				return false, invalid("lists of lists are not supported")
			case nil:
				return false, badRequest("a merged list may not hold null elements")
			}
			_, m := e.(map[string]any)
			if !seen {
				seen, maps = true, m
			} else if m != maps {
				return false, badRequest("list element types are not identical")
			}
		}
	}
	return maps, nil
}

// mergePrimitives unions two lists of primitives without duplicates.
func mergePrimitives(orig, patch []any) []any {
	merged := make([]any, 0, len(orig)+len(patch))
	seen := map[string]bool{}
	serverPos := map[string]int{}
	for _, e := range orig {
		k := key(e)
		if !seen[k] {
			seen[k] = true
			serverPos[k] = len(merged)
			merged = append(merged, e)
		}
	}
	patchPos := map[string]int{}
	for _, e := range patch {
		k := key(e)
		if _, ok := patchPos[k]; !ok {
			patchPos[k] = len(patchPos)
		}
		if !seen[k] {
			seen[k] = true
			merged = append(merged, e)
		}
	}
	return interleave(merged, patchPos, serverPos, func(e any) (string, bool) { return key(e), true })
}

// deleteByKey drops the elements whose merge key is in keys.
func deleteByKey(list []any, mk string, keys map[string]bool) []any {
	out := make([]any, 0, len(list))
	for _, e := range list {
		if ek, ok := elementKey(e, mk); ok && keys[ek] {
			continue
		}
		out = append(out, e)
	}
	return out
}

// reorder orders a merged list by a $setElementOrder list; elements it
// does not name keep their places relative to the original list.
func reorder(merged, order, orig []any, mk string) ([]any, error) {
	keyOf := func(e any) (string, bool) { return elementKey(e, mk) }
	orderPos := map[string]int{}
	for _, e := range order {
		k, ok := keyOf(e)
		if !ok {
			return nil, badRequest("invalid patch format of setElementOrder list: element %s lacks merge key %q", short(e), mk)
		}
		if _, seen := orderPos[k]; !seen {
			orderPos[k] = len(orderPos)
		}
	}
	serverPos := map[string]int{}
	for i, e := range orig {
		if k, ok := keyOf(e); ok {
			if _, seen := serverPos[k]; !seen {
				serverPos[k] = i
			}
		}
	}
	return interleave(merged, orderPos, serverPos, keyOf), nil
}

// interleave orders a merged list the way Kubernetes does. The elements
// named by wanted (the patch list, or a $setElementOrder list) come in
// that order; the others ("server-only" elements) keep their order. The
// two sequences are then merged: a server-only element goes before a
// wanted one when both were in the original list and it came first there.
func interleave(merged []any, wanted, serverPos map[string]int, keyOf func(any) (string, bool)) []any {
	type item struct {
		v      any
		k      string
		keyed  bool
		wanted int
	}
	var patchItems, serverOnly []item
	for _, e := range merged {
		k, ok := keyOf(e)
		if w, in := wanted[k]; ok && in {
			patchItems = append(patchItems, item{e, k, ok, w})
		} else {
			serverOnly = append(serverOnly, item{e, k, ok, 0})
		}
	}
	slices.SortStableFunc(patchItems, func(a, b item) int { return a.wanted - b.wanted })

	pos := func(it item) (int, bool) {
		if !it.keyed {
			return 0, false
		}
		p, ok := serverPos[it.k]
		return p, ok
	}
	out := make([]any, 0, len(merged))
	i, j := 0, 0
	for i < len(serverOnly) || j < len(patchItems) {
		switch {
		case i >= len(serverOnly):
			out = append(out, patchItems[j].v)
			j++
		case j >= len(patchItems):
			out = append(out, serverOnly[i].v)
			i++
		default:
			lp, lok := pos(serverOnly[i])
			rp, rok := pos(patchItems[j])
			if lok && rok && lp < rp {
				out = append(out, serverOnly[i].v)
				i++
			} else {
				out = append(out, patchItems[j].v)
				j++
			}
		}
	}
	return out
}

// short renders a value for an error message, cut to a readable length.
func short(v any) string {
	s := key(v)
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return s
}
