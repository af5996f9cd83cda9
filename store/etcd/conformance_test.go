package etcd_test

import (
	"testing"

	"github.com/orcaproj/orca/store/storetest"
)

// TestConformance runs the store conformance suite, each test over its own
// embedded etcd.
func TestConformance(t *testing.T) {
	t.Parallel()
	storetest.Run(t, newStore)
}
