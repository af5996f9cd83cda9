package client

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/errdefs"
)

// Config says how to reach an API server over HTTP. Zero values are the
// documented defaults.
type Config struct {
	// Host is the server's base URL, e.g. https://127.0.0.1:6443. Required
	// unless Transport serves every request itself (the in-process client).
	Host string
	// TLSClientConfig is used for https hosts: the cluster CA and, for
	// certificate authentication, the client certificate.
	TLSClientConfig *tls.Config
	// BearerToken is sent as "Authorization: Bearer <token>" when set.
	BearerToken string
	// QPS and Burst limit requests on the client side; QPS 0 means no limit.
	QPS   float64
	Burst int
	// UserAgent defaults to "orca-client".
	UserAgent string
	// Transport replaces the HTTP transport built from TLSClientConfig.
	Transport http.RoundTripper
	// MaxRetries bounds retries of 429 and 503 answers that carry
	// Retry-After; default 5. Negative disables retries.
	MaxRetries int
}

// Validate reports a config that cannot work.
func (c *Config) Validate() error {
	if c.Host == "" && c.Transport == nil {
		return fmt.Errorf("client: Config needs a Host or a Transport")
	}
	if c.Host != "" {
		if _, err := url.Parse(c.Host); err != nil {
			return fmt.Errorf("client: bad Host %q: %w", c.Host, err)
		}
	}
	if c.QPS < 0 || c.Burst < 0 {
		return fmt.Errorf("client: QPS and Burst must not be negative")
	}
	return nil
}

// Client talks to an orca or Kubernetes API server. All methods are safe for
// concurrent use. The typed view is Resource[T]; Dynamic gives the same
// operations on Unstructured objects of any resource.
type Client struct {
	scheme     *apiobj.Scheme
	codec      *apiobj.Codec
	base       *url.URL
	http       *http.Client
	token      string
	userAgent  string
	maxRetries int
	limiter    *bucket
}

// New returns a client for cfg that encodes and decodes with scheme.
func New(cfg Config, scheme *apiobj.Scheme) (*Client, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	host := cfg.Host
	if host == "" {
		host = "http://in-process"
	}
	base, err := url.Parse(strings.TrimRight(host, "/"))
	if err != nil {
		return nil, err
	}
	rt := cfg.Transport
	if rt == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.TLSClientConfig = cfg.TLSClientConfig
		t.MaxIdleConnsPerHost = 64
		t.ForceAttemptHTTP2 = true
		rt = t
	}
	ua := cfg.UserAgent
	if ua == "" {
		ua = "orca-client"
	}
	retries := cfg.MaxRetries
	if retries == 0 {
		retries = 5
	}
	c := &Client{
		scheme:     scheme,
		codec:      apiobj.NewCodec(scheme),
		base:       base,
		http:       &http.Client{Transport: rt},
		token:      cfg.BearerToken,
		userAgent:  ua,
		maxRetries: max(retries, 0),
	}
	if cfg.QPS > 0 {
		c.limiter = newBucket(cfg.QPS, max(cfg.Burst, 1))
	}
	return c, nil
}

// Scheme returns the client's scheme.
func (c *Client) Scheme() *apiobj.Scheme { return c.scheme }

// Codec returns the client's codec.
func (c *Client) Codec() *apiobj.Codec { return c.codec }

// Request is one raw API call.
type Request struct {
	Method      string
	Path        string
	Query       url.Values
	Body        []byte
	ContentType string
	Accept      string
}

// Do sends req and returns the response for a 2xx answer. Any other answer
// becomes an *apiobj.StatusError, decoded from the server's Status when it
// sent one, so errors.Is(err, errdefs.ErrNotFound) and friends work. 429 and
// 503 answers with Retry-After are retried up to MaxRetries times within ctx.
// The caller closes the response body.
func (c *Client) Do(ctx context.Context, req Request) (*http.Response, error) {
	for attempt := 0; ; attempt++ {
		if c.limiter != nil {
			if err := c.limiter.wait(ctx); err != nil {
				return nil, err
			}
		}
		resp, err := c.do(ctx, req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode >= 200 && resp.StatusCode < 300 {
			return resp, nil
		}
		retryAfter := resp.Header.Get("Retry-After")
		serr := c.statusError(resp)
		if (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) &&
			retryAfter != "" && attempt < c.maxRetries {
			secs, _ := strconv.Atoi(retryAfter)
			wait := time.Duration(max(secs, 0))*time.Second + time.Duration(attempt)*50*time.Millisecond
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return nil, serr
			case <-t.C:
			}
			continue
		}
		return nil, serr
	}
}

