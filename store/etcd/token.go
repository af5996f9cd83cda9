package etcd

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/orcaproj/orca/errdefs"
)

// continueToken is what a continue string carries: the revision every page
// of a list is read at, and the last key (without the store prefix) already
// returned. The key is bytes, not a string, so that JSON keeps keys that are
// not UTF-8 intact.
type continueToken struct {
	Version int    `json:"v"`
	Rev     int64  `json:"rev"`
	Last    []byte `json:"last"`
}

const tokenVersion = 1

func encodeContinue(rev int64, last string) string {
	b, err := json.Marshal(continueToken{Version: tokenVersion, Rev: rev, Last: []byte(last)})
	if err != nil {
		panic(err) // an int and strings always marshal
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeContinue parses a continue token and checks that it belongs to a list
// of prefix. Errors wrap errdefs.ErrBadRequest.
func decodeContinue(s, prefix string) (continueToken, error) {
	var tok continueToken
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return tok, fmt.Errorf("store/etcd: continue token is not base64: %w", errdefs.ErrBadRequest)
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&tok); err != nil || dec.More() {
		return tok, fmt.Errorf("store/etcd: continue token is malformed: %w", errdefs.ErrBadRequest)
	}
	switch {
	case tok.Version != tokenVersion:
		return tok, fmt.Errorf("store/etcd: continue token version %d is not supported: %w", tok.Version, errdefs.ErrBadRequest)
	case tok.Rev <= 0:
		return tok, fmt.Errorf("store/etcd: continue token revision %d is not positive: %w", tok.Rev, errdefs.ErrBadRequest)
	case !strings.HasPrefix(string(tok.Last), prefix):
		return tok, fmt.Errorf("store/etcd: continue token does not belong to prefix %q: %w", prefix, errdefs.ErrBadRequest)
	}
	return tok, nil
}
