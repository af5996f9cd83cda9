package apiobj

import "github.com/orcaproj/orca/apiobj/resource"

// This file holds core/v1 Pod and everything reachable from PodSpec and
// PodStatus. Field names, JSON tags, omitempty and pointer-ness follow
// k8s.io/api/core/v1 so that Kubernetes manifests decode and re-encode
// unchanged; the one deliberate difference is that optional Time fields use
// omitzero, so an unset time is left out instead of written as null.

// Pod is a group of containers that share a fate and run on one node.
type Pod struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	// Spec is the desired behaviour of the pod.
	Spec PodSpec `json:"spec,omitempty" protobuf:"bytes,2,opt,name=spec"`
	// Status is the most recently observed state; written by the scheduler
	// and the node agent, never by users.
	Status PodStatus `json:"status,omitempty" protobuf:"bytes,3,opt,name=status"`
}

// PodList is a list of Pods.
type PodList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Items    []Pod `json:"items" protobuf:"bytes,2,rep,name=items"`
}

// PodTemplateSpec is the metadata and spec of pods a controller creates.
type PodTemplateSpec struct {
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Spec       PodSpec `json:"spec,omitempty" protobuf:"bytes,2,opt,name=spec"`
}

// PodSpec is the desired behaviour of a pod. Apart from a few fields
// (activeDeadlineSeconds, tolerations additions, container images,
// schedulingGates removal) it is immutable once the pod is created.
type PodSpec struct {
	// Volumes that containers of the pod may mount, unique by name.
	Volumes []Volume `json:"volumes,omitempty" patchStrategy:"merge,retainKeys" patchMergeKey:"name" protobuf:"bytes,1,rep,name=volumes"`
	// InitContainers run in order, each to completion, before Containers
	// start; those with RestartPolicy Always are sidecars that keep running.
	InitContainers []Container `json:"initContainers,omitempty" patchStrategy:"merge" patchMergeKey:"name" protobuf:"bytes,20,rep,name=initContainers"`
	// Containers run concurrently; at least one is required.
	Containers []Container `json:"containers" patchStrategy:"merge" patchMergeKey:"name" protobuf:"bytes,2,rep,name=containers"`
	// EphemeralContainers are debugging containers added through the
	// ephemeralcontainers subresource; they cannot be set at creation.
	EphemeralContainers []EphemeralContainer `json:"ephemeralContainers,omitempty" patchStrategy:"merge" patchMergeKey:"name" protobuf:"bytes,34,rep,name=ephemeralContainers"`
	// RestartPolicy applies to all containers; empty means Always.
	RestartPolicy RestartPolicy `json:"restartPolicy,omitempty" protobuf:"bytes,3,opt,name=restartPolicy"`
	// TerminationGracePeriodSeconds is the grace between SIGTERM and SIGKILL;
	// nil means the default (30), 0 means kill immediately.
	TerminationGracePeriodSeconds *int64 `json:"terminationGracePeriodSeconds,omitempty" protobuf:"varint,4,opt,name=terminationGracePeriodSeconds"`
	// ActiveDeadlineSeconds bounds how long the pod may run after StartTime
	// before it is failed; nil means no bound.
	ActiveDeadlineSeconds *int64 `json:"activeDeadlineSeconds,omitempty" protobuf:"varint,5,opt,name=activeDeadlineSeconds"`
	// DNSPolicy defaults to ClusterFirst.
	DNSPolicy DNSPolicy `json:"dnsPolicy,omitempty" protobuf:"bytes,6,opt,name=dnsPolicy"`
	// NodeSelector must match the labels of the node the pod runs on.
	NodeSelector map[string]string `json:"nodeSelector,omitempty" protobuf:"bytes,7,rep,name=nodeSelector"`
	// ServiceAccountName is the identity the pod runs as.
	ServiceAccountName string `json:"serviceAccountName,omitempty" protobuf:"bytes,8,opt,name=serviceAccountName"`
	// DeprecatedServiceAccount is the old alias of ServiceAccountName.
	//
	// Deprecated: use ServiceAccountName.
	DeprecatedServiceAccount string `json:"serviceAccount,omitempty" protobuf:"bytes,9,opt,name=serviceAccount"`
	// AutomountServiceAccountToken overrides the service account's setting.
	AutomountServiceAccountToken *bool `json:"automountServiceAccountToken,omitempty" protobuf:"varint,21,opt,name=automountServiceAccountToken"`
	// NodeName is the node the pod is bound to; empty means not yet
	// scheduled. It is set once, through the binding subresource.
	NodeName string `json:"nodeName,omitempty" protobuf:"bytes,10,opt,name=nodeName"`
	// HostNetwork, HostPID and HostIPC share the node's namespaces.
	HostNetwork bool `json:"hostNetwork,omitempty" protobuf:"varint,11,opt,name=hostNetwork"`
	HostPID     bool `json:"hostPID,omitempty" protobuf:"varint,12,opt,name=hostPID"`
	HostIPC     bool `json:"hostIPC,omitempty" protobuf:"varint,13,opt,name=hostIPC"`
	// ShareProcessNamespace puts all containers in one PID namespace.
	ShareProcessNamespace *bool `json:"shareProcessNamespace,omitempty" protobuf:"varint,27,opt,name=shareProcessNamespace"`
	// SecurityContext holds pod-level security settings; container-level
	// settings take precedence.
	SecurityContext *PodSecurityContext `json:"securityContext,omitempty" protobuf:"bytes,14,opt,name=securityContext"`
	// ImagePullSecrets name secrets in the pod's namespace used to pull images.
	ImagePullSecrets []LocalObjectReference `json:"imagePullSecrets,omitempty" patchStrategy:"merge" patchMergeKey:"name" protobuf:"bytes,15,rep,name=imagePullSecrets"`
	// Hostname defaults to the pod name.
	Hostname string `json:"hostname,omitempty" protobuf:"bytes,16,opt,name=hostname"`
	// Subdomain makes the FQDN <hostname>.<subdomain>.<ns>.svc.<domain>.
	Subdomain string `json:"subdomain,omitempty" protobuf:"bytes,17,opt,name=subdomain"`
	// Affinity holds node and inter-pod scheduling constraints.
	Affinity *Affinity `json:"affinity,omitempty" protobuf:"bytes,18,opt,name=affinity"`
	// SchedulerName picks the scheduler; empty means the default scheduler.
	SchedulerName string `json:"schedulerName,omitempty" protobuf:"bytes,19,opt,name=schedulerName"`
	// Tolerations let the pod schedule onto (and stay on) tainted nodes.
	Tolerations []Toleration `json:"tolerations,omitempty" protobuf:"bytes,22,opt,name=tolerations"`
	// HostAliases are added to the pod's /etc/hosts.
	HostAliases []HostAlias `json:"hostAliases,omitempty" patchStrategy:"merge" patchMergeKey:"ip" protobuf:"bytes,23,rep,name=hostAliases"`
	// PriorityClassName names the PriorityClass that sets Priority.
	PriorityClassName string `json:"priorityClassName,omitempty" protobuf:"bytes,24,opt,name=priorityClassName"`
	// Priority is resolved from PriorityClassName at admission; higher wins.
	Priority *int32 `json:"priority,omitempty" protobuf:"bytes,25,opt,name=priority"`
	// DNSConfig is merged into the DNS settings DNSPolicy produces.
	DNSConfig *PodDNSConfig `json:"dnsConfig,omitempty" protobuf:"bytes,26,opt,name=dnsConfig"`
	// ReadinessGates are extra conditions that must be True for Ready.
	ReadinessGates []PodReadinessGate `json:"readinessGates,omitempty" protobuf:"bytes,28,opt,name=readinessGates"`
	// RuntimeClassName selects a node.k8s.io RuntimeClass; nil means the
	// runtime's default handler.
	RuntimeClassName *string `json:"runtimeClassName,omitempty" protobuf:"bytes,29,opt,name=runtimeClassName"`
	// EnableServiceLinks injects service environment variables; nil means true.
	EnableServiceLinks *bool `json:"enableServiceLinks,omitempty" protobuf:"varint,30,opt,name=enableServiceLinks"`
	// PreemptionPolicy defaults to PreemptLowerPriority.
	PreemptionPolicy *PreemptionPolicy `json:"preemptionPolicy,omitempty" protobuf:"bytes,31,opt,name=preemptionPolicy"`
	// Overhead is the RuntimeClass's fixed cost, set at admission.
	Overhead ResourceList `json:"overhead,omitempty" protobuf:"bytes,32,opt,name=overhead"`
	// TopologySpreadConstraints are ANDed spreading rules.
	TopologySpreadConstraints []TopologySpreadConstraint `json:"topologySpreadConstraints,omitempty" patchStrategy:"merge" patchMergeKey:"topologyKey" protobuf:"bytes,33,opt,name=topologySpreadConstraints"`
	// SetHostnameAsFQDN makes the kernel hostname the pod's FQDN.
	SetHostnameAsFQDN *bool `json:"setHostnameAsFQDN,omitempty" protobuf:"varint,35,opt,name=setHostnameAsFQDN"`
	// OS declares the pod's operating system, restricting OS-specific fields.
	OS *PodOS `json:"os,omitempty" protobuf:"bytes,36,opt,name=os"`
	// HostUsers false runs the pod in its own user namespace; nil means true.
	HostUsers *bool `json:"hostUsers,omitempty" protobuf:"bytes,37,opt,name=hostUsers"`
	// SchedulingGates block scheduling while non-empty; they may only be removed.
	SchedulingGates []PodSchedulingGate `json:"schedulingGates,omitempty" patchStrategy:"merge" patchMergeKey:"name" protobuf:"bytes,38,opt,name=schedulingGates"`
	// ResourceClaims name the dynamic resource claims the pod needs.
	ResourceClaims []PodResourceClaim `json:"resourceClaims,omitempty" patchStrategy:"merge,retainKeys" patchMergeKey:"name" protobuf:"bytes,39,rep,name=resourceClaims"`
	// Resources are pod-level requests and limits (cpu, memory, hugepages)
	// shared by all containers; nil means the sum of the containers'.
	Resources *ResourceRequirements `json:"resources,omitempty" protobuf:"bytes,40,opt,name=resources"`
	// HostnameOverride replaces the hostname the pod sees; it does not
	// change DNS records.
	HostnameOverride *string `json:"hostnameOverride,omitempty" protobuf:"bytes,41,opt,name=hostnameOverride"`
}

// PodStatus is the observed state of a pod. It may trail reality,
// especially when the node cannot reach the control plane.
type PodStatus struct {
	// ObservedGeneration is the metadata.generation this status was computed for.
	ObservedGeneration int64 `json:"observedGeneration,omitempty" protobuf:"varint,17,opt,name=observedGeneration"`
	// Phase is a coarse summary; Conditions and container statuses hold detail.
	Phase PodPhase `json:"phase,omitempty" protobuf:"bytes,1,opt,name=phase"`
	// Conditions are unique by Type.
	Conditions []PodCondition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type" protobuf:"bytes,2,rep,name=conditions"`
	Message    string         `json:"message,omitempty" protobuf:"bytes,3,opt,name=message"`
	// Reason is a CamelCase word such as "Evicted".
	Reason string `json:"reason,omitempty" protobuf:"bytes,4,opt,name=reason"`
	// NominatedNodeName is where the pod may go once preemption victims leave;
	// it is a hint, not a binding.
	NominatedNodeName string `json:"nominatedNodeName,omitempty" protobuf:"bytes,11,opt,name=nominatedNodeName"`
	// HostIP is the primary IP of the node; HostIPs[0] equals it when set.
	HostIP  string   `json:"hostIP,omitempty" protobuf:"bytes,5,opt,name=hostIP"`
	HostIPs []HostIP `json:"hostIPs,omitempty" patchStrategy:"merge" patchMergeKey:"ip" protobuf:"bytes,16,rep,name=hostIPs"`
	// PodIP is the primary pod IP; PodIPs[0] equals it, at most one per family.
	PodIP  string  `json:"podIP,omitempty" protobuf:"bytes,6,opt,name=podIP"`
	PodIPs []PodIP `json:"podIPs,omitempty" patchStrategy:"merge" patchMergeKey:"ip" protobuf:"bytes,12,rep,name=podIPs"`
	// StartTime is when the node agent acknowledged the pod.
	StartTime *Time `json:"startTime,omitempty" protobuf:"bytes,7,opt,name=startTime"`
	// InitContainerStatuses, ContainerStatuses and EphemeralContainerStatuses
	// hold at most one entry per container of the matching list.
	InitContainerStatuses []ContainerStatus `json:"initContainerStatuses,omitempty" protobuf:"bytes,10,rep,name=initContainerStatuses"`
	ContainerStatuses     []ContainerStatus `json:"containerStatuses,omitempty" protobuf:"bytes,8,rep,name=containerStatuses"`
	// QOSClass is derived from the containers' requests and limits.
	QOSClass                   PodQOSClass       `json:"qosClass,omitempty" protobuf:"bytes,9,rep,name=qosClass"`
	EphemeralContainerStatuses []ContainerStatus `json:"ephemeralContainerStatuses,omitempty" protobuf:"bytes,13,rep,name=ephemeralContainerStatuses"`
	// Resize reports an in-place resize in progress.
	//
	// Deprecated: use the PodResizePending and PodResizeInProgress conditions.
	Resize PodResizeStatus `json:"resize,omitempty" protobuf:"bytes,14,opt,name=resize"`
	// ResourceClaimStatuses record the claim generated for each template.
	ResourceClaimStatuses []PodResourceClaimStatus `json:"resourceClaimStatuses,omitempty" patchStrategy:"merge,retainKeys" patchMergeKey:"name" protobuf:"bytes,15,rep,name=resourceClaimStatuses"`
	// ExtendedResourceClaimStatus records the claim generated for extended
	// resources backed by dynamic resource allocation.
	ExtendedResourceClaimStatus *PodExtendedResourceClaimStatus `json:"extendedResourceClaimStatus,omitempty" protobuf:"bytes,18,opt,name=extendedResourceClaimStatus"`
	// AllocatedResources is the total the node allocated for the pod.
	AllocatedResources ResourceList `json:"allocatedResources,omitempty" protobuf:"bytes,19,rep,name=allocatedResources"`
	// Resources are the pod-level resources actually enacted.
	Resources *ResourceRequirements `json:"resources,omitempty" protobuf:"bytes,20,opt,name=resources"`
}

// PodPhase is the coarse lifecycle state of a pod.
type PodPhase string

const (
	// PodPending: accepted, but not all containers have started (this
	// includes time waiting to be scheduled and pulling images).
	PodPending PodPhase = "Pending"
	// PodRunning: bound, and all containers have been created; at least one
	// is running or restarting.
	PodRunning PodPhase = "Running"
	// PodSucceeded: all containers exited 0 and will not restart.
	PodSucceeded PodPhase = "Succeeded"
	// PodFailed: all containers terminated, at least one in failure.
	PodFailed PodPhase = "Failed"
	// PodUnknown: the state could not be obtained.
	//
	// Deprecated: no component sets it.
	PodUnknown PodPhase = "Unknown"
)

