package patch

import (
	"encoding/json"
	"strconv"
	"testing"
)

// at returns the JSON of the value at path in doc; list indexes are
// written as numbers.
func at(t *testing.T, doc []byte, path ...string) []byte {
	t.Helper()
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		t.Fatalf("result is not JSON: %v\n%s", err, doc)
	}
	for _, p := range path {
		switch c := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = c[p]; !ok {
				t.Fatalf("no %q in %s", p, doc)
			}
		case []any:
			i, err := strconv.Atoi(p)
			if err != nil || i >= len(c) {
				t.Fatalf("no element %q in %s", p, doc)
			}
			v = c[i]
		default:
			t.Fatalf("cannot descend into %v at %q", v, p)
		}
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
