package apiobj

// Node is a machine that runs pods. Nodes are cluster-scoped.
type Node struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Spec       NodeSpec `json:"spec,omitempty" protobuf:"bytes,2,opt,name=spec"`
	// Status is reported by the node agent and the node controller.
	Status NodeStatus `json:"status,omitempty" protobuf:"bytes,3,opt,name=status"`
}

// NodeList is a list of Nodes.
type NodeList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Items    []Node `json:"items" protobuf:"bytes,2,rep,name=items"`
}

// NodeSpec is the desired configuration of a node.
type NodeSpec struct {
	// PodCIDR is the pod IP range of the node; PodCIDRs[0] equals it.
	PodCIDR string `json:"podCIDR,omitempty" protobuf:"bytes,1,opt,name=podCIDR"`
	// PodCIDRs holds at most one range per IP family.
	PodCIDRs []string `json:"podCIDRs,omitempty" patchStrategy:"merge" protobuf:"bytes,7,opt,name=podCIDRs"`
	// ProviderID is "<provider>://<id>" as the cloud provider assigns it.
	ProviderID string `json:"providerID,omitempty" protobuf:"bytes,3,opt,name=providerID"`
	// Unschedulable keeps new pods off the node (kubectl cordon).
	Unschedulable bool    `json:"unschedulable,omitempty" protobuf:"varint,4,opt,name=unschedulable"`
	Taints        []Taint `json:"taints,omitempty" protobuf:"bytes,5,opt,name=taints"`
	// ConfigSource was used by dynamic kubelet configuration.
	//
	// Deprecated: the feature is gone; the field is kept for the wire.
	ConfigSource *NodeConfigSource `json:"configSource,omitempty" protobuf:"bytes,6,opt,name=configSource"`
	// DoNotUseExternalID is kept for the wire.
	//
	// Deprecated: not set by any component.
	DoNotUseExternalID string `json:"externalID,omitempty" protobuf:"bytes,2,opt,name=externalID"`
}

// NodeConfigSource names a ConfigMap holding node agent configuration.
//
// Deprecated: dynamic kubelet configuration was removed.
type NodeConfigSource struct {
	ConfigMap *ConfigMapNodeConfigSource `json:"configMap,omitempty" protobuf:"bytes,2,opt,name=configMap"`
}

// ConfigMapNodeConfigSource references a ConfigMap of node configuration.
//
// Deprecated: dynamic kubelet configuration was removed.
type ConfigMapNodeConfigSource struct {
	Namespace        string `json:"namespace" protobuf:"bytes,1,opt,name=namespace"`
	Name             string `json:"name" protobuf:"bytes,2,opt,name=name"`
	UID              UID    `json:"uid,omitempty" protobuf:"bytes,3,opt,name=uid"`
	ResourceVersion  string `json:"resourceVersion,omitempty" protobuf:"bytes,4,opt,name=resourceVersion"`
	KubeletConfigKey string `json:"kubeletConfigKey" protobuf:"bytes,5,opt,name=kubeletConfigKey"`
}

// Taint repels pods that do not tolerate it.
type Taint struct {
	Key   string `json:"key" protobuf:"bytes,1,opt,name=key"`
	Value string `json:"value,omitempty" protobuf:"bytes,2,opt,name=value"`
	// Effect is NoSchedule, PreferNoSchedule or NoExecute.
	Effect TaintEffect `json:"effect" protobuf:"bytes,3,opt,name=effect"`
	// TimeAdded is set for NoExecute taints only.
	TimeAdded *Time `json:"timeAdded,omitempty" protobuf:"bytes,4,opt,name=timeAdded"`
}

// TaintEffect is what a taint does to pods that do not tolerate it.
type TaintEffect string

const (
	// TaintEffectNoSchedule keeps new pods off the node; running pods stay.
	TaintEffectNoSchedule TaintEffect = "NoSchedule"
	// TaintEffectPreferNoSchedule makes the scheduler avoid the node.
	TaintEffectPreferNoSchedule TaintEffect = "PreferNoSchedule"
	// TaintEffectNoExecute also evicts running pods.
	TaintEffectNoExecute TaintEffect = "NoExecute"
)

// Well-known taint keys set by the node lifecycle controller and the node agent.
const (
	TaintNodeNotReady           = "node.kubernetes.io/not-ready"
	TaintNodeUnreachable        = "node.kubernetes.io/unreachable"
	TaintNodeUnschedulable      = "node.kubernetes.io/unschedulable"
	TaintNodeMemoryPressure     = "node.kubernetes.io/memory-pressure"
	TaintNodeDiskPressure       = "node.kubernetes.io/disk-pressure"
	TaintNodeNetworkUnavailable = "node.kubernetes.io/network-unavailable"
	TaintNodePIDPressure        = "node.kubernetes.io/pid-pressure"
	TaintNodeOutOfService       = "node.kubernetes.io/out-of-service"
)

