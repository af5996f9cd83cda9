package crdschema

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/field"
)

// Validate checks obj, a custom object as JSON-decoded into
// apiobj.Unstructured, against the schema and returns every violation with
// Kubernetes' paths and messages, for example
//
//	spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10
//	spec.mode: Unsupported value: "x": supported values: "fast", "slow"
//	spec.cronSpec: Required value
//
// The root's apiVersion and kind are not checked, and of metadata only that
// it is an object and, where the schema restricts them, name and
// generateName: metadata is validated with the rules of every kind
// elsewhere. x-kubernetes-validations (CEL) rules are not evaluated; see
// UnevaluatedRules. Validate does not modify obj. The API server prunes,
// then defaults, then validates.
func (s *Schema) Validate(obj map[string]any) field.ErrorList {
	return s.ValidateUpdate(obj, nil)
}

// ValidateUpdate is Validate for an update of old to obj, with Kubernetes'
// validation ratcheting: errors found in a value that is unchanged from the
// value at the same place in old are dropped, so an object stored before
// its schema was tightened can still be updated elsewhere. Missing required
// fields are always reported. Values are matched by map key, by the keys
// of x-kubernetes-list-type map lists, and by value in set lists; items of
// other lists are matched only as part of an unchanged list. A nil old
// means a create.
func (s *Schema) ValidateUpdate(obj, old map[string]any) field.ErrorList {
	v := &validator{}
	var o any
	if old != nil {
		o = old
	}
	v.validate(obj, s.root, nil, o, old != nil, true)
	return v.errs
}

type validator struct {
	errs field.ErrorList
}

func (e *validator) add(err *field.Error) { e.errs = append(e.errs, err) }

// validate checks v against n at path p; old is the value at the same path
// in the old object, when hasOld. root is set for the object itself.
func (e *validator) validate(v any, n *node, p *field.Path, old any, hasOld, root bool) {
	start := len(e.errs)
	e.node(v, n, p, old, hasOld, root)
	if hasOld && len(e.errs) > start && jsonEqual(v, old) {
		kept := e.errs[:start]
		for _, err := range e.errs[start:] {
			if err.Type == field.ErrorTypeRequired {
				kept = append(kept, err)
			}
		}
		e.errs = kept
	}
}

func (e *validator) node(v any, n *node, p *field.Path, old any, hasOld, root bool) {
	if n.broken != nil {
		e.add(field.InternalError(p, fmt.Errorf("the schema cannot be evaluated here: %w", n.broken)))
		return
	}
	if v == nil && n.nullable {
		return
	}
	switch {
	case n.intOrString:
		if !typeMatches(typeInteger, v) && kindOf(v) != typeString {
			e.add(typeError(p, "integer,string", v))
			return
		}
	case n.typ != "":
		if !typeMatches(n.typ, v) {
			e.add(typeError(p, n.typ, v))
			return
		}
	}
	if len(n.enum) > 0 && !slices.ContainsFunc(n.enum, func(x any) bool { return jsonEqual(v, x) }) {
		e.add(field.NotSupported(p, v, n.enumNames))
	}
	switch t := v.(type) {
	case string:
		e.string(t, n, p)
	case map[string]any:
		e.object(t, n, p, old, hasOld, root)
	case []any:
		e.array(t, n, p, old, hasOld)
	default:
		if _, ok := toFloat(v); ok {
			e.number(v, n, p)
		}
	}
	e.junctors(v, n, p)
}

// typeError is Kubernetes' wrong-type error: the bad value shown is the
// name of the type found.
func typeError(p *field.Path, want string, v any) *field.Error {
	got := kindOf(v)
	return field.TypeInvalid(p, got, fmt.Sprintf("%s in body must be of type %s: %q", p, want, got))
}

func (e *validator) number(v any, n *node, p *field.Path) {
	f, _ := toFloat(v)
	if m := n.maximum; m != nil {
		switch {
		case n.exclusiveMaximum && f >= *m:
			e.add(field.Invalid(p, v, fmt.Sprintf("%s in body should be less than %v", p, *m)))
		case f > *m:
			e.add(field.Invalid(p, v, fmt.Sprintf("%s in body should be less than or equal to %v", p, *m)))
		}
	}
	if m := n.minimum; m != nil {
		switch {
		case n.exclusiveMinimum && f <= *m:
			e.add(field.Invalid(p, v, fmt.Sprintf("%s in body should be greater than %v", p, *m)))
		case f < *m:
			e.add(field.Invalid(p, v, fmt.Sprintf("%s in body should be greater than or equal to %v", p, *m)))
		}
	}
	if m := n.multipleOf; m != nil && *m > 0 && !isMultiple(v, *m) {
		e.add(field.Invalid(p, v, fmt.Sprintf("%s in body should be a multiple of %v", p, *m)))
	}
}

