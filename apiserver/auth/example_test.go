package auth_test

import (
	"context"
	"fmt"
	"log"
	"net/http/httptest"
	"strings"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver/auth"
)

// The API server's chain: authenticate a bearer token, then authorize with
// system:masters, the node authorizer and RBAC over the bootstrap policy plus
// one RoleBinding that lets bob view namespace "dev".
func Example() {
	tokens, err := auth.ParseTokenFile(strings.NewReader("t0k3n,bob,1001\n"))
	if err != nil {
		log.Fatal(err)
	}
	authn := auth.Union(auth.NewTokenAuthenticator(tokens))

	objs := append(auth.BootstrapPolicy(), &apiobj.RoleBinding{
		ObjectMeta: apiobj.ObjectMeta{Namespace: "dev", Name: "bob-view"},
		RoleRef:    apiobj.RoleRef{APIGroup: "rbac.authorization.k8s.io", Kind: "ClusterRole", Name: "view"},
		Subjects:   []apiobj.Subject{{Kind: "User", APIGroup: "rbac.authorization.k8s.io", Name: "bob"}},
	})
	lister, err := auth.NewStaticRBACLister(objs...)
	if err != nil {
		log.Fatal(err)
	}
	authz := auth.Chain(auth.MastersAuthorizer(), auth.NodeAuthorizer(), auth.NewRBACAuthorizer(lister))

	r := httptest.NewRequest("GET", "/api/v1/namespaces/dev/pods", nil)
	r.Header.Set("Authorization", "Bearer t0k3n")
	user, ok, err := authn.AuthenticateRequest(r)
	if err != nil || !ok {
		log.Fatal("not authenticated")
	}
	fmt.Println(user.Name, user.Groups)

	for _, ns := range []string{"dev", "prod"} {
		a := auth.Attributes{User: user, Verb: "list", ResourceRequest: true, APIVersion: "v1", Resource: "pods", Namespace: ns}
		d, reason, _ := authz.Authorize(context.Background(), a)
		if d == auth.DecisionAllow {
			fmt.Println(reason)
			continue
		}
		fmt.Println(auth.Forbidden(a, reason).Status.Message)
	}
	// Output:
	// bob [system:authenticated]
	// RBAC: allowed by RoleBinding "bob-view/dev" of ClusterRole "view" to User "bob"
	// pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "prod"
}
