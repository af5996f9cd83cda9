package apiserver

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/fields"
	"github.com/orcaproj/orca/apiobj/labels"
	"github.com/orcaproj/orca/apiobj/protobuf"
	"github.com/orcaproj/orca/apiserver/patch"
	"github.com/orcaproj/orca/apiserver/printers"
	"github.com/orcaproj/orca/apiserver/registry"
)

var errNotFoundResource = apiobj.NewStatusError(http.StatusNotFound, apiobj.StatusReasonNotFound, "the server could not find the requested resource")

func methodNotAllowed() error {
	return apiobj.NewStatusError(http.StatusMethodNotAllowed, apiobj.StatusReasonMethodNotAllowed,
		"the server does not allow this method on the requested resource")
}

// serveResource serves one resource request.
func (s *Server) serveResource(w http.ResponseWriter, r *http.Request, info requestInfo) {
	res, err := s.reg.Resource(info.gv.WithResource(info.res))
	if err != nil {
		writeError(w, r, errNotFoundResource)
		return
	}
	if res.Info.Namespaced {
		if info.namespace == "" && (info.name != "" || info.verb == "create" || info.verb == "deletecollection") {
			writeError(w, r, errNotFoundResource)
			return
		}
	} else if info.namespace != "" && info.res != "namespaces" {
		writeError(w, r, errNotFoundResource)
		return
	}
	ns := info.namespace
	if !res.Info.Namespaced {
		ns = ""
	}
	if info.subresource != "" {
		s.serveSubresource(w, r, info, res, ns)
		return
	}
	if !slices.Contains(res.Info.Verbs, info.verb) && !(info.verb == "watch" && slices.Contains(res.Info.Verbs, "list")) {
		writeError(w, r, methodNotAllowed())
		return
	}
	if info.verb == "watch" && !slices.Contains(res.Info.Verbs, "watch") {
		writeError(w, r, methodNotAllowed())
		return
	}
	q := r.URL.Query()
	switch info.verb {
	case "get":
		s.serveGet(w, r, res, ns, info.name, q)
	case "list":
		s.serveList(w, r, res, ns, q)
	case "watch":
		s.serveWatch(w, r, res, ns, info.name, q)
	case "create":
		if info.name != "" {
			writeError(w, r, methodNotAllowed())
			return
		}
		s.serveCreate(w, r, res, ns, q)
	case "update":
		s.serveUpdate(w, r, res, ns, info.name, "", q)
	case "patch":
		s.servePatch(w, r, res, ns, info.name, "", q)
	case "delete":
		s.serveDelete(w, r, res, ns, info.name, q)
	case "deletecollection":
		s.serveDeleteCollection(w, r, res, ns, q)
	default:
		writeError(w, r, methodNotAllowed())
	}
}

