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
	ObjectMeta `json:"metadata,omitempty"`
	// Spec is the desired behaviour of the pod.
	Spec PodSpec `json:"spec,omitempty"`
	// Status is the most recently observed state; written by the scheduler
	// and the node agent, never by users.
	Status PodStatus `json:"status,omitempty"`
}

// PodList is a list of Pods.
type PodList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`
	Items    []Pod `json:"items"`
}

// PodTemplateSpec is the metadata and spec of pods a controller creates.
type PodTemplateSpec struct {
	ObjectMeta `json:"metadata,omitempty"`
	Spec       PodSpec `json:"spec,omitempty"`
}

// PodSpec is the desired behaviour of a pod. Apart from a few fields
// (activeDeadlineSeconds, tolerations additions, container images,
// schedulingGates removal) it is immutable once the pod is created.
type PodSpec struct {
	// Volumes that containers of the pod may mount, unique by name.
	Volumes []Volume `json:"volumes,omitempty" patchStrategy:"merge,retainKeys" patchMergeKey:"name"`
	// InitContainers run in order, each to completion, before Containers
	// start; those with RestartPolicy Always are sidecars that keep running.
	InitContainers []Container `json:"initContainers,omitempty" patchStrategy:"merge" patchMergeKey:"name"`
	// Containers run concurrently; at least one is required.
	Containers []Container `json:"containers" patchStrategy:"merge" patchMergeKey:"name"`
	// EphemeralContainers are debugging containers added through the
	// ephemeralcontainers subresource; they cannot be set at creation.
	EphemeralContainers []EphemeralContainer `json:"ephemeralContainers,omitempty" patchStrategy:"merge" patchMergeKey:"name"`
	// RestartPolicy applies to all containers; empty means Always.
	RestartPolicy RestartPolicy `json:"restartPolicy,omitempty"`
	// TerminationGracePeriodSeconds is the grace between SIGTERM and SIGKILL;
	// nil means the default (30), 0 means kill immediately.
	TerminationGracePeriodSeconds *int64 `json:"terminationGracePeriodSeconds,omitempty"`
	// ActiveDeadlineSeconds bounds how long the pod may run after StartTime
	// before it is failed; nil means no bound.
	ActiveDeadlineSeconds *int64 `json:"activeDeadlineSeconds,omitempty"`
	// DNSPolicy defaults to ClusterFirst.
	DNSPolicy DNSPolicy `json:"dnsPolicy,omitempty"`
	// NodeSelector must match the labels of the node the pod runs on.
	NodeSelector map[string]string `json:"nodeSelector,omitempty"`
	// ServiceAccountName is the identity the pod runs as.
	ServiceAccountName string `json:"serviceAccountName,omitempty"`
	// DeprecatedServiceAccount is the old alias of ServiceAccountName.
	//
	// Deprecated: use ServiceAccountName.
	DeprecatedServiceAccount string `json:"serviceAccount,omitempty"`
	// AutomountServiceAccountToken overrides the service account's setting.
	AutomountServiceAccountToken *bool `json:"automountServiceAccountToken,omitempty"`
	// NodeName is the node the pod is bound to; empty means not yet
	// scheduled. It is set once, through the binding subresource.
	NodeName string `json:"nodeName,omitempty"`
	// HostNetwork, HostPID and HostIPC share the node's namespaces.
	HostNetwork bool `json:"hostNetwork,omitempty"`
	HostPID     bool `json:"hostPID,omitempty"`
	HostIPC     bool `json:"hostIPC,omitempty"`
	// ShareProcessNamespace puts all containers in one PID namespace.
	ShareProcessNamespace *bool `json:"shareProcessNamespace,omitempty"`
	// SecurityContext holds pod-level security settings; container-level
	// settings take precedence.
	SecurityContext *PodSecurityContext `json:"securityContext,omitempty"`
	// ImagePullSecrets name secrets in the pod's namespace used to pull images.
	ImagePullSecrets []LocalObjectReference `json:"imagePullSecrets,omitempty" patchStrategy:"merge" patchMergeKey:"name"`
	// Hostname defaults to the pod name.
	Hostname string `json:"hostname,omitempty"`
	// Subdomain makes the FQDN <hostname>.<subdomain>.<ns>.svc.<domain>.
	Subdomain string `json:"subdomain,omitempty"`
	// Affinity holds node and inter-pod scheduling constraints.
	Affinity *Affinity `json:"affinity,omitempty"`
	// SchedulerName picks the scheduler; empty means the default scheduler.
	SchedulerName string `json:"schedulerName,omitempty"`
	// Tolerations let the pod schedule onto (and stay on) tainted nodes.
	Tolerations []Toleration `json:"tolerations,omitempty"`
	// HostAliases are added to the pod's /etc/hosts.
	HostAliases []HostAlias `json:"hostAliases,omitempty" patchStrategy:"merge" patchMergeKey:"ip"`
	// PriorityClassName names the PriorityClass that sets Priority.
	PriorityClassName string `json:"priorityClassName,omitempty"`
	// Priority is resolved from PriorityClassName at admission; higher wins.
	Priority *int32 `json:"priority,omitempty"`
	// DNSConfig is merged into the DNS settings DNSPolicy produces.
	DNSConfig *PodDNSConfig `json:"dnsConfig,omitempty"`
	// ReadinessGates are extra conditions that must be True for Ready.
	ReadinessGates []PodReadinessGate `json:"readinessGates,omitempty"`
	// RuntimeClassName selects a node.k8s.io RuntimeClass; nil means the
	// runtime's default handler.
	RuntimeClassName *string `json:"runtimeClassName,omitempty"`
	// EnableServiceLinks injects service environment variables; nil means true.
	EnableServiceLinks *bool `json:"enableServiceLinks,omitempty"`
	// PreemptionPolicy defaults to PreemptLowerPriority.
	PreemptionPolicy *PreemptionPolicy `json:"preemptionPolicy,omitempty"`
	// Overhead is the RuntimeClass's fixed cost, set at admission.
	Overhead ResourceList `json:"overhead,omitempty"`
	// TopologySpreadConstraints are ANDed spreading rules.
	TopologySpreadConstraints []TopologySpreadConstraint `json:"topologySpreadConstraints,omitempty" patchStrategy:"merge" patchMergeKey:"topologyKey"`
	// SetHostnameAsFQDN makes the kernel hostname the pod's FQDN.
	SetHostnameAsFQDN *bool `json:"setHostnameAsFQDN,omitempty"`
	// OS declares the pod's operating system, restricting OS-specific fields.
	OS *PodOS `json:"os,omitempty"`
	// HostUsers false runs the pod in its own user namespace; nil means true.
	HostUsers *bool `json:"hostUsers,omitempty"`
	// SchedulingGates block scheduling while non-empty; they may only be removed.
	SchedulingGates []PodSchedulingGate `json:"schedulingGates,omitempty" patchStrategy:"merge" patchMergeKey:"name"`
	// ResourceClaims name the dynamic resource claims the pod needs.
	ResourceClaims []PodResourceClaim `json:"resourceClaims,omitempty" patchStrategy:"merge,retainKeys" patchMergeKey:"name"`
	// Resources are pod-level requests and limits (cpu, memory, hugepages)
	// shared by all containers; nil means the sum of the containers'.
	Resources *ResourceRequirements `json:"resources,omitempty"`
	// HostnameOverride replaces the hostname the pod sees; it does not
	// change DNS records.
	HostnameOverride *string `json:"hostnameOverride,omitempty"`
}

// PodStatus is the observed state of a pod. It may trail reality,
// especially when the node cannot reach the control plane.
type PodStatus struct {
	// ObservedGeneration is the metadata.generation this status was computed for.
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`
	// Phase is a coarse summary; Conditions and container statuses hold detail.
	Phase PodPhase `json:"phase,omitempty"`
	// Conditions are unique by Type.
	Conditions []PodCondition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type"`
	Message    string         `json:"message,omitempty"`
	// Reason is a CamelCase word such as "Evicted".
	Reason string `json:"reason,omitempty"`
	// NominatedNodeName is where the pod may go once preemption victims leave;
	// it is a hint, not a binding.
	NominatedNodeName string `json:"nominatedNodeName,omitempty"`
	// HostIP is the primary IP of the node; HostIPs[0] equals it when set.
	HostIP  string   `json:"hostIP,omitempty"`
	HostIPs []HostIP `json:"hostIPs,omitempty" patchStrategy:"merge" patchMergeKey:"ip"`
	// PodIP is the primary pod IP; PodIPs[0] equals it, at most one per family.
	PodIP  string  `json:"podIP,omitempty"`
	PodIPs []PodIP `json:"podIPs,omitempty" patchStrategy:"merge" patchMergeKey:"ip"`
	// StartTime is when the node agent acknowledged the pod.
	StartTime *Time `json:"startTime,omitempty"`
	// InitContainerStatuses, ContainerStatuses and EphemeralContainerStatuses
	// hold at most one entry per container of the matching list.
	InitContainerStatuses []ContainerStatus `json:"initContainerStatuses,omitempty"`
	ContainerStatuses     []ContainerStatus `json:"containerStatuses,omitempty"`
	// QOSClass is derived from the containers' requests and limits.
	QOSClass                   PodQOSClass       `json:"qosClass,omitempty"`
	EphemeralContainerStatuses []ContainerStatus `json:"ephemeralContainerStatuses,omitempty"`
	// Resize reports an in-place resize in progress.
	//
	// Deprecated: use the PodResizePending and PodResizeInProgress conditions.
	Resize PodResizeStatus `json:"resize,omitempty"`
	// ResourceClaimStatuses record the claim generated for each template.
	ResourceClaimStatuses []PodResourceClaimStatus `json:"resourceClaimStatuses,omitempty" patchStrategy:"merge,retainKeys" patchMergeKey:"name"`
	// ExtendedResourceClaimStatus records the claim generated for extended
	// resources backed by dynamic resource allocation.
	ExtendedResourceClaimStatus *PodExtendedResourceClaimStatus `json:"extendedResourceClaimStatus,omitempty"`
	// AllocatedResources is the total the node allocated for the pod.
	AllocatedResources ResourceList `json:"allocatedResources,omitempty"`
	// Resources are the pod-level resources actually enacted.
	Resources *ResourceRequirements `json:"resources,omitempty"`
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
	Type PodConditionType `json:"type"`
	// ObservedGeneration is the metadata.generation the condition was set for.
	ObservedGeneration int64           `json:"observedGeneration,omitempty"`
	Status             ConditionStatus `json:"status"`
	// LastProbeTime is when the condition was last checked.
	LastProbeTime Time `json:"lastProbeTime,omitzero"`
	// LastTransitionTime is when Status last changed.
	LastTransitionTime Time   `json:"lastTransitionTime,omitzero"`
	Reason             string `json:"reason,omitempty"`
	Message            string `json:"message,omitempty"`
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
	Action    ContainerRestartRuleAction       `json:"action,omitempty"`
	ExitCodes *ContainerRestartRuleOnExitCodes `json:"exitCodes,omitempty"`
}

