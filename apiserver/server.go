package apiserver

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"runtime/debug"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/apiserver/discovery"
	"github.com/orcaproj/orca/apiserver/openapi"
	"github.com/orcaproj/orca/apiserver/printers"
	"github.com/orcaproj/orca/apiserver/registry"
)

// Server is a Kubernetes-compatible API server over a store. It is an
// http.Handler (the in-process client transport calls it directly) and Run
// serves it on Config.Listen.
type Server struct {
	cfg      Config
	reg      *registry.Registry
	codec    *apiobj.Codec
	metrics  *metrics
	readOnly chan struct{} // in-flight semaphore, non-mutating
	mutating chan struct{} // in-flight semaphore, mutating
	handler  http.Handler
	ready    atomic.Bool
	port     int32
}

// New builds a Server. It does not touch the store until the first request
// or Run; call Bootstrap (Run does) to create the system namespaces and the
// kubernetes Service.
func New(cfg Config) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	reg, err := registry.New(registry.Config{
		Store: cfg.Store, Scheme: cfg.Scheme, Admission: cfg.Admission,
		ServiceCIDR: cfg.ServiceCIDR, NodePortRange: cfg.NodePortRange,
		EvictionChecker: cfg.EvictionChecker, CRSchemaValidator: cfg.CRSchemaValidator,
		DisableWatchCache: cfg.DisableWatchCache, BookmarkInterval: cfg.BookmarkInterval,
	})
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg:      cfg,
		reg:      reg,
		codec:    reg.Codec(),
		metrics:  newMetrics(),
		readOnly: make(chan struct{}, cfg.MaxRequestsInFlight),
		mutating: make(chan struct{}, cfg.MaxMutatingRequestsInFlight),
	}
	if _, port, err := net.SplitHostPort(cfg.Listen); err == nil {
		if p, err := strconv.Atoi(port); err == nil {
			s.port = int32(p)
		}
	}
	if s.cfg.Discovery == nil {
		s.cfg.Discovery = discovery.NewHandler(cfg.Scheme)
	}
	if s.cfg.OpenAPI == nil {
		s.cfg.OpenAPI = openapi.NewHandler(openapi.Config{Scheme: cfg.Scheme, CRDs: reg})
	}
	if s.cfg.TablePrinter == nil {
		s.cfg.TablePrinter = printers.New(printers.Config{Scheme: cfg.Scheme, CRDs: reg})
	}
	s.handler = s.buildChain()
	return s, nil
}

// Registry returns the server's storage layer, for embedding.
func (s *Server) Registry() *registry.Registry { return s.reg }

