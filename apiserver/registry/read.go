package registry

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/fields"
	"github.com/orcaproj/orca/apiobj/labels"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/store"
)

// resourceVersionMatch values.
const (
	MatchNotOlderThan = "NotOlderThan"
	MatchExact        = "Exact"
)

// GetOptions tune a get.
type GetOptions struct {
	// ResourceVersion "" reads the latest; "0" any cached version; "N" a
	// version not older than N.
	ResourceVersion string
}

// ListOptions select and page a list.
type ListOptions struct {
	// LabelSelector and FieldSelector nil select everything.
	LabelSelector labels.Selector
	FieldSelector fields.Selector
	// Limit 0 means no limit.
	Limit    int64
	Continue string
	// ResourceVersion and ResourceVersionMatch as in Kubernetes.
	ResourceVersion      string
	ResourceVersionMatch string
}

// Matches reports whether obj passes the selectors. fieldsOf returns the
// object's selectable fields.
func (o *ListOptions) Matches(obj apiobj.Object, fieldsOf func(apiobj.Object) map[string]string) bool {
	if o.LabelSelector != nil && !o.LabelSelector.Empty() && !o.LabelSelector.Matches(labels.Set(obj.GetLabels())) {
		return false
	}
	if o.FieldSelector != nil && !o.FieldSelector.Empty() && !o.FieldSelector.Matches(fields.Set(fieldsOf(obj))) {
		return false
	}
	return true
}

func (o *ListOptions) selectsAll() bool {
	return (o.LabelSelector == nil || o.LabelSelector.Empty()) && (o.FieldSelector == nil || o.FieldSelector.Empty())
}

// FieldsOf returns obj's selectable fields.
func (r *Registry) FieldsOf(obj apiobj.Object) map[string]string { return r.scheme.FieldLabels(obj) }

// SupportedFields returns the field selector keys of the resource's kind.
func (res *Resource) SupportedFields() map[string]bool {
	out := map[string]bool{"metadata.name": true}
	if res.Info.Namespaced {
		out["metadata.namespace"] = true
	}
	if res.Info.FieldLabels != nil && res.Info.New != nil {
		for k := range res.Info.FieldLabels(res.Info.New()) {
			out[k] = true
		}
	}
	return out
}

// ValidateFieldSelector rejects selectors on fields the kind does not
// support, with Kubernetes' message.
func (res *Resource) ValidateFieldSelector(sel fields.Selector) error {
	if sel == nil {
		return nil
	}
	ok := res.SupportedFields()
	for _, req := range sel.Requirements() {
		if !ok[req.Field] {
			return apiobj.NewBadRequest(fmt.Sprintf("field label not supported: %s", req.Field))
		}
	}
	return nil
}

// Get returns one object. It may be shared with the watch cache: never
// mutate it; DeepCopyObject first.
func (r *Registry) Get(ctx context.Context, res *Resource, ns, name string, opts GetOptions) (apiobj.Object, error) {
	if _, err := parseRV(opts.ResourceVersion); err != nil {
		return nil, err
	}
	obj, err := r.reader.GetObject(ctx, res, res.Key(ns, name), opts)
	if err != nil {
		return nil, res.notFound(err, name)
	}
	return obj, nil
}

// List returns the objects that match opts, in key order. Items may be
// shared with the watch cache: never mutate them.
func (r *Registry) List(ctx context.Context, res *Resource, ns string, opts ListOptions) (apiobj.ListObject, error) {
	items, meta, err := r.ListItems(ctx, res, ns, opts)
	if err != nil {
		return nil, err
	}
	return r.NewList(res, items, meta)
}

// ListItems is List without building the list object.
func (r *Registry) ListItems(ctx context.Context, res *Resource, ns string, opts ListOptions) ([]apiobj.Object, ListMeta, error) {
	if err := res.ValidateFieldSelector(opts.FieldSelector); err != nil {
		return nil, ListMeta{}, err
	}
	switch opts.ResourceVersionMatch {
	case "", MatchNotOlderThan, MatchExact:
	default:
		return nil, ListMeta{}, apiobj.NewBadRequest(fmt.Sprintf("resourceVersionMatch: Unsupported value: %q", opts.ResourceVersionMatch))
	}
	if opts.ResourceVersionMatch != "" && opts.ResourceVersion == "" {
		return nil, ListMeta{}, apiobj.NewBadRequest("resourceVersionMatch is forbidden unless resourceVersion is provided")
	}
	if opts.Continue != "" && opts.ResourceVersion != "" && opts.ResourceVersion != "0" {
		return nil, ListMeta{}, apiobj.NewBadRequest("specifying resource version is not allowed when using continue")
	}
	if _, err := parseRV(opts.ResourceVersion); err != nil {
		return nil, ListMeta{}, err
	}
	return r.reader.ListObjects(ctx, res, res.ListPrefix(ns), opts)
}