// ContainerRestartRuleAction is the action of a ContainerRestartRule.
type ContainerRestartRuleAction string

// ContainerRestartRuleActionRestart restarts the container.
const ContainerRestartRuleActionRestart ContainerRestartRuleAction = "Restart"

// ContainerRestartRuleOnExitCodes matches exit codes In or NotIn Values.
type ContainerRestartRuleOnExitCodes struct {
	Operator ContainerRestartRuleOnExitCodesOperator `json:"operator,omitempty"`
	Values   []int32                                 `json:"values,omitempty"`
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
	IP string `json:"ip"`
}

// HostIP is one IP address of the pod's node.
type HostIP struct {
	IP string `json:"ip"`
}

// HostAlias is an /etc/hosts entry.
type HostAlias struct {
	IP        string   `json:"ip"`
	Hostnames []string `json:"hostnames,omitempty"`
}

// PodDNSConfig adds to the DNS settings DNSPolicy produces.
type PodDNSConfig struct {
	Nameservers []string             `json:"nameservers,omitempty"`
	Searches    []string             `json:"searches,omitempty"`
	Options     []PodDNSConfigOption `json:"options,omitempty"`
}

// PodDNSConfigOption is a resolver option such as ndots:2.
type PodDNSConfigOption struct {
	Name  string  `json:"name,omitempty"`
	Value *string `json:"value,omitempty"`
}

// PodReadinessGate names a condition that must be True for the pod to be Ready.
type PodReadinessGate struct {
	ConditionType PodConditionType `json:"conditionType"`
}

// OSName is an operating system name.
type OSName string

const (
	Linux   OSName = "linux"
	Windows OSName = "windows"
)

// PodOS declares the operating system a pod needs.
type PodOS struct {
	Name OSName `json:"name"`
}

// PodSchedulingGate blocks scheduling until removed.
type PodSchedulingGate struct {
	Name string `json:"name"`
}

// PodResourceClaim names a resource claim for the pod, given directly or
// through a template. Exactly one of the two names is set.
type PodResourceClaim struct {
	// Name is how containers refer to the claim.
	Name                      string  `json:"name"`
	ResourceClaimName         *string `json:"resourceClaimName,omitempty"`
	ResourceClaimTemplateName *string `json:"resourceClaimTemplateName,omitempty"`
}

// PodResourceClaimStatus records the claim generated from a template.
type PodResourceClaimStatus struct {
	Name string `json:"name"`
	// ResourceClaimName is nil when no claim was needed.
	ResourceClaimName *string `json:"resourceClaimName,omitempty"`
}

// PodExtendedResourceClaimStatus records the claim generated for extended
// resources that are backed by dynamic resource allocation.
type PodExtendedResourceClaimStatus struct {
	RequestMappings   []ContainerExtendedResourceRequest `json:"requestMappings"`
	ResourceClaimName string                             `json:"resourceClaimName"`
}

// ContainerExtendedResourceRequest maps a container's extended resource to a
// request of the generated claim.
type ContainerExtendedResourceRequest struct {
	ContainerName string `json:"containerName"`
	ResourceName  string `json:"resourceName"`
	RequestName   string `json:"requestName"`
}

// ---- Containers ----

// Container is one application container of a pod.
type Container struct {
	// Name is a DNS label, unique among all containers of the pod.
	Name string `json:"name"`
	// Image may be empty only in templates that a controller fills in.
	Image string `json:"image,omitempty"`
	// Command replaces the image's ENTRYPOINT; $(VAR) references are expanded.
	Command []string `json:"command,omitempty"`
	// Args replace the image's CMD; $(VAR) references are expanded.
	Args       []string `json:"args,omitempty"`
	WorkingDir string   `json:"workingDir,omitempty"`
	// Ports are informational; unique by (containerPort, protocol).
	Ports []ContainerPort `json:"ports,omitempty" patchStrategy:"merge" patchMergeKey:"containerPort"`
	// EnvFrom are applied before Env; later sources win.
	EnvFrom []EnvFromSource `json:"envFrom,omitempty"`
	Env     []EnvVar        `json:"env,omitempty" patchStrategy:"merge" patchMergeKey:"name"`
	// Resources are the container's requests and limits.
	Resources ResourceRequirements `json:"resources,omitempty"`
	// ResizePolicy says whether resizing a resource restarts the container.
	ResizePolicy []ContainerResizePolicy `json:"resizePolicy,omitempty"`
	// RestartPolicy overrides the pod's; Always on an init container makes a sidecar.
	RestartPolicy *ContainerRestartPolicy `json:"restartPolicy,omitempty"`
	// RestartPolicyRules are checked in order on exit, before RestartPolicy.
	RestartPolicyRules []ContainerRestartRule `json:"restartPolicyRules,omitempty"`
	VolumeMounts       []VolumeMount          `json:"volumeMounts,omitempty" patchStrategy:"merge" patchMergeKey:"mountPath"`
	VolumeDevices      []VolumeDevice         `json:"volumeDevices,omitempty" patchStrategy:"merge" patchMergeKey:"devicePath"`
	// LivenessProbe failures restart the container.
	LivenessProbe *Probe `json:"livenessProbe,omitempty"`
	// ReadinessProbe failures take the pod out of service endpoints.
	ReadinessProbe *Probe `json:"readinessProbe,omitempty"`
	// StartupProbe gates the other probes until it succeeds once.
	StartupProbe *Probe     `json:"startupProbe,omitempty"`
	Lifecycle    *Lifecycle `json:"lifecycle,omitempty"`
	// TerminationMessagePath defaults to /dev/termination-log.
	TerminationMessagePath string `json:"terminationMessagePath,omitempty"`
	// TerminationMessagePolicy defaults to File.
	TerminationMessagePolicy TerminationMessagePolicy `json:"terminationMessagePolicy,omitempty"`
	// ImagePullPolicy defaults to Always for :latest, else IfNotPresent.
	ImagePullPolicy PullPolicy       `json:"imagePullPolicy,omitempty"`
	SecurityContext *SecurityContext `json:"securityContext,omitempty"`
	// Stdin allocates a stdin buffer; StdinOnce closes it after the first
	// attach ends; TTY (which needs Stdin) allocates a terminal.
	Stdin     bool `json:"stdin,omitempty"`
	StdinOnce bool `json:"stdinOnce,omitempty"`
	TTY       bool `json:"tty,omitempty"`
}