// Bootstrap creates the system namespaces and the kubernetes Service and
// loads custom resource definitions. It is idempotent; Run calls it.
func (s *Server) Bootstrap(ctx context.Context) error {
	if err := s.reg.Bootstrap(ctx, s.port); err != nil {
		return err
	}
	s.ready.Store(true)
	return nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Close stops the watch caches and ends every watch. Run calls it on return.
func (s *Server) Close() { s.reg.Close() }

// Run bootstraps, then serves on Config.Listen (HTTPS with Config.TLSConfig)
// until ctx is done. It returns after the listener and the server's
// goroutines have stopped.
func (s *Server) Run(ctx context.Context) error {
	defer s.Close()
	if err := s.Bootstrap(ctx); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return err
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx is done (Run without the listen). It does not
// bootstrap.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s,
		TLSConfig:         s.cfg.TLSConfig,
		ReadHeaderTimeout: 30 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() {
		if s.cfg.TLSConfig != nil {
			errc <- hs.ServeTLS(ln, "", "")
		} else {
			errc <- hs.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.ready.Store(false)
	s.reg.Close() // ends watches so Shutdown does not wait for them
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		_ = hs.Close()
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// ---- the handler chain ----

type ctxKey int

const (
	infoKey ctxKey = iota
)

func (s *Server) buildChain() http.Handler {
	mux := http.HandlerFunc(s.route)
	return s.withRecovery(s.withMetricsAndLimits(mux))
}

func (s *Server) withRecovery(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				writeError(w, r, apiobj.NewInternalError(fmt.Errorf("panic: %v\n%s", v, debug.Stack())))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// withMetricsAndLimits parses the request, bounds in-flight requests and
// request time, and records metrics.
func (s *Server) withMetricsAndLimits(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		info := parseRequestInfo(r)
		rw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		defer func() {
			s.metrics.observe(info, rw.code, time.Since(start))
		}()
		longRunning := info.verb == "watch" || isConnect(info)
		if !longRunning && info.resource {
			sem := s.readOnly
			if isMutating(info.verb) {
				sem = s.mutating
			}
			select {
			case sem <- struct{}{}:
				defer func() { <-sem }()
			default:
				rw.Header().Set("Retry-After", "1")
				writeError(rw, r, apiobj.NewTooManyRequests("Too many requests, please try again later.", 1))
				return
			}
			s.metrics.inflight.Inc()
			defer s.metrics.inflight.Dec()
			ctx, cancel := context.WithTimeout(r.Context(), s.cfg.RequestTimeout)
			defer cancel()
			r = r.WithContext(ctx)
		}
		r = r.WithContext(context.WithValue(r.Context(), infoKey, info))
		next.ServeHTTP(rw, r)
	})
}

func isMutating(verb string) bool {
	switch verb {
	case "get", "list", "watch":
		return false
	}
	return true
}

func isConnect(info requestInfo) bool {
	switch info.subresource {
	case "log", "exec", "attach", "portforward", "proxy":
		return true
	}
	return false
}

// statusWriter records the status code and passes Flush through.
type statusWriter struct {
	http.ResponseWriter
	code    int
	written bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.written {
		w.code = code
		w.written = true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.written = true
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func infoFrom(r *http.Request) requestInfo {
	info, _ := r.Context().Value(infoKey).(requestInfo)
	return info
}

// route dispatches non-resource paths, then authenticates, authorizes and
// serves resource requests.
func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	info := infoFrom(r)
	switch r.URL.Path {
	case "/healthz", "/livez", "/readyz":
		s.serveHealth(w, r)
		return
	case "/version", "/version/":
		s.serveVersion(w, r)
		return
	}
	if len(r.URL.Path) > 8 && (r.URL.Path[:9] == "/healthz/" || r.URL.Path[:8] == "/livez/" || r.URL.Path[:8] == "/readyz/") {
		s.serveHealth(w, r)
		return
	}
	user, err := s.authenticate(r)
	if err != nil {
		writeError(w, r, err)
		return
	}
	r = r.WithContext(auth.WithUser(r.Context(), user))
	if err := s.authorize(r.Context(), user, info, r); err != nil {
		writeError(w, r, err)
		return
	}
	switch {
	case r.URL.Path == "/metrics":
		s.metrics.handler().ServeHTTP(w, r)
	case len(r.URL.Path) >= 8 && r.URL.Path[:8] == "/openapi":
		s.cfg.OpenAPI.ServeHTTP(w, r)
	case info.discovery:
		s.cfg.Discovery.ServeHTTP(w, r)
	case info.resource:
		s.serveResource(w, r, info)
	default:
		writeError(w, r, apiobj.NewStatusError(http.StatusNotFound, apiobj.StatusReasonNotFound, "the server could not find the requested resource"))
	}
}

// Admin is the identity used when Config.Authenticator is nil.
var Admin = &auth.User{Name: "system:admin", Groups: []string{auth.GroupMasters, auth.GroupAuthenticated}}

func (s *Server) authenticate(r *http.Request) (*auth.User, error) {
	if u, ok := auth.UserFrom(r.Context()); ok {
		return u, nil
	}
	if s.cfg.Authenticator == nil {
		return Admin, nil
	}
	u, ok, err := s.cfg.Authenticator.AuthenticateRequest(r)
	if err != nil || !ok || u == nil {
		return nil, apiobj.NewStatusError(http.StatusUnauthorized, apiobj.StatusReasonUnauthorized, "Unauthorized")
	}
	return u, nil
}

func (s *Server) authorize(ctx context.Context, u *auth.User, info requestInfo, r *http.Request) error {
	if s.cfg.Authorizer == nil {
		return nil
	}
	a := auth.Attributes{User: u, Verb: info.verb, ResourceRequest: info.resource, Namespace: info.namespace,
		APIGroup: info.gv.Group, APIVersion: info.gv.Version, Resource: info.res, Subresource: info.subresource,
		Name: info.name, Path: r.URL.Path}
	if !info.resource {
		a.Verb = lowerMethod(r.Method)
	}
	d, reason, err := s.cfg.Authorizer.Authorize(ctx, a)
	if err != nil && d != auth.DecisionAllow {
		return apiobj.NewInternalError(err)
	}
	if d == auth.DecisionAllow {
		return nil
	}
	return forbidden(a, reason)
}

func lowerMethod(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead:
		return "get"
	case http.MethodPost:
		return "post"
	case http.MethodPut:
		return "put"
	case http.MethodPatch:
		return "patch"
	case http.MethodDelete:
		return "delete"
	}
	return m
}

// forbidden builds Kubernetes' 403 message.
func forbidden(a auth.Attributes, reason string) error {
	if !a.ResourceRequest {
		msg := fmt.Sprintf("forbidden: User %q cannot %s path %q", a.User.Name, a.Verb, a.Path)
		if reason != "" {
			msg += ": " + reason
		}
		e := apiobj.NewStatusError(http.StatusForbidden, apiobj.StatusReasonForbidden, msg)
		e.Status.Details = &apiobj.StatusDetails{}
		return e
	}
	res := a.Resource
	if a.Subresource != "" {
		res += "/" + a.Subresource
	}
	scope := "at the cluster scope"
	if a.Namespace != "" {
		scope = fmt.Sprintf("in the namespace %q", a.Namespace)
	}
	why := fmt.Sprintf("User %q cannot %s resource %q in API group %q %s", a.User.Name, a.Verb, res, a.APIGroup, scope)
	if reason != "" {
		why += ": " + reason
	}
	return apiobj.NewForbidden(apiobj.GroupResource{Group: a.APIGroup, Resource: a.Resource}, a.Name, errors.New(why))
}
