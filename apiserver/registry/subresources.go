package registry

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/field"
	"github.com/orcaproj/orca/apiobj/labels"
	"github.com/orcaproj/orca/errdefs"
)

// ---- pods/binding ----

// Bind assigns a pod to b.Target.Name. It sets spec.nodeName only when it
// is empty (otherwise 409), and adds the PodScheduled condition.
func (r *Registry) Bind(ctx context.Context, ns, name string, b *apiobj.Binding, dryRun bool) error {
	res, err := r.Resource(apiobj.CoreV1.WithResource("pods"))
	if err != nil {
		return err
	}
	if b.Name != "" && b.Name != name {
		return apiobj.NewBadRequest(fmt.Sprintf("the name of the object (%s) does not match the name on the URL (%s)", b.Name, name))
	}
	if b.Target.Name == "" {
		return apiobj.NewInvalid(apiobj.GroupKind{Kind: "Binding"}, name,
			field.ErrorList{field.Required(field.NewPath("target", "name"), "")})
	}
	if b.Target.Kind != "" && b.Target.Kind != "Node" {
		return apiobj.NewInvalid(apiobj.GroupKind{Kind: "Binding"}, name,
			field.ErrorList{field.NotSupported(field.NewPath("target", "kind"), b.Target.Kind, []string{"Node", "<empty>"})})
	}
	_, err = r.Update(ctx, res, ns, name, func(cur apiobj.Object) (apiobj.Object, error) {
		pod := cur.(*apiobj.Pod)
		if pod.DeletionTimestamp != nil {
			return nil, apiobj.NewConflict(res.GroupResource(), name, fmt.Errorf("pod %s is being deleted, cannot be assigned to a host", name))
		}
		if pod.Spec.NodeName != "" {
			return nil, apiobj.NewConflict(res.GroupResource(), name, fmt.Errorf("pod %s is already assigned to node %q", name, pod.Spec.NodeName))
		}
		if b.UID != "" && b.UID != pod.UID {
			return nil, res.precondition(name, "UID", string(b.UID), string(pod.UID))
		}
		pod.Spec.NodeName = b.Target.Name
		for k, v := range b.Annotations {
			if pod.Annotations == nil {
				pod.Annotations = map[string]string{}
			}
			pod.Annotations[k] = v
		}
		setPodCondition(pod, apiobj.PodCondition{Type: apiobj.PodScheduled, Status: apiobj.ConditionTrue,
			LastTransitionTime: r.nowTime()})
		pod.ResourceVersion = ""
		return pod, nil
	}, UpdateOptions{DryRun: dryRun, Subresource: "binding"})
	return err
}

func setPodCondition(pod *apiobj.Pod, c apiobj.PodCondition) {
	for i := range pod.Status.Conditions {
		if pod.Status.Conditions[i].Type == c.Type {
			if pod.Status.Conditions[i].Status == c.Status {
				c.LastTransitionTime = pod.Status.Conditions[i].LastTransitionTime
			}
			pod.Status.Conditions[i] = c
			return
		}
	}
	pod.Status.Conditions = append(pod.Status.Conditions, c)
}

// ---- pods/eviction ----

// Evict deletes a pod through the eviction subresource, after the
// EvictionChecker (PodDisruptionBudgets) allows it.
func (r *Registry) Evict(ctx context.Context, ns, name string, ev *apiobj.Eviction, dryRun bool) error {
	res, err := r.Resource(apiobj.CoreV1.WithResource("pods"))
	if err != nil {
		return err
	}
	if ev.Name != "" && ev.Name != name {
		return apiobj.NewBadRequest("name in URL does not match name in Eviction object")
	}
	obj, err := r.Get(ctx, res, ns, name, GetOptions{})
	if err != nil {
		return err
	}
	pod := obj.(*apiobj.Pod)
	opts := cloneDeleteOptions(ev.DeleteOptions)
	if dryRun && !isDryRun(opts.DryRun) {
		opts.DryRun = append(opts.DryRun, apiobj.DryRunAll)
	}
	if pod.DeletionTimestamp == nil && r.cfg.EvictionChecker != nil {
		if err := r.cfg.EvictionChecker.CheckEviction(ctx, pod, ev); err != nil {
			return err
		}
	}
	if opts.Preconditions == nil {
		opts.Preconditions = &apiobj.Preconditions{UID: &pod.UID}
	}
	_, _, err = r.Delete(ctx, res, ns, name, opts)
	return err
}

// ---- scale ----

// scalePaths says where a kind keeps its replicas and selector.
type scalePaths struct {
	spec, status string
	// selector is a JSON path to a string selector (custom kinds), or ""
	// for built-in kinds, whose spec.selector is structured.
	selector string
}

func (r *Registry) scalePathsFor(res *Resource) (scalePaths, error) {
	if !res.Info.HasSubresource("scale") {
		return scalePaths{}, fmt.Errorf("%s has no scale subresource: %w", res.GroupResource(), errdefs.ErrNotFound)
	}
	if res.Info.New != nil {
		return scalePaths{spec: ".spec.replicas", status: ".status.replicas"}, nil
	}
	_, v, ok := r.CustomResourceDefinition(res.Info.GroupVersionKind)
	if !ok || v.Subresources == nil || v.Subresources.Scale == nil {
		return scalePaths{}, fmt.Errorf("%s has no scale subresource: %w", res.GroupResource(), errdefs.ErrNotFound)
	}
	s := v.Subresources.Scale
	p := scalePaths{spec: s.SpecReplicasPath, status: s.StatusReplicasPath}
	if s.LabelSelectorPath != nil {
		p.selector = *s.LabelSelectorPath
	}
	return p, nil
}

