package apiobj

// This file holds authentication.k8s.io/v1 and authorization.k8s.io/v1.
// Their kinds are create-only requests answered in status; none has a list kind.

// ExtraValue is the value of a user's extra attribute.
type ExtraValue []string

// UserInfo is an authenticated user.
type UserInfo struct {
	Username string `json:"username,omitempty"`
	// UID is unique across time, unlike Username.
	UID    string                `json:"uid,omitempty"`
	Groups []string              `json:"groups,omitempty"`
	Extra  map[string]ExtraValue `json:"extra,omitempty"`
}

// TokenReview asks the API server to authenticate a bearer token.
type TokenReview struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`

	Spec   TokenReviewSpec   `json:"spec"`
	Status TokenReviewStatus `json:"status,omitempty"`
}

// TokenReviewSpec is the token to check.
type TokenReviewSpec struct {
	Token string `json:"token,omitempty"`
	// Audiences the token must be valid for; empty means the API server's.
	Audiences []string `json:"audiences,omitempty"`
}

// TokenReviewStatus is the answer to a TokenReview.
type TokenReviewStatus struct {
	Authenticated bool     `json:"authenticated,omitempty"`
	User          UserInfo `json:"user,omitempty"`
	// Audiences are those of the request the token is valid for.
	Audiences []string `json:"audiences,omitempty"`
	// Error is set when the token could not be checked.
	Error string `json:"error,omitempty"`
}

// TokenRequest is posted to a service account's token subresource to mint
// a bound token.
type TokenRequest struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`

	Spec   TokenRequestSpec   `json:"spec"`
	Status TokenRequestStatus `json:"status,omitempty"`
}

// TokenRequestSpec is what the token is for.
type TokenRequestSpec struct {
	Audiences []string `json:"audiences"`
	// ExpirationSeconds nil means the server default (one hour).
	ExpirationSeconds *int64 `json:"expirationSeconds"`
	// BoundObjectRef ties the token's validity to a Pod, Secret or Node.
	BoundObjectRef *BoundObjectReference `json:"boundObjectRef"`
}

// TokenRequestStatus holds the minted token.
type TokenRequestStatus struct {
	Token               string `json:"token"`
	ExpirationTimestamp Time   `json:"expirationTimestamp"`
}

// BoundObjectReference names the object a token is bound to.
type BoundObjectReference struct {
	Kind       string `json:"kind,omitempty"`
	APIVersion string `json:"apiVersion,omitempty"`
	Name       string `json:"name,omitempty"`
	UID        UID    `json:"uid,omitempty"`
}

// SelfSubjectReview returns the attributes of the requesting user.
type SelfSubjectReview struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`

	Status SelfSubjectReviewStatus `json:"status,omitempty"`
}

// SelfSubjectReviewStatus is the requesting user.
type SelfSubjectReviewStatus struct {
	UserInfo UserInfo `json:"userInfo,omitempty"`
}

// SubjectAccessReview asks whether a user may perform an action.
type SubjectAccessReview struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`

	Spec   SubjectAccessReviewSpec   `json:"spec"`
	Status SubjectAccessReviewStatus `json:"status,omitempty"`
}

// LocalSubjectAccessReview is a SubjectAccessReview limited to the
// namespace it is created in.
type LocalSubjectAccessReview struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`

	Spec   SubjectAccessReviewSpec   `json:"spec"`
	Status SubjectAccessReviewStatus `json:"status,omitempty"`
}

// SelfSubjectAccessReview asks whether the requesting user may perform an action.
type SelfSubjectAccessReview struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`

	Spec   SelfSubjectAccessReviewSpec `json:"spec"`
	Status SubjectAccessReviewStatus   `json:"status,omitempty"`
}

// SubjectAccessReviewSpec is the action and the user. Exactly one of
// ResourceAttributes and NonResourceAttributes is set.
type SubjectAccessReviewSpec struct {
	ResourceAttributes    *ResourceAttributes    `json:"resourceAttributes,omitempty"`
	NonResourceAttributes *NonResourceAttributes `json:"nonResourceAttributes,omitempty"`
	User                  string                 `json:"user,omitempty"`
	Groups                []string               `json:"groups,omitempty"`
	Extra                 map[string]ExtraValue  `json:"extra,omitempty"`
	UID                   string                 `json:"uid,omitempty"`
}

