package process

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"
)

// cgroups manages one cgroup v2 directory per container under a parent. It
// is immutable after newCgroups and safe for concurrent use.
type cgroups struct {
	parent      string          // absolute directory of the parent cgroup
	controllers map[string]bool // controllers enabled for the parent's children
}

// cgroupControllers are the controllers the runtime tries to enable.
var cgroupControllers = []string{"cpu", "memory", "pids"}

// newCgroups prepares the parent cgroup. It returns nil and a reason when
// cgroup v2 is absent or not writable; the runtime then runs without cgroups.
func newCgroups(root, parent string) (*cgroups, string) {
	if root == "" {
		for _, p := range []string{"/sys/fs/cgroup", "/sys/fs/cgroup/unified"} {
			if isCgroup2(p) {
				root = p
				break
			}
		}
		if root == "" {
			return nil, "no cgroup v2 hierarchy at /sys/fs/cgroup or /sys/fs/cgroup/unified"
		}
	} else if !isCgroup2(root) {
		return nil, fmt.Sprintf("%s is not a cgroup v2 mount", root)
	}
	if !kernelAtLeast(5, 7) {
		return nil, "the kernel is older than 5.7 and cannot start a process in a cgroup (CLONE_INTO_CGROUP)"
	}
	dir := filepath.Join(root, parent)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Sprintf("cgroup parent %s is not writable: %v", dir, err)
	}
	if err := unix.Access(filepath.Join(dir, "cgroup.procs"), unix.W_OK); err != nil {
		return nil, fmt.Sprintf("cgroup parent %s is not writable: %v", dir, err)
	}
	// Enable controllers from the root down to the parent, so that the
	// parent's children get cpu.max and memory.max.
	rel, _ := filepath.Rel(root, dir)
	cur := root
	steps := append([]string{""}, strings.Split(rel, string(filepath.Separator))...)
	for _, s := range steps {
		cur = filepath.Join(cur, s)
		avail := readControllers(filepath.Join(cur, "cgroup.controllers"))
		for _, c := range cgroupControllers {
			if avail[c] {
				// EBUSY when cur holds processes; that leaves the
				// controller off below it, which is reported.
				os.WriteFile(filepath.Join(cur, "cgroup.subtree_control"), []byte("+"+c), 0)
			}
		}
	}
	return &cgroups{parent: dir, controllers: readControllers(filepath.Join(dir, "cgroup.subtree_control"))}, ""
}

func isCgroup2(path string) bool {
	var st unix.Statfs_t
	return unix.Statfs(path, &st) == nil && st.Type == unix.CGROUP2_SUPER_MAGIC
}

func readControllers(path string) map[string]bool {
	b, _ := os.ReadFile(path)
	m := map[string]bool{}
	for _, f := range strings.Fields(string(b)) {
		m[f] = true
	}
	return m
}

// missing names the wanted controllers that are not enabled.
func (g *cgroups) missing() []string {
	var out []string
	for _, c := range []string{"cpu", "memory"} {
		if !g.controllers[c] {
			out = append(out, c)
		}
	}
	return out
}

func (g *cgroups) path(containerID string) string {
	return filepath.Join(g.parent, containerID)
}

// create makes the container's cgroup, applies res, and returns its
// directory, opened for SysProcAttr.CgroupFD.
func (g *cgroups) create(containerID string, res *runtimev1.LinuxContainerResources) (string, *os.File, error) {
	dir := g.path(containerID)
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, os.ErrExist) {
		return "", nil, err
	}
	if err := g.apply(dir, res); err != nil {
		os.Remove(dir)
		return "", nil, err
	}
	f, err := os.OpenFile(dir, os.O_RDONLY|unix.O_DIRECTORY, 0)
	if err != nil {
		os.Remove(dir)
		return "", nil, err
	}
	return dir, f, nil
}

