package apiobj

// Lease is a lightweight lock and heartbeat: node leases, leader election.
type Lease struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty"`

	Spec LeaseSpec `json:"spec,omitempty"`
}

// LeaseSpec is the state of a lease. Holders renew it by writing RenewTime;
// others may take it over once RenewTime+LeaseDurationSeconds has passed.
type LeaseSpec struct {
	// HolderIdentity is the current holder; nil or empty means none.
	HolderIdentity       *string    `json:"holderIdentity,omitempty"`
	LeaseDurationSeconds *int32     `json:"leaseDurationSeconds,omitempty"`
	AcquireTime          *MicroTime `json:"acquireTime,omitempty"`
	RenewTime            *MicroTime `json:"renewTime,omitempty"`
	// LeaseTransitions counts changes of holder.
	LeaseTransitions *int32 `json:"leaseTransitions,omitempty"`
	// Strategy selects the holder under coordinated leader election.
	Strategy *CoordinatedLeaseStrategy `json:"strategy,omitempty"`
	// PreferredHolder asks the holder to step down in its favour.
	PreferredHolder *string `json:"preferredHolder,omitempty"`
}

// CoordinatedLeaseStrategy is how coordinated leader election picks a holder.
type CoordinatedLeaseStrategy string

// OldestEmulationVersion picks the candidate with the oldest emulation
// version, then binary version, then creation time.
const OldestEmulationVersion CoordinatedLeaseStrategy = "OldestEmulationVersion"

// LeaseList is a list of Leases.
type LeaseList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`

	Items []Lease `json:"items"`
}
