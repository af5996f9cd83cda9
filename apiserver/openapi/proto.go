package openapi

import (
	"encoding/binary"
	"encoding/json"
	"maps"
	"math"
	"slices"
	"strings"
)

// The OpenAPI v2 document in protocol buffers, as client-go asks for it
// (application/com.github.proto-openapi.spec.v2@v1.0+protobuf): the
// openapi.v2.Document message of gnostic's OpenAPIv2.proto. Only the
// fields orca's documents use are written; field numbers follow that file.

// pbuf appends protobuf wire format.
type pbuf struct{ b []byte }

const (
	wireVarint = 0
	wire64     = 1
	wireBytes  = 2
)

func (p *pbuf) tag(num, wire int) { p.b = binary.AppendUvarint(p.b, uint64(num)<<3|uint64(wire)) }

func (p *pbuf) str(num int, s string) {
	if s == "" {
		return
	}
	p.tag(num, wireBytes)
	p.b = binary.AppendUvarint(p.b, uint64(len(s)))
	p.b = append(p.b, s...)
}

func (p *pbuf) strs(num int, ss []string) {
	for _, s := range ss {
		p.tag(num, wireBytes)
		p.b = binary.AppendUvarint(p.b, uint64(len(s)))
		p.b = append(p.b, s...)
	}
}

func (p *pbuf) boolean(num int, v bool) {
	if v {
		p.tag(num, wireVarint)
		p.b = append(p.b, 1)
	}
}

func (p *pbuf) int64p(num int, v *int64) {
	if v != nil {
		p.tag(num, wireVarint)
		p.b = binary.AppendUvarint(p.b, uint64(*v))
	}
}

func (p *pbuf) doublep(num int, v *float64) {
	if v != nil {
		p.tag(num, wire64)
		p.b = binary.LittleEndian.AppendUint64(p.b, math.Float64bits(*v))
	}
}

// msg writes a nested message built by f; an empty message is still
// written, since presence matters for oneofs.
func (p *pbuf) msg(num int, f func(*pbuf)) {
	var c pbuf
	f(&c)
	p.tag(num, wireBytes)
	p.b = binary.AppendUvarint(p.b, uint64(len(c.b)))
	p.b = append(p.b, c.b...)
}

// anyYAML writes an openapi.v2.Any holding v as YAML (JSON is YAML).
func (p *pbuf) anyYAML(num int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		return
	}
	p.msg(num, func(a *pbuf) { a.str(2, string(b)) })
}

// extensions writes vendor extensions (repeated NamedAny) in key order.
func (p *pbuf) extensions(num int, ext map[string]any) {
	for _, k := range slices.Sorted(maps.Keys(ext)) {
		p.msg(num, func(n *pbuf) {
			n.str(1, k)
			n.anyYAML(2, ext[k])
		})
	}
}

// protoSchema writes an openapi.v2.Schema.
func protoSchema(p *pbuf, s *schema) {
	if s.Ref != "" {
		p.str(1, refPrefix(v2)+s.Ref)
		p.str(4, s.Description)
		p.extensions(31, s.Extensions)
		return
	}
	p.str(2, s.Format)
	p.str(3, s.Title)
	p.str(4, s.Description)
	if s.Default != nil {
		p.anyYAML(5, s.Default)
	}
	p.doublep(6, s.MultipleOf)
	p.doublep(7, s.Maximum)
	p.boolean(8, s.ExclusiveMaximum)
	p.doublep(9, s.Minimum)
	p.boolean(10, s.ExclusiveMinimum)
	p.int64p(11, s.MaxLength)
	p.int64p(12, s.MinLength)
	p.str(13, s.Pattern)
	p.int64p(14, s.MaxItems)
	p.int64p(15, s.MinItems)
	p.boolean(16, s.UniqueItems)
	p.int64p(17, s.MaxProperties)
	p.int64p(18, s.MinProperties)
	p.strs(19, s.Required)
	for _, e := range s.Enum {
		p.anyYAML(20, e)
	}
	switch {
	case s.AdditionalProperties != nil:
		p.msg(21, func(a *pbuf) { a.msg(1, func(c *pbuf) { protoSchema(c, s.AdditionalProperties) }) })
	case s.NoAdditional:
		// A false boolean is the proto3 default; write it explicitly so the
		// oneof is set.
		p.msg(21, func(a *pbuf) { a.tag(2, wireVarint); a.b = append(a.b, 0) })
	}
	if s.Type != "" {
		p.msg(22, func(t *pbuf) { t.str(1, s.Type) })
	}
	if s.Items != nil {
		p.msg(23, func(it *pbuf) { it.msg(1, func(c *pbuf) { protoSchema(c, s.Items) }) })
	}
	if len(s.Properties) > 0 {
		p.msg(25, func(props *pbuf) {
			for _, k := range slices.Sorted(maps.Keys(s.Properties)) {
				props.msg(1, func(n *pbuf) {
					n.str(1, k)
					n.msg(2, func(c *pbuf) { protoSchema(c, s.Properties[k]) })
				})
			}
		})
	}
	if s.Example != nil {
		p.anyYAML(30, s.Example)
	}
	p.extensions(31, s.Extensions)
}