func (s *Server) serveSubresource(w http.ResponseWriter, r *http.Request, info requestInfo, res *registry.Resource, ns string) {
	sub := info.subresource
	if !res.Info.HasSubresource(sub) {
		writeError(w, r, errNotFoundResource)
		return
	}
	if isConnect(info) {
		if s.cfg.Connector == nil {
			writeError(w, r, apiobj.NewStatusError(http.StatusServiceUnavailable, apiobj.StatusReasonServiceUnavailable,
				fmt.Sprintf("%s/%s is not available: no node connector is configured", info.res, sub)))
			return
		}
		s.cfg.Connector.Connect(w, r, ConnectRequest{Resource: res.GVR, Namespace: ns, Name: info.name, Subresource: sub, Path: info.subpath})
		return
	}
	q := r.URL.Query()
	switch {
	case (sub == "status" || sub == "scale") && info.verb == "get":
		if sub == "scale" {
			sc, err := s.reg.GetScale(r.Context(), res, ns, info.name)
			if err != nil {
				writeError(w, r, err)
				return
			}
			s.respond(w, r, http.StatusOK, sc)
			return
		}
		s.serveGet(w, r, res, ns, info.name, q)
	case (sub == "status" || sub == "finalize") && info.verb == "update":
		s.serveUpdate(w, r, res, ns, info.name, sub, q)
	case sub == "status" && info.verb == "patch":
		s.servePatch(w, r, res, ns, info.name, sub, q)
	case sub == "scale" && info.verb == "update":
		s.serveScaleUpdate(w, r, res, ns, info.name, q, false)
	case sub == "scale" && info.verb == "patch":
		s.serveScaleUpdate(w, r, res, ns, info.name, q, true)
	case sub == "binding" && info.verb == "create":
		var b apiobj.Binding
		if _, err := s.readInto(w, r, &b, apiobj.CoreV1.WithKind("Binding"), q); err != nil {
			writeError(w, r, err)
			return
		}
		if err := s.reg.Bind(r.Context(), ns, info.name, &b, dryRunOf(q)); err != nil {
			writeError(w, r, err)
			return
		}
		s.respond(w, r, http.StatusCreated, &apiobj.Status{TypeMeta: apiobj.TypeMeta{Kind: "Status", APIVersion: "v1"}, Status: apiobj.StatusSuccess, Code: http.StatusCreated})
	case sub == "eviction" && info.verb == "create":
		var ev apiobj.Eviction
		if _, err := s.readInto(w, r, &ev, apiobj.PolicyV1.WithKind("Eviction"), q); err != nil {
			writeError(w, r, err)
			return
		}
		if err := s.reg.Evict(r.Context(), ns, info.name, &ev, dryRunOf(q)); err != nil {
			writeError(w, r, err)
			return
		}
		s.respond(w, r, http.StatusCreated, &apiobj.Status{TypeMeta: apiobj.TypeMeta{Kind: "Status", APIVersion: "v1"}, Status: apiobj.StatusSuccess, Code: http.StatusCreated})
	default:
		writeError(w, r, methodNotAllowed())
	}
}

// respond writes v in the negotiated plain format (JSON or YAML).
func (s *Server) respond(w http.ResponseWriter, r *http.Request, code int, v any) {
	f, err := negotiate(r.Header.Get("Accept"))
	if err != nil {
		f = outFormat{}
	}
	f.as = asObject
	s.write(w, code, v, f)
}

func dryRunOf(q url.Values) bool {
	return slices.Contains(q["dryRun"], apiobj.DryRunAll)
}

func checkDryRun(q url.Values) error {
	for _, v := range q["dryRun"] {
		if v != apiobj.DryRunAll {
			return apiobj.NewBadRequest(fmt.Sprintf("dryRun: Unsupported value: %q: supported values: \"All\"", v))
		}
	}
	return nil
}

// ---- reads ----

func (s *Server) serveGet(w http.ResponseWriter, r *http.Request, res *registry.Resource, ns, name string, q url.Values) {
	f, err := negotiate(r.Header.Get("Accept"))
	if err != nil {
		writeError(w, r, err)
		return
	}
	obj, err := s.reg.Get(r.Context(), res, ns, name, registry.GetOptions{ResourceVersion: q.Get("resourceVersion")})
	if err != nil {
		writeError(w, r, err)
		return
	}
	switch f.as {
	case asTable:
		t, err := s.buildTable(obj, f, tableOptions(q))
		if err != nil {
			writeError(w, r, err)
			return
		}
		s.write(w, http.StatusOK, t, f)
	case asPartial, asPartialList:
		p, err := toPartial(obj, f.metaVersion)
		if err != nil {
			writeError(w, r, err)
			return
		}
		s.write(w, http.StatusOK, p, f)
	default:
		s.write(w, http.StatusOK, obj, f)
	}
}

func tableOptions(q url.Values) printers.TableOptions {
	return printers.TableOptions{IncludeObject: printers.IncludeObjectPolicy(q.Get("includeObject"))}
}

func parseSelectors(q url.Values) (labels.Selector, fields.Selector, error) {
	ls, err := labels.Parse(q.Get("labelSelector"))
	if err != nil {
		return nil, nil, apiobj.NewBadRequest(fmt.Sprintf("unable to parse requirement: %v", err))
	}
	fs, err := fields.ParseSelector(q.Get("fieldSelector"))
	if err != nil {
		return nil, nil, apiobj.NewBadRequest(fmt.Sprintf("invalid field selector: %v", err))
	}
	return ls, fs, nil
}

