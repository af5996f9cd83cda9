package process

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/cri"
	"github.com/orcaproj/orca/errdefs"
)

func TestConfigValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  Config
		ok   bool
	}{
		{"minimal", Config{RootDir: "/tmp/x"}, true},
		{"no root", Config{}, false},
		{"absolute cgroup parent", Config{RootDir: "/x", CgroupParent: "/abs"}, false},
		{"escaping cgroup parent", Config{RootDir: "/x", CgroupParent: "a/../../b"}, false},
		{"negative line size", Config{RootDir: "/x", MaxLogLineSize: -1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			if (err == nil) != tt.ok {
				t.Fatalf("Validate() = %v, want ok=%v", err, tt.ok)
			}
			if err != nil && !errors.Is(err, errdefs.ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
		})
	}
}

func TestLifecycle(t *testing.T) {
	t.Parallel()
	r := newTestRuntime(t)
	ctx := context.Background()
	sb, sbCfg := runSandbox(t, r, "life")
	cfg := containerConfig("c", "/bin/sh", "-c", `echo "hello $GREETING from $(pwd)"`)
	cfg.Envs = []*runtimev1.KeyValue{{Key: "GREETING", Value: []byte("world")}}
	id := createContainer(t, r, sb, sbCfg, cfg)

	st := containerStatus(t, r, id)
	if st.State != runtimev1.ContainerState_CONTAINER_CREATED || st.CreatedAt == 0 || st.StartedAt != 0 {
		t.Fatalf("after create: %v", st)
	}
	if _, err := r.StartContainer(ctx, &runtimev1.StartContainerRequest{ContainerId: id}); err != nil {
		t.Fatal(err)
	}
	st = waitExited(t, r, id)
	if st.ExitCode != 0 || st.Reason != cri.ReasonCompleted || st.StartedAt < st.CreatedAt || st.FinishedAt < st.StartedAt {
		t.Fatalf("after exit: %v", st)
	}
	wantDir := r.containerDir(sb, id)
	if got := logText(readLog(t, st.LogPath), runtimev1.Stdout); got != "hello world from "+wantDir+"\n" {
		t.Fatalf("log = %q", got)
	}
	if want := filepath.Join(sbCfg.LogDirectory, "c.log"); st.LogPath != want {
		t.Fatalf("LogPath = %q, want %q", st.LogPath, want)
	}
	// Starting twice is refused.
	_, err := r.StartContainer(ctx, &runtimev1.StartContainerRequest{ContainerId: id})
	if status.Code(err) != codes.FailedPrecondition {
		t.Fatalf("second start: %v", err)
	}
	// Stop and Remove are idempotent.
	for range 2 {
		if _, err := r.StopContainer(ctx, &runtimev1.StopContainerRequest{ContainerId: id}); err != nil {
			t.Fatal(err)
		}
	}
	for range 2 {
		if _, err := r.RemoveContainer(ctx, &runtimev1.RemoveContainerRequest{ContainerId: id}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(wantDir); !os.IsNotExist(err) {
		t.Fatalf("working dir not removed: %v", err)
	}
	_, err = r.ContainerStatus(ctx, &runtimev1.ContainerStatusRequest{ContainerId: id})
	if !errors.Is(err, errdefs.ErrNotFound) || status.Code(err) != codes.NotFound {
		t.Fatalf("status of removed container: %v", err)
	}
	for range 2 {
		if _, err := r.StopPodSandbox(ctx, &runtimev1.StopPodSandboxRequest{PodSandboxId: sb}); err != nil {
			t.Fatal(err)
		}
		if _, err := r.RemovePodSandbox(ctx, &runtimev1.RemovePodSandboxRequest{PodSandboxId: sb}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestExitCodes(t *testing.T) {
	t.Parallel()
	r := newTestRuntime(t)
	sb, sbCfg := runSandbox(t, r, "exits")
	tests := []struct {
		name   string
		script string
		code   int32
		reason string
	}{
		{"success", "true", 0, cri.ReasonCompleted},
		{"failure", "exit 3", 3, cri.ReasonError},
		{"killed", "kill -KILL $$", 137, cri.ReasonError},
		{"terminated", "kill -TERM $$", 143, cri.ReasonError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			id := startContainer(t, r, sb, sbCfg, containerConfig(tt.name, "/bin/sh", "-c", tt.script))
			st := waitExited(t, r, id)
			if st.ExitCode != tt.code || st.Reason != tt.reason {
				t.Fatalf("exit code %d reason %q, want %d %q", st.ExitCode, st.Reason, tt.code, tt.reason)
			}
		})
	}
}

func TestCreateErrors(t *testing.T) {
	t.Parallel()
	r := newTestRuntime(t)
	sb, sbCfg := runSandbox(t, r, "errs")
	ctx := context.Background()
	tests := []struct {
		name    string
		sandbox string
		cfg     *runtimev1.ContainerConfig
		code    codes.Code
	}{
		{"missing executable", sb, containerConfig("a", "no-such-binary-orca"), codes.InvalidArgument},
		{"no command", sb, containerConfig("b"), codes.InvalidArgument},
		{"no name", sb, &runtimev1.ContainerConfig{Command: []string{"true"}}, codes.InvalidArgument},
		{"unknown sandbox", "nope", containerConfig("c", "true"), codes.NotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := r.CreateContainer(ctx, &runtimev1.CreateContainerRequest{PodSandboxId: tt.sandbox, Config: tt.cfg, SandboxConfig: sbCfg})
			if status.Code(err) != tt.code {
				t.Fatalf("err = %v, want code %v", err, tt.code)
			}
		})
	}
	// A name is reserved until the container is removed.
	createContainer(t, r, sb, sbCfg, containerConfig("dup", "true"))
	_, err := r.CreateContainer(ctx, &runtimev1.CreateContainerRequest{PodSandboxId: sb, Config: containerConfig("dup", "true")})
	if !errors.Is(err, errdefs.ErrAlreadyExists) {
		t.Fatalf("duplicate name: %v", err)
	}
	// A start that fails leaves the container exited with StartError.
	dir := t.TempDir()
	script := filepath.Join(dir, "gone.sh")
	os.WriteFile(script, []byte("#!/bin/sh\n"), 0o755)
	id := createContainer(t, r, sb, sbCfg, containerConfig("gone", script))
	os.Remove(script)
	if _, err := r.StartContainer(ctx, &runtimev1.StartContainerRequest{ContainerId: id}); err == nil {
		t.Fatal("start of a removed executable succeeded")
	}
	st := containerStatus(t, r, id)
	if st.State != runtimev1.ContainerState_CONTAINER_EXITED || st.Reason != cri.ReasonStartError || st.ExitCode != startErrorExitCode {
		t.Fatalf("after failed start: %v", st)
	}
}

func TestWorkingDirAndMounts(t *testing.T) {
	t.Parallel()
	r := newTestRuntime(t)
	sb, sbCfg := runSandbox(t, r, "wd")
	host := t.TempDir()
	os.WriteFile(filepath.Join(host, "data"), []byte("from-host"), 0o644)

	cfg := containerConfig("own", "/bin/sh", "-c", "pwd; cat etc/config/data")
	cfg.Mounts = []*runtimev1.Mount{{ContainerPath: "/etc/config", HostPath: host}}
	id := startContainer(t, r, sb, sbCfg, cfg)
	st := waitExited(t, r, id)
	want := r.containerDir(sb, id) + "\nfrom-host"
	if got := logText(readLog(t, st.LogPath), runtimev1.Stdout); got != want {
		t.Fatalf("output %q, want %q", got, want)
	}

	cfg = containerConfig("given", "/bin/sh", "-c", "pwd")
	cfg.WorkingDir = host
	id = startContainer(t, r, sb, sbCfg, cfg)
	st = waitExited(t, r, id)
	if got := logText(readLog(t, st.LogPath), runtimev1.Stdout); got != host+"\n" {
		t.Fatalf("pwd = %q, want %q", got, host)
	}
}

func TestLogFormat(t *testing.T) {
	t.Parallel()
	r := newTestRuntime(t, func(c *Config) { c.MaxLogLineSize = 8 })
	sb, sbCfg := runSandbox(t, r, "logs")
	// A short line, a line of 20 bytes (split at 8), a line on stderr and a
	// last line without a newline.
	script := `echo short; echo 0123456789abcdefghij; echo oops >&2; printf tail`
	id := startContainer(t, r, sb, sbCfg, containerConfig("logger", "/bin/sh", "-c", script))
	st := waitExited(t, r, id)
	lines := readLog(t, st.LogPath)
	type entry struct {
		stream  runtimev1.LogStreamType
		partial bool
		content string
	}
	var got []entry
	var stdout []entry
	for _, l := range lines {
		if l.Time.IsZero() || time.Since(l.Time) > time.Minute {
			t.Fatalf("bad timestamp %v", l.Time)
		}
		e := entry{l.Stream, l.Partial, string(l.Content)}
		got = append(got, e)
		if l.Stream == runtimev1.Stdout {
			stdout = append(stdout, e)
		}
	}
	want := []entry{
		{runtimev1.Stdout, false, "short"},
		{runtimev1.Stdout, true, "01234567"},
		{runtimev1.Stdout, true, "89abcdef"},
		{runtimev1.Stdout, false, "ghij"},
		{runtimev1.Stdout, true, "tail"},
	}
	if len(stdout) != len(want) {
		t.Fatalf("stdout entries %v, want %v", stdout, want)
	}
	for i := range want {
		if stdout[i] != want[i] {
			t.Fatalf("stdout entry %d = %v, want %v (all: %v)", i, stdout[i], want[i], got)
		}
	}
	if logText(lines, runtimev1.Stderr) != "oops\n" {
		t.Fatalf("stderr entries: %v", got)
	}
	raw, _ := os.ReadFile(st.LogPath)
	for _, line := range strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n") {
		f := strings.SplitN(line, " ", 4)
		if len(f) != 4 {
			t.Fatalf("line %q has %d fields", line, len(f))
		}
		if _, err := time.Parse(time.RFC3339Nano, f[0]); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		if (f[1] != "stdout" && f[1] != "stderr") || (f[2] != "F" && f[2] != "P") {
			t.Fatalf("line %q: bad stream or tag", line)
		}
	}
}

func TestLineSplitter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		writes []string
		want   []string // "F:content" or "P:content"
	}{
		{"lines", []string{"a\nb\n"}, []string{"F:a", "F:b"}},
		{"split writes", []string{"ab", "c\nd", "e\n"}, []string{"F:abc", "F:de"}},
		{"long line", []string{"abcdefghij\n"}, []string{"P:abcd", "P:efgh", "F:ij"}},
		{"long in pieces", []string{"abc", "def", "gh\n"}, []string{"P:abcd", "F:efgh"}},
		{"exactly max", []string{"abcd", "\n"}, []string{"F:abcd"}},
		{"max then more", []string{"abcd", "e\n"}, []string{"P:abcd", "F:e"}},
		{"tail", []string{"x\nyz"}, []string{"F:x", "P:yz"}},
		{"empty line", []string{"\n"}, []string{"F:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "log")
			lf, err := openLogFile(path)
			if err != nil {
				t.Fatal(err)
			}
			s := &lineSplitter{log: lf, stream: streamStdout, max: 4}
			for _, w := range tt.writes {
				s.Write([]byte(w))
			}
			s.flush()
			lf.close()
			var got []string
			for _, l := range readLog(t, path) {
				tag := "F:"
				if l.Partial {
					tag = "P:"
				}
				got = append(got, tag+string(l.Content))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("entries %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReopenContainerLog(t *testing.T) {
	t.Parallel()
	r := newTestRuntime(t)
	sb, sbCfg := runSandbox(t, r, "rotate")
	id := startContainer(t, r, sb, sbCfg, containerConfig("rot", "/bin/sh", "-c",
		`echo first; while [ ! -e next ]; do sleep 0.01; done; echo second; while :; do sleep 1; done`))
	st := containerStatus(t, r, id)
	waitLogContains(t, st.LogPath, "first")
	if err := os.Rename(st.LogPath, st.LogPath+".1"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.ReopenContainerLog(context.Background(), &runtimev1.ReopenContainerLogRequest{ContainerId: id}); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(r.containerDir(sb, id), "next"), nil, 0o644)
	waitLogContains(t, st.LogPath, "second")
	if b, _ := os.ReadFile(st.LogPath); strings.Contains(string(b), "first") {
		t.Fatalf("new log holds old lines: %q", b)
	}
}

// TestStopSignals covers StopContainer: a process that exits on SIGTERM
// stops within the grace period with its own code; one that ignores SIGTERM
// is killed with SIGKILL once the grace period is over; timeout 0 kills at
// once; and children in the process group die too.
func TestStopSignals(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		script  string
		timeout int64
		code    int32
		minWait time.Duration
	}{
		{"handles TERM", `trap 'exit 7' TERM; echo ready; sleep 1000 & wait`, 30, 7, 0},
		{"ignores TERM", `trap '' TERM; echo ready; sleep 1000 & wait; sleep 1000 & wait`, 1, 137, time.Second},
		{"no grace", `trap '' TERM; echo ready; sleep 1000 & wait`, 0, 137, 0},
	}
	r := newTestRuntime(t)
	sb, sbCfg := runSandbox(t, r, "stop")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			id := startContainer(t, r, sb, sbCfg, containerConfig(strings.ReplaceAll(tt.name, " ", "-"), "/bin/sh", "-c", tt.script))
			st := containerStatus(t, r, id)
			waitLogContains(t, st.LogPath, "ready")
			pid := pidOf(r, id)
			start := time.Now()
			if _, err := r.StopContainer(context.Background(), &runtimev1.StopContainerRequest{ContainerId: id, Timeout: tt.timeout}); err != nil {
				t.Fatal(err)
			}
			took := time.Since(start)
			st = containerStatus(t, r, id)
			if st.State != runtimev1.ContainerState_CONTAINER_EXITED || st.ExitCode != tt.code {
				t.Fatalf("after stop: state %v code %d, want exited %d", st.State, st.ExitCode, tt.code)
			}
			if took < tt.minWait || took > 10*time.Second {
				t.Fatalf("stop took %v, want at least %v", took, tt.minWait)
			}
			if m := groupMembers(pid); len(m) != 0 {
				t.Fatalf("process group %d still has %v", pid, m)
			}
		})
	}
}

func TestExecSync(t *testing.T) {
	t.Parallel()
	r := newTestRuntime(t)
	sb, sbCfg := runSandbox(t, r, "exec")
	cfg := containerConfig("sleeper", "/bin/sh", "-c", "while :; do sleep 1; done")
	cfg.Envs = []*runtimev1.KeyValue{{Key: "WHO", Value: []byte("container")}}
	id := startContainer(t, r, sb, sbCfg, cfg)
	dir := r.containerDir(sb, id)
	tests := []struct {
		name   string
		cmd    []string
		stdout string
		stderr string
		code   int32
	}{
		{"env and dir", []string{"/bin/sh", "-c", `echo $WHO; pwd`}, "container\n" + dir + "\n", "", 0},
		{"stderr and code", []string{"sh", "-c", "echo bad >&2; exit 4"}, "", "bad\n", 4},
		{"path lookup", []string{"echo", "hi"}, "hi\n", "", 0},
		{"not found", []string{"no-such-binary-orca"}, "", "", 127},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			resp, err := r.ExecSync(context.Background(), &runtimev1.ExecSyncRequest{ContainerId: id, Cmd: tt.cmd, Timeout: 10})
			if err != nil {
				t.Fatal(err)
			}
			if resp.ExitCode != tt.code || string(resp.Stdout) != tt.stdout || (tt.stderr != "" && string(resp.Stderr) != tt.stderr) {
				t.Fatalf("got code %d stdout %q stderr %q", resp.ExitCode, resp.Stdout, resp.Stderr)
			}
		})
	}
	t.Run("timeout", func(t *testing.T) {
		t.Parallel()
		start := time.Now()
		_, err := r.ExecSync(context.Background(), &runtimev1.ExecSyncRequest{ContainerId: id, Cmd: []string{"sleep", "30"}, Timeout: 1})
		if status.Code(err) != codes.DeadlineExceeded {
			t.Fatalf("err = %v, want DeadlineExceeded", err)
		}
		if took := time.Since(start); took < time.Second || took > 10*time.Second {
			t.Fatalf("timed out after %v", took)
		}
	})
	t.Run("not running", func(t *testing.T) {
		t.Parallel()
		other := startContainer(t, r, sb, sbCfg, containerConfig("done", "true"))
		waitExited(t, r, other)
		_, err := r.ExecSync(context.Background(), &runtimev1.ExecSyncRequest{ContainerId: other, Cmd: []string{"true"}})
		if status.Code(err) != codes.FailedPrecondition {
			t.Fatalf("err = %v", err)
		}
	})
}

