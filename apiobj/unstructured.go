package apiobj

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// Unstructured is an object of any kind held as its JSON map: custom kinds,
// and built-in kinds that a caller wants to handle generically. Numbers are
// int64 when integral and float64 otherwise, as JSON-decoded by the codec.
//
// Every generic part of orca handles Unstructured exactly as it handles
// built-in kinds.
//
// orca:nodeepcopy — its DeepCopy methods are written by hand below.
type Unstructured struct {
	Object map[string]any
}

// NewUnstructured returns an empty object of kind gvk.
func NewUnstructured(gvk GroupVersionKind) *Unstructured {
	u := &Unstructured{Object: map[string]any{}}
	u.SetGroupVersionKind(gvk)
	return u
}

// MarshalJSON encodes the map; keys are sorted, so the bytes are deterministic.
func (u *Unstructured) MarshalJSON() ([]byte, error) {
	if u.Object == nil {
		return []byte("{}"), nil
	}
	return json.Marshal(u.Object)
}

// UnmarshalJSON decodes a JSON object.
func (u *Unstructured) UnmarshalJSON(b []byte) error {
	m, err := decodeJSONMap(b)
	if err != nil {
		return err
	}
	u.Object = m
	return nil
}

func decodeJSONMap(b []byte) (map[string]any, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		return nil, err
	}
	if m == nil {
		return nil, fmt.Errorf("expected a JSON object, got null")
	}
	if d.More() {
		return nil, fmt.Errorf("unexpected data after the JSON object")
	}
	normalizeNumbers(m)
	return m, nil
}

// normalizeNumbers turns json.Number values into int64 or float64 in place.
func normalizeNumbers(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			t[k] = normalizeNumbers(e)
		}
	case []any:
		for i, e := range t {
			t[i] = normalizeNumbers(e)
		}
	case json.Number:
		if i, err := strconv.ParseInt(string(t), 10, 64); err == nil {
			return i
		}
		f, _ := t.Float64()
		return f
	}
	return v
}

// DeepCopyJSONValue copies a value made of JSON-decoded maps, slices and
// scalars.
func DeepCopyJSONValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		if t == nil {
			return t
		}
		out := make(map[string]any, len(t))
		for k, e := range t {
			out[k] = DeepCopyJSONValue(e)
		}
		return out
	case []any:
		if t == nil {
			return t
		}
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = DeepCopyJSONValue(e)
		}
		return out
	}
	return v
}

// DeepCopyInto copies u into out; out shares no mutable state with u.
func (u *Unstructured) DeepCopyInto(out *Unstructured) {
	out.Object, _ = DeepCopyJSONValue(u.Object).(map[string]any)
}

// DeepCopy returns a deep copy of u, or nil.
func (u *Unstructured) DeepCopy() *Unstructured {
	if u == nil {
		return nil
	}
	out := new(Unstructured)
	u.DeepCopyInto(out)
	return out
}

// DeepCopyObject implements Object.
func (u *Unstructured) DeepCopyObject() Object {
	if c := u.DeepCopy(); c != nil {
		return c
	}
	return nil
}

// NestedField returns the value at the path of map keys, and whether it exists.
func NestedField(obj map[string]any, fields ...string) (any, bool) {
	var cur any = obj
	for _, f := range fields {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		cur, ok = m[f]
		if !ok {
			return nil, false
		}
	}
	return cur, true
}

// NestedString returns the string at the path, or "".
func NestedString(obj map[string]any, fields ...string) string {
	v, _ := NestedField(obj, fields...)
	s, _ := v.(string)
	return s
}

// NestedMap returns the map at the path, or nil.
func NestedMap(obj map[string]any, fields ...string) map[string]any {
	v, _ := NestedField(obj, fields...)
	m, _ := v.(map[string]any)
	return m
}

