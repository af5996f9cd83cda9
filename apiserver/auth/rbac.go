package auth

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
)

// RBACLister reads the RBAC objects the evaluator needs, typically from the
// API server's watch cache. It is called on every authorized request, so it
// must not block on storage. Objects it returns are shared and read-only: the
// evaluator never changes them, and the lister may hand out the cached
// pointers. Get methods return an error wrapping errdefs.ErrNotFound when the
// object does not exist. Implementations must be safe for concurrent use.
type RBACLister interface {
	// GetRole returns Role namespace/name.
	GetRole(namespace, name string) (*apiobj.Role, error)
	// ListRoleBindings returns the RoleBindings of one namespace.
	ListRoleBindings(namespace string) ([]*apiobj.RoleBinding, error)
	// GetClusterRole returns ClusterRole name.
	GetClusterRole(name string) (*apiobj.ClusterRole, error)
	// ListClusterRoles returns every ClusterRole; used to resolve
	// aggregated ClusterRoles.
	ListClusterRoles() ([]*apiobj.ClusterRole, error)
	// ListClusterRoleBindings returns every ClusterRoleBinding.
	ListClusterRoleBindings() ([]*apiobj.ClusterRoleBinding, error)
}

type rbacAuthorizer struct {
	l   RBACLister
	agg aggregationCache
}

var (
	_ Authorizer   = (*rbacAuthorizer)(nil)
	_ RuleResolver = (*rbacAuthorizer)(nil)
)

// NewRBACAuthorizer evaluates requests as Kubernetes RBAC does:
//
//   - ClusterRoleBindings grant their ClusterRole's rules everywhere, and are
//     the only way to grant non-resource URLs;
//   - RoleBindings grant, in their own namespace only, the rules of a Role of
//     that namespace or of a ClusterRole;
//   - subjects are Users (by name), Groups (by the user's groups) and
//     ServiceAccounts (the user system:serviceaccount:<ns>:<name>; a
//     RoleBinding's ServiceAccount subject without a namespace means the
//     binding's); the groups system:serviceaccounts and
//     system:serviceaccounts:<ns> are ordinary Group subjects, matched when
//     the authenticator put them on the user (ServiceAccountUser does);
//   - a rule allows a request when verb, API group, resource and name all
//     match (see RuleAllows);
//   - an aggregated ClusterRole's rules are resolved at evaluation time from
//     the ClusterRoles its selectors match (see AggregateClusterRole); its own
//     stored rules are ignored, as Kubernetes' controller overwrites them.
//     The result is reused while ListClusterRoles returns the same objects
//     (same pointers and resourceVersions, in the same order), as a watch
//     cache does between changes; a lister that returns new copies on every
//     call gets a fresh resolution each time, which is correct but slower.
//
// RBAC only ever allows: a request no rule allows gets DecisionNoOpinion.
// Its reason is empty, or lists the errors met on the way ("RBAC:
// clusterrole.rbac.authorization.k8s.io "x" not found"), as in Kubernetes.
// An allow's reason names the binding, e.g. `RBAC: allowed by
// ClusterRoleBinding "cluster-admin" of ClusterRole "cluster-admin" to Group
// "system:masters"`.
//
// The result implements RuleResolver.
func NewRBACAuthorizer(lister RBACLister) Authorizer {
	return &rbacAuthorizer{l: lister}
}

// Authorize implements Authorizer. It never returns an error: lookup
// failures are part of the reason of a DecisionNoOpinion.
func (r *rbacAuthorizer) Authorize(_ context.Context, a Attributes) (Decision, string, error) {
	var allowedBy string
	errs := r.visit(a.User, a.Namespace, func(src *ruleSource, rule *apiobj.PolicyRule) bool {
		if RuleAllows(a, rule) {
			allowedBy = src.String()
			return false
		}
		return true
	})
	if allowedBy != "" {
		return DecisionAllow, "RBAC: allowed by " + allowedBy, nil
	}
	if len(errs) > 0 {
		return DecisionNoOpinion, "RBAC: " + aggregateErrors(errs), nil
	}
	return DecisionNoOpinion, "", nil
}

// RulesFor implements RuleResolver.
func (r *rbacAuthorizer) RulesFor(_ context.Context, u *User, namespace string) (Rules, bool, error) {
	var out Rules
	errs := r.visit(u, namespace, func(_ *ruleSource, rule *apiobj.PolicyRule) bool {
		if len(rule.Resources) > 0 {
			out.Resource = append(out.Resource, apiobj.ResourceRule{
				Verbs:         slices.Clone(rule.Verbs),
				APIGroups:     slices.Clone(rule.APIGroups),
				Resources:     slices.Clone(rule.Resources),
				ResourceNames: slices.Clone(rule.ResourceNames),
			})
		}
		if len(rule.NonResourceURLs) > 0 {
			out.NonResource = append(out.NonResource, apiobj.NonResourceRule{
				Verbs:           slices.Clone(rule.Verbs),
				NonResourceURLs: slices.Clone(rule.NonResourceURLs),
			})
		}
		return true
	})
	if len(errs) > 0 {
		return out, true, errors.New(aggregateErrors(errs))
	}
	return out, false, nil
}

