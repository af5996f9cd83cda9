package registry

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/field"
	"github.com/orcaproj/orca/apiserver/admission"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store"
)

// CreateOptions tune a create.
type CreateOptions struct {
	// DryRun runs every stage but writes nothing (dryRun=All).
	DryRun bool
}

// UpdateOptions tune an update.
type UpdateOptions struct {
	// DryRun runs every stage but writes nothing.
	DryRun bool
	// Subresource is "" for the main resource, or "status" or "finalize"
	// (namespaces), which change only their part of the object.
	Subresource string
}

// UpdateFunc computes the new object from the current one, which is a
// private copy. A non-empty resourceVersion in the result must equal the
// current one (409 Conflict otherwise); an empty one makes the update
// unconditional. It may run several times.
type UpdateFunc func(current apiobj.Object) (apiobj.Object, error)

// errNamespaceMismatch is Kubernetes' 400 for a body in another namespace.
var errNamespaceMismatch = apiobj.NewBadRequest("the namespace of the provided object does not match the namespace sent on the request")

func (res *Resource) fixNamespace(obj apiobj.Object, ns string) error {
	if !res.Info.Namespaced {
		obj.SetNamespace("")
		return nil
	}
	switch {
	case obj.GetNamespace() == "":
		obj.SetNamespace(ns)
	case ns != "" && obj.GetNamespace() != ns:
		return errNamespaceMismatch
	}
	return nil
}

// Create stores a new object in namespace ns (ignored for cluster-scoped
// kinds) and returns it as stored.
func (r *Registry) Create(ctx context.Context, res *Resource, ns string, obj apiobj.Object, opts CreateOptions) (apiobj.Object, error) {
	if err := res.fixNamespace(obj, ns); err != nil {
		return nil, err
	}
	obj.SetGroupVersionKind(res.Info.GroupVersionKind)
	if res.Info.Default != nil {
		res.Info.Default(obj)
	}
	attrs := &admission.Attributes{
		Operation: admission.Create, Kind: res.Info.GroupVersionKind, Resource: res.GVR,
		Namespace: obj.GetNamespace(), Name: obj.GetName(), Object: obj, User: userFrom(ctx), DryRun: opts.DryRun,
	}
	if err := r.admit(ctx, attrs); err != nil {
		return nil, err
	}
	obj = attrs.Object
	r.prepareCreate(res, obj)
	generated := false
	if obj.GetName() == "" && obj.GetGenerateName() != "" {
		obj.SetName(generateName(obj.GetGenerateName()))
		generated = true
	}
	if errs := r.validateCreate(res, obj); len(errs) > 0 {
		return nil, res.invalid(obj.GetName(), errs)
	}
	attrs.Name = obj.GetName()
	if err := r.admitValidate(ctx, attrs); err != nil {
		return nil, err
	}
	if res.Info.Namespaced {
		if err := r.checkNamespace(ctx, res, obj); err != nil {
			return nil, err
		}
	}
	var undo func()
	if !opts.DryRun {
		var err error
		if undo, err = r.allocateOnCreate(ctx, res, obj); err != nil {
			return nil, err
		}
	}
	for attempt := 0; ; attempt++ {
		data, err := res.encode(obj)
		if err != nil {
			if undo != nil {
				undo()
			}
			return nil, err
		}
		if opts.DryRun {
			if _, err := r.store.Get(ctx, res.Key(obj.GetNamespace(), obj.GetName())); err == nil {
				return nil, apiobj.NewAlreadyExists(res.GroupResource(), obj.GetName())
			}
			return obj, nil
		}
		rev, err := r.store.Create(ctx, res.Key(obj.GetNamespace(), obj.GetName()), data)
		if errdefs.IsAlreadyExists(err) && generated && attempt < 8 {
			obj.SetName(generateName(obj.GetGenerateName()))
			continue
		}
		if err != nil {
			if undo != nil {
				undo()
			}
			if errdefs.IsAlreadyExists(err) {
				return nil, apiobj.NewAlreadyExists(res.GroupResource(), obj.GetName())
			}
			return nil, err
		}
		obj.SetResourceVersion(strconv.FormatInt(rev, 10))
		r.afterWrite(ctx, res, nil, obj)
		return obj, nil
	}
}