// NestedInt64 returns the integer at the path and whether it is one.
func NestedInt64(obj map[string]any, fields ...string) (int64, bool) {
	v, _ := NestedField(obj, fields...)
	switch t := v.(type) {
	case int64:
		return t, true
	case float64:
		if t == float64(int64(t)) {
			return int64(t), true
		}
	case int:
		return int64(t), true
	case int32:
		return int64(t), true
	}
	return 0, false
}

// SetNestedField sets value at the path, creating maps along the way. It
// replaces any non-map value found on the way.
func SetNestedField(obj map[string]any, value any, fields ...string) {
	m := obj
	for _, f := range fields[:len(fields)-1] {
		next, ok := m[f].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[f] = next
		}
		m = next
	}
	m[fields[len(fields)-1]] = value
}

// RemoveNestedField deletes the value at the path, if present.
func RemoveNestedField(obj map[string]any, fields ...string) {
	m := obj
	for _, f := range fields[:len(fields)-1] {
		next, ok := m[f].(map[string]any)
		if !ok {
			return
		}
		m = next
	}
	delete(m, fields[len(fields)-1])
}

func (u *Unstructured) ensure() {
	if u.Object == nil {
		u.Object = map[string]any{}
	}
}

func (u *Unstructured) metaString(key string) string { return NestedString(u.Object, "metadata", key) }

func (u *Unstructured) setMeta(key string, value any, empty bool) {
	u.ensure()
	if empty {
		RemoveNestedField(u.Object, "metadata", key)
		return
	}
	SetNestedField(u.Object, value, "metadata", key)
}

// GroupVersionKind implements Typed.
func (u *Unstructured) GroupVersionKind() GroupVersionKind {
	return FromAPIVersionAndKind(NestedString(u.Object, "apiVersion"), NestedString(u.Object, "kind"))
}

// SetGroupVersionKind implements Typed.
func (u *Unstructured) SetGroupVersionKind(gvk GroupVersionKind) {
	u.ensure()
	av, k := gvk.ToAPIVersionAndKind()
	u.Object["apiVersion"], u.Object["kind"] = av, k
}

// The MetaAccessor implementation reads and writes u.Object["metadata"].

func (u *Unstructured) GetName() string          { return u.metaString("name") }
func (u *Unstructured) SetName(v string)         { u.setMeta("name", v, v == "") }
func (u *Unstructured) GetGenerateName() string  { return u.metaString("generateName") }
func (u *Unstructured) SetGenerateName(v string) { u.setMeta("generateName", v, v == "") }
func (u *Unstructured) GetNamespace() string     { return u.metaString("namespace") }
func (u *Unstructured) SetNamespace(v string)    { u.setMeta("namespace", v, v == "") }
func (u *Unstructured) GetUID() UID              { return UID(u.metaString("uid")) }
func (u *Unstructured) SetUID(v UID)             { u.setMeta("uid", string(v), v == "") }
func (u *Unstructured) GetResourceVersion() string {
	return u.metaString("resourceVersion")
}
func (u *Unstructured) SetResourceVersion(v string) { u.setMeta("resourceVersion", v, v == "") }
func (u *Unstructured) GetGeneration() int64 {
	g, _ := NestedInt64(u.Object, "metadata", "generation")
	return g
}
func (u *Unstructured) SetGeneration(v int64) { u.setMeta("generation", v, v == 0) }

func (u *Unstructured) getTime(key string) *Time {
	s := u.metaString(key)
	if s == "" {
		return nil
	}
	var t Time
	if err := t.UnmarshalJSON([]byte(strconv.Quote(s))); err != nil {
		return nil
	}
	return &t
}

func (u *Unstructured) setTime(key string, t *Time) {
	if t == nil || t.IsZero() {
		u.setMeta(key, nil, true)
		return
	}
	b, _ := t.MarshalJSON()
	s, _ := strconv.Unquote(string(b))
	u.setMeta(key, s, false)
}

