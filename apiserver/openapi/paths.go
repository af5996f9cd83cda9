package openapi

import (
	"slices"
	"strings"

	"github.com/orcaproj/orca/apiobj"
)

// param is a path or query parameter.
type param struct {
	name, in, typ, desc string
	required            bool
}

// operation is one HTTP method on one path.
type operation struct {
	method      string // get, put, post, delete, patch
	id          string
	description string
	action      string
	gvk         apiobj.GroupVersionKind
	tag         string
	query       []param
	body        string   // definition name of the request body, "" for none
	patchTypes  []string // content types a patch accepts
	response    string   // definition name of the 200 answer
}

type pathItem struct {
	path   string
	params []param
	ops    []operation
}

var (
	pName      = param{name: "name", in: "path", typ: "string", desc: "name of the object", required: true}
	pNamespace = param{name: "namespace", in: "path", typ: "string", desc: "object name and auth scope, such as for teams and projects", required: true}
	pPretty    = param{name: "pretty", in: "query", typ: "string", desc: "If 'true', then the output is pretty printed."}

	qDryRun          = param{name: "dryRun", in: "query", typ: "string", desc: "When present, indicates that modifications should not be persisted. The only valid value is All."}
	qFieldManager    = param{name: "fieldManager", in: "query", typ: "string", desc: "A name associated with the actor or entity that is making these changes."}
	qFieldValidation = param{name: "fieldValidation", in: "query", typ: "string", desc: "How the server treats unknown and duplicate fields in the request body: Ignore, Warn (the default) or Strict."}
	qForce           = param{name: "force", in: "query", typ: "boolean", desc: "Force is for apply requests: it takes over conflicting fields."}

	listParams = []param{
		{name: "allowWatchBookmarks", in: "query", typ: "boolean", desc: "Ask for BOOKMARK events in a watch."},
		{name: "continue", in: "query", typ: "string", desc: "The continue token of the previous page of a paginated list."},
		{name: "fieldSelector", in: "query", typ: "string", desc: "A selector restricting the objects by their fields."},
		{name: "labelSelector", in: "query", typ: "string", desc: "A selector restricting the objects by their labels."},
		{name: "limit", in: "query", typ: "integer", desc: "The maximum number of objects to return; a continue token is returned when there are more."},
		{name: "resourceVersion", in: "query", typ: "string", desc: "The resource version the answer must be at least as recent as."},
		{name: "resourceVersionMatch", in: "query", typ: "string", desc: "How resourceVersion applies: NotOlderThan or Exact."},
		{name: "sendInitialEvents", in: "query", typ: "boolean", desc: "Start a watch with the current objects as ADDED events, then a bookmark."},
		{name: "timeoutSeconds", in: "query", typ: "integer", desc: "How long a list or watch call may take."},
		{name: "watch", in: "query", typ: "boolean", desc: "Watch for changes instead of listing."},
	}
	deleteParams = []param{qDryRun,
		{name: "gracePeriodSeconds", in: "query", typ: "integer", desc: "Seconds before the object is deleted; 0 deletes at once."},
		{name: "ignoreStoreReadErrorWithClusterBreakingPotential", in: "query", typ: "boolean", desc: "Delete an object that cannot be read from storage."},
		{name: "orphanDependents", in: "query", typ: "boolean", desc: "Deprecated: use propagationPolicy."},
		{name: "propagationPolicy", in: "query", typ: "string", desc: "Whether and how dependents are deleted: Orphan, Background or Foreground."},
	}
	writeParams = []param{qDryRun, qFieldManager, qFieldValidation}
	patchParams = []param{qDryRun, qFieldManager, qFieldValidation, qForce}

	patchTypesBuiltin = []string{"application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"}
	patchTypesCustom  = []string{"application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json"}
)

// camel returns the operation-ID form of a group version: CoreV1, AppsV1,
// RbacAuthorizationV1, ExampleComV1.
func camel(gv apiobj.GroupVersion) string {
	g := strings.TrimSuffix(gv.Group, ".k8s.io")
	if g == "" {
		g = "core"
	}
	var b strings.Builder
	for _, p := range strings.FieldsFunc(g+"."+gv.Version, func(r rune) bool { return r == '.' || r == '-' }) {
		b.WriteString(strings.ToUpper(p[:1]) + p[1:])
	}
	return b.String()
}

