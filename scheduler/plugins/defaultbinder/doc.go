// Package defaultbinder is the DefaultBinder bind plugin: it binds a pod
// through the framework.PodBinder that the adapter puts in the Handle
// (pods/binding for a cluster, the program's own Binder for the direct
// adapter). A bind that conflicts because the pod is already bound
// elsewhere is an error, so the pod is not assumed twice.
package defaultbinder