// Well-known node labels.
const (
	LabelHostname           = "kubernetes.io/hostname"
	LabelTopologyZone       = "topology.kubernetes.io/zone"
	LabelTopologyRegion     = "topology.kubernetes.io/region"
	LabelOSStable           = "kubernetes.io/os"
	LabelArchStable         = "kubernetes.io/arch"
	LabelInstanceTypeStable = "node.kubernetes.io/instance-type"
	LabelWindowsBuild       = "node.kubernetes.io/windows-build"
	// LabelNodeExcludeBalancers keeps the node out of external load balancers.
	LabelNodeExcludeBalancers = "node.kubernetes.io/exclude-from-external-load-balancers"
	// LabelNamespaceSuffixKubelet and LabelNamespaceSuffixNode are the
	// label prefixes a node may set on itself.
	LabelNamespaceSuffixKubelet = "kubelet.kubernetes.io"
	LabelNamespaceSuffixNode    = "node.kubernetes.io"
	// LabelNamespaceNodeRestriction is a prefix nodes may not set on themselves.
	LabelNamespaceNodeRestriction = "node-restriction.kubernetes.io"

	// Deprecated: use LabelTopologyZone.
	LabelFailureDomainBetaZone = "failure-domain.beta.kubernetes.io/zone"
	// Deprecated: use LabelTopologyRegion.
	LabelFailureDomainBetaRegion = "failure-domain.beta.kubernetes.io/region"
	// Deprecated: use LabelInstanceTypeStable.
	LabelInstanceType = "beta.kubernetes.io/instance-type"
)

// NodeStatus is the observed state of a node.
type NodeStatus struct {
	// Capacity is the node's total resources, including extended resources
	// advertised by device plugins.
	Capacity ResourceList `json:"capacity,omitempty" protobuf:"bytes,1,rep,name=capacity"`
	// Allocatable is what pods may use; it defaults to Capacity.
	Allocatable ResourceList `json:"allocatable,omitempty" protobuf:"bytes,2,rep,name=allocatable"`
	// Phase is never set.
	//
	// Deprecated: kept for the wire.
	Phase NodePhase `json:"phase,omitempty" protobuf:"bytes,3,opt,name=phase"`
	// Conditions are unique by Type.
	Conditions []NodeCondition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type" protobuf:"bytes,4,rep,name=conditions"`
	Addresses  []NodeAddress   `json:"addresses,omitempty" patchStrategy:"merge" patchMergeKey:"type" protobuf:"bytes,5,rep,name=addresses"`
	// DaemonEndpoints are the ports of daemons on the node (the node agent).
	DaemonEndpoints NodeDaemonEndpoints `json:"daemonEndpoints,omitempty" protobuf:"bytes,6,opt,name=daemonEndpoints"`
	NodeInfo        NodeSystemInfo      `json:"nodeInfo,omitempty" protobuf:"bytes,7,opt,name=nodeInfo"`
	Images          []ContainerImage    `json:"images,omitempty" protobuf:"bytes,8,rep,name=images"`
	// VolumesInUse are attachable volumes mounted on the node.
	VolumesInUse    []UniqueVolumeName `json:"volumesInUse,omitempty" protobuf:"bytes,9,rep,name=volumesInUse"`
	VolumesAttached []AttachedVolume   `json:"volumesAttached,omitempty" protobuf:"bytes,10,rep,name=volumesAttached"`
	// Config reported dynamic kubelet configuration.
	//
	// Deprecated: kept for the wire.
	Config          *NodeConfigStatus    `json:"config,omitempty" protobuf:"bytes,11,opt,name=config"`
	RuntimeHandlers []NodeRuntimeHandler `json:"runtimeHandlers,omitempty" protobuf:"bytes,12,rep,name=runtimeHandlers"`
	// Features are what the container runtime supports.
	Features *NodeFeatures `json:"features,omitempty" protobuf:"bytes,13,rep,name=features"`
	// DeclaredFeatures are feature-gated behaviours the node declares.
	DeclaredFeatures []string `json:"declaredFeatures,omitempty" protobuf:"bytes,14,rep,name=declaredFeatures"`
}

// NodePhase is the lifecycle phase of a node.
//
// Deprecated: never set.
type NodePhase string

const (
	NodePending    NodePhase = "Pending"
	NodeRunning    NodePhase = "Running"
	NodeTerminated NodePhase = "Terminated"
)

// NodeConditionType names a NodeCondition; providers may add their own.
type NodeConditionType string

