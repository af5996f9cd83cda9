package fake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Behavior is what a simulated container does once started. The zero value
// runs until stopped, starts at once, exits at once on SIGTERM, is ready, and
// uses nothing.
type Behavior struct {
	// StartDelay is how long the container stays CREATED after
	// StartContainer; StartContainer returns once it is RUNNING.
	StartDelay time.Duration
	// Exit makes the container exit by itself, ExitAfter after it started
	// running, with ExitCode. ExitReason is the reported reason; empty means
	// "Completed" for code 0 and "Error" otherwise.
	Exit       bool
	ExitAfter  time.Duration
	ExitCode   int32
	ExitReason string
	// StopDelay is how long the container takes to exit after SIGTERM
	// (StopContainer). If the stop timeout is shorter, it is killed when the
	// timeout ends and exits with 137. A container that exits within its
	// grace period exits with 0.
	StopDelay time.Duration
	// NotReady makes ExecSync commands that no rule matches fail (exit code
	// 1), as a failing exec readiness probe does. ReadyAfter does the same
	// until the container has run that long.
	NotReady   bool
	ReadyAfter time.Duration
	// Usage reported by the stats calls while the container runs.
	CPUNanoCores uint64
	MemoryBytes  uint64
	// Stdout and Stderr are lines written to the container's log file when it
	// starts (if it has one), stdout first.
	Stdout, Stderr []string
	// Exec scripts ExecSync: the first rule whose Command matches answers.
	Exec []ExecRule
}

// ExecRule is one scripted ExecSync answer.
type ExecRule struct {
	// Command must equal the exec'd command exactly. A rule without one
	// matches every command.
	Command  []string `json:"command,omitempty"`
	Stdout   string   `json:"stdout,omitempty"`
	Stderr   string   `json:"stderr,omitempty"`
	ExitCode int32    `json:"exitCode,omitempty"`
}

func (r ExecRule) matches(cmd []string) bool {
	if r.Command == nil {
		return true
	}
	if len(r.Command) != len(cmd) {
		return false
	}
	for i := range cmd {
		if r.Command[i] != cmd[i] {
			return false
		}
	}
	return true
}

// AnnotationPrefix starts every annotation the fake reads. An annotation key
// with this prefix that is not one of the keys below fails CreateContainer,
// so typos do not pass silently.
const AnnotationPrefix = "fake.orca.dev/"

// The annotations that choose a container's Behavior. Durations use Go syntax
// ("1.5s", "2m"); counts are decimal integers.
const (
	// AnnotationStartDelay sets StartDelay.
	AnnotationStartDelay = AnnotationPrefix + "start-delay"
	// AnnotationExitAfter sets Exit and ExitAfter.
	AnnotationExitAfter = AnnotationPrefix + "exit-after"
	// AnnotationExitCode sets Exit and ExitCode; without exit-after the
	// container exits as soon as it runs.
	AnnotationExitCode = AnnotationPrefix + "exit-code"
	// AnnotationExitReason sets ExitReason, e.g. "OOMKilled".
	AnnotationExitReason = AnnotationPrefix + "exit-reason"
	// AnnotationCrashLoop makes the container crash: "true" on every attempt,
	// or a count N to crash only attempts 0..N-1 (the CRI attempt number, which
	// the kubelet raises on each restart) and run normally from then on.
	// Crashing attempts exit after exit-after (default 1s) with exit-code
	// (default 1); those settings do not apply to attempts that do not crash.
	AnnotationCrashLoop = AnnotationPrefix + "crash-loop"
	// AnnotationStopDelay sets StopDelay. "1h" makes a container that
	// ignores SIGTERM.
	AnnotationStopDelay = AnnotationPrefix + "stop-delay"
	// AnnotationReady is "true" or "false"; "false" sets NotReady.
	AnnotationReady = AnnotationPrefix + "ready"
	// AnnotationReadyAfter sets ReadyAfter.
	AnnotationReadyAfter = AnnotationPrefix + "ready-after"
	// AnnotationCPUNanoCores sets CPUNanoCores: an integer count of
	// nanocores, or millicores with an "m" suffix ("250m").
	AnnotationCPUNanoCores = AnnotationPrefix + "cpu-nanocores"
	// AnnotationMemoryBytes sets MemoryBytes: an integer, optionally with a
	// binary (Ki, Mi, Gi) or decimal (k, M, G) suffix.
	AnnotationMemoryBytes = AnnotationPrefix + "memory-bytes"
	// AnnotationStdout and AnnotationStderr set Stdout and Stderr, one line
	// per line of the value.
	AnnotationStdout = AnnotationPrefix + "stdout"
	AnnotationStderr = AnnotationPrefix + "stderr"
	// AnnotationExec sets Exec, as a JSON list of rules:
	//	[{"command":["cat","/tmp/ready"],"exitCode":1},{"stdout":"ok\n"}]
	AnnotationExec = AnnotationPrefix + "exec"
)

const defaultCrashAfter = time.Second

// keys lists the annotation names without the prefix, in parse order.
var keys = [...]string{
	"start-delay", "exit-after", "exit-code", "exit-reason", "crash-loop", "stop-delay",
	"ready", "ready-after", "cpu-nanocores", "memory-bytes", "stdout", "stderr", "exec",
}

const (
	kStartDelay = iota
	kExitAfter
	kExitCode
	kExitReason
	kCrashLoop
	kStopDelay
	kReady
	kReadyAfter
	kCPU
	kMemory
	kStdout
	kStderr
	kExec
	numKeys
)

