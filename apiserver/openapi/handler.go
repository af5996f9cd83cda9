package openapi

import (
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/orcaproj/orca/apiobj"
)

// Media types of the documents.
const (
	// ContentTypeV2Proto is OpenAPI v2 in protocol buffers, what client-go's
	// discovery client (and so kubectl's validation and patch logic) asks for.
	ContentTypeV2Proto = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"
	// ContentTypeV2ProtoAnswer is the Content-Type of protobuf answers, as
	// Kubernetes labels them; older clients also ask for it by this name.
	ContentTypeV2ProtoAnswer = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf"
	contentTypeJSON          = "application/json"
)

// DefaultVersion is the info.version of the documents when Config.Version
// is empty.
const DefaultVersion = "v1.32.0"

// Config configures a Handler. Zero values are the documented defaults.
type Config struct {
	// Scheme holds the kinds to describe; nil means apiobj.NewScheme().
	// Every kind with a Go type is described by reflection over its JSON
	// tags; custom kinds (no Go type) by the schema of their definition.
	Scheme *apiobj.Scheme
	// CRDs supplies the schemas of custom kinds; nil describes them as open
	// objects.
	CRDs CRDLookup
	// Descriptions supplies type and field descriptions; nil means the
	// descriptions of the apiobj types (BuiltinDescriptions).
	Descriptions Descriptions
	// Version is the info.version of the documents; "" means DefaultVersion.
	Version string
}

// Handler serves the OpenAPI documents of a Scheme:
//
//	/openapi/v2                    the whole API, JSON or protobuf
//	/openapi/v3                    the index of group versions
//	/openapi/v3/api/v1             the core group
//	/openapi/v3/apis/{group}/{ver} a named group version
//
// Definitions are named as Kubernetes names them
// (io.k8s.api.apps.v1.Deployment, io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta,
// com.example.v1.Widget for custom kinds), kinds carry
// x-kubernetes-group-version-kind, fields carry the patchStrategy and
// patchMergeKey struct tags as x-kubernetes-patch-strategy and
// x-kubernetes-patch-merge-key, and fields whose JSON tag lacks omitempty
// (or omitzero) are required. Every served resource has its paths, with
// operations that carry their kind and action; PATCH accepts strategic merge
// patch for built-in kinds only, as in Kubernetes, which tells kubectl how
// to patch. The v3 index links each document with a hash; a request with a
// stale hash is redirected to the current one.
//
// Documents are generated on first use and cached. Each request compares
// the Scheme's kinds with those the cache was built from, so that custom
// kinds that come and go are reflected at once; Invalidate drops the cache
// for changes the Scheme does not show (a CRDLookup that changes a schema
// without the kind being registered again). A Handler is safe for
// concurrent use.
type Handler struct {
	cfg Config

	mu    sync.Mutex         // guards the fields below
	kinds []*apiobj.KindInfo // the snapshot docs was built from
	docs  *documents
}

// NewHandler returns a Handler. It returns the concrete type (an
// http.Handler) so that callers can reach Invalidate.
func NewHandler(cfg Config) *Handler {
	if cfg.Scheme == nil {
		cfg.Scheme = apiobj.NewScheme()
	}
	if cfg.Descriptions == nil {
		cfg.Descriptions = BuiltinDescriptions()
	}
	if cfg.Version == "" {
		cfg.Version = DefaultVersion
	}
	return &Handler{cfg: cfg}
}

// Invalidate drops the cached documents; the next request rebuilds them.
// The API server calls it when a custom resource definition changes.
func (h *Handler) Invalidate() {
	h.mu.Lock()
	h.kinds, h.docs = nil, nil
	h.mu.Unlock()
}

// documents are the encoded documents of one snapshot; each is built on
// first use.
type documents struct {
	model   *model
	version string

	v2Once   sync.Once
	v2JSON   []byte
	v2Proto  []byte
	v2ETag   string // of the JSON document
	v2PbETag string // of the protobuf document

	v3Once  sync.Once
	v3      map[string][]byte // by gvPath
	v3Hash  map[string]string
	v3Index []byte
}

func (h *Handler) current() *documents {
	kinds := h.cfg.Scheme.Kinds()
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.docs != nil && slices.Equal(kinds, h.kinds) {
		return h.docs
	}
	h.kinds = kinds
	h.docs = &documents{model: buildModel(kinds, h.cfg.CRDs, h.cfg.Descriptions), version: h.cfg.Version}
	return h.docs
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // documents are maps of plain values
	}
	return b
}

