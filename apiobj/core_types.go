package apiobj

import "github.com/orcaproj/orca/apiobj/resource"

// This file holds the core/v1 kinds other than Pod, Node, Service and
// Endpoints, and the types and constants shared across core/v1.

// Well-known namespaces.
const (
	// NamespaceDefault is where namespaced objects go when none is given.
	NamespaceDefault = "default"
	// NamespaceAll, as a list or watch namespace, means every namespace.
	NamespaceAll = ""
	// NamespaceNodeLease holds the node heartbeat Leases.
	NamespaceNodeLease = "kube-node-lease"
	// NamespaceSystem holds the control plane's own objects.
	NamespaceSystem = "kube-system"
	// NamespacePublic is readable by everyone.
	NamespacePublic = "kube-public"
)

// Well-known labels and annotations that are not about nodes.
const (
	// LabelMetadataName is set on every Namespace to its name.
	LabelMetadataName = "kubernetes.io/metadata.name"
	// MirrorPodAnnotationKey marks the API mirror of a static pod.
	MirrorPodAnnotationKey = "kubernetes.io/config.mirror"
	// LastAppliedConfigAnnotation holds what kubectl apply last applied.
	LastAppliedConfigAnnotation = "kubectl.kubernetes.io/last-applied-configuration"
	// PodDeletionCost ranks pods for scale-down; lower goes first.
	PodDeletionCost = "controller.kubernetes.io/pod-deletion-cost"
	// BetaStorageClassAnnotation is the old form of storageClassName.
	BetaStorageClassAnnotation = "volume.beta.kubernetes.io/storage-class"
	// MountOptionAnnotation is the old form of mountOptions.
	MountOptionAnnotation = "volume.beta.kubernetes.io/mount-options"
)

// ---- References ----

// ObjectReference points at an object, or at a field of one. Most users
// need only some of the fields; which ones is up to each use.
type ObjectReference struct {
	Kind            string `json:"kind,omitempty" protobuf:"bytes,1,opt,name=kind"`
	Namespace       string `json:"namespace,omitempty" protobuf:"bytes,2,opt,name=namespace"`
	Name            string `json:"name,omitempty" protobuf:"bytes,3,opt,name=name"`
	UID             UID    `json:"uid,omitempty" protobuf:"bytes,4,opt,name=uid"`
	APIVersion      string `json:"apiVersion,omitempty" protobuf:"bytes,5,opt,name=apiVersion"`
	ResourceVersion string `json:"resourceVersion,omitempty" protobuf:"bytes,6,opt,name=resourceVersion"`
	// FieldPath points inside the object, e.g. "spec.containers{web}".
	FieldPath string `json:"fieldPath,omitempty" protobuf:"bytes,7,opt,name=fieldPath"`
}

// LocalObjectReference names an object in the referrer's namespace. An
// empty Name is allowed on the wire but almost always a mistake.
type LocalObjectReference struct {
	Name string `json:"name,omitempty" protobuf:"bytes,1,opt,name=name"`
}

// TypedLocalObjectReference names an object of a given kind in the
// referrer's namespace.
type TypedLocalObjectReference struct {
	// APIGroup nil means the core group. Kubernetes tags it without
	// omitempty, so nil encodes as null.
	APIGroup *string `json:"apiGroup" protobuf:"bytes,1,opt,name=apiGroup"`
	Kind     string  `json:"kind" protobuf:"bytes,2,opt,name=kind"`
	Name     string  `json:"name" protobuf:"bytes,3,opt,name=name"`
}

// TypedObjectReference names an object of a given kind, possibly in
// another namespace.
type TypedObjectReference struct {
	// APIGroup nil means the core group; it encodes as null when nil.
	APIGroup *string `json:"apiGroup" protobuf:"bytes,1,opt,name=apiGroup"`
	Kind     string  `json:"kind" protobuf:"bytes,2,opt,name=kind"`
	Name     string  `json:"name" protobuf:"bytes,3,opt,name=name"`
	// Namespace nil means the referrer's namespace.
	Namespace *string `json:"namespace,omitempty" protobuf:"bytes,4,opt,name=namespace"`
}

// SecretReference names a Secret in any namespace.
type SecretReference struct {
	Name      string `json:"name,omitempty" protobuf:"bytes,1,opt,name=name"`
	Namespace string `json:"namespace,omitempty" protobuf:"bytes,2,opt,name=namespace"`
}

// ---- Resources ----

// ResourceName names a resource: cpu, memory, storage, ephemeral-storage,
// hugepages-<size>, an object count for quotas, or a domain-prefixed
// extended resource such as example.com/gpu.
type ResourceName string

// Compute and storage resources.
const (
	// ResourceCPU is in cores (500m = half a core).
	ResourceCPU ResourceName = "cpu"
	// ResourceMemory is in bytes.
	ResourceMemory ResourceName = "memory"
	// ResourceStorage is a volume size in bytes.
	ResourceStorage ResourceName = "storage"
	// ResourceEphemeralStorage is local ephemeral storage in bytes.
	ResourceEphemeralStorage ResourceName = "ephemeral-storage"
)

// Resource name prefixes.
const (
	ResourceDefaultNamespacePrefix  = "kubernetes.io/"
	ResourceHugePagesPrefix         = "hugepages-"
	ResourceAttachableVolumesPrefix = "attachable-volumes-"
)

// Resource names counted by quotas.
const (
	ResourcePods                     ResourceName = "pods"
	ResourceServices                 ResourceName = "services"
	ResourceReplicationControllers   ResourceName = "replicationcontrollers"
	ResourceQuotas                   ResourceName = "resourcequotas"
	ResourceSecrets                  ResourceName = "secrets"
	ResourceConfigMaps               ResourceName = "configmaps"
	ResourcePersistentVolumeClaims   ResourceName = "persistentvolumeclaims"
	ResourceServicesNodePorts        ResourceName = "services.nodeports"
	ResourceServicesLoadBalancers    ResourceName = "services.loadbalancers"
	ResourceRequestsCPU              ResourceName = "requests.cpu"
	ResourceRequestsMemory           ResourceName = "requests.memory"
	ResourceRequestsStorage          ResourceName = "requests.storage"
	ResourceRequestsEphemeralStorage ResourceName = "requests.ephemeral-storage"
	ResourceLimitsCPU                ResourceName = "limits.cpu"
	ResourceLimitsMemory             ResourceName = "limits.memory"
	ResourceLimitsEphemeralStorage   ResourceName = "limits.ephemeral-storage"
)

// Quota resource name prefixes.
const (
	ResourceRequestsHugePagesPrefix = "requests.hugepages-"
	DefaultResourceRequestsPrefix   = "requests."
)

// ResourceList maps resource names to quantities.
type ResourceList map[ResourceName]resource.Quantity

// Name returns a copy of the quantity of name, or a zero quantity in
// defaultFormat when rl has none. The result never aliases rl.
func (rl ResourceList) Name(name ResourceName, defaultFormat resource.Format) *resource.Quantity {
	if q, ok := rl[name]; ok {
		q = q.DeepCopy()
		return &q
	}
	return &resource.Quantity{Format: defaultFormat}
}

