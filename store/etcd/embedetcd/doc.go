// Package embedetcd runs etcd inside the process, on loopback ports, for
// tests and for programs that want a store without running etcd themselves.
// store/etcd connects to it like to any etcd.
//
// Start runs one member on a data directory and returns once it serves
// clients; a member started again on the same directory, in this process or
// a later one, keeps its data. StartCluster runs several members as one
// cluster, for failover tests: Server.Stop stops a member as a crash would
// and Server.Restart brings it back on the same directory and ports.
//
// Ports are picked at random on 127.0.0.1, so tests can run in parallel.
// With Config.Relay (always on in a Cluster) a member's client and peer
// ports are in-process TCP relays in front of etcd, which let Stop cut every
// connection at once instead of waiting for open watch streams to drain.
//
// The defaults suit tests: a 10 ms heartbeat and 50 ms election timeout,
// progress notifications for idle watches every 100 ms, and etcd's own log
// discarded. Close the clients of a member before the member (Close does so
// for clients from NewClient). Close and Stop are idempotent; etcd's own
// Close, which panics when called twice, runs at most once per start.
package embedetcd