// prepareCreate sets what the server owns on a new object.
func (r *Registry) prepareCreate(res *Resource, obj apiobj.Object) {
	obj.SetUID(newUID())
	obj.SetCreationTimestamp(r.nowTime())
	obj.SetGeneration(1)
	obj.SetResourceVersion("")
	obj.SetDeletionTimestamp(nil)
	obj.SetDeletionGracePeriodSeconds(nil)
	if res.Info.HasSubresource("status") && res.Info.GroupVersionKind != apiobj.CoreV1.WithKind("Node") {
		clearStatus(obj)
	}
	switch o := obj.(type) {
	case *apiobj.Pod:
		o.Status.Phase = apiobj.PodPending
	case *apiobj.Namespace:
		o.Status.Phase = apiobj.NamespaceActive
		if !hasFinalizerName(o.Spec.Finalizers, apiobj.FinalizerKubernetes) {
			o.Spec.Finalizers = append(o.Spec.Finalizers, apiobj.FinalizerKubernetes)
		}
	case *apiobj.CustomResourceDefinition:
		r.setCRDStatus(o)
	}
}

// hasSpecFinalizers reports whether obj is a namespace whose
// spec.finalizers are not yet empty.
func hasSpecFinalizers(obj apiobj.Object) bool {
	ns, ok := obj.(*apiobj.Namespace)
	return ok && len(ns.Spec.Finalizers) > 0
}

func hasFinalizerName(fs []apiobj.FinalizerName, f apiobj.FinalizerName) bool {
	for _, x := range fs {
		if x == f {
			return true
		}
	}
	return false
}

func (r *Registry) validateCreate(res *Resource, obj apiobj.Object) field.ErrorList {
	if u, ok := obj.(*apiobj.Unstructured); ok {
		errs := validateUnstructuredMeta(u, res.Info.Namespaced, nil)
		if v := r.cfg.CRSchemaValidator; v != nil {
			if s := r.schemaFor(res.Info.GroupVersionKind); s != nil {
				if d, ok := v.(CRSchemaDefaulter); ok {
					d.PruneAndDefault(s, u)
				}
				errs = append(errs, v.ValidateCustomResource(s, u, nil)...)
			}
		}
		return errs
	}
	if res.Info.Validate != nil {
		return res.Info.Validate(obj)
	}
	return nil
}

func (r *Registry) validateUpdate(res *Resource, obj, old apiobj.Object) field.ErrorList {
	if u, ok := obj.(*apiobj.Unstructured); ok {
		ou, _ := old.(*apiobj.Unstructured)
		errs := validateUnstructuredMeta(u, res.Info.Namespaced, ou)
		if v := r.cfg.CRSchemaValidator; v != nil {
			if s := r.schemaFor(res.Info.GroupVersionKind); s != nil {
				if d, ok := v.(CRSchemaDefaulter); ok {
					d.PruneAndDefault(s, u)
				}
				errs = append(errs, v.ValidateCustomResource(s, u, ou)...)
			}
		}
		return errs
	}
	if res.Info.ValidateUpdate != nil {
		return res.Info.ValidateUpdate(obj, old)
	}
	if res.Info.Validate != nil {
		return res.Info.Validate(obj)
	}
	return nil
}

// validateUnstructuredMeta checks the metadata of a custom object with the
// same rules as built-in objects.
func validateUnstructuredMeta(u *apiobj.Unstructured, namespaced bool, old *apiobj.Unstructured) field.ErrorList {
	p := field.NewPath("metadata")
	meta, err := objectMetaOf(u)
	if err != nil {
		return field.ErrorList{field.Invalid(p, nil, err.Error())}
	}
	if old == nil {
		return apiobj.ValidateObjectMeta(meta, namespaced, apiobj.NameIsDNSSubdomain, p)
	}
	om, err := objectMetaOf(old)
	if err != nil {
		return nil
	}
	return apiobj.ValidateObjectMetaUpdate(meta, om, p)
}

func objectMetaOf(u *apiobj.Unstructured) (*apiobj.ObjectMeta, error) {
	m, ok := u.Object["metadata"]
	if !ok {
		return &apiobj.ObjectMeta{}, nil
	}
	b, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	var meta apiobj.ObjectMeta
	if err := json.Unmarshal(b, &meta); err != nil {
		return nil, fmt.Errorf("metadata: %v", err)
	}
	return &meta, nil
}

