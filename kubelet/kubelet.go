package kubelet

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sync"
	"time"

	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/cri"
)

// Version is the kubelet version the Node reports in status.nodeInfo.
const Version = "v1.32.0-orca"

// NodeLeaseNamespace holds the node heartbeat Leases.
const NodeLeaseNamespace = "kube-node-lease"

// Clock is the kubelet's source of time: lease renewal, node status, the PLEG
// relist and CrashLoopBackOff all read it. Its method set is that of
// cri/fake.Clock, so a *fake.ManualClock drives a kubelet and its fake
// runtime together.
type Clock interface {
	Now() time.Time
	// After returns a channel that receives the time once d has passed.
	After(d time.Duration) <-chan time.Time
}

type systemClock struct{}

func (systemClock) Now() time.Time                         { return time.Now() }
func (systemClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// Config configures a Kubelet. Zero values are the documented defaults.
type Config struct {
	// NodeName is the name of the Node object. Required.
	NodeName string
	// Client talks to the API server. Required.
	Client *client.Client
	// Runtime runs the pods. Required.
	Runtime cri.Runtime
	// Capacity is the node's capacity. Nil means the machine's: cpu from
	// runtime.NumCPU, memory from /proc/meminfo, and 110 pods. Resources
	// missing from a non-nil Capacity are not reported.
	Capacity apiobj.ResourceList
	// Reserved is subtracted from Capacity to give Allocatable (never below
	// zero).
	Reserved apiobj.ResourceList
	// Labels are added to the Node's labels; the well-known hostname, os
	// and arch labels are always set.
	Labels map[string]string
	// Taints are the Node's taints at registration.
	Taints []apiobj.Taint
	// NodeIP is the InternalIP address and the pods' hostIP. Empty means the
	// first non-loopback IPv4 address of the machine, else 127.0.0.1.
	NodeIP string
	// Hostname is the Hostname address and the hostname label. Empty means
	// NodeName.
	Hostname string
	// RootDir holds the pod log directories. Empty means
	// $TMPDIR/orca-kubelet/<NodeName>.
	RootDir string
	// LeaseDuration is the node Lease's leaseDurationSeconds. 0 means 40s.
	LeaseDuration time.Duration
	// RenewInterval is how often the Lease is renewed and the node status
	// is checked for changes. 0 means 10s.
	RenewInterval time.Duration
	// StatusUpdateFrequency is the longest time between two node status
	// posts when nothing changes. 0 means 5 minutes.
	StatusUpdateFrequency time.Duration
	// RelistPeriod is how often the PLEG relists the runtime. 0 means 1s.
	RelistPeriod time.Duration
	// Clock is the source of time. Nil means the system clock.
	Clock Clock
}

// Validate reports whether c can be used.
func (c *Config) Validate() error {
	switch {
	case c.NodeName == "":
		return errors.New("kubelet: NodeName is required")
	case c.Client == nil:
		return errors.New("kubelet: Client is required")
	case c.Runtime == nil:
		return errors.New("kubelet: Runtime is required")
	case c.LeaseDuration < 0 || c.RenewInterval < 0 || c.StatusUpdateFrequency < 0 || c.RelistPeriod < 0:
		return errors.New("kubelet: durations must not be negative")
	}
	if c.NodeIP != "" && net.ParseIP(c.NodeIP) == nil {
		return fmt.Errorf("kubelet: NodeIP %q is not an IP address", c.NodeIP)
	}
	return nil
}

func (c *Config) setDefaults() error {
	if c.Capacity == nil {
		cap, err := machineCapacity()
		if err != nil {
			return err
		}
		c.Capacity = cap
	}
	if c.NodeIP == "" {
		c.NodeIP = defaultNodeIP()
	}
	if c.Hostname == "" {
		c.Hostname = c.NodeName
	}
	if c.RootDir == "" {
		c.RootDir = filepath.Join(os.TempDir(), "orca-kubelet", c.NodeName)
	}
	if c.LeaseDuration == 0 {
		c.LeaseDuration = 40 * time.Second
	}
	if c.RenewInterval == 0 {
		c.RenewInterval = 10 * time.Second
	}
	if c.StatusUpdateFrequency == 0 {
		c.StatusUpdateFrequency = 5 * time.Minute
	}
	if c.RelistPeriod == 0 {
		c.RelistPeriod = time.Second
	}
	if c.Clock == nil {
		c.Clock = systemClock{}
	}
	return nil
}

// Kubelet is the node agent of one node. Create it with New and start it
// with Run; a Kubelet runs once.
type Kubelet struct {
	cfg     Config
	clock   Clock
	rt      cri.Runtime
	pods    *client.Resource[*apiobj.Pod]
	inf     *client.Informer[*apiobj.Pod]
	lister  *client.Lister[*apiobj.Pod]
	wg      sync.WaitGroup // every goroutine Run starts
	runtime string         // the runtime's name, for container IDs

	mu       sync.Mutex // guards workers and wakeups
	workers  map[apiobj.UID]*podWorker
	wakeups  map[podKey]time.Time // earliest clock time a worker wants a resync
	stopped  bool                 // Run is returning: start no more workers
	runCtx   context.Context      // set by Run before any worker starts; read under mu
	nodeUID  apiobj.UID           // written once by register, before the loops start
	podCIDRs []string             // likewise
}

// New returns a Kubelet for cfg. It does not contact the API server or the
// runtime; Run does.
func New(cfg Config) (*Kubelet, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if err := cfg.setDefaults(); err != nil {
		return nil, err
	}
	k := &Kubelet{
		cfg:     cfg,
		clock:   cfg.Clock,
		rt:      cfg.Runtime,
		pods:    client.For[*apiobj.Pod](cfg.Client),
		workers: map[apiobj.UID]*podWorker{},
		wakeups: map[podKey]time.Time{},
	}
	k.inf = client.NewInformer(k.pods, client.InformerOptions[*apiobj.Pod]{FieldSelector: "spec.nodeName=" + cfg.NodeName})
	k.lister = k.inf.Lister()
	return k, nil
}

// NodeName returns the name of the kubelet's Node.
func (k *Kubelet) NodeName() string { return k.cfg.NodeName }

// Run registers the Node, then runs the lease and node status loop, the pod
// workers and the PLEG until ctx ends. It returns after all its goroutines
// have stopped: nil when ctx ended, or the error that kept it from starting.
// Containers keep running in the runtime after Run returns; a later Kubelet
// on the same runtime adopts them.
func (k *Kubelet) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer func() {
		cancel()
		k.mu.Lock()
		k.stopped = true
		k.mu.Unlock()
		k.wg.Wait()
	}()
	v, err := retry(ctx, func() (*runtimev1.VersionResponse, error) {
		return k.rt.Version(ctx, &runtimev1.VersionRequest{})
	})
	if err != nil {
		return fmt.Errorf("kubelet: runtime version: %w", err)
	}
	k.runtime = v.RuntimeName
	ns := newNodeStatus(k, v)
	if _, err := retry(ctx, func() (struct{}, error) { return struct{}{}, ns.register(ctx) }); err != nil {
		return fmt.Errorf("kubelet: register node: %w", err)
	}
	k.mu.Lock()
	k.runCtx = ctx
	k.mu.Unlock()

	k.inf.AddHandler(client.HandlerFuncs[*apiobj.Pod]{
		AddFunc:    func(p *apiobj.Pod, _ bool) { k.signal(p.UID, p.Namespace, p.Name) },
		UpdateFunc: func(_, p *apiobj.Pod) { k.signal(p.UID, p.Namespace, p.Name) },
		DeleteFunc: func(p *apiobj.Pod, _ bool) { k.signal(p.UID, p.Namespace, p.Name) },
	})
	k.goRun(func() { _ = k.inf.Run(ctx) })
	k.goRun(func() { ns.run(ctx) })
	if !k.inf.WaitForCacheSync(ctx) {
		return nil
	}
	p := &pleg{k: k}
	k.goRun(func() { k.every(ctx, k.cfg.RelistPeriod, p.relist) })
	<-ctx.Done()
	return nil
}

