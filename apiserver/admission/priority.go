package admission

import (
	"context"
	"errors"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
)

// PriorityClassGetter reads PriorityClasses. GetPriorityClass returns an
// error wrapping errdefs.ErrNotFound when there is none. Objects returned
// are shared and read-only.
type PriorityClassGetter interface {
	GetPriorityClass(ctx context.Context, name string) (*apiobj.PriorityClass, error)
	ListPriorityClasses(ctx context.Context) ([]*apiobj.PriorityClass, error)
}

// Values of the built-in system classes.
const (
	// SystemClusterCriticalValue is the priority of system-cluster-critical.
	SystemClusterCriticalValue = apiobj.SystemCriticalPriority
	// SystemNodeCriticalValue is the priority of system-node-critical.
	SystemNodeCriticalValue = apiobj.SystemCriticalPriority + 1000
)

// SystemPriorityClasses returns new copies of the built-in classes
// system-node-critical (2000001000) and system-cluster-critical
// (2000000000), for the API server to create at start. Priority resolves
// them even before they are stored.
func SystemPriorityClasses() []*apiobj.PriorityClass {
	mk := func(name string, value int32, desc string) *apiobj.PriorityClass {
		return &apiobj.PriorityClass{
			TypeMeta:         apiobj.TypeMeta{APIVersion: apiobj.SchedulingV1.String(), Kind: "PriorityClass"},
			ObjectMeta:       apiobj.ObjectMeta{Name: name},
			Value:            value,
			Description:      desc,
			PreemptionPolicy: apiobj.Ptr(apiobj.PreemptLowerPriority),
		}
	}
	return []*apiobj.PriorityClass{
		mk(apiobj.SystemNodeCritical, SystemNodeCriticalValue, "Used for system critical pods that must not be moved from their current node."),
		mk(apiobj.SystemClusterCritical, SystemClusterCriticalValue, "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary."),
	}
}

func systemPriorityClass(name string) *apiobj.PriorityClass {
	for _, pc := range SystemPriorityClasses() {
		if pc.Name == name {
			return pc
		}
	}
	return nil
}

type priority struct{ classes PriorityClassGetter }

var _ Plugin = priority{}

// Priority resolves pod priorities as Kubernetes' Priority plugin does.
//
// Admitting a pod create: a pod naming spec.priorityClassName gets that
// class's value as spec.priority and its preemptionPolicy; a class that does
// not exist is 403 `no PriorityClass with name x was found`. A pod naming
// none gets the global default class (its name, value and policy; the
// lowest value if several claim to be the default), or priority 0 and
// PreemptLowerPriority when there is none. A pod that sets spec.priority or
// spec.preemptionPolicy to something else than the class gives is 403. On
// update, a pod that omits priority or preemptionPolicy keeps the stored
// ones (validation refuses any other change to them).
//
// Validating: a PriorityClass with globalDefault is 403 when another class
// is already the default, and deleting a built-in system class is 403.
func Priority(getter PriorityClassGetter) Plugin {
	return priority{classes: getter}
}

var priorityClassesResource = apiobj.GroupResource{Group: apiobj.SchedulingV1.Group, Resource: "priorityclasses"}

// Admit implements Mutator.
func (p priority) Admit(ctx context.Context, a *Attributes) error {
	if !isResource(a, "", "pods") || (a.Operation != Create && a.Operation != Update) {
		return nil
	}
	pod, ok := a.Object.(*apiobj.Pod)
	if !ok {
		return wrongType(a, a.Object)
	}
	if a.Operation == Update {
		old, ok := a.OldObject.(*apiobj.Pod)
		if !ok {
			return wrongType(a, a.OldObject)
		}
		if pod.Spec.Priority == nil && old.Spec.Priority != nil {
			pod.Spec.Priority = apiobj.Ptr(*old.Spec.Priority)
		}
		if pod.Spec.PreemptionPolicy == nil && old.Spec.PreemptionPolicy != nil {
			pod.Spec.PreemptionPolicy = apiobj.Ptr(*old.Spec.PreemptionPolicy)
		}
		return nil
	}

	var value int32
	var policy *apiobj.PreemptionPolicy
	if pod.Spec.PriorityClassName == "" {
		dpc, err := p.defaultClass(ctx)
		if err != nil {
			return fmt.Errorf("failed to get default priority class: %w", err)
		}
		if dpc != nil {
			pod.Spec.PriorityClassName = dpc.Name
			value, policy = dpc.Value, dpc.PreemptionPolicy
		} else {
			value, policy = apiobj.DefaultPriorityWhenNoDefaultClassExists, apiobj.Ptr(apiobj.PreemptLowerPriority)
		}
	} else {
		pc, err := p.classes.GetPriorityClass(ctx, pod.Spec.PriorityClassName)
		if errdefs.IsNotFound(err) {
			pc = systemPriorityClass(pod.Spec.PriorityClassName)
			if pc == nil {
				return forbidden(a, fmt.Errorf("no PriorityClass with name %s was found", pod.Spec.PriorityClassName))
			}
		} else if err != nil {
			return fmt.Errorf("failed to get PriorityClass with name %s: %w", pod.Spec.PriorityClassName, err)
		}
		value, policy = pc.Value, pc.PreemptionPolicy
	}
	if pod.Spec.Priority != nil && *pod.Spec.Priority != value {
		return forbidden(a, fmt.Errorf("the integer value of priority (%d) must not be provided in pod spec; priority admission controller computed %d from the given PriorityClass name", *pod.Spec.Priority, value))
	}
	pod.Spec.Priority = apiobj.Ptr(value)
	if policy != nil {
		if pod.Spec.PreemptionPolicy != nil && *pod.Spec.PreemptionPolicy != *policy {
			return forbidden(a, fmt.Errorf("the string value of PreemptionPolicy (%s) must not be provided in pod spec; priority admission controller computed %s from the given PriorityClass name", *pod.Spec.PreemptionPolicy, *policy))
		}
		pod.Spec.PreemptionPolicy = apiobj.Ptr(*policy)
	}
	return nil
}

// Validate implements Validator.
func (p priority) Validate(ctx context.Context, a *Attributes) error {
	if !isResource(a, priorityClassesResource.Group, priorityClassesResource.Resource) {
		return nil
	}
	switch a.Operation {
	case Delete:
		if systemPriorityClass(a.Name) != nil {
			return apiobj.NewForbidden(priorityClassesResource, a.Name, errors.New("this is a system priority class and cannot be deleted"))
		}
		return nil
	case Create, Update:
	default:
		return nil
	}
	pc, ok := a.Object.(*apiobj.PriorityClass)
	if !ok {
		return wrongType(a, a.Object)
	}
	if !pc.GlobalDefault {
		return nil
	}
	dpc, err := p.defaultClass(ctx)
	if err != nil {
		return fmt.Errorf("failed to get default priority class: %w", err)
	}
	if dpc != nil && (a.Operation == Create || dpc.Name != pc.Name) {
		return forbidden(a, fmt.Errorf("PriorityClass %v is already marked as default. Only one default can exist", dpc.Name))
	}
	return nil
}

// defaultClass returns the global default class with the lowest value (by
// name among equals), or nil.
func (p priority) defaultClass(ctx context.Context) (*apiobj.PriorityClass, error) {
	all, err := p.classes.ListPriorityClasses(ctx)
	if err != nil {
		return nil, err
	}
	var best *apiobj.PriorityClass
	for _, pc := range all {
		if !pc.GlobalDefault {
			continue
		}
		if best == nil || pc.Value < best.Value || (pc.Value == best.Value && pc.Name < best.Name) {
			best = pc
		}
	}
	return best, nil
}