// Cpu returns the cpu quantity, zero (DecimalSI) if absent.
func (rl ResourceList) Cpu() *resource.Quantity { return rl.Name(ResourceCPU, resource.DecimalSI) }

// Memory returns the memory quantity, zero (BinarySI) if absent.
func (rl ResourceList) Memory() *resource.Quantity {
	return rl.Name(ResourceMemory, resource.BinarySI)
}

// Storage returns the storage quantity, zero (BinarySI) if absent.
func (rl ResourceList) Storage() *resource.Quantity {
	return rl.Name(ResourceStorage, resource.BinarySI)
}

// StorageEphemeral returns the ephemeral-storage quantity, zero (BinarySI) if absent.
func (rl ResourceList) StorageEphemeral() *resource.Quantity {
	return rl.Name(ResourceEphemeralStorage, resource.BinarySI)
}

// Pods returns the pods quantity, zero (DecimalSI) if absent.
func (rl ResourceList) Pods() *resource.Quantity { return rl.Name(ResourcePods, resource.DecimalSI) }

// VolumeResourceRequirements are the storage requests and limits of a claim.
type VolumeResourceRequirements struct {
	Limits   ResourceList `json:"limits,omitempty" protobuf:"bytes,1,rep,name=limits"`
	Requests ResourceList `json:"requests,omitempty" protobuf:"bytes,2,rep,name=requests"`
}

// ---- Namespace ----

// Namespace is a scope for names. Deleting one deletes everything in it,
// after which the namespace itself goes away.
type Namespace struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Spec       NamespaceSpec   `json:"spec,omitempty" protobuf:"bytes,2,opt,name=spec"`
	Status     NamespaceStatus `json:"status,omitempty" protobuf:"bytes,3,opt,name=status"`
}

// NamespaceList is a list of Namespaces.
type NamespaceList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Items    []Namespace `json:"items" protobuf:"bytes,2,rep,name=items"`
}

// NamespaceSpec is the desired state of a namespace.
type NamespaceSpec struct {
	// Finalizers must all be removed (through the finalize subresource)
	// before a terminating namespace is deleted.
	Finalizers []FinalizerName `json:"finalizers,omitempty" protobuf:"bytes,1,rep,name=finalizers"`
}

// FinalizerName is a namespace finalizer.
type FinalizerName string

// FinalizerKubernetes is removed once the namespace's content is gone.
const FinalizerKubernetes FinalizerName = "kubernetes"

// NamespaceStatus is the observed state of a namespace.
type NamespaceStatus struct {
	Phase      NamespacePhase       `json:"phase,omitempty" protobuf:"bytes,1,opt,name=phase"`
	Conditions []NamespaceCondition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type" protobuf:"bytes,2,rep,name=conditions"`
}

// NamespacePhase is Active or Terminating.
type NamespacePhase string

const (
	NamespaceActive      NamespacePhase = "Active"
	NamespaceTerminating NamespacePhase = "Terminating"
)

// NamespaceTerminatingCause is the StatusCause type of a request refused
// because the namespace is terminating.
const NamespaceTerminatingCause CauseType = "NamespaceTerminating"

// NamespaceConditionType names a NamespaceCondition.
type NamespaceConditionType string

const (
	NamespaceDeletionDiscoveryFailure NamespaceConditionType = "NamespaceDeletionDiscoveryFailure"
	NamespaceDeletionContentFailure   NamespaceConditionType = "NamespaceDeletionContentFailure"
	NamespaceDeletionGVParsingFailure NamespaceConditionType = "NamespaceDeletionGroupVersionParsingFailure"
	NamespaceContentRemaining         NamespaceConditionType = "NamespaceContentRemaining"
	NamespaceFinalizersRemaining      NamespaceConditionType = "NamespaceFinalizersRemaining"
)

// NamespaceCondition reports progress or trouble deleting a namespace.
type NamespaceCondition struct {
	Type               NamespaceConditionType `json:"type" protobuf:"bytes,1,opt,name=type"`
	Status             ConditionStatus        `json:"status" protobuf:"bytes,2,opt,name=status"`
	LastTransitionTime Time                   `json:"lastTransitionTime,omitzero" protobuf:"bytes,4,opt,name=lastTransitionTime"`
	Reason             string                 `json:"reason,omitempty" protobuf:"bytes,5,opt,name=reason"`
	Message            string                 `json:"message,omitempty" protobuf:"bytes,6,opt,name=message"`
}

// ---- Secret and ConfigMap ----

// Secret holds sensitive data. Data values are base64 on the wire.
type Secret struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	// Immutable true forbids changes to Data and StringData.
	Immutable *bool `json:"immutable,omitempty" protobuf:"varint,5,opt,name=immutable"`
	// Data keys consist of alphanumerics, '-', '_' and '.'; the values
	// together must stay under MaxSecretSize.
	Data map[string][]byte `json:"data,omitempty" protobuf:"bytes,2,rep,name=data"`
	// StringData is a write-only convenience: it is merged into Data on
	// write and never returned on read.
	StringData map[string]string `json:"stringData,omitempty" protobuf:"bytes,4,rep,name=stringData"`
	// Type defaults to Opaque and constrains the keys of Data.
	Type SecretType `json:"type,omitempty" protobuf:"bytes,3,opt,name=type"`
}

// SecretList is a list of Secrets.
type SecretList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Items    []Secret `json:"items" protobuf:"bytes,2,rep,name=items"`
}

// MaxSecretSize is the largest total size of a Secret's data, 1 MiB.
const MaxSecretSize = 1 << 20

// SecretType says which keys a Secret must carry.
type SecretType string

const (
	// SecretTypeOpaque is arbitrary user data.
	SecretTypeOpaque SecretType = "Opaque"
	// SecretTypeServiceAccountToken holds a token for the service account
	// named by the ServiceAccountNameKey and ServiceAccountUIDKey annotations.
	SecretTypeServiceAccountToken SecretType = "kubernetes.io/service-account-token"
	// SecretTypeDockercfg holds a ~/.dockercfg under DockerConfigKey.
	SecretTypeDockercfg SecretType = "kubernetes.io/dockercfg"
	// SecretTypeDockerConfigJson holds a ~/.docker/config.json under DockerConfigJsonKey.
	SecretTypeDockerConfigJson SecretType = "kubernetes.io/dockerconfigjson"
	// SecretTypeBasicAuth holds BasicAuthUsernameKey and/or BasicAuthPasswordKey.
	SecretTypeBasicAuth SecretType = "kubernetes.io/basic-auth"
	// SecretTypeSSHAuth holds SSHAuthPrivateKey.
	SecretTypeSSHAuth SecretType = "kubernetes.io/ssh-auth"
	// SecretTypeTLS holds TLSCertKey and TLSPrivateKeyKey.
	SecretTypeTLS SecretType = "kubernetes.io/tls"
	// SecretTypeBootstrapToken holds a bootstrap token.
	SecretTypeBootstrapToken SecretType = "bootstrap.kubernetes.io/token"
)

