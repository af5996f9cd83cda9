package apiobj

import "github.com/orcaproj/orca/apiobj/resource"

// StorageClass describes a class of dynamically provisioned volumes.
type StorageClass struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`

	// Provisioner names the volume plugin or CSI driver; immutable.
	Provisioner string `json:"provisioner" protobuf:"bytes,2,opt,name=provisioner"`
	// Parameters are passed to the provisioner; immutable.
	Parameters map[string]string `json:"parameters,omitempty" protobuf:"bytes,3,rep,name=parameters"`
	// ReclaimPolicy of provisioned volumes; nil means Delete.
	ReclaimPolicy        *PersistentVolumeReclaimPolicy `json:"reclaimPolicy,omitempty" protobuf:"bytes,4,opt,name=reclaimPolicy"`
	MountOptions         []string                       `json:"mountOptions,omitempty" protobuf:"bytes,5,opt,name=mountOptions"`
	AllowVolumeExpansion *bool                          `json:"allowVolumeExpansion,omitempty" protobuf:"varint,6,opt,name=allowVolumeExpansion"`
	// VolumeBindingMode nil means Immediate.
	VolumeBindingMode *VolumeBindingMode `json:"volumeBindingMode,omitempty" protobuf:"bytes,7,opt,name=volumeBindingMode"`
	// AllowedTopologies empty means no topology restriction.
	AllowedTopologies []TopologySelectorTerm `json:"allowedTopologies,omitempty" protobuf:"bytes,8,rep,name=allowedTopologies"`
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
	ListMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`

	Items []StorageClass `json:"items" protobuf:"bytes,2,rep,name=items"`
}

// VolumeAttachment asks an attacher to attach a volume to a node.
type VolumeAttachment struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`

	Spec   VolumeAttachmentSpec   `json:"spec" protobuf:"bytes,2,opt,name=spec"`
	Status VolumeAttachmentStatus `json:"status,omitempty" protobuf:"bytes,3,opt,name=status"`
}

// VolumeAttachmentSpec names the attacher, the volume and the node.
type VolumeAttachmentSpec struct {
	Attacher string                 `json:"attacher" protobuf:"bytes,1,opt,name=attacher"`
	Source   VolumeAttachmentSource `json:"source" protobuf:"bytes,2,opt,name=source"`
	NodeName string                 `json:"nodeName" protobuf:"bytes,3,opt,name=nodeName"`
}

// VolumeAttachmentSource is the volume to attach; exactly one member is set.
type VolumeAttachmentSource struct {
	PersistentVolumeName *string `json:"persistentVolumeName,omitempty" protobuf:"bytes,1,opt,name=persistentVolumeName"`
	// InlineVolumeSpec is an inline pod volume translated for CSI migration.
	InlineVolumeSpec *PersistentVolumeSpec `json:"inlineVolumeSpec,omitempty" protobuf:"bytes,2,opt,name=inlineVolumeSpec"`
}

// VolumeAttachmentStatus is written only by the attacher.
type VolumeAttachmentStatus struct {
	Attached bool `json:"attached" protobuf:"varint,1,opt,name=attached"`
	// AttachmentMetadata is passed to later mount calls.
	AttachmentMetadata map[string]string `json:"attachmentMetadata,omitempty" protobuf:"bytes,2,rep,name=attachmentMetadata"`
	AttachError        *VolumeError      `json:"attachError,omitempty" protobuf:"bytes,3,opt,name=attachError"`
	DetachError        *VolumeError      `json:"detachError,omitempty" protobuf:"bytes,4,opt,name=detachError"`
}

// VolumeError is the last error of an attach or detach.
type VolumeError struct {
	Time    Time   `json:"time,omitzero" protobuf:"bytes,1,opt,name=time"`
	Message string `json:"message,omitempty" protobuf:"bytes,2,opt,name=message"`
	// ErrorCode is the gRPC code of the failure.
	ErrorCode *int32 `json:"errorCode,omitempty" protobuf:"varint,3,opt,name=errorCode"`
}

// VolumeAttachmentList is a list of VolumeAttachments.
type VolumeAttachmentList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`

	Items []VolumeAttachment `json:"items" protobuf:"bytes,2,rep,name=items"`
}

