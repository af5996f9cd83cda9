package process

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// procStat is the part of /proc/<pid>/stat the runtime uses.
type procStat struct {
	state     byte
	pgrp      int
	utime     uint64 // clock ticks
	stime     uint64 // clock ticks
	startTime uint64 // clock ticks after boot; with the pid it names one process
	rssPages  uint64
}

// clockTicks is USER_HZ, which is 100 on every Linux architecture Go supports.
const clockTicks = 100

func readProcStat(pid int) (procStat, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return procStat{}, err
	}
	return parseProcStat(b)
}

// parseProcStat parses the contents of /proc/<pid>/stat. The command name in
// field 2 may hold spaces and parentheses, so fields are counted from the
// last ')'.
func parseProcStat(b []byte) (procStat, error) {
	i := bytes.LastIndexByte(b, ')')
	if i < 0 || i+2 > len(b) {
		return procStat{}, fmt.Errorf("malformed stat %q", b)
	}
	f := strings.Fields(string(b[i+1:]))
	// f[0] is field 3 (state); field n is f[n-3].
	if len(f) < 22 {
		return procStat{}, fmt.Errorf("short stat: %d fields", len(f)+2)
	}
	num := func(n int) uint64 {
		v, _ := strconv.ParseUint(f[n-3], 10, 64)
		return v
	}
	pgrp, _ := strconv.Atoi(f[5-3])
	return procStat{
		state:     f[0][0],
		pgrp:      pgrp,
		utime:     num(14),
		stime:     num(15),
		startTime: num(22),
		rssPages:  num(24),
	}, nil
}

// sameProcess reports whether pid still names the live (not zombie) process
// that had startTime.
func sameProcess(pid int, startTime uint64) bool {
	st, err := readProcStat(pid)
	return err == nil && st.startTime == startTime && st.state != 'Z' && st.state != 'X'
}

// groupMembers returns the pids in process group pgid.
func groupMembers(pgid int) []int {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	var out []int
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		st, err := readProcStat(pid)
		if err != nil || st.pgrp != pgid || st.state == 'Z' {
			continue
		}
		out = append(out, pid)
	}
	return out
}

// pidWatch waits for a process that is not our child to exit, through a
// pidfd, which also pins the process so that a reused pid cannot be signalled
// by mistake.
type pidWatch struct {
	f *os.File
}

// openPidWatch opens a pidfd for pid and checks, after it is open, that pid
// is still the process that started at startTime.
func openPidWatch(pid int, startTime uint64) (*pidWatch, error) {
	fd, err := unix.PidfdOpen(pid, unix.PIDFD_NONBLOCK)
	if err != nil {
		return nil, err
	}
	f := os.NewFile(uintptr(fd), "pidfd:"+strconv.Itoa(pid))
	if !sameProcess(pid, startTime) {
		f.Close()
		return nil, os.ErrProcessDone
	}
	return &pidWatch{f: f}, nil
}

// wait blocks until the process exits or the watch is closed. It reports
// whether the process exited.
func (w *pidWatch) wait() bool {
	rc, err := w.f.SyscallConn()
	if err != nil {
		return false
	}
	exited := false
	err = rc.Read(func(fd uintptr) bool {
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		n, err := unix.Poll(fds, 0)
		if err != nil && !errors.Is(err, unix.EINTR) {
			return true
		}
		exited = n > 0
		return exited
	})
	return err == nil && exited
}

func (w *pidWatch) signal(sig unix.Signal) error {
	rc, err := w.f.SyscallConn()
	if err != nil {
		return err
	}
	var serr error
	if err := rc.Control(func(fd uintptr) {
		serr = unix.PidfdSendSignal(int(fd), sig, nil, 0)
	}); err != nil {
		return err
	}
	return serr
}

func (w *pidWatch) close() { w.f.Close() }
