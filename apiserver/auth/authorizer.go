package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/orcaproj/orca/apiobj"
)

// RuleResolver is an optional ability of an Authorizer, found by type
// assertion: it lists the rules u has in namespace (cluster-wide rules
// included), for SelfSubjectRulesReview, which is what `kubectl auth can-i
// --list` asks. incomplete is true when some rules could not be listed; err
// then says why.
type RuleResolver interface {
	RulesFor(ctx context.Context, u *User, namespace string) (rules Rules, incomplete bool, err error)
}

// Rules is what a RuleResolver lists.
type Rules struct {
	Resource    []apiobj.ResourceRule
	NonResource []apiobj.NonResourceRule
}

type chain []Authorizer

var (
	_ Authorizer   = chain(nil)
	_ RuleResolver = chain(nil)
)

// Chain asks each authorizer in order. The first Allow or Deny decides, with
// that authorizer's reason; when all have no opinion the result is
// DecisionNoOpinion (which the API server treats as a denial) with the
// reasons joined by newlines and the errors joined.
//
// Chain is a RuleResolver: it unions the rules of its members that are, and
// reports incomplete when any member is not or could not list them.
func Chain(authorizers ...Authorizer) Authorizer {
	return chain(slices.Clone(authorizers))
}

// Authorize implements Authorizer.
func (c chain) Authorize(ctx context.Context, a Attributes) (Decision, string, error) {
	var reasons []string
	var errs []error
	for _, z := range c {
		d, reason, err := z.Authorize(ctx, a)
		if err != nil {
			errs = append(errs, err)
		}
		if reason != "" {
			reasons = append(reasons, reason)
		}
		if d == DecisionAllow || d == DecisionDeny {
			return d, reason, err
		}
	}
	return DecisionNoOpinion, strings.Join(reasons, "\n"), errors.Join(errs...)
}

// RulesFor implements RuleResolver.
func (c chain) RulesFor(ctx context.Context, u *User, namespace string) (Rules, bool, error) {
	var all Rules
	incomplete := false
	var errs []error
	for _, z := range c {
		r, ok := z.(RuleResolver)
		if !ok {
			incomplete = true
			continue
		}
		rules, inc, err := r.RulesFor(ctx, u, namespace)
		all.Resource = append(all.Resource, rules.Resource...)
		all.NonResource = append(all.NonResource, rules.NonResource...)
		incomplete = incomplete || inc
		if err != nil {
			errs = append(errs, err)
		}
	}
	return all, incomplete, errors.Join(errs...)
}

type privilegedGroups []string

// PrivilegedGroups allows every request of a user in any of groups, and has
// no opinion about other users.
func PrivilegedGroups(groups ...string) Authorizer {
	return privilegedGroups(slices.Clone(groups))
}

// MastersAuthorizer allows every request of a user in system:masters, as
// Kubernetes does ahead of RBAC, so that the admin cannot lock themselves out
// by editing RBAC objects. Put it first in the Chain.
func MastersAuthorizer() Authorizer { return PrivilegedGroups(GroupMasters) }

// Authorize implements Authorizer.
func (p privilegedGroups) Authorize(_ context.Context, a Attributes) (Decision, string, error) {
	if a.User != nil && slices.ContainsFunc(p, a.User.InGroup) {
		return DecisionAllow, "", nil
	}
	return DecisionNoOpinion, "", nil
}

// RulesFor implements RuleResolver: everything for members, nothing else.
func (p privilegedGroups) RulesFor(_ context.Context, u *User, _ string) (Rules, bool, error) {
	if u == nil || !slices.ContainsFunc(p, u.InGroup) {
		return Rules{}, false, nil
	}
	return Rules{
		Resource:    []apiobj.ResourceRule{{Verbs: []string{"*"}, APIGroups: []string{"*"}, Resources: []string{"*"}}},
		NonResource: []apiobj.NonResourceRule{{Verbs: []string{"*"}, NonResourceURLs: []string{"*"}}},
	}, false, nil
}

// Forbidden is the 403 error of a denied request, with Kubernetes' message,
// for example
//
//	pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "default"
//
// with ": <reason>" appended when reason is not empty.
func Forbidden(a Attributes, reason string) *apiobj.StatusError {
	user := ""
	if a.User != nil {
		user = a.User.Name
	}
	var msg string
	switch {
	case !a.ResourceRequest:
		msg = fmt.Sprintf("User %q cannot %s path %q", user, a.Verb, a.Path)
	case a.Namespace != "":
		msg = fmt.Sprintf("User %q cannot %s resource %q in API group %q in the namespace %q", user, a.Verb, resourceString(a), a.APIGroup, a.Namespace)
	default:
		msg = fmt.Sprintf("User %q cannot %s resource %q in API group %q at the cluster scope", user, a.Verb, resourceString(a), a.APIGroup)
	}
	if reason != "" {
		msg += ": " + reason
	}
	if !a.ResourceRequest || a.Resource == "" {
		e := apiobj.NewStatusError(http.StatusForbidden, apiobj.StatusReasonForbidden, "forbidden: "+msg)
		e.Status.Details = &apiobj.StatusDetails{}
		return e
	}
	return apiobj.NewForbidden(apiobj.GroupResource{Group: a.APIGroup, Resource: a.Resource}, a.Name, errors.New(msg))
}

// Unauthorized is the 401 error of a request that could not be authenticated.
// Like Kubernetes it says only "Unauthorized"; log the authenticator's error
// on the server instead of sending it.
func Unauthorized() *apiobj.StatusError {
	return apiobj.NewStatusError(http.StatusUnauthorized, apiobj.StatusReasonUnauthorized, "Unauthorized")
}

func resourceString(a Attributes) string {
	if a.Subresource != "" {
		return a.Resource + "/" + a.Subresource
	}
	return a.Resource
}
