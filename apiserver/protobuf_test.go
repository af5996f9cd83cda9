package apiserver_test

import (
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pbField encodes one length-delimited protobuf field.
func pbField(num int, val []byte) []byte {
	out := binary.AppendUvarint(nil, uint64(num<<3|2))
	out = binary.AppendUvarint(out, uint64(len(val)))
	return append(out, val...)
}

func cat(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func TestProtobufSelfSubjectAccessReview(t *testing.T) {
	t.Parallel()
	ts := newServer(t, nil)
	attrs := cat(pbField(1, []byte("default")), pbField(2, []byte("list")), pbField(5, []byte("pods")))
	raw := pbField(2, pbField(1, attrs))
	typeMeta := cat(pbField(1, []byte("authorization.k8s.io/v1")), pbField(2, []byte("SelfSubjectAccessReview")))
	body := cat([]byte("k8s\x00"), pbField(1, typeMeta), pbField(2, raw))
	r := ts.do("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", string(body),
		"Content-Type", "application/vnd.kubernetes.protobuf", "Accept", "application/vnd.kubernetes.protobuf,application/json")
	require.Equal(t, 201, r.code, string(r.body))
	m := r.obj(t)
	assert.Equal(t, true, nested(m, "status", "allowed"))
	assert.Equal(t, "pods", nested(m, "spec", "resourceAttributes", "resource"))

	// Any other protobuf body is refused with 415.
	r = ts.do("POST", "/api/v1/namespaces/default/configmaps", string(body), "Content-Type", "application/vnd.kubernetes.protobuf")
	assert.Equal(t, 415, r.code)
}
