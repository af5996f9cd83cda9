package registry

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	kjson "sigs.k8s.io/json"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/field"
	"github.com/orcaproj/orca/apiserver/admission"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store"
)

// Admission is the admission chain the registry runs on every write:
// Admit (mutating) after defaulting, Validate after the object's own
// validation. admission.Chain implements it.
type Admission interface {
	Admit(ctx context.Context, a *admission.Attributes) error
	Validate(ctx context.Context, a *admission.Attributes) error
}

// EvictionChecker decides whether a pod may be evicted (pods/eviction). The
// disruption controller's PodDisruptionBudget check plugs in here; a nil
// checker allows every eviction. Returning an error wrapping
// errdefs.ErrTooManyRequests refuses the eviction with 429, as Kubernetes
// does for a budget that allows no disruption.
type EvictionChecker interface {
	CheckEviction(ctx context.Context, pod *apiobj.Pod, ev *apiobj.Eviction) error
}

// CRSchemaValidator validates custom objects against the openAPIV3Schema of
// their CustomResourceDefinition version. old is nil on create. A nil
// validator accepts every custom object.
type CRSchemaValidator interface {
	ValidateCustomResource(schema *apiobj.JSONSchemaProps, obj, old *apiobj.Unstructured) field.ErrorList
}

// CRSchemaDefaulter is an optional ability of a CRSchemaValidator, found by
// type assertion: it prunes fields the schema does not specify and applies
// the schema's defaults before validation, returning the pruned paths.
type CRSchemaDefaulter interface {
	PruneAndDefault(schema *apiobj.JSONSchemaProps, obj *apiobj.Unstructured) []string
}

// Config configures a Registry. Zero values are documented defaults.
type Config struct {
	// Store holds every object. Required.
	Store store.Interface
	// Scheme knows the kinds served. Required. CustomResourceDefinitions add
	// and remove kinds in it at run time.
	Scheme *apiobj.Scheme
	// Admission nil admits everything.
	Admission Admission
	// ServiceCIDR is where Service clusterIPs come from; "" means 10.96.0.0/12.
	ServiceCIDR string
	// NodePortRange is "lo-hi"; "" means 30000-32767.
	NodePortRange string
	// EvictionChecker nil allows every eviction.
	EvictionChecker EvictionChecker
	// CRSchemaValidator nil skips schema validation of custom objects.
	CRSchemaValidator CRSchemaValidator
	// Now nil means time.Now.
	Now func() time.Time
	// DisableWatchCache serves every read from the store. Watches always
	// use the per-resource watch caches, which start on first use; Close
	// stops them.
	DisableWatchCache bool
	// BookmarkInterval is how often watchers that allow bookmarks get one;
	// 0 means 30 seconds.
	BookmarkInterval time.Duration
}

// Default values.
const (
	DefaultServiceCIDR   = "10.96.0.0/12"
	DefaultNodePortRange = "30000-32767"
)

// Validate checks the config.
func (c *Config) Validate() error {
	if c.Store == nil {
		return errors.New("registry: Config.Store is required")
	}
	if c.Scheme == nil {
		return errors.New("registry: Config.Scheme is required")
	}
	if c.ServiceCIDR != "" {
		if _, err := parseIPRange(c.ServiceCIDR); err != nil {
			return fmt.Errorf("registry: %w", err)
		}
	}
	if c.NodePortRange != "" {
		if _, _, err := parsePortRange(c.NodePortRange); err != nil {
			return fmt.Errorf("registry: %w", err)
		}
	}
	return nil
}

func parsePortRange(s string) (uint32, uint32, error) {
	a, b, ok := strings.Cut(s, "-")
	lo, err1 := strconv.ParseUint(strings.TrimSpace(a), 10, 16)
	hi, err2 := strconv.ParseUint(strings.TrimSpace(b), 10, 16)
	if !ok || err1 != nil || err2 != nil || lo == 0 || lo > hi {
		return 0, 0, fmt.Errorf("node port range %q is not lo-hi", s)
	}
	return uint32(lo), uint32(hi), nil
}

// Registry is the generic storage of every kind in a Scheme: it turns API
// verbs into store operations with Kubernetes' semantics (defaulting,
// admission, validation, resourceVersion, generation, finalizers, graceful
// deletion, subresources, allocation).
//
// Storage keys are /registry/<group>/<resource>/<namespace>/<name>, with the
// core group written "core"; cluster-scoped kinds omit the namespace. The
// value is the object's JSON without metadata.resourceVersion, which is the
// key's ModRevision as a decimal string on every read.
//
// Objects passed in are owned by the registry from then on; objects returned
// are the caller's. All methods are safe for concurrent use.
type Registry struct {
	cfg      Config
	store    store.Interface
	scheme   *apiobj.Scheme
	codec    *apiobj.Codec
	now      func() time.Time
	ips      ipRange
	ipAlloc  *allocator
	portLo   uint32
	portHi   uint32
	portsAll *allocator

	mu   sync.Mutex // guards crds
	crds map[apiobj.GroupVersionKind]*crdVersion
	// reader serves Get and List: the watch caches, or the store.
	reader Reader

	cmu    sync.Mutex // guards caches and closed
	caches map[apiobj.GroupVersionResource]cacheEntry
	closed bool
}

