package framework

import (
	"context"
	"encoding/json"
	"log/slog"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiobj/labels"
)

// Handle is what a plugin factory receives: the services a plugin may
// use, each a small interface. It is a struct so that a plugin's tests
// fill in only the fields the plugin uses; a plugin should keep only those
// fields, not the whole Handle.
//
// The scheduler always sets Snapshot, Parallelizer, Nominator,
// WaitingPods, Activator, Runner and Logger. The others come from the
// adapter and may be nil; a plugin must treat nil as "not available"
// (for example DefaultPreemption cannot evict without Evictor).
type Handle struct {
	// Snapshot is the per-cycle snapshot. It may be read only from the
	// scheduling cycle (PreEnqueue excepted): PreFilter through Permit,
	// PostFilter and the PluginRunner. Between cycles it is updated in
	// place, so binding-cycle extension points (PreBind, Bind, PostBind,
	// and Unreserve when called from a binding failure) must not read it.
	Snapshot SharedLister
	// Parallelizer runs work over many pieces in parallel.
	Parallelizer Parallelizer
	// Nominator knows which pods are nominated to which node.
	Nominator PodNominator
	// WaitingPods are pods parked by Permit.
	WaitingPods WaitingPods
	// Activator moves pods back to the active queue.
	Activator PodActivator
	// Runner runs this profile's PreFilter extensions and Filter plugins
	// (for preemption's what-if evaluations).
	Runner PluginRunner
	// Logger is never nil when given by the scheduler.
	Logger *slog.Logger

	// Binder binds pods (used by DefaultBinder).
	Binder PodBinder
	// Evictor deletes preemption victims. In direct use it typically
	// stops the work item and calls Scheduler.DeletePod.
	Evictor PodEvictor
	// Pods lists all pods the adapter knows, scheduled or not.
	Pods PodLister
	// PDBs lists pod disruption budgets.
	PDBs PDBLister
	// PVCs gets persistent volume claims.
	PVCs PVCLister
	// Namespaces gets namespaces (for namespace selectors).
	Namespaces NamespaceLister
}

// Parallelizer runs work(i) for i in [0, pieces) on several goroutines and
// returns when all are done or ctx is cancelled (pieces not yet started
// are then skipped).
type Parallelizer interface {
	Until(ctx context.Context, pieces int, work func(i int))
}

// PodNominator tracks pods nominated to nodes by preemption.
type PodNominator interface {
	// NominatedPodsForNode returns the pods nominated to nodeName. The
	// slice is a copy; the PodInfos are shared.
	NominatedPodsForNode(nodeName string) []*PodInfo
	// ClearNominatedNodeName removes the nomination of pods (their status
	// field too, through the adapter).
	ClearNominatedNodeName(ctx context.Context, pods ...*apiobj.Pod) error
}

// WaitingPod is a pod parked by Permit.
type WaitingPod interface {
	// Pod returns the pod.
	Pod() *apiobj.Pod
	// PendingPlugins returns the Permit plugins that have not yet allowed it.
	PendingPlugins() []string
	// Allow records plugin's approval; the pod proceeds to binding when
	// every waiting plugin has allowed it.
	Allow(plugin string)
	// Reject fails the pod's binding cycle with msg; the pod is
	// unreserved and requeued. Calls after the first decision do nothing.
	Reject(plugin, msg string)
}

// WaitingPods gives access to the pods parked by Permit.
type WaitingPods interface {
	// Iterate calls fn for every waiting pod.
	Iterate(fn func(WaitingPod))
	// Get returns the waiting pod with the given UID (see PodKey), or nil.
	Get(key string) WaitingPod
}

// PodActivator moves pods from the backoff queue or the unschedulable
// set to the active queue, for example the rest of a gang.
type PodActivator interface {
	Activate(pods ...*apiobj.Pod)
}