// ruleSource says which binding granted a rule, for the allow reason.
type ruleSource struct {
	bindingKind string // ClusterRoleBinding or RoleBinding
	binding     string
	namespace   string
	roleRef     apiobj.RoleRef
	subject     *apiobj.Subject
}

func (s *ruleSource) String() string {
	b := make([]byte, 0, 128)
	b = append(b, s.bindingKind...)
	b = append(b, ' ')
	if s.namespace != "" {
		b = strconv.AppendQuote(b, s.binding+"/"+s.namespace)
	} else {
		b = strconv.AppendQuote(b, s.binding)
	}
	b = append(b, " of "...)
	b = append(b, s.roleRef.Kind...)
	b = append(b, ' ')
	b = strconv.AppendQuote(b, s.roleRef.Name)
	b = append(b, " to "...)
	b = append(b, s.subject.Kind...)
	b = append(b, ' ')
	if s.subject.Kind == apiobj.SubjectKindServiceAccount {
		ns := s.subject.Namespace
		if ns == "" {
			ns = s.namespace
		}
		return string(strconv.AppendQuote(b, s.subject.Name+"/"+ns))
	}
	return string(strconv.AppendQuote(b, s.subject.Name))
}

// visit calls fn with every rule granted to u in namespace (cluster-wide
// grants included; namespace "" means cluster-wide grants only) until fn
// returns false, and returns the errors met.
func (r *rbacAuthorizer) visit(u *User, namespace string, fn func(*ruleSource, *apiobj.PolicyRule) bool) []error {
	if u == nil {
		u = &User{}
	}
	ev := &evaluation{l: r.l, cache: &r.agg}
	var errs []error
	crbs, err := r.l.ListClusterRoleBindings()
	if err != nil {
		errs = append(errs, err)
	}
	for _, b := range crbs {
		s := appliesTo(u, b.Subjects, "")
		if s == nil {
			continue
		}
		rules, err := ev.rulesOf(b.RoleRef, "")
		if err != nil {
			errs = append(errs, err)
		}
		src := &ruleSource{bindingKind: "ClusterRoleBinding", binding: b.Name, roleRef: b.RoleRef, subject: s}
		for i := range rules {
			if !fn(src, &rules[i]) {
				return errs
			}
		}
	}
	if namespace == "" {
		return errs
	}
	rbs, err := r.l.ListRoleBindings(namespace)
	if err != nil {
		errs = append(errs, err)
	}
	for _, b := range rbs {
		s := appliesTo(u, b.Subjects, b.Namespace)
		if s == nil {
			continue
		}
		rules, err := ev.rulesOf(b.RoleRef, b.Namespace)
		if err != nil {
			errs = append(errs, err)
		}
		src := &ruleSource{bindingKind: "RoleBinding", binding: b.Name, namespace: b.Namespace, roleRef: b.RoleRef, subject: s}
		for i := range rules {
			if !fn(src, &rules[i]) {
				return errs
			}
		}
	}
	return errs
}

// evaluation holds what one request's evaluation has looked up, so that
// several aggregated roles share one list of ClusterRoles.
type evaluation struct {
	l       RBACLister
	cache   *aggregationCache
	all     []*apiobj.ClusterRole
	listed  bool
	listErr error
}

// rulesOf returns the rules a binding's roleRef grants. bindingNamespace is
// "" for ClusterRoleBindings.
func (ev *evaluation) rulesOf(ref apiobj.RoleRef, bindingNamespace string) ([]apiobj.PolicyRule, error) {
	switch ref.Kind {
	case "Role":
		if bindingNamespace == "" {
			return nil, fmt.Errorf("a ClusterRoleBinding cannot refer to Role %q", ref.Name)
		}
		role, err := ev.l.GetRole(bindingNamespace, ref.Name)
		if err != nil {
			return nil, lookupError("role", ref.Name, err)
		}
		return role.Rules, nil
	case "ClusterRole":
		cr, err := ev.l.GetClusterRole(ref.Name)
		if err != nil {
			return nil, lookupError("clusterrole", ref.Name, err)
		}
		if cr.AggregationRule == nil {
			return cr.Rules, nil
		}
		if !ev.listed {
			ev.all, ev.listErr = ev.l.ListClusterRoles()
			ev.listed = true
		}
		if ev.listErr != nil {
			return nil, ev.listErr
		}
		return ev.cache.rules(cr, ev.all)
	default:
		return nil, fmt.Errorf("unsupported role reference kind: %q", ref.Kind)
	}
}

