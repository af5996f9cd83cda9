package admission

import (
	"context"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver/auth"
)

// Operation is what a request does to an object.
type Operation string

// The operations.
const (
	Create  Operation = "CREATE"
	Update  Operation = "UPDATE"
	Delete  Operation = "DELETE"
	Connect Operation = "CONNECT"
)

// Attributes describe the request being admitted. Object is the object about
// to be stored (nil for Delete); OldObject the stored one (nil for Create).
// Plugins may mutate Object in the mutating phase only.
type Attributes struct {
	Operation   Operation
	Kind        apiobj.GroupVersionKind
	Resource    apiobj.GroupVersionResource
	Subresource string
	Namespace   string
	Name        string
	Object      apiobj.Object
	OldObject   apiobj.Object
	User        *auth.User
	DryRun      bool
}

// Mutator may change a.Object. Returning an error rejects the request; wrap
// an errdefs sentinel (ErrForbidden, ErrInvalid, ...) to choose the status.
type Mutator interface {
	Admit(ctx context.Context, a *Attributes) error
}

// Validator may reject a request but must not change it.
type Validator interface {
	Validate(ctx context.Context, a *Attributes) error
}

// MutatorFunc adapts a function to Mutator.
type MutatorFunc func(ctx context.Context, a *Attributes) error

// Admit implements Mutator.
func (f MutatorFunc) Admit(ctx context.Context, a *Attributes) error { return f(ctx, a) }

// ValidatorFunc adapts a function to Validator.
type ValidatorFunc func(ctx context.Context, a *Attributes) error

// Validate implements Validator.
func (f ValidatorFunc) Validate(ctx context.Context, a *Attributes) error { return f(ctx, a) }

// Chain runs mutators in order, then validators in order. A plugin may be
// both; it then runs in both phases. The zero Chain admits everything.
type Chain struct {
	Mutators   []Mutator
	Validators []Validator
}

// Admit runs the mutating phase.
func (c Chain) Admit(ctx context.Context, a *Attributes) error {
	for _, m := range c.Mutators {
		if err := m.Admit(ctx, a); err != nil {
			return err
		}
	}
	return nil
}

// Validate runs the validating phase.
func (c Chain) Validate(ctx context.Context, a *Attributes) error {
	for _, v := range c.Validators {
		if err := v.Validate(ctx, a); err != nil {
			return err
		}
	}
	return nil
}
