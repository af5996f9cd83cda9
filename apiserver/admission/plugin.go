package admission

import (
	"fmt"

	"github.com/orcaproj/orca/apiobj"
)

// Plugin takes part in both phases: it may change an object when admitting
// it and reject it when validating.
type Plugin interface {
	Mutator
	Validator
}

// NewChain returns a Chain that runs each plugin, in order, in every phase
// it implements: a Mutator in the mutating phase, a Validator in the
// validating phase, a Plugin in both. A value that is neither is an error.
func NewChain(plugins ...any) (Chain, error) {
	var c Chain
	for i, p := range plugins {
		m, isM := p.(Mutator)
		v, isV := p.(Validator)
		if !isM && !isV {
			return Chain{}, fmt.Errorf("admission: plugin %d (%T) is neither a Mutator nor a Validator", i, p)
		}
		if isM {
			c.Mutators = append(c.Mutators, m)
		}
		if isV {
			c.Validators = append(c.Validators, v)
		}
	}
	return c, nil
}

// Defaults is the built-in chain: NamespaceLifecycle, ServiceAccount and
// Priority, in the order Kubernetes runs them.
func Defaults(namespaces NamespaceGetter, classes PriorityClassGetter) Chain {
	c, _ := NewChain(NamespaceLifecycle(namespaces), ServiceAccount(), Priority(classes))
	return c
}

// forbidden is the 403 an admission plugin returns, named as Kubernetes'
// admission.NewForbidden names it: the request's name, else the object's
// name or generateName, else "Unknown".
func forbidden(a *Attributes, why error) *apiobj.StatusError {
	name := a.Name
	if name == "" && a.Object != nil {
		name = a.Object.GetName()
		if name == "" {
			name = a.Object.GetGenerateName()
		}
	}
	if name == "" {
		name = "Unknown"
	}
	return apiobj.NewForbidden(apiobj.GroupResource{Group: a.Resource.Group, Resource: a.Resource.Resource}, name, why)
}

// isResource reports whether a is about resource (group, name) itself, not
// a subresource.
func isResource(a *Attributes, group, resource string) bool {
	return a.Resource.Group == group && a.Resource.Resource == resource && a.Subresource == ""
}

// wrongType is the error for an object of an unexpected Go type.
func wrongType(a *Attributes, obj apiobj.Object) error {
	return apiobj.NewBadRequest(fmt.Sprintf("resource %s was marked with kind %s but was unable to be converted (got %T)",
		a.Resource.Resource, a.Kind.Kind, obj))
}
