package apiobj

// Service gives a set of pods (chosen by Selector) one stable virtual IP,
// DNS name and ports, or aliases an external name.
type Service struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Spec       ServiceSpec   `json:"spec,omitempty" protobuf:"bytes,2,opt,name=spec"`
	Status     ServiceStatus `json:"status,omitempty" protobuf:"bytes,3,opt,name=status"`
}

// ServiceList is a list of Services.
type ServiceList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Items    []Service `json:"items" protobuf:"bytes,2,rep,name=items"`
}

// ServiceSpec is the desired behaviour of a service.
type ServiceSpec struct {
	// Ports are unique by (port, protocol), and by name when there are several.
	Ports []ServicePort `json:"ports,omitempty" patchStrategy:"merge" patchMergeKey:"port" protobuf:"bytes,1,rep,name=ports"`
	// Selector picks the backing pods. Empty means endpoints are managed by
	// someone else. Ignored for ExternalName.
	Selector map[string]string `json:"selector,omitempty" protobuf:"bytes,2,rep,name=selector"`
	// ClusterIP is the primary virtual IP: allocated when empty, "None" for
	// a headless service, and fixed once set (except when changing to or from
	// ExternalName).
	ClusterIP string `json:"clusterIP,omitempty" protobuf:"bytes,3,opt,name=clusterIP"`
	// ClusterIPs are the virtual IPs, at most one per family; ClusterIPs[0]
	// equals ClusterIP.
	ClusterIPs []string `json:"clusterIPs,omitempty" protobuf:"bytes,18,opt,name=clusterIPs"`
	// Type defaults to ClusterIP.
	Type ServiceType `json:"type,omitempty" protobuf:"bytes,4,opt,name=type"`
	// ExternalIPs are extra IPs nodes accept traffic for; not managed by the cluster.
	ExternalIPs []string `json:"externalIPs,omitempty" protobuf:"bytes,5,rep,name=externalIPs"`
	// SessionAffinity defaults to None.
	SessionAffinity ServiceAffinity `json:"sessionAffinity,omitempty" protobuf:"bytes,7,opt,name=sessionAffinity"`
	// LoadBalancerIP asks the provider for a specific IP.
	//
	// Deprecated: its meaning varies between implementations.
	LoadBalancerIP string `json:"loadBalancerIP,omitempty" protobuf:"bytes,8,opt,name=loadBalancerIP"`
	// LoadBalancerSourceRanges restrict client CIDRs where the provider supports it.
	LoadBalancerSourceRanges []string `json:"loadBalancerSourceRanges,omitempty" protobuf:"bytes,9,opt,name=loadBalancerSourceRanges"`
	// ExternalName is the CNAME target of an ExternalName service.
	ExternalName string `json:"externalName,omitempty" protobuf:"bytes,10,opt,name=externalName"`
	// ExternalTrafficPolicy applies to node ports, external IPs and load
	// balancer IPs; Local keeps the client IP and only uses local endpoints.
	ExternalTrafficPolicy ServiceExternalTrafficPolicy `json:"externalTrafficPolicy,omitempty" protobuf:"bytes,11,opt,name=externalTrafficPolicy"`
	// HealthCheckNodePort serves node health for LoadBalancer services with
	// ExternalTrafficPolicy Local; allocated when zero.
	HealthCheckNodePort int32 `json:"healthCheckNodePort,omitempty" protobuf:"bytes,12,opt,name=healthCheckNodePort"`
	// PublishNotReadyAddresses treats all endpoints as ready.
	PublishNotReadyAddresses bool                   `json:"publishNotReadyAddresses,omitempty" protobuf:"varint,13,opt,name=publishNotReadyAddresses"`
	SessionAffinityConfig    *SessionAffinityConfig `json:"sessionAffinityConfig,omitempty" protobuf:"bytes,14,opt,name=sessionAffinityConfig"`
	// IPFamilies are the families of ClusterIPs, in the same order.
	IPFamilies []IPFamily `json:"ipFamilies,omitempty" protobuf:"bytes,19,opt,name=ipFamilies"`
	// IPFamilyPolicy defaults to SingleStack.
	IPFamilyPolicy *IPFamilyPolicy `json:"ipFamilyPolicy,omitempty" protobuf:"bytes,17,opt,name=ipFamilyPolicy"`
	// AllocateLoadBalancerNodePorts nil means true; only for LoadBalancer.
	AllocateLoadBalancerNodePorts *bool `json:"allocateLoadBalancerNodePorts,omitempty" protobuf:"bytes,20,opt,name=allocateLoadBalancerNodePorts"`
	// LoadBalancerClass selects a non-default load balancer implementation;
	// immutable once set.
	LoadBalancerClass *string `json:"loadBalancerClass,omitempty" protobuf:"bytes,21,opt,name=loadBalancerClass"`
	// InternalTrafficPolicy applies to the cluster IP; nil means Cluster.
	InternalTrafficPolicy *ServiceInternalTrafficPolicy `json:"internalTrafficPolicy,omitempty" protobuf:"bytes,22,opt,name=internalTrafficPolicy"`
	// TrafficDistribution is a routing hint such as PreferClose.
	TrafficDistribution *string `json:"trafficDistribution,omitempty" protobuf:"bytes,23,opt,name=trafficDistribution"`
}

