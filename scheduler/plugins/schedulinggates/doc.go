// Package schedulinggates is the SchedulingGates PreEnqueue plugin: a pod
// that still lists spec.schedulingGates is kept out of the active queue,
// with the reason "waiting for scheduling gates: [a b]", until its last
// gate is removed.
package schedulinggates
