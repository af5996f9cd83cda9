package process

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"github.com/orcaproj/orca/errdefs"
)

// Network sets up and tears down a pod's network inside a network namespace
// that the runtime created for it. The cni package provides one; tests may use
// NetworkFuncs.
//
// SetUp is called once per sandbox, after the namespace exists, and returns
// the pod's primary IP (empty if the pod has none). TearDown is called when
// the sandbox stops and must be idempotent: it may be called again after a
// runtime restart, or for a sandbox whose SetUp failed half way. Both may be
// called concurrently for different sandboxes.
type Network interface {
	SetUp(ctx context.Context, sandboxID, netnsPath string) (ip string, err error)
	TearDown(ctx context.Context, sandboxID, netnsPath string) error
}

// NetworkFuncs adapts two functions to Network. A nil TearDown does nothing.
type NetworkFuncs struct {
	SetUpFunc    func(ctx context.Context, sandboxID, netnsPath string) (string, error)
	TearDownFunc func(ctx context.Context, sandboxID, netnsPath string) error
}

// SetUp calls f.SetUpFunc.
func (f NetworkFuncs) SetUp(ctx context.Context, sandboxID, netnsPath string) (string, error) {
	return f.SetUpFunc(ctx, sandboxID, netnsPath)
}

// TearDown calls f.TearDownFunc if it is set.
func (f NetworkFuncs) TearDown(ctx context.Context, sandboxID, netnsPath string) error {
	if f.TearDownFunc == nil {
		return nil
	}
	return f.TearDownFunc(ctx, sandboxID, netnsPath)
}

// Config configures a Runtime. The zero value of every field except RootDir
// is a documented default.
type Config struct {
	// RootDir holds the runtime's state: <RootDir>/sandboxes/<id>/sandbox.json,
	// <RootDir>/sandboxes/<id>/containers/<id>/{container.json,work/}, the
	// image list and pod network namespaces. A Runtime started on the same
	// RootDir finds the sandboxes and containers of the previous one. Only one
	// Runtime may use a RootDir at a time. Required.
	RootDir string

	// Network, when set and the runtime runs as root, gives every pod that
	// does not ask for the host network its own network namespace, set up
	// through this hook. Nil, or not root: pods share the host network and
	// report the host IP.
	Network Network

	// HostIP is the IP that pods on the host network report. Empty: the
	// address of the first non-loopback interface that is up, or 127.0.0.1.
	HostIP string

	// CgroupRoot is the mount point of the cgroup v2 hierarchy. Empty:
	// /sys/fs/cgroup if it is cgroup2, else /sys/fs/cgroup/unified.
	CgroupRoot string
	// CgroupParent is the cgroup, relative to CgroupRoot, under which the
	// runtime makes one cgroup per container. Empty: "orca-process".
	CgroupParent string
	// DisableCgroups turns cgroups off even where they are writable.
	DisableCgroups bool

	// StreamingAddr is the TCP address of the streaming server that serves
	// the URLs Exec, Attach and PortForward return. Empty: "127.0.0.1:0".
	StreamingAddr string
	// StreamTokenTTL is how long a streaming URL stays valid before it is
	// used. Zero: one minute.
	StreamTokenTTL time.Duration

	// MaxLogLineSize is the longest log entry; longer lines are split into
	// partial (P) entries. Zero: 16 KiB.
	MaxLogLineSize int
	// LogDrainTimeout bounds how long the runtime waits, after a container's
	// main process and its process group have exited, for output still held
	// by processes that left the group. Zero: 2 seconds.
	LogDrainTimeout time.Duration

	// DefaultPath is the PATH a container gets when its config sets none, and
	// the search path for its command. Empty:
	// /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin.
	DefaultPath string

	// Logger receives the runtime's own diagnostics. Nil: slog.Default().
	Logger *slog.Logger
}

const (
	defaultCgroupParent    = "orca-process"
	defaultStreamingAddr   = "127.0.0.1:0"
	defaultStreamTokenTTL  = time.Minute
	defaultMaxLogLineSize  = 16 << 10
	defaultLogDrainTimeout = 2 * time.Second
	defaultPath            = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
)

// Validate reports whether c can be used. It does not touch the file system.
func (c Config) Validate() error {
	var errs []error
	if c.RootDir == "" {
		errs = append(errs, errors.New("RootDir is required"))
	}
	if c.CgroupParent != "" && (filepath.IsAbs(c.CgroupParent) || strings.Contains(c.CgroupParent, "..")) {
		errs = append(errs, fmt.Errorf("CgroupParent %q must be a relative path without ..", c.CgroupParent))
	}
	if c.MaxLogLineSize < 0 {
		errs = append(errs, fmt.Errorf("MaxLogLineSize %d must not be negative", c.MaxLogLineSize))
	}
	if c.LogDrainTimeout < 0 || c.StreamTokenTTL < 0 {
		errs = append(errs, errors.New("durations must not be negative"))
	}
	if len(errs) > 0 {
		return fmt.Errorf("process: invalid config: %w: %w", errdefs.ErrInvalid, errors.Join(errs...))
	}
	return nil
}

func (c Config) withDefaults() Config {
	if c.CgroupParent == "" {
		c.CgroupParent = defaultCgroupParent
	}
	if c.StreamingAddr == "" {
		c.StreamingAddr = defaultStreamingAddr
	}
	if c.StreamTokenTTL == 0 {
		c.StreamTokenTTL = defaultStreamTokenTTL
	}
	if c.MaxLogLineSize == 0 {
		c.MaxLogLineSize = defaultMaxLogLineSize
	}
	if c.LogDrainTimeout == 0 {
		c.LogDrainTimeout = defaultLogDrainTimeout
	}
	if c.DefaultPath == "" {
		c.DefaultPath = defaultPath
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c
}
