package scheduler

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"sigs.k8s.io/yaml"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
	"github.com/orcaproj/orca/scheduler/framework"
)

// Defaults, as kube-scheduler has them.
const (
	DefaultPodInitialBackoff                 = 1 * time.Second
	DefaultPodMaxBackoff                     = 10 * time.Second
	DefaultPodMaxInUnschedulablePodsDuration = 5 * time.Minute
	DefaultAssumedPodTTL                     = 30 * time.Second
	// DefaultPercentageOfNodesToScore 0 means adaptive: 50% minus 1% per
	// 125 nodes, at least 5%, and never fewer than 100 nodes.
	DefaultPercentageOfNodesToScore = 0
	// MaxPermitTimeout caps the timeout a Permit plugin may ask for.
	MaxPermitTimeout = 15 * time.Minute
)

// Config configures a Scheduler. The zero value of each field is its
// documented default. Registry and a way to bind (a Bind plugin in every
// profile, or Binder) are required.
type Config struct {
	// Registry builds the plugins that profiles name.
	Registry framework.Registry
	// DefaultPlugins is what each profile's Plugins are merged into, as
	// kube-scheduler merges a profile into its default plugin set. The
	// default plugins' package provides kube-scheduler's set. nil means
	// none: profiles then list every plugin they use.
	DefaultPlugins *framework.Plugins
	// Profiles, chosen per pod by spec.schedulerName. Empty means one
	// profile named "default-scheduler" with DefaultPlugins.
	Profiles []Profile

	// PercentageOfNodesToScore bounds how many feasible nodes Filter looks
	// for before scoring; 0 is adaptive (see DefaultPercentageOfNodesToScore),
	// 100 evaluates every node. A profile may override it.
	PercentageOfNodesToScore int32
	// Parallelism is the number of goroutines Filter and Score use: 0 is
	// 16, and it is capped at GOMAXPROCS.
	Parallelism int
	// PodInitialBackoff and PodMaxBackoff bound the per-pod exponential
	// backoff after a failed attempt; 0 means 1 s and 10 s.
	PodInitialBackoff time.Duration
	PodMaxBackoff     time.Duration
	// PodMaxInUnschedulablePodsDuration is how long a pod waits in the
	// unschedulable set before it is retried anyway; 0 means 5 min.
	PodMaxInUnschedulablePodsDuration time.Duration

	// WaitForBindConfirmation false (direct use): a successful Bind is
	// final and the pod counts as assigned at once. true (the cluster
	// adapter): the pod stays assumed until the adapter reports it
	// assigned (AddPod or UpdatePod with spec.nodeName set), and its
	// reservation expires AssumedPodTTL after binding finished if no
	// report comes.
	WaitForBindConfirmation bool
	// AssumedPodTTL; 0 means 30 s.
	AssumedPodTTL time.Duration

	// Binder binds pods when a profile has no Bind plugin, and is given to
	// plugins as Handle.Binder (DefaultBinder uses it).
	Binder framework.PodBinder
	// Evictor, Pods, PDBs, PVCs and Namespaces are given to plugins; nil
	// means not available, except Pods: without it plugins list the pods
	// the scheduler was fed. Preemption needs an Evictor; in direct use it
	// stops the victim work item and calls DeletePod.
	Evictor    framework.PodEvictor
	Pods       framework.PodLister
	PDBs       framework.PDBLister
	PVCs       framework.PVCLister
	Namespaces framework.NamespaceLister
	// Nominations records nominated nodes (status.nominatedNodeName);
	// nil keeps them only in the scheduler.
	Nominations NominationWriter
	// FailureHandler is told about every failed attempt; nil ignores them.
	FailureHandler FailureHandler

	// MetricsRegisterer receives the scheduler's metrics; nil registers
	// none. Two schedulers need two registries.
	MetricsRegisterer prometheus.Registerer
	// Logger; nil discards.
	Logger *slog.Logger
	// Clock; nil is the system clock.
	Clock Clock
}

