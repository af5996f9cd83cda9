package cluster

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/apiserver/admission"
	"github.com/orcaproj/orca/apiserver/auth"
	"github.com/orcaproj/orca/apiserver/crdschema"
	"github.com/orcaproj/orca/client"
	"github.com/orcaproj/orca/client/kubeconfig"
	"github.com/orcaproj/orca/controller/cronjob"
	"github.com/orcaproj/orca/controller/deployment"
	"github.com/orcaproj/orca/controller/endpoints"
	"github.com/orcaproj/orca/controller/endpointslice"
	"github.com/orcaproj/orca/controller/garbagecollector"
	jobctl "github.com/orcaproj/orca/controller/job"
	"github.com/orcaproj/orca/controller/namespace"
	"github.com/orcaproj/orca/controller/nodeipam"
	"github.com/orcaproj/orca/controller/nodelifecycle"
	"github.com/orcaproj/orca/controller/podgc"
	"github.com/orcaproj/orca/controller/replicaset"
	"github.com/orcaproj/orca/controller/serviceaccount"
	"github.com/orcaproj/orca/controller/ttlafterfinished"
	"github.com/orcaproj/orca/cri"
	"github.com/orcaproj/orca/cri/fake"
	"github.com/orcaproj/orca/cri/process"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/internal/pki"
	"github.com/orcaproj/orca/kubelet"
	"github.com/orcaproj/orca/scheduler"
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins"
	"github.com/orcaproj/orca/store"
	"github.com/orcaproj/orca/store/etcd"
	"github.com/orcaproj/orca/store/etcd/embedetcd"
	"github.com/orcaproj/orca/store/memory"
)

// StoreKind selects the storage backend.
type StoreKind string

// The store kinds.
const (
	// StoreEmbeddedEtcd runs etcd inside the process, with its data under
	// <DataDir>/etcd.
	StoreEmbeddedEtcd StoreKind = "embedded-etcd"
	// StoreMemory keeps state in memory. On a clean stop it is written to
	// <DataDir>/memory.snapshot and read back on the next start; a crash
	// loses what changed since the last start.
	StoreMemory StoreKind = "memory"
	// StoreEtcd uses an external etcd cluster at EtcdEndpoints.
	StoreEtcd StoreKind = "etcd"
)

// Config configures a cluster. Zero values are the documented defaults.
type Config struct {
	// DataDir holds etcd data, the CA and certificates, and the admin
	// kubeconfig; "" means ./orca-data.
	DataDir string
	// Store "" means StoreEmbeddedEtcd.
	Store StoreKind
	// EtcdEndpoints are the client URLs of an external etcd (StoreEtcd).
	EtcdEndpoints []string
	// EtcdPrefix is the key prefix in etcd; "" means "/orca".
	EtcdPrefix string
	// Listen is the API server's HTTPS address; "" means 127.0.0.1:6443.
	// Port 0 picks a free port; Cluster.Server tells which.
	Listen string
	// Kubeconfig is where the admin kubeconfig is written; "" means
	// <DataDir>/admin.kubeconfig.
	Kubeconfig string
	// TokenFile, when set, adds bearer tokens from a static token file
	// (token,user,uid,"group1,group2") to client-certificate authentication.
	TokenFile string
	// ServiceCIDR "" means 10.96.0.0/12.
	ServiceCIDR string
	// Nodes is how many node agents run in this process; they are named
	// node-0, node-1, ... Zero runs none.
	Nodes int
	// Runtime is the container runtime of the node agents: RuntimeProcess
	// (real host processes; the default), RuntimeFake (simulated) or
	// RuntimeRemote (a CRI socket at RuntimeEndpoint).
	Runtime RuntimeKind
	// RuntimeEndpoint is the CRI socket for RuntimeRemote.
	RuntimeEndpoint string
	// DisableScheduler and DisableControllers leave those parts out (for
	// embedding programs that bring their own).
	DisableScheduler   bool
	DisableControllers bool
	// Logger nil means slog.Default().
	Logger *slog.Logger
}

// RuntimeKind selects the node agents' container runtime.
type RuntimeKind string

// The runtimes.
const (
	RuntimeProcess RuntimeKind = "process"
	RuntimeFake    RuntimeKind = "fake"
	RuntimeRemote  RuntimeKind = "remote"
)

