package kubeconfig

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/internal/pki"
)

var ignoreDir = cmpopts.IgnoreUnexported(Config{})

type testPKI struct {
	ca      *pki.CA
	serving *pki.KeyPair
	admin   *pki.KeyPair
}

func newTestPKI(t *testing.T) *testPKI {
	t.Helper()
	ca, err := pki.NewCA("test-ca")
	require.NoError(t, err)
	serving, err := ca.IssueServing("apiserver", "127.0.0.1", "localhost")
	require.NoError(t, err)
	admin, err := ca.IssueClient("admin", "system:masters")
	require.NoError(t, err)
	return &testPKI{ca: ca, serving: serving, admin: admin}
}

func TestAdminConfigRoundTrip(t *testing.T) {
	t.Parallel()
	p := newTestPKI(t)
	cfg := NewAdminConfig("https://127.0.0.1:6443", p.ca.CertPEM, p.admin.CertPEM, p.admin.KeyPEM)
	data, err := cfg.Marshal()
	require.NoError(t, err)
	s := string(data)
	for _, want := range []string{"apiVersion: v1\n", "kind: Config\n", "preferences: {}\n", "current-context: orca-admin@orca\n",
		"    certificate-authority-data: ", "    client-certificate-data: ", "    client-key-data: ", "    server: https://127.0.0.1:6443\n"} {
		assert.Contains(t, s, want)
	}
	assert.NotContains(t, s, "BEGIN CERTIFICATE", "PEM is embedded base64-encoded")

	back, err := Parse(data)
	require.NoError(t, err)
	if diff := cmp.Diff(cfg, back, ignoreDir); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}

	path := filepath.Join(t.TempDir(), "admin.kubeconfig")
	require.NoError(t, Write(path, cfg))
	st, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm())
	loaded, err := Load(path)
	require.NoError(t, err)
	if diff := cmp.Diff(cfg, loaded, ignoreDir); diff != "" {
		t.Errorf("load (-want +got):\n%s", diff)
	}
	// Rewriting replaces the file and keeps the mode.
	cfg.Contexts[0].Context.Namespace = "dev"
	require.NoError(t, Write(path, cfg))
	loaded, err = Load(path)
	require.NoError(t, err)
	assert.Equal(t, "dev", loaded.Contexts[0].Context.Namespace)
	entries, err := os.ReadDir(filepath.Dir(path))
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary files left behind")
}

// kubectlStyle is a kubeconfig as kubectl and kubeadm write them, with keys
// this package does not model.
const kubectlStyle = `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: certs/ca.crt
    server: https://10.0.0.1:6443
    tls-server-name: kubernetes
    extensions:
    - name: client.authentication.k8s.io/exec
      extension: {audience: x}
  name: prod
- cluster:
    insecure-skip-tls-verify: true
    server: 127.0.0.1:8443
    proxy-url: http://proxy.example:3128
  name: lab
contexts:
- context:
    cluster: prod
    user: ops
    namespace: web
  name: ops@prod
- context:
    cluster: lab
    user: plugin
  name: plugin@lab
current-context: ops@prod
preferences: {}
users:
- name: ops
  user:
    client-certificate: certs/ops.crt
    client-key: certs/ops.key
    tokenFile: token
    as: someone
    as-groups: [a, b]
- name: plugin
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: get-token
      args: [--cluster, lab]
`

