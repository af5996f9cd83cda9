package apiserver

import (
	"bytes"
	"encoding/binary"
	"errors"

	"github.com/orcaproj/orca/apiobj"
)

// kubectl's typed clients send some request bodies as Kubernetes protobuf
// (application/vnd.kubernetes.protobuf) and do not fall back to JSON on 415.
// The server speaks JSON everywhere, but reads the one protobuf body that
// an acceptance command needs: the SelfSubjectAccessReview of
// `kubectl auth can-i`. Every other protobuf body gets 415.

const protobufMediaType = "application/vnd.kubernetes.protobuf"

var protobufMagic = []byte("k8s\x00")

// protoFields walks the fields of one protobuf message, calling fn with the
// field number and, for length-delimited fields, the bytes. Varint and
// fixed fields are skipped.
func protoFields(b []byte, fn func(num int, val []byte) error) error {
	for len(b) > 0 {
		key, n := binary.Uvarint(b)
		if n <= 0 {
			return errors.New("bad protobuf key")
		}
		b = b[n:]
		num, typ := int(key>>3), key&7
		switch typ {
		case 0:
			_, n := binary.Uvarint(b)
			if n <= 0 {
				return errors.New("bad protobuf varint")
			}
			b = b[n:]
		case 1:
			if len(b) < 8 {
				return errors.New("short protobuf fixed64")
			}
			b = b[8:]
		case 5:
			if len(b) < 4 {
				return errors.New("short protobuf fixed32")
			}
			b = b[4:]
		case 2:
			l, n := binary.Uvarint(b)
			if n <= 0 || uint64(len(b)-n) < l {
				return errors.New("bad protobuf length")
			}
			if err := fn(num, b[n:n+int(l)]); err != nil {
				return err
			}
			b = b[n+int(l):]
		default:
			return errors.New("unsupported protobuf wire type")
		}
	}
	return nil
}

// decodeProtobufSSAR decodes a protobuf SelfSubjectAccessReview.
func decodeProtobufSSAR(body []byte) (*apiobj.SelfSubjectAccessReview, error) {
	if !bytes.HasPrefix(body, protobufMagic) {
		return nil, errors.New("missing protobuf envelope")
	}
	var raw []byte
	var apiVersion, kind string
	err := protoFields(body[len(protobufMagic):], func(num int, v []byte) error {
		switch num {
		case 1: // typeMeta
			return protoFields(v, func(n int, s []byte) error {
				switch n {
				case 1:
					apiVersion = string(s)
				case 2:
					kind = string(s)
				}
				return nil
			})
		case 2: // raw
			raw = v
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if kind != "SelfSubjectAccessReview" || apiVersion != "authorization.k8s.io/v1" {
		return nil, errors.New("only authorization.k8s.io/v1 SelfSubjectAccessReview is read as protobuf")
	}
	out := &apiobj.SelfSubjectAccessReview{}
	err = protoFields(raw, func(num int, v []byte) error {
		if num != 2 { // spec
			return nil
		}
		return protoFields(v, func(n int, a []byte) error {
			switch n {
			case 1:
				ra := &apiobj.ResourceAttributes{}
				out.Spec.ResourceAttributes = ra
				return protoFields(a, func(f int, s []byte) error {
					switch f {
					case 1:
						ra.Namespace = string(s)
					case 2:
						ra.Verb = string(s)
					case 3:
						ra.Group = string(s)
					case 4:
						ra.Version = string(s)
					case 5:
						ra.Resource = string(s)
					case 6:
						ra.Subresource = string(s)
					case 7:
						ra.Name = string(s)
					}
					return nil
				})
			case 2:
				nr := &apiobj.NonResourceAttributes{}
				out.Spec.NonResourceAttributes = nr
				return protoFields(a, func(f int, s []byte) error {
					switch f {
					case 1:
						nr.Path = string(s)
					case 2:
						nr.Verb = string(s)
					}
					return nil
				})
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	out.SetGroupVersionKind(apiobj.AuthorizationV1.WithKind("SelfSubjectAccessReview"))
	return out, nil
}