// Keys and annotations of typed Secrets.
const (
	ServiceAccountNameKey       = "kubernetes.io/service-account.name"
	ServiceAccountUIDKey        = "kubernetes.io/service-account.uid"
	ServiceAccountTokenKey      = "token"
	ServiceAccountKubeconfigKey = "kubernetes.kubeconfig"
	ServiceAccountRootCAKey     = "ca.crt"
	ServiceAccountNamespaceKey  = "namespace"
	DockerConfigKey             = ".dockercfg"
	DockerConfigJsonKey         = ".dockerconfigjson"
	BasicAuthUsernameKey        = "username"
	BasicAuthPasswordKey        = "password"
	SSHAuthPrivateKey           = "ssh-privatekey"
	TLSCertKey                  = "tls.crt"
	TLSPrivateKeyKey            = "tls.key"
)

// ConfigMap holds non-confidential configuration.
type ConfigMap struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	// Immutable true forbids changes to Data and BinaryData.
	Immutable *bool `json:"immutable,omitempty" protobuf:"varint,4,opt,name=immutable"`
	// Data holds UTF-8 values; its keys may not also be in BinaryData.
	Data map[string]string `json:"data,omitempty" protobuf:"bytes,2,rep,name=data"`
	// BinaryData holds arbitrary bytes, base64 on the wire.
	BinaryData map[string][]byte `json:"binaryData,omitempty" protobuf:"bytes,3,rep,name=binaryData"`
}

// ConfigMapList is a list of ConfigMaps.
type ConfigMapList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Items    []ConfigMap `json:"items" protobuf:"bytes,2,rep,name=items"`
}

// ---- ServiceAccount ----

// ServiceAccount is an identity for processes in pods.
type ServiceAccount struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	// Secrets limits the secrets pods of this account may mount, when the
	// kubernetes.io/enforce-mountable-secrets annotation is "true".
	Secrets []ObjectReference `json:"secrets,omitempty" patchStrategy:"merge" patchMergeKey:"name" protobuf:"bytes,2,rep,name=secrets"`
	// ImagePullSecrets are added to pods that use this account.
	ImagePullSecrets []LocalObjectReference `json:"imagePullSecrets,omitempty" protobuf:"bytes,3,rep,name=imagePullSecrets"`
	// AutomountServiceAccountToken is the default for pods; a pod may override it.
	AutomountServiceAccountToken *bool `json:"automountServiceAccountToken,omitempty" protobuf:"varint,4,opt,name=automountServiceAccountToken"`
}

// ServiceAccountList is a list of ServiceAccounts.
type ServiceAccountList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Items    []ServiceAccount `json:"items" protobuf:"bytes,2,rep,name=items"`
}

// ---- Event ----

// Event is a core/v1 report of something that happened to an object.
// Events are informative and best-effort, and expire.
type Event struct {
	TypeMeta `json:",inline"`
	// ObjectMeta is required for Events (no omitempty, as in Kubernetes).
	ObjectMeta `json:"metadata" protobuf:"bytes,1,opt,name=metadata"`
	// InvolvedObject is the object the event is about.
	InvolvedObject ObjectReference `json:"involvedObject" protobuf:"bytes,2,opt,name=involvedObject"`
	// Reason is a short CamelCase machine-readable word.
	Reason  string      `json:"reason,omitempty" protobuf:"bytes,3,opt,name=reason"`
	Message string      `json:"message,omitempty" protobuf:"bytes,4,opt,name=message"`
	Source  EventSource `json:"source,omitempty" protobuf:"bytes,5,opt,name=source"`
	// FirstTimestamp and LastTimestamp bound the occurrences counted by Count.
	FirstTimestamp Time  `json:"firstTimestamp,omitzero" protobuf:"bytes,6,opt,name=firstTimestamp"`
	LastTimestamp  Time  `json:"lastTimestamp,omitzero" protobuf:"bytes,7,opt,name=lastTimestamp"`
	Count          int32 `json:"count,omitempty" protobuf:"varint,8,opt,name=count"`
	// Type is Normal or Warning.
	Type string `json:"type,omitempty" protobuf:"bytes,9,opt,name=type"`
	// EventTime is when the event was first observed (new-style events).
	EventTime MicroTime `json:"eventTime,omitzero" protobuf:"bytes,10,opt,name=eventTime"`
	// Series is nil for a singleton event.
	Series *EventSeries `json:"series,omitempty" protobuf:"bytes,11,opt,name=series"`
	// Action is what was done or failed about the object.
	Action  string           `json:"action,omitempty" protobuf:"bytes,12,opt,name=action"`
	Related *ObjectReference `json:"related,omitempty" protobuf:"bytes,13,opt,name=related"`
	// ReportingController (wire name reportingComponent) is the emitting
	// controller, e.g. kubernetes.io/kubelet.
	ReportingController string `json:"reportingComponent" protobuf:"bytes,14,opt,name=reportingComponent"`
	// ReportingInstance is the emitting instance, e.g. kubelet-node1.
	ReportingInstance string `json:"reportingInstance" protobuf:"bytes,15,opt,name=reportingInstance"`
}

// EventList is a list of Events.
type EventList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Items    []Event `json:"items" protobuf:"bytes,2,rep,name=items"`
}

// EventSource is the component (and host) that reported an event.
type EventSource struct {
	Component string `json:"component,omitempty" protobuf:"bytes,1,opt,name=component"`
	Host      string `json:"host,omitempty" protobuf:"bytes,2,opt,name=host"`
}

// EventSeries describes a recurring event.
type EventSeries struct {
	// Count is the number of occurrences up to LastObservedTime.
	Count            int32     `json:"count,omitempty" protobuf:"varint,1,name=count"`
	LastObservedTime MicroTime `json:"lastObservedTime,omitzero" protobuf:"bytes,2,name=lastObservedTime"`
}

// Values of Event.Type.
const (
	EventTypeNormal  = "Normal"
	EventTypeWarning = "Warning"
)

// ---- PersistentVolume ----

// PersistentVolume is a piece of storage in the cluster, provisioned by an
// administrator or dynamically. PersistentVolumes are cluster-scoped.
type PersistentVolume struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Spec       PersistentVolumeSpec   `json:"spec,omitempty" protobuf:"bytes,2,opt,name=spec"`
	Status     PersistentVolumeStatus `json:"status,omitempty" protobuf:"bytes,3,opt,name=status"`
}

// PersistentVolumeList is a list of PersistentVolumes.
type PersistentVolumeList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Items    []PersistentVolume `json:"items" protobuf:"bytes,2,rep,name=items"`
}