// checkNamespace refuses creates in a missing or terminating namespace.
func (r *Registry) checkNamespace(ctx context.Context, res *Resource, obj apiobj.Object) error {
	ns := obj.GetNamespace()
	kv, err := r.store.Get(ctx, PrefixFor(apiobj.GroupResource{Resource: "namespaces"})+ns)
	if errdefs.IsNotFound(err) {
		return apiobj.NewNotFound(apiobj.GroupResource{Resource: "namespaces"}, ns)
	}
	if err != nil {
		return err
	}
	var n apiobj.Namespace
	if err := json.Unmarshal(kv.Value, &n); err != nil {
		return fmt.Errorf("decoding namespace %s: %v: %w", ns, err, errdefs.ErrInternal)
	}
	if n.Status.Phase == apiobj.NamespaceTerminating || n.DeletionTimestamp != nil {
		e := apiobj.NewForbidden(res.GroupResource(), obj.GetName(),
			fmt.Errorf("unable to create new content in namespace %s because it is being terminated", ns))
		e.Status.Details.Causes = []apiobj.StatusCause{{
			Type: apiobj.NamespaceTerminatingCause, Message: fmt.Sprintf("namespace %s is being terminated", ns), Field: "metadata.namespace"}}
		return e
	}
	return nil
}

// Update replaces an object with what fn makes of it, with compare-and-swap
// on its resourceVersion. It returns the object as stored; an update that
// changes nothing writes nothing and returns the current object.
func (r *Registry) Update(ctx context.Context, res *Resource, ns, name string, fn UpdateFunc, opts UpdateOptions) (apiobj.Object, error) {
	key := res.Key(ns, name)
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		kv, err := r.store.Get(ctx, key)
		if err != nil {
			return nil, res.notFound(err, name)
		}
		old, err := res.Decode(kv)
		if err != nil {
			return nil, err
		}
		obj, err := fn(old.DeepCopyObject())
		if err != nil {
			return nil, err
		}
		if obj == nil {
			return nil, fmt.Errorf("update of %s %q produced no object: %w", res.GroupResource(), name, errdefs.ErrInternal)
		}
		out, retry, err := r.updateOnce(ctx, res, ns, name, kv, old, obj, opts)
		if retry {
			continue
		}
		return out, err
	}
}

func (r *Registry) updateOnce(ctx context.Context, res *Resource, ns, name string, kv store.KeyValue, old, obj apiobj.Object, opts UpdateOptions) (apiobj.Object, bool, error) {
	if obj.GetName() != name {
		return nil, false, apiobj.NewBadRequest(fmt.Sprintf("the name of the object (%s) does not match the name on the URL (%s)", obj.GetName(), name))
	}
	if err := res.fixNamespace(obj, ns); err != nil {
		return nil, false, err
	}
	if rv := obj.GetResourceVersion(); rv != "" && rv != old.GetResourceVersion() {
		if _, err := parseRV(rv); err != nil {
			return nil, false, err
		}
		return nil, false, res.conflict(name)
	}
	obj.SetResourceVersion(old.GetResourceVersion())
	obj.SetGroupVersionKind(res.Info.GroupVersionKind)
	if res.Info.Default != nil {
		res.Info.Default(obj)
	}
	attrs := &admission.Attributes{
		Operation: admission.Update, Kind: res.Info.GroupVersionKind, Resource: res.GVR, Subresource: opts.Subresource,
		Namespace: ns, Name: name, Object: obj, OldObject: old, User: userFrom(ctx), DryRun: opts.DryRun,
	}
	if err := r.admit(ctx, attrs); err != nil {
		return nil, false, err
	}
	obj = r.prepareUpdate(res, attrs.Object, old, opts.Subresource)
	if opts.Subresource != "binding" {
		if errs := r.validateUpdate(res, obj, old); len(errs) > 0 {
			return nil, false, res.invalid(name, errs)
		}
	}
	attrs.Object = obj
	if err := r.admitValidate(ctx, attrs); err != nil {
		return nil, false, err
	}
	// A deleting object whose last finalizer went is deleted now. A
	// namespace also waits for its spec.finalizers (the namespace
	// controller removes "kubernetes" once the namespace is empty).
	if obj.GetDeletionTimestamp() != nil && len(obj.GetFinalizers()) == 0 && !hasPendingGrace(obj) && !hasSpecFinalizers(obj) {
		if opts.DryRun {
			return obj, false, nil
		}
		_, _, err := r.store.Delete(ctx, kv.Key, store.WithExpectedRevision(kv.ModRevision))
		if errdefs.IsConflict(err) || errdefs.IsNotFound(err) {
			return nil, true, nil
		}
		if err != nil {
			return nil, false, err
		}
		r.afterDelete(ctx, res, obj)
		return obj, false, nil
	}
	var undo func()
	if !opts.DryRun && opts.Subresource == "" {
		var err error
		if undo, err = r.allocateOnUpdate(ctx, res, obj, old); err != nil {
			return nil, false, err
		}
	}
	data, err := res.encode(obj)
	if err != nil {
		return nil, false, err
	}
	if string(data) == string(kv.Value) {
		if undo != nil {
			undo()
		}
		obj.SetResourceVersion(old.GetResourceVersion())
		return obj, false, nil
	}
	if opts.DryRun {
		obj.SetResourceVersion(old.GetResourceVersion())
		return obj, false, nil
	}
	rev, err := r.store.Update(ctx, kv.Key, data, kv.ModRevision)
	if err != nil {
		if undo != nil {
			undo()
		}
		if errdefs.IsConflict(err) {
			return nil, true, nil
		}
		return nil, false, res.notFound(err, name)
	}
	obj.SetResourceVersion(strconv.FormatInt(rev, 10))
	r.afterWrite(ctx, res, old, obj)
	return obj, false, nil
}