func splitPath(p string) []string { return strings.Split(strings.TrimPrefix(p, "."), ".") }

// GetScale returns the Scale of a scalable object.
func (r *Registry) GetScale(ctx context.Context, res *Resource, ns, name string) (*apiobj.Scale, error) {
	paths, err := r.scalePathsFor(res)
	if err != nil {
		return nil, err
	}
	obj, err := r.Get(ctx, res, ns, name, GetOptions{})
	if err != nil {
		return nil, err
	}
	return r.scaleOf(obj, paths)
}

func (r *Registry) scaleOf(obj apiobj.Object, paths scalePaths) (*apiobj.Scale, error) {
	u, err := r.codec.ToUnstructured(obj)
	if err != nil {
		return nil, err
	}
	sc := &apiobj.Scale{
		TypeMeta: apiobj.TypeMeta{APIVersion: "autoscaling/v1", Kind: "Scale"},
		ObjectMeta: apiobj.ObjectMeta{Name: obj.GetName(), Namespace: obj.GetNamespace(), UID: obj.GetUID(),
			ResourceVersion: obj.GetResourceVersion(), CreationTimestamp: obj.GetCreationTimestamp()},
	}
	if v, ok := apiobj.NestedInt64(u.Object, splitPath(paths.spec)...); ok {
		sc.Spec.Replicas = int32(v)
	} else if _, isTyped := obj.(*apiobj.Unstructured); !isTyped {
		sc.Spec.Replicas = 1
	}
	if v, ok := apiobj.NestedInt64(u.Object, splitPath(paths.status)...); ok {
		sc.Status.Replicas = int32(v)
	}
	if paths.selector != "" {
		sc.Status.Selector = apiobj.NestedString(u.Object, splitPath(paths.selector)...)
	} else if sel, ok := apiobj.NestedField(u.Object, "spec", "selector"); ok {
		sc.Status.Selector = selectorString(sel)
	}
	return sc, nil
}

// selectorString renders spec.selector, structured or a plain map, in
// label selector syntax.
func selectorString(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	var ls apiobj.LabelSelector
	if err := json.Unmarshal(b, &ls); err != nil || (ls.MatchLabels == nil && ls.MatchExpressions == nil) {
		var m map[string]string
		if json.Unmarshal(b, &m) == nil {
			return labels.SelectorFromSet(m).String()
		}
		return ""
	}
	sel := labels.SelectorFromSet(ls.MatchLabels)
	for _, e := range ls.MatchExpressions {
		var op labels.Operator
		switch e.Operator {
		case apiobj.LabelSelectorOpIn:
			op = labels.In
		case apiobj.LabelSelectorOpNotIn:
			op = labels.NotIn
		case apiobj.LabelSelectorOpExists:
			op = labels.Exists
		case apiobj.LabelSelectorOpDoesNotExist:
			op = labels.DoesNotExist
		default:
			continue
		}
		req, err := labels.NewRequirement(e.Key, op, e.Values)
		if err != nil {
			continue
		}
		sel = sel.Add(req)
	}
	return sel.String()
}

// UpdateScale sets the replicas of a scalable object from fn's Scale. A
// non-empty resourceVersion in that Scale must be current.
func (r *Registry) UpdateScale(ctx context.Context, res *Resource, ns, name string, fn func(cur *apiobj.Scale) (*apiobj.Scale, error), dryRun bool) (*apiobj.Scale, error) {
	paths, err := r.scalePathsFor(res)
	if err != nil {
		return nil, err
	}
	obj, err := r.Update(ctx, res, ns, name, func(cur apiobj.Object) (apiobj.Object, error) {
		curScale, err := r.scaleOf(cur, paths)
		if err != nil {
			return nil, err
		}
		want, err := fn(curScale)
		if err != nil {
			return nil, err
		}
		if want.Name != "" && want.Name != name {
			return nil, apiobj.NewBadRequest(fmt.Sprintf("the name of the object (%s) does not match the name on the URL (%s)", want.Name, name))
		}
		if want.Spec.Replicas < 0 {
			return nil, apiobj.NewInvalid(apiobj.GroupKind{Group: "autoscaling", Kind: "Scale"}, name, field.ErrorList{
				field.Invalid(field.NewPath("spec", "replicas"), want.Spec.Replicas, "must be greater than or equal to 0")})
		}
		u, err := r.codec.ToUnstructured(cur)
		if err != nil {
			return nil, err
		}
		apiobj.SetNestedField(u.Object, int64(want.Spec.Replicas), splitPath(paths.spec)...)
		var out apiobj.Object = u
		if res.Info.New != nil {
			if out, err = r.codec.FromUnstructured(u); err != nil {
				return nil, err
			}
		}
		out.SetResourceVersion(want.ResourceVersion)
		return out, nil
	}, UpdateOptions{DryRun: dryRun, Subresource: "scale"})
	if err != nil {
		return nil, err
	}
	return r.scaleOf(obj, paths)
}
