package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
)

// PatchType is the Content-Type of a patch.
type PatchType string

// The patch types the API accepts.
const (
	JSONPatch           PatchType = "application/json-patch+json"
	MergePatch          PatchType = "application/merge-patch+json"
	StrategicMergePatch PatchType = "application/strategic-merge-patch+json"
)

// ListOptions select what List and Watch return.
type ListOptions struct {
	LabelSelector        string
	FieldSelector        string
	Limit                int64
	Continue             string
	ResourceVersion      string
	ResourceVersionMatch string
	// TimeoutSeconds ends a watch on the server side after that long.
	TimeoutSeconds int64
	// AllowWatchBookmarks asks for BOOKMARK events on a watch.
	AllowWatchBookmarks bool
	// SendInitialEvents starts a watch with the current state as ADDED
	// events, ended by a bookmark (streaming list).
	SendInitialEvents *bool
}

func (o ListOptions) query() url.Values {
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("labelSelector", o.LabelSelector)
	set("fieldSelector", o.FieldSelector)
	if o.Limit > 0 {
		q.Set("limit", strconv.FormatInt(o.Limit, 10))
	}
	set("continue", o.Continue)
	set("resourceVersion", o.ResourceVersion)
	set("resourceVersionMatch", o.ResourceVersionMatch)
	if o.TimeoutSeconds > 0 {
		q.Set("timeoutSeconds", strconv.FormatInt(o.TimeoutSeconds, 10))
	}
	if o.AllowWatchBookmarks {
		q.Set("allowWatchBookmarks", "true")
	}
	if o.SendInitialEvents != nil {
		q.Set("sendInitialEvents", strconv.FormatBool(*o.SendInitialEvents))
	}
	return q
}

// WriteOptions tweak Create, Update and Patch.
type WriteOptions struct {
	// DryRun asks the server to validate without storing.
	DryRun bool
	// FieldValidation is Strict, Warn or Ignore (the server's default).
	FieldValidation string
	// FieldManager names the writer.
	FieldManager string
}

func (o WriteOptions) query() url.Values {
	q := url.Values{}
	if o.DryRun {
		q.Set("dryRun", "All")
	}
	if o.FieldValidation != "" {
		q.Set("fieldValidation", o.FieldValidation)
	}
	if o.FieldManager != "" {
		q.Set("fieldManager", o.FieldManager)
	}
	return q
}

// Resource is a typed view of one API resource. T is the kind's pointer type
// (*apiobj.Pod) or *apiobj.Unstructured for Dynamic views. Resource values
// are immutable; Namespace returns a narrowed copy.
type Resource[T apiobj.Object] struct {
	c          *Client
	kind       *apiobj.KindInfo
	gvr        apiobj.GroupVersionResource
	namespace  string
	newObj     func() T
	newList    func() (apiobj.ListObject, error)
	namespaced bool
}

// For returns the typed view of T's resource, found through the client's
// scheme. It panics if T is not a registered kind: that is a programming
// error, like a bad type assertion.
func For[T apiobj.Object](c *Client) *Resource[T] {
	k, err := c.scheme.KindOf(newOf[T]())
	if err != nil {
		panic(fmt.Sprintf("client.For: %v", err))
	}
	return &Resource[T]{
		c: c, kind: k, gvr: k.GroupVersionResource(), namespaced: k.Namespaced,
		newObj:  newOf[T],
		newList: func() (apiobj.ListObject, error) { return c.scheme.NewList(k.GroupVersionKind) },
	}
}

// Dynamic returns a view of any resource that handles its objects as
// Unstructured, custom kinds included. The resource must be known to the
// client's scheme (built-in or registered) so that its scope is known; for a
// resource the scheme does not know, use DynamicScoped.
func Dynamic(c *Client, gvr apiobj.GroupVersionResource) (*Resource[*apiobj.Unstructured], error) {
	k, ok := c.scheme.KindForResource(gvr)
	if !ok {
		return nil, fmt.Errorf("client: resource %v is not in the scheme: %w", gvr, errdefs.ErrNotFound)
	}
	return DynamicScoped(c, gvr, k.GroupVersionKind, k.Namespaced), nil
}

// DynamicScoped returns an Unstructured view of a resource of kind gvk that
// need not be in the scheme.
func DynamicScoped(c *Client, gvr apiobj.GroupVersionResource, gvk apiobj.GroupVersionKind, namespaced bool) *Resource[*apiobj.Unstructured] {
	listKind := gvk.GroupVersion().WithKind(gvk.Kind + "List")
	return &Resource[*apiobj.Unstructured]{
		c: c, gvr: gvr, namespaced: namespaced,
		kind:   &apiobj.KindInfo{GroupVersionKind: gvk, Resource: gvr.Resource, Namespaced: namespaced},
		newObj: func() *apiobj.Unstructured { return apiobj.NewUnstructured(gvk) },
		newList: func() (apiobj.ListObject, error) {
			l := &apiobj.UnstructuredList{}
			l.SetGroupVersionKind(listKind)
			return l, nil
		},
	}
}

