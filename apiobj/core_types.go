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
	Kind            string `json:"kind,omitempty"`
	Namespace       string `json:"namespace,omitempty"`
	Name            string `json:"name,omitempty"`
	UID             UID    `json:"uid,omitempty"`
	APIVersion      string `json:"apiVersion,omitempty"`
	ResourceVersion string `json:"resourceVersion,omitempty"`
	// FieldPath points inside the object, e.g. "spec.containers{web}".
	FieldPath string `json:"fieldPath,omitempty"`
}

// LocalObjectReference names an object in the referrer's namespace. An
// empty Name is allowed on the wire but almost always a mistake.
type LocalObjectReference struct {
	Name string `json:"name,omitempty"`
}

// TypedLocalObjectReference names an object of a given kind in the
// referrer's namespace.
type TypedLocalObjectReference struct {
	// APIGroup nil means the core group. Kubernetes tags it without
	// omitempty, so nil encodes as null.
	APIGroup *string `json:"apiGroup"`
	Kind     string  `json:"kind"`
	Name     string  `json:"name"`
}

// TypedObjectReference names an object of a given kind, possibly in
// another namespace.
type TypedObjectReference struct {
	// APIGroup nil means the core group; it encodes as null when nil.
	APIGroup *string `json:"apiGroup"`
	Kind     string  `json:"kind"`
	Name     string  `json:"name"`
	// Namespace nil means the referrer's namespace.
	Namespace *string `json:"namespace,omitempty"`
}

// SecretReference names a Secret in any namespace.
type SecretReference struct {
	Name      string `json:"name,omitempty"`
	Namespace string `json:"namespace,omitempty"`
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
	Limits   ResourceList `json:"limits,omitempty"`
	Requests ResourceList `json:"requests,omitempty"`
}

// ---- Namespace ----

// Namespace is a scope for names. Deleting one deletes everything in it,
// after which the namespace itself goes away.
type Namespace struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`
	Spec       NamespaceSpec   `json:"spec,omitempty"`
	Status     NamespaceStatus `json:"status,omitempty"`
}

// NamespaceList is a list of Namespaces.
type NamespaceList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`
	Items    []Namespace `json:"items"`
}

// NamespaceSpec is the desired state of a namespace.
type NamespaceSpec struct {
	// Finalizers must all be removed (through the finalize subresource)
	// before a terminating namespace is deleted.
	Finalizers []FinalizerName `json:"finalizers,omitempty"`
}

// FinalizerName is a namespace finalizer.
type FinalizerName string

// FinalizerKubernetes is removed once the namespace's content is gone.
const FinalizerKubernetes FinalizerName = "kubernetes"

// NamespaceStatus is the observed state of a namespace.
type NamespaceStatus struct {
	Phase      NamespacePhase       `json:"phase,omitempty"`
	Conditions []NamespaceCondition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type"`
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
	Type               NamespaceConditionType `json:"type"`
	Status             ConditionStatus        `json:"status"`
	LastTransitionTime Time                   `json:"lastTransitionTime,omitzero"`
	Reason             string                 `json:"reason,omitempty"`
	Message            string                 `json:"message,omitempty"`
}

// ---- Secret and ConfigMap ----

// Secret holds sensitive data. Data values are base64 on the wire.
type Secret struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`
	// Immutable true forbids changes to Data and StringData.
	Immutable *bool `json:"immutable,omitempty"`
	// Data keys consist of alphanumerics, '-', '_' and '.'; the values
	// together must stay under MaxSecretSize.
	Data map[string][]byte `json:"data,omitempty"`
	// StringData is a write-only convenience: it is merged into Data on
	// write and never returned on read.
	StringData map[string]string `json:"stringData,omitempty"`
	// Type defaults to Opaque and constrains the keys of Data.
	Type SecretType `json:"type,omitempty"`
}

// SecretList is a list of Secrets.
type SecretList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`
	Items    []Secret `json:"items"`
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
	ObjectMeta `json:"metadata,omitempty"`
	// Immutable true forbids changes to Data and BinaryData.
	Immutable *bool `json:"immutable,omitempty"`
	// Data holds UTF-8 values; its keys may not also be in BinaryData.
	Data map[string]string `json:"data,omitempty"`
	// BinaryData holds arbitrary bytes, base64 on the wire.
	BinaryData map[string][]byte `json:"binaryData,omitempty"`
}