// EphemeralContainerCommon holds the Container fields of an
// EphemeralContainer; it must list the same fields as Container, so that a
// conversion between the two is a plain type conversion.
type EphemeralContainerCommon struct {
	Name                     string                   `json:"name"`
	Image                    string                   `json:"image,omitempty"`
	Command                  []string                 `json:"command,omitempty"`
	Args                     []string                 `json:"args,omitempty"`
	WorkingDir               string                   `json:"workingDir,omitempty"`
	Ports                    []ContainerPort          `json:"ports,omitempty" patchStrategy:"merge" patchMergeKey:"containerPort"`
	EnvFrom                  []EnvFromSource          `json:"envFrom,omitempty"`
	Env                      []EnvVar                 `json:"env,omitempty" patchStrategy:"merge" patchMergeKey:"name"`
	Resources                ResourceRequirements     `json:"resources,omitempty"`
	ResizePolicy             []ContainerResizePolicy  `json:"resizePolicy,omitempty"`
	RestartPolicy            *ContainerRestartPolicy  `json:"restartPolicy,omitempty"`
	RestartPolicyRules       []ContainerRestartRule   `json:"restartPolicyRules,omitempty"`
	VolumeMounts             []VolumeMount            `json:"volumeMounts,omitempty" patchStrategy:"merge" patchMergeKey:"mountPath"`
	VolumeDevices            []VolumeDevice           `json:"volumeDevices,omitempty" patchStrategy:"merge" patchMergeKey:"devicePath"`
	LivenessProbe            *Probe                   `json:"livenessProbe,omitempty"`
	ReadinessProbe           *Probe                   `json:"readinessProbe,omitempty"`
	StartupProbe             *Probe                   `json:"startupProbe,omitempty"`
	Lifecycle                *Lifecycle               `json:"lifecycle,omitempty"`
	TerminationMessagePath   string                   `json:"terminationMessagePath,omitempty"`
	TerminationMessagePolicy TerminationMessagePolicy `json:"terminationMessagePolicy,omitempty"`
	ImagePullPolicy          PullPolicy               `json:"imagePullPolicy,omitempty"`
	SecurityContext          *SecurityContext         `json:"securityContext,omitempty"`
	Stdin                    bool                     `json:"stdin,omitempty"`
	StdinOnce                bool                     `json:"stdinOnce,omitempty"`
	TTY                      bool                     `json:"tty,omitempty"`
}

// EphemeralContainerCommon and Container must stay field-for-field identical.
var _ = Container(EphemeralContainerCommon{})

// EphemeralContainer is a debugging container added to a running pod. It
// has no resource guarantees, ports or probes, and is never restarted.
type EphemeralContainer struct {
	EphemeralContainerCommon `json:",inline"`
	// TargetContainerName, if set, is the container whose namespaces it joins.
	TargetContainerName string `json:"targetContainerName,omitempty"`
}

// ContainerPort is a port a container listens on.
type ContainerPort struct {
	// Name is an IANA service name, unique within the pod, that services may target.
	Name string `json:"name,omitempty"`
	// HostPort, if non-zero, is also opened on the node.
	HostPort      int32 `json:"hostPort,omitempty"`
	ContainerPort int32 `json:"containerPort"`
	// Protocol defaults to TCP.
	Protocol Protocol `json:"protocol,omitempty"`
	HostIP   string   `json:"hostIP,omitempty"`
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
	Name string `json:"name"`
	// Value may reference earlier variables as $(VAR); $$ escapes.
	Value     string        `json:"value,omitempty"`
	ValueFrom *EnvVarSource `json:"valueFrom,omitempty"`
}

// EnvVarSource is where an environment variable's value comes from;
// exactly one field is set.
type EnvVarSource struct {
	// FieldRef selects a pod field (metadata.name, status.podIP, ...).
	FieldRef *ObjectFieldSelector `json:"fieldRef,omitempty"`
	// ResourceFieldRef selects a container's limit or request.
	ResourceFieldRef *ResourceFieldSelector `json:"resourceFieldRef,omitempty"`
	ConfigMapKeyRef  *ConfigMapKeySelector  `json:"configMapKeyRef,omitempty"`
	SecretKeyRef     *SecretKeySelector     `json:"secretKeyRef,omitempty"`
	// FileKeyRef reads a key from an env file on a volume.
	FileKeyRef *FileKeySelector `json:"fileKeyRef,omitempty"`
}

// ObjectFieldSelector selects a field of an object, e.g. metadata.labels['app'].
type ObjectFieldSelector struct {
	// APIVersion defaults to "v1".
	APIVersion string `json:"apiVersion,omitempty"`
	FieldPath  string `json:"fieldPath"`
}

// ResourceFieldSelector selects a container resource such as limits.cpu.
type ResourceFieldSelector struct {
	// ContainerName is required in volumes, optional in env vars.
	ContainerName string `json:"containerName,omitempty"`
	Resource      string `json:"resource"`
	// Divisor scales the value; zero means 1. Kubernetes always writes it,
	// as "0" when unset, so it is not omitted either.
	Divisor resource.Quantity `json:"divisor,omitempty"`
}

// ConfigMapKeySelector selects a key of a ConfigMap in the pod's namespace.
type ConfigMapKeySelector struct {
	LocalObjectReference `json:",inline"`
	Key                  string `json:"key"`
	// Optional true tolerates a missing ConfigMap or key.
	Optional *bool `json:"optional,omitempty"`
}

// SecretKeySelector selects a key of a Secret in the pod's namespace.
type SecretKeySelector struct {
	LocalObjectReference `json:",inline"`
	Key                  string `json:"key"`
	// Optional true tolerates a missing Secret or key.
	Optional *bool `json:"optional,omitempty"`
}

// FileKeySelector selects a key of an env file on a volume.
type FileKeySelector struct {
	VolumeName string `json:"volumeName"`
	// Path is relative to the volume and may not contain "..".
	Path     string `json:"path"`
	Key      string `json:"key"`
	Optional *bool  `json:"optional,omitempty"`
}

// EnvFromSource imports all keys of a ConfigMap or Secret; exactly one is set.
type EnvFromSource struct {
	// Prefix is prepended to each key.
	Prefix       string              `json:"prefix,omitempty"`
	ConfigMapRef *ConfigMapEnvSource `json:"configMapRef,omitempty"`
	SecretRef    *SecretEnvSource    `json:"secretRef,omitempty"`
}

// ConfigMapEnvSource names a ConfigMap whose keys become environment variables.
type ConfigMapEnvSource struct {
	LocalObjectReference `json:",inline"`
	Optional             *bool `json:"optional,omitempty"`
}

// SecretEnvSource names a Secret whose keys become environment variables.
type SecretEnvSource struct {
	LocalObjectReference `json:",inline"`
	Optional             *bool `json:"optional,omitempty"`
}

// ResourceRequirements are compute requests and limits. Requests default to
// Limits when only Limits are given, and may not exceed them.
type ResourceRequirements struct {
	Limits   ResourceList `json:"limits,omitempty"`
	Requests ResourceList `json:"requests,omitempty"`
	// Claims name entries of spec.resourceClaims this container uses.
	Claims []ContainerResourceClaim `json:"claims,omitempty"`
}