// NewList builds the list object of res holding items.
func (r *Registry) NewList(res *Resource, items []apiobj.Object, meta ListMeta) (apiobj.ListObject, error) {
	l, err := r.scheme.NewList(res.Info.GroupVersionKind)
	if err != nil {
		return nil, err
	}
	if err := l.SetItems(items); err != nil {
		return nil, err
	}
	l.SetResourceVersion(meta.ResourceVersion)
	l.SetContinue(meta.Continue)
	l.SetRemainingItemCount(meta.RemainingItemCount)
	return l, nil
}

// errContinueExpired is Kubernetes' 410 for a compacted continue token.
var errContinueExpired = apiobj.NewGone("The provided continue parameter is too old to display a consistent list result. " +
	"You can start a new list without the continue parameter, or use the continue token in this response to retrieve " +
	"the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that " +
	"were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.")

// TooOldResourceVersion is the 410 for a revision older than the history.
func TooOldResourceVersion(rv, oldest int64) error {
	return apiobj.NewGone(fmt.Sprintf("too old resource version: %d (%d)", rv, oldest))
}

func (r *Registry) listFromStore(ctx context.Context, res *Resource, prefix string, opts ListOptions) ([]apiobj.Object, ListMeta, error) {
	rv, _ := parseRV(opts.ResourceVersion)
	so := store.ListOptions{Continue: opts.Continue}
	if opts.Continue == "" && opts.ResourceVersionMatch == MatchExact {
		so.Revision = rv
	} else if opts.Continue == "" && rv > 0 {
		cur, err := r.store.CurrentRevision(ctx)
		if err != nil {
			return nil, ListMeta{}, err
		}
		if rv > cur {
			return nil, ListMeta{}, TooLargeResourceVersion(rv, cur)
		}
	}
	var out []apiobj.Object
	var meta ListMeta
	for {
		if opts.Limit > 0 {
			so.Limit = opts.Limit - int64(len(out))
		}
		page, err := r.store.List(ctx, prefix, so)
		if err != nil {
			if errors.Is(err, errdefs.ErrGone) {
				if opts.Continue != "" {
					return nil, ListMeta{}, errContinueExpired
				}
				return nil, ListMeta{}, TooOldResourceVersion(rv, 0)
			}
			return nil, ListMeta{}, err
		}
		for _, kv := range page.Items {
			obj, err := res.Decode(kv)
			if err != nil {
				return nil, ListMeta{}, err
			}
			if opts.Matches(obj, r.FieldsOf) {
				out = append(out, obj)
			}
		}
		meta.ResourceVersion = strconv.FormatInt(page.Revision, 10)
		meta.Continue = page.Continue
		if page.Continue == "" || opts.Limit == 0 || int64(len(out)) >= opts.Limit {
			if page.Continue != "" && page.Remaining >= 0 && opts.selectsAll() {
				n := page.Remaining
				meta.RemainingItemCount = &n
			}
			break
		}
		so.Continue = page.Continue
		so.Revision = 0
	}
	return out, meta, nil
}

// TooLargeResourceVersion is Kubernetes' answer to a revision from the future.
func TooLargeResourceVersion(rv, cur int64) error {
	st := apiobj.NewStatusError(504, apiobj.StatusReasonTimeout,
		fmt.Sprintf("Too large resource version: %d, current: %d", rv, cur))
	st.Status.Details = &apiobj.StatusDetails{
		Causes:            []apiobj.StatusCause{{Type: "ResourceVersionTooLarge", Message: "Too large resource version"}},
		RetryAfterSeconds: 1,
	}
	return st
}

// sortByKey sorts objects the way the store lists keys.
func sortByKey(res *Resource, objs []apiobj.Object) {
	sort.Slice(objs, func(i, j int) bool {
		return res.Key(objs[i].GetNamespace(), objs[i].GetName()) < res.Key(objs[j].GetNamespace(), objs[j].GetName())
	})
}
