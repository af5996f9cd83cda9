package openapi

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/resource"
)

// Definition names of the shared apimachinery types, as Kubernetes names them.
const (
	metaV1          = "io.k8s.apimachinery.pkg.apis.meta.v1."
	apiextensionsV1 = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1."

	nameObjectMeta    = metaV1 + "ObjectMeta"
	nameListMeta      = metaV1 + "ListMeta"
	nameStatus        = metaV1 + "Status"
	nameDeleteOptions = metaV1 + "DeleteOptions"
	namePatch         = metaV1 + "Patch"
	nameFieldsV1      = metaV1 + "FieldsV1"
	nameQuantity      = "io.k8s.apimachinery.pkg.api.resource.Quantity"
	nameIntOrString   = "io.k8s.apimachinery.pkg.util.intstr.IntOrString"
	nameRawExtension  = "io.k8s.apimachinery.pkg.runtime.RawExtension"
	nameJSON          = apiextensionsV1 + "JSON"
)

// fixedNames are Go types whose definition name does not depend on the
// group that first uses them.
var fixedNames = map[reflect.Type]string{
	reflect.TypeFor[apiobj.ObjectMeta]():                   nameObjectMeta,
	reflect.TypeFor[apiobj.ListMeta]():                     nameListMeta,
	reflect.TypeFor[apiobj.LabelSelector]():                metaV1 + "LabelSelector",
	reflect.TypeFor[apiobj.LabelSelectorRequirement]():     metaV1 + "LabelSelectorRequirement",
	reflect.TypeFor[apiobj.OwnerReference]():               metaV1 + "OwnerReference",
	reflect.TypeFor[apiobj.ManagedFieldsEntry]():           metaV1 + "ManagedFieldsEntry",
	reflect.TypeFor[apiobj.Condition]():                    metaV1 + "Condition",
	reflect.TypeFor[apiobj.Status]():                       nameStatus,
	reflect.TypeFor[apiobj.StatusDetails]():                metaV1 + "StatusDetails",
	reflect.TypeFor[apiobj.StatusCause]():                  metaV1 + "StatusCause",
	reflect.TypeFor[apiobj.DeleteOptions]():                nameDeleteOptions,
	reflect.TypeFor[apiobj.Preconditions]():                metaV1 + "Preconditions",
	reflect.TypeFor[apiobj.Time]():                         metaV1 + "Time",
	reflect.TypeFor[apiobj.MicroTime]():                    metaV1 + "MicroTime",
	reflect.TypeFor[apiobj.Duration]():                     metaV1 + "Duration",
	reflect.TypeFor[resource.Quantity]():                   nameQuantity,
	reflect.TypeFor[apiobj.IntOrString]():                  nameIntOrString,
	reflect.TypeFor[apiobj.RawJSON]():                      nameRawExtension,
	reflect.TypeFor[apiobj.JSONSchemaPropsOrArray]():       apiextensionsV1 + "JSONSchemaPropsOrArray",
	reflect.TypeFor[apiobj.JSONSchemaPropsOrBool]():        apiextensionsV1 + "JSONSchemaPropsOrBool",
	reflect.TypeFor[apiobj.JSONSchemaPropsOrStringArray](): apiextensionsV1 + "JSONSchemaPropsOrStringArray",
	// Kubernetes keeps these in core/v1 although only storage uses them.
	reflect.TypeFor[apiobj.TopologySelectorTerm]():             "io.k8s.api.core.v1.TopologySelectorTerm",
	reflect.TypeFor[apiobj.TopologySelectorLabelRequirement](): "io.k8s.api.core.v1.TopologySelectorLabelRequirement",
}

// renamed are Go types whose Kubernetes name differs from the Go name.
var renamed = map[reflect.Type]string{
	reflect.TypeFor[apiobj.EndpointSlicePort](): "EndpointPort",
}

