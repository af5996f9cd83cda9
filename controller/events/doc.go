// Package events records core/v1 Events about objects, as Kubernetes'
// event recorder does.
//
// A Broadcaster's Recorders are what controllers call:
// rec.Eventf(obj, apiobj.EventTypeWarning, "FailedCreate", "...").
// Recording never blocks: events go through a bounded queue to the
// Broadcaster's single writer goroutine (Run), and are dropped when it is
// full. The writer rate-limits per object and source (a token bucket of 25
// that gains one every 5 minutes) and folds an event equal to a recent one
// (same object, type, reason, message and source, within FoldWindow) into
// it: it patches the existing Event's count and lastTimestamp instead of
// writing a new one. Events about cluster-scoped objects go to the default
// namespace.
//
// controller.Manager owns one Broadcaster and runs it; its EventRecorder
// method hands out Recorders.
package events
