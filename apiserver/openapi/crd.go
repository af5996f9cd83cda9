package openapi

import (
	"encoding/json"
	"maps"
	"slices"

	"github.com/orcaproj/orca/apiobj"
)

// CRDLookup finds the definition and version that serve a custom kind.
// *registry.Registry implements it.
type CRDLookup interface {
	CustomResourceDefinition(gvk apiobj.GroupVersionKind) (*apiobj.CustomResourceDefinition, *apiobj.CustomResourceDefinitionVersion, bool)
}

// CRDLookupFunc adapts a function to CRDLookup.
type CRDLookupFunc func(gvk apiobj.GroupVersionKind) (*apiobj.CustomResourceDefinition, *apiobj.CustomResourceDefinitionVersion, bool)

// CustomResourceDefinition implements CRDLookup.
func (f CRDLookupFunc) CustomResourceDefinition(gvk apiobj.GroupVersionKind) (*apiobj.CustomResourceDefinition, *apiobj.CustomResourceDefinitionVersion, bool) {
	return f(gvk)
}

// fromJSONSchema converts a CRD schema. The result keeps everything; the
// v2 render drops what OpenAPI v2 cannot say (see forV2).
func fromJSONSchema(p *apiobj.JSONSchemaProps) *schema {
	if p == nil {
		return nil
	}
	s := &schema{
		Description:      p.Description,
		Title:            p.Title,
		Type:             p.Type,
		Format:           p.Format,
		Minimum:          p.Minimum,
		Maximum:          p.Maximum,
		ExclusiveMinimum: p.ExclusiveMinimum,
		ExclusiveMaximum: p.ExclusiveMaximum,
		MultipleOf:       p.MultipleOf,
		MinLength:        p.MinLength,
		MaxLength:        p.MaxLength,
		MinItems:         p.MinItems,
		MaxItems:         p.MaxItems,
		MinProperties:    p.MinProperties,
		MaxProperties:    p.MaxProperties,
		UniqueItems:      p.UniqueItems,
		Pattern:          p.Pattern,
		Nullable:         p.Nullable,
		Required:         slices.Clone(p.Required),
		Not:              fromJSONSchema(p.Not),
	}
	if p.Default != nil {
		s.Default = json.RawMessage(*p.Default)
	}
	if p.Example != nil {
		s.Example = json.RawMessage(*p.Example)
	}
	for _, e := range p.Enum {
		s.Enum = append(s.Enum, json.RawMessage(e))
	}
	if p.Items != nil {
		switch {
		case p.Items.Schema != nil:
			s.Items = fromJSONSchema(p.Items.Schema)
		case len(p.Items.JSONSchemas) > 0:
			s.Items = fromJSONSchema(&p.Items.JSONSchemas[0])
		}
	}
	if len(p.Properties) > 0 {
		s.Properties = map[string]*schema{}
		for k, v := range p.Properties {
			s.Properties[k] = fromJSONSchema(&v)
		}
	}
	if a := p.AdditionalProperties; a != nil {
		if a.Schema != nil {
			s.AdditionalProperties = fromJSONSchema(a.Schema)
		} else if !a.Allows {
			s.NoAdditional = true
		}
	}
	for _, l := range []struct {
		in  []apiobj.JSONSchemaProps
		out *[]*schema
	}{{p.AllOf, &s.AllOf}, {p.OneOf, &s.OneOf}, {p.AnyOf, &s.AnyOf}} {
		for i := range l.in {
			*l.out = append(*l.out, fromJSONSchema(&l.in[i]))
		}
	}
	if p.XPreserveUnknownFields != nil && *p.XPreserveUnknownFields {
		s.setExt("x-kubernetes-preserve-unknown-fields", true)
	}
	if p.XEmbeddedResource {
		s.setExt("x-kubernetes-embedded-resource", true)
	}
	if p.XIntOrString {
		s.setExt("x-kubernetes-int-or-string", true)
	}
	if len(p.XListMapKeys) > 0 {
		s.setExt("x-kubernetes-list-map-keys", p.XListMapKeys)
	}
	if p.XListType != nil {
		s.setExt("x-kubernetes-list-type", *p.XListType)
	}
	if p.XMapType != nil {
		s.setExt("x-kubernetes-map-type", *p.XMapType)
	}
	if len(p.XValidations) > 0 {
		s.setExt("x-kubernetes-validations", p.XValidations)
	}
	return s
}

