package garbagecollector

import (
	"context"
	"errors"
	"maps"
	"slices"
	"sync"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
)

// mapper maps an owner reference's apiVersion and kind to a resource.
type mapper struct {
	scheme *apiobj.Scheme

	mu    sync.RWMutex // guards byGVK and byGK
	byGVK map[apiobj.GroupVersionKind]client.APIResource
	byGK  map[apiobj.GroupKind]client.APIResource // the preferred version
}

func newMapper(scheme *apiobj.Scheme) *mapper {
	return &mapper{
		scheme: scheme,
		byGVK:  map[apiobj.GroupVersionKind]client.APIResource{},
		byGK:   map[apiobj.GroupKind]client.APIResource{},
	}
}

// update records discovered resources. With complete false (some group
// versions failed), what was known before stays.
func (m *mapper) update(resources []client.APIResource, complete bool) {
	byGVK := map[apiobj.GroupVersionKind]client.APIResource{}
	byGK := map[apiobj.GroupKind]client.APIResource{}
	m.mu.Lock()
	defer m.mu.Unlock()
	if !complete {
		maps.Copy(byGVK, m.byGVK)
		maps.Copy(byGK, m.byGK)
	}
	for _, r := range resources {
		gvk := r.GroupVersionKind()
		byGVK[gvk] = r
		if _, ok := byGK[gvk.GroupKind()]; !ok || r.Preferred {
			byGK[gvk.GroupKind()] = r
		}
	}
	m.byGVK, m.byGK = byGVK, byGK
}

// resourceFor returns the resource that serves kind in apiVersion, or in
// another version of its group, or the Scheme's resource for it.
func (m *mapper) resourceFor(apiVersion, kind string) (client.APIResource, bool) {
	gvk := apiobj.ParseGroupVersion(apiVersion).WithKind(kind)
	m.mu.RLock()
	r, ok := m.byGVK[gvk]
	if !ok {
		r, ok = m.byGK[gvk.GroupKind()]
	}
	m.mu.RUnlock()
	if ok {
		return r, true
	}
	if k, ok := m.scheme.Kind(gvk); ok && k.Resource != "" {
		return client.APIResource{GroupVersionResource: k.GroupVersionResource(), Kind: k.Kind,
			Namespaced: k.Namespaced, Verbs: k.Verbs}, true
	}
	return client.APIResource{}, false
}

// monitor watches one resource and feeds the graph.
type monitor struct {
	res    client.APIResource
	inf    *client.Informer[*apiobj.Unstructured]
	cancel context.CancelFunc
	done   chan struct{}
}

// monitorable reports whether the collector watches r.
func (gc *GarbageCollector) monitorable(r client.APIResource) bool {
	return r.Preferred && r.Supports("list", "watch", "delete") &&
		!slices.Contains(gc.cfg.IgnoredResources, r.GroupVersionResource.GroupResource())
}

// discover reads the server's resources and updates the mapper. complete
// is false when some group versions could not be read.
func (gc *GarbageCollector) discover(ctx context.Context) (resources []client.APIResource, complete bool, err error) {
	resources, err = client.ServerResources(ctx, gc.cfg.Client)
	var derr *client.DiscoveryError
	switch {
	case err == nil:
		complete = true
	case errors.As(err, &derr):
		gc.log.Warn("discovery incomplete", "err", err)
	default:
		return nil, false, err
	}
	gc.mapper.update(resources, complete)
	return resources, complete, nil
}

// syncMonitors starts monitors for new resources and, when the discovery
// was complete, stops those for resources that went away. Objects of a
// stopped monitor leave the graph as if deleted; their dependents are
// checked with live lookups. Only the discovery goroutine calls it.
func (gc *GarbageCollector) syncMonitors(ctx context.Context, resources []client.APIResource, complete bool) {
	want := map[apiobj.GroupResource]client.APIResource{}
	for _, r := range resources {
		if gc.monitorable(r) {
			want[r.GroupVersionResource.GroupResource()] = r
		}
	}
	gc.monMu.Lock()
	defer gc.monMu.Unlock()
	for gr, r := range want {
		if _, ok := gc.monitors[gr]; !ok {
			gc.monitors[gr] = gc.startMonitor(ctx, r)
		}
	}
	if !complete {
		return
	}
	for gr, m := range gc.monitors {
		if _, ok := want[gr]; ok {
			continue
		}
		gc.log.Info("resource went away, stopping its monitor", "resource", gr.String())
		m.cancel()
		<-m.done
		gvk := m.res.GroupVersionKind()
		for _, u := range m.inf.Lister().List(nil) {
			gc.events.push(event{typ: deleteEvent, obj: metaOf(u, gvk)})
		}
		delete(gc.monitors, gr)
	}
}

func (gc *GarbageCollector) startMonitor(ctx context.Context, r client.APIResource) *monitor {
	gvk := r.GroupVersionKind()
	res := client.DynamicScoped(gc.meta, r.GroupVersionResource, gvk, r.Namespaced)
	inf := client.NewInformer(res, client.InformerOptions[*apiobj.Unstructured]{})
	isCRD := r.Group == "apiextensions.k8s.io" && r.Resource == "customresourcedefinitions"
	push := func(t eventType, u *apiobj.Unstructured) {
		gc.events.push(event{typ: t, obj: metaOf(u, gvk)})
		if isCRD {
			gc.triggerDiscovery()
		}
	}
	inf.AddHandler(client.HandlerFuncs[*apiobj.Unstructured]{
		AddFunc:    func(u *apiobj.Unstructured, _ bool) { push(addEvent, u) },
		UpdateFunc: func(_, u *apiobj.Unstructured) { push(updateEvent, u) },
		DeleteFunc: func(u *apiobj.Unstructured, _ bool) { push(deleteEvent, u) },
	})
	mctx, cancel := context.WithCancel(ctx)
	m := &monitor{res: r, inf: inf, cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(m.done)
		_ = inf.Run(mctx)
	}()
	gc.log.Debug("monitoring", "resource", r.GroupVersionResource.String())
	return m
}

// waitMonitorsSynced blocks until every current monitor has synced, or ctx
// is done.
func (gc *GarbageCollector) waitMonitorsSynced(ctx context.Context) bool {
	gc.monMu.Lock()
	infs := make([]*client.Informer[*apiobj.Unstructured], 0, len(gc.monitors))
	for _, m := range gc.monitors {
		infs = append(infs, m.inf)
	}
	gc.monMu.Unlock()
	for _, inf := range infs {
		if !inf.WaitForCacheSync(ctx) {
			return false
		}
	}
	return true
}

// stopMonitors stops every monitor and waits for them.
func (gc *GarbageCollector) stopMonitors() {
	gc.monMu.Lock()
	defer gc.monMu.Unlock()
	for gr, m := range gc.monitors {
		m.cancel()
		<-m.done
		delete(gc.monitors, gr)
	}
}

// triggerDiscovery asks the discovery goroutine for a fresh discovery.
func (gc *GarbageCollector) triggerDiscovery() {
	select {
	case gc.discoverNow <- struct{}{}:
	default:
	}
}
