package apiserver

import (
	"net/http"
	"strings"

	"github.com/orcaproj/orca/apiobj"
)

// requestInfo is what a request path and method say.
type requestInfo struct {
	// resource is false for non-resource paths (/healthz, /version, /apis).
	resource    bool
	verb        string
	gv          apiobj.GroupVersion
	namespace   string
	res         string
	name        string
	subresource string
	// subpath is what follows the subresource (proxy).
	subpath string
	// discovery is set for /api, /apis, /api/v1, /apis/g, /apis/g/v.
	discovery bool
}

// namespaceSubresources are subresources of the namespace object itself.
var namespaceSubresources = map[string]bool{"status": true, "finalize": true}

// parseRequestInfo reads a Kubernetes API path.
func parseRequestInfo(r *http.Request) requestInfo {
	var info requestInfo
	path := strings.Trim(r.URL.Path, "/")
	parts := strings.Split(path, "/")
	if path == "" {
		return info
	}
	switch parts[0] {
	case "api":
		if len(parts) < 2 {
			info.discovery = true
			return info
		}
		info.gv = apiobj.GroupVersion{Version: parts[1]}
		parts = parts[2:]
	case "apis":
		if len(parts) < 3 {
			info.discovery = true
			return info
		}
		info.gv = apiobj.GroupVersion{Group: parts[1], Version: parts[2]}
		parts = parts[3:]
	default:
		return info
	}
	if len(parts) == 0 {
		info.discovery = true
		return info
	}
	info.resource = true
	watchPath := false
	if parts[0] == "watch" {
		watchPath = true
		parts = parts[1:]
		if len(parts) == 0 {
			info.resource = false
			return info
		}
	}
	if parts[0] == "namespaces" && len(parts) > 1 {
		info.namespace = parts[1]
		if len(parts) > 2 && !namespaceSubresources[parts[2]] {
			parts = parts[2:]
		} else {
			// The namespace object itself.
			info.namespace = ""
			info.res = "namespaces"
			info.name = parts[1]
			if len(parts) > 2 {
				info.subresource = parts[2]
			}
			info.verb = verbFor(r, info, watchPath)
			info.namespace = info.name
			return info
		}
	}
	info.res = parts[0]
	if len(parts) > 1 {
		info.name = parts[1]
	}
	if len(parts) > 2 {
		info.subresource = parts[2]
	}
	if len(parts) > 3 {
		info.subpath = strings.Join(parts[3:], "/")
	}
	info.verb = verbFor(r, info, watchPath)
	return info
}

func isWatchParam(r *http.Request) bool {
	v := r.URL.Query().Get("watch")
	return v == "1" || v == "true"
}

func verbFor(r *http.Request, info requestInfo, watchPath bool) string {
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		switch {
		case watchPath || isWatchParam(r):
			return "watch"
		case info.name == "":
			return "list"
		}
		return "get"
	case http.MethodPost:
		return "create"
	case http.MethodPut:
		return "update"
	case http.MethodPatch:
		return "patch"
	case http.MethodDelete:
		if info.name == "" {
			return "deletecollection"
		}
		return "delete"
	}
	return strings.ToLower(r.Method)
}
