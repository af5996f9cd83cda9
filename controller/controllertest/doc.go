// Package controllertest starts a real control plane inside a test for
// controllers to run against: the API server over the in-memory store,
// reached through the in-process client as a cluster administrator.
//
// Nothing here is faked: objects are validated, defaulted and versioned
// as on a real server, and watches stream through the watch cache.
//
// Start gives a test its own server, closed when the test ends; Eventually
// waits for a condition with a deadline, the way these tests wait instead
// of sleeping. WatchLease and CheckLeaseExclusive record a Lease's write
// history and check that no two holders were ever valid at once.
package controllertest
