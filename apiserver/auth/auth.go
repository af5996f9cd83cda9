package auth

import (
	"context"
	"net/http"
)

// Well-known users and groups.
const (
	// GroupMasters may do anything.
	GroupMasters = "system:masters"
	// GroupAuthenticated is added to every authenticated user.
	GroupAuthenticated = "system:authenticated"
	// GroupUnauthenticated is the group of the anonymous user.
	GroupUnauthenticated = "system:unauthenticated"
	// UserAnonymous is the name of an unauthenticated caller, where allowed.
	UserAnonymous = "system:anonymous"
	// GroupNodes holds node agents (CN system:node:<name>).
	GroupNodes = "system:nodes"
	// NodeUserPrefix starts every node agent's user name.
	NodeUserPrefix = "system:node:"
)

// User is an authenticated identity.
type User struct {
	Name   string
	UID    string
	Groups []string
	Extra  map[string][]string
}

// InGroup reports whether u is in group g.
func (u *User) InGroup(g string) bool {
	for _, x := range u.Groups {
		if x == g {
			return true
		}
	}
	return false
}

type userKey struct{}

// WithUser returns ctx carrying u. The in-process transport uses it to pass
// the caller's identity without a socket.
func WithUser(ctx context.Context, u *User) context.Context {
	return context.WithValue(ctx, userKey{}, u)
}

// UserFrom returns the user in ctx, if any.
func UserFrom(ctx context.Context) (*User, bool) {
	u, ok := ctx.Value(userKey{}).(*User)
	return u, ok && u != nil
}

// Authenticator finds who sent a request. ok is false when the request
// carries no credentials this authenticator understands; err is set when it
// carries credentials that are wrong (the request then gets 401).
type Authenticator interface {
	AuthenticateRequest(r *http.Request) (u *User, ok bool, err error)
}

// AuthenticatorFunc adapts a function to Authenticator.
type AuthenticatorFunc func(r *http.Request) (*User, bool, error)

// AuthenticateRequest implements Authenticator.
func (f AuthenticatorFunc) AuthenticateRequest(r *http.Request) (*User, bool, error) { return f(r) }

// Attributes describe one request to an Authorizer.
type Attributes struct {
	User *User
	// Verb is the API verb (get, list, watch, create, update, patch, delete,
	// deletecollection) for resource requests, or the lower-cased HTTP
	// method for non-resource requests.
	Verb string
	// ResourceRequest is false for paths such as /healthz and /version.
	ResourceRequest bool
	Namespace       string
	APIGroup        string
	APIVersion      string
	Resource        string
	Subresource     string
	Name            string
	// Path is the request path, for non-resource requests.
	Path string
}

// Decision is an Authorizer's answer.
type Decision int

const (
	// DecisionNoOpinion lets the next authorizer decide; at the end of the
	// chain it means deny.
	DecisionNoOpinion Decision = iota
	// DecisionAllow permits the request.
	DecisionAllow
	// DecisionDeny forbids it without asking further authorizers.
	DecisionDeny
)

// Authorizer decides whether a request is allowed. reason explains a denial
// (it is shown in the 403 message).
type Authorizer interface {
	Authorize(ctx context.Context, a Attributes) (d Decision, reason string, err error)
}

// AuthorizerFunc adapts a function to Authorizer.
type AuthorizerFunc func(ctx context.Context, a Attributes) (Decision, string, error)

// Authorize implements Authorizer.
func (f AuthorizerFunc) Authorize(ctx context.Context, a Attributes) (Decision, string, error) {
	return f(ctx, a)
}
