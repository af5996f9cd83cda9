package registry

import (
	"reflect"

	"github.com/orcaproj/orca/apiobj"
)

// Helpers that treat typed objects and Unstructured alike: the status
// section, the "spec-like" rest (everything outside apiVersion, kind,
// metadata and status), and deep copies.

// structOf returns the struct value behind a typed object, or false for
// Unstructured and non-struct kinds.
func structOf(obj apiobj.Object) (reflect.Value, bool) {
	if _, ok := obj.(*apiobj.Unstructured); ok {
		return reflect.Value{}, false
	}
	v := reflect.ValueOf(obj)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return reflect.Value{}, false
	}
	return v.Elem(), true
}

// hasStatus reports whether obj has a status section at all.
func hasStatus(obj apiobj.Object) bool {
	if u, ok := obj.(*apiobj.Unstructured); ok {
		_ = u
		return true
	}
	v, ok := structOf(obj)
	return ok && v.FieldByName("Status").IsValid()
}

// clearStatus resets obj's status to its zero value.
func clearStatus(obj apiobj.Object) {
	if u, ok := obj.(*apiobj.Unstructured); ok {
		delete(u.Object, "status")
		return
	}
	if v, ok := structOf(obj); ok {
		if f := v.FieldByName("Status"); f.IsValid() && f.CanSet() {
			f.Set(reflect.Zero(f.Type()))
		}
	}
}

// copyStatus sets dst's status to a deep copy of src's (same kind).
func copyStatus(dst, src apiobj.Object) {
	if du, ok := dst.(*apiobj.Unstructured); ok {
		su, _ := src.(*apiobj.Unstructured)
		if su == nil {
			return
		}
		if st, ok := su.Object["status"]; ok {
			du.Object["status"] = apiobj.DeepCopyJSONValue(st)
		} else {
			delete(du.Object, "status")
		}
		return
	}
	dv, ok1 := structOf(dst)
	sv, ok2 := structOf(src)
	if !ok1 || !ok2 || dv.Type() != sv.Type() {
		return
	}
	df, sf := dv.FieldByName("Status"), sv.FieldByName("Status")
	if !df.IsValid() || !df.CanSet() {
		return
	}
	// src is a private copy in every caller, so sharing its status is safe.
	df.Set(sf)
}

// specEqual reports whether a and b agree on everything outside apiVersion,
// kind, metadata and status. A difference bumps metadata.generation.
func specEqual(a, b apiobj.Object) bool {
	if ua, ok := a.(*apiobj.Unstructured); ok {
		ub, ok := b.(*apiobj.Unstructured)
		if !ok {
			return false
		}
		return reflect.DeepEqual(restOf(ua.Object), restOf(ub.Object))
	}
	av, ok1 := structOf(a)
	bv, ok2 := structOf(b)
	if !ok1 || !ok2 || av.Type() != bv.Type() {
		return false
	}
	t := av.Type()
	for i := 0; i < t.NumField(); i++ {
		switch t.Field(i).Name {
		case "TypeMeta", "ObjectMeta", "Status":
			continue
		}
		if !reflect.DeepEqual(av.Field(i).Interface(), bv.Field(i).Interface()) {
			return false
		}
	}
	return true
}

func restOf(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		switch k {
		case "apiVersion", "kind", "metadata", "status":
			continue
		}
		out[k] = v
	}
	return out
}

// withStatusOnly returns a copy of old whose status is new's: the status
// subresource changes nothing else, metadata included (as Kubernetes'
// ResetObjectMetaForStatus does).
func withStatusOnly(old, new apiobj.Object) apiobj.Object {
	out := old.DeepCopyObject()
	copyStatus(out, new)
	return out
}
