// Package plugintest holds builders and runners for the default plugins'
// tests: fluent Pod and Node builders, and helpers that run a plugin's
// extension points over a framework.Snapshot the way the scheduler does
// (PreFilter then Filter per node; PreScore, Score and NormalizeScore).
// The runners do not model percentageOfNodesToScore, nominated pods or
// parallelism beyond what the plugins themselves do.
package plugintest
