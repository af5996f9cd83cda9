package protobuf

import (
	"bytes"
	"fmt"
	"mime"
	"strings"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
)

// ContentType is the media type of Kubernetes protobuf bodies.
const ContentType = "application/vnd.kubernetes.protobuf"

// magic prefixes every Kubernetes protobuf body.
var magic = []byte("k8s\x00")

// IsProtobuf reports whether contentType (a Content-Type header value,
// parameters allowed) is Kubernetes protobuf.
func IsProtobuf(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt, _, _ = strings.Cut(contentType, ";")
		mt = strings.TrimSpace(mt)
	}
	return strings.EqualFold(mt, ContentType)
}

// Unwrap checks the magic prefix of body and decodes the runtime.Unknown
// envelope after it: {TypeMeta typeMeta = 1; bytes raw = 2;
// string contentEncoding = 3; string contentType = 4}. It returns the kind
// the envelope names and raw, the object's own message, which aliases body.
// Errors wrap errdefs.ErrBadRequest.
func Unwrap(body []byte) (gvk apiobj.GroupVersionKind, raw []byte, err error) {
	rest, ok := bytes.CutPrefix(body, magic)
	if !ok {
		return gvk, nil, errorf("protobuf: body does not start with the Kubernetes protobuf prefix")
	}
	var apiVersion, kind, encoding string
	err = fields(rest, func(num protowire.Number, wt protowire.Type, b []byte) (int, error) {
		switch num {
		case 1:
			tm, n, err := consumeBytesAs(wt, b)
			if err != nil {
				return 0, err
			}
			return n, fields(tm, func(num protowire.Number, wt protowire.Type, b []byte) (int, error) {
				if num != 1 && num != 2 {
					return -1, nil
				}
				s, n, err := consumeBytesAs(wt, b)
				if num == 1 {
					apiVersion = string(s)
				} else {
					kind = string(s)
				}
				return n, err
			})
		case 2:
			p, n, err := consumeBytesAs(wt, b)
			raw = p
			return n, err
		case 3:
			p, n, err := consumeBytesAs(wt, b)
			encoding = string(p)
			return n, err
		}
		return -1, nil
	})
	if err != nil {
		return gvk, nil, fmt.Errorf("protobuf: envelope: %w", err)
	}
	if encoding != "" {
		return gvk, nil, errorf("protobuf: content encoding %.40q is not supported", encoding)
	}
	if kind == "" || apiVersion == "" {
		return gvk, nil, errorf("protobuf: envelope names no apiVersion and kind")
	}
	return apiobj.FromAPIVersionAndKind(apiVersion, kind), raw, nil
}

// Wrap returns the Kubernetes protobuf body of raw, the message of an
// object of kind gvk: the magic prefix and a runtime.Unknown envelope.
func Wrap(gvk apiobj.GroupVersionKind, raw []byte) []byte {
	apiVersion, kind := gvk.ToAPIVersionAndKind()
	var tm []byte
	tm = protowire.AppendTag(tm, 1, protowire.BytesType)
	tm = protowire.AppendString(tm, apiVersion)
	tm = protowire.AppendTag(tm, 2, protowire.BytesType)
	tm = protowire.AppendString(tm, kind)

	b := make([]byte, 0, len(magic)+len(tm)+len(raw)+16)
	b = append(b, magic...)
	b = protowire.AppendTag(b, 1, protowire.BytesType)
	b = protowire.AppendBytes(b, tm)
	b = protowire.AppendTag(b, 2, protowire.BytesType)
	b = protowire.AppendBytes(b, raw)
	b = protowire.AppendTag(b, 3, protowire.BytesType)
	b = protowire.AppendString(b, "")
	b = protowire.AppendTag(b, 4, protowire.BytesType)
	return protowire.AppendString(b, "")
}

// Decode decodes a whole Kubernetes protobuf request body into a new typed
// object of the kind its envelope names, with apiVersion and kind set.
// A kind the scheme does not know, or malformed input, gives an error
// wrapping errdefs.ErrBadRequest; a custom kind (which has no Go type and
// so no protobuf form, as in Kubernetes) gives errdefs.ErrUnsupportedMediaType.
func Decode(body []byte, scheme *apiobj.Scheme) (apiobj.Object, error) {
	gvk, raw, err := Unwrap(body)
	if err != nil {
		return nil, err
	}
	obj, err := scheme.New(gvk)
	if err != nil {
		return nil, fmt.Errorf("protobuf: %v: %w", err, errdefs.ErrBadRequest)
	}
	if _, ok := obj.(*apiobj.Unstructured); ok {
		return nil, fmt.Errorf("protobuf: kind %v has no protobuf form: %w", gvk, errdefs.ErrUnsupportedMediaType)
	}
	if err := Unmarshal(raw, obj); err != nil {
		return nil, err
	}
	obj.SetGroupVersionKind(gvk)
	return obj, nil
}

// Encode returns the Kubernetes protobuf body of obj: Marshal wrapped for
// the kind obj's TypeMeta names, which must be set.
func Encode(obj apiobj.Typed) ([]byte, error) {
	gvk := obj.GroupVersionKind()
	if gvk.Kind == "" || gvk.Version == "" {
		return nil, fmt.Errorf("protobuf: %T has no apiVersion and kind: %w", obj, errdefs.ErrBadRequest)
	}
	raw, err := Marshal(obj)
	if err != nil {
		return nil, err
	}
	return Wrap(gvk, raw), nil
}
