package apiobj

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/orcaproj/orca/apiobj/field"
	"github.com/orcaproj/orca/errdefs"
)

// The verbs a resource may support, as discovery lists them.
var (
	// VerbsAll is what most resources support.
	VerbsAll = []string{"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"}
	// VerbsCreateOnly is for virtual resources such as TokenReview.
	VerbsCreateOnly = []string{"create"}
)

// KindInfo describes one kind to a Scheme: its Go type, its REST resource,
// and the hooks that default and validate it.
//
// orca:nodeepcopy
type KindInfo struct {
	GroupVersionKind
	// ListKind is the kind of its list; default Kind+"List".
	ListKind string
	// Resource is the plural REST name ("deployments"); Singular defaults to
	// the lower-cased Kind. An empty Resource registers a kind that is not
	// served as a resource of its own (Scale, Eviction, Status).
	Resource   string
	Singular   string
	ShortNames []string
	Categories []string
	Namespaced bool
	// Verbs default to VerbsAll.
	Verbs []string
	// Subresources such as "status" and "scale".
	Subresources []string
	// New and NewList return empty typed values. Both nil means the kind is
	// handled as Unstructured (custom kinds). NewList may be nil alone for
	// kinds that have no list (Binding, Scale, the reviews).
	New     func() Object
	NewList func() ListObject
	// Default fills unset fields in place. Optional.
	Default func(Object)
	// Validate checks a new object. Optional.
	Validate func(Object) field.ErrorList
	// ValidateUpdate checks an update against the old object, including
	// immutable fields. Optional; when nil, Validate is used.
	ValidateUpdate func(obj, old Object) field.ErrorList
	// FieldLabels returns the selectable fields of obj beyond metadata.name
	// and metadata.namespace (for example spec.nodeName for pods). Optional.
	FieldLabels func(Object) map[string]string
}

// GroupVersionResource returns the kind's REST resource.
func (k *KindInfo) GroupVersionResource() GroupVersionResource {
	return k.GroupVersion().WithResource(k.Resource)
}

// HasSubresource reports whether sub is one of the kind's subresources.
func (k *KindInfo) HasSubresource(sub string) bool { return slices.Contains(k.Subresources, sub) }

// Scheme maps kinds to Go types and to REST resources. It is a value, never a
// global: NewScheme returns one with every built-in kind, and users add their
// own with AddKind. A Scheme is safe for concurrent use; kinds may be added
// and removed at run time (custom resource definitions do).
//
// orca:nodeepcopy
type Scheme struct {
	mu         sync.RWMutex
	byGVK      map[GroupVersionKind]*KindInfo
	byList     map[GroupVersionKind]*KindInfo
	byResource map[GroupVersionResource]*KindInfo
	byType     map[reflect.Type]*KindInfo
	byListType map[reflect.Type]*KindInfo
}

// NewEmptyScheme returns a Scheme with no kinds.
func NewEmptyScheme() *Scheme {
	return &Scheme{
		byGVK:      map[GroupVersionKind]*KindInfo{},
		byList:     map[GroupVersionKind]*KindInfo{},
		byResource: map[GroupVersionResource]*KindInfo{},
		byType:     map[reflect.Type]*KindInfo{},
		byListType: map[reflect.Type]*KindInfo{},
	}
}

