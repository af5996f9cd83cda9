package predicate

import (
	"maps"

	"github.com/orcaproj/orca/apiobj"
)

// Predicate decides which changes to watched objects reach a controller.
// Objects are shared with the informer's cache: never mutate them.
// Implementations must be safe for concurrent use.
type Predicate interface {
	// Create filters objects seen for the first time: created, or listed
	// when a controller starts.
	Create(obj apiobj.Object) bool
	// Update filters changes, including resyncs (where old and new are the
	// same object).
	Update(old, new apiobj.Object) bool
	// Delete filters deletions; obj is the last known state.
	Delete(obj apiobj.Object) bool
}

// Funcs adapts functions to Predicate; a nil function passes every event.
type Funcs struct {
	CreateFunc func(obj apiobj.Object) bool
	UpdateFunc func(old, new apiobj.Object) bool
	DeleteFunc func(obj apiobj.Object) bool
}

// Create implements Predicate.
func (f Funcs) Create(obj apiobj.Object) bool { return f.CreateFunc == nil || f.CreateFunc(obj) }

// Update implements Predicate.
func (f Funcs) Update(old, new apiobj.Object) bool {
	return f.UpdateFunc == nil || f.UpdateFunc(old, new)
}

// Delete implements Predicate.
func (f Funcs) Delete(obj apiobj.Object) bool { return f.DeleteFunc == nil || f.DeleteFunc(obj) }

// FilterFunc is a Predicate that asks one question of the object in every
// event (of the new object in an update).
type FilterFunc func(obj apiobj.Object) bool

// Create implements Predicate.
func (f FilterFunc) Create(obj apiobj.Object) bool { return f(obj) }

// Update implements Predicate.
func (f FilterFunc) Update(_, new apiobj.Object) bool { return f(new) }

// Delete implements Predicate.
func (f FilterFunc) Delete(obj apiobj.Object) bool { return f(obj) }

// GenerationChanged passes updates that change metadata.generation, which
// the API server bumps for spec changes only: it filters out status and
// metadata updates, and resyncs. Creates and deletes pass.
func GenerationChanged() Predicate {
	return Funcs{UpdateFunc: func(old, new apiobj.Object) bool { return old.GetGeneration() != new.GetGeneration() }}
}

// LabelsChanged passes updates that change the labels. Creates and deletes
// pass.
func LabelsChanged() Predicate {
	return Funcs{UpdateFunc: func(old, new apiobj.Object) bool { return !maps.Equal(old.GetLabels(), new.GetLabels()) }}
}

// AnnotationsChanged passes updates that change the annotations. Creates
// and deletes pass.
func AnnotationsChanged() Predicate {
	return Funcs{UpdateFunc: func(old, new apiobj.Object) bool {
		return !maps.Equal(old.GetAnnotations(), new.GetAnnotations())
	}}
}

// ResourceVersionChanged passes updates that are real writes, filtering out
// resyncs. Creates and deletes pass.
func ResourceVersionChanged() Predicate {
	return Funcs{UpdateFunc: func(old, new apiobj.Object) bool {
		return old.GetResourceVersion() != new.GetResourceVersion()
	}}
}

// And passes an event when every predicate passes it; And() passes all.
func And(ps ...Predicate) Predicate { return and(ps) }

type and []Predicate

func (a and) Create(obj apiobj.Object) bool {
	for _, p := range a {
		if !p.Create(obj) {
			return false
		}
	}
	return true
}

func (a and) Update(old, new apiobj.Object) bool {
	for _, p := range a {
		if !p.Update(old, new) {
			return false
		}
	}
	return true
}

func (a and) Delete(obj apiobj.Object) bool {
	for _, p := range a {
		if !p.Delete(obj) {
			return false
		}
	}
	return true
}

// Or passes an event when any predicate passes it; Or() passes none.
func Or(ps ...Predicate) Predicate { return or(ps) }

type or []Predicate

func (o or) Create(obj apiobj.Object) bool {
	for _, p := range o {
		if p.Create(obj) {
			return true
		}
	}
	return false
}

func (o or) Update(old, new apiobj.Object) bool {
	for _, p := range o {
		if p.Update(old, new) {
			return true
		}
	}
	return false
}

func (o or) Delete(obj apiobj.Object) bool {
	for _, p := range o {
		if p.Delete(obj) {
			return true
		}
	}
	return false
}

// Not passes the events p rejects.
func Not(p Predicate) Predicate { return not{p} }

type not struct{ p Predicate }

func (n not) Create(obj apiobj.Object) bool      { return !n.p.Create(obj) }
func (n not) Update(old, new apiobj.Object) bool { return !n.p.Update(old, new) }
func (n not) Delete(obj apiobj.Object) bool      { return !n.p.Delete(obj) }
