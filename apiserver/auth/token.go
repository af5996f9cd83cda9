package auth

import (
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"

	"github.com/orcaproj/orca/errdefs"
)

// errInvalidToken is what a request with an unknown bearer token gets.
var errInvalidToken = fmt.Errorf("invalid bearer token: %w", errdefs.ErrUnauthorized)

// tokenAuthenticator holds users by the SHA-256 digest of their token, and
// never compares tokens themselves. This is the timing-safe form of a token
// comparison: how long the map lookup takes depends only on the digest of
// the presented token, which an attacker cannot steer towards a stored one,
// so it reveals nothing about stored tokens (a byte-wise compare of the raw
// tokens would). It also keeps lookups O(1) for large token files.
type tokenAuthenticator struct {
	users map[[sha256.Size]byte]*User
}

var _ Authenticator = (*tokenAuthenticator)(nil)

// NewTokenAuthenticator authenticates bearer tokens against tokens, a map
// from token to user. The map and users are copied. Empty tokens are ignored.
func NewTokenAuthenticator(tokens map[string]*User) Authenticator {
	a := &tokenAuthenticator{users: make(map[[sha256.Size]byte]*User, len(tokens))}
	for tok, u := range tokens {
		if tok == "" || u == nil {
			continue
		}
		a.users[sha256.Sum256([]byte(tok))] = copyUser(u)
	}
	return a
}

// NewTokenFileAuthenticator reads a Kubernetes static token file (the API
// server's --token-auth-file): CSV with at least three columns, token, user
// name, uid, and an optional fourth with the user's groups, comma-separated
// (quote the field when there are several: "group1,group2"). Columns past the
// fourth are ignored. The file is read once.
//
// Unlike Kubernetes, which skips empty tokens and lets a duplicate token
// override the earlier one with a warning, a line with an empty token or user
// name, or a token already used, is an error here: each is a configuration
// mistake that would otherwise surface as a puzzling 401.
func NewTokenFileAuthenticator(path string) (Authenticator, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("auth: token file: %w", err)
	}
	defer f.Close()
	tokens, err := ParseTokenFile(f)
	if err != nil {
		return nil, fmt.Errorf("auth: token file %s: %w", path, err)
	}
	return NewTokenAuthenticator(tokens), nil
}

// ParseTokenFile parses the static token file format described at
// NewTokenFileAuthenticator into a map from token to user.
func ParseTokenFile(r io.Reader) (map[string]*User, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	tokens := map[string]*User{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		switch {
		case len(rec) < 3:
			return nil, fmt.Errorf("line %d: want at least 3 columns (token, user name, user uid), found %d", line, len(rec))
		case rec[0] == "":
			return nil, fmt.Errorf("line %d: empty token", line)
		case rec[1] == "":
			return nil, fmt.Errorf("line %d: empty user name", line)
		}
		if _, dup := tokens[rec[0]]; dup {
			return nil, fmt.Errorf("line %d: token of user %q is already in use", line, rec[1])
		}
		u := &User{Name: rec[1], UID: rec[2]}
		if len(rec) >= 4 {
			for g := range strings.SplitSeq(rec[3], ",") {
				if g = strings.TrimSpace(g); g != "" {
					u.Groups = append(u.Groups, g)
				}
			}
		}
		tokens[rec[0]] = u
	}
	return tokens, nil
}

// AuthenticateRequest implements Authenticator. A request without a bearer
// token is not this authenticator's (ok false, no error); one with a token it
// does not know fails with an error wrapping errdefs.ErrUnauthorized.
func (a *tokenAuthenticator) AuthenticateRequest(r *http.Request) (*User, bool, error) {
	tok, ok := BearerToken(r)
	if !ok {
		return nil, false, nil
	}
	sum := sha256.Sum256([]byte(tok))
	u, found := a.users[sum]
	if !found {
		return nil, false, errInvalidToken
	}
	return copyUser(u), true, nil
}

// BearerToken returns the token of an "Authorization: Bearer <token>" header.
// The scheme is case-insensitive, as in Kubernetes; an empty token is no token.
func BearerToken(r *http.Request) (string, bool) {
	h := strings.TrimSpace(r.Header.Get("Authorization"))
	scheme, tok, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "bearer") {
		return "", false
	}
	tok = strings.TrimSpace(tok)
	if tok == "" || strings.ContainsAny(tok, " \t") {
		return "", false
	}
	return tok, true
}

// copyUser returns a copy of u that shares no slices or maps with it.
func copyUser(u *User) *User {
	c := &User{Name: u.Name, UID: u.UID, Groups: slices.Clone(u.Groups)}
	if u.Extra != nil {
		c.Extra = make(map[string][]string, len(u.Extra))
		for k, v := range u.Extra {
			c.Extra[k] = slices.Clone(v)
		}
	}
	return c
}