func TestParseKubectlStyle(t *testing.T) {
	t.Parallel()
	cfg, err := Parse([]byte(kubectlStyle))
	require.NoError(t, err)
	want := &Config{
		APIVersion: "v1", Kind: "Config",
		Clusters: []NamedCluster{
			{Name: "prod", Cluster: Cluster{CertificateAuthority: "certs/ca.crt", Server: "https://10.0.0.1:6443", TLSServerName: "kubernetes"}},
			{Name: "lab", Cluster: Cluster{InsecureSkipTLSVerify: true, Server: "127.0.0.1:8443", ProxyURL: "http://proxy.example:3128"}},
		},
		Contexts: []NamedContext{
			{Name: "ops@prod", Context: Context{Cluster: "prod", AuthInfo: "ops", Namespace: "web"}},
			{Name: "plugin@lab", Context: Context{Cluster: "lab", AuthInfo: "plugin"}},
		},
		CurrentContext: "ops@prod",
		Users: []NamedUser{
			{Name: "ops", User: AuthInfo{ClientCertificate: "certs/ops.crt", ClientKey: "certs/ops.key", TokenFile: "token",
				Impersonate: "someone", ImpersonateGroups: []string{"a", "b"}}},
			{Name: "plugin", User: AuthInfo{Exec: json.RawMessage(`{"apiVersion":"client.authentication.k8s.io/v1","args":["--cluster","lab"],"command":"get-token"}`)}},
		},
	}
	if diff := cmp.Diff(want, cfg, ignoreDir); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// The exec plugin survives a round trip.
	data, err := cfg.Marshal()
	require.NoError(t, err)
	back, err := Parse(data)
	require.NoError(t, err)
	assert.JSONEq(t, string(want.Users[1].User.Exec), string(back.Users[1].User.Exec))
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, wantErr string
	}{
		{"wrong kind", "apiVersion: v1\nkind: Pod\n", `kind is "Pod"`},
		{"wrong version", "apiVersion: v2\nkind: Config\n", `apiVersion is "v2"`},
		{"not YAML", "clusters: [\n", "kubeconfig:"},
		{"bad base64", "clusters:\n- name: x\n  cluster:\n    certificate-authority-data: '!!!'\n", "kubeconfig:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse([]byte(tt.in))
			require.ErrorContains(t, err, tt.wantErr)
		})
	}
	empty, err := Parse(nil)
	require.NoError(t, err, "an empty file is an empty config")
	assert.Empty(t, empty.Clusters)
	_, err = Load(filepath.Join(t.TempDir(), "missing"))
	require.ErrorIs(t, err, os.ErrNotExist)
}

// writeFiles writes name→content under dir, creating subdirectories.
func writeFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o700))
		require.NoError(t, os.WriteFile(p, data, 0o600))
	}
}

func TestRESTConfigRelativePaths(t *testing.T) {
	t.Parallel()
	p := newTestPKI(t)
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{
		"certs/ca.crt":  p.ca.CertPEM,
		"certs/ops.crt": p.admin.CertPEM,
		"certs/ops.key": p.admin.KeyPEM,
		"token":         []byte("  file-token\n"),
		"config":        []byte(kubectlStyle),
	})
	cfg, err := Load(filepath.Join(dir, "config"))
	require.NoError(t, err)
	rc, err := cfg.RESTConfig("")
	require.NoError(t, err)
	assert.Equal(t, "https://10.0.0.1:6443", rc.Host)
	assert.Equal(t, "web", rc.Namespace)
	assert.Equal(t, "file-token", rc.BearerToken)
	assert.Equal(t, "kubernetes", rc.TLS.ServerName)
	require.Len(t, rc.TLS.Certificates, 1)
	require.NotNil(t, rc.TLS.RootCAs)
	assert.Equal(t, "someone", rc.Impersonate)

	// A config parsed without a file resolves against the working
	// directory, where these files are not.
	parsed, err := Parse([]byte(kubectlStyle))
	require.NoError(t, err)
	_, err = parsed.RESTConfig("")
	require.ErrorIs(t, err, os.ErrNotExist)

	// ResolvePaths makes them absolute, so the config can move.
	require.NoError(t, cfg.ResolvePaths())
	assert.Equal(t, filepath.Join(dir, "certs/ca.crt"), cfg.Clusters[0].Cluster.CertificateAuthority)
	moved := filepath.Join(t.TempDir(), "moved")
	require.NoError(t, Write(moved, cfg))
	again, err := Load(moved)
	require.NoError(t, err)
	_, err = again.RESTConfig("ops@prod")
	require.NoError(t, err)
}