// Reader serves reads: the watch caches by default, the store with
// Config.DisableWatchCache.
type Reader interface {
	// GetObject returns the object at key.
	GetObject(ctx context.Context, res *Resource, key string, opts GetOptions) (apiobj.Object, error)
	// ListObjects lists prefix with opts.
	ListObjects(ctx context.Context, res *Resource, prefix string, opts ListOptions) ([]apiobj.Object, ListMeta, error)
}

// ListMeta is what a list says about itself.
type ListMeta struct {
	ResourceVersion    string
	Continue           string
	RemainingItemCount *int64
}

type crdVersion struct {
	crd     *apiobj.CustomResourceDefinition
	version *apiobj.CustomResourceDefinitionVersion
}

// New returns a Registry. It does not touch the store; call Bootstrap to
// create the system namespaces and the kubernetes Service.
func New(cfg Config) (*Registry, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.ServiceCIDR == "" {
		cfg.ServiceCIDR = DefaultServiceCIDR
	}
	if cfg.NodePortRange == "" {
		cfg.NodePortRange = DefaultNodePortRange
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	ips, _ := parseIPRange(cfg.ServiceCIDR)
	lo, hi, _ := parsePortRange(cfg.NodePortRange)
	ipLo, ipHi := ips.bounds()
	r := &Registry{
		cfg:    cfg,
		store:  cfg.Store,
		scheme: cfg.Scheme,
		codec:  apiobj.NewCodec(cfg.Scheme),
		now:    cfg.Now,
		ips:    ips,
		ipAlloc: &allocator{store: cfg.Store, key: serviceIPRangeKey, rng: ips.prefix.String(),
			lo: ipLo, hi: ipHi},
		portLo: lo,
		portHi: hi,
		portsAll: &allocator{store: cfg.Store, key: nodePortRangeKey, rng: cfg.NodePortRange,
			lo: lo, hi: hi},
		crds: map[apiobj.GroupVersionKind]*crdVersion{},
	}
	r.caches = map[apiobj.GroupVersionResource]cacheEntry{}
	r.reader = cacheReader{r}
	if cfg.DisableWatchCache {
		r.reader = storeReader{r}
	}
	return r, nil
}

// Store returns the registry's store.
func (r *Registry) Store() store.Interface { return r.store }

// Scheme returns the registry's scheme.
func (r *Registry) Scheme() *apiobj.Scheme { return r.scheme }

// Codec returns the registry's codec.
func (r *Registry) Codec() *apiobj.Codec { return r.codec }

// Resource is one served resource: a kind at a REST path. It is cheap and
// immutable; look it up for each request, as kinds come and go.
type Resource struct {
	Info   *apiobj.KindInfo
	GVR    apiobj.GroupVersionResource
	Prefix string // storage prefix, ending in "/"
	reg    *Registry
}

// GroupResource is the resource's group and plural name, as errors show it.
func (res *Resource) GroupResource() apiobj.GroupResource { return res.GVR.GroupResource() }

// Resource returns the resource served at gvr, or a NotFound error.
func (r *Registry) Resource(gvr apiobj.GroupVersionResource) (*Resource, error) {
	info, ok := r.scheme.KindForResource(gvr)
	if !ok || info.Resource == "" {
		return nil, fmt.Errorf("the server could not find the requested resource (%s): %w", gvr, errdefs.ErrNotFound)
	}
	return &Resource{Info: info, GVR: gvr, Prefix: PrefixFor(gvr.GroupResource()), reg: r}, nil
}

// PrefixFor is the storage prefix of every object of gr.
func PrefixFor(gr apiobj.GroupResource) string {
	g := gr.Group
	if g == "" {
		g = "core"
	}
	return "/registry/" + g + "/" + gr.Resource + "/"
}

// Key is the storage key of one object.
func (res *Resource) Key(ns, name string) string {
	if res.Info.Namespaced {
		return res.Prefix + ns + "/" + name
	}
	return res.Prefix + name
}

// ListPrefix is the storage prefix of a list in ns ("" means all namespaces).
func (res *Resource) ListPrefix(ns string) string {
	if res.Info.Namespaced && ns != "" {
		return res.Prefix + ns + "/"
	}
	return res.Prefix
}

// NewObject returns an empty object of the resource's kind.
func (res *Resource) NewObject() apiobj.Object {
	if res.Info.New == nil {
		return apiobj.NewUnstructured(res.Info.GroupVersionKind)
	}
	return res.Info.New()
}

// Decode turns a stored value into an object with its resourceVersion set.
func (res *Resource) Decode(kv store.KeyValue) (apiobj.Object, error) {
	return res.DecodeBytes(kv.Value, kv.ModRevision)
}

// DecodeBytes decodes a stored value written at rev.
func (res *Resource) DecodeBytes(b []byte, rev int64) (apiobj.Object, error) {
	var obj apiobj.Object
	if res.Info.New == nil {
		u := &apiobj.Unstructured{}
		if err := u.UnmarshalJSON(b); err != nil {
			return nil, fmt.Errorf("decoding stored %s: %v: %w", res.GVR.GroupResource(), err, errdefs.ErrInternal)
		}
		obj = u
	} else {
		obj = res.Info.New()
		if err := kjson.UnmarshalCaseSensitivePreserveInts(b, obj); err != nil {
			return nil, fmt.Errorf("decoding stored %s: %v: %w", res.GVR.GroupResource(), err, errdefs.ErrInternal)
		}
	}
	obj.SetGroupVersionKind(res.Info.GroupVersionKind)
	obj.SetResourceVersion(strconv.FormatInt(rev, 10))
	return obj, nil
}

// encode returns the stored form of obj (without resourceVersion). obj is
// changed: its resourceVersion is cleared.
func (res *Resource) encode(obj apiobj.Object) ([]byte, error) {
	obj.SetResourceVersion("")
	obj.SetGroupVersionKind(res.Info.GroupVersionKind)
	return res.reg.codec.Encode(obj)
}

// storeReader reads straight from the store.
type storeReader struct{ r *Registry }

func (s storeReader) GetObject(ctx context.Context, res *Resource, key string, _ GetOptions) (apiobj.Object, error) {
	kv, err := s.r.store.Get(ctx, key)
	if err != nil {
		return nil, err
	}
	return res.Decode(kv)
}

func (s storeReader) ListObjects(ctx context.Context, res *Resource, prefix string, opts ListOptions) ([]apiobj.Object, ListMeta, error) {
	return s.r.listFromStore(ctx, res, prefix, opts)
}

// newUID returns a random RFC 4122 version 4 UUID.
func newUID() apiobj.UID {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return apiobj.UID(h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32])
}