// isMultiple reports whether v is an integer multiple of m (> 0): exactly
// for integers, and within rounding error for other numbers.
func isMultiple(v any, m float64) bool {
	if i, ok := toInt(v); ok && isIntegral(m) && m < 1<<62 {
		return i%int64(m) == 0
	}
	f, _ := toFloat(v)
	q := f / m
	if math.IsInf(q, 0) || math.IsNaN(q) {
		return false
	}
	return math.Abs(q-math.Round(q)) <= 1e-9*math.Max(1, math.Abs(q))
}

func (e *validator) string(s string, n *node, p *field.Path) {
	if n.maxLength != nil || n.minLength != nil {
		l := int64(utf8.RuneCountInString(s))
		if m := n.maxLength; m != nil && l > *m {
			e.add(field.TooLong(p, s, int(*m)))
		}
		if m := n.minLength; m != nil && l < *m {
			e.add(field.Invalid(p, s, fmt.Sprintf("%s in body should be at least %d chars long", p, *m)))
		}
	}
	if n.pattern != nil && !n.pattern.MatchString(s) {
		e.add(field.Invalid(p, s, fmt.Sprintf("%s in body should match '%s'", p, n.pattern)))
	}
	if n.format != "" && !checkFormat(n.format, s) {
		e.add(field.TypeInvalid(p, s, fmt.Sprintf("%s in body must be of type %s: %q", p, n.format, s)))
	}
}

func (e *validator) array(a []any, n *node, p *field.Path, old any, hasOld bool) {
	if m := n.maxItems; m != nil && int64(len(a)) > *m {
		e.add(field.TooMany(p, len(a), int(*m)))
	}
	if m := n.minItems; m != nil && int64(len(a)) < *m {
		e.add(field.Invalid(p, len(a), fmt.Sprintf("%s in body should have at least %d items", p, *m)))
	}
	if n.uniqueItems {
		seen := make(map[string]bool, len(a))
		for i, x := range a {
			k := canonicalKey(x)
			if seen[k] {
				e.add(field.Invalid(p.Index(i), badValue(x), fmt.Sprintf("%s in body shouldn't contain duplicates", p)))
				break
			}
			seen[k] = true
		}
	}
	oldList, _ := old.([]any)
	var oldByKey map[string]any
	switch n.listType {
	case "set":
		seen := make(map[string]bool, len(a))
		for i, x := range a {
			k := canonicalKey(x)
			if seen[k] {
				e.add(field.Duplicate(p.Index(i), x))
			}
			seen[k] = true
		}
		if hasOld {
			oldByKey = make(map[string]any, len(oldList))
			for _, x := range oldList {
				oldByKey[canonicalKey(x)] = x
			}
		}
	case "map":
		seen := make(map[string]bool, len(a))
		for i, x := range a {
			k, keys, ok := n.mapListKey(x)
			if !ok {
				continue
			}
			if seen[k] {
				e.add(field.Duplicate(p.Index(i), keys))
			}
			seen[k] = true
		}
		if hasOld {
			oldByKey = make(map[string]any, len(oldList))
			for _, x := range oldList {
				if k, _, ok := n.mapListKey(x); ok {
					oldByKey[k] = x
				}
			}
		}
	}
	if n.items == nil {
		return
	}
	for i, x := range a {
		var ox any
		hasOx := false
		if oldByKey != nil {
			var k string
			ok := true
			if n.listType == "map" {
				k, _, ok = n.mapListKey(x)
			} else {
				k = canonicalKey(x)
			}
			if ok {
				ox, hasOx = oldByKey[k]
			}
		}
		e.validate(x, n.items, p.Index(i), ox, hasOx, false)
	}
}

// mapListKey returns the identity of an item of a map list: a canonical
// string and the key fields themselves. ok is false for non-objects.
func (n *node) mapListKey(x any) (string, map[string]any, bool) {
	m, ok := x.(map[string]any)
	if !ok {
		return "", nil, false
	}
	keys := make(map[string]any, len(n.listMapKeys))
	var b strings.Builder
	for _, k := range n.listMapKeys {
		v, has := m[k]
		if has {
			keys[k] = v
			canonical(&b, v)
		} else {
			b.WriteString("<missing>")
		}
		b.WriteByte(0)
	}
	return b.String(), keys, true
}

