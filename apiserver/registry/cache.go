package registry

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/fields"
	"github.com/orcaproj/orca/apiobj/labels"
	"github.com/orcaproj/orca/apiserver/watchcache"
	"github.com/orcaproj/orca/errdefs"
)

type cacheEntry struct {
	info *apiobj.KindInfo
	c    *watchcache.Cache
}

// cacheFor returns the running watch cache of res, starting it on first use.
func (r *Registry) cacheFor(res *Resource) (*watchcache.Cache, error) {
	r.cmu.Lock()
	defer r.cmu.Unlock()
	if r.closed {
		return nil, fmt.Errorf("registry is closed: %w", errdefs.ErrUnavailable)
	}
	if e, ok := r.caches[res.GVR]; ok {
		if e.info == res.Info {
			return e.c, nil
		}
		e.c.Stop()
		delete(r.caches, res.GVR)
	}
	c, err := watchcache.New(watchcache.Config{
		Store: r.store, Prefix: res.Prefix, Decode: res.DecodeBytes,
		BookmarkInterval: r.cfg.BookmarkInterval,
	})
	if err != nil {
		return nil, err
	}
	r.caches[res.GVR] = cacheEntry{info: res.Info, c: c}
	return c, nil
}

func (r *Registry) stopCaches(match func(apiobj.GroupVersionResource) bool) {
	r.cmu.Lock()
	var stop []*watchcache.Cache
	for gvr, e := range r.caches {
		if match(gvr) {
			stop = append(stop, e.c)
			delete(r.caches, gvr)
		}
	}
	r.cmu.Unlock()
	for _, c := range stop {
		c.Stop()
	}
}

// Close stops every watch cache and ends their watchers. The registry serves
// reads from the store afterwards.
func (r *Registry) Close() {
	r.cmu.Lock()
	r.closed = true
	r.cmu.Unlock()
	r.stopCaches(func(apiobj.GroupVersionResource) bool { return true })
}

// cacheReader serves reads from the watch caches when they are fresh
// enough, and from the store otherwise.
type cacheReader struct{ r *Registry }

func (cr cacheReader) GetObject(ctx context.Context, res *Resource, key string, opts GetOptions) (apiobj.Object, error) {
	c, err := cr.r.cacheFor(res)
	if err != nil {
		return storeReader(cr).GetObject(ctx, res, key, opts)
	}
	if err := cr.wait(ctx, c, opts.ResourceVersion); err != nil {
		if isTooLarge(err) {
			return nil, err
		}
		return storeReader(cr).GetObject(ctx, res, key, opts)
	}
	obj, _, ok := c.Get(key)
	if !ok {
		return nil, errdefs.ErrNotFound
	}
	return obj, nil
}

func isTooLarge(err error) bool {
	var se *apiobj.StatusError
	return errors.As(err, &se) && se.Status.Code == 504
}

// wait makes c fresh enough for a read at rv.
func (cr cacheReader) wait(ctx context.Context, c *watchcache.Cache, rv string) error {
	switch rv {
	case "":
		return c.WaitFresh(ctx)
	case "0":
		return c.WaitFor(ctx, 0)
	}
	n, err := parseRV(rv)
	if err != nil {
		return err
	}
	if err := c.WaitFor(ctx, n); err != nil {
		if cur, cerr := cr.r.store.CurrentRevision(ctx); cerr == nil && n > cur {
			return TooLargeResourceVersion(n, cur)
		}
		return err
	}
	return nil
}

func (cr cacheReader) ListObjects(ctx context.Context, res *Resource, prefix string, opts ListOptions) ([]apiobj.Object, ListMeta, error) {
	if opts.Continue != "" || opts.ResourceVersionMatch == MatchExact || (opts.Limit > 0 && opts.ResourceVersion != "0") {
		return cr.r.listFromStore(ctx, res, prefix, opts)
	}
	c, err := cr.r.cacheFor(res)
	if err != nil {
		return cr.r.listFromStore(ctx, res, prefix, opts)
	}
	if err := cr.wait(ctx, c, opts.ResourceVersion); err != nil {
		if isTooLarge(err) {
			return nil, ListMeta{}, err
		}
		return cr.r.listFromStore(ctx, res, prefix, opts)
	}
	items, rev := c.List(prefix, cr.r.filter(&opts))
	return items, ListMeta{ResourceVersion: strconv.FormatInt(rev, 10)}, nil
}

func (r *Registry) filter(opts *ListOptions) func(apiobj.Object) bool {
	if opts.selectsAll() {
		return nil
	}
	return func(o apiobj.Object) bool { return opts.Matches(o, r.FieldsOf) }
}

// WatchOptions select a watch.
type WatchOptions struct {
	LabelSelector labels.Selector
	FieldSelector fields.Selector
	// ResourceVersion "" or "0" starts with the current state as ADDED
	// events; "N" resumes after revision N.
	ResourceVersion      string
	ResourceVersionMatch string
	// SendInitialEvents streams the current state first and ends it with a
	// bookmark annotated k8s.io/initial-events-end.
	SendInitialEvents bool
	// AllowBookmarks asks for periodic bookmarks.
	AllowBookmarks bool
}

// Watch starts a watch on res in namespace ns ("" means all). Events come
// from the resource's watch cache and their objects are shared: never
// mutate them.
func (r *Registry) Watch(ctx context.Context, res *Resource, ns string, opts WatchOptions) (*watchcache.Watcher, error) {
	lo := ListOptions{LabelSelector: opts.LabelSelector, FieldSelector: opts.FieldSelector}
	if err := res.ValidateFieldSelector(opts.FieldSelector); err != nil {
		return nil, err
	}
	rv, err := parseRV(opts.ResourceVersion)
	if err != nil {
		return nil, err
	}
	if opts.SendInitialEvents {
		if opts.ResourceVersionMatch != MatchNotOlderThan {
			return nil, invalidListOptions("sendInitialEvents is forbidden for watch unless resourceVersionMatch is set to NotOlderThan")
		}
		if !opts.AllowBookmarks {
			return nil, invalidListOptions("allowWatchBookmarks must be set to true when sendInitialEvents is set")
		}
	} else if opts.ResourceVersionMatch != "" {
		return nil, invalidListOptions("resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided")
	}
	c, err := r.cacheFor(res)
	if err != nil {
		return nil, err
	}
	if opts.ResourceVersion == "" && opts.SendInitialEvents {
		// A consistent streaming list: start from the store's current state.
		if err := c.WaitFresh(ctx); err != nil {
			return nil, err
		}
	}
	return c.Watch(ctx, watchcache.WatchOptions{
		Prefix:            res.ListPrefix(ns),
		Filter:            r.filter(&lo),
		Revision:          rv,
		SendInitialEvents: opts.SendInitialEvents,
		Bookmarks:         opts.AllowBookmarks,
	})
}

func invalidListOptions(msg string) error {
	st := apiobj.NewStatusError(422, apiobj.StatusReasonInvalid, "ListOptions.meta.k8s.io \"\" is invalid: "+msg)
	st.Status.Details = &apiobj.StatusDetails{Group: "meta.k8s.io", Kind: "ListOptions",
		Causes: []apiobj.StatusCause{{Type: "FieldValueForbidden", Message: msg}}}
	return st
}
