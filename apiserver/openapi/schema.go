package openapi

import (
	"encoding/json"
	"maps"
	"slices"
)

// schema is one OpenAPI schema in a form that renders to OpenAPI v2 (JSON
// and protobuf) and v3. References name a definition; the JSON pointer
// prefix depends on the version rendered.
type schema struct {
	Ref         string // definition name; a reference carries only Description and Extensions besides
	Description string
	Title       string
	Type        string
	Format      string
	Items       *schema
	Properties  map[string]*schema
	// AdditionalProperties is a schema; when it is nil, NoAdditional
	// says whether additionalProperties: false was given.
	AdditionalProperties *schema
	NoAdditional         bool
	Required             []string
	Enum                 []json.RawMessage
	Default              json.RawMessage
	Example              json.RawMessage
	Minimum, Maximum     *float64
	ExclusiveMinimum     bool
	ExclusiveMaximum     bool
	MultipleOf           *float64
	MinLength, MaxLength *int64
	MinItems, MaxItems   *int64
	MinProperties        *int64
	MaxProperties        *int64
	UniqueItems          bool
	Pattern              string
	// Nullable, AllOf, OneOf, AnyOf and Not exist in OpenAPI v3 only; v2
	// renders leave them out.
	Nullable            bool
	AllOf, OneOf, AnyOf []*schema
	Not                 *schema
	// V3OneOfTypes, when set, replaces Type in OpenAPI v3 with a oneOf of
	// these types, as Kubernetes publishes IntOrString and Quantity.
	V3OneOfTypes []string
	// Extensions are the x-kubernetes-* (and other x-) keys.
	Extensions map[string]any
}

// Which document a schema is rendered for.
type version int

const (
	v2 version = iota
	v3
)

func refPrefix(v version) string {
	if v == v2 {
		return "#/definitions/"
	}
	return "#/components/schemas/"
}

// setExt sets an extension.
func (s *schema) setExt(k string, v any) {
	if s.Extensions == nil {
		s.Extensions = map[string]any{}
	}
	s.Extensions[k] = v
}

// render returns s as a JSON-ready map for version v.
func (s *schema) render(v version) map[string]any {
	m := map[string]any{}
	for k, e := range s.Extensions {
		if v == v2 && k == "x-kubernetes-validations" {
			continue
		}
		m[k] = e
	}
	if s.Description != "" {
		m["description"] = s.Description
	}
	if s.Ref != "" {
		ref := map[string]any{"$ref": refPrefix(v) + s.Ref}
		if v == v2 || (len(m) == 0 && s.Default == nil) {
			maps.Copy(m, ref)
			return m
		}
		// In OpenAPI v3 siblings of $ref are ignored; Kubernetes wraps the
		// reference in allOf to keep the description and extensions.
		m["allOf"] = []any{ref}
		if s.Default != nil {
			m["default"] = s.Default
		}
		return m
	}
	put := func(k string, val any, ok bool) {
		if ok {
			m[k] = val
		}
	}
	put("title", s.Title, s.Title != "")
	if v == v3 && len(s.V3OneOfTypes) > 0 {
		var one []any
		for _, t := range s.V3OneOfTypes {
			one = append(one, map[string]any{"type": t})
		}
		m["oneOf"] = one
	} else {
		put("type", s.Type, s.Type != "")
	}
	put("format", s.Format, s.Format != "")
	if s.Items != nil {
		m["items"] = s.Items.render(v)
	}
	if len(s.Properties) > 0 {
		props := map[string]any{}
		for k, p := range s.Properties {
			props[k] = p.render(v)
		}
		m["properties"] = props
	}
	if s.AdditionalProperties != nil {
		m["additionalProperties"] = s.AdditionalProperties.render(v)
	} else if s.NoAdditional {
		m["additionalProperties"] = false
	}
	put("required", s.Required, len(s.Required) > 0)
	put("enum", s.Enum, len(s.Enum) > 0)
	put("default", s.Default, s.Default != nil)
	put("example", s.Example, s.Example != nil)
	put("minimum", s.Minimum, s.Minimum != nil)
	put("maximum", s.Maximum, s.Maximum != nil)
	put("exclusiveMinimum", true, s.ExclusiveMinimum)
	put("exclusiveMaximum", true, s.ExclusiveMaximum)
	put("multipleOf", s.MultipleOf, s.MultipleOf != nil)
	put("minLength", s.MinLength, s.MinLength != nil)
	put("maxLength", s.MaxLength, s.MaxLength != nil)
	put("minItems", s.MinItems, s.MinItems != nil)
	put("maxItems", s.MaxItems, s.MaxItems != nil)
	put("minProperties", s.MinProperties, s.MinProperties != nil)
	put("maxProperties", s.MaxProperties, s.MaxProperties != nil)
	put("uniqueItems", true, s.UniqueItems)
	put("pattern", s.Pattern, s.Pattern != "")
	if v == v3 {
		put("nullable", true, s.Nullable)
		put("allOf", renderAll(s.AllOf, v), len(s.AllOf) > 0)
		put("oneOf", renderAll(s.OneOf, v), len(s.OneOf) > 0)
		put("anyOf", renderAll(s.AnyOf, v), len(s.AnyOf) > 0)
		if s.Not != nil {
			m["not"] = s.Not.render(v)
		}
	}
	return m
}

func renderAll(ss []*schema, v version) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s.render(v)
	}
	return out
}

// refs calls f with every definition name s references, directly or below.
func (s *schema) refs(f func(string)) {
	if s == nil {
		return
	}
	if s.Ref != "" {
		f(s.Ref)
	}
	s.Items.refs(f)
	s.AdditionalProperties.refs(f)
	s.Not.refs(f)
	for _, k := range slices.Sorted(maps.Keys(s.Properties)) {
		s.Properties[k].refs(f)
	}
	for _, l := range [][]*schema{s.AllOf, s.OneOf, s.AnyOf} {
		for _, c := range l {
			c.refs(f)
		}
	}
}

// gvkExt is the value of x-kubernetes-group-version-kind.
type gvkExt struct {
	Group   string `json:"group"`
	Kind    string `json:"kind"`
	Version string `json:"version"`
}

const (
	extGVK           = "x-kubernetes-group-version-kind"
	extAction        = "x-kubernetes-action"
	extPatchStrategy = "x-kubernetes-patch-strategy"
	extPatchMergeKey = "x-kubernetes-patch-merge-key"
)