// ConfigMapList is a list of ConfigMaps.
type ConfigMapList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`
	Items    []ConfigMap `json:"items"`
}

// ---- ServiceAccount ----

// ServiceAccount is an identity for processes in pods.
type ServiceAccount struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`
	// Secrets limits the secrets pods of this account may mount, when the
	// kubernetes.io/enforce-mountable-secrets annotation is "true".
	Secrets []ObjectReference `json:"secrets,omitempty" patchStrategy:"merge" patchMergeKey:"name"`
	// ImagePullSecrets are added to pods that use this account.
	ImagePullSecrets []LocalObjectReference `json:"imagePullSecrets,omitempty"`
	// AutomountServiceAccountToken is the default for pods; a pod may override it.
	AutomountServiceAccountToken *bool `json:"automountServiceAccountToken,omitempty"`
}

// ServiceAccountList is a list of ServiceAccounts.
type ServiceAccountList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`
	Items    []ServiceAccount `json:"items"`
}

// ---- Event ----

// Event is a core/v1 report of something that happened to an object.
// Events are informative and best-effort, and expire.
type Event struct {
	TypeMeta `json:",inline"`
	// ObjectMeta is required for Events (no omitempty, as in Kubernetes).
	ObjectMeta `json:"metadata"`
	// InvolvedObject is the object the event is about.
	InvolvedObject ObjectReference `json:"involvedObject"`
	// Reason is a short CamelCase machine-readable word.
	Reason  string      `json:"reason,omitempty"`
	Message string      `json:"message,omitempty"`
	Source  EventSource `json:"source,omitempty"`
	// FirstTimestamp and LastTimestamp bound the occurrences counted by Count.
	FirstTimestamp Time  `json:"firstTimestamp,omitzero"`
	LastTimestamp  Time  `json:"lastTimestamp,omitzero"`
	Count          int32 `json:"count,omitempty"`
	// Type is Normal or Warning.
	Type string `json:"type,omitempty"`
	// EventTime is when the event was first observed (new-style events).
	EventTime MicroTime `json:"eventTime,omitzero"`
	// Series is nil for a singleton event.
	Series *EventSeries `json:"series,omitempty"`
	// Action is what was done or failed about the object.
	Action  string           `json:"action,omitempty"`
	Related *ObjectReference `json:"related,omitempty"`
	// ReportingController (wire name reportingComponent) is the emitting
	// controller, e.g. kubernetes.io/kubelet.
	ReportingController string `json:"reportingComponent"`
	// ReportingInstance is the emitting instance, e.g. kubelet-node1.
	ReportingInstance string `json:"reportingInstance"`
}

// EventList is a list of Events.
type EventList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`
	Items    []Event `json:"items"`
}

// EventSource is the component (and host) that reported an event.
type EventSource struct {
	Component string `json:"component,omitempty"`
	Host      string `json:"host,omitempty"`
}

// EventSeries describes a recurring event.
type EventSeries struct {
	// Count is the number of occurrences up to LastObservedTime.
	Count            int32     `json:"count,omitempty"`
	LastObservedTime MicroTime `json:"lastObservedTime,omitzero"`
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
	ObjectMeta `json:"metadata,omitempty"`
	Spec       PersistentVolumeSpec   `json:"spec,omitempty"`
	Status     PersistentVolumeStatus `json:"status,omitempty"`
}

