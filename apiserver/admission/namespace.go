package admission

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
)

// NamespaceGetter finds a namespace. It returns an error wrapping
// errdefs.ErrNotFound when there is none. The object returned is shared and
// read-only. An implementation over a cache should read through to storage
// on a miss, so that an object created right after its namespace is not
// refused because the cache has not seen the namespace yet (Kubernetes does
// the same live lookup).
type NamespaceGetter interface {
	GetNamespace(ctx context.Context, name string) (*apiobj.Namespace, error)
}

// NamespaceGetterFunc adapts a function to NamespaceGetter.
type NamespaceGetterFunc func(ctx context.Context, name string) (*apiobj.Namespace, error)

// GetNamespace implements NamespaceGetter.
func (f NamespaceGetterFunc) GetNamespace(ctx context.Context, name string) (*apiobj.Namespace, error) {
	return f(ctx, name)
}

// SystemNamespaces returns the namespaces that exist from the start and
// cannot be deleted.
func SystemNamespaces() []string {
	return []string{"default", "kube-system", "kube-public", "kube-node-lease"}
}

var namespacesResource = apiobj.GroupResource{Resource: "namespaces"}

type namespaceLifecycle struct{ ns NamespaceGetter }

var _ Plugin = namespaceLifecycle{}

// NamespaceLifecycle enforces the life of namespaces as Kubernetes' plugin of
// the same name does:
//
//   - deleting a system namespace (SystemNamespaces) is 403 `namespaces
//     "default" is forbidden: this namespace may not be deleted`;
//   - requests on cluster-scoped kinds (Namespace "") and on namespaces
//     themselves pass, and so does every delete;
//   - any other request in a namespace that does not exist is 404
//     `namespaces "x" not found`;
//   - a create in a terminating namespace (status.phase Terminating, or a
//     deletionTimestamp) is 403 `unable to create new content in namespace x
//     because it is being terminated`, with a NamespaceTerminating cause;
//     updates there still pass, so that controllers can finish their work.
//     Local access reviews are exempt, as in Kubernetes.
//
// It runs the same checks in both phases: in the mutating phase so that, as
// in Kubernetes, a request into a missing namespace gets 404 before the
// object's own validation runs, and in the validating phase because the API
// server admits deletes only there.
func NamespaceLifecycle(getter NamespaceGetter) Plugin {
	return namespaceLifecycle{ns: getter}
}

// Admit implements Mutator. It changes nothing.
func (p namespaceLifecycle) Admit(ctx context.Context, a *Attributes) error { return p.check(ctx, a) }

// Validate implements Validator.
func (p namespaceLifecycle) Validate(ctx context.Context, a *Attributes) error {
	return p.check(ctx, a)
}

func (p namespaceLifecycle) check(ctx context.Context, a *Attributes) error {
	isNamespace := (a.Kind.Group == "" && a.Kind.Kind == "Namespace") || isResource(a, "", "namespaces")
	if isNamespace {
		if a.Operation == Delete && slices.Contains(SystemNamespaces(), a.Name) {
			return forbidden(a, errors.New("this namespace may not be deleted"))
		}
		return nil
	}
	if a.Namespace == "" || a.Operation == Delete {
		return nil
	}
	if a.Resource.Group == "authorization.k8s.io" && a.Resource.Resource == "localsubjectaccessreviews" {
		return nil
	}
	ns, err := p.ns.GetNamespace(ctx, a.Namespace)
	if errdefs.IsNotFound(err) {
		return apiobj.NewNotFound(namespacesResource, a.Namespace)
	}
	if err != nil {
		return fmt.Errorf("looking up namespace %s: %w", a.Namespace, err)
	}
	if a.Operation != Create {
		return nil
	}
	if ns.Status.Phase == apiobj.NamespaceTerminating || ns.DeletionTimestamp != nil {
		e := forbidden(a, fmt.Errorf("unable to create new content in namespace %s because it is being terminated", a.Namespace))
		e.Status.Details.Causes = append(e.Status.Details.Causes, apiobj.StatusCause{
			Type:    apiobj.NamespaceTerminatingCause,
			Message: fmt.Sprintf("namespace %s is being terminated", a.Namespace),
			Field:   "metadata.namespace",
		})
		return e
	}
	return nil
}
