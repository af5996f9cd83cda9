package auth

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
)

// staticRBAC is an RBACLister over a fixed set of objects.
type staticRBAC struct {
	roles               map[[2]string]*apiobj.Role
	roleBindings        map[string][]*apiobj.RoleBinding
	clusterRoles        map[string]*apiobj.ClusterRole
	clusterRoleList     []*apiobj.ClusterRole
	clusterRoleBindings []*apiobj.ClusterRoleBinding
}

var _ RBACLister = (*staticRBAC)(nil)

// NewStaticRBACLister returns an RBACLister over objs: Roles, ClusterRoles,
// RoleBindings and ClusterRoleBindings (pointers). It copies them. Lists come
// out in name order. It suits fixed policies (an embedded control plane
// whose RBAC never changes) and tests; the API server lists from its watch
// cache instead.
func NewStaticRBACLister(objs ...apiobj.Object) (RBACLister, error) {
	s := &staticRBAC{
		roles:        map[[2]string]*apiobj.Role{},
		roleBindings: map[string][]*apiobj.RoleBinding{},
		clusterRoles: map[string]*apiobj.ClusterRole{},
	}
	for _, o := range objs {
		switch o := o.DeepCopyObject().(type) {
		case *apiobj.Role:
			s.roles[[2]string{o.Namespace, o.Name}] = o
		case *apiobj.RoleBinding:
			s.roleBindings[o.Namespace] = append(s.roleBindings[o.Namespace], o)
		case *apiobj.ClusterRole:
			s.clusterRoles[o.Name] = o
			s.clusterRoleList = append(s.clusterRoleList, o)
		case *apiobj.ClusterRoleBinding:
			s.clusterRoleBindings = append(s.clusterRoleBindings, o)
		default:
			return nil, fmt.Errorf("auth: %T is not an RBAC object: %w", o, errdefs.ErrBadRequest)
		}
	}
	byName := func(a, b apiobj.Object) int { return cmp.Compare(a.GetName(), b.GetName()) }
	slices.SortFunc(s.clusterRoleList, func(a, b *apiobj.ClusterRole) int { return byName(a, b) })
	slices.SortFunc(s.clusterRoleBindings, func(a, b *apiobj.ClusterRoleBinding) int { return byName(a, b) })
	for _, l := range s.roleBindings {
		slices.SortFunc(l, func(a, b *apiobj.RoleBinding) int { return byName(a, b) })
	}
	return s, nil
}

func (s *staticRBAC) GetRole(namespace, name string) (*apiobj.Role, error) {
	if r, ok := s.roles[[2]string{namespace, name}]; ok {
		return r, nil
	}
	return nil, apiobj.NewNotFound(apiobj.GroupResource{Group: apiobj.RbacV1.Group, Resource: "roles"}, name)
}

func (s *staticRBAC) ListRoleBindings(namespace string) ([]*apiobj.RoleBinding, error) {
	return s.roleBindings[namespace], nil
}

func (s *staticRBAC) GetClusterRole(name string) (*apiobj.ClusterRole, error) {
	if r, ok := s.clusterRoles[name]; ok {
		return r, nil
	}
	return nil, apiobj.NewNotFound(apiobj.GroupResource{Group: apiobj.RbacV1.Group, Resource: "clusterroles"}, name)
}

func (s *staticRBAC) ListClusterRoles() ([]*apiobj.ClusterRole, error) {
	return s.clusterRoleList, nil
}

func (s *staticRBAC) ListClusterRoleBindings() ([]*apiobj.ClusterRoleBinding, error) {
	return s.clusterRoleBindings, nil
}