// PersistentVolumeList is a list of PersistentVolumes.
type PersistentVolumeList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`
	Items    []PersistentVolume `json:"items"`
}

// PersistentVolumeSpec describes a persistent volume.
type PersistentVolumeSpec struct {
	// Capacity holds the storage size.
	Capacity ResourceList `json:"capacity,omitempty"`
	// PersistentVolumeSource is where the volume lives; exactly one member is set.
	PersistentVolumeSource `json:",inline"`
	AccessModes            []PersistentVolumeAccessMode `json:"accessModes,omitempty"`
	// ClaimRef is the claim bound (or being bound) to the volume; the
	// claim's volumeName is the authoritative side of the binding.
	ClaimRef *ObjectReference `json:"claimRef,omitempty"`
	// PersistentVolumeReclaimPolicy is what happens on release: Retain
	// (default for manual volumes), Delete (default for provisioned ones) or Recycle.
	PersistentVolumeReclaimPolicy PersistentVolumeReclaimPolicy `json:"persistentVolumeReclaimPolicy,omitempty"`
	// StorageClassName empty means no class.
	StorageClassName string   `json:"storageClassName,omitempty"`
	MountOptions     []string `json:"mountOptions,omitempty"`
	// VolumeMode nil means Filesystem.
	VolumeMode *PersistentVolumeMode `json:"volumeMode,omitempty"`
	// NodeAffinity limits the nodes that can reach the volume.
	NodeAffinity              *VolumeNodeAffinity `json:"nodeAffinity,omitempty"`
	VolumeAttributesClassName *string             `json:"volumeAttributesClassName,omitempty"`
}

// PersistentVolumeSource is the backing store of a PersistentVolume;
// exactly one field is set.
type PersistentVolumeSource struct {
	GCEPersistentDisk    *GCEPersistentDiskVolumeSource    `json:"gcePersistentDisk,omitempty"`
	AWSElasticBlockStore *AWSElasticBlockStoreVolumeSource `json:"awsElasticBlockStore,omitempty"`
	// HostPath is for single-node testing only.
	HostPath             *HostPathVolumeSource             `json:"hostPath,omitempty"`
	Glusterfs            *GlusterfsPersistentVolumeSource  `json:"glusterfs,omitempty"`
	NFS                  *NFSVolumeSource                  `json:"nfs,omitempty"`
	RBD                  *RBDPersistentVolumeSource        `json:"rbd,omitempty"`
	ISCSI                *ISCSIPersistentVolumeSource      `json:"iscsi,omitempty"`
	Cinder               *CinderPersistentVolumeSource     `json:"cinder,omitempty"`
	CephFS               *CephFSPersistentVolumeSource     `json:"cephfs,omitempty"`
	FC                   *FCVolumeSource                   `json:"fc,omitempty"`
	Flocker              *FlockerVolumeSource              `json:"flocker,omitempty"`
	FlexVolume           *FlexPersistentVolumeSource       `json:"flexVolume,omitempty"`
	AzureFile            *AzureFilePersistentVolumeSource  `json:"azureFile,omitempty"`
	VsphereVolume        *VsphereVirtualDiskVolumeSource   `json:"vsphereVolume,omitempty"`
	Quobyte              *QuobyteVolumeSource              `json:"quobyte,omitempty"`
	AzureDisk            *AzureDiskVolumeSource            `json:"azureDisk,omitempty"`
	PhotonPersistentDisk *PhotonPersistentDiskVolumeSource `json:"photonPersistentDisk,omitempty"`
	PortworxVolume       *PortworxVolumeSource             `json:"portworxVolume,omitempty"`
	ScaleIO              *ScaleIOPersistentVolumeSource    `json:"scaleIO,omitempty"`
	// Local is a disk, partition or directory of one node; it needs NodeAffinity.
	Local     *LocalVolumeSource               `json:"local,omitempty"`
	StorageOS *StorageOSPersistentVolumeSource `json:"storageos,omitempty"`
	CSI       *CSIPersistentVolumeSource       `json:"csi,omitempty"`
}

// LocalVolumeSource is storage attached to one node.
type LocalVolumeSource struct {
	// Path is a directory or a block device.
	Path string `json:"path"`
	// FSType applies to block devices; nil lets the node choose.
	FSType *string `json:"fsType,omitempty"`
}

// CSIPersistentVolumeSource is a volume managed by a CSI driver.
type CSIPersistentVolumeSource struct {
	Driver string `json:"driver"`
	// VolumeHandle is the ID the driver returned from CreateVolume.
	VolumeHandle     string            `json:"volumeHandle"`
	ReadOnly         bool              `json:"readOnly,omitempty"`
	FSType           string            `json:"fsType,omitempty"`
	VolumeAttributes map[string]string `json:"volumeAttributes,omitempty"`
	// The secret references below are passed to the matching CSI calls.
	ControllerPublishSecretRef *SecretReference `json:"controllerPublishSecretRef,omitempty"`
	NodeStageSecretRef         *SecretReference `json:"nodeStageSecretRef,omitempty"`
	NodePublishSecretRef       *SecretReference `json:"nodePublishSecretRef,omitempty"`
	ControllerExpandSecretRef  *SecretReference `json:"controllerExpandSecretRef,omitempty"`
	NodeExpandSecretRef        *SecretReference `json:"nodeExpandSecretRef,omitempty"`
}

// GlusterfsPersistentVolumeSource is a Glusterfs volume.
type GlusterfsPersistentVolumeSource struct {
	EndpointsName      string  `json:"endpoints"`
	Path               string  `json:"path"`
	ReadOnly           bool    `json:"readOnly,omitempty"`
	EndpointsNamespace *string `json:"endpointsNamespace,omitempty"`
}

// RBDPersistentVolumeSource is a Ceph RADOS block device.
type RBDPersistentVolumeSource struct {
	CephMonitors []string         `json:"monitors"`
	RBDImage     string           `json:"image"`
	FSType       string           `json:"fsType,omitempty"`
	RBDPool      string           `json:"pool,omitempty"`
	RadosUser    string           `json:"user,omitempty"`
	Keyring      string           `json:"keyring,omitempty"`
	SecretRef    *SecretReference `json:"secretRef,omitempty"`
	ReadOnly     bool             `json:"readOnly,omitempty"`
}

// ISCSIPersistentVolumeSource is an iSCSI disk.
type ISCSIPersistentVolumeSource struct {
	TargetPortal      string           `json:"targetPortal"`
	IQN               string           `json:"iqn"`
	Lun               int32            `json:"lun"`
	ISCSIInterface    string           `json:"iscsiInterface,omitempty"`
	FSType            string           `json:"fsType,omitempty"`
	ReadOnly          bool             `json:"readOnly,omitempty"`
	Portals           []string         `json:"portals,omitempty"`
	DiscoveryCHAPAuth bool             `json:"chapAuthDiscovery,omitempty"`
	SessionCHAPAuth   bool             `json:"chapAuthSession,omitempty"`
	SecretRef         *SecretReference `json:"secretRef,omitempty"`
	InitiatorName     *string          `json:"initiatorName,omitempty"`
}

// CinderPersistentVolumeSource is an OpenStack Cinder volume.
type CinderPersistentVolumeSource struct {
	VolumeID  string           `json:"volumeID"`
	FSType    string           `json:"fsType,omitempty"`
	ReadOnly  bool             `json:"readOnly,omitempty"`
	SecretRef *SecretReference `json:"secretRef,omitempty"`
}

// CephFSPersistentVolumeSource is a CephFS mount.
type CephFSPersistentVolumeSource struct {
	Monitors   []string         `json:"monitors"`
	Path       string           `json:"path,omitempty"`
	User       string           `json:"user,omitempty"`
	SecretFile string           `json:"secretFile,omitempty"`
	SecretRef  *SecretReference `json:"secretRef,omitempty"`
	ReadOnly   bool             `json:"readOnly,omitempty"`
}

// FlexPersistentVolumeSource is a volume handled by an exec-based plugin.
type FlexPersistentVolumeSource struct {
	Driver    string            `json:"driver"`
	FSType    string            `json:"fsType,omitempty"`
	SecretRef *SecretReference  `json:"secretRef,omitempty"`
	ReadOnly  bool              `json:"readOnly,omitempty"`
	Options   map[string]string `json:"options,omitempty"`
}

// AzureFilePersistentVolumeSource is an Azure File share.
type AzureFilePersistentVolumeSource struct {
	SecretName string `json:"secretName"`
	ShareName  string `json:"shareName"`
	ReadOnly   bool   `json:"readOnly,omitempty"`
	// SecretNamespace nil means the pod's namespace; Kubernetes tags it
	// without omitempty, so nil encodes as null.
	SecretNamespace *string `json:"secretNamespace"`
}

// ScaleIOPersistentVolumeSource is a ScaleIO volume.
type ScaleIOPersistentVolumeSource struct {
	Gateway          string           `json:"gateway"`
	System           string           `json:"system"`
	SecretRef        *SecretReference `json:"secretRef"`
	SSLEnabled       bool             `json:"sslEnabled,omitempty"`
	ProtectionDomain string           `json:"protectionDomain,omitempty"`
	StoragePool      string           `json:"storagePool,omitempty"`
	StorageMode      string           `json:"storageMode,omitempty"`
	VolumeName       string           `json:"volumeName,omitempty"`
	FSType           string           `json:"fsType,omitempty"`
	ReadOnly         bool             `json:"readOnly,omitempty"`
}

// StorageOSPersistentVolumeSource is a StorageOS volume.
type StorageOSPersistentVolumeSource struct {
	VolumeName      string           `json:"volumeName,omitempty"`
	VolumeNamespace string           `json:"volumeNamespace,omitempty"`
	FSType          string           `json:"fsType,omitempty"`
	ReadOnly        bool             `json:"readOnly,omitempty"`
	SecretRef       *ObjectReference `json:"secretRef,omitempty"`
}

// VolumeNodeAffinity limits the nodes a volume can be used from.
type VolumeNodeAffinity struct {
	Required *NodeSelector `json:"required,omitempty"`
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
	Phase   PersistentVolumePhase `json:"phase,omitempty"`
	Message string                `json:"message,omitempty"`
	Reason  string                `json:"reason,omitempty"`
	// LastPhaseTransitionTime is when Phase last changed.
	LastPhaseTransitionTime *Time `json:"lastPhaseTransitionTime,omitempty"`
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
	ObjectMeta `json:"metadata,omitempty"`
	Spec       PersistentVolumeClaimSpec   `json:"spec,omitempty"`
	Status     PersistentVolumeClaimStatus `json:"status,omitempty"`
}

// PersistentVolumeClaimList is a list of PersistentVolumeClaims.
type PersistentVolumeClaimList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`
	Items    []PersistentVolumeClaim `json:"items"`
}