func (s *Server) listOptions(q url.Values) (registry.ListOptions, error) {
	ls, fs, err := parseSelectors(q)
	if err != nil {
		return registry.ListOptions{}, err
	}
	opts := registry.ListOptions{LabelSelector: ls, FieldSelector: fs, Continue: q.Get("continue"),
		ResourceVersion: q.Get("resourceVersion"), ResourceVersionMatch: q.Get("resourceVersionMatch")}
	if l := q.Get("limit"); l != "" {
		n, err := strconv.ParseInt(l, 10, 64)
		if err != nil || n < 0 {
			return opts, apiobj.NewBadRequest(fmt.Sprintf("invalid limit %q", l))
		}
		opts.Limit = n
	}
	return opts, nil
}

func (s *Server) serveList(w http.ResponseWriter, r *http.Request, res *registry.Resource, ns string, q url.Values) {
	f, err := negotiate(r.Header.Get("Accept"))
	if err != nil {
		writeError(w, r, err)
		return
	}
	opts, err := s.listOptions(q)
	if err != nil {
		writeError(w, r, err)
		return
	}
	items, meta, err := s.reg.ListItems(r.Context(), res, ns, opts)
	if err != nil {
		writeError(w, r, err)
		return
	}
	lm := apiobj.ListMeta{ResourceVersion: meta.ResourceVersion, Continue: meta.Continue, RemainingItemCount: meta.RemainingItemCount}
	switch f.as {
	case asTable:
		list, err := s.reg.NewList(res, items, meta)
		if err != nil {
			writeError(w, r, err)
			return
		}
		t, err := s.buildTable(list, f, tableOptions(q))
		if err != nil {
			writeError(w, r, err)
			return
		}
		s.write(w, http.StatusOK, t, f)
	case asPartial, asPartialList:
		p, err := toPartialList(items, lm, f.metaVersion)
		if err != nil {
			writeError(w, r, err)
			return
		}
		s.write(w, http.StatusOK, p, f)
	default:
		list, err := s.reg.NewList(res, items, meta)
		if err != nil {
			writeError(w, r, err)
			return
		}
		s.write(w, http.StatusOK, list, f)
	}
}

// ---- bodies ----

var errUnsupportedBody = apiobj.NewStatusError(http.StatusUnsupportedMediaType, apiobj.StatusReasonUnsupportedMediaType,
	"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml")

// readBody reads a request body within the size limit.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if r.ContentLength > s.cfg.MaxBodyBytes {
		return nil, tooLarge(s.cfg.MaxBodyBytes)
	}
	if r.Body == nil {
		return nil, nil
	}
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes))
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return nil, tooLarge(s.cfg.MaxBodyBytes)
	}
	if err != nil {
		return nil, apiobj.NewBadRequest(fmt.Sprintf("reading the request body: %v", err))
	}
	return b, nil
}

func tooLarge(limit int64) error {
	return apiobj.NewStatusError(http.StatusRequestEntityTooLarge, apiobj.StatusReasonRequestEntityTooLarge,
		fmt.Sprintf("Request entity too large: limit is %d", limit))
}

func checkContentType(r *http.Request) error {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return nil
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return errUnsupportedBody
	}
	switch mt {
	case "application/json", "application/yaml", "*/*":
		return nil
	}
	return errUnsupportedBody
}

// fieldValidation returns the mode of the fieldValidation parameter.
func fieldValidation(q url.Values) (string, error) {
	switch v := q.Get("fieldValidation"); v {
	case "":
		return "Warn", nil
	case "Strict", "Warn", "Ignore":
		return v, nil
	default:
		return "", apiobj.NewBadRequest(fmt.Sprintf("fieldValidation: Unsupported value: %q: supported values: \"Ignore\", \"Strict\", \"Warn\"", v))
	}
}

