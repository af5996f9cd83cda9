package process

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"

	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"
)

// The streaming server follows the CRI pattern: Exec, Attach and PortForward
// return a single-use URL on a local HTTP server, and the client (the
// kubelet, or crictl) connects to it. The server speaks the Kubernetes
// WebSocket channel protocols, the ones kubectl 1.30+ speaks first:
//
//	exec, attach: v5.channel.k8s.io, v4.channel.k8s.io, v3.channel.k8s.io,
//	              v2.channel.k8s.io, channel.k8s.io
//	port-forward: v4.channel.k8s.io (the kubelet's WebSocket port-forward)
//
// Every binary message starts with a channel byte: 0 stdin, 1 stdout,
// 2 stderr, 3 error (a metav1.Status in JSON from v4 on, text before), 4
// terminal resize ({"Width":w,"Height":h}, v3 on). In v5 the message
// {255, c} closes the client's channel c (stdin half-close). Port-forward
// uses channels 2i (data) and 2i+1 (errors) for the i-th port, each opened by
// the server with the port number as two little-endian bytes. The SPDY/3.1
// protocols and the base64 text variants are not served; a non-WebSocket
// request gets 400.

const (
	streamProtoV5 = "v5.channel.k8s.io"
	streamProtoV4 = "v4.channel.k8s.io"
	streamProtoV3 = "v3.channel.k8s.io"
	streamProtoV2 = "v2.channel.k8s.io"
	streamProtoV1 = "channel.k8s.io"

	chanStdin  = 0
	chanStdout = 1
	chanStderr = 2
	chanError  = 3
	chanResize = 4
	chanClose  = 255
)

var execProtocols = []string{streamProtoV5, streamProtoV4, streamProtoV3, streamProtoV2, streamProtoV1}

var portForwardProtocols = []string{streamProtoV4, streamProtoV1}

type streamKind int

const (
	kindExec streamKind = iota
	kindAttach
	kindPortForward
)

type streamRequest struct {
	kind    streamKind
	exec    *runtimev1.ExecRequest
	attach  *runtimev1.AttachRequest
	pf      *runtimev1.PortForwardRequest
	expires time.Time
}

type streamServer struct {
	r       *server
	ln      net.Listener
	srv     *http.Server
	baseURL string
	ttl     time.Duration
	ctx     context.Context // canceled by close; ends every session
	cancel  context.CancelFunc
	wg      sync.WaitGroup // sessions

	mu     sync.Mutex
	tokens map[string]streamRequest // guarded by mu
	conns  map[*wsConn]struct{}     // guarded by mu
	closed bool                     // guarded by mu
}