// PluginRunner runs one profile's plugins outside its own cycle, on state
// and NodeInfos the caller cloned.
type PluginRunner interface {
	// RunFilterPluginsWithNominatedPods runs the Filter plugins on
	// nodeInfo as the scheduler does: with higher-or-equal-priority
	// nominated pods added, and again without them.
	RunFilterPluginsWithNominatedPods(ctx context.Context, state *CycleState, pod *apiobj.Pod, nodeInfo *NodeInfo) *Status
	// RunPreFilterExtensionAddPod calls every AddPod extension.
	RunPreFilterExtensionAddPod(ctx context.Context, state *CycleState, podToSchedule *apiobj.Pod, podInfoToAdd *PodInfo, nodeInfo *NodeInfo) *Status
	// RunPreFilterExtensionRemovePod calls every RemovePod extension.
	RunPreFilterExtensionRemovePod(ctx context.Context, state *CycleState, podToSchedule *apiobj.Pod, podInfoToRemove *PodInfo, nodeInfo *NodeInfo) *Status
}

// PodBinder binds a pod to a node, for example through pods/binding. It
// must fail (with an error wrapping errdefs.ErrConflict) rather than move
// a pod that is already bound.
type PodBinder interface {
	Bind(ctx context.Context, pod *apiobj.Pod, nodeName string) error
}

// PodBinderFunc adapts a function to PodBinder.
type PodBinderFunc func(ctx context.Context, pod *apiobj.Pod, nodeName string) error

// Bind calls f.
func (f PodBinderFunc) Bind(ctx context.Context, pod *apiobj.Pod, nodeName string) error {
	return f(ctx, pod, nodeName)
}

// PodEvictor removes a preemption victim to make room for preemptor. It
// should mark the victim with the DisruptionTarget condition where it can,
// and must be idempotent: evicting a pod that is already gone is Success.
type PodEvictor interface {
	Evict(ctx context.Context, victim, preemptor *apiobj.Pod) error
}

// PodEvictorFunc adapts a function to PodEvictor.
type PodEvictorFunc func(ctx context.Context, victim, preemptor *apiobj.Pod) error

// Evict calls f.
func (f PodEvictorFunc) Evict(ctx context.Context, victim, preemptor *apiobj.Pod) error {
	return f(ctx, victim, preemptor)
}

// PodLister lists pods known to the adapter, scheduled or not.
type PodLister interface {
	// ListPods returns the pods in namespace ("" for all) that selector
	// matches. The pods are shared and read-only.
	ListPods(namespace string, selector labels.Selector) ([]*apiobj.Pod, error)
}

// PDBLister lists pod disruption budgets.
type PDBLister interface {
	ListPDBs() ([]*apiobj.PodDisruptionBudget, error)
}

// PVCLister gets persistent volume claims.
type PVCLister interface {
	// GetPVC returns the claim or an error wrapping errdefs.ErrNotFound.
	GetPVC(namespace, name string) (*apiobj.PersistentVolumeClaim, error)
}

// NamespaceLister gets namespaces.
type NamespaceLister interface {
	// GetNamespace returns the namespace or an error wrapping
	// errdefs.ErrNotFound.
	GetNamespace(name string) (*apiobj.Namespace, error)
}

// NamespaceLabels returns the labels of namespace ns through l, with the
// kubernetes.io/metadata.name label every namespace has. A nil l or a
// missing namespace gives just that label.
func NamespaceLabels(l NamespaceLister, ns string) labels.Set {
	if l != nil {
		if n, err := l.GetNamespace(ns); err == nil && n != nil {
			if _, ok := n.Labels[apiobj.LabelMetadataName]; ok {
				return labels.Set(n.Labels)
			}
			set := make(labels.Set, len(n.Labels)+1)
			for k, v := range n.Labels {
				set[k] = v
			}
			set[apiobj.LabelMetadataName] = ns
			return set
		}
	}
	return labels.Set{apiobj.LabelMetadataName: ns}
}

// Factory builds a plugin. args is the plugin's pluginConfig args as JSON
// (nil when none is configured); decode it with DecodeArgs. A factory is
// called once per profile that enables the plugin.
type Factory func(args json.RawMessage, h Handle) (Plugin, error)
