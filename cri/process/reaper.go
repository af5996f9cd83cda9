package process

import (
	"os"
	"sync"
	"syscall"
)

// children tracks the container processes this OS process started. Only the
// parent can collect a child's exit status, so the table is process-wide, not
// per Runtime: a Runtime opened again on the same RootDir in the same process
// (a restarted kubelet in tests, or a cluster restarted in place) takes over
// the children of the one before it and still learns their exit codes.
// Processes started by another OS process are watched through a pidfd and
// their exit status is unknown.
var children = struct {
	mu sync.Mutex
	m  map[int]*child // by pid; guarded by mu
}{m: map[int]*child{}}

// child is one process started by this OS process. state is written once,
// before done is closed.
type child struct {
	pid       int
	startTime uint64
	proc      *os.Process
	done      chan struct{}
	state     *os.ProcessState
	stdin     *os.File // write end of the stdin pipe, until a Runtime takes it; guarded by children.mu
}

// keepStdin parks the stdin pipe of a Runtime that closes, for the next.
func (c *child) keepStdin(f *os.File) {
	children.mu.Lock()
	defer children.mu.Unlock()
	c.stdin = f
}

// takeStdin hands the stdin pipe to a Runtime that adopts the child.
func (c *child) takeStdin() *os.File {
	children.mu.Lock()
	defer children.mu.Unlock()
	f := c.stdin
	c.stdin = nil
	return f
}

// watchChild starts the goroutine that waits for p and returns its handle.
func watchChild(p *os.Process, startTime uint64) *child {
	c := &child{pid: p.Pid, startTime: startTime, proc: p, done: make(chan struct{})}
	children.mu.Lock()
	children.m[p.Pid] = c
	children.mu.Unlock()
	go func() {
		st, _ := p.Wait()
		c.state = st
		close(c.done)
	}()
	return c
}

// findChild returns the child with pid and startTime, or nil.
func findChild(pid int, startTime uint64) *child {
	children.mu.Lock()
	defer children.mu.Unlock()
	c := children.m[pid]
	if c == nil || c.startTime != startTime {
		return nil
	}
	return c
}

// forgetChild drops c once its exit status has been recorded on disk.
func forgetChild(c *child) {
	children.mu.Lock()
	if children.m[c.pid] == c {
		delete(children.m, c.pid)
	}
	children.mu.Unlock()
}

// exitCode converts a wait status to the code a shell would report: the exit
// status, or 128 plus the signal that killed the process.
func exitCode(st *os.ProcessState) (code int32, signal syscall.Signal) {
	ws, ok := st.Sys().(syscall.WaitStatus)
	if !ok {
		return int32(st.ExitCode()), 0
	}
	if ws.Signaled() {
		return 128 + int32(ws.Signal()), ws.Signal()
	}
	return int32(ws.ExitStatus()), 0
}
