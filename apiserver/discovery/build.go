package discovery

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/orcaproj/orca/apiobj"
)

// subresourceInfo is what discovery says about one subresource.
type subresourceInfo struct {
	kind  apiobj.GroupVersionKind // empty Group and Version: the resource's own
	verbs []string
}

var (
	verbsGetPatchUpdate = []string{"get", "patch", "update"}
	verbsProxy          = []string{"create", "delete", "get", "patch", "update"}
	verbsConnect        = []string{"create", "get"}
)

// subresourceFor returns the kind and verbs of subresource sub of kind k,
// as Kubernetes lists them.
func subresourceFor(k *apiobj.KindInfo, sub string) subresourceInfo {
	own := apiobj.GroupVersionKind{Kind: k.Kind}
	switch sub {
	case "scale":
		return subresourceInfo{apiobj.AutoscalingV1.WithKind("Scale"), verbsGetPatchUpdate}
	case "binding":
		return subresourceInfo{apiobj.GroupVersionKind{Kind: "Binding"}, []string{"create"}}
	case "eviction":
		return subresourceInfo{apiobj.PolicyV1.WithKind("Eviction"), []string{"create"}}
	case "token":
		return subresourceInfo{apiobj.AuthenticationV1.WithKind("TokenRequest"), []string{"create"}}
	case "log":
		return subresourceInfo{own, []string{"get"}}
	case "exec":
		return subresourceInfo{apiobj.GroupVersionKind{Kind: "PodExecOptions"}, verbsConnect}
	case "attach":
		return subresourceInfo{apiobj.GroupVersionKind{Kind: "PodAttachOptions"}, verbsConnect}
	case "portforward":
		return subresourceInfo{apiobj.GroupVersionKind{Kind: "PodPortForwardOptions"}, verbsConnect}
	case "proxy":
		return subresourceInfo{apiobj.GroupVersionKind{Kind: k.Kind + "ProxyOptions"}, verbsProxy}
	case "finalize":
		return subresourceInfo{own, []string{"update"}}
	}
	// status, ephemeralcontainers, resize and anything else: the object itself.
	return subresourceInfo{own, verbsGetPatchUpdate}
}

// groupPriority orders the named groups in /apis as kube-apiserver does;
// groups not listed follow in alphabetical order.
var groupPriority = map[string]int{
	"apiregistration.k8s.io":       1,
	"apps":                         2,
	"events.k8s.io":                3,
	"authentication.k8s.io":        4,
	"authorization.k8s.io":         5,
	"autoscaling":                  6,
	"batch":                        7,
	"certificates.k8s.io":          8,
	"networking.k8s.io":            9,
	"policy":                       10,
	"rbac.authorization.k8s.io":    11,
	"storage.k8s.io":               12,
	"admissionregistration.k8s.io": 13,
	"apiextensions.k8s.io":         14,
	"scheduling.k8s.io":            15,
	"coordination.k8s.io":          16,
	"node.k8s.io":                  17,
	"discovery.k8s.io":             18,
	"flowcontrol.apiserver.k8s.io": 19,
	"resource.k8s.io":              20,
}

func compareGroups(a, b string) int {
	pa, oka := groupPriority[a]
	pb, okb := groupPriority[b]
	switch {
	case oka && okb:
		return cmp.Compare(pa, pb)
	case oka:
		return -1
	case okb:
		return 1
	}
	return strings.Compare(a, b)
}

// parseKubeVersion splits "v2beta1" into (2, 1 for beta, 1); ok is false
// for versions that do not follow the Kubernetes pattern.
func parseKubeVersion(v string) (major int, stability int, minor int, ok bool) {
	if len(v) < 2 || v[0] != 'v' {
		return 0, 0, 0, false
	}
	rest := v[1:]
	i := 0
	for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
		i++
	}
	if i == 0 || rest[0] == '0' {
		return 0, 0, 0, false
	}
	major, _ = strconv.Atoi(rest[:i])
	rest = rest[i:]
	if rest == "" {
		return major, 2, 0, true
	}
	for _, s := range []struct {
		prefix string
		level  int
	}{{"beta", 1}, {"alpha", 0}} {
		if m, found := strings.CutPrefix(rest, s.prefix); found {
			n, err := strconv.Atoi(m)
			if err != nil || m == "" || m[0] == '0' {
				return 0, 0, 0, false
			}
			return major, s.level, n, true
		}
	}
	return 0, 0, 0, false
}

// CompareVersions orders versions by preference, most preferred first, as
// Kubernetes does: GA before beta before alpha, higher numbers first, and
// versions that do not look like Kubernetes versions last, alphabetically.
func CompareVersions(a, b string) int {
	ma, sa, na, oka := parseKubeVersion(a)
	mb, sb, nb, okb := parseKubeVersion(b)
	switch {
	case oka && okb:
		if sa != sb {
			return cmp.Compare(sb, sa)
		}
		if ma != mb {
			return cmp.Compare(mb, ma)
		}
		return cmp.Compare(nb, na)
	case oka:
		return -1
	case okb:
		return 1
	}
	return strings.Compare(a, b)
}

// model is the discovery view of a Scheme at one moment.
type model struct {
	// groups in /apis order, core ("") excluded; versions preferred first.
	groups   []string
	versions map[string][]string
	// resources per group version, sorted by resource name.
	resources map[apiobj.GroupVersion][]*apiobj.KindInfo
}

