// Package prioritysort is the PrioritySort queue-sort plugin: pods with a
// higher spec.priority are scheduled first, and pods of equal priority in
// the order they entered the queue. It is kube-scheduler's default
// QueueSort plugin.
package prioritysort
