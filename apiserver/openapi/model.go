package openapi

import (
	"cmp"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/orcaproj/orca/apiobj"
)

// model is the OpenAPI view of a Scheme at one moment: every definition,
// and the paths of each served group version.
type model struct {
	defs  map[string]*schema
	paths map[apiobj.GroupVersion][]pathItem
	gvs   []apiobj.GroupVersion
}

// compareKinds orders kinds so that the core group names shared types.
func compareKinds(a, b *apiobj.KindInfo) int {
	if (a.Group == "") != (b.Group == "") {
		if a.Group == "" {
			return -1
		}
		return 1
	}
	return cmp.Or(strings.Compare(a.Group, b.Group), strings.Compare(a.Version, b.Version), strings.Compare(a.Kind, b.Kind))
}

func elemType(v any) reflect.Type {
	t := reflect.TypeOf(v)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

func buildModel(kinds []*apiobj.KindInfo, crds CRDLookup, docs Descriptions) *model {
	b := newBuilder(docs)
	b.define(reflect.TypeFor[apiobj.Status](), apiobj.CoreV1, "")
	b.addGVK(nameStatus, apiobj.CoreV1.WithKind("Status"))
	b.define(reflect.TypeFor[apiobj.DeleteOptions](), apiobj.CoreV1, "")

	kinds = slices.Clone(kinds)
	slices.SortFunc(kinds, compareKinds)
	defOf := map[apiobj.GroupVersionKind]string{}
	var resources []resourceInfo
	for _, k := range kinds {
		gv := k.GroupVersion()
		r := resourceInfo{kind: k, verbs: k.Verbs}
		if r.verbs == nil {
			r.verbs = apiobj.VerbsAll
		}
		if k.New != nil {
			r.def = b.define(elemType(k.New()), gv, k.Kind)
			if k.NewList != nil {
				r.listDef = b.define(elemType(k.NewList()), gv, k.ListKind)
			}
		} else {
			r.custom = true
			var version *apiobj.CustomResourceDefinitionVersion
			if crds != nil {
				_, version, _ = crds.CustomResourceDefinition(k.GroupVersionKind)
			}
			r.def = groupPackage(gv) + "." + k.Kind
			b.defs[r.def] = customKindSchema(version)
			r.listDef = groupPackage(gv) + "." + k.ListKind
			b.defs[r.listDef] = listSchema(r.def)
		}
		b.addGVK(r.def, k.GroupVersionKind)
		defOf[k.GroupVersionKind] = r.def
		if r.listDef != "" {
			b.addGVK(r.listDef, gv.WithKind(k.ListKind))
		}
		if k.Resource != "" {
			resources = append(resources, r)
		}
	}

	m := &model{defs: b.defs, paths: map[apiobj.GroupVersion][]pathItem{}}
	for _, r := range resources {
		r.subKinds = map[string]subKind{}
		for _, sub := range r.kind.Subresources {
			gvk, ok := subresourceKind(r.kind, sub)
			if !ok {
				continue
			}
			if def, ok := defOf[gvk]; ok {
				r.subKinds[sub] = subKind{gvk: gvk, def: def}
			}
		}
		gv := r.kind.GroupVersion()
		if _, ok := m.paths[gv]; !ok {
			m.gvs = append(m.gvs, gv)
		}
		m.paths[gv] = append(m.paths[gv], resourcePaths(r)...)
	}
	return m
}

// subresourceKind returns the kind a described subresource reads and
// writes; ok is false for the connect subresources (log, exec, attach,
// portforward, proxy), which OpenAPI does not describe here.
func subresourceKind(k *apiobj.KindInfo, sub string) (apiobj.GroupVersionKind, bool) {
	switch sub {
	case "scale":
		return apiobj.AutoscalingV1.WithKind("Scale"), true
	case "binding":
		return apiobj.CoreV1.WithKind("Binding"), true
	case "eviction":
		return apiobj.PolicyV1.WithKind("Eviction"), true
	case "token":
		return apiobj.AuthenticationV1.WithKind("TokenRequest"), true
	case "log", "exec", "attach", "portforward", "proxy":
		return apiobj.GroupVersionKind{}, false
	}
	return k.GroupVersionKind, true
}

// closure returns the definitions reachable from roots.
func (m *model) closure(roots []string) map[string]*schema {
	out := map[string]*schema{}
	var visit func(string)
	visit = func(name string) {
		if _, seen := out[name]; seen {
			return
		}
		s, ok := m.defs[name]
		if !ok {
			return
		}
		out[name] = s
		s.refs(visit)
	}
	for _, r := range roots {
		visit(r)
	}
	return out
}

// gvPath is the key of a group version in the v3 index: "api/v1" or
// "apis/apps/v1".
func gvPath(gv apiobj.GroupVersion) string {
	if gv.Group == "" {
		return "api/" + gv.Version
	}
	return "apis/" + gv.Group + "/" + gv.Version
}

func info(version string) map[string]any {
	return map[string]any{"title": "Kubernetes", "version": version}
}

// v3Document returns the OpenAPI v3 document of one group version.
func (m *model) v3Document(gv apiobj.GroupVersion, version string) map[string]any {
	paths := map[string]any{}
	var roots []string
	for _, p := range m.paths[gv] {
		paths[p.path] = p.render(v3)
		p.refs(func(n string) { roots = append(roots, n) })
	}
	schemas := map[string]any{}
	for name, s := range m.closure(roots) {
		schemas[name] = s.render(v3)
	}
	return map[string]any{
		"openapi": "3.0.0",
		"info":    info(version),
		"paths":   paths,
		"components": map[string]any{
			"schemas": schemas,
			"securitySchemes": map[string]any{
				"BearerToken": map[string]any{"type": "apiKey", "name": "authorization", "in": "header", "description": "Bearer Token authentication"},
			},
		},
		"security": []any{map[string]any{"BearerToken": []string{}}},
	}
}

// v2Document returns the OpenAPI v2 document of everything.
func (m *model) v2Document(version string) map[string]any {
	paths := map[string]any{}
	for _, gv := range m.gvs {
		for _, p := range m.paths[gv] {
			paths[p.path] = p.render(v2)
		}
	}
	defs := map[string]any{}
	for _, name := range slices.Sorted(maps.Keys(m.defs)) {
		defs[name] = forV2(m.defs[name]).render(v2)
	}
	return map[string]any{
		"swagger":     "2.0",
		"info":        info(version),
		"paths":       paths,
		"definitions": defs,
		"securityDefinitions": map[string]any{
			"BearerToken": map[string]any{"type": "apiKey", "name": "authorization", "in": "header", "description": "Bearer Token authentication"},
		},
		"security": []any{map[string]any{"BearerToken": []string{}}},
	}
}
