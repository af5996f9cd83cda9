package kubeconfig

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
)

// RESTConfig is what a client needs to talk to the API server of one
// kubeconfig context, with every file read and every default applied.
type RESTConfig struct {
	// Host is the server URL (scheme, host, port and any path prefix).
	Host string
	// Namespace is the context's namespace; "" means "default".
	Namespace string
	// TLS verifies the server and carries the client certificate. It is
	// never nil; it is unused for an http:// Host.
	TLS *tls.Config
	// BearerToken, if set, goes in the Authorization header.
	BearerToken string
	// Username and Password, if set and there is no token, are sent as
	// basic auth.
	Username, Password string
	// Impersonate, ImpersonateUID and ImpersonateGroups are sent as the
	// Impersonate-* headers.
	Impersonate       string
	ImpersonateUID    string
	ImpersonateGroups []string
	// Proxy, if set, is the proxy for every request; nil means the
	// environment's (HTTPS_PROXY and friends).
	Proxy *url.URL
	// DisableCompression turns off transparent response decompression.
	DisableCompression bool
}

// RESTConfig resolves context contextName ("" means the current context)
// into a RESTConfig: the cluster's server and CA, the user's client
// certificate, key and token (files read, relative paths resolved against
// the kubeconfig's directory), and the context's namespace.
//
// It fails with an error wrapping ErrNoContext when the context is not set
// or does not exist, and with a descriptive error when the cluster or user it
// names is missing, a file cannot be read, a client certificate comes
// without its key, a CA is combined with insecure-skip-tls-verify (kubectl
// refuses that too), or the user needs an exec or auth-provider plugin,
// which orca does not run.
func (c *Config) RESTConfig(contextName string) (*RESTConfig, error) {
	if contextName == "" {
		contextName = c.CurrentContext
	}
	if contextName == "" {
		return nil, fmt.Errorf("%w: no context given and current-context is not set", ErrNoContext)
	}
	ctx, ok := c.Context(contextName)
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrNoContext, contextName)
	}
	cluster, ok := c.Cluster(ctx.Cluster)
	if !ok {
		return nil, fmt.Errorf("kubeconfig: cluster %q of context %q not found", ctx.Cluster, contextName)
	}
	user := &AuthInfo{}
	if ctx.AuthInfo != "" {
		if user, ok = c.User(ctx.AuthInfo); !ok {
			return nil, fmt.Errorf("kubeconfig: user %q of context %q not found", ctx.AuthInfo, contextName)
		}
	}
	if len(user.Exec) > 0 || len(user.AuthProvider) > 0 {
		return nil, fmt.Errorf("kubeconfig: user %q needs a credential plugin (exec or auth-provider), which is not supported", ctx.AuthInfo)
	}

	host, err := serverURL(cluster.Server)
	if err != nil {
		return nil, err
	}
	rc := &RESTConfig{
		Host:               host,
		Namespace:          ctx.Namespace,
		Username:           user.Username,
		Password:           user.Password,
		Impersonate:        user.Impersonate,
		ImpersonateUID:     user.ImpersonateUID,
		ImpersonateGroups:  slices.Clone(user.ImpersonateGroups),
		DisableCompression: cluster.DisableCompression,
	}
	if cluster.ProxyURL != "" {
		if rc.Proxy, err = url.Parse(cluster.ProxyURL); err != nil {
			return nil, fmt.Errorf("kubeconfig: proxy-url of cluster %q: %w", ctx.Cluster, err)
		}
	}
	if rc.TLS, err = c.tlsConfig(cluster, user); err != nil {
		return nil, err
	}
	switch {
	case user.Token != "":
		rc.BearerToken = user.Token
	case user.TokenFile != "":
		data, err := os.ReadFile(c.resolve(user.TokenFile))
		if err != nil {
			return nil, fmt.Errorf("kubeconfig: tokenFile of user %q: %w", ctx.AuthInfo, err)
		}
		rc.BearerToken = strings.TrimSpace(string(data))
	}
	return rc, nil
}

// serverURL accepts what kubectl accepts: a URL, or host:port meaning https.
func serverURL(s string) (string, error) {
	if s == "" {
		return "", errors.New("kubeconfig: cluster has no server")
	}
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("kubeconfig: server: %w", err)
	}
	if (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", fmt.Errorf("kubeconfig: server %q is not an http or https URL", s)
	}
	return strings.TrimSuffix(u.String(), "/"), nil
}