// decodeInto decodes body into into (an empty object of kind want) with the
// request's field validation. It returns warnings for Warn.
func (s *Server) decodeInto(body []byte, into apiobj.Typed, want apiobj.GroupVersionKind, q url.Values) ([]string, error) {
	mode, err := fieldValidation(q)
	if err != nil {
		return nil, err
	}
	if len(strings.TrimSpace(string(body))) == 0 {
		return nil, apiobj.NewBadRequest("the request body is empty")
	}
	var opts []apiobj.DecodeOption
	if mode != "Ignore" {
		opts = append(opts, apiobj.Strict())
	}
	var warnings []string
	if err := s.codec.DecodeInto(body, into, opts...); err != nil {
		se, ok := apiobj.IsStrictDecodingError(err)
		switch {
		case !ok:
			return nil, apiobj.NewBadRequest(fmt.Sprintf("%s in version %q cannot be handled as a %s: %v", want.Kind, want.Version, want.Kind, err))
		case mode == "Strict":
			return nil, apiobj.NewBadRequest(se.Error())
		default:
			warnings = se.Errors
		}
	}
	if u, ok := into.(*apiobj.Unstructured); ok && u.Object == nil {
		return nil, apiobj.NewBadRequest(fmt.Sprintf("%s in version %q cannot be handled as a %s: the body is not an object", want.Kind, want.Version, want.Kind))
	}
	got := into.GroupVersionKind()
	switch {
	case got.Empty():
	case got.GroupVersion() != want.GroupVersion():
		return nil, apiobj.NewBadRequest(fmt.Sprintf("the API version in the data (%s) does not match the expected API version (%s)",
			got.GroupVersion(), want.GroupVersion()))
	case got.Kind != want.Kind:
		return nil, apiobj.NewBadRequest(fmt.Sprintf("%s in version %q cannot be handled as a %s: the kind in the data does not match", got.Kind, got.Version, want.Kind))
	}
	into.SetGroupVersionKind(want)
	return warnings, nil
}

// readInto reads and decodes a request body.
func (s *Server) readInto(w http.ResponseWriter, r *http.Request, into apiobj.Typed, want apiobj.GroupVersionKind, q url.Values) ([]string, error) {
	if protobuf.IsProtobuf(r.Header.Get("Content-Type")) {
		body, err := s.readBody(w, r)
		if err != nil {
			return nil, err
		}
		return nil, decodeProtobufInto(body, into, want)
	}
	if err := checkContentType(r); err != nil {
		return nil, err
	}
	body, err := s.readBody(w, r)
	if err != nil {
		return nil, err
	}
	warnings, err := s.decodeInto(body, into, want, q)
	if err == nil {
		setWarnings(w, warnings)
	}
	return warnings, err
}

// decodeProtobufInto decodes a Kubernetes protobuf body (what kubectl's
// typed clients send) into into. Custom kinds have no protobuf form: 415,
// as in Kubernetes.
func decodeProtobufInto(body []byte, into apiobj.Typed, want apiobj.GroupVersionKind) error {
	if _, ok := into.(*apiobj.Unstructured); ok {
		return errUnsupportedBody
	}
	got, raw, err := protobuf.Unwrap(body)
	if err != nil {
		return apiobj.NewBadRequest(fmt.Sprintf("%s in version %q cannot be handled as a %s: %v", want.Kind, want.Version, want.Kind, err))
	}
	switch {
	case got.Empty():
	case got.GroupVersion() != want.GroupVersion():
		return apiobj.NewBadRequest(fmt.Sprintf("the API version in the data (%s) does not match the expected API version (%s)",
			got.GroupVersion(), want.GroupVersion()))
	case got.Kind != want.Kind:
		return apiobj.NewBadRequest(fmt.Sprintf("%s in version %q cannot be handled as a %s: the kind in the data does not match", got.Kind, got.Version, want.Kind))
	}
	if err := protobuf.Unmarshal(raw, into); err != nil {
		return apiobj.NewBadRequest(fmt.Sprintf("%s in version %q cannot be handled as a %s: %v", want.Kind, want.Version, want.Kind, err))
	}
	into.SetGroupVersionKind(want)
	return nil
}

func setWarnings(w http.ResponseWriter, warnings []string) {
	for _, m := range warnings {
		w.Header().Add("Warning", "299 - "+strconv.Quote(m))
	}
}

// ---- writes ----

