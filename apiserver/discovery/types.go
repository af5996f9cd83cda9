package discovery

import "github.com/orcaproj/orca/apiobj"

// The legacy discovery documents (meta/v1), as kubectl and client-go decode
// them.

// APIVersions lists the versions of the legacy core group, served at /api.
type APIVersions struct {
	apiobj.TypeMeta `json:",inline"`
	// Versions are the served versions ("v1").
	Versions []string `json:"versions"`
	// ServerAddressByClientCIDRs tells clients which address reaches the
	// server from their network.
	ServerAddressByClientCIDRs []ServerAddressByClientCIDR `json:"serverAddressByClientCIDRs"`
}

// ServerAddressByClientCIDR maps a client network to a server address.
type ServerAddressByClientCIDR struct {
	ClientCIDR    string `json:"clientCIDR"`
	ServerAddress string `json:"serverAddress"`
}

// APIGroupList lists the named API groups, served at /apis.
type APIGroupList struct {
	apiobj.TypeMeta `json:",inline"`
	Groups          []APIGroup `json:"groups"`
}

// APIGroup is one named group with its versions, served at /apis/{group}.
type APIGroup struct {
	apiobj.TypeMeta `json:",inline"`
	Name            string                     `json:"name"`
	Versions        []GroupVersionForDiscovery `json:"versions"`
	// PreferredVersion is the version clients should use.
	PreferredVersion           GroupVersionForDiscovery    `json:"preferredVersion,omitzero"`
	ServerAddressByClientCIDRs []ServerAddressByClientCIDR `json:"serverAddressByClientCIDRs,omitempty"`
}

// GroupVersionForDiscovery names one version of a group.
type GroupVersionForDiscovery struct {
	// GroupVersion is "group/version" ("v1" for the core group).
	GroupVersion string `json:"groupVersion"`
	Version      string `json:"version"`
}

// APIResourceList lists the resources of one group version, served at
// /api/v1 and /apis/{group}/{version}.
type APIResourceList struct {
	apiobj.TypeMeta `json:",inline"`
	GroupVersion    string        `json:"groupVersion"`
	APIResources    []APIResource `json:"resources"`
}

// APIResource is one resource or subresource ("pods/status").
type APIResource struct {
	// Name is the plural resource, or "resource/subresource".
	Name string `json:"name"`
	// SingularName is empty for subresources.
	SingularName string `json:"singularName"`
	Namespaced   bool   `json:"namespaced"`
	// Group and Version are set only when the kind lives in another group
	// version than the list (deployments/scale is autoscaling/v1 Scale).
	Group      string   `json:"group,omitempty"`
	Version    string   `json:"version,omitempty"`
	Kind       string   `json:"kind"`
	Verbs      []string `json:"verbs"`
	ShortNames []string `json:"shortNames,omitempty"`
	Categories []string `json:"categories,omitempty"`
	// StorageVersionHash is left empty: orca stores one version per kind.
	StorageVersionHash string `json:"storageVersionHash,omitempty"`
}

// Aggregated discovery (apidiscovery.k8s.io/v2 and v2beta1): every group,
// version and resource in one document, for /api and /apis.

// APIGroupDiscoveryList is the aggregated discovery document.
type APIGroupDiscoveryList struct {
	apiobj.TypeMeta `json:",inline"`
	Metadata        apiobj.ListMeta     `json:"metadata"`
	Items           []APIGroupDiscovery `json:"items"`
}

// DiscoveryMeta is the metadata of an APIGroupDiscovery: the group name.
type DiscoveryMeta struct {
	// Name is the group; "" for the core group.
	Name string `json:"name,omitempty"`
	// CreationTimestamp is always null; it is kept for the wire shape.
	CreationTimestamp *apiobj.Time `json:"creationTimestamp"`
}

// APIGroupDiscovery is one group with every served version, the preferred
// version first.
type APIGroupDiscovery struct {
	apiobj.TypeMeta `json:",inline"`
	Metadata        DiscoveryMeta         `json:"metadata"`
	Versions        []APIVersionDiscovery `json:"versions,omitempty"`
}

// DiscoveryFreshness says whether a version's resources are up to date.
type DiscoveryFreshness string

// Freshness values.
const (
	DiscoveryFreshnessCurrent DiscoveryFreshness = "Current"
	DiscoveryFreshnessStale   DiscoveryFreshness = "Stale"
)

// APIVersionDiscovery is one version of a group with its resources.
type APIVersionDiscovery struct {
	Version   string                 `json:"version"`
	Resources []APIResourceDiscovery `json:"resources,omitempty"`
	Freshness DiscoveryFreshness     `json:"freshness,omitempty"`
}

// ResourceScope is Cluster or Namespaced.
type ResourceScope string

// Scopes.
const (
	ScopeCluster   ResourceScope = "Cluster"
	ScopeNamespace ResourceScope = "Namespaced"
)

// GroupVersionKind is a kind on the wire of aggregated discovery. An empty
// group and version mean the resource's own.
type GroupVersionKind struct {
	Group   string `json:"group"`
	Version string `json:"version"`
	Kind    string `json:"kind"`
}

// APIResourceDiscovery is one resource with its subresources.
type APIResourceDiscovery struct {
	Resource         string                    `json:"resource"`
	ResponseKind     *GroupVersionKind         `json:"responseKind,omitempty"`
	Scope            ResourceScope             `json:"scope"`
	SingularResource string                    `json:"singularResource"`
	Verbs            []string                  `json:"verbs"`
	ShortNames       []string                  `json:"shortNames,omitempty"`
	Categories       []string                  `json:"categories,omitempty"`
	Subresources     []APISubresourceDiscovery `json:"subresources,omitempty"`
}

// APISubresourceDiscovery is one subresource.
type APISubresourceDiscovery struct {
	Subresource   string             `json:"subresource"`
	ResponseKind  *GroupVersionKind  `json:"responseKind,omitempty"`
	AcceptedTypes []GroupVersionKind `json:"acceptedTypes,omitempty"`
	Verbs         []string           `json:"verbs"`
}
