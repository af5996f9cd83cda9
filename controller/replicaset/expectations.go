package replicaset

import (
	"sync"
	"time"

	"github.com/orcaproj/orca/apiobj"
)

// ExpectationsTimeout is how long an expectation is waited for before the
// controller gives up on the events and looks at the world again, as
// Kubernetes' ExpectationsTimeout.
const ExpectationsTimeout = 5 * time.Minute

// expectations records, per ReplicaSet key, the pod creations and deletions
// the controller made and has not yet seen through the informer. While any
// are outstanding (and younger than the TTL) the controller does not act on
// its cache, so it never creates or deletes twice for one observation.
// Safe for concurrent use.
type expectations struct {
	ttl time.Duration
	now func() time.Time

	mu    sync.Mutex           // guards items
	items map[string]*expected // by ReplicaSet key
}

type expected struct {
	adds    int
	deletes map[apiobj.UID]struct{}
	at      time.Time
}

func newExpectations(ttl time.Duration) *expectations {
	return &expectations{ttl: ttl, now: time.Now, items: map[string]*expected{}}
}

// satisfied reports whether key has nothing outstanding, or its record has
// expired.
func (e *expectations) satisfied(key string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	x, ok := e.items[key]
	if !ok {
		return true
	}
	if x.adds <= 0 && len(x.deletes) == 0 {
		return true
	}
	return e.now().Sub(x.at) > e.ttl
}

// expectCreations replaces key's record with n expected creations.
func (e *expectations) expectCreations(key string, n int) {
	e.mu.Lock()
	e.items[key] = &expected{adds: n, at: e.now()}
	e.mu.Unlock()
}

// expectDeletions replaces key's record with the expected deletion of uids.
func (e *expectations) expectDeletions(key string, uids []apiobj.UID) {
	x := &expected{deletes: make(map[apiobj.UID]struct{}, len(uids))}
	for _, u := range uids {
		x.deletes[u] = struct{}{}
	}
	e.mu.Lock()
	x.at = e.now()
	e.items[key] = x
	e.mu.Unlock()
}

// creationObserved lowers key's expected creations by one.
func (e *expectations) creationObserved(key string) {
	e.mu.Lock()
	if x, ok := e.items[key]; ok && x.adds > 0 {
		x.adds--
	}
	e.mu.Unlock()
}

// deletionObserved drops uid from key's expected deletions. Observing the
// same deletion twice is harmless.
func (e *expectations) deletionObserved(key string, uid apiobj.UID) {
	e.mu.Lock()
	if x, ok := e.items[key]; ok {
		delete(x.deletes, uid)
	}
	e.mu.Unlock()
}

// forget drops key's record.
func (e *expectations) forget(key string) {
	e.mu.Lock()
	delete(e.items, key)
	e.mu.Unlock()
}
