package process

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"

	"github.com/orcaproj/orca/cri"
)

// testCgroupParent gives each runtime of the tests its own cgroup parent.
func testCgroupParent() string {
	var b [6]byte
	rand.Read(b[:])
	return "orca-process-test-" + hex.EncodeToString(b[:])
}

// newTestRuntime opens a runtime on a fresh root. Cleanup removes every
// sandbox through the runtime, closes it, and kills whatever the records on
// disk still name, so no test leaks processes.
func newTestRuntime(t testing.TB, mod ...func(*Config)) *server {
	t.Helper()
	cfg := Config{RootDir: t.TempDir(), CgroupParent: testCgroupParent(), Logger: quietLogger}
	for _, m := range mod {
		m(&cfg)
	}
	r, err := newServer(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { cleanupRuntime(t, r) })
	return r
}

func cleanupRuntime(t testing.TB, r *server) {
	if !r.isClosed() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		for _, sb := range r.listSandboxes(nil) {
			if _, err := r.RemovePodSandbox(ctx, &runtimev1.RemovePodSandboxRequest{PodSandboxId: sb.Id}); err != nil {
				t.Errorf("cleanup: remove sandbox %s: %v", sb.Id, err)
			}
		}
		r.Close()
	}
	killRecorded(r.cfg.RootDir)
	if r.cg != nil {
		removeCgroupTree(r.cg.parent)
	}
}

// killRecorded kills every process a container record under root names.
func killRecorded(root string) {
	recs, _ := filepath.Glob(filepath.Join(root, "sandboxes", "*", "meta", "*.json"))
	for _, p := range recs {
		var rec containerRecord
		if readJSON(p, &rec) == nil && rec.PID > 0 && sameProcess(rec.PID, rec.StartTime) {
			syscall.Kill(-rec.PID, syscall.SIGKILL)
			syscall.Kill(rec.PID, syscall.SIGKILL)
		}
	}
}

func removeCgroupTree(dir string) {
	deadline := time.Now().Add(5 * time.Second)
	for {
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if e.IsDir() {
				killCgroup(filepath.Join(dir, e.Name()))
				os.Remove(filepath.Join(dir, e.Name()))
			}
		}
		if err := os.Remove(dir); err == nil || errors.Is(err, os.ErrNotExist) || time.Now().After(deadline) {
			return
		}
		runtime.Gosched()
	}
}

// waitFor polls cond until it holds, failing with every goroutine's stack
// after timeout.
func waitFor(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			n := runtime.Stack(buf, true)
			t.Fatalf("timed out after %v waiting for %s\n%s", timeout, what, buf[:n])
		}
		<-tick.C
	}
}

var sandboxSeq atomic.Int64

func sandboxConfig(t testing.TB, name string) *runtimev1.PodSandboxConfig {
	return &runtimev1.PodSandboxConfig{
		Metadata: &runtimev1.PodSandboxMetadata{
			Name: name, Namespace: "default", Uid: fmt.Sprintf("uid-%s-%d", name, sandboxSeq.Add(1)),
		},
		Hostname:     name,
		LogDirectory: filepath.Join(t.TempDir(), "logs"),
		Labels:       map[string]string{cri.LabelPodName: name},
	}
}

func runSandbox(t testing.TB, r *server, name string) (string, *runtimev1.PodSandboxConfig) {
	t.Helper()
	cfg := sandboxConfig(t, name)
	resp, err := r.RunPodSandbox(context.Background(), &runtimev1.RunPodSandboxRequest{Config: cfg})
	if err != nil {
		t.Fatalf("RunPodSandbox: %v", err)
	}
	return resp.PodSandboxId, cfg
}

func containerConfig(name string, argv ...string) *runtimev1.ContainerConfig {
	return &runtimev1.ContainerConfig{
		Metadata: &runtimev1.ContainerMetadata{Name: name},
		Image:    &runtimev1.ImageSpec{Image: "host"},
		Command:  argv,
		LogPath:  name + ".log",
		Labels:   map[string]string{cri.LabelContainerName: name},
	}
}

func createContainer(t testing.TB, r *server, sbID string, sbCfg *runtimev1.PodSandboxConfig, cfg *runtimev1.ContainerConfig) string {
	t.Helper()
	resp, err := r.CreateContainer(context.Background(), &runtimev1.CreateContainerRequest{
		PodSandboxId: sbID, Config: cfg, SandboxConfig: sbCfg,
	})
	if err != nil {
		t.Fatalf("CreateContainer: %v", err)
	}
	return resp.ContainerId
}

func startContainer(t testing.TB, r *server, sbID string, sbCfg *runtimev1.PodSandboxConfig, cfg *runtimev1.ContainerConfig) string {
	t.Helper()
	id := createContainer(t, r, sbID, sbCfg, cfg)
	if _, err := r.StartContainer(context.Background(), &runtimev1.StartContainerRequest{ContainerId: id}); err != nil {
		t.Fatalf("StartContainer: %v", err)
	}
	return id
}

