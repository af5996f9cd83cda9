package cluster

import (
	"context"
	"fmt"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/registry"
)

// regReader reads objects straight from the API server's registry (its
// watch cache), for the authorizer and the admission plugins, which run
// inside the server and must not call back through HTTP. srv is set once the
// server exists; the getters are only called while it serves.
type regReader struct {
	srv *apiserver.Server
}

func (g *regReader) get(ctx context.Context, gvr apiobj.GroupVersionResource, ns, name string) (apiobj.Object, error) {
	res, err := g.srv.Registry().Resource(gvr)
	if err != nil {
		return nil, err
	}
	return g.srv.Registry().Get(ctx, res, ns, name, registry.GetOptions{ResourceVersion: "0"})
}

func (g *regReader) list(ctx context.Context, gvr apiobj.GroupVersionResource, ns string) ([]apiobj.Object, error) {
	res, err := g.srv.Registry().Resource(gvr)
	if err != nil {
		return nil, err
	}
	items, _, err := g.srv.Registry().ListItems(ctx, res, ns, registry.ListOptions{ResourceVersion: "0"})
	return items, err
}

func typed[T apiobj.Object](o apiobj.Object, err error) (T, error) {
	var zero T
	if err != nil {
		return zero, err
	}
	t, ok := o.(T)
	if !ok {
		return zero, fmt.Errorf("cluster: registry returned %T", o)
	}
	return t, nil
}

func typedList[T apiobj.Object](objs []apiobj.Object, err error) ([]T, error) {
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(objs))
	for _, o := range objs {
		t, ok := o.(T)
		if !ok {
			return nil, fmt.Errorf("cluster: registry returned %T", o)
		}
		out = append(out, t)
	}
	return out, nil
}

var (
	gvrNamespaces          = apiobj.CoreV1.WithResource("namespaces")
	gvrPriorityClasses     = apiobj.SchedulingV1.WithResource("priorityclasses")
	gvrRoles               = apiobj.RbacV1.WithResource("roles")
	gvrRoleBindings        = apiobj.RbacV1.WithResource("rolebindings")
	gvrClusterRoles        = apiobj.RbacV1.WithResource("clusterroles")
	gvrClusterRoleBindings = apiobj.RbacV1.WithResource("clusterrolebindings")
)

// GetNamespace implements admission.NamespaceGetter.
func (g *regReader) GetNamespace(ctx context.Context, name string) (*apiobj.Namespace, error) {
	return typed[*apiobj.Namespace](g.get(ctx, gvrNamespaces, "", name))
}

// GetPriorityClass implements admission.PriorityClassGetter.
func (g *regReader) GetPriorityClass(ctx context.Context, name string) (*apiobj.PriorityClass, error) {
	return typed[*apiobj.PriorityClass](g.get(ctx, gvrPriorityClasses, "", name))
}

// ListPriorityClasses implements admission.PriorityClassGetter.
func (g *regReader) ListPriorityClasses(ctx context.Context) ([]*apiobj.PriorityClass, error) {
	return typedList[*apiobj.PriorityClass](g.list(ctx, gvrPriorityClasses, ""))
}

// GetRole implements auth.RBACLister.
func (g *regReader) GetRole(ns, name string) (*apiobj.Role, error) {
	return typed[*apiobj.Role](g.get(context.Background(), gvrRoles, ns, name))
}

// ListRoleBindings implements auth.RBACLister.
func (g *regReader) ListRoleBindings(ns string) ([]*apiobj.RoleBinding, error) {
	return typedList[*apiobj.RoleBinding](g.list(context.Background(), gvrRoleBindings, ns))
}

// GetClusterRole implements auth.RBACLister.
func (g *regReader) GetClusterRole(name string) (*apiobj.ClusterRole, error) {
	return typed[*apiobj.ClusterRole](g.get(context.Background(), gvrClusterRoles, "", name))
}

// ListClusterRoles implements auth.RBACLister.
func (g *regReader) ListClusterRoles() ([]*apiobj.ClusterRole, error) {
	return typedList[*apiobj.ClusterRole](g.list(context.Background(), gvrClusterRoles, ""))
}

// ListClusterRoleBindings implements auth.RBACLister.
func (g *regReader) ListClusterRoleBindings() ([]*apiobj.ClusterRoleBinding, error) {
	return typedList[*apiobj.ClusterRoleBinding](g.list(context.Background(), gvrClusterRoleBindings, ""))
}