func TestRESTConfigErrors(t *testing.T) {
	t.Parallel()
	p := newTestPKI(t)
	base := func() *Config {
		return NewAdminConfig("https://127.0.0.1:6443", p.ca.CertPEM, p.admin.CertPEM, p.admin.KeyPEM)
	}
	tests := []struct {
		name    string
		mutate  func(*Config)
		context string
		wantErr string
		is      error
	}{
		{name: "no current context", mutate: func(c *Config) { c.CurrentContext = "" }, is: ErrNoContext},
		{name: "unknown context", context: "nope", is: ErrNoContext},
		{name: "missing cluster", mutate: func(c *Config) { c.Clusters = nil }, wantErr: `cluster "orca" of context "orca-admin@orca" not found`},
		{name: "missing user", mutate: func(c *Config) { c.Users = nil }, wantErr: `user "orca-admin" of context "orca-admin@orca" not found`},
		{name: "exec plugin", mutate: func(c *Config) { c.Users[0].User.Exec = json.RawMessage(`{}`) }, wantErr: "credential plugin"},
		{name: "cert without key", mutate: func(c *Config) { c.Users[0].User.ClientKeyData = nil }, wantErr: "client-key is not"},
		{name: "key without cert", mutate: func(c *Config) { c.Users[0].User.ClientCertificateData = nil }, wantErr: "client-certificate is not"},
		{name: "mismatched pair", mutate: func(c *Config) { c.Users[0].User.ClientKeyData = p.serving.KeyPEM }, wantErr: "client certificate and key"},
		{name: "CA and insecure", mutate: func(c *Config) { c.Clusters[0].Cluster.InsecureSkipTLSVerify = true }, wantErr: "insecure flag is not allowed"},
		{name: "CA not PEM", mutate: func(c *Config) { c.Clusters[0].Cluster.CertificateAuthorityData = []byte("nope") }, wantErr: "no PEM certificate"},
		{name: "no server", mutate: func(c *Config) { c.Clusters[0].Cluster.Server = "" }, wantErr: "has no server"},
		{name: "bad scheme", mutate: func(c *Config) { c.Clusters[0].Cluster.Server = "ftp://x" }, wantErr: "not an http or https URL"},
		{name: "missing token file", mutate: func(c *Config) { c.Users[0].User.TokenFile = "/nonexistent/token" }, is: os.ErrNotExist},
		{name: "missing CA file", mutate: func(c *Config) {
			c.Clusters[0].Cluster.CertificateAuthorityData = nil
			c.Clusters[0].Cluster.CertificateAuthority = "/nonexistent/ca.crt"
		}, is: os.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := base()
			if tt.mutate != nil {
				tt.mutate(c)
			}
			_, err := c.RESTConfig(tt.context)
			require.Error(t, err)
			if tt.is != nil {
				require.ErrorIs(t, err, tt.is)
			}
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
			}
		})
	}
}

func TestRESTConfigDefaults(t *testing.T) {
	t.Parallel()
	cfg := &Config{
		Clusters: []NamedCluster{{Name: "c", Cluster: Cluster{Server: "127.0.0.1:6443/", InsecureSkipTLSVerify: true}}},
		Users:    []NamedUser{{Name: "u", User: AuthInfo{Token: "inline", TokenFile: "/nonexistent", Username: "x", Password: "y"}}},
		Contexts: []NamedContext{{Name: "ctx", Context: Context{Cluster: "c", AuthInfo: "u"}}, {Name: "anon", Context: Context{Cluster: "c"}}},
	}
	rc, err := cfg.RESTConfig("ctx")
	require.NoError(t, err)
	assert.Equal(t, "https://127.0.0.1:6443", rc.Host, "host:port means https")
	assert.Equal(t, "inline", rc.BearerToken, "token wins over tokenFile")
	assert.True(t, rc.TLS.InsecureSkipVerify)
	assert.Nil(t, rc.TLS.RootCAs)
	rc, err = cfg.RESTConfig("anon")
	require.NoError(t, err, "a context without a user has no credentials")
	assert.Empty(t, rc.BearerToken)
}

// serve runs an HTTPS server with the API server's TLS settings that
// answers with what it saw of the caller.
func serve(t *testing.T, p *testPKI) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen := map[string]any{
			"path":          r.URL.Path,
			"authorization": r.Header.Get("Authorization"),
			"impersonate":   r.Header.Get("Impersonate-User"),
			"groups":        r.Header.Values("Impersonate-Group"),
		}
		if len(r.TLS.PeerCertificates) > 0 {
			seen["cn"] = r.TLS.PeerCertificates[0].Subject.CommonName
		}
		if r.URL.Path == "/healthz" {
			fmt.Fprintf(w, "ok cn=%v", seen["cn"])
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(seen)
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.TLS = pki.ServerTLSConfig(p.serving, p.ca.Pool())
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

func TestTransport(t *testing.T) {
	t.Parallel()
	p := newTestPKI(t)
	srv := serve(t, p)

	cfg := NewAdminConfig(srv.URL, p.ca.CertPEM, p.admin.CertPEM, p.admin.KeyPEM)
	cfg.Users[0].User.Token = "t0k"
	cfg.Users[0].User.Impersonate = "bob"
	cfg.Users[0].User.ImpersonateGroups = []string{"g1", "g2"}
	rc, err := cfg.RESTConfig("")
	require.NoError(t, err)
	client := rc.HTTPClient()
	client.Timeout = 10 * time.Second
	t.Cleanup(client.CloseIdleConnections)

	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, rc.Host+"/api", nil)
	require.NoError(t, err)
	resp, err := client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var seen map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&seen))
	assert.Equal(t, "admin", seen["cn"])
	assert.Equal(t, "Bearer t0k", seen["authorization"])
	assert.Equal(t, "bob", seen["impersonate"])
	assert.Equal(t, []any{"g1", "g2"}, seen["groups"])
	assert.Empty(t, req.Header.Get("Authorization"), "the caller's request is not changed")

	// A server certificate from another CA is refused.
	other := newTestPKI(t)
	bad := NewAdminConfig(srv.URL, other.ca.CertPEM, nil, nil)
	rc, err = bad.RESTConfig("")
	require.NoError(t, err)
	c := rc.HTTPClient()
	t.Cleanup(c.CloseIdleConnections)
	_, err = c.Get(rc.Host + "/api")
	require.ErrorContains(t, err, "certificate signed by unknown authority")
}