// Profile is one scheduler personality, chosen by spec.schedulerName.
// It has the shape of KubeSchedulerConfiguration v1's profiles[].
type Profile struct {
	// SchedulerName; "" means "default-scheduler".
	SchedulerName string `json:"schedulerName,omitempty"`
	// PercentageOfNodesToScore overrides Config's when set.
	PercentageOfNodesToScore *int32 `json:"percentageOfNodesToScore,omitempty"`
	// Plugins are merged into Config.DefaultPlugins.
	Plugins *framework.Plugins `json:"plugins,omitempty"`
	// PluginConfig gives plugins their args.
	PluginConfig []framework.PluginConfig `json:"pluginConfig,omitempty"`
}

// NominationWriter records a pod's nominated node outside the scheduler
// (the cluster adapter patches status.nominatedNodeName); "" clears it.
type NominationWriter interface {
	SetNominatedNodeName(ctx context.Context, pod *apiobj.Pod, nodeName string) error
}

// Failure describes a failed scheduling attempt.
type Failure struct {
	// Pod is the pod as the scheduler last saw it.
	Pod *apiobj.Pod
	// Profile is the scheduler name that handled it.
	Profile string
	// Reason is apiobj.PodReasonUnschedulable or PodReasonSchedulerError,
	// for the PodScheduled=False condition.
	Reason string
	// Message is the explanation, e.g. "0/3 nodes are available: 3
	// Insufficient cpu. preemption: ...".
	Message string
	// Err is the error behind the message; a *framework.FitError when no
	// node fit.
	Err error
	// NominatedNodeName is set when preemption nominated a node.
	NominatedNodeName string
}

// FailureHandler is told about failed attempts; the cluster adapter
// writes the PodScheduled=False condition and an Event. It is called on
// the scheduling (or a binding) goroutine and must not block for long.
type FailureHandler interface {
	HandleFailure(ctx context.Context, f Failure)
}

// FailureHandlerFunc adapts a function to FailureHandler.
type FailureHandlerFunc func(ctx context.Context, f Failure)

// HandleFailure calls f.
func (f FailureHandlerFunc) HandleFailure(ctx context.Context, fl Failure) { f(ctx, fl) }

// Validate checks c and reports every problem, wrapping errdefs.ErrInvalid.
func (c *Config) Validate() error { return c.validate(true) }

func (c *Config) validate(needRegistry bool) error {
	var errs []error
	if needRegistry && c.Registry == nil {
		errs = append(errs, errors.New("registry is required"))
	}
	if c.PercentageOfNodesToScore < 0 || c.PercentageOfNodesToScore > 100 {
		errs = append(errs, fmt.Errorf("percentageOfNodesToScore %d not in [0, 100]", c.PercentageOfNodesToScore))
	}
	if c.Parallelism < 0 {
		errs = append(errs, fmt.Errorf("parallelism %d is negative", c.Parallelism))
	}
	if c.PodInitialBackoff < 0 || c.PodMaxBackoff < 0 || c.PodMaxInUnschedulablePodsDuration < 0 || c.AssumedPodTTL < 0 {
		errs = append(errs, errors.New("durations must not be negative"))
	}
	if c.PodMaxBackoff != 0 && c.PodMaxBackoff < c.initialBackoff() {
		errs = append(errs, fmt.Errorf("podMaxBackoff %v is less than podInitialBackoff %v", c.PodMaxBackoff, c.initialBackoff()))
	}
	seen := map[string]bool{}
	for i, p := range c.Profiles {
		name := p.name()
		if seen[name] {
			errs = append(errs, fmt.Errorf("profiles[%d]: duplicate schedulerName %q", i, name))
		}
		seen[name] = true
		if v := p.PercentageOfNodesToScore; v != nil && (*v < 0 || *v > 100) {
			errs = append(errs, fmt.Errorf("profiles[%d]: percentageOfNodesToScore %d not in [0, 100]", i, *v))
		}
	}
	if len(errs) != 0 {
		return fmt.Errorf("scheduler config: %w: %w", errdefs.ErrInvalid, errors.Join(errs...))
	}
	return nil
}

func (p *Profile) name() string {
	if p.SchedulerName == "" {
		return apiobj.DefaultSchedulerName
	}
	return p.SchedulerName
}

func (c *Config) initialBackoff() time.Duration {
	if c.PodInitialBackoff == 0 {
		return DefaultPodInitialBackoff
	}
	return c.PodInitialBackoff
}

