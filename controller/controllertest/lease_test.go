package controllertest_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/orcaproj/orca/controller/controllertest"
)

func TestCheckLeaseExclusive(t *testing.T) {
	t.Parallel()
	t0 := time.Unix(1000, 0)
	at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	rec := func(h string, ms int) controllertest.LeaseRecord {
		return controllertest.LeaseRecord{Holder: h, RenewTime: at(ms), LeaseDuration: time.Second}
	}
	tests := []struct {
		name  string
		recs  []controllertest.LeaseRecord
		terms int
		ok    bool
	}{
		{"empty", nil, 0, true},
		{"renewals", []controllertest.LeaseRecord{rec("a", 0), rec("a", 100), rec("a", 200)}, 1, true},
		{"takeover after expiry", []controllertest.LeaseRecord{rec("a", 0), rec("a", 100), rec("b", 1100)}, 2, true},
		{"takeover too early", []controllertest.LeaseRecord{rec("a", 0), rec("a", 100), rec("b", 1099)}, 1, false},
		{"takeover after release", []controllertest.LeaseRecord{rec("a", 0), rec("", 50), rec("b", 60)}, 2, true},
		{"takeover before release time", []controllertest.LeaseRecord{rec("a", 0), rec("", 50), rec("b", 40)}, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			terms, err := controllertest.CheckLeaseExclusive(tt.recs)
			require.Equal(t, tt.terms, terms)
			require.Equal(t, tt.ok, err == nil, err)
		})
	}
}
