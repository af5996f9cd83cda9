package bench

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/scheduler"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins"
	"github.com/orcaproj/orca/store"
	"github.com/orcaproj/orca/store/memory"
)

// controlPlane is an in-process API server over the memory store.
type controlPlane struct {
	store  store.Interface
	server *apiserver.Server
	admin  *client.Client
}

func newControlPlane(ctx context.Context, history int) (*controlPlane, error) {
	st := memory.New(memory.Config{HistoryRevisions: history})
	srv, err := apiserver.New(apiserver.Config{Store: st})
	if err != nil {
		_ = st.Close()
		return nil, err
	}
	if err := srv.Bootstrap(ctx); err != nil {
		srv.Close()
		_ = st.Close()
		return nil, err
	}
	return &controlPlane{store: st, server: srv, admin: newClient(srv, "admin")}, nil
}

// newClient returns an in-process client of h as a cluster admin.
func newClient(h http.Handler, user string) *client.Client {
	return client.NewInProcess(h, &auth.User{Name: user, Groups: []string{auth.GroupMasters}}, apiobj.NewScheme())
}

func (cp *controlPlane) close() {
	cp.server.Close()
	_ = cp.store.Close()
}

// createAll creates objs through r with workers goroutines, stopping at
// the first error.
func createAll[T apiobj.Object](ctx context.Context, r *client.Resource[T], objs []T, workers int) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	errc := make(chan error, workers)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(objs) || ctx.Err() != nil {
					return
				}
				o := objs[i]
				if err := retryThrottled(ctx, func() error {
					_, err := r.Namespace(o.GetNamespace()).Create(ctx, o)
					return err
				}); err != nil {
					errc <- fmt.Errorf("creating %s: %w", o.GetName(), err)
					next.Store(int64(len(objs)))
					return
				}
			}
		}()
	}
	wg.Wait()
	select {
	case err := <-errc:
		return err
	default:
		return ctx.Err()
	}
}

// retryThrottled calls f until it does not fail with 429 (the in-process
// client does not retry), backing off from 5 ms to 1 s.
func retryThrottled(ctx context.Context, f func() error) error {
	d := 5 * time.Millisecond
	for {
		err := f()
		if !errors.Is(err, errdefs.ErrTooManyRequests) {
			return err
		}
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
		d = min(2*d, time.Second)
	}
}

// DefaultRegistry is the in-tree registry wired to a cluster's listers.
func DefaultRegistry(l *scheduler.ClusterListers) framework.Registry {
	return plugins.NewInTreeRegistry(plugins.WithWorkloadLister(l),
		plugins.WithStorageListers(plugins.StorageListers{PVs: l, StorageClasses: l, CSINodes: l}))
}

// placements watches pods through an informer and counts, per namespace,
// those placed; it reports a pod whose spec.nodeName changes once set.
type placements struct {
	inf    *client.Informer[*apiobj.Pod]
	mu     sync.Mutex
	nodeOf map[apiobj.UID]string
	counts map[string]*atomic.Int64
	twice  []string
}

func newPlacements(c *client.Client, namespaces ...string) *placements {
	p := &placements{
		inf:    client.NewInformer(client.For[*apiobj.Pod](c), client.InformerOptions[*apiobj.Pod]{}),
		nodeOf: map[apiobj.UID]string{},
		counts: map[string]*atomic.Int64{},
	}
	for _, ns := range namespaces {
		p.counts[ns] = &atomic.Int64{}
	}
	p.inf.AddHandler(client.HandlerFuncs[*apiobj.Pod]{
		AddFunc:    func(pod *apiobj.Pod, _ bool) { p.seen(pod) },
		UpdateFunc: func(_, pod *apiobj.Pod) { p.seen(pod) },
		DeleteFunc: func(pod *apiobj.Pod, _ bool) {
			p.mu.Lock()
			defer p.mu.Unlock()
			if _, ok := p.nodeOf[pod.UID]; ok {
				delete(p.nodeOf, pod.UID)
				if c := p.counts[pod.Namespace]; c != nil {
					c.Add(-1)
				}
			}
		},
	})
	return p
}