func newOf[T apiobj.Object]() T {
	var zero T
	return newPointer(zero).(T)
}

// Namespace narrows the view to namespace ns. For cluster-scoped resources it
// is ignored.
func (r *Resource[T]) Namespace(ns string) *Resource[T] {
	cp := *r
	cp.namespace = ns
	return &cp
}

// GroupVersionResource returns the resource this view addresses.
func (r *Resource[T]) GroupVersionResource() apiobj.GroupVersionResource { return r.gvr }

func (r *Resource[T]) path(ns, name, sub string) string {
	var p string
	if r.gvr.Group == "" {
		p = "/api/" + r.gvr.Version
	} else {
		p = "/apis/" + r.gvr.Group + "/" + r.gvr.Version
	}
	if r.namespaced && ns != "" {
		p += "/namespaces/" + url.PathEscape(ns)
	}
	p += "/" + r.gvr.Resource
	if name != "" {
		p += "/" + url.PathEscape(name)
	}
	if sub != "" {
		p += "/" + sub
	}
	return p
}

func (r *Resource[T]) decode(b []byte) (T, error) {
	obj := r.newObj()
	if err := r.c.codec.DecodeInto(b, obj); err != nil {
		var zero T
		return zero, err
	}
	return obj, nil
}

func (r *Resource[T]) call(ctx context.Context, req Request) (T, error) {
	resp, err := r.c.Do(ctx, req)
	if err != nil {
		var zero T
		return zero, err
	}
	b, err := readBody(resp)
	if err != nil {
		var zero T
		return zero, err
	}
	return r.decode(b)
}

func (r *Resource[T]) body(obj T) ([]byte, error) {
	if obj.GroupVersionKind().Empty() {
		if err := r.c.scheme.SetKind(obj); err != nil {
			obj.SetGroupVersionKind(r.kind.GroupVersionKind)
		}
	}
	return r.c.codec.Encode(obj)
}

func (r *Resource[T]) ns(obj apiobj.Object) string {
	if ns := obj.GetNamespace(); ns != "" {
		return ns
	}
	return r.namespace
}

// Get returns the named object.
func (r *Resource[T]) Get(ctx context.Context, name string) (T, error) {
	return r.call(ctx, Request{Method: http.MethodGet, Path: r.path(r.namespace, name, "")})
}

// List returns the objects that match opts, and the list's metadata (its
// resourceVersion and continue token).
func (r *Resource[T]) List(ctx context.Context, opts ListOptions) ([]T, apiobj.ListMeta, error) {
	l, err := r.ListObject(ctx, opts)
	if err != nil {
		return nil, apiobj.ListMeta{}, err
	}
	items := l.GetItems()
	out := make([]T, 0, len(items))
	for _, it := range items {
		t, ok := it.(T)
		if !ok {
			return nil, apiobj.ListMeta{}, fmt.Errorf("client: list item is %T", it)
		}
		out = append(out, t)
	}
	return out, apiobj.ListMeta{ResourceVersion: l.GetResourceVersion(), Continue: l.GetContinue(), RemainingItemCount: l.GetRemainingItemCount()}, nil
}

// ListObject returns the whole list object.
func (r *Resource[T]) ListObject(ctx context.Context, opts ListOptions) (apiobj.ListObject, error) {
	resp, err := r.c.Do(ctx, Request{Method: http.MethodGet, Path: r.path(r.namespace, "", ""), Query: opts.query()})
	if err != nil {
		return nil, err
	}
	b, err := readBody(resp)
	if err != nil {
		return nil, err
	}
	l, err := r.newList()
	if err != nil {
		return nil, err
	}
	if err := r.c.codec.DecodeInto(b, l); err != nil {
		return nil, err
	}
	return l, nil
}

// Create stores a new object and returns it as the server stored it.
func (r *Resource[T]) Create(ctx context.Context, obj T, opts ...WriteOptions) (T, error) {
	b, err := r.body(obj)
	if err != nil {
		var zero T
		return zero, err
	}
	return r.call(ctx, Request{Method: http.MethodPost, Path: r.path(r.ns(obj), "", ""), Query: writeQuery(opts),
		Body: b, ContentType: "application/json"})
}

// Update replaces an object. With a resourceVersion set, a stale object gets
// a Conflict error.
func (r *Resource[T]) Update(ctx context.Context, obj T, opts ...WriteOptions) (T, error) {
	return r.put(ctx, obj, "", opts)
}

// UpdateStatus replaces an object's status through the status subresource.
func (r *Resource[T]) UpdateStatus(ctx context.Context, obj T, opts ...WriteOptions) (T, error) {
	return r.put(ctx, obj, "status", opts)
}

func (r *Resource[T]) put(ctx context.Context, obj T, sub string, opts []WriteOptions) (T, error) {
	b, err := r.body(obj)
	if err != nil {
		var zero T
		return zero, err
	}
	return r.call(ctx, Request{Method: http.MethodPut, Path: r.path(r.ns(obj), obj.GetName(), sub), Query: writeQuery(opts),
		Body: b, ContentType: "application/json"})
}