func hashOf(b []byte) string {
	sum := sha512.Sum512(b)
	return strings.ToUpper(hex.EncodeToString(sum[:]))
}

func (d *documents) buildV2() {
	d.v2Once.Do(func() {
		d.v2JSON = mustJSON(d.model.v2Document(d.version))
		d.v2Proto = d.model.v2Proto(d.version)
		d.v2ETag = `"` + hashOf(d.v2JSON)[:32] + `"`
		d.v2PbETag = `"` + hashOf(d.v2Proto)[:32] + `"`
	})
}

func (d *documents) buildV3() {
	d.v3Once.Do(func() {
		d.v3, d.v3Hash = map[string][]byte{}, map[string]string{}
		index := map[string]any{}
		for _, gv := range d.model.gvs {
			key := gvPath(gv)
			b := mustJSON(d.model.v3Document(gv, d.version))
			d.v3[key], d.v3Hash[key] = b, hashOf(b)
			index[key] = map[string]any{"serverRelativeURL": "/openapi/v3/" + key + "?hash=" + d.v3Hash[key]}
		}
		d.v3Index = mustJSON(map[string]any{"paths": index})
	})
}

// V2 returns the OpenAPI v2 document as JSON.
func (h *Handler) V2() []byte {
	d := h.current()
	d.buildV2()
	return d.v2JSON
}

// V3 returns the OpenAPI v3 document of group version gv as JSON, and
// whether gv is served.
func (h *Handler) V3(gv apiobj.GroupVersion) ([]byte, bool) {
	d := h.current()
	d.buildV3()
	b, ok := d.v3[gvPath(gv)]
	return b, ok
}

// GroupVersions returns the group versions that have a v3 document.
func (h *Handler) GroupVersions() []apiobj.GroupVersion {
	d := h.current()
	return slices.Clone(d.model.gvs)
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeStatus(w, http.StatusMethodNotAllowed, apiobj.StatusReasonMethodNotAllowed,
			"the server does not allow this method on the requested resource")
		return
	}
	path := strings.TrimSuffix(r.URL.Path, "/")
	switch {
	case path == "/openapi/v2":
		h.serveV2(w, r)
	case path == "/openapi/v3":
		d := h.current()
		d.buildV3()
		if !accepts(r.Header.Get("Accept"), contentTypeJSON) {
			writeNotAcceptable(w, contentTypeJSON)
			return
		}
		writeBody(w, r, contentTypeJSON, d.v3Index, `"`+hashOf(d.v3Index)[:32]+`"`, "no-cache, private")
	case strings.HasPrefix(path, "/openapi/v3/"):
		h.serveV3(w, r, strings.TrimPrefix(path, "/openapi/v3/"))
	default:
		writeStatus(w, http.StatusNotFound, apiobj.StatusReasonNotFound, "the server could not find the requested resource")
	}
}

func (h *Handler) serveV2(w http.ResponseWriter, r *http.Request) {
	d := h.current()
	d.buildV2()
	accept := r.Header.Get("Accept")
	switch {
	case (accepts(accept, ContentTypeV2Proto) || accepts(accept, ContentTypeV2ProtoAnswer)) && !prefersJSON(accept):
		// The answer is labeled with the dotted name: clients parse it with
		// mime.ParseMediaType, which rejects the "@" of the requested name.
		writeBody(w, r, ContentTypeV2ProtoAnswer, d.v2Proto, d.v2PbETag, "no-cache, private")
	case accepts(accept, contentTypeJSON):
		writeBody(w, r, contentTypeJSON, d.v2JSON, d.v2ETag, "no-cache, private")
	default:
		writeNotAcceptable(w, contentTypeJSON+", "+ContentTypeV2Proto)
	}
}

func (h *Handler) serveV3(w http.ResponseWriter, r *http.Request, key string) {
	d := h.current()
	d.buildV3()
	b, ok := d.v3[key]
	if !ok {
		writeStatus(w, http.StatusNotFound, apiobj.StatusReasonNotFound, "the server could not find the requested resource")
		return
	}
	if !accepts(r.Header.Get("Accept"), contentTypeJSON) {
		writeNotAcceptable(w, contentTypeJSON)
		return
	}
	hash := d.v3Hash[key]
	cache := "no-cache, private"
	if q := r.URL.Query().Get("hash"); q != "" {
		if q != hash {
			http.Redirect(w, r, "/openapi/v3/"+key+"?hash="+hash, http.StatusMovedPermanently)
			return
		}
		cache = "public, immutable"
	}
	writeBody(w, r, contentTypeJSON, b, `"`+hash+`"`, cache)
}