func (p *placements) seen(pod *apiobj.Pod) {
	if pod.Spec.NodeName == "" {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	old, ok := p.nodeOf[pod.UID]
	switch {
	case !ok:
		p.nodeOf[pod.UID] = pod.Spec.NodeName
		if c := p.counts[pod.Namespace]; c != nil {
			c.Add(1)
		}
	case old != pod.Spec.NodeName:
		p.twice = append(p.twice, fmt.Sprintf("pod %s/%s moved from %s to %s", pod.Namespace, pod.Name, old, pod.Spec.NodeName))
	}
}

func (p *placements) bound(ns string) int {
	if c := p.counts[ns]; c != nil {
		return int(c.Load())
	}
	return 0
}

// apiHarness runs ForCluster against an in-process API server.
type apiHarness struct {
	workers int
	metrics *prometheus.Registry
	cp      *controlPlane
	obs     *placements
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	schedCh chan error
}

func (h *apiHarness) setup(ctx context.Context, w Workload) error {
	cp, err := newControlPlane(ctx, max(100000, 4*(w.Nodes+w.InitPods+w.MeasuredPods)))
	if err != nil {
		return err
	}
	h.cp = cp
	for _, ns := range []string{InitNamespace, MeasureNamespace} {
		n := &apiobj.Namespace{}
		n.Name = ns
		if _, err := client.For[*apiobj.Namespace](cp.admin).Create(ctx, n); err != nil {
			return err
		}
	}
	nodes := make([]*apiobj.Node, w.Nodes)
	for i := range nodes {
		nodes[i] = w.Node(i)
	}
	if err := createAll(ctx, client.For[*apiobj.Node](cp.admin), nodes, h.workers); err != nil {
		return err
	}

	rctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	h.obs = newPlacements(newClient(cp.server, "observer"), InitNamespace, MeasureNamespace)
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		_ = h.obs.inf.Run(rctx)
	}()
	h.metrics = prometheus.NewRegistry()
	cl, err := scheduler.ForCluster(newClient(cp.server, "scheduler"), scheduler.ClusterConfig{
		Config:   scheduler.Config{DefaultPlugins: plugins.DefaultPlugins(), MetricsRegisterer: h.metrics},
		Registry: DefaultRegistry,
		Identity: "bench",
	})
	if err != nil {
		return err
	}
	h.schedCh = make(chan error, 1)
	go func() { h.schedCh <- cl.Run(rctx) }()
	if !h.obs.inf.WaitForCacheSync(ctx) {
		return ctx.Err()
	}
	// The scheduler is ready once its caches have synced.
	return waitCount(ctx, func() int {
		if !cl.HasSynced() {
			return 0
		}
		return 1
	}, 1, time.Minute)
}

func (h *apiHarness) submit(ctx context.Context, pods []*apiobj.Pod) error {
	return createAll(ctx, client.For[*apiobj.Pod](h.cp.admin), pods, h.workers)
}

func (h *apiHarness) bound(ns string) int { return h.obs.bound(ns) }

func (h *apiHarness) stop() {
	if h.schedCh != nil {
		h.cancel()
		<-h.schedCh
		h.schedCh = nil
	}
}

func (h *apiHarness) final(ctx context.Context) ([]*apiobj.Node, []*apiobj.Pod, map[string]map[string]string, []string) {
	var extra []string
	nodes, _, err := client.For[*apiobj.Node](h.cp.admin).List(ctx, client.ListOptions{})
	if err != nil {
		extra = append(extra, "listing nodes: "+err.Error())
	}
	pods, _, err := client.For[*apiobj.Pod](h.cp.admin).List(ctx, client.ListOptions{})
	if err != nil {
		extra = append(extra, "listing pods: "+err.Error())
	}
	nss, _, err := client.For[*apiobj.Namespace](h.cp.admin).List(ctx, client.ListOptions{})
	if err != nil {
		extra = append(extra, "listing namespaces: "+err.Error())
	}
	labels := map[string]map[string]string{}
	for _, ns := range nss {
		labels[ns.Name] = ns.Labels
	}
	h.obs.mu.Lock()
	extra = append(extra, slices.Clone(h.obs.twice)...)
	h.obs.mu.Unlock()
	return nodes, pods, labels, extra
}

func (h *apiHarness) registry() *prometheus.Registry { return h.metrics }

func (h *apiHarness) diagnose(ctx context.Context, ns string) string {
	var b strings.Builder
	pods, _, err := client.For[*apiobj.Pod](h.cp.admin).Namespace(ns).List(ctx, client.ListOptions{})
	if err != nil {
		return "listing pods: " + err.Error()
	}
	why := map[string]int{}
	pending := 0
	for _, p := range pods {
		if p.Spec.NodeName != "" {
			continue
		}
		pending++
		reason := "no PodScheduled condition"
		for _, c := range p.Status.Conditions {
			if c.Type == apiobj.PodScheduled {
				reason = string(c.Status) + " " + c.Reason + ": " + c.Message
			}
		}
		if p.Status.NominatedNodeName != "" {
			reason += " (nominated to " + p.Status.NominatedNodeName + ")"
		}
		why[reason]++
	}
	fmt.Fprintf(&b, "%d pods of %s in the API, %d unbound, %d counted placed\n", len(pods), ns, pending, h.obs.bound(ns))
	for r, n := range why {
		fmt.Fprintf(&b, "  %d: %s\n", n, r)
	}
	b.WriteString(schedulerState(h.metrics))
	return b.String()
}

func (h *apiHarness) close() {
	h.stop()
	if h.cancel != nil {
		h.cancel()
	}
	h.wg.Wait()
	if h.cp != nil {
		h.cp.close()
	}
}