func (s *Server) serveCreate(w http.ResponseWriter, r *http.Request, res *registry.Resource, ns string, q url.Values) {
	if err := checkDryRun(q); err != nil {
		writeError(w, r, err)
		return
	}
	if res.Info.GroupVersionKind == apiobj.CoreV1.WithKind("Binding") {
		var b apiobj.Binding
		if _, err := s.readInto(w, r, &b, res.Info.GroupVersionKind, q); err != nil {
			writeError(w, r, err)
			return
		}
		if err := s.reg.Bind(r.Context(), ns, b.Name, &b, dryRunOf(q)); err != nil {
			writeError(w, r, err)
			return
		}
		s.respond(w, r, http.StatusCreated, &apiobj.Status{TypeMeta: apiobj.TypeMeta{Kind: "Status", APIVersion: "v1"}, Status: apiobj.StatusSuccess, Code: http.StatusCreated})
		return
	}
	if handled := s.serveReview(w, r, res, ns, q); handled {
		return
	}
	obj := res.NewObject()
	if _, err := s.readInto(w, r, obj, res.Info.GroupVersionKind, q); err != nil {
		writeError(w, r, err)
		return
	}
	out, err := s.reg.Create(r.Context(), res, ns, obj, registry.CreateOptions{DryRun: dryRunOf(q)})
	if err != nil {
		writeError(w, r, err)
		return
	}
	s.respond(w, r, http.StatusCreated, out)
}

func (s *Server) serveUpdate(w http.ResponseWriter, r *http.Request, res *registry.Resource, ns, name, sub string, q url.Values) {
	if err := checkDryRun(q); err != nil {
		writeError(w, r, err)
		return
	}
	obj := res.NewObject()
	if _, err := s.readInto(w, r, obj, res.Info.GroupVersionKind, q); err != nil {
		writeError(w, r, err)
		return
	}
	out, err := s.reg.Update(r.Context(), res, ns, name, func(apiobj.Object) (apiobj.Object, error) {
		return obj.DeepCopyObject(), nil
	}, registry.UpdateOptions{DryRun: dryRunOf(q), Subresource: sub})
	if err != nil {
		writeError(w, r, err)
		return
	}
	s.respond(w, r, http.StatusOK, out)
}

func schemaOf(res *registry.Resource) reflect.Type {
	if res.Info.New == nil {
		return nil
	}
	return reflect.TypeOf(res.Info.New())
}

// readPatch checks the patch type and reads the patch.
func (s *Server) readPatch(w http.ResponseWriter, r *http.Request, schema reflect.Type) (patch.Type, []byte, error) {
	pt, err := patch.ParseType(r.Header.Get("Content-Type"))
	if err != nil {
		return "", nil, err
	}
	if pt == patch.StrategicMergePatch && schema == nil {
		return "", nil, apiobj.NewStatusError(http.StatusUnsupportedMediaType, apiobj.StatusReasonUnsupportedMediaType,
			fmt.Sprintf("the body of the request was in an unknown format - accepted media types include: %s, %s, %s",
				patch.JSONPatch, patch.MergePatch, patch.ApplyPatch))
	}
	body, err := s.readBody(w, r)
	if err != nil {
		return "", nil, err
	}
	return pt, body, nil
}

func (s *Server) servePatch(w http.ResponseWriter, r *http.Request, res *registry.Resource, ns, name, sub string, q url.Values) {
	if err := checkDryRun(q); err != nil {
		writeError(w, r, err)
		return
	}
	schema := schemaOf(res)
	pt, body, err := s.readPatch(w, r, schema)
	if err != nil {
		writeError(w, r, err)
		return
	}
	var warnings []string
	out, err := s.reg.Update(r.Context(), res, ns, name, func(cur apiobj.Object) (apiobj.Object, error) {
		orig, err := s.codec.Encode(cur)
		if err != nil {
			return nil, err
		}
		patched, err := patch.Apply(pt, orig, body, schema)
		if err != nil {
			return nil, err
		}
		obj := res.NewObject()
		warnings, err = s.decodeInto(patched, obj, res.Info.GroupVersionKind, q)
		return obj, err
	}, registry.UpdateOptions{DryRun: dryRunOf(q), Subresource: sub})
	if err != nil {
		writeError(w, r, err)
		return
	}
	setWarnings(w, warnings)
	s.respond(w, r, http.StatusOK, out)
}

