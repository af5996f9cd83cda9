package apiserver

import (
	"net/http"
	"net/url"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/apiserver/registry"
)

// serveReview answers the create-only review kinds that need no storage:
// SelfSubjectAccessReview, SubjectAccessReview, LocalSubjectAccessReview
// (through Config.Authorizer) and SelfSubjectReview. It reports whether res
// was one of them.
func (s *Server) serveReview(w http.ResponseWriter, r *http.Request, res *registry.Resource, ns string, q url.Values) bool {
	gvk := res.Info.GroupVersionKind
	var attrs *apiobj.ResourceAttributes
	var nonRes *apiobj.NonResourceAttributes
	var u *auth.User
	var out apiobj.Object
	var status *apiobj.SubjectAccessReviewStatus
	me, _ := auth.UserFrom(r.Context())
	switch gvk {
	case apiobj.AuthorizationV1.WithKind("SelfSubjectAccessReview"):
		var rv apiobj.SelfSubjectAccessReview
		if _, err := s.readInto(w, r, &rv, gvk, q); err != nil {
			writeError(w, r, err)
			return true
		}
		attrs, nonRes, u = rv.Spec.ResourceAttributes, rv.Spec.NonResourceAttributes, me
		out, status = &rv, &rv.Status
	case apiobj.AuthorizationV1.WithKind("SubjectAccessReview"), apiobj.AuthorizationV1.WithKind("LocalSubjectAccessReview"):
		var rv apiobj.SubjectAccessReview
		if _, err := s.readInto(w, r, &rv, gvk, q); err != nil {
			writeError(w, r, err)
			return true
		}
		attrs, nonRes = rv.Spec.ResourceAttributes, rv.Spec.NonResourceAttributes
		u = &auth.User{Name: rv.Spec.User, UID: rv.Spec.UID, Groups: rv.Spec.Groups}
		if ns != "" && attrs != nil {
			attrs.Namespace = ns
		}
		out, status = &rv, &rv.Status
	case apiobj.AuthenticationV1.WithKind("SelfSubjectReview"):
		rv := &apiobj.SelfSubjectReview{}
		rv.Status.UserInfo = apiobj.UserInfo{Username: me.Name, UID: me.UID, Groups: me.Groups}
		rv.SetGroupVersionKind(gvk)
		s.respond(w, r, http.StatusCreated, rv)
		return true
	default:
		return false
	}
	a := auth.Attributes{User: u}
	if attrs != nil {
		a.ResourceRequest = true
		a.Verb, a.Namespace, a.APIGroup, a.APIVersion = attrs.Verb, attrs.Namespace, attrs.Group, attrs.Version
		a.Resource, a.Subresource, a.Name = attrs.Resource, attrs.Subresource, attrs.Name
	} else if nonRes != nil {
		a.Verb, a.Path = nonRes.Verb, nonRes.Path
	}
	status.Allowed = true
	if s.cfg.Authorizer != nil {
		d, reason, err := s.cfg.Authorizer.Authorize(r.Context(), a)
		status.Allowed = d == auth.DecisionAllow
		status.Denied = d == auth.DecisionDeny
		status.Reason = reason
		if err != nil {
			status.EvaluationError = err.Error()
		}
	}
	out.SetGroupVersionKind(gvk)
	s.respond(w, r, http.StatusCreated, out)
	return true
}