func tagOf(gv apiobj.GroupVersion) string {
	g := strings.TrimSuffix(gv.Group, ".k8s.io")
	if g == "" {
		g = "core"
	}
	parts := strings.FieldsFunc(g, func(r rune) bool { return r == '.' || r == '-' })
	for i := 1; i < len(parts); i++ {
		parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
	}
	return strings.Join(parts, "") + "_" + gv.Version
}

// resourceInfo is what paths need to know about one served resource.
type resourceInfo struct {
	kind     *apiobj.KindInfo
	def      string // definition name of the kind
	listDef  string // definition name of its list, "" when it has none
	custom   bool
	verbs    []string
	subKinds map[string]subKind
}

type subKind struct {
	gvk apiobj.GroupVersionKind
	def string
}

// resourcePaths returns the paths of one resource.
func resourcePaths(r resourceInfo) []pathItem {
	k := r.kind
	gv := k.GroupVersion()
	prefix := "/apis/" + gv.Group + "/" + gv.Version
	if gv.Group == "" {
		prefix = "/api/" + gv.Version
	}
	has := func(v string) bool { return slices.Contains(r.verbs, v) }
	id := func(verb, suffix string) string {
		ns := ""
		if k.Namespaced {
			ns = "Namespaced"
		}
		return verb + camel(gv) + ns + k.Kind + suffix
	}
	tag := tagOf(gv)
	op := func(method, verb, action, suffix, desc string) operation {
		return operation{method: method, id: id(verb, suffix), description: desc, action: action,
			gvk: k.GroupVersionKind, tag: tag, response: r.def}
	}
	patchTypes := patchTypesBuiltin
	if r.custom {
		patchTypes = patchTypesCustom
	}

	collection := pathItem{path: prefix + "/" + k.Resource, params: []param{pPretty}}
	item := pathItem{path: prefix + "/" + k.Resource + "/{name}", params: []param{pName, pPretty}}
	if k.Namespaced {
		collection.path = prefix + "/namespaces/{namespace}/" + k.Resource
		collection.params = []param{pNamespace, pPretty}
		item.path = prefix + "/namespaces/{namespace}/" + k.Resource + "/{name}"
		item.params = []param{pName, pNamespace, pPretty}
	}
	var out []pathItem
	if has("list") && r.listDef != "" {
		o := op("get", "list", "list", "", "list or watch objects of kind "+k.Kind)
		o.query, o.response = listParams, r.listDef
		collection.ops = append(collection.ops, o)
	}
	if has("create") {
		o := op("post", "create", "post", "", "create a "+k.Kind)
		o.query, o.body = writeParams, r.def
		collection.ops = append(collection.ops, o)
	}
	if has("deletecollection") {
		o := op("delete", "deleteCollection", "deletecollection", "", "delete collection of "+k.Kind)
		o.query, o.body, o.response = append(slices.Clone(deleteParams), listParams...), nameDeleteOptions, nameStatus
		collection.ops = append(collection.ops, o)
	}
	if has("get") {
		item.ops = append(item.ops, op("get", "read", "get", "", "read the specified "+k.Kind))
	}
	if has("update") {
		o := op("put", "replace", "put", "", "replace the specified "+k.Kind)
		o.query, o.body = writeParams, r.def
		item.ops = append(item.ops, o)
	}
	if has("patch") {
		o := op("patch", "patch", "patch", "", "partially update the specified "+k.Kind)
		o.query, o.body, o.patchTypes = patchParams, namePatch, patchTypes
		item.ops = append(item.ops, o)
	}
	if has("delete") {
		o := op("delete", "delete", "delete", "", "delete a "+k.Kind)
		o.query, o.body, o.response = deleteParams, nameDeleteOptions, nameStatus
		item.ops = append(item.ops, o)
	}
	for _, p := range []pathItem{collection, item} {
		if len(p.ops) > 0 {
			out = append(out, p)
		}
	}
	if k.Namespaced && has("list") && r.listDef != "" {
		all := pathItem{path: prefix + "/" + k.Resource, params: []param{pPretty}}
		o := op("get", "list", "list", "ForAllNamespaces", "list or watch objects of kind "+k.Kind)
		o.id = "list" + camel(gv) + k.Kind + "ForAllNamespaces"
		o.query, o.response = listParams, r.listDef
		all.ops = []operation{o}
		out = append(out, all)
	}

	subs := slices.Clone(k.Subresources)
	slices.Sort(subs)
	for _, sub := range subs {
		sk, ok := r.subKinds[sub]
		if !ok {
			continue // connect subresources (log, exec, proxy, ...) are not described
		}
		p := pathItem{path: item.path + "/" + sub, params: item.params}
		suffix := strings.ToUpper(sub[:1]) + sub[1:]
		mk := func(method, verb, action, desc string) operation {
			o := op(method, verb, action, suffix, desc)
			o.gvk, o.response = sk.gvk, sk.def
			return o
		}
		switch sub {
		case "binding", "eviction", "token":
			o := mk("post", "create", "post", "create "+sub+" of a "+k.Kind)
			o.query, o.body = writeParams, sk.def
			p.ops = []operation{o}
		case "finalize":
			o := mk("put", "replace", "put", "replace finalize of the specified "+k.Kind)
			o.query, o.body = writeParams, sk.def
			p.ops = []operation{o}
		default:
			get := mk("get", "read", "get", "read "+sub+" of the specified "+k.Kind)
			put := mk("put", "replace", "put", "replace "+sub+" of the specified "+k.Kind)
			put.query, put.body = writeParams, sk.def
			patch := mk("patch", "patch", "patch", "partially update "+sub+" of the specified "+k.Kind)
			patch.query, patch.body, patch.patchTypes = patchParams, namePatch, patchTypes
			p.ops = []operation{get, put, patch}
		}
		out = append(out, p)
	}
	return out
}