func keyIndex(name string) int {
	for i, k := range keys {
		if k == name {
			return i
		}
	}
	return -1
}

// annotationValues gathers the fake's annotations for one container, later
// sources overriding earlier ones: the pod's (sandbox) annotations
// "fake.orca.dev/KEY", then the pod's "NAME.fake.orca.dev/KEY" for container
// NAME, then the container's own "fake.orca.dev/KEY".
type annotationValues struct {
	val [numKeys]string
	set [numKeys]bool
}

func (v *annotationValues) add(m map[string]string, scope string) error {
	for k, val := range m {
		prefix, name, ok := strings.Cut(k, "/")
		if !ok || !strings.HasSuffix(prefix, "fake.orca.dev") {
			continue
		}
		if prefix != scope {
			continue
		}
		i := keyIndex(name)
		if i < 0 {
			return fmt.Errorf("unknown annotation %q (the fake knows %s)", k, strings.Join(keys[:], ", "))
		}
		v.val[i], v.set[i] = val, true
	}
	return nil
}

// parseBehavior reads the annotations that apply to container name (attempt
// attempt) into a Behavior.
func parseBehavior(name string, attempt uint32, pod, ctr map[string]string) (Behavior, error) {
	const host = "fake.orca.dev"
	var v annotationValues
	if err := v.add(pod, host); err != nil {
		return Behavior{}, err
	}
	if err := v.add(pod, name+"."+host); err != nil {
		return Behavior{}, err
	}
	if err := v.add(ctr, host); err != nil {
		return Behavior{}, err
	}
	var b Behavior
	var err error
	fail := func(i int, e error) error {
		return fmt.Errorf("annotation %s%s=%q: %w", AnnotationPrefix, keys[i], v.val[i], e)
	}
	dur := func(i int, d *time.Duration) {
		if err != nil || !v.set[i] {
			return
		}
		x, e := time.ParseDuration(v.val[i])
		if e == nil && x < 0 {
			e = fmt.Errorf("negative duration")
		}
		if e != nil {
			err = fail(i, e)
			return
		}
		*d = x
	}
	dur(kStartDelay, &b.StartDelay)
	dur(kExitAfter, &b.ExitAfter)
	dur(kStopDelay, &b.StopDelay)
	dur(kReadyAfter, &b.ReadyAfter)
	if err != nil {
		return Behavior{}, err
	}
	b.Exit = v.set[kExitAfter] || v.set[kExitCode]
	if v.set[kExitCode] {
		c, e := strconv.ParseInt(v.val[kExitCode], 10, 32)
		if e != nil {
			return Behavior{}, fail(kExitCode, e)
		}
		b.ExitCode = int32(c)
	}
	b.ExitReason = v.val[kExitReason]
	if v.set[kCrashLoop] {
		crash, e := crashes(v.val[kCrashLoop], attempt)
		if e != nil {
			return Behavior{}, fail(kCrashLoop, e)
		}
		b.Exit = crash
		if !crash {
			b.ExitAfter, b.ExitCode, b.ExitReason = 0, 0, ""
		} else {
			if !v.set[kExitAfter] {
				b.ExitAfter = defaultCrashAfter
			}
			if !v.set[kExitCode] {
				b.ExitCode = 1
			}
		}
	}
	if v.set[kReady] {
		r, e := strconv.ParseBool(v.val[kReady])
		if e != nil {
			return Behavior{}, fail(kReady, e)
		}
		b.NotReady = !r
	}
	if v.set[kCPU] {
		if b.CPUNanoCores, err = parseNanoCores(v.val[kCPU]); err != nil {
			return Behavior{}, fail(kCPU, err)
		}
	}
	if v.set[kMemory] {
		if b.MemoryBytes, err = parseBytes(v.val[kMemory]); err != nil {
			return Behavior{}, fail(kMemory, err)
		}
	}
	b.Stdout = splitLines(v.val[kStdout])
	b.Stderr = splitLines(v.val[kStderr])
	if v.set[kExec] {
		d := json.NewDecoder(bytes.NewReader([]byte(v.val[kExec])))
		d.DisallowUnknownFields()
		if err := d.Decode(&b.Exec); err != nil {
			return Behavior{}, fail(kExec, err)
		}
	}
	return b, nil
}

// crashes reports whether attempt crashes under crash-loop value s.
func crashes(s string, attempt uint32) (bool, error) {
	if b, err := strconv.ParseBool(s); err == nil {
		return b, nil
	}
	n, err := strconv.ParseUint(s, 10, 32)
	if err != nil {
		return false, fmt.Errorf("want true, false or a count of attempts")
	}
	return uint64(attempt) < n, nil
}

func parseNanoCores(s string) (uint64, error) {
	mult := uint64(1)
	if m, ok := strings.CutSuffix(s, "m"); ok {
		s, mult = m, 1_000_000
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, err
	}
	return n * mult, nil
}

func parseBytes(s string) (uint64, error) {
	suffixes := []struct {
		s string
		m uint64
	}{
		{"Ki", 1 << 10}, {"Mi", 1 << 20}, {"Gi", 1 << 30}, {"Ti", 1 << 40},
		{"k", 1e3}, {"M", 1e6}, {"G", 1e9}, {"T", 1e12},
	}
	mult := uint64(1)
	for _, x := range suffixes {
		if v, ok := strings.CutSuffix(s, x.s); ok {
			s, mult = v, x.m
			break
		}
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, err
	}
	return n * mult, nil
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}