// PodConditionType names a PodCondition; other components may add their own.
type PodConditionType string

const (
	// ContainersReady: all containers are ready.
	ContainersReady PodConditionType = "ContainersReady"
	// PodInitialized: all init containers have completed (or started, for sidecars).
	PodInitialized PodConditionType = "Initialized"
	// PodReady: the pod can serve and belongs in service endpoints.
	PodReady PodConditionType = "Ready"
	// PodScheduled: the state of scheduling.
	PodScheduled PodConditionType = "PodScheduled"
	// DisruptionTarget: the pod is about to be terminated by a disruption.
	DisruptionTarget PodConditionType = "DisruptionTarget"
	// PodReadyToStartContainers: the sandbox and its network are set up.
	PodReadyToStartContainers PodConditionType = "PodReadyToStartContainers"
	// PodResizePending: a resize was requested but not yet allocated.
	PodResizePending PodConditionType = "PodResizePending"
	// PodResizeInProgress: an allocated resize is being actuated.
	PodResizeInProgress PodConditionType = "PodResizeInProgress"
)

// Reasons used in pod conditions.
const (
	// PodReasonUnschedulable (PodScheduled=False): no node fits right now.
	PodReasonUnschedulable = "Unschedulable"
	// PodReasonSchedulingGated (PodScheduled=False): scheduling gates remain.
	PodReasonSchedulingGated = "SchedulingGated"
	// PodReasonSchedulerError (PodScheduled=False): an internal scheduler error.
	PodReasonSchedulerError = "SchedulerError"
	// PodReasonTerminationByKubelet (DisruptionTarget): the node agent is terminating the pod.
	PodReasonTerminationByKubelet = "TerminationByKubelet"
	// PodReasonPreemptionByScheduler (DisruptionTarget): preempted by the scheduler.
	PodReasonPreemptionByScheduler = "PreemptionByScheduler"
	// PodReasonDeferred and PodReasonInfeasible explain PodResizePending.
	PodReasonDeferred   = "Deferred"
	PodReasonInfeasible = "Infeasible"
	// PodReasonError explains a failed PodResizeInProgress.
	PodReasonError = "Error"
)

// PodCondition is one observed aspect of a pod's state.
type PodCondition struct {
	Type PodConditionType `json:"type" protobuf:"bytes,1,opt,name=type"`
	// ObservedGeneration is the metadata.generation the condition was set for.
	ObservedGeneration int64           `json:"observedGeneration,omitempty" protobuf:"varint,7,opt,name=observedGeneration"`
	Status             ConditionStatus `json:"status" protobuf:"bytes,2,opt,name=status"`
	// LastProbeTime is when the condition was last checked.
	LastProbeTime Time `json:"lastProbeTime,omitzero" protobuf:"bytes,3,opt,name=lastProbeTime"`
	// LastTransitionTime is when Status last changed.
	LastTransitionTime Time   `json:"lastTransitionTime,omitzero" protobuf:"bytes,4,opt,name=lastTransitionTime"`
	Reason             string `json:"reason,omitempty" protobuf:"bytes,5,opt,name=reason"`
	Message            string `json:"message,omitempty" protobuf:"bytes,6,opt,name=message"`
}

// PodResizeStatus is the state of an in-place resize.
type PodResizeStatus string

const (
	PodResizeStatusProposed   PodResizeStatus = "Proposed"
	PodResizeStatusInProgress PodResizeStatus = "InProgress"
	PodResizeStatusDeferred   PodResizeStatus = "Deferred"
	PodResizeStatusInfeasible PodResizeStatus = "Infeasible"
)

// RestartPolicy says when a pod's containers are restarted after they exit.
type RestartPolicy string

const (
	RestartPolicyAlways    RestartPolicy = "Always"
	RestartPolicyOnFailure RestartPolicy = "OnFailure"
	RestartPolicyNever     RestartPolicy = "Never"
)

// ContainerRestartPolicy overrides the pod's RestartPolicy for one
// container. On an init container, Always makes it a sidecar.
type ContainerRestartPolicy string

const (
	ContainerRestartPolicyAlways    ContainerRestartPolicy = "Always"
	ContainerRestartPolicyNever     ContainerRestartPolicy = "Never"
	ContainerRestartPolicyOnFailure ContainerRestartPolicy = "OnFailure"
)

// ContainerRestartRule restarts a container whose exit matches ExitCodes,
// regardless of its restart policy.
type ContainerRestartRule struct {
	// Action is what to do when the rule matches; only Restart exists.
	Action    ContainerRestartRuleAction       `json:"action,omitempty" protobuf:"bytes,1,opt,name=action"`
	ExitCodes *ContainerRestartRuleOnExitCodes `json:"exitCodes,omitempty" protobuf:"bytes,2,opt,name=exitCodes"`
}

// ContainerRestartRuleAction is the action of a ContainerRestartRule.
type ContainerRestartRuleAction string

// ContainerRestartRuleActionRestart restarts the container.
const ContainerRestartRuleActionRestart ContainerRestartRuleAction = "Restart"

// ContainerRestartRuleOnExitCodes matches exit codes In or NotIn Values.
type ContainerRestartRuleOnExitCodes struct {
	Operator ContainerRestartRuleOnExitCodesOperator `json:"operator,omitempty" protobuf:"bytes,1,opt,name=operator"`
	Values   []int32                                 `json:"values,omitempty" protobuf:"varint,2,rep,name=values"`
}

// ContainerRestartRuleOnExitCodesOperator is In or NotIn.
type ContainerRestartRuleOnExitCodesOperator string

const (
	ContainerRestartRuleOnExitCodesOpIn    ContainerRestartRuleOnExitCodesOperator = "In"
	ContainerRestartRuleOnExitCodesOpNotIn ContainerRestartRuleOnExitCodesOperator = "NotIn"
)

// DNSPolicy says how a pod's resolv.conf is built.
type DNSPolicy string

const (
	// DNSClusterFirstWithHostNet uses cluster DNS even with host networking.
	DNSClusterFirstWithHostNet DNSPolicy = "ClusterFirstWithHostNet"
	// DNSClusterFirst uses cluster DNS unless hostNetwork is set.
	DNSClusterFirst DNSPolicy = "ClusterFirst"
	// DNSDefault uses the node's DNS settings.
	DNSDefault DNSPolicy = "Default"
	// DNSNone uses only DNSConfig.
	DNSNone DNSPolicy = "None"
)

// Defaults used by pod defaulting.
const (
	DefaultTerminationGracePeriodSeconds = 30
	DefaultEnableServiceLinks            = true
	// DefaultSchedulerName is the scheduler that takes pods with an empty schedulerName.
	DefaultSchedulerName = "default-scheduler"
	// DefaultHardPodAffinitySymmetricWeight is the weight of the implicit
	// preferred term behind each required affinity term.
	DefaultHardPodAffinitySymmetricWeight int32 = 1
	// TerminationMessagePathDefault is where a container writes its termination message.
	TerminationMessagePathDefault = "/dev/termination-log"
)

// PodQOSClass is the quality-of-service class derived from resources.
type PodQOSClass string

const (
	PodQOSGuaranteed PodQOSClass = "Guaranteed"
	PodQOSBurstable  PodQOSClass = "Burstable"
	PodQOSBestEffort PodQOSClass = "BestEffort"
)

// PreemptionPolicy says whether a pod may preempt lower-priority pods.
type PreemptionPolicy string

const (
	PreemptLowerPriority PreemptionPolicy = "PreemptLowerPriority"
	PreemptNever         PreemptionPolicy = "Never"
)

// PodIP is one IP address of a pod.
type PodIP struct {
	IP string `json:"ip" protobuf:"bytes,1,opt,name=ip"`
}

// HostIP is one IP address of the pod's node.
type HostIP struct {
	IP string `json:"ip" protobuf:"bytes,1,opt,name=ip"`
}

// HostAlias is an /etc/hosts entry.
type HostAlias struct {
	IP        string   `json:"ip" protobuf:"bytes,1,opt,name=ip"`
	Hostnames []string `json:"hostnames,omitempty" protobuf:"bytes,2,rep,name=hostnames"`
}

// PodDNSConfig adds to the DNS settings DNSPolicy produces.
type PodDNSConfig struct {
	Nameservers []string             `json:"nameservers,omitempty" protobuf:"bytes,1,rep,name=nameservers"`
	Searches    []string             `json:"searches,omitempty" protobuf:"bytes,2,rep,name=searches"`
	Options     []PodDNSConfigOption `json:"options,omitempty" protobuf:"bytes,3,rep,name=options"`
}

// PodDNSConfigOption is a resolver option such as ndots:2.
type PodDNSConfigOption struct {
	Name  string  `json:"name,omitempty" protobuf:"bytes,1,opt,name=name"`
	Value *string `json:"value,omitempty" protobuf:"bytes,2,opt,name=value"`
}

// PodReadinessGate names a condition that must be True for the pod to be Ready.
type PodReadinessGate struct {
	ConditionType PodConditionType `json:"conditionType" protobuf:"bytes,1,opt,name=conditionType"`
}

// OSName is an operating system name.
type OSName string

const (
	Linux   OSName = "linux"
	Windows OSName = "windows"
)

// PodOS declares the operating system a pod needs.
type PodOS struct {
	Name OSName `json:"name" protobuf:"bytes,1,opt,name=name"`
}

// PodSchedulingGate blocks scheduling until removed.
type PodSchedulingGate struct {
	Name string `json:"name" protobuf:"bytes,1,opt,name=name"`
}

// PodResourceClaim names a resource claim for the pod, given directly or
// through a template. Exactly one of the two names is set.
type PodResourceClaim struct {
	// Name is how containers refer to the claim.
	Name                      string  `json:"name" protobuf:"bytes,1,name=name"`
	ResourceClaimName         *string `json:"resourceClaimName,omitempty" protobuf:"bytes,3,opt,name=resourceClaimName"`
	ResourceClaimTemplateName *string `json:"resourceClaimTemplateName,omitempty" protobuf:"bytes,4,opt,name=resourceClaimTemplateName"`
}

// PodResourceClaimStatus records the claim generated from a template.
type PodResourceClaimStatus struct {
	Name string `json:"name" protobuf:"bytes,1,name=name"`
	// ResourceClaimName is nil when no claim was needed.
	ResourceClaimName *string `json:"resourceClaimName,omitempty" protobuf:"bytes,2,opt,name=resourceClaimName"`
}

// PodExtendedResourceClaimStatus records the claim generated for extended
// resources that are backed by dynamic resource allocation.
type PodExtendedResourceClaimStatus struct {
	RequestMappings   []ContainerExtendedResourceRequest `json:"requestMappings" protobuf:"bytes,1,rep,name=requestMappings"`
	ResourceClaimName string                             `json:"resourceClaimName" protobuf:"bytes,2,name=resourceClaimName"`
}

// ContainerExtendedResourceRequest maps a container's extended resource to a
// request of the generated claim.
type ContainerExtendedResourceRequest struct {
	ContainerName string `json:"containerName" protobuf:"bytes,1,name=containerName"`
	ResourceName  string `json:"resourceName" protobuf:"bytes,2,name=resourceName"`
	RequestName   string `json:"requestName" protobuf:"bytes,3,name=requestName"`
}

// ---- Containers ----

// Container is one application container of a pod.
type Container struct {
	// Name is a DNS label, unique among all containers of the pod.
	Name string `json:"name" protobuf:"bytes,1,opt,name=name"`
	// Image may be empty only in templates that a controller fills in.
	Image string `json:"image,omitempty" protobuf:"bytes,2,opt,name=image"`
	// Command replaces the image's ENTRYPOINT; $(VAR) references are expanded.
	Command []string `json:"command,omitempty" protobuf:"bytes,3,rep,name=command"`
	// Args replace the image's CMD; $(VAR) references are expanded.
	Args       []string `json:"args,omitempty" protobuf:"bytes,4,rep,name=args"`
	WorkingDir string   `json:"workingDir,omitempty" protobuf:"bytes,5,opt,name=workingDir"`
	// Ports are informational; unique by (containerPort, protocol).
	Ports []ContainerPort `json:"ports,omitempty" patchStrategy:"merge" patchMergeKey:"containerPort" protobuf:"bytes,6,rep,name=ports"`
	// EnvFrom are applied before Env; later sources win.
	EnvFrom []EnvFromSource `json:"envFrom,omitempty" protobuf:"bytes,19,rep,name=envFrom"`
	Env     []EnvVar        `json:"env,omitempty" patchStrategy:"merge" patchMergeKey:"name" protobuf:"bytes,7,rep,name=env"`
	// Resources are the container's requests and limits.
	Resources ResourceRequirements `json:"resources,omitempty" protobuf:"bytes,8,opt,name=resources"`
	// ResizePolicy says whether resizing a resource restarts the container.
	ResizePolicy []ContainerResizePolicy `json:"resizePolicy,omitempty" protobuf:"bytes,23,rep,name=resizePolicy"`
	// RestartPolicy overrides the pod's; Always on an init container makes a sidecar.
	RestartPolicy *ContainerRestartPolicy `json:"restartPolicy,omitempty" protobuf:"bytes,24,opt,name=restartPolicy"`
	// RestartPolicyRules are checked in order on exit, before RestartPolicy.
	RestartPolicyRules []ContainerRestartRule `json:"restartPolicyRules,omitempty" protobuf:"bytes,25,rep,name=restartPolicyRules"`
	VolumeMounts       []VolumeMount          `json:"volumeMounts,omitempty" patchStrategy:"merge" patchMergeKey:"mountPath" protobuf:"bytes,9,rep,name=volumeMounts"`
	VolumeDevices      []VolumeDevice         `json:"volumeDevices,omitempty" patchStrategy:"merge" patchMergeKey:"devicePath" protobuf:"bytes,21,rep,name=volumeDevices"`
	// LivenessProbe failures restart the container.
	LivenessProbe *Probe `json:"livenessProbe,omitempty" protobuf:"bytes,10,opt,name=livenessProbe"`
	// ReadinessProbe failures take the pod out of service endpoints.
	ReadinessProbe *Probe `json:"readinessProbe,omitempty" protobuf:"bytes,11,opt,name=readinessProbe"`
	// StartupProbe gates the other probes until it succeeds once.
	StartupProbe *Probe     `json:"startupProbe,omitempty" protobuf:"bytes,22,opt,name=startupProbe"`
	Lifecycle    *Lifecycle `json:"lifecycle,omitempty" protobuf:"bytes,12,opt,name=lifecycle"`
	// TerminationMessagePath defaults to /dev/termination-log.
	TerminationMessagePath string `json:"terminationMessagePath,omitempty" protobuf:"bytes,13,opt,name=terminationMessagePath"`
	// TerminationMessagePolicy defaults to File.
	TerminationMessagePolicy TerminationMessagePolicy `json:"terminationMessagePolicy,omitempty" protobuf:"bytes,20,opt,name=terminationMessagePolicy"`
	// ImagePullPolicy defaults to Always for :latest, else IfNotPresent.
	ImagePullPolicy PullPolicy       `json:"imagePullPolicy,omitempty" protobuf:"bytes,14,opt,name=imagePullPolicy"`
	SecurityContext *SecurityContext `json:"securityContext,omitempty" protobuf:"bytes,15,opt,name=securityContext"`
	// Stdin allocates a stdin buffer; StdinOnce closes it after the first
	// attach ends; TTY (which needs Stdin) allocates a terminal.
	Stdin     bool `json:"stdin,omitempty" protobuf:"varint,16,opt,name=stdin"`
	StdinOnce bool `json:"stdinOnce,omitempty" protobuf:"varint,17,opt,name=stdinOnce"`
	TTY       bool `json:"tty,omitempty" protobuf:"varint,18,opt,name=tty"`
}

