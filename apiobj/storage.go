package apiobj

import "github.com/orcaproj/orca/apiobj/resource"

// StorageClass describes a class of dynamically provisioned volumes.
type StorageClass struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`

	// Provisioner names the volume plugin or CSI driver; immutable.
	Provisioner string `json:"provisioner"`
	// Parameters are passed to the provisioner; immutable.
	Parameters map[string]string `json:"parameters,omitempty"`
	// ReclaimPolicy of provisioned volumes; nil means Delete.
	ReclaimPolicy        *PersistentVolumeReclaimPolicy `json:"reclaimPolicy,omitempty"`
	MountOptions         []string                       `json:"mountOptions,omitempty"`
	AllowVolumeExpansion *bool                          `json:"allowVolumeExpansion,omitempty"`
	// VolumeBindingMode nil means Immediate.
	VolumeBindingMode *VolumeBindingMode `json:"volumeBindingMode,omitempty"`
	// AllowedTopologies empty means no topology restriction.
	AllowedTopologies []TopologySelectorTerm `json:"allowedTopologies,omitempty"`
}

// VolumeBindingMode says when claims of a class are provisioned and bound.
type VolumeBindingMode string

const (
	// VolumeBindingImmediate binds claims as soon as they are created.
	VolumeBindingImmediate VolumeBindingMode = "Immediate"
	// VolumeBindingWaitForFirstConsumer delays binding until a pod using the
	// claim is scheduled, so the scheduler can pick the topology.
	VolumeBindingWaitForFirstConsumer VolumeBindingMode = "WaitForFirstConsumer"
)

// StorageClassList is a list of StorageClasses.
type StorageClassList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`

	Items []StorageClass `json:"items"`
}

// VolumeAttachment asks an attacher to attach a volume to a node.
type VolumeAttachment struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`

	Spec   VolumeAttachmentSpec   `json:"spec"`
	Status VolumeAttachmentStatus `json:"status,omitempty"`
}

// VolumeAttachmentSpec names the attacher, the volume and the node.
type VolumeAttachmentSpec struct {
	Attacher string                 `json:"attacher"`
	Source   VolumeAttachmentSource `json:"source"`
	NodeName string                 `json:"nodeName"`
}

// VolumeAttachmentSource is the volume to attach; exactly one member is set.
type VolumeAttachmentSource struct {
	PersistentVolumeName *string `json:"persistentVolumeName,omitempty"`
	// InlineVolumeSpec is an inline pod volume translated for CSI migration.
	InlineVolumeSpec *PersistentVolumeSpec `json:"inlineVolumeSpec,omitempty"`
}

// VolumeAttachmentStatus is written only by the attacher.
type VolumeAttachmentStatus struct {
	Attached bool `json:"attached"`
	// AttachmentMetadata is passed to later mount calls.
	AttachmentMetadata map[string]string `json:"attachmentMetadata,omitempty"`
	AttachError        *VolumeError      `json:"attachError,omitempty"`
	DetachError        *VolumeError      `json:"detachError,omitempty"`
}

// VolumeError is the last error of an attach or detach.
type VolumeError struct {
	Time    Time   `json:"time,omitzero"`
	Message string `json:"message,omitempty"`
	// ErrorCode is the gRPC code of the failure.
	ErrorCode *int32 `json:"errorCode,omitempty"`
}

// VolumeAttachmentList is a list of VolumeAttachments.
type VolumeAttachmentList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`

	Items []VolumeAttachment `json:"items"`
}