// cgroupFiles converts CRI resources to cgroup v2 interface files. Zero
// values mean "no limit" and are written as such, so an update can lift a
// limit.
func cgroupFiles(res *runtimev1.LinuxContainerResources) map[string]string {
	files := map[string]string{}
	if res == nil {
		return files
	}
	period := res.CpuPeriod
	if period <= 0 {
		period = 100000
	}
	if res.CpuQuota > 0 {
		files["cpu.max"] = fmt.Sprintf("%d %d", res.CpuQuota, period)
	} else {
		files["cpu.max"] = fmt.Sprintf("max %d", period)
	}
	if res.CpuShares > 0 {
		files["cpu.weight"] = strconv.FormatInt(sharesToWeight(res.CpuShares), 10)
	}
	if res.MemoryLimitInBytes > 0 {
		files["memory.max"] = strconv.FormatInt(res.MemoryLimitInBytes, 10)
	} else {
		files["memory.max"] = "max"
	}
	for k, v := range res.Unified {
		if !strings.Contains(k, "/") && !strings.HasPrefix(k, "cgroup.") {
			files[k] = v
		}
	}
	return files
}

// sharesToWeight maps cgroup v1 cpu.shares [2, 262144] onto cgroup v2
// cpu.weight [1, 10000], the conversion the OCI runtimes use.
func sharesToWeight(shares int64) int64 {
	if shares < 2 {
		shares = 2
	}
	if shares > 262144 {
		shares = 262144
	}
	return 1 + ((shares-2)*9999)/262142
}

// apply writes res into dir. Files of controllers that are not enabled are
// skipped; the Status condition says which.
func (g *cgroups) apply(dir string, res *runtimev1.LinuxContainerResources) error {
	for name, val := range cgroupFiles(res) {
		ctrl, _, _ := strings.Cut(name, ".")
		if !g.controllers[ctrl] {
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(val), 0); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	return nil
}

// kill kills every process in the cgroup (cgroup.kill, Linux 5.14+). It
// reports whether the kernel supports it.
func killCgroup(dir string) bool {
	return os.WriteFile(filepath.Join(dir, "cgroup.kill"), []byte("1"), 0) == nil
}

// removeCgroup removes an empty cgroup directory.
func removeCgroup(dir string) {
	if dir != "" {
		os.Remove(dir)
	}
}

// cgroupUsage is what stats read from a cgroup. ok fields are false when the
// file is absent (controller not enabled).
type cgroupUsage struct {
	cpuUsec      uint64
	cpuOK        bool
	memCurrent   uint64
	memOK        bool
	inactiveFile uint64
	anon         uint64
	pgfault      uint64
	pgmajfault   uint64
	pids         uint64
}

func readCgroupUsage(dir string) cgroupUsage {
	var u cgroupUsage
	if kv := readKeyed(filepath.Join(dir, "cpu.stat")); kv != nil {
		u.cpuUsec, u.cpuOK = kv["usage_usec"]
	}
	if b, err := os.ReadFile(filepath.Join(dir, "memory.current")); err == nil {
		u.memCurrent, _ = strconv.ParseUint(string(bytes.TrimSpace(b)), 10, 64)
		u.memOK = true
		kv := readKeyed(filepath.Join(dir, "memory.stat"))
		u.inactiveFile, u.anon = kv["inactive_file"], kv["anon"]
		u.pgfault, u.pgmajfault = kv["pgfault"], kv["pgmajfault"]
	}
	if b, err := os.ReadFile(filepath.Join(dir, "cgroup.procs")); err == nil {
		u.pids = uint64(bytes.Count(b, []byte{'\n'}))
	}
	return u
}

// oomKilled reports whether the kernel OOM-killed a process in the cgroup.
func oomKilled(dir string) bool {
	return readKeyed(filepath.Join(dir, "memory.events"))["oom_kill"] > 0
}

// readKeyed parses a "key value" per line file such as cpu.stat.
func readKeyed(path string) map[string]uint64 {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	m := map[string]uint64{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			continue
		}
		n, err := strconv.ParseUint(strings.TrimSpace(v), 10, 64)
		if err == nil {
			m[k] = n
		}
	}
	return m
}

// kernelAtLeast reports whether the running kernel is at least major.minor.
func kernelAtLeast(major, minor int) bool {
	var u unix.Utsname
	if unix.Uname(&u) != nil {
		return false
	}
	rel := unix.ByteSliceToString(u.Release[:])
	var ma, mi int
	if _, err := fmt.Sscanf(rel, "%d.%d", &ma, &mi); err != nil {
		return false
	}
	return ma > major || (ma == major && mi >= minor)
}