// EphemeralContainerCommon holds the Container fields of an
// EphemeralContainer; it must list the same fields as Container, so that a
// conversion between the two is a plain type conversion.
type EphemeralContainerCommon struct {
	Name                     string                   `json:"name" protobuf:"bytes,1,opt,name=name"`
	Image                    string                   `json:"image,omitempty" protobuf:"bytes,2,opt,name=image"`
	Command                  []string                 `json:"command,omitempty" protobuf:"bytes,3,rep,name=command"`
	Args                     []string                 `json:"args,omitempty" protobuf:"bytes,4,rep,name=args"`
	WorkingDir               string                   `json:"workingDir,omitempty" protobuf:"bytes,5,opt,name=workingDir"`
	Ports                    []ContainerPort          `json:"ports,omitempty" patchStrategy:"merge" patchMergeKey:"containerPort" protobuf:"bytes,6,rep,name=ports"`
	EnvFrom                  []EnvFromSource          `json:"envFrom,omitempty" protobuf:"bytes,19,rep,name=envFrom"`
	Env                      []EnvVar                 `json:"env,omitempty" patchStrategy:"merge" patchMergeKey:"name" protobuf:"bytes,7,rep,name=env"`
	Resources                ResourceRequirements     `json:"resources,omitempty" protobuf:"bytes,8,opt,name=resources"`
	ResizePolicy             []ContainerResizePolicy  `json:"resizePolicy,omitempty" protobuf:"bytes,23,rep,name=resizePolicy"`
	RestartPolicy            *ContainerRestartPolicy  `json:"restartPolicy,omitempty" protobuf:"bytes,24,opt,name=restartPolicy"`
	RestartPolicyRules       []ContainerRestartRule   `json:"restartPolicyRules,omitempty" protobuf:"bytes,25,rep,name=restartPolicyRules"`
	VolumeMounts             []VolumeMount            `json:"volumeMounts,omitempty" patchStrategy:"merge" patchMergeKey:"mountPath" protobuf:"bytes,9,rep,name=volumeMounts"`
	VolumeDevices            []VolumeDevice           `json:"volumeDevices,omitempty" patchStrategy:"merge" patchMergeKey:"devicePath" protobuf:"bytes,21,rep,name=volumeDevices"`
	LivenessProbe            *Probe                   `json:"livenessProbe,omitempty" protobuf:"bytes,10,opt,name=livenessProbe"`
	ReadinessProbe           *Probe                   `json:"readinessProbe,omitempty" protobuf:"bytes,11,opt,name=readinessProbe"`
	StartupProbe             *Probe                   `json:"startupProbe,omitempty" protobuf:"bytes,22,opt,name=startupProbe"`
	Lifecycle                *Lifecycle               `json:"lifecycle,omitempty" protobuf:"bytes,12,opt,name=lifecycle"`
	TerminationMessagePath   string                   `json:"terminationMessagePath,omitempty" protobuf:"bytes,13,opt,name=terminationMessagePath"`
	TerminationMessagePolicy TerminationMessagePolicy `json:"terminationMessagePolicy,omitempty" protobuf:"bytes,20,opt,name=terminationMessagePolicy"`
	ImagePullPolicy          PullPolicy               `json:"imagePullPolicy,omitempty" protobuf:"bytes,14,opt,name=imagePullPolicy"`
	SecurityContext          *SecurityContext         `json:"securityContext,omitempty" protobuf:"bytes,15,opt,name=securityContext"`
	Stdin                    bool                     `json:"stdin,omitempty" protobuf:"varint,16,opt,name=stdin"`
	StdinOnce                bool                     `json:"stdinOnce,omitempty" protobuf:"varint,17,opt,name=stdinOnce"`
	TTY                      bool                     `json:"tty,omitempty" protobuf:"varint,18,opt,name=tty"`
}

// EphemeralContainerCommon and Container must stay field-for-field identical.
var _ = Container(EphemeralContainerCommon{})

// EphemeralContainer is a debugging container added to a running pod. It
// has no resource guarantees, ports or probes, and is never restarted.
type EphemeralContainer struct {
	EphemeralContainerCommon `json:",inline" protobuf:"bytes,1,req"`
	// TargetContainerName, if set, is the container whose namespaces it joins.
	TargetContainerName string `json:"targetContainerName,omitempty" protobuf:"bytes,2,opt,name=targetContainerName"`
}

// ContainerPort is a port a container listens on.
type ContainerPort struct {
	// Name is an IANA service name, unique within the pod, that services may target.
	Name string `json:"name,omitempty" protobuf:"bytes,1,opt,name=name"`
	// HostPort, if non-zero, is also opened on the node.
	HostPort      int32 `json:"hostPort,omitempty" protobuf:"varint,2,opt,name=hostPort"`
	ContainerPort int32 `json:"containerPort" protobuf:"varint,3,opt,name=containerPort"`
	// Protocol defaults to TCP.
	Protocol Protocol `json:"protocol,omitempty" protobuf:"bytes,4,opt,name=protocol"`
	HostIP   string   `json:"hostIP,omitempty" protobuf:"bytes,5,opt,name=hostIP"`
}

// Protocol is a transport protocol.
type Protocol string

const (
	ProtocolTCP  Protocol = "TCP"
	ProtocolUDP  Protocol = "UDP"
	ProtocolSCTP Protocol = "SCTP"
)

// EnvVar is one environment variable. At most one of Value and ValueFrom is set.
type EnvVar struct {
	Name string `json:"name" protobuf:"bytes,1,opt,name=name"`
	// Value may reference earlier variables as $(VAR); $$ escapes.
	Value     string        `json:"value,omitempty" protobuf:"bytes,2,opt,name=value"`
	ValueFrom *EnvVarSource `json:"valueFrom,omitempty" protobuf:"bytes,3,opt,name=valueFrom"`
}

// EnvVarSource is where an environment variable's value comes from;
// exactly one field is set.
type EnvVarSource struct {
	// FieldRef selects a pod field (metadata.name, status.podIP, ...).
	FieldRef *ObjectFieldSelector `json:"fieldRef,omitempty" protobuf:"bytes,1,opt,name=fieldRef"`
	// ResourceFieldRef selects a container's limit or request.
	ResourceFieldRef *ResourceFieldSelector `json:"resourceFieldRef,omitempty" protobuf:"bytes,2,opt,name=resourceFieldRef"`
	ConfigMapKeyRef  *ConfigMapKeySelector  `json:"configMapKeyRef,omitempty" protobuf:"bytes,3,opt,name=configMapKeyRef"`
	SecretKeyRef     *SecretKeySelector     `json:"secretKeyRef,omitempty" protobuf:"bytes,4,opt,name=secretKeyRef"`
	// FileKeyRef reads a key from an env file on a volume.
	FileKeyRef *FileKeySelector `json:"fileKeyRef,omitempty" protobuf:"bytes,5,opt,name=fileKeyRef"`
}

// ObjectFieldSelector selects a field of an object, e.g. metadata.labels['app'].
type ObjectFieldSelector struct {
	// APIVersion defaults to "v1".
	APIVersion string `json:"apiVersion,omitempty" protobuf:"bytes,1,opt,name=apiVersion"`
	FieldPath  string `json:"fieldPath" protobuf:"bytes,2,opt,name=fieldPath"`
}

// ResourceFieldSelector selects a container resource such as limits.cpu.
type ResourceFieldSelector struct {
	// ContainerName is required in volumes, optional in env vars.
	ContainerName string `json:"containerName,omitempty" protobuf:"bytes,1,opt,name=containerName"`
	Resource      string `json:"resource" protobuf:"bytes,2,opt,name=resource"`
	// Divisor scales the value; zero means 1. Kubernetes always writes it,
	// as "0" when unset, so it is not omitted either.
	Divisor resource.Quantity `json:"divisor,omitempty" protobuf:"bytes,3,opt,name=divisor"`
}

// ConfigMapKeySelector selects a key of a ConfigMap in the pod's namespace.
type ConfigMapKeySelector struct {
	LocalObjectReference `json:",inline" protobuf:"bytes,1,opt,name=localObjectReference"`
	Key                  string `json:"key" protobuf:"bytes,2,opt,name=key"`
	// Optional true tolerates a missing ConfigMap or key.
	Optional *bool `json:"optional,omitempty" protobuf:"varint,3,opt,name=optional"`
}

// SecretKeySelector selects a key of a Secret in the pod's namespace.
type SecretKeySelector struct {
	LocalObjectReference `json:",inline" protobuf:"bytes,1,opt,name=localObjectReference"`
	Key                  string `json:"key" protobuf:"bytes,2,opt,name=key"`
	// Optional true tolerates a missing Secret or key.
	Optional *bool `json:"optional,omitempty" protobuf:"varint,3,opt,name=optional"`
}

// FileKeySelector selects a key of an env file on a volume.
type FileKeySelector struct {
	VolumeName string `json:"volumeName" protobuf:"bytes,1,opt,name=volumeName"`
	// Path is relative to the volume and may not contain "..".
	Path     string `json:"path" protobuf:"bytes,2,opt,name=path"`
	Key      string `json:"key" protobuf:"bytes,3,opt,name=key"`
	Optional *bool  `json:"optional,omitempty" protobuf:"varint,4,opt,name=optional"`
}

// EnvFromSource imports all keys of a ConfigMap or Secret; exactly one is set.
type EnvFromSource struct {
	// Prefix is prepended to each key.
	Prefix       string              `json:"prefix,omitempty" protobuf:"bytes,1,opt,name=prefix"`
	ConfigMapRef *ConfigMapEnvSource `json:"configMapRef,omitempty" protobuf:"bytes,2,opt,name=configMapRef"`
	SecretRef    *SecretEnvSource    `json:"secretRef,omitempty" protobuf:"bytes,3,opt,name=secretRef"`
}

// ConfigMapEnvSource names a ConfigMap whose keys become environment variables.
type ConfigMapEnvSource struct {
	LocalObjectReference `json:",inline" protobuf:"bytes,1,opt,name=localObjectReference"`
	Optional             *bool `json:"optional,omitempty" protobuf:"varint,2,opt,name=optional"`
}

// SecretEnvSource names a Secret whose keys become environment variables.
type SecretEnvSource struct {
	LocalObjectReference `json:",inline" protobuf:"bytes,1,opt,name=localObjectReference"`
	Optional             *bool `json:"optional,omitempty" protobuf:"varint,2,opt,name=optional"`
}

// ResourceRequirements are compute requests and limits. Requests default to
// Limits when only Limits are given, and may not exceed them.
type ResourceRequirements struct {
	Limits   ResourceList `json:"limits,omitempty" protobuf:"bytes,1,rep,name=limits"`
	Requests ResourceList `json:"requests,omitempty" protobuf:"bytes,2,rep,name=requests"`
	// Claims name entries of spec.resourceClaims this container uses.
	Claims []ContainerResourceClaim `json:"claims,omitempty" protobuf:"bytes,3,opt,name=claims"`
}

// ContainerResourceClaim names an entry of the pod's spec.resourceClaims
// that a container uses. Kubernetes calls this type ResourceClaim; orca
// renames it so that the resource.k8s.io ResourceClaim kind keeps its name.
type ContainerResourceClaim struct {
	Name string `json:"name" protobuf:"bytes,1,opt,name=name"`
	// Request, if set, limits the container to one request of the claim.
	Request string `json:"request,omitempty" protobuf:"bytes,2,opt,name=request"`
}

// ContainerResizePolicy says how a container reacts to resizing one resource.
type ContainerResizePolicy struct {
	ResourceName  ResourceName                `json:"resourceName" protobuf:"bytes,1,opt,name=resourceName"`
	RestartPolicy ResourceResizeRestartPolicy `json:"restartPolicy" protobuf:"bytes,2,opt,name=restartPolicy"`
}

// ResourceResizeRestartPolicy says whether a resize restarts the container.
type ResourceResizeRestartPolicy string

const (
	NotRequired      ResourceResizeRestartPolicy = "NotRequired"
	RestartContainer ResourceResizeRestartPolicy = "RestartContainer"
)

// VolumeMount mounts a pod volume into a container.
type VolumeMount struct {
	// Name matches a Volume.
	Name     string `json:"name" protobuf:"bytes,1,opt,name=name"`
	ReadOnly bool   `json:"readOnly,omitempty" protobuf:"varint,2,opt,name=readOnly"`
	// RecursiveReadOnly applies ReadOnly to submounts; only valid with ReadOnly.
	RecursiveReadOnly *RecursiveReadOnlyMode `json:"recursiveReadOnly,omitempty" protobuf:"bytes,7,opt,name=recursiveReadOnly"`
	MountPath         string                 `json:"mountPath" protobuf:"bytes,3,opt,name=mountPath"`
	// SubPath mounts a path inside the volume instead of its root.
	SubPath string `json:"subPath,omitempty" protobuf:"bytes,4,opt,name=subPath"`
	// MountPropagation defaults to None.
	MountPropagation *MountPropagationMode `json:"mountPropagation,omitempty" protobuf:"bytes,5,opt,name=mountPropagation"`
	// SubPathExpr is SubPath with $(VAR) expansion; exclusive with SubPath.
	SubPathExpr string `json:"subPathExpr,omitempty" protobuf:"bytes,6,opt,name=subPathExpr"`
}

// MountPropagationMode says how mounts propagate between host and container.
type MountPropagationMode string

const (
	MountPropagationNone            MountPropagationMode = "None"
	MountPropagationHostToContainer MountPropagationMode = "HostToContainer"
	MountPropagationBidirectional   MountPropagationMode = "Bidirectional"
)

