package memory

import (
	"fmt"
	"time"

	"github.com/orcaproj/orca/errdefs"
)

// Defaults for the zero values of Config.
const (
	DefaultHistoryRevisions = 10000
	DefaultHistoryAge       = 5 * time.Minute
	DefaultProgressInterval = 5 * time.Second
)

// Config configures a memory store. The zero value is ready to use.
type Config struct {
	// HistoryRevisions is the most revisions of change history retained for
	// watch replay and reads at past revisions. Older history is compacted
	// away automatically. Zero means DefaultHistoryRevisions (10000).
	HistoryRevisions int
	// HistoryAge is how long a revision stays in the retained history, at
	// most; history older than this is compacted away (checked about ten
	// times per HistoryAge). Zero means DefaultHistoryAge (5 minutes).
	HistoryAge time.Duration
	// ProgressInterval is how often an idle watch opened with ProgressNotify
	// gets a Progress event. Zero means DefaultProgressInterval (5 seconds).
	ProgressInterval time.Duration
}

// Validate reports a negative field.
func (c Config) Validate() error {
	switch {
	case c.HistoryRevisions < 0:
		return fmt.Errorf("memory: HistoryRevisions %d is negative: %w", c.HistoryRevisions, errdefs.ErrInvalid)
	case c.HistoryAge < 0:
		return fmt.Errorf("memory: HistoryAge %v is negative: %w", c.HistoryAge, errdefs.ErrInvalid)
	case c.ProgressInterval < 0:
		return fmt.Errorf("memory: ProgressInterval %v is negative: %w", c.ProgressInterval, errdefs.ErrInvalid)
	}
	return nil
}

func (c Config) withDefaults() Config {
	if c.HistoryRevisions == 0 {
		c.HistoryRevisions = DefaultHistoryRevisions
	}
	if c.HistoryAge == 0 {
		c.HistoryAge = DefaultHistoryAge
	}
	if c.ProgressInterval == 0 {
		c.ProgressInterval = DefaultProgressInterval
	}
	return c
}