// TestRestartAdopts closes a runtime while a container runs and opens a new
// one on the same root: the container is found running with the same pid,
// not started again, keeps logging, and its exit is recorded.
func TestRestartAdopts(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	parent := testCgroupParent()
	t.Cleanup(func() { killRecorded(root) })
	r1, err := newServer(Config{RootDir: root, CgroupParent: parent, Logger: quietLogger})
	if err != nil {
		t.Fatal(err)
	}
	sb, sbCfg := runSandbox(t, r1, "adopt")
	id := startContainer(t, r1, sb, sbCfg, containerConfig("survivor", "/bin/sh", "-c",
		`echo before; while [ ! -e go ]; do sleep 0.01; done; echo after; exit 5`))
	exitedOnce := createContainer(t, r1, sb, sbCfg, containerConfig("short", "true"))
	r1.StartContainer(context.Background(), &runtimev1.StartContainerRequest{ContainerId: exitedOnce})
	waitExited(t, r1, exitedOnce)
	st1 := containerStatus(t, r1, id)
	waitLogContains(t, st1.LogPath, "before")
	pid := pidOf(r1, id)
	if _, err := New(Config{RootDir: root, Logger: quietLogger}); !errors.Is(err, errdefs.ErrConflict) {
		t.Fatalf("second runtime on a root in use: %v", err)
	}
	r1.Close()

	r2 := newTestRuntime(t, func(c *Config) { c.RootDir = root; c.CgroupParent = parent })
	list, err := r2.ListContainers(context.Background(), &runtimev1.ListContainersRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Containers) != 2 {
		t.Fatalf("found %d containers, want 2", len(list.Containers))
	}
	st2 := containerStatus(t, r2, id)
	if st2.State != runtimev1.ContainerState_CONTAINER_RUNNING || st2.StartedAt != st1.StartedAt {
		t.Fatalf("adopted status %v", st2)
	}
	if got := pidOf(r2, id); got != pid {
		t.Fatalf("pid %d after restart, want %d", got, pid)
	}
	if st := containerStatus(t, r2, exitedOnce); st.State != runtimev1.ContainerState_CONTAINER_EXITED || st.Reason != cri.ReasonCompleted {
		t.Fatalf("exited container after restart: %v", st)
	}
	sbs, _ := r2.ListPodSandbox(context.Background(), &runtimev1.ListPodSandboxRequest{})
	if len(sbs.Items) != 1 || sbs.Items[0].State != runtimev1.PodSandboxState_SANDBOX_READY {
		t.Fatalf("sandboxes after restart: %v", sbs.Items)
	}
	// Still one shell in the container's process group: nothing was
	// started twice.
	if m := groupMembers(pid); len(m) < 1 || len(m) > 2 {
		t.Fatalf("process group %d has %v", pid, m)
	}
	os.WriteFile(filepath.Join(r2.containerDir(sb, id), "go"), nil, 0o644)
	st2 = waitExited(t, r2, id)
	if st2.ExitCode != 5 || st2.Reason != cri.ReasonError {
		t.Fatalf("exit after restart: %v", st2)
	}
	if got := logText(readLog(t, st2.LogPath), runtimev1.Stdout); got != "before\nafter\n" {
		t.Fatalf("log across restart %q", got)
	}
}