const (
	// NodeReady: the node agent is healthy and ready to accept pods.
	NodeReady NodeConditionType = "Ready"
	// NodeMemoryPressure: the node is low on memory.
	NodeMemoryPressure NodeConditionType = "MemoryPressure"
	// NodeDiskPressure: the node is low on disk.
	NodeDiskPressure NodeConditionType = "DiskPressure"
	// NodePIDPressure: the node is low on process IDs.
	NodePIDPressure NodeConditionType = "PIDPressure"
	// NodeNetworkUnavailable: the node's network is not configured.
	NodeNetworkUnavailable NodeConditionType = "NetworkUnavailable"
)

// NodeCondition is one observed aspect of a node's state.
type NodeCondition struct {
	Type   NodeConditionType `json:"type" protobuf:"bytes,1,opt,name=type"`
	Status ConditionStatus   `json:"status" protobuf:"bytes,2,opt,name=status"`
	// LastHeartbeatTime is when the condition was last reported.
	LastHeartbeatTime Time `json:"lastHeartbeatTime,omitzero" protobuf:"bytes,3,opt,name=lastHeartbeatTime"`
	// LastTransitionTime is when Status last changed.
	LastTransitionTime Time   `json:"lastTransitionTime,omitzero" protobuf:"bytes,4,opt,name=lastTransitionTime"`
	Reason             string `json:"reason,omitempty" protobuf:"bytes,5,opt,name=reason"`
	Message            string `json:"message,omitempty" protobuf:"bytes,6,opt,name=message"`
}

// NodeAddressType is the kind of a NodeAddress.
type NodeAddressType string

const (
	NodeHostName    NodeAddressType = "Hostname"
	NodeInternalIP  NodeAddressType = "InternalIP"
	NodeExternalIP  NodeAddressType = "ExternalIP"
	NodeInternalDNS NodeAddressType = "InternalDNS"
	NodeExternalDNS NodeAddressType = "ExternalDNS"
)

// NodeAddress is one address of a node.
type NodeAddress struct {
	Type    NodeAddressType `json:"type" protobuf:"bytes,1,opt,name=type"`
	Address string          `json:"address" protobuf:"bytes,2,opt,name=address"`
}

// NodeDaemonEndpoints are the ports daemons on the node listen on.
type NodeDaemonEndpoints struct {
	KubeletEndpoint DaemonEndpoint `json:"kubeletEndpoint,omitempty" protobuf:"bytes,1,opt,name=kubeletEndpoint"`
}

// DaemonEndpoint is one daemon port. Its JSON key is "Port", capitalised,
// as Kubernetes has always written it.
type DaemonEndpoint struct {
	Port int32 `json:"Port" protobuf:"varint,1,opt,name=Port"`
}

// NodeSystemInfo identifies the node's machine and software.
type NodeSystemInfo struct {
	MachineID               string `json:"machineID" protobuf:"bytes,1,opt,name=machineID"`
	SystemUUID              string `json:"systemUUID" protobuf:"bytes,2,opt,name=systemUUID"`
	BootID                  string `json:"bootID" protobuf:"bytes,3,opt,name=bootID"`
	KernelVersion           string `json:"kernelVersion" protobuf:"bytes,4,opt,name=kernelVersion"`
	OSImage                 string `json:"osImage" protobuf:"bytes,5,opt,name=osImage"`
	ContainerRuntimeVersion string `json:"containerRuntimeVersion" protobuf:"bytes,6,opt,name=containerRuntimeVersion"`
	KubeletVersion          string `json:"kubeletVersion" protobuf:"bytes,7,opt,name=kubeletVersion"`
	// KubeProxyVersion is not reliably set.
	//
	// Deprecated: kept for the wire.
	KubeProxyVersion string `json:"kubeProxyVersion" protobuf:"bytes,8,opt,name=kubeProxyVersion"`
	OperatingSystem  string `json:"operatingSystem" protobuf:"bytes,9,opt,name=operatingSystem"`
	Architecture     string `json:"architecture" protobuf:"bytes,10,opt,name=architecture"`
	// Swap describes the node's swap memory, if known.
	Swap *NodeSwapStatus `json:"swap,omitempty" protobuf:"bytes,11,opt,name=swap"`
}

// NodeSwapStatus describes swap memory.
type NodeSwapStatus struct {
	// Capacity is the total swap in bytes.
	Capacity *int64 `json:"capacity,omitempty" protobuf:"varint,1,opt,name=capacity"`
}