// PersistentVolumeSpec describes a persistent volume.
type PersistentVolumeSpec struct {
	// Capacity holds the storage size.
	Capacity ResourceList `json:"capacity,omitempty" protobuf:"bytes,1,rep,name=capacity"`
	// PersistentVolumeSource is where the volume lives; exactly one member is set.
	PersistentVolumeSource `json:",inline" protobuf:"bytes,2,opt,name=persistentVolumeSource"`
	AccessModes            []PersistentVolumeAccessMode `json:"accessModes,omitempty" protobuf:"bytes,3,rep,name=accessModes"`
	// ClaimRef is the claim bound (or being bound) to the volume; the
	// claim's volumeName is the authoritative side of the binding.
	ClaimRef *ObjectReference `json:"claimRef,omitempty" protobuf:"bytes,4,opt,name=claimRef"`
	// PersistentVolumeReclaimPolicy is what happens on release: Retain
	// (default for manual volumes), Delete (default for provisioned ones) or Recycle.
	PersistentVolumeReclaimPolicy PersistentVolumeReclaimPolicy `json:"persistentVolumeReclaimPolicy,omitempty" protobuf:"bytes,5,opt,name=persistentVolumeReclaimPolicy"`
	// StorageClassName empty means no class.
	StorageClassName string   `json:"storageClassName,omitempty" protobuf:"bytes,6,opt,name=storageClassName"`
	MountOptions     []string `json:"mountOptions,omitempty" protobuf:"bytes,7,opt,name=mountOptions"`
	// VolumeMode nil means Filesystem.
	VolumeMode *PersistentVolumeMode `json:"volumeMode,omitempty" protobuf:"bytes,8,opt,name=volumeMode"`
	// NodeAffinity limits the nodes that can reach the volume.
	NodeAffinity              *VolumeNodeAffinity `json:"nodeAffinity,omitempty" protobuf:"bytes,9,opt,name=nodeAffinity"`
	VolumeAttributesClassName *string             `json:"volumeAttributesClassName,omitempty" protobuf:"bytes,10,opt,name=volumeAttributesClassName"`
}

// PersistentVolumeSource is the backing store of a PersistentVolume;
// exactly one field is set.
type PersistentVolumeSource struct {
	GCEPersistentDisk    *GCEPersistentDiskVolumeSource    `json:"gcePersistentDisk,omitempty" protobuf:"bytes,1,opt,name=gcePersistentDisk"`
	AWSElasticBlockStore *AWSElasticBlockStoreVolumeSource `json:"awsElasticBlockStore,omitempty" protobuf:"bytes,2,opt,name=awsElasticBlockStore"`
	// HostPath is for single-node testing only.
	HostPath             *HostPathVolumeSource             `json:"hostPath,omitempty" protobuf:"bytes,3,opt,name=hostPath"`
	Glusterfs            *GlusterfsPersistentVolumeSource  `json:"glusterfs,omitempty" protobuf:"bytes,4,opt,name=glusterfs"`
	NFS                  *NFSVolumeSource                  `json:"nfs,omitempty" protobuf:"bytes,5,opt,name=nfs"`
	RBD                  *RBDPersistentVolumeSource        `json:"rbd,omitempty" protobuf:"bytes,6,opt,name=rbd"`
	ISCSI                *ISCSIPersistentVolumeSource      `json:"iscsi,omitempty" protobuf:"bytes,7,opt,name=iscsi"`
	Cinder               *CinderPersistentVolumeSource     `json:"cinder,omitempty" protobuf:"bytes,8,opt,name=cinder"`
	CephFS               *CephFSPersistentVolumeSource     `json:"cephfs,omitempty" protobuf:"bytes,9,opt,name=cephfs"`
	FC                   *FCVolumeSource                   `json:"fc,omitempty" protobuf:"bytes,10,opt,name=fc"`
	Flocker              *FlockerVolumeSource              `json:"flocker,omitempty" protobuf:"bytes,11,opt,name=flocker"`
	FlexVolume           *FlexPersistentVolumeSource       `json:"flexVolume,omitempty" protobuf:"bytes,12,opt,name=flexVolume"`
	AzureFile            *AzureFilePersistentVolumeSource  `json:"azureFile,omitempty" protobuf:"bytes,13,opt,name=azureFile"`
	VsphereVolume        *VsphereVirtualDiskVolumeSource   `json:"vsphereVolume,omitempty" protobuf:"bytes,14,opt,name=vsphereVolume"`
	Quobyte              *QuobyteVolumeSource              `json:"quobyte,omitempty" protobuf:"bytes,15,opt,name=quobyte"`
	AzureDisk            *AzureDiskVolumeSource            `json:"azureDisk,omitempty" protobuf:"bytes,16,opt,name=azureDisk"`
	PhotonPersistentDisk *PhotonPersistentDiskVolumeSource `json:"photonPersistentDisk,omitempty" protobuf:"bytes,17,opt,name=photonPersistentDisk"`
	PortworxVolume       *PortworxVolumeSource             `json:"portworxVolume,omitempty" protobuf:"bytes,18,opt,name=portworxVolume"`
	ScaleIO              *ScaleIOPersistentVolumeSource    `json:"scaleIO,omitempty" protobuf:"bytes,19,opt,name=scaleIO"`
	// Local is a disk, partition or directory of one node; it needs NodeAffinity.
	Local     *LocalVolumeSource               `json:"local,omitempty" protobuf:"bytes,20,opt,name=local"`
	StorageOS *StorageOSPersistentVolumeSource `json:"storageos,omitempty" protobuf:"bytes,21,opt,name=storageos"`
	CSI       *CSIPersistentVolumeSource       `json:"csi,omitempty" protobuf:"bytes,22,opt,name=csi"`
}

// LocalVolumeSource is storage attached to one node.
type LocalVolumeSource struct {
	// Path is a directory or a block device.
	Path string `json:"path" protobuf:"bytes,1,opt,name=path"`
	// FSType applies to block devices; nil lets the node choose.
	FSType *string `json:"fsType,omitempty" protobuf:"bytes,2,opt,name=fsType"`
}

// CSIPersistentVolumeSource is a volume managed by a CSI driver.
type CSIPersistentVolumeSource struct {
	Driver string `json:"driver" protobuf:"bytes,1,opt,name=driver"`
	// VolumeHandle is the ID the driver returned from CreateVolume.
	VolumeHandle     string            `json:"volumeHandle" protobuf:"bytes,2,opt,name=volumeHandle"`
	ReadOnly         bool              `json:"readOnly,omitempty" protobuf:"varint,3,opt,name=readOnly"`
	FSType           string            `json:"fsType,omitempty" protobuf:"bytes,4,opt,name=fsType"`
	VolumeAttributes map[string]string `json:"volumeAttributes,omitempty" protobuf:"bytes,5,rep,name=volumeAttributes"`
	// The secret references below are passed to the matching CSI calls.
	ControllerPublishSecretRef *SecretReference `json:"controllerPublishSecretRef,omitempty" protobuf:"bytes,6,opt,name=controllerPublishSecretRef"`
	NodeStageSecretRef         *SecretReference `json:"nodeStageSecretRef,omitempty" protobuf:"bytes,7,opt,name=nodeStageSecretRef"`
	NodePublishSecretRef       *SecretReference `json:"nodePublishSecretRef,omitempty" protobuf:"bytes,8,opt,name=nodePublishSecretRef"`
	ControllerExpandSecretRef  *SecretReference `json:"controllerExpandSecretRef,omitempty" protobuf:"bytes,9,opt,name=controllerExpandSecretRef"`
	NodeExpandSecretRef        *SecretReference `json:"nodeExpandSecretRef,omitempty" protobuf:"bytes,10,opt,name=nodeExpandSecretRef"`
}

// GlusterfsPersistentVolumeSource is a Glusterfs volume.
type GlusterfsPersistentVolumeSource struct {
	EndpointsName      string  `json:"endpoints" protobuf:"bytes,1,opt,name=endpoints"`
	Path               string  `json:"path" protobuf:"bytes,2,opt,name=path"`
	ReadOnly           bool    `json:"readOnly,omitempty" protobuf:"varint,3,opt,name=readOnly"`
	EndpointsNamespace *string `json:"endpointsNamespace,omitempty" protobuf:"bytes,4,opt,name=endpointsNamespace"`
}

