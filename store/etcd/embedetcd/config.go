package embedetcd

import (
	"errors"
	"fmt"
	"time"

	"go.uber.org/zap"
)

// Defaults for the zero values of Config. They favour fast starts and quick
// bookmarks in tests over the quieter timings a production cluster uses.
const (
	DefaultName                   = "default"
	DefaultTickMs                 = 10
	DefaultElectionMs             = 50
	DefaultProgressNotifyInterval = 100 * time.Millisecond
)

// Config says how to run one etcd member. The zero value of every field but
// Dir is a documented default.
type Config struct {
	// Dir is the data directory. It is required and created when missing. A
	// member started again on the same Dir keeps its data.
	Dir string

	// Name is the member name; "" means DefaultName. In a cluster,
	// StartCluster names the members itself.
	Name string

	// TickMs is the raft heartbeat interval in milliseconds; 0 means
	// DefaultTickMs.
	TickMs uint
	// ElectionMs is the raft election timeout in milliseconds; 0 means
	// DefaultElectionMs. It must be at least 5 times TickMs.
	ElectionMs uint

	// ProgressNotifyInterval is how often an idle watch that asked for
	// progress notifications gets one; 0 means DefaultProgressNotifyInterval.
	ProgressNotifyInterval time.Duration

	// UnsafeNoFsync skips fsync on writes. It is fast and loses acknowledged
	// writes if the machine (not just the process) crashes: for tests only.
	UnsafeNoFsync bool

	// Relay fronts the client port with an in-process TCP relay. Stop then
	// cuts every client connection at once, as a crashed member would, instead
	// of waiting (up to the request timeout, about 5 s) for open watch streams
	// to drain. Members of a Cluster always have one.
	Relay bool

	// Logger receives etcd's own log; nil discards it.
	Logger *zap.Logger
}

// Validate reports whether c can start a member.
func (c Config) Validate() error {
	if c.Dir == "" {
		return errors.New("embedetcd: Config.Dir is required")
	}
	tick, election := c.tickMs(), c.electionMs()
	if election < 5*tick {
		return fmt.Errorf("embedetcd: ElectionMs (%d) must be at least 5 times TickMs (%d)", election, tick)
	}
	if c.ProgressNotifyInterval < 0 {
		return fmt.Errorf("embedetcd: ProgressNotifyInterval %v is negative", c.ProgressNotifyInterval)
	}
	return nil
}

func (c Config) name() string {
	if c.Name == "" {
		return DefaultName
	}
	return c.Name
}

func (c Config) tickMs() uint {
	if c.TickMs == 0 {
		return DefaultTickMs
	}
	return c.TickMs
}

func (c Config) electionMs() uint {
	if c.ElectionMs == 0 {
		return DefaultElectionMs
	}
	return c.ElectionMs
}

func (c Config) progressNotifyInterval() time.Duration {
	if c.ProgressNotifyInterval == 0 {
		return DefaultProgressNotifyInterval
	}
	return c.ProgressNotifyInterval
}

func (c Config) logger() *zap.Logger {
	if c.Logger == nil {
		return zap.NewNop()
	}
	return c.Logger
}
