package memory

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/orcaproj/orca/errdefs"
)

// continueToken is what a continue string carries: the revision every page
// of the list is read at, and the last key already returned.
type continueToken struct {
	Version int
	Rev     int64
	Last    string
}

// tokenJSON is continueToken on the wire. Keys are bytes, not necessarily
// UTF-8, so the key travels as []byte (base64 in JSON).
type tokenJSON struct {
	Version int    `json:"v"`
	Rev     int64  `json:"rev"`
	Last    []byte `json:"last"`
}

const tokenVersion = 1

func encodeContinue(rev int64, last string) string {
	b, err := json.Marshal(tokenJSON{Version: tokenVersion, Rev: rev, Last: []byte(last)})
	if err != nil {
		// A struct of an int and strings always marshals.
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeContinue parses and checks a continue token for prefix. Errors wrap
// errdefs.ErrBadRequest.
func decodeContinue(s, prefix string) (continueToken, error) {
	var tok continueToken
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return tok, fmt.Errorf("memory: continue token is not base64: %w", errdefs.ErrBadRequest)
	}
	var wire tokenJSON
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&wire); err != nil || dec.More() {
		return tok, fmt.Errorf("memory: continue token is malformed: %w", errdefs.ErrBadRequest)
	}
	tok = continueToken{Version: wire.Version, Rev: wire.Rev, Last: string(wire.Last)}
	switch {
	case tok.Version != tokenVersion:
		return tok, fmt.Errorf("memory: continue token version %d is not supported: %w", tok.Version, errdefs.ErrBadRequest)
	case tok.Rev <= 0:
		return tok, fmt.Errorf("memory: continue token revision %d is not positive: %w", tok.Rev, errdefs.ErrBadRequest)
	case !strings.HasPrefix(tok.Last, prefix):
		return tok, fmt.Errorf("memory: continue token does not belong to prefix %q: %w", prefix, errdefs.ErrBadRequest)
	}
	return tok, nil
}