// TestRestartLostProcess covers a record that names a process that is gone
// (or a pid reused by another process): it is reported exited, Unknown.
func TestRestartLostProcess(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	r1, err := newServer(Config{RootDir: root, DisableCgroups: true, Logger: quietLogger})
	if err != nil {
		t.Fatal(err)
	}
	sb, sbCfg := runSandbox(t, r1, "lost")
	id := createContainer(t, r1, sb, sbCfg, containerConfig("ghost", "true"))
	r1.Close()
	// Forge a running record for our own pid with another start time.
	path := filepath.Join(root, "sandboxes", sb, "meta", id+".json")
	var rec containerRecord
	if err := readJSON(path, &rec); err != nil {
		t.Fatal(err)
	}
	self, _ := readProcStat(os.Getpid())
	rec.State, rec.PID, rec.StartTime, rec.StartedAt = stateRunning, os.Getpid(), self.startTime+1, nowNano()
	if err := writeJSON(path, rec); err != nil {
		t.Fatal(err)
	}
	r2 := newTestRuntime(t, func(c *Config) { c.RootDir = root; c.DisableCgroups = true })
	st := containerStatus(t, r2, id)
	if st.State != runtimev1.ContainerState_CONTAINER_EXITED || st.Reason != reasonUnknown || st.ExitCode != unknownExitCode {
		t.Fatalf("status %v", st)
	}
}

