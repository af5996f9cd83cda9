package process

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"

	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/cri"
	"github.com/orcaproj/orca/cri/runtimetest"
)

// shellWorkload makes a container behave as w asks, with /bin/sh, echo and
// sleep from the host.
func shellWorkload(w runtimetest.Workload, c *runtimev1.ContainerConfig) {
	script := `trap "exit 0" TERM; `
	if w.IgnoreSIGTERM {
		script = `trap "" TERM; `
	}
	for _, l := range w.Stdout {
		script += "echo " + shellQuote(l) + "; "
	}
	for _, l := range w.Stderr {
		script += "echo " + shellQuote(l) + " >&2; "
	}
	if w.Exit {
		script += fmt.Sprintf("exit %d", w.ExitCode)
	} else {
		script += "while :; do sleep 1; done"
	}
	c.Command = []string{"/bin/sh", "-c", script}
}

func shellExec(stdout string, code int32) []string {
	return []string{"/bin/sh", "-c", fmt.Sprintf("printf '%%s' %s; exit %d", shellQuote(stdout), code)}
}

// shellQuote quotes s for sh in single quotes; a quote inside s ends the
// quoting, is escaped, and starts it again.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func conformanceOptions() runtimetest.Options {
	return runtimetest.Options{
		Image:          "localhost/orca/busybox:1.35",
		RemovableImage: "localhost/orca/removable:1",
		Container:      shellWorkload,
		ExecCommand:    shellExec,
		Streaming:      true,
		Logs:           true,
		StopTimeout:    true,
		Stats:          true,
	}
}

// TestConformance runs the CRI conformance suite with pods on the host
// network.
func TestConformance(t *testing.T) {
	t.Parallel()
	runtimetest.Run(t, func(t *testing.T) cri.Runtime {
		return cri.InProcess(newTestRuntime(t))
	}, conformanceOptions())
}

// ipam hands out one IP per sandbox, standing in for the cni package.
type ipam struct {
	mu   sync.Mutex
	next int
}

func (a *ipam) SetUp(ctx context.Context, id, ns string) (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.next++
	return "10.88." + strconv.Itoa(a.next/250) + "." + strconv.Itoa(a.next%250+2), nil
}

func (a *ipam) TearDown(ctx context.Context, id, ns string) error { return nil }

// TestConformancePodNetwork runs the suite again with a network namespace
// per pod (root only), where each sandbox must have an IP of its own.
func TestConformancePodNetwork(t *testing.T) {
	t.Parallel()
	requireNetNS(t)
	opts := conformanceOptions()
	opts.SandboxIP = true
	runtimetest.Run(t, func(t *testing.T) cri.Runtime {
		return cri.InProcess(newTestRuntime(t, func(c *Config) { c.Network = &ipam{} }))
	}, opts)
}
