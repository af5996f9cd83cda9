package apiobj

// Labels of EndpointSlices.
const (
	// EndpointSliceServiceNameLabel names the Service a slice belongs to.
	EndpointSliceServiceNameLabel = "kubernetes.io/service-name"
	// EndpointSliceManagedByLabel names the controller that manages a slice.
	EndpointSliceManagedByLabel = "endpointslice.kubernetes.io/managed-by"
	// EndpointSliceSkipMirrorLabel set to "true" on Endpoints stops them
	// being mirrored into slices.
	EndpointSliceSkipMirrorLabel = "endpointslice.kubernetes.io/skip-mirror"
)

// EndpointSlice is a subset of the endpoints of a Service. The slices of a
// Service together hold all of them; find them by EndpointSliceServiceNameLabel.
type EndpointSlice struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`

	// AddressType is immutable.
	AddressType AddressType `json:"addressType" protobuf:"bytes,4,rep,name=addressType"`
	Endpoints   []Endpoint  `json:"endpoints" protobuf:"bytes,2,rep,name=endpoints"`
	// Ports apply to every endpoint in the slice. A nil Port means all ports.
	Ports []EndpointSlicePort `json:"ports" protobuf:"bytes,3,rep,name=ports"`
}

// AddressType is the kind of address in an EndpointSlice.
type AddressType string

const (
	AddressTypeIPv4 AddressType = "IPv4"
	AddressTypeIPv6 AddressType = "IPv6"
	// AddressTypeFQDN is deprecated; nothing built in consumes it.
	AddressTypeFQDN AddressType = "FQDN"
)

// Endpoint is one backend of a Service.
type Endpoint struct {
	// Addresses holds at least one address; consumers use the first.
	Addresses  []string           `json:"addresses" protobuf:"bytes,1,rep,name=addresses"`
	Conditions EndpointConditions `json:"conditions,omitempty" protobuf:"bytes,2,opt,name=conditions"`
	Hostname   *string            `json:"hostname,omitempty" protobuf:"bytes,3,opt,name=hostname"`
	TargetRef  *ObjectReference   `json:"targetRef,omitempty" protobuf:"bytes,4,opt,name=targetRef"`
	// DeprecatedTopology is read-only legacy data from v1beta1.
	DeprecatedTopology map[string]string `json:"deprecatedTopology,omitempty" protobuf:"bytes,5,opt,name=deprecatedTopology"`
	NodeName           *string           `json:"nodeName,omitempty" protobuf:"bytes,6,opt,name=nodeName"`
	Zone               *string           `json:"zone,omitempty" protobuf:"bytes,7,opt,name=zone"`
	Hints              *EndpointHints    `json:"hints,omitempty" protobuf:"bytes,8,opt,name=hints"`
}

// EndpointConditions is the state of an endpoint. Nil Ready and Serving
// mean true; nil Terminating means false.
type EndpointConditions struct {
	Ready       *bool `json:"ready,omitempty" protobuf:"bytes,1,name=ready"`
	Serving     *bool `json:"serving,omitempty" protobuf:"bytes,2,name=serving"`
	Terminating *bool `json:"terminating,omitempty" protobuf:"bytes,3,name=terminating"`
}

// EndpointHints say where an endpoint should be consumed, for topology-aware routing.
type EndpointHints struct {
	ForZones []ForZone `json:"forZones,omitempty" protobuf:"bytes,1,name=forZones"`
	ForNodes []ForNode `json:"forNodes,omitempty" protobuf:"bytes,2,name=forNodes"`
}

// ForZone names a zone that should consume an endpoint.
type ForZone struct {
	Name string `json:"name" protobuf:"bytes,1,name=name"`
}

// ForNode names a node that should consume an endpoint.
type ForNode struct {
	Name string `json:"name" protobuf:"bytes,1,name=name"`
}

// EndpointSlicePort is a port of an EndpointSlice (Kubernetes'
// discovery/v1 EndpointPort; renamed here because core's Endpoints has its
// own EndpointPort). Nil Name means "", nil Protocol means TCP.
type EndpointSlicePort struct {
	Name        *string   `json:"name,omitempty" protobuf:"bytes,1,name=name"`
	Protocol    *Protocol `json:"protocol,omitempty" protobuf:"bytes,2,name=protocol"`
	Port        *int32    `json:"port,omitempty" protobuf:"bytes,3,opt,name=port"`
	AppProtocol *string   `json:"appProtocol,omitempty" protobuf:"bytes,4,name=appProtocol"`
}

// EndpointSliceList is a list of EndpointSlices.
type EndpointSliceList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`

	Items []EndpointSlice `json:"items" protobuf:"bytes,2,rep,name=items"`
}
