package auth

import (
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"net/http"
	"slices"

	"github.com/orcaproj/orca/errdefs"
)

type x509Authenticator struct {
	roots *x509.CertPool
}

var _ Authenticator = (*x509Authenticator)(nil)

// NewX509Authenticator authenticates TLS client certificates that chain to a
// certificate in caPool and allow client auth (ExtKeyUsageClientAuth). The
// user is the leaf's Subject CommonName and the groups its Organizations.
// Certificates after the leaf in r.TLS.PeerCertificates are used as
// intermediates.
//
// A request without a client certificate, or whose leaf has no CommonName, is
// not this authenticator's (ok false, no error). One whose certificate does
// not verify fails with an error wrapping errdefs.ErrUnauthorized. With
// pki.ServerTLSConfig the TLS handshake has already rejected such
// certificates; this check keeps the authenticator correct behind any
// listener.
func NewX509Authenticator(caPool *x509.CertPool) Authenticator {
	return &x509Authenticator{roots: caPool}
}

// AuthenticateRequest implements Authenticator.
func (a *x509Authenticator) AuthenticateRequest(r *http.Request) (*User, bool, error) {
	if r.TLS == nil || len(r.TLS.PeerCertificates) == 0 {
		return nil, false, nil
	}
	leaf := r.TLS.PeerCertificates[0]
	opts := x509.VerifyOptions{
		Roots:     a.roots,
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
	if len(r.TLS.PeerCertificates) > 1 {
		opts.Intermediates = x509.NewCertPool()
		for _, c := range r.TLS.PeerCertificates[1:] {
			opts.Intermediates.AddCert(c)
		}
	}
	if a.roots == nil {
		return nil, false, fmt.Errorf("verifying certificate %s failed: no client CA configured: %w", certID(leaf), errdefs.ErrUnauthorized)
	}
	if _, err := leaf.Verify(opts); err != nil {
		return nil, false, fmt.Errorf("verifying certificate %s failed: %v: %w", certID(leaf), err, errdefs.ErrUnauthorized)
	}
	if leaf.Subject.CommonName == "" {
		return nil, false, nil
	}
	return &User{Name: leaf.Subject.CommonName, Groups: slices.Clone(leaf.Subject.Organization)}, true, nil
}

// certID names a certificate in errors the way Kubernetes logs it.
func certID(c *x509.Certificate) string {
	return fmt.Sprintf("SN=%s, SKID=%s, AKID=%s", c.SerialNumber, hexColons(c.SubjectKeyId), hexColons(c.AuthorityKeyId))
}

func hexColons(b []byte) string {
	if len(b) == 0 {
		return "<none>"
	}
	out := make([]byte, 0, len(b)*3)
	for i, x := range b {
		if i > 0 {
			out = append(out, ':')
		}
		out = hex.AppendEncode(out, []byte{x})
	}
	return string(out)
}
