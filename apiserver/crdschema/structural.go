package crdschema

import (
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/field"
)

// ValidateDefinition runs ValidateStructural on the schema of every version
// of crd, with paths from the definition's root
// (spec.versions[0].schema.openAPIV3Schema...). Versions without a schema
// are skipped; apiobj's own validation of the definition requires one.
func ValidateDefinition(crd *apiobj.CustomResourceDefinition) field.ErrorList {
	var errs field.ErrorList
	for i := range crd.Spec.Versions {
		v := &crd.Spec.Versions[i]
		if v.Schema == nil || v.Schema.OpenAPIV3Schema == nil {
			continue
		}
		p := field.NewPath("spec", "versions").Index(i).Child("schema", "openAPIV3Schema")
		errs = append(errs, ValidateStructural(v.Schema.OpenAPIV3Schema, p)...)
	}
	return errs
}

// ValidateStructural checks that schema, found at fldPath (nil: paths start
// at the schema's own fields, "properties[spec].type"), is a structural
// schema as Kubernetes demands of apiextensions.k8s.io/v1 definitions, and
// that this package can evaluate it (everything Compile rejects). It
// checks:
//
//   - the root has type object, and every other node a type, except under
//     x-kubernetes-int-or-string or x-kubernetes-preserve-unknown-fields;
//   - arrays have items, a single schema; properties and a non-true
//     additionalProperties are not both set;
//   - x-kubernetes-preserve-unknown-fields is true or unset; embedded
//     resources are objects with properties or preserving unknown fields;
//     int-or-string nodes have no type;
//   - allOf, anyOf, oneOf and not set no type (but the int-or-string
//     pattern), description, default, nullable, additionalProperties or
//     x-kubernetes-* structure extensions, and name only properties and
//     items that are specified outside them too;
//   - the root metadata restricts only name and generateName;
//   - length and count bounds are not negative; uniqueItems is not true; x-kubernetes-list-type, -list-map-keys and
//     -map-type are consistent (map lists of objects keyed by required or
//     defaulted scalar properties, sets of scalars or atomic values);
//   - every default is pruned to itself and validates against its schema.
//
// x-kubernetes-validations rules are not checked: orca has no CEL.
func ValidateStructural(schema *apiobj.JSONSchemaProps, fldPath *field.Path) field.ErrorList {
	if schema == nil {
		return field.ErrorList{field.Required(fldPath, "a schema is required")}
	}
	c := &compiler{}
	c.compile(schema, fldPath, "")
	st := &structural{errs: c.errs}
	switch schema.Type {
	case "":
		st.add(field.Required(fldPath.Child("type"), "must not be empty at the root"))
	case "object":
	default:
		st.add(field.Invalid(fldPath.Child("type"), schema.Type, "must be object at the root"))
	}
	st.node(schema, fldPath, true, false)
	return st.errs
}

type structural struct {
	errs field.ErrorList
}

func (st *structural) add(e *field.Error) { st.errs = append(st.errs, e) }

func preserves(s *apiobj.JSONSchemaProps) bool {
	return s.XPreserveUnknownFields != nil && *s.XPreserveUnknownFields
}