// PersistentVolumeClaimSpec is what a claim asks for.
type PersistentVolumeClaimSpec struct {
	AccessModes []PersistentVolumeAccessMode `json:"accessModes,omitempty"`
	// Selector restricts the volumes considered for binding.
	Selector *LabelSelector `json:"selector,omitempty"`
	// Resources.Requests[storage] is the minimum size.
	Resources VolumeResourceRequirements `json:"resources,omitempty"`
	// VolumeName is the bound volume; it is the authoritative side of the binding.
	VolumeName string `json:"volumeName,omitempty"`
	// StorageClassName nil means the default class; "" means no class.
	StorageClassName *string `json:"storageClassName,omitempty"`
	// VolumeMode nil means Filesystem.
	VolumeMode *PersistentVolumeMode `json:"volumeMode,omitempty"`
	// DataSource is a VolumeSnapshot or PVC to pre-populate from.
	DataSource *TypedLocalObjectReference `json:"dataSource,omitempty"`
	// DataSourceRef is like DataSource but allows any populator kind and
	// another namespace; when both are set they must agree.
	DataSourceRef             *TypedObjectReference `json:"dataSourceRef,omitempty"`
	VolumeAttributesClassName *string               `json:"volumeAttributesClassName,omitempty"`
}

// PersistentVolumeClaimStatus is the observed state of a claim.
type PersistentVolumeClaimStatus struct {
	Phase PersistentVolumeClaimPhase `json:"phase,omitempty"`
	// AccessModes and Capacity are those of the bound volume.
	AccessModes []PersistentVolumeAccessMode     `json:"accessModes,omitempty"`
	Capacity    ResourceList                     `json:"capacity,omitempty"`
	Conditions  []PersistentVolumeClaimCondition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type"`
	// AllocatedResources may exceed Capacity while an expansion is pending.
	AllocatedResources ResourceList `json:"allocatedResources,omitempty"`
	// AllocatedResourceStatuses track resizes in progress, by resource.
	AllocatedResourceStatuses        map[ResourceName]ClaimResourceStatus `json:"allocatedResourceStatuses,omitempty"`
	CurrentVolumeAttributesClassName *string                              `json:"currentVolumeAttributesClassName,omitempty"`
	ModifyVolumeStatus               *ModifyVolumeStatus                  `json:"modifyVolumeStatus,omitempty"`
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
	Type               PersistentVolumeClaimConditionType `json:"type"`
	Status             ConditionStatus                    `json:"status"`
	LastProbeTime      Time                               `json:"lastProbeTime,omitzero"`
	LastTransitionTime Time                               `json:"lastTransitionTime,omitzero"`
	Reason             string                             `json:"reason,omitempty"`
	Message            string                             `json:"message,omitempty"`
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
	TargetVolumeAttributesClassName string                                  `json:"targetVolumeAttributesClassName,omitempty"`
	Status                          PersistentVolumeClaimModifyVolumeStatus `json:"status"`
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
	ObjectMeta `json:"metadata,omitempty"`
	Spec       ResourceQuotaSpec   `json:"spec,omitempty"`
	Status     ResourceQuotaStatus `json:"status,omitempty"`
}