// customKindSchema returns the definition of a custom kind: the version's
// schema with apiVersion, kind and metadata filled in as Kubernetes
// publishes it, or an open object when the version has no schema.
func customKindSchema(v *apiobj.CustomResourceDefinitionVersion) *schema {
	var s *schema
	if v != nil && v.Schema != nil && v.Schema.OpenAPIV3Schema != nil {
		s = fromJSONSchema(v.Schema.OpenAPIV3Schema)
	}
	if s == nil {
		s = &schema{}
		s.setExt("x-kubernetes-preserve-unknown-fields", true)
	}
	s.Type = "object"
	if s.Properties == nil {
		s.Properties = map[string]*schema{}
	}
	s.Properties["apiVersion"] = &schema{Type: "string", Description: descAPIVersion}
	s.Properties["kind"] = &schema{Type: "string", Description: descKind}
	s.Properties["metadata"] = &schema{Ref: nameObjectMeta, Description: descMetadata}
	return s
}

// listSchema returns the definition of the list of a kind named item.
func listSchema(item string) *schema {
	return &schema{
		Type:        "object",
		Description: "A list of objects.",
		Properties: map[string]*schema{
			"apiVersion": {Type: "string", Description: descAPIVersion},
			"kind":       {Type: "string", Description: descKind},
			"metadata":   {Ref: nameListMeta, Description: "Standard list metadata."},
			"items":      {Type: "array", Items: &schema{Ref: item}, Description: "The objects of the list."},
		},
		Required: []string{"items"},
	}
}

var v2Types = map[string]bool{"object": true, "array": true, "string": true, "number": true, "integer": true, "boolean": true}

// forV2 returns a copy of s that OpenAPI v2 readers (kubectl's validation
// among them) accept: no nullable, composition or CEL rules, no type where
// the value may be of several types, and arrays always with items.
func forV2(s *schema) *schema {
	if s == nil {
		return nil
	}
	c := *s
	c.Nullable, c.AllOf, c.OneOf, c.AnyOf, c.Not = false, nil, nil, nil, nil
	if c.Extensions != nil {
		c.Extensions = maps.Clone(c.Extensions)
		delete(c.Extensions, "x-kubernetes-validations")
	}
	c.Items = forV2(s.Items)
	c.AdditionalProperties = forV2(s.AdditionalProperties)
	if s.Properties != nil {
		c.Properties = make(map[string]*schema, len(s.Properties))
		for k, p := range s.Properties {
			c.Properties[k] = forV2(p)
		}
	}
	preserve, _ := c.Extensions["x-kubernetes-preserve-unknown-fields"].(bool)
	intOrString, _ := c.Extensions["x-kubernetes-int-or-string"].(bool)
	switch {
	case c.Ref != "":
	case intOrString, !v2Types[c.Type]:
		c.Type = ""
	case c.Type == "array" && c.Items == nil:
		c.Type = ""
	case c.Type == "object" && preserve && len(c.Properties) == 0:
		c.Type = ""
	}
	if c.Type == "" && c.Ref == "" {
		// An untyped value is "anything" to v2 readers; constraints that
		// only make sense for one type would be misread.
		c.Items, c.Properties, c.AdditionalProperties, c.Required = nil, nil, nil, nil
	}
	return &c
}

// Descriptions shared by every kind.
const (
	descAPIVersion = "APIVersion is the versioned schema of this representation of an object, \"group/version\" (or \"v1\" for the core group)."
	descKind       = "Kind is the type of the object, in CamelCase."
	descMetadata   = "Standard object metadata."
)
