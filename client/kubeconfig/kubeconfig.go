package kubeconfig

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"sigs.k8s.io/yaml"
)

// Config is a kubeconfig file: named clusters, users and contexts, and the
// current context. Field names and JSON/YAML keys are kubectl's (its
// clientcmd v1 types). Unknown keys are ignored when reading; the exec and
// auth-provider user settings are kept as raw JSON so that they survive a
// round trip, but RESTConfig refuses them.
type Config struct {
	// APIVersion is "v1" and Kind "Config"; Write fills them when empty.
	APIVersion     string         `json:"apiVersion,omitempty"`
	Kind           string         `json:"kind,omitempty"`
	Preferences    Preferences    `json:"preferences"`
	Clusters       []NamedCluster `json:"clusters"`
	Users          []NamedUser    `json:"users"`
	Contexts       []NamedContext `json:"contexts"`
	CurrentContext string         `json:"current-context"`

	// dir is the directory of the file the config was loaded from; relative
	// file paths in it are relative to this directory. Empty for a config
	// built in memory: then they are relative to the working directory.
	dir string
}

// Preferences are kubectl's display preferences.
type Preferences struct {
	Colors bool `json:"colors,omitempty"`
}

// NamedCluster is a cluster with its name.
type NamedCluster struct {
	Name    string  `json:"name"`
	Cluster Cluster `json:"cluster"`
}

// Cluster is how to reach an API server.
type Cluster struct {
	// Server is the API server's URL, https://host:port.
	Server string `json:"server"`
	// TLSServerName is checked against the server's certificate instead of
	// the host in Server.
	TLSServerName string `json:"tls-server-name,omitempty"`
	// InsecureSkipTLSVerify skips verifying the server's certificate.
	InsecureSkipTLSVerify bool `json:"insecure-skip-tls-verify,omitempty"`
	// CertificateAuthority is a PEM file of CAs to trust; a relative path is
	// relative to the kubeconfig's directory.
	CertificateAuthority string `json:"certificate-authority,omitempty"`
	// CertificateAuthorityData is PEM (base64 in the file); it wins over
	// CertificateAuthority.
	CertificateAuthorityData []byte `json:"certificate-authority-data,omitempty"`
	// ProxyURL is an http, https or socks5 proxy for requests to Server.
	ProxyURL string `json:"proxy-url,omitempty"`
	// DisableCompression turns off response compression.
	DisableCompression bool `json:"disable-compression,omitempty"`
}

// NamedUser is a user's credentials with their name.
type NamedUser struct {
	Name string   `json:"name"`
	User AuthInfo `json:"user"`
}

// AuthInfo is a user's credentials. File paths are relative to the
// kubeconfig's directory; *Data fields win over the matching file.
type AuthInfo struct {
	ClientCertificate     string `json:"client-certificate,omitempty"`
	ClientCertificateData []byte `json:"client-certificate-data,omitempty"`
	ClientKey             string `json:"client-key,omitempty"`
	ClientKeyData         []byte `json:"client-key-data,omitempty"`
	// Token is a bearer token; it wins over TokenFile.
	Token     string `json:"token,omitempty"`
	TokenFile string `json:"tokenFile,omitempty"`
	// Impersonate, ImpersonateUID and ImpersonateGroups act as another user.
	Impersonate       string   `json:"as,omitempty"`
	ImpersonateUID    string   `json:"as-uid,omitempty"`
	ImpersonateGroups []string `json:"as-groups,omitempty"`
	Username          string   `json:"username,omitempty"`
	Password          string   `json:"password,omitempty"`
	// Exec and AuthProvider are credential plugins, kept as they were read;
	// RESTConfig does not run them.
	Exec         json.RawMessage `json:"exec,omitempty"`
	AuthProvider json.RawMessage `json:"auth-provider,omitempty"`
}

// NamedContext is a context with its name.
type NamedContext struct {
	Name    string  `json:"name"`
	Context Context `json:"context"`
}

// Context pairs a cluster with a user and a default namespace.
type Context struct {
	Cluster string `json:"cluster"`
	// AuthInfo names the user.
	AuthInfo  string `json:"user"`
	Namespace string `json:"namespace,omitempty"`
}

// The names NewAdminConfig uses.
const (
	AdminClusterName = "orca"
	AdminUserName    = "orca-admin"
	AdminContextName = AdminUserName + "@" + AdminClusterName
)

