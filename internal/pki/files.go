package pki

import (
	"crypto/x509"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// File names of the CA in a data directory.
const (
	CACertFile = "ca.crt"
	CAKeyFile  = "ca.key"
)

// LoadOrCreateCA returns the CA kept in dir (ca.crt and ca.key), creating
// dir (0700) and a new CA named commonName when neither file exists. It fails,
// rather than overwrite anything, when only one of the files exists, when
// they do not match, or when the CA has expired.
func LoadOrCreateCA(dir, commonName string) (*CA, error) {
	certPath, keyPath := filepath.Join(dir, CACertFile), filepath.Join(dir, CAKeyFile)
	certPEM, certErr := os.ReadFile(certPath)
	keyPEM, keyErr := os.ReadFile(keyPath)
	switch {
	case certErr == nil && keyErr == nil:
		ca, err := CAFromPEM(certPEM, keyPEM)
		if err != nil {
			return nil, fmt.Errorf("%w (in %s)", err, dir)
		}
		if time.Now().After(ca.Cert.NotAfter) {
			return nil, fmt.Errorf("pki: CA in %s expired at %s", dir, ca.Cert.NotAfter.Format(time.RFC3339))
		}
		return ca, nil
	case errors.Is(certErr, fs.ErrNotExist) && errors.Is(keyErr, fs.ErrNotExist):
	case certErr != nil && !errors.Is(certErr, fs.ErrNotExist):
		return nil, fmt.Errorf("pki: reading CA: %w", certErr)
	case keyErr != nil && !errors.Is(keyErr, fs.ErrNotExist):
		return nil, fmt.Errorf("pki: reading CA key: %w", keyErr)
	default:
		return nil, fmt.Errorf("pki: %s holds only one of %s and %s; remove it or restore the other", dir, CACertFile, CAKeyFile)
	}
	ca, err := NewCA(commonName)
	if err != nil {
		return nil, err
	}
	keyPEM, err = EncodeKeyPEM(ca.Key)
	if err != nil {
		return nil, err
	}
	if err := writePair(dir, certPath, keyPath, ca.CertPEM, keyPEM); err != nil {
		return nil, err
	}
	return ca, nil
}

// LoadOrIssueServing returns the serving pair <dir>/<name>.crt and .key when
// it is signed by ca for server auth, covers every host, and is valid for at
// least RenewBefore more; otherwise it issues a new one with ca and writes it.
func LoadOrIssueServing(dir, name string, ca *CA, commonName string, hosts ...string) (*KeyPair, error) {
	return loadOrIssue(dir, name, ca,
		func(kp *KeyPair) bool { return verifyServing(ca, kp, hosts) == nil },
		func() (*KeyPair, error) { return ca.IssueServing(commonName, hosts...) })
}

// LoadOrIssueClient returns the client pair <dir>/<name>.crt and .key when
// it is signed by ca for client auth, names commonName in exactly the groups
// organizations, and is valid for at least RenewBefore more; otherwise it
// issues a new one with ca and writes it.
func LoadOrIssueClient(dir, name string, ca *CA, commonName string, organizations ...string) (*KeyPair, error) {
	return loadOrIssue(dir, name, ca,
		func(kp *KeyPair) bool {
			s := kp.Cert.Subject
			return verify(ca, kp.Cert, x509.ExtKeyUsageClientAuth, time.Now()) == nil &&
				s.CommonName == commonName && sameSet(s.Organization, organizations)
		},
		func() (*KeyPair, error) { return ca.IssueClient(commonName, organizations...) })
}

func verifyServing(ca *CA, kp *KeyPair, hosts []string) error {
	if err := verify(ca, kp.Cert, x509.ExtKeyUsageServerAuth, time.Now()); err != nil {
		return err
	}
	if !covers(kp.Cert, hosts) {
		return errors.New("pki: certificate does not cover every host")
	}
	return nil
}

func loadOrIssue(dir, name string, ca *CA, usable func(*KeyPair) bool, issue func() (*KeyPair, error)) (*KeyPair, error) {
	if name == "" || name != filepath.Base(name) {
		return nil, fmt.Errorf("pki: bad certificate name %q", name)
	}
	certPath, keyPath := filepath.Join(dir, name+".crt"), filepath.Join(dir, name+".key")
	certPEM, certErr := os.ReadFile(certPath)
	keyPEM, keyErr := os.ReadFile(keyPath)
	if certErr == nil && keyErr == nil {
		if kp, err := KeyPairFromPEM(certPEM, keyPEM); err == nil && usable(kp) {
			return kp, nil
		}
	}
	kp, err := issue()
	if err != nil {
		return nil, err
	}
	if err := writePair(dir, certPath, keyPath, kp.CertPEM, kp.KeyPEM); err != nil {
		return nil, err
	}
	return kp, nil
}

// writePair writes the key (0600) before the certificate (0644), so that a
// crash in between leaves a certificate that does not match, which the
// loaders detect, rather than a certificate without its key.
func writePair(dir, certPath, keyPath string, certPEM, keyPEM []byte) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("pki: %w", err)
	}
	if err := WriteFileAtomic(keyPath, keyPEM, 0o600); err != nil {
		return err
	}
	return WriteFileAtomic(certPath, certPEM, 0o644)
}

// WriteFileAtomic writes data to path with mode perm through a temporary file
// in the same directory that is synced and renamed into place, so readers see
// either the old content or the new, never a part.
func WriteFileAtomic(path string, data []byte, perm os.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("pki: %w", err)
	}
	tmp := f.Name()
	ok := false
	defer func() {
		if !ok {
			_ = os.Remove(tmp)
		}
	}()
	if err := f.Chmod(perm); err != nil {
		f.Close()
		return fmt.Errorf("pki: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("pki: writing %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("pki: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("pki: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("pki: %w", err)
	}
	ok = true
	return nil
}

func sameSet(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(slices.Compact(x), slices.Compact(y))
}
