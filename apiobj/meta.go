package apiobj

import "strings"

// UID is a unique identifier set by the server when an object is created.
type UID string

// TypeMeta names an object's kind and API version on the wire.
type TypeMeta struct {
	Kind       string `json:"kind,omitempty" protobuf:"bytes,1,opt,name=kind"`
	APIVersion string `json:"apiVersion,omitempty" protobuf:"bytes,2,opt,name=apiVersion"`
}

// GroupVersionKind returns the parsed apiVersion and kind.
func (t *TypeMeta) GroupVersionKind() GroupVersionKind {
	return FromAPIVersionAndKind(t.APIVersion, t.Kind)
}

// SetGroupVersionKind sets apiVersion and kind.
func (t *TypeMeta) SetGroupVersionKind(gvk GroupVersionKind) {
	t.APIVersion, t.Kind = gvk.ToAPIVersionAndKind()
}

// ObjectMeta is the metadata every persisted object carries.
type ObjectMeta struct {
	Name                       string               `json:"name,omitempty" protobuf:"bytes,1,opt,name=name"`
	GenerateName               string               `json:"generateName,omitempty" protobuf:"bytes,2,opt,name=generateName"`
	Namespace                  string               `json:"namespace,omitempty" protobuf:"bytes,3,opt,name=namespace"`
	SelfLink                   string               `json:"selfLink,omitempty" protobuf:"bytes,4,opt,name=selfLink"`
	UID                        UID                  `json:"uid,omitempty" protobuf:"bytes,5,opt,name=uid"`
	ResourceVersion            string               `json:"resourceVersion,omitempty" protobuf:"bytes,6,opt,name=resourceVersion"`
	Generation                 int64                `json:"generation,omitempty" protobuf:"varint,7,opt,name=generation"`
	CreationTimestamp          Time                 `json:"creationTimestamp,omitzero" protobuf:"bytes,8,opt,name=creationTimestamp"`
	DeletionTimestamp          *Time                `json:"deletionTimestamp,omitempty" protobuf:"bytes,9,opt,name=deletionTimestamp"`
	DeletionGracePeriodSeconds *int64               `json:"deletionGracePeriodSeconds,omitempty" protobuf:"varint,10,opt,name=deletionGracePeriodSeconds"`
	Labels                     map[string]string    `json:"labels,omitempty" protobuf:"bytes,11,rep,name=labels"`
	Annotations                map[string]string    `json:"annotations,omitempty" protobuf:"bytes,12,rep,name=annotations"`
	OwnerReferences            []OwnerReference     `json:"ownerReferences,omitempty" patchStrategy:"merge" patchMergeKey:"uid" protobuf:"bytes,13,rep,name=ownerReferences"`
	Finalizers                 []string             `json:"finalizers,omitempty" patchStrategy:"merge" protobuf:"bytes,14,rep,name=finalizers"`
	ManagedFields              []ManagedFieldsEntry `json:"managedFields,omitempty" protobuf:"bytes,17,rep,name=managedFields"`
}

// ManagedFieldsEntry records which manager owns which fields. orca stores and
// returns it unchanged; it does not yet compute server-side apply ownership.
type ManagedFieldsEntry struct {
	Manager     string   `json:"manager,omitempty" protobuf:"bytes,1,opt,name=manager"`
	Operation   string   `json:"operation,omitempty" protobuf:"bytes,2,opt,name=operation"`
	APIVersion  string   `json:"apiVersion,omitempty" protobuf:"bytes,3,opt,name=apiVersion"`
	Time        *Time    `json:"time,omitempty" protobuf:"bytes,4,opt,name=time"`
	FieldsType  string   `json:"fieldsType,omitempty" protobuf:"bytes,6,opt,name=fieldsType"`
	FieldsV1    *RawJSON `json:"fieldsV1,omitempty" protobuf:"bytes,7,opt,name=fieldsV1"`
	Subresource string   `json:"subresource,omitempty" protobuf:"bytes,8,opt,name=subresource"`
}

// The accessors below make ObjectMeta satisfy MetaAccessor, so every kind
// that embeds it does too. They are not safe for concurrent use with writers.

