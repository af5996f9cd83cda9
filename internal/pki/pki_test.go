package pki

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewCA(t *testing.T) {
	t.Parallel()
	ca, err := NewCA("orca-ca")
	require.NoError(t, err)
	assert.True(t, ca.Cert.IsCA)
	assert.Equal(t, "orca-ca", ca.Cert.Subject.CommonName)
	assert.NotEmpty(t, ca.Cert.SubjectKeyId)
	assert.WithinDuration(t, time.Now().Add(CAValidity), ca.Cert.NotAfter, time.Minute)
	_, err = ca.Cert.Verify(x509.VerifyOptions{Roots: ca.Pool()})
	require.NoError(t, err)
	_, err = NewCA("")
	require.Error(t, err)
}

func TestLoadOrCreateCA(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "data")
	ca1, err := LoadOrCreateCA(dir, "orca-ca")
	require.NoError(t, err)
	st, err := os.Stat(filepath.Join(dir, CAKeyFile))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm(), "key mode")
	st, err = os.Stat(dir)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o700), st.Mode().Perm(), "dir mode")

	ca2, err := LoadOrCreateCA(dir, "ignored on reuse")
	require.NoError(t, err)
	assert.Equal(t, ca1.Cert.Raw, ca2.Cert.Raw, "restart reuses the CA")
	assert.True(t, ca1.Key.Public().(*ecdsa.PublicKey).Equal(ca2.Key.Public()))
}

func TestLoadOrCreateCAErrors(t *testing.T) {
	t.Parallel()
	other, err := NewCA("other")
	require.NoError(t, err)
	otherKey, err := EncodeKeyPEM(other.Key)
	require.NoError(t, err)
	leaf, err := other.IssueClient("bob")
	require.NoError(t, err)

	tests := []struct {
		name  string
		files map[string][]byte
	}{
		{"only cert", map[string][]byte{CACertFile: other.CertPEM}},
		{"only key", map[string][]byte{CAKeyFile: otherKey}},
		{"key of another CA", map[string][]byte{CACertFile: mustCA(t).CertPEM, CAKeyFile: otherKey}},
		{"not a CA", map[string][]byte{CACertFile: leaf.CertPEM, CAKeyFile: leaf.KeyPEM}},
		{"garbage", map[string][]byte{CACertFile: []byte("nope"), CAKeyFile: otherKey}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			for name, data := range tt.files {
				require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o600))
			}
			_, err := LoadOrCreateCA(dir, "orca-ca")
			require.Error(t, err)
			for name, data := range tt.files {
				got, err := os.ReadFile(filepath.Join(dir, name))
				require.NoError(t, err)
				assert.Equal(t, data, got, "%s must not be overwritten", name)
			}
		})
	}
}

func mustCA(t *testing.T) *CA {
	t.Helper()
	ca, err := NewCA("test-ca")
	require.NoError(t, err)
	return ca
}

func TestIssueServing(t *testing.T) {
	t.Parallel()
	ca := mustCA(t)
	hosts := APIServerHosts("10.96.0.1", "api.example.com", "192.0.2.7", "localhost")
	kp, err := ca.IssueServing("kube-apiserver", hosts...)
	require.NoError(t, err)
	c := kp.Cert
	assert.Equal(t, []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, c.ExtKeyUsage)
	assert.False(t, c.IsCA)
	assert.Equal(t, []string{"localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc",
		"kubernetes.default.svc.cluster.local", "api.example.com"}, c.DNSNames, "no duplicates")
	require.Len(t, c.IPAddresses, 3)
	for _, h := range []string{"127.0.0.1", "10.96.0.1", "192.0.2.7", "localhost", "kubernetes.default.svc", "api.example.com"} {
		_, err := c.Verify(x509.VerifyOptions{Roots: ca.Pool(), DNSName: h, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}})
		assert.NoError(t, err, h)
	}
	_, err = c.Verify(x509.VerifyOptions{Roots: ca.Pool(), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}})
	assert.Error(t, err, "a serving certificate is not a client certificate")
	_, err = ca.IssueServing("x")
	assert.Error(t, err, "no hosts")
}