// RecursiveReadOnlyMode says whether a read-only mount is recursively read-only.
type RecursiveReadOnlyMode string

const (
	RecursiveReadOnlyDisabled   RecursiveReadOnlyMode = "Disabled"
	RecursiveReadOnlyIfPossible RecursiveReadOnlyMode = "IfPossible"
	RecursiveReadOnlyEnabled    RecursiveReadOnlyMode = "Enabled"
)

// VolumeDevice maps a raw block volume into a container.
type VolumeDevice struct {
	// Name matches a persistentVolumeClaim volume of the pod.
	Name       string `json:"name" protobuf:"bytes,1,opt,name=name"`
	DevicePath string `json:"devicePath" protobuf:"bytes,2,opt,name=devicePath"`
}

// TerminationMessagePolicy says where a container's termination message comes from.
type TerminationMessagePolicy string

const (
	// TerminationMessageReadFile reads terminationMessagePath.
	TerminationMessageReadFile TerminationMessagePolicy = "File"
	// TerminationMessageFallbackToLogsOnError uses the log tail when the file
	// is empty and the container failed.
	TerminationMessageFallbackToLogsOnError TerminationMessagePolicy = "FallbackToLogsOnError"
)

// PullPolicy says when an image is pulled.
type PullPolicy string

const (
	PullAlways       PullPolicy = "Always"
	PullNever        PullPolicy = "Never"
	PullIfNotPresent PullPolicy = "IfNotPresent"
)

// ---- Probes and lifecycle hooks ----

// Probe is a periodic health check of a container.
type Probe struct {
	ProbeHandler `json:",inline" protobuf:"bytes,1,opt,name=handler"`
	// InitialDelaySeconds waits after start before the first probe.
	InitialDelaySeconds int32 `json:"initialDelaySeconds,omitempty" protobuf:"varint,2,opt,name=initialDelaySeconds"`
	// TimeoutSeconds defaults to 1.
	TimeoutSeconds int32 `json:"timeoutSeconds,omitempty" protobuf:"varint,3,opt,name=timeoutSeconds"`
	// PeriodSeconds defaults to 10.
	PeriodSeconds int32 `json:"periodSeconds,omitempty" protobuf:"varint,4,opt,name=periodSeconds"`
	// SuccessThreshold defaults to 1 and must be 1 for liveness and startup.
	SuccessThreshold int32 `json:"successThreshold,omitempty" protobuf:"varint,5,opt,name=successThreshold"`
	// FailureThreshold defaults to 3.
	FailureThreshold int32 `json:"failureThreshold,omitempty" protobuf:"varint,6,opt,name=failureThreshold"`
	// TerminationGracePeriodSeconds overrides the pod's on probe failure.
	TerminationGracePeriodSeconds *int64 `json:"terminationGracePeriodSeconds,omitempty" protobuf:"varint,7,opt,name=terminationGracePeriodSeconds"`
}

// ProbeHandler is the action of a probe; exactly one field is set.
type ProbeHandler struct {
	Exec      *ExecAction      `json:"exec,omitempty" protobuf:"bytes,1,opt,name=exec"`
	HTTPGet   *HTTPGetAction   `json:"httpGet,omitempty" protobuf:"bytes,2,opt,name=httpGet"`
	TCPSocket *TCPSocketAction `json:"tcpSocket,omitempty" protobuf:"bytes,3,opt,name=tcpSocket"`
	GRPC      *GRPCAction      `json:"grpc,omitempty" protobuf:"bytes,4,opt,name=grpc"`
}

// LifecycleHandler is the action of a lifecycle hook; exactly one field is set.
type LifecycleHandler struct {
	Exec    *ExecAction    `json:"exec,omitempty" protobuf:"bytes,1,opt,name=exec"`
	HTTPGet *HTTPGetAction `json:"httpGet,omitempty" protobuf:"bytes,2,opt,name=httpGet"`
	// TCPSocket is accepted for compatibility but never succeeds as a hook.
	//
	// Deprecated: not supported as a lifecycle handler.
	TCPSocket *TCPSocketAction `json:"tcpSocket,omitempty" protobuf:"bytes,3,opt,name=tcpSocket"`
	Sleep     *SleepAction     `json:"sleep,omitempty" protobuf:"bytes,4,opt,name=sleep"`
}

// Lifecycle holds a container's hooks. Container management blocks until a
// hook completes or fails.
type Lifecycle struct {
	// PostStart runs right after the container is created; failure kills it.
	PostStart *LifecycleHandler `json:"postStart,omitempty" protobuf:"bytes,1,opt,name=postStart"`
	// PreStop runs before an API-initiated stop, inside the grace period.
	PreStop *LifecycleHandler `json:"preStop,omitempty" protobuf:"bytes,2,opt,name=preStop"`
	// StopSignal replaces the runtime's default stop signal; needs spec.os.
	StopSignal *Signal `json:"stopSignal,omitempty" protobuf:"bytes,3,opt,name=stopSignal"`
}

// ExecAction runs a command (not through a shell); exit 0 is success.
type ExecAction struct {
	Command []string `json:"command,omitempty" protobuf:"bytes,1,rep,name=command"`
}

// HTTPGetAction performs a GET; a status in [200,400) is success.
type HTTPGetAction struct {
	Path string `json:"path,omitempty" protobuf:"bytes,1,opt,name=path"`
	// Port is a number or a named container port.
	Port IntOrString `json:"port" protobuf:"bytes,2,opt,name=port"`
	// Host defaults to the pod IP.
	Host string `json:"host,omitempty" protobuf:"bytes,3,opt,name=host"`
	// Scheme defaults to HTTP.
	Scheme      URIScheme    `json:"scheme,omitempty" protobuf:"bytes,4,opt,name=scheme"`
	HTTPHeaders []HTTPHeader `json:"httpHeaders,omitempty" protobuf:"bytes,5,rep,name=httpHeaders"`
}

// HTTPHeader is a header sent by an HTTP probe.
type HTTPHeader struct {
	Name  string `json:"name" protobuf:"bytes,1,opt,name=name"`
	Value string `json:"value" protobuf:"bytes,2,opt,name=value"`
}

// URIScheme is HTTP or HTTPS.
type URIScheme string

const (
	URISchemeHTTP  URIScheme = "HTTP"
	URISchemeHTTPS URIScheme = "HTTPS"
)

// TCPSocketAction succeeds if a TCP connection opens.
type TCPSocketAction struct {
	Port IntOrString `json:"port" protobuf:"bytes,1,opt,name=port"`
	Host string      `json:"host,omitempty" protobuf:"bytes,2,opt,name=host"`
}

// GRPCAction calls the gRPC health service; SERVING is success.
type GRPCAction struct {
	Port int32 `json:"port" protobuf:"bytes,1,opt,name=port"`
	// Service is the name sent in the HealthCheckRequest; nil means "".
	// Kubernetes tags it without omitempty, so nil encodes as null.
	Service *string `json:"service" protobuf:"bytes,2,opt,name=service"`
}

// SleepAction sleeps for Seconds.
type SleepAction struct {
	Seconds int64 `json:"seconds" protobuf:"bytes,1,opt,name=seconds"`
}

// Signal is a POSIX signal name used as a container stop signal.
type Signal string

const (
	SIGABRT         Signal = "SIGABRT"
	SIGALRM         Signal = "SIGALRM"
	SIGBUS          Signal = "SIGBUS"
	SIGCHLD         Signal = "SIGCHLD"
	SIGCLD          Signal = "SIGCLD"
	SIGCONT         Signal = "SIGCONT"
	SIGFPE          Signal = "SIGFPE"
	SIGHUP          Signal = "SIGHUP"
	SIGILL          Signal = "SIGILL"
	SIGINT          Signal = "SIGINT"
	SIGIO           Signal = "SIGIO"
	SIGIOT          Signal = "SIGIOT"
	SIGKILL         Signal = "SIGKILL"
	SIGPIPE         Signal = "SIGPIPE"
	SIGPOLL         Signal = "SIGPOLL"
	SIGPROF         Signal = "SIGPROF"
	SIGPWR          Signal = "SIGPWR"
	SIGQUIT         Signal = "SIGQUIT"
	SIGSEGV         Signal = "SIGSEGV"
	SIGSTKFLT       Signal = "SIGSTKFLT"
	SIGSTOP         Signal = "SIGSTOP"
	SIGSYS          Signal = "SIGSYS"
	SIGTERM         Signal = "SIGTERM"
	SIGTRAP         Signal = "SIGTRAP"
	SIGTSTP         Signal = "SIGTSTP"
	SIGTTIN         Signal = "SIGTTIN"
	SIGTTOU         Signal = "SIGTTOU"
	SIGURG          Signal = "SIGURG"
	SIGUSR1         Signal = "SIGUSR1"
	SIGUSR2         Signal = "SIGUSR2"
	SIGVTALRM       Signal = "SIGVTALRM"
	SIGWINCH        Signal = "SIGWINCH"
	SIGXCPU         Signal = "SIGXCPU"
	SIGXFSZ         Signal = "SIGXFSZ"
	SIGRTMIN        Signal = "SIGRTMIN"
	SIGRTMINPLUS1   Signal = "SIGRTMIN+1"
	SIGRTMINPLUS2   Signal = "SIGRTMIN+2"
	SIGRTMINPLUS3   Signal = "SIGRTMIN+3"
	SIGRTMINPLUS4   Signal = "SIGRTMIN+4"
	SIGRTMINPLUS5   Signal = "SIGRTMIN+5"
	SIGRTMINPLUS6   Signal = "SIGRTMIN+6"
	SIGRTMINPLUS7   Signal = "SIGRTMIN+7"
	SIGRTMINPLUS8   Signal = "SIGRTMIN+8"
	SIGRTMINPLUS9   Signal = "SIGRTMIN+9"
	SIGRTMINPLUS10  Signal = "SIGRTMIN+10"
	SIGRTMINPLUS11  Signal = "SIGRTMIN+11"
	SIGRTMINPLUS12  Signal = "SIGRTMIN+12"
	SIGRTMINPLUS13  Signal = "SIGRTMIN+13"
	SIGRTMINPLUS14  Signal = "SIGRTMIN+14"
	SIGRTMINPLUS15  Signal = "SIGRTMIN+15"
	SIGRTMAXMINUS14 Signal = "SIGRTMAX-14"
	SIGRTMAXMINUS13 Signal = "SIGRTMAX-13"
	SIGRTMAXMINUS12 Signal = "SIGRTMAX-12"
	SIGRTMAXMINUS11 Signal = "SIGRTMAX-11"
	SIGRTMAXMINUS10 Signal = "SIGRTMAX-10"
	SIGRTMAXMINUS9  Signal = "SIGRTMAX-9"
	SIGRTMAXMINUS8  Signal = "SIGRTMAX-8"
	SIGRTMAXMINUS7  Signal = "SIGRTMAX-7"
	SIGRTMAXMINUS6  Signal = "SIGRTMAX-6"
	SIGRTMAXMINUS5  Signal = "SIGRTMAX-5"
	SIGRTMAXMINUS4  Signal = "SIGRTMAX-4"
	SIGRTMAXMINUS3  Signal = "SIGRTMAX-3"
	SIGRTMAXMINUS2  Signal = "SIGRTMAX-2"
	SIGRTMAXMINUS1  Signal = "SIGRTMAX-1"
	SIGRTMAX        Signal = "SIGRTMAX"
)

// ---- Security ----

// PodSecurityContext holds pod-level security settings. Fields that also
// exist in SecurityContext are overridden by the container's value.
type PodSecurityContext struct {
	SELinuxOptions *SELinuxOptions                `json:"seLinuxOptions,omitempty" protobuf:"bytes,1,opt,name=seLinuxOptions"`
	WindowsOptions *WindowsSecurityContextOptions `json:"windowsOptions,omitempty" protobuf:"bytes,8,opt,name=windowsOptions"`
	// RunAsUser defaults to the image's user.
	RunAsUser  *int64 `json:"runAsUser,omitempty" protobuf:"varint,2,opt,name=runAsUser"`
	RunAsGroup *int64 `json:"runAsGroup,omitempty" protobuf:"varint,6,opt,name=runAsGroup"`
	// RunAsNonRoot true makes the node refuse to start a container as UID 0.
	RunAsNonRoot *bool `json:"runAsNonRoot,omitempty" protobuf:"varint,3,opt,name=runAsNonRoot"`
	// SupplementalGroups are added to each container's first process.
	SupplementalGroups []int64 `json:"supplementalGroups,omitempty" protobuf:"varint,4,rep,name=supplementalGroups"`
	// SupplementalGroupsPolicy defaults to Merge.
	SupplementalGroupsPolicy *SupplementalGroupsPolicy `json:"supplementalGroupsPolicy,omitempty" protobuf:"bytes,12,opt,name=supplementalGroupsPolicy"`
	// FSGroup owns supporting volumes and is added to every container.
	FSGroup *int64   `json:"fsGroup,omitempty" protobuf:"varint,5,opt,name=fsGroup"`
	Sysctls []Sysctl `json:"sysctls,omitempty" protobuf:"bytes,7,rep,name=sysctls"`
	// FSGroupChangePolicy defaults to Always.
	FSGroupChangePolicy *PodFSGroupChangePolicy `json:"fsGroupChangePolicy,omitempty" protobuf:"bytes,9,opt,name=fsGroupChangePolicy"`
	SeccompProfile      *SeccompProfile         `json:"seccompProfile,omitempty" protobuf:"bytes,10,opt,name=seccompProfile"`
	AppArmorProfile     *AppArmorProfile        `json:"appArmorProfile,omitempty" protobuf:"bytes,11,opt,name=appArmorProfile"`
	// SELinuxChangePolicy says how the SELinux label reaches volumes.
	SELinuxChangePolicy *PodSELinuxChangePolicy `json:"seLinuxChangePolicy,omitempty" protobuf:"bytes,13,opt,name=seLinuxChangePolicy"`
}

// PodFSGroupChangePolicy says when volume ownership is changed to fsGroup.
type PodFSGroupChangePolicy string

const (
	FSGroupChangeOnRootMismatch PodFSGroupChangePolicy = "OnRootMismatch"
	FSGroupChangeAlways         PodFSGroupChangePolicy = "Always"
)

// SupplementalGroupsPolicy says whether image groups are merged in.
type SupplementalGroupsPolicy string

const (
	SupplementalGroupsPolicyMerge  SupplementalGroupsPolicy = "Merge"
	SupplementalGroupsPolicyStrict SupplementalGroupsPolicy = "Strict"
)

// PodSELinuxChangePolicy says how volumes get the pod's SELinux label.
type PodSELinuxChangePolicy string

const (
	SELinuxChangePolicyRecursive   PodSELinuxChangePolicy = "Recursive"
	SELinuxChangePolicyMountOption PodSELinuxChangePolicy = "MountOption"
)

