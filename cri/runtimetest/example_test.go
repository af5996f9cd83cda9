package runtimetest_test

import (
	"fmt"

	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/cri/runtimetest"
)

// Options for a runtime that runs host commands through a shell, as
// cri/process does. A test passes them to runtimetest.Run with a
// constructor; Skipped says which parts of the suite will not run.
func Example() {
	opts := runtimetest.Options{
		Image: "localhost/orca/busybox:1.35",
		Container: func(w runtimetest.Workload, c *runtimev1.ContainerConfig) {
			script := ""
			if w.IgnoreSIGTERM {
				script += `trap "" TERM; `
			} else {
				script += `trap "exit 0" TERM; `
			}
			for _, l := range w.Stdout {
				script += fmt.Sprintf("echo %q; ", l)
			}
			for _, l := range w.Stderr {
				script += fmt.Sprintf("echo %q >&2; ", l)
			}
			if w.Exit {
				script += fmt.Sprintf("exit %d", w.ExitCode)
			} else {
				script += "while :; do sleep 1; done"
			}
			c.Command = []string{"/bin/sh", "-c", script}
		},
		ExecCommand: func(stdout string, code int32) []string {
			return []string{"/bin/sh", "-c", fmt.Sprintf("printf '%%s' %q; exit %d", stdout, code)}
		},
		Logs:        true,
		StopTimeout: true,
		Streaming:   true,
	}
	// In a test: runtimetest.Run(t, newRuntime, opts)
	for _, s := range opts.Skipped() {
		fmt.Println(s)
	}
	// Output:
	// Images: removal (Options.RemovableImage is empty)
	// Stats (Options.Stats is false)
	// Sandbox/Network (Options.SandboxIP is false)
}