func (k *Kubelet) goRun(f func()) {
	k.wg.Add(1)
	go func() {
		defer k.wg.Done()
		f()
	}()
}

// every calls f now and then once per period of the clock until ctx ends.
// The schedule is absolute: if f or the wait ran late, the next call comes at
// once rather than a whole period later, so moving a manual clock past a
// deadline always brings the call.
func (k *Kubelet) every(ctx context.Context, period time.Duration, f func(context.Context)) {
	next := k.clock.Now()
	for {
		if d := next.Sub(k.clock.Now()); d > 0 {
			select {
			case <-ctx.Done():
				return
			case <-k.clock.After(d):
			}
		}
		if ctx.Err() != nil {
			return
		}
		f(ctx)
		next = next.Add(period)
		if now := k.clock.Now(); next.Before(now) {
			next = now
		}
	}
}

// retry calls f until it succeeds or ctx ends, waiting (in real time) a
// little longer after each failure.
func retry[T any](ctx context.Context, f func() (T, error)) (T, error) {
	d := 10 * time.Millisecond
	for {
		v, err := f()
		if err == nil {
			return v, nil
		}
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			var zero T
			return zero, errors.Join(ctx.Err(), err)
		case <-t.C:
		}
		d = min(2*d, 2*time.Second)
	}
}

func defaultNodeIP() string {
	addrs, err := net.InterfaceAddrs()
	if err == nil {
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && n.IP.To4() != nil {
				return n.IP.String()
			}
		}
	}
	return "127.0.0.1"
}
