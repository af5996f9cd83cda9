package apiobj

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// CustomResourceCleanupFinalizer keeps a CustomResourceDefinition until all
// of its custom resources are deleted.
const CustomResourceCleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io"

// CustomResourceDefinition defines a custom kind served by the API server.
// Its name is <spec.names.plural>.<spec.group>.
type CustomResourceDefinition struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`

	Spec   CustomResourceDefinitionSpec   `json:"spec"`
	Status CustomResourceDefinitionStatus `json:"status,omitempty"`
}

// CustomResourceDefinitionSpec is how the custom kind is served.
type CustomResourceDefinitionSpec struct {
	Group string                        `json:"group"`
	Names CustomResourceDefinitionNames `json:"names"`
	Scope ResourceScope                 `json:"scope"`
	// Versions holds every served version; exactly one has Storage set.
	Versions   []CustomResourceDefinitionVersion `json:"versions"`
	Conversion *CustomResourceConversion         `json:"conversion,omitempty"`
	// PreserveUnknownFields true disables pruning (legacy; must be false in v1).
	PreserveUnknownFields bool `json:"preserveUnknownFields,omitempty"`
}

// CustomResourceDefinitionNames are the resource and kind names of the custom kind.
type CustomResourceDefinitionNames struct {
	Plural string `json:"plural"`
	// Singular "" means the lowercased Kind.
	Singular   string   `json:"singular,omitempty"`
	ShortNames []string `json:"shortNames,omitempty"`
	Kind       string   `json:"kind"`
	// ListKind "" means Kind+"List".
	ListKind   string   `json:"listKind,omitempty"`
	Categories []string `json:"categories,omitempty"`
}

// ResourceScope is Namespaced or Cluster.
type ResourceScope string

const (
	ClusterScoped   ResourceScope = "Cluster"
	NamespaceScoped ResourceScope = "Namespaced"
)

// CustomResourceDefinitionVersion is one served version of the custom kind.
type CustomResourceDefinitionVersion struct {
	Name    string `json:"name"`
	Served  bool   `json:"served"`
	Storage bool   `json:"storage"`
	// Deprecated makes requests to this version carry a warning.
	Deprecated bool `json:"deprecated,omitempty"`
	// DeprecationWarning overrides the default warning.
	DeprecationWarning       *string                          `json:"deprecationWarning,omitempty"`
	Schema                   *CustomResourceValidation        `json:"schema,omitempty"`
	Subresources             *CustomResourceSubresources      `json:"subresources,omitempty"`
	AdditionalPrinterColumns []CustomResourceColumnDefinition `json:"additionalPrinterColumns,omitempty"`
	SelectableFields         []SelectableField                `json:"selectableFields,omitempty"`
}

// SelectableField names a field usable in field selectors.
type SelectableField struct {
	JSONPath string `json:"jsonPath"`
}

// CustomResourceColumnDefinition is a column of the table output.
type CustomResourceColumnDefinition struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	Format      string `json:"format,omitempty"`
	Description string `json:"description,omitempty"`
	// Priority 0 columns are always shown; higher ones only in wide output.
	Priority int32  `json:"priority,omitempty"`
	JSONPath string `json:"jsonPath"`
}

// CustomResourceConversion says how objects convert between versions.
type CustomResourceConversion struct {
	Strategy ConversionStrategyType `json:"strategy"`
	// Webhook is required when Strategy is Webhook.
	Webhook *WebhookConversion `json:"webhook,omitempty"`
}

// ConversionStrategyType is None or Webhook.
type ConversionStrategyType string

const (
	// NoneConverter changes only apiVersion.
	NoneConverter ConversionStrategyType = "None"
	// WebhookConverter calls a conversion webhook.
	WebhookConverter ConversionStrategyType = "Webhook"
)

// WebhookConversion says how to call a conversion webhook.
type WebhookConversion struct {
	ClientConfig *WebhookClientConfig `json:"clientConfig,omitempty"`
	// ConversionReviewVersions are the ConversionReview versions the webhook
	// accepts, in order of preference.
	ConversionReviewVersions []string `json:"conversionReviewVersions"`
}

// WebhookClientConfig says how to reach a webhook: by URL or by Service.
// It has the same shape in apiextensions and admissionregistration.
type WebhookClientConfig struct {
	URL     *string           `json:"url,omitempty"`
	Service *ServiceReference `json:"service,omitempty"`
	// CABundle is PEM; empty means the system roots.
	CABundle []byte `json:"caBundle,omitempty"`
}

// ServiceReference names the Service of a webhook.
type ServiceReference struct {
	Namespace string  `json:"namespace"`
	Name      string  `json:"name"`
	Path      *string `json:"path,omitempty"`
	// Port nil means 443.
	Port *int32 `json:"port,omitempty"`
}

// CustomResourceValidation holds a version's schema.
type CustomResourceValidation struct {
	OpenAPIV3Schema *JSONSchemaProps `json:"openAPIV3Schema,omitempty"`
}

// CustomResourceSubresources enables the status and scale subresources.
type CustomResourceSubresources struct {
	Status *CustomResourceSubresourceStatus `json:"status,omitempty"`
	Scale  *CustomResourceSubresourceScale  `json:"scale,omitempty"`
}

// CustomResourceSubresourceStatus, when present, serves /status: the main
// endpoint ignores status changes and /status ignores everything else.
type CustomResourceSubresourceStatus struct{}

// CustomResourceSubresourceScale maps /scale onto JSON paths of the object.
type CustomResourceSubresourceScale struct {
	SpecReplicasPath   string `json:"specReplicasPath"`
	StatusReplicasPath string `json:"statusReplicasPath"`
	// LabelSelectorPath points to a string selector; needed by autoscalers.
	LabelSelectorPath *string `json:"labelSelectorPath,omitempty"`
}

// CustomResourceDefinitionStatus is the observed state of a definition.
type CustomResourceDefinitionStatus struct {
	Conditions []CustomResourceDefinitionCondition `json:"conditions"`
	// AcceptedNames are the names actually served.
	AcceptedNames CustomResourceDefinitionNames `json:"acceptedNames"`
	// StoredVersions are every version objects were ever stored at.
	StoredVersions     []string `json:"storedVersions"`
	ObservedGeneration int64    `json:"observedGeneration,omitempty"`
}

// CustomResourceDefinitionConditionType names a definition condition.
type CustomResourceDefinitionConditionType string

// Condition types of a CustomResourceDefinition. Kubernetes names them
// without the CRD prefix.
const (
	// CRDEstablished: the kind is served.
	CRDEstablished CustomResourceDefinitionConditionType = "Established"
	// CRDNamesAccepted: the names do not conflict with other definitions.
	CRDNamesAccepted CustomResourceDefinitionConditionType = "NamesAccepted"
	// CRDNonStructuralSchema: a schema is not structural.
	CRDNonStructuralSchema CustomResourceDefinitionConditionType = "NonStructuralSchema"
	// CRDTerminating: the definition is being deleted.
	CRDTerminating CustomResourceDefinitionConditionType = "Terminating"
	// CRDKubernetesAPIApprovalPolicyConformant: a *.k8s.io group is approved.
	CRDKubernetesAPIApprovalPolicyConformant CustomResourceDefinitionConditionType = "KubernetesAPIApprovalPolicyConformant"
)

// CustomResourceDefinitionCondition is one observation of a definition's state.
type CustomResourceDefinitionCondition struct {
	Type               CustomResourceDefinitionConditionType `json:"type"`
	Status             ConditionStatus                       `json:"status"`
	LastTransitionTime Time                                  `json:"lastTransitionTime,omitzero"`
	Reason             string                                `json:"reason,omitempty"`
	Message            string                                `json:"message,omitempty"`
	ObservedGeneration int64                                 `json:"observedGeneration,omitempty"`
}

// CustomResourceDefinitionList is a list of CustomResourceDefinitions.
type CustomResourceDefinitionList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`

	Items []CustomResourceDefinition `json:"items"`
}

