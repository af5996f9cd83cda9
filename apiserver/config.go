package apiserver

import (
	"crypto/tls"
	"errors"
	"net/http"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/apiserver/printers"
	"github.com/orcaproj/orca/apiserver/registry"
	"github.com/orcaproj/orca/store"
)

// TablePrinter turns objects into meta.k8s.io/v1 Tables (kubectl's
// server-side printing). *printers.Printer implements it.
type TablePrinter interface {
	// ToTable returns the table for obj, a single object or a list.
	ToTable(obj apiobj.Typed, opts printers.TableOptions) (*printers.Table, error)
}

// Connector serves the connect subresources of pods and nodes (log, exec,
// attach, portforward, proxy) by proxying to the node agent. The node agent
// issue provides it; without one they answer 503.
type Connector interface {
	Connect(w http.ResponseWriter, r *http.Request, req ConnectRequest)
}

// ConnectRequest names the object and subresource of a connect request.
type ConnectRequest struct {
	Resource    apiobj.GroupVersionResource
	Namespace   string
	Name        string
	Subresource string
	// Path is what follows the subresource (proxy paths).
	Path string
}

// Config configures a Server. Zero values are the documented defaults.
type Config struct {
	// Store holds every object. Required.
	Store store.Interface
	// Scheme knows the served kinds; nil means apiobj.NewScheme().
	// Custom resource definitions add kinds to it at run time.
	Scheme *apiobj.Scheme
	// Authenticator nil treats every request as the user "system:admin" in
	// the group system:masters (for embedding and tests). Requests whose
	// context already carries an auth.User (the in-process transport) use
	// that user.
	Authenticator auth.Authenticator
	// Authorizer nil allows everything.
	Authorizer auth.Authorizer
	// Admission nil admits everything; admission.Chain implements it.
	Admission registry.Admission
	// ServiceCIDR "" means 10.96.0.0/12; NodePortRange "" means 30000-32767.
	ServiceCIDR   string
	NodePortRange string
	// Listen is the address Run serves on; "" means 127.0.0.1:6443.
	Listen string
	// TLSConfig, when set, makes Run serve HTTPS with it (it must carry a
	// certificate). nil serves plain HTTP, for tests only.
	TLSConfig *tls.Config
	// MaxRequestsInFlight bounds concurrent non-mutating requests (0: 400)
	// and MaxMutatingRequestsInFlight mutating ones (0: 200); watches are
	// not counted. Past the bound a request gets 429 with Retry-After.
	MaxRequestsInFlight         int
	MaxMutatingRequestsInFlight int
	// RequestTimeout bounds every request but watches; 0 means 60 seconds.
	RequestTimeout time.Duration
	// MinWatchTimeout: a watch without timeoutSeconds ends after a random
	// time between MinWatchTimeout and twice that; 0 means 30 minutes.
	MinWatchTimeout time.Duration
	// MaxBodyBytes bounds request bodies; 0 means 3 MiB (413 above).
	MaxBodyBytes int64
	// BookmarkInterval is how often watches that allow bookmarks get one;
	// 0 means 30 seconds.
	BookmarkInterval time.Duration
	// TablePrinter nil means printers.New over the Scheme and the served
	// custom resource definitions.
	TablePrinter TablePrinter
	// Discovery serves /api, /apis and their group and version documents;
	// nil means discovery.NewHandler over the Scheme. OpenAPI serves
	// /openapi/...; nil means openapi.NewHandler over the Scheme and the
	// custom resource definitions.
	Discovery http.Handler
	OpenAPI   http.Handler
	// Connector nil answers connect subresources with 503.
	Connector Connector
	// EvictionChecker enforces PodDisruptionBudgets on pods/eviction; nil
	// allows every eviction.
	EvictionChecker registry.EvictionChecker
	// CRSchemaValidator validates custom objects; nil skips it.
	CRSchemaValidator registry.CRSchemaValidator
	// DisableWatchCache serves gets and lists from the store.
	DisableWatchCache bool
}

// Defaults.
const (
	DefaultListen                      = "127.0.0.1:6443"
	DefaultMaxRequestsInFlight         = 400
	DefaultMaxMutatingRequestsInFlight = 200
	DefaultRequestTimeout              = 60 * time.Second
	DefaultMinWatchTimeout             = 30 * time.Minute
	DefaultMaxBodyBytes                = 3 << 20
)

// Validate checks the config.
func (c *Config) Validate() error {
	if c.Store == nil {
		return errors.New("apiserver: Config.Store is required")
	}
	if c.MaxRequestsInFlight < 0 || c.MaxMutatingRequestsInFlight < 0 || c.RequestTimeout < 0 ||
		c.MinWatchTimeout < 0 || c.MaxBodyBytes < 0 || c.BookmarkInterval < 0 {
		return errors.New("apiserver: limits and timeouts must not be negative")
	}
	rc := registry.Config{Store: c.Store, Scheme: apiobj.NewEmptyScheme(), ServiceCIDR: c.ServiceCIDR, NodePortRange: c.NodePortRange}
	return rc.Validate()
}

func (c *Config) withDefaults() Config {
	out := *c
	if out.Scheme == nil {
		out.Scheme = apiobj.NewScheme()
	}
	if out.Listen == "" {
		out.Listen = DefaultListen
	}
	if out.MaxRequestsInFlight == 0 {
		out.MaxRequestsInFlight = DefaultMaxRequestsInFlight
	}
	if out.MaxMutatingRequestsInFlight == 0 {
		out.MaxMutatingRequestsInFlight = DefaultMaxMutatingRequestsInFlight
	}
	if out.RequestTimeout == 0 {
		out.RequestTimeout = DefaultRequestTimeout
	}
	if out.MinWatchTimeout == 0 {
		out.MinWatchTimeout = DefaultMinWatchTimeout
	}
	if out.MaxBodyBytes == 0 {
		out.MaxBodyBytes = DefaultMaxBodyBytes
	}
	return out
}