// CSIDriver describes how the cluster talks to a CSI driver; its name is
// the driver name.
type CSIDriver struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`

	Spec CSIDriverSpec `json:"spec" protobuf:"bytes,2,opt,name=spec"`
}

// CSIDriverSpec is the behaviour of a CSI driver. Nil booleans mean the
// documented defaults.
type CSIDriverSpec struct {
	// AttachRequired nil means true: a VolumeAttachment must be attached
	// before mounting.
	AttachRequired *bool `json:"attachRequired,omitempty" protobuf:"varint,1,opt,name=attachRequired"`
	// PodInfoOnMount passes pod name, namespace and UID in the volume context.
	PodInfoOnMount *bool `json:"podInfoOnMount,omitempty" protobuf:"bytes,2,opt,name=podInfoOnMount"`
	// VolumeLifecycleModes empty means Persistent.
	VolumeLifecycleModes []VolumeLifecycleMode `json:"volumeLifecycleModes,omitempty" protobuf:"bytes,3,opt,name=volumeLifecycleModes"`
	// StorageCapacity makes the scheduler consult CSIStorageCapacity objects.
	StorageCapacity *bool `json:"storageCapacity,omitempty" protobuf:"bytes,4,opt,name=storageCapacity"`
	// FSGroupPolicy nil means ReadWriteOnceWithFSType.
	FSGroupPolicy *FSGroupPolicy `json:"fsGroupPolicy,omitempty" protobuf:"bytes,5,opt,name=fsGroupPolicy"`
	// TokenRequests asks for service account tokens of these audiences.
	TokenRequests []CSIDriverTokenRequest `json:"tokenRequests,omitempty" protobuf:"bytes,6,opt,name=tokenRequests"`
	// RequiresRepublish calls NodePublishVolume periodically.
	RequiresRepublish *bool `json:"requiresRepublish,omitempty" protobuf:"varint,7,opt,name=requiresRepublish"`
	// SELinuxMount says the driver supports "-o context" mounts.
	SELinuxMount *bool `json:"seLinuxMount,omitempty" protobuf:"varint,8,opt,name=seLinuxMount"`
	// NodeAllocatableUpdatePeriodSeconds refreshes CSINode allocatable counts.
	NodeAllocatableUpdatePeriodSeconds *int64 `json:"nodeAllocatableUpdatePeriodSeconds,omitempty" protobuf:"varint,9,opt,name=nodeAllocatableUpdatePeriodSeconds"`
	// ServiceAccountTokenInSecrets passes tokens in the Secrets field of
	// NodePublishVolume instead of the volume context.
	ServiceAccountTokenInSecrets *bool `json:"serviceAccountTokenInSecrets,omitempty" protobuf:"varint,10,opt,name=serviceAccountTokenInSecrets"`
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
	Audience          string `json:"audience" protobuf:"bytes,1,opt,name=audience"`
	ExpirationSeconds *int64 `json:"expirationSeconds,omitempty" protobuf:"varint,2,opt,name=expirationSeconds"`
}

// CSIDriverList is a list of CSIDrivers.
type CSIDriverList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`

	Items []CSIDriver `json:"items" protobuf:"bytes,2,rep,name=items"`
}

// CSINode lists the CSI drivers installed on a node; its name is the node name.
type CSINode struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`

	Spec CSINodeSpec `json:"spec" protobuf:"bytes,2,opt,name=spec"`
}

// CSINodeSpec holds the node's drivers.
type CSINodeSpec struct {
	Drivers []CSINodeDriver `json:"drivers" patchStrategy:"merge" patchMergeKey:"name" protobuf:"bytes,1,rep,name=drivers"`
}

// CSINodeDriver is one driver registered on a node.
type CSINodeDriver struct {
	Name string `json:"name" protobuf:"bytes,1,opt,name=name"`
	// NodeID is the node's name as the storage system knows it.
	NodeID string `json:"nodeID" protobuf:"bytes,2,opt,name=nodeID"`
	// TopologyKeys are the node label keys the driver reports topology with.
	TopologyKeys []string             `json:"topologyKeys" protobuf:"bytes,3,rep,name=topologyKeys"`
	Allocatable  *VolumeNodeResources `json:"allocatable,omitempty" protobuf:"bytes,4,opt,name=allocatable"`
}

// VolumeNodeResources bounds the volumes of a driver on a node.
type VolumeNodeResources struct {
	// Count nil means unbounded.
	Count *int32 `json:"count,omitempty" protobuf:"varint,1,opt,name=count"`
}

// CSINodeList is a list of CSINodes.
type CSINodeList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`

	Items []CSINode `json:"items" protobuf:"bytes,2,rep,name=items"`
}

// CSIStorageCapacity is the capacity a CSI driver reports for a storage
// class in one topology segment.
type CSIStorageCapacity struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`

	// NodeTopology nil means no node can reach the storage; empty means all.
	NodeTopology     *LabelSelector     `json:"nodeTopology,omitempty" protobuf:"bytes,2,opt,name=nodeTopology"`
	StorageClassName string             `json:"storageClassName" protobuf:"bytes,3,name=storageClassName"`
	Capacity         *resource.Quantity `json:"capacity,omitempty" protobuf:"bytes,4,opt,name=capacity"`
	// MaximumVolumeSize is the largest volume that can be created.
	MaximumVolumeSize *resource.Quantity `json:"maximumVolumeSize,omitempty" protobuf:"bytes,5,opt,name=maximumVolumeSize"`
}

// CSIStorageCapacityList is a list of CSIStorageCapacities.
type CSIStorageCapacityList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`

	Items []CSIStorageCapacity `json:"items" protobuf:"bytes,2,rep,name=items"`
}

// VolumeAttributesClass names a set of mutable, driver-defined volume attributes.
type VolumeAttributesClass struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`

	DriverName string            `json:"driverName" protobuf:"bytes,2,opt,name=driverName"`
	Parameters map[string]string `json:"parameters,omitempty" protobuf:"bytes,3,rep,name=parameters"`
}

// VolumeAttributesClassList is a list of VolumeAttributesClasses.
type VolumeAttributesClassList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`

	Items []VolumeAttributesClass `json:"items" protobuf:"bytes,2,rep,name=items"`
}