// CSIDriver describes how the cluster talks to a CSI driver; its name is
// the driver name.
type CSIDriver struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`

	Spec CSIDriverSpec `json:"spec"`
}

// CSIDriverSpec is the behaviour of a CSI driver. Nil booleans mean the
// documented defaults.
type CSIDriverSpec struct {
	// AttachRequired nil means true: a VolumeAttachment must be attached
	// before mounting.
	AttachRequired *bool `json:"attachRequired,omitempty"`
	// PodInfoOnMount passes pod name, namespace and UID in the volume context.
	PodInfoOnMount *bool `json:"podInfoOnMount,omitempty"`
	// VolumeLifecycleModes empty means Persistent.
	VolumeLifecycleModes []VolumeLifecycleMode `json:"volumeLifecycleModes,omitempty"`
	// StorageCapacity makes the scheduler consult CSIStorageCapacity objects.
	StorageCapacity *bool `json:"storageCapacity,omitempty"`
	// FSGroupPolicy nil means ReadWriteOnceWithFSType.
	FSGroupPolicy *FSGroupPolicy `json:"fsGroupPolicy,omitempty"`
	// TokenRequests asks for service account tokens of these audiences.
	TokenRequests []CSIDriverTokenRequest `json:"tokenRequests,omitempty"`
	// RequiresRepublish calls NodePublishVolume periodically.
	RequiresRepublish *bool `json:"requiresRepublish,omitempty"`
	// SELinuxMount says the driver supports "-o context" mounts.
	SELinuxMount *bool `json:"seLinuxMount,omitempty"`
	// NodeAllocatableUpdatePeriodSeconds refreshes CSINode allocatable counts.
	NodeAllocatableUpdatePeriodSeconds *int64 `json:"nodeAllocatableUpdatePeriodSeconds,omitempty"`
	// ServiceAccountTokenInSecrets passes tokens in the Secrets field of
	// NodePublishVolume instead of the volume context.
	ServiceAccountTokenInSecrets *bool `json:"serviceAccountTokenInSecrets,omitempty"`
}

// FSGroupPolicy says whether the kubelet changes volume ownership to fsGroup.
type FSGroupPolicy string

const (
	// ReadWriteOnceWithFSTypeFSGroupPolicy applies fsGroup if an fsType is
	// set and the access mode is ReadWriteOnce(Pod).
	ReadWriteOnceWithFSTypeFSGroupPolicy FSGroupPolicy = "ReadWriteOnceWithFSType"
	// FileFSGroupPolicy always applies fsGroup.
	FileFSGroupPolicy FSGroupPolicy = "File"
	// NoneFSGroupPolicy never changes ownership.
	NoneFSGroupPolicy FSGroupPolicy = "None"
)

// VolumeLifecycleMode is Persistent or Ephemeral.
type VolumeLifecycleMode string

const (
	// VolumeLifecyclePersistent volumes are managed through PVs and PVCs.
	VolumeLifecyclePersistent VolumeLifecycleMode = "Persistent"
	// VolumeLifecycleEphemeral volumes are inline in a pod and live with it.
	VolumeLifecycleEphemeral VolumeLifecycleMode = "Ephemeral"
)

// CSIDriverTokenRequest is Kubernetes' storage/v1 TokenRequest, renamed so
// as not to collide with authentication/v1 TokenRequest.
type CSIDriverTokenRequest struct {
	// Audience "" means the API server's audiences.
	Audience          string `json:"audience"`
	ExpirationSeconds *int64 `json:"expirationSeconds,omitempty"`
}

// CSIDriverList is a list of CSIDrivers.
type CSIDriverList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`

	Items []CSIDriver `json:"items"`
}

// CSINode lists the CSI drivers installed on a node; its name is the node name.
type CSINode struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`

	Spec CSINodeSpec `json:"spec"`
}

// CSINodeSpec holds the node's drivers.
type CSINodeSpec struct {
	Drivers []CSINodeDriver `json:"drivers" patchStrategy:"merge" patchMergeKey:"name"`
}

// CSINodeDriver is one driver registered on a node.
type CSINodeDriver struct {
	Name string `json:"name"`
	// NodeID is the node's name as the storage system knows it.
	NodeID string `json:"nodeID"`
	// TopologyKeys are the node label keys the driver reports topology with.
	TopologyKeys []string             `json:"topologyKeys"`
	Allocatable  *VolumeNodeResources `json:"allocatable,omitempty"`
}

// VolumeNodeResources bounds the volumes of a driver on a node.
type VolumeNodeResources struct {
	// Count nil means unbounded.
	Count *int32 `json:"count,omitempty"`
}

// CSINodeList is a list of CSINodes.
type CSINodeList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`

	Items []CSINode `json:"items"`
}

// CSIStorageCapacity is the capacity a CSI driver reports for a storage
// class in one topology segment.
type CSIStorageCapacity struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`

	// NodeTopology nil means no node can reach the storage; empty means all.
	NodeTopology     *LabelSelector     `json:"nodeTopology,omitempty"`
	StorageClassName string             `json:"storageClassName"`
	Capacity         *resource.Quantity `json:"capacity,omitempty"`
	// MaximumVolumeSize is the largest volume that can be created.
	MaximumVolumeSize *resource.Quantity `json:"maximumVolumeSize,omitempty"`
}

// CSIStorageCapacityList is a list of CSIStorageCapacities.
type CSIStorageCapacityList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`

	Items []CSIStorageCapacity `json:"items"`
}

// VolumeAttributesClass names a set of mutable, driver-defined volume attributes.
type VolumeAttributesClass struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`

	DriverName string            `json:"driverName"`
	Parameters map[string]string `json:"parameters,omitempty"`
}

// VolumeAttributesClassList is a list of VolumeAttributesClasses.
type VolumeAttributesClassList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`

	Items []VolumeAttributesClass `json:"items"`
}