const nameAlphabet = "bcdfghjklmnpqrstvwxz2456789"

// generateName appends 5 random characters to prefix, as Kubernetes does.
func generateName(prefix string) string {
	const maxPrefix = 63 - 5
	if len(prefix) > maxPrefix {
		prefix = prefix[:maxPrefix]
	}
	var b [5]byte
	_, _ = rand.Read(b[:])
	out := []byte(prefix)
	for _, c := range b {
		out = append(out, nameAlphabet[int(c)%len(nameAlphabet)])
	}
	return string(out)
}

func userFrom(ctx context.Context) *auth.User {
	u, _ := auth.UserFrom(ctx)
	return u
}

func (r *Registry) admit(ctx context.Context, a *admission.Attributes) error {
	if r.cfg.Admission == nil {
		return nil
	}
	return r.cfg.Admission.Admit(ctx, a)
}

func (r *Registry) admitValidate(ctx context.Context, a *admission.Attributes) error {
	if r.cfg.Admission == nil {
		return nil
	}
	return r.cfg.Admission.Validate(ctx, a)
}

// notFound maps a store NotFound to the Kubernetes message.
func (res *Resource) notFound(err error, name string) error {
	if errdefs.IsNotFound(err) {
		return apiobj.NewNotFound(res.GroupResource(), name)
	}
	return err
}

// conflictMsg is Kubernetes' message for a stale resourceVersion.
const conflictMsg = "the object has been modified; please apply your changes to the latest version and try again"

func (res *Resource) conflict(name string) error {
	return apiobj.NewConflict(res.GroupResource(), name, errors.New(conflictMsg))
}

func (res *Resource) invalid(name string, errs field.ErrorList) error {
	return apiobj.NewInvalid(res.Info.GroupVersionKind.GroupKind(), name, errs)
}

func (r *Registry) nowTime() apiobj.Time { return apiobj.NewTime(r.now()) }

func parseRV(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v < 0 {
		return 0, apiobj.NewBadRequest(fmt.Sprintf("invalid resource version %q", s))
	}
	return v, nil
}