func hasPendingGrace(obj apiobj.Object) bool {
	g := obj.GetDeletionGracePeriodSeconds()
	return g != nil && *g > 0
}

// prepareUpdate keeps what the caller may not change through this endpoint
// and sets generation.
func (r *Registry) prepareUpdate(res *Resource, obj, old apiobj.Object, sub string) apiobj.Object {
	hasStatusSub := res.Info.HasSubresource("status")
	switch sub {
	case "status":
		out := withStatusOnly(old, obj)
		if _, custom := obj.(*apiobj.Unstructured); !custom {
			// Built-in status strategies let labels and annotations through.
			out.SetLabels(obj.GetLabels())
			out.SetAnnotations(obj.GetAnnotations())
		}
		out.SetResourceVersion(old.GetResourceVersion())
		return out
	case "finalize":
		out := old.DeepCopyObject()
		if n, ok := out.(*apiobj.Namespace); ok {
			if nn, ok := obj.(*apiobj.Namespace); ok {
				n.Spec.Finalizers = nn.Spec.Finalizers
			}
		}
		return out
	}
	if hasStatusSub && sub != "binding" {
		copyStatus(obj, old)
	}
	obj.SetUID(old.GetUID())
	obj.SetCreationTimestamp(old.GetCreationTimestamp())
	obj.SetDeletionTimestamp(old.GetDeletionTimestamp())
	obj.SetDeletionGracePeriodSeconds(old.GetDeletionGracePeriodSeconds())
	obj.SetGeneration(old.GetGeneration())
	if !specEqual(obj, old) {
		obj.SetGeneration(old.GetGeneration() + 1)
	}
	switch o := obj.(type) {
	case *apiobj.Namespace:
		o.Spec.Finalizers = old.(*apiobj.Namespace).Spec.Finalizers
	case *apiobj.CustomResourceDefinition:
		r.setCRDStatus(o)
	case *apiobj.Service:
		dropTypeDependentFields(o, old.(*apiobj.Service))
	}
	return obj
}

// dropTypeDependentFields clears node ports a type change made useless,
// when the caller left them as they were (as Kubernetes does).
func dropTypeDependentFields(s, old *apiobj.Service) {
	if needsNodePorts(s) || !needsNodePorts(old) {
		return
	}
	for i := range s.Spec.Ports {
		for _, op := range old.Spec.Ports {
			if s.Spec.Ports[i].NodePort != 0 && s.Spec.Ports[i].NodePort == op.NodePort {
				s.Spec.Ports[i].NodePort = 0
			}
		}
	}
	if !needsHealthCheckPort(s) && s.Spec.HealthCheckNodePort == old.Spec.HealthCheckNodePort {
		s.Spec.HealthCheckNodePort = 0
	}
}

// errPrecondition is Kubernetes' 409 for a failed delete precondition.
func (res *Resource) precondition(name, what, want, got string) error {
	return apiobj.NewConflict(res.GroupResource(), name,
		fmt.Errorf("Precondition failed: %s in precondition: %v, %s in object meta: %v", what, want, what, got))
}