func buildModel(kinds []*apiobj.KindInfo) *model {
	m := &model{versions: map[string][]string{}, resources: map[apiobj.GroupVersion][]*apiobj.KindInfo{}}
	for _, k := range kinds {
		if k.Resource == "" {
			continue // travels on the wire only (Scale, Eviction, ...)
		}
		gv := k.GroupVersion()
		if _, ok := m.resources[gv]; !ok {
			m.versions[gv.Group] = append(m.versions[gv.Group], gv.Version)
		}
		m.resources[gv] = append(m.resources[gv], k)
	}
	for g, vs := range m.versions {
		slices.SortFunc(vs, CompareVersions)
		if g != "" {
			m.groups = append(m.groups, g)
		}
	}
	slices.SortFunc(m.groups, compareGroups)
	for _, ks := range m.resources {
		slices.SortFunc(ks, func(a, b *apiobj.KindInfo) int { return strings.Compare(a.Resource, b.Resource) })
	}
	return m
}

func verbsOf(k *apiobj.KindInfo) []string {
	if k.Verbs == nil {
		return apiobj.VerbsAll
	}
	return k.Verbs
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// resourceList returns the legacy APIResourceList of gv.
func (m *model) resourceList(gv apiobj.GroupVersion) (*APIResourceList, bool) {
	ks, ok := m.resources[gv]
	if !ok {
		return nil, false
	}
	l := &APIResourceList{
		TypeMeta:     apiobj.TypeMeta{Kind: "APIResourceList", APIVersion: "v1"},
		GroupVersion: gv.String(),
		APIResources: []APIResource{},
	}
	for _, k := range ks {
		l.APIResources = append(l.APIResources, APIResource{
			Name:         k.Resource,
			SingularName: k.Singular,
			Namespaced:   k.Namespaced,
			Kind:         k.Kind,
			Verbs:        nonNil(verbsOf(k)),
			ShortNames:   k.ShortNames,
			Categories:   k.Categories,
		})
		subs := slices.Clone(k.Subresources)
		slices.Sort(subs)
		for _, sub := range subs {
			si := subresourceFor(k, sub)
			l.APIResources = append(l.APIResources, APIResource{
				Name:       k.Resource + "/" + sub,
				Namespaced: k.Namespaced,
				Group:      si.kind.Group,
				Version:    si.kind.Version,
				Kind:       si.kind.Kind,
				Verbs:      si.verbs,
			})
		}
	}
	return l, true
}

// group returns the legacy APIGroup of a named group.
func (m *model) group(name string) (APIGroup, bool) {
	vs, ok := m.versions[name]
	if !ok || name == "" {
		return APIGroup{}, false
	}
	g := APIGroup{Name: name}
	for _, v := range vs {
		g.Versions = append(g.Versions, GroupVersionForDiscovery{GroupVersion: name + "/" + v, Version: v})
	}
	g.PreferredVersion = g.Versions[0]
	return g, true
}

func (m *model) groupList() *APIGroupList {
	l := &APIGroupList{TypeMeta: apiobj.TypeMeta{Kind: "APIGroupList", APIVersion: "v1"}, Groups: []APIGroup{}}
	for _, name := range m.groups {
		g, _ := m.group(name)
		l.Groups = append(l.Groups, g)
	}
	return l
}

func wireKind(gvk apiobj.GroupVersionKind) *GroupVersionKind {
	return &GroupVersionKind{Group: gvk.Group, Version: gvk.Version, Kind: gvk.Kind}
}

func (m *model) groupDiscovery(name string) APIGroupDiscovery {
	g := APIGroupDiscovery{Metadata: DiscoveryMeta{Name: name}}
	for _, v := range m.versions[name] {
		vd := APIVersionDiscovery{Version: v, Freshness: DiscoveryFreshnessCurrent}
		for _, k := range m.resources[apiobj.GroupVersion{Group: name, Version: v}] {
			rd := APIResourceDiscovery{
				Resource:         k.Resource,
				ResponseKind:     wireKind(apiobj.GroupVersionKind{Kind: k.Kind}),
				Scope:            ScopeCluster,
				SingularResource: k.Singular,
				Verbs:            nonNil(verbsOf(k)),
				ShortNames:       k.ShortNames,
				Categories:       k.Categories,
			}
			if k.Namespaced {
				rd.Scope = ScopeNamespace
			}
			subs := slices.Clone(k.Subresources)
			slices.Sort(subs)
			for _, sub := range subs {
				si := subresourceFor(k, sub)
				rd.Subresources = append(rd.Subresources, APISubresourceDiscovery{
					Subresource:  sub,
					ResponseKind: wireKind(si.kind),
					Verbs:        si.verbs,
				})
			}
			vd.Resources = append(vd.Resources, rd)
		}
		g.Versions = append(g.Versions, vd)
	}
	return g
}

// aggregated returns the aggregated document of /api (core) or /apis.
func (m *model) aggregated(core bool, apiVersion string) *APIGroupDiscoveryList {
	l := &APIGroupDiscoveryList{
		TypeMeta: apiobj.TypeMeta{Kind: "APIGroupDiscoveryList", APIVersion: apiVersion},
		Items:    []APIGroupDiscovery{},
	}
	if core {
		if _, ok := m.versions[""]; ok {
			l.Items = append(l.Items, m.groupDiscovery(""))
		}
		return l
	}
	for _, g := range m.groups {
		l.Items = append(l.Items, m.groupDiscovery(g))
	}
	return l
}