// RBDPersistentVolumeSource is a Ceph RADOS block device.
type RBDPersistentVolumeSource struct {
	CephMonitors []string         `json:"monitors" protobuf:"bytes,1,rep,name=monitors"`
	RBDImage     string           `json:"image" protobuf:"bytes,2,opt,name=image"`
	FSType       string           `json:"fsType,omitempty" protobuf:"bytes,3,opt,name=fsType"`
	RBDPool      string           `json:"pool,omitempty" protobuf:"bytes,4,opt,name=pool"`
	RadosUser    string           `json:"user,omitempty" protobuf:"bytes,5,opt,name=user"`
	Keyring      string           `json:"keyring,omitempty" protobuf:"bytes,6,opt,name=keyring"`
	SecretRef    *SecretReference `json:"secretRef,omitempty" protobuf:"bytes,7,opt,name=secretRef"`
	ReadOnly     bool             `json:"readOnly,omitempty" protobuf:"varint,8,opt,name=readOnly"`
}

// ISCSIPersistentVolumeSource is an iSCSI disk.
type ISCSIPersistentVolumeSource struct {
	TargetPortal      string           `json:"targetPortal" protobuf:"bytes,1,opt,name=targetPortal"`
	IQN               string           `json:"iqn" protobuf:"bytes,2,opt,name=iqn"`
	Lun               int32            `json:"lun" protobuf:"varint,3,opt,name=lun"`
	ISCSIInterface    string           `json:"iscsiInterface,omitempty" protobuf:"bytes,4,opt,name=iscsiInterface"`
	FSType            string           `json:"fsType,omitempty" protobuf:"bytes,5,opt,name=fsType"`
	ReadOnly          bool             `json:"readOnly,omitempty" protobuf:"varint,6,opt,name=readOnly"`
	Portals           []string         `json:"portals,omitempty" protobuf:"bytes,7,opt,name=portals"`
	DiscoveryCHAPAuth bool             `json:"chapAuthDiscovery,omitempty" protobuf:"varint,8,opt,name=chapAuthDiscovery"`
	SessionCHAPAuth   bool             `json:"chapAuthSession,omitempty" protobuf:"varint,11,opt,name=chapAuthSession"`
	SecretRef         *SecretReference `json:"secretRef,omitempty" protobuf:"bytes,10,opt,name=secretRef"`
	InitiatorName     *string          `json:"initiatorName,omitempty" protobuf:"bytes,12,opt,name=initiatorName"`
}

// CinderPersistentVolumeSource is an OpenStack Cinder volume.
type CinderPersistentVolumeSource struct {
	VolumeID  string           `json:"volumeID" protobuf:"bytes,1,opt,name=volumeID"`
	FSType    string           `json:"fsType,omitempty" protobuf:"bytes,2,opt,name=fsType"`
	ReadOnly  bool             `json:"readOnly,omitempty" protobuf:"varint,3,opt,name=readOnly"`
	SecretRef *SecretReference `json:"secretRef,omitempty" protobuf:"bytes,4,opt,name=secretRef"`
}

// CephFSPersistentVolumeSource is a CephFS mount.
type CephFSPersistentVolumeSource struct {
	Monitors   []string         `json:"monitors" protobuf:"bytes,1,rep,name=monitors"`
	Path       string           `json:"path,omitempty" protobuf:"bytes,2,opt,name=path"`
	User       string           `json:"user,omitempty" protobuf:"bytes,3,opt,name=user"`
	SecretFile string           `json:"secretFile,omitempty" protobuf:"bytes,4,opt,name=secretFile"`
	SecretRef  *SecretReference `json:"secretRef,omitempty" protobuf:"bytes,5,opt,name=secretRef"`
	ReadOnly   bool             `json:"readOnly,omitempty" protobuf:"varint,6,opt,name=readOnly"`
}

// FlexPersistentVolumeSource is a volume handled by an exec-based plugin.
type FlexPersistentVolumeSource struct {
	Driver    string            `json:"driver" protobuf:"bytes,1,opt,name=driver"`
	FSType    string            `json:"fsType,omitempty" protobuf:"bytes,2,opt,name=fsType"`
	SecretRef *SecretReference  `json:"secretRef,omitempty" protobuf:"bytes,3,opt,name=secretRef"`
	ReadOnly  bool              `json:"readOnly,omitempty" protobuf:"varint,4,opt,name=readOnly"`
	Options   map[string]string `json:"options,omitempty" protobuf:"bytes,5,rep,name=options"`
}

// AzureFilePersistentVolumeSource is an Azure File share.
type AzureFilePersistentVolumeSource struct {
	SecretName string `json:"secretName" protobuf:"bytes,1,opt,name=secretName"`
	ShareName  string `json:"shareName" protobuf:"bytes,2,opt,name=shareName"`
	ReadOnly   bool   `json:"readOnly,omitempty" protobuf:"varint,3,opt,name=readOnly"`
	// SecretNamespace nil means the pod's namespace; Kubernetes tags it
	// without omitempty, so nil encodes as null.
	SecretNamespace *string `json:"secretNamespace" protobuf:"bytes,4,opt,name=secretNamespace"`
}

// ScaleIOPersistentVolumeSource is a ScaleIO volume.
type ScaleIOPersistentVolumeSource struct {
	Gateway          string           `json:"gateway" protobuf:"bytes,1,opt,name=gateway"`
	System           string           `json:"system" protobuf:"bytes,2,opt,name=system"`
	SecretRef        *SecretReference `json:"secretRef" protobuf:"bytes,3,opt,name=secretRef"`
	SSLEnabled       bool             `json:"sslEnabled,omitempty" protobuf:"varint,4,opt,name=sslEnabled"`
	ProtectionDomain string           `json:"protectionDomain,omitempty" protobuf:"bytes,5,opt,name=protectionDomain"`
	StoragePool      string           `json:"storagePool,omitempty" protobuf:"bytes,6,opt,name=storagePool"`
	StorageMode      string           `json:"storageMode,omitempty" protobuf:"bytes,7,opt,name=storageMode"`
	VolumeName       string           `json:"volumeName,omitempty" protobuf:"bytes,8,opt,name=volumeName"`
	FSType           string           `json:"fsType,omitempty" protobuf:"bytes,9,opt,name=fsType"`
	ReadOnly         bool             `json:"readOnly,omitempty" protobuf:"varint,10,opt,name=readOnly"`
}

// StorageOSPersistentVolumeSource is a StorageOS volume.
type StorageOSPersistentVolumeSource struct {
	VolumeName      string           `json:"volumeName,omitempty" protobuf:"bytes,1,opt,name=volumeName"`
	VolumeNamespace string           `json:"volumeNamespace,omitempty" protobuf:"bytes,2,opt,name=volumeNamespace"`
	FSType          string           `json:"fsType,omitempty" protobuf:"bytes,3,opt,name=fsType"`
	ReadOnly        bool             `json:"readOnly,omitempty" protobuf:"varint,4,opt,name=readOnly"`
	SecretRef       *ObjectReference `json:"secretRef,omitempty" protobuf:"bytes,5,opt,name=secretRef"`
}

