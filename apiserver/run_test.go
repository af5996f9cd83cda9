package apiserver_test

import (
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/apiserver"
	"github.com/orcaproj/orca/store/memory"
)

func TestRunServesTLSAndStops(t *testing.T) {
	t.Parallel()
	// Borrow a self-signed certificate from httptest.
	hs := httptest.NewTLSServer(http.NotFoundHandler())
	cert := hs.TLS.Certificates[0]
	client := hs.Client()
	hs.Close()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())

	st := memory.New(memory.Config{})
	t.Cleanup(func() { _ = st.Close() })
	srv, err := apiserver.New(apiserver.Config{Store: st, Listen: addr,
		TLSConfig: &tls.Config{Certificates: []tls.Certificate{cert}}})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()

	var body []byte
	require.Eventually(t, func() bool {
		res, err := client.Get("https://" + addr + "/readyz")
		if err != nil {
			return false
		}
		defer res.Body.Close()
		body, _ = io.ReadAll(res.Body)
		return res.StatusCode == 200
	}, 10e9, 10e6)
	assert.Equal(t, "ok", string(body))

	// A watch in flight does not keep Run from returning.
	res, err := client.Get("https://" + addr + "/api/v1/namespaces?watch=1")
	require.NoError(t, err)
	defer res.Body.Close()
	cancel()
	require.NoError(t, <-done)
}

func TestConfigValidate(t *testing.T) {
	t.Parallel()
	st := memory.New(memory.Config{})
	t.Cleanup(func() { _ = st.Close() })
	tests := []struct {
		name string
		cfg  apiserver.Config
		ok   bool
	}{
		{"zero store", apiserver.Config{}, false},
		{"defaults", apiserver.Config{Store: st}, true},
		{"bad cidr", apiserver.Config{Store: st, ServiceCIDR: "nope"}, false},
		{"bad ports", apiserver.Config{Store: st, NodePortRange: "5-1"}, false},
		{"negative", apiserver.Config{Store: st, MaxBodyBytes: -1}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.cfg.Validate()
			assert.Equal(t, tc.ok, err == nil, "%v", err)
		})
	}
}
