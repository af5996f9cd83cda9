// Package runtimetest is the conformance suite for CRI runtimes: every
// cri.Runtime that orca ships or talks to (cri/fake, cri/process, containerd
// through cri/remote) must pass it. It checks the parts of CRI the kubelet
// relies on: version and status, sandbox and container lifecycles with their
// states, timestamps, exit codes and reasons, list filters, the kept labels
// and annotations, name reservation, stop timeouts, ExecSync, the CRI log
// format, stats, cascading removal, idempotent Stop and Remove, and images.
//
// A runtime's test calls Run with a constructor and Options that say what it
// supports and how to make its containers behave:
//
//	func TestConformance(t *testing.T) {
//		runtimetest.Run(t, func(t *testing.T) cri.Runtime {
//			srv := newServer(t) // one per subtest; it cleans up with t.Cleanup
//			return cri.InProcess(srv)
//		}, runtimetest.Options{
//			Image:       "localhost/orca/busybox:1.35",
//			Container:   shellWorkload, // sets Command from a Workload
//			ExecCommand: shellExec,
//			Logs:        true, StopTimeout: true, Stats: true,
//		})
//	}
//
// What a runtime does not support is skipped with a message naming the
// Option, never passed silently. Subtests run in parallel unless
// Options.Serial is set; each gets its own runtime from the constructor, and
// labels its objects so that runtimes shared between subtests (one
// containerd) do not confuse them. Timestamps are checked against the wall
// clock, so the runtime under test must use real time.
package runtimetest