// ServicePort is one port of a service.
type ServicePort struct {
	// Name is a DNS label; required when there is more than one port, and
	// matched by EndpointPort.Name.
	Name string `json:"name,omitempty" protobuf:"bytes,1,opt,name=name"`
	// Protocol defaults to TCP.
	Protocol Protocol `json:"protocol,omitempty" protobuf:"bytes,2,opt,name=protocol"`
	// AppProtocol is an IANA name or a prefixed name such as kubernetes.io/h2c.
	AppProtocol *string `json:"appProtocol,omitempty" protobuf:"bytes,6,opt,name=appProtocol"`
	Port        int32   `json:"port" protobuf:"varint,3,opt,name=port"`
	// TargetPort is a number or a named container port; zero means Port.
	TargetPort IntOrString `json:"targetPort,omitempty" protobuf:"bytes,4,opt,name=targetPort"`
	// NodePort is allocated for NodePort and LoadBalancer services when zero.
	NodePort int32 `json:"nodePort,omitempty" protobuf:"varint,5,opt,name=nodePort"`
}

// ServiceType says how a service is exposed.
type ServiceType string

const (
	// ServiceTypeClusterIP exposes the service on a cluster-internal IP.
	ServiceTypeClusterIP ServiceType = "ClusterIP"
	// ServiceTypeNodePort adds a port on every node.
	ServiceTypeNodePort ServiceType = "NodePort"
	// ServiceTypeLoadBalancer adds an external load balancer.
	ServiceTypeLoadBalancer ServiceType = "LoadBalancer"
	// ServiceTypeExternalName is a DNS alias with no proxying.
	ServiceTypeExternalName ServiceType = "ExternalName"
)

// ClusterIPNone makes a headless service.
const ClusterIPNone = "None"

// ServiceAffinity is the session affinity of a service.
type ServiceAffinity string

const (
	ServiceAffinityClientIP ServiceAffinity = "ClientIP"
	ServiceAffinityNone     ServiceAffinity = "None"
)

// DefaultClientIPServiceAffinitySeconds is the default ClientIP affinity timeout (3h).
const DefaultClientIPServiceAffinitySeconds int32 = 10800

// SessionAffinityConfig configures session affinity.
type SessionAffinityConfig struct {
	ClientIP *ClientIPConfig `json:"clientIP,omitempty" protobuf:"bytes,1,opt,name=clientIP"`
}

// ClientIPConfig configures ClientIP affinity.
type ClientIPConfig struct {
	// TimeoutSeconds is in (0, 86400]; it defaults to 10800.
	TimeoutSeconds *int32 `json:"timeoutSeconds,omitempty" protobuf:"varint,1,opt,name=timeoutSeconds"`
}

