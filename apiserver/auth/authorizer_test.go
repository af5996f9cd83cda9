package auth

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
)

func decide(d Decision, reason string, err error) Authorizer {
	return AuthorizerFunc(func(context.Context, Attributes) (Decision, string, error) { return d, reason, err })
}

func TestChain(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	tests := []struct {
		name       string
		z          Authorizer
		want       Decision
		wantReason string
		wantErr    error
	}{
		{"empty", Chain(), DecisionNoOpinion, "", nil},
		{"allow stops", Chain(decide(DecisionNoOpinion, "a", nil), decide(DecisionAllow, "b", nil), decide(DecisionDeny, "c", nil)), DecisionAllow, "b", nil},
		{"deny stops", Chain(decide(DecisionDeny, "no", nil), decide(DecisionAllow, "yes", nil)), DecisionDeny, "no", nil},
		{"no opinion joins reasons and errors", Chain(decide(DecisionNoOpinion, "a", boom), decide(DecisionNoOpinion, "", nil), decide(DecisionNoOpinion, "c", nil)), DecisionNoOpinion, "a\nc", boom},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d, reason, err := tt.z.Authorize(context.Background(), Attributes{})
			assert.Equal(t, tt.want, d)
			assert.Equal(t, tt.wantReason, reason)
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
			} else {
				require.NoError(t, err)
			}
		})
	}
}

func TestMastersAuthorizer(t *testing.T) {
	t.Parallel()
	z := MastersAuthorizer()
	d, _, _ := z.Authorize(context.Background(), url(&User{Name: "x", Groups: []string{GroupMasters}}, "delete", "/anything"))
	assert.Equal(t, DecisionAllow, d)
	d, _, _ = z.Authorize(context.Background(), url(&User{Name: GroupMasters}, "get", "/"))
	assert.Equal(t, DecisionNoOpinion, d, "a user named like the group is not in it")
	d, _, _ = z.Authorize(context.Background(), url(nil, "get", "/"))
	assert.Equal(t, DecisionNoOpinion, d)
	d, _, _ = PrivilegedGroups("a", "b").Authorize(context.Background(), url(&User{Groups: []string{"b"}}, "get", "/"))
	assert.Equal(t, DecisionAllow, d)
}

func TestNodeAuthorizer(t *testing.T) {
	t.Parallel()
	n1 := &User{Name: "system:node:n1", Groups: []string{GroupNodes, GroupAuthenticated}}
	tests := []struct {
		name  string
		a     Attributes
		allow bool
	}{
		{"get pods", res(n1, "watch", "", "pods", "", "", ""), true},
		{"get secrets", res(n1, "get", "", "secrets", "", "ns1", "s"), true},
		{"list endpointslices", res(n1, "list", "discovery.k8s.io", "endpointslices", "", "", ""), true},
		{"register a node", res(n1, "create", "", "nodes", "", "", ""), true},
		{"update own node", res(n1, "update", "", "nodes", "", "", "n1"), true},
		{"patch own node status", res(n1, "patch", "", "nodes", "status", "", "n1"), true},
		{"update another node", res(n1, "update", "", "nodes", "", "", "n2"), false},
		{"patch another node status", res(n1, "patch", "", "nodes", "status", "", "n2"), false},
		{"own lease", res(n1, "update", "coordination.k8s.io", "leases", "", NodeLeaseNamespace, "n1"), true},
		{"create lease", res(n1, "create", "coordination.k8s.io", "leases", "", NodeLeaseNamespace, ""), true},
		{"another node's lease", res(n1, "update", "coordination.k8s.io", "leases", "", NodeLeaseNamespace, "n2"), false},
		{"own-named lease elsewhere", res(n1, "update", "coordination.k8s.io", "leases", "", "default", "n1"), false},
		{"pod status", res(n1, "update", "", "pods", "status", "ns1", "p"), true},
		{"delete pod", res(n1, "delete", "", "pods", "", "ns1", "p"), true},
		{"update pod spec", res(n1, "update", "", "pods", "", "ns1", "p"), false},
		{"write secrets", res(n1, "update", "", "secrets", "", "ns1", "s"), false},
		{"delete namespaces", res(n1, "delete", "", "namespaces", "", "", "ns1"), false},
		{"events", res(n1, "create", "", "events", "", "ns1", ""), true},
		{"urls are RBAC's", url(n1, "get", "/healthz"), false},
		{"not a node", res(&User{Name: "system:node:n1"}, "get", "", "pods", "", "", ""), false},
	}
	z := NodeAuthorizer()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d, _, err := z.Authorize(context.Background(), tt.a)
			require.NoError(t, err)
			assert.Equal(t, tt.allow, d == DecisionAllow)
			assert.NotEqual(t, DecisionDeny, d)
		})
	}
}

