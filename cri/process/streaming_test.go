package process

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"
)

func TestStreamingExec(t *testing.T) {
	t.Parallel()
	r := newTestRuntime(t)
	sb, sbCfg := runSandbox(t, r, "stream")
	id := startContainer(t, r, sb, sbCfg, containerConfig("c", "sleep", "1000"))
	ctx := context.Background()

	t.Run("v5 stdin, stdout, stderr and exit code", func(t *testing.T) {
		t.Parallel()
		resp, err := r.Exec(ctx, &runtimev1.ExecRequest{ContainerId: id, Cmd: []string{"/bin/sh", "-c", "cat; echo err >&2; exit 3"}, Stdin: true, Stdout: true, Stderr: true})
		if err != nil {
			t.Fatal(err)
		}
		ws, _ := dialWS(t, resp.Url, "v5.channel.k8s.io", "v4.channel.k8s.io")
		if ws.protocol != streamProtoV5 {
			t.Fatalf("protocol %q", ws.protocol)
		}
		ws.send(chanStdin, []byte("hello\n"))
		ws.send(chanClose, []byte{chanStdin})
		out := ws.collect(t)
		if string(out[chanStdout]) != "hello\n" || string(out[chanStderr]) != "err\n" {
			t.Fatalf("stdout %q stderr %q", out[chanStdout], out[chanStderr])
		}
		var st apiStatus
		if err := json.Unmarshal(out[chanError], &st); err != nil {
			t.Fatalf("status %q: %v", out[chanError], err)
		}
		if st.Status != "Failure" || st.Reason != "NonZeroExitCode" || st.Details.Causes[0].Message != "3" {
			t.Fatalf("status %+v", st)
		}
		// The URL is single-use.
		if _, resp := dialWS(t, resp.Url, "v5.channel.k8s.io"); resp == nil || resp.StatusCode != http.StatusNotFound {
			t.Fatalf("second use of the URL: %v", resp)
		}
	})

	t.Run("v4 success", func(t *testing.T) {
		t.Parallel()
		resp, err := r.Exec(ctx, &runtimev1.ExecRequest{ContainerId: id, Cmd: []string{"echo", "ok"}, Stdout: true})
		if err != nil {
			t.Fatal(err)
		}
		ws, _ := dialWS(t, resp.Url, "v4.channel.k8s.io")
		out := ws.collect(t)
		if string(out[chanStdout]) != "ok\n" || !strings.Contains(string(out[chanError]), `"status":"Success"`) {
			t.Fatalf("got %q", out)
		}
	})

	t.Run("tty", func(t *testing.T) {
		t.Parallel()
		resp, err := r.Exec(ctx, &runtimev1.ExecRequest{ContainerId: id, Cmd: []string{"/bin/sh", "-c", "test -t 0 && test -t 1 && echo isatty"}, Stdin: true, Stdout: true, Tty: true})
		if err != nil {
			t.Fatal(err)
		}
		ws, _ := dialWS(t, resp.Url, "v4.channel.k8s.io")
		ws.send(chanResize, []byte(`{"Width":100,"Height":40}`))
		out := ws.collect(t)
		if !strings.Contains(string(out[chanStdout]), "isatty") {
			t.Fatalf("stdout %q", out[chanStdout])
		}
	})

	t.Run("v1 error text", func(t *testing.T) {
		t.Parallel()
		resp, err := r.Exec(ctx, &runtimev1.ExecRequest{ContainerId: id, Cmd: []string{"/bin/sh", "-c", "exit 2"}, Stdout: true})
		if err != nil {
			t.Fatal(err)
		}
		ws, _ := dialWS(t, resp.Url, "channel.k8s.io")
		out := ws.collect(t)
		if !strings.Contains(string(out[chanError]), "exit status 2") {
			t.Fatalf("error channel %q", out[chanError])
		}
	})

	t.Run("refusals", func(t *testing.T) {
		t.Parallel()
		if _, err := r.Exec(ctx, &runtimev1.ExecRequest{ContainerId: id, Cmd: []string{"true"}, Tty: true, Stderr: true}); err == nil {
			t.Fatal("tty with stderr accepted")
		}
		resp, err := r.Exec(ctx, &runtimev1.ExecRequest{ContainerId: id, Cmd: []string{"true"}, Stdout: true})
		if err != nil {
			t.Fatal(err)
		}
		plain, err := http.Get(resp.Url)
		if err != nil {
			t.Fatal(err)
		}
		plain.Body.Close()
		if plain.StatusCode != http.StatusBadRequest {
			t.Fatalf("plain GET: %d", plain.StatusCode)
		}
		if _, hr := dialWS(t, resp.Url, "SPDY/3.1"); hr == nil || hr.StatusCode != http.StatusBadRequest {
			t.Fatalf("unsupported subprotocol: %v", hr)
		}
	})
}

