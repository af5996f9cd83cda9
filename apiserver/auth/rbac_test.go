package auth

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiobj"
)

func role(ns, name string, rules ...apiobj.PolicyRule) *apiobj.Role {
	return &apiobj.Role{ObjectMeta: apiobj.ObjectMeta{Namespace: ns, Name: name}, Rules: rules}
}

func testClusterRole(name string, labels map[string]string, rules ...apiobj.PolicyRule) *apiobj.ClusterRole {
	return &apiobj.ClusterRole{ObjectMeta: apiobj.ObjectMeta{Name: name, Labels: labels}, Rules: rules}
}

func roleBinding(ns, name, kind, roleName string, subjects ...apiobj.Subject) *apiobj.RoleBinding {
	return &apiobj.RoleBinding{
		ObjectMeta: apiobj.ObjectMeta{Namespace: ns, Name: name},
		RoleRef:    apiobj.RoleRef{APIGroup: "rbac.authorization.k8s.io", Kind: kind, Name: roleName},
		Subjects:   subjects,
	}
}

func saSubject(ns, name string) apiobj.Subject {
	return apiobj.Subject{Kind: apiobj.SubjectKindServiceAccount, Namespace: ns, Name: name}
}

// testPolicy is the bootstrap policy plus objects that exercise every rule
// form. Users: bob views ns1, edits ns2 and administers ns3; alice reads one
// pod; carol has wildcards in "wild"; the "builder" service account of ns1
// scales deployments; dave reads logs URLs; erin's bindings point at roles
// that do not exist.
func testPolicy() []apiobj.Object {
	objs := BootstrapPolicy()
	return append(objs,
		roleBinding("ns1", "view-bob", "ClusterRole", "view", userSubject("bob")),
		roleBinding("ns2", "edit-bob", "ClusterRole", "edit", userSubject("bob")),
		roleBinding("ns3", "admin-bob", "ClusterRole", "admin", userSubject("bob")),

		role("ns1", "web-reader", resourceRule([]string{"get", "update"}, "", "pods"), apiobj.PolicyRule{
			Verbs: []string{"get"}, APIGroups: []string{""}, Resources: []string{"configmaps"}, ResourceNames: []string{"web", "web-2"},
		}),
		roleBinding("ns1", "alice-web", "Role", "web-reader", userSubject("alice")),
		// A Role of ns1 bound from ns2 is looked up in ns2, where it does not exist.
		roleBinding("ns2", "alice-web", "Role", "web-reader", userSubject("alice")),

		role("wild", "everything", resourceRule([]string{"*"}, "*", "*")),
		roleBinding("wild", "carol", "Role", "everything", userSubject("carol")),

		role("ns1", "scaler", resourceRule([]string{"get", "update"}, "*", "*/scale")),
		roleBinding("ns1", "builder-scales", "Role", "scaler", saSubject("", "builder")),
		role("ns1", "cm-lister", resourceRule([]string{"list"}, "", "configmaps")),
		roleBinding("ns1", "all-sa-list-cm", "Role", "cm-lister", groupSubject("system:serviceaccounts:ns1")),
		testClusterRole("secret-reader", nil, resourceRule([]string{"get"}, "", "secrets")),
		&apiobj.ClusterRoleBinding{
			ObjectMeta: apiobj.ObjectMeta{Name: "deployer-secrets"},
			RoleRef:    apiobj.RoleRef{APIGroup: "rbac.authorization.k8s.io", Kind: "ClusterRole", Name: "secret-reader"},
			Subjects:   []apiobj.Subject{saSubject("ci", "deployer")},
		},

		testClusterRole("log-reader", nil,
			urlRule([]string{"get"}, "/logs/*", "/exact"),
			apiobj.PolicyRule{Verbs: []string{"get"}, APIGroups: []string{""}, Resources: []string{"nodes/proxy"}}),
		clusterRoleBinding("dave-logs", "log-reader", userSubject("dave")),
		roleBinding("ns1", "dave-logs-ns", "ClusterRole", "log-reader", userSubject("dave2")),

		// A custom kind joins view (and through it edit and admin) by label.
		testClusterRole("widget-viewer", map[string]string{AggregateToViewLabel: "true"},
			resourceRule(verbsRead, "example.com", "widgets")),
		// An aggregated role's stored rules do not count.
		&apiobj.ClusterRole{
			ObjectMeta:      apiobj.ObjectMeta{Name: "stale-aggregate"},
			Rules:           []apiobj.PolicyRule{resourceRule([]string{"*"}, "*", "*")},
			AggregationRule: &apiobj.AggregationRule{ClusterRoleSelectors: []apiobj.LabelSelector{{MatchLabels: map[string]string{"nothing": "matches"}}}},
		},
		roleBinding("ns1", "frank-stale", "ClusterRole", "stale-aggregate", userSubject("frank")),

		clusterRoleBinding("erin-ghost", "ghost", userSubject("erin")),
		roleBinding("ns1", "erin-ghost-role", "Role", "ghost-role", userSubject("erin")),
		&apiobj.ClusterRoleBinding{
			ObjectMeta: apiobj.ObjectMeta{Name: "erin-bad-ref"},
			RoleRef:    apiobj.RoleRef{APIGroup: "rbac.authorization.k8s.io", Kind: "Role", Name: "web-reader"},
			Subjects:   []apiobj.Subject{userSubject("erin")},
		},
	)
}