// SecurityContext holds a container's security settings; they take
// precedence over the pod's.
type SecurityContext struct {
	Capabilities *Capabilities `json:"capabilities,omitempty" protobuf:"bytes,1,opt,name=capabilities"`
	// Privileged gives the container essentially root on the host.
	Privileged     *bool                          `json:"privileged,omitempty" protobuf:"varint,2,opt,name=privileged"`
	SELinuxOptions *SELinuxOptions                `json:"seLinuxOptions,omitempty" protobuf:"bytes,3,opt,name=seLinuxOptions"`
	WindowsOptions *WindowsSecurityContextOptions `json:"windowsOptions,omitempty" protobuf:"bytes,10,opt,name=windowsOptions"`
	RunAsUser      *int64                         `json:"runAsUser,omitempty" protobuf:"varint,4,opt,name=runAsUser"`
	RunAsGroup     *int64                         `json:"runAsGroup,omitempty" protobuf:"varint,8,opt,name=runAsGroup"`
	RunAsNonRoot   *bool                          `json:"runAsNonRoot,omitempty" protobuf:"varint,5,opt,name=runAsNonRoot"`
	// ReadOnlyRootFilesystem mounts the image read-only.
	ReadOnlyRootFilesystem *bool `json:"readOnlyRootFilesystem,omitempty" protobuf:"varint,6,opt,name=readOnlyRootFilesystem"`
	// AllowPrivilegeEscalation false sets no_new_privs.
	AllowPrivilegeEscalation *bool `json:"allowPrivilegeEscalation,omitempty" protobuf:"varint,7,opt,name=allowPrivilegeEscalation"`
	// ProcMount defaults to Default (masked /proc paths).
	ProcMount       *ProcMountType   `json:"procMount,omitempty" protobuf:"bytes,9,opt,name=procMount"`
	SeccompProfile  *SeccompProfile  `json:"seccompProfile,omitempty" protobuf:"bytes,11,opt,name=seccompProfile"`
	AppArmorProfile *AppArmorProfile `json:"appArmorProfile,omitempty" protobuf:"bytes,12,opt,name=appArmorProfile"`
}

// Capability is a POSIX capability name such as NET_ADMIN.
type Capability string

// Capabilities are added to and dropped from the runtime's default set.
type Capabilities struct {
	Add  []Capability `json:"add,omitempty" protobuf:"bytes,1,rep,name=add"`
	Drop []Capability `json:"drop,omitempty" protobuf:"bytes,2,rep,name=drop"`
}

// ProcMountType is Default or Unmasked.
type ProcMountType string

const (
	DefaultProcMount  ProcMountType = "Default"
	UnmaskedProcMount ProcMountType = "Unmasked"
)

// SELinuxOptions is an SELinux label.
type SELinuxOptions struct {
	User  string `json:"user,omitempty" protobuf:"bytes,1,opt,name=user"`
	Role  string `json:"role,omitempty" protobuf:"bytes,2,opt,name=role"`
	Type  string `json:"type,omitempty" protobuf:"bytes,3,opt,name=type"`
	Level string `json:"level,omitempty" protobuf:"bytes,4,opt,name=level"`
}

// WindowsSecurityContextOptions are Windows-only settings.
type WindowsSecurityContextOptions struct {
	GMSACredentialSpecName *string `json:"gmsaCredentialSpecName,omitempty" protobuf:"bytes,1,opt,name=gmsaCredentialSpecName"`
	GMSACredentialSpec     *string `json:"gmsaCredentialSpec,omitempty" protobuf:"bytes,2,opt,name=gmsaCredentialSpec"`
	RunAsUserName          *string `json:"runAsUserName,omitempty" protobuf:"bytes,3,opt,name=runAsUserName"`
	// HostProcess must be the same for all containers and needs hostNetwork.
	HostProcess *bool `json:"hostProcess,omitempty" protobuf:"bytes,4,opt,name=hostProcess"`
}

// SeccompProfile selects a seccomp profile.
type SeccompProfile struct {
	Type SeccompProfileType `json:"type" protobuf:"bytes,1,opt,name=type"`
	// LocalhostProfile is set if and only if Type is Localhost.
	LocalhostProfile *string `json:"localhostProfile,omitempty" protobuf:"bytes,2,opt,name=localhostProfile"`
}

// SeccompProfileType is Unconfined, RuntimeDefault or Localhost.
type SeccompProfileType string

const (
	SeccompProfileTypeUnconfined     SeccompProfileType = "Unconfined"
	SeccompProfileTypeRuntimeDefault SeccompProfileType = "RuntimeDefault"
	SeccompProfileTypeLocalhost      SeccompProfileType = "Localhost"
)

// AppArmorProfile selects an AppArmor profile.
type AppArmorProfile struct {
	Type AppArmorProfileType `json:"type" protobuf:"bytes,1,opt,name=type"`
	// LocalhostProfile is set if and only if Type is Localhost.
	LocalhostProfile *string `json:"localhostProfile,omitempty" protobuf:"bytes,2,opt,name=localhostProfile"`
}

// AppArmorProfileType is Unconfined, RuntimeDefault or Localhost.
type AppArmorProfileType string

const (
	AppArmorProfileTypeUnconfined     AppArmorProfileType = "Unconfined"
	AppArmorProfileTypeRuntimeDefault AppArmorProfileType = "RuntimeDefault"
	AppArmorProfileTypeLocalhost      AppArmorProfileType = "Localhost"
)

// Sysctl is a namespaced kernel parameter.
type Sysctl struct {
	Name  string `json:"name" protobuf:"bytes,1,opt,name=name"`
	Value string `json:"value" protobuf:"bytes,2,opt,name=value"`
}

// ---- Scheduling ----

// Affinity groups the pod's affinity rules.
type Affinity struct {
	NodeAffinity    *NodeAffinity    `json:"nodeAffinity,omitempty" protobuf:"bytes,1,opt,name=nodeAffinity"`
	PodAffinity     *PodAffinity     `json:"podAffinity,omitempty" protobuf:"bytes,2,opt,name=podAffinity"`
	PodAntiAffinity *PodAntiAffinity `json:"podAntiAffinity,omitempty" protobuf:"bytes,3,opt,name=podAntiAffinity"`
}

// NodeAffinity constrains the nodes a pod may run on by node labels and fields.
type NodeAffinity struct {
	// RequiredDuringSchedulingIgnoredDuringExecution must hold at scheduling time.
	RequiredDuringSchedulingIgnoredDuringExecution *NodeSelector `json:"requiredDuringSchedulingIgnoredDuringExecution,omitempty" protobuf:"bytes,1,opt,name=requiredDuringSchedulingIgnoredDuringExecution"`
	// PreferredDuringSchedulingIgnoredDuringExecution adds weight to nodes that match.
	PreferredDuringSchedulingIgnoredDuringExecution []PreferredSchedulingTerm `json:"preferredDuringSchedulingIgnoredDuringExecution,omitempty" protobuf:"bytes,2,rep,name=preferredDuringSchedulingIgnoredDuringExecution"`
}

// NodeSelector is the OR of its terms. A nil selector matches everything
// where it is optional; an empty term list matches nothing.
type NodeSelector struct {
	NodeSelectorTerms []NodeSelectorTerm `json:"nodeSelectorTerms" protobuf:"bytes,1,rep,name=nodeSelectorTerms"`
}

// NodeSelectorTerm is the AND of its requirements; an empty term matches nothing.
type NodeSelectorTerm struct {
	// MatchExpressions test node labels.
	MatchExpressions []NodeSelectorRequirement `json:"matchExpressions,omitempty" protobuf:"bytes,1,rep,name=matchExpressions"`
	// MatchFields test node fields (only metadata.name is supported).
	MatchFields []NodeSelectorRequirement `json:"matchFields,omitempty" protobuf:"bytes,2,rep,name=matchFields"`
}

// NodeSelectorRequirement relates a key to values. In and NotIn need
// values; Exists and DoesNotExist need none; Gt and Lt need one integer.
type NodeSelectorRequirement struct {
	Key      string               `json:"key" protobuf:"bytes,1,opt,name=key"`
	Operator NodeSelectorOperator `json:"operator" protobuf:"bytes,2,opt,name=operator"`
	Values   []string             `json:"values,omitempty" protobuf:"bytes,3,rep,name=values"`
}

// NodeSelectorOperator is the operator of a NodeSelectorRequirement.
type NodeSelectorOperator string

const (
	NodeSelectorOpIn           NodeSelectorOperator = "In"
	NodeSelectorOpNotIn        NodeSelectorOperator = "NotIn"
	NodeSelectorOpExists       NodeSelectorOperator = "Exists"
	NodeSelectorOpDoesNotExist NodeSelectorOperator = "DoesNotExist"
	NodeSelectorOpGt           NodeSelectorOperator = "Gt"
	NodeSelectorOpLt           NodeSelectorOperator = "Lt"
)

// PreferredSchedulingTerm weights (1-100) a node selector term.
type PreferredSchedulingTerm struct {
	Weight     int32            `json:"weight" protobuf:"varint,1,opt,name=weight"`
	Preference NodeSelectorTerm `json:"preference" protobuf:"bytes,2,opt,name=preference"`
}

// TopologySelectorTerm is the AND of label requirements over topology
// values; used by StorageClass allowedTopologies.
type TopologySelectorTerm struct {
	MatchLabelExpressions []TopologySelectorLabelRequirement `json:"matchLabelExpressions,omitempty" protobuf:"bytes,1,rep,name=matchLabelExpressions"`
}

// TopologySelectorLabelRequirement matches a label against any of Values.
type TopologySelectorLabelRequirement struct {
	Key    string   `json:"key" protobuf:"bytes,1,opt,name=key"`
	Values []string `json:"values" protobuf:"bytes,2,rep,name=values"`
}

// PodAffinity co-locates the pod with matching pods.
type PodAffinity struct {
	RequiredDuringSchedulingIgnoredDuringExecution  []PodAffinityTerm         `json:"requiredDuringSchedulingIgnoredDuringExecution,omitempty" protobuf:"bytes,1,rep,name=requiredDuringSchedulingIgnoredDuringExecution"`
	PreferredDuringSchedulingIgnoredDuringExecution []WeightedPodAffinityTerm `json:"preferredDuringSchedulingIgnoredDuringExecution,omitempty" protobuf:"bytes,2,rep,name=preferredDuringSchedulingIgnoredDuringExecution"`
}

// PodAntiAffinity keeps the pod away from matching pods.
type PodAntiAffinity struct {
	RequiredDuringSchedulingIgnoredDuringExecution  []PodAffinityTerm         `json:"requiredDuringSchedulingIgnoredDuringExecution,omitempty" protobuf:"bytes,1,rep,name=requiredDuringSchedulingIgnoredDuringExecution"`
	PreferredDuringSchedulingIgnoredDuringExecution []WeightedPodAffinityTerm `json:"preferredDuringSchedulingIgnoredDuringExecution,omitempty" protobuf:"bytes,2,rep,name=preferredDuringSchedulingIgnoredDuringExecution"`
}

// WeightedPodAffinityTerm weights (1-100) a PodAffinityTerm.
type WeightedPodAffinityTerm struct {
	Weight          int32           `json:"weight" protobuf:"varint,1,opt,name=weight"`
	PodAffinityTerm PodAffinityTerm `json:"podAffinityTerm" protobuf:"bytes,2,opt,name=podAffinityTerm"`
}

// PodAffinityTerm selects pods (by LabelSelector, in Namespaces ∪
// NamespaceSelector, default the pod's own namespace) and says that the pod
// should (or should not) share a TopologyKey value with them.
type PodAffinityTerm struct {
	// LabelSelector nil matches no pods.
	LabelSelector *LabelSelector `json:"labelSelector,omitempty" protobuf:"bytes,1,opt,name=labelSelector"`
	Namespaces    []string       `json:"namespaces,omitempty" protobuf:"bytes,2,rep,name=namespaces"`
	// TopologyKey is a node label key; it must not be empty.
	TopologyKey string `json:"topologyKey" protobuf:"bytes,3,opt,name=topologyKey"`
	// NamespaceSelector {} matches all namespaces.
	NamespaceSelector *LabelSelector `json:"namespaceSelector,omitempty" protobuf:"bytes,4,opt,name=namespaceSelector"`
	// MatchLabelKeys add "key in (value of the incoming pod)" to LabelSelector.
	MatchLabelKeys []string `json:"matchLabelKeys,omitempty" protobuf:"bytes,5,opt,name=matchLabelKeys"`
	// MismatchLabelKeys add "key notin (value of the incoming pod)".
	MismatchLabelKeys []string `json:"mismatchLabelKeys,omitempty" protobuf:"bytes,6,opt,name=mismatchLabelKeys"`
}

// Toleration lets a pod tolerate taints that match <key, value, effect>
// under Operator.
type Toleration struct {
	// Key empty matches all keys, and then Operator must be Exists.
	Key string `json:"key,omitempty" protobuf:"bytes,1,opt,name=key"`
	// Operator defaults to Equal; Exists matches any value.
	Operator TolerationOperator `json:"operator,omitempty" protobuf:"bytes,2,opt,name=operator"`
	Value    string             `json:"value,omitempty" protobuf:"bytes,3,opt,name=value"`
	// Effect empty matches all effects.
	Effect TaintEffect `json:"effect,omitempty" protobuf:"bytes,4,opt,name=effect"`
	// TolerationSeconds bounds how long a NoExecute taint is tolerated; nil
	// means forever, zero or negative means evict at once.
	TolerationSeconds *int64 `json:"tolerationSeconds,omitempty" protobuf:"varint,5,opt,name=tolerationSeconds"`
}

// TolerationOperator is Exists or Equal.
type TolerationOperator string

const (
	TolerationOpExists TolerationOperator = "Exists"
	TolerationOpEqual  TolerationOperator = "Equal"
)

