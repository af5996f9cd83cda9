// Package controller is orca's controller runtime: what a controller needs
// to converge the world to what its objects declare, in a few dozen lines.
//
// A Reconciler gets a Request (a namespace and a name, never an event),
// reads the object's current state, acts, and returns a Result that may ask
// for another look later. Errors are retried with per-item exponential
// backoff; TerminalError stops retries; panics are recovered as errors.
//
// A Controller feeds its reconciler from watches. Each watch is a Source
// (Kind[T] for typed kinds, Dynamic for custom kinds as Unstructured), a
// Handler that maps a change to requests (EnqueueObject, EnqueueOwner,
// EnqueueMapped) and predicates (package predicate) that filter changes.
// Requests go through a rate-limited workqueue (package workqueue) that
// deduplicates them and never hands one request to two of the controller's
// workers at once. NewBuilder wires the usual shape:
//
//	controller.NewBuilder(mgr).
//		For(controller.Kind[*Website]()).
//		Owns(controller.Kind[*apiobj.Deployment]()).
//		Complete(reconciler)
//
// A Manager runs controllers and any other Runnable with one shared
// informer factory (client.Factory), serves /metrics, /healthz and /readyz,
// and with leader election (package leaderelection) runs leader-only
// runnables only while it holds a coordination/v1 Lease, stopping them
// before the renew deadline passes if it loses it. EventRecorder records
// core/v1 Events (package events). Time comes from an injectable clock
// (package clock), so tests can drive backoff and leases by hand; package
// controllertest starts a real API server for tests to run controllers
// against.
//
// Runnables that implement LeaderElectionRunnable say whether they need
// leadership; others need it.
package controller