// leafSchemas are the definitions of types that encode as one JSON value
// rather than as their Go fields.
var leafSchemas = map[string]func() *schema{
	metaV1 + "Time": func() *schema {
		return &schema{Type: "string", Format: "date-time", Description: "Time is a timestamp in RFC 3339 form, in UTC, with seconds precision."}
	},
	metaV1 + "MicroTime": func() *schema {
		return &schema{Type: "string", Format: "date-time", Description: "MicroTime is a timestamp in RFC 3339 form with microsecond precision."}
	},
	metaV1 + "Duration": func() *schema {
		return &schema{Type: "string", Description: "Duration is a Go duration string such as \"1h2m3s\"."}
	},
	nameQuantity: func() *schema {
		return &schema{Type: "string", V3OneOfTypes: []string{"string", "number"},
			Description: "Quantity is an exact decimal number with an optional suffix: \"500m\", \"128Mi\", \"1.5\", \"1e3\"."}
	},
	nameIntOrString: func() *schema {
		return &schema{Type: "string", Format: "int-or-string", V3OneOfTypes: []string{"integer", "string"}, Description: "IntOrString holds an integer or a string, such as a port number or name, or a count or percentage."}
	},
	nameRawExtension: func() *schema {
		return &schema{Type: "object", Description: "RawExtension holds an arbitrary JSON object."}
	},
	nameFieldsV1: func() *schema {
		return &schema{Type: "object", Description: "FieldsV1 records a set of fields in the FieldsV1 format."}
	},
	nameJSON: func() *schema {
		return &schema{Description: "JSON is any JSON value."}
	},
	apiextensionsV1 + "JSONSchemaPropsOrArray": func() *schema {
		return &schema{Description: "JSONSchemaPropsOrArray is a schema, or an array of schemas."}
	},
	apiextensionsV1 + "JSONSchemaPropsOrBool": func() *schema {
		return &schema{Description: "JSONSchemaPropsOrBool is a schema, or a boolean."}
	},
	apiextensionsV1 + "JSONSchemaPropsOrStringArray": func() *schema {
		return &schema{Description: "JSONSchemaPropsOrStringArray is a schema, or an array of property names."}
	},
	namePatch: func() *schema {
		return &schema{Type: "object", Description: "Patch is the body of a PATCH request, in the format its Content-Type names."}
	},
}

// fieldOverride replaces the schema of one field (struct type, JSON name).
type fieldKey struct {
	t    reflect.Type
	name string
}

var fieldOverrides = map[fieldKey]func() *schema{
	{reflect.TypeFor[apiobj.ManagedFieldsEntry](), "fieldsV1"}: func() *schema { return &schema{Ref: nameFieldsV1} },
	{reflect.TypeFor[apiobj.JSONSchemaProps](), "default"}:     func() *schema { return &schema{Ref: nameJSON} },
	{reflect.TypeFor[apiobj.JSONSchemaProps](), "example"}:     func() *schema { return &schema{Ref: nameJSON} },
	{reflect.TypeFor[apiobj.JSONSchemaProps](), "enum"}: func() *schema {
		return &schema{Type: "array", Items: &schema{Ref: nameJSON}}
	},
}

var marshalerType = reflect.TypeFor[json.Marshaler]()

// groupPackage returns the definition name prefix of group version gv:
// io.k8s.api.<package>.<version> for Kubernetes groups, the reversed domain
// for others (com.example.v1), as Kubernetes names CRD schemas.
func groupPackage(gv apiobj.GroupVersion) string {
	g := gv.Group
	switch {
	case g == "":
		return "io.k8s.api.core." + gv.Version
	case g == "apiextensions.k8s.io":
		return "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions." + gv.Version
	case g == "rbac.authorization.k8s.io":
		return "io.k8s.api.rbac." + gv.Version
	case strings.HasSuffix(g, ".k8s.io") || !strings.Contains(g, "."):
		return "io.k8s.api." + strings.Split(g, ".")[0] + "." + gv.Version
	}
	parts := strings.Split(g, ".")
	slices.Reverse(parts)
	return strings.Join(parts, ".") + "." + gv.Version
}

// builder turns Go types into schema definitions.
type builder struct {
	defs  map[string]*schema
	names map[reflect.Type]string
	docs  Descriptions
}

func newBuilder(docs Descriptions) *builder {
	b := &builder{defs: map[string]*schema{}, names: map[reflect.Type]string{}, docs: docs}
	for name, f := range leafSchemas {
		b.defs[name] = f()
	}
	return b
}

// define returns the definition name of the struct type t, building the
// definition (and those it references) on first use. kindName, when not
// empty, names a kind's definition after its kind.
func (b *builder) define(t reflect.Type, home apiobj.GroupVersion, kindName string) string {
	if n, ok := b.names[t]; ok {
		return n
	}
	name, fixed := fixedNames[t]
	if !fixed {
		short := t.Name()
		if r, ok := renamed[t]; ok {
			short = r
		}
		if kindName != "" {
			short = kindName
		}
		name = groupPackage(home) + "." + short
	}
	b.names[t] = name
	if _, leaf := leafSchemas[name]; leaf {
		return name
	}
	s := &schema{Type: "object", Properties: map[string]*schema{}}
	b.defs[name] = s // before the fields, so that recursive types end
	b.addFields(s, t, home, map[string]int{}, 0)
	slices.Sort(s.Required)
	s.Description = b.docs.Type(t.Name())
	return name
}