func TestIssueClient(t *testing.T) {
	t.Parallel()
	ca := mustCA(t)
	kp, err := ca.IssueClient("admin", "system:masters", "ops")
	require.NoError(t, err)
	assert.Equal(t, "admin", kp.Cert.Subject.CommonName)
	assert.ElementsMatch(t, []string{"system:masters", "ops"}, kp.Cert.Subject.Organization)
	_, err = kp.Cert.Verify(x509.VerifyOptions{Roots: ca.Pool(), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}})
	require.NoError(t, err)
	_, err = kp.Cert.Verify(x509.VerifyOptions{Roots: ca.Pool(), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}})
	assert.Error(t, err)
	_, err = tls.X509KeyPair(kp.CertPEM, kp.KeyPEM)
	require.NoError(t, err, "crypto/tls reads the PEM")
	_, err = ca.IssueClient("")
	assert.Error(t, err)
}

func TestLoadOrIssueServing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ca := mustCA(t)
	first, err := LoadOrIssueServing(dir, "apiserver", ca, "kube-apiserver", "127.0.0.1", "localhost")
	require.NoError(t, err)
	st, err := os.Stat(filepath.Join(dir, "apiserver.key"))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm())

	tests := []struct {
		name   string
		ca     *CA
		hosts  []string
		reused bool
	}{
		{"same hosts", ca, []string{"127.0.0.1", "localhost"}, true},
		{"subset of hosts", ca, []string{"localhost"}, true},
		{"new host", ca, []string{"127.0.0.1", "localhost", "10.96.0.1"}, false},
		{"other CA", mustCA(t), []string{"127.0.0.1", "localhost"}, false},
	}
	for _, tt := range tests { // sequential: each case rewrites the same files
		t.Run(tt.name, func(t *testing.T) {
			d := filepath.Join(t.TempDir(), "certs")
			require.NoError(t, os.MkdirAll(d, 0o700))
			copyFile(t, filepath.Join(dir, "apiserver.crt"), filepath.Join(d, "apiserver.crt"))
			copyFile(t, filepath.Join(dir, "apiserver.key"), filepath.Join(d, "apiserver.key"))
			got, err := LoadOrIssueServing(d, "apiserver", tt.ca, "kube-apiserver", tt.hosts...)
			require.NoError(t, err)
			assert.Equal(t, tt.reused, got.Cert.SerialNumber.Cmp(first.Cert.SerialNumber) == 0)
			require.NoError(t, verifyServing(tt.ca, got, tt.hosts))
			again, err := LoadOrIssueServing(d, "apiserver", tt.ca, "kube-apiserver", tt.hosts...)
			require.NoError(t, err)
			assert.Equal(t, got.Cert.Raw, again.Cert.Raw, "the re-issued pair was stored and is reused")
		})
	}
}

func TestLoadOrIssueRenewsExpiring(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ca := mustCA(t)
	kp, err := ca.IssueClient("admin", "system:masters")
	require.NoError(t, err)
	// A certificate expiring within RenewBefore is not reused.
	require.Error(t, verify(ca, kp.Cert, x509.ExtKeyUsageClientAuth, time.Now().Add(CertValidity-RenewBefore+time.Hour)))
	require.NoError(t, verify(ca, kp.Cert, x509.ExtKeyUsageClientAuth, time.Now()))
	require.NoError(t, writePair(dir, filepath.Join(dir, "admin.crt"), filepath.Join(dir, "admin.key"), kp.CertPEM, kp.KeyPEM))
	got, err := LoadOrIssueClient(dir, "admin", ca, "admin", "system:masters")
	require.NoError(t, err)
	assert.Equal(t, kp.Cert.Raw, got.Cert.Raw)
}

func TestLoadOrIssueClient(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ca := mustCA(t)
	a, err := LoadOrIssueClient(dir, "admin", ca, "admin", "system:masters")
	require.NoError(t, err)
	b, err := LoadOrIssueClient(dir, "admin", ca, "admin", "system:masters")
	require.NoError(t, err)
	assert.Equal(t, a.Cert.Raw, b.Cert.Raw)
	c, err := LoadOrIssueClient(dir, "admin", ca, "admin", "system:masters", "ops")
	require.NoError(t, err)
	assert.NotEqual(t, a.Cert.Raw, c.Cert.Raw, "groups changed")
	d, err := LoadOrIssueClient(dir, "admin", ca, "root", "system:masters", "ops")
	require.NoError(t, err)
	assert.NotEqual(t, c.Cert.Raw, d.Cert.Raw, "name changed")
	// A corrupt key file is replaced, not fatal.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "admin.key"), []byte("junk"), 0o600))
	e, err := LoadOrIssueClient(dir, "admin", ca, "root", "system:masters", "ops")
	require.NoError(t, err)
	assert.NotEqual(t, d.Cert.Raw, e.Cert.Raw)
	_, err = LoadOrIssueClient(dir, "../evil", ca, "x")
	assert.Error(t, err)
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(to, data, 0o600))
}

