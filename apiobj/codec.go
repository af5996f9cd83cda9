package apiobj

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	kjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"

	"github.com/orcaproj/orca/errdefs"
)

// Codec decodes and encodes objects as JSON and YAML, by the kinds of a
// Scheme. Decoding is case-sensitive and keeps integers exact, as Kubernetes'
// is. Encoding is deterministic: the same object always gives the same bytes
// (struct fields in declaration order, map keys sorted).
//
// A Codec is safe for concurrent use.
//
// orca:nodeepcopy
type Codec struct {
	scheme *Scheme
}

// NewCodec returns a codec over scheme.
func NewCodec(scheme *Scheme) *Codec { return &Codec{scheme: scheme} }

// Scheme returns the codec's scheme.
func (c *Codec) Scheme() *Scheme { return c.scheme }

// DecodeOption tweaks one decode.
type DecodeOption func(*decodeOptions)

type decodeOptions struct {
	strict bool
}

// Strict reports unknown and duplicate fields as a *StrictDecodingError,
// returned together with the fully decoded object. Callers choose whether it
// is fatal (fieldValidation=Strict) or a warning (Warn).
func Strict() DecodeOption { return func(o *decodeOptions) { o.strict = true } }

// StrictDecodingError lists unknown and duplicate fields found by a Strict
// decode. The object was decoded all the same.
type StrictDecodingError struct {
	// Errors are messages such as `unknown field "spec.foo"`.
	Errors []string
}

func (e *StrictDecodingError) Error() string {
	return "strict decoding error: " + strings.Join(e.Errors, ", ")
}

// Is makes a StrictDecodingError match errdefs.ErrBadRequest.
func (e *StrictDecodingError) Is(target error) bool { return target == errdefs.ErrBadRequest }

// IsStrictDecodingError reports whether err is only a strict decoding error.
func IsStrictDecodingError(err error) (*StrictDecodingError, bool) {
	var se *StrictDecodingError
	ok := errors.As(err, &se)
	return se, ok
}

func badRequest(format string, args ...any) error {
	return fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), errdefs.ErrBadRequest)
}

// IsJSON reports whether data looks like JSON rather than YAML.
func IsJSON(data []byte) bool {
	t := bytes.TrimLeft(data, " \t\r\n")
	return len(t) > 0 && (t[0] == '{' || t[0] == '[')
}

// ToJSON returns data as JSON, converting from YAML when needed. With strict,
// duplicate YAML keys are reported in the returned strict messages.
func ToJSON(data []byte, strict bool) ([]byte, []string, error) {
	if IsJSON(data) {
		return data, nil, nil
	}
	if strict {
		j, err := yaml.YAMLToJSONStrict(data)
		if err == nil {
			return j, nil, nil
		}
		j, err2 := yaml.YAMLToJSON(data)
		if err2 != nil {
			return nil, nil, badRequest("yaml: %v", err2)
		}
		return j, []string{err.Error()}, nil
	}
	j, err := yaml.YAMLToJSON(data)
	if err != nil {
		return nil, nil, badRequest("yaml: %v", err)
	}
	return j, nil, nil
}

type typeProbe struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
}

// PeekKind returns the apiVersion and kind of a JSON or YAML document.
func PeekKind(data []byte) (GroupVersionKind, error) {
	j, _, err := ToJSON(data, false)
	if err != nil {
		return GroupVersionKind{}, err
	}
	var p typeProbe
	if err := kjson.UnmarshalCaseSensitivePreserveInts(j, &p); err != nil {
		return GroupVersionKind{}, badRequest("decoding apiVersion and kind: %v", err)
	}
	return FromAPIVersionAndKind(p.APIVersion, p.Kind), nil
}

// Decode decodes one JSON or YAML document into the typed object of its
// apiVersion and kind, or into Unstructured when the kind has no Go type or
// is unknown. A list document yields an error; use DecodeAny for lists.
func (c *Codec) Decode(data []byte, opts ...DecodeOption) (Object, error) {
	t, err := c.DecodeAny(data, opts...)
	if t == nil {
		return nil, err
	}
	o, ok := t.(Object)
	if !ok {
		return nil, badRequest("%v is a list, not an object", t.GroupVersionKind())
	}
	return o, err
}

