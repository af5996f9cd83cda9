package crdschema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/field"
	"github.com/orcaproj/orca/errdefs"
)

// Schema is the compiled openAPIV3Schema of one version of a
// CustomResourceDefinition. It is immutable and safe for concurrent use; it
// keeps no reference to the JSONSchemaProps it was compiled from.
type Schema struct {
	root  *node
	rules []CELRule
}

// CELRule is an x-kubernetes-validations rule of a schema. orca does not
// evaluate CEL: Validate neither runs nor pretends to pass these rules, and
// UnevaluatedRules lists them so a caller can say so (for example as a
// warning).
type CELRule struct {
	// Path is where in an object the rule applies: "" for the root, field
	// names joined by dots ("spec.ports"), "[*]" for every item of a list
	// and ".*" for every value of a map ("spec.extra.*").
	Path string
	apiobj.ValidationRule
}

// node is one compiled schema node.
type node struct {
	// broken is set when the node uses something we cannot evaluate; every
	// value validated against it reports an internal error.
	broken error

	typ         string // "" when unset
	nullable    bool
	intOrString bool
	preserve    bool // x-kubernetes-preserve-unknown-fields: true
	embedded    bool // x-kubernetes-embedded-resource: true
	format      string

	enum       []any
	enumNames  []string // enum values as NotSupported lists them
	hasDefault bool
	def        any

	maximum, minimum                   *float64
	exclusiveMaximum, exclusiveMinimum bool
	multipleOf                         *float64
	maxLength, minLength               *int64
	pattern                            *regexp.Regexp
	maxItems, minItems                 *int64
	uniqueItems                        bool
	maxProperties, minProperties       *int64
	required                           []string

	properties map[string]*node
	// additional is the additionalProperties schema; additionalAny is
	// additionalProperties: true; additionalNone is additionalProperties: false.
	additional     *node
	additionalAny  bool
	additionalNone bool
	items          *node

	allOf, anyOf, oneOf []*node
	not                 *node

	listType    string
	listMapKeys []string
}

// New compiles the openAPIV3Schema of the named version of crd. The error
// wraps errdefs.ErrNotFound when crd has no such version, and
// errdefs.ErrInvalid when the version has no schema or the schema uses
// something this package cannot evaluate: a pattern Go's regexp cannot
// compile (lookahead and other ECMA-only syntax), $ref, definitions,
// dependencies, patternProperties, additionalItems, a list of item schemas,
// an unknown type, a default or enum value that is not JSON, or a
// multipleOf that is not positive.
func New(crd *apiobj.CustomResourceDefinition, version string) (*Schema, error) {
	for i := range crd.Spec.Versions {
		v := &crd.Spec.Versions[i]
		if v.Name != version {
			continue
		}
		p := field.NewPath("spec", "versions").Index(i).Child("schema", "openAPIV3Schema")
		if v.Schema == nil || v.Schema.OpenAPIV3Schema == nil {
			return nil, fmt.Errorf("crdschema: %s: version %q has no openAPIV3Schema: %w", crd.Name, version, errdefs.ErrInvalid)
		}
		s, errs := compileSchema(v.Schema.OpenAPIV3Schema, p)
		if len(errs) > 0 {
			return nil, fmt.Errorf("crdschema: %s: %w: %w", crd.Name, errdefs.ErrInvalid, errs.ToAggregate())
		}
		return s, nil
	}
	return nil, fmt.Errorf("crdschema: %s has no version %q: %w", crd.Name, version, errdefs.ErrNotFound)
}

// Compile compiles an openAPIV3Schema on its own; errors are as for New,
// with paths starting at "openAPIV3Schema".
func Compile(props *apiobj.JSONSchemaProps) (*Schema, error) {
	if props == nil {
		return nil, fmt.Errorf("crdschema: nil schema: %w", errdefs.ErrInvalid)
	}
	s, errs := compileSchema(props, field.NewPath("openAPIV3Schema"))
	if len(errs) > 0 {
		return nil, fmt.Errorf("crdschema: %w: %w", errdefs.ErrInvalid, errs.ToAggregate())
	}
	return s, nil
}

// compileSchema compiles leniently: the Schema is always usable, with the
// nodes it could not compile marked broken, and errs says what went wrong.
func compileSchema(props *apiobj.JSONSchemaProps, p *field.Path) (*Schema, field.ErrorList) {
	c := &compiler{}
	root := c.compile(props, p, "")
	return &Schema{root: root, rules: c.rules}, c.errs
}

// UnevaluatedRules returns the x-kubernetes-validations rules of the
// schema, none of which Validate evaluates. The slice is a copy.
func (s *Schema) UnevaluatedRules() []CELRule {
	return slices.Clone(s.rules)
}

type compiler struct {
	errs  field.ErrorList
	rules []CELRule
}

func (c *compiler) fail(n *node, e *field.Error) {
	c.errs = append(c.errs, e)
	if n.broken == nil {
		n.broken = errors.New(e.Error())
	}
}