func TestKeyPEMRoundTrip(t *testing.T) {
	t.Parallel()
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	rs, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	_, ed, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	tests := []struct {
		name  string
		key   crypto.Signer
		block string
	}{
		{"ecdsa", ec, BlockECPrivateKey},
		{"rsa", rs, BlockRSAKey},
		{"ed25519", ed, BlockPKCS8Key},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			data, err := EncodeKeyPEM(tt.key)
			require.NoError(t, err)
			assert.Contains(t, string(data), "-----BEGIN "+tt.block+"-----")
			back, err := ParseKeyPEM(append([]byte("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"), data...))
			require.NoError(t, err)
			assert.True(t, publicKeysEqual(tt.key.Public(), back.Public()))
		})
	}
	_, err = ParseKeyPEM([]byte("nothing"))
	assert.Error(t, err)
	_, err = ParseCertsPEM([]byte("nothing"))
	assert.Error(t, err)
}

func TestParseCertsPEM(t *testing.T) {
	t.Parallel()
	a, b := mustCA(t), mustCA(t)
	certs, err := ParseCertsPEM(append(append([]byte{}, a.CertPEM...), b.CertPEM...))
	require.NoError(t, err)
	require.Len(t, certs, 2)
	assert.Equal(t, a.Cert.Raw, certs[0].Raw)
	assert.Equal(t, b.Cert.Raw, certs[1].Raw)
}

func TestKeyPairMismatch(t *testing.T) {
	t.Parallel()
	ca := mustCA(t)
	x, err := ca.IssueClient("x")
	require.NoError(t, err)
	y, err := ca.IssueClient("y")
	require.NoError(t, err)
	_, err = KeyPairFromPEM(x.CertPEM, y.KeyPEM)
	assert.Error(t, err)
	_, err = KeyPairFromPEM(x.CertPEM, x.KeyPEM)
	assert.NoError(t, err)
}

// TestTLSHandshake serves HTTPS with ServerTLSConfig and checks which clients
// get through and what the server sees.
func TestTLSHandshake(t *testing.T) {
	t.Parallel()
	ca := mustCA(t)
	serving, err := ca.IssueServing("apiserver", "127.0.0.1", "localhost")
	require.NoError(t, err)
	admin, err := ca.IssueClient("admin", "system:masters")
	require.NoError(t, err)
	stranger, err := mustCA(t).IssueClient("mallory", "system:masters")
	require.NoError(t, err)

	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(r.TLS.PeerCertificates) == 0 {
			fmt.Fprint(w, "anonymous")
			return
		}
		fmt.Fprint(w, r.TLS.PeerCertificates[0].Subject.CommonName)
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the failing handshakes are expected
	srv.TLS = ServerTLSConfig(serving, ca.Pool())
	srv.StartTLS()
	t.Cleanup(srv.Close)
	_, port, err := net.SplitHostPort(srv.Listener.Addr().String())
	require.NoError(t, err)

	tests := []struct {
		name    string
		url     string
		client  *KeyPair
		roots   *x509.CertPool
		want    string
		wantErr bool
	}{
		{"client certificate", "https://127.0.0.1:" + port, admin, ca.Pool(), "admin", false},
		{"by DNS name", "https://localhost:" + port, admin, ca.Pool(), "admin", false},
		{"no client certificate", "https://127.0.0.1:" + port, nil, ca.Pool(), "anonymous", false},
		{"certificate of another CA", "https://127.0.0.1:" + port, stranger, ca.Pool(), "", true},
		{"server not trusted", "https://127.0.0.1:" + port, admin, x509.NewCertPool(), "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tr := &http.Transport{TLSClientConfig: ClientTLSConfig(tt.roots, tt.client, "")}
			defer tr.CloseIdleConnections()
			resp, err := (&http.Client{Transport: tr, Timeout: 10 * time.Second}).Get(tt.url)
			if tt.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(body))
		})
	}
}