func (c *Config) tlsConfig(cluster *Cluster, user *AuthInfo) (*tls.Config, error) {
	t := &tls.Config{
		MinVersion:         tls.VersionTLS12,
		ServerName:         cluster.TLSServerName,
		InsecureSkipVerify: cluster.InsecureSkipTLSVerify, // the kubeconfig asks for it
	}
	caPEM, err := c.dataOrFile(cluster.CertificateAuthorityData, cluster.CertificateAuthority, "certificate-authority")
	if err != nil {
		return nil, err
	}
	if len(caPEM) > 0 {
		if cluster.InsecureSkipTLSVerify {
			return nil, errors.New("kubeconfig: specifying a root certificates file with the insecure flag is not allowed")
		}
		t.RootCAs = x509.NewCertPool()
		if !t.RootCAs.AppendCertsFromPEM(caPEM) {
			return nil, errors.New("kubeconfig: certificate-authority holds no PEM certificate")
		}
	}
	certPEM, err := c.dataOrFile(user.ClientCertificateData, user.ClientCertificate, "client-certificate")
	if err != nil {
		return nil, err
	}
	keyPEM, err := c.dataOrFile(user.ClientKeyData, user.ClientKey, "client-key")
	if err != nil {
		return nil, err
	}
	switch {
	case len(certPEM) > 0 && len(keyPEM) > 0:
		cert, err := tls.X509KeyPair(certPEM, keyPEM)
		if err != nil {
			return nil, fmt.Errorf("kubeconfig: client certificate and key: %w", err)
		}
		t.Certificates = []tls.Certificate{cert}
	case len(certPEM) > 0:
		return nil, errors.New("kubeconfig: client-certificate is set but client-key is not")
	case len(keyPEM) > 0:
		return nil, errors.New("kubeconfig: client-key is set but client-certificate is not")
	}
	return t, nil
}

func (c *Config) dataOrFile(data []byte, file, what string) ([]byte, error) {
	if len(data) > 0 {
		return data, nil
	}
	if file == "" {
		return nil, nil
	}
	b, err := os.ReadFile(c.resolve(file))
	if err != nil {
		return nil, fmt.Errorf("kubeconfig: %s: %w", what, err)
	}
	return b, nil
}

// Transport returns a new http.RoundTripper for the API server: a clone of
// http.DefaultTransport with rc's TLS, proxy and compression settings, that
// adds rc's credentials and impersonation headers to requests that do not
// already carry an Authorization header.
func (rc *RESTConfig) Transport() http.RoundTripper {
	base := http.DefaultTransport.(*http.Transport).Clone()
	base.TLSClientConfig = rc.TLS.Clone()
	base.DisableCompression = rc.DisableCompression
	base.ForceAttemptHTTP2 = true
	if rc.Proxy != nil {
		base.Proxy = http.ProxyURL(rc.Proxy)
	}
	return &authTransport{rc: rc, next: base}
}

// HTTPClient returns a new http.Client that uses Transport.
func (rc *RESTConfig) HTTPClient() *http.Client {
	return &http.Client{Transport: rc.Transport()}
}

type authTransport struct {
	rc   *RESTConfig
	next http.RoundTripper
}

func (t *authTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	rc := t.rc
	needAuth := r.Header.Get("Authorization") == "" && (rc.BearerToken != "" || rc.Username != "")
	needImp := rc.Impersonate != "" || rc.ImpersonateUID != "" || len(rc.ImpersonateGroups) > 0
	if !needAuth && !needImp {
		return t.next.RoundTrip(r)
	}
	r = r.Clone(r.Context()) // a RoundTripper must not change the caller's request
	if needAuth {
		if rc.BearerToken != "" {
			r.Header.Set("Authorization", "Bearer "+rc.BearerToken)
		} else {
			r.SetBasicAuth(rc.Username, rc.Password)
		}
	}
	if rc.Impersonate != "" {
		r.Header.Set("Impersonate-User", rc.Impersonate)
	}
	if rc.ImpersonateUID != "" {
		r.Header.Set("Impersonate-Uid", rc.ImpersonateUID)
	}
	for _, g := range rc.ImpersonateGroups {
		r.Header.Add("Impersonate-Group", g)
	}
	return t.next.RoundTrip(r)
}