// JSONSchemaURL is the $schema of a JSON schema.
type JSONSchemaURL string

// JSONSchemaProps is a JSON schema (OpenAPI v3 subset) with the Kubernetes
// x-kubernetes-* extensions. Values (default, enum, example) are kept verbatim.
type JSONSchemaProps struct {
	ID                   string                     `json:"id,omitempty"`
	Schema               JSONSchemaURL              `json:"$schema,omitempty"`
	Ref                  *string                    `json:"$ref,omitempty"`
	Description          string                     `json:"description,omitempty"`
	Type                 string                     `json:"type,omitempty"`
	Format               string                     `json:"format,omitempty"`
	Title                string                     `json:"title,omitempty"`
	Default              *RawJSON                   `json:"default,omitempty"`
	Maximum              *float64                   `json:"maximum,omitempty"`
	ExclusiveMaximum     bool                       `json:"exclusiveMaximum,omitempty"`
	Minimum              *float64                   `json:"minimum,omitempty"`
	ExclusiveMinimum     bool                       `json:"exclusiveMinimum,omitempty"`
	MaxLength            *int64                     `json:"maxLength,omitempty"`
	MinLength            *int64                     `json:"minLength,omitempty"`
	Pattern              string                     `json:"pattern,omitempty"`
	MaxItems             *int64                     `json:"maxItems,omitempty"`
	MinItems             *int64                     `json:"minItems,omitempty"`
	UniqueItems          bool                       `json:"uniqueItems,omitempty"`
	MultipleOf           *float64                   `json:"multipleOf,omitempty"`
	Enum                 []RawJSON                  `json:"enum,omitempty"`
	MaxProperties        *int64                     `json:"maxProperties,omitempty"`
	MinProperties        *int64                     `json:"minProperties,omitempty"`
	Required             []string                   `json:"required,omitempty"`
	Items                *JSONSchemaPropsOrArray    `json:"items,omitempty"`
	AllOf                []JSONSchemaProps          `json:"allOf,omitempty"`
	OneOf                []JSONSchemaProps          `json:"oneOf,omitempty"`
	AnyOf                []JSONSchemaProps          `json:"anyOf,omitempty"`
	Not                  *JSONSchemaProps           `json:"not,omitempty"`
	Properties           map[string]JSONSchemaProps `json:"properties,omitempty"`
	AdditionalProperties *JSONSchemaPropsOrBool     `json:"additionalProperties,omitempty"`
	PatternProperties    map[string]JSONSchemaProps `json:"patternProperties,omitempty"`
	Dependencies         JSONSchemaDependencies     `json:"dependencies,omitempty"`
	AdditionalItems      *JSONSchemaPropsOrBool     `json:"additionalItems,omitempty"`
	Definitions          JSONSchemaDefinitions      `json:"definitions,omitempty"`
	ExternalDocs         *ExternalDocumentation     `json:"externalDocs,omitempty"`
	Example              *RawJSON                   `json:"example,omitempty"`
	Nullable             bool                       `json:"nullable,omitempty"`

	// XPreserveUnknownFields stops pruning of fields the schema does not name.
	XPreserveUnknownFields *bool `json:"x-kubernetes-preserve-unknown-fields,omitempty"`
	// XEmbeddedResource marks an embedded object with apiVersion, kind and metadata.
	XEmbeddedResource bool `json:"x-kubernetes-embedded-resource,omitempty"`
	// XIntOrString accepts an integer or a string.
	XIntOrString bool `json:"x-kubernetes-int-or-string,omitempty"`
	// XListMapKeys are the keys of a list of type "map".
	XListMapKeys []string `json:"x-kubernetes-list-map-keys,omitempty"`
	// XListType is "atomic", "set" or "map".
	XListType *string `json:"x-kubernetes-list-type,omitempty"`
	// XMapType is "granular" or "atomic".
	XMapType *string `json:"x-kubernetes-map-type,omitempty"`
	// XValidations are CEL rules.
	XValidations ValidationRules `json:"x-kubernetes-validations,omitempty"`
}

