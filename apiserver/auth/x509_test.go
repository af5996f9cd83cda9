package auth

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"io"
	"log"
	"math/big"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/internal/pki"
)

// intermediateCA returns a CA signed by root.
func intermediateCA(t *testing.T, root *pki.CA) *pki.CA {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(7),
		Subject:               pkix.Name{CommonName: "intermediate"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageCertSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, root.Cert, key.Public(), root.Key)
	require.NoError(t, err)
	cert, err := x509.ParseCertificate(der)
	require.NoError(t, err)
	return &pki.CA{Cert: cert, Key: key, CertPEM: pki.EncodeCertPEM(cert)}
}

func tlsRequest(certs ...*x509.Certificate) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "https://example/api", nil)
	r.TLS = &tls.ConnectionState{PeerCertificates: certs}
	return r
}

func TestX509Authenticator(t *testing.T) {
	t.Parallel()
	ca, err := pki.NewCA("cluster-ca")
	require.NoError(t, err)
	other, err := pki.NewCA("other-ca")
	require.NoError(t, err)
	inter := intermediateCA(t, ca)

	admin, err := ca.IssueClient("admin", "system:masters", "ops")
	require.NoError(t, err)
	node, err := inter.IssueClient("system:node:n1", GroupNodes)
	require.NoError(t, err)
	stranger, err := other.IssueClient("mallory", "system:masters")
	require.NoError(t, err)
	serving, err := ca.IssueServing("apiserver", "127.0.0.1")
	require.NoError(t, err)
	noCN, err := ca.IssueClient("x")
	require.NoError(t, err)
	noCN.Cert.Subject.CommonName = "" // the parsed subject is what the authenticator reads

	a := NewX509Authenticator(ca.Pool())
	tests := []struct {
		name    string
		req     *http.Request
		want    *User
		wantErr bool
	}{
		{name: "plain HTTP", req: httptest.NewRequest(http.MethodGet, "/", nil)},
		{name: "TLS without client certificate", req: tlsRequest()},
		{name: "CN is the user, O the groups", req: tlsRequest(admin.Cert), want: &User{Name: "admin", Groups: []string{"ops", "system:masters"}}},
		{name: "chain through an intermediate", req: tlsRequest(node.Cert, inter.Cert), want: &User{Name: "system:node:n1", Groups: []string{GroupNodes}}},
		{name: "intermediate missing", req: tlsRequest(node.Cert), wantErr: true},
		{name: "another CA", req: tlsRequest(stranger.Cert), wantErr: true},
		{name: "serving certificate is not for client auth", req: tlsRequest(serving.Cert), wantErr: true},
		{name: "no common name", req: tlsRequest(noCN.Cert)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			u, ok, err := a.AuthenticateRequest(tt.req)
			if tt.wantErr {
				require.ErrorIs(t, err, errdefs.ErrUnauthorized)
				assert.Contains(t, err.Error(), "verifying certificate SN=")
				assert.False(t, ok)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want != nil, ok)
			if tt.want != nil {
				assert.Equal(t, tt.want.Name, u.Name)
				assert.ElementsMatch(t, tt.want.Groups, u.Groups)
			}
		})
	}

	_, _, err = NewX509Authenticator(nil).AuthenticateRequest(tlsRequest(admin.Cert))
	require.ErrorIs(t, err, errdefs.ErrUnauthorized, "no CA configured trusts nobody")
}

// TestAuthenticationOverTLS runs the authenticators behind a real TLS
// listener configured by pki, as the API server does.
func TestAuthenticationOverTLS(t *testing.T) {
	t.Parallel()
	ca, err := pki.NewCA("cluster-ca")
	require.NoError(t, err)
	serving, err := ca.IssueServing("apiserver", "127.0.0.1")
	require.NoError(t, err)
	admin, err := ca.IssueClient("admin", GroupMasters)
	require.NoError(t, err)

	authn := AllowAnonymous(Union(
		NewX509Authenticator(ca.Pool()),
		NewTokenAuthenticator(map[string]*User{"tok": {Name: "bob"}}),
	))
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, ok, err := authn.AuthenticateRequest(r)
		if err != nil || !ok {
			w.WriteHeader(http.StatusUnauthorized)
			_ = json.NewEncoder(w).Encode(Unauthorized().Status)
			return
		}
		_ = json.NewEncoder(w).Encode(u)
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.TLS = pki.ServerTLSConfig(serving, ca.Pool())
	srv.StartTLS()
	t.Cleanup(srv.Close)

	tests := []struct {
		name     string
		client   *pki.KeyPair
		token    string
		wantCode int
		want     User
	}{
		{"client certificate", admin, "", http.StatusOK, User{Name: "admin", Groups: []string{GroupMasters, GroupAuthenticated}}},
		{"bearer token", nil, "tok", http.StatusOK, User{Name: "bob", Groups: []string{GroupAuthenticated}}},
		{"certificate wins over a bad token", admin, "stale", http.StatusOK, User{Name: "admin", Groups: []string{GroupMasters, GroupAuthenticated}}},
		{"bad token is not anonymous", nil, "stale", http.StatusUnauthorized, User{}},
		{"nothing is anonymous", nil, "", http.StatusOK, User{Name: UserAnonymous, Groups: []string{GroupUnauthenticated}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tr := &http.Transport{TLSClientConfig: pki.ClientTLSConfig(ca.Pool(), tt.client, "")}
			defer tr.CloseIdleConnections()
			req, err := http.NewRequest(http.MethodGet, srv.URL, nil)
			require.NoError(t, err)
			if tt.token != "" {
				req.Header.Set("Authorization", "Bearer "+tt.token)
			}
			resp, err := (&http.Client{Transport: tr, Timeout: 10 * time.Second}).Do(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			require.Equal(t, tt.wantCode, resp.StatusCode)
			if tt.wantCode != http.StatusOK {
				return
			}
			var got User
			require.NoError(t, json.NewDecoder(resp.Body).Decode(&got))
			assert.Equal(t, tt.want, got)
		})
	}
}