func (u *Unstructured) GetCreationTimestamp() Time {
	if t := u.getTime("creationTimestamp"); t != nil {
		return *t
	}
	return Time{}
}
func (u *Unstructured) SetCreationTimestamp(v Time)  { u.setTime("creationTimestamp", &v) }
func (u *Unstructured) GetDeletionTimestamp() *Time  { return u.getTime("deletionTimestamp") }
func (u *Unstructured) SetDeletionTimestamp(v *Time) { u.setTime("deletionTimestamp", v) }
func (u *Unstructured) GetDeletionGracePeriodSeconds() *int64 {
	if g, ok := NestedInt64(u.Object, "metadata", "deletionGracePeriodSeconds"); ok {
		return &g
	}
	return nil
}
func (u *Unstructured) SetDeletionGracePeriodSeconds(v *int64) {
	if v == nil {
		u.setMeta("deletionGracePeriodSeconds", nil, true)
		return
	}
	u.setMeta("deletionGracePeriodSeconds", *v, false)
}

func (u *Unstructured) getStringMap(key string) map[string]string {
	m := NestedMap(u.Object, "metadata", key)
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		if s, ok := v.(string); ok {
			out[k] = s
		}
	}
	return out
}

func (u *Unstructured) setStringMap(key string, v map[string]string) {
	if v == nil {
		u.setMeta(key, nil, true)
		return
	}
	m := make(map[string]any, len(v))
	for k, s := range v {
		m[k] = s
	}
	u.setMeta(key, m, false)
}

func (u *Unstructured) GetLabels() map[string]string       { return u.getStringMap("labels") }
func (u *Unstructured) SetLabels(v map[string]string)      { u.setStringMap("labels", v) }
func (u *Unstructured) GetAnnotations() map[string]string  { return u.getStringMap("annotations") }
func (u *Unstructured) SetAnnotations(v map[string]string) { u.setStringMap("annotations", v) }

