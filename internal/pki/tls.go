package pki

import (
	"crypto/tls"
	"crypto/x509"
)

// ServerTLSConfig is the API server's TLS configuration: it serves serving,
// and asks clients for a certificate signed by clientCAs without requiring
// one (tls.VerifyClientCertIfGiven), so bearer-token and anonymous requests
// still reach authentication. A client certificate that is presented must
// verify against clientCAs, or the handshake fails. NextProtos offers h2 and
// http/1.1. TLS 1.2 is the minimum.
func ServerTLSConfig(serving *KeyPair, clientCAs *x509.CertPool) *tls.Config {
	return &tls.Config{
		Certificates: []tls.Certificate{serving.TLSCertificate()},
		ClientAuth:   tls.VerifyClientCertIfGiven,
		ClientCAs:    clientCAs,
		MinVersion:   tls.VersionTLS12,
		NextProtos:   []string{"h2", "http/1.1"},
	}
}

// ClientTLSConfig trusts roots for the server's certificate and presents
// client, if not nil. serverName overrides the name checked against the
// server's certificate; empty means the host dialed.
func ClientTLSConfig(roots *x509.CertPool, client *KeyPair, serverName string) *tls.Config {
	c := &tls.Config{RootCAs: roots, ServerName: serverName, MinVersion: tls.VersionTLS12}
	if client != nil {
		c.Certificates = []tls.Certificate{client.TLSCertificate()}
	}
	return c
}
