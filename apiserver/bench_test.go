package apiserver_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/store/memory"
)

const podJSON = `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","labels":{"app":"bench"}},"spec":{"containers":[{"name":"c","image":"busybox","resources":{"requests":{"cpu":"100m"}}}]}}`

func benchServer(b *testing.B) (*apiserver.Server, func() *http.Client, string) {
	b.Helper()
	st := memory.New(memory.Config{})
	b.Cleanup(func() { _ = st.Close() })
	s, err := apiserver.New(apiserver.Config{Store: st, MaxRequestsInFlight: 10000, MaxMutatingRequestsInFlight: 10000})
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Bootstrap(context.Background()); err != nil {
		b.Fatal(err)
	}
	hs := httptest.NewServer(s)
	b.Cleanup(func() { s.Close(); hs.Close() })
	tr := &http.Transport{MaxIdleConnsPerHost: 256}
	return s, func() *http.Client { return &http.Client{Transport: tr} }, hs.URL
}

// transports run a request either over HTTP (loopback) or in process.
func transports(b *testing.B, s *apiserver.Server, client func() *http.Client, url string) map[string]func(method, path, body string) int {
	return map[string]func(method, path, body string) int{
		"http": func(method, path, body string) int {
			req, _ := http.NewRequest(method, url+path, strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			res, err := client().Do(req)
			if err != nil {
				b.Error(err)
				return 0
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			return res.StatusCode
		},
		"inprocess": func(method, path, body string) int {
			req := httptest.NewRequest(method, path, strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			return rec.Code
		},
	}
}

// run makes object names unique across the repeated runs of a benchmark.
var run atomic.Int64

func BenchmarkGet(b *testing.B) {
	s, client, url := benchServer(b)
	for name, do := range transports(b, s, client, url) {
		b.Run(name, func(b *testing.B) {
			pod := fmt.Sprintf("get-%s-%d", name, run.Add(1))
			if c := do("POST", "/api/v1/namespaces/default/pods", fmt.Sprintf(podJSON, pod)); c != 201 {
				b.Fatalf("create: %d", c)
			}
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if c := do("GET", "/api/v1/namespaces/default/pods/"+pod, ""); c != 200 {
						b.Errorf("get: %d", c)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "gets/s")
		})
	}
}

func BenchmarkList1000Pods(b *testing.B) {
	s, client, url := benchServer(b)
	do := transports(b, s, client, url)
	for i := 0; i < 1000; i++ {
		if c := do["inprocess"]("POST", "/api/v1/namespaces/default/pods", fmt.Sprintf(podJSON, fmt.Sprintf("p%04d", i))); c != 201 {
			b.Fatalf("create: %d", c)
		}
	}
	for name, fn := range do {
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if c := fn("GET", "/api/v1/namespaces/default/pods", ""); c != 200 {
					b.Fatalf("list: %d", c)
				}
			}
		})
	}
}

func BenchmarkCreate(b *testing.B) {
	s, client, url := benchServer(b)
	for name, do := range transports(b, s, client, url) {
		b.Run(name, func(b *testing.B) {
			r := run.Add(1)
			var n atomic.Int64
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					body := fmt.Sprintf(podJSON, fmt.Sprintf("c-%s-%d-%d", name, r, n.Add(1)))
					if c := do("POST", "/api/v1/namespaces/default/pods", body); c != 201 {
						b.Errorf("create: %d", c)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "creates/s")
		})
	}
}

func BenchmarkUpdate(b *testing.B) {
	s, client, url := benchServer(b)
	for name, do := range transports(b, s, client, url) {
		b.Run(name, func(b *testing.B) {
			const objs = 64
			name := fmt.Sprintf("%s-%d", name, run.Add(1))
			for i := 0; i < objs; i++ {
				if c := do("POST", "/api/v1/namespaces/default/configmaps", fmt.Sprintf(`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"u-%s-%d"}}`, name, i)); c != 201 {
					b.Fatalf("create: %d", c)
				}
			}
			var n atomic.Int64
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					i := n.Add(1)
					body := fmt.Sprintf(`{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"u-%s-%d"},"data":{"v":"%d"}}`, name, i%objs, i)
					if c := do("PUT", fmt.Sprintf("/api/v1/namespaces/default/configmaps/u-%s-%d", name, i%objs), body); c != 200 {
						b.Errorf("update: %d", c)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "updates/s")
		})
	}
}
