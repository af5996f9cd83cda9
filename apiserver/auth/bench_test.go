package auth

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkRBACAuthorize1000Namespaces evaluates requests against the
// bootstrap policy plus 1,000 namespaces, each with RoleBindings to the
// aggregated edit role and to a Role of its own.
func BenchmarkRBACAuthorize1000Namespaces(b *testing.B) {
	objs := BootstrapPolicy()
	for i := range 1000 {
		ns := fmt.Sprintf("ns-%d", i)
		user := fmt.Sprintf("user-%d", i)
		objs = append(objs,
			roleBinding(ns, "edit", "ClusterRole", "edit", userSubject(user)),
			role(ns, "reader", resourceRule(verbsRead, "", "configmaps")),
			roleBinding(ns, "reader", "Role", "reader", userSubject(user), saSubject("", "builder")),
		)
	}
	lister, err := NewStaticRBACLister(objs...)
	if err != nil {
		b.Fatal(err)
	}
	z := Chain(MastersAuthorizer(), NodeAuthorizer(), NewRBACAuthorizer(lister))
	ctx := context.Background()
	cases := []struct {
		name string
		a    Attributes
		want Decision
	}{
		{"masters", res(authed("admin", GroupMasters), "list", "", "pods", "", "ns-5", ""), DecisionAllow},
		{"aggregated role", res(authed("user-500"), "create", "apps", "deployments", "", "ns-500", ""), DecisionAllow},
		{"namespaced role", res(ServiceAccountUser("ns-7", "builder"), "get", "", "configmaps", "", "ns-7", "c"), DecisionAllow},
		{"denied", res(authed("user-1"), "delete", "", "nodes", "", "", "n1"), DecisionNoOpinion},
		{"discovery URL", Attributes{User: authed("user-1"), Verb: "get", Path: "/apis/apps/v1"}, DecisionAllow},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if d, reason, _ := z.Authorize(ctx, c.a); d != c.want {
					b.Fatalf("decision %v (%s), want %v", d, reason, c.want)
				}
			}
		})
	}
}
