package apiobj

// Lease is a lightweight lock and heartbeat: node leases, leader election.
type Lease struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`

	Spec LeaseSpec `json:"spec,omitempty" protobuf:"bytes,2,opt,name=spec"`
}

// LeaseSpec is the state of a lease. Holders renew it by writing RenewTime;
// others may take it over once RenewTime+LeaseDurationSeconds has passed.
type LeaseSpec struct {
	// HolderIdentity is the current holder; nil or empty means none.
	HolderIdentity       *string    `json:"holderIdentity,omitempty" protobuf:"bytes,1,opt,name=holderIdentity"`
	LeaseDurationSeconds *int32     `json:"leaseDurationSeconds,omitempty" protobuf:"varint,2,opt,name=leaseDurationSeconds"`
	AcquireTime          *MicroTime `json:"acquireTime,omitempty" protobuf:"bytes,3,opt,name=acquireTime"`
	RenewTime            *MicroTime `json:"renewTime,omitempty" protobuf:"bytes,4,opt,name=renewTime"`
	// LeaseTransitions counts changes of holder.
	LeaseTransitions *int32 `json:"leaseTransitions,omitempty" protobuf:"varint,5,opt,name=leaseTransitions"`
	// Strategy selects the holder under coordinated leader election.
	Strategy *CoordinatedLeaseStrategy `json:"strategy,omitempty" protobuf:"bytes,6,opt,name=strategy"`
	// PreferredHolder asks the holder to step down in its favour.
	PreferredHolder *string `json:"preferredHolder,omitempty" protobuf:"bytes,7,opt,name=preferredHolder"`
}

// CoordinatedLeaseStrategy is how coordinated leader election picks a holder.
type CoordinatedLeaseStrategy string

// OldestEmulationVersion picks the candidate with the oldest emulation
// version, then binary version, then creation time.
const OldestEmulationVersion CoordinatedLeaseStrategy = "OldestEmulationVersion"

// LeaseList is a list of Leases.
type LeaseList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`

	Items []Lease `json:"items" protobuf:"bytes,2,rep,name=items"`
}