// ContainerResourceClaim names an entry of the pod's spec.resourceClaims
// that a container uses. Kubernetes calls this type ResourceClaim; orca
// renames it so that the resource.k8s.io ResourceClaim kind keeps its name.
type ContainerResourceClaim struct {
	Name string `json:"name"`
	// Request, if set, limits the container to one request of the claim.
	Request string `json:"request,omitempty"`
}

// ContainerResizePolicy says how a container reacts to resizing one resource.
type ContainerResizePolicy struct {
	ResourceName  ResourceName                `json:"resourceName"`
	RestartPolicy ResourceResizeRestartPolicy `json:"restartPolicy"`
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
	Name     string `json:"name"`
	ReadOnly bool   `json:"readOnly,omitempty"`
	// RecursiveReadOnly applies ReadOnly to submounts; only valid with ReadOnly.
	RecursiveReadOnly *RecursiveReadOnlyMode `json:"recursiveReadOnly,omitempty"`
	MountPath         string                 `json:"mountPath"`
	// SubPath mounts a path inside the volume instead of its root.
	SubPath string `json:"subPath,omitempty"`
	// MountPropagation defaults to None.
	MountPropagation *MountPropagationMode `json:"mountPropagation,omitempty"`
	// SubPathExpr is SubPath with $(VAR) expansion; exclusive with SubPath.
	SubPathExpr string `json:"subPathExpr,omitempty"`
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
	Name       string `json:"name"`
	DevicePath string `json:"devicePath"`
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
	ProbeHandler `json:",inline"`
	// InitialDelaySeconds waits after start before the first probe.
	InitialDelaySeconds int32 `json:"initialDelaySeconds,omitempty"`
	// TimeoutSeconds defaults to 1.
	TimeoutSeconds int32 `json:"timeoutSeconds,omitempty"`
	// PeriodSeconds defaults to 10.
	PeriodSeconds int32 `json:"periodSeconds,omitempty"`
	// SuccessThreshold defaults to 1 and must be 1 for liveness and startup.
	SuccessThreshold int32 `json:"successThreshold,omitempty"`
	// FailureThreshold defaults to 3.
	FailureThreshold int32 `json:"failureThreshold,omitempty"`
	// TerminationGracePeriodSeconds overrides the pod's on probe failure.
	TerminationGracePeriodSeconds *int64 `json:"terminationGracePeriodSeconds,omitempty"`
}

// ProbeHandler is the action of a probe; exactly one field is set.
type ProbeHandler struct {
	Exec      *ExecAction      `json:"exec,omitempty"`
	HTTPGet   *HTTPGetAction   `json:"httpGet,omitempty"`
	TCPSocket *TCPSocketAction `json:"tcpSocket,omitempty"`
	GRPC      *GRPCAction      `json:"grpc,omitempty"`
}

// LifecycleHandler is the action of a lifecycle hook; exactly one field is set.
type LifecycleHandler struct {
	Exec    *ExecAction    `json:"exec,omitempty"`
	HTTPGet *HTTPGetAction `json:"httpGet,omitempty"`
	// TCPSocket is accepted for compatibility but never succeeds as a hook.
	//
	// Deprecated: not supported as a lifecycle handler.
	TCPSocket *TCPSocketAction `json:"tcpSocket,omitempty"`
	Sleep     *SleepAction     `json:"sleep,omitempty"`
}

// Lifecycle holds a container's hooks. Container management blocks until a
// hook completes or fails.
type Lifecycle struct {
	// PostStart runs right after the container is created; failure kills it.
	PostStart *LifecycleHandler `json:"postStart,omitempty"`
	// PreStop runs before an API-initiated stop, inside the grace period.
	PreStop *LifecycleHandler `json:"preStop,omitempty"`
	// StopSignal replaces the runtime's default stop signal; needs spec.os.
	StopSignal *Signal `json:"stopSignal,omitempty"`
}

// ExecAction runs a command (not through a shell); exit 0 is success.
type ExecAction struct {
	Command []string `json:"command,omitempty"`
}

// HTTPGetAction performs a GET; a status in [200,400) is success.
type HTTPGetAction struct {
	Path string `json:"path,omitempty"`
	// Port is a number or a named container port.
	Port IntOrString `json:"port"`
	// Host defaults to the pod IP.
	Host string `json:"host,omitempty"`
	// Scheme defaults to HTTP.
	Scheme      URIScheme    `json:"scheme,omitempty"`
	HTTPHeaders []HTTPHeader `json:"httpHeaders,omitempty"`
}

// HTTPHeader is a header sent by an HTTP probe.
type HTTPHeader struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// URIScheme is HTTP or HTTPS.
type URIScheme string

const (
	URISchemeHTTP  URIScheme = "HTTP"
	URISchemeHTTPS URIScheme = "HTTPS"
)

// TCPSocketAction succeeds if a TCP connection opens.
type TCPSocketAction struct {
	Port IntOrString `json:"port"`
	Host string      `json:"host,omitempty"`
}

// GRPCAction calls the gRPC health service; SERVING is success.
type GRPCAction struct {
	Port int32 `json:"port"`
	// Service is the name sent in the HealthCheckRequest; nil means "".
	// Kubernetes tags it without omitempty, so nil encodes as null.
	Service *string `json:"service"`
}

// SleepAction sleeps for Seconds.
type SleepAction struct {
	Seconds int64 `json:"seconds"`
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
	SELinuxOptions *SELinuxOptions                `json:"seLinuxOptions,omitempty"`
	WindowsOptions *WindowsSecurityContextOptions `json:"windowsOptions,omitempty"`
	// RunAsUser defaults to the image's user.
	RunAsUser  *int64 `json:"runAsUser,omitempty"`
	RunAsGroup *int64 `json:"runAsGroup,omitempty"`
	// RunAsNonRoot true makes the node refuse to start a container as UID 0.
	RunAsNonRoot *bool `json:"runAsNonRoot,omitempty"`
	// SupplementalGroups are added to each container's first process.
	SupplementalGroups []int64 `json:"supplementalGroups,omitempty"`
	// SupplementalGroupsPolicy defaults to Merge.
	SupplementalGroupsPolicy *SupplementalGroupsPolicy `json:"supplementalGroupsPolicy,omitempty"`
	// FSGroup owns supporting volumes and is added to every container.
	FSGroup *int64   `json:"fsGroup,omitempty"`
	Sysctls []Sysctl `json:"sysctls,omitempty"`
	// FSGroupChangePolicy defaults to Always.
	FSGroupChangePolicy *PodFSGroupChangePolicy `json:"fsGroupChangePolicy,omitempty"`
	SeccompProfile      *SeccompProfile         `json:"seccompProfile,omitempty"`
	AppArmorProfile     *AppArmorProfile        `json:"appArmorProfile,omitempty"`
	// SELinuxChangePolicy says how the SELinux label reaches volumes.
	SELinuxChangePolicy *PodSELinuxChangePolicy `json:"seLinuxChangePolicy,omitempty"`
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
	Capabilities *Capabilities `json:"capabilities,omitempty"`
	// Privileged gives the container essentially root on the host.
	Privileged     *bool                          `json:"privileged,omitempty"`
	SELinuxOptions *SELinuxOptions                `json:"seLinuxOptions,omitempty"`
	WindowsOptions *WindowsSecurityContextOptions `json:"windowsOptions,omitempty"`
	RunAsUser      *int64                         `json:"runAsUser,omitempty"`
	RunAsGroup     *int64                         `json:"runAsGroup,omitempty"`
	RunAsNonRoot   *bool                          `json:"runAsNonRoot,omitempty"`
	// ReadOnlyRootFilesystem mounts the image read-only.
	ReadOnlyRootFilesystem *bool `json:"readOnlyRootFilesystem,omitempty"`
	// AllowPrivilegeEscalation false sets no_new_privs.
	AllowPrivilegeEscalation *bool `json:"allowPrivilegeEscalation,omitempty"`
	// ProcMount defaults to Default (masked /proc paths).
	ProcMount       *ProcMountType   `json:"procMount,omitempty"`
	SeccompProfile  *SeccompProfile  `json:"seccompProfile,omitempty"`
	AppArmorProfile *AppArmorProfile `json:"appArmorProfile,omitempty"`
}