func (m *ObjectMeta) GetName() string                        { return m.Name }
func (m *ObjectMeta) SetName(v string)                       { m.Name = v }
func (m *ObjectMeta) GetGenerateName() string                { return m.GenerateName }
func (m *ObjectMeta) SetGenerateName(v string)               { m.GenerateName = v }
func (m *ObjectMeta) GetNamespace() string                   { return m.Namespace }
func (m *ObjectMeta) SetNamespace(v string)                  { m.Namespace = v }
func (m *ObjectMeta) GetUID() UID                            { return m.UID }
func (m *ObjectMeta) SetUID(v UID)                           { m.UID = v }
func (m *ObjectMeta) GetResourceVersion() string             { return m.ResourceVersion }
func (m *ObjectMeta) SetResourceVersion(v string)            { m.ResourceVersion = v }
func (m *ObjectMeta) GetGeneration() int64                   { return m.Generation }
func (m *ObjectMeta) SetGeneration(v int64)                  { m.Generation = v }
func (m *ObjectMeta) GetCreationTimestamp() Time             { return m.CreationTimestamp }
func (m *ObjectMeta) SetCreationTimestamp(v Time)            { m.CreationTimestamp = v }
func (m *ObjectMeta) GetDeletionTimestamp() *Time            { return m.DeletionTimestamp }
func (m *ObjectMeta) SetDeletionTimestamp(v *Time)           { m.DeletionTimestamp = v }
func (m *ObjectMeta) GetLabels() map[string]string           { return m.Labels }
func (m *ObjectMeta) SetLabels(v map[string]string)          { m.Labels = v }
func (m *ObjectMeta) GetAnnotations() map[string]string      { return m.Annotations }
func (m *ObjectMeta) SetAnnotations(v map[string]string)     { m.Annotations = v }
func (m *ObjectMeta) GetFinalizers() []string                { return m.Finalizers }
func (m *ObjectMeta) SetFinalizers(v []string)               { m.Finalizers = v }
func (m *ObjectMeta) GetOwnerReferences() []OwnerReference   { return m.OwnerReferences }
func (m *ObjectMeta) SetOwnerReferences(v []OwnerReference)  { m.OwnerReferences = v }
func (m *ObjectMeta) GetDeletionGracePeriodSeconds() *int64  { return m.DeletionGracePeriodSeconds }
func (m *ObjectMeta) SetDeletionGracePeriodSeconds(v *int64) { m.DeletionGracePeriodSeconds = v }

// GetObjectMeta returns the metadata itself; typed kinds expose it so that
// hot paths avoid one accessor call per field.
func (m *ObjectMeta) GetObjectMeta() *ObjectMeta { return m }

// ListMeta is the metadata of a list.
type ListMeta struct {
	SelfLink           string `json:"selfLink,omitempty" protobuf:"bytes,1,opt,name=selfLink"`
	ResourceVersion    string `json:"resourceVersion,omitempty" protobuf:"bytes,2,opt,name=resourceVersion"`
	Continue           string `json:"continue,omitempty" protobuf:"bytes,3,opt,name=continue"`
	RemainingItemCount *int64 `json:"remainingItemCount,omitempty" protobuf:"bytes,4,opt,name=remainingItemCount"`
}

func (m *ListMeta) GetResourceVersion() string     { return m.ResourceVersion }
func (m *ListMeta) SetResourceVersion(v string)    { m.ResourceVersion = v }
func (m *ListMeta) GetContinue() string            { return m.Continue }
func (m *ListMeta) SetContinue(v string)           { m.Continue = v }
func (m *ListMeta) GetRemainingItemCount() *int64  { return m.RemainingItemCount }
func (m *ListMeta) SetRemainingItemCount(v *int64) { m.RemainingItemCount = v }

// OwnerReference points from a dependent to its owner. At most one reference
// of an object has Controller set.
type OwnerReference struct {
	APIVersion         string `json:"apiVersion" protobuf:"bytes,5,opt,name=apiVersion"`
	Kind               string `json:"kind" protobuf:"bytes,1,opt,name=kind"`
	Name               string `json:"name" protobuf:"bytes,3,opt,name=name"`
	UID                UID    `json:"uid" protobuf:"bytes,4,opt,name=uid"`
	Controller         *bool  `json:"controller,omitempty" protobuf:"varint,6,opt,name=controller"`
	BlockOwnerDeletion *bool  `json:"blockOwnerDeletion,omitempty" protobuf:"varint,7,opt,name=blockOwnerDeletion"`
}

// LabelSelector is the structured form of a label selector. A nil selector
// selects nothing; an empty one selects everything.
type LabelSelector struct {
	MatchLabels      map[string]string          `json:"matchLabels,omitempty" protobuf:"bytes,1,rep,name=matchLabels"`
	MatchExpressions []LabelSelectorRequirement `json:"matchExpressions,omitempty" protobuf:"bytes,2,rep,name=matchExpressions"`
}

// LabelSelectorOperator is In, NotIn, Exists or DoesNotExist.
type LabelSelectorOperator string

const (
	LabelSelectorOpIn           LabelSelectorOperator = "In"
	LabelSelectorOpNotIn        LabelSelectorOperator = "NotIn"
	LabelSelectorOpExists       LabelSelectorOperator = "Exists"
	LabelSelectorOpDoesNotExist LabelSelectorOperator = "DoesNotExist"
)