func TestForbidden(t *testing.T) {
	t.Parallel()
	bob := &User{Name: "bob"}
	tests := []struct {
		name   string
		a      Attributes
		reason string
		want   string
	}{
		{"namespaced list", res(bob, "list", "", "pods", "", "default", ""), "",
			`pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "default"`},
		{"named with subresource", res(bob, "get", "", "pods", "log", "default", "web"), "",
			`pods "web" is forbidden: User "bob" cannot get resource "pods/log" in API group "" in the namespace "default"`},
		{"cluster scope with reason", res(bob, "create", "rbac.authorization.k8s.io", "clusterroles", "", "", ""), `RBAC: clusterrole.rbac.authorization.k8s.io "x" not found`,
			`clusterroles.rbac.authorization.k8s.io is forbidden: User "bob" cannot create resource "clusterroles" in API group "rbac.authorization.k8s.io" at the cluster scope: RBAC: clusterrole.rbac.authorization.k8s.io "x" not found`},
		{"non-resource", url(&User{Name: UserAnonymous}, "get", "/api"), "",
			`forbidden: User "system:anonymous" cannot get path "/api"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := Forbidden(tt.a, tt.reason)
			assert.Equal(t, tt.want, e.Status.Message)
			assert.Equal(t, int32(http.StatusForbidden), e.Status.Code)
			assert.Equal(t, apiobj.StatusReasonForbidden, e.Status.Reason)
			require.ErrorIs(t, e, errdefs.ErrForbidden)
			require.NotNil(t, e.Status.Details)
		})
	}
	u := Unauthorized()
	data, err := json.Marshal(u.Status)
	require.NoError(t, err)
	assert.JSONEq(t, `{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}`, string(data))
}

func TestBootstrapPolicy(t *testing.T) {
	t.Parallel()
	objs := BootstrapPolicy()
	roles := map[string]*apiobj.ClusterRole{}
	for _, o := range objs {
		assert.Equal(t, BootstrappingValue, o.GetLabels()[BootstrappingLabel], o.GetName())
		assert.Equal(t, "true", o.GetAnnotations()[apiobj.AutoUpdateAnnotationKey], o.GetName())
		assert.Equal(t, apiobj.RbacV1.Group, o.GroupVersionKind().Group)
		switch o := o.(type) {
		case *apiobj.ClusterRole:
			assert.Empty(t, apiobj.ValidateClusterRole(o), o.Name)
			assert.NotContains(t, roles, o.Name, "duplicate")
			roles[o.Name] = o
		case *apiobj.ClusterRoleBinding:
			assert.Empty(t, apiobj.ValidateClusterRoleBinding(o), o.Name)
		default:
			t.Fatalf("unexpected %T", o)
		}
	}
	for _, name := range []string{"cluster-admin", "admin", "edit", "view", "system:discovery", "system:basic-user",
		"system:public-info-viewer", "system:node", "system:kube-scheduler", "system:kube-controller-manager"} {
		assert.Contains(t, roles, name)
	}
	for _, o := range objs {
		if b, ok := o.(*apiobj.ClusterRoleBinding); ok {
			assert.Contains(t, roles, b.RoleRef.Name, "binding %s refers to a bootstrap role", b.Name)
		}
	}
	// Fresh objects on each call.
	objs[0].SetName("changed")
	assert.Equal(t, "cluster-admin", BootstrapPolicy()[0].GetName())
	// They encode as Kubernetes objects.
	data, err := json.Marshal(objs[1])
	require.NoError(t, err)
	assert.Contains(t, string(data), `"aggregationRule":{"clusterRoleSelectors":[{"matchLabels":{"rbac.authorization.k8s.io/aggregate-to-admin":"true"}}]}`)
}