func (res *Resource) checkPreconditions(obj apiobj.Object, p *apiobj.Preconditions) error {
	if p == nil {
		return nil
	}
	if p.UID != nil && *p.UID != obj.GetUID() {
		return res.precondition(obj.GetName(), "UID", string(*p.UID), string(obj.GetUID()))
	}
	if p.ResourceVersion != nil && *p.ResourceVersion != obj.GetResourceVersion() {
		return res.precondition(obj.GetName(), "ResourceVersion", *p.ResourceVersion, obj.GetResourceVersion())
	}
	return nil
}

// Delete deletes an object, or marks it for deletion when finalizers or a
// grace period hold it. It returns the object (as deleted, or as marked)
// and whether it is gone now.
func (r *Registry) Delete(ctx context.Context, res *Resource, ns, name string, opts *apiobj.DeleteOptions) (apiobj.Object, bool, error) {
	if opts == nil {
		opts = &apiobj.DeleteOptions{}
	}
	dryRun := isDryRun(opts.DryRun)
	if opts.PropagationPolicy != nil {
		switch *opts.PropagationPolicy {
		case apiobj.DeletePropagationOrphan, apiobj.DeletePropagationBackground, apiobj.DeletePropagationForeground:
		default:
			return nil, false, apiobj.NewInvalid(apiobj.GroupKind{Kind: "DeleteOptions"}, "", field.ErrorList{
				field.NotSupported(field.NewPath("propagationPolicy"), *opts.PropagationPolicy,
					[]apiobj.DeletionPropagation{apiobj.DeletePropagationForeground, apiobj.DeletePropagationBackground, apiobj.DeletePropagationOrphan})})
		}
		if opts.OrphanDependents != nil {
			return nil, false, apiobj.NewInvalid(apiobj.GroupKind{Kind: "DeleteOptions"}, "", field.ErrorList{
				field.Invalid(field.NewPath("propagationPolicy"), *opts.PropagationPolicy, "orphanDependents and deletionPropagation cannot be both set")})
		}
	}
	if opts.GracePeriodSeconds != nil && *opts.GracePeriodSeconds < 0 {
		opts.GracePeriodSeconds = apiobj.Int64(1)
	}
	key := res.Key(ns, name)
	for {
		if err := ctx.Err(); err != nil {
			return nil, false, err
		}
		kv, err := r.store.Get(ctx, key)
		if err != nil {
			return nil, false, res.notFound(err, name)
		}
		obj, err := res.Decode(kv)
		if err != nil {
			return nil, false, err
		}
		if err := res.checkPreconditions(obj, opts.Preconditions); err != nil {
			return nil, false, err
		}
		attrs := &admission.Attributes{
			Operation: admission.Delete, Kind: res.Info.GroupVersionKind, Resource: res.GVR,
			Namespace: ns, Name: name, OldObject: obj, User: userFrom(ctx), DryRun: dryRun,
		}
		if err := r.admitValidate(ctx, attrs); err != nil {
			return nil, false, err
		}
		marked, immediate := r.prepareDelete(res, obj, opts)
		if !immediate {
			data, err := res.encode(marked)
			if err != nil {
				return nil, false, err
			}
			if dryRun || string(data) == string(kv.Value) {
				marked.SetResourceVersion(strconv.FormatInt(kv.ModRevision, 10))
				return marked, false, nil
			}
			rev, err := r.store.Update(ctx, key, data, kv.ModRevision)
			if errdefs.IsConflict(err) {
				continue
			}
			if err != nil {
				return nil, false, res.notFound(err, name)
			}
			marked.SetResourceVersion(strconv.FormatInt(rev, 10))
			r.afterWrite(ctx, res, obj, marked)
			return marked, false, nil
		}
		if dryRun {
			return obj, true, nil
		}
		_, _, err = r.store.Delete(ctx, key, store.WithExpectedRevision(kv.ModRevision))
		if errdefs.IsConflict(err) {
			continue
		}
		if err != nil {
			return nil, false, res.notFound(err, name)
		}
		r.afterDelete(ctx, res, obj)
		return obj, true, nil
	}
}

func isDryRun(v []string) bool {
	for _, s := range v {
		if s == apiobj.DryRunAll {
			return true
		}
	}
	return false
}

