package framework

import (
	"fmt"
	"maps"
	"sync"
	"sync/atomic"

	"github.com/orcaproj/orca/errdefs"
)

// StateKey names a piece of CycleState. Plugins use their own prefix,
// conventionally "PreFilter" + plugin name.
type StateKey string

// StateData is a value kept in CycleState.
type StateData interface {
	// Clone returns a copy that later changes to either do not affect the
	// other. Immutable data may return itself.
	Clone() StateData
}

// ErrStateNotFound is returned by CycleState.Read for a missing key. It
// wraps errdefs.ErrNotFound.
var ErrStateNotFound = fmt.Errorf("cycle state: %w", errdefs.ErrNotFound)

type stateEntry struct {
	key StateKey
	val StateData
}

// CycleState is the scratch space of one scheduling cycle: plugins write
// data in PreFilter or PreScore and read it in Filter or Score.
//
// Read is lock-free and safe to call from many goroutines, also while
// another goroutine writes; Write, Delete and Clone are safe for concurrent
// use too. Values are shared, not copied, by Read: a plugin that changes
// a value after Filter has started must Clone it first. The scheduler
// reuses a CycleState across cycles (Reset) so plugins must not keep it.
type CycleState struct {
	mu      sync.Mutex                   // serialises writers
	entries atomic.Pointer[[]stateEntry] // copy on write; never modified in place

	skipFilter map[string]struct{} // written only before Filter runs
	skipScore  map[string]struct{} // written only before Score runs
}

// NewCycleState returns an empty CycleState.
func NewCycleState() *CycleState { return &CycleState{} }

// Read returns the data stored under key, or ErrStateNotFound.
func (c *CycleState) Read(key StateKey) (StateData, error) {
	if p := c.entries.Load(); p != nil {
		for i := range *p {
			if (*p)[i].key == key {
				return (*p)[i].val, nil
			}
		}
	}
	return nil, ErrStateNotFound
}

// Write stores val under key, replacing any previous value.
func (c *CycleState) Write(key StateKey, val StateData) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var old []stateEntry
	if p := c.entries.Load(); p != nil {
		old = *p
	}
	next := make([]stateEntry, 0, len(old)+1)
	replaced := false
	for _, e := range old {
		if e.key == key {
			e.val = val
			replaced = true
		}
		next = append(next, e)
	}
	if !replaced {
		next = append(next, stateEntry{key, val})
	}
	c.entries.Store(&next)
}

// Delete removes key.
func (c *CycleState) Delete(key StateKey) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p := c.entries.Load()
	if p == nil {
		return
	}
	next := make([]stateEntry, 0, len(*p))
	for _, e := range *p {
		if e.key != key {
			next = append(next, e)
		}
	}
	c.entries.Store(&next)
}

// Clone returns a deep copy: every value is cloned with its Clone method.
// Clone of nil is nil.
func (c *CycleState) Clone() *CycleState {
	if c == nil {
		return nil
	}
	out := &CycleState{}
	if p := c.entries.Load(); p != nil {
		next := make([]stateEntry, len(*p))
		for i, e := range *p {
			next[i] = stateEntry{e.key, e.val}
			if e.val != nil {
				next[i].val = e.val.Clone()
			}
		}
		out.entries.Store(&next)
	}
	out.skipFilter = maps.Clone(c.skipFilter)
	out.skipScore = maps.Clone(c.skipScore)
	return out
}

// Reset empties c for reuse by the next cycle. It must not race with
// other methods.
func (c *CycleState) Reset() {
	c.entries.Store(nil)
	c.skipFilter = nil
	c.skipScore = nil
}

// SkipFilter records that plugin's PreFilter returned Skip, so its Filter
// is not run for this cycle (nor by PluginRunner). Called by the scheduler
// before Filter runs.
func (c *CycleState) SkipFilter(plugin string) {
	if c.skipFilter == nil {
		c.skipFilter = make(map[string]struct{})
	}
	c.skipFilter[plugin] = struct{}{}
}

// FilterSkipped reports whether SkipFilter(plugin) was called.
func (c *CycleState) FilterSkipped(plugin string) bool {
	_, ok := c.skipFilter[plugin]
	return ok
}

// SkipScore records that plugin's PreScore returned Skip.
func (c *CycleState) SkipScore(plugin string) {
	if c.skipScore == nil {
		c.skipScore = make(map[string]struct{})
	}
	c.skipScore[plugin] = struct{}{}
}

// ScoreSkipped reports whether SkipScore(plugin) was called.
func (c *CycleState) ScoreSkipped(plugin string) bool {
	_, ok := c.skipScore[plugin]
	return ok
}
