package discovery

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"mime"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/orcaproj/orca/apiobj"
)

// Media types of aggregated discovery.
const (
	// GroupAggregated is the "g" parameter of aggregated discovery.
	GroupAggregated = "apidiscovery.k8s.io"
	// KindAggregated is the "as" parameter of aggregated discovery.
	KindAggregated = "APIGroupDiscoveryList"
	// ContentTypeAggregatedV2 is the Content-Type of an aggregated v2 answer.
	ContentTypeAggregatedV2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"
	// ContentTypeAggregatedV2Beta1 is the Content-Type of an aggregated v2beta1 answer.
	ContentTypeAggregatedV2Beta1 = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList"
	contentTypeJSON              = "application/json"
)

// Handler serves the discovery documents of a Scheme:
//
//	/api                    APIVersions, or APIGroupDiscoveryList (core group)
//	/api/v1                 APIResourceList
//	/apis                   APIGroupList, or APIGroupDiscoveryList (named groups)
//	/apis/{group}           APIGroup
//	/apis/{group}/{version} APIResourceList
//
// /api and /apis answer with aggregated discovery when the Accept header
// asks for it first (apidiscovery.k8s.io v2 or v2beta1, as kubectl 1.32
// does), and with the legacy documents otherwise. Aggregated answers carry
// an ETag and honor If-None-Match. Other paths get a 404 Status, other
// methods than GET and HEAD a 405.
//
// A group version is listed when at least one kind of the Scheme is served
// as a resource in it; kinds with an empty Resource (Scale, Eviction) are
// not listed but appear as the kinds of subresources. Versions of a group
// are ordered by preference (CompareVersions): autoscaling prefers v2.
//
// The documents are built from the Scheme and cached. Each request compares
// the Scheme's kinds with those the cache was built from, so kinds added or
// removed at run time (custom resource definitions) show up on the next
// request; Invalidate forces a rebuild. A Handler is safe for concurrent use.
type Handler struct {
	scheme *apiobj.Scheme

	mu    sync.Mutex         // guards the fields below
	kinds []*apiobj.KindInfo // the snapshot docs was built from
	docs  *documents
}

// documents are the encoded answers of one snapshot.
type documents struct {
	model     *model
	resources map[string][]byte // by "v1", "apps/v1"
	groups    map[string][]byte // APIGroup by name
	groupList []byte
	// aggregated by ("/api" or "/apis") + " " + version (v2, v2beta1)
	aggregated map[string][]byte
	etags      map[string]string
}

// NewHandler returns a Handler over scheme. It returns the concrete type
// (an http.Handler) so that callers can reach Invalidate and the documents.
func NewHandler(scheme *apiobj.Scheme) *Handler {
	return &Handler{scheme: scheme}
}

// Invalidate drops the cached documents; the next request rebuilds them.
// It is never required for correctness (changes to the Scheme are noticed
// on their own) but is cheap, and safe to call at any time.
func (h *Handler) Invalidate() {
	h.mu.Lock()
	h.kinds, h.docs = nil, nil
	h.mu.Unlock()
}

// current returns the documents of the Scheme as it is now.
func (h *Handler) current() *documents {
	kinds := h.scheme.Kinds()
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.docs != nil && slices.Equal(kinds, h.kinds) {
		return h.docs
	}
	h.kinds, h.docs = kinds, buildDocuments(buildModel(kinds))
	return h.docs
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // the documents are plain structs; this cannot fail
	}
	return b
}

func etagOf(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + strings.ToUpper(hex.EncodeToString(sum[:16])) + `"`
}

func buildDocuments(m *model) *documents {
	d := &documents{
		model:      m,
		resources:  map[string][]byte{},
		groups:     map[string][]byte{},
		aggregated: map[string][]byte{},
		etags:      map[string]string{},
	}
	for gv := range m.resources {
		l, _ := m.resourceList(gv)
		if gv.Group == "" {
			l.APIVersion = "" // /api/v1 carries no apiVersion in Kubernetes
		}
		d.resources[gv.String()] = mustJSON(l)
	}
	for _, name := range m.groups {
		g, _ := m.group(name)
		g.TypeMeta = apiobj.TypeMeta{Kind: "APIGroup", APIVersion: "v1"}
		d.groups[name] = mustJSON(g)
	}
	d.groupList = mustJSON(m.groupList())
	for _, root := range []string{"/api", "/apis"} {
		for _, v := range []string{"v2", "v2beta1"} {
			key := root + " " + v
			b := mustJSON(m.aggregated(root == "/api", GroupAggregated+"/"+v))
			d.aggregated[key] = b
			d.etags[key] = etagOf(b)
		}
	}
	return d
}

// Groups returns the APIGroupList served at /apis.
func (h *Handler) Groups() *APIGroupList { return h.current().model.groupList() }

// Resources returns the APIResourceList of a group version, and whether it
// is served.
func (h *Handler) Resources(gv apiobj.GroupVersion) (*APIResourceList, bool) {
	return h.current().model.resourceList(gv)
}

// Aggregated returns the aggregated discovery (apidiscovery.k8s.io/v2) of
// the core group (core true, as /api serves it) or of the named groups
// (/apis).
func (h *Handler) Aggregated(core bool) *APIGroupDiscoveryList {
	return h.current().model.aggregated(core, GroupAggregated+"/v2")
}

// IsDiscoveryPath reports whether the Handler serves path: /api, /api/v1,
// /apis, /apis/{group} or /apis/{group}/{version} (a trailing slash is
// allowed). Resource paths such as /api/v1/pods are not discovery paths.
func IsDiscoveryPath(path string) bool {
	parts, ok := splitPath(path)
	if !ok {
		return false
	}
	switch parts[0] {
	case "api":
		return len(parts) <= 2
	case "apis":
		return len(parts) <= 3
	}
	return false
}