// ResourceQuotaList is a list of ResourceQuotas.
type ResourceQuotaList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`
	Items    []ResourceQuota `json:"items"`
}

// ResourceQuotaSpec is the desired hard limits.
type ResourceQuotaSpec struct {
	Hard ResourceList `json:"hard,omitempty"`
	// Scopes and ScopeSelector both restrict which objects count; an object
	// counts when it matches all of them.
	Scopes        []ResourceQuotaScope `json:"scopes,omitempty"`
	ScopeSelector *ScopeSelector       `json:"scopeSelector,omitempty"`
}

// ResourceQuotaStatus is the enforced limits and the observed use.
type ResourceQuotaStatus struct {
	Hard ResourceList `json:"hard,omitempty"`
	Used ResourceList `json:"used,omitempty"`
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
	MatchExpressions []ScopedResourceSelectorRequirement `json:"matchExpressions,omitempty"`
}

// ScopedResourceSelectorRequirement relates a scope to values.
type ScopedResourceSelectorRequirement struct {
	ScopeName ResourceQuotaScope    `json:"scopeName"`
	Operator  ScopeSelectorOperator `json:"operator"`
	Values    []string              `json:"values,omitempty"`
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
	ObjectMeta `json:"metadata,omitempty"`
	Spec       LimitRangeSpec `json:"spec,omitempty"`
}

// LimitRangeList is a list of LimitRanges.
type LimitRangeList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`
	Items    []LimitRange `json:"items"`
}