// ServiceInternalTrafficPolicy says how nodes route traffic to the cluster IP.
type ServiceInternalTrafficPolicy string

const (
	ServiceInternalTrafficPolicyCluster ServiceInternalTrafficPolicy = "Cluster"
	ServiceInternalTrafficPolicyLocal   ServiceInternalTrafficPolicy = "Local"
)

// ServiceExternalTrafficPolicy says how nodes route external traffic.
type ServiceExternalTrafficPolicy string

const (
	ServiceExternalTrafficPolicyCluster ServiceExternalTrafficPolicy = "Cluster"
	ServiceExternalTrafficPolicyLocal   ServiceExternalTrafficPolicy = "Local"
)

// Values of ServiceSpec.TrafficDistribution.
const (
	// ServiceTrafficDistributionPreferClose prefers topologically close endpoints.
	ServiceTrafficDistributionPreferClose = "PreferClose"
	// ServiceTrafficDistributionPreferSameZone prefers endpoints in the client's zone.
	ServiceTrafficDistributionPreferSameZone = "PreferSameZone"
	// ServiceTrafficDistributionPreferSameNode prefers endpoints on the client's node.
	ServiceTrafficDistributionPreferSameNode = "PreferSameNode"
)

// IPFamily is IPv4 or IPv6.
type IPFamily string

const (
	IPv4Protocol    IPFamily = "IPv4"
	IPv6Protocol    IPFamily = "IPv6"
	IPFamilyUnknown IPFamily = ""
)

// IPFamilyPolicy is how many IP families a service wants.
type IPFamilyPolicy string

const (
	IPFamilyPolicySingleStack      IPFamilyPolicy = "SingleStack"
	IPFamilyPolicyPreferDualStack  IPFamilyPolicy = "PreferDualStack"
	IPFamilyPolicyRequireDualStack IPFamilyPolicy = "RequireDualStack"
)

// ServiceStatus is the observed state of a service.
type ServiceStatus struct {
	LoadBalancer LoadBalancerStatus `json:"loadBalancer,omitempty" protobuf:"bytes,1,opt,name=loadBalancer"`
	// Conditions are unique by Type.
	Conditions []Condition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type" protobuf:"bytes,2,rep,name=conditions"`
}

// Service condition types and reasons.
const (
	LoadBalancerPortsError       = "LoadBalancerPortsError"
	LoadBalancerPortsErrorReason = "LoadBalancerMixedProtocolNotSupported"
)

// LoadBalancerStatus lists a load balancer's ingress points.
type LoadBalancerStatus struct {
	Ingress []LoadBalancerIngress `json:"ingress,omitempty" protobuf:"bytes,1,rep,name=ingress"`
}

// LoadBalancerIngress is one ingress point of a load balancer.
type LoadBalancerIngress struct {
	IP       string `json:"ip,omitempty" protobuf:"bytes,1,opt,name=ip"`
	Hostname string `json:"hostname,omitempty" protobuf:"bytes,2,opt,name=hostname"`
	// IPMode is VIP or Proxy; only with IP.
	IPMode *LoadBalancerIPMode `json:"ipMode,omitempty" protobuf:"bytes,3,opt,name=ipMode"`
	Ports  []PortStatus        `json:"ports,omitempty" protobuf:"bytes,4,rep,name=ports"`
}

// LoadBalancerIPMode says how traffic to a load balancer IP reaches nodes.
type LoadBalancerIPMode string

const (
	// LoadBalancerIPModeVIP delivers packets addressed to the load balancer IP.
	LoadBalancerIPModeVIP LoadBalancerIPMode = "VIP"
	// LoadBalancerIPModeProxy delivers packets addressed to node or pod IPs.
	LoadBalancerIPModeProxy LoadBalancerIPMode = "Proxy"
)