// Capability is a POSIX capability name such as NET_ADMIN.
type Capability string

// Capabilities are added to and dropped from the runtime's default set.
type Capabilities struct {
	Add  []Capability `json:"add,omitempty"`
	Drop []Capability `json:"drop,omitempty"`
}

// ProcMountType is Default or Unmasked.
type ProcMountType string

const (
	DefaultProcMount  ProcMountType = "Default"
	UnmaskedProcMount ProcMountType = "Unmasked"
)

// SELinuxOptions is an SELinux label.
type SELinuxOptions struct {
	User  string `json:"user,omitempty"`
	Role  string `json:"role,omitempty"`
	Type  string `json:"type,omitempty"`
	Level string `json:"level,omitempty"`
}

// WindowsSecurityContextOptions are Windows-only settings.
type WindowsSecurityContextOptions struct {
	GMSACredentialSpecName *string `json:"gmsaCredentialSpecName,omitempty"`
	GMSACredentialSpec     *string `json:"gmsaCredentialSpec,omitempty"`
	RunAsUserName          *string `json:"runAsUserName,omitempty"`
	// HostProcess must be the same for all containers and needs hostNetwork.
	HostProcess *bool `json:"hostProcess,omitempty"`
}

// SeccompProfile selects a seccomp profile.
type SeccompProfile struct {
	Type SeccompProfileType `json:"type"`
	// LocalhostProfile is set if and only if Type is Localhost.
	LocalhostProfile *string `json:"localhostProfile,omitempty"`
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
	Type AppArmorProfileType `json:"type"`
	// LocalhostProfile is set if and only if Type is Localhost.
	LocalhostProfile *string `json:"localhostProfile,omitempty"`
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
	Name  string `json:"name"`
	Value string `json:"value"`
}

// ---- Scheduling ----

// Affinity groups the pod's affinity rules.
type Affinity struct {
	NodeAffinity    *NodeAffinity    `json:"nodeAffinity,omitempty"`
	PodAffinity     *PodAffinity     `json:"podAffinity,omitempty"`
	PodAntiAffinity *PodAntiAffinity `json:"podAntiAffinity,omitempty"`
}

// NodeAffinity constrains the nodes a pod may run on by node labels and fields.
type NodeAffinity struct {
	// RequiredDuringSchedulingIgnoredDuringExecution must hold at scheduling time.
	RequiredDuringSchedulingIgnoredDuringExecution *NodeSelector `json:"requiredDuringSchedulingIgnoredDuringExecution,omitempty"`
	// PreferredDuringSchedulingIgnoredDuringExecution adds weight to nodes that match.
	PreferredDuringSchedulingIgnoredDuringExecution []PreferredSchedulingTerm `json:"preferredDuringSchedulingIgnoredDuringExecution,omitempty"`
}

// NodeSelector is the OR of its terms. A nil selector matches everything
// where it is optional; an empty term list matches nothing.
type NodeSelector struct {
	NodeSelectorTerms []NodeSelectorTerm `json:"nodeSelectorTerms"`
}

// NodeSelectorTerm is the AND of its requirements; an empty term matches nothing.
type NodeSelectorTerm struct {
	// MatchExpressions test node labels.
	MatchExpressions []NodeSelectorRequirement `json:"matchExpressions,omitempty"`
	// MatchFields test node fields (only metadata.name is supported).
	MatchFields []NodeSelectorRequirement `json:"matchFields,omitempty"`
}

// NodeSelectorRequirement relates a key to values. In and NotIn need
// values; Exists and DoesNotExist need none; Gt and Lt need one integer.
type NodeSelectorRequirement struct {
	Key      string               `json:"key"`
	Operator NodeSelectorOperator `json:"operator"`
	Values   []string             `json:"values,omitempty"`
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
	Weight     int32            `json:"weight"`
	Preference NodeSelectorTerm `json:"preference"`
}

// TopologySelectorTerm is the AND of label requirements over topology
// values; used by StorageClass allowedTopologies.
type TopologySelectorTerm struct {
	MatchLabelExpressions []TopologySelectorLabelRequirement `json:"matchLabelExpressions,omitempty"`
}

// TopologySelectorLabelRequirement matches a label against any of Values.
type TopologySelectorLabelRequirement struct {
	Key    string   `json:"key"`
	Values []string `json:"values"`
}

// PodAffinity co-locates the pod with matching pods.
type PodAffinity struct {
	RequiredDuringSchedulingIgnoredDuringExecution  []PodAffinityTerm         `json:"requiredDuringSchedulingIgnoredDuringExecution,omitempty"`
	PreferredDuringSchedulingIgnoredDuringExecution []WeightedPodAffinityTerm `json:"preferredDuringSchedulingIgnoredDuringExecution,omitempty"`
}

// PodAntiAffinity keeps the pod away from matching pods.
type PodAntiAffinity struct {
	RequiredDuringSchedulingIgnoredDuringExecution  []PodAffinityTerm         `json:"requiredDuringSchedulingIgnoredDuringExecution,omitempty"`
	PreferredDuringSchedulingIgnoredDuringExecution []WeightedPodAffinityTerm `json:"preferredDuringSchedulingIgnoredDuringExecution,omitempty"`
}

// WeightedPodAffinityTerm weights (1-100) a PodAffinityTerm.
type WeightedPodAffinityTerm struct {
	Weight          int32           `json:"weight"`
	PodAffinityTerm PodAffinityTerm `json:"podAffinityTerm"`
}

// PodAffinityTerm selects pods (by LabelSelector, in Namespaces ∪
// NamespaceSelector, default the pod's own namespace) and says that the pod
// should (or should not) share a TopologyKey value with them.
type PodAffinityTerm struct {
	// LabelSelector nil matches no pods.
	LabelSelector *LabelSelector `json:"labelSelector,omitempty"`
	Namespaces    []string       `json:"namespaces,omitempty"`
	// TopologyKey is a node label key; it must not be empty.
	TopologyKey string `json:"topologyKey"`
	// NamespaceSelector {} matches all namespaces.
	NamespaceSelector *LabelSelector `json:"namespaceSelector,omitempty"`
	// MatchLabelKeys add "key in (value of the incoming pod)" to LabelSelector.
	MatchLabelKeys []string `json:"matchLabelKeys,omitempty"`
	// MismatchLabelKeys add "key notin (value of the incoming pod)".
	MismatchLabelKeys []string `json:"mismatchLabelKeys,omitempty"`
}