func (s *Server) serveScaleUpdate(w http.ResponseWriter, r *http.Request, res *registry.Resource, ns, name string, q url.Values, isPatch bool) {
	if err := checkDryRun(q); err != nil {
		writeError(w, r, err)
		return
	}
	scaleGVK := apiobj.AutoscalingV1.WithKind("Scale")
	var fn func(cur *apiobj.Scale) (*apiobj.Scale, error)
	if isPatch {
		scaleType := reflect.TypeOf(apiobj.Scale{})
		pt, body, err := s.readPatch(w, r, scaleType)
		if err != nil {
			writeError(w, r, err)
			return
		}
		fn = func(cur *apiobj.Scale) (*apiobj.Scale, error) {
			orig, err := s.codec.Encode(cur)
			if err != nil {
				return nil, err
			}
			patched, err := patch.Apply(pt, orig, body, scaleType)
			if err != nil {
				return nil, err
			}
			var sc apiobj.Scale
			_, err = s.decodeInto(patched, &sc, scaleGVK, q)
			return &sc, err
		}
	} else {
		var sc apiobj.Scale
		if _, err := s.readInto(w, r, &sc, scaleGVK, q); err != nil {
			writeError(w, r, err)
			return
		}
		fn = func(*apiobj.Scale) (*apiobj.Scale, error) { c := sc; return &c, nil }
	}
	out, err := s.reg.UpdateScale(r.Context(), res, ns, name, fn, dryRunOf(q))
	if err != nil {
		writeError(w, r, err)
		return
	}
	s.respond(w, r, http.StatusOK, out)
}

// deleteOptions reads DeleteOptions from the body and the query.
func (s *Server) deleteOptions(w http.ResponseWriter, r *http.Request, q url.Values) (*apiobj.DeleteOptions, error) {
	opts := &apiobj.DeleteOptions{}
	body, err := s.readBody(w, r)
	if err != nil {
		return nil, err
	}
	if len(strings.TrimSpace(string(body))) > 0 {
		if err := checkContentType(r); err != nil {
			return nil, err
		}
		if err := s.codec.DecodeInto(body, opts); err != nil {
			return nil, apiobj.NewBadRequest(fmt.Sprintf("invalid DeleteOptions: %v", err))
		}
	}
	if v := q.Get("gracePeriodSeconds"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, apiobj.NewBadRequest(fmt.Sprintf("invalid gracePeriodSeconds %q", v))
		}
		opts.GracePeriodSeconds = &n
	}
	if v := q.Get("propagationPolicy"); v != "" {
		p := apiobj.DeletionPropagation(v)
		opts.PropagationPolicy = &p
	}
	if v := q.Get("orphanDependents"); v != "" {
		b := v == "true"
		opts.OrphanDependents = &b
	}
	if err := checkDryRun(q); err != nil {
		return nil, err
	}
	if dryRunOf(q) && !slices.Contains(opts.DryRun, apiobj.DryRunAll) {
		opts.DryRun = append(opts.DryRun, apiobj.DryRunAll)
	}
	return opts, nil
}

func (s *Server) serveDelete(w http.ResponseWriter, r *http.Request, res *registry.Resource, ns, name string, q url.Values) {
	opts, err := s.deleteOptions(w, r, q)
	if err != nil {
		writeError(w, r, err)
		return
	}
	obj, gone, err := s.reg.Delete(r.Context(), res, ns, name, opts)
	if err != nil {
		writeError(w, r, err)
		return
	}
	if gone && res.Info.New != nil {
		s.respond(w, r, http.StatusOK, successStatus(res.GroupResource(), obj))
		return
	}
	s.respond(w, r, http.StatusOK, obj)
}

func (s *Server) serveDeleteCollection(w http.ResponseWriter, r *http.Request, res *registry.Resource, ns string, q url.Values) {
	lo, err := s.listOptions(q)
	if err != nil {
		writeError(w, r, err)
		return
	}
	opts, err := s.deleteOptions(w, r, q)
	if err != nil {
		writeError(w, r, err)
		return
	}
	list, err := s.reg.DeleteCollection(r.Context(), res, ns, lo, opts)
	if err != nil {
		writeError(w, r, err)
		return
	}
	s.respond(w, r, http.StatusOK, list)
}
