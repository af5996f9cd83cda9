// Package tainttoleration is the TaintToleration plugin. Filter rejects a
// node that has a NoSchedule or NoExecute taint the pod does not tolerate,
// with the reason "node(s) had untolerated taint {key: value}". Score
// counts the PreferNoSchedule taints the pod does not tolerate; fewer is
// better (NormalizeScore reverses and scales the counts to 0..100).
package tainttoleration