// Toleration lets a pod tolerate taints that match <key, value, effect>
// under Operator.
type Toleration struct {
	// Key empty matches all keys, and then Operator must be Exists.
	Key string `json:"key,omitempty"`
	// Operator defaults to Equal; Exists matches any value.
	Operator TolerationOperator `json:"operator,omitempty"`
	Value    string             `json:"value,omitempty"`
	// Effect empty matches all effects.
	Effect TaintEffect `json:"effect,omitempty"`
	// TolerationSeconds bounds how long a NoExecute taint is tolerated; nil
	// means forever, zero or negative means evict at once.
	TolerationSeconds *int64 `json:"tolerationSeconds,omitempty"`
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
	MaxSkew     int32  `json:"maxSkew"`
	TopologyKey string `json:"topologyKey"`
	// WhenUnsatisfiable is DoNotSchedule (a filter) or ScheduleAnyway (a score).
	WhenUnsatisfiable UnsatisfiableConstraintAction `json:"whenUnsatisfiable"`
	LabelSelector     *LabelSelector                `json:"labelSelector,omitempty"`
	// MinDomains treats the global minimum as 0 while fewer domains are
	// eligible; nil means 1. Only with DoNotSchedule.
	MinDomains *int32 `json:"minDomains,omitempty"`
	// NodeAffinityPolicy nil means Honor.
	NodeAffinityPolicy *NodeInclusionPolicy `json:"nodeAffinityPolicy,omitempty"`
	// NodeTaintsPolicy nil means Ignore.
	NodeTaintsPolicy *NodeInclusionPolicy `json:"nodeTaintsPolicy,omitempty"`
	// MatchLabelKeys are ANDed into LabelSelector with the incoming pod's values.
	MatchLabelKeys []string `json:"matchLabelKeys,omitempty"`
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
	Name string `json:"name"`
	// State is the current state; an empty State means Waiting.
	State ContainerState `json:"state,omitempty"`
	// LastTerminationState is the previous termination, for crash debugging.
	LastTerminationState ContainerState `json:"lastState,omitempty"`
	// Ready reports the readiness probe (or started, without a probe).
	Ready bool `json:"ready"`
	// RestartCount never decreases except when the node loses its state.
	RestartCount int32 `json:"restartCount"`
	// Image and ImageID are what the runtime resolved.
	Image   string `json:"image"`
	ImageID string `json:"imageID"`
	// ContainerID is "<runtime>://<id>".
	ContainerID string `json:"containerID,omitempty"`
	// Started reports postStart done and the startup probe passed; nil means false.
	Started *bool `json:"started,omitempty"`
	// AllocatedResources are what the node admitted for the container.
	AllocatedResources ResourceList `json:"allocatedResources,omitempty"`
	// Resources are the requests and limits actually enacted.
	Resources    *ResourceRequirements `json:"resources,omitempty"`
	VolumeMounts []VolumeMountStatus   `json:"volumeMounts,omitempty" patchStrategy:"merge" patchMergeKey:"mountPath"`
	// User is the identity of the container's first process.
	User *ContainerUser `json:"user,omitempty"`
	// AllocatedResourcesStatus reports the health of allocated devices.
	AllocatedResourcesStatus []ResourceStatus `json:"allocatedResourcesStatus,omitempty" patchStrategy:"merge" patchMergeKey:"name"`
	// StopSignal is the effective stop signal.
	StopSignal *Signal `json:"stopSignal,omitempty"`
}

// ContainerState is one of waiting, running or terminated; at most one is set.
type ContainerState struct {
	Waiting    *ContainerStateWaiting    `json:"waiting,omitempty"`
	Running    *ContainerStateRunning    `json:"running,omitempty"`
	Terminated *ContainerStateTerminated `json:"terminated,omitempty"`
}

// ContainerStateWaiting is a container not yet running, e.g. "ContainerCreating".
type ContainerStateWaiting struct {
	Reason  string `json:"reason,omitempty"`
	Message string `json:"message,omitempty"`
}

// ContainerStateRunning is a running container.
type ContainerStateRunning struct {
	StartedAt Time `json:"startedAt,omitzero"`
}

// ContainerStateTerminated is a container that exited.
type ContainerStateTerminated struct {
	ExitCode    int32  `json:"exitCode"`
	Signal      int32  `json:"signal,omitempty"`
	Reason      string `json:"reason,omitempty"`
	Message     string `json:"message,omitempty"`
	StartedAt   Time   `json:"startedAt,omitzero"`
	FinishedAt  Time   `json:"finishedAt,omitzero"`
	ContainerID string `json:"containerID,omitempty"`
}

// VolumeMountStatus is the observed state of a VolumeMount.
type VolumeMountStatus struct {
	Name      string `json:"name"`
	MountPath string `json:"mountPath"`
	ReadOnly  bool   `json:"readOnly,omitempty"`
	// RecursiveReadOnly is Disabled or Enabled (IfPossible is resolved).
	RecursiveReadOnly *RecursiveReadOnlyMode `json:"recursiveReadOnly,omitempty"`
}

// ContainerUser is the identity of a container's first process.
type ContainerUser struct {
	Linux *LinuxContainerUser `json:"linux,omitempty"`
}

// LinuxContainerUser is a Linux uid, gid and groups.
type LinuxContainerUser struct {
	UID                int64   `json:"uid"`
	GID                int64   `json:"gid"`
	SupplementalGroups []int64 `json:"supplementalGroups,omitempty"`
}

// ResourceStatus is the health of the devices behind one resource.
type ResourceStatus struct {
	// Name is a resource name from the spec, or "claim:<claim>/<request>".
	Name      ResourceName     `json:"name"`
	Resources []ResourceHealth `json:"resources,omitempty"`
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
	ResourceID ResourceID           `json:"resourceID"`
	Health     ResourceHealthStatus `json:"health,omitempty"`
	Message    string               `json:"message,omitempty"`
}

// ---- Volumes ----

// Volume is a named volume that containers of the pod may mount.
type Volume struct {
	// Name is a DNS label unique within the pod.
	Name string `json:"name"`
	// VolumeSource is where the data lives; exactly one member is set (none
	// means emptyDir, a deprecated default).
	VolumeSource `json:",inline"`
}

// VolumeSource is the source of a pod volume; exactly one field is set.
type VolumeSource struct {
	HostPath              *HostPathVolumeSource              `json:"hostPath,omitempty"`
	EmptyDir              *EmptyDirVolumeSource              `json:"emptyDir,omitempty"`
	GCEPersistentDisk     *GCEPersistentDiskVolumeSource     `json:"gcePersistentDisk,omitempty"`
	AWSElasticBlockStore  *AWSElasticBlockStoreVolumeSource  `json:"awsElasticBlockStore,omitempty"`
	GitRepo               *GitRepoVolumeSource               `json:"gitRepo,omitempty"`
	Secret                *SecretVolumeSource                `json:"secret,omitempty"`
	NFS                   *NFSVolumeSource                   `json:"nfs,omitempty"`
	ISCSI                 *ISCSIVolumeSource                 `json:"iscsi,omitempty"`
	Glusterfs             *GlusterfsVolumeSource             `json:"glusterfs,omitempty"`
	PersistentVolumeClaim *PersistentVolumeClaimVolumeSource `json:"persistentVolumeClaim,omitempty"`
	RBD                   *RBDVolumeSource                   `json:"rbd,omitempty"`
	FlexVolume            *FlexVolumeSource                  `json:"flexVolume,omitempty"`
	Cinder                *CinderVolumeSource                `json:"cinder,omitempty"`
	CephFS                *CephFSVolumeSource                `json:"cephfs,omitempty"`
	Flocker               *FlockerVolumeSource               `json:"flocker,omitempty"`
	DownwardAPI           *DownwardAPIVolumeSource           `json:"downwardAPI,omitempty"`
	FC                    *FCVolumeSource                    `json:"fc,omitempty"`
	AzureFile             *AzureFileVolumeSource             `json:"azureFile,omitempty"`
	ConfigMap             *ConfigMapVolumeSource             `json:"configMap,omitempty"`
	VsphereVolume         *VsphereVirtualDiskVolumeSource    `json:"vsphereVolume,omitempty"`
	Quobyte               *QuobyteVolumeSource               `json:"quobyte,omitempty"`
	AzureDisk             *AzureDiskVolumeSource             `json:"azureDisk,omitempty"`
	PhotonPersistentDisk  *PhotonPersistentDiskVolumeSource  `json:"photonPersistentDisk,omitempty"`
	Projected             *ProjectedVolumeSource             `json:"projected,omitempty"`
	PortworxVolume        *PortworxVolumeSource              `json:"portworxVolume,omitempty"`
	ScaleIO               *ScaleIOVolumeSource               `json:"scaleIO,omitempty"`
	StorageOS             *StorageOSVolumeSource             `json:"storageos,omitempty"`
	CSI                   *CSIVolumeSource                   `json:"csi,omitempty"`
	Ephemeral             *EphemeralVolumeSource             `json:"ephemeral,omitempty"`
	Image                 *ImageVolumeSource                 `json:"image,omitempty"`
}

// HostPathVolumeSource mounts a path of the node.
type HostPathVolumeSource struct {
	Path string `json:"path"`
	// Type checks (or creates) what is at Path; nil or "" checks nothing.
	Type *HostPathType `json:"type,omitempty"`
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
	Medium StorageMedium `json:"medium,omitempty"`
	// SizeLimit caps usage; nil means no limit beyond the node's.
	SizeLimit *resource.Quantity `json:"sizeLimit,omitempty"`
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
	Key string `json:"key"`
	// Path is relative and may not contain "..".
	Path string `json:"path"`
	// Mode defaults to the volume's defaultMode.
	Mode *int32 `json:"mode,omitempty"`
}

