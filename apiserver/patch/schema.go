package patch

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
	"sync"
)

// node is a position in a kind's Go type as the patch walk descends. The
// zero node stands for a type that is unknown (a field the struct lacks,
// an interface) or opaque (one with its own JSON encoding, such as Time or
// Quantity); below it maps merge key by key and lists are replaced whole,
// as in a JSON merge patch.
type node struct{ t reflect.Type }

// fieldMeta is what the patchStrategy and patchMergeKey struct tags say of
// one field.
type fieldMeta struct {
	// strategy is "merge", "replace" or "" (the default: merge maps,
	// replace lists).
	strategy string
	// retainKeys is set by patchStrategy "retainKeys" or "merge,retainKeys".
	retainKeys bool
	// mergeKey identifies the elements of a merged list of objects.
	mergeKey string
}

var (
	marshalerType       = reflect.TypeFor[json.Marshaler]()
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textMarshalerType   = reflect.TypeFor[encoding.TextMarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

func newNode(t reflect.Type) node {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || opaque(t) {
		return node{}
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Map, reflect.Slice, reflect.Array:
		return node{t}
	}
	return node{}
}

// opaque reports whether t chooses its own JSON encoding.
func opaque(t reflect.Type) bool {
	pt := reflect.PointerTo(t)
	for _, i := range []reflect.Type{marshalerType, unmarshalerType, textMarshalerType, textUnmarshalerType} {
		if t.Implements(i) || pt.Implements(i) {
			return true
		}
	}
	return false
}

// field returns the node and metadata of the JSON field name of an object.
func (n node) field(name string) (node, fieldMeta) {
	if n.t == nil {
		return node{}, fieldMeta{}
	}
	switch n.t.Kind() {
	case reflect.Map:
		return newNode(n.t.Elem()), fieldMeta{}
	case reflect.Struct:
		if f, ok := structFields(n.t)[name]; ok {
			return newNode(f.typ), f.meta
		}
	}
	return node{}, fieldMeta{}
}

// elem returns the node of a list's elements.
func (n node) elem() node {
	if n.t == nil {
		return node{}
	}
	switch n.t.Kind() {
	case reflect.Slice, reflect.Array:
		if n.t.Elem().Kind() == reflect.Uint8 {
			return node{} // []byte is a base64 string
		}
		return newNode(n.t.Elem())
	}
	return node{}
}

type structField struct {
	typ  reflect.Type
	meta fieldMeta
}

// fieldCache maps a struct type to its fields by JSON name. Types are few
// and immutable, so the cache only grows to the number of kinds' types.
var fieldCache sync.Map // reflect.Type -> map[string]structField

func structFields(t reflect.Type) map[string]structField {
	if v, ok := fieldCache.Load(t); ok {
		return v.(map[string]structField)
	}
	m := collectFields(t)
	v, _ := fieldCache.LoadOrStore(t, m)
	return v.(map[string]structField)
}

// collectFields lists the JSON fields of a struct the way encoding/json
// sees them: embedded structs without a JSON name are flattened into
// their parent, a shallower field hides a deeper one of the same name, and
// at equal depth a tagged field wins over an untagged one while two of a
// kind cancel out.
func collectFields(t reflect.Type) map[string]structField {
	type candidate struct {
		f      structField
		depth  int
		tagged bool
	}
	cands := map[string][]candidate{}
	var walk func(t reflect.Type, depth int, seen map[reflect.Type]bool)
	walk = func(t reflect.Type, depth int, seen map[reflect.Type]bool) {
		if seen[t] {
			return
		}
		seen[t] = true
		defer delete(seen, t)
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			tag := sf.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			if sf.Anonymous && name == "" {
				ft := sf.Type
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if ft.Kind() == reflect.Struct {
					walk(ft, depth+1, seen)
					continue
				}
			}
			if !sf.IsExported() {
				continue
			}
			tagged := name != ""
			if !tagged {
				name = sf.Name
			}
			cands[name] = append(cands[name], candidate{
				f:      structField{typ: sf.Type, meta: parseMeta(sf.Tag)},
				depth:  depth,
				tagged: tagged,
			})
		}
	}
	walk(t, 0, map[reflect.Type]bool{})

	out := make(map[string]structField, len(cands))
	for name, cs := range cands {
		best := cs[0].depth
		for _, c := range cs {
			best = min(best, c.depth)
		}
		var top, tagged []candidate
		for _, c := range cs {
			if c.depth == best {
				top = append(top, c)
				if c.tagged {
					tagged = append(tagged, c)
				}
			}
		}
		switch {
		case len(top) == 1:
			out[name] = top[0].f
		case len(tagged) == 1:
			out[name] = tagged[0].f
		}
	}
	return out
}

func parseMeta(tag reflect.StructTag) fieldMeta {
	var m fieldMeta
	for _, s := range strings.Split(tag.Get("patchStrategy"), ",") {
		switch s = strings.TrimSpace(s); s {
		case "retainKeys":
			m.retainKeys = true
		case "merge", "replace":
			m.strategy = s
		}
	}
	m.mergeKey = tag.Get("patchMergeKey")
	return m
}