// mediaTypes splits an Accept header into media types (lower-cased, without
// parameters), leaving out those with q=0. It does not use mime.ParseMediaType,
// which rejects the "@" in the protobuf media type of OpenAPI v2.
func mediaTypes(accept string) []string {
	var out []string
	for _, part := range strings.Split(accept, ",") {
		fields := strings.Split(part, ";")
		t := strings.ToLower(strings.TrimSpace(fields[0]))
		if t == "" {
			continue
		}
		refused := false
		for _, f := range fields[1:] {
			k, v, _ := strings.Cut(strings.TrimSpace(f), "=")
			if strings.EqualFold(strings.TrimSpace(k), "q") {
				if q, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && q <= 0 {
					refused = true
				}
			}
		}
		if !refused {
			out = append(out, t)
		}
	}
	return out
}

// accepts reports whether the Accept header admits contentType.
func accepts(accept, contentType string) bool {
	if strings.TrimSpace(accept) == "" {
		return contentType == contentTypeJSON
	}
	major, _, _ := strings.Cut(contentType, "/")
	for _, t := range mediaTypes(accept) {
		if t == contentType || t == "*/*" || t == major+"/*" {
			return true
		}
	}
	return false
}

// prefersJSON reports whether JSON comes before protobuf in the Accept header.
func prefersJSON(accept string) bool {
	for _, t := range mediaTypes(accept) {
		switch t {
		case contentTypeJSON:
			return true
		case ContentTypeV2Proto, ContentTypeV2ProtoAnswer:
			return false
		}
	}
	return false
}

func writeBody(w http.ResponseWriter, r *http.Request, contentType string, body []byte, etag, cache string) {
	w.Header().Set("ETag", etag)
	w.Header().Set("Cache-Control", cache)
	w.Header().Set("Vary", "Accept")
	if match := r.Header.Get("If-None-Match"); match != "" {
		for _, t := range strings.Split(match, ",") {
			if t = strings.TrimSpace(t); t == "*" || strings.TrimPrefix(t, "W/") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

func writeNotAcceptable(w http.ResponseWriter, types string) {
	writeStatus(w, http.StatusNotAcceptable, apiobj.StatusReasonNotAcceptable, "only the following media types are accepted: "+types)
}

func writeStatus(w http.ResponseWriter, code int, reason apiobj.StatusReason, msg string) {
	st := apiobj.NewStatusError(int32(code), reason, msg).Status
	b := mustJSON(&st)
	w.Header().Set("Content-Type", contentTypeJSON)
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(code)
	_, _ = w.Write(b)
}

// Descriptions supplies the descriptions of Go types and their fields, by
// Go type name ("DeploymentSpec") and JSON field name ("replicas"). An empty
// answer leaves the description out.
type Descriptions interface {
	Type(typeName string) string
	Field(typeName, jsonField string) string
}

// DescriptionMap is a Descriptions held in maps: Types by type name, Fields
// by "TypeName.jsonField".
type DescriptionMap struct {
	Types  map[string]string
	Fields map[string]string
}

// Type implements Descriptions.
func (m DescriptionMap) Type(typeName string) string { return m.Types[typeName] }

// Field implements Descriptions. apiVersion, kind and metadata fall back to
// the descriptions every Kubernetes kind has.
func (m DescriptionMap) Field(typeName, jsonField string) string {
	if d := m.Fields[typeName+"."+jsonField]; d != "" {
		return d
	}
	switch jsonField {
	case "apiVersion":
		return descAPIVersion
	case "kind":
		return descKind
	case "metadata":
		if strings.HasSuffix(typeName, "List") {
			return "Standard list metadata."
		}
		return descMetadata
	}
	return ""
}

// Merge returns the descriptions of m with those of o added over them.
func (m DescriptionMap) Merge(o DescriptionMap) DescriptionMap {
	out := DescriptionMap{Types: maps.Clone(m.Types), Fields: maps.Clone(m.Fields)}
	if out.Types == nil {
		out.Types = map[string]string{}
	}
	if out.Fields == nil {
		out.Fields = map[string]string{}
	}
	maps.Copy(out.Types, o.Types)
	maps.Copy(out.Fields, o.Fields)
	return out
}

var _ http.Handler = (*Handler)(nil)