// NewAdminConfig returns the cluster's admin kubeconfig: one cluster
// ("orca") at server trusting caPEM, one user ("orca-admin") with the client
// certificate and key embedded, and the context "orca-admin@orca", current.
func NewAdminConfig(server string, caPEM, certPEM, keyPEM []byte) *Config {
	return &Config{
		APIVersion: "v1",
		Kind:       "Config",
		Clusters: []NamedCluster{{Name: AdminClusterName, Cluster: Cluster{
			Server: server, CertificateAuthorityData: bytes.Clone(caPEM),
		}}},
		Users: []NamedUser{{Name: AdminUserName, User: AuthInfo{
			ClientCertificateData: bytes.Clone(certPEM), ClientKeyData: bytes.Clone(keyPEM),
		}}},
		Contexts:       []NamedContext{{Name: AdminContextName, Context: Context{Cluster: AdminClusterName, AuthInfo: AdminUserName}}},
		CurrentContext: AdminContextName,
	}
}

// Parse reads a kubeconfig in YAML or JSON. Relative paths in it are
// relative to the working directory; Load makes them relative to the file.
func Parse(data []byte) (*Config, error) {
	var c Config
	if err := yaml.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("kubeconfig: %w", err)
	}
	if c.Kind != "" && c.Kind != "Config" {
		return nil, fmt.Errorf("kubeconfig: kind is %q, want Config", c.Kind)
	}
	if c.APIVersion != "" && c.APIVersion != "v1" {
		return nil, fmt.Errorf("kubeconfig: apiVersion is %q, want v1", c.APIVersion)
	}
	return &c, nil
}

// Load reads the kubeconfig at path. An empty file is an empty Config, as
// for kubectl.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("kubeconfig: %w", err)
	}
	c, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%w (in %s)", err, path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("kubeconfig: %w", err)
	}
	c.dir = filepath.Dir(abs)
	return c, nil
}

// Marshal returns c as YAML, with apiVersion v1 and kind Config filled in.
func (c *Config) Marshal() ([]byte, error) {
	out := *c
	if out.APIVersion == "" {
		out.APIVersion = "v1"
	}
	if out.Kind == "" {
		out.Kind = "Config"
	}
	if out.Clusters == nil {
		out.Clusters = []NamedCluster{}
	}
	if out.Users == nil {
		out.Users = []NamedUser{}
	}
	if out.Contexts == nil {
		out.Contexts = []NamedContext{}
	}
	data, err := yaml.Marshal(&out)
	if err != nil {
		return nil, fmt.Errorf("kubeconfig: %w", err)
	}
	return data, nil
}

// Write writes c to path as YAML with mode 0600 (it holds credentials),
// atomically: through a temporary file in the same directory, renamed into
// place. The directory must exist. Relative paths in c are written as they
// are, so they become relative to path's directory.
func Write(path string, c *Config) error {
	data, err := c.Marshal()
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("kubeconfig: %w", err)
	}
	tmp := f.Name()
	err = f.Chmod(0o600)
	if err == nil {
		_, err = f.Write(data)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("kubeconfig: writing %s: %w", path, err)
	}
	return nil
}

// Cluster returns the cluster named name.
func (c *Config) Cluster(name string) (*Cluster, bool) {
	for i := range c.Clusters {
		if c.Clusters[i].Name == name {
			return &c.Clusters[i].Cluster, true
		}
	}
	return nil, false
}

// User returns the user named name.
func (c *Config) User(name string) (*AuthInfo, bool) {
	for i := range c.Users {
		if c.Users[i].Name == name {
			return &c.Users[i].User, true
		}
	}
	return nil, false
}

// Context returns the context named name.
func (c *Config) Context(name string) (*Context, bool) {
	for i := range c.Contexts {
		if c.Contexts[i].Name == name {
			return &c.Contexts[i].Context, true
		}
	}
	return nil, false
}

// ErrNoContext is returned when the context to use is not set or not found.
var ErrNoContext = errors.New("kubeconfig: context not found")

// resolve returns path made absolute against the config's directory.
func (c *Config) resolve(path string) string {
	if path == "" || filepath.IsAbs(path) || c.dir == "" {
		return path
	}
	return filepath.Join(c.dir, path)
}

// ResolvePaths makes every relative file path in c absolute against the
// directory c was loaded from (the working directory for a config built in
// memory), as kubectl does when it merges kubeconfigs. Use it before writing
// a loaded config somewhere else.
func (c *Config) ResolvePaths() error {
	base := c.dir
	if base == "" {
		wd, err := os.Getwd()
		if err != nil {
			return fmt.Errorf("kubeconfig: %w", err)
		}
		base = wd
	}
	abs := func(p *string) {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(base, *p)
		}
	}
	for i := range c.Clusters {
		abs(&c.Clusters[i].Cluster.CertificateAuthority)
	}
	for i := range c.Users {
		u := &c.Users[i].User
		abs(&u.ClientCertificate)
		abs(&u.ClientKey)
		abs(&u.TokenFile)
	}
	return nil
}
