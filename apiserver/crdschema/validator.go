package crdschema

import (
	"fmt"
	"runtime"
	"sync"
	"weak"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/field"
	"github.com/orcaproj/orca/errdefs"
)

// Validator validates custom objects against the openAPIV3Schema handed to
// it, compiling each schema once. It implements the API server registry's
// CRSchemaValidator. Its methods are safe for concurrent use.
//
// Compiled schemas are cached by the identity of the *JSONSchemaProps, so
// a schema must not be modified once it has been handed to a Validator;
// the registry keeps its own copy of every definition, so this holds there.
// A cache entry goes away when its JSONSchemaProps is garbage collected.
type Validator struct {
	mu    sync.Mutex
	cache map[weak.Pointer[apiobj.JSONSchemaProps]]compiled // guarded by mu
}

type compiled struct {
	schema *Schema
	err    error
}

// NewValidator returns a Validator with an empty cache.
func NewValidator() *Validator {
	return &Validator{cache: map[weak.Pointer[apiobj.JSONSchemaProps]]compiled{}}
}

// Schema returns the compiled form of props, from the cache when it has
// been compiled before; nil props is an error wrapping errdefs.ErrInvalid.
// The Schema is never nil for a non-nil props: where
// compiling failed (err, as from Compile, is then non-nil) it validates
// values at the nodes it could not compile with an internal error, and
// everything else as usual.
func (v *Validator) Schema(props *apiobj.JSONSchemaProps) (*Schema, error) {
	if props == nil {
		return nil, fmt.Errorf("crdschema: nil schema: %w", errdefs.ErrInvalid)
	}
	key := weak.Make(props)
	v.mu.Lock()
	c, ok := v.cache[key]
	v.mu.Unlock()
	if ok {
		return c.schema, c.err
	}
	s, errs := compileSchema(props, field.NewPath("openAPIV3Schema"))
	c = compiled{schema: s}
	if len(errs) > 0 {
		c.err = errs.ToAggregate()
	}
	v.mu.Lock()
	if prev, ok := v.cache[key]; ok {
		c = prev
	} else {
		v.cache[key] = c
		runtime.AddCleanup(props, v.forget, key)
	}
	v.mu.Unlock()
	return c.schema, c.err
}

func (v *Validator) forget(key weak.Pointer[apiobj.JSONSchemaProps]) {
	v.mu.Lock()
	delete(v.cache, key)
	v.mu.Unlock()
}

// ValidateCustomResource validates obj against schema, as an update from
// old when old is not nil (with validation ratcheting, see
// Schema.ValidateUpdate). It neither prunes nor defaults obj.
func (v *Validator) ValidateCustomResource(schema *apiobj.JSONSchemaProps, obj, old *apiobj.Unstructured) field.ErrorList {
	if schema == nil || obj == nil {
		return nil
	}
	s, _ := v.Schema(schema)
	var oldObj map[string]any
	if old != nil {
		oldObj = old.Object
		if oldObj == nil {
			oldObj = map[string]any{}
		}
	}
	o := obj.Object
	if o == nil {
		o = map[string]any{}
	}
	return s.ValidateUpdate(o, oldObj)
}

// PruneAndDefault drops the fields of obj that schema does not specify
// (unless it preserves unknown fields) and then applies the schema's
// defaults, as kube-apiserver does to custom objects before validating them.
// It returns the pruned paths. It implements registry.CRSchemaDefaulter.
func (v *Validator) PruneAndDefault(schema *apiobj.JSONSchemaProps, obj *apiobj.Unstructured) []string {
	s, err := v.Schema(schema)
	if err != nil || obj == nil || obj.Object == nil {
		return nil
	}
	pruned := s.Prune(obj.Object)
	s.Default(obj.Object)
	return pruned
}