// NodeRuntimeHandler is a runtime handler (RuntimeClass handler) the node offers.
type NodeRuntimeHandler struct {
	// Name is empty for the default handler.
	Name     string                      `json:"name" protobuf:"bytes,1,opt,name=name"`
	Features *NodeRuntimeHandlerFeatures `json:"features,omitempty" protobuf:"bytes,2,opt,name=features"`
}

// NodeRuntimeHandlerFeatures are features of a runtime handler.
type NodeRuntimeHandlerFeatures struct {
	RecursiveReadOnlyMounts *bool `json:"recursiveReadOnlyMounts,omitempty" protobuf:"varint,1,opt,name=recursiveReadOnlyMounts"`
	UserNamespaces          *bool `json:"userNamespaces,omitempty" protobuf:"varint,2,opt,name=userNamespaces"`
}

// NodeFeatures are features of the node's container runtime.
type NodeFeatures struct {
	SupplementalGroupsPolicy *bool `json:"supplementalGroupsPolicy,omitempty" protobuf:"varint,1,opt,name=supplementalGroupsPolicy"`
}

// NodeConfigStatus reported dynamic kubelet configuration.
//
// Deprecated: kept for the wire.
type NodeConfigStatus struct {
	Assigned      *NodeConfigSource `json:"assigned,omitempty" protobuf:"bytes,1,opt,name=assigned"`
	Active        *NodeConfigSource `json:"active,omitempty" protobuf:"bytes,2,opt,name=active"`
	LastKnownGood *NodeConfigSource `json:"lastKnownGood,omitempty" protobuf:"bytes,3,opt,name=lastKnownGood"`
	Error         string            `json:"error,omitempty" protobuf:"bytes,4,opt,name=error"`
}

// ContainerImage is an image present on a node.
type ContainerImage struct {
	// Names are the references the image is known by. Kubernetes tags this
	// without omitempty, so nil encodes as null.
	Names     []string `json:"names" protobuf:"bytes,1,rep,name=names"`
	SizeBytes int64    `json:"sizeBytes,omitempty" protobuf:"varint,2,opt,name=sizeBytes"`
}

// UniqueVolumeName identifies an attachable volume on a node.
type UniqueVolumeName string

// AttachedVolume is a volume attached to a node.
type AttachedVolume struct {
	Name       UniqueVolumeName `json:"name" protobuf:"bytes,1,rep,name=name"`
	DevicePath string           `json:"devicePath" protobuf:"bytes,2,rep,name=devicePath"`
}

// AvoidPods is the value of the scheduler.alpha.kubernetes.io/preferAvoidPods
// node annotation.
type AvoidPods struct {
	PreferAvoidPods []PreferAvoidPodsEntry `json:"preferAvoidPods,omitempty" protobuf:"bytes,1,rep,name=preferAvoidPods"`
}

// PreferAvoidPodsEntry is a class of pods that should avoid a node.
type PreferAvoidPodsEntry struct {
	PodSignature PodSignature `json:"podSignature" protobuf:"bytes,1,opt,name=podSignature"`
	EvictionTime Time         `json:"evictionTime,omitzero" protobuf:"bytes,2,opt,name=evictionTime"`
	Reason       string       `json:"reason,omitempty" protobuf:"bytes,3,opt,name=reason"`
	Message      string       `json:"message,omitempty" protobuf:"bytes,4,opt,name=message"`
}

// PodSignature describes a class of pods; exactly one field is set.
type PodSignature struct {
	PodController *OwnerReference `json:"podController,omitempty" protobuf:"bytes,1,opt,name=podController"`
}

// NodeProxyOptions are the query parameters of nodes/proxy.
type NodeProxyOptions struct {
	TypeMeta `json:",inline"`
	Path     string `json:"path,omitempty" protobuf:"bytes,1,opt,name=path"`
}

// GetNodeCondition returns the index and a pointer into status.Conditions of
// the condition of type t, or -1 and nil. The pointer aliases status.
func GetNodeCondition(status *NodeStatus, t NodeConditionType) (int, *NodeCondition) {
	if status == nil {
		return -1, nil
	}
	for i := range status.Conditions {
		if status.Conditions[i].Type == t {
			return i, &status.Conditions[i]
		}
	}
	return -1, nil
}

// MatchTaint reports whether t and other have the same key and effect, which
// is what makes two taints the same taint on a node.
func (t *Taint) MatchTaint(other *Taint) bool {
	return t.Key == other.Key && t.Effect == other.Effect
}

// ToString formats the taint as kubectl does: "key=value:Effect", leaving
// out "=value" when the value is empty and "Effect" when the effect is.
func (t Taint) ToString() string {
	s := t.Key
	if t.Value != "" {
		s += "=" + t.Value
	}
	if t.Effect != "" || t.Value != "" {
		s += ":" + string(t.Effect)
	}
	return s
}