func TestPidWatch(t *testing.T) {
	t.Parallel()
	r := newTestRuntime(t)
	sb, sbCfg := runSandbox(t, r, "watch")
	// The shell's background child is not our child: watch it by pidfd.
	id := startContainer(t, r, sb, sbCfg, containerConfig("parent", "/bin/sh", "-c", `sleep 1000 & echo $!; wait`))
	st := containerStatus(t, r, id)
	waitFor(t, 10*time.Second, "pid in log", func() bool {
		b, _ := os.ReadFile(st.LogPath)
		return strings.Contains(string(b), "\n")
	})
	line := readLog(t, st.LogPath)[0]
	pid, err := strconv.Atoi(string(line.Content))
	if err != nil {
		t.Fatal(err)
	}
	ps, err := readProcStat(pid)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := openPidWatch(pid, ps.startTime+1); err == nil {
		t.Fatal("watch with a wrong start time succeeded")
	}
	w, err := openPidWatch(pid, ps.startTime)
	if err != nil {
		t.Fatal(err)
	}
	defer w.close()
	exited := make(chan bool, 1)
	go func() { exited <- w.wait() }()
	if err := w.signal(9); err != nil {
		t.Fatal(err)
	}
	if !<-exited {
		t.Fatal("wait did not see the exit")
	}
}