// TopologySpreadConstraint spreads matching pods evenly over the domains of
// TopologyKey.
type TopologySpreadConstraint struct {
	// MaxSkew is the largest allowed difference between a domain's count and
	// the global minimum; at least 1.
	MaxSkew     int32  `json:"maxSkew" protobuf:"varint,1,opt,name=maxSkew"`
	TopologyKey string `json:"topologyKey" protobuf:"bytes,2,opt,name=topologyKey"`
	// WhenUnsatisfiable is DoNotSchedule (a filter) or ScheduleAnyway (a score).
	WhenUnsatisfiable UnsatisfiableConstraintAction `json:"whenUnsatisfiable" protobuf:"bytes,3,opt,name=whenUnsatisfiable"`
	LabelSelector     *LabelSelector                `json:"labelSelector,omitempty" protobuf:"bytes,4,opt,name=labelSelector"`
	// MinDomains treats the global minimum as 0 while fewer domains are
	// eligible; nil means 1. Only with DoNotSchedule.
	MinDomains *int32 `json:"minDomains,omitempty" protobuf:"varint,5,opt,name=minDomains"`
	// NodeAffinityPolicy nil means Honor.
	NodeAffinityPolicy *NodeInclusionPolicy `json:"nodeAffinityPolicy,omitempty" protobuf:"bytes,6,opt,name=nodeAffinityPolicy"`
	// NodeTaintsPolicy nil means Ignore.
	NodeTaintsPolicy *NodeInclusionPolicy `json:"nodeTaintsPolicy,omitempty" protobuf:"bytes,7,opt,name=nodeTaintsPolicy"`
	// MatchLabelKeys are ANDed into LabelSelector with the incoming pod's values.
	MatchLabelKeys []string `json:"matchLabelKeys,omitempty" protobuf:"bytes,8,opt,name=matchLabelKeys"`
}

// UnsatisfiableConstraintAction is what to do when a spread constraint cannot be met.
type UnsatisfiableConstraintAction string

const (
	DoNotSchedule  UnsatisfiableConstraintAction = "DoNotSchedule"
	ScheduleAnyway UnsatisfiableConstraintAction = "ScheduleAnyway"
)

// NodeInclusionPolicy says whether nodes excluded by affinity or taints
// count when computing skew.
type NodeInclusionPolicy string

const (
	NodeInclusionPolicyIgnore NodeInclusionPolicy = "Ignore"
	NodeInclusionPolicyHonor  NodeInclusionPolicy = "Honor"
)

// ---- Container status ----

// ContainerStatus is the observed state of one container.
type ContainerStatus struct {
	Name string `json:"name" protobuf:"bytes,1,opt,name=name"`
	// State is the current state; an empty State means Waiting.
	State ContainerState `json:"state,omitempty" protobuf:"bytes,2,opt,name=state"`
	// LastTerminationState is the previous termination, for crash debugging.
	LastTerminationState ContainerState `json:"lastState,omitempty" protobuf:"bytes,3,opt,name=lastState"`
	// Ready reports the readiness probe (or started, without a probe).
	Ready bool `json:"ready" protobuf:"varint,4,opt,name=ready"`
	// RestartCount never decreases except when the node loses its state.
	RestartCount int32 `json:"restartCount" protobuf:"varint,5,opt,name=restartCount"`
	// Image and ImageID are what the runtime resolved.
	Image   string `json:"image" protobuf:"bytes,6,opt,name=image"`
	ImageID string `json:"imageID" protobuf:"bytes,7,opt,name=imageID"`
	// ContainerID is "<runtime>://<id>".
	ContainerID string `json:"containerID,omitempty" protobuf:"bytes,8,opt,name=containerID"`
	// Started reports postStart done and the startup probe passed; nil means false.
	Started *bool `json:"started,omitempty" protobuf:"varint,9,opt,name=started"`
	// AllocatedResources are what the node admitted for the container.
	AllocatedResources ResourceList `json:"allocatedResources,omitempty" protobuf:"bytes,10,rep,name=allocatedResources"`
	// Resources are the requests and limits actually enacted.
	Resources    *ResourceRequirements `json:"resources,omitempty" protobuf:"bytes,11,opt,name=resources"`
	VolumeMounts []VolumeMountStatus   `json:"volumeMounts,omitempty" patchStrategy:"merge" patchMergeKey:"mountPath" protobuf:"bytes,12,rep,name=volumeMounts"`
	// User is the identity of the container's first process.
	User *ContainerUser `json:"user,omitempty" protobuf:"bytes,13,opt,name=user"`
	// AllocatedResourcesStatus reports the health of allocated devices.
	AllocatedResourcesStatus []ResourceStatus `json:"allocatedResourcesStatus,omitempty" patchStrategy:"merge" patchMergeKey:"name" protobuf:"bytes,14,rep,name=allocatedResourcesStatus"`
	// StopSignal is the effective stop signal.
	StopSignal *Signal `json:"stopSignal,omitempty" protobuf:"bytes,15,opt,name=stopSignal"`
}

// ContainerState is one of waiting, running or terminated; at most one is set.
type ContainerState struct {
	Waiting    *ContainerStateWaiting    `json:"waiting,omitempty" protobuf:"bytes,1,opt,name=waiting"`
	Running    *ContainerStateRunning    `json:"running,omitempty" protobuf:"bytes,2,opt,name=running"`
	Terminated *ContainerStateTerminated `json:"terminated,omitempty" protobuf:"bytes,3,opt,name=terminated"`
}

// ContainerStateWaiting is a container not yet running, e.g. "ContainerCreating".
type ContainerStateWaiting struct {
	Reason  string `json:"reason,omitempty" protobuf:"bytes,1,opt,name=reason"`
	Message string `json:"message,omitempty" protobuf:"bytes,2,opt,name=message"`
}

// ContainerStateRunning is a running container.
type ContainerStateRunning struct {
	StartedAt Time `json:"startedAt,omitzero" protobuf:"bytes,1,opt,name=startedAt"`
}

// ContainerStateTerminated is a container that exited.
type ContainerStateTerminated struct {
	ExitCode    int32  `json:"exitCode" protobuf:"varint,1,opt,name=exitCode"`
	Signal      int32  `json:"signal,omitempty" protobuf:"varint,2,opt,name=signal"`
	Reason      string `json:"reason,omitempty" protobuf:"bytes,3,opt,name=reason"`
	Message     string `json:"message,omitempty" protobuf:"bytes,4,opt,name=message"`
	StartedAt   Time   `json:"startedAt,omitzero" protobuf:"bytes,5,opt,name=startedAt"`
	FinishedAt  Time   `json:"finishedAt,omitzero" protobuf:"bytes,6,opt,name=finishedAt"`
	ContainerID string `json:"containerID,omitempty" protobuf:"bytes,7,opt,name=containerID"`
}

// VolumeMountStatus is the observed state of a VolumeMount.
type VolumeMountStatus struct {
	Name      string `json:"name" protobuf:"bytes,1,opt,name=name"`
	MountPath string `json:"mountPath" protobuf:"bytes,2,opt,name=mountPath"`
	ReadOnly  bool   `json:"readOnly,omitempty" protobuf:"varint,3,opt,name=readOnly"`
	// RecursiveReadOnly is Disabled or Enabled (IfPossible is resolved).
	RecursiveReadOnly *RecursiveReadOnlyMode `json:"recursiveReadOnly,omitempty" protobuf:"bytes,4,opt,name=recursiveReadOnly"`
}

// ContainerUser is the identity of a container's first process.
type ContainerUser struct {
	Linux *LinuxContainerUser `json:"linux,omitempty" protobuf:"bytes,1,opt,name=linux"`
}

// LinuxContainerUser is a Linux uid, gid and groups.
type LinuxContainerUser struct {
	UID                int64   `json:"uid" protobuf:"varint,1,name=uid"`
	GID                int64   `json:"gid" protobuf:"varint,2,name=gid"`
	SupplementalGroups []int64 `json:"supplementalGroups,omitempty" protobuf:"varint,3,rep,name=supplementalGroups"`
}

// ResourceStatus is the health of the devices behind one resource.
type ResourceStatus struct {
	// Name is a resource name from the spec, or "claim:<claim>/<request>".
	Name      ResourceName     `json:"name" protobuf:"bytes,1,opt,name=name"`
	Resources []ResourceHealth `json:"resources,omitempty" protobuf:"bytes,2,rep,name=resources"`
}

// ResourceID identifies one device (a device plugin ID, or
// <driver>/<pool>/<device> for DRA).
type ResourceID string

// ResourceHealthStatus is Healthy, Unhealthy or Unknown.
type ResourceHealthStatus string

const (
	ResourceHealthStatusHealthy   ResourceHealthStatus = "Healthy"
	ResourceHealthStatusUnhealthy ResourceHealthStatus = "Unhealthy"
	ResourceHealthStatusUnknown   ResourceHealthStatus = "Unknown"
)

// ResourceHealth is the health of one device.
type ResourceHealth struct {
	ResourceID ResourceID           `json:"resourceID" protobuf:"bytes,1,opt,name=resourceID"`
	Health     ResourceHealthStatus `json:"health,omitempty" protobuf:"bytes,2,name=health"`
	Message    string               `json:"message,omitempty" protobuf:"bytes,6,opt,name=message"`
}

// ---- Volumes ----

// Volume is a named volume that containers of the pod may mount.
type Volume struct {
	// Name is a DNS label unique within the pod.
	Name string `json:"name" protobuf:"bytes,1,opt,name=name"`
	// VolumeSource is where the data lives; exactly one member is set (none
	// means emptyDir, a deprecated default).
	VolumeSource `json:",inline" protobuf:"bytes,2,opt,name=volumeSource"`
}

// VolumeSource is the source of a pod volume; exactly one field is set.
type VolumeSource struct {
	HostPath              *HostPathVolumeSource              `json:"hostPath,omitempty" protobuf:"bytes,1,opt,name=hostPath"`
	EmptyDir              *EmptyDirVolumeSource              `json:"emptyDir,omitempty" protobuf:"bytes,2,opt,name=emptyDir"`
	GCEPersistentDisk     *GCEPersistentDiskVolumeSource     `json:"gcePersistentDisk,omitempty" protobuf:"bytes,3,opt,name=gcePersistentDisk"`
	AWSElasticBlockStore  *AWSElasticBlockStoreVolumeSource  `json:"awsElasticBlockStore,omitempty" protobuf:"bytes,4,opt,name=awsElasticBlockStore"`
	GitRepo               *GitRepoVolumeSource               `json:"gitRepo,omitempty" protobuf:"bytes,5,opt,name=gitRepo"`
	Secret                *SecretVolumeSource                `json:"secret,omitempty" protobuf:"bytes,6,opt,name=secret"`
	NFS                   *NFSVolumeSource                   `json:"nfs,omitempty" protobuf:"bytes,7,opt,name=nfs"`
	ISCSI                 *ISCSIVolumeSource                 `json:"iscsi,omitempty" protobuf:"bytes,8,opt,name=iscsi"`
	Glusterfs             *GlusterfsVolumeSource             `json:"glusterfs,omitempty" protobuf:"bytes,9,opt,name=glusterfs"`
	PersistentVolumeClaim *PersistentVolumeClaimVolumeSource `json:"persistentVolumeClaim,omitempty" protobuf:"bytes,10,opt,name=persistentVolumeClaim"`
	RBD                   *RBDVolumeSource                   `json:"rbd,omitempty" protobuf:"bytes,11,opt,name=rbd"`
	FlexVolume            *FlexVolumeSource                  `json:"flexVolume,omitempty" protobuf:"bytes,12,opt,name=flexVolume"`
	Cinder                *CinderVolumeSource                `json:"cinder,omitempty" protobuf:"bytes,13,opt,name=cinder"`
	CephFS                *CephFSVolumeSource                `json:"cephfs,omitempty" protobuf:"bytes,14,opt,name=cephfs"`
	Flocker               *FlockerVolumeSource               `json:"flocker,omitempty" protobuf:"bytes,15,opt,name=flocker"`
	DownwardAPI           *DownwardAPIVolumeSource           `json:"downwardAPI,omitempty" protobuf:"bytes,16,opt,name=downwardAPI"`
	FC                    *FCVolumeSource                    `json:"fc,omitempty" protobuf:"bytes,17,opt,name=fc"`
	AzureFile             *AzureFileVolumeSource             `json:"azureFile,omitempty" protobuf:"bytes,18,opt,name=azureFile"`
	ConfigMap             *ConfigMapVolumeSource             `json:"configMap,omitempty" protobuf:"bytes,19,opt,name=configMap"`
	VsphereVolume         *VsphereVirtualDiskVolumeSource    `json:"vsphereVolume,omitempty" protobuf:"bytes,20,opt,name=vsphereVolume"`
	Quobyte               *QuobyteVolumeSource               `json:"quobyte,omitempty" protobuf:"bytes,21,opt,name=quobyte"`
	AzureDisk             *AzureDiskVolumeSource             `json:"azureDisk,omitempty" protobuf:"bytes,22,opt,name=azureDisk"`
	PhotonPersistentDisk  *PhotonPersistentDiskVolumeSource  `json:"photonPersistentDisk,omitempty" protobuf:"bytes,23,opt,name=photonPersistentDisk"`
	Projected             *ProjectedVolumeSource             `json:"projected,omitempty" protobuf:"bytes,26,opt,name=projected"`
	PortworxVolume        *PortworxVolumeSource              `json:"portworxVolume,omitempty" protobuf:"bytes,24,opt,name=portworxVolume"`
	ScaleIO               *ScaleIOVolumeSource               `json:"scaleIO,omitempty" protobuf:"bytes,25,opt,name=scaleIO"`
	StorageOS             *StorageOSVolumeSource             `json:"storageos,omitempty" protobuf:"bytes,27,opt,name=storageos"`
	CSI                   *CSIVolumeSource                   `json:"csi,omitempty" protobuf:"bytes,28,opt,name=csi"`
	Ephemeral             *EphemeralVolumeSource             `json:"ephemeral,omitempty" protobuf:"bytes,29,opt,name=ephemeral"`
	Image                 *ImageVolumeSource                 `json:"image,omitempty" protobuf:"bytes,30,opt,name=image"`
}

// HostPathVolumeSource mounts a path of the node.
type HostPathVolumeSource struct {
	Path string `json:"path" protobuf:"bytes,1,opt,name=path"`
	// Type checks (or creates) what is at Path; nil or "" checks nothing.
	Type *HostPathType `json:"type,omitempty" protobuf:"bytes,2,opt,name=type"`
}

// HostPathType says what must exist at a host path.
type HostPathType string

const (
	HostPathUnset             HostPathType = ""
	HostPathDirectoryOrCreate HostPathType = "DirectoryOrCreate"
	HostPathDirectory         HostPathType = "Directory"
	HostPathFileOrCreate      HostPathType = "FileOrCreate"
	HostPathFile              HostPathType = "File"
	HostPathSocket            HostPathType = "Socket"
	HostPathCharDev           HostPathType = "CharDevice"
	HostPathBlockDev          HostPathType = "BlockDevice"
)

// EmptyDirVolumeSource is scratch space that lives as long as the pod.
type EmptyDirVolumeSource struct {
	// Medium "" uses node storage; Memory uses tmpfs.
	Medium StorageMedium `json:"medium,omitempty" protobuf:"bytes,1,opt,name=medium"`
	// SizeLimit caps usage; nil means no limit beyond the node's.
	SizeLimit *resource.Quantity `json:"sizeLimit,omitempty" protobuf:"bytes,2,opt,name=sizeLimit"`
}

// StorageMedium is the backing medium of an emptyDir.
type StorageMedium string