// PortStatus reports a problem with one service port.
type PortStatus struct {
	Port     int32    `json:"port" protobuf:"varint,1,opt,name=port"`
	Protocol Protocol `json:"protocol" protobuf:"bytes,2,opt,name=protocol"`
	// Error is a CamelCase reason, optionally domain-prefixed.
	Error *string `json:"error,omitempty" protobuf:"bytes,3,opt,name=error"`
}

// MixedProtocolNotSupported is a PortStatus error.
const MixedProtocolNotSupported = "MixedProtocolNotSupported"

// ServiceProxyOptions are the query parameters of services/proxy.
type ServiceProxyOptions struct {
	TypeMeta `json:",inline"`
	Path     string `json:"path,omitempty" protobuf:"bytes,1,opt,name=path"`
}

// Labels and annotations about services and endpoints.
const (
	// LabelServiceProxyName hands a service to a non-default proxy.
	LabelServiceProxyName = "service.kubernetes.io/service-proxy-name"
	// IsHeadlessService marks endpoints of a headless service.
	IsHeadlessService = "service.kubernetes.io/headless"
	// EndpointsLastChangeTriggerTime is when the pod or service change that
	// produced an Endpoints object happened.
	EndpointsLastChangeTriggerTime = "endpoints.kubernetes.io/last-change-trigger-time"
	// EndpointsOverCapacity is set when addresses were truncated.
	EndpointsOverCapacity = "endpoints.kubernetes.io/over-capacity"
)

// Endpoints lists the addresses backing a service. The set of endpoints is
// the union over subsets of each subset's addresses × ports. Kubernetes
// prefers discovery.k8s.io EndpointSlices; Endpoints is still served for
// older clients.
type Endpoints struct {
	TypeMeta   `json:",inline"`
	ObjectMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Subsets    []EndpointSubset `json:"subsets,omitempty" protobuf:"bytes,2,rep,name=subsets"`
}

// EndpointsList is a list of Endpoints.
type EndpointsList struct {
	TypeMeta `json:",inline"`
	ListMeta `json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"`
	Items    []Endpoints `json:"items" protobuf:"bytes,2,rep,name=items"`
}

// EndpointSubset is addresses sharing one set of ports. No address appears
// both ready and not ready in one subset.
type EndpointSubset struct {
	Addresses []EndpointAddress `json:"addresses,omitempty" protobuf:"bytes,1,rep,name=addresses"`
	// NotReadyAddresses are starting or failing readiness.
	NotReadyAddresses []EndpointAddress `json:"notReadyAddresses,omitempty" protobuf:"bytes,2,rep,name=notReadyAddresses"`
	Ports             []EndpointPort    `json:"ports,omitempty" protobuf:"bytes,3,rep,name=ports"`
}

// EndpointAddress is one endpoint IP.
type EndpointAddress struct {
	// IP may not be loopback, link-local or link-local multicast.
	IP       string `json:"ip" protobuf:"bytes,1,opt,name=ip"`
	Hostname string `json:"hostname,omitempty" protobuf:"bytes,3,opt,name=hostname"`
	// NodeName is the node hosting the endpoint.
	NodeName  *string          `json:"nodeName,omitempty" protobuf:"bytes,4,opt,name=nodeName"`
	TargetRef *ObjectReference `json:"targetRef,omitempty" protobuf:"bytes,2,opt,name=targetRef"`
}

// EndpointPort is one port of an endpoint subset.
type EndpointPort struct {
	// Name matches ServicePort.Name; optional when there is one port.
	Name string `json:"name,omitempty" protobuf:"bytes,1,opt,name=name"`
	Port int32  `json:"port" protobuf:"varint,2,opt,name=port"`
	// Protocol defaults to TCP.
	Protocol    Protocol `json:"protocol,omitempty" protobuf:"bytes,3,opt,name=protocol"`
	AppProtocol *string  `json:"appProtocol,omitempty" protobuf:"bytes,4,opt,name=appProtocol"`
}
