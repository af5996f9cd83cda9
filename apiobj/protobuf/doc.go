// Package protobuf reads and writes the Kubernetes protobuf wire format
// (application/vnd.kubernetes.protobuf) for the typed kinds of package
// apiobj, so that the API server can accept the request bodies that
// kubectl's typed clients send (create namespace, configmap, deployment,
// auth can-i, create token, drain's evictions and more) and, optionally,
// answer in kind.
//
// A body is the four bytes "k8s\x00" followed by a runtime.Unknown message
// that names the apiVersion and kind and carries the object's own message
// in its raw field. Unwrap and Wrap handle that envelope; Unmarshal and
// Marshal handle the object message; Decode and Encode do both.
//
// There is no generated code: the codec walks the Go types by reflection,
// guided by the `protobuf:"<wire>,<number>,<opt|rep>,name=<name>"` struct
// tags that the apiobj types carry with Kubernetes' field numbers. Field
// tables are built once per type and cached; the codec is safe for
// concurrent use. Maps travel as repeated {key = 1; value = 2} entries,
// embedded structs with a tag as nested messages, embedded structs without
// one (TypeMeta) not at all. Time, MicroTime, Duration, IntOrString,
// resource.Quantity and RawJSON use the messages of k8s.io/apimachinery.
//
// Decoding skips unknown fields, never panics on hostile input and bounds
// message nesting. Its errors wrap errdefs.ErrBadRequest, except for custom
// kinds, which have no protobuf form (as in Kubernetes) and give
// errdefs.ErrUnsupportedMediaType. Callers should bound the body size, as
// they do for JSON.
package protobuf
