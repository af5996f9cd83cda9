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
	ObjectMeta `json:"metadata,omitempty"`

	// AddressType is immutable.
	AddressType AddressType `json:"addressType"`
	Endpoints   []Endpoint  `json:"endpoints"`
	// Ports apply to every endpoint in the slice. A nil Port means all ports.
	Ports []EndpointSlicePort `json:"ports"`
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
	Addresses  []string           `json:"addresses"`
	Conditions EndpointConditions `json:"conditions,omitempty"`
	Hostname   *string            `json:"hostname,omitempty"`
	TargetRef  *ObjectReference   `json:"targetRef,omitempty"`
	// DeprecatedTopology is read-only legacy data from v1beta1.
	DeprecatedTopology map[string]string `json:"deprecatedTopology,omitempty"`
	NodeName           *string           `json:"nodeName,omitempty"`
	Zone               *string           `json:"zone,omitempty"`
	Hints              *EndpointHints    `json:"hints,omitempty"`
}

// EndpointConditions is the state of an endpoint. Nil Ready and Serving
// mean true; nil Terminating means false.
type EndpointConditions struct {
	Ready       *bool `json:"ready,omitempty"`
	Serving     *bool `json:"serving,omitempty"`
	Terminating *bool `json:"terminating,omitempty"`
}

// EndpointHints say where an endpoint should be consumed, for topology-aware routing.
type EndpointHints struct {
	ForZones []ForZone `json:"forZones,omitempty"`
	ForNodes []ForNode `json:"forNodes,omitempty"`
}

// ForZone names a zone that should consume an endpoint.
type ForZone struct {
	Name string `json:"name"`
}

// ForNode names a node that should consume an endpoint.
type ForNode struct {
	Name string `json:"name"`
}

// EndpointSlicePort is a port of an EndpointSlice (Kubernetes'
// discovery/v1 EndpointPort; renamed here because core's Endpoints has its
// own EndpointPort). Nil Name means "", nil Protocol means TCP.
type EndpointSlicePort struct {
	Name        *string   `json:"name,omitempty"`
	Protocol    *Protocol `json:"protocol,omitempty"`
	Port        *int32    `json:"port,omitempty"`
	AppProtocol *string   `json:"appProtocol,omitempty"`
}

// EndpointSliceList is a list of EndpointSlices.
type EndpointSliceList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty"`

	Items []EndpointSlice `json:"items"`
}
