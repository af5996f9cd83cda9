package auth

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUnion(t *testing.T) {
	t.Parallel()
	none := AuthenticatorFunc(func(*http.Request) (*User, bool, error) { return nil, false, nil })
	fail := AuthenticatorFunc(func(*http.Request) (*User, bool, error) { return nil, false, errors.New("bad credentials") })
	alice := &User{Name: "alice", Groups: []string{"dev"}}
	found := AuthenticatorFunc(func(*http.Request) (*User, bool, error) { return alice, true, nil })
	already := AuthenticatorFunc(func(*http.Request) (*User, bool, error) {
		return &User{Name: "bob", Groups: []string{GroupAuthenticated}}, true, nil
	})
	anon := AuthenticatorFunc(func(*http.Request) (*User, bool, error) { return AnonymousUser(), true, nil })

	tests := []struct {
		name    string
		a       Authenticator
		want    *User
		wantErr string
	}{
		{name: "empty union", a: Union()},
		{name: "nobody recognises the request", a: Union(none, none)},
		{name: "first success wins", a: Union(none, found, already), want: &User{Name: "alice", Groups: []string{"dev", GroupAuthenticated}}},
		{name: "success after a failure", a: Union(fail, found), want: &User{Name: "alice", Groups: []string{"dev", GroupAuthenticated}}},
		{name: "group not added twice", a: Union(already), want: &User{Name: "bob", Groups: []string{GroupAuthenticated}}},
		{name: "anonymous is not authenticated", a: Union(anon), want: AnonymousUser()},
		{name: "failures are joined", a: Union(fail, none, fail), wantErr: "bad credentials\nbad credentials"},
		{name: "anonymous when no credentials", a: AllowAnonymous(Union(none)), want: AnonymousUser()},
		{name: "anonymous never after a failure", a: AllowAnonymous(Union(fail)), wantErr: "bad credentials"},
		{name: "anonymous does not hide a user", a: AllowAnonymous(Union(found)), want: &User{Name: "alice", Groups: []string{"dev", GroupAuthenticated}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			u, ok, err := tt.a.AuthenticateRequest(httptest.NewRequest(http.MethodGet, "/", nil))
			if tt.wantErr != "" {
				require.EqualError(t, err, tt.wantErr)
				assert.False(t, ok)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want != nil, ok)
			assert.Equal(t, tt.want, u)
		})
	}
	assert.Equal(t, []string{"dev"}, alice.Groups, "the union must not change the authenticator's user")
}

func TestServiceAccountNames(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "system:serviceaccount:ns1:builder", ServiceAccountUsername("ns1", "builder"))
	tests := []struct {
		in       string
		ns, name string
		ok       bool
	}{
		{"system:serviceaccount:ns1:builder", "ns1", "builder", true},
		{"system:serviceaccount:ns1", "", "", false},
		{"system:serviceaccount::x", "", "", false},
		{"system:serviceaccount:a:b:c", "", "", false},
		{"alice", "", "", false},
	}
	for _, tt := range tests {
		ns, name, ok := SplitServiceAccountUsername(tt.in)
		assert.Equal(t, []any{tt.ns, tt.name, tt.ok}, []any{ns, name, ok}, tt.in)
	}
	u := ServiceAccountUser("ns1", "builder")
	assert.True(t, u.InGroup("system:serviceaccounts:ns1"))
	assert.True(t, u.InGroup(GroupServiceAccounts))

	n, ok := NodeName(&User{Name: "system:node:n1", Groups: []string{GroupNodes}})
	assert.True(t, ok)
	assert.Equal(t, "n1", n)
	_, ok = NodeName(&User{Name: "system:node:n1"})
	assert.False(t, ok, "the group is required")
	_, ok = NodeName(&User{Name: "alice", Groups: []string{GroupNodes}})
	assert.False(t, ok)
}
