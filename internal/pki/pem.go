package pki

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
)

// PEM block types.
const (
	BlockCertificate  = "CERTIFICATE"
	BlockECPrivateKey = "EC PRIVATE KEY"
	BlockRSAKey       = "RSA PRIVATE KEY"
	BlockPKCS8Key     = "PRIVATE KEY"
)

// EncodeCertPEM returns cert as one CERTIFICATE block.
func EncodeCertPEM(cert *x509.Certificate) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: BlockCertificate, Bytes: cert.Raw})
}

// EncodeKeyPEM returns key in PEM: ECDSA keys as SEC 1 (EC PRIVATE KEY), RSA
// keys as PKCS #1 (RSA PRIVATE KEY), anything else as PKCS #8 (PRIVATE KEY).
// kubectl and crypto/tls read all three.
func EncodeKeyPEM(key crypto.Signer) ([]byte, error) {
	switch k := key.(type) {
	case *ecdsa.PrivateKey:
		der, err := x509.MarshalECPrivateKey(k)
		if err != nil {
			return nil, fmt.Errorf("pki: encoding EC key: %w", err)
		}
		return pem.EncodeToMemory(&pem.Block{Type: BlockECPrivateKey, Bytes: der}), nil
	case *rsa.PrivateKey:
		return pem.EncodeToMemory(&pem.Block{Type: BlockRSAKey, Bytes: x509.MarshalPKCS1PrivateKey(k)}), nil
	default:
		der, err := x509.MarshalPKCS8PrivateKey(key)
		if err != nil {
			return nil, fmt.Errorf("pki: encoding %T key: %w", key, err)
		}
		return pem.EncodeToMemory(&pem.Block{Type: BlockPKCS8Key, Bytes: der}), nil
	}
}

// ParseCertsPEM parses every CERTIFICATE block in data, in order, skipping
// blocks of other types. It fails when there is none.
func ParseCertsPEM(data []byte) ([]*x509.Certificate, error) {
	var certs []*x509.Certificate
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			break
		}
		if b.Type != BlockCertificate {
			continue
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, fmt.Errorf("pki: parsing certificate: %w", err)
		}
		certs = append(certs, c)
	}
	if len(certs) == 0 {
		return nil, errors.New("pki: no CERTIFICATE block in PEM data")
	}
	return certs, nil
}

// ParseCertPEM parses the first certificate in data.
func ParseCertPEM(data []byte) (*x509.Certificate, error) {
	certs, err := ParseCertsPEM(data)
	if err != nil {
		return nil, err
	}
	return certs[0], nil
}

// ParseKeyPEM parses the first private key block in data: SEC 1, PKCS #1 or
// PKCS #8.
func ParseKeyPEM(data []byte) (crypto.Signer, error) {
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			return nil, errors.New("pki: no private key block in PEM data")
		}
		switch b.Type {
		case BlockECPrivateKey:
			k, err := x509.ParseECPrivateKey(b.Bytes)
			if err != nil {
				return nil, fmt.Errorf("pki: parsing EC key: %w", err)
			}
			return k, nil
		case BlockRSAKey:
			k, err := x509.ParsePKCS1PrivateKey(b.Bytes)
			if err != nil {
				return nil, fmt.Errorf("pki: parsing RSA key: %w", err)
			}
			return k, nil
		case BlockPKCS8Key:
			k, err := x509.ParsePKCS8PrivateKey(b.Bytes)
			if err != nil {
				return nil, fmt.Errorf("pki: parsing PKCS #8 key: %w", err)
			}
			s, ok := k.(crypto.Signer)
			if !ok {
				return nil, fmt.Errorf("pki: PKCS #8 key of type %T cannot sign", k)
			}
			return s, nil
		}
	}
}
