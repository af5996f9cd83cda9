// Package plugins gathers orca's default scheduler plugins, one package
// each under scheduler/plugins/<name>, with the semantics and default
// weights of kube-scheduler's in-tree plugins (and Coscheduling, which
// kube-scheduler lacks).
//
// NewInTreeRegistry returns a fresh framework.Registry of all of them;
// DefaultPlugins returns kube-scheduler's default plugin set with its
// weights, to use as scheduler.Config.DefaultPlugins. Nothing registers
// itself: a program merges its own plugins into the registry and passes
// both to the scheduler.
//
// Some plugins read objects that framework.Handle does not carry; options
// of NewInTreeRegistry supply them (WithWorkloadLister for
// PodTopologySpread's default constraints, WithStorageListers for the
// volume plugins). Without them those plugins do what they can, as each
// package's documentation says.
package plugins