// LabelSelectorRequirement is one expression of a LabelSelector.
type LabelSelectorRequirement struct {
	Key      string                `json:"key" protobuf:"bytes,1,opt,name=key"`
	Operator LabelSelectorOperator `json:"operator" protobuf:"bytes,2,opt,name=operator"`
	Values   []string              `json:"values,omitempty" protobuf:"bytes,3,rep,name=values"`
}

// ConditionStatus is True, False or Unknown.
type ConditionStatus string

const (
	ConditionTrue    ConditionStatus = "True"
	ConditionFalse   ConditionStatus = "False"
	ConditionUnknown ConditionStatus = "Unknown"
)

// Condition is the standard condition of meta/v1, used by custom kinds and
// several built-in ones.
type Condition struct {
	Type               string          `json:"type" protobuf:"bytes,1,opt,name=type"`
	Status             ConditionStatus `json:"status" protobuf:"bytes,2,opt,name=status"`
	ObservedGeneration int64           `json:"observedGeneration,omitempty" protobuf:"varint,3,opt,name=observedGeneration"`
	LastTransitionTime Time            `json:"lastTransitionTime" protobuf:"bytes,4,opt,name=lastTransitionTime"`
	Reason             string          `json:"reason" protobuf:"bytes,5,opt,name=reason"`
	Message            string          `json:"message" protobuf:"bytes,6,opt,name=message"`
}

// GroupVersion is an API group and version.
type GroupVersion struct {
	Group   string
	Version string
}

// String returns "group/version", or "version" for the core group.
func (gv GroupVersion) String() string {
	if gv.Group == "" {
		return gv.Version
	}
	return gv.Group + "/" + gv.Version
}

// WithKind returns the GroupVersionKind of kind in gv.
func (gv GroupVersion) WithKind(kind string) GroupVersionKind {
	return GroupVersionKind{Group: gv.Group, Version: gv.Version, Kind: kind}
}

// WithResource returns the GroupVersionResource of resource in gv.
func (gv GroupVersion) WithResource(resource string) GroupVersionResource {
	return GroupVersionResource{Group: gv.Group, Version: gv.Version, Resource: resource}
}

// ParseGroupVersion parses "group/version" or "version".
func ParseGroupVersion(s string) GroupVersion {
	if i := strings.IndexByte(s, '/'); i >= 0 {
		return GroupVersion{Group: s[:i], Version: s[i+1:]}
	}
	return GroupVersion{Version: s}
}

// GroupVersionKind names a kind unambiguously.
type GroupVersionKind struct {
	Group   string
	Version string
	Kind    string
}

// GroupVersion drops the kind.
func (gvk GroupVersionKind) GroupVersion() GroupVersion {
	return GroupVersion{Group: gvk.Group, Version: gvk.Version}
}

// GroupKind drops the version.
func (gvk GroupVersionKind) GroupKind() GroupKind {
	return GroupKind{Group: gvk.Group, Kind: gvk.Kind}
}

// ToAPIVersionAndKind returns the wire apiVersion and kind.
func (gvk GroupVersionKind) ToAPIVersionAndKind() (string, string) {
	return gvk.GroupVersion().String(), gvk.Kind
}

func (gvk GroupVersionKind) String() string {
	return gvk.GroupVersion().String() + ", Kind=" + gvk.Kind
}

// Empty reports whether every part is empty.
func (gvk GroupVersionKind) Empty() bool { return gvk == GroupVersionKind{} }

// FromAPIVersionAndKind parses wire apiVersion and kind.
func FromAPIVersionAndKind(apiVersion, kind string) GroupVersionKind {
	return ParseGroupVersion(apiVersion).WithKind(kind)
}

// GroupKind is a kind without its version.
type GroupKind struct {
	Group string
	Kind  string
}

func (gk GroupKind) String() string {
	if gk.Group == "" {
		return gk.Kind
	}
	return gk.Kind + "." + gk.Group
}

// GroupVersionResource names a REST resource.
type GroupVersionResource struct {
	Group    string
	Version  string
	Resource string
}

// GroupVersion drops the resource.
func (gvr GroupVersionResource) GroupVersion() GroupVersion {
	return GroupVersion{Group: gvr.Group, Version: gvr.Version}
}

// GroupResource drops the version.
func (gvr GroupVersionResource) GroupResource() GroupResource {
	return GroupResource{Group: gvr.Group, Resource: gvr.Resource}
}

func (gvr GroupVersionResource) String() string {
	return gvr.GroupVersion().String() + ", Resource=" + gvr.Resource
}

// GroupResource is a resource without its version, as Kubernetes names it in
// error messages ("deployments.apps").
type GroupResource struct {
	Group    string
	Resource string
}

func (gr GroupResource) String() string {
	if gr.Group == "" {
		return gr.Resource
	}
	return gr.Resource + "." + gr.Group
}
