package process

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"syscall"
	"time"

	"google.golang.org/grpc/codes"
	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/errdefs"
)

// maxExecOutput caps each of stdout and stderr returned by ExecSync.
const maxExecOutput = 16 << 20

// execTarget is what an exec inherits from its container.
type execTarget struct {
	env    []string
	dir    string
	netns  string
	cgroup string
	cred   *syscall.Credential
}

// execTarget returns the running container's exec environment.
func (r *server) execTarget(id string) (execTarget, error) {
	c, err := r.getContainer(id)
	if err != nil {
		return execTarget{}, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if c.rec.State != stateRunning {
		return execTarget{}, precondition("container %s is not running", id)
	}
	t := execTarget{env: c.rec.Env, dir: c.rec.Dir, cgroup: c.rec.Cgroup}
	if sb, ok := r.sandboxes[c.sandboxID]; ok {
		t.netns = sb.rec.NetNS
	}
	if uid, gid, ok := runAs(c.config); ok && os.Geteuid() == 0 {
		t.cred = &syscall.Credential{Uid: uid, Gid: gid}
	}
	return t, nil
}

// execError is a command that could not be started; it is reported the way
// a shell reports it, as exit code 126 or 127 with a message on stderr.
type execError struct {
	code int32
	msg  string
}

func (e *execError) Error() string { return e.msg }

// command builds the exec's Cmd. It starts in its own process group, in the
// container's cgroup, with the container's env and working directory.
func (t execTarget) command(argv []string) (*exec.Cmd, func(), error) {
	if len(argv) == 0 {
		return nil, nil, invalid("exec: empty command")
	}
	path, err := lookPath(argv[0], envValue(t.env, "PATH"), t.dir)
	if err != nil {
		code := int32(127)
		if errors.Is(err, fs.ErrPermission) {
			code = 126
		}
		return nil, nil, &execError{code: code, msg: err.Error()}
	}
	cmd := &exec.Cmd{
		Path:        path,
		Args:        argv,
		Env:         t.env,
		Dir:         t.dir,
		SysProcAttr: &syscall.SysProcAttr{Setpgid: true, Credential: t.cred},
		WaitDelay:   time.Second,
	}
	done := func() {}
	if t.cgroup != "" {
		if f, err := os.OpenFile(t.cgroup, os.O_RDONLY|syscall.O_DIRECTORY, 0); err == nil {
			cmd.SysProcAttr.UseCgroupFD = true
			cmd.SysProcAttr.CgroupFD = int(f.Fd())
			done = func() { f.Close() }
		}
	}
	return cmd, done, nil
}

// start starts cmd in the pod's network namespace.
func (t execTarget) start(cmd *exec.Cmd) error {
	return inNetNS(t.netns, cmd.Start)
}

// limitedBuffer keeps the first max bytes written to it.
type limitedBuffer struct {
	buf bytes.Buffer
	max int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.buf.Len(); room > 0 {
		if len(p) > room {
			b.buf.Write(p[:room])
		} else {
			b.buf.Write(p)
		}
	}
	return len(p), nil
}

// ExecSync runs a command in a running container and returns its output
// and exit code. A non-zero exit is a result, not an error. A command that
// cannot be found or executed exits 127 or 126 with the reason on stderr, as
// in a shell. When Timeout (seconds, 0 for none) passes, the command's
// process group is killed and the call fails with DeadlineExceeded.
func (r *server) ExecSync(ctx context.Context, req *runtimev1.ExecSyncRequest) (*runtimev1.ExecSyncResponse, error) {
	t, err := r.execTarget(req.GetContainerId())
	if err != nil {
		return nil, err
	}
	cmd, release, err := t.command(req.GetCmd())
	var ee *execError
	if errors.As(err, &ee) {
		return &runtimev1.ExecSyncResponse{Stderr: []byte(ee.msg + "\n"), ExitCode: ee.code}, nil
	}
	if err != nil {
		return nil, err
	}
	defer release()
	stdout := &limitedBuffer{max: maxExecOutput}
	stderr := &limitedBuffer{max: maxExecOutput}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := t.start(cmd); err != nil {
		return &runtimev1.ExecSyncResponse{Stderr: []byte(err.Error() + "\n"), ExitCode: 126}, nil
	}
	waitc := make(chan error, 1)
	go func() { waitc <- cmd.Wait() }()
	var timeout <-chan time.Time
	if req.GetTimeout() > 0 {
		tm := time.NewTimer(time.Duration(req.GetTimeout()) * time.Second)
		defer tm.Stop()
		timeout = tm.C
	}
	select {
	case err := <-waitc:
		code := int32(0)
		var xe *exec.ExitError
		if errors.As(err, &xe) {
			code, _ = exitCode(xe.ProcessState)
		} else if err != nil && !errors.Is(err, exec.ErrWaitDelay) {
			return nil, internal("exec in %s: %v", req.GetContainerId(), err)
		}
		return &runtimev1.ExecSyncResponse{Stdout: stdout.buf.Bytes(), Stderr: stderr.buf.Bytes(), ExitCode: code}, nil
	case <-timeout:
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-waitc
		return nil, newError(codes.DeadlineExceeded, errdefs.ErrTimeout, "command %q timed out after %ds", req.GetCmd(), req.GetTimeout())
	case <-ctx.Done():
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-waitc
		return nil, newError(codes.DeadlineExceeded, errdefs.ErrTimeout, "exec in %s: %v", req.GetContainerId(), ctx.Err())
	}
}

// runStreaming runs an exec with the given streams (nil to leave one out)
// and returns its exit code. With a tty, the command's stdin, stdout and
// stderr are the terminal and stderr must be nil.
func (r *server) runStreaming(ctx context.Context, containerID string, argv []string, stdin io.Reader, stdout, stderr io.Writer, tty bool, resize <-chan winsize) (int32, error) {
	t, err := r.execTarget(containerID)
	if err != nil {
		return 0, err
	}
	cmd, release, err := t.command(argv)
	var ee *execError
	if errors.As(err, &ee) {
		msg := []byte(ee.msg + "\n")
		if stderr != nil {
			stderr.Write(msg)
		} else if stdout != nil {
			stdout.Write(msg)
		}
		return ee.code, nil
	}
	if err != nil {
		return 0, err
	}
	defer release()
	var term *os.File
	if tty {
		master, slave, err := openPTY()
		if err != nil {
			return 0, internal("allocate tty: %v", err)
		}
		defer master.Close()
		cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
		cmd.SysProcAttr.Setpgid = false
		cmd.SysProcAttr.Setsid = true
		cmd.SysProcAttr.Setctty = true
		cmd.SysProcAttr.Ctty = 0
		if err := t.start(cmd); err != nil {
			slave.Close()
			return 126, writeStartError(stdout, err)
		}
		slave.Close()
		term = master
		go func() {
			for ws := range resize {
				setWinsize(master, ws)
			}
		}()
		if stdin != nil {
			go io.Copy(master, stdin)
		}
	} else {
		if stdin != nil {
			cmd.Stdin = stdin
		}
		if stdout != nil {
			cmd.Stdout = stdout
		}
		if stderr != nil {
			cmd.Stderr = stderr
		}
		if err := t.start(cmd); err != nil {
			return 126, writeStartError(stderr, err)
		}
	}
	copied := make(chan struct{})
	if term != nil {
		go func() {
			if stdout != nil {
				io.Copy(stdout, term)
			} else {
				io.Copy(io.Discard, term)
			}
			close(copied)
		}()
	} else {
		close(copied)
	}
	waitc := make(chan error, 1)
	go func() { waitc <- cmd.Wait() }()
	var werr error
	select {
	case werr = <-waitc:
	case <-ctx.Done():
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		werr = <-waitc
	}
	if term != nil {
		// Reads on the master end with EIO once the last slave is closed.
		select {
		case <-copied:
		case <-time.After(time.Second):
		}
	}
	var xe *exec.ExitError
	if errors.As(werr, &xe) {
		code, _ := exitCode(xe.ProcessState)
		return code, nil
	}
	if werr != nil && !errors.Is(werr, exec.ErrWaitDelay) {
		return 0, werr
	}
	return 0, nil
}

func writeStartError(w io.Writer, err error) error {
	if w != nil {
		fmt.Fprintln(w, err)
	}
	return nil
}
