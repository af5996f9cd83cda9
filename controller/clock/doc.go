// Package clock is the controller runtime's source of time.
//
// A Clock has two methods, Now and AfterFunc, the same shape as the
// scheduler's, so one test clock serves both. Real is the time package;
// clocktest.Fake is a clock that moves only when a test says so, which is how
// the workqueue's backoff, leader election's lease timing and the event
// recorder's rate limits are tested without sleeping.
package clock
