package client

import (
	"context"
	"io"
	"net/http"
	"sync"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver/auth"
)

// NewInProcess returns a client that calls handler (an API server's handler
// chain) directly, without a socket, as user. Its semantics are the HTTP
// client's: the same paths, bodies, Status errors and watch streams. The
// identity travels in the request context, so the server skips its
// authenticators but still authorizes user.
func NewInProcess(handler http.Handler, user *auth.User, scheme *apiobj.Scheme) *Client {
	c, err := New(Config{Transport: &inProcessTransport{h: handler, user: user}, MaxRetries: -1}, scheme)
	if err != nil {
		panic(err) // the config above is always valid
	}
	return c
}

// inProcessTransport is an http.RoundTripper that serves each request with
// an http.Handler in a goroutine and streams its response back.
type inProcessTransport struct {
	h    http.Handler
	user *auth.User
}

func (t *inProcessTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithCancel(req.Context())
	if t.user != nil {
		ctx = auth.WithUser(ctx, t.user)
	}
	sreq := req.Clone(ctx)
	sreq.RequestURI = req.URL.RequestURI()
	sreq.RemoteAddr = "in-process"
	if sreq.Body == nil {
		sreq.Body = http.NoBody
	}
	pr, pw := io.Pipe()
	w := &pipeWriter{header: http.Header{}, pw: pw, ready: make(chan struct{})}
	go func() {
		defer func() {
			if p := recover(); p != nil {
				w.WriteHeader(http.StatusInternalServerError)
				_ = pw.CloseWithError(io.ErrUnexpectedEOF)
				return
			}
			w.WriteHeader(http.StatusOK) // a handler that wrote nothing
			_ = pw.Close()
		}()
		t.h.ServeHTTP(w, sreq)
	}()
	select {
	case <-w.ready:
	case <-ctx.Done():
		cancel()
		_ = pr.Close()
		return nil, ctx.Err()
	}
	return &http.Response{
		Status:     http.StatusText(w.code),
		StatusCode: w.code,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     w.sent,
		Body:       &cancelBody{ReadCloser: pr, cancel: cancel},
		Request:    req,
	}, nil
}

// cancelBody cancels the handler's context when the caller closes the body,
// which ends server-side streams such as watches.
type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelBody) Close() error {
	b.cancel()
	return b.ReadCloser.Close()
}

// pipeWriter is the handler's ResponseWriter: headers are handed to the
// RoundTrip caller at the first WriteHeader, the body flows through a pipe.
type pipeWriter struct {
	header http.Header
	sent   http.Header
	pw     *io.PipeWriter
	once   sync.Once
	ready  chan struct{}
	code   int
}

func (w *pipeWriter) Header() http.Header { return w.header }

func (w *pipeWriter) WriteHeader(code int) {
	w.once.Do(func() {
		w.code = code
		w.sent = w.header.Clone()
		close(w.ready)
	})
}

func (w *pipeWriter) Write(b []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return w.pw.Write(b)
}

// Flush implements http.Flusher; the pipe has no buffer to flush.
func (w *pipeWriter) Flush() { w.WriteHeader(http.StatusOK) }
