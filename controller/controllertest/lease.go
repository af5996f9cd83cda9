package controllertest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/client"
)

// LeaseRecord is one write of a Lease, as a watch saw it.
type LeaseRecord struct {
	Holder        string
	RenewTime     time.Time
	LeaseDuration time.Duration
}

// WatchLease records every write of the Lease namespace/name from now until
// ctx is done. The function it returns gives the writes seen so far.
func WatchLease(ctx context.Context, t testing.TB, c *client.Client, namespace, name string) func() []LeaseRecord {
	t.Helper()
	leases := client.For[*apiobj.Lease](c).Namespace(namespace)
	_, meta, err := leases.List(ctx, client.ListOptions{})
	if err != nil {
		t.Fatalf("controllertest: listing leases: %v", err)
	}
	w, err := leases.Watch(ctx, client.ListOptions{ResourceVersion: meta.ResourceVersion, FieldSelector: "metadata.name=" + name})
	if err != nil {
		t.Fatalf("controllertest: watching leases: %v", err)
	}
	var mu sync.Mutex
	var recs []LeaseRecord
	go func() {
		for ev := range w.Events() {
			if ev.Type != client.Added && ev.Type != client.Modified {
				continue
			}
			s := ev.Object.Spec
			var r LeaseRecord
			if s.HolderIdentity != nil {
				r.Holder = *s.HolderIdentity
			}
			if s.RenewTime != nil {
				r.RenewTime = s.RenewTime.Time
			}
			if s.LeaseDurationSeconds != nil {
				r.LeaseDuration = time.Duration(*s.LeaseDurationSeconds) * time.Second
			}
			mu.Lock()
			recs = append(recs, r)
			mu.Unlock()
		}
	}()
	return func() []LeaseRecord {
		mu.Lock()
		defer mu.Unlock()
		return append([]LeaseRecord(nil), recs...)
	}
}

// CheckLeaseExclusive checks a Lease's write history for two holders valid
// at once. A holder's term lasts until its last renewTime plus the lease
// duration, or until it released the lease (a write with no holder, whose
// renewTime is the release time); the next holder's first renewTime must
// not come before that. It returns the number of terms.
func CheckLeaseExclusive(recs []LeaseRecord) (terms int, err error) {
	var cur string
	var end time.Time // when cur's term ends
	for i, r := range recs {
		switch {
		case r.Holder == "":
			if r.RenewTime.Before(end) {
				end = r.RenewTime
			}
			cur = ""
		case r.Holder == cur:
			end = r.RenewTime.Add(r.LeaseDuration)
		default:
			if r.RenewTime.Before(end) {
				return terms, fmt.Errorf("write %d: %s took the lease at %v while the previous holder was valid until %v; history %v",
					i, r.Holder, r.RenewTime, end, recs)
			}
			terms++
			cur, end = r.Holder, r.RenewTime.Add(r.LeaseDuration)
		}
	}
	return terms, nil
}
