// Package prom holds the Prometheus helpers that the controller runtime's
// packages share: Register lets many queues and controllers put their
// children on one vector per metric in a caller's registry.
package prom
