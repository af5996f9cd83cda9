package apiserver_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/protobuf"
)

// kubectl's typed clients send Kubernetes protobuf bodies; the server reads
// them for every built-in kind and answers in JSON.
func TestProtobufBodies(t *testing.T) {
	t.Parallel()
	ts := newServer(t, nil)
	ssar := &apiobj.SelfSubjectAccessReview{Spec: apiobj.SelfSubjectAccessReviewSpec{
		ResourceAttributes: &apiobj.ResourceAttributes{Namespace: "default", Verb: "list", Resource: "pods"}}}
	ssar.SetGroupVersionKind(apiobj.AuthorizationV1.WithKind("SelfSubjectAccessReview"))
	body, err := protobuf.Encode(ssar)
	require.NoError(t, err)
	r := ts.do("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", string(body),
		"Content-Type", "application/vnd.kubernetes.protobuf", "Accept", "application/vnd.kubernetes.protobuf,application/json")
	require.Equal(t, 201, r.code, string(r.body))
	m := r.obj(t)
	assert.Equal(t, true, nested(m, "status", "allowed"))
	assert.Equal(t, "pods", nested(m, "spec", "resourceAttributes", "resource"))

	cm := &apiobj.ConfigMap{ObjectMeta: apiobj.ObjectMeta{Name: "from-proto"}, Data: map[string]string{"a": "b"}}
	cm.SetGroupVersionKind(apiobj.CoreV1.WithKind("ConfigMap"))
	body, err = protobuf.Encode(cm)
	require.NoError(t, err)
	r = ts.do("POST", "/api/v1/namespaces/default/configmaps", string(body), "Content-Type", "application/vnd.kubernetes.protobuf")
	require.Equal(t, 201, r.code, string(r.body))
	assert.Equal(t, "b", nested(r.obj(t), "data", "a"))

	// A protobuf body of another kind, or garbage, is a 400.
	r = ts.do("POST", "/api/v1/namespaces/default/secrets", string(body), "Content-Type", "application/vnd.kubernetes.protobuf")
	assert.Equal(t, 400, r.code)
	r = ts.do("POST", "/api/v1/namespaces/default/configmaps", `{"kind":"ConfigMap"}`, "Content-Type", "application/vnd.kubernetes.protobuf")
	assert.Equal(t, 400, r.code)
}
