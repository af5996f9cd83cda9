package patch

import (
	"encoding/json"
	"fmt"

	jsonpatch "github.com/evanphx/json-patch/v5"

	"github.com/orcaproj/orca/errdefs"
)

// applyJSONPatch applies an RFC 6902 patch the way kube-apiserver does: a
// patch that does not decode is a bad request, one with too many operations
// is too large, and one whose operations fail against the object (including
// a failed test) is 422 Invalid.
func applyJSONPatch(original, patch []byte) (out []byte, err error) {
	defer func() {
		// The library has crashed on hostile input before (see the test
		// check below); a crash is the patch's fault, not the server's.
		if r := recover(); r != nil {
			out, err = nil, invalid("the json patch cannot be applied: %v", r)
		}
	}()
	// A body that is not a list of objects is a bad request; a list whose
	// operations are malformed (an unknown op, a missing value) fails to
	// apply, which kube-apiserver answers with 422.
	var raw []map[string]json.RawMessage
	if err := json.Unmarshal(patch, &raw); err != nil {
		return nil, badRequest("error decoding json patch: %v", err)
	}
	if len(raw) > MaxJSONPatchOperations {
		return nil, &patchError{
			kind: errdefs.ErrRequestEntityTooLarge,
			msg:  fmt.Sprintf("The allowed maximum operations in a JSON patch is %d, got %d", MaxJSONPatchOperations, len(raw)),
		}
	}
	for i, op := range raw {
		// RFC 6902 requires a value for test; the library would crash on
		// a root test without one.
		var kind string
		if json.Unmarshal(op["op"], &kind) == nil && kind == "test" {
			if _, ok := op["value"]; !ok {
				return nil, invalid("invalid operation %d: test operation has no value", i)
			}
		}
	}
	ops, err := jsonpatch.DecodePatch(patch)
	if err != nil {
		return nil, invalid("%v", err)
	}
	opts := jsonpatch.NewApplyOptions()
	opts.AccumulatedCopySizeLimit = MaxCopyBytes
	opts.EscapeHTML = false
	// The library works on its own copy of original; it never writes to
	// the caller's slice.
	out, err = ops.ApplyWithOptions(original, opts)
	if err != nil {
		return nil, invalid("%v", err)
	}
	return out, nil
}

// applyMergePatch applies an RFC 7386 merge patch. A patch that is not a
// JSON object replaces the whole document, which Apply then rejects.
func applyMergePatch(original, patch []byte) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, badRequest("the merge patch cannot be applied: %v", r)
		}
	}()
	out, err = jsonpatch.MergePatch(original, patch)
	if err != nil {
		return nil, badRequest("%v", err)
	}
	return out, nil
}