// SelfSubjectAccessReviewSpec is the action; the user is the requester.
type SelfSubjectAccessReviewSpec struct {
	ResourceAttributes    *ResourceAttributes    `json:"resourceAttributes,omitempty"`
	NonResourceAttributes *NonResourceAttributes `json:"nonResourceAttributes,omitempty"`
}

// ResourceAttributes describe a request on a resource. Empty strings
// mean "all" for Namespace and Name.
type ResourceAttributes struct {
	Namespace   string `json:"namespace,omitempty"`
	Verb        string `json:"verb,omitempty"`
	Group       string `json:"group,omitempty"`
	Version     string `json:"version,omitempty"`
	Resource    string `json:"resource,omitempty"`
	Subresource string `json:"subresource,omitempty"`
	Name        string `json:"name,omitempty"`
	// FieldSelector and LabelSelector narrow list, watch and deletecollection.
	FieldSelector *FieldSelectorAttributes `json:"fieldSelector,omitempty"`
	LabelSelector *LabelSelectorAttributes `json:"labelSelector,omitempty"`
}

// FieldSelectorAttributes is a field selector, raw or parsed.
type FieldSelectorAttributes struct {
	RawSelector  string                     `json:"rawSelector,omitempty"`
	Requirements []FieldSelectorRequirement `json:"requirements,omitempty"`
}

// LabelSelectorAttributes is a label selector, raw or parsed.
type LabelSelectorAttributes struct {
	RawSelector  string                     `json:"rawSelector,omitempty"`
	Requirements []LabelSelectorRequirement `json:"requirements,omitempty"`
}

// FieldSelectorOperator is In, NotIn, Exists or DoesNotExist.
type FieldSelectorOperator string

const (
	FieldSelectorOpIn           FieldSelectorOperator = "In"
	FieldSelectorOpNotIn        FieldSelectorOperator = "NotIn"
	FieldSelectorOpExists       FieldSelectorOperator = "Exists"
	FieldSelectorOpDoesNotExist FieldSelectorOperator = "DoesNotExist"
)

// FieldSelectorRequirement (meta/v1) is one field selector expression.
type FieldSelectorRequirement struct {
	Key      string                `json:"key"`
	Operator FieldSelectorOperator `json:"operator"`
	Values   []string              `json:"values,omitempty"`
}

// NonResourceAttributes describe a request on a non-resource path.
type NonResourceAttributes struct {
	Path string `json:"path,omitempty"`
	Verb string `json:"verb,omitempty"`
}

// SubjectAccessReviewStatus is the decision. Denied true means no
// authorizer may allow it; Allowed and Denied are never both true.
type SubjectAccessReviewStatus struct {
	Allowed bool   `json:"allowed"`
	Denied  bool   `json:"denied,omitempty"`
	Reason  string `json:"reason,omitempty"`
	// EvaluationError reports an authorizer failure; the decision stands.
	EvaluationError string `json:"evaluationError,omitempty"`
}

// SelfSubjectRulesReview lists what the requesting user may do in a namespace.
type SelfSubjectRulesReview struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`

	Spec   SelfSubjectRulesReviewSpec `json:"spec"`
	Status SubjectRulesReviewStatus   `json:"status,omitempty"`
}

// SelfSubjectRulesReviewSpec is the namespace to list rules for.
type SelfSubjectRulesReviewSpec struct {
	Namespace string `json:"namespace,omitempty"`
}

// SubjectRulesReviewStatus is the user's rules. Incomplete true means some
// authorizer could not enumerate its rules.
type SubjectRulesReviewStatus struct {
	ResourceRules    []ResourceRule    `json:"resourceRules"`
	NonResourceRules []NonResourceRule `json:"nonResourceRules"`
	Incomplete       bool              `json:"incomplete"`
	EvaluationError  string            `json:"evaluationError,omitempty"`
}

// ResourceRule is a rule on resources, as listed by SelfSubjectRulesReview.
type ResourceRule struct {
	Verbs         []string `json:"verbs"`
	APIGroups     []string `json:"apiGroups,omitempty"`
	Resources     []string `json:"resources,omitempty"`
	ResourceNames []string `json:"resourceNames,omitempty"`
}

// NonResourceRule is a rule on non-resource URLs.
type NonResourceRule struct {
	Verbs           []string `json:"verbs"`
	NonResourceURLs []string `json:"nonResourceURLs,omitempty"`
}