// LimitRangeSpec lists the enforced limits.
type LimitRangeSpec struct {
	Limits []LimitRangeItem `json:"limits"`
}

// LimitRangeItem bounds one kind of object.
type LimitRangeItem struct {
	Type LimitType    `json:"type"`
	Max  ResourceList `json:"max,omitempty"`
	Min  ResourceList `json:"min,omitempty"`
	// Default is the limit applied when a container sets none.
	Default ResourceList `json:"default,omitempty"`
	// DefaultRequest is the request applied when a container sets none.
	DefaultRequest ResourceList `json:"defaultRequest,omitempty"`
	// MaxLimitRequestRatio caps limit/request per resource.
	MaxLimitRequestRatio ResourceList `json:"maxLimitRequestRatio,omitempty"`
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
	ObjectMeta `json:"metadata,omitempty"`
	Target     ObjectReference `json:"target"`
}

// PodTemplate is a stored template of pods.
type PodTemplate struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`
	Template   PodTemplateSpec `json:"template,omitempty"`
}

// PodTemplateList is a list of PodTemplates.
type PodTemplateList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`
	Items    []PodTemplate `json:"items"`
}

// ---- ReplicationController ----

// ReplicationController keeps a number of pod replicas running; the
// predecessor of ReplicaSet.
type ReplicationController struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`
	Spec       ReplicationControllerSpec   `json:"spec,omitempty"`
	Status     ReplicationControllerStatus `json:"status,omitempty"`
}

// ReplicationControllerList is a list of ReplicationControllers.
type ReplicationControllerList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`
	Items    []ReplicationController `json:"items"`
}