func (c *Config) maxBackoff() time.Duration {
	if c.PodMaxBackoff == 0 {
		return DefaultPodMaxBackoff
	}
	return c.PodMaxBackoff
}

func orDefault(d, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return d
}

// APIVersion and Kind of the configuration file LoadConfig reads.
const (
	ConfigAPIVersion = "kubescheduler.config.k8s.io/v1"
	ConfigKind       = "KubeSchedulerConfiguration"
)

// fileConfig is KubeSchedulerConfiguration v1, the parts the scheduler
// core uses; the fields that belong to a process (client connection,
// leader election, serving addresses) are accepted and ignored.
type fileConfig struct {
	APIVersion               string     `json:"apiVersion"`
	Kind                     string     `json:"kind"`
	Parallelism              *int32     `json:"parallelism,omitempty"`
	PercentageOfNodesToScore *int32     `json:"percentageOfNodesToScore,omitempty"`
	PodInitialBackoffSeconds *int64     `json:"podInitialBackoffSeconds,omitempty"`
	PodMaxBackoffSeconds     *int64     `json:"podMaxBackoffSeconds,omitempty"`
	Profiles                 []Profile  `json:"profiles,omitempty"`
	Extenders                []struct{} `json:"extenders,omitempty"`

	LeaderElection         json.RawMessage `json:"leaderElection,omitempty"`
	ClientConnection       json.RawMessage `json:"clientConnection,omitempty"`
	HealthzBindAddress     json.RawMessage `json:"healthzBindAddress,omitempty"`
	MetricsBindAddress     json.RawMessage `json:"metricsBindAddress,omitempty"`
	EnableProfiling        json.RawMessage `json:"enableProfiling,omitempty"`
	EnableContentionProf   json.RawMessage `json:"enableContentionProfiling,omitempty"`
	DelayCacheUntilActive  json.RawMessage `json:"delayCacheUntilActive,omitempty"`
	DebuggingConfiguration json.RawMessage `json:"debuggingConfiguration,omitempty"`
}

// LoadConfig reads a KubeSchedulerConfiguration v1 document (YAML or
// JSON) into a Config: profiles (schedulerName, plugins per extension
// point with enabled/disabled and weights, multiPoint, pluginConfig args
// as raw JSON, percentageOfNodesToScore), parallelism,
// percentageOfNodesToScore and the pod backoff bounds. Unknown fields are
// errors. The caller then sets Registry, DefaultPlugins and the adapter
// fields. Errors wrap errdefs.ErrInvalid.
func LoadConfig(data []byte) (Config, error) {
	var fc fileConfig
	if err := yaml.UnmarshalStrict(data, &fc); err != nil {
		return Config{}, fmt.Errorf("scheduler config: %w: %v", errdefs.ErrInvalid, err)
	}
	if fc.APIVersion != ConfigAPIVersion || fc.Kind != ConfigKind {
		return Config{}, fmt.Errorf("scheduler config: %w: want apiVersion %q kind %q, got %q %q",
			errdefs.ErrInvalid, ConfigAPIVersion, ConfigKind, fc.APIVersion, fc.Kind)
	}
	if len(fc.Extenders) != 0 {
		return Config{}, fmt.Errorf("scheduler config: %w: extenders are not supported", errdefs.ErrInvalid)
	}
	var c Config
	if fc.Parallelism != nil {
		c.Parallelism = int(*fc.Parallelism)
	}
	if fc.PercentageOfNodesToScore != nil {
		c.PercentageOfNodesToScore = *fc.PercentageOfNodesToScore
	}
	if fc.PodInitialBackoffSeconds != nil {
		if *fc.PodInitialBackoffSeconds <= 0 {
			return Config{}, fmt.Errorf("scheduler config: %w: podInitialBackoffSeconds must be positive", errdefs.ErrInvalid)
		}
		c.PodInitialBackoff = time.Duration(*fc.PodInitialBackoffSeconds) * time.Second
	}
	if fc.PodMaxBackoffSeconds != nil {
		if *fc.PodMaxBackoffSeconds <= 0 {
			return Config{}, fmt.Errorf("scheduler config: %w: podMaxBackoffSeconds must be positive", errdefs.ErrInvalid)
		}
		c.PodMaxBackoff = time.Duration(*fc.PodMaxBackoffSeconds) * time.Second
	}
	c.Profiles = fc.Profiles
	for i := range c.Profiles {
		for j, pc := range c.Profiles[i].PluginConfig {
			if pc.Name == "" {
				return Config{}, fmt.Errorf("scheduler config: %w: profiles[%d].pluginConfig[%d]: name is required", errdefs.ErrInvalid, i, j)
			}
		}
	}
	if err := c.validate(false); err != nil {
		return Config{}, err
	}
	return c, nil
}

