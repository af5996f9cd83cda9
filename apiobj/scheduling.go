package apiobj

// Well-known priorities and priority classes.
const (
	// DefaultPriorityWhenNoDefaultClassExists is the priority of pods that
	// name no class when no class is the global default.
	DefaultPriorityWhenNoDefaultClassExists = 0
	// HighestUserDefinablePriority is the largest value a user class may have.
	HighestUserDefinablePriority = int32(1000000000)
	// SystemCriticalPriority is the base of the system classes.
	SystemCriticalPriority = 2 * HighestUserDefinablePriority
	// SystemPriorityClassPrefix is reserved for system class names.
	SystemPriorityClassPrefix = "system-"
	// SystemClusterCritical is the class of cluster-critical add-ons.
	SystemClusterCritical = SystemPriorityClassPrefix + "cluster-critical"
	// SystemNodeCritical is the class of node-critical pods; it is the highest.
	SystemNodeCritical = SystemPriorityClassPrefix + "node-critical"
)

// PriorityClass maps a class name to a pod priority.
type PriorityClass struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`

	// Value is the priority of pods of this class; higher is more important.
	Value int32 `json:"value" protobuf:"bytes,2,opt,name=value"`
	// GlobalDefault makes this the class of pods that name none; at most
	// one class may set it.
	GlobalDefault bool   `json:"globalDefault,omitempty" protobuf:"bytes,3,opt,name=globalDefault"`
	Description   string `json:"description,omitempty" protobuf:"bytes,4,opt,name=description"`
	// PreemptionPolicy nil means PreemptLowerPriority.
	PreemptionPolicy *PreemptionPolicy `json:"preemptionPolicy,omitempty" protobuf:"bytes,5,opt,name=preemptionPolicy"`
}

// PriorityClassList is a list of PriorityClasses.
type PriorityClassList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`

	Items []PriorityClass `json:"items" protobuf:"bytes,2,rep,name=items"`
}