// SecretVolumeSource presents a Secret's keys as files.
type SecretVolumeSource struct {
	SecretName string `json:"secretName,omitempty"`
	// Items, if set, selects and renames keys; unlisted keys are left out.
	Items []KeyToPath `json:"items,omitempty"`
	// DefaultMode defaults to 0644.
	DefaultMode *int32 `json:"defaultMode,omitempty"`
	Optional    *bool  `json:"optional,omitempty"`
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
	LocalObjectReference `json:",inline"`
	Items                []KeyToPath `json:"items,omitempty"`
	// DefaultMode defaults to 0644.
	DefaultMode *int32 `json:"defaultMode,omitempty"`
	Optional    *bool  `json:"optional,omitempty"`
}

// DownwardAPIVolumeSource presents pod fields as files.
type DownwardAPIVolumeSource struct {
	Items       []DownwardAPIVolumeFile `json:"items,omitempty"`
	DefaultMode *int32                  `json:"defaultMode,omitempty"`
}

// DownwardAPIVolumeFile is one file of a downward API volume; exactly one
// of FieldRef and ResourceFieldRef is set.
type DownwardAPIVolumeFile struct {
	Path             string                 `json:"path"`
	FieldRef         *ObjectFieldSelector   `json:"fieldRef,omitempty"`
	ResourceFieldRef *ResourceFieldSelector `json:"resourceFieldRef,omitempty"`
	Mode             *int32                 `json:"mode,omitempty"`
}

// ProjectedVolumeSource merges several sources into one directory.
type ProjectedVolumeSource struct {
	Sources     []VolumeProjection `json:"sources"`
	DefaultMode *int32             `json:"defaultMode,omitempty"`
}

// VolumeProjection is one source of a projected volume; exactly one field is set.
type VolumeProjection struct {
	Secret              *SecretProjection              `json:"secret,omitempty"`
	DownwardAPI         *DownwardAPIProjection         `json:"downwardAPI,omitempty"`
	ConfigMap           *ConfigMapProjection           `json:"configMap,omitempty"`
	ServiceAccountToken *ServiceAccountTokenProjection `json:"serviceAccountToken,omitempty"`
	ClusterTrustBundle  *ClusterTrustBundleProjection  `json:"clusterTrustBundle,omitempty"`
	PodCertificate      *PodCertificateProjection      `json:"podCertificate,omitempty"`
}

// SecretProjection projects a Secret's keys.
type SecretProjection struct {
	LocalObjectReference `json:",inline"`
	Items                []KeyToPath `json:"items,omitempty"`
	Optional             *bool       `json:"optional,omitempty"`
}

// ConfigMapProjection projects a ConfigMap's keys.
type ConfigMapProjection struct {
	LocalObjectReference `json:",inline"`
	Items                []KeyToPath `json:"items,omitempty"`
	Optional             *bool       `json:"optional,omitempty"`
}

// DownwardAPIProjection projects pod fields.
type DownwardAPIProjection struct {
	Items []DownwardAPIVolumeFile `json:"items,omitempty"`
}

// ServiceAccountTokenProjection projects a bound service account token that
// the node agent keeps fresh.
type ServiceAccountTokenProjection struct {
	// Audience defaults to the API server's identifier.
	Audience string `json:"audience,omitempty"`
	// ExpirationSeconds defaults to 3600 and must be at least 600.
	ExpirationSeconds *int64 `json:"expirationSeconds,omitempty"`
	Path              string `json:"path"`
}

// ClusterTrustBundleProjection projects ClusterTrustBundle certificates,
// selected by Name or by SignerName and LabelSelector.
type ClusterTrustBundleProjection struct {
	Name       *string `json:"name,omitempty"`
	SignerName *string `json:"signerName,omitempty"`
	// LabelSelector nil matches nothing; {} matches everything.
	LabelSelector *LabelSelector `json:"labelSelector,omitempty"`
	Optional      *bool          `json:"optional,omitempty"`
	Path          string         `json:"path"`
}

// PodCertificateProjection projects a key and a certificate chain issued
// for the pod by a signer.
type PodCertificateProjection struct {
	SignerName string `json:"signerName,omitempty"`
	// KeyType is RSA3072, RSA4096, ECDSAP256, ECDSAP384, ECDSAP521 or ED25519.
	KeyType              string            `json:"keyType,omitempty"`
	MaxExpirationSeconds *int32            `json:"maxExpirationSeconds,omitempty"`
	CredentialBundlePath string            `json:"credentialBundlePath,omitempty"`
	KeyPath              string            `json:"keyPath,omitempty"`
	CertificateChainPath string            `json:"certificateChainPath,omitempty"`
	UserAnnotations      map[string]string `json:"userAnnotations,omitempty"`
}

// PersistentVolumeClaimVolumeSource mounts the volume bound to a claim in
// the pod's namespace.
type PersistentVolumeClaimVolumeSource struct {
	ClaimName string `json:"claimName"`
	ReadOnly  bool   `json:"readOnly,omitempty"`
}

// CSIVolumeSource is an inline ephemeral volume served by a CSI driver.
type CSIVolumeSource struct {
	Driver   string `json:"driver"`
	ReadOnly *bool  `json:"readOnly,omitempty"`
	// FSType nil lets the driver choose.
	FSType               *string               `json:"fsType,omitempty"`
	VolumeAttributes     map[string]string     `json:"volumeAttributes,omitempty"`
	NodePublishSecretRef *LocalObjectReference `json:"nodePublishSecretRef,omitempty"`
}

// EphemeralVolumeSource is a volume provisioned through a PVC that lives
// and dies with the pod. The PVC is named <pod>-<volume>.
type EphemeralVolumeSource struct {
	// VolumeClaimTemplate is required.
	VolumeClaimTemplate *PersistentVolumeClaimTemplate `json:"volumeClaimTemplate,omitempty"`
}

// PersistentVolumeClaimTemplate is the labels, annotations and spec of a
// PVC created for an ephemeral volume.
type PersistentVolumeClaimTemplate struct {
	ObjectMeta `json:"metadata,omitempty"`
	Spec       PersistentVolumeClaimSpec `json:"spec"`
}

// ImageVolumeSource mounts an OCI image or artifact read-only.
type ImageVolumeSource struct {
	Reference string `json:"reference,omitempty"`
	// PullPolicy defaults like a container's imagePullPolicy.
	PullPolicy PullPolicy `json:"pullPolicy,omitempty"`
}

// NFSVolumeSource mounts an NFS export.
type NFSVolumeSource struct {
	Server   string `json:"server"`
	Path     string `json:"path"`
	ReadOnly bool   `json:"readOnly,omitempty"`
}

// GitRepoVolumeSource clones a git repository.
//
// Deprecated: clone in an init container into an emptyDir instead.
type GitRepoVolumeSource struct {
	Repository string `json:"repository"`
	Revision   string `json:"revision,omitempty"`
	Directory  string `json:"directory,omitempty"`
}

// The in-tree volume plugins below are kept for wire compatibility; orca's
// node agent does not implement them.

// GCEPersistentDiskVolumeSource is a GCE persistent disk.
type GCEPersistentDiskVolumeSource struct {
	PDName    string `json:"pdName"`
	FSType    string `json:"fsType,omitempty"`
	Partition int32  `json:"partition,omitempty"`
	ReadOnly  bool   `json:"readOnly,omitempty"`
}

// AWSElasticBlockStoreVolumeSource is an AWS EBS volume.
type AWSElasticBlockStoreVolumeSource struct {
	VolumeID  string `json:"volumeID"`
	FSType    string `json:"fsType,omitempty"`
	Partition int32  `json:"partition,omitempty"`
	ReadOnly  bool   `json:"readOnly,omitempty"`
}

// ISCSIVolumeSource is an iSCSI disk.
type ISCSIVolumeSource struct {
	TargetPortal      string                `json:"targetPortal"`
	IQN               string                `json:"iqn"`
	Lun               int32                 `json:"lun"`
	ISCSIInterface    string                `json:"iscsiInterface,omitempty"`
	FSType            string                `json:"fsType,omitempty"`
	ReadOnly          bool                  `json:"readOnly,omitempty"`
	Portals           []string              `json:"portals,omitempty"`
	DiscoveryCHAPAuth bool                  `json:"chapAuthDiscovery,omitempty"`
	SessionCHAPAuth   bool                  `json:"chapAuthSession,omitempty"`
	SecretRef         *LocalObjectReference `json:"secretRef,omitempty"`
	InitiatorName     *string               `json:"initiatorName,omitempty"`
}