// compile compiles s found at schema path p; dp is the data path that CEL
// rules are recorded under.
func (c *compiler) compile(s *apiobj.JSONSchemaProps, p *field.Path, dp string) *node {
	n := &node{
		typ:              s.Type,
		nullable:         s.Nullable,
		intOrString:      s.XIntOrString,
		preserve:         s.XPreserveUnknownFields != nil && *s.XPreserveUnknownFields,
		embedded:         s.XEmbeddedResource,
		format:           s.Format,
		maximum:          s.Maximum,
		minimum:          s.Minimum,
		exclusiveMaximum: s.ExclusiveMaximum,
		exclusiveMinimum: s.ExclusiveMinimum,
		multipleOf:       s.MultipleOf,
		maxLength:        s.MaxLength,
		minLength:        s.MinLength,
		maxItems:         s.MaxItems,
		minItems:         s.MinItems,
		uniqueItems:      s.UniqueItems,
		maxProperties:    s.MaxProperties,
		minProperties:    s.MinProperties,
		required:         slices.Clone(s.Required),
		listMapKeys:      slices.Clone(s.XListMapKeys),
	}
	if s.XListType != nil {
		n.listType = *s.XListType
	}
	switch s.Type {
	case "", "object", "array", "string", "integer", "number", "boolean":
	default:
		c.fail(n, field.NotSupported(p.Child("type"), s.Type, schemaTypes))
	}
	if s.Ref != nil {
		c.fail(n, field.Forbidden(p.Child("$ref"), "$ref is not supported"))
	}
	if len(s.Definitions) > 0 {
		c.fail(n, field.Forbidden(p.Child("definitions"), "definitions are not supported"))
	}
	if len(s.Dependencies) > 0 {
		c.fail(n, field.Forbidden(p.Child("dependencies"), "dependencies are not supported"))
	}
	if len(s.PatternProperties) > 0 {
		c.fail(n, field.Forbidden(p.Child("patternProperties"), "patternProperties are not supported"))
	}
	if s.AdditionalItems != nil {
		c.fail(n, field.Forbidden(p.Child("additionalItems"), "additionalItems is not supported"))
	}
	if s.MultipleOf != nil && !(*s.MultipleOf > 0) {
		c.fail(n, field.Invalid(p.Child("multipleOf"), *s.MultipleOf, "must be greater than zero"))
	}
	if s.Pattern != "" {
		re, err := regexp.Compile(s.Pattern)
		if err != nil {
			c.fail(n, field.Invalid(p.Child("pattern"), s.Pattern, "must be a valid Go regular expression: "+err.Error()))
		}
		n.pattern = re
	}
	if s.Default != nil {
		v, err := decodeJSON(*s.Default)
		if err != nil {
			c.fail(n, field.Invalid(p.Child("default"), string(*s.Default), "must be JSON: "+err.Error()))
		} else {
			n.hasDefault, n.def = true, v
		}
	}
	for i, raw := range s.Enum {
		v, err := decodeJSON(raw)
		if err != nil {
			c.fail(n, field.Invalid(p.Child("enum").Index(i), string(raw), "must be JSON: "+err.Error()))
			continue
		}
		n.enum = append(n.enum, v)
		n.enumNames = append(n.enumNames, enumName(v))
	}
	for _, r := range s.XValidations {
		c.rules = append(c.rules, CELRule{Path: dp, ValidationRule: r})
	}

	if len(s.Properties) > 0 {
		n.properties = make(map[string]*node, len(s.Properties))
		for _, name := range slices.Sorted(maps.Keys(s.Properties)) {
			prop := s.Properties[name]
			n.properties[name] = c.compile(&prop, p.Child("properties").Key(name), joinPath(dp, name))
		}
	}
	if ap := s.AdditionalProperties; ap != nil {
		switch {
		case ap.Schema != nil:
			n.additional = c.compile(ap.Schema, p.Child("additionalProperties"), joinPath(dp, "*"))
		case ap.Allows:
			n.additionalAny = true
		default:
			n.additionalNone = true
		}
	}
	if it := s.Items; it != nil {
		switch {
		case it.JSONSchemas != nil:
			c.fail(n, field.Forbidden(p.Child("items"), "items must be a schema object and not an array"))
		case it.Schema != nil:
			n.items = c.compile(it.Schema, p.Child("items"), dp+"[*]")
		}
	}
	for i := range s.AllOf {
		n.allOf = append(n.allOf, c.compile(&s.AllOf[i], p.Child("allOf").Index(i), dp))
	}
	for i := range s.AnyOf {
		n.anyOf = append(n.anyOf, c.compile(&s.AnyOf[i], p.Child("anyOf").Index(i), dp))
	}
	for i := range s.OneOf {
		n.oneOf = append(n.oneOf, c.compile(&s.OneOf[i], p.Child("oneOf").Index(i), dp))
	}
	if s.Not != nil {
		n.not = c.compile(s.Not, p.Child("not"), dp)
	}
	return n
}

var schemaTypes = []string{"array", "boolean", "integer", "number", "object", "string"}

func joinPath(dp, name string) string {
	if dp == "" {
		return name
	}
	return dp + "." + name
}

// enumName renders an enum value the way Kubernetes lists supported values:
// strings as they are, anything else as JSON.
func enumName(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// decodeJSON decodes one JSON value with integral numbers as int64 and
// others as float64, as apiobj.Unstructured holds them.
func decodeJSON(b []byte) (any, error) {
	if len(b) == 0 {
		return nil, nil
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	if d.More() {
		return nil, errors.New("unexpected data after the JSON value")
	}
	return normalizeNumbers(v), nil
}

func normalizeNumbers(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			t[k] = normalizeNumbers(e)
		}
	case []any:
		for i, e := range t {
			t[i] = normalizeNumbers(e)
		}
	case json.Number:
		if i, err := strconv.ParseInt(string(t), 10, 64); err == nil {
			return i
		}
		f, _ := t.Float64()
		return f
	}
	return v
}
