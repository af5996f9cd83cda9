// Package auth holds the API server's authentication and authorization:
// who is calling (Authenticator, User) and whether they may do what they ask
// (Authorizer, Attributes), with the built-in implementations.
//
// The API server runs them as a chain: authenticate, then authorize, then
// admission (package admission). Unauthenticated requests get 401 and
// unauthorized ones 403 (see Unauthorized and Forbidden for the Status
// bodies Kubernetes sends).
//
// # Authentication
//
//   - NewTokenFileAuthenticator and NewTokenAuthenticator: bearer tokens from
//     a Kubernetes static token file (token,user,uid,"group1,group2").
//   - NewX509Authenticator: client certificates that chain to the cluster CA
//     for client auth; CN is the user, O the groups.
//   - Union tries several in turn and adds system:authenticated;
//     AllowAnonymous lets requests without credentials through as
//     system:anonymous in system:unauthenticated. Anonymous access is off
//     unless AllowAnonymous is used.
//
// # Authorization
//
//   - NewRBACAuthorizer evaluates Role, ClusterRole, RoleBinding and
//     ClusterRoleBinding as Kubernetes RBAC does, reading them through an
//     RBACLister that the API server implements over its watch cache.
//     Aggregated ClusterRoles are resolved when a request is evaluated; see
//     AggregateClusterRole.
//   - MastersAuthorizer allows everything to system:masters.
//   - NodeAuthorizer gives node agents (system:node:<name> in system:nodes)
//     what a kubelet needs, restricted to their own Node and Lease.
//   - Chain asks each authorizer in turn.
//   - BootstrapPolicy is the default RBAC objects the API server creates at
//     start: cluster-admin, admin, edit, view, the discovery roles and the
//     roles of the control-plane components.
//
// An Authorizer may also implement RuleResolver, found by type assertion,
// to list a user's rules for SelfSubjectRulesReview (kubectl auth can-i
// --list). The RBAC authorizer, MastersAuthorizer, NodeAuthorizer and
// Chain do.
//
// Everything here is safe for concurrent use.
package auth
