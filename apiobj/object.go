package apiobj

// Typed is anything that carries apiVersion and kind on the wire: objects,
// lists, Status and the like.
type Typed interface {
	GroupVersionKind() GroupVersionKind
	SetGroupVersionKind(GroupVersionKind)
}

// MetaAccessor reads and writes an object's metadata. ObjectMeta implements it,
// so every typed kind does; Unstructured implements it over its map.
type MetaAccessor interface {
	GetName() string
	SetName(string)
	GetGenerateName() string
	SetGenerateName(string)
	GetNamespace() string
	SetNamespace(string)
	GetUID() UID
	SetUID(UID)
	GetResourceVersion() string
	SetResourceVersion(string)
	GetGeneration() int64
	SetGeneration(int64)
	GetCreationTimestamp() Time
	SetCreationTimestamp(Time)
	GetDeletionTimestamp() *Time
	SetDeletionTimestamp(*Time)
	GetDeletionGracePeriodSeconds() *int64
	SetDeletionGracePeriodSeconds(*int64)
	GetLabels() map[string]string
	SetLabels(map[string]string)
	GetAnnotations() map[string]string
	SetAnnotations(map[string]string)
	GetFinalizers() []string
	SetFinalizers([]string)
	GetOwnerReferences() []OwnerReference
	SetOwnerReferences([]OwnerReference)
}

// Object is one persisted API object of any kind, built-in or Unstructured.
// Every generic part of orca (store, API server, client, informers, garbage
// collector) works in terms of Object.
//
// Objects handed out by caches and informers are shared: never mutate them;
// DeepCopyObject first.
type Object interface {
	Typed
	MetaAccessor
	// DeepCopyObject returns a copy that shares no mutable state with the original.
	DeepCopyObject() Object
}

// ListMetaAccessor reads and writes a list's metadata.
type ListMetaAccessor interface {
	GetResourceVersion() string
	SetResourceVersion(string)
	GetContinue() string
	SetContinue(string)
	GetRemainingItemCount() *int64
	SetRemainingItemCount(*int64)
}

// ListObject is a list kind (PodList, UnstructuredList, ...).
type ListObject interface {
	Typed
	ListMetaAccessor
	// GetItems returns pointers to the list's items; they alias the list.
	GetItems() []Object
	// SetItems replaces the items. Each must be of the list's item type.
	SetItems([]Object) error
	// DeepCopyList returns a copy that shares no mutable state with the original.
	DeepCopyList() ListObject
}

// Bool returns a pointer to b, for optional fields.
func Bool(b bool) *bool { return &b }

// Int32 returns a pointer to i, for optional fields.
func Int32(i int32) *int32 { return &i }

// Int64 returns a pointer to i, for optional fields.
func Int64(i int64) *int64 { return &i }

// Ptr returns a pointer to v.
func Ptr[T any](v T) *T { return &v }

// IsControlledBy reports whether obj has a controller reference to owner's UID.
func IsControlledBy(obj, owner MetaAccessor) bool {
	ref := ControllerRef(obj)
	return ref != nil && ref.UID == owner.GetUID()
}

// ControllerRef returns obj's controlling owner reference, or nil.
func ControllerRef(obj MetaAccessor) *OwnerReference {
	refs := obj.GetOwnerReferences()
	for i := range refs {
		if refs[i].Controller != nil && *refs[i].Controller {
			return &refs[i]
		}
	}
	return nil
}

// NewControllerRef returns a controller reference to owner of kind gvk, with
// blockOwnerDeletion set, as controllers write them.
func NewControllerRef(owner MetaAccessor, gvk GroupVersionKind) OwnerReference {
	apiVersion, kind := gvk.ToAPIVersionAndKind()
	return OwnerReference{
		APIVersion:         apiVersion,
		Kind:               kind,
		Name:               owner.GetName(),
		UID:                owner.GetUID(),
		Controller:         Bool(true),
		BlockOwnerDeletion: Bool(true),
	}
}

// Adopt makes owner the controller of obj. It fails if another owner already
// controls obj; adopting by the same owner again is a no-op.
func Adopt(obj MetaAccessor, owner MetaAccessor, gvk GroupVersionKind) error {
	if ref := ControllerRef(obj); ref != nil {
		if ref.UID == owner.GetUID() {
			return nil
		}
		return &alreadyControlledError{name: obj.GetName(), owner: ref.Kind + "/" + ref.Name}
	}
	refs := append([]OwnerReference(nil), obj.GetOwnerReferences()...)
	for i := range refs {
		if refs[i].UID == owner.GetUID() {
			refs = append(refs[:i], refs[i+1:]...)
			break
		}
	}
	obj.SetOwnerReferences(append(refs, NewControllerRef(owner, gvk)))
	return nil
}

// Orphan removes owner's references from obj. It reports whether any was removed.
func Orphan(obj MetaAccessor, owner UID) bool {
	refs := obj.GetOwnerReferences()
	out := make([]OwnerReference, 0, len(refs))
	for _, r := range refs {
		if r.UID != owner {
			out = append(out, r)
		}
	}
	if len(out) == len(refs) {
		return false
	}
	if len(out) == 0 {
		out = nil
	}
	obj.SetOwnerReferences(out)
	return true
}

type alreadyControlledError struct{ name, owner string }

func (e *alreadyControlledError) Error() string {
	return "object " + e.name + " is already controlled by " + e.owner
}
