package apiserver

import (
	"encoding/json"
	"fmt"
	"net/http"
	"runtime"
	"strings"
)

// Version is what /version reports: Kubernetes 1.32, as kubectl v1.32
// expects of its server.
var Version = VersionInfo{
	Major:      "1",
	Minor:      "32",
	GitVersion: "v1.32.0-orca",
	GitCommit:  "",
	BuildDate:  "1970-01-01T00:00:00Z",
	GoVersion:  runtime.Version(),
	Compiler:   runtime.Compiler,
	Platform:   runtime.GOOS + "/" + runtime.GOARCH,
}

// VersionInfo is Kubernetes' version.Info.
type VersionInfo struct {
	Major        string `json:"major"`
	Minor        string `json:"minor"`
	GitVersion   string `json:"gitVersion"`
	GitCommit    string `json:"gitCommit"`
	GitTreeState string `json:"gitTreeState"`
	BuildDate    string `json:"buildDate"`
	GoVersion    string `json:"goVersion"`
	Compiler     string `json:"compiler"`
	Platform     string `json:"platform"`
}

func (s *Server) serveVersion(w http.ResponseWriter, r *http.Request) {
	b, _ := json.MarshalIndent(Version, "", "  ")
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(b)
}

// serveHealth answers /healthz, /livez and /readyz, with ?verbose and
// /<endpoint>/<check> as Kubernetes does.
func (s *Server) serveHealth(w http.ResponseWriter, r *http.Request) {
	path := strings.Trim(r.URL.Path, "/")
	endpoint, check, _ := strings.Cut(path, "/")
	type result struct {
		name string
		err  error
	}
	checks := []result{{name: "ping"}, {name: "etcd", err: s.storeHealthy(r)}}
	if endpoint == "readyz" {
		var err error
		if !s.ready.Load() {
			err = fmt.Errorf("not bootstrapped")
		}
		checks = append(checks, result{name: "poststarthook/bootstrap-controller", err: err})
	}
	if check != "" {
		for _, c := range checks {
			if c.name == check {
				checks = []result{c}
				break
			}
		}
	}
	failed := false
	var sb strings.Builder
	for _, c := range checks {
		if c.err != nil {
			failed = true
			fmt.Fprintf(&sb, "[-]%s failed: reason withheld\n", c.name)
		} else {
			fmt.Fprintf(&sb, "[+]%s ok\n", c.name)
		}
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if failed {
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, "%s%s check failed\n", sb.String(), endpoint)
		return
	}
	if _, verbose := r.URL.Query()["verbose"]; verbose {
		fmt.Fprintf(w, "%s%s check passed\n", sb.String(), endpoint)
		return
	}
	_, _ = w.Write([]byte("ok"))
}

func (s *Server) storeHealthy(r *http.Request) error {
	_, err := s.cfg.Store.CurrentRevision(r.Context())
	return err
}