func TestStreamingAttach(t *testing.T) {
	t.Parallel()
	r := newTestRuntime(t)
	sb, sbCfg := runSandbox(t, r, "attach")
	cfg := containerConfig("reader", "/bin/sh", "-c", `while read l; do echo "got $l"; done; echo eof`)
	cfg.Stdin, cfg.StdinOnce = true, true
	id := startContainer(t, r, sb, sbCfg, cfg)
	resp, err := r.Attach(context.Background(), &runtimev1.AttachRequest{ContainerId: id, Stdin: true, Stdout: true, Stderr: true})
	if err != nil {
		t.Fatal(err)
	}
	ws, _ := dialWS(t, resp.Url, "v5.channel.k8s.io")
	ws.send(chanStdin, []byte("a\n"))
	ws.conn.SetReadDeadline(time.Now().Add(20 * time.Second))
	_, msg, err := ws.ReadMessage()
	if err != nil || string(msg) != "\x01got a\n" {
		t.Fatalf("first output %q %v", msg, err)
	}
	// Closing stdin of a StdinOnce container closes the container's stdin.
	ws.send(chanClose, []byte{chanStdin})
	out := ws.collect(t)
	if string(out[chanStdout]) != "eof\n" || !strings.Contains(string(out[chanError]), "Success") {
		t.Fatalf("rest %q", out)
	}
	st := waitExited(t, r, id)
	if st.ExitCode != 0 {
		t.Fatalf("exit %d", st.ExitCode)
	}
	if got := logText(readLog(t, st.LogPath), runtimev1.Stdout); got != "got a\neof\n" {
		t.Fatalf("log %q", got)
	}
}

func TestStreamingPortForward(t *testing.T) {
	t.Parallel()
	r := newTestRuntime(t)
	sb, _ := runSandbox(t, r, "pf")
	// The pod uses the host network, so a listener of the test is "in" it.
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lis.Close() })
	go func() {
		c, err := lis.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		line, _ := bufio.NewReader(c).ReadString('\n')
		io.WriteString(c, strings.ToUpper(line))
	}()
	port := lis.Addr().(*net.TCPAddr).Port
	resp, err := r.PortForward(context.Background(), &runtimev1.PortForwardRequest{PodSandboxId: sb})
	if err != nil {
		t.Fatal(err)
	}
	ws, _ := dialWS(t, resp.Url+"?port="+strconv.Itoa(port), "v4.channel.k8s.io")
	ws.conn.SetReadDeadline(time.Now().Add(20 * time.Second))
	for ch := byte(0); ch < 2; ch++ {
		_, msg, err := ws.ReadMessage()
		if err != nil || len(msg) != 3 || msg[0] != ch || int(binary.LittleEndian.Uint16(msg[1:])) != port {
			t.Fatalf("port header on channel %d: %v %v", ch, msg, err)
		}
	}
	ws.send(0, []byte("ping\n"))
	out := ws.collect(t)
	if string(out[0]) != "PING\n" || len(out[1]) != 0 {
		t.Fatalf("forwarded %q", out)
	}
}
