package garbagecollector

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/controller/workqueue"
)

// GarbageCollector deletes objects whose owners are gone, and carries out
// the Foreground and Orphan propagation policies. Create it with New and
// start it with Run.
type GarbageCollector struct {
	cfg  Config
	log  *slog.Logger
	meta *client.Client // reads metadata only

	graph       *graph
	events      *eventQueue
	mapper      *mapper
	absent      *absentCache
	discoverNow chan struct{}

	// The work queues, keyed by UID: made by Run before anything uses them.
	deleteQ workqueue.RateLimiting[apiobj.UID]
	orphanQ workqueue.RateLimiting[apiobj.UID]

	monMu    sync.Mutex // guards monitors
	monitors map[apiobj.GroupResource]*monitor

	started atomic.Bool
	synced  atomic.Bool
	busy    atomic.Int64 // items being processed by workers
}

// New returns a collector for cfg. It does nothing until Run.
func New(cfg Config) (*GarbageCollector, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	return &GarbageCollector{
		cfg:         cfg,
		log:         cfg.Logger,
		meta:        client.MetadataOnly(cfg.Client),
		graph:       newGraph(),
		events:      newEventQueue(),
		mapper:      newMapper(cfg.Scheme),
		absent:      newAbsentCache(absentCacheSize),
		discoverNow: make(chan struct{}, 1),
		monitors:    map[apiobj.GroupResource]*monitor{},
	}, nil
}

// HasSynced reports whether the collector has built its graph from every
// resource it found at start and begun to collect. Safe to call at any time.
func (gc *GarbageCollector) HasSynced() bool { return gc.synced.Load() }

// Run discovers the resources, watches each of them, and once every watch
// has synced starts the workers. No object is deleted before that. It
// blocks until ctx is done and returns after its goroutines have stopped.
// A collector runs once.
func (gc *GarbageCollector) Run(ctx context.Context) error {
	if !gc.started.CompareAndSwap(false, true) {
		return errors.New("garbagecollector: already started")
	}
	newQueue := func(name string) workqueue.RateLimiting[apiobj.UID] {
		qc := workqueue.Config[apiobj.UID]{
			RateLimiter: workqueue.NewMaxOf(
				workqueue.NewExponentialBackoff[apiobj.UID](workqueue.DefaultBaseDelay, gc.cfg.MaxRetryDelay),
				workqueue.NewTokenBucket[apiobj.UID](workqueue.DefaultQPS, workqueue.DefaultBurst, nil)),
		}
		if gc.cfg.Registerer != nil {
			qc.Name, qc.Registerer = name, gc.cfg.Registerer
		}
		return workqueue.New(qc)
	}
	gc.deleteQ = newQueue("garbagecollector_attempt_to_delete")
	gc.orphanQ = newQueue("garbagecollector_attempt_to_orphan")

	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel()
		gc.deleteQ.ShutDown()
		gc.orphanQ.ShutDown()
		wg.Wait()
		gc.stopMonitors()
	}()
	wg.Go(func() { gc.runBuilder(ctx) })

	// Discover until it works: without resources there is nothing to do.
	backoff := 100 * time.Millisecond
	var resources []client.APIResource
	var complete bool
	for {
		var err error
		resources, complete, err = gc.discover(ctx)
		if err == nil {
			break
		}
		gc.log.Warn("discovery failed", "err", err)
		if !sleep(ctx, backoff) {
			return nil
		}
		backoff = min(2*backoff, 30*time.Second)
	}
	gc.syncMonitors(ctx, resources, complete)
	if !gc.waitMonitorsSynced(ctx) {
		return nil
	}
	// Let the graph take in what the informers listed before any worker
	// looks at it: orphaning and foreground deletion find dependents
	// through the graph.
	if !gc.waitGraphSynced(ctx) {
		return nil
	}
	gc.synced.Store(true)
	gc.log.Info("garbage collector synced", "nodes", gc.graph.size())

	for range gc.cfg.Workers {
		wg.Go(func() { gc.runWorker(ctx, gc.deleteQ, gc.attemptToDelete) })
		wg.Go(func() { gc.runWorker(ctx, gc.orphanQ, gc.attemptToOrphan) })
	}
	wg.Go(func() { gc.runDiscovery(ctx) })
	<-ctx.Done()
	return nil
}

// waitGraphSynced waits until every object the monitors held when they
// synced, and still hold, is an observed node of the graph.
func (gc *GarbageCollector) waitGraphSynced(ctx context.Context) bool {
	type pending struct {
		inf *client.Informer[*apiobj.Unstructured]
		obj *apiobj.Unstructured
	}
	var want []pending
	gc.monMu.Lock()
	for _, m := range gc.monitors {
		for _, u := range m.inf.Lister().List(nil) {
			want = append(want, pending{m.inf, u})
		}
	}
	gc.monMu.Unlock()
	for {
		gc.graph.mu.Lock()
		want = slices.DeleteFunc(want, func(p pending) bool {
			if n, ok := gc.graph.nodes[p.obj.GetUID()]; ok && !n.virtual {
				return true
			}
			cur, err := p.inf.Lister().Namespace(p.obj.GetNamespace()).Get(p.obj.GetName())
			return err != nil || cur.GetUID() != p.obj.GetUID() // gone from the cache since
		})
		gc.graph.mu.Unlock()
		if len(want) == 0 {
			return true
		}
		if !sleep(ctx, 10*time.Millisecond) {
			return false
		}
	}
}

// runDiscovery rediscovers the resources every DiscoveryInterval and when
// asked, and starts and stops monitors to match.
func (gc *GarbageCollector) runDiscovery(ctx context.Context) {
	t := time.NewTicker(gc.cfg.DiscoveryInterval)
	defer t.Stop()
	var last time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-gc.discoverNow:
			// Many items may ask at once (references to a kind not served
			// yet): discover at most once a second on demand.
			if wait := time.Second - time.Since(last); wait > 0 && !sleep(ctx, wait) {
				return
			}
		}
		last = time.Now()
		resources, complete, err := gc.discover(ctx)
		if err != nil {
			if ctx.Err() == nil {
				gc.log.Warn("discovery failed", "err", err)
			}
			continue
		}
		gc.syncMonitors(ctx, resources, complete)
	}
}

// errRetry asks for the item to be processed again after a backoff, without
// being an error worth logging.
var errRetry = errors.New("garbagecollector: retry")

func (gc *GarbageCollector) runWorker(ctx context.Context, q workqueue.RateLimiting[apiobj.UID], fn func(context.Context, apiobj.UID) error) {
	for {
		uid, shutdown := q.Get()
		if shutdown {
			return
		}
		gc.busy.Add(1)
		err := fn(ctx, uid)
		switch {
		case err == nil:
			q.Forget(uid)
		case ctx.Err() != nil:
		default:
			if !errors.Is(err, errRetry) {
				gc.log.Info("will retry", "uid", uid, "err", err)
			}
			q.AddRateLimited(uid)
		}
		q.Done(uid)
		gc.busy.Add(-1)
	}
}

// idle reports whether no event and no work item is waiting or being
// processed (items waiting out a backoff are not counted).
func (gc *GarbageCollector) idle() bool {
	gc.events.mu.Lock()
	pending := len(gc.events.items)
	gc.events.mu.Unlock()
	return pending == 0 && gc.deleteQ.Len() == 0 && gc.orphanQ.Len() == 0 && gc.busy.Load() == 0
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