func TestSandboxStatusAndFilters(t *testing.T) {
	t.Parallel()
	r := newTestRuntime(t, func(c *Config) { c.HostIP = "192.0.2.10" })
	ctx := context.Background()
	a, aCfg := runSandbox(t, r, "a")
	b, _ := runSandbox(t, r, "b")
	resp, err := r.PodSandboxStatus(ctx, &runtimev1.PodSandboxStatusRequest{PodSandboxId: a, Verbose: true})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status.State != runtimev1.PodSandboxState_SANDBOX_READY || resp.Status.Network.GetIp() != "192.0.2.10" ||
		resp.Status.Linux.Namespaces.Options.Network != runtimev1.NamespaceMode_NODE || resp.Info["info"] == "" {
		t.Fatalf("status %v", resp)
	}
	// Duplicate metadata is refused.
	if _, err := r.RunPodSandbox(ctx, &runtimev1.RunPodSandboxRequest{Config: aCfg}); status.Code(err) != codes.AlreadyExists {
		t.Fatalf("duplicate sandbox: %v", err)
	}
	ca := startContainer(t, r, a, aCfg, containerConfig("x", "sleep", "1000"))
	if _, err := r.StopPodSandbox(ctx, &runtimev1.StopPodSandboxRequest{PodSandboxId: b}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		filter *runtimev1.PodSandboxFilter
		want   []string
	}{
		{"all", nil, []string{a, b}},
		{"id", &runtimev1.PodSandboxFilter{Id: b}, []string{b}},
		{"ready", &runtimev1.PodSandboxFilter{State: &runtimev1.PodSandboxStateValue{State: runtimev1.PodSandboxState_SANDBOX_READY}}, []string{a}},
		{"label", &runtimev1.PodSandboxFilter{LabelSelector: map[string]string{cri.LabelPodName: "b"}}, []string{b}},
		{"no match", &runtimev1.PodSandboxFilter{LabelSelector: map[string]string{"x": "y"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := r.ListPodSandbox(ctx, &runtimev1.ListPodSandboxRequest{Filter: tt.filter})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range resp.Items {
				got = append(got, s.Id)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
	cl, _ := r.ListContainers(ctx, &runtimev1.ListContainersRequest{Filter: &runtimev1.ContainerFilter{
		PodSandboxId: a, State: &runtimev1.ContainerStateValue{State: runtimev1.ContainerState_CONTAINER_RUNNING},
	}})
	if len(cl.Containers) != 1 || cl.Containers[0].Id != ca {
		t.Fatalf("containers %v", cl.Containers)
	}
	// Stopping the sandbox kills its containers; no container starts in it.
	if _, err := r.StopPodSandbox(ctx, &runtimev1.StopPodSandboxRequest{PodSandboxId: a}); err != nil {
		t.Fatal(err)
	}
	if st := containerStatus(t, r, ca); st.State != runtimev1.ContainerState_CONTAINER_EXITED {
		t.Fatalf("container after sandbox stop: %v", st)
	}
	if _, err := r.CreateContainer(ctx, &runtimev1.CreateContainerRequest{PodSandboxId: a, Config: containerConfig("late", "true")}); status.Code(err) != codes.FailedPrecondition {
		t.Fatalf("create in stopped sandbox: %v", err)
	}
}

func TestImages(t *testing.T) {
	t.Parallel()
	r := newTestRuntime(t)
	ctx := context.Background()
	st, err := r.ImageStatus(ctx, &runtimev1.ImageStatusRequest{Image: &runtimev1.ImageSpec{Image: "busybox"}})
	if err != nil || st.Image != nil {
		t.Fatalf("status before pull: %v %v", st, err)
	}
	pull, err := r.PullImage(ctx, &runtimev1.PullImageRequest{Image: &runtimev1.ImageSpec{Image: "busybox"}})
	if err != nil {
		t.Fatal(err)
	}
	st, _ = r.ImageStatus(ctx, &runtimev1.ImageStatusRequest{Image: &runtimev1.ImageSpec{Image: "busybox:latest"}})
	if st.Image == nil || st.Image.Id != pull.ImageRef || st.Image.RepoTags[0] != "busybox:latest" {
		t.Fatalf("status after pull: %v", st)
	}
	byID, _ := r.ImageStatus(ctx, &runtimev1.ImageStatusRequest{Image: &runtimev1.ImageSpec{Image: pull.ImageRef}})
	if byID.Image == nil {
		t.Fatal("image not found by id")
	}
	// The list survives a restart.
	r.Close()
	r2 := newTestRuntime(t, func(c *Config) { c.RootDir = r.cfg.RootDir })
	list, _ := r2.ListImages(ctx, &runtimev1.ListImagesRequest{})
	if len(list.Images) != 1 {
		t.Fatalf("images after restart: %v", list.Images)
	}
	for range 2 {
		if _, err := r2.RemoveImage(ctx, &runtimev1.RemoveImageRequest{Image: &runtimev1.ImageSpec{Image: "busybox"}}); err != nil {
			t.Fatal(err)
		}
	}
	list, _ = r2.ListImages(ctx, &runtimev1.ListImagesRequest{})
	if len(list.Images) != 0 {
		t.Fatalf("images after remove: %v", list.Images)
	}
	fs, err := r2.ImageFsInfo(ctx, &runtimev1.ImageFsInfoRequest{})
	if err != nil || len(fs.ImageFilesystems) != 1 {
		t.Fatalf("ImageFsInfo: %v %v", fs, err)
	}
}

func TestStats(t *testing.T) {
	t.Parallel()
	r := newTestRuntime(t)
	ctx := context.Background()
	sb, sbCfg := runSandbox(t, r, "stats")
	// Burn some CPU, then idle.
	id := startContainer(t, r, sb, sbCfg, containerConfig("busy", "/bin/sh", "-c",
		`i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; echo done; while :; do sleep 1; done`))
	waitLogContains(t, containerStatus(t, r, id).LogPath, "done")
	resp, err := r.ContainerStats(ctx, &runtimev1.ContainerStatsRequest{ContainerId: id})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Stats.Cpu.UsageCoreNanoSeconds.GetValue() == 0 || resp.Stats.Memory.WorkingSetBytes.GetValue() == 0 {
		t.Fatalf("stats %v", resp.Stats)
	}
	again, _ := r.ContainerStats(ctx, &runtimev1.ContainerStatsRequest{ContainerId: id})
	if again.Stats.Cpu.UsageNanoCores == nil {
		t.Fatal("no usage_nano_cores on the second sample")
	}
	pod, err := r.PodSandboxStats(ctx, &runtimev1.PodSandboxStatsRequest{PodSandboxId: sb})
	if err != nil {
		t.Fatal(err)
	}
	if len(pod.Stats.Linux.Containers) != 1 || pod.Stats.Linux.Process.ProcessCount.GetValue() == 0 {
		t.Fatalf("pod stats %v", pod.Stats)
	}
	list, _ := r.ListContainerStats(ctx, &runtimev1.ListContainerStatsRequest{Filter: &runtimev1.ContainerStatsFilter{PodSandboxId: sb}})
	if len(list.Stats) != 1 {
		t.Fatalf("list stats %v", list.Stats)
	}
}

func TestStatusConditions(t *testing.T) {
	t.Parallel()
	r := newTestRuntime(t, func(c *Config) { c.DisableCgroups = true })
	resp, err := r.Status(context.Background(), &runtimev1.StatusRequest{Verbose: true})
	if err != nil {
		t.Fatal(err)
	}
	conds := map[string]*runtimev1.RuntimeCondition{}
	for _, c := range resp.Status.Conditions {
		conds[c.Type] = c
	}
	if !conds[runtimev1.RuntimeReady].GetStatus() || !conds[runtimev1.NetworkReady].GetStatus() {
		t.Fatalf("conditions %v", resp.Status.Conditions)
	}
	if c := conds[ConditionResourceLimits]; c == nil || c.Status || c.Reason != "CgroupsUnavailable" {
		t.Fatalf("limits condition %v", c)
	}
	v, _ := r.Version(context.Background(), &runtimev1.VersionRequest{})
	if v.RuntimeName != RuntimeName || v.RuntimeApiVersion != CRIVersion {
		t.Fatalf("version %v", v)
	}
}

func TestContainerEvents(t *testing.T) {
	t.Parallel()
	r := newTestRuntime(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rt := cri.InProcess(r)
	stream, err := rt.GetContainerEvents(ctx, &runtimev1.GetEventsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	// The subscription is made on the handler's goroutine; wait for it.
	waitFor(t, 10*time.Second, "event subscription", r.events.active)
	sb, sbCfg := runSandbox(t, r, "events")
	id := startContainer(t, r, sb, sbCfg, containerConfig("e", "true"))
	want := []struct {
		id string
		t  runtimev1.ContainerEventType
	}{
		{sb, runtimev1.ContainerEventType_CONTAINER_CREATED_EVENT},
		{sb, runtimev1.ContainerEventType_CONTAINER_STARTED_EVENT},
		{id, runtimev1.ContainerEventType_CONTAINER_CREATED_EVENT},
		{id, runtimev1.ContainerEventType_CONTAINER_STARTED_EVENT},
		{id, runtimev1.ContainerEventType_CONTAINER_STOPPED_EVENT},
	}
	for i, w := range want {
		ev, err := stream.Recv()
		if err != nil {
			t.Fatal(err)
		}
		if ev.ContainerId != w.id || ev.ContainerEventType != w.t || ev.PodSandboxStatus == nil {
			t.Fatalf("event %d: %v %v, want %v %v", i, ev.ContainerId, ev.ContainerEventType, w.id, w.t)
		}
	}
}

func TestUpdateContainerResources(t *testing.T) {
	t.Parallel()
	r := newTestRuntime(t)
	sb, sbCfg := runSandbox(t, r, "res")
	cfg := containerConfig("limited", "sleep", "1000")
	cfg.Linux = &runtimev1.LinuxContainerConfig{Resources: &runtimev1.LinuxContainerResources{CpuQuota: 50000, CpuPeriod: 100000, MemoryLimitInBytes: 64 << 20}}
	id := startContainer(t, r, sb, sbCfg, cfg)
	upd := &runtimev1.LinuxContainerResources{CpuQuota: 20000, CpuPeriod: 100000, MemoryLimitInBytes: 32 << 20}
	if _, err := r.UpdateContainerResources(context.Background(), &runtimev1.UpdateContainerResourcesRequest{ContainerId: id, Linux: upd}); err != nil {
		t.Fatal(err)
	}
	st := containerStatus(t, r, id)
	if st.Resources.GetLinux().GetMemoryLimitInBytes() != 32<<20 {
		t.Fatalf("resources %v", st.Resources)
	}
	if r.cg == nil {
		t.Skipf("cgroup v2 is not writable here (%s); limits recorded but not applied", r.cgReason)
	}
	cg := recordOf(r, id).Cgroup
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pidOf(r, id)), "cgroup"))
	if err != nil || !strings.Contains(string(b), strings.TrimPrefix(cg, filepath.Dir(r.cg.parent))) {
		t.Fatalf("process not in its cgroup %s: %s %v", cg, b, err)
	}
	if r.cg.controllers["cpu"] {
		if b, _ := os.ReadFile(filepath.Join(cg, "cpu.max")); strings.TrimSpace(string(b)) != "20000 100000" {
			t.Fatalf("cpu.max = %q", b)
		}
	}
	if r.cg.controllers["memory"] {
		if b, _ := os.ReadFile(filepath.Join(cg, "memory.max")); strings.TrimSpace(string(b)) != strconv.Itoa(32<<20) {
			t.Fatalf("memory.max = %q", b)
		}
	}
}

func TestCgroupFiles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		res  *runtimev1.LinuxContainerResources
		want map[string]string
	}{
		{"nil", nil, map[string]string{}},
		{"unlimited", &runtimev1.LinuxContainerResources{}, map[string]string{"cpu.max": "max 100000", "memory.max": "max"}},
		{"limits", &runtimev1.LinuxContainerResources{CpuQuota: 25000, CpuPeriod: 50000, CpuShares: 1024, MemoryLimitInBytes: 1 << 20},
			map[string]string{"cpu.max": "25000 50000", "cpu.weight": "39", "memory.max": "1048576"}},
		{"unified", &runtimev1.LinuxContainerResources{Unified: map[string]string{"pids.max": "10", "cgroup.procs": "1", "../x": "y"}},
			map[string]string{"cpu.max": "max 100000", "memory.max": "max", "pids.max": "10"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cgroupFiles(tt.res)
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Fatalf("%s = %q, want %q (all %v)", k, got[k], v, got)
				}
			}
		})
	}
}