func res(u *User, verb, group, resource, subresource, ns, name string) Attributes {
	return Attributes{User: u, Verb: verb, ResourceRequest: true, APIGroup: group, APIVersion: "v1",
		Resource: resource, Subresource: subresource, Namespace: ns, Name: name}
}

func url(u *User, verb, path string) Attributes {
	return Attributes{User: u, Verb: verb, Path: path}
}

func authed(name string, groups ...string) *User {
	return &User{Name: name, Groups: append(groups, GroupAuthenticated)}
}

func TestRBACAuthorizer(t *testing.T) {
	t.Parallel()
	objs := testPolicy()
	before := make([]apiobj.Object, len(objs))
	for i, o := range objs {
		before[i] = o.DeepCopyObject()
	}
	lister := &sharedLister{objs: objs}
	z := NewRBACAuthorizer(lister)

	bob, alice, carol, dave, erin := authed("bob"), authed("alice"), authed("carol"), authed("dave"), authed("erin")
	builder := ServiceAccountUser("ns1", "builder")
	otherBuilder := ServiceAccountUser("ns2", "builder")
	deployer := ServiceAccountUser("ci", "deployer")
	admin := authed("admin", GroupMasters)

	tests := []struct {
		name   string
		a      Attributes
		allow  bool
		reason string // checked when not empty
	}{
		// Bootstrap bindings.
		{name: "masters via cluster-admin", a: res(admin, "delete", "apps", "deployments", "", "x", "d"), allow: true,
			reason: `RBAC: allowed by ClusterRoleBinding "cluster-admin" of ClusterRole "cluster-admin" to Group "system:masters"`},
		{name: "masters any URL", a: url(admin, "post", "/anything"), allow: true},
		{name: "discovery for authenticated", a: url(bob, "get", "/apis/apps/v1"), allow: true},
		{name: "discovery is get only", a: url(bob, "post", "/apis")},
		{name: "basic user self review", a: res(bob, "create", "authorization.k8s.io", "selfsubjectaccessreviews", "", "", ""), allow: true},
		{name: "anonymous reads version", a: url(AnonymousUser(), "get", "/version"), allow: true},
		{name: "anonymous has no discovery", a: url(AnonymousUser(), "get", "/api")},
		{name: "anonymous no resources", a: res(AnonymousUser(), "get", "", "pods", "", "ns1", "p")},
		{name: "nil user", a: res(nil, "get", "", "pods", "", "ns1", "p")},
		{name: "scheduler binds", a: res(&User{Name: UserKubeScheduler}, "create", "", "pods", "binding", "ns1", "p"), allow: true},
		{name: "scheduler cannot create pods", a: res(&User{Name: UserKubeScheduler}, "create", "", "pods", "", "ns1", "")},
		{name: "monitoring reads metrics", a: url(&User{Name: "prom", Groups: []string{GroupMonitoring}}, "get", "/metrics"), allow: true},

		// view in ns1 (aggregated from system:aggregate-to-view and widget-viewer).
		{name: "view gets pods", a: res(bob, "get", "", "pods", "", "ns1", "p"), allow: true,
			reason: `RBAC: allowed by RoleBinding "view-bob/ns1" of ClusterRole "view" to User "bob"`},
		{name: "view lists deployments", a: res(bob, "list", "apps", "deployments", "", "ns1", ""), allow: true},
		{name: "view reads pod logs", a: res(bob, "get", "", "pods", "log", "ns1", "p"), allow: true},
		{name: "view no secrets", a: res(bob, "get", "", "secrets", "", "ns1", "s")},
		{name: "view no exec", a: res(bob, "create", "", "pods", "exec", "ns1", "p")},
		{name: "view no writes", a: res(bob, "create", "", "pods", "", "ns1", "")},
		{name: "view aggregated custom kind", a: res(bob, "watch", "example.com", "widgets", "", "ns1", ""), allow: true},
		{name: "view wrong group for custom kind", a: res(bob, "get", "other.com", "widgets", "", "ns1", "w")},
		{name: "binding is namespaced", a: res(bob, "get", "", "pods", "", "ns9", "p")},
		{name: "binding is not cluster-wide", a: res(bob, "list", "", "pods", "", "", "")},
		// edit in ns2 includes view.
		{name: "edit creates deployments", a: res(bob, "create", "apps", "deployments", "", "ns2", ""), allow: true},
		{name: "edit reads secrets", a: res(bob, "get", "", "secrets", "", "ns2", "s"), allow: true},
		{name: "edit includes view", a: res(bob, "get", "example.com", "widgets", "", "ns2", "w"), allow: true},
		{name: "edit no roles", a: res(bob, "create", "rbac.authorization.k8s.io", "roles", "", "ns2", "")},
		// admin in ns3 includes edit and view.
		{name: "admin manages roles", a: res(bob, "create", "rbac.authorization.k8s.io", "rolebindings", "", "ns3", ""), allow: true},
		{name: "admin includes edit", a: res(bob, "delete", "batch", "jobs", "", "ns3", "j"), allow: true},
		{name: "admin includes view", a: res(bob, "list", "example.com", "widgets", "", "ns3", ""), allow: true},

		// resourceNames.
		{name: "role without names", a: res(alice, "update", "", "pods", "", "ns1", "any"), allow: true},
		{name: "named configmap", a: res(alice, "get", "", "configmaps", "", "ns1", "web-2"), allow: true},
		{name: "other configmap", a: res(alice, "get", "", "configmaps", "", "ns1", "db")},
		{name: "names never allow list", a: res(alice, "list", "", "configmaps", "", "ns1", "")},
		{name: "rule on pods is not on pods/status", a: res(alice, "update", "", "pods", "status", "ns1", "any")},
		{name: "role of another namespace", a: res(alice, "get", "", "pods", "", "ns2", "p"),
			reason: `RBAC: role.rbac.authorization.k8s.io "web-reader" not found`},

		// Wildcards.
		{name: "star everything", a: res(carol, "deletecollection", "apps", "deployments", "", "wild", ""), allow: true},
		{name: "star includes subresources", a: res(carol, "update", "", "pods", "status", "wild", "p"), allow: true},
		{name: "star custom verb", a: res(carol, "escalate", "rbac.authorization.k8s.io", "roles", "", "wild", "r"), allow: true},
		{name: "star stays in its namespace", a: res(carol, "get", "", "pods", "", "tame", "p")},
		{name: "namespaced star no URLs", a: url(carol, "get", "/logs/x")},

		// */subresource and service-account subjects.
		{name: "sa scales deployments", a: res(builder, "update", "apps", "deployments", "scale", "ns1", "d"), allow: true,
			reason: `RBAC: allowed by RoleBinding "builder-scales/ns1" of Role "scaler" to ServiceAccount "builder/ns1"`},
		{name: "sa scales statefulsets", a: res(builder, "get", "apps", "statefulsets", "scale", "ns1", "s"), allow: true},
		{name: "*/scale is not the resource", a: res(builder, "update", "apps", "deployments", "", "ns1", "d")},
		{name: "*/scale is not another subresource", a: res(builder, "update", "apps", "deployments", "status", "ns1", "d")},
		{name: "same sa name in another namespace", a: res(otherBuilder, "update", "apps", "deployments", "scale", "ns1", "d")},
		{name: "sa group of its namespace", a: res(builder, "list", "", "configmaps", "", "ns1", ""), allow: true},
		{name: "sa group of another namespace", a: res(otherBuilder, "list", "", "configmaps", "", "ns1", "")},
		{name: "sa name is not a user name", a: res(authed("builder"), "update", "apps", "deployments", "scale", "ns1", "d")},
		{name: "sa in a cluster binding", a: res(deployer, "get", "", "secrets", "", "anywhere", "s"), allow: true,
			reason: `RBAC: allowed by ClusterRoleBinding "deployer-secrets" of ClusterRole "secret-reader" to ServiceAccount "deployer/ci"`},

		// nonResourceURLs.
		{name: "url prefix", a: url(dave, "get", "/logs/kube.log"), allow: true},
		{name: "url prefix deep", a: url(dave, "get", "/logs/a/b"), allow: true},
		{name: "url prefix needs the slash", a: url(dave, "get", "/logs")},
		{name: "url exact", a: url(dave, "get", "/exact"), allow: true},
		{name: "url exact only", a: url(dave, "get", "/exact/more")},
		{name: "url verb", a: url(dave, "put", "/logs/x")},
		{name: "resource rule in the same role", a: res(dave, "get", "", "nodes", "proxy", "", "n1"), allow: true},
		{name: "url rules not through a RoleBinding", a: url(authed("dave2"), "get", "/logs/x")},

		// Aggregated role's stored rules are ignored.
		{name: "stale aggregate", a: res(authed("frank"), "get", "", "pods", "", "ns1", "p")},

		// Broken references are reported, as Kubernetes does.
		{name: "missing roles", a: res(erin, "get", "", "pods", "", "ns1", "p"),
			reason: `RBAC: [clusterrole.rbac.authorization.k8s.io "ghost" not found, a ClusterRoleBinding cannot refer to Role "web-reader", role.rbac.authorization.k8s.io "ghost-role" not found]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d, reason, err := z.Authorize(context.Background(), tt.a)
			require.NoError(t, err)
			want := DecisionNoOpinion
			if tt.allow {
				want = DecisionAllow
			}
			assert.Equal(t, want, d, "reason: %s", reason)
			if tt.reason != "" {
				assert.Equal(t, tt.reason, reason)
			}
		})
	}
	t.Cleanup(func() {
		if diff := cmp.Diff(before, objs); diff != "" {
			t.Errorf("the authorizer changed the lister's objects (-before +after):\n%s", diff)
		}
	})
}

// sharedLister hands out its own objects, as a watch cache does, so that a
// test can catch the evaluator changing them.
type sharedLister struct{ objs []apiobj.Object }

func (s *sharedLister) GetRole(ns, name string) (*apiobj.Role, error) {
	for _, o := range s.objs {
		if r, ok := o.(*apiobj.Role); ok && r.Namespace == ns && r.Name == name {
			return r, nil
		}
	}
	return nil, apiobj.NewNotFound(apiobj.GroupResource{Group: "rbac.authorization.k8s.io", Resource: "roles"}, name)
}

func (s *sharedLister) ListRoleBindings(ns string) ([]*apiobj.RoleBinding, error) {
	var out []*apiobj.RoleBinding
	for _, o := range s.objs {
		if r, ok := o.(*apiobj.RoleBinding); ok && r.Namespace == ns {
			out = append(out, r)
		}
	}
	return out, nil
}

func (s *sharedLister) GetClusterRole(name string) (*apiobj.ClusterRole, error) {
	for _, o := range s.objs {
		if r, ok := o.(*apiobj.ClusterRole); ok && r.Name == name {
			return r, nil
		}
	}
	return nil, apiobj.NewNotFound(apiobj.GroupResource{Group: "rbac.authorization.k8s.io", Resource: "clusterroles"}, name)
}

func (s *sharedLister) ListClusterRoles() ([]*apiobj.ClusterRole, error) {
	var out []*apiobj.ClusterRole
	for _, o := range s.objs {
		if r, ok := o.(*apiobj.ClusterRole); ok {
			out = append(out, r)
		}
	}
	return out, nil
}

func (s *sharedLister) ListClusterRoleBindings() ([]*apiobj.ClusterRoleBinding, error) {
	var out []*apiobj.ClusterRoleBinding
	for _, o := range s.objs {
		if r, ok := o.(*apiobj.ClusterRoleBinding); ok {
			out = append(out, r)
		}
	}
	return out, nil
}

func TestRuleAllows(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		rule  apiobj.PolicyRule
		a     Attributes
		allow bool
	}{
		{"exact", resourceRule([]string{"get"}, "", "pods"), res(nil, "get", "", "pods", "", "n", "p"), true},
		{"verb", resourceRule([]string{"get"}, "", "pods"), res(nil, "list", "", "pods", "", "n", ""), false},
		{"group", resourceRule([]string{"get"}, "", "pods"), res(nil, "get", "apps", "pods", "", "n", "p"), false},
		{"star verb", resourceRule([]string{"*"}, "", "pods"), res(nil, "patch", "", "pods", "", "n", "p"), true},
		{"star group", resourceRule([]string{"get"}, "*", "pods"), res(nil, "get", "x.io", "pods", "", "n", "p"), true},
		{"star resource has subresources", resourceRule([]string{"get"}, "", "*"), res(nil, "get", "", "pods", "log", "n", "p"), true},
		{"resource/sub", resourceRule([]string{"get"}, "", "pods/log"), res(nil, "get", "", "pods", "log", "n", "p"), true},
		{"resource/sub is not the resource", resourceRule([]string{"get"}, "", "pods/log"), res(nil, "get", "", "pods", "", "n", "p"), false},
		{"resource/* is not a wildcard", resourceRule([]string{"get"}, "", "pods/*"), res(nil, "get", "", "pods", "log", "n", "p"), false},
		{"*/sub", resourceRule([]string{"get"}, "", "*/log"), res(nil, "get", "", "pods", "log", "n", "p"), true},
		{"*/sub needs a subresource", resourceRule([]string{"get"}, "", "*/log"), res(nil, "get", "", "log", "", "n", "p"), false},
		{"*/sub exact subresource", resourceRule([]string{"get"}, "", "*/log"), res(nil, "get", "", "pods", "logs", "n", "p"), false},
		{"empty names", apiobj.PolicyRule{Verbs: []string{"get"}, APIGroups: []string{""}, Resources: []string{"pods"}, ResourceNames: []string{}}, res(nil, "get", "", "pods", "", "n", "p"), true},
		{"resource rule for a URL", resourceRule([]string{"get"}, "*", "*"), url(nil, "get", "/healthz"), false},
		{"URL rule for a resource", urlRule([]string{"get"}, "*"), res(nil, "get", "", "pods", "", "n", "p"), false},
		{"URL star", urlRule([]string{"get"}, "*"), url(nil, "get", "/x/y"), true},
		{"URL root prefix", urlRule([]string{"get"}, "/*"), url(nil, "get", "/x"), true},
		{"URL prefix without slash", urlRule([]string{"get"}, "/healthz*"), url(nil, "get", "/healthz"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.allow, RuleAllows(tt.a, &tt.rule))
		})
	}
}

func TestAggregateClusterRole(t *testing.T) {
	t.Parallel()
	sel := func(k string) apiobj.LabelSelector {
		return apiobj.LabelSelector{MatchLabels: map[string]string{k: "true"}}
	}
	agg := func(name string, labels map[string]string, sels ...apiobj.LabelSelector) *apiobj.ClusterRole {
		r := testClusterRole(name, labels, resourceRule([]string{"ignored"}, "", "own-rules"))
		r.AggregationRule = &apiobj.AggregationRule{ClusterRoleSelectors: sels}
		return r
	}
	hasCyc := apiobj.LabelSelector{MatchExpressions: []apiobj.LabelSelectorRequirement{{Key: "cyc", Operator: apiobj.LabelSelectorOpExists}}}
	get := func(res string) apiobj.PolicyRule { return resourceRule([]string{"get"}, "", res) }
	all := []*apiobj.ClusterRole{
		testClusterRole("b", map[string]string{"x": "true"}, get("b1"), get("shared")),
		testClusterRole("a", map[string]string{"x": "true", "y": "true"}, get("a1"), get("shared")),
		testClusterRole("c", map[string]string{"y": "true"}, get("c1")),
		agg("inner", map[string]string{"x": "true"}, sel("y")),
		agg("cycle-1", map[string]string{"cyc": "1"}, hasCyc),
		agg("cycle-2", map[string]string{"cyc": "2"}, hasCyc),
		testClusterRole("cycle-leaf", map[string]string{"cyc": "3"}, get("leaf")),
	}
	tests := []struct {
		name    string
		role    *apiobj.ClusterRole
		want    []apiobj.PolicyRule
		wantErr string
	}{
		{name: "not aggregated", role: all[0], want: []apiobj.PolicyRule{get("b1"), get("shared")}},
		{name: "name order, duplicates once, nested resolved", role: agg("top", nil, sel("x")),
			want: []apiobj.PolicyRule{get("a1"), get("shared"), get("b1"), get("c1")}},
		{name: "selectors in order", role: agg("top", nil, sel("y"), sel("x")),
			want: []apiobj.PolicyRule{get("a1"), get("shared"), get("c1"), get("b1")}},
		{name: "NotIn", role: agg("top", nil, apiobj.LabelSelector{MatchExpressions: []apiobj.LabelSelectorRequirement{
			{Key: "x", Operator: apiobj.LabelSelectorOpNotIn, Values: []string{"true"}}, {Key: "y", Operator: apiobj.LabelSelectorOpExists}}}),
			want: []apiobj.PolicyRule{get("c1")}},
		{name: "cycle is cut", role: all[4], want: []apiobj.PolicyRule{get("leaf")}},
		{name: "no match", role: agg("top", nil, sel("none"))},
		{name: "bad selector", role: agg("top", nil, apiobj.LabelSelector{MatchExpressions: []apiobj.LabelSelectorRequirement{{Key: "x", Operator: "Near"}}}, sel("y")),
			want: []apiobj.PolicyRule{get("a1"), get("shared"), get("c1")}, wantErr: `"Near" is not a valid label selector operator`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := AggregateClusterRole(tt.role, all)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
			} else {
				require.NoError(t, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("rules (-want +got):\n%s", diff)
			}
		})
	}

	// An empty selector matches every ClusterRole, as in Kubernetes.
	got, err := AggregateClusterRole(agg("everything", nil, apiobj.LabelSelector{}), all[:3])
	require.NoError(t, err)
	assert.Len(t, got, 4)

	// The result shares nothing with the inputs.
	got, err = AggregateClusterRole(agg("top", nil, sel("x")), all)
	require.NoError(t, err)
	got[0].Verbs[0] = "mutated"
	assert.Equal(t, "get", all[1].Rules[0].Verbs[0])
}

func TestRulesFor(t *testing.T) {
	t.Parallel()
	lister, err := NewStaticRBACLister(testPolicy()...)
	require.NoError(t, err)
	z := Chain(MastersAuthorizer(), NodeAuthorizer(), NewRBACAuthorizer(lister))
	rr := z.(RuleResolver)
	ctx := context.Background()

	rules, incomplete, err := rr.RulesFor(ctx, authed("alice"), "ns1")
	require.NoError(t, err)
	assert.False(t, incomplete)
	assert.Contains(t, rules.Resource, apiobj.ResourceRule{Verbs: []string{"get"}, APIGroups: []string{""}, Resources: []string{"configmaps"}, ResourceNames: []string{"web", "web-2"}})
	assert.Contains(t, rules.NonResource, apiobj.NonResourceRule{Verbs: []string{"get"}, NonResourceURLs: []string{"/healthz", "/livez", "/readyz", "/version", "/version/"}})

	rules, _, err = rr.RulesFor(ctx, authed("admin", GroupMasters), "")
	require.NoError(t, err)
	assert.Contains(t, rules.Resource, apiobj.ResourceRule{Verbs: []string{"*"}, APIGroups: []string{"*"}, Resources: []string{"*"}})

	rules, incomplete, err = rr.RulesFor(ctx, authed("erin"), "ns1")
	assert.True(t, incomplete)
	require.ErrorContains(t, err, `clusterrole.rbac.authorization.k8s.io "ghost" not found`)
	assert.NotEmpty(t, rules.NonResource, "what could be listed is still listed")

	node := &User{Name: "system:node:n1", Groups: []string{GroupNodes, GroupAuthenticated}}
	rules, _, err = rr.RulesFor(ctx, node, NodeLeaseNamespace)
	require.NoError(t, err)
	assert.Contains(t, rules.Resource, apiobj.ResourceRule{Verbs: nodeWrite, APIGroups: []string{"coordination.k8s.io"}, Resources: []string{"leases"}, ResourceNames: []string{"n1"}})

	_, incomplete, err = Chain(AuthorizerFunc(func(context.Context, Attributes) (Decision, string, error) {
		return DecisionNoOpinion, "", nil
	})).(RuleResolver).RulesFor(ctx, authed("x"), "")
	require.NoError(t, err)
	assert.True(t, incomplete, "a member that cannot list its rules makes the list incomplete")
}

func TestStaticRBACLister(t *testing.T) {
	t.Parallel()
	_, err := NewStaticRBACLister(&apiobj.Pod{})
	require.Error(t, err)
	r := role("ns", "r")
	l, err := NewStaticRBACLister(r)
	require.NoError(t, err)
	r.Rules = append(r.Rules, resourceRule([]string{"*"}, "*", "*"))
	got, err := l.GetRole("ns", "r")
	require.NoError(t, err)
	assert.Empty(t, got.Rules, "objects are copied")
	_, err = l.GetClusterRole("none")
	require.ErrorContains(t, err, `clusterroles.rbac.authorization.k8s.io "none" not found`)
}

// TestRBACAggregationFollowsChanges changes the ClusterRoles between
// requests, as watch-cache updates do (a changed object is a new object),
// and checks that aggregated roles follow.
func TestRBACAggregationFollowsChanges(t *testing.T) {
	t.Parallel()
	bob := authed("bob")
	getGadgets := res(bob, "get", "example.com", "gadgets", "", "ns1", "g")
	objs := append(BootstrapPolicy(), roleBinding("ns1", "view-bob", "ClusterRole", "view", userSubject("bob")))
	lister := &sharedLister{objs: objs}
	z := NewRBACAuthorizer(lister)
	allowed := func() bool {
		d, _, err := z.Authorize(context.Background(), getGadgets)
		require.NoError(t, err)
		return d == DecisionAllow
	}
	require.False(t, allowed())

	// A new ClusterRole joins view.
	gadgets := testClusterRole("gadget-viewer", map[string]string{AggregateToViewLabel: "true"}, resourceRule(verbsRead, "example.com", "gadgets"))
	lister.objs = append(slices.Clone(objs), gadgets)
	require.True(t, allowed())

	// It is replaced by a version without the label.
	changed := gadgets.DeepCopyObject().(*apiobj.ClusterRole)
	changed.Labels = nil
	changed.ResourceVersion = "2"
	lister.objs[len(lister.objs)-1] = changed
	require.False(t, allowed())

	// And labelled again, in place of the same pointer slot.
	again := changed.DeepCopyObject().(*apiobj.ClusterRole)
	again.Labels = map[string]string{AggregateToViewLabel: "true"}
	again.ResourceVersion = "3"
	lister.objs[len(lister.objs)-1] = again
	require.True(t, allowed())
}