// addFields adds the JSON fields of struct t to s, flattening embedded
// structs without a JSON name as encoding/json does.
func (b *builder) addFields(s *schema, t reflect.Type, home apiobj.GroupVersion, depth map[string]int, level int) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				b.addFields(s, ft, home, depth, level+1)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if d, ok := depth[name]; ok && d <= level {
			continue
		}
		depth[name] = level
		var p *schema
		if o, ok := fieldOverrides[fieldKey{t, name}]; ok {
			p = o()
		} else {
			p = b.schemaOf(f.Type, home)
		}
		if ps := f.Tag.Get("patchStrategy"); ps != "" {
			p.setExt(extPatchStrategy, ps)
		}
		if pk := f.Tag.Get("patchMergeKey"); pk != "" {
			p.setExt(extPatchMergeKey, pk)
		}
		if d := b.docs.Field(t.Name(), name); d != "" {
			p.Description = d
		} else if ft := derefType(f.Type); p.Ref == "" && ft.PkgPath() != "" && ft.Kind() != reflect.Struct {
			// A named scalar (an enum-like string type): its own doc says
			// what the values are.
			p.Description = b.docs.Type(ft.Name())
		}
		s.Properties[name] = p
		optional := slices.ContainsFunc(strings.Split(opts, ","), func(o string) bool { return o == "omitempty" || o == "omitzero" })
		s.Required = slices.DeleteFunc(s.Required, func(r string) bool { return r == name })
		if !optional {
			s.Required = append(s.Required, name)
		}
	}
}

func derefType(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// schemaOf returns the schema of a field of type t: a reference for named
// structs and the special types, an inline schema otherwise.
func (b *builder) schemaOf(t reflect.Type, home apiobj.GroupVersion) *schema {
	if _, ok := fixedNames[t]; ok {
		return &schema{Ref: b.define(t, home, "")}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return b.schemaOf(t.Elem(), home)
	case reflect.Struct:
		if t.Implements(marshalerType) || reflect.PointerTo(t).Implements(marshalerType) {
			return &schema{} // encodes itself; any value
		}
		if t.Name() == "" {
			s := &schema{Type: "object", Properties: map[string]*schema{}}
			b.addFields(s, t, home, map[string]int{}, 0)
			slices.Sort(s.Required)
			return s
		}
		return &schema{Ref: b.define(t, home, "")}
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return &schema{Type: "string", Format: "byte"}
		}
		return &schema{Type: "array", Items: b.schemaOf(t.Elem(), home)}
	case reflect.Map:
		return &schema{Type: "object", AdditionalProperties: b.schemaOf(t.Elem(), home)}
	case reflect.String:
		return &schema{Type: "string"}
	case reflect.Bool:
		return &schema{Type: "boolean"}
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Uint8, reflect.Uint16:
		return &schema{Type: "integer", Format: "int32"}
	case reflect.Int, reflect.Int64, reflect.Uint, reflect.Uint32, reflect.Uint64:
		return &schema{Type: "integer", Format: "int64"}
	case reflect.Float32:
		return &schema{Type: "number", Format: "float"}
	case reflect.Float64:
		return &schema{Type: "number", Format: "double"}
	case reflect.Interface:
		s := &schema{}
		s.setExt("x-kubernetes-preserve-unknown-fields", true)
		return s
	}
	return &schema{}
}

// addGVK records that definition name is the schema of kind gvk.
func (b *builder) addGVK(name string, gvk apiobj.GroupVersionKind) {
	s := b.defs[name]
	if s == nil {
		return
	}
	list, _ := s.Extensions[extGVK].([]gvkExt)
	e := gvkExt{Group: gvk.Group, Kind: gvk.Kind, Version: gvk.Version}
	if !slices.Contains(list, e) {
		list = append(list, e)
		slices.SortFunc(list, func(a, b gvkExt) int {
			return strings.Compare(a.Group+"/"+a.Version+"/"+a.Kind, b.Group+"/"+b.Version+"/"+b.Kind)
		})
	}
	s.setExt(extGVK, list)
}