func TestParseProcStat(t *testing.T) {
	t.Parallel()
	line := "4242 (we ird) (name)) S 1 4242 4242 0 -1 4194560 100 0 0 0 7 3 0 0 20 0 1 0 123456 1000 55 18446744073709551615"
	st, err := parseProcStat([]byte(line))
	if err != nil {
		t.Fatal(err)
	}
	if st.state != 'S' || st.pgrp != 4242 || st.utime != 7 || st.stime != 3 || st.startTime != 123456 || st.rssPages != 55 {
		t.Fatalf("parsed %+v", st)
	}
	if _, err := parseProcStat([]byte("1 (x")); err == nil {
		t.Fatal("parsed a malformed line")
	}
}

func TestStopSignalMapping(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   runtimev1.Signal
		want int
	}{
		{runtimev1.Signal_SIGNAL_RUNTIME_DEFAULT, 15},
		{runtimev1.Signal_SIGNAL_SIGINT, 2},
		{runtimev1.Signal_SIGNAL_SIGQUIT, 3},
		{runtimev1.Signal_SIGNAL_SIGUSR1, 10},
		{runtimev1.Signal_SIGNAL_SIGRTMINPLUS3, 37},
	}
	for _, tt := range tests {
		if got := stopSignal(&runtimev1.ContainerConfig{StopSignal: tt.in}); int(got) != tt.want {
			t.Errorf("stopSignal(%v) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestNormalizeImage(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"busybox":                           "busybox:latest",
		"busybox:1.35":                      "busybox:1.35",
		"localhost:5000/busybox":            "localhost:5000/busybox:latest",
		"localhost:5000/busybox:1":          "localhost:5000/busybox:1",
		"repo/img@sha256:abc":               "repo/img@sha256:abc",
		"localhost/orca/busybox:1.35":       "localhost/orca/busybox:1.35",
		"sha256:0123456789abcdef0123456789": "sha256:0123456789abcdef0123456789",
	} {
		if got := normalizeImage(in); got != want {
			t.Errorf("normalizeImage(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCgroupApplyAndRead runs the cgroup file handling against a fake
// cgroup directory, since real controllers are not available everywhere.
func TestCgroupApplyAndRead(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := map[string]string{
		"cpu.max": "max 100000\n", "cpu.weight": "100\n", "memory.max": "max\n",
		"cpu.stat":       "usage_usec 2500\nuser_usec 2000\nsystem_usec 500\n",
		"memory.current": "1048576\n",
		"memory.stat":    "anon 524288\ninactive_file 4096\npgfault 7\npgmajfault 1\n",
		"memory.events":  "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n",
		"cgroup.procs":   "10\n11\n",
	}
	for name, v := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(v), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name        string
		controllers map[string]bool
		want        map[string]string
	}{
		{"all controllers", map[string]bool{"cpu": true, "memory": true},
			map[string]string{"cpu.max": "50000 100000", "cpu.weight": "79", "memory.max": "67108864"}},
		{"no memory controller", map[string]bool{"cpu": true},
			map[string]string{"cpu.max": "50000 100000", "memory.max": "max\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &cgroups{parent: filepath.Dir(dir), controllers: tt.controllers}
			res := &runtimev1.LinuxContainerResources{CpuQuota: 50000, CpuShares: 2048, MemoryLimitInBytes: 64 << 20}
			if err := g.apply(dir, res); err != nil {
				t.Fatal(err)
			}
			for name, want := range tt.want {
				if b, _ := os.ReadFile(filepath.Join(dir, name)); string(b) != want {
					t.Errorf("%s = %q, want %q", name, b, want)
				}
			}
			os.WriteFile(filepath.Join(dir, "memory.max"), []byte("max\n"), 0o644)
		})
	}
	u := readCgroupUsage(dir)
	if !u.cpuOK || u.cpuUsec != 2500 || !u.memOK || u.memCurrent != 1<<20 || u.inactiveFile != 4096 || u.anon != 524288 || u.pids != 2 {
		t.Fatalf("usage %+v", u)
	}
	if !oomKilled(dir) {
		t.Fatal("oom_kill not seen")
	}
}