// DecodeAny decodes one document into an object or a list.
func (c *Codec) DecodeAny(data []byte, opts ...DecodeOption) (Typed, error) {
	j, yamlStrict, err := ToJSON(data, isStrict(opts))
	if err != nil {
		return nil, err
	}
	var p typeProbe
	if err := kjson.UnmarshalCaseSensitivePreserveInts(j, &p); err != nil {
		return nil, badRequest("decoding apiVersion and kind: %v", err)
	}
	if p.Kind == "" {
		return nil, badRequest("Object 'Kind' is missing in '%s'", truncate(j))
	}
	if p.APIVersion == "" {
		return nil, badRequest("Object 'apiVersion' is missing in '%s'", truncate(j))
	}
	gvk := FromAPIVersionAndKind(p.APIVersion, p.Kind)
	var into Typed
	if k, ok := c.scheme.Kind(gvk); ok && k.New != nil {
		into = k.New()
	} else if k, ok := c.scheme.KindForList(gvk); ok && k.NewList != nil {
		into = k.NewList()
	} else if strings.HasSuffix(gvk.Kind, "List") {
		into = &UnstructuredList{}
	} else {
		into = &Unstructured{}
	}
	err = c.decodeJSONInto(j, into, yamlStrict, opts)
	if err != nil {
		if _, ok := IsStrictDecodingError(err); !ok {
			return nil, err
		}
	}
	into.SetGroupVersionKind(gvk)
	return into, err
}

// DecodeInto decodes one JSON or YAML document into into, whatever its kind
// field says.
func (c *Codec) DecodeInto(data []byte, into Typed, opts ...DecodeOption) error {
	j, yamlStrict, err := ToJSON(data, isStrict(opts))
	if err != nil {
		return err
	}
	return c.decodeJSONInto(j, into, yamlStrict, opts)
}

func isStrict(opts []DecodeOption) bool {
	var o decodeOptions
	for _, f := range opts {
		f(&o)
	}
	return o.strict
}

func (c *Codec) decodeJSONInto(j []byte, into Typed, pre []string, opts []DecodeOption) error {
	if !isStrict(opts) {
		if err := kjson.UnmarshalCaseSensitivePreserveInts(j, into); err != nil {
			return badRequest("%s", describeJSONError(err))
		}
		return nil
	}
	strictErrs, err := kjson.UnmarshalStrict(j, into, kjson.DisallowDuplicateFields, kjson.DisallowUnknownFields)
	if err != nil {
		return badRequest("%s", describeJSONError(err))
	}
	msgs := pre
	for _, e := range strictErrs {
		msgs = append(msgs, strings.TrimPrefix(e.Error(), "json: "))
	}
	if len(msgs) > 0 {
		return &StrictDecodingError{Errors: msgs}
	}
	return nil
}

func describeJSONError(err error) string {
	if ok, off := kjson.SyntaxErrorOffset(err); ok {
		return fmt.Sprintf("invalid JSON at offset %d: %v", off, err)
	}
	return err.Error()
}

func truncate(b []byte) string {
	const n = 200
	if len(b) > n {
		return string(b[:n]) + "..."
	}
	return string(b)
}

// DecodeAll decodes every document of a multi-document YAML stream (or a
// JSON object, or a stream of JSON objects). Documents of kind List, and
// typed lists, are flattened into their items. Empty documents are skipped.
func (c *Codec) DecodeAll(data []byte, opts ...DecodeOption) ([]Object, error) {
	docs, err := SplitDocuments(data)
	if err != nil {
		return nil, err
	}
	var out []Object
	var strict []string
	for i, d := range docs {
		t, err := c.DecodeAny(d, opts...)
		if se, ok := IsStrictDecodingError(err); ok {
			strict = append(strict, se.Errors...)
		} else if err != nil {
			return nil, fmt.Errorf("document %d: %w", i, err)
		}
		switch v := t.(type) {
		case Object:
			out = append(out, v)
		case ListObject:
			for _, it := range v.GetItems() {
				if u, ok := it.(*Unstructured); ok && v.GroupVersionKind().Kind == "List" {
					// A v1 List holds any kinds: decode each item by its own kind.
					b, err := u.MarshalJSON()
					if err != nil {
						return nil, err
					}
					o, err := c.Decode(b, opts...)
					if se, ok := IsStrictDecodingError(err); ok {
						strict = append(strict, se.Errors...)
					} else if err != nil {
						return nil, fmt.Errorf("document %d: %w", i, err)
					}
					out = append(out, o)
					continue
				}
				out = append(out, it)
			}
		}
	}
	if len(strict) > 0 {
		return out, &StrictDecodingError{Errors: strict}
	}
	return out, nil
}