const (
	StorageMediumDefault         StorageMedium = ""
	StorageMediumMemory          StorageMedium = "Memory"
	StorageMediumHugePages       StorageMedium = "HugePages"
	StorageMediumHugePagesPrefix StorageMedium = "HugePages-"
)

// KeyToPath maps a key of a ConfigMap or Secret to a file path.
type KeyToPath struct {
	Key string `json:"key" protobuf:"bytes,1,opt,name=key"`
	// Path is relative and may not contain "..".
	Path string `json:"path" protobuf:"bytes,2,opt,name=path"`
	// Mode defaults to the volume's defaultMode.
	Mode *int32 `json:"mode,omitempty" protobuf:"varint,3,opt,name=mode"`
}

// SecretVolumeSource presents a Secret's keys as files.
type SecretVolumeSource struct {
	SecretName string `json:"secretName,omitempty" protobuf:"bytes,1,opt,name=secretName"`
	// Items, if set, selects and renames keys; unlisted keys are left out.
	Items []KeyToPath `json:"items,omitempty" protobuf:"bytes,2,rep,name=items"`
	// DefaultMode defaults to 0644.
	DefaultMode *int32 `json:"defaultMode,omitempty" protobuf:"bytes,3,opt,name=defaultMode"`
	Optional    *bool  `json:"optional,omitempty" protobuf:"varint,4,opt,name=optional"`
}

// Default file modes of projected volumes.
const (
	SecretVolumeSourceDefaultMode      int32 = 0o644
	ConfigMapVolumeSourceDefaultMode   int32 = 0o644
	DownwardAPIVolumeSourceDefaultMode int32 = 0o644
	ProjectedVolumeSourceDefaultMode   int32 = 0o644
)

// ConfigMapVolumeSource presents a ConfigMap's keys as files.
type ConfigMapVolumeSource struct {
	LocalObjectReference `json:",inline" protobuf:"bytes,1,opt,name=localObjectReference"`
	Items                []KeyToPath `json:"items,omitempty" protobuf:"bytes,2,rep,name=items"`
	// DefaultMode defaults to 0644.
	DefaultMode *int32 `json:"defaultMode,omitempty" protobuf:"varint,3,opt,name=defaultMode"`
	Optional    *bool  `json:"optional,omitempty" protobuf:"varint,4,opt,name=optional"`
}

// DownwardAPIVolumeSource presents pod fields as files.
type DownwardAPIVolumeSource struct {
	Items       []DownwardAPIVolumeFile `json:"items,omitempty" protobuf:"bytes,1,rep,name=items"`
	DefaultMode *int32                  `json:"defaultMode,omitempty" protobuf:"varint,2,opt,name=defaultMode"`
}

// DownwardAPIVolumeFile is one file of a downward API volume; exactly one
// of FieldRef and ResourceFieldRef is set.
type DownwardAPIVolumeFile struct {
	Path             string                 `json:"path" protobuf:"bytes,1,opt,name=path"`
	FieldRef         *ObjectFieldSelector   `json:"fieldRef,omitempty" protobuf:"bytes,2,opt,name=fieldRef"`
	ResourceFieldRef *ResourceFieldSelector `json:"resourceFieldRef,omitempty" protobuf:"bytes,3,opt,name=resourceFieldRef"`
	Mode             *int32                 `json:"mode,omitempty" protobuf:"varint,4,opt,name=mode"`
}

// ProjectedVolumeSource merges several sources into one directory.
type ProjectedVolumeSource struct {
	Sources     []VolumeProjection `json:"sources" protobuf:"bytes,1,rep,name=sources"`
	DefaultMode *int32             `json:"defaultMode,omitempty" protobuf:"varint,2,opt,name=defaultMode"`
}

// VolumeProjection is one source of a projected volume; exactly one field is set.
type VolumeProjection struct {
	Secret              *SecretProjection              `json:"secret,omitempty" protobuf:"bytes,1,opt,name=secret"`
	DownwardAPI         *DownwardAPIProjection         `json:"downwardAPI,omitempty" protobuf:"bytes,2,opt,name=downwardAPI"`
	ConfigMap           *ConfigMapProjection           `json:"configMap,omitempty" protobuf:"bytes,3,opt,name=configMap"`
	ServiceAccountToken *ServiceAccountTokenProjection `json:"serviceAccountToken,omitempty" protobuf:"bytes,4,opt,name=serviceAccountToken"`
	ClusterTrustBundle  *ClusterTrustBundleProjection  `json:"clusterTrustBundle,omitempty" protobuf:"bytes,5,opt,name=clusterTrustBundle"`
	PodCertificate      *PodCertificateProjection      `json:"podCertificate,omitempty" protobuf:"bytes,6,opt,name=podCertificate"`
}

// SecretProjection projects a Secret's keys.
type SecretProjection struct {
	LocalObjectReference `json:",inline" protobuf:"bytes,1,opt,name=localObjectReference"`
	Items                []KeyToPath `json:"items,omitempty" protobuf:"bytes,2,rep,name=items"`
	Optional             *bool       `json:"optional,omitempty" protobuf:"varint,4,opt,name=optional"`
}

// ConfigMapProjection projects a ConfigMap's keys.
type ConfigMapProjection struct {
	LocalObjectReference `json:",inline" protobuf:"bytes,1,opt,name=localObjectReference"`
	Items                []KeyToPath `json:"items,omitempty" protobuf:"bytes,2,rep,name=items"`
	Optional             *bool       `json:"optional,omitempty" protobuf:"varint,4,opt,name=optional"`
}

// DownwardAPIProjection projects pod fields.
type DownwardAPIProjection struct {
	Items []DownwardAPIVolumeFile `json:"items,omitempty" protobuf:"bytes,1,rep,name=items"`
}

// ServiceAccountTokenProjection projects a bound service account token that
// the node agent keeps fresh.
type ServiceAccountTokenProjection struct {
	// Audience defaults to the API server's identifier.
	Audience string `json:"audience,omitempty" protobuf:"bytes,1,rep,name=audience"`
	// ExpirationSeconds defaults to 3600 and must be at least 600.
	ExpirationSeconds *int64 `json:"expirationSeconds,omitempty" protobuf:"varint,2,opt,name=expirationSeconds"`
	Path              string `json:"path" protobuf:"bytes,3,opt,name=path"`
}

// ClusterTrustBundleProjection projects ClusterTrustBundle certificates,
// selected by Name or by SignerName and LabelSelector.
type ClusterTrustBundleProjection struct {
	Name       *string `json:"name,omitempty" protobuf:"bytes,1,rep,name=name"`
	SignerName *string `json:"signerName,omitempty" protobuf:"bytes,2,rep,name=signerName"`
	// LabelSelector nil matches nothing; {} matches everything.
	LabelSelector *LabelSelector `json:"labelSelector,omitempty" protobuf:"bytes,3,rep,name=labelSelector"`
	Optional      *bool          `json:"optional,omitempty" protobuf:"varint,5,opt,name=optional"`
	Path          string         `json:"path" protobuf:"bytes,4,rep,name=path"`
}

// PodCertificateProjection projects a key and a certificate chain issued
// for the pod by a signer.
type PodCertificateProjection struct {
	SignerName string `json:"signerName,omitempty" protobuf:"bytes,1,rep,name=signerName"`
	// KeyType is RSA3072, RSA4096, ECDSAP256, ECDSAP384, ECDSAP521 or ED25519.
	KeyType              string            `json:"keyType,omitempty" protobuf:"bytes,2,rep,name=keyType"`
	MaxExpirationSeconds *int32            `json:"maxExpirationSeconds,omitempty" protobuf:"varint,3,opt,name=maxExpirationSeconds"`
	CredentialBundlePath string            `json:"credentialBundlePath,omitempty" protobuf:"bytes,4,rep,name=credentialBundlePath"`
	KeyPath              string            `json:"keyPath,omitempty" protobuf:"bytes,5,rep,name=keyPath"`
	CertificateChainPath string            `json:"certificateChainPath,omitempty" protobuf:"bytes,6,rep,name=certificateChainPath"`
	UserAnnotations      map[string]string `json:"userAnnotations,omitempty" protobuf:"bytes,7,rep,name=userAnnotations"`
}

// PersistentVolumeClaimVolumeSource mounts the volume bound to a claim in
// the pod's namespace.
type PersistentVolumeClaimVolumeSource struct {
	ClaimName string `json:"claimName" protobuf:"bytes,1,opt,name=claimName"`
	ReadOnly  bool   `json:"readOnly,omitempty" protobuf:"varint,2,opt,name=readOnly"`
}

// CSIVolumeSource is an inline ephemeral volume served by a CSI driver.
type CSIVolumeSource struct {
	Driver   string `json:"driver" protobuf:"bytes,1,opt,name=driver"`
	ReadOnly *bool  `json:"readOnly,omitempty" protobuf:"varint,2,opt,name=readOnly"`
	// FSType nil lets the driver choose.
	FSType               *string               `json:"fsType,omitempty" protobuf:"bytes,3,opt,name=fsType"`
	VolumeAttributes     map[string]string     `json:"volumeAttributes,omitempty" protobuf:"bytes,4,rep,name=volumeAttributes"`
	NodePublishSecretRef *LocalObjectReference `json:"nodePublishSecretRef,omitempty" protobuf:"bytes,5,opt,name=nodePublishSecretRef"`
}

// EphemeralVolumeSource is a volume provisioned through a PVC that lives
// and dies with the pod. The PVC is named <pod>-<volume>.
type EphemeralVolumeSource struct {
	// VolumeClaimTemplate is required.
	VolumeClaimTemplate *PersistentVolumeClaimTemplate `json:"volumeClaimTemplate,omitempty" protobuf:"bytes,1,opt,name=volumeClaimTemplate"`
}

// PersistentVolumeClaimTemplate is the labels, annotations and spec of a
// PVC created for an ephemeral volume.
type PersistentVolumeClaimTemplate struct {
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Spec       PersistentVolumeClaimSpec `json:"spec" protobuf:"bytes,2,name=spec"`
}

// ImageVolumeSource mounts an OCI image or artifact read-only.
type ImageVolumeSource struct {
	Reference string `json:"reference,omitempty" protobuf:"bytes,1,opt,name=reference"`
	// PullPolicy defaults like a container's imagePullPolicy.
	PullPolicy PullPolicy `json:"pullPolicy,omitempty" protobuf:"bytes,2,opt,name=pullPolicy"`
}

// NFSVolumeSource mounts an NFS export.
type NFSVolumeSource struct {
	Server   string `json:"server" protobuf:"bytes,1,opt,name=server"`
	Path     string `json:"path" protobuf:"bytes,2,opt,name=path"`
	ReadOnly bool   `json:"readOnly,omitempty" protobuf:"varint,3,opt,name=readOnly"`
}

// GitRepoVolumeSource clones a git repository.
//
// Deprecated: clone in an init container into an emptyDir instead.
type GitRepoVolumeSource struct {
	Repository string `json:"repository" protobuf:"bytes,1,opt,name=repository"`
	Revision   string `json:"revision,omitempty" protobuf:"bytes,2,opt,name=revision"`
	Directory  string `json:"directory,omitempty" protobuf:"bytes,3,opt,name=directory"`
}

// The in-tree volume plugins below are kept for wire compatibility; orca's
// node agent does not implement them.

// GCEPersistentDiskVolumeSource is a GCE persistent disk.
type GCEPersistentDiskVolumeSource struct {
	PDName    string `json:"pdName" protobuf:"bytes,1,opt,name=pdName"`
	FSType    string `json:"fsType,omitempty" protobuf:"bytes,2,opt,name=fsType"`
	Partition int32  `json:"partition,omitempty" protobuf:"varint,3,opt,name=partition"`
	ReadOnly  bool   `json:"readOnly,omitempty" protobuf:"varint,4,opt,name=readOnly"`
}

// AWSElasticBlockStoreVolumeSource is an AWS EBS volume.
type AWSElasticBlockStoreVolumeSource struct {
	VolumeID  string `json:"volumeID" protobuf:"bytes,1,opt,name=volumeID"`
	FSType    string `json:"fsType,omitempty" protobuf:"bytes,2,opt,name=fsType"`
	Partition int32  `json:"partition,omitempty" protobuf:"varint,3,opt,name=partition"`
	ReadOnly  bool   `json:"readOnly,omitempty" protobuf:"varint,4,opt,name=readOnly"`
}

// ISCSIVolumeSource is an iSCSI disk.
type ISCSIVolumeSource struct {
	TargetPortal      string                `json:"targetPortal" protobuf:"bytes,1,opt,name=targetPortal"`
	IQN               string                `json:"iqn" protobuf:"bytes,2,opt,name=iqn"`
	Lun               int32                 `json:"lun" protobuf:"varint,3,opt,name=lun"`
	ISCSIInterface    string                `json:"iscsiInterface,omitempty" protobuf:"bytes,4,opt,name=iscsiInterface"`
	FSType            string                `json:"fsType,omitempty" protobuf:"bytes,5,opt,name=fsType"`
	ReadOnly          bool                  `json:"readOnly,omitempty" protobuf:"varint,6,opt,name=readOnly"`
	Portals           []string              `json:"portals,omitempty" protobuf:"bytes,7,opt,name=portals"`
	DiscoveryCHAPAuth bool                  `json:"chapAuthDiscovery,omitempty" protobuf:"varint,8,opt,name=chapAuthDiscovery"`
	SessionCHAPAuth   bool                  `json:"chapAuthSession,omitempty" protobuf:"varint,11,opt,name=chapAuthSession"`
	SecretRef         *LocalObjectReference `json:"secretRef,omitempty" protobuf:"bytes,10,opt,name=secretRef"`
	InitiatorName     *string               `json:"initiatorName,omitempty" protobuf:"bytes,12,opt,name=initiatorName"`
}

// GlusterfsVolumeSource is a Glusterfs mount.
type GlusterfsVolumeSource struct {
	EndpointsName string `json:"endpoints" protobuf:"bytes,1,opt,name=endpoints"`
	Path          string `json:"path" protobuf:"bytes,2,opt,name=path"`
	ReadOnly      bool   `json:"readOnly,omitempty" protobuf:"varint,3,opt,name=readOnly"`
}

// RBDVolumeSource is a Ceph RADOS block device.
type RBDVolumeSource struct {
	CephMonitors []string              `json:"monitors" protobuf:"bytes,1,rep,name=monitors"`
	RBDImage     string                `json:"image" protobuf:"bytes,2,opt,name=image"`
	FSType       string                `json:"fsType,omitempty" protobuf:"bytes,3,opt,name=fsType"`
	RBDPool      string                `json:"pool,omitempty" protobuf:"bytes,4,opt,name=pool"`
	RadosUser    string                `json:"user,omitempty" protobuf:"bytes,5,opt,name=user"`
	Keyring      string                `json:"keyring,omitempty" protobuf:"bytes,6,opt,name=keyring"`
	SecretRef    *LocalObjectReference `json:"secretRef,omitempty" protobuf:"bytes,7,opt,name=secretRef"`
	ReadOnly     bool                  `json:"readOnly,omitempty" protobuf:"varint,8,opt,name=readOnly"`
}