// VolumeNodeAffinity limits the nodes a volume can be used from.
type VolumeNodeAffinity struct {
	Required *NodeSelector `json:"required,omitempty" protobuf:"bytes,1,opt,name=required"`
}

// PersistentVolumeReclaimPolicy is what happens to a released volume.
type PersistentVolumeReclaimPolicy string

const (
	// PersistentVolumeReclaimRecycle scrubs the volume and makes it Available.
	//
	// Deprecated: use dynamic provisioning.
	PersistentVolumeReclaimRecycle PersistentVolumeReclaimPolicy = "Recycle"
	// PersistentVolumeReclaimDelete deletes the volume and its storage.
	PersistentVolumeReclaimDelete PersistentVolumeReclaimPolicy = "Delete"
	// PersistentVolumeReclaimRetain leaves the volume Released for an administrator.
	PersistentVolumeReclaimRetain PersistentVolumeReclaimPolicy = "Retain"
)

// PersistentVolumeMode is Block or Filesystem.
type PersistentVolumeMode string

const (
	PersistentVolumeBlock      PersistentVolumeMode = "Block"
	PersistentVolumeFilesystem PersistentVolumeMode = "Filesystem"
)

// PersistentVolumeStatus is the observed state of a volume.
type PersistentVolumeStatus struct {
	Phase   PersistentVolumePhase `json:"phase,omitempty" protobuf:"bytes,1,opt,name=phase"`
	Message string                `json:"message,omitempty" protobuf:"bytes,2,opt,name=message"`
	Reason  string                `json:"reason,omitempty" protobuf:"bytes,3,opt,name=reason"`
	// LastPhaseTransitionTime is when Phase last changed.
	LastPhaseTransitionTime *Time `json:"lastPhaseTransitionTime,omitempty" protobuf:"bytes,4,opt,name=lastPhaseTransitionTime"`
}

// PersistentVolumePhase is the binding state of a volume.
type PersistentVolumePhase string

const (
	// VolumePending: not yet available.
	VolumePending PersistentVolumePhase = "Pending"
	// VolumeAvailable: unbound and free for a claim.
	VolumeAvailable PersistentVolumePhase = "Available"
	// VolumeBound: bound to a claim.
	VolumeBound PersistentVolumePhase = "Bound"
	// VolumeReleased: its claim was deleted; it awaits reclamation.
	VolumeReleased PersistentVolumePhase = "Released"
	// VolumeFailed: reclamation failed.
	VolumeFailed PersistentVolumePhase = "Failed"
)

// PersistentVolumeAccessMode is how a volume may be mounted.
type PersistentVolumeAccessMode string

const (
	// ReadWriteOnce: read-write by one node.
	ReadWriteOnce PersistentVolumeAccessMode = "ReadWriteOnce"
	// ReadOnlyMany: read-only by many nodes.
	ReadOnlyMany PersistentVolumeAccessMode = "ReadOnlyMany"
	// ReadWriteMany: read-write by many nodes.
	ReadWriteMany PersistentVolumeAccessMode = "ReadWriteMany"
	// ReadWriteOncePod: read-write by one pod; not combinable with others.
	ReadWriteOncePod PersistentVolumeAccessMode = "ReadWriteOncePod"
)

// ---- PersistentVolumeClaim ----

// PersistentVolumeClaim is a request for storage, bound to at most one
// PersistentVolume.
type PersistentVolumeClaim struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Spec       PersistentVolumeClaimSpec   `json:"spec,omitempty" protobuf:"bytes,2,opt,name=spec"`
	Status     PersistentVolumeClaimStatus `json:"status,omitempty" protobuf:"bytes,3,opt,name=status"`
}

// PersistentVolumeClaimList is a list of PersistentVolumeClaims.
type PersistentVolumeClaimList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Items    []PersistentVolumeClaim `json:"items" protobuf:"bytes,2,rep,name=items"`
}

// PersistentVolumeClaimSpec is what a claim asks for.
type PersistentVolumeClaimSpec struct {
	AccessModes []PersistentVolumeAccessMode `json:"accessModes,omitempty" protobuf:"bytes,1,rep,name=accessModes"`
	// Selector restricts the volumes considered for binding.
	Selector *LabelSelector `json:"selector,omitempty" protobuf:"bytes,4,opt,name=selector"`
	// Resources.Requests[storage] is the minimum size.
	Resources VolumeResourceRequirements `json:"resources,omitempty" protobuf:"bytes,2,opt,name=resources"`
	// VolumeName is the bound volume; it is the authoritative side of the binding.
	VolumeName string `json:"volumeName,omitempty" protobuf:"bytes,3,opt,name=volumeName"`
	// StorageClassName nil means the default class; "" means no class.
	StorageClassName *string `json:"storageClassName,omitempty" protobuf:"bytes,5,opt,name=storageClassName"`
	// VolumeMode nil means Filesystem.
	VolumeMode *PersistentVolumeMode `json:"volumeMode,omitempty" protobuf:"bytes,6,opt,name=volumeMode"`
	// DataSource is a VolumeSnapshot or PVC to pre-populate from.
	DataSource *TypedLocalObjectReference `json:"dataSource,omitempty" protobuf:"bytes,7,opt,name=dataSource"`
	// DataSourceRef is like DataSource but allows any populator kind and
	// another namespace; when both are set they must agree.
	DataSourceRef             *TypedObjectReference `json:"dataSourceRef,omitempty" protobuf:"bytes,8,opt,name=dataSourceRef"`
	VolumeAttributesClassName *string               `json:"volumeAttributesClassName,omitempty" protobuf:"bytes,9,opt,name=volumeAttributesClassName"`
}

// PersistentVolumeClaimStatus is the observed state of a claim.
type PersistentVolumeClaimStatus struct {
	Phase PersistentVolumeClaimPhase `json:"phase,omitempty" protobuf:"bytes,1,opt,name=phase"`
	// AccessModes and Capacity are those of the bound volume.
	AccessModes []PersistentVolumeAccessMode     `json:"accessModes,omitempty" protobuf:"bytes,2,rep,name=accessModes"`
	Capacity    ResourceList                     `json:"capacity,omitempty" protobuf:"bytes,3,rep,name=capacity"`
	Conditions  []PersistentVolumeClaimCondition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type" protobuf:"bytes,4,rep,name=conditions"`
	// AllocatedResources may exceed Capacity while an expansion is pending.
	AllocatedResources ResourceList `json:"allocatedResources,omitempty" protobuf:"bytes,5,rep,name=allocatedResources"`
	// AllocatedResourceStatuses track resizes in progress, by resource.
	AllocatedResourceStatuses        map[ResourceName]ClaimResourceStatus `json:"allocatedResourceStatuses,omitempty" protobuf:"bytes,7,rep,name=allocatedResourceStatuses"`
	CurrentVolumeAttributesClassName *string                              `json:"currentVolumeAttributesClassName,omitempty" protobuf:"bytes,8,opt,name=currentVolumeAttributesClassName"`
	ModifyVolumeStatus               *ModifyVolumeStatus                  `json:"modifyVolumeStatus,omitempty" protobuf:"bytes,9,opt,name=modifyVolumeStatus"`
}

