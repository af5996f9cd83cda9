package auth

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/errdefs"
)

func TestParseTokenFile(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		want    map[string]*User
		wantErr string
	}{
		{
			name: "three and four columns",
			in:   "tok1,alice,uid-1\ntok2,bob,uid-2,\"dev,ops\"\ntok3,carol,,ops\n",
			want: map[string]*User{
				"tok1": {Name: "alice", UID: "uid-1"},
				"tok2": {Name: "bob", UID: "uid-2", Groups: []string{"dev", "ops"}},
				"tok3": {Name: "carol", Groups: []string{"ops"}},
			},
		},
		{
			name: "blank lines, spaces in groups, extra columns ignored",
			in:   "\ntok1,alice,1,\" a , ,b \",extra\n\n",
			want: map[string]*User{"tok1": {Name: "alice", UID: "1", Groups: []string{"a", "b"}}},
		},
		{name: "empty file", in: "", want: map[string]*User{}},
		{name: "too few columns", in: "tok1,alice,1\ntok2,bob\n", wantErr: "line 2: want at least 3 columns"},
		{name: "empty token", in: ",alice,1\n", wantErr: "line 1: empty token"},
		{name: "empty user", in: "tok,,1\n", wantErr: "line 1: empty user name"},
		{name: "duplicate token", in: "tok,alice,1\ntok,bob,2\n", wantErr: `line 2: token of user "bob" is already in use`},
		{name: "bad quoting", in: "tok,alice,1,\"dev\n", wantErr: "extraneous or missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := ParseTokenFile(strings.NewReader(tt.in))
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestNewTokenFileAuthenticator(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "tokens.csv")
	require.NoError(t, os.WriteFile(path, []byte("s3cret,admin,42,\"system:masters\"\n"), 0o600))
	a, err := NewTokenFileAuthenticator(path)
	require.NoError(t, err)
	u, ok, err := a.AuthenticateRequest(bearer("s3cret"))
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, &User{Name: "admin", UID: "42", Groups: []string{GroupMasters}}, u)

	_, err = NewTokenFileAuthenticator(filepath.Join(dir, "missing.csv"))
	require.Error(t, err)
	require.NoError(t, os.WriteFile(path, []byte("only,two\n"), 0o600))
	_, err = NewTokenFileAuthenticator(path)
	require.ErrorContains(t, err, path)
}

func bearer(tok string) *http.Request {
	r, _ := http.NewRequest(http.MethodGet, "https://example/api", nil)
	r.Header.Set("Authorization", "Bearer "+tok)
	return r
}

func TestTokenAuthenticator(t *testing.T) {
	t.Parallel()
	src := map[string]*User{"tok-a": {Name: "alice", Groups: []string{"dev"}, Extra: map[string][]string{"k": {"v"}}}, "": {Name: "nobody"}}
	a := NewTokenAuthenticator(src)
	src["tok-a"].Groups[0] = "changed after construction"

	header := func(v string) *http.Request {
		r, _ := http.NewRequest(http.MethodGet, "/", nil)
		if v != "" {
			r.Header.Set("Authorization", v)
		}
		return r
	}
	tests := []struct {
		name    string
		req     *http.Request
		want    *User
		wantErr bool
	}{
		{name: "no header", req: header("")},
		{name: "basic auth is not ours", req: header("Basic YWxpY2U6cHc=")},
		{name: "empty bearer", req: header("Bearer ")},
		{name: "bearer without space", req: header("Bearertok-a")},
		{name: "token with spaces", req: header("Bearer tok a")},
		{name: "unknown token", req: header("Bearer nope"), wantErr: true},
		{name: "known token", req: header("Bearer tok-a"), want: &User{Name: "alice", Groups: []string{"dev"}, Extra: map[string][]string{"k": {"v"}}}},
		{name: "scheme is case-insensitive", req: header("bearer tok-a"), want: &User{Name: "alice", Groups: []string{"dev"}, Extra: map[string][]string{"k": {"v"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			u, ok, err := a.AuthenticateRequest(tt.req)
			if tt.wantErr {
				require.ErrorIs(t, err, errdefs.ErrUnauthorized)
				assert.False(t, ok)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want != nil, ok)
			assert.Equal(t, tt.want, u)
		})
	}

	// Each call hands out its own copy.
	u1, _, _ := a.AuthenticateRequest(header("Bearer tok-a"))
	u1.Groups[0] = "mutated"
	u1.Extra["k"][0] = "mutated"
	u2, _, _ := a.AuthenticateRequest(header("Bearer tok-a"))
	assert.Equal(t, []string{"dev"}, u2.Groups)
	assert.Equal(t, []string{"v"}, u2.Extra["k"])
}
