package plugins

import (
	"github.com/orcaproj/orca/scheduler/framework"
	"github.com/orcaproj/orca/scheduler/plugins/coscheduling"
	"github.com/orcaproj/orca/scheduler/plugins/defaultbinder"
	"github.com/orcaproj/orca/scheduler/plugins/defaultpreemption"
	"github.com/orcaproj/orca/scheduler/plugins/imagelocality"
	"github.com/orcaproj/orca/scheduler/plugins/interpodaffinity"
	"github.com/orcaproj/orca/scheduler/plugins/nodeaffinity"
	"github.com/orcaproj/orca/scheduler/plugins/nodename"
	"github.com/orcaproj/orca/scheduler/plugins/nodeports"
	"github.com/orcaproj/orca/scheduler/plugins/noderesources"
	"github.com/orcaproj/orca/scheduler/plugins/nodeunschedulable"
	"github.com/orcaproj/orca/scheduler/plugins/nodevolumelimits"
	"github.com/orcaproj/orca/scheduler/plugins/podtopologyspread"
	"github.com/orcaproj/orca/scheduler/plugins/prioritysort"
	"github.com/orcaproj/orca/scheduler/plugins/schedulinggates"
	"github.com/orcaproj/orca/scheduler/plugins/tainttoleration"
	"github.com/orcaproj/orca/scheduler/plugins/volumebinding"
	"github.com/orcaproj/orca/scheduler/plugins/volumerestrictions"
)

// Option gives plugins the objects that framework.Handle does not carry.
type Option func(*options)

type options struct {
	workloads podtopologyspread.WorkloadLister
	storage   StorageListers
}

// StorageListers are the storage objects the volume plugins read beyond
// the Handle's PVC lister. Any field may be nil.
type StorageListers struct {
	PVs            volumebinding.PVLister
	StorageClasses volumebinding.StorageClassLister
	CSINodes       nodevolumelimits.CSINodeLister
}

// WithWorkloadLister lets PodTopologySpread find the services and
// controllers a pod belongs to, for the default spreading constraints.
// Without it, pods without constraints of their own are not spread.
func WithWorkloadLister(l podtopologyspread.WorkloadLister) Option {
	return func(o *options) { o.workloads = l }
}

// WithStorageListers lets VolumeBinding and NodeVolumeLimits read
// PersistentVolumes, StorageClasses and CSINodes.
func WithStorageListers(s StorageListers) Option {
	return func(o *options) { o.storage = s }
}

// NewInTreeRegistry returns a new Registry of every plugin in this
// package tree, by name. It is a fresh map: merge your own plugins into it
// (framework.Registry.Merge) before giving it to the scheduler.
func NewInTreeRegistry(opts ...Option) framework.Registry {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	vb := volumebinding.Listers{}
	nvl := nodevolumelimits.Listers{CSINodes: o.storage.CSINodes}
	if o.storage.PVs != nil {
		vb.PVs, nvl.PVs = o.storage.PVs, o.storage.PVs
	}
	if o.storage.StorageClasses != nil {
		vb.StorageClasses, nvl.StorageClasses = o.storage.StorageClasses, o.storage.StorageClasses
	}
	return framework.Registry{
		prioritysort.Name:                    prioritysort.New,
		schedulinggates.Name:                 schedulinggates.New,
		nodeunschedulable.Name:               nodeunschedulable.New,
		nodename.Name:                        nodename.New,
		tainttoleration.Name:                 tainttoleration.New,
		nodeaffinity.Name:                    nodeaffinity.New,
		nodeports.Name:                       nodeports.New,
		noderesources.FitName:                noderesources.NewFit,
		noderesources.BalancedAllocationName: noderesources.NewBalancedAllocation,
		volumerestrictions.Name:              volumerestrictions.New,
		nodevolumelimits.Name:                nodevolumelimits.NewFactory(nvl),
		volumebinding.Name:                   volumebinding.NewFactory(vb),
		podtopologyspread.Name:               podtopologyspread.NewFactory(o.workloads),
		interpodaffinity.Name:                interpodaffinity.New,
		imagelocality.Name:                   imagelocality.New,
		defaultpreemption.Name:               defaultpreemption.New,
		defaultbinder.Name:                   defaultbinder.New,
		coscheduling.Name:                    coscheduling.New,
	}
}

// DefaultPlugins returns kube-scheduler's default plugin set (its v1
// configuration): every default plugin enabled at every extension point
// it implements, in this order, with these Score weights. Coscheduling is
// registered but not enabled; add it to a profile's multiPoint to use it.
//
//	SchedulingGates                   PreEnqueue
//	PrioritySort                      QueueSort
//	NodeUnschedulable                 Filter
//	NodeName                          Filter
//	TaintToleration          weight 3 Filter, PreScore, Score
//	NodeAffinity             weight 2 PreFilter, Filter, PreScore, Score
//	NodePorts                         PreFilter, Filter
//	NodeResourcesFit         weight 1 PreFilter, Filter, PreScore, Score
//	VolumeRestrictions                PreFilter, Filter
//	NodeVolumeLimits                  PreFilter, Filter
//	VolumeBinding                     PreFilter, Filter
//	PodTopologySpread        weight 2 PreFilter, Filter, PreScore, Score
//	InterPodAffinity         weight 2 PreFilter, Filter, PreScore, Score
//	DefaultPreemption                 PostFilter
//	NodeResourcesBalancedAllocation  weight 1 PreScore, Score
//	ImageLocality            weight 1 PreScore, Score
//	DefaultBinder                     Bind
//
// The returned value is fresh; callers may modify it.
func DefaultPlugins() *framework.Plugins {
	return &framework.Plugins{
		MultiPoint: framework.PluginSet{Enabled: []framework.PluginRef{
			{Name: schedulinggates.Name},
			{Name: prioritysort.Name},
			{Name: nodeunschedulable.Name},
			{Name: nodename.Name},
			{Name: tainttoleration.Name, Weight: 3},
			{Name: nodeaffinity.Name, Weight: 2},
			{Name: nodeports.Name},
			{Name: noderesources.FitName, Weight: 1},
			{Name: volumerestrictions.Name},
			{Name: nodevolumelimits.Name},
			{Name: volumebinding.Name},
			{Name: podtopologyspread.Name, Weight: 2},
			{Name: interpodaffinity.Name, Weight: 2},
			{Name: defaultpreemption.Name},
			{Name: noderesources.BalancedAllocationName, Weight: 1},
			{Name: imagelocality.Name, Weight: 1},
			{Name: defaultbinder.Name},
		}},
	}
}