// Patch applies a patch to the named object (or to its subresource, when
// sub is not empty) and returns the result.
func (r *Resource[T]) Patch(ctx context.Context, name string, pt PatchType, data []byte, sub string, opts ...WriteOptions) (T, error) {
	return r.call(ctx, Request{Method: http.MethodPatch, Path: r.path(r.namespace, name, sub), Query: writeQuery(opts),
		Body: data, ContentType: string(pt)})
}

// DeleteOptions tweak Delete.
type DeleteOptions struct {
	GracePeriodSeconds *int64
	// PropagationPolicy is Orphan, Background or Foreground.
	PropagationPolicy string
	// Preconditions on the stored object.
	UID             apiobj.UID
	ResourceVersion string
	DryRun          bool
}

func (o DeleteOptions) body() ([]byte, error) {
	d := apiobj.DeleteOptions{TypeMeta: apiobj.TypeMeta{Kind: "DeleteOptions", APIVersion: "v1"}, GracePeriodSeconds: o.GracePeriodSeconds}
	if o.PropagationPolicy != "" {
		p := apiobj.DeletionPropagation(o.PropagationPolicy)
		d.PropagationPolicy = &p
	}
	if o.UID != "" || o.ResourceVersion != "" {
		d.Preconditions = &apiobj.Preconditions{}
		if o.UID != "" {
			d.Preconditions.UID = &o.UID
		}
		if o.ResourceVersion != "" {
			d.Preconditions.ResourceVersion = &o.ResourceVersion
		}
	}
	if o.DryRun {
		d.DryRun = []string{"All"}
	}
	return json.Marshal(d)
}

// Delete deletes the named object. An object with finalizers, or a pod on a
// node, is only marked for deletion; the error is nil either way.
func (r *Resource[T]) Delete(ctx context.Context, name string, opts ...DeleteOptions) error {
	var o DeleteOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	b, err := o.body()
	if err != nil {
		return err
	}
	resp, err := r.c.Do(ctx, Request{Method: http.MethodDelete, Path: r.path(r.namespace, name, ""), Body: b, ContentType: "application/json"})
	if err != nil {
		return err
	}
	_, err = readBody(resp)
	return err
}

// DeleteCollection deletes every object that matches opts.
func (r *Resource[T]) DeleteCollection(ctx context.Context, opts ListOptions, dopts ...DeleteOptions) error {
	var o DeleteOptions
	if len(dopts) > 0 {
		o = dopts[0]
	}
	b, err := o.body()
	if err != nil {
		return err
	}
	resp, err := r.c.Do(ctx, Request{Method: http.MethodDelete, Path: r.path(r.namespace, "", ""), Query: opts.query(), Body: b, ContentType: "application/json"})
	if err != nil {
		return err
	}
	_, err = readBody(resp)
	return err
}

// GetScale reads the scale subresource.
func (r *Resource[T]) GetScale(ctx context.Context, name string) (*apiobj.Scale, error) {
	resp, err := r.c.Do(ctx, Request{Method: http.MethodGet, Path: r.path(r.namespace, name, "scale")})
	if err != nil {
		return nil, err
	}
	b, err := readBody(resp)
	if err != nil {
		return nil, err
	}
	s := &apiobj.Scale{}
	return s, r.c.codec.DecodeInto(b, s)
}

// UpdateScale writes the scale subresource.
func (r *Resource[T]) UpdateScale(ctx context.Context, name string, s *apiobj.Scale) (*apiobj.Scale, error) {
	if s.GroupVersionKind().Empty() {
		s.SetGroupVersionKind(apiobj.AutoscalingV1.WithKind("Scale"))
	}
	b, err := r.c.codec.Encode(s)
	if err != nil {
		return nil, err
	}
	resp, err := r.c.Do(ctx, Request{Method: http.MethodPut, Path: r.path(r.namespace, name, "scale"), Body: b, ContentType: "application/json"})
	if err != nil {
		return nil, err
	}
	rb, err := readBody(resp)
	if err != nil {
		return nil, err
	}
	out := &apiobj.Scale{}
	return out, r.c.codec.DecodeInto(rb, out)
}

// Post sends obj to a subresource of the named object, such as pods/binding
// or pods/eviction, and discards the answer.
func (r *Resource[T]) Post(ctx context.Context, name, sub string, obj apiobj.Typed) error {
	b, err := r.c.codec.Encode(obj)
	if err != nil {
		return err
	}
	resp, err := r.c.Do(ctx, Request{Method: http.MethodPost, Path: r.path(r.namespace, name, sub), Body: b, ContentType: "application/json"})
	if err != nil {
		return err
	}
	_, err = readBody(resp)
	return err
}

func writeQuery(opts []WriteOptions) url.Values {
	if len(opts) == 0 {
		return nil
	}
	return opts[0].query()
}
