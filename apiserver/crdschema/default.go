package crdschema

import "github.com/orcaproj/orca/apiobj"

// Default sets the schema's default values in obj, in place, as Kubernetes
// does for custom resources:
//
//   - a property absent from an object that is present gets a deep copy of
//     its default, which is then defaulted in turn; a missing parent object
//     is not created unless it has a default itself (commonly default: {});
//   - a null value of a field that is not nullable is removed first, and
//     then defaulted if it has a default; a null of a nullable field stays;
//   - defaults apply below properties, list items and map values
//     (additionalProperties), never inside allOf, anyOf, oneOf or not.
//
// The root's apiVersion, kind and metadata are left alone. Default is
// idempotent. It does not validate: a default of the wrong type is caught
// by ValidateStructural when the definition is written.
func (s *Schema) Default(obj map[string]any) {
	s.root.applyDefaults(obj, true)
}

func (n *node) applyDefaults(v any, root bool) {
	switch t := v.(type) {
	case map[string]any:
		for k, prop := range n.properties {
			if root && isTypeMetaOrMetadata(k) {
				continue
			}
			cur, has := t[k]
			if has && cur == nil && !prop.nullable {
				delete(t, k)
				has = false
			}
			if !has && prop.hasDefault {
				t[k] = apiobj.DeepCopyJSONValue(prop.def)
			}
		}
		for k, x := range t {
			if root && isTypeMetaOrMetadata(k) {
				continue
			}
			if prop := n.properties[k]; prop != nil {
				prop.applyDefaults(x, false)
				continue
			}
			ap := n.additional
			if ap == nil {
				continue
			}
			if x == nil && !ap.nullable {
				if !ap.hasDefault {
					delete(t, k)
					continue
				}
				x = apiobj.DeepCopyJSONValue(ap.def)
				t[k] = x
			}
			ap.applyDefaults(x, false)
		}
	case []any:
		if n.items != nil {
			for _, x := range t {
				n.items.applyDefaults(x, false)
			}
		}
	}
}

func isTypeMetaOrMetadata(k string) bool {
	return k == "apiVersion" || k == "kind" || k == "metadata"
}