// protoParam writes an openapi.v2.ParametersItem for a path or query parameter.
func protoParam(p *pbuf, num int, q param) {
	p.msg(num, func(item *pbuf) {
		item.msg(1, func(par *pbuf) { // ParametersItem.parameter
			par.msg(2, func(nb *pbuf) { // Parameter.non_body_parameter
				if q.in == "path" {
					nb.msg(4, func(s *pbuf) { // PathParameterSubSchema
						s.boolean(1, q.required)
						s.str(2, q.in)
						s.str(3, q.desc)
						s.str(4, q.name)
						s.str(5, q.typ)
						s.boolean(19, true)
					})
					return
				}
				nb.msg(3, func(s *pbuf) { // QueryParameterSubSchema
					s.boolean(1, q.required)
					s.str(2, q.in)
					s.str(3, q.desc)
					s.str(4, q.name)
					s.str(6, q.typ)
					s.boolean(20, true)
				})
			})
		})
	})
}

func protoOperation(p *pbuf, o operation) {
	p.strs(1, []string{o.tag})
	p.str(3, o.description)
	p.str(5, o.id)
	p.strs(6, []string{"application/json", "application/yaml"})
	consumes := o.patchTypes
	if len(consumes) == 0 {
		consumes = []string{"*/*"}
	}
	p.strs(7, consumes)
	if o.body != "" {
		p.msg(8, func(item *pbuf) {
			item.msg(1, func(par *pbuf) {
				par.msg(1, func(body *pbuf) { // BodyParameter
					body.str(2, "body")
					body.str(3, "body")
					body.boolean(4, o.method != "delete")
					body.msg(5, func(s *pbuf) { protoSchema(s, &schema{Ref: o.body}) })
				})
			})
		})
	}
	for _, q := range o.query {
		protoParam(p, 8, q)
	}
	code := "200"
	if o.method == "post" {
		code = "201"
	}
	p.msg(9, func(rs *pbuf) { // Responses
		rs.msg(1, func(n *pbuf) {
			n.str(1, code)
			n.msg(2, func(rv *pbuf) {
				rv.msg(1, func(r *pbuf) {
					r.str(1, "OK")
					r.msg(2, func(si *pbuf) { si.msg(1, func(s *pbuf) { protoSchema(s, &schema{Ref: o.response}) }) })
				})
			})
		})
		rs.msg(1, func(n *pbuf) {
			n.str(1, "401")
			n.msg(2, func(rv *pbuf) { rv.msg(1, func(r *pbuf) { r.str(1, "Unauthorized") }) })
		})
	})
	p.strs(10, []string{"https"})
	p.extensions(13, map[string]any{extAction: o.action, extGVK: gvkValue(o.gvk)})
}

// pathItemFields maps HTTP methods to openapi.v2.PathItem field numbers.
var pathItemFields = map[string]int{"get": 2, "put": 3, "post": 4, "delete": 5, "patch": 8}

// v2Proto encodes the whole model as an openapi.v2.Document.
func (m *model) v2Proto(version string) []byte {
	var p pbuf
	p.str(1, "2.0")
	p.msg(2, func(i *pbuf) {
		i.str(1, "Kubernetes")
		i.str(2, version)
	})
	var items []pathItem
	for _, gv := range m.gvs {
		items = append(items, m.paths[gv]...)
	}
	slices.SortFunc(items, func(a, b pathItem) int { return strings.Compare(a.path, b.path) })
	p.msg(8, func(paths *pbuf) {
		for _, it := range items {
			paths.msg(2, func(n *pbuf) { // NamedPathItem
				n.str(1, it.path)
				n.msg(2, func(pi *pbuf) {
					for _, o := range it.ops {
						pi.msg(pathItemFields[o.method], func(op *pbuf) { protoOperation(op, o) })
					}
					for _, q := range it.params {
						protoParam(pi, 9, q)
					}
				})
			})
		}
	})
	p.msg(9, func(defs *pbuf) {
		for _, name := range slices.Sorted(maps.Keys(m.defs)) {
			defs.msg(1, func(n *pbuf) {
				n.str(1, name)
				n.msg(2, func(s *pbuf) { protoSchema(s, forV2(m.defs[name])) })
			})
		}
	})
	return p.b
}
