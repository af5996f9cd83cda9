package registry

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store"
)

func secondsDuration(s int64) time.Duration { return time.Duration(s) * time.Second }

// afterWrite runs after an object was created (old nil) or updated.
func (r *Registry) afterWrite(ctx context.Context, res *Resource, old, obj apiobj.Object) {
	switch o := obj.(type) {
	case *apiobj.Service:
		if old != nil {
			r.releaseUnused(ctx, old.(*apiobj.Service), o)
		}
	case *apiobj.CustomResourceDefinition:
		if o.DeletionTimestamp == nil {
			r.registerCRD(o)
		}
	}
}

// afterDelete runs after an object left the store.
func (r *Registry) afterDelete(ctx context.Context, res *Resource, obj apiobj.Object) {
	switch o := obj.(type) {
	case *apiobj.Service:
		r.releaseUnused(ctx, o, nil)
	case *apiobj.CustomResourceDefinition:
		r.deleteCustomObjects(context.WithoutCancel(ctx), o)
		r.unregisterCRD(o)
	}
}

// ---- CustomResourceDefinitions ----

func crdServes(crd *apiobj.CustomResourceDefinition) []*apiobj.CustomResourceDefinitionVersion {
	var out []*apiobj.CustomResourceDefinitionVersion
	for i := range crd.Spec.Versions {
		if crd.Spec.Versions[i].Served {
			out = append(out, &crd.Spec.Versions[i])
		}
	}
	return out
}

// setCRDStatus marks a definition accepted and established: names are
// served as asked, at once.
func (r *Registry) setCRDStatus(crd *apiobj.CustomResourceDefinition) {
	names := crd.Spec.Names
	if names.Singular == "" {
		names.Singular = strings.ToLower(names.Kind)
	}
	if names.ListKind == "" {
		names.ListKind = names.Kind + "List"
	}
	crd.Status.AcceptedNames = names
	now := r.nowTime()
	cond := func(t apiobj.CustomResourceDefinitionConditionType, reason, msg string) apiobj.CustomResourceDefinitionCondition {
		for _, c := range crd.Status.Conditions {
			if c.Type == t && c.Status == apiobj.ConditionTrue {
				return c
			}
		}
		return apiobj.CustomResourceDefinitionCondition{Type: t, Status: apiobj.ConditionTrue,
			LastTransitionTime: now, Reason: reason, Message: msg}
	}
	crd.Status.Conditions = []apiobj.CustomResourceDefinitionCondition{
		cond(apiobj.CRDNamesAccepted, "NoConflicts", "no conflicts found"),
		cond(apiobj.CRDEstablished, "InitialNamesAccepted", "the initial names have been accepted"),
	}
	for _, v := range crd.Spec.Versions {
		if v.Storage && !containsString(crd.Status.StoredVersions, v.Name) {
			crd.Status.StoredVersions = append(crd.Status.StoredVersions, v.Name)
		}
	}
	if crd.Status.StoredVersions == nil {
		crd.Status.StoredVersions = []string{}
	}
}

