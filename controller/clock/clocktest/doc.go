// Package clocktest holds Fake, a clock.Clock that moves only when a test
// advances it.
//
// Fake models wall time and timers. It does not model the monotonic clock,
// time zones, or the scheduling delay of real timers: a timer's function is
// started (on its own goroutine, as with time.AfterFunc) during the Step or
// SetTime call that reaches its deadline, and may run after that call
// returns, so tests wait for its effect rather than assume it.
package clocktest
