package etcd

import (
	"crypto/tls"
	"fmt"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.uber.org/zap"

	"github.com/orcaproj/orca/errdefs"
)

// Defaults for the zero values of Config.
const (
	DefaultDialTimeout  = 5 * time.Second
	DefaultWatchBacklog = 10000
)

// Config says which etcd to use and how. Set either Client or Endpoints.
type Config struct {
	// Client is an etcd client the caller owns: the store uses it and never
	// closes it. When set, Endpoints, DialTimeout, TLS, Username, Password and
	// Logger are ignored.
	Client *clientv3.Client

	// Endpoints are the etcd client URLs the store dials when Client is nil.
	// The store owns that client and closes it in Close.
	Endpoints []string
	// DialTimeout bounds how long New waits to authenticate when Username
	// is set; 0 means DefaultDialTimeout. Connections are otherwise made
	// lazily, by the first calls.
	DialTimeout time.Duration
	// TLS, when set, secures the connection.
	TLS *tls.Config
	// Username and Password authenticate to an etcd with auth enabled.
	Username, Password string
	// Logger receives the etcd client's log; nil discards it.
	Logger *zap.Logger

	// Prefix is prepended to every key on the way in and stripped on the way
	// out, so that several stores can share one etcd. "" means none. End it
	// with "/" to keep one store's keys from running into another's prefix.
	Prefix string

	// WatchBacklog is the most events a watch holds for a consumer that is
	// not reading, beyond one batch from etcd; past it the watch ends with
	// store.ErrWatchTooSlow. 0 means DefaultWatchBacklog.
	WatchBacklog int
}

// Validate reports a Config that New would reject.
func (c Config) Validate() error {
	switch {
	case c.Client == nil && len(c.Endpoints) == 0:
		return fmt.Errorf("store/etcd: set Config.Client or Config.Endpoints: %w", errdefs.ErrInvalid)
	case c.DialTimeout < 0:
		return fmt.Errorf("store/etcd: DialTimeout %v is negative: %w", c.DialTimeout, errdefs.ErrInvalid)
	case c.WatchBacklog < 0:
		return fmt.Errorf("store/etcd: WatchBacklog %d is negative: %w", c.WatchBacklog, errdefs.ErrInvalid)
	}
	return nil
}

func (c Config) withDefaults() Config {
	if c.DialTimeout == 0 {
		c.DialTimeout = DefaultDialTimeout
	}
	if c.WatchBacklog == 0 {
		c.WatchBacklog = DefaultWatchBacklog
	}
	if c.Logger == nil {
		c.Logger = zap.NewNop()
	}
	return c
}

func (c Config) newClient() (*clientv3.Client, error) {
	cl, err := clientv3.New(clientv3.Config{
		Endpoints:   c.Endpoints,
		DialTimeout: c.DialTimeout,
		TLS:         c.TLS,
		Username:    c.Username,
		Password:    c.Password,
		Logger:      c.Logger,
	})
	if err != nil {
		return nil, wrapErr("dial", err)
	}
	return cl, nil
}
