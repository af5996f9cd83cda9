package pki

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"math/big"
	"net"
	"slices"
	"time"
)

// Validity periods.
const (
	// CAValidity is how long a new CA is valid.
	CAValidity = 10 * 365 * 24 * time.Hour
	// CertValidity is how long an issued certificate is valid.
	CertValidity = 365 * 24 * time.Hour
	// RenewBefore is how close to its expiry a stored certificate is
	// re-issued instead of reused.
	RenewBefore = 30 * 24 * time.Hour
	// clockSkew back-dates NotBefore so that a peer whose clock is slightly
	// behind accepts a certificate issued a moment ago.
	clockSkew = time.Hour
)

// CA is a certificate authority: its certificate and the key that signs with
// it. A CA is safe for concurrent use; its fields must not be changed.
type CA struct {
	Cert *x509.Certificate
	Key  crypto.Signer
	// CertPEM is Cert in PEM, as written to ca.crt and into kubeconfigs.
	CertPEM []byte
}

// KeyPair is an issued certificate and its private key, parsed and in PEM.
type KeyPair struct {
	Cert    *x509.Certificate
	Key     crypto.Signer
	CertPEM []byte
	KeyPEM  []byte
}

// NewCA creates a self-signed CA named commonName, valid for CAValidity.
func NewCA(commonName string) (*CA, error) {
	if commonName == "" {
		return nil, errors.New("pki: CA common name is empty")
	}
	key, err := newKey()
	if err != nil {
		return nil, err
	}
	serial, err := newSerial()
	if err != nil {
		return nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: commonName},
		NotBefore:             now.Add(-clockSkew),
		NotAfter:              now.Add(CAValidity),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, fmt.Errorf("pki: creating CA certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("pki: parsing new CA certificate: %w", err)
	}
	return &CA{Cert: cert, Key: key, CertPEM: EncodeCertPEM(cert)}, nil
}

// CAFromPEM parses a CA from its certificate and key in PEM. It checks that
// the certificate is a CA and that the key is its key.
func CAFromPEM(certPEM, keyPEM []byte) (*CA, error) {
	cert, err := ParseCertPEM(certPEM)
	if err != nil {
		return nil, err
	}
	key, err := ParseKeyPEM(keyPEM)
	if err != nil {
		return nil, err
	}
	if !cert.IsCA {
		return nil, errors.New("pki: CA certificate is not a CA (basicConstraints CA:FALSE)")
	}
	if !publicKeysEqual(cert.PublicKey, key.Public()) {
		return nil, errors.New("pki: CA key does not match the CA certificate")
	}
	return &CA{Cert: cert, Key: key, CertPEM: EncodeCertPEM(cert)}, nil
}

// Pool returns a new pool holding only the CA certificate.
func (ca *CA) Pool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(ca.Cert)
	return p
}

// IssueServing issues a server certificate (ExtKeyUsageServerAuth) for
// hosts: each is an IP address or a DNS name. commonName is informational.
func (ca *CA) IssueServing(commonName string, hosts ...string) (*KeyPair, error) {
	if len(hosts) == 0 {
		return nil, errors.New("pki: a serving certificate needs at least one host")
	}
	ips, names := SplitHosts(hosts)
	return ca.issue(&x509.Certificate{
		Subject:     pkix.Name{CommonName: commonName},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses: ips,
		DNSNames:    names,
	})
}

// IssueClient issues a client certificate (ExtKeyUsageClientAuth) for the
// user commonName in the groups organizations, which is how the API server's
// x509 authenticator reads it.
func (ca *CA) IssueClient(commonName string, organizations ...string) (*KeyPair, error) {
	if commonName == "" {
		return nil, errors.New("pki: a client certificate needs a common name")
	}
	return ca.issue(&x509.Certificate{
		Subject:     pkix.Name{CommonName: commonName, Organization: slices.Clone(organizations)},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	})
}