// PersistentVolumeClaimPhase is the binding state of a claim.
type PersistentVolumeClaimPhase string

const (
	// ClaimPending: not yet bound.
	ClaimPending PersistentVolumeClaimPhase = "Pending"
	// ClaimBound: bound to a volume.
	ClaimBound PersistentVolumeClaimPhase = "Bound"
	// ClaimLost: the bound volume no longer exists.
	ClaimLost PersistentVolumeClaimPhase = "Lost"
)

// PersistentVolumeClaimConditionType names a claim condition.
type PersistentVolumeClaimConditionType string

const (
	PersistentVolumeClaimResizing                PersistentVolumeClaimConditionType = "Resizing"
	PersistentVolumeClaimFileSystemResizePending PersistentVolumeClaimConditionType = "FileSystemResizePending"
	PersistentVolumeClaimVolumeModifyVolumeError PersistentVolumeClaimConditionType = "ModifyVolumeError"
	PersistentVolumeClaimVolumeModifyingVolume   PersistentVolumeClaimConditionType = "ModifyingVolume"
)

// PersistentVolumeClaimCondition is one observed aspect of a claim.
type PersistentVolumeClaimCondition struct {
	Type               PersistentVolumeClaimConditionType `json:"type" protobuf:"bytes,1,opt,name=type"`
	Status             ConditionStatus                    `json:"status" protobuf:"bytes,2,opt,name=status"`
	LastProbeTime      Time                               `json:"lastProbeTime,omitzero" protobuf:"bytes,3,opt,name=lastProbeTime"`
	LastTransitionTime Time                               `json:"lastTransitionTime,omitzero" protobuf:"bytes,4,opt,name=lastTransitionTime"`
	Reason             string                             `json:"reason,omitempty" protobuf:"bytes,5,opt,name=reason"`
	Message            string                             `json:"message,omitempty" protobuf:"bytes,6,opt,name=message"`
}

// ClaimResourceStatus is the state of a claim resize.
type ClaimResourceStatus string

const (
	PersistentVolumeClaimControllerResizeInProgress ClaimResourceStatus = "ControllerResizeInProgress"
	PersistentVolumeClaimControllerResizeInfeasible ClaimResourceStatus = "ControllerResizeInfeasible"
	PersistentVolumeClaimNodeResizePending          ClaimResourceStatus = "NodeResizePending"
	PersistentVolumeClaimNodeResizeInProgress       ClaimResourceStatus = "NodeResizeInProgress"
	PersistentVolumeClaimNodeResizeInfeasible       ClaimResourceStatus = "NodeResizeInfeasible"
)

// ModifyVolumeStatus is the state of a VolumeAttributesClass change.
type ModifyVolumeStatus struct {
	TargetVolumeAttributesClassName string                                  `json:"targetVolumeAttributesClassName,omitempty" protobuf:"bytes,1,opt,name=targetVolumeAttributesClassName"`
	Status                          PersistentVolumeClaimModifyVolumeStatus `json:"status" protobuf:"bytes,2,opt,name=status"`
}

// PersistentVolumeClaimModifyVolumeStatus is Pending, InProgress or Infeasible.
type PersistentVolumeClaimModifyVolumeStatus string

const (
	PersistentVolumeClaimModifyVolumePending    PersistentVolumeClaimModifyVolumeStatus = "Pending"
	PersistentVolumeClaimModifyVolumeInProgress PersistentVolumeClaimModifyVolumeStatus = "InProgress"
	PersistentVolumeClaimModifyVolumeInfeasible PersistentVolumeClaimModifyVolumeStatus = "Infeasible"
)

// ---- ResourceQuota ----

// ResourceQuota caps aggregate resource use in a namespace.
type ResourceQuota struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Spec       ResourceQuotaSpec   `json:"spec,omitempty" protobuf:"bytes,2,opt,name=spec"`
	Status     ResourceQuotaStatus `json:"status,omitempty" protobuf:"bytes,3,opt,name=status"`
}

// ResourceQuotaList is a list of ResourceQuotas.
type ResourceQuotaList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Items    []ResourceQuota `json:"items" protobuf:"bytes,2,rep,name=items"`
}

// ResourceQuotaSpec is the desired hard limits.
type ResourceQuotaSpec struct {
	Hard ResourceList `json:"hard,omitempty" protobuf:"bytes,1,rep,name=hard"`
	// Scopes and ScopeSelector both restrict which objects count; an object
	// counts when it matches all of them.
	Scopes        []ResourceQuotaScope `json:"scopes,omitempty" protobuf:"bytes,2,rep,name=scopes"`
	ScopeSelector *ScopeSelector       `json:"scopeSelector,omitempty" protobuf:"bytes,3,opt,name=scopeSelector"`
}

// ResourceQuotaStatus is the enforced limits and the observed use.
type ResourceQuotaStatus struct {
	Hard ResourceList `json:"hard,omitempty" protobuf:"bytes,1,rep,name=hard"`
	Used ResourceList `json:"used,omitempty" protobuf:"bytes,2,rep,name=used"`
}

// ResourceQuotaScope restricts which objects a quota counts.
type ResourceQuotaScope string

const (
	// ResourceQuotaScopeTerminating: pods with activeDeadlineSeconds set.
	ResourceQuotaScopeTerminating ResourceQuotaScope = "Terminating"
	// ResourceQuotaScopeNotTerminating: pods without activeDeadlineSeconds.
	ResourceQuotaScopeNotTerminating ResourceQuotaScope = "NotTerminating"
	// ResourceQuotaScopeBestEffort: pods of QoS class BestEffort.
	ResourceQuotaScopeBestEffort ResourceQuotaScope = "BestEffort"
	// ResourceQuotaScopeNotBestEffort: pods of any other QoS class.
	ResourceQuotaScopeNotBestEffort ResourceQuotaScope = "NotBestEffort"
	// ResourceQuotaScopePriorityClass: pods with a given priority class.
	ResourceQuotaScopePriorityClass ResourceQuotaScope = "PriorityClass"
	// ResourceQuotaScopeCrossNamespacePodAffinity: pods with cross-namespace affinity terms.
	ResourceQuotaScopeCrossNamespacePodAffinity ResourceQuotaScope = "CrossNamespacePodAffinity"
	// ResourceQuotaScopeVolumeAttributesClass: claims with a given volume attributes class.
	ResourceQuotaScopeVolumeAttributesClass ResourceQuotaScope = "VolumeAttributesClass"
)

// ScopeSelector is the AND of its requirements.
type ScopeSelector struct {
	MatchExpressions []ScopedResourceSelectorRequirement `json:"matchExpressions,omitempty" protobuf:"bytes,1,rep,name=matchExpressions"`
}

// ScopedResourceSelectorRequirement relates a scope to values.
type ScopedResourceSelectorRequirement struct {
	ScopeName ResourceQuotaScope    `json:"scopeName" protobuf:"bytes,1,opt,name=scopeName"`
	Operator  ScopeSelectorOperator `json:"operator" protobuf:"bytes,2,opt,name=operator"`
	Values    []string              `json:"values,omitempty" protobuf:"bytes,3,rep,name=values"`
}