// v3 renders.

func (p param) v3() map[string]any {
	m := map[string]any{"name": p.name, "in": p.in, "description": p.desc, "schema": map[string]any{"type": p.typ, "uniqueItems": true}}
	if p.required {
		m["required"] = true
	}
	return m
}

func (p param) v2() map[string]any {
	m := map[string]any{"name": p.name, "in": p.in, "description": p.desc, "type": p.typ, "uniqueItems": true}
	if p.required {
		m["required"] = true
	}
	return m
}

func gvkValue(gvk apiobj.GroupVersionKind) gvkExt {
	return gvkExt{Group: gvk.Group, Kind: gvk.Kind, Version: gvk.Version}
}

func (o operation) render(v version) map[string]any {
	m := map[string]any{
		"tags":        []string{o.tag},
		"description": o.description,
		"operationId": o.id,
		extAction:     o.action,
		extGVK:        gvkValue(o.gvk),
	}
	ref := func(name string) map[string]any { return map[string]any{"$ref": refPrefix(v) + name} }
	code := "200"
	if o.method == "post" {
		code = "201"
	}
	var params []any
	if v == v3 {
		for _, p := range o.query {
			params = append(params, p.v3())
		}
		if o.body != "" {
			content := map[string]any{}
			types := o.patchTypes
			if len(types) == 0 {
				types = []string{"*/*"}
			}
			for _, t := range types {
				content[t] = map[string]any{"schema": ref(o.body)}
			}
			m["requestBody"] = map[string]any{"content": content, "required": o.method != "delete"}
		}
		resp := map[string]any{"application/json": map[string]any{"schema": ref(o.response)},
			"application/yaml": map[string]any{"schema": ref(o.response)}}
		m["responses"] = map[string]any{
			code:  map[string]any{"description": "OK", "content": resp},
			"401": map[string]any{"description": "Unauthorized"},
		}
	} else {
		if o.body != "" {
			body := map[string]any{"name": "body", "in": "body", "schema": ref(o.body)}
			if o.method != "delete" {
				body["required"] = true
			}
			params = append(params, body)
		}
		for _, p := range o.query {
			params = append(params, p.v2())
		}
		consumes := o.patchTypes
		if len(consumes) == 0 {
			consumes = []string{"*/*"}
		}
		m["consumes"] = consumes
		m["produces"] = []string{"application/json", "application/yaml"}
		m["schemes"] = []string{"https"}
		m["responses"] = map[string]any{
			code:  map[string]any{"description": "OK", "schema": ref(o.response)},
			"401": map[string]any{"description": "Unauthorized"},
		}
	}
	if len(params) > 0 {
		m["parameters"] = params
	}
	return m
}

func (p pathItem) render(v version) map[string]any {
	m := map[string]any{}
	var params []any
	for _, q := range p.params {
		if v == v3 {
			params = append(params, q.v3())
		} else {
			params = append(params, q.v2())
		}
	}
	if len(params) > 0 {
		m["parameters"] = params
	}
	for _, o := range p.ops {
		m[o.method] = o.render(v)
	}
	return m
}

// refs calls f with every definition the path's operations name.
func (p pathItem) refs(f func(string)) {
	for _, o := range p.ops {
		if o.body != "" {
			f(o.body)
		}
		if o.response != "" {
			f(o.response)
		}
	}
}
