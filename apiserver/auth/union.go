package auth

import (
	"errors"
	"net/http"
	"slices"
)

type union []Authenticator

var _ Authenticator = union(nil)

// Union asks each authenticator in order and returns the first user found,
// with GroupAuthenticated added. If none finds a user, the errors of those
// that failed are joined (the request gets 401); if none failed either, the
// request carried no credentials: ok is false and err nil, which the API
// server also answers with 401 unless the union is wrapped in
// AllowAnonymous.
//
// As in Kubernetes, a later authenticator that succeeds wins over an earlier
// one that failed: a request with a valid client certificate and a stale
// bearer token is authenticated by the certificate.
func Union(authenticators ...Authenticator) Authenticator {
	return union(slices.Clone(authenticators))
}

// AuthenticateRequest implements Authenticator.
func (u union) AuthenticateRequest(r *http.Request) (*User, bool, error) {
	var errs []error
	for _, a := range u {
		user, ok, err := a.AuthenticateRequest(r)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if ok && user != nil {
			return withAuthenticatedGroup(user), true, nil
		}
	}
	return nil, false, errors.Join(errs...)
}

// withAuthenticatedGroup returns u with GroupAuthenticated added, unless it
// is already there or u is the anonymous user.
func withAuthenticatedGroup(u *User) *User {
	if u.Name == UserAnonymous || u.InGroup(GroupAuthenticated) {
		return u
	}
	c := copyUser(u)
	c.Groups = append(c.Groups, GroupAuthenticated)
	return c
}

type allowAnonymous struct{ next Authenticator }

// AllowAnonymous lets requests that carry no credentials through as
// UserAnonymous in GroupUnauthenticated (what RBAC then grants to that group
// applies: the bootstrap policy lets it read /healthz, /livez, /readyz and
// /version). Requests whose credentials fail still fail: a bad token is never
// downgraded to anonymous.
func AllowAnonymous(next Authenticator) Authenticator {
	return allowAnonymous{next: next}
}

// AuthenticateRequest implements Authenticator.
func (a allowAnonymous) AuthenticateRequest(r *http.Request) (*User, bool, error) {
	u, ok, err := a.next.AuthenticateRequest(r)
	if err != nil || ok {
		return u, ok, err
	}
	return AnonymousUser(), true, nil
}

// AnonymousUser returns a new anonymous user.
func AnonymousUser() *User {
	return &User{Name: UserAnonymous, Groups: []string{GroupUnauthenticated}}
}
