package auth

import (
	"bytes"
	"testing"
)

// FuzzParseTokenFile: any input either fails or yields users with names and
// non-empty tokens, and never panics.
func FuzzParseTokenFile(f *testing.F) {
	f.Add([]byte("tok,alice,1,\"a,b\"\n"))
	f.Add([]byte("tok,alice\n"))
	f.Add([]byte("\"unterminated,alice,1\n"))
	f.Add([]byte(",,,\n\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		users, err := ParseTokenFile(bytes.NewReader(data))
		if err != nil {
			return
		}
		for tok, u := range users {
			if tok == "" || u.Name == "" {
				t.Fatalf("accepted an empty token or user: %q -> %+v", tok, u)
			}
			for _, g := range u.Groups {
				if g == "" {
					t.Fatalf("empty group for %q", u.Name)
				}
			}
		}
	})
}