func (u *Unstructured) GetFinalizers() []string {
	v, _ := NestedField(u.Object, "metadata", "finalizers")
	l, _ := v.([]any)
	if l == nil {
		return nil
	}
	out := make([]string, 0, len(l))
	for _, e := range l {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func (u *Unstructured) SetFinalizers(v []string) {
	if v == nil {
		u.setMeta("finalizers", nil, true)
		return
	}
	l := make([]any, len(v))
	for i, s := range v {
		l[i] = s
	}
	u.setMeta("finalizers", l, false)
}

func (u *Unstructured) GetOwnerReferences() []OwnerReference {
	v, ok := NestedField(u.Object, "metadata", "ownerReferences")
	if !ok {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	var refs []OwnerReference
	if err := json.Unmarshal(b, &refs); err != nil {
		return nil
	}
	return refs
}

func (u *Unstructured) SetOwnerReferences(v []OwnerReference) {
	if v == nil {
		u.setMeta("ownerReferences", nil, true)
		return
	}
	b, _ := json.Marshal(v)
	var l []any
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	_ = d.Decode(&l)
	normalizeNumbers(l)
	u.setMeta("ownerReferences", l, false)
}

// UnstructuredList is a list of Unstructured items. Object holds the list's
// own fields (apiVersion, kind, metadata); Items the elements.
//
// orca:nodeepcopy — its DeepCopy methods are written by hand below.
type UnstructuredList struct {
	Object map[string]any
	Items  []Unstructured
}

// MarshalJSON encodes the list with its items.
func (l *UnstructuredList) MarshalJSON() ([]byte, error) {
	m := make(map[string]any, len(l.Object)+1)
	for k, v := range l.Object {
		m[k] = v
	}
	items := make([]any, len(l.Items))
	for i := range l.Items {
		items[i] = l.Items[i].Object
	}
	m["items"] = items
	return json.Marshal(m)
}

// UnmarshalJSON decodes a list object.
func (l *UnstructuredList) UnmarshalJSON(b []byte) error {
	m, err := decodeJSONMap(b)
	if err != nil {
		return err
	}
	raw, _ := m["items"].([]any)
	delete(m, "items")
	l.Object = m
	l.Items = make([]Unstructured, 0, len(raw))
	for i, it := range raw {
		im, ok := it.(map[string]any)
		if !ok {
			return fmt.Errorf("items[%d] is not an object", i)
		}
		l.Items = append(l.Items, Unstructured{Object: im})
	}
	return nil
}

func (l *UnstructuredList) ensure() {
	if l.Object == nil {
		l.Object = map[string]any{}
	}
}

// GroupVersionKind implements Typed.
func (l *UnstructuredList) GroupVersionKind() GroupVersionKind {
	return FromAPIVersionAndKind(NestedString(l.Object, "apiVersion"), NestedString(l.Object, "kind"))
}

// SetGroupVersionKind implements Typed.
func (l *UnstructuredList) SetGroupVersionKind(gvk GroupVersionKind) {
	l.ensure()
	l.Object["apiVersion"], l.Object["kind"] = gvk.ToAPIVersionAndKind()
}

func (l *UnstructuredList) GetResourceVersion() string {
	return NestedString(l.Object, "metadata", "resourceVersion")
}
func (l *UnstructuredList) SetResourceVersion(v string) {
	l.ensure()
	SetNestedField(l.Object, v, "metadata", "resourceVersion")
}
func (l *UnstructuredList) GetContinue() string {
	return NestedString(l.Object, "metadata", "continue")
}
func (l *UnstructuredList) SetContinue(v string) {
	l.ensure()
	if v == "" {
		RemoveNestedField(l.Object, "metadata", "continue")
		return
	}
	SetNestedField(l.Object, v, "metadata", "continue")
}
func (l *UnstructuredList) GetRemainingItemCount() *int64 {
	if n, ok := NestedInt64(l.Object, "metadata", "remainingItemCount"); ok {
		return &n
	}
	return nil
}
func (l *UnstructuredList) SetRemainingItemCount(v *int64) {
	l.ensure()
	if v == nil {
		RemoveNestedField(l.Object, "metadata", "remainingItemCount")
		return
	}
	SetNestedField(l.Object, *v, "metadata", "remainingItemCount")
}

// GetItems implements ListObject; the items alias the list.
func (l *UnstructuredList) GetItems() []Object {
	out := make([]Object, len(l.Items))
	for i := range l.Items {
		out[i] = &l.Items[i]
	}
	return out
}

// SetItems implements ListObject.
func (l *UnstructuredList) SetItems(objs []Object) error {
	items := make([]Unstructured, len(objs))
	for i, o := range objs {
		u, ok := o.(*Unstructured)
		if !ok {
			return fmt.Errorf("item %d is %T, not *Unstructured", i, o)
		}
		items[i] = *u
	}
	l.Items = items
	return nil
}

// DeepCopyInto copies l into out.
func (l *UnstructuredList) DeepCopyInto(out *UnstructuredList) {
	out.Object, _ = DeepCopyJSONValue(l.Object).(map[string]any)
	if l.Items == nil {
		out.Items = nil
		return
	}
	out.Items = make([]Unstructured, len(l.Items))
	for i := range l.Items {
		l.Items[i].DeepCopyInto(&out.Items[i])
	}
}

// DeepCopy returns a deep copy of l, or nil.
func (l *UnstructuredList) DeepCopy() *UnstructuredList {
	if l == nil {
		return nil
	}
	out := new(UnstructuredList)
	l.DeepCopyInto(out)
	return out
}

// DeepCopyList implements ListObject.
func (l *UnstructuredList) DeepCopyList() ListObject {
	if c := l.DeepCopy(); c != nil {
		return c
	}
	return nil
}

var (
	_ Object     = (*Unstructured)(nil)
	_ ListObject = (*UnstructuredList)(nil)
)