func (ca *CA) issue(tmpl *x509.Certificate) (*KeyPair, error) {
	key, err := newKey()
	if err != nil {
		return nil, err
	}
	serial, err := newSerial()
	if err != nil {
		return nil, err
	}
	now := time.Now()
	tmpl.SerialNumber = serial
	tmpl.NotBefore = now.Add(-clockSkew)
	tmpl.NotAfter = now.Add(CertValidity)
	if tmpl.NotAfter.After(ca.Cert.NotAfter) {
		tmpl.NotAfter = ca.Cert.NotAfter
	}
	tmpl.KeyUsage = x509.KeyUsageDigitalSignature
	tmpl.BasicConstraintsValid = true
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.Cert, key.Public(), ca.Key)
	if err != nil {
		return nil, fmt.Errorf("pki: issuing certificate for %q: %w", tmpl.Subject.CommonName, err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("pki: parsing issued certificate: %w", err)
	}
	keyPEM, err := EncodeKeyPEM(key)
	if err != nil {
		return nil, err
	}
	return &KeyPair{Cert: cert, Key: key, CertPEM: EncodeCertPEM(cert), KeyPEM: keyPEM}, nil
}

// TLSCertificate returns the pair as a tls.Certificate.
func (kp *KeyPair) TLSCertificate() tls.Certificate {
	return tls.Certificate{Certificate: [][]byte{kp.Cert.Raw}, PrivateKey: kp.Key, Leaf: kp.Cert}
}

// KeyPairFromPEM parses a certificate and its key and checks that they match.
func KeyPairFromPEM(certPEM, keyPEM []byte) (*KeyPair, error) {
	cert, err := ParseCertPEM(certPEM)
	if err != nil {
		return nil, err
	}
	key, err := ParseKeyPEM(keyPEM)
	if err != nil {
		return nil, err
	}
	if !publicKeysEqual(cert.PublicKey, key.Public()) {
		return nil, errors.New("pki: private key does not match the certificate")
	}
	return &KeyPair{Cert: cert, Key: key, CertPEM: certPEM, KeyPEM: keyPEM}, nil
}

// SplitHosts sorts hosts into IP addresses and DNS names, dropping empty
// strings and duplicates, in order.
func SplitHosts(hosts []string) (ips []net.IP, names []string) {
	for _, h := range hosts {
		if h == "" {
			continue
		}
		if ip := net.ParseIP(h); ip != nil {
			if !slices.ContainsFunc(ips, ip.Equal) {
				ips = append(ips, ip)
			}
			continue
		}
		if !slices.Contains(names, h) {
			names = append(names, h)
		}
	}
	return ips, names
}

// APIServerHosts returns the hosts an API server's serving certificate
// covers, as Kubernetes issues it: 127.0.0.1, localhost, the in-cluster
// Service IP (the first address of the service CIDR, skipped when empty), the
// kubernetes Service's DNS names, and extra.
func APIServerHosts(serviceIP string, extra ...string) []string {
	hosts := []string{"127.0.0.1", "localhost"}
	if serviceIP != "" {
		hosts = append(hosts, serviceIP)
	}
	hosts = append(hosts, "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local")
	return append(hosts, extra...)
}

// covers reports whether cert lists every host among its SANs, compared
// exactly (no wildcard matching).
func covers(cert *x509.Certificate, hosts []string) bool {
	ips, names := SplitHosts(hosts)
	for _, ip := range ips {
		if !slices.ContainsFunc(cert.IPAddresses, ip.Equal) {
			return false
		}
	}
	for _, n := range names {
		if !slices.Contains(cert.DNSNames, n) {
			return false
		}
	}
	return true
}

// verify checks that cert chains to ca for usage and stays valid past
// RenewBefore from now.
func verify(ca *CA, cert *x509.Certificate, usage x509.ExtKeyUsage, now time.Time) error {
	if cert.NotAfter.Before(now.Add(RenewBefore)) {
		return fmt.Errorf("pki: certificate %q expires at %s", cert.Subject.CommonName, cert.NotAfter.Format(time.RFC3339))
	}
	_, err := cert.Verify(x509.VerifyOptions{
		Roots:       ca.Pool(),
		CurrentTime: now,
		KeyUsages:   []x509.ExtKeyUsage{usage},
	})
	return err
}

func newKey() (*ecdsa.PrivateKey, error) {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("pki: generating key: %w", err)
	}
	return k, nil
}

func newSerial() (*big.Int, error) {
	s, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, fmt.Errorf("pki: generating serial number: %w", err)
	}
	return s.Add(s, big.NewInt(1)), nil
}

func publicKeysEqual(a, b crypto.PublicKey) bool {
	x, ok := a.(interface{ Equal(crypto.PublicKey) bool })
	return ok && x.Equal(b)
}