// Validate reports a config that cannot work.
func (c *Config) Validate() error {
	switch c.Runtime {
	case "", RuntimeProcess, RuntimeFake:
	case RuntimeRemote:
		return errors.New("cluster: the remote (CRI socket) runtime client is not built yet; use process or fake")
	default:
		return fmt.Errorf("cluster: unknown Runtime %q (want process, fake or remote)", c.Runtime)
	}
	if c.Nodes < 0 {
		return errors.New("cluster: Nodes must not be negative")
	}
	switch c.Store {
	case "", StoreEmbeddedEtcd, StoreMemory:
	case StoreEtcd:
		if len(c.EtcdEndpoints) == 0 {
			return errors.New("cluster: Store etcd needs EtcdEndpoints")
		}
	default:
		return fmt.Errorf("cluster: unknown Store %q (want embedded-etcd, memory or etcd)", c.Store)
	}
	if c.Listen != "" {
		if _, _, err := net.SplitHostPort(c.Listen); err != nil {
			return fmt.Errorf("cluster: bad Listen %q: %w", c.Listen, err)
		}
	}
	return nil
}

func (c Config) withDefaults() Config {
	if c.DataDir == "" {
		c.DataDir = "./orca-data"
	}
	if c.Store == "" {
		c.Store = StoreEmbeddedEtcd
	}
	if c.EtcdPrefix == "" {
		c.EtcdPrefix = "/orca"
	}
	if c.Listen == "" {
		c.Listen = "127.0.0.1:6443"
	}
	if c.Kubeconfig == "" {
		c.Kubeconfig = filepath.Join(c.DataDir, "admin.kubeconfig")
	}
	if c.ServiceCIDR == "" {
		c.ServiceCIDR = "10.96.0.0/12"
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.Runtime == "" {
		c.Runtime = RuntimeProcess
	}
	return c
}

// Cluster is an orca cluster assembled in one process. Today it is the
// store and the API server, with TLS, client-certificate and token
// authentication, RBAC and admission; the scheduler, the controllers and node
// agents join it as their issues land (see the README's status table).
type Cluster struct {
	cfg Config

	ready     chan struct{}
	readyOnce sync.Once

	mu     sync.Mutex // guards server, url, admin
	server *apiserver.Server
	url    string
	admin  *client.Client
}

// New checks cfg and returns a cluster that Run starts.
func New(cfg Config) (*Cluster, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &Cluster{cfg: cfg.withDefaults(), ready: make(chan struct{})}, nil
}

// Ready is closed once the API server serves and the admin kubeconfig is
// written.
func (c *Cluster) Ready() <-chan struct{} { return c.ready }

// Kubeconfig returns the path of the admin kubeconfig.
func (c *Cluster) Kubeconfig() string { return c.cfg.Kubeconfig }

// Server returns the API server's URL; valid after Ready.
func (c *Cluster) Server() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.url
}

// Client returns an in-process admin client; valid after Ready.
func (c *Cluster) Client() *client.Client {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.admin
}