// prepareDelete decides how obj goes: immediate, or a copy marked with
// deletionTimestamp (and finalizers or a grace period) that stays.
func (r *Registry) prepareDelete(res *Resource, obj apiobj.Object, opts *apiobj.DeleteOptions) (apiobj.Object, bool) {
	out := obj.DeepCopyObject()
	now := r.nowTime()
	// Namespaces: a first delete makes them Terminating; they go once their
	// spec and metadata finalizers are all removed.
	if n, ok := out.(*apiobj.Namespace); ok {
		if len(n.Spec.Finalizers) == 0 && len(n.Finalizers) == 0 {
			return out, true
		}
		if n.DeletionTimestamp == nil {
			n.DeletionTimestamp = &now
			n.DeletionGracePeriodSeconds = apiobj.Int64(0)
		}
		n.Status.Phase = apiobj.NamespaceTerminating
		return out, false
	}
	finalizers := out.GetFinalizers()
	policy := apiobj.DeletePropagationBackground
	if opts.PropagationPolicy != nil {
		policy = *opts.PropagationPolicy
	} else if opts.OrphanDependents != nil && *opts.OrphanDependents {
		policy = apiobj.DeletePropagationOrphan
	}
	explicit := opts.PropagationPolicy != nil || opts.OrphanDependents != nil
	switch {
	case policy == apiobj.DeletePropagationOrphan:
		finalizers = withFinalizer(without(finalizers, "foregroundDeletion"), "orphan")
	case policy == apiobj.DeletePropagationForeground:
		finalizers = withFinalizer(without(finalizers, "orphan"), "foregroundDeletion")
	case explicit:
		finalizers = without(without(finalizers, "orphan"), "foregroundDeletion")
	}
	if out.GetDeletionTimestamp() != nil && !explicit {
		finalizers = out.GetFinalizers()
	}
	if len(finalizers) != len(out.GetFinalizers()) || !equalStrings(finalizers, out.GetFinalizers()) {
		out.SetFinalizers(finalizers)
	}
	grace := r.gracePeriod(out, opts)
	if grace == 0 && len(finalizers) == 0 {
		return obj, true
	}
	if dt := out.GetDeletionTimestamp(); dt == nil {
		t := apiobj.NewTime(now.Add(secondsDuration(grace)))
		out.SetDeletionTimestamp(&t)
		out.SetDeletionGracePeriodSeconds(apiobj.Int64(grace))
	} else if old := out.GetDeletionGracePeriodSeconds(); old != nil && grace < *old {
		// A shorter grace period moves the deadline closer; never further.
		t := apiobj.NewTime(now.Add(secondsDuration(grace)))
		out.SetDeletionTimestamp(&t)
		out.SetDeletionGracePeriodSeconds(apiobj.Int64(grace))
	}
	return out, false
}

// gracePeriod is how long obj may take to go: pods bound to a node and still
// running get their termination grace period; everything else goes now.
func (r *Registry) gracePeriod(obj apiobj.Object, opts *apiobj.DeleteOptions) int64 {
	pod, ok := obj.(*apiobj.Pod)
	if !ok {
		return 0
	}
	if pod.Spec.NodeName == "" || pod.Status.Phase == apiobj.PodSucceeded || pod.Status.Phase == apiobj.PodFailed {
		return 0
	}
	if opts.GracePeriodSeconds != nil {
		return *opts.GracePeriodSeconds
	}
	if g := pod.DeletionGracePeriodSeconds; g != nil {
		return *g
	}
	if g := pod.Spec.TerminationGracePeriodSeconds; g != nil {
		return *g
	}
	return 30
}

func withFinalizer(fs []string, f string) []string {
	for _, x := range fs {
		if x == f {
			return fs
		}
	}
	return append(append([]string(nil), fs...), f)
}

func without(fs []string, f string) []string {
	var out []string
	for _, x := range fs {
		if x != f {
			out = append(out, x)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// DeleteCollection deletes every object that matches listOpts and returns them.
func (r *Registry) DeleteCollection(ctx context.Context, res *Resource, ns string, listOpts ListOptions, opts *apiobj.DeleteOptions) (apiobj.ListObject, error) {
	listOpts.Limit, listOpts.Continue = 0, ""
	items, meta, err := r.ListItems(ctx, res, ns, listOpts)
	if err != nil {
		return nil, err
	}
	var out []apiobj.Object
	for _, it := range items {
		o := *cloneDeleteOptions(opts)
		obj, _, err := r.Delete(ctx, res, it.GetNamespace(), it.GetName(), &o)
		if errdefs.IsNotFound(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, obj)
	}
	return r.NewList(res, out, ListMeta{ResourceVersion: meta.ResourceVersion})
}

func cloneDeleteOptions(o *apiobj.DeleteOptions) *apiobj.DeleteOptions {
	if o == nil {
		return &apiobj.DeleteOptions{}
	}
	c := *o
	return &c
}