// kubectlPath returns kubectl's path, or skips the test saying so loudly.
func kubectlPath(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("kubectl")
	if err != nil {
		t.Skipf("SKIPPING: kubectl is not in PATH (%v); this test checks kubeconfig compatibility with the real kubectl", err)
	}
	return path
}

func runKubectl(t *testing.T, kubectl string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, kubectl, args...)
	home := t.TempDir()
	cmd.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "KUBECACHEDIR=" + filepath.Join(home, "cache")}
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "kubectl %s: %s", strings.Join(args, " "), out)
	return string(out)
}

// TestKubectlReadsWhatWeWrite has kubectl parse a written kubeconfig and
// print it back; the result must equal what was written.
func TestKubectlReadsWhatWeWrite(t *testing.T) {
	t.Parallel()
	kubectl := kubectlPath(t)
	p := newTestPKI(t)
	cfg := NewAdminConfig("https://127.0.0.1:6443", p.ca.CertPEM, p.admin.CertPEM, p.admin.KeyPEM)
	cfg.Clusters[0].Cluster.TLSServerName = "kubernetes"
	cfg.Contexts[0].Context.Namespace = "dev"
	cfg.Clusters = append(cfg.Clusters, NamedCluster{Name: "lab", Cluster: Cluster{Server: "https://10.1.2.3:443", InsecureSkipTLSVerify: true}})
	cfg.Users = append(cfg.Users, NamedUser{Name: "bot", User: AuthInfo{Token: "abc"}})
	cfg.Contexts = append(cfg.Contexts, NamedContext{Name: "bot@lab", Context: Context{Cluster: "lab", AuthInfo: "bot"}})
	path := filepath.Join(t.TempDir(), "admin.kubeconfig")
	require.NoError(t, Write(path, cfg))

	out := runKubectl(t, kubectl, "config", "view", "--kubeconfig", path, "-o", "json", "--raw")
	var got Config
	require.NoError(t, json.Unmarshal([]byte(out), &got), out)
	// kubectl prints clusters, users and contexts sorted by name.
	byName := []cmp.Option{
		cmpopts.SortSlices(func(a, b NamedCluster) bool { return a.Name < b.Name }),
		cmpopts.SortSlices(func(a, b NamedUser) bool { return a.Name < b.Name }),
		cmpopts.SortSlices(func(a, b NamedContext) bool { return a.Name < b.Name }),
	}
	if diff := cmp.Diff(cfg, &got, append(byName, ignoreDir, cmpopts.EquateEmpty())...); diff != "" {
		t.Errorf("kubectl config view (-written +kubectl):\n%s", diff)
	}
	assert.Equal(t, "orca-admin@orca\n", runKubectl(t, kubectl, "config", "current-context", "--kubeconfig", path))
}

// TestKubectlTalksWithAdminConfig points kubectl at an HTTPS server with the
// API server's TLS settings: kubectl must trust the embedded CA and present
// the embedded client certificate.
func TestKubectlTalksWithAdminConfig(t *testing.T) {
	t.Parallel()
	kubectl := kubectlPath(t)
	p := newTestPKI(t)
	srv := serve(t, p)
	path := filepath.Join(t.TempDir(), "admin.kubeconfig")
	require.NoError(t, Write(path, NewAdminConfig(srv.URL, p.ca.CertPEM, p.admin.CertPEM, p.admin.KeyPEM)))
	out := runKubectl(t, kubectl, "--kubeconfig", path, "get", "--raw", "/healthz")
	assert.Equal(t, "ok cn=admin", strings.TrimSpace(out))
}