// FlexVolumeSource is a volume handled by an exec-based plugin.
type FlexVolumeSource struct {
	Driver    string                `json:"driver" protobuf:"bytes,1,opt,name=driver"`
	FSType    string                `json:"fsType,omitempty" protobuf:"bytes,2,opt,name=fsType"`
	SecretRef *LocalObjectReference `json:"secretRef,omitempty" protobuf:"bytes,3,opt,name=secretRef"`
	ReadOnly  bool                  `json:"readOnly,omitempty" protobuf:"varint,4,opt,name=readOnly"`
	Options   map[string]string     `json:"options,omitempty" protobuf:"bytes,5,rep,name=options"`
}

// CinderVolumeSource is an OpenStack Cinder volume.
type CinderVolumeSource struct {
	VolumeID  string                `json:"volumeID" protobuf:"bytes,1,opt,name=volumeID"`
	FSType    string                `json:"fsType,omitempty" protobuf:"bytes,2,opt,name=fsType"`
	ReadOnly  bool                  `json:"readOnly,omitempty" protobuf:"varint,3,opt,name=readOnly"`
	SecretRef *LocalObjectReference `json:"secretRef,omitempty" protobuf:"bytes,4,opt,name=secretRef"`
}

// CephFSVolumeSource is a CephFS mount.
type CephFSVolumeSource struct {
	Monitors   []string              `json:"monitors" protobuf:"bytes,1,rep,name=monitors"`
	Path       string                `json:"path,omitempty" protobuf:"bytes,2,opt,name=path"`
	User       string                `json:"user,omitempty" protobuf:"bytes,3,opt,name=user"`
	SecretFile string                `json:"secretFile,omitempty" protobuf:"bytes,4,opt,name=secretFile"`
	SecretRef  *LocalObjectReference `json:"secretRef,omitempty" protobuf:"bytes,5,opt,name=secretRef"`
	ReadOnly   bool                  `json:"readOnly,omitempty" protobuf:"varint,6,opt,name=readOnly"`
}

// FlockerVolumeSource is a Flocker dataset.
type FlockerVolumeSource struct {
	DatasetName string `json:"datasetName,omitempty" protobuf:"bytes,1,opt,name=datasetName"`
	DatasetUUID string `json:"datasetUUID,omitempty" protobuf:"bytes,2,opt,name=datasetUUID"`
}

// FCVolumeSource is a Fibre Channel volume.
type FCVolumeSource struct {
	TargetWWNs []string `json:"targetWWNs,omitempty" protobuf:"bytes,1,rep,name=targetWWNs"`
	Lun        *int32   `json:"lun,omitempty" protobuf:"varint,2,opt,name=lun"`
	FSType     string   `json:"fsType,omitempty" protobuf:"bytes,3,opt,name=fsType"`
	ReadOnly   bool     `json:"readOnly,omitempty" protobuf:"varint,4,opt,name=readOnly"`
	WWIDs      []string `json:"wwids,omitempty" protobuf:"bytes,5,rep,name=wwids"`
}

// AzureFileVolumeSource is an Azure File share.
type AzureFileVolumeSource struct {
	SecretName string `json:"secretName" protobuf:"bytes,1,opt,name=secretName"`
	ShareName  string `json:"shareName" protobuf:"bytes,2,opt,name=shareName"`
	ReadOnly   bool   `json:"readOnly,omitempty" protobuf:"varint,3,opt,name=readOnly"`
}

// VsphereVirtualDiskVolumeSource is a vSphere disk.
type VsphereVirtualDiskVolumeSource struct {
	VolumePath        string `json:"volumePath" protobuf:"bytes,1,opt,name=volumePath"`
	FSType            string `json:"fsType,omitempty" protobuf:"bytes,2,opt,name=fsType"`
	StoragePolicyName string `json:"storagePolicyName,omitempty" protobuf:"bytes,3,opt,name=storagePolicyName"`
	StoragePolicyID   string `json:"storagePolicyID,omitempty" protobuf:"bytes,4,opt,name=storagePolicyID"`
}

// QuobyteVolumeSource is a Quobyte mount.
type QuobyteVolumeSource struct {
	Registry string `json:"registry" protobuf:"bytes,1,opt,name=registry"`
	Volume   string `json:"volume" protobuf:"bytes,2,opt,name=volume"`
	ReadOnly bool   `json:"readOnly,omitempty" protobuf:"varint,3,opt,name=readOnly"`
	User     string `json:"user,omitempty" protobuf:"bytes,4,opt,name=user"`
	Group    string `json:"group,omitempty" protobuf:"bytes,5,opt,name=group"`
	Tenant   string `json:"tenant,omitempty" protobuf:"bytes,6,opt,name=tenant"`
}

// AzureDataDiskCachingMode is the host caching mode of an Azure disk.
type AzureDataDiskCachingMode string

// AzureDataDiskKind is the kind of an Azure disk.
type AzureDataDiskKind string

const (
	AzureDataDiskCachingNone      AzureDataDiskCachingMode = "None"
	AzureDataDiskCachingReadOnly  AzureDataDiskCachingMode = "ReadOnly"
	AzureDataDiskCachingReadWrite AzureDataDiskCachingMode = "ReadWrite"

	AzureSharedBlobDisk    AzureDataDiskKind = "Shared"
	AzureDedicatedBlobDisk AzureDataDiskKind = "Dedicated"
	AzureManagedDisk       AzureDataDiskKind = "Managed"
)

// AzureDiskVolumeSource is an Azure data disk.
type AzureDiskVolumeSource struct {
	DiskName    string                    `json:"diskName" protobuf:"bytes,1,opt,name=diskName"`
	DataDiskURI string                    `json:"diskURI" protobuf:"bytes,2,opt,name=diskURI"`
	CachingMode *AzureDataDiskCachingMode `json:"cachingMode,omitempty" protobuf:"bytes,3,opt,name=cachingMode"`
	FSType      *string                   `json:"fsType,omitempty" protobuf:"bytes,4,opt,name=fsType"`
	ReadOnly    *bool                     `json:"readOnly,omitempty" protobuf:"varint,5,opt,name=readOnly"`
	Kind        *AzureDataDiskKind        `json:"kind,omitempty" protobuf:"bytes,6,opt,name=kind"`
}

// PhotonPersistentDiskVolumeSource is a Photon Controller disk.
type PhotonPersistentDiskVolumeSource struct {
	PdID   string `json:"pdID" protobuf:"bytes,1,opt,name=pdID"`
	FSType string `json:"fsType,omitempty" protobuf:"bytes,2,opt,name=fsType"`
}

// PortworxVolumeSource is a Portworx volume.
type PortworxVolumeSource struct {
	VolumeID string `json:"volumeID" protobuf:"bytes,1,opt,name=volumeID"`
	FSType   string `json:"fsType,omitempty" protobuf:"bytes,2,opt,name=fsType"`
	ReadOnly bool   `json:"readOnly,omitempty" protobuf:"varint,3,opt,name=readOnly"`
}

// ScaleIOVolumeSource is a ScaleIO volume.
type ScaleIOVolumeSource struct {
	Gateway          string                `json:"gateway" protobuf:"bytes,1,opt,name=gateway"`
	System           string                `json:"system" protobuf:"bytes,2,opt,name=system"`
	SecretRef        *LocalObjectReference `json:"secretRef" protobuf:"bytes,3,opt,name=secretRef"`
	SSLEnabled       bool                  `json:"sslEnabled,omitempty" protobuf:"varint,4,opt,name=sslEnabled"`
	ProtectionDomain string                `json:"protectionDomain,omitempty" protobuf:"bytes,5,opt,name=protectionDomain"`
	StoragePool      string                `json:"storagePool,omitempty" protobuf:"bytes,6,opt,name=storagePool"`
	StorageMode      string                `json:"storageMode,omitempty" protobuf:"bytes,7,opt,name=storageMode"`
	VolumeName       string                `json:"volumeName,omitempty" protobuf:"bytes,8,opt,name=volumeName"`
	FSType           string                `json:"fsType,omitempty" protobuf:"bytes,9,opt,name=fsType"`
	ReadOnly         bool                  `json:"readOnly,omitempty" protobuf:"varint,10,opt,name=readOnly"`
}

// StorageOSVolumeSource is a StorageOS volume.
type StorageOSVolumeSource struct {
	VolumeName      string                `json:"volumeName,omitempty" protobuf:"bytes,1,opt,name=volumeName"`
	VolumeNamespace string                `json:"volumeNamespace,omitempty" protobuf:"bytes,2,opt,name=volumeNamespace"`
	FSType          string                `json:"fsType,omitempty" protobuf:"bytes,3,opt,name=fsType"`
	ReadOnly        bool                  `json:"readOnly,omitempty" protobuf:"varint,4,opt,name=readOnly"`
	SecretRef       *LocalObjectReference `json:"secretRef,omitempty" protobuf:"bytes,5,opt,name=secretRef"`
}

// ---- Subresource options ----

// PodLogOptions are the query parameters of pods/log.
type PodLogOptions struct {
	TypeMeta `json:",inline"`
	// Container defaults to the only container.
	Container string `json:"container,omitempty" protobuf:"bytes,1,opt,name=container"`
	Follow    bool   `json:"follow,omitempty" protobuf:"varint,2,opt,name=follow"`
	// Previous returns the log of the last terminated instance.
	Previous bool `json:"previous,omitempty" protobuf:"varint,3,opt,name=previous"`
	// SinceSeconds and SinceTime are exclusive.
	SinceSeconds *int64 `json:"sinceSeconds,omitempty" protobuf:"varint,4,opt,name=sinceSeconds"`
	SinceTime    *Time  `json:"sinceTime,omitempty" protobuf:"bytes,5,opt,name=sinceTime"`
	Timestamps   bool   `json:"timestamps,omitempty" protobuf:"varint,6,opt,name=timestamps"`
	TailLines    *int64 `json:"tailLines,omitempty" protobuf:"varint,7,opt,name=tailLines"`
	LimitBytes   *int64 `json:"limitBytes,omitempty" protobuf:"varint,8,opt,name=limitBytes"`
	// InsecureSkipTLSVerifyBackend skips verifying the node's serving certificate.
	InsecureSkipTLSVerifyBackend bool `json:"insecureSkipTLSVerifyBackend,omitempty" protobuf:"varint,9,opt,name=insecureSkipTLSVerifyBackend"`
	// Stream selects All, Stdout or Stderr; nil means All.
	Stream *string `json:"stream,omitempty" protobuf:"varint,10,opt,name=stream"`
}

// Values of PodLogOptions.Stream.
const (
	LogStreamStdout = "Stdout"
	LogStreamStderr = "Stderr"
	LogStreamAll    = "All"
)

// PodAttachOptions are the query parameters of pods/attach.
type PodAttachOptions struct {
	TypeMeta  `json:",inline"`
	Stdin     bool   `json:"stdin,omitempty" protobuf:"varint,1,opt,name=stdin"`
	Stdout    bool   `json:"stdout,omitempty" protobuf:"varint,2,opt,name=stdout"`
	Stderr    bool   `json:"stderr,omitempty" protobuf:"varint,3,opt,name=stderr"`
	TTY       bool   `json:"tty,omitempty" protobuf:"varint,4,opt,name=tty"`
	Container string `json:"container,omitempty" protobuf:"bytes,5,opt,name=container"`
}

// PodExecOptions are the query parameters of pods/exec.
type PodExecOptions struct {
	TypeMeta  `json:",inline"`
	Stdin     bool   `json:"stdin,omitempty" protobuf:"varint,1,opt,name=stdin"`
	Stdout    bool   `json:"stdout,omitempty" protobuf:"varint,2,opt,name=stdout"`
	Stderr    bool   `json:"stderr,omitempty" protobuf:"varint,3,opt,name=stderr"`
	TTY       bool   `json:"tty,omitempty" protobuf:"varint,4,opt,name=tty"`
	Container string `json:"container,omitempty" protobuf:"bytes,5,opt,name=container"`
	// Command is the argv to run, not through a shell.
	Command []string `json:"command" protobuf:"bytes,6,rep,name=command"`
}

// PodPortForwardOptions are the query parameters of pods/portforward over
// WebSockets.
type PodPortForwardOptions struct {
	TypeMeta `json:",inline"`
	Ports    []int32 `json:"ports,omitempty" protobuf:"varint,1,rep,name=ports"`
}

// PodProxyOptions are the query parameters of pods/proxy.
type PodProxyOptions struct {
	TypeMeta `json:",inline"`
	Path     string `json:"path,omitempty" protobuf:"bytes,1,opt,name=path"`
}

// ---- Helpers ----

// GetPodCondition returns the index and a pointer into status.Conditions of
// the condition of type t, or -1 and nil. The pointer aliases status.
func GetPodCondition(status *PodStatus, t PodConditionType) (int, *PodCondition) {
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

// GetPodReadyCondition returns the pod's Ready condition, or nil.
func GetPodReadyCondition(status *PodStatus) *PodCondition {
	_, c := GetPodCondition(status, PodReady)
	return c
}

// IsPodReady reports whether the pod's Ready condition is True.
func IsPodReady(pod *Pod) bool {
	if pod == nil {
		return false
	}
	c := GetPodReadyCondition(&pod.Status)
	return c != nil && c.Status == ConditionTrue
}

// ToleratesTaint reports whether t tolerates taint, with Kubernetes'
// semantics: an empty Effect matches every effect, an empty Key matches
// every key, Exists matches any value, and Equal (or an empty operator)
// needs equal values. Unknown operators tolerate nothing.
func (t *Toleration) ToleratesTaint(taint *Taint) bool {
	if t.Effect != "" && t.Effect != taint.Effect {
		return false
	}
	if t.Key != "" && t.Key != taint.Key {
		return false
	}
	switch t.Operator {
	case "", TolerationOpEqual:
		return t.Value == taint.Value
	case TolerationOpExists:
		return true
	default:
		return false
	}
}

// MatchToleration reports whether t and other are the same toleration,
// ignoring TolerationSeconds.
func (t *Toleration) MatchToleration(other *Toleration) bool {
	return t.Key == other.Key && t.Effect == other.Effect &&
		t.Operator == other.Operator && t.Value == other.Value
}

// TolerationsTolerateTaint reports whether any of tolerations tolerates taint.
func TolerationsTolerateTaint(tolerations []Toleration, taint *Taint) bool {
	for i := range tolerations {
		if tolerations[i].ToleratesTaint(taint) {
			return true
		}
	}
	return false
}