// ReplicationControllerSpec is the desired state of a replication controller.
type ReplicationControllerSpec struct {
	// Replicas nil means 1.
	Replicas        *int32 `json:"replicas,omitempty"`
	MinReadySeconds int32  `json:"minReadySeconds,omitempty"`
	// Selector defaults to the template's labels.
	Selector map[string]string `json:"selector,omitempty"`
	Template *PodTemplateSpec  `json:"template,omitempty"`
}

// ReplicationControllerStatus is the observed state of a replication controller.
type ReplicationControllerStatus struct {
	Replicas             int32                            `json:"replicas"`
	FullyLabeledReplicas int32                            `json:"fullyLabeledReplicas,omitempty"`
	ReadyReplicas        int32                            `json:"readyReplicas,omitempty"`
	AvailableReplicas    int32                            `json:"availableReplicas,omitempty"`
	ObservedGeneration   int64                            `json:"observedGeneration,omitempty"`
	Conditions           []ReplicationControllerCondition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type"`
}

// ReplicationControllerConditionType names a replication controller condition.
type ReplicationControllerConditionType string

// ReplicationControllerReplicaFailure: a pod could not be created or deleted.
const ReplicationControllerReplicaFailure ReplicationControllerConditionType = "ReplicaFailure"

// ReplicationControllerCondition is one observed aspect of a replication controller.
type ReplicationControllerCondition struct {
	Type               ReplicationControllerConditionType `json:"type"`
	Status             ConditionStatus                    `json:"status"`
	LastTransitionTime Time                               `json:"lastTransitionTime,omitzero"`
	Reason             string                             `json:"reason,omitempty"`
	Message            string                             `json:"message,omitempty"`
}

// ---- ComponentStatus ----

// ComponentStatus reports the health of a control-plane component.
//
// Deprecated: Kubernetes deprecated it in 1.19; it is kept for kubectl.
type ComponentStatus struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`
	Conditions []ComponentCondition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type"`
}

// ComponentStatusList is a list of ComponentStatuses.
//
// Deprecated: see ComponentStatus.
type ComponentStatusList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`
	Items    []ComponentStatus `json:"items"`
}

// ComponentConditionType names a component condition.
type ComponentConditionType string

// ComponentHealthy is the only component condition.
const ComponentHealthy ComponentConditionType = "Healthy"

// ComponentCondition is the health of a component.
type ComponentCondition struct {
	Type    ComponentConditionType `json:"type"`
	Status  ConditionStatus        `json:"status"`
	Message string                 `json:"message,omitempty"`
	Error   string                 `json:"error,omitempty"`
}