// GlusterfsVolumeSource is a Glusterfs mount.
type GlusterfsVolumeSource struct {
	EndpointsName string `json:"endpoints"`
	Path          string `json:"path"`
	ReadOnly      bool   `json:"readOnly,omitempty"`
}

// RBDVolumeSource is a Ceph RADOS block device.
type RBDVolumeSource struct {
	CephMonitors []string              `json:"monitors"`
	RBDImage     string                `json:"image"`
	FSType       string                `json:"fsType,omitempty"`
	RBDPool      string                `json:"pool,omitempty"`
	RadosUser    string                `json:"user,omitempty"`
	Keyring      string                `json:"keyring,omitempty"`
	SecretRef    *LocalObjectReference `json:"secretRef,omitempty"`
	ReadOnly     bool                  `json:"readOnly,omitempty"`
}

// FlexVolumeSource is a volume handled by an exec-based plugin.
type FlexVolumeSource struct {
	Driver    string                `json:"driver"`
	FSType    string                `json:"fsType,omitempty"`
	SecretRef *LocalObjectReference `json:"secretRef,omitempty"`
	ReadOnly  bool                  `json:"readOnly,omitempty"`
	Options   map[string]string     `json:"options,omitempty"`
}

// CinderVolumeSource is an OpenStack Cinder volume.
type CinderVolumeSource struct {
	VolumeID  string                `json:"volumeID"`
	FSType    string                `json:"fsType,omitempty"`
	ReadOnly  bool                  `json:"readOnly,omitempty"`
	SecretRef *LocalObjectReference `json:"secretRef,omitempty"`
}

// CephFSVolumeSource is a CephFS mount.
type CephFSVolumeSource struct {
	Monitors   []string              `json:"monitors"`
	Path       string                `json:"path,omitempty"`
	User       string                `json:"user,omitempty"`
	SecretFile string                `json:"secretFile,omitempty"`
	SecretRef  *LocalObjectReference `json:"secretRef,omitempty"`
	ReadOnly   bool                  `json:"readOnly,omitempty"`
}

// FlockerVolumeSource is a Flocker dataset.
type FlockerVolumeSource struct {
	DatasetName string `json:"datasetName,omitempty"`
	DatasetUUID string `json:"datasetUUID,omitempty"`
}

// FCVolumeSource is a Fibre Channel volume.
type FCVolumeSource struct {
	TargetWWNs []string `json:"targetWWNs,omitempty"`
	Lun        *int32   `json:"lun,omitempty"`
	FSType     string   `json:"fsType,omitempty"`
	ReadOnly   bool     `json:"readOnly,omitempty"`
	WWIDs      []string `json:"wwids,omitempty"`
}

// AzureFileVolumeSource is an Azure File share.
type AzureFileVolumeSource struct {
	SecretName string `json:"secretName"`
	ShareName  string `json:"shareName"`
	ReadOnly   bool   `json:"readOnly,omitempty"`
}

// VsphereVirtualDiskVolumeSource is a vSphere disk.
type VsphereVirtualDiskVolumeSource struct {
	VolumePath        string `json:"volumePath"`
	FSType            string `json:"fsType,omitempty"`
	StoragePolicyName string `json:"storagePolicyName,omitempty"`
	StoragePolicyID   string `json:"storagePolicyID,omitempty"`
}

// QuobyteVolumeSource is a Quobyte mount.
type QuobyteVolumeSource struct {
	Registry string `json:"registry"`
	Volume   string `json:"volume"`
	ReadOnly bool   `json:"readOnly,omitempty"`
	User     string `json:"user,omitempty"`
	Group    string `json:"group,omitempty"`
	Tenant   string `json:"tenant,omitempty"`
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
	DiskName    string                    `json:"diskName"`
	DataDiskURI string                    `json:"diskURI"`
	CachingMode *AzureDataDiskCachingMode `json:"cachingMode,omitempty"`
	FSType      *string                   `json:"fsType,omitempty"`
	ReadOnly    *bool                     `json:"readOnly,omitempty"`
	Kind        *AzureDataDiskKind        `json:"kind,omitempty"`
}

// PhotonPersistentDiskVolumeSource is a Photon Controller disk.
type PhotonPersistentDiskVolumeSource struct {
	PdID   string `json:"pdID"`
	FSType string `json:"fsType,omitempty"`
}

// PortworxVolumeSource is a Portworx volume.
type PortworxVolumeSource struct {
	VolumeID string `json:"volumeID"`
	FSType   string `json:"fsType,omitempty"`
	ReadOnly bool   `json:"readOnly,omitempty"`
}

// ScaleIOVolumeSource is a ScaleIO volume.
type ScaleIOVolumeSource struct {
	Gateway          string                `json:"gateway"`
	System           string                `json:"system"`
	SecretRef        *LocalObjectReference `json:"secretRef"`
	SSLEnabled       bool                  `json:"sslEnabled,omitempty"`
	ProtectionDomain string                `json:"protectionDomain,omitempty"`
	StoragePool      string                `json:"storagePool,omitempty"`
	StorageMode      string                `json:"storageMode,omitempty"`
	VolumeName       string                `json:"volumeName,omitempty"`
	FSType           string                `json:"fsType,omitempty"`
	ReadOnly         bool                  `json:"readOnly,omitempty"`
}

// StorageOSVolumeSource is a StorageOS volume.
type StorageOSVolumeSource struct {
	VolumeName      string                `json:"volumeName,omitempty"`
	VolumeNamespace string                `json:"volumeNamespace,omitempty"`
	FSType          string                `json:"fsType,omitempty"`
	ReadOnly        bool                  `json:"readOnly,omitempty"`
	SecretRef       *LocalObjectReference `json:"secretRef,omitempty"`
}

// ---- Subresource options ----

// PodLogOptions are the query parameters of pods/log.
type PodLogOptions struct {
	TypeMeta `json:",inline"`
	// Container defaults to the only container.
	Container string `json:"container,omitempty"`
	Follow    bool   `json:"follow,omitempty"`
	// Previous returns the log of the last terminated instance.
	Previous bool `json:"previous,omitempty"`
	// SinceSeconds and SinceTime are exclusive.
	SinceSeconds *int64 `json:"sinceSeconds,omitempty"`
	SinceTime    *Time  `json:"sinceTime,omitempty"`
	Timestamps   bool   `json:"timestamps,omitempty"`
	TailLines    *int64 `json:"tailLines,omitempty"`
	LimitBytes   *int64 `json:"limitBytes,omitempty"`
	// InsecureSkipTLSVerifyBackend skips verifying the node's serving certificate.
	InsecureSkipTLSVerifyBackend bool `json:"insecureSkipTLSVerifyBackend,omitempty"`
	// Stream selects All, Stdout or Stderr; nil means All.
	Stream *string `json:"stream,omitempty"`
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
	Stdin     bool   `json:"stdin,omitempty"`
	Stdout    bool   `json:"stdout,omitempty"`
	Stderr    bool   `json:"stderr,omitempty"`
	TTY       bool   `json:"tty,omitempty"`
	Container string `json:"container,omitempty"`
}

// PodExecOptions are the query parameters of pods/exec.
type PodExecOptions struct {
	TypeMeta  `json:",inline"`
	Stdin     bool   `json:"stdin,omitempty"`
	Stdout    bool   `json:"stdout,omitempty"`
	Stderr    bool   `json:"stderr,omitempty"`
	TTY       bool   `json:"tty,omitempty"`
	Container string `json:"container,omitempty"`
	// Command is the argv to run, not through a shell.
	Command []string `json:"command"`
}

// PodPortForwardOptions are the query parameters of pods/portforward over
// WebSockets.
type PodPortForwardOptions struct {
	TypeMeta `json:",inline"`
	Ports    []int32 `json:"ports,omitempty"`
}

// PodProxyOptions are the query parameters of pods/proxy.
type PodProxyOptions struct {
	TypeMeta `json:",inline"`
	Path     string `json:"path,omitempty"`
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
