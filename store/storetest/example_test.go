package storetest_test

import (
	"context"
	"fmt"

	"github.com/orcaproj/orca/store/memory"
	"github.com/orcaproj/orca/store/storetest"
)

// RecordHistory and Check are the linearizability workload without a
// testing.T: record a concurrent history against a store, then check it.
func ExampleRecordHistory() {
	s := memory.New(memory.Config{})
	defer s.Close()

	h, err := storetest.RecordHistory(context.Background(), s, storetest.LinearizabilityOptions{
		Clients:    4,
		Operations: 500,
		Seed:       1,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("operations:", h.Len())
	fmt.Println("linearizable:", h.Check() == nil)
	// Output:
	// operations: 550
	// linearizable: true
}