func (c *Client) do(ctx context.Context, req Request) (*http.Response, error) {
	u := *c.base
	u.Path = c.base.Path + req.Path
	u.RawQuery = req.Query.Encode()
	var body io.Reader
	if req.Body != nil {
		body = bytes.NewReader(req.Body)
	}
	hr, err := http.NewRequestWithContext(ctx, req.Method, u.String(), body)
	if err != nil {
		return nil, err
	}
	if req.ContentType != "" {
		hr.Header.Set("Content-Type", req.ContentType)
	}
	accept := req.Accept
	if accept == "" {
		accept = "application/json"
	}
	hr.Header.Set("Accept", accept)
	hr.Header.Set("User-Agent", c.userAgent)
	if c.token != "" {
		hr.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.http.Do(hr)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%w: %w", ctx.Err(), errdefs.ErrTimeout)
		}
		return nil, fmt.Errorf("client: %s %s: %w: %w", req.Method, req.Path, err, errdefs.ErrUnavailable)
	}
	return resp, nil
}

// statusError reads a failed response into a StatusError and closes it.
func (c *Client) statusError(resp *http.Response) error {
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	var st apiobj.Status
	if json.Unmarshal(b, &st) == nil && st.Kind == "Status" {
		if st.Code == 0 {
			st.Code = int32(resp.StatusCode)
		}
		return &apiobj.StatusError{Status: st}
	}
	msg := strings.TrimSpace(string(b))
	if msg == "" {
		msg = http.StatusText(resp.StatusCode)
	}
	return apiobj.NewStatusError(int32(resp.StatusCode), reasonForCode(resp.StatusCode),
		fmt.Sprintf("the server responded with status %d: %s", resp.StatusCode, msg))
}

func reasonForCode(code int) apiobj.StatusReason {
	switch code {
	case http.StatusNotFound:
		return apiobj.StatusReasonNotFound
	case http.StatusConflict:
		return apiobj.StatusReasonConflict
	case http.StatusUnprocessableEntity:
		return apiobj.StatusReasonInvalid
	case http.StatusGone:
		return apiobj.StatusReasonGone
	case http.StatusBadRequest:
		return apiobj.StatusReasonBadRequest
	case http.StatusUnauthorized:
		return apiobj.StatusReasonUnauthorized
	case http.StatusForbidden:
		return apiobj.StatusReasonForbidden
	case http.StatusMethodNotAllowed:
		return apiobj.StatusReasonMethodNotAllowed
	case http.StatusNotAcceptable:
		return apiobj.StatusReasonNotAcceptable
	case http.StatusRequestEntityTooLarge:
		return apiobj.StatusReasonRequestEntityTooLarge
	case http.StatusUnsupportedMediaType:
		return apiobj.StatusReasonUnsupportedMediaType
	case http.StatusTooManyRequests:
		return apiobj.StatusReasonTooManyRequests
	case http.StatusServiceUnavailable:
		return apiobj.StatusReasonServiceUnavailable
	case http.StatusGatewayTimeout:
		return apiobj.StatusReasonTimeout
	}
	return apiobj.StatusReasonInternalError
}

// readBody reads and closes a successful response.
func readBody(resp *http.Response) ([]byte, error) {
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// bucket is a token bucket: rate tokens per second, up to burst.
type bucket struct {
	mu     sync.Mutex // guards tokens and last
	rate   float64
	burst  float64
	tokens float64
	last   time.Time
}

func newBucket(rate float64, burst int) *bucket {
	return &bucket{rate: rate, burst: float64(burst), tokens: float64(burst), last: time.Now()}
}

func (b *bucket) wait(ctx context.Context) error {
	for {
		b.mu.Lock()
		now := time.Now()
		b.tokens = min(b.burst, b.tokens+now.Sub(b.last).Seconds()*b.rate)
		b.last = now
		if b.tokens >= 1 {
			b.tokens--
			b.mu.Unlock()
			return nil
		}
		need := time.Duration((1 - b.tokens) / b.rate * float64(time.Second))
		b.mu.Unlock()
		t := time.NewTimer(need)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

// IgnoreNotFound returns nil for a NotFound error and err otherwise.
func IgnoreNotFound(err error) error {
	if errors.Is(err, errdefs.ErrNotFound) {
		return nil
	}
	return err
}