func newStreamServer(r *server, addr string, ttl time.Duration) (*streamServer, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &streamServer{
		r: r, ln: ln, ttl: ttl, ctx: ctx, cancel: cancel,
		baseURL: "http://" + ln.Addr().String(),
		tokens:  map[string]streamRequest{},
		conns:   map[*wsConn]struct{}{},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /exec/{token}", s.handleExec)
	mux.HandleFunc("GET /attach/{token}", s.handleAttach)
	mux.HandleFunc("GET /portforward/{token}", s.handlePortForward)
	s.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go s.srv.Serve(ln)
	return s, nil
}

func (s *streamServer) close() {
	s.mu.Lock()
	s.closed = true
	conns := s.conns
	s.conns = map[*wsConn]struct{}{}
	s.mu.Unlock()
	s.cancel()
	s.srv.Close()
	for c := range conns {
		c.conn.Close()
	}
	s.wg.Wait()
}

// register stores req under a new token and returns its URL.
func (s *streamServer) register(path string, req streamRequest) string {
	token := newID()[:32]
	now := time.Now()
	req.expires = now.Add(s.ttl)
	s.mu.Lock()
	for t, r := range s.tokens {
		if now.After(r.expires) {
			delete(s.tokens, t)
		}
	}
	s.tokens[token] = req
	s.mu.Unlock()
	return s.baseURL + "/" + path + "/" + token
}

// take removes and returns the request for token if it is live.
func (s *streamServer) take(token string, kind streamKind) (streamRequest, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	req, ok := s.tokens[token]
	if !ok || req.kind != kind || time.Now().After(req.expires) {
		return streamRequest{}, false
	}
	delete(s.tokens, token)
	return req, true
}

// session upgrades the connection and tracks it until done.
func (s *streamServer) session(w http.ResponseWriter, req *http.Request, token string, kind streamKind, protocols []string) (streamRequest, *wsConn, bool) {
	if !isWebSocket(req) {
		http.Error(w, "this streaming server speaks the WebSocket channel protocols (v5.channel.k8s.io and older) only; SPDY is not supported", http.StatusBadRequest)
		return streamRequest{}, nil, false
	}
	sr, ok := s.take(token, kind)
	if !ok {
		http.Error(w, "unknown or expired streaming token", http.StatusNotFound)
		return streamRequest{}, nil, false
	}
	ws, err := wsUpgrade(w, req, protocols)
	if err != nil {
		return streamRequest{}, nil, false
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		ws.conn.Close()
		return streamRequest{}, nil, false
	}
	s.conns[ws] = struct{}{}
	s.wg.Add(1)
	s.mu.Unlock()
	return sr, ws, true
}

func (s *streamServer) endSession(ws *wsConn, readerDone <-chan struct{}) {
	ws.Close(readerDone)
	s.mu.Lock()
	delete(s.conns, ws)
	s.mu.Unlock()
	s.wg.Done()
}

// channelWriter writes to one channel of a session.
type channelWriter struct {
	ws *wsConn
	ch byte
}

func (w channelWriter) Write(p []byte) (int, error) {
	msg := make([]byte, 1+len(p))
	msg[0] = w.ch
	copy(msg[1:], p)
	if err := w.ws.WriteMessage(wsOpBinary, msg); err != nil {
		return 0, err
	}
	return len(p), nil
}

// apiStatus is the metav1.Status sent on the error channel from v4 on.
type apiStatus struct {
	Metadata struct{}       `json:"metadata"`
	Status   string         `json:"status"`
	Message  string         `json:"message,omitempty"`
	Reason   string         `json:"reason,omitempty"`
	Details  *statusDetails `json:"details,omitempty"`
}

type statusDetails struct {
	Causes []statusCause `json:"causes,omitempty"`
}

type statusCause struct {
	Reason  string `json:"reason,omitempty"`
	Message string `json:"message,omitempty"`
}

// writeResult reports the end of an exec or attach on the error channel.
func writeResult(ws *wsConn, code int32, err error) {
	st := apiStatus{Status: "Success"}
	switch {
	case err != nil:
		st = apiStatus{Status: "Failure", Message: err.Error(), Reason: "InternalError"}
	case code != 0:
		st = apiStatus{
			Status:  "Failure",
			Message: fmt.Sprintf("command terminated with non-zero exit code: exit status %d", code),
			Reason:  "NonZeroExitCode",
			Details: &statusDetails{Causes: []statusCause{{Reason: "ExitCode", Message: strconv.Itoa(int(code))}}},
		}
	}
	w := channelWriter{ws: ws, ch: chanError}
	switch ws.protocol {
	case streamProtoV5, streamProtoV4:
		b, _ := json.Marshal(st)
		w.Write(b)
	default:
		if st.Status != "Success" {
			w.Write([]byte(st.Message))
		}
	}
}

// readLoop reads client messages until the connection ends, handing stdin
// data to stdin (closed at the end, or on a v5 close of channel 0) and
// resize messages to resize (closed at the end).
func readLoop(ws *wsConn, stdin io.WriteCloser, resize chan<- winsize, done chan<- struct{}) {
	defer close(done)
	if resize != nil {
		defer close(resize)
	}
	closeStdin := func() {
		if stdin != nil {
			stdin.Close()
			stdin = nil
		}
	}
	defer closeStdin()
	for {
		_, msg, err := ws.ReadMessage()
		if err != nil {
			return
		}
		if len(msg) == 0 {
			continue
		}
		ch, data := msg[0], msg[1:]
		switch {
		case ch == chanStdin:
			if stdin != nil && len(data) > 0 {
				if _, err := stdin.Write(data); err != nil {
					closeStdin()
				}
			}
		case ch == chanResize && resize != nil:
			var ws winsize
			if json.Unmarshal(data, &ws) == nil {
				select {
				case resize <- ws:
				default:
				}
			}
		case ch == chanClose && len(data) > 0 && data[0] == chanStdin:
			closeStdin()
		}
	}
}

// Exec returns a URL that runs the command in the container when a client
// connects with a WebSocket channel protocol.
func (r *server) Exec(ctx context.Context, req *runtimev1.ExecRequest) (*runtimev1.ExecResponse, error) {
	if _, err := r.execTarget(req.GetContainerId()); err != nil {
		return nil, err
	}
	if len(req.GetCmd()) == 0 {
		return nil, invalid("exec: empty command")
	}
	if !req.GetStdin() && !req.GetStdout() && !req.GetStderr() {
		return nil, invalid("exec: one of stdin, stdout and stderr is required")
	}
	if req.GetTty() && req.GetStderr() {
		return nil, invalid("exec: tty and stderr cannot both be true")
	}
	return &runtimev1.ExecResponse{Url: r.stream.register("exec", streamRequest{kind: kindExec, exec: req})}, nil
}

func (s *streamServer) handleExec(w http.ResponseWriter, req *http.Request) {
	sr, ws, ok := s.session(w, req, req.PathValue("token"), kindExec, execProtocols)
	if !ok {
		return
	}
	er := sr.exec
	ctx, cancel := context.WithCancel(s.ctx)
	defer cancel()
	var stdin io.Reader
	var stdinW io.WriteCloser
	if er.GetStdin() {
		// An *os.File, so the command reads it directly and Wait does
		// not wait for a copying goroutine.
		pr, pw, err := os.Pipe()
		if err != nil {
			writeResult(ws, 0, internal("exec: %v", err))
			s.endSession(ws, nil)
			return
		}
		defer pr.Close()
		stdin, stdinW = pr, pw
	}
	var resize chan winsize
	if er.GetTty() {
		resize = make(chan winsize, 4)
	}
	readerDone := make(chan struct{})
	go readLoop(ws, stdinW, resize, readerDone)
	go func() {
		// The client went away: end the command.
		select {
		case <-readerDone:
			cancel()
		case <-ctx.Done():
		}
	}()
	var stdout, stderr io.Writer
	if er.GetStdout() {
		stdout = channelWriter{ws: ws, ch: chanStdout}
	}
	if er.GetStderr() {
		stderr = channelWriter{ws: ws, ch: chanStderr}
	}
	code, err := s.r.runStreaming(ctx, er.GetContainerId(), er.GetCmd(), stdin, stdout, stderr, er.GetTty(), resize)
	writeResult(ws, code, err)
	s.endSession(ws, readerDone)
}

// Attach returns a URL that attaches to the container's output (and its
// stdin, when the container was created with Stdin) when a client connects.
func (r *server) Attach(ctx context.Context, req *runtimev1.AttachRequest) (*runtimev1.AttachResponse, error) {
	if _, err := r.execTarget(req.GetContainerId()); err != nil {
		return nil, err
	}
	if !req.GetStdin() && !req.GetStdout() && !req.GetStderr() {
		return nil, invalid("attach: one of stdin, stdout and stderr is required")
	}
	return &runtimev1.AttachResponse{Url: r.stream.register("attach", streamRequest{kind: kindAttach, attach: req})}, nil
}

// stdinWriter writes to a running container's stdin.
type stdinWriter struct {
	rs   *runState
	once bool // StdinOnce: closing this writer closes the container's stdin
}

func (w stdinWriter) Write(p []byte) (int, error) {
	w.rs.stdinMu.Lock()
	defer w.rs.stdinMu.Unlock()
	if w.rs.stdin == nil {
		return 0, io.ErrClosedPipe
	}
	return w.rs.stdin.Write(p)
}

func (w stdinWriter) Close() error {
	if w.once {
		w.rs.closeStdin()
	}
	return nil
}

func (s *streamServer) handleAttach(w http.ResponseWriter, req *http.Request) {
	sr, ws, ok := s.session(w, req, req.PathValue("token"), kindAttach, execProtocols)
	if !ok {
		return
	}
	ar := sr.attach
	r := s.r
	c, err := r.getContainer(ar.GetContainerId())
	var rs *runState
	if err == nil {
		r.mu.Lock()
		if c.rec.State == stateRunning {
			rs = c.run
		}
		r.mu.Unlock()
		if rs == nil {
			err = precondition("container %s is not running", c.id)
		}
	}
	if err != nil {
		writeResult(ws, 0, err)
		s.endSession(ws, nil)
		return
	}
	var stdinW io.WriteCloser
	if ar.GetStdin() && c.config.GetStdin() {
		stdinW = stdinWriter{rs: rs, once: c.config.GetStdinOnce()}
	}
	out, unsubscribe := rs.bc.subscribe()
	defer unsubscribe()
	readerDone := make(chan struct{})
	go readLoop(ws, stdinW, nil, readerDone)
	for {
		select {
		case ch, ok := <-out:
			if !ok {
				writeResult(ws, 0, nil)
				s.endSession(ws, readerDone)
				return
			}
			if ch.stderr && ar.GetStderr() {
				channelWriter{ws: ws, ch: chanStderr}.Write(ch.data)
			} else if !ch.stderr && ar.GetStdout() {
				channelWriter{ws: ws, ch: chanStdout}.Write(ch.data)
			}
		case <-readerDone:
			s.endSession(ws, readerDone)
			return
		case <-s.ctx.Done():
			s.endSession(ws, nil)
			return
		}
	}
}

// PortForward returns a URL that forwards the requested ports (or, when the
// request has none, the URL's port query parameters) to localhost in the
// pod's network namespace.
func (r *server) PortForward(ctx context.Context, req *runtimev1.PortForwardRequest) (*runtimev1.PortForwardResponse, error) {
	if _, err := r.getSandbox(req.GetPodSandboxId()); err != nil {
		return nil, err
	}
	for _, p := range req.GetPort() {
		if p <= 0 || p > 65535 {
			return nil, invalid("port-forward: invalid port %d", p)
		}
	}
	return &runtimev1.PortForwardResponse{Url: r.stream.register("portforward", streamRequest{kind: kindPortForward, pf: req})}, nil
}

// dialPod connects to localhost:port inside the sandbox's network.
func (r *server) dialPod(ctx context.Context, sandboxID string, port int32) (net.Conn, error) {
	sb, err := r.getSandbox(sandboxID)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	ns := sb.rec.NetNS
	r.mu.Unlock()
	var conn net.Conn
	err = inNetNS(ns, func() error {
		var d net.Dialer
		var err error
		conn, err = d.DialContext(ctx, "tcp", net.JoinHostPort("localhost", strconv.Itoa(int(port))))
		return err
	})
	return conn, err
}

func (s *streamServer) handlePortForward(w http.ResponseWriter, req *http.Request) {
	pending, ok := s.peekPorts(req)
	if !ok {
		http.Error(w, "port-forward: no valid port given", http.StatusBadRequest)
		return
	}
	sr, ws, ok := s.session(w, req, req.PathValue("token"), kindPortForward, portForwardProtocols)
	if !ok {
		return
	}
	ports := sr.pf.GetPort()
	if len(ports) == 0 {
		ports = pending
	}
	if len(ports) == 0 {
		channelWriter{ws: ws, ch: 1}.Write([]byte("port-forward: no port given"))
		s.endSession(ws, nil)
		return
	}
	ctx, cancel := context.WithCancel(s.ctx)
	defer cancel()
	conns := make([]net.Conn, len(ports))
	for i, p := range ports {
		var pb [2]byte
		binary.LittleEndian.PutUint16(pb[:], uint16(p))
		channelWriter{ws: ws, ch: byte(2 * i)}.Write(pb[:])
		channelWriter{ws: ws, ch: byte(2*i + 1)}.Write(pb[:])
		conn, err := s.r.dialPod(ctx, sr.pf.GetPodSandboxId(), p)
		if err != nil {
			channelWriter{ws: ws, ch: byte(2*i + 1)}.Write([]byte(fmt.Sprintf("error forwarding port %d to pod %s: %v", p, sr.pf.GetPodSandboxId(), err)))
			continue
		}
		conns[i] = conn
	}
	readerDone := make(chan struct{})
	go func() {
		defer close(readerDone)
		for {
			_, msg, err := ws.ReadMessage()
			if err != nil {
				return
			}
			if len(msg) == 0 || msg[0]%2 != 0 || int(msg[0]/2) >= len(conns) {
				continue
			}
			if c := conns[msg[0]/2]; c != nil && len(msg) > 1 {
				if _, err := c.Write(msg[1:]); err != nil {
					c.Close()
				}
			}
		}
	}()
	var wg sync.WaitGroup
	for i, c := range conns {
		if c == nil {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			io.Copy(channelWriter{ws: ws, ch: byte(2 * i)}, c)
		}()
	}
	allDone := make(chan struct{})
	go func() { wg.Wait(); close(allDone) }()
	select {
	case <-readerDone:
	case <-allDone:
	case <-ctx.Done():
	}
	for _, c := range conns {
		if c != nil {
			c.Close()
		}
	}
	wg.Wait()
	s.endSession(ws, readerDone)
}

// peekPorts parses the port query parameters.
func (s *streamServer) peekPorts(req *http.Request) ([]int32, bool) {
	var ports []int32
	for _, v := range req.URL.Query()["port"] {
		p, err := strconv.ParseUint(v, 10, 16)
		if err != nil || p == 0 {
			return nil, false
		}
		ports = append(ports, int32(p))
	}
	return ports, true
}
