package patch

import "reflect"

// CreateTwoWayMergePatch returns a strategic merge patch that turns
// original into modified when applied with Apply(StrategicMergePatch, ...,
// schema), as kubectl computes one: merged lists get element patches,
// "$patch: delete" elements, $deleteFromPrimitiveList and
// $setElementOrder; fields with the retainKeys strategy get $retainKeys.
//
// Both documents must be JSON objects (ErrBadRequest otherwise). A nil
// schema gets ErrUnsupportedMediaType, as custom kinds take no strategic
// merge patch; use CreateMergePatch for them. Null values in modified mean
// absent.
func CreateTwoWayMergePatch(original, modified []byte, schema reflect.Type) ([]byte, error) {
	if schema == nil {
		return nil, unsupported(acceptedCustom)
	}
	return createPatch(original, modified, newNode(schema))
}

// CreateMergePatch returns an RFC 7386 merge patch that turns original into
// modified. Both must be JSON objects.
func CreateMergePatch(original, modified []byte) ([]byte, error) {
	return createPatch(original, modified, node{})
}

func createPatch(original, modified []byte, n node) ([]byte, error) {
	o, err := decodeObject(original, "original")
	if err != nil {
		return nil, err
	}
	m, err := decodeObject(modified, "modified")
	if err != nil {
		return nil, err
	}
	p, err := diffObject(o, m, n, false)
	if err != nil {
		return nil, err
	}
	return encode(p)
}

func decodeObject(b []byte, what string) (map[string]any, error) {
	v, err := decode(b)
	if err != nil {
		return nil, badRequest("the %s document is not valid JSON: %v", what, err)
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, badRequest("the %s document is not a JSON object", what)
	}
	return m, nil
}

// diffObject returns the patch from orig to mod. With retainKeys set and a
// non-empty patch, it adds the $retainKeys list of mod's keys.
func diffObject(orig, mod map[string]any, n node, retainKeys bool) (map[string]any, error) {
	p := map[string]any{}
	for k, ov := range orig {
		if mv, ok := mod[k]; (!ok || mv == nil) && ov != nil {
			p[k] = nil
		}
	}
	for _, k := range sortedKeys(mod) {
		mv := mod[k]
		if mv == nil {
			continue
		}
		ov, found := orig[k]
		if !found || ov == nil {
			p[k] = mv
			continue
		}
		fn, meta := n.field(k)
		switch m := mv.(type) {
		case map[string]any:
			o, ok := ov.(map[string]any)
			switch {
			case !ok:
				p[k] = m
			case meta.strategy == replaceDirective:
				if !equal(o, m) {
					p[k] = m
				}
			default:
				sub, err := diffObject(o, m, fn, meta.retainKeys)
				if err != nil {
					return nil, err
				}
				if len(sub) > 0 {
					p[k] = sub
				}
			}
		case []any:
			o, ok := ov.([]any)
			switch {
			case !ok:
				p[k] = m
			case meta.strategy != mergeDirective:
				if !equal(o, m) {
					p[k] = m
				}
			default:
				if err := diffList(p, k, o, m, fn.elem(), meta); err != nil {
					return nil, err
				}
			}
		default:
			if !equal(ov, mv) {
				p[k] = mv
			}
		}
	}
	if retainKeys && len(p) > 0 {
		keep := []any{}
		for _, k := range sortedKeys(mod) {
			if mod[k] != nil {
				keep = append(keep, k)
			}
		}
		p[retainKeysDirective] = keep
	}
	return p, nil
}

// diffList adds to p the patch of a list field with the merge strategy.
func diffList(p map[string]any, field string, orig, mod []any, en node, meta fieldMeta) error {
	if equal(orig, mod) {
		return nil
	}
	maps, err := listKind(orig, mod)
	if err != nil {
		return err
	}
	if !maps {
		diffPrimitives(p, field, orig, mod)
		return nil
	}
	mk := meta.mergeKey
	if mk == "" {
		return badRequest("cannot diff list %q of objects without a merge key", field)
	}
	origPos, ok := keyIndex(orig, mk)
	if !ok {
		p[field] = replaceList(mod)
		return nil
	}
	modPos, ok := keyIndex(mod, mk)
	if !ok {
		p[field] = replaceList(mod)
		return nil
	}

	var list []any
	for _, e := range mod {
		em := e.(map[string]any)
		k, _ := elementKey(em, mk)
		i, found := origPos[k]
		if !found {
			list = append(list, em)
			continue
		}
		sub, err := diffObject(orig[i].(map[string]any), em, en, meta.retainKeys)
		if err != nil {
			return err
		}
		if len(sub) > 0 {
			sub[mk] = em[mk]
			list = append(list, sub)
		}
	}
	orderSame := len(orig) == len(mod)
	for i, e := range orig {
		om := e.(map[string]any)
		k, _ := elementKey(om, mk)
		if _, kept := modPos[k]; !kept {
			list = append(list, map[string]any{directiveMarker: deleteDirective, mk: om[mk]})
			orderSame = false
		} else if orderSame && modPos[k] != i {
			orderSame = false
		}
	}
	if len(list) > 0 {
		p[field] = list
	}
	if len(list) > 0 || !orderSame {
		order := make([]any, len(mod))
		for i, e := range mod {
			order[i] = map[string]any{mk: e.(map[string]any)[mk]}
		}
		p[setElementOrderPrefix+field] = order
	}
	return nil
}

// keyIndex maps each element's merge key to its position; ok is false if
// an element lacks the key or two share one.
func keyIndex(list []any, mk string) (map[string]int, bool) {
	idx := make(map[string]int, len(list))
	for i, e := range list {
		k, ok := elementKey(e, mk)
		if !ok {
			return nil, false
		}
		if _, dup := idx[k]; dup {
			return nil, false
		}
		idx[k] = i
	}
	return idx, true
}

// replaceList is a merged list patch that replaces the list whole, for
// lists whose elements cannot be told apart by their merge key.
func replaceList(mod []any) []any {
	return append([]any{map[string]any{directiveMarker: replaceDirective}}, mod...)
}

// diffPrimitives adds the patch of a merged list of primitives: new values
// in the list, removed ones in $deleteFromPrimitiveList, and the full
// order in $setElementOrder.
func diffPrimitives(p map[string]any, field string, orig, mod []any) {
	inOrig := map[string]bool{}
	for _, e := range orig {
		inOrig[key(e)] = true
	}
	inMod := map[string]bool{}
	var add []any
	for _, e := range mod {
		k := key(e)
		if !inOrig[k] && !inMod[k] {
			add = append(add, e)
		}
		inMod[k] = true
	}
	var del []any
	deleted := map[string]bool{}
	for _, e := range orig {
		k := key(e)
		if !inMod[k] && !deleted[k] {
			deleted[k] = true
			del = append(del, e)
		}
	}
	if len(add) > 0 {
		p[field] = add
	}
	if len(del) > 0 {
		p[deleteFromListPrefix+field] = del
	}
	p[setElementOrderPrefix+field] = mod
}