func containerStatus(t testing.TB, r *server, id string) *runtimev1.ContainerStatus {
	t.Helper()
	resp, err := r.ContainerStatus(context.Background(), &runtimev1.ContainerStatusRequest{ContainerId: id})
	if err != nil {
		t.Fatalf("ContainerStatus: %v", err)
	}
	return resp.Status
}

func waitExited(t testing.TB, r *server, id string) *runtimev1.ContainerStatus {
	t.Helper()
	var st *runtimev1.ContainerStatus
	waitFor(t, 20*time.Second, "container "+id+" to exit", func() bool {
		st = containerStatus(t, r, id)
		return st.State == runtimev1.ContainerState_CONTAINER_EXITED
	})
	return st
}

func readLog(t testing.TB, path string) []cri.LogLine {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read log: %v", err)
	}
	var out []cri.LogLine
	for _, line := range bytes.SplitAfter(b, []byte{'\n'}) {
		if len(line) == 0 {
			continue
		}
		l, err := cri.ParseLogLine(line)
		if err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		out = append(out, l)
	}
	return out
}

// logText joins a stream's entries as the kubelet would show them.
func logText(lines []cri.LogLine, stream runtimev1.LogStreamType) string {
	var b strings.Builder
	for _, l := range lines {
		if l.Stream != stream {
			continue
		}
		b.Write(l.Content)
		if !l.Partial {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func waitLogContains(t testing.TB, path, want string) {
	t.Helper()
	waitFor(t, 20*time.Second, fmt.Sprintf("log %s to contain %q", path, want), func() bool {
		b, _ := os.ReadFile(path)
		return bytes.Contains(b, []byte(want))
	})
}

// wsClient is a test WebSocket client: it masks what it sends, as RFC 6455
// requires of clients, and reads through the server's frame reader.
type wsClient struct {
	*wsConn
}

func dialWS(t testing.TB, rawURL string, protocols ...string) (*wsClient, *http.Response) {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatalf("dial %s: %v", u.Host, err)
	}
	var key [16]byte
	rand.Read(key[:])
	req, _ := http.NewRequest(http.MethodGet, rawURL, nil)
	req.Header.Set("Connection", "Upgrade")
	req.Header.Set("Upgrade", "websocket")
	req.Header.Set("Sec-WebSocket-Version", "13")
	req.Header.Set("Sec-WebSocket-Key", base64.StdEncoding.EncodeToString(key[:]))
	if len(protocols) > 0 {
		req.Header.Set("Sec-WebSocket-Protocol", strings.Join(protocols, ", "))
	}
	if err := req.Write(conn); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		conn.Close()
		return nil, resp
	}
	if got, want := resp.Header.Get("Sec-WebSocket-Accept"), wsAccept(req.Header.Get("Sec-WebSocket-Key")); got != want {
		t.Fatalf("Sec-WebSocket-Accept = %q, want %q", got, want)
	}
	t.Cleanup(func() { conn.Close() })
	return &wsClient{&wsConn{conn: conn, br: br, protocol: resp.Header.Get("Sec-WebSocket-Protocol")}}, resp
}

// send writes a masked binary message on channel ch.
func (c *wsClient) send(ch byte, data []byte) error {
	payload := append([]byte{ch}, data...)
	hdr := []byte{0x80 | wsOpBinary}
	switch n := len(payload); {
	case n < 126:
		hdr = append(hdr, 0x80|byte(n))
	case n <= 0xFFFF:
		hdr = append(hdr, 0x80|126, byte(n>>8), byte(n))
	default:
		hdr = append(hdr, 0x80|127)
		hdr = binary.BigEndian.AppendUint64(hdr, uint64(n))
	}
	var mask [4]byte
	rand.Read(mask[:])
	hdr = append(hdr, mask[:]...)
	for i := range payload {
		payload[i] ^= mask[i%4]
	}
	_, err := c.conn.Write(append(hdr, payload...))
	return err
}

// collect reads messages until the connection closes, returning each
// channel's bytes.
func (c *wsClient) collect(t testing.TB) map[byte][]byte {
	t.Helper()
	out := map[byte][]byte{}
	c.conn.SetReadDeadline(time.Now().Add(20 * time.Second))
	for {
		_, msg, err := c.ReadMessage()
		if err != nil {
			if !errors.Is(err, errWSClosed) && !errors.Is(err, io.EOF) {
				t.Fatalf("websocket read: %v", err)
			}
			return out
		}
		if len(msg) > 0 {
			out[msg[0]] = append(out[msg[0]], msg[1:]...)
		}
	}
}

func recordOf(r *server, id string) containerRecord {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.containers[id].rec
}

func pidOf(r *server, id string) int { return recordOf(r, id).PID }

var quietLogger = slog.New(slog.DiscardHandler)
