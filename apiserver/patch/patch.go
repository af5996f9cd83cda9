package patch

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"reflect"
	"strings"

	"github.com/orcaproj/orca/errdefs"
)

// Type is a patch media type, the Content-Type of a PATCH request.
type Type string

// The patch types Kubernetes defines.
const (
	// JSONPatch is RFC 6902: a list of add, remove, replace, move, copy and
	// test operations.
	JSONPatch Type = "application/json-patch+json"
	// MergePatch is RFC 7386: an object merged key by key, where null
	// deletes and lists are replaced whole.
	MergePatch Type = "application/merge-patch+json"
	// StrategicMergePatch is Kubernetes' merge patch that merges lists by
	// key, driven by the patchStrategy and patchMergeKey struct tags of the
	// kind's Go type. Custom kinds do not accept it.
	StrategicMergePatch Type = "application/strategic-merge-patch+json"
	// ApplyPatch is server-side apply. orca recognises it and refuses it
	// for now: Apply answers ErrUnsupportedMediaType.
	ApplyPatch Type = "application/apply-patch+yaml"
)

// Limits that protect the server from hostile patches.
const (
	// MaxJSONPatchOperations is the most operations one JSON patch may hold,
	// as in kube-apiserver. A longer patch gets ErrRequestEntityTooLarge.
	MaxJSONPatchOperations = 10000
	// MaxCopyBytes bounds how much a JSON patch's copy operations may add
	// to the document in total (kube-apiserver's JSONPatchMaxCopyBytes).
	// Add operations can only add what the patch body carries, so the
	// result is at most the original plus the patch plus MaxCopyBytes.
	MaxCopyBytes = 3 << 20
)

// acceptedCustom is what kube-apiserver lists in its 415 answer for custom
// resources, which take every patch type but strategic merge patch.
var acceptedCustom = []Type{JSONPatch, MergePatch, ApplyPatch}

// acceptedBuiltin is the list for built-in kinds.
var acceptedBuiltin = []Type{JSONPatch, MergePatch, StrategicMergePatch, ApplyPatch}

// Accepted returns the patch types a kind accepts, in the order
// kube-apiserver lists them: every type for a kind with a Go schema, and
// every type but StrategicMergePatch for a custom kind (schema nil).
// ApplyPatch is listed, as Kubernetes does, though Apply rejects it.
func Accepted(schema reflect.Type) []Type {
	if schema == nil {
		return append([]Type(nil), acceptedCustom...)
	}
	return append([]Type(nil), acceptedBuiltin...)
}

// ParseType parses a Content-Type header, ignoring parameters such as
// charset and letter case. An unknown media type gets an error wrapping
// errdefs.ErrUnsupportedMediaType whose message is the one kube-apiserver
// sends with its 415.
func ParseType(contentType string) (Type, error) {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(contentType))
	}
	switch t := Type(mt); t {
	case JSONPatch, MergePatch, StrategicMergePatch, ApplyPatch:
		return t, nil
	}
	return "", unsupported(acceptedBuiltin)
}

// Apply applies a patch of type t to original, the JSON of the stored
// object, and returns the patched object's JSON. schema is the Go struct
// type of the kind (reflect.TypeOf(apiobj.Pod{}), a pointer to it works
// too), or nil for a custom kind held as Unstructured; only strategic merge
// patch reads it.
//
// Apply never modifies original or patch. Its result is always a JSON
// object; it does not validate the object against its kind, which is the
// caller's next step. Errors wrap errdefs sentinels and their Error text is
// meant for the Status message as it is (for 413 and 415 it is
// kube-apiserver's exact text):
//
//   - ErrBadRequest (400): the patch is malformed, uses a directive wrongly,
//     or would turn the object into something that is not a JSON object.
//   - ErrInvalid (422): a JSON patch operation is malformed or fails to
//     apply (an unknown op, a test that does not hold, a missing path, more
//     than MaxCopyBytes copied), or a strategic merge patch sets a key its
//     $retainKeys list leaves out, or holds a list of lists.
//   - ErrRequestEntityTooLarge (413): more than MaxJSONPatchOperations
//     operations.
//   - ErrUnsupportedMediaType (415): an unknown type, ApplyPatch, or
//     StrategicMergePatch with a nil schema.
//   - ErrInternal (500): original is not a JSON object.
func Apply(t Type, original, patch []byte, schema reflect.Type) ([]byte, error) {
	switch t {
	case JSONPatch, MergePatch:
	case StrategicMergePatch:
		if schema == nil {
			return nil, unsupported(acceptedCustom)
		}
	case ApplyPatch:
		return nil, &patchError{
			kind: errdefs.ErrUnsupportedMediaType,
			msg:  "server-side apply (" + string(ApplyPatch) + ") is not supported yet; use client-side apply (kubectl apply without --server-side)",
		}
	default:
		if schema == nil {
			return nil, unsupported(acceptedCustom)
		}
		return nil, unsupported(acceptedBuiltin)
	}
	if !isObject(original) {
		return nil, &patchError{kind: errdefs.ErrInternal, msg: "the stored object is not a JSON object"}
	}
	var out []byte
	var err error
	switch t {
	case JSONPatch:
		out, err = applyJSONPatch(original, patch)
	case MergePatch:
		out, err = applyMergePatch(original, patch)
	default:
		out, err = applyStrategic(original, patch, schema)
	}
	if err != nil {
		return nil, err
	}
	if !isObject(out) {
		return nil, badRequest("the patch does not leave a JSON object")
	}
	return out, nil
}

// patchError carries a sentinel for errors.Is and the message that goes
// into the Kubernetes Status unchanged.
type patchError struct {
	kind error
	msg  string
}

func (e *patchError) Error() string { return e.msg }
func (e *patchError) Unwrap() error { return e.kind }

func badRequest(format string, args ...any) error {
	return &patchError{kind: errdefs.ErrBadRequest, msg: fmt.Sprintf(format, args...)}
}

func invalid(format string, args ...any) error {
	return &patchError{kind: errdefs.ErrInvalid, msg: fmt.Sprintf(format, args...)}
}

func unsupported(accepted []Type) error {
	s := make([]string, len(accepted))
	for i, t := range accepted {
		s[i] = string(t)
	}
	return &patchError{
		kind: errdefs.ErrUnsupportedMediaType,
		msg:  "the body of the request was in an unknown format - accepted media types include: " + strings.Join(s, ", "),
	}
}

// isObject reports whether b is exactly one valid JSON object.
func isObject(b []byte) bool {
	t := bytes.TrimLeft(b, " \t\r\n")
	return len(t) > 0 && t[0] == '{' && json.Valid(b)
}

// decode parses one JSON value, keeping numbers exact as json.Number, and
// rejects trailing data.
func decode(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("invalid character after top-level value")
	}
	return v, nil
}

// encode writes v as compact JSON without HTML escaping.
func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
