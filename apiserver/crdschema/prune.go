package crdschema

import (
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/field"
)

// Prune removes from obj, in place, every field the schema does not
// specify, as Kubernetes does for apiextensions.k8s.io/v1 definitions, and
// returns the paths of the removed fields in a stable order, written as
// field paths ("spec.foo", "spec.items[0].bar"). The API server warns with
// them under fieldValidation=Warn and rejects the request under Strict
// (`unknown field "spec.foo"`).
//
// Fields are kept where the schema names them in properties, where
// additionalProperties gives a schema for every value (which is then pruned
// in turn) or is true, and below x-kubernetes-preserve-unknown-fields,
// where only the fields the schema does name are pruned further. At the
// root and in x-kubernetes-embedded-resource objects, apiVersion and kind
// are kept, and metadata keeps the fields of ObjectMeta. allOf, anyOf,
// oneOf and not never keep a field.
func (s *Schema) Prune(obj map[string]any) []string {
	pr := &pruner{}
	pr.object(obj, s.root, nil, true)
	return pr.pruned
}

type pruner struct {
	pruned []string
}

func (pr *pruner) drop(m map[string]any, k string, p *field.Path) {
	delete(m, k)
	pr.pruned = append(pr.pruned, p.Child(k).String())
}

func (pr *pruner) value(v any, n *node, p *field.Path) {
	switch t := v.(type) {
	case map[string]any:
		pr.object(t, n, p, false)
	case []any:
		if n.items != nil {
			for i, x := range t {
				pr.value(x, n.items, p.Index(i))
			}
		}
	}
}

func (pr *pruner) object(m map[string]any, n *node, p *field.Path, root bool) {
	resource := root || n.embedded
	for _, k := range slices.Sorted(maps.Keys(m)) {
		x := m[k]
		if resource && (k == "apiVersion" || k == "kind") {
			continue
		}
		if resource && k == "metadata" {
			pr.metadata(x, p.Child(k))
			continue
		}
		switch {
		case n.properties[k] != nil:
			pr.value(x, n.properties[k], p.Child(k))
		case n.additional != nil:
			pr.value(x, n.additional, p.Child(k))
		case n.preserve || n.additionalAny:
		default:
			pr.drop(m, k, p)
		}
	}
}

// metadata prunes the top-level fields of an object's metadata to those of
// ObjectMeta.
func (pr *pruner) metadata(v any, p *field.Path) {
	md, ok := v.(map[string]any)
	if !ok {
		return
	}
	for _, k := range slices.Sorted(maps.Keys(md)) {
		if !objectMetaFields[k] {
			pr.drop(md, k, p)
		}
	}
}

// objectMetaFields are the JSON names of ObjectMeta's fields.
var objectMetaFields = func() map[string]bool {
	out := map[string]bool{}
	t := reflect.TypeFor[apiobj.ObjectMeta]()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			out[name] = true
		}
	}
	return out
}()