// ValidationRules are the CEL rules of a schema.
type ValidationRules []ValidationRule

// ValidationRule is one CEL validation rule.
type ValidationRule struct {
	Rule              string                 `json:"rule"`
	Message           string                 `json:"message,omitempty"`
	MessageExpression string                 `json:"messageExpression,omitempty"`
	Reason            *FieldValueErrorReason `json:"reason,omitempty"`
	FieldPath         string                 `json:"fieldPath,omitempty"`
	OptionalOldSelf   *bool                  `json:"optionalOldSelf,omitempty"`
}

// FieldValueErrorReason is the reason reported when a validation rule fails.
type FieldValueErrorReason string

const (
	FieldValueRequired  FieldValueErrorReason = "FieldValueRequired"
	FieldValueDuplicate FieldValueErrorReason = "FieldValueDuplicate"
	FieldValueInvalid   FieldValueErrorReason = "FieldValueInvalid"
	FieldValueForbidden FieldValueErrorReason = "FieldValueForbidden"
)

// ExternalDocumentation links to more documentation of a schema.
type ExternalDocumentation struct {
	Description string `json:"description,omitempty"`
	URL         string `json:"url,omitempty"`
}

// JSONSchemaDefinitions are named schemas.
type JSONSchemaDefinitions map[string]JSONSchemaProps