// lookupError words a failed role lookup as Kubernetes does:
// `clusterrole.rbac.authorization.k8s.io "x" not found`.
func lookupError(resource, name string, err error) error {
	if errdefs.IsNotFound(err) {
		return &roleNotFound{resource: resource, name: name}
	}
	return err
}

type roleNotFound struct{ resource, name string }

func (e *roleNotFound) Error() string {
	return fmt.Sprintf("%s.rbac.authorization.k8s.io %q not found", e.resource, e.name)
}

func (e *roleNotFound) Is(target error) bool { return target == errdefs.ErrNotFound }

// aggregateErrors joins error messages as Kubernetes' aggregate error does:
// one message alone, several as "[a, b]", without repeats.
func aggregateErrors(errs []error) string {
	var msgs []string
	for _, e := range errs {
		if m := e.Error(); !slices.Contains(msgs, m) {
			msgs = append(msgs, m)
		}
	}
	if len(msgs) == 1 {
		return msgs[0]
	}
	return "[" + strings.Join(msgs, ", ") + "]"
}

// appliesTo returns the first subject that names u, or nil.
// bindingNamespace is the namespace of a RoleBinding, "" for a
// ClusterRoleBinding.
func appliesTo(u *User, subjects []apiobj.Subject, bindingNamespace string) *apiobj.Subject {
	for i := range subjects {
		if subjectMatches(u, &subjects[i], bindingNamespace) {
			return &subjects[i]
		}
	}
	return nil
}

func subjectMatches(u *User, s *apiobj.Subject, bindingNamespace string) bool {
	switch s.Kind {
	case apiobj.SubjectKindUser:
		return u.Name != "" && u.Name == s.Name
	case apiobj.SubjectKindGroup:
		return u.InGroup(s.Name)
	case apiobj.SubjectKindServiceAccount:
		ns := s.Namespace
		if ns == "" {
			ns = bindingNamespace
		}
		return ns != "" && s.Name != "" && isServiceAccountUser(u.Name, ns, s.Name)
	}
	return false
}

// RuleAllows reports whether rule allows the request a, by Kubernetes' rules:
//
//   - verbs and apiGroups match exactly or by "*";
//   - resources match exactly ("pods", or "pods/log" for a subresource), by
//     "*" (any resource and any subresource), or by "*/<subresource>" (that
//     subresource of any resource); "pods" does not match "pods/log";
//   - resourceNames, when not empty, must contain the request's name, so a
//     rule with names never allows list, watch, create or deletecollection
//     (requests without a name);
//   - nonResourceURLs match exactly, by "*", or by a prefix ending in "*"
//     ("/healthz/*" matches "/healthz/etcd", but not "/healthz").
func RuleAllows(a Attributes, rule *apiobj.PolicyRule) bool {
	if !matches(rule.Verbs, a.Verb, apiobj.VerbAll) {
		return false
	}
	if !a.ResourceRequest {
		return nonResourceURLMatches(rule.NonResourceURLs, a.Path)
	}
	return matches(rule.APIGroups, a.APIGroup, apiobj.APIGroupAll) &&
		resourceMatches(rule.Resources, a.Resource, a.Subresource) &&
		(len(rule.ResourceNames) == 0 || slices.Contains(rule.ResourceNames, a.Name))
}

func matches(list []string, v, all string) bool {
	for _, x := range list {
		if x == all || x == v {
			return true
		}
	}
	return false
}

func resourceMatches(list []string, resource, subresource string) bool {
	combined := resource
	if subresource != "" {
		combined = resource + "/" + subresource
	}
	for _, x := range list {
		if x == apiobj.ResourceAll || x == combined {
			return true
		}
		if subresource != "" && strings.HasPrefix(x, "*/") && x[2:] == subresource {
			return true
		}
	}
	return false
}

func nonResourceURLMatches(list []string, path string) bool {
	for _, x := range list {
		if x == apiobj.NonResourceAll || x == path {
			return true
		}
		if prefix, ok := strings.CutSuffix(x, "*"); ok && strings.HasPrefix(path, prefix) {
			return true
		}
	}
	return false
}

// isServiceAccountUser reports whether username is
// system:serviceaccount:<ns>:<name>, without building that string.
func isServiceAccountUser(username, ns, name string) bool {
	rest, ok := strings.CutPrefix(username, ServiceAccountUsernamePrefix)
	return ok && len(rest) == len(ns)+1+len(name) &&
		rest[:len(ns)] == ns && rest[len(ns)] == ':' && rest[len(ns)+1:] == name
}