// AddKind registers a kind. It fails if the kind or its resource is already
// registered with a different definition.
func (s *Scheme) AddKind(info KindInfo) error {
	if info.Kind == "" || info.Version == "" {
		return fmt.Errorf("apiobj: kind %v needs Kind and Version", info.GroupVersionKind)
	}
	if info.ListKind == "" {
		info.ListKind = info.Kind + "List"
	}
	if info.Singular == "" {
		info.Singular = strings.ToLower(info.Kind)
	}
	if info.Verbs == nil {
		info.Verbs = VerbsAll
	}
	if info.New == nil && info.NewList != nil {
		return fmt.Errorf("apiobj: kind %v has NewList but no New", info.GroupVersionKind)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	gvr := info.GroupVersionResource()
	if old, ok := s.byGVK[info.GroupVersionKind]; ok && old.Resource != info.Resource {
		return fmt.Errorf("apiobj: kind %v is already registered as %s: %w", info.GroupVersionKind, old.Resource, errdefs.ErrAlreadyExists)
	}
	if old, ok := s.byResource[gvr]; ok && info.Resource != "" && old.GroupVersionKind != info.GroupVersionKind {
		return fmt.Errorf("apiobj: resource %v is already registered for %v: %w", gvr, old.GroupVersionKind, errdefs.ErrAlreadyExists)
	}
	p := &info
	s.byGVK[info.GroupVersionKind] = p
	s.byList[info.GroupVersion().WithKind(info.ListKind)] = p
	if info.Resource != "" {
		s.byResource[gvr] = p
	}
	if info.New != nil {
		s.byType[reflect.TypeOf(info.New())] = p
	}
	if info.NewList != nil {
		s.byListType[reflect.TypeOf(info.NewList())] = p
	}
	return nil
}

// RemoveKind forgets a kind (a deleted custom resource definition).
func (s *Scheme) RemoveKind(gvk GroupVersionKind) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.byGVK[gvk]
	if !ok {
		return
	}
	delete(s.byGVK, gvk)
	delete(s.byList, gvk.GroupVersion().WithKind(p.ListKind))
	if p.Resource != "" {
		delete(s.byResource, p.GroupVersionResource())
	}
	if p.New != nil {
		delete(s.byType, reflect.TypeOf(p.New()))
	}
	if p.NewList != nil {
		delete(s.byListType, reflect.TypeOf(p.NewList()))
	}
}

// Kind returns the registered kind gvk.
func (s *Scheme) Kind(gvk GroupVersionKind) (*KindInfo, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	k, ok := s.byGVK[gvk]
	return k, ok
}

// KindForList returns the kind whose list kind is gvk.
func (s *Scheme) KindForList(gvk GroupVersionKind) (*KindInfo, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	k, ok := s.byList[gvk]
	return k, ok
}

// KindForResource returns the kind served at gvr.
func (s *Scheme) KindForResource(gvr GroupVersionResource) (*KindInfo, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	k, ok := s.byResource[gvr]
	return k, ok
}

// KindOf returns the kind of obj: from its Go type for typed kinds, and from
// its apiVersion and kind for Unstructured.
func (s *Scheme) KindOf(obj Typed) (*KindInfo, error) {
	s.mu.RLock()
	k, ok := s.byType[reflect.TypeOf(obj)]
	if !ok {
		k, ok = s.byListType[reflect.TypeOf(obj)]
	}
	s.mu.RUnlock()
	if ok {
		return k, nil
	}
	gvk := obj.GroupVersionKind()
	if k, ok := s.Kind(gvk); ok {
		return k, nil
	}
	if k, ok := s.KindForList(gvk); ok {
		return k, nil
	}
	return nil, fmt.Errorf("apiobj: no kind registered for %T (%v): %w", obj, gvk, errdefs.ErrNotFound)
}

// ObjectKind returns obj's GroupVersionKind: the registered one for typed
// kinds (whose TypeMeta may be empty), or the one it carries.
func (s *Scheme) ObjectKind(obj Typed) (GroupVersionKind, error) {
	s.mu.RLock()
	k, ok := s.byType[reflect.TypeOf(obj)]
	var lk *KindInfo
	if !ok {
		lk, ok = s.byListType[reflect.TypeOf(obj)]
	}
	s.mu.RUnlock()
	switch {
	case k != nil:
		return k.GroupVersionKind, nil
	case lk != nil:
		return lk.GroupVersion().WithKind(lk.ListKind), nil
	}
	gvk := obj.GroupVersionKind()
	if gvk.Kind == "" || gvk.Version == "" {
		return gvk, fmt.Errorf("apiobj: %T has no apiVersion or kind: %w", obj, errdefs.ErrBadRequest)
	}
	return gvk, nil
}