// Run starts every part and serves until ctx is done, then stops them all
// and returns.
func (c *Cluster) Run(ctx context.Context) error {
	log := c.cfg.Logger
	if err := os.MkdirAll(c.cfg.DataDir, 0o700); err != nil {
		return fmt.Errorf("cluster: data dir: %w", err)
	}
	st, closeStore, err := c.openStore(ctx)
	if err != nil {
		return err
	}
	defer closeStore()

	ln, err := net.Listen("tcp", c.cfg.Listen)
	if err != nil {
		return fmt.Errorf("cluster: listen: %w", err)
	}
	defer ln.Close()
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	serviceIP, err := firstServiceIP(c.cfg.ServiceCIDR)
	if err != nil {
		return err
	}

	pkiDir := filepath.Join(c.cfg.DataDir, "pki")
	ca, err := pki.LoadOrCreateCA(pkiDir, "orca-ca")
	if err != nil {
		return err
	}
	serving, err := pki.LoadOrIssueServing(pkiDir, "apiserver", ca, "orca-apiserver", pki.APIServerHosts(serviceIP, host)...)
	if err != nil {
		return err
	}
	adminPair, err := pki.LoadOrIssueClient(pkiDir, "admin", ca, "admin", auth.GroupMasters)
	if err != nil {
		return err
	}
	pool := x509.NewCertPool()
	pool.AddCert(ca.Cert)

	authn := []auth.Authenticator{auth.NewX509Authenticator(pool)}
	if c.cfg.TokenFile != "" {
		ta, err := auth.NewTokenFileAuthenticator(c.cfg.TokenFile)
		if err != nil {
			return err
		}
		authn = append(authn, ta)
	}
	reader := &regReader{}
	srv, err := apiserver.New(apiserver.Config{
		Store:         st,
		Authenticator: auth.Union(authn...),
		Authorizer:    auth.Chain(auth.MastersAuthorizer(), auth.NodeAuthorizer(), auth.NewRBACAuthorizer(reader)),
		Admission:     admission.Defaults(reader, reader),
		ServiceCIDR:   c.cfg.ServiceCIDR,
		Listen:        ln.Addr().String(),
		TLSConfig:     pki.ServerTLSConfig(serving, pool),
		// Custom objects are pruned, defaulted and validated against their
		// CRD's openAPIV3Schema.
		CRSchemaValidator: crdschema.NewValidator(),
	})
	if err != nil {
		return err
	}
	reader.srv = srv
	defer srv.Close()
	if err := srv.Bootstrap(ctx); err != nil {
		return fmt.Errorf("cluster: bootstrap: %w", err)
	}
	admin := client.NewInProcess(srv, &auth.User{Name: "system:admin", Groups: []string{auth.GroupMasters, auth.GroupAuthenticated}}, apiobj.NewScheme())
	if err := createBootstrapObjects(ctx, admin); err != nil {
		return err
	}

	url := "https://" + net.JoinHostPort(host, port)
	kc := kubeconfig.NewAdminConfig(url, ca.CertPEM, adminPair.CertPEM, adminPair.KeyPEM)
	if err := kubeconfig.Write(c.cfg.Kubeconfig, kc); err != nil {
		return err
	}
	c.mu.Lock()
	c.server, c.url, c.admin = srv, url, admin
	c.mu.Unlock()

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ctx, ln) }()

	ctrlCtx, stopControllers := context.WithCancel(ctx)
	var ctrls sync.WaitGroup
	defer func() {
		stopControllers()
		ctrls.Wait()
	}()
	if err := c.startControllers(ctrlCtx, &ctrls, admin); err != nil {
		return err
	}
	// The kubernetes Service's endpoints name the API server's address.
	// Kubernetes refuses loopback addresses there, so a cluster that
	// listens on loopback (the default) leaves them empty, as validation
	// requires.
	if ip := net.ParseIP(host); ip != nil && !ip.IsLoopback() && !ip.IsUnspecified() {
		if p, err := strconv.Atoi(port); err == nil {
			if err := endpointslice.EnsureAPIServerEndpoints(ctx, admin, host, int32(p)); err != nil {
				return fmt.Errorf("cluster: kubernetes service endpoints: %w", err)
			}
		}
	}
	if err := c.startNodes(ctrlCtx, &ctrls, srv); err != nil {
		return err
	}
	if err := waitNodesReady(ctx, admin, c.cfg.Nodes); err != nil {
		return err
	}

	c.readyOnce.Do(func() { close(c.ready) })
	log.Info("api server serving", "url", url, "store", string(c.cfg.Store))
	return <-errc
}