// mergePlugins merges custom into defaults, point by point, as
// kube-scheduler does: defaults stay in order unless disabled ("*"
// disables all); a custom enabled plugin that is also a default replaces
// it in place (taking its weight); the other custom plugins follow.
func mergePlugins(defaults, custom *framework.Plugins) framework.Plugins {
	var d, c framework.Plugins
	if defaults != nil {
		d = *defaults
	}
	if custom != nil {
		c = *custom
	}
	var out framework.Plugins
	for _, p := range pointSets(&out) {
		*p.set = mergePluginSet(*p.pick(&d), *p.pick(&c))
	}
	return out
}

type pointSet struct {
	point string
	set   *framework.PluginSet
	pick  func(*framework.Plugins) *framework.PluginSet
}

// pointSets lists the extension points of p in running order, with
// MultiPoint last.
func pointSets(p *framework.Plugins) []pointSet {
	return []pointSet{
		{"PreEnqueue", &p.PreEnqueue, func(x *framework.Plugins) *framework.PluginSet { return &x.PreEnqueue }},
		{"QueueSort", &p.QueueSort, func(x *framework.Plugins) *framework.PluginSet { return &x.QueueSort }},
		{"PreFilter", &p.PreFilter, func(x *framework.Plugins) *framework.PluginSet { return &x.PreFilter }},
		{"Filter", &p.Filter, func(x *framework.Plugins) *framework.PluginSet { return &x.Filter }},
		{"PostFilter", &p.PostFilter, func(x *framework.Plugins) *framework.PluginSet { return &x.PostFilter }},
		{"PreScore", &p.PreScore, func(x *framework.Plugins) *framework.PluginSet { return &x.PreScore }},
		{"Score", &p.Score, func(x *framework.Plugins) *framework.PluginSet { return &x.Score }},
		{"Reserve", &p.Reserve, func(x *framework.Plugins) *framework.PluginSet { return &x.Reserve }},
		{"Permit", &p.Permit, func(x *framework.Plugins) *framework.PluginSet { return &x.Permit }},
		{"PreBind", &p.PreBind, func(x *framework.Plugins) *framework.PluginSet { return &x.PreBind }},
		{"Bind", &p.Bind, func(x *framework.Plugins) *framework.PluginSet { return &x.Bind }},
		{"PostBind", &p.PostBind, func(x *framework.Plugins) *framework.PluginSet { return &x.PostBind }},
		{"MultiPoint", &p.MultiPoint, func(x *framework.Plugins) *framework.PluginSet { return &x.MultiPoint }},
	}
}

func mergePluginSet(def, custom framework.PluginSet) framework.PluginSet {
	disabled := map[string]bool{}
	for _, p := range custom.Disabled {
		disabled[p.Name] = true
	}
	customIdx := map[string]int{}
	for i, p := range custom.Enabled {
		customIdx[p.Name] = i
	}
	replaced := map[int]bool{}
	out := framework.PluginSet{Disabled: append([]framework.PluginRef(nil), custom.Disabled...)}
	if !disabled["*"] {
		for _, p := range def.Enabled {
			if disabled[p.Name] {
				continue
			}
			if i, ok := customIdx[p.Name]; ok {
				p = custom.Enabled[i]
				replaced[i] = true
			}
			out.Enabled = append(out.Enabled, p)
		}
	}
	for i, p := range custom.Enabled {
		if !replaced[i] {
			out.Enabled = append(out.Enabled, p)
		}
	}
	return out
}