func (st *structural) node(s *apiobj.JSONSchemaProps, p *field.Path, root, isItems bool) {
	if s.XPreserveUnknownFields != nil && !*s.XPreserveUnknownFields {
		st.add(field.Invalid(p.Child("x-kubernetes-preserve-unknown-fields"), false, "must be true or undefined"))
	}
	if !root && s.Type == "" && !s.XIntOrString && !preserves(s) {
		if isItems {
			st.add(field.Required(p.Child("type"), "must not be empty for specified array items"))
		} else {
			st.add(field.Required(p.Child("type"), "must not be empty for specified object fields"))
		}
	}
	if s.XIntOrString && s.Type != "" {
		st.add(field.Invalid(p.Child("type"), s.Type, "must be empty if x-kubernetes-int-or-string is true"))
	}
	if s.Type == "array" && (s.Items == nil || s.Items.Schema == nil && s.Items.JSONSchemas == nil) {
		st.add(field.Required(p.Child("items"), "must be specified"))
	}
	if ap := s.AdditionalProperties; ap != nil && len(s.Properties) > 0 && (!ap.Allows || ap.Schema != nil) {
		st.add(field.Forbidden(p.Child("additionalProperties"), "additionalProperties and properties are mutual exclusive"))
	}
	if s.UniqueItems {
		st.add(field.Forbidden(p.Child("uniqueItems"), "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"))
	}
	for _, b := range []struct {
		name string
		v    *int64
	}{
		{"maxLength", s.MaxLength}, {"minLength", s.MinLength}, {"maxItems", s.MaxItems},
		{"minItems", s.MinItems}, {"maxProperties", s.MaxProperties}, {"minProperties", s.MinProperties},
	} {
		if b.v != nil && *b.v < 0 {
			st.add(field.Invalid(p.Child(b.name), *b.v, "must be greater than or equal to 0"))
		}
	}
	if s.ID != "" {
		st.add(field.Forbidden(p.Child("id"), "id is not supported"))
	}
	if s.Schema != "" {
		st.add(field.Forbidden(p.Child("$schema"), "$schema is not supported"))
	}
	if s.XEmbeddedResource {
		if s.Type != "object" {
			st.add(field.Invalid(p.Child("type"), s.Type, "must be object if x-kubernetes-embedded-resource is true"))
		}
		if len(s.Properties) == 0 && !preserves(s) {
			st.add(field.Required(p.Child("properties"), "must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields"))
		}
	}
	st.listAndMapType(s, p)
	if s.Default != nil {
		st.checkDefault(s, p)
	}
	if root {
		if md, ok := s.Properties["metadata"]; ok {
			st.rootMetadata(&md, p.Child("properties").Key("metadata"))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(s.Properties)) {
		prop := s.Properties[name]
		st.node(&prop, p.Child("properties").Key(name), false, false)
	}
	if ap := s.AdditionalProperties; ap != nil && ap.Schema != nil {
		st.node(ap.Schema, p.Child("additionalProperties"), false, false)
	}
	if s.Items != nil && s.Items.Schema != nil {
		st.node(s.Items.Schema, p.Child("items"), false, true)
	}
	st.junctors(s, s, p, p)
}

// junctors checks the allOf, anyOf, oneOf and not of j, which sits at jp
// over the structural node parent at pp.
func (st *structural) junctors(j, parent *apiobj.JSONSchemaProps, jp, pp *field.Path) {
	for i := range j.AllOf {
		st.junctor(&j.AllOf[i], parent, jp.Child("allOf").Index(i), pp)
	}
	for i := range j.AnyOf {
		st.junctor(&j.AnyOf[i], parent, jp.Child("anyOf").Index(i), pp)
	}
	for i := range j.OneOf {
		st.junctor(&j.OneOf[i], parent, jp.Child("oneOf").Index(i), pp)
	}
	if j.Not != nil {
		st.junctor(j.Not, parent, jp.Child("not"), pp)
	}
}

// junctor checks j, a schema inside a logical junctor at jp, against the
// structural node parent (nil where the structure specifies nothing) at pp.
func (st *structural) junctor(j, parent *apiobj.JSONSchemaProps, jp, pp *field.Path) {
	intOrString := parent != nil && parent.XIntOrString && (j.Type == "integer" || j.Type == "string")
	if j.Type != "" && !intOrString {
		st.add(field.Forbidden(jp.Child("type"), "must be empty to be structural"))
	}
	if j.Description != "" {
		st.add(field.Forbidden(jp.Child("description"), "must be empty to be structural"))
	}
	if j.Default != nil {
		st.add(field.Forbidden(jp.Child("default"), "must be undefined to be structural"))
	}
	if j.AdditionalProperties != nil {
		st.add(field.Forbidden(jp.Child("additionalProperties"), "must be undefined to be structural"))
	}
	if j.Nullable {
		st.add(field.Forbidden(jp.Child("nullable"), "must be false to be structural"))
	}
	if j.XPreserveUnknownFields != nil {
		st.add(field.Forbidden(jp.Child("x-kubernetes-preserve-unknown-fields"), "must be undefined to be structural"))
	}
	if j.XEmbeddedResource {
		st.add(field.Forbidden(jp.Child("x-kubernetes-embedded-resource"), "must be false to be structural"))
	}
	if j.XIntOrString {
		st.add(field.Forbidden(jp.Child("x-kubernetes-int-or-string"), "must be false to be structural"))
	}
	for _, name := range slices.Sorted(maps.Keys(j.Properties)) {
		prop := j.Properties[name]
		var sp *apiobj.JSONSchemaProps
		if parent != nil {
			if ps, ok := parent.Properties[name]; ok {
				sp = &ps
			} else if ap := parent.AdditionalProperties; ap != nil && ap.Schema != nil {
				sp = ap.Schema
			}
		}
		spp := pp.Child("properties").Key(name)
		if sp == nil {
			st.add(field.Required(spp, "because it is defined in "+jp.Child("properties").Key(name).String()))
		}
		st.junctor(&prop, sp, jp.Child("properties").Key(name), spp)
	}
	if j.Items != nil && j.Items.Schema != nil {
		var sp *apiobj.JSONSchemaProps
		if parent != nil && parent.Items != nil {
			sp = parent.Items.Schema
		}
		if sp == nil {
			st.add(field.Required(pp.Child("items"), "because it is defined in "+jp.Child("items").String()))
		}
		st.junctor(j.Items.Schema, sp, jp.Child("items"), pp.Child("items"))
	}
	st.junctors(j, parent, jp, pp)
}

var (
	listTypes = []string{"atomic", "set", "map"}
	mapTypes  = []string{"granular", "atomic"}
)

func isScalarType(t string) bool {
	return t == "string" || t == "integer" || t == "number" || t == "boolean"
}

func (st *structural) listAndMapType(s *apiobj.JSONSchemaProps, p *field.Path) {
	var items *apiobj.JSONSchemaProps
	if s.Items != nil {
		items = s.Items.Schema
	}
	listType := ""
	if s.XListType != nil {
		listType = *s.XListType
		lp := p.Child("x-kubernetes-list-type")
		switch {
		case !slices.Contains(listTypes, listType):
			st.add(field.NotSupported(lp, listType, listTypes))
		case s.Type != "array":
			st.add(field.Invalid(lp, listType, "must only be used if type is array"))
		}
	}
	keysPath := p.Child("x-kubernetes-list-map-keys")
	switch listType {
	case "set":
		if items != nil {
			switch {
			case items.Type == "object" && (items.XMapType == nil || *items.XMapType != "atomic"):
				st.add(field.Invalid(p.Child("items", "x-kubernetes-map-type"), items.XMapType, "must be atomic as item of a list with x-kubernetes-list-type=set"))
			case items.Type == "array" && (items.XListType == nil || *items.XListType != "atomic"):
				st.add(field.Invalid(p.Child("items", "x-kubernetes-list-type"), items.XListType, "must be atomic as item of a list with x-kubernetes-list-type=set"))
			}
		}
	case "map":
		if len(s.XListMapKeys) == 0 {
			st.add(field.Required(keysPath, "must not be empty if x-kubernetes-list-type is map"))
		}
		if items == nil {
			break
		}
		if items.Type != "object" {
			st.add(field.Invalid(p.Child("items", "type"), items.Type, "must be object if parent array's x-kubernetes-list-type is map"))
			break
		}
		seen := map[string]bool{}
		for _, k := range s.XListMapKeys {
			if seen[k] {
				st.add(field.Invalid(keysPath, s.XListMapKeys, "must not contain duplicate entries"))
			}
			seen[k] = true
			ks, ok := items.Properties[k]
			if !ok {
				st.add(field.Invalid(keysPath, s.XListMapKeys, "entries must all be names of item properties"))
				continue
			}
			if !isScalarType(ks.Type) && !ks.XIntOrString {
				st.add(field.Invalid(p.Child("items", "properties").Key(k).Child("type"), ks.Type, "must be a scalar type if parent array's x-kubernetes-list-type is map"))
			}
			if ks.Default == nil && !slices.Contains(items.Required, k) {
				st.add(field.Required(p.Child("items", "properties").Key(k).Child("default"),
					"this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property"))
			}
		}
	}
	if len(s.XListMapKeys) > 0 && listType != "map" {
		st.add(field.Forbidden(keysPath, "must not be set if x-kubernetes-list-type is not map"))
	}
	if s.XMapType != nil {
		mp := p.Child("x-kubernetes-map-type")
		switch {
		case !slices.Contains(mapTypes, *s.XMapType):
			st.add(field.NotSupported(mp, *s.XMapType, mapTypes))
		case s.Type != "object":
			st.add(field.Invalid(mp, *s.XMapType, "must only be used if type is object"))
		}
	}
}

// rootMetadata checks that the root's metadata schema restricts nothing but
// name and generateName, which must be strings.
func (st *structural) rootMetadata(md *apiobj.JSONSchemaProps, p *field.Path) {
	rest := *md
	rest.Type, rest.Description, rest.Properties = "", "", nil
	if (md.Type != "" && md.Type != "object") || !reflect.DeepEqual(rest, apiobj.JSONSchemaProps{}) {
		st.add(field.Forbidden(p, "must not specify anything other than name and generateName, but metadata is implicitly specified"))
	}
	for _, name := range slices.Sorted(maps.Keys(md.Properties)) {
		prop := md.Properties[name]
		pp := p.Child("properties").Key(name)
		switch {
		case name != "name" && name != "generateName":
			st.add(field.Forbidden(pp, "must not specify anything other than name and generateName, but metadata is implicitly specified"))
		case prop.Type != "string":
			st.add(field.Invalid(pp.Child("type"), prop.Type, "must be string"))
		case prop.Default != nil:
			st.add(field.Forbidden(pp.Child("default"), "must not be set for metadata"))
		}
	}
}

// checkDefault checks that the default of s is unchanged by pruning and,
// once defaulted itself, valid against s.
func (st *structural) checkDefault(s *apiobj.JSONSchemaProps, p *field.Path) {
	c := &compiler{}
	n := c.compile(s, p, "")
	if len(c.errs) > 0 || !n.hasDefault {
		return // reported by the whole schema's compile
	}
	dp := p.Child("default")
	v := apiobj.DeepCopyJSONValue(n.def)
	pr := &pruner{}
	pr.value(v, n, dp)
	if len(pr.pruned) > 0 {
		st.add(field.Invalid(dp, badValue(n.def), "must not have unknown fields: "+strings.Join(pr.pruned, ", ")))
	}
	n.applyDefaults(v, false)
	e := &validator{}
	e.validate(v, n, dp, nil, false, false)
	st.errs = append(st.errs, e.errs...)
}