func (e *validator) object(m map[string]any, n *node, p *field.Path, old any, hasOld, root bool) {
	if mx := n.maxProperties; mx != nil && int64(len(m)) > *mx {
		e.add(field.TooMany(p, len(m), int(*mx)))
	}
	if mn := n.minProperties; mn != nil && int64(len(m)) < *mn {
		e.add(field.Invalid(p, len(m), fmt.Sprintf("%s in body should have at least %d properties", p, *mn)))
	}
	for _, r := range n.required {
		if _, ok := m[r]; !ok {
			e.add(field.Required(p.Child(r), ""))
		}
	}
	if n.embedded {
		e.embedded(m, p)
	}
	oldMap, _ := old.(map[string]any)
	for _, k := range slices.Sorted(maps.Keys(m)) {
		v := m[k]
		ov, hasOv := oldMap[k]
		hasOv = hasOv && hasOld
		if root && (k == "apiVersion" || k == "kind") {
			continue
		}
		if root && k == "metadata" {
			e.rootMetadata(v, n.properties[k], p.Child(k), ov, hasOv)
			continue
		}
		switch {
		case n.properties[k] != nil:
			e.validate(v, n.properties[k], p.Child(k), ov, hasOv, false)
		case n.embedded && (k == "apiVersion" || k == "kind" || k == "metadata"):
		case n.additional != nil:
			e.validate(v, n.additional, p.Child(k), ov, hasOv, false)
		case n.additionalNone:
			e.add(field.Invalid(p, k, fmt.Sprintf("%s in body is a forbidden property", dotted(p, k))))
		}
	}
}

func dotted(p *field.Path, k string) string {
	if p == nil {
		return k
	}
	return p.String() + "." + k
}

// rootMetadata checks the root metadata: an object, with name and
// generateName validated by the schema where it restricts them (the only
// restrictions Kubernetes allows there).
func (e *validator) rootMetadata(v any, n *node, p *field.Path, old any, hasOld bool) {
	md, ok := v.(map[string]any)
	if !ok {
		e.add(typeError(p, typeObject, v))
		return
	}
	if n == nil {
		return
	}
	oldMd, _ := old.(map[string]any)
	for _, f := range []string{"name", "generateName"} {
		fn := n.properties[f]
		fv, has := md[f]
		if fn == nil || !has {
			continue
		}
		ov, hasOv := oldMd[f]
		e.validate(fv, fn, p.Child(f), ov, hasOv && hasOld, false)
	}
}

// embedded checks what Kubernetes checks of an x-kubernetes-embedded-resource
// object: apiVersion and kind set, metadata an object with a valid name and
// generateName.
func (e *validator) embedded(m map[string]any, p *field.Path) {
	for _, f := range []string{"apiVersion", "kind"} {
		if s, _ := m[f].(string); s == "" {
			e.add(field.Required(p.Child(f), "must not be empty"))
		}
	}
	v, ok := m["metadata"]
	if !ok {
		return
	}
	md, ok := v.(map[string]any)
	if !ok {
		e.add(typeError(p.Child("metadata"), typeObject, v))
		return
	}
	for _, f := range []string{"name", "generateName"} {
		fv, has := md[f]
		if !has {
			continue
		}
		fp := p.Child("metadata", f)
		s, ok := fv.(string)
		if !ok {
			e.add(typeError(fp, typeString, fv))
			continue
		}
		if s == "" {
			continue
		}
		if msgs := apiobj.NameIsDNSSubdomain(s, f == "generateName"); len(msgs) > 0 {
			e.add(field.Invalid(fp, s, strings.Join(msgs, ",")))
		}
	}
}

// junctors applies allOf, anyOf, oneOf and not. Their schemas validate
// values only: they do not add fields, defaults or pruning.
func (e *validator) junctors(v any, n *node, p *field.Path) {
	for _, s := range n.allOf {
		e.node(v, s, p, nil, false, false)
	}
	if len(n.anyOf) > 0 {
		ok := slices.ContainsFunc(n.anyOf, func(s *node) bool { return passes(v, s, p) })
		if !ok {
			e.add(field.Invalid(p, badValue(v), fmt.Sprintf("%q must validate at least one schema (anyOf)", p.String())))
		}
	}
	if len(n.oneOf) > 0 {
		count := 0
		for _, s := range n.oneOf {
			if passes(v, s, p) {
				count++
			}
		}
		switch count {
		case 1:
		case 0:
			e.add(field.Invalid(p, badValue(v), fmt.Sprintf("%q must validate one and only one schema (oneOf). Found none valid", p.String())))
		default:
			e.add(field.Invalid(p, badValue(v), fmt.Sprintf("%q must validate one and only one schema (oneOf). Found %d valid alternatives", p.String(), count)))
		}
	}
	if n.not != nil && passes(v, n.not, p) {
		e.add(field.Invalid(p, badValue(v), fmt.Sprintf("%q must not validate the schema (not)", p.String())))
	}
}

func passes(v any, n *node, p *field.Path) bool {
	sub := &validator{}
	sub.node(v, n, p, nil, false, false)
	return len(sub.errs) == 0
}

// badValue is the value shown in an error about a whole value: scalars as
// they are; objects and arrays left out.
func badValue(v any) any {
	if isScalar(v) {
		return v
	}
	return field.OmitValue
}