// SplitDocuments splits a YAML stream on "---" separator lines, or a JSON
// stream into its top-level values. Documents with nothing but comments and
// whitespace are dropped.
func SplitDocuments(data []byte) ([][]byte, error) {
	if IsJSON(data) {
		dec := json.NewDecoder(bytes.NewReader(data))
		var out [][]byte
		for {
			var raw json.RawMessage
			err := dec.Decode(&raw)
			if err == io.EOF {
				return out, nil
			}
			if err != nil {
				return nil, badRequest("json stream: %v", err)
			}
			out = append(out, raw)
		}
	}
	var out [][]byte
	var cur bytes.Buffer
	flush := func() {
		if hasContent(cur.Bytes()) {
			out = append(out, bytes.Clone(cur.Bytes()))
		}
		cur.Reset()
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), len(data)+1)
	for sc.Scan() {
		line := sc.Text()
		if isSeparator(line) {
			flush()
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
	}
	if err := sc.Err(); err != nil {
		return nil, badRequest("reading yaml: %v", err)
	}
	flush()
	return out, nil
}

func isSeparator(line string) bool {
	if !strings.HasPrefix(line, "---") {
		return false
	}
	rest := line[3:]
	return rest == "" || rest[0] == ' ' || rest[0] == '\t' || rest[0] == '#'
}

func hasContent(doc []byte) bool {
	for _, l := range strings.Split(string(doc), "\n") {
		t := strings.TrimSpace(l)
		if t != "" && !strings.HasPrefix(t, "#") && t != "..." {
			return true
		}
	}
	return false
}

// Encode returns obj as JSON. When obj's apiVersion and kind are empty, they
// are filled in from the scheme in the output; obj itself is not changed.
func (c *Codec) Encode(obj Typed) ([]byte, error) {
	if obj.GroupVersionKind().Empty() {
		gvk, err := c.scheme.ObjectKind(obj)
		if err != nil {
			return nil, err
		}
		obj = withKind(obj, gvk)
	}
	return json.Marshal(obj)
}

// EncodeYAML returns obj as YAML.
func (c *Codec) EncodeYAML(obj Typed) ([]byte, error) {
	j, err := c.Encode(obj)
	if err != nil {
		return nil, err
	}
	return yaml.JSONToYAML(j)
}

// withKind returns a shallow copy of obj carrying gvk.
func withKind(obj Typed, gvk GroupVersionKind) Typed {
	v := reflect.ValueOf(obj)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return obj
	}
	cp := reflect.New(v.Elem().Type())
	cp.Elem().Set(v.Elem())
	t := cp.Interface().(Typed)
	t.SetGroupVersionKind(gvk)
	return t
}

// ToUnstructured converts any object to its Unstructured form.
func (c *Codec) ToUnstructured(obj Object) (*Unstructured, error) {
	if u, ok := obj.(*Unstructured); ok {
		return u.DeepCopy(), nil
	}
	b, err := c.Encode(obj)
	if err != nil {
		return nil, err
	}
	u := &Unstructured{}
	if err := u.UnmarshalJSON(b); err != nil {
		return nil, err
	}
	return u, nil
}

// FromUnstructured decodes u into the typed object of its kind, or returns a
// copy of u when the kind has no Go type.
func (c *Codec) FromUnstructured(u *Unstructured) (Object, error) {
	b, err := u.MarshalJSON()
	if err != nil {
		return nil, err
	}
	return c.Decode(b)
}
