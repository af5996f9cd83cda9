// Package apiserver is orca's Kubernetes-compatible REST API server: the
// cluster's front door and the only writer to the store.
//
// New(Config) returns a Server, which is an http.Handler (the in-process
// client transport calls it directly, without a socket) and has Run(ctx),
// which serves it on Config.Listen with Config.TLSConfig.
//
// A request runs: panic recovery, metrics, in-flight limits (429 with
// Retry-After) and the request timeout (watches excepted), authentication
// (Config.Authenticator; nil means everyone is system:admin in
// system:masters, for embedding and tests; a request whose context carries
// an auth.User keeps it), authorization (Config.Authorizer; nil allows
// all), then the resource handler, which decodes the body (3 MiB at most,
// JSON or YAML, fieldValidation Strict, Warn or Ignore) and calls the
// registry (package registry): defaulting, mutating admission, validation,
// validating admission, storage. Watches and lists come from the
// per-resource watch caches (package watchcache).
//
// Paths, verbs, query parameters, status codes and Status errors follow
// Kubernetes: /api/v1/... and /apis/{group}/{version}/..., namespaced and
// cluster-scoped, all-namespace lists, subresources (status, scale, binding,
// eviction, namespaces/finalize; log, exec, attach, portforward and proxy go
// to Config.Connector), ?watch=1, labelSelector, fieldSelector, limit,
// continue, resourceVersion(Match), sendInitialEvents, allowWatchBookmarks,
// timeoutSeconds, dryRun, propagationPolicy, gracePeriodSeconds. Responses
// are JSON, YAML, meta.k8s.io Tables (Config.TablePrinter) or
// PartialObjectMetadata, as the Accept header asks. /healthz, /livez,
// /readyz, /version and /metrics (a Prometheus registry owned by the Server)
// are served too, and discovery and OpenAPI through Config.Discovery and
// Config.OpenAPI (a minimal built-in discovery serves when nil).
//
// Every error is a Status built by apiobj.StatusFromError, the one mapping
// from errdefs sentinels to HTTP codes and reasons.
package apiserver