// SetKind fills obj's apiVersion and kind from the scheme when they are empty.
func (s *Scheme) SetKind(obj Typed) error {
	if !obj.GroupVersionKind().Empty() {
		return nil
	}
	gvk, err := s.ObjectKind(obj)
	if err != nil {
		return err
	}
	obj.SetGroupVersionKind(gvk)
	return nil
}

// New returns an empty object of kind gvk: typed when the kind has a Go
// type, Unstructured when it is a registered custom kind, and an error
// wrapping errdefs.ErrNotFound otherwise.
func (s *Scheme) New(gvk GroupVersionKind) (Object, error) {
	k, ok := s.Kind(gvk)
	if !ok {
		return nil, fmt.Errorf("apiobj: no kind %v is registered: %w", gvk, errdefs.ErrNotFound)
	}
	if k.New == nil {
		return NewUnstructured(gvk), nil
	}
	o := k.New()
	o.SetGroupVersionKind(gvk)
	return o, nil
}

// NewList returns an empty list for kind gvk (the item kind).
func (s *Scheme) NewList(gvk GroupVersionKind) (ListObject, error) {
	k, ok := s.Kind(gvk)
	if !ok {
		return nil, fmt.Errorf("apiobj: no kind %v is registered: %w", gvk, errdefs.ErrNotFound)
	}
	var l ListObject
	switch {
	case k.NewList != nil:
		l = k.NewList()
	case k.New == nil:
		l = &UnstructuredList{Object: map[string]any{}}
	default:
		return nil, fmt.Errorf("apiobj: kind %v has no list: %w", gvk, errdefs.ErrNotFound)
	}
	l.SetGroupVersionKind(gvk.GroupVersion().WithKind(k.ListKind))
	return l, nil
}

// Kinds returns every registered kind, sorted by group, version and kind.
func (s *Scheme) Kinds() []*KindInfo {
	s.mu.RLock()
	out := make([]*KindInfo, 0, len(s.byGVK))
	for _, k := range s.byGVK {
		out = append(out, k)
	}
	s.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].GroupVersionKind, out[j].GroupVersionKind
		if a.Group != b.Group {
			return a.Group < b.Group
		}
		if a.Version != b.Version {
			return a.Version < b.Version
		}
		return a.Kind < b.Kind
	})
	return out
}

// Default applies the kind's defaulting hook, if any.
func (s *Scheme) Default(obj Object) {
	if k, err := s.KindOf(obj); err == nil && k.Default != nil {
		k.Default(obj)
	}
}

// Validate applies the kind's validation hook, if any.
func (s *Scheme) Validate(obj Object) field.ErrorList {
	if k, err := s.KindOf(obj); err == nil && k.Validate != nil {
		return k.Validate(obj)
	}
	return nil
}

// ValidateUpdate applies the kind's update validation hook (or, without one,
// its validation hook).
func (s *Scheme) ValidateUpdate(obj, old Object) field.ErrorList {
	k, err := s.KindOf(obj)
	if err != nil {
		return nil
	}
	if k.ValidateUpdate != nil {
		return k.ValidateUpdate(obj, old)
	}
	if k.Validate != nil {
		return k.Validate(obj)
	}
	return nil
}

// FieldLabels returns obj's selectable fields: metadata.name,
// metadata.namespace, and those of the kind's hook.
func (s *Scheme) FieldLabels(obj Object) map[string]string {
	out := map[string]string{"metadata.name": obj.GetName()}
	k, err := s.KindOf(obj)
	if err != nil || k.Namespaced {
		out["metadata.namespace"] = obj.GetNamespace()
	}
	if err == nil && k.FieldLabels != nil {
		for key, v := range k.FieldLabels(obj) {
			out[key] = v
		}
	}
	return out
}