func containsString(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// kindInfoFor builds the Scheme entry of one served CRD version.
func kindInfoFor(crd *apiobj.CustomResourceDefinition, v *apiobj.CustomResourceDefinitionVersion) apiobj.KindInfo {
	n := crd.Spec.Names
	k := apiobj.KindInfo{
		GroupVersionKind: apiobj.GroupVersionKind{Group: crd.Spec.Group, Version: v.Name, Kind: n.Kind},
		ListKind:         n.ListKind,
		Resource:         n.Plural,
		Singular:         n.Singular,
		ShortNames:       n.ShortNames,
		Categories:       n.Categories,
		Namespaced:       crd.Spec.Scope == apiobj.NamespaceScoped,
	}
	if s := v.Subresources; s != nil {
		if s.Status != nil {
			k.Subresources = append(k.Subresources, "status")
		}
		if s.Scale != nil {
			k.Subresources = append(k.Subresources, "scale")
		}
	}
	return k
}

// registerCRD serves every served version of crd; versions no longer
// served are removed.
func (r *Registry) registerCRD(crd *apiobj.CustomResourceDefinition) {
	crd = crd.DeepCopy()
	r.mu.Lock()
	defer r.mu.Unlock()
	for gvk, cv := range r.crds {
		if cv.crd.Name == crd.Name {
			r.scheme.RemoveKind(gvk)
			delete(r.crds, gvk)
		}
	}
	for _, v := range crdServes(crd) {
		k := kindInfoFor(crd, v)
		if err := r.scheme.AddKind(k); err != nil {
			continue // the names clash with a built-in kind; not served
		}
		r.crds[k.GroupVersionKind] = &crdVersion{crd: crd, version: v}
	}
}

func (r *Registry) unregisterCRD(crd *apiobj.CustomResourceDefinition) {
	r.mu.Lock()
	for gvk, cv := range r.crds {
		if cv.crd.Name == crd.Name {
			r.scheme.RemoveKind(gvk)
			delete(r.crds, gvk)
		}
	}
	r.mu.Unlock()
	r.stopCaches(func(gvr apiobj.GroupVersionResource) bool {
		return gvr.Group == crd.Spec.Group && gvr.Resource == crd.Spec.Names.Plural
	})
}

// CustomResourceDefinition returns the definition and version that serve gvk.
func (r *Registry) CustomResourceDefinition(gvk apiobj.GroupVersionKind) (*apiobj.CustomResourceDefinition, *apiobj.CustomResourceDefinitionVersion, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	cv, ok := r.crds[gvk]
	if !ok {
		return nil, nil, false
	}
	return cv.crd, cv.version, true
}

func (r *Registry) schemaFor(gvk apiobj.GroupVersionKind) *apiobj.JSONSchemaProps {
	_, v, ok := r.CustomResourceDefinition(gvk)
	if !ok || v.Schema == nil {
		return nil
	}
	return v.Schema.OpenAPIV3Schema
}

// deleteCustomObjects removes every object of a deleted definition.
func (r *Registry) deleteCustomObjects(ctx context.Context, crd *apiobj.CustomResourceDefinition) {
	prefix := PrefixFor(apiobj.GroupResource{Group: crd.Spec.Group, Resource: crd.Spec.Names.Plural})
	for {
		page, err := r.store.List(ctx, prefix, store.ListOptions{Limit: 500})
		if err != nil || len(page.Items) == 0 {
			return
		}
		for _, kv := range page.Items {
			_, _, _ = r.store.Delete(ctx, kv.Key)
		}
	}
}

// LoadCustomResourceDefinitions registers every stored definition. Call it
// at start, before serving.
func (r *Registry) LoadCustomResourceDefinitions(ctx context.Context) error {
	res, err := r.Resource(apiobj.ApiextensionsV1.WithResource("customresourcedefinitions"))
	if err != nil {
		return err
	}
	page, err := r.store.List(ctx, res.Prefix, store.ListOptions{})
	if err != nil {
		return err
	}
	for _, kv := range page.Items {
		obj, err := res.Decode(kv)
		if err != nil {
			return err
		}
		if crd := obj.(*apiobj.CustomResourceDefinition); crd.DeletionTimestamp == nil {
			r.registerCRD(crd)
		}
	}
	return nil
}

// ---- bootstrap ----

// SystemNamespaces exist from the start.
var SystemNamespaces = []string{"default", "kube-system", "kube-public", "kube-node-lease"}

// Bootstrap creates the system namespaces and the kubernetes Service in
// default (with the first service address) when they are missing, and loads
// stored CustomResourceDefinitions. It is idempotent and safe to run on
// several servers at once.
func (r *Registry) Bootstrap(ctx context.Context, apiPort int32) error {
	if err := r.LoadCustomResourceDefinitions(ctx); err != nil {
		return fmt.Errorf("loading custom resource definitions: %w", err)
	}
	nsRes, err := r.Resource(apiobj.CoreV1.WithResource("namespaces"))
	if err != nil {
		return err
	}
	for _, name := range SystemNamespaces {
		ns := &apiobj.Namespace{ObjectMeta: apiobj.ObjectMeta{Name: name}}
		if _, err := r.Create(ctx, nsRes, "", ns, CreateOptions{}); err != nil && !errdefs.IsAlreadyExists(err) {
			return fmt.Errorf("creating namespace %s: %w", name, err)
		}
	}
	svcRes, err := r.Resource(apiobj.CoreV1.WithResource("services"))
	if err != nil {
		return err
	}
	if apiPort == 0 {
		apiPort = 443
	}
	svc := &apiobj.Service{
		ObjectMeta: apiobj.ObjectMeta{Name: "kubernetes", Namespace: "default",
			Labels: map[string]string{"component": "apiserver", "provider": "kubernetes"}},
		Spec: apiobj.ServiceSpec{
			ClusterIP: r.FirstServiceIP(),
			Ports: []apiobj.ServicePort{{Name: "https", Port: 443, Protocol: apiobj.ProtocolTCP,
				TargetPort: apiobj.FromInt32(apiPort)}},
		},
	}
	if _, err := r.Create(ctx, svcRes, "default", svc, CreateOptions{}); err != nil &&
		!errdefs.IsAlreadyExists(err) && !errors.Is(err, errdefs.ErrInvalid) {
		return fmt.Errorf("creating the kubernetes service: %w", err)
	}
	return nil
}