// startNodes runs the node agents, each with its own runtime instance and
// its own identity (system:node:<name> in system:nodes), through the
// in-process transport.
func (c *Cluster) startNodes(ctx context.Context, wg *sync.WaitGroup, srv *apiserver.Server) error {
	for i := range c.cfg.Nodes {
		name := fmt.Sprintf("node-%d", i)
		rt, closeRT, err := c.newRuntime(name)
		if err != nil {
			return err
		}
		user := &auth.User{Name: auth.NodeUserPrefix + name, Groups: []string{auth.GroupNodes, auth.GroupAuthenticated}}
		kc := client.NewInProcess(srv, user, apiobj.NewScheme())
		kl, err := kubelet.New(kubelet.Config{
			NodeName: name,
			Client:   kc,
			Runtime:  rt,
			RootDir:  filepath.Join(c.cfg.DataDir, "nodes", name),
		})
		if err != nil {
			closeRT()
			return fmt.Errorf("cluster: node %s: %w", name, err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer closeRT()
			if err := kl.Run(ctx); err != nil && ctx.Err() == nil {
				c.cfg.Logger.Error("node agent stopped", "node", name, "err", err)
			}
		}()
	}
	return nil
}

// newRuntime returns the container runtime of one node agent.
func (c *Cluster) newRuntime(node string) (cri.Runtime, func(), error) {
	switch c.cfg.Runtime {
	case RuntimeFake:
		rt, err := fake.New(fake.Config{})
		if err != nil {
			return nil, nil, err
		}
		return rt.Client(), func() {}, nil
	default:
		rt, err := process.New(process.Config{RootDir: filepath.Join(c.cfg.DataDir, "nodes", node, "runtime")})
		if err != nil {
			return nil, nil, fmt.Errorf("cluster: process runtime for %s: %w", node, err)
		}
		return cri.InProcess(rt), func() { _ = rt.Close() }, nil
	}
}

// waitNodesReady waits until n nodes report Ready.
func waitNodesReady(ctx context.Context, c *client.Client, n int) error {
	if n == 0 {
		return nil
	}
	nodes := client.For[*apiobj.Node](c)
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		items, _, err := nodes.List(ctx, client.ListOptions{})
		if err == nil {
			ready := 0
			for _, nd := range items {
				if _, cond := apiobj.GetNodeCondition(&nd.Status, apiobj.NodeReady); cond != nil && cond.Status == apiobj.ConditionTrue {
					ready++
				}
			}
			if ready >= n {
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("cluster: %d node(s) not Ready after 2 minutes: %w", n, errdefs.ErrTimeout)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// runnable is a part with Run(ctx) error.
type runnable interface{ Run(context.Context) error }

// startControllers runs the built-in controllers that exist so far and the
// scheduler against the in-process admin client. Leader election arrives
// with the controller manager; a single process needs none.
func (c *Cluster) startControllers(ctx context.Context, wg *sync.WaitGroup, admin *client.Client) error {
	log := c.cfg.Logger
	parts := map[string]runnable{}
	add := func(name string, r runnable, err error) error {
		if err != nil {
			return fmt.Errorf("cluster: %s: %w", name, err)
		}
		parts[name] = r
		return nil
	}
	if !c.cfg.DisableControllers {
		l := func(name string) *slog.Logger { return log.With("controller", name) }
		var errs []error
		gc, err := garbagecollector.New(garbagecollector.Config{Client: admin, Logger: l("garbagecollector")})
		errs = append(errs, add("garbagecollector", gc, err))
		ns, err := namespace.New(namespace.Config{Client: admin, Logger: l("namespace")})
		errs = append(errs, add("namespace", ns, err))
		rs, err := replicaset.New(replicaset.Config{Client: admin, Logger: l("replicaset")})
		errs = append(errs, add("replicaset", rs, err))
		dep, err := deployment.New(deployment.Config{Client: admin, Logger: l("deployment")})
		errs = append(errs, add("deployment", dep, err))
		ep, err := endpoints.New(endpoints.Config{Client: admin, Logger: l("endpoints")})
		errs = append(errs, add("endpoints", ep, err))
		eps, err := endpointslice.New(endpointslice.Config{Client: admin, Logger: l("endpointslice")})
		errs = append(errs, add("endpointslice", eps, err))
		sa, err := serviceaccount.New(serviceaccount.Config{Client: admin, Logger: l("serviceaccount")})
		errs = append(errs, add("serviceaccount", sa, err))
		job, err := jobctl.New(jobctl.Config{Client: admin, Logger: l("job")})
		errs = append(errs, add("job", job, err))
		cj, err := cronjob.New(cronjob.Config{Client: admin, Logger: l("cronjob")})
		errs = append(errs, add("cronjob", cj, err))
		ttl, err := ttlafterfinished.New(ttlafterfinished.Config{Client: admin, Logger: l("ttlafterfinished")})
		errs = append(errs, add("ttlafterfinished", ttl, err))
		nl, err := nodelifecycle.New(nodelifecycle.Config{Client: admin, Logger: l("nodelifecycle")})
		errs = append(errs, add("nodelifecycle", nl, err))
		pg, err := podgc.New(podgc.Config{Client: admin, Logger: l("podgc")})
		errs = append(errs, add("podgc", pg, err))
		ipam, err := nodeipam.New(nodeipam.Config{Client: admin, Logger: l("nodeipam")})
		errs = append(errs, add("nodeipam", ipam, err))
		if err := errors.Join(errs...); err != nil {
			return err
		}
	}
	if !c.cfg.DisableScheduler {
		sched, err := scheduler.ForCluster(admin, scheduler.ClusterConfig{
			Config: scheduler.Config{DefaultPlugins: plugins.DefaultPlugins()},
			Registry: func(l *scheduler.ClusterListers) framework.Registry {
				return plugins.NewInTreeRegistry(plugins.WithWorkloadLister(l),
					plugins.WithStorageListers(plugins.StorageListers{PVs: l, StorageClasses: l, CSINodes: l}))
			},
		})
		if err := add("scheduler", sched, err); err != nil {
			return err
		}
	}
	for name, r := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := r.Run(ctx); err != nil && ctx.Err() == nil {
				log.Error("part stopped", "part", name, "err", err)
			}
		}()
	}
	return nil
}

func (c *Cluster) openStore(ctx context.Context) (store.Interface, func(), error) {
	switch c.cfg.Store {
	case StoreMemory:
		path := filepath.Join(c.cfg.DataDir, "memory.snapshot")
		var st store.Interface
		if f, err := os.Open(path); err == nil {
			st, err = memory.Restore(f, memory.Config{})
			f.Close()
			if err != nil {
				return nil, nil, fmt.Errorf("cluster: restoring %s: %w", path, err)
			}
		} else if errors.Is(err, os.ErrNotExist) {
			st = memory.New(memory.Config{})
		} else {
			return nil, nil, err
		}
		return st, func() {
			if err := snapshot(st, path); err != nil {
				c.cfg.Logger.Error("writing memory snapshot", "err", err)
			}
			_ = st.Close()
		}, nil
	case StoreEtcd:
		st, err := etcd.New(etcd.Config{Endpoints: c.cfg.EtcdEndpoints, Prefix: c.cfg.EtcdPrefix})
		if err != nil {
			return nil, nil, err
		}
		return st, func() { _ = st.Close() }, nil
	default:
		srv, err := embedetcd.Start(ctx, embedetcd.Config{Dir: filepath.Join(c.cfg.DataDir, "etcd")})
		if err != nil {
			return nil, nil, fmt.Errorf("cluster: starting embedded etcd: %w", err)
		}
		st, err := etcd.New(etcd.Config{Endpoints: srv.Endpoints(), Prefix: c.cfg.EtcdPrefix})
		if err != nil {
			srv.Close()
			return nil, nil, err
		}
		return st, func() { _ = st.Close(); srv.Close() }, nil
	}
}

func snapshot(st store.Interface, path string) error {
	sn, ok := st.(memory.Snapshotter)
	if !ok {
		return nil
	}
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if err := sn.Snapshot(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// createBootstrapObjects creates the default RBAC policy and the system
// priority classes, leaving existing objects alone.
func createBootstrapObjects(ctx context.Context, c *client.Client) error {
	objs := auth.BootstrapPolicy()
	for _, pc := range admission.SystemPriorityClasses() {
		objs = append(objs, pc)
	}
	for _, o := range objs {
		if err := createIfMissing(ctx, c, o); err != nil {
			return fmt.Errorf("cluster: bootstrap %T %s: %w", o, o.GetName(), err)
		}
	}
	return nil
}

func createIfMissing(ctx context.Context, c *client.Client, o apiobj.Object) error {
	k, err := c.Scheme().KindOf(o)
	if err != nil {
		return err
	}
	r, err := client.Dynamic(c, k.GroupVersionResource())
	if err != nil {
		return err
	}
	u, err := c.Codec().ToUnstructured(o)
	if err != nil {
		return err
	}
	u.SetGroupVersionKind(k.GroupVersionKind)
	_, err = r.Namespace(o.GetNamespace()).Create(ctx, u)
	if errors.Is(err, errdefs.ErrAlreadyExists) {
		return nil
	}
	return err
}

// firstServiceIP returns the first usable address of cidr (the kubernetes
// Service's).
func firstServiceIP(cidr string) (string, error) {
	_, n, err := net.ParseCIDR(strings.TrimSpace(cidr))
	if err != nil {
		return "", fmt.Errorf("cluster: bad ServiceCIDR %q: %w", cidr, err)
	}
	ip := n.IP.To4()
	if ip == nil {
		ip = n.IP.To16()
	}
	out := make(net.IP, len(ip))
	copy(out, ip)
	out[len(out)-1]++
	return out.String(), nil
}