func splitPath(path string) ([]string, bool) {
	p := strings.TrimSuffix(strings.TrimPrefix(path, "/"), "/")
	if p == "" || !strings.HasPrefix(path, "/") {
		return nil, false
	}
	parts := strings.Split(p, "/")
	if slices.Contains(parts, "") {
		return nil, false
	}
	return parts, true
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !IsDiscoveryPath(r.URL.Path) {
		writeStatus(w, http.StatusNotFound, apiobj.StatusReasonNotFound, "the server could not find the requested resource")
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeStatus(w, http.StatusMethodNotAllowed, apiobj.StatusReasonMethodNotAllowed,
			"the server does not allow this method on the requested resource")
		return
	}
	parts, _ := splitPath(r.URL.Path)
	d := h.current()
	if len(parts) == 1 {
		h.serveRoot(w, r, d, parts[0] == "api")
		return
	}
	if !acceptsJSON(r.Header.Get("Accept")) {
		writeNotAcceptable(w)
		return
	}
	var body []byte
	var ok bool
	switch {
	case parts[0] == "api":
		body, ok = d.resources[parts[1]] // only core versions have keys without a slash
	case len(parts) == 2:
		body, ok = d.groups[parts[1]]
	default:
		body, ok = d.resources[parts[1]+"/"+parts[2]]
	}
	if !ok {
		writeStatus(w, http.StatusNotFound, apiobj.StatusReasonNotFound, "the server could not find the requested resource")
		return
	}
	writeBody(w, contentTypeJSON, body)
}

func (h *Handler) serveRoot(w http.ResponseWriter, r *http.Request, d *documents, core bool) {
	format, ok := negotiate(r.Header.Get("Accept"))
	if !ok {
		writeNotAcceptable(w)
		return
	}
	w.Header().Set("Vary", "Accept")
	if format == "" {
		if core {
			writeBody(w, contentTypeJSON, mustJSON(legacyVersions(d.model, r)))
			return
		}
		writeBody(w, contentTypeJSON, d.groupList)
		return
	}
	root := "/apis"
	if core {
		root = "/api"
	}
	key := root + " " + format
	etag := d.etags[key]
	w.Header().Set("ETag", etag)
	if match := r.Header.Get("If-None-Match"); match != "" && etagMatches(match, etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	ct := ContentTypeAggregatedV2
	if format == "v2beta1" {
		ct = ContentTypeAggregatedV2Beta1
	}
	writeBody(w, ct, d.aggregated[key])
}

func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}

func legacyVersions(m *model, r *http.Request) *APIVersions {
	v := &APIVersions{
		TypeMeta:                   apiobj.TypeMeta{Kind: "APIVersions"},
		Versions:                   nonNil(m.versions[""]),
		ServerAddressByClientCIDRs: []ServerAddressByClientCIDR{{ClientCIDR: "0.0.0.0/0", ServerAddress: r.Host}},
	}
	return v
}

// mediaRange is one entry of an Accept header.
type mediaRange struct {
	typ    string
	params map[string]string
	q      float64
}

func parseAccept(header string) []mediaRange {
	var out []mediaRange
	for _, part := range strings.Split(header, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		typ, params, err := mime.ParseMediaType(part)
		if err != nil {
			continue
		}
		q := 1.0
		if s, ok := params["q"]; ok {
			if f, err := strconv.ParseFloat(s, 64); err == nil {
				q = f
			}
			delete(params, "q")
		}
		if q <= 0 {
			continue
		}
		out = append(out, mediaRange{typ: typ, params: params, q: q})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].q > out[j].q })
	return out
}

func jsonish(typ string) bool {
	return typ == contentTypeJSON || typ == "*/*" || typ == "application/*"
}

// negotiate picks the answer for /api and /apis: "v2" or "v2beta1" for
// aggregated discovery, "" for the legacy document; ok is false when the
// client accepts none of them.
func negotiate(accept string) (format string, ok bool) {
	if strings.TrimSpace(accept) == "" {
		return "", true
	}
	for _, m := range parseAccept(accept) {
		if !jsonish(m.typ) {
			continue
		}
		as, g, v := m.params["as"], m.params["g"], m.params["v"]
		switch {
		case as == "" && g == "" && v == "":
			return "", true
		case as == KindAggregated && g == GroupAggregated && (v == "v2" || v == "v2beta1"):
			return v, true
		}
	}
	return "", false
}

// acceptsJSON reports whether plain JSON is acceptable.
func acceptsJSON(accept string) bool {
	if strings.TrimSpace(accept) == "" {
		return true
	}
	for _, m := range parseAccept(accept) {
		if jsonish(m.typ) && m.params["as"] == "" {
			return true
		}
	}
	return false
}

func writeBody(w http.ResponseWriter, contentType string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Cache-Control", "no-cache, private")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

func writeNotAcceptable(w http.ResponseWriter) {
	writeStatus(w, http.StatusNotAcceptable, apiobj.StatusReasonNotAcceptable,
		"only the following media types are accepted: application/json, "+ContentTypeAggregatedV2+", "+ContentTypeAggregatedV2Beta1)
}

func writeStatus(w http.ResponseWriter, code int, reason apiobj.StatusReason, msg string) {
	st := apiobj.NewStatusError(int32(code), reason, msg).Status
	b := mustJSON(&st)
	w.Header().Set("Content-Type", contentTypeJSON)
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(code)
	_, _ = w.Write(b)
}

var _ http.Handler = (*Handler)(nil)