// ScopeSelectorOperator is In, NotIn, Exists or DoesNotExist.
type ScopeSelectorOperator string

const (
	ScopeSelectorOpIn           ScopeSelectorOperator = "In"
	ScopeSelectorOpNotIn        ScopeSelectorOperator = "NotIn"
	ScopeSelectorOpExists       ScopeSelectorOperator = "Exists"
	ScopeSelectorOpDoesNotExist ScopeSelectorOperator = "DoesNotExist"
)

// ---- LimitRange ----

// LimitRange sets per-object resource bounds and defaults in a namespace.
type LimitRange struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Spec       LimitRangeSpec `json:"spec,omitempty" protobuf:"bytes,2,opt,name=spec"`
}

// LimitRangeList is a list of LimitRanges.
type LimitRangeList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Items    []LimitRange `json:"items" protobuf:"bytes,2,rep,name=items"`
}

// LimitRangeSpec lists the enforced limits.
type LimitRangeSpec struct {
	Limits []LimitRangeItem `json:"limits" protobuf:"bytes,1,rep,name=limits"`
}

// LimitRangeItem bounds one kind of object.
type LimitRangeItem struct {
	Type LimitType    `json:"type" protobuf:"bytes,1,opt,name=type"`
	Max  ResourceList `json:"max,omitempty" protobuf:"bytes,2,rep,name=max"`
	Min  ResourceList `json:"min,omitempty" protobuf:"bytes,3,rep,name=min"`
	// Default is the limit applied when a container sets none.
	Default ResourceList `json:"default,omitempty" protobuf:"bytes,4,rep,name=default"`
	// DefaultRequest is the request applied when a container sets none.
	DefaultRequest ResourceList `json:"defaultRequest,omitempty" protobuf:"bytes,5,rep,name=defaultRequest"`
	// MaxLimitRequestRatio caps limit/request per resource.
	MaxLimitRequestRatio ResourceList `json:"maxLimitRequestRatio,omitempty" protobuf:"bytes,6,rep,name=maxLimitRequestRatio"`
}

// LimitType is the kind of object a LimitRangeItem applies to.
type LimitType string

const (
	LimitTypePod                   LimitType = "Pod"
	LimitTypeContainer             LimitType = "Container"
	LimitTypePersistentVolumeClaim LimitType = "PersistentVolumeClaim"
)

// ---- Binding and PodTemplate ----

// Binding binds an object to another, e.g. a pod to a node. The API server
// accepts it on pods/binding; it sets spec.nodeName only if it is empty.
type Binding struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Target     ObjectReference `json:"target" protobuf:"bytes,2,opt,name=target"`
}

// PodTemplate is a stored template of pods.
type PodTemplate struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Template   PodTemplateSpec `json:"template,omitempty" protobuf:"bytes,2,opt,name=template"`
}

// PodTemplateList is a list of PodTemplates.
type PodTemplateList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Items    []PodTemplate `json:"items" protobuf:"bytes,2,rep,name=items"`
}

// ---- ReplicationController ----

// ReplicationController keeps a number of pod replicas running; the
// predecessor of ReplicaSet.
type ReplicationController struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Spec       ReplicationControllerSpec   `json:"spec,omitempty" protobuf:"bytes,2,opt,name=spec"`
	Status     ReplicationControllerStatus `json:"status,omitempty" protobuf:"bytes,3,opt,name=status"`
}

// ReplicationControllerList is a list of ReplicationControllers.
type ReplicationControllerList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Items    []ReplicationController `json:"items" protobuf:"bytes,2,rep,name=items"`
}

// ReplicationControllerSpec is the desired state of a replication controller.
type ReplicationControllerSpec struct {
	// Replicas nil means 1.
	Replicas        *int32 `json:"replicas,omitempty" protobuf:"varint,1,opt,name=replicas"`
	MinReadySeconds int32  `json:"minReadySeconds,omitempty" protobuf:"varint,4,opt,name=minReadySeconds"`
	// Selector defaults to the template's labels.
	Selector map[string]string `json:"selector,omitempty" protobuf:"bytes,2,rep,name=selector"`
	Template *PodTemplateSpec  `json:"template,omitempty" protobuf:"bytes,3,opt,name=template"`
}

// ReplicationControllerStatus is the observed state of a replication controller.
type ReplicationControllerStatus struct {
	Replicas             int32                            `json:"replicas" protobuf:"varint,1,opt,name=replicas"`
	FullyLabeledReplicas int32                            `json:"fullyLabeledReplicas,omitempty" protobuf:"varint,2,opt,name=fullyLabeledReplicas"`
	ReadyReplicas        int32                            `json:"readyReplicas,omitempty" protobuf:"varint,4,opt,name=readyReplicas"`
	AvailableReplicas    int32                            `json:"availableReplicas,omitempty" protobuf:"varint,5,opt,name=availableReplicas"`
	ObservedGeneration   int64                            `json:"observedGeneration,omitempty" protobuf:"varint,3,opt,name=observedGeneration"`
	Conditions           []ReplicationControllerCondition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type" protobuf:"bytes,6,rep,name=conditions"`
}

// ReplicationControllerConditionType names a replication controller condition.
type ReplicationControllerConditionType string

// ReplicationControllerReplicaFailure: a pod could not be created or deleted.
const ReplicationControllerReplicaFailure ReplicationControllerConditionType = "ReplicaFailure"

// ReplicationControllerCondition is one observed aspect of a replication controller.
type ReplicationControllerCondition struct {
	Type               ReplicationControllerConditionType `json:"type" protobuf:"bytes,1,opt,name=type"`
	Status             ConditionStatus                    `json:"status" protobuf:"bytes,2,opt,name=status"`
	LastTransitionTime Time                               `json:"lastTransitionTime,omitzero" protobuf:"bytes,3,opt,name=lastTransitionTime"`
	Reason             string                             `json:"reason,omitempty" protobuf:"bytes,4,opt,name=reason"`
	Message            string                             `json:"message,omitempty" protobuf:"bytes,5,opt,name=message"`
}

// ---- ComponentStatus ----

// ComponentStatus reports the health of a control-plane component.
//
// Deprecated: Kubernetes deprecated it in 1.19; it is kept for kubectl.
type ComponentStatus struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Conditions []ComponentCondition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type" protobuf:"bytes,2,rep,name=conditions"`
}

// ComponentStatusList is a list of ComponentStatuses.
//
// Deprecated: see ComponentStatus.
type ComponentStatusList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Items    []ComponentStatus `json:"items" protobuf:"bytes,2,rep,name=items"`
}

// ComponentConditionType names a component condition.
type ComponentConditionType string

// ComponentHealthy is the only component condition.
const ComponentHealthy ComponentConditionType = "Healthy"

// ComponentCondition is the health of a component.
type ComponentCondition struct {
	Type    ComponentConditionType `json:"type" protobuf:"bytes,1,opt,name=type"`
	Status  ConditionStatus        `json:"status" protobuf:"bytes,2,opt,name=status"`
	Message string                 `json:"message,omitempty" protobuf:"bytes,3,opt,name=message"`
	Error   string                 `json:"error,omitempty" protobuf:"bytes,4,opt,name=error"`
}