// JSONSchemaDependencies map a property to a schema or to a list of
// properties it requires.
type JSONSchemaDependencies map[string]JSONSchemaPropsOrStringArray

// JSONSchemaPropsOrArray is the value of "items": one schema for every
// element, or a list of schemas, one per position. A non-nil JSONSchemas
// (even empty) encodes as an array; otherwise Schema is encoded.
type JSONSchemaPropsOrArray struct {
	Schema      *JSONSchemaProps
	JSONSchemas []JSONSchemaProps
}

// MarshalJSON implements json.Marshaler.
func (s JSONSchemaPropsOrArray) MarshalJSON() ([]byte, error) {
	if s.JSONSchemas != nil {
		return json.Marshal(s.JSONSchemas)
	}
	return json.Marshal(s.Schema)
}

// UnmarshalJSON implements json.Unmarshaler.
func (s *JSONSchemaPropsOrArray) UnmarshalJSON(b []byte) error {
	*s = JSONSchemaPropsOrArray{}
	switch firstByte(b) {
	case 'n':
		return nil
	case '{':
		s.Schema = new(JSONSchemaProps)
		return json.Unmarshal(b, s.Schema)
	case '[':
		s.JSONSchemas = []JSONSchemaProps{}
		return json.Unmarshal(b, &s.JSONSchemas)
	}
	return fmt.Errorf("JSONSchemaPropsOrArray: want an object or an array, got %.20q", b)
}

// JSONSchemaPropsOrBool is the value of "additionalProperties" and
// "additionalItems": a boolean, or a schema (which implies true). A non-nil
// Schema is encoded as the schema; otherwise Allows is encoded.
type JSONSchemaPropsOrBool struct {
	Allows bool
	Schema *JSONSchemaProps
}

// MarshalJSON implements json.Marshaler.
func (s JSONSchemaPropsOrBool) MarshalJSON() ([]byte, error) {
	if s.Schema != nil {
		return json.Marshal(s.Schema)
	}
	return json.Marshal(s.Allows)
}

// UnmarshalJSON implements json.Unmarshaler.
func (s *JSONSchemaPropsOrBool) UnmarshalJSON(b []byte) error {
	*s = JSONSchemaPropsOrBool{}
	switch firstByte(b) {
	case 'n':
		return nil
	case '{':
		s.Allows, s.Schema = true, new(JSONSchemaProps)
		return json.Unmarshal(b, s.Schema)
	case 't', 'f':
		return json.Unmarshal(b, &s.Allows)
	}
	return fmt.Errorf("JSONSchemaPropsOrBool: want an object or a boolean, got %.20q", b)
}

// JSONSchemaPropsOrStringArray is a dependency: a schema, or the list of
// properties that must be present. A non-nil Property encodes as an array;
// otherwise Schema is encoded.
type JSONSchemaPropsOrStringArray struct {
	Schema   *JSONSchemaProps
	Property []string
}

// MarshalJSON implements json.Marshaler.
func (s JSONSchemaPropsOrStringArray) MarshalJSON() ([]byte, error) {
	if s.Property != nil {
		return json.Marshal(s.Property)
	}
	return json.Marshal(s.Schema)
}

// UnmarshalJSON implements json.Unmarshaler.
func (s *JSONSchemaPropsOrStringArray) UnmarshalJSON(b []byte) error {
	*s = JSONSchemaPropsOrStringArray{}
	switch firstByte(b) {
	case 'n':
		return nil
	case '{':
		s.Schema = new(JSONSchemaProps)
		return json.Unmarshal(b, s.Schema)
	case '[':
		s.Property = []string{}
		return json.Unmarshal(b, &s.Property)
	}
	return fmt.Errorf("JSONSchemaPropsOrStringArray: want an object or an array, got %.20q", b)
}

// firstByte returns the first non-space byte of a JSON value, or 0.
func firstByte(b []byte) byte {
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 {
		return 0
	}
	return b[0]
}
